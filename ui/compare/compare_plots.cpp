// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_plots.h"

#include "ui/plots/plot_export.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reglab::ui {

namespace {

const QColor kTrainColor(0x8a, 0x91, 0x9c);
const QColor kTestColor(0x23, 0x2a, 0x35);
const QColor kPenaltyColor(0x9c, 0x6a, 0xb8);
const QColor kCollapsedColor(0xd0, 0x2b, 0x2b);

QCustomPlot *makePlot(QWidget *owner, const QString &objectName) {
    auto *plot = new QCustomPlot(owner);
    plot->setObjectName(objectName);
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    applyPlotStyle(plot);
    return plot;
}

/// A row of small controls for a plot's top-right corner.
QWidget *cornerRow(const QList<QWidget *> &widgets) {
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    for (QWidget *w : widgets) {
        w->setFont(plotFont(8.5));
        layout->addWidget(w);
    }
    return row;
}

/// [lo, hi] padded by 6 % (linear) or by a factor (log); a degenerate range is widened.
QCPRange padded(double lo, double hi, bool logScale) {
    if (logScale) {
        // Whole decades (at least one), so the log ticks are labelled.
        if (!(lo > 0.0) || !(hi > 0.0))
            return QCPRange(0.01, 10.0);
        const double lower = std::pow(10.0, std::floor(std::log10(lo)));
        double upper = std::pow(10.0, std::ceil(std::log10(hi)));
        if (upper <= lower * 1.0001)
            upper = lower * 10.0;
        return QCPRange(lower, upper);
    }
    if (!(hi > lo)) {
        const double half = std::max(std::fabs(lo) * 0.05, 0.5);
        return QCPRange(lo - half, hi + half);
    }
    const double pad = (hi - lo) * 0.06;
    return QCPRange(lo - pad, hi + pad);
}

} // namespace

// --- CompareCurvesPlot --------------------------------------------------------------------

CompareCurvesPlot::CompareCurvesPlot(CurveMetric metric, QWidget *parent)
    : QWidget(parent)
    , m_metric(metric) {
    m_plot =
        makePlot(this, metric == CurveMetric::TestDataLoss ? QStringLiteral("compareLossPlot")
                                                           : QStringLiteral("compareAccuracyPlot"));
    m_title = addPlotTitle(m_plot, title());
    m_plot->xAxis->setLabel(tr("epoch"));
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_plot->xAxis->setTicker(ticker);
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);

    m_trainCheck = new QCheckBox(tr("Train (dashed)"));
    m_trainCheck->setToolTip(tr("Also draw each run's training-set curve, dashed"));
    QList<QWidget *> controls{m_trainCheck};
    if (metric == CurveMetric::TestDataLoss) {
        m_logCheck = new QCheckBox(tr("Log y"));
        m_logCheck->setChecked(true);
        controls.append(m_logCheck);
        connect(m_logCheck, &QCheckBox::toggled, this, [this](bool on) {
            setLogScale(m_plot->yAxis, on);
            rescale();
        });
        setLogScale(m_plot->yAxis, true);
    }
    placeCornerControls(m_plot, cornerRow(controls));
    connect(m_trainCheck, &QCheckBox::toggled, this, &CompareCurvesPlot::setShowTrain);
    setRuns({}, TaskKind::Classification);
}

QString CompareCurvesPlot::title() const {
    if (m_metric == CurveMetric::TestDataLoss)
        return tr("Test data loss");
    return m_task == TaskKind::Regression ? tr("Test R²") : tr("Test accuracy");
}

void CompareCurvesPlot::setRuns(const QStringList &labels, TaskKind task) {
    m_task = task;
    m_title->setText(title());
    if (m_metric == CurveMetric::TestDataLoss)
        m_plot->yAxis->setLabel(tr("data loss"));
    else
        m_plot->yAxis->setLabel(task == TaskKind::Regression ? tr("R²") : tr("accuracy (%)"));
    m_plot->clearGraphs();
    m_test.clear();
    m_train.clear();
    for (int i = 0; i < labels.size(); ++i) {
        QCPGraph *test = m_plot->addGraph();
        test->setName(labels[i]);
        test->setPen(QPen(seriesColor(i), 2.0));
        m_test.push_back(test);
    }
    for (int i = 0; i < labels.size(); ++i) {
        QCPGraph *train = m_plot->addGraph();
        train->setName(tr("%1 (train)").arg(labels[i]));
        train->setPen(QPen(seriesColor(i), 1.3, Qt::DashLine));
        train->removeFromLegend();
        train->setVisible(m_trainCheck->isChecked());
        m_train.push_back(train);
    }
    rescale();
}

QCPGraph *CompareCurvesPlot::testGraph(int run) const {
    return run >= 0 && run < int(m_test.size()) ? m_test[std::size_t(run)] : nullptr;
}

void CompareCurvesPlot::setShowTrain(bool show) {
    if (m_trainCheck->isChecked() != show) {
        m_trainCheck->setChecked(show); // comes back here through toggled()
        return;
    }
    for (QCPGraph *g : m_train)
        g->setVisible(show);
    rescale();
}

void CompareCurvesPlot::appendEpochs(int run, const std::vector<EpochMetrics> &epochs) {
    if (run < 0 || run >= int(m_test.size()) || epochs.empty())
        return;
    const double scale =
        m_metric == CurveMetric::TestAccuracy && m_task == TaskKind::Classification ? 100.0 : 1.0;
    QVector<double> keys;
    QVector<double> test;
    QVector<double> train;
    for (const EpochMetrics &m : epochs) {
        keys.append(m.epoch);
        if (m_metric == CurveMetric::TestDataLoss) {
            test.append(m.testDataLoss);
            train.append(m.trainDataLoss);
        } else {
            test.append(m.testAccuracy * scale);
            train.append(m.trainAccuracy * scale);
        }
    }
    m_test[std::size_t(run)]->addData(keys, test, true);
    m_train[std::size_t(run)]->addData(keys, train, true);
    rescale();
}

void CompareCurvesPlot::rescale() {
    double maxEpoch = 1.0;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    const bool logScale = m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        QCPGraph *g = m_plot->graph(i);
        if (!g->visible())
            continue;
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            maxEpoch = std::max(maxEpoch, it->key);
            if (!std::isfinite(it->value) || (logScale && it->value <= 0.0))
                continue;
            // The initial loss can be far above the rest: it may leave the top of the plot.
            if (m_metric == CurveMetric::TestDataLoss && it->key < 0.5 && maxEpoch >= 1.0)
                continue;
            lo = std::min(lo, it->value);
            hi = std::max(hi, it->value);
        }
    }
    m_plot->xAxis->setRange(0.0, maxEpoch);
    if (std::isfinite(lo))
        m_plot->yAxis->setRange(padded(lo, hi, logScale));
    else
        m_plot->yAxis->setRange(logScale ? QCPRange(0.01, 10.0) : QCPRange(0.0, 1.0));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// --- RegularizationPathPlot ---------------------------------------------------------------

RegularizationPathPlot::RegularizationPathPlot(QWidget *parent)
    : QWidget(parent) {
    m_plot = makePlot(this, QStringLiteral("regularizationPathPlot"));
    m_title = addPlotTitle(m_plot, title());
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);
    for (int i = 0; i < 4; ++i)
        m_series.push_back(m_plot->addGraph());
    m_collapsed = m_plot->addGraph();
    m_collapsed->setLineStyle(QCPGraph::lsNone);
    m_collapsed->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCross, QPen(kCollapsedColor, 2.4), Qt::NoBrush, 15));
    m_collapsed->setName(tr("collapsed run"));
    m_break = new QCPItemStraightLine(m_plot);
    m_break->setPen(QPen(QColor(0xb4, 0xb8, 0xbe), 1, Qt::DashLine));
    m_break->setVisible(false);

    m_modeCombo = new QComboBox;
    m_modeCombo->addItem(tr("Accuracy"));
    m_modeCombo->addItem(tr("Loss"));
    m_modeCombo->setToolTip(tr("Show accuracy or data loss against the regularization"));
    placeCornerControls(m_plot, cornerRow({m_modeCombo}));
    connect(m_modeCombo, &QComboBox::currentIndexChanged, this,
            [this](int index) { setMode(index == 1 ? PathMode::Loss : PathMode::Accuracy); });
    setVariants({}, {}, VariationKind::Scale, TaskKind::Classification);
}

QString RegularizationPathPlot::title() const {
    const bool accuracy = m_mode == PathMode::Accuracy;
    const QString score = m_task == TaskKind::Regression ? tr("R²") : tr("accuracy");
    if (m_kind == VariationKind::Scale)
        return accuracy ? tr("Regularization path: %1 against λ").arg(score)
                        : tr("Regularization path: data loss against λ");
    return accuracy ? tr("Final and best %1 by variant").arg(score)
                    : tr("Final and lowest data loss by variant");
}

double RegularizationPathPlot::xPosition(int run) const {
    return run >= 0 && run < int(m_x.size()) ? m_x[std::size_t(run)] : 0.0;
}

void RegularizationPathPlot::setVariants(const std::vector<double> &values,
                                         const QStringList &labels, VariationKind kind,
                                         TaskKind task) {
    m_kind = kind;
    m_task = task;
    m_values = values;
    m_labels = labels;
    m_rows.assign(values.size(), std::nullopt);
    for (QCPGraph *dot : m_runDots)
        m_plot->removeGraph(dot);
    m_runDots.clear();
    for (std::size_t i = 0; i < values.size(); ++i) {
        QCPGraph *dot = m_plot->addGraph();
        dot->setLineStyle(QCPGraph::lsNone);
        dot->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(int(i)), 10));
        dot->removeFromLegend();
        m_runDots.push_back(dot);
    }
    setupAxis();
    redraw();
}

void RegularizationPathPlot::setupAxis() {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    m_plot->xAxis->setNumberFormat(QStringLiteral("g")); // "1e-4" as written, no 10^-4
    m_break->setVisible(false);
    m_x.assign(m_values.size(), 0.0);
    if (m_kind != VariationKind::Scale) {
        for (std::size_t i = 0; i < m_values.size(); ++i) {
            m_x[i] = double(i);
            ticker->addTick(double(i),
                            i < std::size_t(m_labels.size()) ? m_labels[int(i)] : QString());
        }
        m_plot->xAxis->setTicker(ticker);
        m_plot->xAxis->setRange(-0.5, std::max(0.5, double(m_values.size()) - 0.5));
        m_plot->xAxis->setLabel(QString());
        return;
    }
    // λ on a log axis: x = log10(λ). λ = 0 has no place on it, so it gets its own tick one
    // decade left of the smallest λ, set apart by a dashed line.
    double minPositive = std::numeric_limits<double>::infinity();
    double maxPositive = 0.0;
    bool hasZero = false;
    for (double v : m_values) {
        if (v > 0.0) {
            minPositive = std::min(minPositive, v);
            maxPositive = std::max(maxPositive, v);
        } else {
            hasZero = true;
        }
    }
    const bool hasPositive = maxPositive > 0.0;
    const int lo = hasPositive ? int(std::floor(std::log10(minPositive) + 1e-9)) : 0;
    const int hi = hasPositive ? int(std::ceil(std::log10(maxPositive) - 1e-9)) : 0;
    const double zeroX = hasPositive ? lo - 1.0 : 0.0;
    for (std::size_t i = 0; i < m_values.size(); ++i)
        m_x[i] = m_values[i] > 0.0 ? std::log10(m_values[i]) : zeroX;
    if (hasPositive) {
        const int step = std::max(1, (hi - lo + 7) / 8);
        for (int k = lo; k <= hi; k += step)
            ticker->addTick(k, QString::fromStdString(formatScale(std::pow(10.0, k))));
    }
    if (hasZero) {
        ticker->addTick(zeroX, QStringLiteral("0"));
        if (hasPositive) {
            m_break->point1->setCoords(zeroX + 0.5, 0.0);
            m_break->point2->setCoords(zeroX + 0.5, 1.0);
            m_break->setVisible(true);
        }
    }
    m_plot->xAxis->setTicker(ticker);
    const double left = hasZero ? zeroX : lo;
    m_plot->xAxis->setRange(left - 0.4, std::max(double(hi), left) + 0.4);
    m_plot->xAxis->setLabel(tr("←  weaker          λ (log scale)          stronger  →"));
}

void RegularizationPathPlot::setSummaries(const std::vector<std::optional<RunSummary>> &byRun) {
    m_rows = byRun;
    m_rows.resize(m_values.size());
    redraw();
}

void RegularizationPathPlot::setMode(PathMode mode) {
    m_mode = mode;
    if (m_modeCombo->currentIndex() != (mode == PathMode::Loss ? 1 : 0))
        m_modeCombo->setCurrentIndex(mode == PathMode::Loss ? 1 : 0);
    redraw();
}

void RegularizationPathPlot::redraw() {
    m_title->setText(title());
    const bool accuracy = m_mode == PathMode::Accuracy;
    const bool logScale = !accuracy;
    setLogScale(m_plot->yAxis, logScale);
    const double scale = accuracy && m_task == TaskKind::Classification ? 100.0 : 1.0;
    if (accuracy)
        m_plot->yAxis->setLabel(m_task == TaskKind::Regression ? tr("R²") : tr("accuracy (%)"));
    else
        m_plot->yAxis->setLabel(tr("loss"));

    struct Style {
        QString name;
        QColor color;
        double width;
        Qt::PenStyle pen;
        QCPScatterStyle::ScatterShape shape;
    };
    const std::vector<Style> styles =
        accuracy ? std::vector<Style>{{tr("final train"), kTrainColor, 2.0, Qt::SolidLine,
                                       QCPScatterStyle::ssCircle},
                                      {tr("final test"), kTestColor, 2.4, Qt::SolidLine,
                                       QCPScatterStyle::ssNone},
                                      {tr("best train"), kTrainColor, 1.3, Qt::DashLine,
                                       QCPScatterStyle::ssNone},
                                      {tr("best test"), kTestColor, 1.5, Qt::DashLine,
                                       QCPScatterStyle::ssDiamond}}
                 : std::vector<Style>{
                     {tr("final train data loss"), kTrainColor, 2.0, Qt::SolidLine,
                      QCPScatterStyle::ssCircle},
                     {tr("final test data loss"), kTestColor, 2.4, Qt::SolidLine,
                      QCPScatterStyle::ssNone},
                     {tr("lowest test data loss"), kTestColor, 1.5, Qt::DashLine,
                      QCPScatterStyle::ssDiamond},
                     {tr("penalty"), kPenaltyColor, 1.6, Qt::DotLine, QCPScatterStyle::ssSquare}};
    for (std::size_t k = 0; k < m_series.size(); ++k) {
        QCPGraph *g = m_series[k];
        g->setName(styles[k].name);
        g->setPen(QPen(styles[k].color, styles[k].width, styles[k].pen));
        g->setScatterStyle(
            QCPScatterStyle(styles[k].shape, QPen(styles[k].color, 1.5), Qt::white, 7));
        g->setLineStyle(m_kind == VariationKind::Scale ? QCPGraph::lsLine : QCPGraph::lsNone);
        if (m_kind != VariationKind::Scale && styles[k].shape == QCPScatterStyle::ssNone)
            g->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssCircle, styles[k].color, styles[k].color, 7));
        g->data()->clear();
    }
    m_collapsed->data()->clear();

    auto valueOf = [&](const RunSummary &s, std::size_t series) {
        if (accuracy) {
            const double v[4] = {s.finalTrainAccuracy, s.finalTestAccuracy, s.bestTrainAccuracy,
                                 s.bestTestAccuracy};
            return v[series] * scale;
        }
        const double v[4] = {s.finalTrainDataLoss, s.finalTestDataLoss, s.bestTestDataLoss,
                             s.penalty};
        return v[series];
    };
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    bool anyCollapsed = false;
    // Points in x order so the lines run left to right.
    std::vector<std::size_t> order(m_rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [this](std::size_t a, std::size_t b) { return m_x[a] < m_x[b]; });
    for (std::size_t i : order) {
        m_runDots[i]->data()->clear();
        if (!m_rows[i])
            continue;
        const RunSummary &s = *m_rows[i];
        for (std::size_t k = 0; k < m_series.size(); ++k) {
            const double v = valueOf(s, k);
            if (!std::isfinite(v) || (logScale && v <= 0.0))
                continue;
            m_series[k]->addData(m_x[i], v);
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const double test = valueOf(s, 1);
        if (std::isfinite(test) && !(logScale && test <= 0.0)) {
            m_runDots[i]->addData(m_x[i], test);
            if (s.collapsed) {
                m_collapsed->addData(m_x[i], test);
                anyCollapsed = true;
            }
        }
    }
    if (anyCollapsed)
        m_collapsed->addToLegend();
    else
        m_collapsed->removeFromLegend();
    if (std::isfinite(lo))
        m_plot->yAxis->setRange(padded(lo, hi, logScale));
    else
        m_plot->yAxis->setRange(logScale ? QCPRange(0.01, 10.0) : QCPRange(0.0, scale));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

// --- WeightOverlayPlot --------------------------------------------------------------------

WeightOverlayPlot::WeightOverlayPlot(QWidget *parent)
    : QWidget(parent) {
    m_plot = makePlot(this, QStringLiteral("weightOverlayPlot"));
    m_title = addPlotTitle(m_plot, title());
    m_plot->xAxis->setLabel(tr("kernel weight"));
    m_plot->yAxis->setLabel(tr("share of weights per bin"));
    setLogScale(m_plot->yAxis, true);
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);

    m_layerCombo = new QComboBox;
    m_layerCombo->setToolTip(tr("The layer whose kernel weights are shown"));
    placeCornerControls(m_plot, cornerRow({m_layerCombo}));
    connect(m_layerCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index != m_layer)
            setLayer(index);
    });
    setRuns({}, {});
}

QString WeightOverlayPlot::title() const {
    if (m_layer < 0 || m_layer >= m_layerNames.size())
        return tr("Weight histograms");
    return tr("Weight histograms: %1").arg(m_layerNames[m_layer]);
}

QCPGraph *WeightOverlayPlot::runGraph(int run) const {
    return run >= 0 && run < int(m_graphs.size()) ? m_graphs[std::size_t(run)] : nullptr;
}

void WeightOverlayPlot::setRuns(const QStringList &labels, const QStringList &layerNames) {
    m_plot->clearGraphs();
    m_graphs.clear();
    m_labels = labels;
    m_layerNames = layerNames;
    m_histograms.assign(std::size_t(labels.size()), {});
    m_initial.clear();
    m_initialGraph = m_plot->addGraph();
    m_initialGraph->setName(tr("epoch 0 (every run)"));
    m_initialGraph->setPen(QPen(QColor(0x8a, 0x91, 0x9c), 1.4, Qt::DashLine));
    m_initialGraph->setLineStyle(QCPGraph::lsStepLeft);
    for (int i = 0; i < labels.size(); ++i) {
        QCPGraph *g = m_plot->addGraph();
        g->setName(labels[i]);
        g->setPen(QPen(seriesColor(i), 1.8));
        g->setLineStyle(QCPGraph::lsStepLeft);
        m_graphs.push_back(g);
    }
    {
        const QSignalBlocker block(m_layerCombo);
        m_layerCombo->clear();
        m_layerCombo->addItems(layerNames);
        m_layer = layerNames.isEmpty() ? -1 : std::clamp(m_layer, 0, int(layerNames.size()) - 1);
        m_layerCombo->setCurrentIndex(m_layer);
    }
    redraw();
}

void WeightOverlayPlot::setLayers(int run, const std::vector<LayerMetrics> &layers) {
    if (run < 0 || run >= int(m_histograms.size()))
        return;
    auto &h = m_histograms[std::size_t(run)];
    h.clear();
    for (const LayerMetrics &l : layers)
        h.push_back(l.histogram);
    redraw();
}

void WeightOverlayPlot::setInitial(const std::vector<LayerMetrics> &layers) {
    m_initial.clear();
    for (const LayerMetrics &l : layers)
        m_initial.push_back(l.histogram);
    redraw();
}

void WeightOverlayPlot::setLayer(int index) {
    if (index < 0 || index >= m_layerNames.size())
        return;
    m_layer = index;
    if (m_layerCombo->currentIndex() != index) {
        const QSignalBlocker block(m_layerCombo);
        m_layerCombo->setCurrentIndex(index);
    }
    redraw();
}

namespace {

/// Bins shared by every run of the overlay.
constexpr int kCommonBins = 60;
/// Where an empty bin is drawn on the log axis: below its lower end, so the outline drops
/// out of sight instead of breaking.
constexpr double kEmptyShare = 1e-12;

/// Re-bins `h` onto kCommonBins equal bins over [lo, hi] (each source bin's count spread
/// evenly over its width; a bin of zero width lands whole in one target bin) and returns
/// the share of the weights in each: count_j / n.
std::vector<double> commonShares(const Histogram &h, double lo, double hi) {
    std::vector<double> shares(kCommonBins, 0.0);
    double total = 0.0;
    for (std::uint64_t c : h.counts)
        total += double(c);
    if (h.counts.empty() || total <= 0.0 || !(hi > lo))
        return shares;
    const double target = (hi - lo) / kCommonBins;
    const double width = h.binWidth();
    auto binOf = [&](double x) {
        return std::clamp(int(std::floor((x - lo) / target)), 0, kCommonBins - 1);
    };
    for (std::size_t b = 0; b < h.counts.size(); ++b) {
        const double count = double(h.counts[b]);
        if (count == 0.0)
            continue;
        const double a = h.min + width * double(b);
        const double z = a + width;
        if (!(width > target * 1e-9)) {
            shares[std::size_t(binOf(a))] += count;
            continue;
        }
        for (int t = binOf(a); t <= binOf(z); ++t) {
            const double t0 = lo + target * t;
            const double overlap = std::min(z, t0 + target) - std::max(a, t0);
            if (overlap > 0.0)
                shares[std::size_t(t)] += count * overlap / width;
        }
    }
    for (double &v : shares)
        v /= total;
    return shares;
}

/// The outline of `shares` over [lo, hi] with lsStepLeft: up at lo, across each bin,
/// down at hi.
void fillOutline(QCPGraph *graph, const std::vector<double> &shares, double lo, double hi) {
    graph->data()->clear();
    const double target = (hi - lo) / double(shares.size());
    QVector<double> keys;
    QVector<double> values;
    keys.append(lo - target * 1e-6);
    values.append(kEmptyShare);
    for (std::size_t b = 0; b < shares.size(); ++b) {
        keys.append(lo + target * double(b));
        values.append(shares[b] > 0.0 ? shares[b] : kEmptyShare);
    }
    keys.append(hi);
    values.append(kEmptyShare);
    graph->setData(keys, values, true);
}

} // namespace

void WeightOverlayPlot::redraw() {
    m_title->setText(title());
    const std::size_t layer = std::size_t(std::max(0, m_layer));
    std::vector<std::pair<QCPGraph *, const Histogram *>> drawn;
    if (m_layer >= 0 && layer < m_initial.size())
        drawn.emplace_back(m_initialGraph, &m_initial[layer]);
    else
        m_initialGraph->data()->clear();
    for (std::size_t r = 0; r < m_graphs.size(); ++r) {
        const auto &h = m_histograms[r];
        if (m_layer >= 0 && layer < h.size())
            drawn.emplace_back(m_graphs[r], &h[layer]);
        else
            m_graphs[r]->data()->clear();
    }
    // One set of bins over every run's range, so the heights compare: the share of the
    // layer's weights in each bin, on a log axis (a run squeezed to zero puts ~100 % in
    // one bin while an unregularized one spreads a few % over many).
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (const auto &[graph, h] : drawn) {
        lo = std::min(lo, h->min);
        hi = std::max(hi, h->max);
    }
    if (!std::isfinite(lo) || !(hi > lo)) {
        lo = std::isfinite(lo) ? lo - 0.5 : -1.0;
        hi = std::isfinite(hi) ? hi + 0.5 : 1.0;
    }
    // The axis reaches down to the share of one weight; slivers of a weight that the
    // re-binning spread into a neighbouring bin fall below it.
    double oneWeight = 1.0;
    for (const auto &[graph, h] : drawn) {
        fillOutline(graph, commonShares(*h, lo, hi), lo, hi);
        double total = 0.0;
        for (std::uint64_t c : h->counts)
            total += double(c);
        if (total > 0.0)
            oneWeight = std::min(oneWeight, 1.0 / total);
    }
    const double pad = (hi - lo) * 0.03;
    m_plot->xAxis->setRange(lo - pad, hi + pad);
    m_plot->yAxis->setRange(std::pow(10.0, std::floor(std::log10(oneWeight))), 1.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace reglab::ui
