// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/session_recovery.h"

#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "ui/experiment_document.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

namespace reglab::ui {

namespace {
constexpr int kDelayMs = 1000; // edits in a burst (a slider drag) are written once
} // namespace

SessionRecovery::SessionRecovery(ExperimentDocument *doc, const QString &path, QObject *parent)
    : QObject(parent)
    , m_doc(doc)
    , m_path(path) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &SessionRecovery::sync);
    connect(doc, &ExperimentDocument::specChanged, &m_timer, qOverload<>(&QTimer::start));
    connect(doc, &ExperimentDocument::modifiedChanged, this, [this](bool modified) {
        if (modified)
            m_timer.start();
        else
            sync(); // saved or loaded clean: nothing left to recover
    });
}

QString SessionRecovery::defaultPath() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
           + QStringLiteral("/recovery.reglab.json");
}

std::optional<SessionRecovery::Recovered> SessionRecovery::read(const QString &path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const std::string text = file.readAll().toStdString();
    try {
        const auto doc = parseJsonText(text, path.toStdString());
        Recovered r;
        r.spec = experimentFromJson(doc.at("experiment"), path.toStdString());
        r.filePath = QString::fromStdString(doc.at("file").get<std::string>());
        return r;
    } catch (const std::exception &) {
        return std::nullopt; // a damaged recovery file is no reason to stop the app
    }
}

bool SessionRecovery::sync() {
    m_timer.stop();
    if (!m_doc->isModified()) {
        discard();
        return true;
    }
    nlohmann::ordered_json doc;
    doc["file"] = m_doc->filePath().toStdString();
    doc["experiment"] = experimentToJson(m_doc->spec());
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile out(m_path);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    out.write(QByteArray::fromStdString(doc.dump(2) + "\n"));
    return out.commit();
}

void SessionRecovery::discard() {
    m_timer.stop();
    QFile::remove(m_path);
}

} // namespace reglab::ui
