// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/neuron_view.h"

#include "core/train/metrics.h"
#include "core/train/unit_status.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_fit.h"
#include "ui/plots/weight_image_plot.h"

#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

const QColor kBorder(0xb4, 0xb8, 0xbe);
const QColor kText(0x20, 0x24, 0x2a);
const QColor kMuted(0x6a, 0x70, 0x78);
const QColor kDeadMark(0x55, 0x5a, 0x62);
const QColor kPrunedMark(0x8e, 0x44, 0xad);

/// Picture of `values` (ny x nx grid, point (i, k) at k nx + i, y upwards) through the
/// diverging weight gradient, each value divided by the largest |value| (all white when 0).
QImage fieldPicture(const float *values, Index stride, int nx, int ny) {
    float scale = 0.0f;
    for (int j = 0; j < nx * ny; ++j) {
        const float v = values[Index(j) * stride];
        if (std::isfinite(v))
            scale = std::max(scale, std::abs(v));
    }
    QCPColorGradient g = WeightImagePlot::gradient();
    const QCPRange range(-1.0, 1.0);
    QImage image(nx, ny, QImage::Format_RGB32);
    for (int k = 0; k < ny; ++k) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(ny - 1 - k)); // y upwards
        for (int i = 0; i < nx; ++i) {
            const float v = values[Index(k * nx + i) * stride];
            line[i] = g.color(scale > 0.0f && std::isfinite(v) ? double(v / scale) : 0.0, range);
        }
    }
    return image;
}

} // namespace

/// Draws the network into the view's upper axis rect: columns of unit pictures, the edges
/// between them, the marks and the counts.
class NetworkDiagram : public QCPLayerable {
public:
    NetworkDiagram(QCustomPlot *plot, NeuronView *view)
        : QCPLayerable(plot)
        , m_view(view) {}

protected:
    void applyDefaultAntialiasingHint(QCPPainter *painter) const override {
        applyAntialiasingHint(painter, true, QCP::aeOther);
    }
    void draw(QCPPainter *painter) override;

private:
    void drawCell(QCPPainter *p, const QRectF &cell, const QImage &picture, std::uint8_t flags,
                  bool selected) const;
    NeuronView *m_view;
};

void NetworkDiagram::draw(QCPPainter *p) {
    NeuronView &v = *m_view;
    v.refresh();
    const QRectF area = v.m_plot->axisRect()->rect();
    const int layers = int(v.m_layers.size());
    v.m_cells.assign(std::size_t(layers), {});
    if (layers == 0 || area.width() < 40 || area.height() < 60)
        return;
    const QFont nameFont = plotFont(8.5, true);
    const QFont smallFont = plotFont(7.5);
    const double line = QFontMetricsF(smallFont).height();
    const double header = QFontMetricsF(nameFont).height() + 4;
    const double footer = 2 * line + 6;
    const double legend = line + 6;
    // The input column takes 0.6 of a layer column; each column keeps 35% of its width free
    // for the edges to the next one.
    const double column = area.width() / (0.6 + layers);
    const double top = area.top() + header;
    const double height = area.height() - header - footer - legend;
    if (height < 20)
        return;
    auto block = [&](int c) { // c = 0: inputs, c = l + 1: layer l
        const double x0 = area.left() + (c == 0 ? 0.0 : 0.6 * column + (c - 1) * column);
        const double w = c == 0 ? 0.6 * column : column;
        return QRectF(x0 + 0.175 * w, top, 0.65 * w, height);
    };

    // The inputs: x1, x2 over the plane; a few features as boxes; many (an image) as one box.
    const bool inputBox = !v.m_plane && v.m_inputs > 16;
    std::vector<QRectF> inputCells;
    if (inputBox) {
        const QRectF b = block(0);
        const double side = std::min({b.width(), b.height(), 90.0});
        inputCells.push_back(
            QRectF(b.center().x() - side / 2, b.center().y() - side / 2, side, side));
    } else {
        inputCells = NeuronView::unitCells(int(v.m_inputs), block(0), 56);
    }
    for (int l = 0; l < layers; ++l)
        v.m_cells[std::size_t(l)] =
            NeuronView::unitCells(v.m_layers[std::size_t(l)].units, block(l + 1), 56);

    // Edges under the cells, the strongest of each layer widest.
    p->setRenderHint(QPainter::Antialiasing, true);
    for (int l = 0; l < layers; ++l) {
        const auto &layer = v.m_layers[std::size_t(l)];
        const std::vector<QRectF> &from = l == 0 ? inputCells : v.m_cells[std::size_t(l - 1)];
        const std::vector<QRectF> &to = v.m_cells[std::size_t(l)];
        if ((l == 0 && inputBox) || layer.edges.empty())
            continue;
        const double strongest = std::abs(double(layer.edges.front().weight));
        // A wide layer's edges are only its strongest, all about as wide: thinner lines.
        const MatrixF *kernel = v.kernel(l);
        const double widest = kernel && kernel->size() > NeuronView::kAllEdgesUpTo ? 1.8 : 3.0;
        for (auto it = layer.edges.rbegin(); it != layer.edges.rend(); ++it) { // weakest first
            const ViewEdge &e = *it;
            if (std::size_t(e.from) >= from.size() || std::size_t(e.to) >= to.size())
                continue;
            const double s = strongest > 0 ? std::abs(double(e.weight)) / strongest : 0.0;
            QColor c = e.weight < 0 ? seriesColor(0) : seriesColor(1);
            c.setAlphaF(float(0.2 + 0.6 * s));
            p->setPen(QPen(c, 0.5 + widest * s));
            const QRectF &a = from[std::size_t(e.from)];
            const QRectF &b = to[std::size_t(e.to)];
            p->drawLine(QPointF(a.right(), a.center().y()), QPointF(b.left(), b.center().y()));
        }
    }

    // Input cells.
    p->setFont(smallFont);
    if (inputBox) {
        const QRectF &r = inputCells.front();
        p->setPen(QPen(kBorder, 1));
        p->setBrush(QColor(0xf4, 0xf5, 0xf7));
        p->drawRect(r);
        p->setPen(kMuted);
        const QString text =
            v.m_imageWidth > 0
                ? NeuronView::tr("%1 × %2\npixels").arg(v.m_imageWidth).arg(v.m_imageHeight)
                : NeuronView::tr("%n inputs", nullptr, int(v.m_inputs));
        p->drawText(r, Qt::AlignCenter | Qt::TextWordWrap, text);
    } else {
        for (std::size_t i = 0; i < inputCells.size(); ++i) {
            const QImage none;
            drawCell(p, inputCells[i], i < v.m_inputPictures.size() ? v.m_inputPictures[i] : none,
                     0, false);
            if (!v.m_plane || inputCells[i].width() >= 18) {
                p->setPen(kMuted);
                p->drawText(QRectF(inputCells[i].left() - 40, inputCells[i].top(), 38,
                                   inputCells[i].height()),
                            Qt::AlignRight | Qt::AlignVCenter, v.inputName(Index(i)));
            }
        }
    }

    // Unit cells with their marks.
    for (int l = 0; l < layers; ++l) {
        const auto &layer = v.m_layers[std::size_t(l)];
        const auto &cells = v.m_cells[std::size_t(l)];
        for (std::size_t u = 0; u < cells.size(); ++u) {
            const QImage none;
            drawCell(p, cells[u], u < layer.pictures.size() ? layer.pictures[u] : none,
                     u < layer.flags.size() ? layer.flags[u] : 0,
                     v.m_selectedLayer == l && v.m_selectedUnit == int(u));
        }
    }

    // Column headers and counts.
    for (int c = 0; c <= layers; ++c) {
        const QRectF b = block(c);
        const QRectF wide(b.left() - 0.15 * b.width(), area.top(), 1.3 * b.width(), header);
        p->setPen(kText);
        p->setFont(nameFont);
        const QString name =
            c == 0 ? NeuronView::tr("inputs") : v.m_layers[std::size_t(c - 1)].name;
        p->drawText(wide, Qt::AlignHCenter | Qt::AlignBottom,
                    QFontMetricsF(nameFont).elidedText(name, Qt::ElideRight, wide.width()));
        if (c == 0)
            continue;
        const auto &layer = v.m_layers[std::size_t(c - 1)];
        p->setFont(smallFont);
        const QRectF below(wide.left(), b.bottom() + 4, wide.width(), line);
        p->setPen(kMuted);
        p->drawText(below, Qt::AlignHCenter | Qt::AlignTop,
                    NeuronView::tr("%n units", nullptr, layer.units));
        const QString dead = layer.dead >= 0 ? QString::number(layer.dead) : QStringLiteral("–");
        const QString pruned =
            layer.pruned >= 0 ? QString::number(layer.pruned) : QStringLiteral("–");
        const bool any = layer.dead > 0 || layer.pruned > 0;
        p->setPen(any ? kText : kMuted);
        p->drawText(below.translated(0, line), Qt::AlignHCenter | Qt::AlignTop,
                    QFontMetricsF(smallFont).elidedText(
                        NeuronView::tr("dead %1 · pruned %2").arg(dead, pruned), Qt::ElideRight,
                        wide.width()));
    }

    // The key of the marks, along the bottom.
    const QRectF key(area.left() + 4, area.bottom() - legend + 3, area.width() - 8, line);
    p->setFont(smallFont);
    double x = key.left();
    const auto mark = [&](const QColor &color, const QString &text) {
        const QRectF box(x, key.top() + 2, line - 4, line - 4);
        p->setPen(QPen(color, 1.6));
        p->drawLine(box.topLeft(), box.bottomRight());
        p->drawLine(box.topRight(), box.bottomLeft());
        p->setPen(kMuted);
        const QRectF t(box.right() + 4, key.top(), key.right() - box.right() - 4, line);
        p->drawText(t, Qt::AlignLeft | Qt::AlignVCenter, text);
        x = box.right() + 4 + QFontMetricsF(smallFont).horizontalAdvance(text) + 14;
    };
    mark(kDeadMark, NeuronView::tr("dead: ReLU output 0 on every training sample"));
    mark(kPrunedMark, NeuronView::tr("pruned: every incoming |w| < %1").arg(kSparsityThreshold));

    // The selected unit's summary in the top-right corner.
    const QString summary = v.unitSummary(v.m_selectedLayer, v.m_selectedUnit);
    if (!summary.isEmpty()) {
        const QFontMetricsF fm(smallFont);
        const QRectF text = fm.boundingRect(QRectF(0, 0, 360, 400), Qt::AlignLeft, summary);
        const QRectF box(area.right() - text.width() - 14, area.top() + header, text.width() + 10,
                         text.height() + 8);
        p->setPen(QPen(kBorder, 1));
        p->setBrush(QColor(255, 255, 255, 235));
        p->drawRect(box);
        p->setPen(kText);
        p->drawText(box.adjusted(5, 4, -5, -4), Qt::AlignLeft | Qt::AlignTop, summary);
    }
}

void NetworkDiagram::drawCell(QCPPainter *p, const QRectF &cell, const QImage &picture,
                              std::uint8_t flags, bool selected) const {
    p->setPen(Qt::NoPen);
    if (picture.isNull()) {
        p->setBrush(QColor(0xf4, 0xf5, 0xf7));
        p->drawRect(cell);
    } else {
        // Smooth only when enlarging (a field); shrinking smoothly costs much and shows little.
        p->setRenderHint(QPainter::SmoothPixmapTransform,
                         picture.width() <= 32 && cell.width() > picture.width());
        p->drawImage(cell, picture);
    }
    const bool dead = (flags & kUnitDead) != 0;
    const bool pruned = (flags & kUnitPruned) != 0;
    if (dead || pruned) {
        // Greyed out and crossed: pruned (the cause L1 leaves) over dead.
        p->setBrush(QColor(0xe6, 0xe8, 0xeb, 200));
        p->drawRect(cell);
        const QColor color = pruned ? kPrunedMark : kDeadMark;
        const double inset = cell.width() * 0.12;
        const QRectF x = cell.adjusted(inset, inset, -inset, -inset);
        p->setPen(QPen(color, std::clamp(cell.width() / 12.0, 1.0, 2.5)));
        p->drawLine(x.topLeft(), x.bottomRight());
        p->drawLine(x.topRight(), x.bottomLeft());
    }
    p->setBrush(Qt::NoBrush);
    if (selected)
        p->setPen(QPen(kText, 2.0));
    else if (pruned)
        p->setPen(QPen(kPrunedMark, 1.0, Qt::DashLine));
    else
        p->setPen(QPen(kBorder, 0.8));
    p->drawRect(cell);
}

NeuronView::NeuronView(QWidget *parent)
    : TrainingView(QStringLiteral("neuronView"), parent) {
    m_title = addPlotTitle(m_plot, title());
    QCPAxisRect *network = m_plot->axisRect();
    for (QCPAxis *axis : network->axes())
        axis->setVisible(false);
    network->setAutoMargins(QCP::msNone);
    network->setMargins(QMargins(6, 4, 6, 0));
    network->setRangeDrag({});
    network->setRangeZoom({});

    // The counts over the epochs, under the network, with their legend below.
    m_countsRect = new QCPAxisRect(m_plot);
    styleAxisRect(m_countsRect);
    QCPAxis *epochAxis = m_countsRect->axis(QCPAxis::atBottom);
    epochAxis->setLabel(tr("epoch"));
    epochAxis->setTicker(fittingIntegerTicker(epochAxis));
    QCPAxis *countAxis = m_countsRect->axis(QCPAxis::atLeft);
    countAxis->setLabel(tr("units"));
    countAxis->setTicker(fittingIntegerTicker(countAxis));
    QCPLayoutGrid *main = m_plot->plotLayout();
    main->addElement(2, 0, m_countsRect);
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    main->addElement(3, 0, m_plot->legend);
    main->setRowStretchFactor(1, 3.0);
    main->setRowStretchFactor(2, 1.0);
    main->setRowStretchFactor(3, 0.001);
    m_plot->legend->setVisible(true);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(6);
    m_plot->legend->setColumnSpacing(12);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(6, 0, 6, 2));

    m_diagram = new NetworkDiagram(m_plot, this);
    m_note = addNote();

    m_redraw = new QTimer(this);
    m_redraw->setSingleShot(true);
    m_redraw->setInterval(kRedrawIntervalMs);
    connect(m_redraw, &QTimer::timeout, this,
            [this] { m_plot->replot(QCustomPlot::rpQueuedReplot); });

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, &NeuronView::onMouseMove);
    connect(m_plot, &QCustomPlot::mousePress, this, &NeuronView::onMousePress);

    resetFor(defaultExperiment(), nullptr);
}

QString NeuronView::title() const {
    return tr("Every neuron: dead and pruned units");
}

std::vector<ViewEdge> NeuronView::drawnEdges(const MatrixF &kernel) {
    const Index count = kernel.size();
    return strongestEdges(kernel, count <= kAllEdgesUpTo ? count : kMaxEdges, kSparsityThreshold);
}

std::vector<QRectF> NeuronView::unitCells(int units, const QRectF &area, double maxCell) {
    std::vector<QRectF> cells;
    if (units <= 0 || area.width() <= 0 || area.height() <= 0)
        return cells;
    // The column count that gives the largest square cells (a gap of 1/6 cell between them).
    int columns = 1;
    double side = 0.0;
    for (int c = 1; c <= units; ++c) {
        const int rows = (units + c - 1) / c;
        const double s =
            std::min(area.width() / (c + (c - 1) / 6.0), area.height() / (rows + (rows - 1) / 6.0));
        if (s > side * 1.0001) {
            side = s;
            columns = c;
        }
    }
    side = std::min(side, maxCell);
    const int rows = (units + columns - 1) / columns;
    const double step = side * 7.0 / 6.0;
    const double w = columns * step - side / 6.0;
    const double h = rows * step - side / 6.0;
    const QPointF origin(area.center().x() - w / 2, area.center().y() - h / 2);
    for (int u = 0; u < units; ++u)
        cells.emplace_back(origin.x() + (u % columns) * step, origin.y() + (u / columns) * step,
                           side, side);
    return cells;
}

void NeuronView::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    m_layers.clear();
    m_plot->clearGraphs();
    m_earlyStopping = spec.training.earlyStopping;
    m_curves.reset(m_earlyStopping);
    m_selectedLayer = m_selectedUnit = -1;
    m_weights.reset();
    m_fields.reset();
    m_edgesStale = m_picturesStale = false;
    m_inputs = dataset ? dataset->inputDim() : 0;
    m_imageWidth = dataset && dataset->isImage() ? dataset->imageWidth : 0;
    m_imageHeight = dataset && dataset->isImage() ? dataset->imageHeight : 0;
    m_plane = dataset && m_inputs == 2 && dataset->trainSize() > 0;
    m_inputPictures.clear();
    if (m_plane) {
        // x1 and x2 themselves over the plane, as the first layer sees them.
        const PlaneBounds b = decisionFieldBounds(*dataset);
        const int n = 32;
        const MatrixF grid = planeGrid(b, n, n);
        for (Index r = 0; r < 2; ++r)
            m_inputPictures.push_back(fieldPicture(grid.data() + r, 2, n, n));
    }
    if (dataset) {
        int index = 0;
        for (const LayerSpec &l : spec.model.layers) {
            if (l.isDropout())
                continue;
            Layer layer;
            layer.name = QString::fromStdString(l.name);
            layer.activation = l.activation;
            layer.units = l.units;
            const QColor color = seriesColor(index++);
            layer.deadGraph = m_plot->addGraph(m_countsRect->axis(QCPAxis::atBottom),
                                               m_countsRect->axis(QCPAxis::atLeft));
            layer.deadGraph->setPen(QPen(color, 1.8));
            layer.deadGraph->setName(tr("%1 dead").arg(layer.name));
            layer.prunedGraph = m_plot->addGraph(m_countsRect->axis(QCPAxis::atBottom),
                                                 m_countsRect->axis(QCPAxis::atLeft));
            layer.prunedGraph->setPen(QPen(color, 1.8, Qt::DashLine));
            layer.prunedGraph->setName(tr("%1 pruned").arg(layer.name));
            if (l.activation != Activation::Relu) // never dead: no curve
                layer.deadGraph->removeFromLegend();
            m_layers.push_back(std::move(layer));
        }
    }
    m_countsRect->axis(QCPAxis::atBottom)->setRange(0, 1);
    m_countsRect->axis(QCPAxis::atLeft)->setRange(0, 1);
    m_note->setText(dataset ? tr("The units appear when training starts")
                            : tr("Every unit of the network is shown once the data is loaded"));
    m_note->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void NeuronView::appendSnapshot(const TrainingSnapshot &s) {
    if (s.reset) {
        for (Layer &l : m_layers) {
            l.deadGraph->data()->clear();
            l.prunedGraph->data()->clear();
            l.flags.clear();
            l.dead = l.pruned = -1;
            l.pictures.clear();
            l.edges.clear();
        }
        m_weights.reset();
        m_fields.reset();
        m_edgesStale = m_picturesStale = false;
        m_curves.reset(m_earlyStopping);
    }
    double lastEpoch = 0.0;
    int most = 1;
    for (const EpochMetrics &m : s.epochs) {
        if (!m_curves.add(m))
            continue; // an epoch that came twice
        for (std::size_t l = 0; l < m_layers.size() && l < m.layers.size(); ++l) {
            Layer &layer = m_layers[l];
            const LayerMetrics &lm = m.layers[l];
            if (lm.deadUnits >= 0 && layer.activation == Activation::Relu)
                layer.deadGraph->addData(m.epoch, lm.deadUnits);
            if (lm.prunedUnits >= 0)
                layer.prunedGraph->addData(m.epoch, lm.prunedUnits);
            layer.dead = layer.activation == Activation::Relu ? lm.deadUnits : -1;
            layer.pruned = lm.prunedUnits;
            if (!lm.unitFlags.empty())
                layer.flags = lm.unitFlags;
        }
    }
    std::vector<QCPGraph *> counts;
    for (const Layer &l : m_layers) {
        counts.push_back(l.deadGraph);
        counts.push_back(l.prunedGraph);
    }
    m_curves.thin(counts);
    // Shared, never changed: kept, not copied; edges and pictures follow when drawn.
    if (s.weights) {
        m_weights = s.weights;
        m_edgesStale = true;
        m_picturesStale = m_picturesStale || m_imageWidth > 0;
    }
    if (s.unitFields && m_plane) {
        m_fields = s.unitFields;
        m_picturesStale = true;
    }
    for (const Layer &l : m_layers) {
        most = std::max(most, l.units);
        if (!l.prunedGraph->data()->isEmpty())
            lastEpoch = std::max(lastEpoch, (l.prunedGraph->data()->constEnd() - 1)->key);
    }
    // Counts from 0 to the widest layer's units (or the largest count, with some room).
    int largest = 1;
    for (const Layer &l : m_layers) {
        for (const QCPGraph *g : {l.deadGraph, l.prunedGraph}) {
            bool found = false;
            const QCPRange r = g->data()->valueRange(found);
            if (found)
                largest = std::max(largest, int(std::ceil(r.upper)));
        }
    }
    m_countsRect->axis(QCPAxis::atBottom)->setRange(0, std::max(1.0, lastEpoch));
    m_countsRect->axis(QCPAxis::atLeft)->setRange(0, std::min(most, int(largest * 1.15) + 1));
    m_note->setVisible(m_layers.empty() || !m_weights);
    requestRedraw();
}

void NeuronView::requestRedraw() {
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    if (!m_redraw->isActive())
        m_redraw->start();
}

void NeuronView::showEvent(QShowEvent *event) {
    TrainingView::showEvent(event);
    if (m_stale) {
        m_stale = false;
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

const MatrixF *NeuronView::kernel(int layer) const {
    if (!m_weights || layer < 0 || std::size_t(layer) >= m_weights->layers().size())
        return nullptr;
    return &m_weights->layers()[std::size_t(layer)].kernel;
}

void NeuronView::refresh() const {
    if (m_edgesStale) {
        m_edgesStale = false;
        for (std::size_t l = 0; l < m_layers.size(); ++l) {
            const MatrixF *k = kernel(int(l));
            m_layers[l].edges = k ? drawnEdges(*k) : std::vector<ViewEdge>{};
        }
    }
    if (m_picturesStale) {
        m_picturesStale = false;
        if (m_plane && m_fields)
            renderUnitFields(*m_fields);
        else if (m_imageWidth > 0)
            renderFirstLayerWeights();
    }
}

void NeuronView::renderUnitFields(const UnitFields &fields) const {
    if (!fields.isValid())
        return;
    for (std::size_t l = 0; l < m_layers.size() && l < fields.layers.size(); ++l) {
        const MatrixF &values = fields.layers[l]; // units x (nx ny), column-major
        const Layer &layer = m_layers[l];
        layer.pictures.clear();
        for (Index u = 0; u < values.rows(); ++u)
            layer.pictures.push_back(
                fieldPicture(values.data() + u, values.rows(), fields.nx, fields.ny));
    }
}

void NeuronView::renderFirstLayerWeights() const {
    const MatrixF *kernel0 = kernel(0);
    if (m_layers.empty() || !kernel0 || kernel0->cols() != Index(m_imageWidth) * m_imageHeight)
        return;
    const Layer &first = m_layers.front();
    first.pictures.clear();
    const MatrixF &k = *kernel0;
    for (Index u = 0; u < k.rows(); ++u) {
        // Row u laid out as the image (row-major pixels), one scale per unit.
        const Eigen::RowVectorXf row = k.row(u);
        const VectorF flipped = [&] { // fieldPicture() draws y upwards: rows bottom first
            VectorF f(row.size());
            for (int r = 0; r < m_imageHeight; ++r)
                f.segment(Index(r) * m_imageWidth, m_imageWidth) =
                    row.segment(Index(m_imageHeight - 1 - r) * m_imageWidth, m_imageWidth)
                        .transpose();
            return f;
        }();
        first.pictures.push_back(fieldPicture(flipped.data(), 1, m_imageWidth, m_imageHeight));
    }
}

QString NeuronView::inputName(Index input) const {
    if (m_plane)
        return input == 0 ? tr("x₁") : tr("x₂");
    if (m_imageWidth > 0)
        return tr("pixel (%1, %2)").arg(input / m_imageWidth).arg(input % m_imageWidth);
    return tr("input %1").arg(input);
}

QString NeuronView::unitName(int layer, int unit) const {
    return tr("%1 #%2").arg(m_layers[std::size_t(layer)].name).arg(unit);
}

QString NeuronView::unitSummary(int layer, int unit) const {
    if (layer < 0 || std::size_t(layer) >= m_layers.size() || unit < 0
        || unit >= m_layers[std::size_t(layer)].units)
        return {};
    const Layer &l = m_layers[std::size_t(layer)];
    QStringList lines{unitName(layer, unit)};
    const std::uint8_t flags = std::size_t(unit) < l.flags.size() ? l.flags[std::size_t(unit)] : 0;
    if (flags & kUnitPruned)
        lines << tr("pruned: every incoming |w| < %1").arg(kSparsityThreshold);
    if (flags & kUnitDead)
        lines << tr("dead: ReLU output 0 on every training sample");
    if (const MatrixF *k = kernel(layer); k && k->rows() > unit) {
        lines << tr("strongest inputs:");
        for (const ViewEdge &e : strongestInputs(*k, unit, kTopInputs)) {
            const QString source =
                layer == 0 ? inputName(e.from) : unitName(layer - 1, int(e.from));
            lines << QStringLiteral("  %1: %2").arg(source).arg(double(e.weight), 0, 'g', 3);
        }
    }
    return lines.join(QLatin1Char('\n'));
}

void NeuronView::selectUnit(int layer, int unit) {
    m_selectedLayer = layer;
    m_selectedUnit = unit;
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

const QCPGraph *NeuronView::deadGraph(int layer) const {
    return m_layers.at(std::size_t(layer)).deadGraph;
}

const QCPGraph *NeuronView::prunedGraph(int layer) const {
    return m_layers.at(std::size_t(layer)).prunedGraph;
}

const std::vector<ViewEdge> &NeuronView::edges(int layer) const {
    refresh();
    return m_layers.at(std::size_t(layer)).edges;
}

QImage NeuronView::unitPicture(int layer, int unit) const {
    refresh();
    const auto &pictures = m_layers.at(std::size_t(layer)).pictures;
    return unit >= 0 && std::size_t(unit) < pictures.size() ? pictures[std::size_t(unit)]
                                                            : QImage();
}

QRectF NeuronView::unitCell(int layer, int unit) const {
    if (layer < 0 || std::size_t(layer) >= m_cells.size() || unit < 0
        || std::size_t(unit) >= m_cells[std::size_t(layer)].size())
        return {};
    return m_cells[std::size_t(layer)][std::size_t(unit)];
}

std::pair<int, int> NeuronView::unitAt(const QPointF &pos) const {
    for (std::size_t l = 0; l < m_cells.size(); ++l) {
        for (std::size_t u = 0; u < m_cells[l].size(); ++u) {
            if (m_cells[l][u].contains(pos))
                return {int(l), int(u)};
        }
    }
    return {-1, -1};
}

void NeuronView::onMouseMove(QMouseEvent *event) {
    const auto [layer, unit] = unitAt(event->position());
    if (layer < 0)
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), unitSummary(layer, unit), m_plot);
}

void NeuronView::onMousePress(QMouseEvent *event) {
    const auto [layer, unit] = unitAt(event->position());
    selectUnit(layer, unit);
}

} // namespace reglab::ui
