// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_window.h"

#include "core/compare/run_set.h"
#include "core/io/run_folder.h"
#include "ui/compare/compare_curves_plot.h"
#include "ui/compare/compare_export.h"
#include "ui/compare/compare_runner.h"
#include "ui/compare/compare_setup_pane.h"
#include "ui/compare/compare_table.h"
#include "ui/compare/compare_weights_view.h"
#include "ui/compare/regularization_path_plot.h"
#include "ui/compare/weight_overlay_plot.h"
#include "ui/plots/plot_export.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace reglab::ui {

namespace {

QString fromStd(const std::string &text) {
    return QString::fromStdString(text);
}

} // namespace

CompareWindow::CompareWindow(const ExperimentSpec &spec, const QString &baseDir, QWidget *parent)
    : QMainWindow(parent)
    , m_spec(spec)
    , m_baseDir(baseDir)
    , m_runner(new CompareRunner(this)) {
    setObjectName(QStringLiteral("compareWindow"));
    setWindowTitle(tr("Compare regularization — %1").arg(fromStd(spec.name)));
    // A separate top-level window even when it has a parent (the main window).
    setWindowFlag(Qt::Window, true);
    resize(1600, 1000);

    m_lossPlot = new CompareCurvesPlot(CurveMetric::TestDataLoss);
    m_accuracyPlot = new CompareCurvesPlot(CurveMetric::TestAccuracy);
    m_pathPlot = new RegularizationPathPlot;
    m_weightPlot = new WeightOverlayPlot;
    m_table = new CompareSummaryTable;
    m_setup = new CompareSetupPane(spec);

    auto *plots = new QWidget;
    auto *grid = new QGridLayout(plots);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    grid->addWidget(m_lossPlot, 0, 0);
    grid->addWidget(m_accuracyPlot, 0, 1);
    grid->addWidget(m_pathPlot, 1, 0);
    grid->addWidget(m_weightPlot, 1, 1);
    for (QWidget *w : {static_cast<QWidget *>(m_lossPlot), static_cast<QWidget *>(m_accuracyPlot),
                       static_cast<QWidget *>(m_pathPlot), static_cast<QWidget *>(m_weightPlot)})
        w->setMinimumSize(360, 220);

    m_weightsView = new CompareWeightsView;
    m_viewTabs = new QTabWidget;
    m_viewTabs->setObjectName(QStringLiteral("compareViewTabs"));
    m_viewTabs->addTab(plots, tr("Curves and histograms"));
    m_viewTabs->addTab(m_weightsView, tr("Weights over time"));
    auto *right = m_viewSplitter = new QSplitter(Qt::Vertical);
    right->addWidget(m_viewTabs);
    auto *tableBox = new QWidget;
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(4);
    tableLayout->addWidget(m_table);
    m_collapseNote = new QLabel;
    m_collapseNote->setObjectName(QStringLiteral("compareCollapseNote"));
    m_collapseNote->setWordWrap(true);
    m_collapseNote->setStyleSheet(QStringLiteral("color: #a61b1b; padding: 0 4px;"));
    m_collapseNote->setVisible(false);
    tableLayout->addWidget(m_collapseNote);
    m_validationNote = new QLabel;
    m_validationNote->setObjectName(QStringLiteral("compareValidationNote"));
    m_validationNote->setWordWrap(true);
    m_validationNote->setTextFormat(Qt::RichText);
    m_validationNote->setStyleSheet(QStringLiteral("padding: 0 4px;"));
    m_validationNote->setVisible(false);
    tableLayout->addWidget(m_validationNote);
    right->addWidget(tableBox);
    right->setStretchFactor(0, 4);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    m_table->setMinimumHeight(120);

    auto *setupScroll = new QScrollArea;
    setupScroll->setWidget(buildSetupColumn());
    setupScroll->setWidgetResizable(true);
    setupScroll->setFrameShape(QFrame::NoFrame);
    setupScroll->setMinimumWidth(300);
    setupScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *main = new QSplitter(Qt::Horizontal);
    main->addWidget(setupScroll);
    main->addWidget(right);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    main->setSizes({340, 1260});
    main->setChildrenCollapsible(false);
    setCentralWidget(main);

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(150);
    connect(m_refreshTimer, &QTimer::timeout, this, &CompareWindow::refreshSummaries);

    connect(m_runner, &CompareRunner::datasetLoaded, this, &CompareWindow::onDatasetLoaded);
    connect(m_runner, &CompareRunner::runUpdated, this, &CompareWindow::onRunUpdated);
    connect(m_runner, &CompareRunner::finished, this, &CompareWindow::onRunnerFinished);
    connect(m_runner, &CompareRunner::errorOccurred, this, &CompareWindow::setError);
    connect(m_setup, &CompareSetupPane::variantsChanged, this, &CompareWindow::updateButtons);

    statusBar()->showMessage(tr("Choose what varies, then press Run."));
    updateButtons();
}

CompareWindow::~CompareWindow() {
    m_runner->cancelAndWait();
}

QWidget *CompareWindow::buildSetupColumn() {
    auto *column = new QWidget;
    auto *layout = new QVBoxLayout(column);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(10);
    layout->addWidget(m_setup);

    auto *buttons = new QHBoxLayout;
    m_runButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"));
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(style()->standardIcon(QStyle::SP_MediaStop), tr("Cancel"));
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_cancelButton);
    layout->addLayout(buttons);

    auto *runsGroup = new QGroupBox(tr("Runs"));
    auto *runsLayout = new QVBoxLayout(runsGroup);
    m_runsBox = new QWidget;
    m_runsGrid = new QGridLayout(m_runsBox);
    m_runsGrid->setContentsMargins(0, 0, 0, 0);
    m_runsGrid->setHorizontalSpacing(6);
    m_runsGrid->setVerticalSpacing(4);
    m_runsGrid->setColumnStretch(2, 1);
    runsLayout->addWidget(m_runsBox);
    layout->addWidget(runsGroup);

    m_exportButton =
        new QPushButton(style()->standardIcon(QStyle::SP_DialogSaveButton), tr("Export bundle…"));
    m_exportButton->setToolTip(tr("Write the experiment, the variants, every run's metrics and "
                                  "weights, the summary and every plot to a folder"));
    layout->addWidget(m_exportButton);
    layout->addStretch();

    connect(m_runButton, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &CompareWindow::cancel);
    connect(m_exportButton, &QPushButton::clicked, this, &CompareWindow::exportWithDialog);
    return column;
}

void CompareWindow::setVariants(std::vector<Variant> variants, VariationKind kind) {
    m_setup->setVariants(std::move(variants), kind);
}

const std::vector<Variant> &CompareWindow::variants() const {
    return m_setup->variants();
}

void CompareWindow::setEpochs(int epochs) {
    m_setup->setEpochs(epochs);
}

QString CompareWindow::errorText() const {
    return m_setup->errorText();
}

void CompareWindow::setError(const QString &text) {
    m_setup->setError(text);
    statusBar()->showMessage(text);
}

bool CompareWindow::isRunning() const {
    return m_runner->isRunning();
}

bool CompareWindow::start() {
    if (m_runner->isRunning()) {
        m_setup->setError(tr("The runs are still going."));
        return false;
    }
    const std::vector<Variant> &variants = m_setup->variants();
    if (variants.empty()) {
        if (m_setup->errorText().isEmpty())
            m_setup->setError(tr("Nothing to run."));
        return false;
    }
    ExperimentSpec base = m_spec;
    base.training.epochs = m_setup->epochs();
    try {
        m_runner->start(base, m_baseDir, variants);
    } catch (const std::exception &e) {
        setError(fromStd(e.what()));
        return false;
    }
    m_setup->clearError();
    m_loaded = false;
    std::vector<double> values;
    for (const Variant &v : variants)
        values.push_back(v.value);
    prepareViews(base, m_setup->kind(), m_setup->variationName(), m_setup->displayLabels(), values);
    statusBar()->showMessage(tr("Loading %1…").arg(fromStd(base.dataset.source)));
    updateButtons();
    return true;
}

CompareWindow *CompareWindow::openRunFolders(const QStringList &dirs, QString *error,
                                             QWidget *parent) {
    RunSet set;
    std::vector<std::string> paths;
    for (const QString &d : dirs)
        paths.push_back(d.toStdString());
    try {
        set = loadRunSet(paths);
    } catch (const std::exception &e) {
        if (error)
            *error = fromStd(e.what());
        return nullptr;
    }
    // The data as the first run had it (its relative paths from its folder): the test set
    // every run was scored on. Runs whose data is gone still show their curves.
    const RunSetEntry &first = set.runs.front();
    std::shared_ptr<const Dataset> data;
    QString dataError;
    try {
        data = std::make_shared<const Dataset>(
            loadDataset(first.run.spec.dataset, first.run.spec.seed, first.dir));
    } catch (const std::exception &e) {
        dataError = fromStd(e.what());
    }
    auto *window = new CompareWindow(first.run.spec, fromStd(first.dir), parent);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->showRunSet(set, std::move(data), dataError);
    return window;
}

void CompareWindow::showRunSet(const RunSet &set, std::shared_ptr<const Dataset> dataset,
                               const QString &dataError) {
    std::vector<CompareRun> runs;
    QStringList labels;
    std::vector<double> values;
    for (const RunSetEntry &e : set.runs) {
        CompareRun run;
        run.variant.label = e.label;
        run.variant.value = e.value;
        run.spec = e.run.spec;
        run.history = e.run.history;
        run.weights = e.run.weights;
        for (const EpochMetrics &m : e.run.weightHistory)
            run.weightHistory.add(m);
        run.earlyStopping = e.run.earlyStopping;
        run.message = fromStd(e.run.message);
        run.folder = fromStd(e.dir);
        switch (e.run.status) {
        case RunStatus::Finished:
        case RunStatus::EarlyStopped:
            run.status = CompareRunStatus::Finished;
            break;
        case RunStatus::Stopped:
            run.status = CompareRunStatus::Stopped;
            break;
        case RunStatus::Diverged:
            run.status = CompareRunStatus::Diverged;
            break;
        case RunStatus::Failed:
            run.status = CompareRunStatus::Failed;
            break;
        }
        labels.append(fromStd(e.label));
        values.push_back(e.value);
        runs.push_back(std::move(run));
    }
    // The setup pane offers the same runs again (trained here) when each one can be said as
    // overrides of the first run's experiment.
    const bool repeatable = std::all_of(set.runs.begin(), set.runs.end(),
                                        [](const RunSetEntry &e) { return !e.overrides.empty(); });
    if (repeatable) {
        std::vector<Variant> variants;
        for (const RunSetEntry &e : set.runs)
            variants.push_back({e.label, e.value, e.overrides});
        m_setup->setVariants(std::move(variants), set.kind);
        m_setup->setEpochs(set.runs.front().run.spec.training.epochs);
    }
    m_loaded = true;
    m_loadedDataError = dataError;
    const QString variation = fromStd(set.parameter);
    setWindowTitle(tr("Compare finished runs — %1").arg(variation));
    prepareViews(set.runs.front().run.spec, set.kind, variation, labels, values);
    m_runner->showFinished(std::move(runs), std::move(dataset));
    updateButtons();
}

void CompareWindow::prepareViews(const ExperimentSpec &base, VariationKind kind,
                                 const QString &variation, const QStringList &labels,
                                 const std::vector<double> &values) {
    m_runBase = base;
    m_runKind = kind;
    m_runVariation = variation;
    m_runLabels = labels;
    m_plotted.assign(values.size(), 0);
    m_initialShown = false;
    m_clock.start();

    QStringList layerNames;
    for (const LayerSpec &l : base.model.layers) {
        if (l.hasWeights()) // dropout, pooling and flatten have none
            layerNames.append(fromStd(l.name));
    }
    const TaskKind task = base.task();
    const bool validation = base.dataset.validationFraction > 0.0;
    m_lossPlot->setRuns(m_runLabels, task, validation);
    m_accuracyPlot->setRuns(m_runLabels, task, validation);
    m_pathPlot->setVariants(values, m_runLabels, m_runKind, task);
    m_weightPlot->setRuns(m_runLabels, layerNames);
    m_weightsView->setRuns(m_runLabels, layerNames);
    m_table->setRuns(m_runLabels, values, isNumericVariation(m_runKind), task);
    m_validationNote->setVisible(false);
    buildRunRows();
    // Room for every row of the table (up to 10); the plots keep the rest.
    const int rowsShown = std::min<int>(int(values.size()), 10);
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height()
                            + rowsShown * m_table->verticalHeader()->defaultSectionSize() + 8
                            + m_collapseNote->fontMetrics().height() + 4;
    const int total = std::max(m_viewSplitter->height(), 400);
    const int tableShare = std::min(tableHeight, total * 2 / 5);
    m_viewSplitter->setSizes({total - tableShare, tableShare});
}

void CompareWindow::buildRunRows() {
    for (RunRow &row : m_rows) {
        delete row.name;
        delete row.bar;
        delete row.status;
        delete row.cancel;
    }
    m_rows.clear();
    // The swatches are separate labels in column 0.
    while (QLayoutItem *item = m_runsGrid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const int epochs = m_runBase.training.epochs;
    for (int i = 0; i < m_runLabels.size(); ++i) {
        auto *swatch = new QLabel;
        swatch->setPixmap(colorSwatch(seriesColor(i)));
        RunRow row;
        row.name = new QLabel(m_runLabels[i]);
        row.bar = new QProgressBar;
        row.bar->setRange(0, epochs);
        row.bar->setValue(0);
        row.bar->setFormat(tr("%v/%m"));
        row.bar->setMaximumHeight(16);
        row.bar->setMinimumWidth(80);
        row.status = new QLabel(tr("Queued"));
        row.status->setStyleSheet(QStringLiteral("color: palette(mid);"));
        row.status->setMinimumWidth(60);
        row.cancel = new QToolButton;
        row.cancel->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
        row.cancel->setAutoRaise(true);
        row.cancel->setToolTip(tr("Cancel this run"));
        connect(row.cancel, &QToolButton::clicked, this, [this, i] { cancelRun(i); });
        m_runsGrid->addWidget(swatch, i, 0);
        m_runsGrid->addWidget(row.name, i, 1);
        m_runsGrid->addWidget(row.bar, i, 2);
        m_runsGrid->addWidget(row.status, i, 3);
        m_runsGrid->addWidget(row.cancel, i, 4);
        m_rows.push_back(row);
    }
}

QProgressBar *CompareWindow::progressBar(int run) const {
    return run >= 0 && run < int(m_rows.size()) ? m_rows[std::size_t(run)].bar : nullptr;
}

void CompareWindow::onDatasetLoaded() {
    const auto dataset = m_runner->dataset();
    // The weight overlay starts on the layer with the most weights: its histogram is the
    // least noisy.
    long long most = -1;
    long long fanIn = dataset->inputDim();
    const std::vector<std::size_t> dense = m_runBase.model.weightIndices();
    for (int i = 0; i < int(dense.size()); ++i) { // i: the network's (and metrics') layer
        const long long units = m_runBase.model.layers[dense[std::size_t(i)]].units;
        const long long weights = fanIn * units;
        if (weights > most) {
            most = weights;
            m_weightPlot->setLayer(i);
            m_weightsView->setLayer(i);
        }
        fanIn = units;
    }
    if (m_loaded)
        return; // onRunnerFinished() says what was loaded
    statusBar()->showMessage(tr("Running %1 runs on %2 (%3 train / %4 test samples), up to %5 "
                                "at a time…")
                                 .arg(m_runner->runs().size())
                                 .arg(fromStd(dataset->name))
                                 .arg(dataset->trainSize())
                                 .arg(dataset->testSize())
                                 .arg(m_runner->maxConcurrentRuns()));
}

void CompareWindow::onRunUpdated(int index) {
    const auto &runs = m_runner->runs();
    if (index < 0 || index >= int(runs.size()) || std::size_t(index) >= m_plotted.size())
        return;
    const CompareRun &run = runs[std::size_t(index)];
    const std::size_t drawn = m_plotted[std::size_t(index)];
    if (run.history.size() > drawn) {
        const std::vector<EpochMetrics> fresh(run.history.begin() + std::ptrdiff_t(drawn),
                                              run.history.end());
        m_lossPlot->appendEpochs(index, fresh);
        m_accuracyPlot->appendEpochs(index, fresh);
        m_plotted[std::size_t(index)] = run.history.size();
        // Epoch 0's histograms: a trained run's first epoch, a loaded run's history.csv.
        const std::vector<EpochMetrics> &initial =
            run.weightHistory.epochs().empty() ? run.history : run.weightHistory.epochs();
        if (!m_initialShown && initial.front().epoch == 0) {
            m_weightPlot->setInitial(initial.front().layers);
            m_initialShown = true;
        }
        m_weightPlot->setLayers(index, run.history.back().layers);
        m_weightsView->setHistory(index, run.weightHistory.epochs());
    }
    if (std::size_t(index) < m_rows.size()) {
        const RunRow &row = m_rows[std::size_t(index)];
        const int epoch = run.history.empty() ? 0 : run.history.back().epoch;
        row.bar->setValue(std::min(epoch, row.bar->maximum()));
        const auto summary = summaryOf(index);
        const QString text = statusText(run, summary);
        row.status->setText(shortStatus(run, summary));
        row.status->setToolTip(text);
        row.cancel->setVisible(!run.isDone());
        const bool collapsed = summary && summary->collapsed && run.isDone();
        row.status->setStyleSheet(collapsed ? QStringLiteral("color: #b3261e; font-weight: 600;")
                                            : QStringLiteral("color: palette(mid);"));
    }
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

std::optional<RunSummary> CompareWindow::summaryOf(int run) const {
    const auto &runs = m_runner->runs();
    const auto dataset = m_runner->datasetOf(run);
    if (!dataset || run < 0 || run >= int(runs.size()))
        return std::nullopt;
    const CompareRun &r = runs[std::size_t(run)];
    if (r.history.empty() || r.history.back().epoch < 1)
        return std::nullopt;
    RunSummary s = summarize(r.history, *dataset);
    s.label = r.variant.label;
    s.value = r.variant.value;
    return s;
}

QString CompareWindow::collapseText(TaskKind task) const {
    return task == TaskKind::Regression
               ? tr("predicts the same value for every input: the penalty outweighs the data "
                    "loss")
               : tr("predicts one class for every input: the penalty outweighs the data loss");
}

QString CompareWindow::shortStatus(const CompareRun &run,
                                   const std::optional<RunSummary> &s) const {
    switch (run.status) {
    case CompareRunStatus::Queued:
        return tr("Queued");
    case CompareRunStatus::Running:
        return tr("Running");
    case CompareRunStatus::Finished:
        return s && s->collapsed ? tr("Collapsed") : tr("Done");
    case CompareRunStatus::Stopped:
        return tr("Cancelled");
    case CompareRunStatus::Diverged:
        return tr("Diverged");
    case CompareRunStatus::Failed:
        return tr("Failed");
    }
    return {};
}

QString CompareWindow::statusText(const CompareRun &run, const std::optional<RunSummary> &s) const {
    const int epoch = run.history.empty() ? 0 : run.history.back().epoch;
    switch (run.status) {
    case CompareRunStatus::Queued:
        return tr("Queued");
    case CompareRunStatus::Running:
        return tr("Running, epoch %1/%2").arg(epoch).arg(run.spec.training.epochs);
    case CompareRunStatus::Finished:
        if (s && s->collapsed)
            return tr("Collapsed (over-regularized)");
        return tr("Done");
    case CompareRunStatus::Stopped:
        return tr("Cancelled at epoch %1").arg(epoch);
    case CompareRunStatus::Diverged:
        return tr("Diverged: %1").arg(run.message);
    case CompareRunStatus::Failed:
        return tr("Failed: %1").arg(run.message);
    }
    return {};
}

void CompareWindow::refreshSummaries() {
    const auto &runs = m_runner->runs();
    std::vector<std::optional<RunSummary>> byRun;
    for (int i = 0; i < int(runs.size()); ++i) {
        const auto s = summaryOf(i);
        byRun.push_back(s);
        const CompareRun &run = runs[std::size_t(i)];
        m_table->updateRun(i, s, statusText(run, s), s && s->collapsed && run.isDone());
    }
    m_pathPlot->setSummaries(byRun);
    QStringList collapsed;
    TaskKind task = TaskKind::Classification;
    for (int i = 0; i < int(byRun.size()); ++i) {
        if (byRun[std::size_t(i)] && byRun[std::size_t(i)]->collapsed
            && runs[std::size_t(i)].status == CompareRunStatus::Finished) {
            collapsed.append(m_runLabels.value(i));
            task = byRun[std::size_t(i)]->task;
        }
    }
    m_collapseNote->setText(tr("Collapsed (over-regularized): %1. Such a run %2.")
                                .arg(collapsed.join(QStringLiteral(", ")), collapseText(task)));
    m_collapseNote->setVisible(!collapsed.isEmpty());
    showValidationRanking(byRun);
}

void CompareWindow::showValidationRanking(const std::vector<std::optional<RunSummary>> &byRun) {
    std::vector<RunSummary> rows;
    std::vector<int> runOf;
    for (int i = 0; i < int(byRun.size()); ++i) {
        if (byRun[std::size_t(i)] && byRun[std::size_t(i)]->hasValidation) {
            rows.push_back(*byRun[std::size_t(i)]);
            runOf.push_back(i);
        }
    }
    m_validationNote->setVisible(!rows.empty());
    if (rows.empty())
        return;
    // Choose on validation, report test once: the test numbers are those of each run's best
    // validation epoch.
    const bool regression = rows.front().task == TaskKind::Regression;
    auto score = [regression](double v) {
        return regression ? QString::number(v, 'f', 3)
                          : QStringLiteral("%1%").arg(v * 100, 0, 'f', 1);
    };
    QStringList ranked;
    const std::vector<std::size_t> order = rankByValidation(rows);
    for (std::size_t k = 0; k < order.size(); ++k) {
        const RunSummary &r = rows[order[k]];
        const QString label = m_runLabels.value(runOf[order[k]]).toHtmlEscaped();
        ranked << tr("%1. %2: validation %3, test %4 (epoch %5)")
                      .arg(k + 1)
                      .arg(k == 0 ? QStringLiteral("<b>%1</b>").arg(label) : label,
                           score(r.bestValAccuracy), score(r.testAccuracyAtBestVal))
                      .arg(r.bestValEpoch);
    }
    m_validationNote->setText(
        tr("Ranked by validation %1 (each run at its best validation "
           "epoch; the test numbers are reported, not used to choose): %2")
            .arg(regression ? tr("R²") : tr("accuracy"), ranked.join(QStringLiteral(" · "))));
}

void CompareWindow::onRunnerFinished() {
    m_refreshTimer->stop();
    refreshSummaries();
    m_table->fitColumns();
    int collapsed = 0;
    int finishedRuns = 0;
    for (int i = 0; i < int(m_runner->runs().size()); ++i) {
        const auto s = summaryOf(i);
        collapsed += s && s->collapsed ? 1 : 0;
        finishedRuns += m_runner->runs()[std::size_t(i)].status == CompareRunStatus::Finished;
    }
    QString message = m_loaded ? tr("Showing %n finished run(s) read from their folders.", nullptr,
                                    int(m_runner->runs().size()))
                               : tr("Finished %1 of %2 runs in %3 s.")
                                     .arg(finishedRuns)
                                     .arg(m_runner->runs().size())
                                     .arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 1);
    if (collapsed > 0)
        message += QLatin1Char(' ') + tr("Collapsed (over-regularized): %1.").arg(collapsed);
    if (m_loaded && !m_loadedDataError.isEmpty())
        message += QLatin1Char(' ')
                   + tr("The data set could not be loaded, so the table stays empty: %1")
                         .arg(m_loadedDataError);
    statusBar()->showMessage(message);
    updateButtons();
    emit finished();
}

void CompareWindow::cancel() {
    m_runner->cancel();
    if (m_runner->isRunning())
        statusBar()->showMessage(tr("Cancelling…"));
}

void CompareWindow::cancelRun(int run) {
    m_runner->cancelRun(run);
}

void CompareWindow::updateButtons() {
    const bool running = m_runner->isRunning();
    m_runButton->setEnabled(!running && !m_setup->variants().empty());
    m_cancelButton->setEnabled(running);
    m_exportButton->setEnabled(!running && !m_runner->runs().empty());
    m_setup->setRunning(running);
}

std::vector<RunSummary> CompareWindow::summaries() const {
    std::vector<RunSummary> out;
    const auto &runs = m_runner->runs();
    const auto dataset = m_runner->dataset();
    for (int i = 0; i < int(runs.size()); ++i) {
        const CompareRun &run = runs[std::size_t(i)];
        const auto runData = m_runner->datasetOf(i);
        RunSummary s = runData && dataset ? summarize(run.history, *runData) : RunSummary{};
        s.label = run.variant.label;
        s.value = run.variant.value;
        out.push_back(s);
    }
    return out;
}

bool CompareWindow::exportBundle(const QString &dir, QString *error) {
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_runner->isRunning())
        return fail(
            tr("%1: the runs are still going; wait for them or cancel them first").arg(dir));
    if (m_runner->runs().empty())
        return fail(tr("%1: nothing to export; run the comparison first").arg(dir));
    int files = 0;
    try {
        files = exportComparison(dir, {m_runVariation, &m_runner->runs(), summaries(), m_lossPlot,
                                       m_accuracyPlot, m_pathPlot, m_weightPlot});
    } catch (const std::exception &e) {
        return fail(fromStd(e.what()));
    }
    statusBar()->showMessage(
        tr("Exported %1 files to %2").arg(files).arg(QDir::toNativeSeparators(dir)));
    return true;
}

void CompareWindow::exportWithDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export comparison bundle to folder"), m_baseDir, QFileDialog::ShowDirsOnly);
    if (dir.isEmpty())
        return;
    const QString target = QDir(dir).filePath(
        fromStd(labelFileName(m_runBase.name + "-" + m_runVariation.toStdString())));
    QString error;
    if (!exportBundle(target, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void CompareWindow::showWeightsOverTime() {
    m_viewTabs->setCurrentWidget(m_weightsView);
}

void CompareWindow::closeEvent(QCloseEvent *event) {
    // Stop every run after its current batch and wait for the workers: nothing may outlive
    // the window's data.
    m_runner->cancelAndWait();
    event->accept();
}

} // namespace reglab::ui
