// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_window.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/metrics_csv.h"
#include "core/io/npz.h"
#include "ui/compare/compare_plots.h"
#include "ui/compare/compare_runner.h"
#include "ui/compare/compare_table.h"
#include "ui/plots/plot_export.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <nlohmann/json.hpp>

#include <qcustomplot.h>

#include <cmath>
#include <filesystem>

namespace reglab::ui {

namespace {

enum WhatItem { WhatL2Scale, WhatL1Scale, WhatKind, WhatConvention, WhatCoupling };

QString fromStd(const std::string &text) {
    return QString::fromStdString(text);
}

/// A path component from a label: letters, digits and . _ - + kept, the rest '_'.
QString safeName(const QString &text) {
    QString out;
    for (QChar ch : text) {
        const bool keep = (ch.unicode() < 128 && ch.isLetterOrNumber()) || ch == QLatin1Char('.')
                          || ch == QLatin1Char('_') || ch == QLatin1Char('-')
                          || ch == QLatin1Char('+');
        out.append(keep ? ch : QLatin1Char('_'));
    }
    return out.isEmpty() ? QStringLiteral("_") : out.left(40);
}

const char *statusName(CompareRunStatus status) {
    switch (status) {
    case CompareRunStatus::Queued:
        return "queued";
    case CompareRunStatus::Running:
        return "running";
    case CompareRunStatus::Finished:
        return "finished";
    case CompareRunStatus::Stopped:
        return "stopped";
    case CompareRunStatus::Diverged:
        return "diverged";
    case CompareRunStatus::Failed:
        return "failed";
    }
    return "unknown";
}

bool hasL2Term(const ExperimentSpec &spec) {
    for (const LayerSpec &l : spec.model.layers) {
        if ((l.kernelRegularizer && l.kernelRegularizer->l2 != 0.0)
            || (l.biasRegularizer && l.biasRegularizer->l2 != 0.0))
            return true;
    }
    return false;
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

    auto *right = m_viewSplitter = new QSplitter(Qt::Vertical);
    right->addWidget(plots);
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
    right->addWidget(tableBox);
    right->setStretchFactor(0, 4);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    m_table->setMinimumHeight(120);

    auto *setupScroll = new QScrollArea;
    setupScroll->setWidget(buildSetupPane());
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

    statusBar()->showMessage(tr("Choose what varies, then press Run."));
    rebuildFromSetup();
    updateButtons();
}

CompareWindow::~CompareWindow() {
    m_runner->cancelAndWait();
}

QWidget *CompareWindow::buildSetupPane() {
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->setSpacing(10);

    auto *heading = new QLabel(tr("Compare regularization settings"));
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    layout->addWidget(heading);
    auto *base = new QLabel(tr("From “%1”: %2 · %3 layers · seed %4")
                                .arg(fromStd(m_spec.name), fromStd(m_spec.dataset.source))
                                .arg(m_spec.model.layers.size())
                                .arg(m_spec.seed));
    base->setWordWrap(true);
    base->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(base);
    auto *guarantee = new QLabel(tr("Every run starts from the same initial weights and sees "
                                    "the same batches: only the regularization differs."));
    guarantee->setWordWrap(true);
    layout->addWidget(guarantee);

    auto *setupBox = new QGroupBox(tr("What varies"));
    auto *form = new QFormLayout(setupBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_whatCombo = new QComboBox;
    m_whatCombo->addItem(tr("L2 scale λ"), WhatL2Scale);
    m_whatCombo->addItem(tr("L1 scale λ"), WhatL1Scale);
    m_whatCombo->addItem(tr("Regularizer kind"), WhatKind);
    m_whatCombo->addItem(tr("L2 convention"), WhatConvention);
    m_whatCombo->addItem(tr("Coupled L2 vs AdamW decay"), WhatCoupling);
    form->addRow(tr("Vary"), m_whatCombo);
    m_layerCombo = new QComboBox;
    m_layerCombo->addItem(tr("All layers"), -1);
    for (std::size_t i = 0; i < m_spec.model.layers.size(); ++i)
        m_layerCombo->addItem(fromStd(m_spec.model.layers[i].name), int(i));
    m_layerLabel = new QLabel(tr("Layer"));
    form->addRow(m_layerLabel, m_layerCombo);

    m_valuesBox = new QWidget;
    auto *values = new QGridLayout(m_valuesBox);
    values->setContentsMargins(0, 0, 0, 0);
    m_listRadio = new QRadioButton(tr("List"));
    m_listRadio->setChecked(true);
    m_valuesEdit = new QLineEdit(QStringLiteral("0, 1e-4, 1e-3, 1e-2, 1e-1, 1"));
    m_valuesEdit->setToolTip(tr("Scales separated by commas, e.g. 0, 1e-4, 1e-3"));
    m_rangeRadio = new QRadioButton(tr("Log range"));
    auto *scaleValidator = new QDoubleValidator(0.0, 1e12, 12, this);
    scaleValidator->setNotation(QDoubleValidator::ScientificNotation);
    scaleValidator->setLocale(QLocale::c());
    m_fromEdit = new QLineEdit(QStringLiteral("1e-4"));
    m_fromEdit->setValidator(scaleValidator);
    m_toEdit = new QLineEdit(QStringLiteral("1"));
    m_toEdit->setValidator(scaleValidator);
    m_countSpin = new QSpinBox;
    m_countSpin->setRange(2, 64);
    m_countSpin->setValue(5);
    m_zeroCheck = new QCheckBox(tr("Also λ = 0"));
    m_zeroCheck->setChecked(true);
    auto *range = new QHBoxLayout;
    range->addWidget(new QLabel(tr("from")));
    range->addWidget(m_fromEdit);
    range->addWidget(new QLabel(tr("to")));
    range->addWidget(m_toEdit);
    auto *rangeCount = new QHBoxLayout;
    rangeCount->addWidget(new QLabel(tr("values")));
    rangeCount->addWidget(m_countSpin);
    rangeCount->addWidget(m_zeroCheck);
    rangeCount->addStretch();
    values->addWidget(m_listRadio, 0, 0, 1, 2);
    values->addWidget(m_valuesEdit, 1, 0, 1, 2);
    values->addWidget(m_rangeRadio, 2, 0, 1, 2);
    values->addLayout(range, 3, 0, 1, 2);
    values->addLayout(rangeCount, 4, 0, 1, 2);
    form->addRow(tr("Values"), m_valuesBox);

    m_scaleEdit = new QLineEdit(QStringLiteral("1e-3"));
    m_scaleEdit->setValidator(scaleValidator);
    m_scaleLabel = new QLabel(tr("Scale"));
    form->addRow(m_scaleLabel, m_scaleEdit);
    m_epochsSpin = new QSpinBox;
    m_epochsSpin->setRange(1, limits::kMaxEpochs);
    m_epochsSpin->setValue(std::max(1, m_spec.training.epochs));
    form->addRow(tr("Epochs"), m_epochsSpin);
    layout->addWidget(setupBox);

    m_previewLabel = new QLabel;
    m_previewLabel->setWordWrap(true);
    m_previewLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_previewLabel);
    m_noteLabel = new QLabel;
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_noteLabel);

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

    m_whatCombo->setObjectName(QStringLiteral("compareWhat"));
    m_layerCombo->setObjectName(QStringLiteral("compareLayer"));
    m_valuesEdit->setObjectName(QStringLiteral("compareValues"));
    m_listRadio->setObjectName(QStringLiteral("compareList"));
    m_rangeRadio->setObjectName(QStringLiteral("compareRange"));
    m_scaleEdit->setObjectName(QStringLiteral("compareScale"));
    m_previewLabel->setObjectName(QStringLiteral("comparePreview"));

    connect(m_whatCombo, &QComboBox::currentIndexChanged, this, [this] { rebuildFromSetup(); });
    connect(m_layerCombo, &QComboBox::currentIndexChanged, this, [this] { rebuildFromSetup(); });
    for (QRadioButton *radio : {m_listRadio, m_rangeRadio})
        connect(radio, &QRadioButton::toggled, this, [this] { rebuildFromSetup(); });
    for (QLineEdit *edit : {m_valuesEdit, m_fromEdit, m_toEdit, m_scaleEdit})
        connect(edit, &QLineEdit::textChanged, this, [this] { rebuildFromSetup(); });
    connect(m_countSpin, &QSpinBox::valueChanged, this, [this] { rebuildFromSetup(); });
    connect(m_zeroCheck, &QCheckBox::toggled, this, [this] { rebuildFromSetup(); });
    connect(m_runButton, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &CompareWindow::cancel);
    connect(m_exportButton, &QPushButton::clicked, this, &CompareWindow::exportWithDialog);
    return pane;
}

void CompareWindow::updateSetupVisibility() {
    const int what = m_whatCombo->currentData().toInt();
    const bool scale = what == WhatL2Scale || what == WhatL1Scale;
    const bool layered = scale || what == WhatKind;
    m_layerLabel->setVisible(layered);
    m_layerCombo->setVisible(layered);
    m_valuesBox->setVisible(scale);
    if (auto *form = qobject_cast<QFormLayout *>(m_valuesBox->parentWidget()->layout())) {
        form->setRowVisible(m_valuesBox, scale);
        form->setRowVisible(m_scaleEdit, what == WhatKind || what == WhatCoupling);
        form->setRowVisible(m_layerCombo, layered);
    }
    const bool list = m_listRadio->isChecked();
    m_valuesEdit->setEnabled(list);
    for (QWidget *w : {static_cast<QWidget *>(m_fromEdit), static_cast<QWidget *>(m_toEdit),
                       static_cast<QWidget *>(m_countSpin), static_cast<QWidget *>(m_zeroCheck)})
        w->setEnabled(!list);
}

void CompareWindow::rebuildFromSetup() {
    updateSetupVisibility();
    const int what = m_whatCombo->currentData().toInt();
    const int layer = m_layerCombo->currentData().toInt();
    m_displayLabels.clear();
    m_noteLabel->clear();
    try {
        auto scaleValue = [this] {
            bool ok = false;
            const double v = QLocale::c().toDouble(m_scaleEdit->text().trimmed(), &ok);
            if (!ok)
                throw InputError({}, "scale", "is not a number");
            return v;
        };
        switch (what) {
        case WhatL2Scale:
        case WhatL1Scale: {
            m_kind = VariationKind::Scale;
            m_term = what == WhatL1Scale ? PenaltyTerm::L1 : PenaltyTerm::L2;
            std::vector<double> values;
            if (m_listRadio->isChecked()) {
                values = parseScaleList(m_valuesEdit->text().toStdString());
            } else {
                bool okFrom = false;
                bool okTo = false;
                const double from = QLocale::c().toDouble(m_fromEdit->text().trimmed(), &okFrom);
                const double to = QLocale::c().toDouble(m_toEdit->text().trimmed(), &okTo);
                if (!okFrom || !okTo)
                    throw InputError({}, "values", "the range needs two numbers");
                values = logRange(from, to, m_countSpin->value());
                if (m_zeroCheck->isChecked())
                    values.insert(values.begin(), 0.0);
            }
            m_variants = makeScaleVariants(m_spec, layer, m_term, values);
            for (const Variant &v : m_variants)
                m_displayLabels.append(tr("λ = %1").arg(fromStd(v.label)));
            break;
        }
        case WhatKind: {
            m_kind = VariationKind::RegularizerKind;
            const double scale = scaleValue();
            m_variants = makeKindVariants(m_spec, layer, scale);
            const QString s = fromStd(formatScale(scale));
            m_displayLabels = {tr("None"), tr("L1 %1").arg(s), tr("L2 %1").arg(s),
                               tr("L1+L2 %1").arg(s)};
            break;
        }
        case WhatConvention:
            m_kind = VariationKind::Convention;
            m_variants = makeConventionVariants(m_spec);
            m_displayLabels = {tr("Keras: λ·Σw²"), tr("TF1: λ·Σw²/2")};
            if (!hasL2Term(m_spec))
                m_noteLabel->setText(tr("The experiment has no L2 term: both conventions give "
                                        "the same run. Add an L2 scale to a layer first."));
            break;
        case WhatCoupling: {
            m_kind = VariationKind::Coupling;
            const double scale = scaleValue();
            m_variants = makeCoupledVsDecoupled(m_spec, scale);
            const double decay = applyVariant(m_spec, m_variants[1]).optimizer.weightDecay;
            m_displayLabels = {tr("L2 %1, coupled (Adam)").arg(fromStd(formatScale(scale))),
                               tr("AdamW decay %1").arg(fromStd(formatScale(decay)))};
            m_noteLabel->setText(
                tr("Coupled: the L2 gradient goes through Adam's scaling. Decoupled: AdamW "
                   "shrinks w by lr·%1·w each step, the decay plain SGD would get from the "
                   "same penalty (Loshchilov & Hutter).")
                    .arg(fromStd(formatScale(decay))));
            break;
        }
        default:
            break;
        }
        m_errorText.clear();
    } catch (const InputError &e) {
        m_variants.clear();
        m_displayLabels.clear();
        m_errorText = fromStd(e.what());
    }
    showPreview();
    updateButtons();
}

void CompareWindow::setVariants(std::vector<Variant> variants, VariationKind kind) {
    m_variants = std::move(variants);
    m_kind = kind;
    m_displayLabels.clear();
    for (const Variant &v : m_variants) {
        m_displayLabels.append(kind == VariationKind::Scale ? tr("λ = %1").arg(fromStd(v.label))
                                                            : fromStd(v.label));
    }
    m_errorText.clear();
    m_noteLabel->clear();
    showPreview();
    updateButtons();
}

void CompareWindow::setEpochs(int epochs) {
    m_epochsSpin->setValue(epochs);
}

void CompareWindow::showPreview() {
    if (!m_errorText.isEmpty()) {
        m_previewLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_previewLabel->setText(m_errorText);
        return;
    }
    m_previewLabel->setStyleSheet(QString());
    const int threads = std::max(1, QThread::idealThreadCount());
    m_previewLabel->setText(tr("Runs (%1): %2. Up to %3 at a time, one core each.")
                                .arg(m_variants.size())
                                .arg(m_displayLabels.join(QStringLiteral(", ")))
                                .arg(std::min(threads, int(m_variants.size()))));
}

void CompareWindow::setError(const QString &text) {
    m_errorText = text;
    showPreview();
    statusBar()->showMessage(text);
}

bool CompareWindow::isRunning() const {
    return m_runner->isRunning();
}

bool CompareWindow::start() {
    if (m_runner->isRunning()) {
        m_errorText = tr("The runs are still going.");
        return false;
    }
    if (m_variants.empty()) {
        if (m_errorText.isEmpty())
            m_errorText = tr("Nothing to run.");
        showPreview();
        return false;
    }
    ExperimentSpec base = m_spec;
    base.training.epochs = m_epochsSpin->value();
    try {
        m_runner->start(base, m_baseDir, m_variants);
    } catch (const std::exception &e) {
        setError(fromStd(e.what()));
        return false;
    }
    m_errorText.clear();
    showPreview();
    m_runBase = base;
    m_runKind = m_kind;
    m_runVariation = variationName();
    m_runLabels = m_displayLabels;
    m_plotted.assign(m_variants.size(), 0);
    m_initialShown = false;
    m_clock.start();

    QStringList layerNames;
    for (const LayerSpec &l : base.model.layers)
        layerNames.append(fromStd(l.name));
    const TaskKind task = base.task();
    std::vector<double> values;
    for (const Variant &v : m_variants)
        values.push_back(v.value);
    m_lossPlot->setRuns(m_runLabels, task);
    m_accuracyPlot->setRuns(m_runLabels, task);
    m_pathPlot->setVariants(values, m_runLabels, m_runKind, task);
    m_weightPlot->setRuns(m_runLabels, layerNames);
    m_table->setRuns(m_runLabels, values, m_runKind == VariationKind::Scale, task);
    buildRunRows();
    // Room for every row of the table (up to 10); the plots keep the rest.
    const int rowsShown = std::min<int>(int(m_variants.size()), 10);
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height()
                            + rowsShown * m_table->verticalHeader()->defaultSectionSize() + 8
                            + m_collapseNote->fontMetrics().height() + 4;
    const int total = std::max(m_viewSplitter->height(), 400);
    const int tableShare = std::min(tableHeight, total * 2 / 5);
    m_viewSplitter->setSizes({total - tableShare, tableShare});
    statusBar()->showMessage(tr("Loading %1…").arg(fromStd(base.dataset.source)));
    updateButtons();
    return true;
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
    for (int i = 0; i < int(m_runBase.model.layers.size()); ++i) {
        const long long weights = fanIn * m_runBase.model.layers[std::size_t(i)].units;
        if (weights > most) {
            most = weights;
            m_weightPlot->setLayer(i);
        }
        fanIn = m_runBase.model.layers[std::size_t(i)].units;
    }
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
        if (!m_initialShown) {
            m_weightPlot->setInitial(run.history.front().layers);
            m_initialShown = true;
        }
        m_weightPlot->setLayers(index, run.history.back().layers);
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
    const auto dataset = m_runner->dataset();
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
    QString message = tr("Finished %1 of %2 runs in %3 s.")
                          .arg(finishedRuns)
                          .arg(m_runner->runs().size())
                          .arg(double(m_clock.elapsed()) / 1000.0, 0, 'f', 1);
    if (collapsed > 0)
        message += QLatin1Char(' ') + tr("Collapsed (over-regularized): %1.").arg(collapsed);
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
    m_runButton->setEnabled(!running && !m_variants.empty());
    m_cancelButton->setEnabled(running);
    m_exportButton->setEnabled(!running && !m_runner->runs().empty());
    m_whatCombo->setEnabled(!running);
}

std::vector<RunSummary> CompareWindow::summaries() const {
    std::vector<RunSummary> out;
    const auto &runs = m_runner->runs();
    const auto dataset = m_runner->dataset();
    for (int i = 0; i < int(runs.size()); ++i) {
        const CompareRun &run = runs[std::size_t(i)];
        RunSummary s = dataset ? summarize(run.history, *dataset) : RunSummary{};
        s.label = run.variant.label;
        s.value = run.variant.value;
        out.push_back(s);
    }
    return out;
}

QString CompareWindow::variationName() const {
    switch (m_kind) {
    case VariationKind::Scale:
        return m_term == PenaltyTerm::L1 ? QStringLiteral("l1_scale") : QStringLiteral("l2_scale");
    case VariationKind::RegularizerKind:
        return QStringLiteral("regularizer_kind");
    case VariationKind::Convention:
        return QStringLiteral("l2_convention");
    case VariationKind::Coupling:
        return QStringLiteral("coupled_vs_decoupled");
    }
    return {};
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
    const auto &runs = m_runner->runs();
    if (runs.empty())
        return fail(tr("%1: nothing to export; run the comparison first").arg(dir));
    const QDir root(dir);
    auto path = [&root](const QString &relative) { return root.filePath(relative).toStdString(); };
    QStringList files;
    try {
        makeDirectories(dir.toStdString());
        nlohmann::ordered_json variants = nlohmann::ordered_json::array();
        const std::vector<RunSummary> rows = summaries();
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const CompareRun &run = runs[i];
            const QString folder = QStringLiteral("runs/%1-%2")
                                       .arg(int(i) + 1, 2, 10, QLatin1Char('0'))
                                       .arg(safeName(fromStd(run.variant.label)));
            makeDirectories(path(folder));
            nlohmann::ordered_json entry = nlohmann::ordered_json::object();
            entry["label"] = run.variant.label;
            entry["display_label"] = m_runLabels.value(int(i)).toStdString();
            entry["value"] = run.variant.value;
            entry["overrides"] = run.variant.overrides;
            entry["status"] = statusName(run.status);
            entry["message"] = run.message.toStdString();
            entry["epochs"] = rows[i].epochs;
            entry["collapsed"] = rows[i].collapsed;
            const QString experiment = folder + QStringLiteral("/experiment.json");
            saveExperimentFile(run.spec, path(experiment));
            files.append(experiment);
            entry["experiment"] = experiment.toStdString();
            if (!run.history.empty()) {
                const QString metrics = folder + QStringLiteral("/metrics.csv");
                writeFileAtomically(path(metrics), metricsCsv(run.history));
                files.append(metrics);
                entry["metrics"] = metrics.toStdString();
            } else {
                entry["metrics"] = nullptr;
            }
            if (!run.weights.empty()) {
                const QString weights = folder + QStringLiteral("/weights.npz");
                writeNpz(path(weights), run.weights);
                files.append(weights);
                entry["weights"] = weights.toStdString();
            } else {
                entry["weights"] = nullptr;
            }
            variants.push_back(std::move(entry));
        }
        writeFileAtomically(path(QStringLiteral("summary.csv")), summaryCsv(rows));
        files.append(QStringLiteral("summary.csv"));
        writeFileAtomically(path(QStringLiteral("summary_details.csv")), summaryDetailsCsv(rows));
        files.append(QStringLiteral("summary_details.csv"));

        // Every view, in every state worth keeping, as PNG and SVG.
        makeDirectories(path(QStringLiteral("plots")));
        QString plotError;
        auto exportBoth = [&](QCustomPlot *plot, const QString &name) {
            for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg")}) {
                const QString relative = QStringLiteral("plots/%1.%2").arg(name, suffix);
                if (!exportPlot(plot, root.filePath(relative), &plotError, 1100, 660))
                    throw OutputError(root.filePath(relative).toStdString(),
                                      plotError.toStdString());
                files.append(relative);
            }
        };
        exportBoth(m_lossPlot->plot(), QStringLiteral("test-data-loss"));
        exportBoth(m_accuracyPlot->plot(), QStringLiteral("test-accuracy"));
        const PathMode mode = m_pathPlot->mode();
        m_pathPlot->setMode(PathMode::Accuracy);
        exportBoth(m_pathPlot->plot(), QStringLiteral("path-accuracy"));
        m_pathPlot->setMode(PathMode::Loss);
        exportBoth(m_pathPlot->plot(), QStringLiteral("path-loss"));
        m_pathPlot->setMode(mode);
        const int layer = m_weightPlot->layer();
        const QStringList layers = m_weightPlot->layerNames();
        for (int l = 0; l < layers.size(); ++l) {
            m_weightPlot->setLayer(l);
            exportBoth(m_weightPlot->plot(), QStringLiteral("weights-%1-%2")
                                                 .arg(l + 1, 2, 10, QLatin1Char('0'))
                                                 .arg(safeName(layers[l])));
        }
        m_weightPlot->setLayer(layer);

        nlohmann::ordered_json doc = nlohmann::ordered_json::object();
        doc["format"] = "reglab-comparison";
        doc["version"] = 1;
        doc["variation"] = m_runVariation.toStdString();
        doc["experiment"] = experimentToJson(m_runBase);
        doc["variants"] = std::move(variants);
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const QString &f : files)
            list.push_back(f.toStdString());
        doc["files"] = std::move(list);
        writeFileAtomically(path(QStringLiteral("comparison.json")), doc.dump(2) + "\n");
    } catch (const std::exception &e) {
        return fail(fromStd(e.what()));
    }
    statusBar()->showMessage(
        tr("Exported %1 files to %2").arg(files.size() + 1).arg(QDir::toNativeSeparators(dir)));
    return true;
}

void CompareWindow::exportWithDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Export comparison bundle to folder"), m_baseDir, QFileDialog::ShowDirsOnly);
    if (dir.isEmpty())
        return;
    const QString target = QDir(dir).filePath(
        QStringLiteral("%1-%2").arg(safeName(fromStd(m_runBase.name)), m_runVariation));
    QString error;
    if (!exportBundle(target, &error))
        QMessageBox::warning(this, tr("Export failed"), error);
}

void CompareWindow::closeEvent(QCloseEvent *event) {
    // Stop every run after its current batch and wait for the workers: nothing may outlive
    // the window's data.
    m_runner->cancelAndWait();
    event->accept();
}

} // namespace reglab::ui
