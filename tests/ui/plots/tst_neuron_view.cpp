// SPDX-License-Identifier: GPL-3.0-or-later
// The neuron view's model: which edges of a wide layer it draws, where the units go, what a
// unit's summary names, and the dead and pruned counts it plots from the snapshots.
#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/train/unit_status.h"
#include "support/test_support.h"
#include "ui/plots/neuron_view.h"
#include "ui/plots/weight_image_plot.h"

#include <qcustomplot.h>

#include <QTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

/// hidden (3 relu units, 2 inputs) -> out (1 linear unit).
ExperimentSpec smallSpec() {
    ExperimentSpec spec;
    spec.model.layers = {test::denseLayer("hidden", 3, Activation::Relu),
                         test::denseLayer("out", 1, Activation::Linear)};
    return spec;
}

std::shared_ptr<const Dataset> planeData() {
    auto d = std::make_shared<Dataset>();
    d->name = "plane";
    d->task = TaskKind::Regression;
    d->trainX.resize(2, 2);
    d->trainX << -1, 1, //
        -1, 1;
    d->trainY.resize(1, 2);
    d->trainY << 0, 1;
    return d;
}

/// The weights of smallSpec():
///   hidden: W = [[0.5, -0.2], [0.0001, -0.0002], [-0.9, 0.3]], out: [0.4, 0, -0.7]
std::shared_ptr<const Network<float>> smallNet() {
    auto net = std::make_shared<Network<float>>(2, smallSpec().model);
    net->layers()[0].kernel << 0.5f, -0.2f, //
        0.0001f, -0.0002f,                  //
        -0.9f, 0.3f;
    net->layers()[1].kernel << 0.4f, 0.0f, -0.7f;
    return net;
}

EpochMetrics epoch(int e, int dead, int pruned, std::vector<std::uint8_t> flags) {
    EpochMetrics m;
    m.epoch = e;
    LayerMetrics hidden;
    hidden.deadUnits = dead;
    hidden.prunedUnits = pruned;
    hidden.unitFlags = std::move(flags);
    LayerMetrics out;
    out.prunedUnits = 0;
    m.layers = {hidden, out};
    return m;
}

} // namespace

class TestNeuronView : public QObject {
    Q_OBJECT

private slots:
    void wideLayerDrawsOnlyItsStrongestEdges();
    void smallLayerDrawsEveryEdgeButNearZeroOnes();
    void unitCellsFillTheArea();
    void countsFollowTheSnapshots();
    void summaryNamesTheStrongestInputs();
    void unitFieldsBecomePictures();
};

void TestNeuronView::wideLayerDrawsOnlyItsStrongestEdges() {
    // 16 x 16 = 256 weights > kAllEdgesUpTo: the kMaxEdges (64) largest |w| only. Weights
    // w(to, from) = (16 to + from + 1) / 1000 * (-1)^from: |w| grows with 16 to + from, so
    // the 64 strongest are those of units 12..15, every input.
    MatrixF w(16, 16);
    for (Index to = 0; to < 16; ++to) {
        for (Index from = 0; from < 16; ++from)
            w(to, from) = float(16 * to + from + 1) / 1000.0f * (from % 2 ? -1.0f : 1.0f);
    }
    const std::vector<ViewEdge> edges = NeuronView::drawnEdges(w);
    QCOMPARE(edges.size(), std::size_t(NeuronView::kMaxEdges));
    QCOMPARE(edges.front().to, Index(15));
    QCOMPARE(edges.front().from, Index(15));
    QCOMPARE(edges.front().weight, -0.256f);
    for (const ViewEdge &e : edges)
        QVERIFY2(e.to >= 12, qPrintable(QStringLiteral("edge into unit %1").arg(e.to)));
    QCOMPARE(edges.back().to, Index(12));
    QCOMPARE(edges.back().from, Index(0));
}

void TestNeuronView::smallLayerDrawsEveryEdgeButNearZeroOnes() {
    const std::vector<ViewEdge> edges = NeuronView::drawnEdges(smallNet()->layers()[0].kernel);
    // 6 weights: all but the two of the pruned unit 1 (|w| < 1e-3).
    QCOMPARE(edges.size(), std::size_t(4));
    for (const ViewEdge &e : edges)
        QVERIFY(e.to != 1);
    QCOMPARE(edges.front().weight, -0.9f);
}

void TestNeuronView::unitCellsFillTheArea() {
    // 6 units in 300 x 200: 3 columns of 2 rows give the largest cells,
    // side = min(300 / (3 + 2/6), 200 / (2 + 1/6)) = min(90, 92.3) = 90, step 105; the
    // block (300 x 195) is centred: origin (0, 2.5).
    const std::vector<QRectF> cells = NeuronView::unitCells(6, QRectF(0, 0, 300, 200), 1000);
    QCOMPARE(cells.size(), std::size_t(6));
    QCOMPARE(cells[0], QRectF(0, 2.5, 90, 90));
    QCOMPARE(cells[4], QRectF(105, 107.5, 90, 90));
    // The cap: cells of at most 40 pixels, still centred.
    const std::vector<QRectF> capped = NeuronView::unitCells(6, QRectF(0, 0, 300, 200), 40);
    QCOMPARE(capped[0].width(), 40.0);
    QCOMPARE(capped[0].center().x() + capped[2].center().x(), 300.0);
    // 128 units in a tall narrow block: a grid, not one column.
    const std::vector<QRectF> wide = NeuronView::unitCells(128, QRectF(0, 0, 140, 280), 56);
    QVERIFY(wide[1].top() == wide[0].top()); // unit 1 beside unit 0
    QVERIFY(wide[127].bottom() <= 280.0 + 1e-9);
    QVERIFY(NeuronView::unitCells(0, QRectF(0, 0, 10, 10), 5).empty());
}

void TestNeuronView::countsFollowTheSnapshots() {
    NeuronView view;
    view.resetFor(smallSpec(), planeData());
    TrainingSnapshot s;
    s.reset = true;
    s.epochs = {epoch(0, 0, 0, {0, 0, 0}), epoch(1, 1, 0, {kUnitDead, 0, 0}),
                epoch(2, 2, 1, {kUnitDead, kUnitDead | kUnitPruned, 0})};
    s.weights = smallNet();
    view.applySnapshot(s);
    QCOMPARE(view.deadGraph(0)->dataCount(), 3);
    QCOMPARE((view.deadGraph(0)->data()->constBegin() + 2)->value, 2.0);
    QCOMPARE((view.prunedGraph(0)->data()->constBegin() + 2)->value, 1.0);
    QCOMPARE((view.prunedGraph(0)->data()->constBegin() + 1)->key, 1.0);
    // The linear output layer has pruned counts, no dead curve.
    QCOMPARE(view.deadGraph(1)->dataCount(), 0);
    QCOMPARE(view.prunedGraph(1)->dataCount(), 3);
    QVERIFY(view.plot()->legend->hasItemWithPlottable(view.deadGraph(0)));
    QVERIFY(!view.plot()->legend->hasItemWithPlottable(view.deadGraph(1)));
    // The edges follow the weights: the pruned unit 1 has none.
    QCOMPARE(view.edges(0).size(), std::size_t(4));
    QCOMPARE(view.edges(1).size(), std::size_t(2)); // out's weight 0 is no edge
    // A later snapshot appends; a reset clears.
    TrainingSnapshot next;
    next.epochs = {epoch(3, 0, 1, {0, kUnitPruned, 0})};
    view.applySnapshot(next);
    QCOMPARE(view.deadGraph(0)->dataCount(), 4);
    TrainingSnapshot fresh;
    fresh.reset = true;
    view.applySnapshot(fresh);
    QCOMPARE(view.deadGraph(0)->dataCount(), 0);
}

void TestNeuronView::summaryNamesTheStrongestInputs() {
    NeuronView view;
    view.resetFor(smallSpec(), planeData());
    TrainingSnapshot s;
    s.reset = true;
    s.epochs = {epoch(1, 1, 1, {0, kUnitPruned, kUnitDead})};
    s.weights = smallNet();
    view.applySnapshot(s);
    // hidden #2: dead, inputs by |w|: x1 (-0.9), x2 (0.3).
    const QStringList lines = view.unitSummary(0, 2).split(QLatin1Char('\n'));
    QCOMPARE(lines.value(0), QStringLiteral("hidden #2"));
    QVERIFY(lines.value(1).startsWith(QStringLiteral("dead")));
    QCOMPARE(lines.value(3).trimmed(), QStringLiteral("x₁: -0.9"));
    QCOMPARE(lines.value(4).trimmed(), QStringLiteral("x₂: 0.3"));
    // out #0: its inputs are hidden units, strongest first: #2 (-0.7), #0 (0.4), #1 (0).
    const QStringList out = view.unitSummary(1, 0).split(QLatin1Char('\n'));
    QCOMPARE(out.value(2).trimmed(), QStringLiteral("hidden #2: -0.7"));
    QCOMPARE(out.value(3).trimmed(), QStringLiteral("hidden #0: 0.4"));
    QVERIFY(view.unitSummary(0, 1).contains(QStringLiteral("pruned")));
    QVERIFY(view.unitSummary(0, 3).isEmpty()); // no such unit
    QVERIFY(view.unitSummary(5, 0).isEmpty());
}

void TestNeuronView::unitFieldsBecomePictures() {
    NeuronView view;
    view.resize(900, 600);
    view.resetFor(smallSpec(), planeData());
    TrainingSnapshot s;
    s.reset = true;
    s.epochs = {epoch(1, 0, 1, {0, kUnitPruned, 0})};
    s.weights = smallNet();
    const PlaneBounds b{-1.0, 1.0, -1.0, 1.0}; // xMin, xMax, yMin, yMax
    s.unitFields = std::make_shared<const UnitFields>(unitFieldValues(*s.weights, b, 4, 4));
    view.applySnapshot(s);
    // hidden #0 = relu(0.5 x - 0.2 y) on x, y in {-1, -1/3, 1/3, 1}: largest (0.7) at
    // x = 1, y = -1, the bottom-right pixel (y upwards), the full positive colour; 0 at
    // x = -1, y = 1 (top left): white, the gradient's middle.
    const QImage picture = view.unitPicture(0, 0);
    QCOMPARE(picture.size(), QSize(4, 4));
    QCPColorGradient g = WeightImagePlot::gradient();
    const QCPRange range(-1, 1);
    QCOMPARE(picture.pixel(3, 3), g.color(1.0, range));
    QCOMPARE(picture.pixel(0, 0), g.color(0.0, range));
    QVERIFY(picture.pixel(0, 3) != picture.pixel(3, 3));
    QCOMPARE(view.unitPicture(1, 0).size(), QSize(4, 4));
    QVERIFY(view.unitPicture(0, 3).isNull());
    // Drawing lays the units out: a click on a unit's cell selects it.
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const QRectF cell = view.unitCell(0, 2);
    QVERIFY(!cell.isEmpty());
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, cell.center().toPoint());
    QCOMPARE(view.selectedLayer(), 0);
    QCOMPARE(view.selectedUnit(), 2);
    QTest::mouseClick(view.plot(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(view.selectedLayer(), -1);
}

QTEST_MAIN(TestNeuronView)
#include "tst_neuron_view.moc"
