// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The open lesson, beside the plots: its title, the HTML text (what the lesson shows, what
// to look for, what to change next) with the student's own numbers filled in, the steps'
// checks ticking (✓ or "not yet") as the run proceeds, and buttons to set up a step, reload
// the lesson or move to the previous or next lesson. The run in the window counts for the
// step chosen here.

#include "core/lesson/expectation.h"
#include "core/lesson/lesson.h"
#include "ui/training/snapshot.h"

#include <QString>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTimer;
class QVBoxLayout;

namespace reglab {
struct Dataset;
}

namespace reglab::ui {

class LessonViewer : public QWidget {
    Q_OBJECT
public:
    explicit LessonViewer(QWidget *parent = nullptr);

    /// Shows built-in lesson `number` (1-based) in `language` ("en", "ko"); 0 shows the
    /// placeholder.
    void showLesson(int number, const QString &language);
    /// Shows a lesson read from a folder; `experimentPath` is where the document has its
    /// experiment (the panel stays while that is the open experiment).
    void showLessonFolder(std::shared_ptr<const Lesson> lesson, const QString &experimentPath,
                          const QString &language);
    /// The built-in lesson shown, 0 when none (or a lesson from a folder).
    int lesson() const { return m_lesson; }
    /// The lesson shown (built-in or from a folder), nullptr when none.
    const std::shared_ptr<const Lesson> &lessonData() const { return m_data; }
    /// The experiment path of the lesson shown (empty when none).
    const QString &experimentPath() const { return m_experimentPath; }
    QTextBrowser *browser() const { return m_browser; }

    /// The step whose checks are shown and which the run in the window counts for.
    int currentStep() const { return m_step; }
    void setCurrentStep(int step);
    QComboBox *stepCombo() const { return m_stepCombo; }
    QPushButton *setUpButton() const { return m_setUp; }

    // --- the student's run ----------------------------------------------------------------
    /// Appends the snapshot's epochs to the current step's run (a reset starts it again).
    void applySnapshot(const TrainingSnapshot &snapshot);
    /// The data set of the run in the window (for majority-class checks).
    void setDataset(const Dataset &dataset);
    /// The runs so far, by step id.
    const LessonRuns &runs() const { return m_runs; }
    /// Evaluates the checks and fills the text now (otherwise at most ~5 times a second).
    void refreshNow();
    /// The current step's checks as shown: true for ✓.
    std::vector<bool> checkStates() const { return m_checkStates; }
    /// The label of check `index` of the current step.
    QLabel *checkLabel(int index) const;

signals:
    /// The user asked for lesson `number` (previous, next, or reload of the current one).
    void lessonRequested(int number);
    /// The user asked to reload the lesson from its folder (a lesson not built in).
    void folderReloadRequested();
    /// The user asked for step `step`'s experiment in the window.
    void stepRequested(int step);

private:
    void showData(std::shared_ptr<const Lesson> lesson, int number, const QString &path,
                  const QString &language);
    void rebuildChecks();
    void scheduleRefresh();
    void refreshChecks();
    void refreshText();
    void wrapPreformattedText();

    QLabel *m_title = nullptr;
    QTextBrowser *m_browser = nullptr;
    QWidget *m_checksBox = nullptr;
    QComboBox *m_stepCombo = nullptr;
    QPushButton *m_setUp = nullptr;
    QVBoxLayout *m_checksLayout = nullptr;
    std::vector<QLabel *> m_checkLabels;
    std::vector<bool> m_checkStates;
    QPushButton *m_previous = nullptr;
    QPushButton *m_reload = nullptr;
    QPushButton *m_next = nullptr;
    QTimer *m_refreshTimer = nullptr;

    int m_lesson = 0;
    std::shared_ptr<const Lesson> m_data;
    QString m_experimentPath;
    std::string m_language = "en";
    int m_step = 0;
    LessonRuns m_runs;
    LessonRun m_shares; ///< the majority shares of the data in the window (no epochs)
    QString m_shownHtml;
};

} // namespace reglab::ui
