// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The start page shown when RegLab starts: the lessons, the built-in experiment, "Open
// file…" and the recent files, with a "Show at startup" check box (QSettings). The dialog
// only reports the choice; the main window acts on it.

#include <QDialog>
#include <QString>
#include <QStringList>

class QCheckBox;
class QListWidget;
class QPushButton;

namespace reglab::ui {

class LessonStartPage : public QDialog {
    Q_OBJECT
public:
    explicit LessonStartPage(const QStringList &recentFiles, QWidget *parent = nullptr);

    /// The "Show at startup" setting (QSettings key "startPage/showAtStartup", default true).
    static bool showAtStartup();
    static void setShowAtStartup(bool show);

    QListWidget *lessonList() const { return m_lessons; }
    QListWidget *recentList() const { return m_recent; }
    QCheckBox *showAtStartupCheck() const { return m_showCheck; }

    /// Chooses lesson `number` as if it had been double-clicked (emits, then closes).
    void chooseLesson(int number);

signals:
    void lessonChosen(int number);
    void builtinChosen();
    void openFileChosen();
    void recentFileChosen(const QString &path);

private:
    QListWidget *m_lessons = nullptr;
    QListWidget *m_recent = nullptr;
    QCheckBox *m_showCheck = nullptr;
    QPushButton *m_openLesson = nullptr;
};

} // namespace reglab::ui
