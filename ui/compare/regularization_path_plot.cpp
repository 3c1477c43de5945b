// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/regularization_path_plot.h"

#include "ui/compare/compare_plot_style.h"
#include "ui/plots/plot_export.h"

#include <QComboBox>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reglab::ui {

RegularizationPathPlot::RegularizationPathPlot(QWidget *parent)
    : QWidget(parent) {
    m_plot = makeComparePlot(this, QStringLiteral("regularizationPathPlot"));
    m_title = addPlotTitle(m_plot, title());
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);
    for (int i = 0; i < 4; ++i)
        m_series.push_back(m_plot->addGraph());
    m_collapsed = m_plot->addGraph();
    m_collapsed->setLineStyle(QCPGraph::lsNone);
    m_collapsed->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCross, QPen(kCompareCollapsedColor, 2.4), Qt::NoBrush, 15));
    m_collapsed->setName(tr("collapsed run"));
    m_break = new QCPItemStraightLine(m_plot);
    m_break->setPen(QPen(QColor(0xb4, 0xb8, 0xbe), 1, Qt::DashLine));
    m_break->setVisible(false);

    m_modeCombo = new QComboBox;
    m_modeCombo->addItem(tr("Accuracy"));
    m_modeCombo->addItem(tr("Loss"));
    m_modeCombo->setToolTip(tr("Show accuracy or data loss against the regularization"));
    placeCornerControls(m_plot, compareCornerRow({m_modeCombo}));
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
    if (isNumericVariation(m_kind))
        return accuracy ? tr("Regularization path: %1 against %2").arg(score, axisName(m_kind))
                        : tr("Regularization path: data loss against %1").arg(axisName(m_kind));
    return accuracy ? tr("Final and best %1 by variant").arg(score)
                    : tr("Final and lowest data loss by variant");
}

QString RegularizationPathPlot::axisName(VariationKind kind) {
    switch (kind) {
    case VariationKind::DropoutRate:
        return tr("dropout rate");
    case VariationKind::TrainSize:
        return tr("training samples");
    case VariationKind::LabelNoise:
        return tr("label noise");
    default:
        break;
    }
    return tr("λ");
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
    if (isNumericVariation(m_kind) && m_kind != VariationKind::Scale) {
        // A rate, a share or a size: drawn to scale on a linear axis, a tick at each value.
        double lo = std::numeric_limits<double>::infinity();
        double hi = -lo;
        for (std::size_t i = 0; i < m_values.size(); ++i) {
            m_x[i] = m_values[i];
            lo = std::min(lo, m_values[i]);
            hi = std::max(hi, m_values[i]);
            ticker->addTick(m_values[i], QString::fromStdString(formatScale(m_values[i])));
        }
        if (!std::isfinite(lo)) {
            lo = 0.0;
            hi = 1.0;
        }
        const double pad = hi > lo ? 0.06 * (hi - lo) : 0.5;
        m_plot->xAxis->setTicker(ticker);
        m_plot->xAxis->setRange(lo - pad, hi + pad);
        m_plot->xAxis->setLabel(axisName(m_kind));
        return;
    }
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
        accuracy ? std::vector<Style>{{tr("final train"), kCompareTrainColor, 2.0, Qt::SolidLine,
                                       QCPScatterStyle::ssCircle},
                                      {tr("final test"), kCompareTestColor, 2.4, Qt::SolidLine,
                                       QCPScatterStyle::ssNone},
                                      {tr("best train"), kCompareTrainColor, 1.3, Qt::DashLine,
                                       QCPScatterStyle::ssNone},
                                      {tr("best test"), kCompareTestColor, 1.5, Qt::DashLine,
                                       QCPScatterStyle::ssDiamond}}
                 : std::vector<Style>{{tr("final train data loss"), kCompareTrainColor, 2.0,
                                       Qt::SolidLine, QCPScatterStyle::ssCircle},
                                      {tr("final test data loss"), kCompareTestColor, 2.4,
                                       Qt::SolidLine, QCPScatterStyle::ssNone},
                                      {tr("lowest test data loss"), kCompareTestColor, 1.5,
                                       Qt::DashLine, QCPScatterStyle::ssDiamond},
                                      {tr("penalty"), kComparePenaltyColor, 1.6, Qt::DotLine,
                                       QCPScatterStyle::ssSquare}};
    for (std::size_t k = 0; k < m_series.size(); ++k) {
        QCPGraph *g = m_series[k];
        g->setName(styles[k].name);
        g->setPen(QPen(styles[k].color, styles[k].width, styles[k].pen));
        g->setScatterStyle(
            QCPScatterStyle(styles[k].shape, QPen(styles[k].color, 1.5), Qt::white, 7));
        const bool numeric = isNumericVariation(m_kind);
        g->setLineStyle(numeric ? QCPGraph::lsLine : QCPGraph::lsNone);
        if (!numeric && styles[k].shape == QCPScatterStyle::ssNone)
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
        m_plot->yAxis->setRange(paddedRange(lo, hi, logScale));
    else
        m_plot->yAxis->setRange(logScale ? QCPRange(0.01, 10.0) : QCPRange(0.0, scale));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace reglab::ui
