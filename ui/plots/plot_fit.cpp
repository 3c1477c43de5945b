// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/plot_fit.h"

#include <QFontMetrics>
#include <QLineF>
#include <QPointer>

#include <qcustomplot.h>

#include <array>
#include <cmath>
#include <limits>

namespace reglab::ui {

namespace {

/// Wraps a ticker type: asks Base for the step of tickCount() ticks, then of fewer, until
/// the labels fit. The axis length is the one of the latest layout pass (ticks are made
/// before the layout).
template<class Base>
class FittingTicker : public Base {
public:
    explicit FittingTicker(QCPAxis *axis)
        : m_axis(axis) {}

protected:
    double getTickStep(const QCPRange &range) override {
        double step = Base::getTickStep(range);
        const double length = axisLength();
        if (!(length > 0.0) || !(range.size() > 0.0))
            return step;
        const int wanted = this->tickCount();
        for (int count = wanted; count > 1 && !fits(range, step, length); --count) {
            this->setTickCount(count - 1);
            step = Base::getTickStep(range);
        }
        this->setTickCount(wanted);
        return step;
    }

private:
    double axisLength() const {
        if (!m_axis || !m_axis->axisRect())
            return 0.0;
        return m_axis->orientation() == Qt::Horizontal ? m_axis->axisRect()->width()
                                                       : m_axis->axisRect()->height();
    }

    /// Whether ticks `step` apart leave room between their labels.
    bool fits(const QCPRange &range, double step, double length) {
        if (!(step > 0.0))
            return true;
        const double pixelsPerStep = step / range.size() * length;
        const QFontMetrics metrics(m_axis->tickLabelFont());
        if (m_axis->orientation() == Qt::Vertical)
            return pixelsPerStep >= 1.5 * metrics.height();
        const QString format = m_axis->numberFormat();
        const QChar formatChar = format.isEmpty() ? QLatin1Char('g') : format.at(0);
        const QLocale locale = m_axis->parentPlot()->locale();
        // Neighbouring labels, centred on their ticks, at least two spaces apart.
        const int gap = 2 * metrics.horizontalAdvance(QLatin1Char(' '));
        const double first = std::ceil(range.lower / step - 1e-9);
        int previous = -1;
        for (int k = 0; k < 64; ++k) {
            const double tick = (first + k) * step;
            if (tick > range.upper + 1e-9 * step)
                break;
            const int width = metrics.horizontalAdvance(
                this->getTickLabel(tick, locale, formatChar, m_axis->numberPrecision()));
            if (previous >= 0 && pixelsPerStep < (previous + width) / 2.0 + gap)
                return false;
            previous = width;
        }
        return true;
    }

    QPointer<QCPAxis> m_axis;
};

/// Whether the segment a-b passes through `r` (Liang-Barsky clipping).
bool segmentHitsRect(QPointF a, QPointF b, const QRectF &r) {
    if (r.contains(a) || r.contains(b))
        return true;
    double t0 = 0.0;
    double t1 = 1.0;
    const double dx = b.x() - a.x();
    const double dy = b.y() - a.y();
    const std::array<double, 4> p{-dx, dx, -dy, dy};
    const std::array<double, 4> q{a.x() - r.left(), r.right() - a.x(), a.y() - r.top(),
                                  r.bottom() - a.y()};
    for (std::size_t i = 0; i < 4; ++i) {
        if (p[i] == 0.0) {
            if (q[i] < 0.0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0.0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

/// How many points and segments of the plot's visible graphs fall into `r` (pixels).
int curvesUnder(QCustomPlot *plot, const QRectF &r) {
    int hits = 0;
    for (int g = 0; g < plot->graphCount(); ++g) {
        QCPGraph *graph = plot->graph(g);
        if (!graph->visible() || graph->keyAxis()->axisRect() != plot->axisRect())
            continue;
        const bool lines = graph->lineStyle() != QCPGraph::lsNone;
        bool havePrevious = false;
        QPointF previous;
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) {
            if (!std::isfinite(it->value)) {
                havePrevious = false;
                continue;
            }
            const QPointF p = graph->coordsToPixels(it->key, it->value);
            if (lines && havePrevious ? segmentHitsRect(previous, p, r) : r.contains(p))
                ++hits;
            previous = p;
            havePrevious = true;
        }
    }
    return hits;
}

void placeLegend(QCustomPlot *plot) {
    QCPLegend *legend = plot->legend;
    QCPAxisRect *rect = plot->axisRect();
    if (!legend || !rect || !legend->visible() || legend->layout() != rect->insetLayout())
        return;
    QCPLayoutInset *inset = rect->insetLayout();
    int index = -1;
    for (int i = 0; i < inset->elementCount(); ++i) {
        if (inset->elementAt(i) == legend)
            index = i;
    }
    if (index < 0 || inset->insetPlacement(index) != QCPLayoutInset::ipBorderAligned)
        return;
    static const std::array<Qt::Alignment, 4> corners{
        Qt::AlignBottom | Qt::AlignRight, Qt::AlignTop | Qt::AlignRight,
        Qt::AlignBottom | Qt::AlignLeft, Qt::AlignTop | Qt::AlignLeft};
    const QRect area = inset->rect(); // the axis rect less the inset layout's margins
    const QSize size = legend->outerRect().size();
    const Qt::Alignment current = inset->insetAlignment(index);
    Qt::Alignment best = current;
    int fewest = std::numeric_limits<int>::max();
    for (Qt::Alignment corner : corners) {
        QRect r(QPoint(), size);
        if (corner & Qt::AlignRight)
            r.moveRight(area.right());
        else
            r.moveLeft(area.left());
        if (corner & Qt::AlignBottom)
            r.moveBottom(area.bottom());
        else
            r.moveTop(area.top());
        const int hits = curvesUnder(plot, r);
        // The current corner keeps the legend on ties: it does not jump back and forth.
        if (hits < fewest || (hits == fewest && corner == current)) {
            fewest = hits;
            best = corner;
        }
    }
    if (best != current) {
        inset->setInsetAlignment(index, best);
        inset->update(QCPLayoutElement::upLayout); // placed for this very frame
    }
}

} // namespace

QSharedPointer<QCPAxisTicker> fittingTicker(QCPAxis *axis) {
    return QSharedPointer<FittingTicker<QCPAxisTicker>>::create(axis);
}

QSharedPointer<QCPAxisTicker> fittingIntegerTicker(QCPAxis *axis) {
    auto ticker = QSharedPointer<FittingTicker<QCPAxisTickerFixed>>::create(axis);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

void keepLegendOffCurves(QCustomPlot *plot) {
    QObject::connect(plot, &QCustomPlot::afterLayout, plot, [plot] { placeLegend(plot); });
}

} // namespace reglab::ui
