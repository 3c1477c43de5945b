// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/histogram_plot.h"

#include "ui/plots/plot_export.h"
#include "ui/plots/plot_look.h"

#include <QCheckBox>
#include <QToolTip>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

/// Bin centres and counts of `h` as bar data.
void setBars(QCPBars *bars, const Histogram &h) {
    QVector<double> keys, values;
    const double width = h.binWidth();
    for (std::size_t i = 0; i < h.counts.size(); ++i) {
        keys.push_back(h.min + (double(i) + 0.5) * width);
        values.push_back(double(h.counts[i]));
    }
    bars->setWidth(width > 0 ? width : 1.0);
    bars->setData(keys, values, true);
}

/// Cells narrower than this cannot show their weight axis and statistics: the grid takes
/// fewer columns (and more rows) instead.
constexpr int kMinCellWidth = 140;

} // namespace

HistogramPlot::HistogramPlot(QWidget *parent)
    : TrainingView(QStringLiteral("histogramPlot"), parent) {
    // The bars are axis-aligned rectangles: antialiasing them costs ~12% of the GUI thread's
    // drawing time during training (bench/reglab_bench_worker) and changes nothing visible.
    m_plot->setNotAntialiasedElements(QCP::aeAxes | QCP::aeGrid | QCP::aePlottables);
    connect(m_plot, &QCustomPlot::afterLayout, this, [this] {
        if (reflow())
            m_plot->replot(QCustomPlot::rpQueuedReplot); // laid out anew in the next frame
        fitStatsLabels();
    });
    // The statistics in full, whatever fits in the cell.
    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        const QString text = statsAt(event->position().toPoint());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    });
    m_title = addPlotTitle(m_plot, title());
    // The default axis rect (and the legend inside it) is replaced by a grid of small ones.
    m_plot->plotLayout()->remove(m_plot->axisRect());
    m_grid = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, m_grid);
    m_grid->setColumnSpacing(12);
    m_grid->setRowSpacing(4);

    m_overlayCheck = addCornerCheckBox(tr("Overlay epoch 0"), QStringLiteral("overlayCheck"),
                                       tr("Draw the initial weight distribution as an outline"));
    connect(m_overlayCheck, &QCheckBox::toggled, this, [this] {
        updateViews();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });
    m_overTimeCheck = addCornerCheckBox(
        tr("Over time"), QStringLiteral("overTimeCheck"),
        tr("Each layer's weight distribution against epochs: the bands hold the middle 38%, "
           "68%, 87% and all of the weights around the median; the dashed line (right axis) "
           "is the share of |w| < 1e-3"));
    connect(m_overTimeCheck, &QCheckBox::toggled, this, &HistogramPlot::setOverTime);

    resetFor(defaultExperiment(), nullptr);
}

QString HistogramPlot::title() const {
    return isOverTime() ? tr("Weight distributions over time") : tr("Weight histograms");
}

void HistogramPlot::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    Q_UNUSED(dataset);
    m_current.clear();
    m_initial.clear();
    QStringList names;
    for (const LayerSpec &layer : spec.model.layers) {
        if (layer.hasWeights()) // dropout, pooling and flatten have none
            names << QString::fromStdString(layer.name);
    }
    buildViews(names);
    updateViews();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPlot::buildViews(const QStringList &layerNames) {
    for (const LayerView &view : m_views) {
        m_plot->removeItem(view.stats);
        m_plot->removePlottable(view.bars);
        m_plot->removePlottable(view.initial);
        for (QCPGraph *graph : view.timeLines())
            m_plot->removePlottable(graph);
    }
    m_views.clear();
    m_grid->clear();

    const int n = int(layerNames.size());
    m_columns = columnsFor(n, m_plot->width());
    for (int i = 0; i < n; ++i) {
        LayerView view;
        auto *cell = new QCPLayoutGrid;
        m_grid->addElement(i / m_columns, i % m_columns, cell);
        view.name = new QCPTextElement(m_plot, layerNames[i], plotFont(9, true));
        view.name->setTextColor(seriesColor(2 + i).darker(130));
        view.name->setMargins(QMargins(0, 2, 0, 0));
        cell->addElement(0, 0, view.name);
        view.rect = new QCPAxisRect(m_plot);
        cell->addElement(1, 0, view.rect);
        cell->setRowStretchFactor(0, 0.001);
        cell->setRowSpacing(0);
        styleAxisRect(view.rect);
        view.rect->axis(QCPAxis::atBottom)->ticker()->setTickCount(3);
        view.rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(3);
        view.rect->setMinimumMargins(QMargins(4, 4, 4, 4));

        QCPAxis *x = view.rect->axis(QCPAxis::atBottom);
        QCPAxis *y = view.rect->axis(QCPAxis::atLeft);
        view.initial = new QCPBars(x, y);
        view.initial->setName(tr("epoch 0"));
        view.initial->setPen(QPen(QColor(0x50, 0x55, 0x5c), 1.2));
        view.initial->setBrush(Qt::NoBrush);
        view.bars = new QCPBars(x, y);
        view.bars->setName(tr("current"));
        QColor fill = seriesColor(2 + i);
        fill.setAlpha(190);
        view.bars->setBrush(fill);
        view.bars->setPen(QPen(seriesColor(2 + i).darker(115), 0.8));
        // The outline is drawn over the filled bars.
        view.initial->setLayer(QStringLiteral("overlay"));

        // Over time: percentile k is filled to percentile 8 - k, so the bands nest and
        // darken towards the median.
        QCPAxis *right = view.rect->axis(QCPAxis::atRight);
        right->setRange(0, 100);
        const QColor color = seriesColor(2 + i);
        for (std::size_t k = 0; k < view.bands.size(); ++k) {
            view.bands[k] = new QCPGraph(x, y);
            view.bands[k]->setName(tr("%1th percentile").arg(kDistributionPercents[k]));
            view.bands[k]->setVisible(false);
        }
        const std::size_t last = view.bands.size() - 1;
        for (std::size_t k = 0; k < last / 2; ++k) {
            QColor band = color;
            band.setAlpha(55);
            view.bands[k]->setPen(Qt::NoPen);
            view.bands[last - k]->setPen(Qt::NoPen);
            view.bands[k]->setBrush(band);
            view.bands[k]->setChannelFillGraph(view.bands[last - k]);
        }
        view.bands[last / 2]->setPen(QPen(color.darker(130), 1.6));
        view.sparsity = new QCPGraph(x, right);
        view.sparsity->setName(tr("|w| < 1e-3 (%)"));
        view.sparsity->setPen(QPen(QColor(0x50, 0x55, 0x5c), 1.2, Qt::DashLine));
        view.sparsity->setVisible(false);

        view.stats = new QCPItemText(m_plot);
        view.stats->setClipAxisRect(view.rect);
        view.stats->position->setAxisRect(view.rect);
        view.stats->position->setType(QCPItemPosition::ptAxisRectRatio);
        view.stats->position->setCoords(0.98, 0.02);
        view.stats->setPositionAlignment(Qt::AlignTop | Qt::AlignRight);
        view.stats->setTextAlignment(Qt::AlignRight);
        view.stats->setFont(plotFont(8));
        view.stats->setColor(QColor(0x3c, 0x40, 0x46));
        view.stats->setBrush(QColor(255, 255, 255, 200));
        view.stats->setPadding(QMargins(3, 1, 3, 1));
        m_views.push_back(view);
    }
    labelAxes();
    // Line up the data areas of all cells.
    delete m_marginGroup;
    m_marginGroup = new QCPMarginGroup(m_plot);
    for (const LayerView &view : m_views)
        view.rect->setMarginGroup(QCP::msLeft | QCP::msBottom, m_marginGroup);
}

void HistogramPlot::appendSnapshot(const TrainingSnapshot &s) {
    if (s.reset) {
        m_current.clear();
        m_initial.clear();
    }
    if (s.epochs.empty())
        return;
    if (s.epochs.back().layers.size() != m_views.size()) {
        QStringList names;
        for (const LayerMetrics &layer : s.epochs.back().layers)
            names << QString::fromStdString(layer.name);
        buildViews(names);
    }
    if (s.reset) {
        m_timeStride = 1;
        for (const LayerView &view : m_views) {
            for (QCPGraph *graph : view.timeLines())
                graph->data()->clear();
        }
    }
    for (const EpochMetrics &m : s.epochs) {
        if (m.epoch == 0) {
            m_initial.clear();
            for (const LayerMetrics &layer : m.layers)
                m_initial.push_back(layer.histogram);
        }
        for (std::size_t i = 0; i < m.layers.size() && i < m_views.size(); ++i)
            appendTimePoint(m_views[i], m.epoch, m.layers[i]);
    }
    m_current = s.epochs.back().layers;
    updateViews();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPlot::appendTimePoint(const LayerView &view, int epoch, const LayerMetrics &layer) {
    if (std::isnan(layer.percentiles[kDistributionPercents.size() / 2]))
        return; // not computed (a run read back from its files)
    // The newest epoch is always shown; it stays only if it is on the stride.
    const auto line = view.sparsity->data();
    if (!line->isEmpty()) {
        const double last = (line->constEnd() - 1)->key;
        if (std::fmod(last, m_timeStride) != 0.0) {
            for (QCPGraph *graph : view.timeLines())
                graph->data()->remove(last);
        }
    }
    for (std::size_t k = 0; k < view.bands.size(); ++k)
        view.bands[k]->addData(epoch, layer.percentiles[k]);
    view.sparsity->addData(epoch, 100.0 * layer.sparsity);
    if (line->size() <= kMaxTimePoints)
        return;
    // Too long: every other stored epoch goes, for every layer alike (bounded memory, as
    // many points as a plot can show).
    m_timeStride *= 2;
    for (const LayerView &other : m_views) {
        for (QCPGraph *graph : other.timeLines()) {
            QVector<QCPGraphData> kept;
            const auto points = graph->data();
            for (auto it = points->constBegin(); it != points->constEnd(); ++it) {
                if (std::fmod(it->key, m_timeStride) == 0.0 || it == points->constEnd() - 1)
                    kept.append(*it);
            }
            points->set(kept, true);
        }
    }
}

int HistogramPlot::columnsFor(int cells, int width) {
    const int preferred = cells <= 3 ? std::max(1, cells) : int(std::ceil(std::sqrt(cells)));
    return std::clamp(width / kMinCellWidth, 1, preferred);
}

bool HistogramPlot::reflow() {
    const int n = int(m_views.size());
    const int columns = columnsFor(n, m_grid->outerRect().width());
    if (n == 0 || columns == m_columns || m_grid->outerRect().width() <= 0)
        return false;
    m_columns = columns;
    std::vector<QCPLayoutElement *> cells; // in layer order
    for (const LayerView &view : m_views)
        cells.push_back(view.rect->layout());
    for (QCPLayoutElement *cell : cells)
        m_grid->take(cell);
    m_grid->simplify();
    for (int i = 0; i < int(cells.size()); ++i)
        m_grid->addElement(i / columns, i % columns, cells[std::size_t(i)]);
    labelAxes();
    return true;
}

void HistogramPlot::labelAxes() {
    const bool overTime = isOverTime();
    const int n = int(m_views.size());
    for (int i = 0; i < n; ++i) {
        const LayerView &view = m_views[std::size_t(i)];
        const bool firstColumn = i % m_columns == 0;
        const bool lastColumn = i % m_columns == m_columns - 1 || i == n - 1;
        view.rect->axis(QCPAxis::atBottom)->setLabel(overTime ? tr("epoch") : tr("weight"));
        view.rect->axis(QCPAxis::atLeft)
            ->setLabel(!firstColumn ? QString() : (overTime ? tr("weight") : tr("count")));
        QCPAxis *right = view.rect->axis(QCPAxis::atRight);
        right->setVisible(overTime);
        right->setTickLabels(overTime);
        right->setLabel(overTime && lastColumn ? tr("|w| < 1e-3 (%)") : QString());
    }
}

QString HistogramPlot::statsAt(const QPoint &pos) const {
    if (isOverTime()) {
        for (const LayerView &view : m_views) {
            if (view.rect->rect().contains(pos))
                return distributionAt(view, pos);
        }
        return {};
    }
    for (const LayerView &view : m_views) {
        if (view.stats && !view.stats->text().isEmpty() && view.rect->outerRect().contains(pos))
            return view.name->text() + QLatin1Char('\n') + view.stats->text();
    }
    return {};
}

void HistogramPlot::fitStatsLabels() {
    const double scale = plotLook().fontScale;
    for (const LayerView &view : m_views) {
        if (!view.stats || !view.rect)
            continue;
        const QString text = view.stats->text();
        const QStringList lines = text.split(QLatin1Char('\n'));
        const QMargins padding = view.stats->padding();
        const int available = view.rect->width() - 4;
        // The largest size that fits; when even the smallest does not, the cell shows no
        // statistics (never a clipped number): they stay in the tooltip.
        bool fits = false;
        QFont base;
        for (double points : {8.0, 7.5, 7.0, 6.5}) {
            base = plotFont(points);
            const QFontMetrics metrics(scale == 1.0 ? base : plotFont(points * scale));
            int width = 0;
            for (const QString &line : lines)
                width = std::max(width, metrics.horizontalAdvance(line));
            fits = width + padding.left() + padding.right() <= available;
            if (fits)
                break;
        }
        // Set during the layout pass, so the text is drawn with it in this replot.
        setBaseFont(view.stats, base);
        view.stats->setVisible(fits && !text.isEmpty() && !isOverTime());
    }
}

void HistogramPlot::updateViews() {
    const bool overTime = isOverTime();
    const bool overlay = m_overlayCheck->isChecked() && !overTime;
    for (std::size_t i = 0; i < m_views.size(); ++i) {
        const LayerView &view = m_views[i];
        QCPRange xRange(-1, 1);
        double yMax = 1.0;
        if (i < m_current.size()) {
            const LayerMetrics &m = m_current[i];
            view.name->setText(QString::fromStdString(m.name));
            setBars(view.bars, m.histogram);
            xRange = QCPRange(m.histogram.min, m.histogram.max);
            for (std::uint64_t c : m.histogram.counts)
                yMax = std::max(yMax, double(c));
            view.stats->setText(tr("|w|<1e-3: %1%\n‖W‖₂ = %2")
                                    .arg(100.0 * m.sparsity, 0, 'f', 1)
                                    .arg(m.kernelL2Norm, 0, 'g', 3));
            view.stats->setVisible(true);
        } else {
            view.bars->data()->clear();
            view.stats->setText(QString());
            view.stats->setVisible(false);
        }
        const bool showInitial = overlay && i < m_initial.size() && i < m_current.size();
        if (showInitial) {
            const Histogram &h = m_initial[i];
            setBars(view.initial, h);
            xRange = QCPRange(std::min(xRange.lower, h.min), std::max(xRange.upper, h.max));
            for (std::uint64_t c : h.counts)
                yMax = std::max(yMax, double(c));
        } else {
            view.initial->data()->clear();
        }
        view.initial->setVisible(showInitial);
        const double pad = 0.04 * std::max(xRange.size(), 1e-6);
        view.rect->axis(QCPAxis::atBottom)->setRange(xRange.lower - pad, xRange.upper + pad);
        // Headroom above the tallest bar keeps the statistics text off the data.
        view.rect->axis(QCPAxis::atLeft)->setRange(0, yMax * 1.45);
        updateTimeView(i, overTime);
    }
    labelAxes();
}

void HistogramPlot::setOverTime(bool overTime) {
    if (m_overTimeCheck->isChecked() != overTime) {
        m_overTimeCheck->setChecked(overTime); // comes back here through toggled()
        return;
    }
    m_overlayCheck->setEnabled(!overTime);
    m_title->setText(title());
    emit titleChanged();
    updateViews();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool HistogramPlot::isOverTime() const {
    return m_overTimeCheck && m_overTimeCheck->isChecked();
}

void HistogramPlot::updateTimeView(std::size_t i, bool overTime) {
    const LayerView &view = m_views[i];
    for (QCPGraph *graph : view.timeLines())
        graph->setVisible(overTime);
    view.bars->setVisible(!overTime);
    if (!overTime)
        return;
    view.bars->setVisible(false);
    view.initial->setVisible(false);
    view.stats->setVisible(false);
    // Epochs 0 .. newest; weights from the lowest minimum to the highest maximum.
    bool found = false;
    const QCPRange epochs = view.bands.front()->data()->keyRange(found);
    double lo = 0.0;
    double hi = 0.0;
    bool anyLow = false;
    bool anyHigh = false;
    const QCPRange low = view.bands.front()->data()->valueRange(anyLow);
    const QCPRange high = view.bands.back()->data()->valueRange(anyHigh);
    if (anyLow && anyHigh) {
        lo = low.lower;
        hi = high.upper;
    }
    if (!(hi > lo)) {
        lo -= 1.0;
        hi += 1.0;
    }
    const double pad = 0.05 * (hi - lo);
    view.rect->axis(QCPAxis::atLeft)->setRange(lo - pad, hi + pad);
    view.rect->axis(QCPAxis::atBottom)->setRange(0, found ? std::max(1.0, epochs.upper) : 1.0);
}

QString HistogramPlot::distributionAt(const LayerView &view, const QPoint &pos) const {
    const auto points = view.bands.front()->data();
    if (points->isEmpty())
        return {};
    const double key = view.rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    auto it = points->findBegin(key, true);
    if (it == points->constEnd())
        return {};
    const auto next = it + 1;
    if (next != points->constEnd() && std::abs(next->key - key) < std::abs(it->key - key))
        it = next;
    const int index = int(it - points->constBegin());
    QStringList lines{tr("%1 · epoch %2").arg(view.name->text()).arg(it->key)};
    for (std::size_t k = view.bands.size(); k-- > 0;) {
        lines << tr("%1%: %2")
                     .arg(kDistributionPercents[k])
                     .arg(view.bands[k]->data()->at(index)->value, 0, 'g', 4);
    }
    lines << tr("|w| < 1e-3: %1%").arg(view.sparsity->data()->at(index)->value, 0, 'f', 1);
    return lines.join(QLatin1Char('\n'));
}

} // namespace reglab::ui
