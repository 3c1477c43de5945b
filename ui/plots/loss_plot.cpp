// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/loss_plot.h"

#include "ui/plots/plot_export.h"

#include <QCheckBox>
#include <QToolTip>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

const QColor kTotalColor(0x3c, 0x40, 0x46);

} // namespace

LossPlot::LossPlot(QWidget *parent)
    : TrainingView(QStringLiteral("lossPlot"), parent) {
    addPlotTitle(m_plot, title());
    setupEpochAxis();
    m_plot->yAxis->setLabel(tr("loss"));
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);
    // The total sits under the train curve: without a penalty the two coincide.
    m_plot->addLayer(QStringLiteral("under"), m_plot->layer(QStringLiteral("grid")),
                     QCustomPlot::limAbove);

    m_logCheck = addCornerCheckBox(tr("Log scale"), QStringLiteral("logScaleCheck"),
                                   tr("Logarithmic loss axis: small penalty terms stay visible"));
    m_logCheck->setChecked(true);
    connect(m_logCheck, &QCheckBox::toggled, this, [this] {
        applyScale();
        rescale();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &LossPlot::showReadout);

    resetFor(defaultExperiment(), nullptr);
}

QString LossPlot::title() const {
    return tr("Loss terms");
}

void LossPlot::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    Q_UNUSED(dataset);
    m_earlyStopping = spec.training.earlyStopping;
    m_plot->clearGraphs();
    m_penalties.clear();
    m_train = m_plot->addGraph();
    m_train->setName(tr("train data loss"));
    m_train->setPen(QPen(seriesColor(0), 2.2));
    m_test = m_plot->addGraph();
    m_test->setName(tr("test data loss"));
    m_test->setPen(QPen(seriesColor(1), 2.2));
    m_val = nullptr;
    if (spec.dataset.validationFraction > 0.0) {
        m_val = m_plot->addGraph();
        m_val->setName(tr("validation data loss"));
        m_val->setPen(QPen(validationColor(), 2.2));
    }
    m_total = m_plot->addGraph();
    m_total->setName(tr("total (train + penalty)"));
    m_total->setPen(QPen(kTotalColor, 1.6));
    m_total->setLayer(QStringLiteral("under"));
    for (const LayerSpec &layer : spec.model.layers) {
        if (layer.hasWeights()) // no penalty otherwise
            addPenaltyGraph(QString::fromStdString(layer.name));
    }
    clearData();
    applyScale();
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::addPenaltyGraph(const QString &layerName) {
    QCPGraph *graph = m_plot->addGraph();
    graph->setName(tr("penalty %1").arg(layerName));
    QPen pen(seriesColor(2 + int(m_penalties.size())), 1.6, Qt::DashLine);
    graph->setPen(pen);
    m_penalties.push_back(graph);
}

void LossPlot::clearData() {
    for (int i = 0; i < m_plot->graphCount(); ++i)
        m_plot->graph(i)->data()->clear();
    clearChangeMarkers();
    m_lastEpoch = -1;
    m_curves.reset(m_earlyStopping);
}

void LossPlot::appendSnapshot(const TrainingSnapshot &s) {
    if (s.reset)
        clearData();
    QVector<double> keys;
    QVector<double> train, test, val, total;
    std::vector<QVector<double>> penalties(m_penalties.size());
    for (const EpochMetrics &m : s.epochs) {
        if (!m_curves.add(m))
            continue; // keeps the data sorted even if an epoch arrives twice
        m_lastEpoch = m.epoch;
        while (m_penalties.size() < m.layers.size()) {
            addPenaltyGraph(QString::fromStdString(m.layers[m_penalties.size()].name));
            penalties.emplace_back(keys.size(), std::nan(""));
        }
        keys.push_back(m.epoch);
        train.push_back(m.trainDataLoss);
        test.push_back(m.testDataLoss);
        val.push_back(m.hasValidation ? m.valDataLoss : std::nan(""));
        total.push_back(m.totalLoss);
        for (std::size_t i = 0; i < penalties.size(); ++i)
            penalties[i].push_back(i < m.layers.size() ? m.layers[i].penalty() : std::nan(""));
    }
    if (!keys.isEmpty()) {
        m_train->addData(keys, train, true);
        m_test->addData(keys, test, true);
        if (m_val)
            m_val->addData(keys, val, true);
        m_total->addData(keys, total, true);
        for (std::size_t i = 0; i < penalties.size(); ++i)
            m_penalties[i]->addData(keys, penalties[i], true);
        std::vector<QCPGraph *> graphs;
        for (int i = 0; i < m_plot->graphCount(); ++i)
            graphs.push_back(m_plot->graph(i));
        m_curves.thin(graphs);
    }
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::applyScale() {
    setLogScale(m_plot->yAxis, m_logCheck->isChecked());
}

void LossPlot::rescale() {
    m_plot->xAxis->setRange(0, std::max(1, m_lastEpoch));
    const bool log = m_plot->yAxis->scaleType() == QCPAxis::stLogarithmic;
    bool found = false;
    QCPRange range;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        bool graphFound = false;
        const QCPRange r =
            m_plot->graph(i)->getValueRange(graphFound, log ? QCP::sdPositive : QCP::sdBoth);
        if (!graphFound)
            continue;
        range =
            found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper)) : r;
        found = true;
    }
    if (!found) {
        m_plot->yAxis->setRange(log ? QCPRange(1e-3, 10) : QCPRange(0, 1));
        return;
    }
    if (log) {
        // Whole decades (at least one) so the log ticks are labelled.
        const double lower = std::pow(10.0, std::floor(std::log10(range.lower)));
        double upper = std::pow(10.0, std::ceil(std::log10(range.upper)));
        if (upper <= lower)
            upper = lower * 10.0;
        m_plot->yAxis->setRange(lower, upper);
    } else {
        const double lower = std::min(0.0, range.lower);
        const double upper = range.upper > lower ? range.upper : lower + 1.0;
        m_plot->yAxis->setRange(lower, upper + 0.05 * (upper - lower));
    }
}

QString LossPlot::readoutAt(double epoch) const {
    if (m_train->data()->isEmpty())
        return {};
    const double key = m_curves.nearestEpoch(epoch);
    QStringList lines;
    for (int i = 0; i < m_plot->graphCount(); ++i) {
        const QCPGraph *graph = m_plot->graph(i);
        auto it = graph->data()->findBegin(key, false);
        if (it == graph->data()->constEnd() || it->key != key || std::isnan(it->value))
            continue;
        if (lines.isEmpty())
            lines << tr("epoch %1").arg(int(key));
        lines << tr("%1: %2").arg(graph->name(), QString::number(it->value, 'g', 4));
    }
    if (!lines.isEmpty() && m_curves.stride() > 1)
        lines << m_curves.note();
    return lines.join(QLatin1Char('\n'));
}

void LossPlot::showReadout(QMouseEvent *event) {
    const QPointF pos = event->position();
    if (!m_plot->axisRect()->rect().contains(pos.toPoint())) {
        QToolTip::hideText();
        return;
    }
    const QString text = readoutAt(m_plot->xAxis->pixelToCoord(pos.x()));
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace reglab::ui
