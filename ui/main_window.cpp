// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: panels, the plot grid, and what training reports.
#include "ui/main_window.h"

#include "ui/editor/dataset_panel.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/network_editor.h"
#include "ui/experiment_document.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/message_bar.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/conv_filter_view.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/feature_map_view.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/neuron_view.h"
#include "ui/plots/weight_image_plot.h"
#include "ui/recent_files.h"
#include "ui/session_recovery.h"
#include "ui/training/early_stopping_panel.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <qcustomplot.h>

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileInfo>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
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
    m_recentFiles = new RecentFiles(this);
    connect(m_recentFiles, &RecentFiles::fileChosen, this, &MainWindow::openAsking);

    resize(1600, 1000); // before the panels, which take their share of it
    createPanels();
    createMenus();
    connectController();

    connect(m_doc, &ExperimentDocument::specChanged, this, &MainWindow::onSpecChanged);
    connect(m_doc, &ExperimentDocument::modifiedChanged, this, &MainWindow::updateTitle);
    connect(m_doc, &ExperimentDocument::filePathChanged, this, &MainWindow::updateTitle);
    updateTitle();

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
    // The second row the run bar's settings move to in a narrow window.
    m_runSettingsBar = new QToolBar(tr("Run settings"), this);
    m_runSettingsBar->setObjectName(QStringLiteral("runSettingsBar"));
    m_runSettingsBar->setMovable(false);
    m_runSettingsBar->hide();

    // Left: the network, the selected layer and the data set (arrangeDocks()).
    m_dataPanel = new DatasetPanel(m_doc, this);
    m_networkEditor = new NetworkEditor(m_doc, this);
    m_inspector = new LayerInspector(m_doc, this);
    setTabPosition(Qt::LeftDockWidgetArea, QTabWidget::North);
    addDock(m_networkEditor, tr("Network"), QStringLiteral("networkDock"), Qt::LeftDockWidgetArea);
    QDockWidget *layerDock = addDock(scrollable(m_inspector), tr("Layer"),
                                     QStringLiteral("layerDock"), Qt::LeftDockWidgetArea);
    m_dataDock = addDock(scrollable(m_dataPanel), tr("Data"), QStringLiteral("dataDock"),
                         Qt::LeftDockWidgetArea);
    m_stoppingPanel = new EarlyStoppingPanel(m_doc, this);
    m_trainingDock = addDock(scrollable(m_stoppingPanel), tr("Stopping"),
                             QStringLiteral("trainingDock"), Qt::LeftDockWidgetArea);
    connect(m_networkEditor, &NetworkEditor::layerSelected, this, [this, layerDock](int index) {
        m_inspector->setLayerIndex(index);
        if (index >= 0)
            layerDock->raise();
    });

    // Centre: a message bar over the plot grid.
    QWidget *grid = createPlotGrid();
    m_messageBar = new MessageBar(this);
    connect(m_messageBar, &MessageBar::resetRequested, this, &MainWindow::resetTraining);
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
    arrangeDocks();
}

QWidget *MainWindow::createPlotGrid() {
    m_lossPlot = new LossPlot(this);
    m_accuracyPlot = new AccuracyPlot(this);
    m_histogramPlot = new HistogramPlot(this);
    m_decisionPlot = new DecisionPlot(this);
    m_weightPlot = new WeightImagePlot(this);
    m_neuronView = new NeuronView(this);
    m_convFilterView = new ConvFilterView(this);
    m_featureMapView = new FeatureMapView(this);
    const QList<QList<TrainingView *>> cells{
        {m_lossPlot},
        {m_accuracyPlot},
        {m_histogramPlot},
        {m_decisionPlot, m_convFilterView, m_weightPlot, m_featureMapView, m_neuronView}};
    for (const QList<TrainingView *> &views : cells) {
        auto *cell = new QStackedWidget(this);
        // Not the plots' own minimum: four of them side by side would make the window wider
        // than a projector. Before a cell gets this small, reflow() shows the plots as tabs.
        cell->setMinimumSize(160, 120);
        for (TrainingView *view : views) {
            cell->addWidget(view);
            connect(view, &TrainingView::titleChanged, this, &MainWindow::updatePlotTabTitles);
        }
        m_cells.append(cell);
    }

    // 2 x 2 in resizable splitters, or tabs when that is too small (reflow()).
    auto *top = m_gridTop = new QSplitter(Qt::Horizontal);
    top->addWidget(m_cells[0]);
    top->addWidget(m_cells[1]);
    auto *bottom = m_gridBottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(m_cells[2]);
    bottom->addWidget(m_cells[3]);
    auto *grid = m_grid = new QSplitter(Qt::Vertical);
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

    m_plotTabs = new QTabWidget(this);
    m_plotTabs->setObjectName(QStringLiteral("plotTabs"));
    m_plotTabs->setDocumentMode(true);
    // Every tab in view: long titles are shortened rather than scrolled out of sight.
    m_plotTabs->setElideMode(Qt::ElideRight);
    m_plotTabs->setUsesScrollButtons(false);
    for (QStackedWidget *cell : std::as_const(m_cells))
        connect(cell, &QStackedWidget::currentChanged, this, &MainWindow::updatePlotTabTitles);
    m_plotArea = new QStackedWidget(this);
    m_plotArea->setObjectName(QStringLiteral("plotArea"));
    m_plotArea->addWidget(grid);
    m_plotArea->addWidget(m_plotTabs);
    m_plotArea->installEventFilter(this);
    return m_plotArea;
}

void MainWindow::connectController() {
    connect(m_featureMapView, &FeatureMapView::imageIndexChanged, m_controller,
            &TrainingController::setFeatureMapImage);
    connect(m_runBar, &RunBar::playRequested, m_controller, &TrainingController::play);
    connect(m_runBar, &RunBar::pauseRequested, m_controller, &TrainingController::pause);
    connect(m_runBar->stepAction(), &QAction::triggered, m_controller,
            &TrainingController::stepEpoch);
    connect(m_runBar->resetAction(), &QAction::triggered, this, &MainWindow::resetTraining);
    connect(m_runBar, &RunBar::threadsChanged, m_controller, &TrainingController::setThreads);
    connect(m_runBar, &RunBar::epochsPerSecondChanged, this, &MainWindow::setEpochsPerSecond);
    m_doc->setEditGuard([this](const ExperimentSpec &before, const ExperimentSpec &after) {
        return !TrainingController::discardsRun(before, after)
               || confirmDiscardRun(tr("This change builds a new network and discards the "
                                       "trained run (%1 epochs). Save the run first?")
                                        .arg(m_controller->epoch()));
    });

    connect(m_controller, &TrainingController::datasetReady, this, &MainWindow::onDatasetReady);
    connect(m_controller, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(m_controller, &TrainingController::runningChanged, this, &MainWindow::onRunningChanged);
    connect(m_controller, &TrainingController::buildingChanged, this, [this](bool building) {
        updateRunActions();
        if (building)
            statusBar()->showMessage(tr("Loading data and building the network…"));
        else
            statusBar()->clearMessage();
    });
    connect(m_controller, &TrainingController::errorOccurred, this, &MainWindow::showBuildError);
    connect(m_controller, &TrainingController::diverged, this, [this](const QString &msg) {
        m_divergedMessage = msg;
        m_messageBar->showMessage(
            MessageBar::Kind::Warning,
            tr("Training stopped: %1. Press Reset to start again from fresh weights.").arg(msg),
            true);
    });
    connect(m_controller, &TrainingController::finished, this, [this] {
        statusBar()->showMessage(
            tr("Trained %1 epochs. Raise Epochs to go on, or Reset.").arg(m_controller->epoch()),
            8000);
    });
}

void MainWindow::showBuildError(const QString &msg) {
    m_data.reset();
    m_runUnsaved = false;
    m_dataPanel->setDataset(nullptr);
    m_dataPanel->setError(msg);
    m_dataDock->raise();
    m_networkEditor->setInputShape(-1, 0, 0); // the data could not be loaded
    for (TrainingView *view : views())
        view->resetFor(m_doc->spec(), nullptr);
    m_statusData->clear();
    m_statusMetrics->clear();
    m_messageBar->showMessage(MessageBar::Kind::Error, tr("The experiment cannot run: %1").arg(msg),
                              false);
    updateProgress();
    updateRunActions();
}

void MainWindow::updateRunActions() {
    m_runBar->setRunning(m_controller->isRunning()); // Play's text, icon and tool tip
    const bool canTrain = m_controller->hasTrainer() || m_controller->isBuilding();
    m_runBar->playAction()->setEnabled(canTrain);
    m_runBar->stepAction()->setEnabled(canTrain && !m_controller->isRunning());
    if (!canTrain) {
        const QString why = tr("Cannot train: %1").arg(m_controller->lastError());
        m_runBar->playAction()->setToolTip(why);
        m_runBar->stepAction()->setToolTip(why);
    } else {
        m_runBar->stepAction()->setToolTip(tr("Train one epoch (Shift+Space)"));
    }
}

bool MainWindow::hasUnsavedRun() const {
    return m_runUnsaved && m_controller->epoch() > 0;
}

void MainWindow::resetTraining() {
    m_messageBar->hide();
    m_controller->reset();
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
    m_runUnsaved = false;
    updateRunActions();
    m_messageBar->hide();
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
    m_networkEditor->setInputShape(int(loaded->inputDim()), loaded->imageWidth, loaded->imageHeight,
                                   loaded->imageChannels);
    // Each cell shows the first of its views that has something to show for the data (the
    // neuron view when asked for); the others that have something follow along hidden.
    for (QStackedWidget *cell : std::as_const(m_cells)) {
        TrainingView *shown = nullptr;
        for (int i = 0; i < cell->count(); ++i) {
            auto *view = static_cast<TrainingView *>(cell->widget(i));
            if (view->showsExperiment(built, *loaded)) {
                view->resetFor(built, loaded);
                if (!shown && view != m_neuronView && view != m_featureMapView)
                    shown = view;
            }
        }
        if (isFeatureMapViewShown() && cell->indexOf(m_featureMapView) >= 0
            && m_featureMapView->showsExperiment(built, *loaded))
            shown = m_featureMapView;
        if (isNeuronViewShown() && cell->indexOf(m_neuronView) >= 0)
            shown = m_neuronView;
        m_hiddenState = {};
        if (shown)
            cell->setCurrentWidget(shown);
    }
    m_statusData->setText(DatasetPanel::summaryText(*loaded));
    m_statusMetrics->clear();
    updateProgress();
}

void MainWindow::onSnapshot(const TrainingSnapshot &snapshot) {
    if (snapshot.reset) {
        m_messageBar->hide();
        m_runUnsaved = false;
        m_divergedMessage.clear();
    }
    for (const EpochMetrics &m : snapshot.epochs)
        m_runUnsaved = m_runUnsaved || m.epoch > 0;
    for (TrainingView *view : visibleViews())
        view->applySnapshot(snapshot);
    // The neuron view's counts need every epoch: it follows along while hidden (without
    // drawing). The views it hides show the latest state only: that is kept for their return.
    if (!isNeuronViewShown()) {
        m_neuronView->applySnapshot(snapshot);
    } else if (snapshot.field.isValid() || snapshot.firstLayerKernel.size() > 0) {
        m_hiddenState.field = snapshot.field;
        m_hiddenState.firstLayerKernel = snapshot.firstLayerKernel;
        m_hiddenState.epoch = snapshot.epoch;
        m_hiddenState.step = snapshot.step;
    }
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
    updateRunActions();
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

bool MainWindow::isMessageVisible() const {
    return !m_messageBar->isHidden();
}

QString MainWindow::messageText() const {
    return m_messageBar->text();
}

QList<TrainingView *> MainWindow::views() const {
    QList<TrainingView *> views;
    for (QStackedWidget *cell : m_cells) {
        for (int i = 0; i < cell->count(); ++i)
            views.append(static_cast<TrainingView *>(cell->widget(i)));
    }
    return views;
}

QList<TrainingView *> MainWindow::visibleViews() const {
    QList<TrainingView *> views;
    for (QStackedWidget *cell : m_cells)
        views.append(static_cast<TrainingView *>(cell->currentWidget()));
    return views;
}

QList<QCustomPlot *> MainWindow::visiblePlots() const {
    QList<QCustomPlot *> plots;
    for (TrainingView *view : visibleViews())
        plots.append(view->plot());
    return plots;
}

QStringList MainWindow::visiblePlotTitles() const {
    QStringList titles;
    for (TrainingView *view : visibleViews())
        titles.append(view->title());
    return titles;
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

} // namespace reglab::ui
