// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The recently opened or saved experiment files, newest first, kept in QSettings, and the
// Open Recent menu that lists them.

#include <QObject>
#include <QString>
#include <QStringList>

class QMenu;

namespace reglab::ui {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr int kMaxFiles = 8;

    explicit RecentFiles(QObject *parent = nullptr);

    QStringList files() const;
    /// Puts `path` first (once), keeping at most kMaxFiles. Nothing when not persistent.
    void add(const QString &path);
    void clear();
    /// Off: add() keeps the stored list as it is (tests, screenshots).
    void setPersistent(bool persistent) { m_persistent = persistent; }

    /// Fills `menu` with the list each time it opens: one entry per file (emitting
    /// fileChosen), then "Clear list"; "No recent files" when there are none.
    void attachMenu(QMenu *menu);

signals:
    void fileChosen(const QString &path);

private:
    void fillMenu(QMenu *menu);

    bool m_persistent = true;
};

} // namespace reglab::ui
