// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/histogram_plot.h"

#include "ui/plots/plot_export.h"
#include "ui/plots/plot_look.h"

#include <QCheckBox>
#include <QTimer>
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
    m_timeRedraw = new QTimer(this);
    m_timeRedraw->setSingleShot(true);
    m_timeRedraw->setInterval(kTimeRedrawMs);
    connect(m_timeRedraw, &QTimer::timeout, this, &HistogramPlot::redrawNow);
    // The view's controls sit in the same corner row as the check box.
    m_controls = new WeightViewControls(true);
    m_controls->setObjectName(QStringLiteral("weightViewControls"));
    m_overlayCheck->parentWidget()->layout()->addWidget(m_controls);
    connect(m_controls, &WeightViewControls::changed, this, [this] {
        m_overlayCheck->setEnabled(!isOverTime());
        m_title->setText(title());
        emit titleChanged();
        updateViews();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    });

    resetFor(defaultExperiment(), nullptr);
}

QString HistogramPlot::title() const {
    const bool bias = m_controls && m_controls->options().tensor == WeightTensor::Bias;
    switch (view()) {
    case WeightViewControls::View::Distributions:
        return bias ? tr("Bias distributions over time") : tr("Weight distributions over time");
    case WeightViewControls::View::Ridge:
        return bias ? tr("Bias histograms over time") : tr("Weight histograms over time");
    case WeightViewControls::View::Latest:
        break;
    }
    return tr("Weight histograms");
}

void HistogramPlot::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    Q_UNUSED(dataset);
    m_current.clear();
    m_initial.clear();
    m_history = WeightHistory();
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
    for (LayerView &view : m_views) {
        view.panel.reset(); // before its cell goes
        m_plot->removeItem(view.stats);
        m_plot->removePlottable(view.bars);
        m_plot->removePlottable(view.initial);
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

        view.rect->axis(QCPAxis::atRight)->ticker()->setTickCount(3);
        view.panel = std::make_unique<WeightTimePanel>(m_plot, cell, view.rect, seriesColor(2 + i));

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
        m_views.push_back(std::move(view));
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
    if (s.reset)
        m_history = WeightHistory();
    for (const EpochMetrics &m : s.epochs) {
        if (m.epoch == 0) {
            m_initial.clear();
            for (const LayerMetrics &layer : m.layers)
                m_initial.push_back(layer.histogram);
        }
        // Epochs without histograms (a run's history read back from metrics.csv) are not
        // kept; the others are thinned to at most 101 (weight_history.h).
        if (!m.layers.empty() && !m.layers.front().histogram.counts.empty())
            m_history.add(m);
    }
    if (!m_history.epochs().empty())
        m_controls->setNewestEpoch(m_history.epochs().back().epoch);
    m_current = s.epochs.back().layers;
    // Over time every layer's series is rebuilt from the history: at most five times a
    // second, the last snapshot always drawn, so live training keeps the GUI thread free.
    if (isOverTime() && !s.reset && m_lastTimeRedraw.isValid()
        && m_lastTimeRedraw.elapsed() < kTimeRedrawMs) {
        if (!m_timeRedraw->isActive())
            m_timeRedraw->start();
        return;
    }
    redrawNow();
}

void HistogramPlot::redrawNow() {
    m_timeRedraw->stop();
    m_lastTimeRedraw.start();
    updateViews();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
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
        if (overTime) {
            view.panel->labelAxes(firstColumn, lastColumn);
            continue;
        }
        QCPAxis *x = view.rect->axis(QCPAxis::atBottom);
        x->setLabel(tr("weight"));
        x->setTickLabels(true);
        view.rect->axis(QCPAxis::atLeft)->setLabel(firstColumn ? tr("count") : QString());
        view.rect->axis(QCPAxis::atRight)->setVisible(false);
    }
}

QString HistogramPlot::statsAt(const QPoint &pos) const {
    if (isOverTime()) {
        for (const LayerView &view : m_views) {
            const QString text = view.panel->readout(pos);
            if (!text.isEmpty())
                return text;
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
    setView(overTime ? WeightViewControls::View::Distributions : WeightViewControls::View::Latest);
}

bool HistogramPlot::isOverTime() const {
    return view() != WeightViewControls::View::Latest;
}

void HistogramPlot::setView(WeightViewControls::View view) {
    m_controls->setView(view); // comes back through changed()
}

WeightViewControls::View HistogramPlot::view() const {
    return m_controls ? m_controls->view() : WeightViewControls::View::Latest;
}

void HistogramPlot::updateTimeView(std::size_t i, bool overTime) {
    LayerView &view = m_views[i];
    view.bars->setVisible(!overTime);
    if (!overTime) {
        view.panel->show(view.name->text(), {}, {}, false);
        return;
    }
    view.initial->setVisible(false);
    view.stats->setVisible(false);
    const WeightViewOptions o = m_controls->options();
    view.panel->show(view.name->text(),
                     weightSeries(m_history.epochs(), i, o.tensor, o.firstEpoch, o.lastEpoch), o,
                     true);
}

} // namespace reglab::ui
