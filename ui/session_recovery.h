// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Crash recovery: while the document has unsaved changes, a copy of the experiment is kept
// in a recovery file (written atomically a moment after each edit). A clean exit, a save,
// or loading a clean document removes it. At the next start a recovery file that is still
// there means the last session ended without a clean exit, and its experiment can be
// restored.

#include "core/experiment_spec.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace reglab::ui {

class ExperimentDocument;

class SessionRecovery : public QObject {
    Q_OBJECT
public:
    /// What a recovery file holds: the experiment and the file it belonged to (may be empty).
    struct Recovered {
        ExperimentSpec spec;
        QString filePath;
    };

    /// Watches `doc`; the recovery file is `path` (see defaultPath()).
    SessionRecovery(ExperimentDocument *doc, const QString &path, QObject *parent = nullptr);

    /// recovery.reglab.json in the application's data folder.
    static QString defaultPath();

    QString path() const { return m_path; }
    /// Reads a recovery file; nullopt when there is none or it cannot be read.
    static std::optional<Recovered> read(const QString &path);

    /// Writes the recovery file now when the document is modified, removes it otherwise.
    /// Returns false when the file could not be written.
    bool sync();
    /// Removes the recovery file (clean exit).
    void discard();

private:
    ExperimentDocument *m_doc;
    QString m_path;
    QTimer m_timer;
};

} // namespace reglab::ui
