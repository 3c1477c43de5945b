// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/accuracy_plot.h"

#include "ui/plots/change_markers.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_fit.h"

#include <QFontMetrics>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

AccuracyPlot::AccuracyPlot(QWidget *parent)
    : TrainingView(QStringLiteral("accuracyPlot"), parent) {
    m_titleElement = addPlotTitle(m_plot, title());
    setupEpochAxis();
    m_plot->legend->setVisible(true);
    // Accuracy rises: the lower right corner is where the curves usually are not; a run that
    // collapses ends there, and the legend moves to a free corner.
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    keepLegendOffCurves(m_plot);
    connect(m_plot, &QCustomPlot::afterLayout, this, &AccuracyPlot::placeBestLabel);

    m_train = m_plot->addGraph();
    m_train->setPen(QPen(seriesColor(0), 2.2));
    m_test = m_plot->addGraph();
    m_test->setPen(QPen(seriesColor(1), 2.2));
    m_best = m_plot->addGraph();
    m_best->setName(tr("best test"));
    m_best->setLineStyle(QCPGraph::lsNone);
    m_best->setScatterStyle(QCPScatterStyle(
        QCPScatterStyle::ssCircle, QPen(seriesColor(1).darker(140), 2), QBrush(Qt::white), 10));
    m_best->removeFromLegend();
    m_val = m_plot->addGraph();
    m_val->setPen(QPen(validationColor(), 2.2));
    m_bestLabel = new QCPItemText(m_plot);
    m_bestLabel->setFont(plotFont(8.5));
    m_bestLabel->setColor(seriesColor(1).darker(160));
    m_bestLabel->setBrush(QColor(255, 255, 255, 210));
    m_bestLabel->setPadding(QMargins(4, 2, 4, 2));
    m_bestLabel->setVisible(false);
    // An invisible anchor at the best point: the label keeps a pixel offset from it.
    m_bestAnchor = new QCPItemTracer(m_plot);
    m_bestAnchor->setStyle(QCPItemTracer::tsNone);
    m_bestAnchor->setVisible(false);
    m_bestLabel->position->setParentAnchor(m_bestAnchor->position);

    resetFor(defaultExperiment(), nullptr);
}

QString AccuracyPlot::title() const {
    return m_regression ? tr("R² (coefficient of determination)") : tr("Accuracy");
}

void AccuracyPlot::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    m_earlyStopping = spec.training.earlyStopping;
    m_regression =
        dataset ? dataset->task == TaskKind::Regression : spec.task() == TaskKind::Regression;
    m_titleElement->setText(title());
    if (m_regression) {
        m_plot->yAxis->setLabel(tr("R²"));
        m_train->setName(tr("train R²"));
        m_test->setName(tr("test R²"));
        m_val->setName(tr("validation R²"));
    } else {
        m_plot->yAxis->setLabel(tr("accuracy (%)"));
        m_train->setName(tr("train accuracy"));
        m_test->setName(tr("test accuracy"));
        m_val->setName(tr("validation accuracy"));
    }
    if (spec.dataset.validationFraction > 0.0)
        m_val->addToLegend();
    else
        m_val->removeFromLegend();
    clearData();
    rescale();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyPlot::clearData() {
    m_train->data()->clear();
    m_test->data()->clear();
    m_val->data()->clear();
    m_best->data()->clear();
    m_bestLabel->setVisible(false);
    clearChangeMarkers();
    m_lastEpoch = -1;
    m_curves.reset(m_earlyStopping);
    m_bestEpoch = -1;
    m_bestValue = 0.0;
}

void AccuracyPlot::appendSnapshot(const TrainingSnapshot &s) {
    if (s.reset)
        clearData();
    // Classification in percent (easier to read), R² as is.
    const double factor = m_regression ? 1.0 : 100.0;
    QVector<double> keys, train, test, val;
    bool hasValidation = false;
    for (const EpochMetrics &m : s.epochs) {
        if (!m_curves.add(m))
            continue;
        m_lastEpoch = m.epoch;
        keys.push_back(m.epoch);
        train.push_back(m.trainAccuracy * factor);
        test.push_back(m.testAccuracy * factor);
        val.push_back(m.hasValidation ? m.valAccuracy * factor : std::nan(""));
        hasValidation = hasValidation || m.hasValidation;
        // The first epoch reaching the best value keeps the mark (ties: earliest).
        if (std::isfinite(m.testAccuracy) && (m_bestEpoch < 0 || test.back() > m_bestValue)) {
            m_bestEpoch = m.epoch;
            m_bestValue = test.back();
        }
    }
    if (!keys.isEmpty()) {
        m_train->addData(keys, train, true);
        m_test->addData(keys, test, true);
        if (hasValidation)
            m_val->addData(keys, val, true);
        m_curves.thin({m_train, m_test, m_val});
    }
    rescale();
    updateBestMarker();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void AccuracyPlot::updateBestMarker() {
    m_best->data()->clear();
    if (m_bestEpoch < 0) {
        m_bestLabel->setVisible(false);
        return;
    }
    m_best->addData(m_bestEpoch, m_bestValue);
    const QString value = m_regression ? QString::number(m_bestValue, 'f', 3)
                                       : QStringLiteral("%1%").arg(m_bestValue, 0, 'f', 1);
    m_bestLabel->setText(tr("best test %1 · epoch %2").arg(value).arg(m_bestEpoch));
    m_bestAnchor->position->setCoords(m_bestEpoch, m_bestValue);
    m_bestLabel->setVisible(true);
    placeBestLabel();
}

void AccuracyPlot::placeBestLabel() {
    if (!m_bestLabel->visible())
        return;
    // Beside the point, right of it when the label fits there, else left of it, and inside
    // the axis rect in any case; below the point unless it is near the bottom.
    const QRect area = m_plot->axisRect()->rect();
    const QMargins padding = m_bestLabel->padding();
    const int width = QFontMetrics(m_bestLabel->font()).horizontalAdvance(m_bestLabel->text())
                      + padding.left() + padding.right();
    const double x = m_plot->xAxis->coordToPixel(m_bestEpoch);
    double left = x + 6;
    if (area.width() > width + 4) {
        if (left + width > area.right())
            left = x - 6 - width;
        left = std::clamp(left, area.left() + 2.0, double(area.right() - 2 - width));
    }
    const QCPRange y = m_plot->yAxis->range();
    const bool low = m_bestValue < y.lower + 0.3 * y.size();
    m_bestLabel->setPositionAlignment((low ? Qt::AlignBottom : Qt::AlignTop) | Qt::AlignLeft);
    m_bestLabel->position->setCoords(left - x, low ? -8 : 8);
    // Under the labels of live changes (laid out before this), not behind them.
    if (low || !changeMarkers())
        return;
    const double pointY = m_plot->yAxis->coordToPixel(m_bestValue);
    const int height =
        QFontMetrics(m_bestLabel->font()).height() + padding.top() + padding.bottom();
    double top = pointY + 8;
    for (bool moved = true; moved;) {
        moved = false;
        for (const QCPItemText *change : changeMarkers()->labelItems()) {
            const QRectF r(change->topLeft->pixelPosition(), change->bottomRight->pixelPosition());
            if (r.intersects(QRectF(left, top, width, height))) {
                top = r.bottom() + 2;
                moved = true;
            }
        }
    }
    m_bestLabel->position->setCoords(left - x, top - pointY);
}

void AccuracyPlot::rescale() {
    m_plot->xAxis->setRange(0, std::max(1, m_lastEpoch));
    bool found = false;
    QCPRange range;
    for (QCPGraph *graph : {m_train, m_test, m_val}) {
        bool graphFound = false;
        const QCPRange r = graph->getValueRange(graphFound);
        if (!graphFound)
            continue;
        range =
            found ? QCPRange(std::min(range.lower, r.lower), std::max(range.upper, r.upper)) : r;
        found = true;
    }
    if (m_regression) {
        // R² can start far below 0; below -1 tells nothing more.
        const double lower = found ? std::max(-1.0, std::min(0.0, range.lower)) : 0.0;
        m_plot->yAxis->setRange(lower - 0.05, 1.05);
    } else {
        // Whole tens of percent, from below the lowest value up to 100.
        const double lower =
            found ? std::max(0.0, 10.0 * std::floor((range.lower - 2.0) / 10.0)) : 0.0;
        m_plot->yAxis->setRange(lower, 102.0);
    }
}

} // namespace reglab::ui
