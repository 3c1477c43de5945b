// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/weight_time_panel.h"

#include "core/train/weight_history.h"
#include "ui/plots/plot_export.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

QString number(double x) {
    return QString::number(x, 'g', 6);
}

/// "1e-3" rather than "0.001": how the thresholds are spoken of everywhere.
QString thresholdText(double t) {
    return QStringLiteral("1e%1").arg(int(std::lround(std::log10(t))));
}

} // namespace

WeightTimePanel::WeightTimePanel(QCustomPlot *plot, QCPLayoutGrid *cell, QCPAxisRect *rect,
                                 QColor color)
    : m_plot(plot)
    , m_cell(cell)
    , m_rect(rect)
    , m_color(color) {
    QCPAxis *x = rect->axis(QCPAxis::atBottom);
    QCPAxis *y = rect->axis(QCPAxis::atLeft);
    QCPAxis *right = rect->axis(QCPAxis::atRight);
    m_leftTicker = y->ticker();
    // Percentile k is filled to percentile 8 - k, so the bands nest and darken towards the
    // median.
    for (std::size_t k = 0; k < m_bands.size(); ++k) {
        m_bands[k] = new QCPGraph(x, y);
        m_bands[k]->setName(tr("%1th percentile").arg(kDistributionPercents[k]));
        m_bands[k]->setVisible(false);
    }
    const std::size_t last = m_bands.size() - 1;
    for (std::size_t k = 0; k < last / 2; ++k) {
        QColor band = color;
        band.setAlpha(55);
        m_bands[k]->setPen(Qt::NoPen);
        m_bands[last - k]->setPen(Qt::NoPen);
        m_bands[k]->setBrush(band);
        m_bands[k]->setChannelFillGraph(m_bands[last - k]);
    }
    m_bands[last / 2]->setPen(QPen(color.darker(130), 1.6));
    m_share = new QCPGraph(x, right);
    m_share->setPen(QPen(QColor(0x50, 0x55, 0x5c), 1.2, Qt::DashLine));
    m_share->setVisible(false);

    m_normRect = new QCPAxisRect(plot);
    styleAxisRect(m_normRect);
    m_normRect->setMinimumMargins(QMargins(4, 2, 4, 4));
    m_normRect->axis(QCPAxis::atLeft)->ticker()->setTickCount(2);
    m_normRect->axis(QCPAxis::atBottom)->ticker()->setTickCount(3);
    QCPAxis *normRight = m_normRect->axis(QCPAxis::atRight);
    normRight->setVisible(true);
    normRight->setTickLabels(true);
    normRight->ticker()->setTickCount(2);
    m_l2 = new QCPGraph(m_normRect->axis(QCPAxis::atBottom), m_normRect->axis(QCPAxis::atLeft));
    m_l2->setName(QStringLiteral("‖W‖₂"));
    m_l2->setPen(QPen(color.darker(140), 1.5));
    m_l1 = new QCPGraph(m_normRect->axis(QCPAxis::atBottom), normRight);
    m_l1->setName(QStringLiteral("‖W‖₁"));
    m_l1->setPen(QPen(QColor(0x50, 0x55, 0x5c), 1.2, Qt::DashDotLine));
    // Hidden until the distributions are shown; out of the layout meanwhile.
    m_normRect->setVisible(false);

    for (QCPItemText **label : {&m_lowLabel, &m_highLabel}) {
        auto *text = new QCPItemText(plot);
        text->setClipAxisRect(rect);
        text->position->setAxes(x, y);
        text->setFont(plotFont(8, true));
        text->setColor(QColor(0xa6, 0x1b, 0x1b));
        text->setBrush(QColor(255, 255, 255, 210));
        text->setPadding(QMargins(2, 0, 2, 0));
        text->setVisible(false);
        *label = text;
    }
    m_lowLabel->setPositionAlignment(Qt::AlignBottom | Qt::AlignLeft);
    m_highLabel->setPositionAlignment(Qt::AlignBottom | Qt::AlignRight);
}

WeightTimePanel::~WeightTimePanel() {
    for (QCPGraph *g : m_bands)
        m_plot->removePlottable(g);
    for (QCPCurve *c : m_curves)
        m_plot->removePlottable(c);
    m_plot->removePlottable(m_share);
    m_plot->removePlottable(m_l2);
    m_plot->removePlottable(m_l1);
    m_plot->removeItem(m_lowLabel);
    m_plot->removeItem(m_highLabel);
    setNormStripShown(false);
    delete m_normRect;
}

void WeightTimePanel::setNormStripShown(bool shown) {
    const bool inLayout = m_normRect->layout() != nullptr;
    if (shown == inLayout)
        return;
    if (shown) {
        m_cell->addElement(2, 0, m_normRect);
        m_cell->setRowStretchFactor(2, 0.35);
        // Aligned with the distributions above it, and with whatever they align with.
        QCPMarginGroup *left = m_rect->marginGroup(QCP::msLeft);
        if (left)
            m_normRect->setMarginGroup(QCP::msLeft, left);
        if (!m_rect->marginGroup(QCP::msRight))
            m_rect->setMarginGroup(QCP::msRight, new QCPMarginGroup(m_plot));
        m_normRect->setMarginGroup(QCP::msRight, m_rect->marginGroup(QCP::msRight));
    } else {
        m_normRect->setMarginGroup(QCP::msLeft | QCP::msRight, nullptr);
        m_cell->take(m_normRect);
        m_cell->simplify();
    }
    m_normRect->setVisible(shown);
}

void WeightTimePanel::show(const QString &name, const std::vector<WeightPoint> &series,
                           const WeightViewOptions &o, bool visible) {
    m_name = name;
    m_series = series;
    m_options = o;
    m_visible = visible;
    const bool distributions = visible && o.mode == WeightViewOptions::Mode::Distributions;
    const bool ridge = visible && o.mode == WeightViewOptions::Mode::Ridge;
    for (QCPGraph *g : m_bands)
        g->setVisible(distributions);
    m_share->setVisible(distributions);
    setNormStripShown(distributions);
    if (!ridge) {
        for (QCPCurve *c : m_curves)
            m_plot->removePlottable(c);
        m_curves.clear();
        m_rows.clear();
        m_lowLabel->setVisible(false);
        m_highLabel->setVisible(false);
    }
    QCPAxis *left = m_rect->axis(QCPAxis::atLeft);
    if (!ridge && left->ticker() != m_leftTicker)
        left->setTicker(m_leftTicker);
    if (distributions)
        showDistributions(o);
    else if (ridge)
        showRidge(o);
}

void WeightTimePanel::showDistributions(const WeightViewOptions &o) {
    QVector<double> epochs;
    std::array<QVector<double>, kDistributionPercents.size()> bands;
    QVector<double> share, l2, l1;
    for (const WeightPoint &p : m_series) {
        epochs.append(p.epoch);
        for (std::size_t k = 0; k < bands.size(); ++k)
            bands[k].append(p.percentiles[k]);
        share.append(100.0 * p.nearZero[std::size_t(o.threshold)]);
        l2.append(p.l2Norm);
        l1.append(p.l1Norm);
    }
    for (std::size_t k = 0; k < bands.size(); ++k)
        m_bands[k]->setData(epochs, bands[k], true);
    m_share->setData(epochs, share, true);
    m_share->setName(
        tr("|w| < %1 (%)").arg(thresholdText(kNearZeroThresholds[std::size_t(o.threshold)])));
    m_l2->setData(epochs, l2, true);
    // ||W||_1 of a run read back from its files is not known: no line.
    QVector<double> l1Epochs, l1Known;
    for (int i = 0; i < l1.size(); ++i) {
        if (std::isfinite(l1[i])) {
            l1Epochs.append(epochs[i]);
            l1Known.append(l1[i]);
        }
    }
    m_l1->setData(l1Epochs, l1Known, true);

    const double first = epochs.isEmpty() ? 0.0 : epochs.front();
    const double last = epochs.isEmpty() ? 1.0 : std::max(epochs.back(), first + 1.0);
    m_rect->axis(QCPAxis::atBottom)->setRange(first, last);
    m_normRect->axis(QCPAxis::atBottom)->setRange(first, last);
    m_rect->axis(QCPAxis::atRight)->setRange(0, 100);
    bool found = false;
    double lo = 0.0;
    double hi = 0.0;
    const QCPRange low = m_bands.front()->data()->valueRange(found);
    if (found) {
        lo = low.lower;
        hi = m_bands.back()->data()->valueRange(found).upper;
    }
    if (!(hi > lo)) {
        lo -= 1.0;
        hi += 1.0;
    }
    const double pad = 0.05 * (hi - lo);
    m_rect->axis(QCPAxis::atLeft)->setRange(lo - pad, hi + pad);
    for (QCPGraph *g : {m_l2, m_l1}) {
        const QCPRange r = g->data()->valueRange(found);
        const double top = found && r.upper > 0 ? r.upper : 1.0;
        g->valueAxis()->setRange(0, top * 1.1);
    }
}

void WeightTimePanel::showRidge(const WeightViewOptions &o) {
    RidgeOptions ro;
    ro.robust = o.robust;
    ro.logCount = o.logCount;
    ro.overlay = o.overlay;
    m_rows = ridgeRows(m_series, ro);
    while (m_curves.size() > m_rows.size()) {
        m_plot->removePlottable(m_curves.back());
        m_curves.pop_back();
    }
    QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
    QCPAxis *y = m_rect->axis(QCPAxis::atLeft);
    while (m_curves.size() < m_rows.size())
        m_curves.push_back(new QCPCurve(x, y));
    const std::size_t n = m_rows.size();
    double lo = 0.0;
    double hi = 0.0;
    double tallest = 0.0;
    for (std::size_t k = 0; k < n; ++k) {
        const RidgeRow &row = m_rows[k];
        // The outline of the bars, closed along the baseline.
        QVector<double> t, keys, values;
        keys.append(row.edges.front());
        values.append(row.baseline);
        for (std::size_t b = 0; b < row.heights.size(); ++b) {
            keys << row.edges[b] << row.edges[b + 1];
            values << row.baseline + row.heights[b] << row.baseline + row.heights[b];
            tallest = std::max(tallest, row.heights[b]);
        }
        keys.append(row.edges.back());
        values.append(row.baseline);
        for (int i = 0; i < keys.size(); ++i)
            t.append(i);
        QCPCurve *curve = m_curves[k];
        curve->setData(t, keys, values, true);
        // Older rows fade into the back; the newest is the strongest.
        const double age = n > 1 ? double(n - 1 - k) / double(n - 1) : 0.0;
        QColor fill = o.overlay ? Qt::transparent : QColor(255, 255, 255);
        QColor line = m_color.darker(110 + int(60 * (1.0 - age)));
        line.setAlphaF(o.overlay ? 0.25 + 0.75 * (1.0 - age) : 1.0);
        if (!o.overlay) {
            QColor tint = m_color;
            tint.setAlphaF(0.15 + 0.55 * (1.0 - age));
            // Opaque white under the tint: each row hides the ones behind it.
            fill = QColor::fromRgbF(1.0 - tint.alphaF() * (1.0 - tint.redF()),
                                    1.0 - tint.alphaF() * (1.0 - tint.greenF()),
                                    1.0 - tint.alphaF() * (1.0 - tint.blueF()));
        }
        curve->setBrush(o.overlay ? Qt::NoBrush : QBrush(fill));
        curve->setPen(QPen(line, k + 1 == n ? 1.6 : 1.0));
        curve->setName(tr("epoch %1").arg(row.epoch));
        curve->setVisible(true);
        lo = k == 0 ? row.edges.front() : std::min(lo, row.edges.front());
        hi = k == 0 ? row.edges.back() : std::max(hi, row.edges.back());
    }
    if (!(hi > lo)) {
        lo -= 1.0;
        hi += 1.0;
    }
    const double pad = 0.03 * (hi - lo);
    x->setRange(lo - pad, hi + pad);

    // Rows labelled by epoch on the left (offset), or a count axis (overlay).
    if (o.overlay) {
        if (y->ticker() != m_leftTicker)
            y->setTicker(m_leftTicker);
        y->setRange(0, (tallest > 0 ? tallest : 1.0) * 1.08);
    } else {
        auto ticker = y->ticker().dynamicCast<QCPAxisTickerText>();
        if (!ticker) {
            ticker = QSharedPointer<QCPAxisTickerText>::create();
            y->setTicker(ticker);
        }
        ticker->clear();
        const std::size_t step = std::max<std::size_t>(1, (n + 7) / 8);
        for (std::size_t k = 0; k < n; ++k) {
            if ((n - 1 - k) % step == 0)
                ticker->addTick(m_rows[k].baseline, QString::number(m_rows[k].epoch));
        }
        const double top = n > 0 ? double(n - 1) + std::max(tallest, 1.0) : 1.0;
        y->setRange(-0.04 * top, top * 1.04);
    }

    // The front row's clipped end bins, marked with their open bounds.
    m_lowLabel->setVisible(false);
    m_highLabel->setVisible(false);
    if (n > 0) {
        const RidgeRow &front = m_rows.back();
        if (front.clippedLow > 0) {
            m_lowLabel->setText(QStringLiteral("≤ %1").arg(front.edges.front(), 0, 'g', 3));
            m_lowLabel->position->setCoords(front.edges.front(),
                                            front.baseline + front.heights.front());
            m_lowLabel->setVisible(true);
        }
        if (front.clippedHigh > 0) {
            m_highLabel->setText(QStringLiteral("≥ %1").arg(front.edges.back(), 0, 'g', 3));
            m_highLabel->position->setCoords(front.edges.back(),
                                             front.baseline + front.heights.back());
            m_highLabel->setVisible(true);
        }
    }
}

void WeightTimePanel::labelAxes(bool left, bool right) {
    const bool distributions = m_options.mode == WeightViewOptions::Mode::Distributions;
    const bool overlay = m_options.overlay;
    QCPAxis *x = m_rect->axis(QCPAxis::atBottom);
    QCPAxis *y = m_rect->axis(QCPAxis::atLeft);
    QCPAxis *r = m_rect->axis(QCPAxis::atRight);
    const QString tensor = m_options.tensor == WeightTensor::Bias ? tr("bias") : tr("weight");
    if (distributions) {
        // The epoch axis is the norm strip's, under it.
        x->setLabel(QString());
        x->setTickLabels(false);
        y->setLabel(left ? tensor : QString());
        r->setVisible(m_visible);
        r->setTickLabels(m_visible);
        r->setLabel(right ? m_share->name() : QString());
        m_normRect->axis(QCPAxis::atBottom)->setLabel(tr("epoch"));
        QCPAxis *l2 = m_normRect->axis(QCPAxis::atLeft);
        QCPAxis *l1 = m_normRect->axis(QCPAxis::atRight);
        l2->setLabel(left ? QStringLiteral("‖W‖₂") : QString());
        l2->setLabelColor(m_l2->pen().color());
        l2->setTickLabelColor(m_l2->pen().color());
        l1->setLabel(right ? QStringLiteral("‖W‖₁ (- ·)") : QString());
    } else {
        x->setTickLabels(true);
        x->setLabel(m_options.robust ? tr("%1 (0.5–99.5 %)").arg(tensor) : tensor);
        QString count = m_options.logCount ? tr("log₁₀(1 + count)") : tr("count");
        y->setLabel(!left ? QString() : (overlay ? count : tr("epoch")));
        r->setVisible(false);
    }
}

QCPRange WeightTimePanel::weightRange() const {
    return m_options.mode == WeightViewOptions::Mode::Ridge
               ? m_rect->axis(QCPAxis::atBottom)->range()
               : m_rect->axis(QCPAxis::atLeft)->range();
}

void WeightTimePanel::setWeightRange(const QCPRange &range) {
    if (m_options.mode == WeightViewOptions::Mode::Ridge)
        m_rect->axis(QCPAxis::atBottom)->setRange(range);
    else
        m_rect->axis(QCPAxis::atLeft)->setRange(range);
}

QString WeightTimePanel::readout(const QPoint &pos) const {
    if (!m_visible)
        return {};
    if (m_options.mode == WeightViewOptions::Mode::Ridge)
        return m_rect->rect().contains(pos) ? ridgeReadout(pos) : QString();
    const bool inStrip = m_normRect->layout() && m_normRect->rect().contains(pos);
    return m_rect->rect().contains(pos) || inStrip ? distributionReadout(pos) : QString();
}

QString WeightTimePanel::distributionReadout(const QPoint &pos) const {
    if (m_series.empty())
        return {};
    const double key = m_rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    const auto nearest = std::min_element(
        m_series.begin(), m_series.end(), [key](const WeightPoint &a, const WeightPoint &b) {
            return std::abs(a.epoch - key) < std::abs(b.epoch - key);
        });
    const WeightPoint &p = *nearest;
    QStringList lines{tr("%1 · epoch %2").arg(m_name).arg(p.epoch)};
    const QString approx = p.estimated ? QStringLiteral("≈ ") : QString();
    for (std::size_t k = p.percentiles.size(); k-- > 0;)
        lines << tr("%1%: %2").arg(kDistributionPercents[k]).arg(approx + number(p.percentiles[k]));
    const auto t = std::size_t(m_options.threshold);
    lines << tr("|w| < %1: %2%")
                 .arg(thresholdText(kNearZeroThresholds[t]))
                 .arg(approx + QString::number(100.0 * p.nearZero[t], 'f', 2));
    lines << QStringLiteral("‖W‖₂ = %1").arg(number(p.l2Norm));
    if (std::isfinite(p.l1Norm))
        lines << QStringLiteral("‖W‖₁ = %1").arg(approx + number(p.l1Norm));
    if (p.estimated)
        lines << tr("≈: estimated from the stored histogram");
    if (const QString note = thinnedNote(); !note.isEmpty())
        lines << note;
    return lines.join(QLatin1Char('\n'));
}

QString WeightTimePanel::ridgeReadout(const QPoint &pos) const {
    if (m_rows.empty())
        return {};
    const double x = m_rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    const double y = m_rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
    // The front-most row whose bar is under the mouse, else the row whose baseline is the
    // nearest below it (overlay: the row whose bar top is nearest).
    const RidgeRow *hit = nullptr;
    for (auto it = m_rows.rbegin(); it != m_rows.rend() && !hit; ++it) {
        const int b = binIndexAt(*it, x);
        if (b >= 0 && y >= it->baseline && y <= it->baseline + it->heights[std::size_t(b)])
            hit = &*it;
    }
    if (!hit) {
        double best = INFINITY;
        for (const RidgeRow &row : m_rows) {
            const int b = binIndexAt(row, x);
            const double d =
                m_options.overlay ? std::abs(row.heights[std::size_t(b)] - y) : y - row.baseline;
            if (d >= 0 && d < best) {
                best = d;
                hit = &row;
            }
        }
    }
    if (!hit)
        hit = &m_rows.back();
    const int bin = binIndexAt(*hit, x);
    const BinReadout r = binReadout(*hit, bin);
    const bool lastBin = bin + 1 == int(hit->counts.size());
    QStringList lines{tr("%1 · epoch %2").arg(m_name).arg(hit->epoch)};
    lines << tr("bin %1 of %2: [%3, %4%5")
                 .arg(bin + 1)
                 .arg(hit->counts.size())
                 .arg(number(r.lower), number(r.upper))
                 .arg(lastBin ? QLatin1Char(']') : QLatin1Char(')'));
    if (r.clippedLow)
        lines << tr("also holds the %1 values below %2 (clipped)")
                     .arg(hit->clippedLow)
                     .arg(number(r.lower));
    if (r.clippedHigh)
        lines << tr("also holds the %1 values above %2 (clipped)")
                     .arg(hit->clippedHigh)
                     .arg(number(r.upper));
    lines << tr("count: %1 of %2").arg(r.count).arg(hit->total);
    lines << tr("percentile: %1–%2 %").arg(r.percentBelow, 0, 'f', 2).arg(r.percentUpTo, 0, 'f', 2);
    if (const QString note = thinnedNote(); !note.isEmpty())
        lines << note;
    return lines.join(QLatin1Char('\n'));
}

QString WeightTimePanel::thinnedNote() const {
    // The history keeps every stride-th epoch (weight_history.h): the widest gap is it.
    int gap = 1;
    for (std::size_t i = 1; i < m_series.size(); ++i)
        gap = std::max(gap, m_series[i].epoch - m_series[i - 1].epoch);
    return gap > 1 ? tr("thinned: weights kept for 1 epoch in %1 (at most %2 epochs)")
                         .arg(gap)
                         .arg(kMaxStoredEpochs + 1)
                   : QString();
}

} // namespace reglab::ui
