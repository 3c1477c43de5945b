// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_curves_plot.h"

#include "ui/compare/compare_plot_style.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_fit.h"

#include <QCheckBox>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reglab::ui {

CompareCurvesPlot::CompareCurvesPlot(CurveMetric metric, QWidget *parent)
    : QWidget(parent)
    , m_metric(metric) {
    m_plot = makeComparePlot(this, metric == CurveMetric::TestDataLoss
                                       ? QStringLiteral("compareLossPlot")
                                       : QStringLiteral("compareAccuracyPlot"));
    m_title = addPlotTitle(m_plot, title());
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->xAxis->setTicker(fittingIntegerTicker(m_plot->xAxis));
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);

    m_trainCheck = new QCheckBox(tr("Training (solid)"));
    m_trainCheck->setChecked(true);
    m_trainCheck->setToolTip(tr("Draw each run's training-set curve, solid, beside its dashed "
                                "validation (or test) curve in the same colour"));
    m_logEpochCheck = new QCheckBox(tr("Log epochs"));
    m_logEpochCheck->setToolTip(tr("A logarithmic epoch axis from epoch 1, as the Overfit and "
                                   "underfit tutorial draws it: early epochs get room"));
    connect(m_logEpochCheck, &QCheckBox::toggled, this, &CompareCurvesPlot::setLogEpochs);
    QList<QWidget *> controls{m_trainCheck, m_logEpochCheck};
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
    placeCornerControls(m_plot, compareCornerRow(controls));
    connect(m_trainCheck, &QCheckBox::toggled, this, &CompareCurvesPlot::setShowTrain);
    setRuns({}, TaskKind::Classification);
}

QString CompareCurvesPlot::title() const {
    if (m_metric == CurveMetric::TestDataLoss)
        return m_validation ? tr("Data loss: training solid, validation dashed")
                            : tr("Data loss: training solid, test dashed");
    if (m_task == TaskKind::Regression)
        return m_validation ? tr("R²: training solid, validation dashed")
                            : tr("R²: training solid, test dashed");
    return m_validation ? tr("Accuracy: training solid, validation dashed")
                        : tr("Accuracy: training solid, test dashed");
}

void CompareCurvesPlot::setRuns(const QStringList &labels, TaskKind task, bool validation) {
    m_task = task;
    m_validation = validation;
    m_title->setText(title());
    if (m_metric == CurveMetric::TestDataLoss)
        m_plot->yAxis->setLabel(tr("data loss"));
    else
        m_plot->yAxis->setLabel(task == TaskKind::Regression ? tr("R²") : tr("accuracy (%)"));
    m_plot->clearGraphs();
    m_test.clear();
    m_train.clear();
    m_epochZero.clear();
    // The legend names each run once, by its colour; the title says which style is which.
    for (int i = 0; i < labels.size(); ++i) {
        QCPGraph *test = m_plot->addGraph();
        test->setName(labels[i]);
        test->setPen(QPen(seriesColor(i), 2.0, Qt::DashLine));
        m_test.push_back(test);
    }
    for (int i = 0; i < labels.size(); ++i) {
        QCPGraph *train = m_plot->addGraph();
        train->setName(tr("%1 (train)").arg(labels[i]));
        train->setPen(QPen(seriesColor(i), 1.6));
        train->removeFromLegend();
        train->setVisible(m_trainCheck->isChecked());
        m_train.push_back(train);
    }
    m_epochZero.assign(std::size_t(m_plot->graphCount()), std::nan(""));
    rescale();
}

QCPGraph *CompareCurvesPlot::testGraph(int run) const {
    return run >= 0 && run < int(m_test.size()) ? m_test[std::size_t(run)] : nullptr;
}

QCPGraph *CompareCurvesPlot::trainGraph(int run) const {
    return run >= 0 && run < int(m_train.size()) ? m_train[std::size_t(run)] : nullptr;
}

bool CompareCurvesPlot::logEpochs() const {
    return m_logEpochCheck->isChecked();
}

void CompareCurvesPlot::setLogEpochs(bool on) {
    if (m_logEpochCheck->isChecked() != on) {
        m_logEpochCheck->setChecked(on); // comes back here through toggled()
        return;
    }
    // Epoch 0 leaves the graphs while the axis is logarithmic and comes back after.
    for (int i = 0; i < m_plot->graphCount() && std::size_t(i) < m_epochZero.size(); ++i) {
        QCPGraph *g = m_plot->graph(i);
        if (on) {
            auto it = g->data()->findBegin(0.0, false);
            if (it != g->data()->constEnd() && it->key == 0.0) {
                m_epochZero[std::size_t(i)] = it->value;
                g->data()->removeBefore(0.5);
            }
        } else if (std::isfinite(m_epochZero[std::size_t(i)])) {
            g->addData(0.0, m_epochZero[std::size_t(i)]);
            m_epochZero[std::size_t(i)] = std::nan("");
        }
    }
    if (on) {
        m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        m_plot->xAxis->setNumberFormat(QStringLiteral("g"));
    } else {
        m_plot->xAxis->setScaleType(QCPAxis::stLinear);
        m_plot->xAxis->setTicker(fittingIntegerTicker(m_plot->xAxis));
    }
    rescale();
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
    const double scale = percentScale();
    QVector<double> keys;
    QVector<double> test;
    QVector<double> train;
    const bool logEpochs = m_logEpochCheck->isChecked();
    const std::size_t heldOut = std::size_t(run);
    const std::size_t trained = m_test.size() + std::size_t(run);
    for (const EpochMetrics &m : epochs) {
        const bool val = m_validation && m.hasValidation;
        const double t = m_metric == CurveMetric::TestDataLoss
                             ? (val ? m.valDataLoss : m.testDataLoss)
                             : (val ? m.valAccuracy : m.testAccuracy) * scale;
        const double r =
            m_metric == CurveMetric::TestDataLoss ? m.trainDataLoss : m.trainAccuracy * scale;
        if (logEpochs && m.epoch == 0) { // kept for a linear axis again
            m_epochZero[heldOut] = t;
            m_epochZero[trained] = r;
            continue;
        }
        keys.append(m.epoch);
        test.append(t);
        train.append(r);
    }
    m_test[std::size_t(run)]->addData(keys, test, true);
    m_train[std::size_t(run)]->addData(keys, train, true);
    rescale();
}

double CompareCurvesPlot::percentScale() const {
    // Classification accuracy in % (as the axis label says), R² and losses as they are.
    return m_metric == CurveMetric::TestAccuracy && m_task == TaskKind::Classification ? 100.0
                                                                                       : 1.0;
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
    if (m_plot->xAxis->scaleType() == QCPAxis::stLogarithmic)
        m_plot->xAxis->setRange(1.0, std::max(2.0, maxEpoch));
    else
        m_plot->xAxis->setRange(0.0, maxEpoch);
    if (std::isfinite(lo))
        m_plot->yAxis->setRange(paddedRange(lo, hi, logScale));
    else
        m_plot->yAxis->setRange(logScale ? QCPRange(0.01, 10.0) : QCPRange(0.0, percentScale()));
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace reglab::ui
