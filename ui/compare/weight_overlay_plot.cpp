// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/weight_overlay_plot.h"

#include "ui/compare/compare_plot_style.h"
#include "ui/plots/plot_export.h"

#include <QComboBox>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace reglab::ui {

WeightOverlayPlot::WeightOverlayPlot(QWidget *parent)
    : QWidget(parent) {
    m_plot = makeComparePlot(this, QStringLiteral("weightOverlayPlot"));
    m_title = addPlotTitle(m_plot, title());
    m_plot->xAxis->setLabel(tr("kernel weight"));
    m_plot->yAxis->setLabel(tr("share of weights per bin"));
    setLogScale(m_plot->yAxis, true);
    m_plot->legend->setVisible(true);
    placeLegendRight(m_plot);
    m_emptyNote = new QCPItemText(m_plot);
    m_emptyNote->position->setType(QCPItemPosition::ptAxisRectRatio);
    m_emptyNote->position->setCoords(0.5, 0.5);
    m_emptyNote->setFont(plotFont(9));
    m_emptyNote->setColor(QColor(0x6a, 0x70, 0x78));
    m_emptyNote->setText(tr("No weights yet:\nthe histograms appear\nas the runs train."));
    m_emptyNote->setTextAlignment(Qt::AlignCenter);

    m_layerCombo = new QComboBox;
    m_layerCombo->setToolTip(tr("The layer whose kernel weights are shown"));
    placeCornerControls(m_plot, compareCornerRow({m_layerCombo}));
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
    m_layer = fillLayerCombo(m_layerCombo, layerNames, m_layer);
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
    // Without a histogram, an empty axis over three labelled decades and a note (a range
    // inside one decade would label its ticks 2·10⁰, 10⁰, 10⁰).
    const bool empty = drawn.empty();
    m_emptyNote->setVisible(empty);
    if (empty)
        oneWeight = 1e-3;
    m_plot->yAxis->setRange(std::pow(10.0, std::floor(std::log10(oneWeight))), 1.5);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace reglab::ui
