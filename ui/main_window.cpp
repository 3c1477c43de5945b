// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/main_window.h"

#include "ui/compare/compare_window.h"
#include "ui/editor/dataset_panel.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/network_editor.h"
#include "ui/experiment_document.h"
#include "ui/language.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/lessons/lesson_start_page.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/weight_image_plot.h"
#include "ui/session_recovery.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <qcustomplot.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QUndoStack>
#include <QVBoxLayout>

// Q_INIT_RESOURCE must be used outside any namespace; the resources live in a static library.
static void initReglabResources() {
    Q_INIT_RESOURCE(reglab);
}

namespace reglab::ui {

namespace {

/// Panels taller than a small screen scroll instead of squeezing their controls.
QScrollArea *scrollable(QWidget *panel) {
    auto *area = new QScrollArea;
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return area;
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent) {
    initReglabResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    setDockNestingEnabled(true);

    m_doc = new ExperimentDocument(this);
    m_controller = new TrainingController(this);

    createPanels();
    createMenus();
    connectController();

    connect(m_doc, &ExperimentDocument::specChanged, this, &MainWindow::onSpecChanged);
    connect(m_doc, &ExperimentDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ExperimentDocument::filePathChanged, this, &MainWindow::updateTitle);
    updateTitle();
    resize(1600, 1000);

    m_controller->setExperiment(m_doc->spec(), baseDir());
    m_networkEditor->selectLayer(0);
    m_inspector->setLayerIndex(m_networkEditor->selectedLayer());
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addDock(QWidget *panel, const QString &title, const QString &objectName,
                                 Qt::DockWidgetArea area) {
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createPanels() {
    m_runBar = new RunBar(m_doc, this);
    addToolBar(Qt::TopToolBarArea, m_runBar);
    m_runBar->setThreads(m_controller->threads());

    // One column on the left keeps the plots wide even at 1280 px: the network always in
    // view, and below it the selected layer with the data set as a second tab.
    m_dataPanel = new DatasetPanel(m_doc, this);
    m_networkEditor = new NetworkEditor(m_doc, this);
    m_inspector = new LayerInspector(m_doc, this);
    setTabPosition(Qt::LeftDockWidgetArea, QTabWidget::North);
    QDockWidget *networkDock = addDock(m_networkEditor, tr("Network"),
                                       QStringLiteral("networkDock"), Qt::LeftDockWidgetArea);
    QDockWidget *layerDock = addDock(scrollable(m_inspector), tr("Layer"),
                                     QStringLiteral("layerDock"), Qt::LeftDockWidgetArea);
    QDockWidget *dataDock = addDock(scrollable(m_dataPanel), tr("Data"), QStringLiteral("dataDock"),
                                    Qt::LeftDockWidgetArea);
    splitDockWidget(networkDock, layerDock, Qt::Vertical);
    tabifyDockWidget(layerDock, dataDock);
    layerDock->raise();
    resizeDocks({networkDock}, {360}, Qt::Horizontal);
    resizeDocks({networkDock, layerDock}, {440, 400}, Qt::Vertical);
    connect(m_networkEditor, &NetworkEditor::layerSelected, this, [this, layerDock](int index) {
        m_inspector->setLayerIndex(index);
        if (index >= 0)
            layerDock->raise();
    });
    m_dataDock = dataDock;

    // Centre: a message bar over a 2 x 2 grid of plots (resizable splitters).
    m_lossPlot = new LossPlot(this);
    m_accuracyPlot = new AccuracyPlot(this);
    m_histogramPlot = new HistogramPlot(this);
    m_decisionPlot = new DecisionPlot(this);
    m_weightPlot = new WeightImagePlot(this);
    m_fourthPlot = new QStackedWidget(this);
    m_fourthPlot->addWidget(m_decisionPlot);
    m_fourthPlot->addWidget(m_weightPlot);

    auto *top = new QSplitter(Qt::Horizontal);
    top->addWidget(m_lossPlot);
    top->addWidget(m_accuracyPlot);
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_histogramPlot);
    bottom->addWidget(m_fourthPlot);
    auto *grid = new QSplitter(Qt::Vertical);
    grid->addWidget(top);
    grid->addWidget(bottom);
    for (QSplitter *s : {top, bottom, grid}) {
        s->setChildrenCollapsible(false);
        s->setHandleWidth(6);
        s->setStretchFactor(0, 1);
        s->setStretchFactor(1, 1);
        s->setSizes({1000, 1000}); // equal halves, whatever the plots' size hints say
    }
    // Keep the two columns aligned when one splitter moves.
    connect(top, &QSplitter::splitterMoved, bottom,
            [top, bottom] { bottom->setSizes(top->sizes()); });
    connect(bottom, &QSplitter::splitterMoved, top,
            [top, bottom] { top->setSizes(bottom->sizes()); });

    m_messageBar = new QFrame(this);
    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    auto *barLayout = new QHBoxLayout(m_messageBar);
    barLayout->setContentsMargins(10, 6, 6, 6);
    m_messageIcon = new QLabel(m_messageBar);
    m_messageText = new QLabel(m_messageBar);
    m_messageText->setWordWrap(true);
    m_messageText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageReset =
        new QPushButton(QIcon(QStringLiteral(":/icons/reset.svg")), tr("Reset"), m_messageBar);
    auto *close = new QPushButton(m_messageBar);
    close->setFlat(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Hide this message"));
    barLayout->addWidget(m_messageIcon);
    barLayout->addWidget(m_messageText, 1);
    barLayout->addWidget(m_messageReset);
    barLayout->addWidget(close);
    connect(close, &QPushButton::clicked, this, &MainWindow::hideMessage);
    connect(m_messageReset, &QPushButton::clicked, this, [this] {
        hideMessage();
        m_controller->reset();
    });
    m_messageBar->hide();

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_messageBar);
    layout->addWidget(grid, 1);
    setCentralWidget(central);

    m_statusData = new QLabel(this);
    m_statusMetrics = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusMetrics);
    statusBar()->addPermanentWidget(m_statusData);

    createLessonDock();
}

void MainWindow::createLessonDock() {
    // On the right, so the Layer panel stays in view while the text says what to change.
    m_lessonViewer = new LessonViewer(this);
    m_lessonDock = addDock(m_lessonViewer, tr("Lesson"), QStringLiteral("lessonDock"),
                           Qt::RightDockWidgetArea);
    m_lessonDock->hide();
    connect(m_lessonViewer, &LessonViewer::lessonRequested, this, [this](int number) {
        if (!maybeSave())
            return;
        QString error;
        if (!openLesson(number, &error))
            reportError(tr("Open lesson"), error);
    });
}

void MainWindow::createMenus() {
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New"), this, &MainWindow::newExperiment);
    newAction->setShortcut(QKeySequence::New);
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
        if (m_doc->filePath().isEmpty() || LessonCatalogue::isLessonPath(m_doc->filePath())) {
            saveDialog();
            return;
        }
        QString error;
        if (!saveFile(m_doc->filePath(), &error))
            reportError(tr("Save"), error);
    });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveDialog);
    file->addSeparator();
    file->addAction(tr("Export &weights (.npz)…"), this, &MainWindow::exportWeightsDialog);
    file->addAction(tr("Export &metrics (.csv)…"), this, &MainWindow::exportMetricsDialog);
    m_exportPlotMenu = file->addMenu(tr("Export &plot"));
    connect(m_exportPlotMenu, &QMenu::aboutToShow, this, &MainWindow::fillExportPlotMenu);
    file->addAction(tr("Export &all plots…"), this, &MainWindow::exportAllPlotsDialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *undo = m_doc->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = m_doc->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu *run = menuBar()->addMenu(tr("&Training"));
    run->addAction(m_runBar->playAction());
    run->addAction(m_runBar->stepAction());
    run->addAction(m_runBar->resetAction());
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

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addAction(m_runBar->toggleViewAction());

    m_lessonsMenu = menuBar()->addMenu(tr("&Lessons"));
    for (int n = 1; n <= LessonCatalogue::count(); ++n) {
        QAction *action =
            m_lessonsMenu->addAction(LessonCatalogue::numberedTitle(n), this, [this, n] {
                if (!maybeSave())
                    return;
                QString error;
                if (!openLesson(n, &error))
                    reportError(tr("Open lesson"), error);
            });
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

bool MainWindow::openLesson(int number, QString *error) {
    ExperimentSpec spec;
    if (!LessonCatalogue::loadExperiment(number, &spec, error))
        return false;
    m_doc->load(spec, LessonCatalogue::experimentPath(number));
    m_lessonViewer->showLesson(number, activeLanguage());
    if (m_lessonDock->isHidden()) {
        m_lessonDock->show();
        // Wide enough for the lesson's tables; the plots keep the rest.
        resizeDocks({m_lessonDock}, {320}, Qt::Horizontal);
    }
    m_lessonDock->raise();
    statusBar()->showMessage(tr("Lesson %1: %2").arg(number).arg(LessonCatalogue::title(number)),
                             5000);
    return true;
}

void MainWindow::showStartPage() {
    auto *page = new LessonStartPage(recentFiles(), this);
    page->setAttribute(Qt::WA_DeleteOnClose);
    connect(page, &LessonStartPage::lessonChosen, this, [this](int number) {
        if (!maybeSave())
            return;
        QString error;
        if (!openLesson(number, &error))
            reportError(tr("Open lesson"), error);
    });
    connect(page, &LessonStartPage::builtinChosen, this, &MainWindow::newExperiment);
    connect(page, &LessonStartPage::openFileChosen, this, &MainWindow::openDialog);
    connect(page, &LessonStartPage::recentFileChosen, this, [this](const QString &path) {
        if (!maybeSave())
            return;
        QString error;
        if (!openFile(path, &error))
            reportError(tr("Open"), error);
    });
    page->open();
}

void MainWindow::connectController() {
    connect(m_runBar, &RunBar::playRequested, m_controller, &TrainingController::play);
    connect(m_runBar, &RunBar::pauseRequested, m_controller, &TrainingController::pause);
    connect(m_runBar->stepAction(), &QAction::triggered, m_controller,
            &TrainingController::stepEpoch);
    connect(m_runBar->resetAction(), &QAction::triggered, this, [this] {
        hideMessage();
        m_controller->reset();
    });
    connect(m_runBar, &RunBar::threadsChanged, m_controller, &TrainingController::setThreads);

    connect(m_controller, &TrainingController::datasetReady, this, &MainWindow::onDatasetReady);
    connect(m_controller, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(m_controller, &TrainingController::runningChanged, this, &MainWindow::onRunningChanged);
    connect(m_controller, &TrainingController::buildingChanged, this, [this](bool building) {
        if (building)
            statusBar()->showMessage(tr("Loading data and building the network…"));
        else
            statusBar()->clearMessage();
    });
    connect(m_controller, &TrainingController::errorOccurred, this, [this](const QString &msg) {
        m_data.reset();
        m_dataPanel->setError(msg);
        m_dataDock->raise();
        m_statusData->clear();
        m_statusMetrics->clear();
        showMessage(MessageKind::Error, tr("The experiment cannot run: %1").arg(msg), false);
    });
    connect(m_controller, &TrainingController::diverged, this, [this](const QString &msg) {
        showMessage(
            MessageKind::Warning,
            tr("Training stopped: %1. Press Reset to start again from fresh weights.").arg(msg),
            true);
    });
    connect(m_controller, &TrainingController::finished, this, [this] {
        statusBar()->showMessage(
            tr("Trained %1 epochs. Raise Epochs to go on, or Reset.").arg(m_controller->epoch()),
            8000);
    });
}

QString MainWindow::baseDir() const {
    const QString path = m_doc->filePath();
    // Lessons use built-in data only: no folder to resolve file names against.
    return path.isEmpty() || LessonCatalogue::isLessonPath(path) ? QString()
                                                                 : QFileInfo(path).absolutePath();
}

void MainWindow::onSpecChanged(const ExperimentSpec &before, const ExperimentSpec &after) {
    if (ExperimentDocument::needsRebuild(before, after)) {
        m_controller->setExperiment(after, baseDir()); // stops, reloads, rebuilds
    } else {
        // Live: the trainer takes these between batches, even while training.
        if (after.optimizer.learningRate != before.optimizer.learningRate)
            m_controller->setLearningRate(after.optimizer.learningRate);
        if (after.l2Convention != before.l2Convention)
            m_controller->setL2Convention(after.l2Convention);
        for (std::size_t i = 0; i < after.model.layers.size(); ++i) {
            const LayerSpec &a = after.model.layers[i];
            const LayerSpec &b = before.model.layers[i];
            if (a.kernelRegularizer != b.kernelRegularizer)
                m_controller->setRegularizer(int(i), Tensor::Kernel, a.kernelRegularizer);
            if (a.biasRegularizer != b.biasRegularizer)
                m_controller->setRegularizer(int(i), Tensor::Bias, a.biasRegularizer);
        }
    }
    updateTitle();
    updateProgress();
}

void MainWindow::onDatasetReady(std::shared_ptr<const Dataset> loaded) {
    m_data = loaded;
    hideMessage();
    const ExperimentSpec &built = m_controller->builtSpec();
    // Keep the document's output layer (and loss) in line with the data. Not an undo step:
    // undoing the edit that changed the data restores a spec that fitted the old data.
    ExperimentSpec fitted = m_doc->spec();
    if (fitted.model.layers.size() == built.model.layers.size()) {
        fitted.loss = built.loss;
        fitted.model.layers.back().units = built.model.layers.back().units;
        if (!(fitted == m_doc->spec()))
            m_doc->applySpec(fitted);
    }
    m_dataPanel->setDataset(loaded);
    m_networkEditor->setInputShape(int(loaded->inputDim()), loaded->imageWidth,
                                   loaded->imageHeight);
    m_lossPlot->resetFor(built, loaded);
    m_accuracyPlot->resetFor(built, loaded);
    m_histogramPlot->resetFor(built, loaded);
    if (loaded->isImage()) {
        m_weightPlot->resetFor(built, loaded);
        m_fourthPlot->setCurrentWidget(m_weightPlot);
    } else {
        m_decisionPlot->resetFor(built, loaded);
        m_fourthPlot->setCurrentWidget(m_decisionPlot);
    }
    m_statusData->setText(DatasetPanel::summaryText(*loaded));
    m_statusMetrics->clear();
    updateProgress();
}

void MainWindow::onSnapshot(const TrainingSnapshot &snapshot) {
    if (snapshot.reset)
        hideMessage();
    m_lossPlot->appendSnapshot(snapshot);
    m_accuracyPlot->appendSnapshot(snapshot);
    m_histogramPlot->appendSnapshot(snapshot);
    if (m_fourthPlot->currentWidget() == m_weightPlot)
        m_weightPlot->appendSnapshot(snapshot);
    else
        m_decisionPlot->appendSnapshot(snapshot);
    if (!snapshot.epochs.empty()) {
        const EpochMetrics &m = snapshot.epochs.back();
        const bool regression = m_data && m_data->task == TaskKind::Regression;
        const auto fmt = [regression](double v) {
            return regression ? QString::number(v, 'f', 3)
                              : QString::number(100.0 * v, 'f', 1) + QLatin1Char('%');
        };
        m_statusMetrics->setText(
            (regression ? tr("R² train %1 · test %2") : tr("Accuracy train %1 · test %2"))
                .arg(fmt(m.trainAccuracy), fmt(m.testAccuracy)));
    }
    updateProgress();
}

void MainWindow::onRunningChanged(bool running) {
    m_runBar->setRunning(running);
    if (running)
        statusBar()->clearMessage();
}

void MainWindow::updateProgress() {
    m_runBar->setProgress(m_controller->epoch(), m_controller->step(),
                          m_doc->spec().training.epochs);
}

void MainWindow::updateTitle() {
    const QString path = m_doc->filePath();
    const int lesson = LessonCatalogue::lessonForPath(path);
    const QString name = lesson > 0
                             ? tr("Lesson %1: %2").arg(lesson).arg(LessonCatalogue::title(lesson))
                         : path.isEmpty() ? QString::fromStdString(m_doc->spec().name)
                                          : QFileInfo(path).fileName();
    setWindowTitle(tr("%1[*] — RegLab").arg(name));
    setWindowModified(m_doc->isModified());
}

void MainWindow::showMessage(MessageKind kind, const QString &text, bool offerReset) {
    const bool error = kind == MessageKind::Error;
    m_messageBar->setStyleSheet(
        error ? QStringLiteral("#messageBar { background: #fdecea; border: 1px solid #e57373; "
                               "border-radius: 4px; } QLabel { color: #8e1b1b; }")
              : QStringLiteral("#messageBar { background: #fff4e5; border: 1px solid #ffb74d; "
                               "border-radius: 4px; } QLabel { color: #6d3d00; }"));
    const QIcon icon =
        style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
    m_messageIcon->setPixmap(icon.pixmap(22, 22));
    m_messageText->setText(text);
    m_messageReset->setVisible(offerReset);
    m_messageBar->show();
}

void MainWindow::hideMessage() {
    m_messageBar->hide();
}

bool MainWindow::isMessageVisible() const {
    return !m_messageBar->isHidden();
}

QString MainWindow::messageText() const {
    return m_messageText->text();
}

QList<QCustomPlot *> MainWindow::visiblePlots() const {
    QCustomPlot *fourth = m_fourthPlot->currentWidget() == m_weightPlot ? m_weightPlot->plot()
                                                                        : m_decisionPlot->plot();
    return {m_lossPlot->plot(), m_accuracyPlot->plot(), m_histogramPlot->plot(), fourth};
}

QStringList MainWindow::visiblePlotTitles() const {
    const QString fourth = m_fourthPlot->currentWidget() == m_weightPlot ? m_weightPlot->title()
                                                                         : m_decisionPlot->title();
    return {m_lossPlot->title(), m_accuracyPlot->title(), m_histogramPlot->title(), fourth};
}

void MainWindow::replotAll() {
    for (QCustomPlot *plot : visiblePlots())
        plot->replot(QCustomPlot::rpImmediateRefresh);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_controller->pause();
    saveSettings();
    if (m_recovery)
        m_recovery->discard(); // a clean exit leaves nothing to recover
    event->accept();
}

void MainWindow::enableRecovery(const QString &path) {
    delete m_recovery;
    m_recovery = new SessionRecovery(m_doc, path, this);
}

bool MainWindow::offerRecovery(bool ask) {
    if (!m_recovery)
        return false;
    const auto recovered = SessionRecovery::read(m_recovery->path());
    if (!recovered) {
        m_recovery->discard();
        return false;
    }
    if (ask) {
        const QString name = QString::fromStdString(recovered->spec.name);
        const auto answer = QMessageBox::question(
            this, tr("Restore unsaved changes?"),
            tr("RegLab did not shut down cleanly last time. The experiment \"%1\" had unsaved "
               "changes. Restore them?")
                .arg(name),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            m_recovery->discard();
            return false;
        }
    }
    // Open the file the changes belonged to (when it still opens), then apply them as one
    // edit: the document is modified, and Undo shows the file as it was saved.
    if (recovered->filePath.isEmpty() || !openFile(recovered->filePath))
        m_doc->load(defaultExperiment());
    const ExperimentSpec spec = recovered->spec;
    m_doc->edit(tr("Restore unsaved changes"), [&spec](ExperimentSpec &s) { s = spec; });
    m_recovery->sync();
    return true;
}

} // namespace reglab::ui
