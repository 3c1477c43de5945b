// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The explanation of the open lesson, beside the plots: its title, the HTML text (what the
// lesson shows, what to look for, what to change next) and buttons to reload the lesson's
// experiment or move to the previous or next lesson.

#include <QString>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace reglab::ui {

class LessonViewer : public QWidget {
    Q_OBJECT
public:
    explicit LessonViewer(QWidget *parent = nullptr);

    /// Shows lesson `number` (1-based) in `language` ("en", "ko"); 0 shows the placeholder.
    void showLesson(int number, const QString &language);
    /// The lesson shown, 0 when none.
    int lesson() const { return m_lesson; }
    QTextBrowser *browser() const { return m_browser; }

signals:
    /// The user asked for lesson `number` (previous, next, or reload of the current one).
    void lessonRequested(int number);

private:
    void wrapPreformattedText();

    QLabel *m_title = nullptr;
    QTextBrowser *m_browser = nullptr;
    QPushButton *m_previous = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_next = nullptr;
    int m_lesson = 0;
};

} // namespace reglab::ui
