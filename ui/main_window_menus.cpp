// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: menus, the language choice, lessons and the start page.
#include "ui/main_window.h"

#include "ui/compare/compare_window.h"
#include "ui/editor/network_editor.h"
#include "ui/experiment_document.h"
#include "ui/language.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/lessons/lesson_locks.h"
#include "ui/lessons/lesson_start_page.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/plots/training_view.h"
#include "ui/recent_files.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFormLayout>
#include <QKeySequence>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QUndoStack>

namespace reglab::ui {

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New"), this, &MainWindow::newExperiment);
    newAction->setShortcut(QKeySequence::New);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] { openAsking(); });
    m_recentFiles->attachMenu(file->addMenu(tr("Open &Recent")));
    QAction *openLessonAction =
        file->addAction(tr("Open &lesson…"), this, &MainWindow::openLessonFolderDialog);
    openLessonAction->setObjectName(QStringLiteral("openLessonFolderAction"));
    openLessonAction->setStatusTip(
        tr("Open a lesson folder: an experiment, its text and the checks of the student's run"));
    file->addAction(tr("Open run &folder…"), this, &MainWindow::openRunDialog)
        ->setObjectName(QStringLiteral("openRunAction"));
    QAction *compareRuns =
        file->addAction(tr("Compare run fol&ders…"), this, &MainWindow::compareRunsDialog);
    compareRuns->setObjectName(QStringLiteral("compareRunsAction"));
    compareRuns->setStatusTip(tr("Show finished runs side by side: a sweep folder, or a folder "
                                 "holding run folders (trained here or by the exported scripts)"));
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveDialog);
    QAction *saveRunAction = file->addAction(tr("Save r&un…"), this, &MainWindow::saveRunDialog);
    saveRunAction->setObjectName(QStringLiteral("saveRunAction"));
    saveRunAction->setStatusTip(
        tr("Save the trained run as a folder: the experiment, every epoch's metrics and the "
           "weights"));
    file->addSeparator();
    file->addAction(tr("Export &weights (.npz)…"), this, &MainWindow::exportWeightsDialog);
    file->addAction(tr("Export &metrics (.csv)…"), this, &MainWindow::exportMetricsDialog);
    m_exportPlotMenu = file->addMenu(tr("Export &plot"));
    connect(m_exportPlotMenu, &QMenu::aboutToShow, this, &MainWindow::fillExportPlotMenu);
    file->addAction(tr("Export &all plots…"), this, &MainWindow::exportAllPlotsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Not QUndoStack's own actions: these go through the document, which asks before an
    // undo or redo discards a trained run.
    QUndoStack *stack = m_doc->undoStack();
    const auto addStepAction =
        [&](const QString &verb, const QString &name, QKeySequence::StandardKey key,
            bool (ExperimentDocument::*step)(), bool (QUndoStack::*canStep)() const,
            QString (QUndoStack::*stepText)() const, void (QUndoStack::*canStepChanged)(bool),
            void (QUndoStack::*stepTextChanged)(const QString &)) {
            QAction *action = edit->addAction(verb, QKeySequence(key), m_doc, step);
            action->setObjectName(name);
            const auto follow = [action, verb](const QString &what) {
                action->setText(what.isEmpty() ? verb : tr("%1 %2").arg(verb, what));
            };
            follow((stack->*stepText)());
            action->setEnabled((stack->*canStep)());
            connect(stack, canStepChanged, action, &QAction::setEnabled);
            connect(stack, stepTextChanged, action, follow);
        };
    addStepAction(tr("&Undo"), QStringLiteral("undoAction"), QKeySequence::Undo,
                  &ExperimentDocument::undo, &QUndoStack::canUndo, &QUndoStack::undoText,
                  &QUndoStack::canUndoChanged, &QUndoStack::undoTextChanged);
    addStepAction(tr("&Redo"), QStringLiteral("redoAction"), QKeySequence::Redo,
                  &ExperimentDocument::redo, &QUndoStack::canRedo, &QUndoStack::redoText,
                  &QUndoStack::canRedoChanged, &QUndoStack::redoTextChanged);
    edit->addSeparator();
    edit->addAction(tr("Experiment &properties…"), this, &MainWindow::editPropertiesDialog)
        ->setObjectName(QStringLiteral("propertiesAction"));

    QMenu *run = menuBar()->addMenu(tr("&Training"));
    run->addAction(m_runBar->playAction());
    run->addAction(m_runBar->stepAction());
    run->addAction(m_runBar->resetAction());
    createSpeedMenu(run);
    run->addSeparator();
    QAction *compare = run->addAction(tr("&Compare regularization…"), this, [this] {
        auto *window = new CompareWindow(m_doc->spec(), baseDir(), this);
        window->setAttribute(Qt::WA_DeleteOnClose);
        window->show();
    });
    compare->setObjectName(QStringLiteral("compareAction"));
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    compare->setStatusTip(
        tr("Train several regularization settings of this experiment side by side"));

    createViewMenu(menuBar()->addMenu(tr("&View")));

    m_lessonsMenu = menuBar()->addMenu(tr("&Lessons"));
    for (int n = 1; n <= LessonCatalogue::count(); ++n) {
        QAction *action = m_lessonsMenu->addAction(LessonCatalogue::numberedTitle(n), this,
                                                   [this, n] { openLessonAsking(n); });
        action->setObjectName(QStringLiteral("lesson%1Action").arg(n));
        action->setStatusTip(LessonCatalogue::summary(n));
    }
    m_lessonsMenu->addSeparator();
    m_lessonsMenu->addAction(tr("&Start page…"), this, &MainWindow::showStartPage);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    createLanguageMenu(help);
    help->addSeparator();
    help->addAction(tr("&About RegLab"), this, [this] {
        QMessageBox::about(
            this, tr("About RegLab"),
            tr("<h3>RegLab %1</h3><p>A laboratory for neural-network regularization: L1 and L2 "
               "per layer, the loss split into its terms, weight histograms, and train versus "
               "test accuracy, live while the network trains.</p><p>Licensed under the GNU "
               "GPL, version 3 or later.</p>")
                .arg(QApplication::applicationVersion()));
    });
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createLanguageMenu(QMenu *help) {
    QMenu *menu = help->addMenu(tr("&Language"));
    auto *group = new QActionGroup(menu);
    const UiLanguage stored = storedLanguage();
    // Language names are written in their own language, so anyone can find theirs.
    const QList<QPair<UiLanguage, QString>> choices{
        {UiLanguage::System, tr("System default")},
        {UiLanguage::English, QStringLiteral("English")},
        {UiLanguage::Korean, QStringLiteral("한국어")}};
    for (const auto &[language, name] : choices) {
        QAction *action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(language == stored);
        action->setObjectName(QStringLiteral("language_%1").arg(languageCode(language)));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, language = language] {
            if (language == storedLanguage())
                return;
            setStoredLanguage(language);
            QMessageBox::information(this, tr("Language"),
                                     tr("The new language is used the next time RegLab starts."));
        });
    }
}

void MainWindow::createSpeedMenu(QMenu *training) {
    QMenu *menu = training->addMenu(tr("S&peed"));
    menu->setObjectName(QStringLiteral("speedMenu"));
    m_speedGroup = new QActionGroup(menu);
    for (double pace : TrainingController::paceChoices()) {
        QAction *action = menu->addAction(TrainingController::paceText(pace));
        action->setCheckable(true);
        action->setData(pace);
        action->setChecked(pace == m_controller->epochsPerSecond());
        m_speedGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, pace] { setEpochsPerSecond(pace); });
    }
}

void MainWindow::setEpochsPerSecond(double epochs) {
    m_controller->setEpochsPerSecond(epochs);
    m_runBar->setEpochsPerSecond(m_controller->epochsPerSecond());
    for (QAction *action : m_speedGroup->actions())
        action->setChecked(action->data().toDouble() == m_controller->epochsPerSecond());
}

void MainWindow::setExperimentProperties(const QString &name, const QString &description) {
    const std::string n = name.trimmed().toStdString();
    const std::string d = description.trimmed().toStdString();
    if (n.empty())
        return;
    m_doc->edit(tr("Edit experiment properties"), [&](ExperimentSpec &s) {
        s.name = n;
        s.description = d;
    });
}

void MainWindow::editPropertiesDialog() {
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("propertiesDialog"));
    dialog.setWindowTitle(tr("Experiment properties"));
    auto *form = new QFormLayout(&dialog);
    auto *name = new QLineEdit(QString::fromStdString(m_doc->spec().name), &dialog);
    name->setToolTip(tr("Shown in the title bar and suggested as the file name"));
    auto *description =
        new QPlainTextEdit(QString::fromStdString(m_doc->spec().description), &dialog);
    description->setToolTip(tr("What the experiment shows; saved in the file"));
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Description:"), description);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(name, &QLineEdit::textChanged, buttons, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    dialog.resize(420, 240);
    if (dialog.exec() == QDialog::Accepted)
        setExperimentProperties(name->text(), description->toPlainText());
}

void MainWindow::fillExportPlotMenu() {
    m_exportPlotMenu->clear();
    for (TrainingView *view : visibleViews())
        m_exportPlotMenu->addAction(tr("%1…").arg(view->title()), this,
                                    [this, view] { exportPlotDialog(view); });
}

void MainWindow::createLessonDock() {
    // On the right, so the Layer panel stays in view while the text says what to change.
    m_lessonViewer = new LessonViewer(this);
    m_lessonDock = addDock(m_lessonViewer, tr("Lesson"), QStringLiteral("lessonDock"),
                           Qt::RightDockWidgetArea);
    m_lessonDock->hide();
    m_lessonLocks = new LessonLocks(m_dataPanel, m_networkEditor, m_inspector, m_runBar, this);
    connect(m_lessonViewer, &LessonViewer::lessonRequested, this, &MainWindow::openLessonAsking);
    connect(m_lessonViewer, &LessonViewer::folderReloadRequested, this, [this] {
        if (!maybeSave())
            return;
        QString error;
        if (!openLessonFolder(m_lessonFolder, &error))
            reportError(tr("Open lesson"), error);
    });
    connect(m_lessonViewer, &LessonViewer::stepRequested, this, [this](int step) {
        if (!maybeSave())
            return;
        QString error;
        if (!openLessonStep(step, &error))
            reportError(tr("Open lesson"), error);
    });
    // The student's run, for the checks and the numbers in the text.
    connect(m_controller, &TrainingController::snapshotReady, m_lessonViewer,
            &LessonViewer::applySnapshot);
    connect(m_controller, &TrainingController::datasetReady, m_lessonViewer,
            [this](const std::shared_ptr<const Dataset> &loadedData) {
                if (loadedData)
                    m_lessonViewer->setDataset(*loadedData);
            });
    // The panels enable their own controls as the experiment changes: the locks go back
    // on after them.
    connect(m_doc, &ExperimentDocument::specChanged, m_lessonLocks, &LessonLocks::apply,
            Qt::QueuedConnection);
    connect(m_networkEditor, &NetworkEditor::layerSelected, m_lessonLocks, &LessonLocks::apply,
            Qt::QueuedConnection);
    // The panel follows the open experiment: another lesson's text, or none for an
    // experiment that is no lesson (New, Open, a recent file).
    connect(m_doc, &ExperimentDocument::loaded, this, [this](const QString &path) {
        if (m_lessonViewer->lessonData() && path == m_lessonViewer->experimentPath())
            return;
        const int lesson = LessonCatalogue::lessonForPath(path);
        m_lessonFolder.clear();
        m_lessonViewer->showLesson(lesson, activeLanguage());
        const auto shown = m_lessonViewer->lessonData();
        m_lessonLocks->setLocks(shown ? shown->locks : std::vector<LessonLock>{});
        if (lesson == 0)
            m_lessonDock->hide();
    });
}

void MainWindow::showLessonPanel(int number, const QString &folder) {
    if (m_lessonDock->isHidden()) {
        m_lessonDock->show();
        resizeDocks({m_lessonDock}, {lessonDockWidth()}, Qt::Horizontal);
    }
    m_lessonDock->raise();
    const auto shown = m_lessonViewer->lessonData();
    m_lessonLocks->setLocks(shown ? shown->locks : std::vector<LessonLock>{});
    const QString title =
        number > 0 ? LessonCatalogue::title(number)
                   : QString::fromStdString(shown->title.in(activeLanguage().toStdString()));
    statusBar()->showMessage(number > 0 ? tr("Lesson %1: %2").arg(number).arg(title)
                                        : tr("Lesson: %1 (%2)").arg(title, folder),
                             5000);
}

bool MainWindow::openLesson(int number, QString *error) {
    ExperimentSpec spec;
    if (!LessonCatalogue::loadExperiment(number, &spec, error))
        return false;
    m_lessonFolder.clear();
    m_lessonViewer->showLesson(number, activeLanguage());
    m_doc->load(spec, LessonCatalogue::experimentPath(number));
    showLessonPanel(number, QString());
    return true;
}

bool MainWindow::openLessonFolder(const QString &folder, QString *error) {
    auto lesson = LessonCatalogue::loadFolder(folder, error);
    if (!lesson)
        return false;
    const QString path =
        QDir(folder).absoluteFilePath(QString::fromStdString(lesson->experimentFile));
    const ExperimentSpec spec = lesson->steps.front().experiment;
    m_lessonFolder = folder;
    m_lessonViewer->showLessonFolder(std::move(lesson), path, activeLanguage());
    m_doc->load(spec, path);
    showLessonPanel(0, folder);
    return true;
}

bool MainWindow::openLessonStep(int step, QString *error) {
    const auto lesson = m_lessonViewer->lessonData();
    if (!lesson || step < 0 || step >= int(lesson->steps.size())) {
        if (error)
            *error = tr("There is no such step in the lesson");
        return false;
    }
    m_doc->load(lesson->steps[std::size_t(step)].experiment, m_lessonViewer->experimentPath());
    m_lessonViewer->setCurrentStep(step);
    statusBar()->showMessage(
        tr("Step %1: %2")
            .arg(step + 1)
            .arg(QString::fromStdString(
                lesson->steps[std::size_t(step)].title.in(activeLanguage().toStdString()))),
        5000);
    return true;
}

bool MainWindow::isOpenLessonExperiment(const QString &path) const {
    return !m_lessonFolder.isEmpty() && m_lessonViewer->lessonData()
           && path == m_lessonViewer->experimentPath();
}

void MainWindow::openLessonAsking(int number) {
    if (!maybeSave())
        return;
    QString error;
    if (!openLesson(number, &error))
        reportError(tr("Open lesson"), error);
}

void MainWindow::openLessonFolderDialog() {
    if (!maybeSave())
        return;
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Open a lesson folder"), m_lessonFolder.isEmpty() ? baseDir() : m_lessonFolder);
    if (folder.isEmpty())
        return;
    QString error;
    if (!openLessonFolder(folder, &error))
        reportError(tr("Open lesson"), error);
}

void MainWindow::showStartPage() {
    auto *page = new LessonStartPage(m_recentFiles->files(), this);
    page->setAttribute(Qt::WA_DeleteOnClose);
    connect(page, &LessonStartPage::lessonChosen, this, &MainWindow::openLessonAsking);
    connect(page, &LessonStartPage::builtinChosen, this, &MainWindow::newExperiment);
    connect(page, &LessonStartPage::openFileChosen, this, [this] { openAsking(); });
    connect(page, &LessonStartPage::recentFileChosen, this, &MainWindow::openAsking);
    page->open();
}

} // namespace reglab::ui
