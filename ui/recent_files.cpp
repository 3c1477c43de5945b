// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/recent_files.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QSettings>

namespace reglab::ui {

namespace {
const QString kSettingsKey = QStringLiteral("recentFiles");
} // namespace

RecentFiles::RecentFiles(QObject *parent)
    : QObject(parent) {}

QStringList RecentFiles::files() const {
    return QSettings().value(kSettingsKey).toStringList();
}

void RecentFiles::add(const QString &path) {
    if (!m_persistent)
        return;
    QStringList list = files();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxFiles)
        list.removeLast();
    QSettings().setValue(kSettingsKey, list);
}

void RecentFiles::clear() {
    QSettings().remove(kSettingsKey);
}

void RecentFiles::attachMenu(QMenu *menu) {
    connect(menu, &QMenu::aboutToShow, this, [this, menu] { fillMenu(menu); });
}

void RecentFiles::fillMenu(QMenu *menu) {
    menu->clear();
    const QStringList list = files();
    for (const QString &path : list)
        menu->addAction(QDir::toNativeSeparators(path), this,
                        [this, path] { emit fileChosen(path); });
    if (list.isEmpty()) {
        menu->addAction(tr("No recent files"))->setEnabled(false);
        return;
    }
    menu->addSeparator();
    menu->addAction(tr("Clear list"), this, &RecentFiles::clear);
}

} // namespace reglab::ui
