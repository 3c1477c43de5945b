// SPDX-License-Identifier: GPL-3.0-or-later
// The plot widgets fed with hand-made snapshots: the training-view interface every one
// implements, series per layer, data counts, the best-epoch marker, the log toggle, histogram
// bars, the decision map, weight tiles, export.

#include "core/data/dataset.h"
#include "core/data/synthetic.h"
#include "ui/compare/compare_curves_plot.h"
#include "ui/compare/compare_weights_view.h"
#include "ui/compare/weight_overlay_plot.h"
#include "ui/dataset_text.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/change_markers.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/training_view.h"
#include "ui/plots/weight_image_plot.h"

#include "ui/plots/make_view.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QFontMetrics>
#include <QImage>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

using namespace reglab;
using namespace reglab::ui;
using reglab::ui::test::makeView;

Q_DECLARE_METATYPE(reglab::ui::LiveChange)

namespace {

ExperimentSpec specWithLayers(int count, LossKind loss = LossKind::SoftmaxCrossEntropy) {
    ExperimentSpec spec = defaultExperiment();
    spec.loss = loss;
    spec.model.layers.clear();
    for (int i = 0; i < count; ++i) {
        LayerSpec layer;
        layer.name = "layer" + std::to_string(i);
        layer.units = 4;
        spec.model.layers.push_back(layer);
    }
    return spec;
}

/// Counts 1..bins over [min, max].
Histogram makeBins(double min, double max, int bins) {
    Histogram h;
    h.min = min;
    h.max = max;
    for (int i = 0; i < bins; ++i)
        h.counts.push_back(std::uint64_t(i + 1));
    return h;
}

/// An epoch with two layers whose penalties are 0.004 + 0.006 = 0.01 and 0.02.
EpochMetrics makeEpoch(int epoch, double trainLoss, double testLoss, double trainAccuracy = 0.5,
                       double testAccuracy = 0.5, bool changed = false, int bins = 4) {
    EpochMetrics m;
    m.epoch = epoch;
    m.trainDataLoss = trainLoss;
    m.testDataLoss = testLoss;
    m.trainAccuracy = trainAccuracy;
    m.testAccuracy = testAccuracy;
    m.parametersChanged = changed;
    LayerMetrics a;
    a.name = "layer0";
    a.kernelL1Loss = 0.004;
    a.kernelL2Loss = 0.006;
    a.sparsity = 0.25;
    a.kernelL2Norm = 2.5;
    a.histogram = makeBins(-1.0, 1.0, bins);
    LayerMetrics b;
    b.name = "layer1";
    b.biasL2Loss = 0.02;
    b.histogram = makeBins(-0.5, 0.5, bins);
    m.layers = {a, b};
    m.regLoss = 0.03;
    m.totalLoss = trainLoss + 0.03;
    return m;
}

TrainingSnapshot snapshot(std::vector<EpochMetrics> epochs, bool reset = false) {
    TrainingSnapshot s;
    s.reset = reset;
    s.epochs = std::move(epochs);
    s.epoch = s.epochs.empty() ? 0 : s.epochs.back().epoch;
    return s;
}

std::shared_ptr<Dataset> planarSet() {
    auto d = std::make_shared<Dataset>();
    d->name = "hand";
    d->task = TaskKind::Classification;
    d->numClasses = 2;
    d->classNames = {"zero", "one"};
    d->trainX = MatrixF(2, 5);
    d->trainX << 0, 1, 2, 3, 4, 0, 1, 0, 1, 0;
    d->trainY = MatrixF(1, 5);
    d->trainY << 0, 0, 0, 1, 1; // 3 of class 0, 2 of class 1
    d->testX = MatrixF(2, 3);
    d->testX << 5, 6, 7, 1, 1, 1;
    d->testY = MatrixF(1, 3);
    d->testY << 0, 1, 1; // 1 of class 0, 2 of class 1
    return d;
}

std::shared_ptr<Dataset> imageSet() {
    auto d = std::make_shared<Dataset>();
    d->name = "tiny-images";
    d->numClasses = 2;
    d->classNames = {"a", "b"};
    d->imageWidth = 2;
    d->imageHeight = 2;
    d->trainX = MatrixF::Zero(4, 3);
    d->trainY = MatrixF::Zero(1, 3);
    d->testX = MatrixF::Zero(4, 1);
    d->testY = MatrixF::Zero(1, 1);
    return d;
}

QCPGraph *graphNamed(QCustomPlot *plot, const QString &name) {
    for (int i = 0; i < plot->graphCount(); ++i) {
        if (plot->graph(i)->name() == name)
            return plot->graph(i);
    }
    return nullptr;
}

/// The vertical "λ/lr changed" lines of a plot, by epoch.
QList<double> liveChangeLines(QCustomPlot *plot) {
    QList<double> epochs;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto *line = qobject_cast<QCPItemStraightLine *>(plot->item(i)))
            epochs << line->point1->key();
    }
    return epochs;
}

/// Whether neighbouring tick labels of `axis` (as last drawn) leave a gap between them.
bool tickLabelsApart(QCPAxis *axis, QString *why) {
    const QVector<double> ticks = axis->tickVector();
    const QVector<QString> labels = axis->tickVectorLabels();
    const QFontMetrics metrics(axis->tickLabelFont());
    const bool horizontal = axis->orientation() == Qt::Horizontal;
    for (int i = 1; i < ticks.size(); ++i) {
        const double distance =
            std::abs(axis->coordToPixel(ticks[i]) - axis->coordToPixel(ticks[i - 1]));
        const double needed =
            horizontal
                ? (metrics.horizontalAdvance(labels[i - 1]) + metrics.horizontalAdvance(labels[i]))
                          / 2.0
                      + 2.0
                : metrics.height();
        if (distance < needed) {
            *why = QStringLiteral("\"%1\" and \"%2\" are %3 px apart, need %4")
                       .arg(labels[i - 1], labels[i])
                       .arg(distance)
                       .arg(needed);
            return false;
        }
    }
    return true;
}

QRectF itemRect(QCPItemText *text) {
    return QRectF(text->topLeft->pixelPosition(), text->bottomRight->pixelPosition());
}

LiveChange liveChange(int epoch, LiveChange::Kind kind, double before, double after,
                      const QString &layer = {}, Tensor tensor = Tensor::Kernel) {
    LiveChange c;
    c.epoch = epoch;
    c.kind = kind;
    c.layer = layer;
    c.tensor = tensor;
    c.before = before;
    c.after = after;
    return c;
}

double valueAt(QCPGraph *graph, double key) {
    auto it = graph->data()->findBegin(key, false);
    return it != graph->data()->constEnd() && it->key == key ? it->value : -1.0;
}

} // namespace

class TestPlots : public QObject {
    Q_OBJECT
private slots:
    void validationCurves_data();
    void validationCurves();
    void earlyStopMarkers();
    void viewInterface_data();
    void viewInterface();
    void lossHasOneCurvePerLayer_data();
    void lossHasOneCurvePerLayer();
    void lossAppendsAndResets();
    void lossMarksParameterChanges();
    void lossMarksAnEpochOnce();
    void lossLogToggle();
    void lossReadout();
    void accuracyBestEpoch_data();
    void accuracyBestEpoch();
    void accuracyMarkerFollowsLaterSnapshots();
    void accuracyTitleFollowsTask();
    void histogramBarsEqualBins_data();
    void histogramBarsEqualBins();
    void histogramOverlayEpochZero();
    void histogramOverTime();
    void histogramOverTimeIsBounded();
    void histogramRidge();
    void histogramEpochRangeAndBias();
    void compareWeightsSideBySide();
    void decisionPointsAndField();
    void decisionNoteForNonPlanarData();
    void weightTilesColours();
    void weightTilesBestColumns_data();
    void weightTilesBestColumns();
    void weightPlotShowsKernel();
    void exportWritesFile_data();
    void exportWritesFile();
    void exportFailsWithFileName_data();
    void exportFailsWithFileName();
    void palette();
    void changeMarkerText_data();
    void changeMarkerText();
    void changeMarkersOnEveryEpochPlot_data();
    void changeMarkersOnEveryEpochPlot();
    void changeMarkersStackWithoutOverlap();
    void tickLabelsNeverOverlap_data();
    void tickLabelsNeverOverlap();
    void histogramStatisticsFit_data();
    void histogramStatisticsFit();
    void accuracyLegendLeavesCollapsedEndFree();
    void accuracyBestLabelStaysInside();
    void compareEmptyWeightAxis();
    void comparePercentAxis();
    void decisionClassNamesTranslatable();
};

void TestPlots::viewInterface_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("objectName");
    QTest::addColumn<bool>("showsPlanar");
    QTest::addColumn<bool>("showsImages");
    QTest::addColumn<bool>("marksLiveChanges");
    QTest::newRow("loss") << "loss"
                          << "lossPlot" << true << true << true;
    QTest::newRow("accuracy") << "accuracy"
                              << "accuracyPlot" << true << true << true;
    QTest::newRow("histogram") << "histogram"
                               << "histogramPlot" << true << true << false;
    QTest::newRow("decision") << "decision"
                              << "decisionPlot" << true << false << false;
    QTest::newRow("weight_image") << "weight_image"
                                  << "weightImagePlot" << false << true << false;
}

void TestPlots::viewInterface() {
    QFETCH(QString, kind);
    QFETCH(QString, objectName);
    QFETCH(bool, showsPlanar);
    QFETCH(bool, showsImages);
    QFETCH(bool, marksLiveChanges);
    const std::unique_ptr<TrainingView> view = makeView(kind);
    QVERIFY(view->plot());
    QCOMPARE(view->plot()->objectName(), objectName);
    QCOMPARE(view->plot()->parentWidget(), view.get());
    QVERIFY(!view->title().isEmpty());
    QCOMPARE(view->showsDataset(*planarSet()), showsPlanar);
    QCOMPARE(view->showsDataset(*imageSet()), showsImages);

    // Any view takes a reset and snapshots with epochs, a field and a kernel; only views
    // with an epoch axis mark live parameter changes.
    view->resetFor(specWithLayers(2), showsPlanar ? planarSet() : imageSet());
    TrainingSnapshot s =
        snapshot({makeEpoch(0, 0.9, 1.0), makeEpoch(1, 0.7, 0.8, 0.5, 0.6, true)}, true);
    s.firstLayerKernel = MatrixF::Constant(3, 4, 0.25f);
    view->applySnapshot(s);
    QCOMPARE(liveChangeLines(view->plot()),
             marksLiveChanges ? QList<double>{1.0} : QList<double>{});
    view->resetFor(specWithLayers(2), nullptr);
    QVERIFY(liveChangeLines(view->plot()).isEmpty());
}

void TestPlots::lossHasOneCurvePerLayer_data() {
    QTest::addColumn<int>("layers");
    QTest::addColumn<int>("graphs");
    QTest::newRow("one_layer") << 1 << 4;
    QTest::newRow("two_layers") << 2 << 5;
    QTest::newRow("five_layers") << 5 << 8;
}

void TestPlots::lossHasOneCurvePerLayer() {
    QFETCH(int, layers);
    QFETCH(int, graphs);
    LossPlot plot;
    plot.resetFor(specWithLayers(layers), nullptr);
    QCOMPARE(plot.plot()->graphCount(), graphs);
    QVERIFY(graphNamed(plot.plot(), "penalty layer0"));
    QCOMPARE(plot.title(), QStringLiteral("Loss terms"));
    // A title row (text element) above the data.
    QVERIFY(qobject_cast<QCPTextElement *>(plot.plot()->plotLayout()->element(0, 0)));
}

void TestPlots::lossAppendsAndResets() {
    LossPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(
        snapshot({makeEpoch(0, 0.9, 1.0), makeEpoch(1, 0.7, 0.8), makeEpoch(2, 0.5, 0.6)}, true));
    for (int i = 0; i < plot.plot()->graphCount(); ++i)
        QCOMPARE(plot.plot()->graph(i)->dataCount(), 3);
    QCPGraph *total = graphNamed(plot.plot(), "total (train + penalty)");
    QVERIFY(total);
    QCOMPARE(valueAt(total, 2), 0.53); // 0.5 + 0.03
    QCOMPARE(valueAt(graphNamed(plot.plot(), "penalty layer0"), 1), 0.01);
    QCOMPARE(valueAt(graphNamed(plot.plot(), "penalty layer1"), 1), 0.02);
    QCOMPARE(valueAt(graphNamed(plot.plot(), "test data loss"), 1), 0.8);

    // Appends; an epoch that arrives twice is kept once.
    plot.applySnapshot(snapshot({makeEpoch(2, 0.5, 0.6), makeEpoch(3, 0.4, 0.6)}));
    QCOMPARE(graphNamed(plot.plot(), "train data loss")->dataCount(), 4);
    QCOMPARE(plot.plot()->xAxis->range().upper, 3.0);

    // A reset snapshot starts over.
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0)}, true));
    QCOMPARE(graphNamed(plot.plot(), "train data loss")->dataCount(), 1);
    QCOMPARE(valueAt(graphNamed(plot.plot(), "train data loss"), 0), 0.9);
}

void TestPlots::lossMarksParameterChanges() {
    LossPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0), makeEpoch(1, 0.7, 0.8, 0.5, 0.5, true),
                                 makeEpoch(2, 0.5, 0.6), makeEpoch(3, 0.4, 0.6, 0.5, 0.5, true)},
                                true));
    QList<double> epochs;
    int labels = 0;
    for (int i = 0; i < plot.plot()->itemCount(); ++i) {
        if (auto *line = qobject_cast<QCPItemStraightLine *>(plot.plot()->item(i))) {
            QCOMPARE(line->point1->key(), line->point2->key()); // vertical
            epochs << line->point1->key();
        }
        if (auto *text = qobject_cast<QCPItemText *>(plot.plot()->item(i))) {
            QCOMPARE(text->text(), QStringLiteral("λ/lr changed"));
            ++labels;
        }
    }
    QCOMPARE(epochs, (QList<double>{1.0, 3.0}));
    QCOMPARE(labels, 2);
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0)}, true));
    QCOMPARE(plot.plot()->itemCount(), 0);
}

void TestPlots::lossMarksAnEpochOnce() {
    LossPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    const EpochMetrics changed = makeEpoch(1, 0.7, 0.8, 0.5, 0.5, true);
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0), changed}, true));
    plot.applySnapshot(snapshot({changed})); // the same epoch again
    QCOMPARE(liveChangeLines(plot.plot()), QList<double>{1.0});
    QCOMPARE(plot.plot()->graph(0)->dataCount(), 2);
}

void TestPlots::lossLogToggle() {
    LossPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0), makeEpoch(1, 0.05, 0.8)}, true));
    auto *check = plot.findChild<QCheckBox *>(QStringLiteral("logScaleCheck"));
    QVERIFY(check);
    QVERIFY(check->isChecked());
    QCOMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
    // Whole decades around the positive values [0.01 (penalty), 1.0 (test loss)].
    QCOMPARE(plot.plot()->yAxis->range().lower, 0.01);
    QCOMPARE(plot.plot()->yAxis->range().upper, 1.0);
    check->setChecked(false);
    QCOMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLinear);
    QCOMPARE(plot.plot()->yAxis->range().lower, 0.0);
    check->setChecked(true);
    QCOMPARE(plot.plot()->yAxis->scaleType(), QCPAxis::stLogarithmic);
}

void TestPlots::lossReadout() {
    LossPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    QCOMPARE(plot.readoutAt(0), QString());
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0), makeEpoch(1, 0.7, 0.8)}, true));
    const QString text = plot.readoutAt(0.8); // nearest epoch: 1
    QVERIFY2(text.startsWith(QStringLiteral("epoch 1\n")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("train data loss: 0.7")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("total (train + penalty): 0.73")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("penalty layer1: 0.02")), qPrintable(text));
}

void TestPlots::accuracyBestEpoch_data() {
    QTest::addColumn<QList<double>>("test");
    QTest::addColumn<double>("bestEpoch");
    QTest::addColumn<double>("bestValue");
    QTest::newRow("rise_then_fall") << QList<double>{0.5, 0.8, 0.75, 0.7} << 1.0 << 80.0;
    QTest::newRow("tie_keeps_first") << QList<double>{0.6, 0.7, 0.7} << 1.0 << 70.0;
    QTest::newRow("last_is_best") << QList<double>{0.1, 0.2, 0.3} << 2.0 << 30.0;
}

void TestPlots::accuracyBestEpoch() {
    QFETCH(QList<double>, test);
    QFETCH(double, bestEpoch);
    QFETCH(double, bestValue);
    AccuracyPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e < int(test.size()); ++e)
        epochs.push_back(makeEpoch(e, 1, 1, 0.9, test[e]));
    plot.applySnapshot(snapshot(epochs, true));
    QCOMPARE(plot.plot()->graph(0)->dataCount(), int(test.size()));
    QCOMPARE(plot.plot()->graph(1)->dataCount(), int(test.size()));
    QCPGraph *best = plot.plot()->graph(2);
    QCOMPARE(best->dataCount(), 1);
    QCOMPARE(best->data()->at(0)->key, bestEpoch);
    QCOMPARE(best->data()->at(0)->value, bestValue);
    // The label sits at the marker and names the epoch.
    QCPItemText *label = nullptr;
    for (int i = 0; i < plot.plot()->itemCount(); ++i) {
        if (auto *text = qobject_cast<QCPItemText *>(plot.plot()->item(i)))
            label = text;
    }
    QVERIFY(label && label->visible());
    QVERIFY2(label->text().endsWith(QStringLiteral("epoch %1").arg(int(bestEpoch))),
             qPrintable(label->text()));
}

void TestPlots::accuracyMarkerFollowsLaterSnapshots() {
    AccuracyPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(
        snapshot({makeEpoch(0, 1, 1, 0.5, 0.6), makeEpoch(1, 1, 1, 0.6, 0.7)}, true));
    plot.applySnapshot(snapshot({makeEpoch(2, 1, 1, 0.9, 0.65), makeEpoch(3, 1, 1, 0.95, 0.9)}));
    QCOMPARE(plot.plot()->graph(2)->data()->at(0)->key, 3.0);
    QCOMPARE(plot.plot()->graph(2)->data()->at(0)->value, 90.0);
    plot.applySnapshot(snapshot({makeEpoch(0, 1, 1, 0.5, 0.4)}, true));
    QCOMPARE(plot.plot()->graph(2)->data()->at(0)->key, 0.0);
    QCOMPARE(plot.plot()->graph(2)->data()->at(0)->value, 40.0);
}

void TestPlots::accuracyTitleFollowsTask() {
    AccuracyPlot plot;
    plot.resetFor(specWithLayers(2, LossKind::MeanSquaredError), nullptr);
    QVERIFY(plot.title().startsWith(QStringLiteral("R²")));
    QCOMPARE(plot.plot()->yAxis->label(), QStringLiteral("R²"));
    // R² is shown as is, not in percent.
    plot.applySnapshot(snapshot({makeEpoch(0, 1, 1, 0.25, 0.5)}, true));
    QCOMPARE(plot.plot()->graph(1)->data()->at(0)->value, 0.5);
    plot.resetFor(specWithLayers(2), nullptr);
    QCOMPARE(plot.title(), QStringLiteral("Accuracy"));
    QCOMPARE(plot.plot()->yAxis->label(), QStringLiteral("accuracy (%)"));
}

void TestPlots::histogramBarsEqualBins_data() {
    QTest::addColumn<int>("bins");
    QTest::newRow("four_bins") << 4;
    QTest::newRow("forty_bins") << 40;
}

void TestPlots::histogramBarsEqualBins() {
    QFETCH(int, bins);
    HistogramPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    QCOMPARE(plot.plot()->axisRectCount(), 2);
    plot.applySnapshot(snapshot({makeEpoch(0, 1, 1, 0.5, 0.5, false, bins)}, true));
    const auto &views = plot.layerViews();
    QCOMPARE(int(views.size()), 2);
    for (const auto &view : views)
        QCOMPARE(view.bars->dataCount(), bins);
    // Layer 0: bins over [-1, 1]: the first centre is -1 + w/2, counts 1..bins.
    const double width = 2.0 / bins;
    QCOMPARE(views[0].bars->data()->at(0)->key, -1.0 + width / 2);
    QCOMPARE(views[0].bars->width(), width);
    QCOMPARE(views[0].bars->data()->at(bins - 1)->value, double(bins));
    QCOMPARE(views[1].bars->data()->at(0)->key, -0.5 + 0.5 / bins);
    QCOMPARE(views[0].name->text(), QStringLiteral("layer0"));
    QVERIFY2(views[0].stats->text().contains(QStringLiteral("25.0%")),
             qPrintable(views[0].stats->text()));
    QVERIFY2(views[0].stats->text().contains(QStringLiteral("2.5")),
             qPrintable(views[0].stats->text()));
}

void TestPlots::histogramOverlayEpochZero() {
    HistogramPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    EpochMetrics later = makeEpoch(5, 1, 1, 0.5, 0.5, false, 6);
    plot.applySnapshot(snapshot({makeEpoch(0, 1, 1, 0.5, 0.5, false, 3)}, true));
    plot.applySnapshot(snapshot({later}));
    const auto &views = plot.layerViews();
    QCOMPARE(views[0].bars->dataCount(), 6);
    QVERIFY(!views[0].initial->visible());
    auto *check = plot.findChild<QCheckBox *>(QStringLiteral("overlayCheck"));
    QVERIFY(check);
    check->setChecked(true);
    QVERIFY(views[0].initial->visible());
    QCOMPARE(views[0].initial->dataCount(), 3);               // epoch 0 had 3 bins
    QCOMPARE(views[0].initial->brush().style(), Qt::NoBrush); // an outline
    check->setChecked(false);
    QVERIFY(!views[0].initial->visible());
}

void TestPlots::histogramOverTime() {
    HistogramPlot plot;
    plot.resize(700, 500);
    plot.show();
    plot.resetFor(specWithLayers(2), nullptr);
    // Layer 0's distribution widens epoch by epoch: percentile k at epoch e is (k - 4)·(e + 1).
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 4; ++e) {
        EpochMetrics m = makeEpoch(e, 1, 1);
        for (std::size_t k = 0; k < kDistributionPercents.size(); ++k)
            m.layers[0].percentiles[k] = (double(k) - 4.0) * (e + 1);
        m.layers[0].sparsity = 0.1 * e;
        auto details = std::make_shared<WeightDetails>();
        details->kernelNearZero = {0.01 * e, 0.1 * e, 0.2 * e, 0.25 * e};
        details->kernelL1Norm = 10.0 + e;
        m.layers[0].details = details;
        m.layers[0].kernelL2Norm = 5.0 - e;
        epochs.push_back(m);
    }
    plot.applySnapshot(snapshot({epochs[0], epochs[1]}, true));
    plot.applySnapshot(snapshot({epochs[2], epochs[3], epochs[4]}));
    const auto &view = plot.layerViews()[0];
    const WeightTimePanel &panel = *view.panel;
    for (QCPGraph *band : panel.bands())
        QVERIFY(!band->visible()); // histograms first
    QCOMPARE(plot.title(), QStringLiteral("Weight histograms"));

    QSignalSpy retitled(&plot, &TrainingView::titleChanged);
    auto *combo = plot.findChild<QComboBox *>(QStringLiteral("weightViewCombo"));
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findData(int(WeightViewControls::View::Distributions)));
    QVERIFY(plot.isOverTime());
    QCOMPARE(retitled.count(), 1);
    QCOMPARE(plot.title(), QStringLiteral("Weight distributions over time"));
    QVERIFY(!view.bars->visible());
    QVERIFY(!view.stats->visible());
    QVERIFY(!plot.findChild<QCheckBox *>(QStringLiteral("overlayCheck"))->isEnabled());
    const auto &bands = panel.bands();
    for (std::size_t k = 0; k < bands.size(); ++k) {
        QVERIFY(bands[k]->visible());
        QCOMPARE(bands[k]->dataCount(), 5); // every epoch, 0 to 4
        QCOMPARE(bands[k]->data()->at(3)->value, (double(k) - 4.0) * 4);
    }
    // The bands nest: each lower percentile is filled up to its mirror.
    QCOMPARE(bands[0]->channelFillGraph(), bands[8]);
    QCOMPARE(bands[3]->channelFillGraph(), bands[5]);
    QVERIFY(bands[4]->pen().style() != Qt::NoPen);           // the median is a line
    QCOMPARE(panel.shareLine()->data()->at(4)->value, 40.0); // |w| < 1e-3 at epoch 4
    // The norms in the strip under the bands.
    QVERIFY(panel.normRect()->visible());
    QVERIFY(panel.normRect()->layout());
    QCOMPARE(panel.l2Line()->data()->at(4)->value, 1.0);
    QCOMPARE(panel.l1Line()->data()->at(2)->value, 12.0);
    // Layer 1's percentiles are unknown (a run read back from its files): estimated from its
    // histogram, counts 1 2 3 4 over [-0.5, 0.5]. The median: t = 5 of 10 lies in the third
    // bin (3 before it, 3 in it): -0.5 + 0.25 · (2 + 2/3).
    const WeightTimePanel &second = *plot.layerViews()[1].panel;
    QCOMPARE(second.bands()[4]->dataCount(), 5);
    QVERIFY(std::abs(second.bands()[4]->data()->at(0)->value - (-0.5 + 0.25 * (2 + 2.0 / 3)))
            < 1e-12);
    // Axes: epochs 0..4, every weight in view, the share in percent on the right.
    QCOMPARE(view.rect->axis(QCPAxis::atBottom)->range().lower, 0.0);
    QCOMPARE(view.rect->axis(QCPAxis::atBottom)->range().upper, 4.0);
    QVERIFY(view.rect->axis(QCPAxis::atLeft)->range().contains(-20.0));
    QVERIFY(view.rect->axis(QCPAxis::atLeft)->range().contains(20.0));
    QVERIFY(view.rect->axis(QCPAxis::atRight)->visible());
    QCOMPARE(panel.normRect()->axis(QCPAxis::atBottom)->label(), QStringLiteral("epoch"));

    // The threshold is chosen from the menu: |w| < 1e-2 is 20 % per epoch.
    auto *threshold = plot.findChild<QAction *>(QStringLiteral("threshold_1e-2"));
    QVERIFY(threshold);
    threshold->setChecked(true);
    QCOMPARE(plot.layerViews()[0].panel->shareLine()->data()->at(4)->value, 80.0);

    // Hovering reads the distribution of the nearest epoch out.
    plot.plot()->replot();
    const int x = int(view.rect->axis(QCPAxis::atBottom)->coordToPixel(2.9));
    const int y = view.rect->center().y();
    const QString tip = plot.statsAt(QPoint(x, y));
    QVERIFY2(tip.contains(QStringLiteral("epoch 3")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("100%: 16")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("50%: 0")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("|w| < 1e-2: 60.00%")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("‖W‖₁ = 13")), qPrintable(tip));

    // A reset clears the time line; back to histograms.
    plot.applySnapshot(snapshot({epochs[0]}, true));
    QCOMPARE(plot.layerViews()[0].panel->bands()[0]->dataCount(), 1);
    plot.setOverTime(false);
    QVERIFY(plot.layerViews()[0].bars->visible());
    QVERIFY(!plot.layerViews()[0].panel->bands()[0]->visible());
    QVERIFY(!plot.layerViews()[0].panel->normRect()->layout()); // the strip left the cell
    QCOMPARE(retitled.count(), 3);                              // view, threshold, view
}

void TestPlots::histogramOverTimeIsBounded() {
    // A long run keeps the epochs history.csv keeps: epoch 0, every stride-th epoch and the
    // newest, at most 101 (weight_history.h), the same for every layer.
    HistogramPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    plot.setOverTime(true);
    constexpr int kEpochs = 4321;
    std::vector<EpochMetrics> batch;
    for (int e = 0; e <= kEpochs; ++e) {
        EpochMetrics m = makeEpoch(e, 1, 1);
        m.layers[0].percentiles.fill(e);
        m.layers[1].percentiles.fill(-e);
        batch.push_back(std::move(m));
        if (batch.size() == 37 || e == kEpochs) { // snapshots of uneven size
            plot.applySnapshot(snapshot(batch, e < 37));
            batch.clear();
        }
    }
    QVERIFY(plot.history().epochs().size() <= 101);
    // Redraws over time are throttled: the last snapshot is drawn a moment later.
    QTRY_COMPARE((plot.layerViews()[0].panel->bands()[4]->data()->constEnd() - 1)->key,
                 double(kEpochs));
    for (const auto &view : plot.layerViews()) {
        const auto data = view.panel->bands()[4]->data();
        QCOMPARE(std::size_t(data->size()), plot.history().epochs().size());
        QCOMPARE(data->constBegin()->key, 0.0);
        QCOMPARE((data->constEnd() - 1)->key, double(kEpochs));
        const double stride = (data->constBegin() + 1)->key;
        QCOMPARE(stride, 64.0); // 4321 / 32 + 1 > 100, 4321 / 64 + 1 = 68
        for (auto it = data->constBegin(); it + 1 != data->constEnd(); ++it)
            QCOMPARE(it->key, double(it - data->constBegin()) * stride);
    }
    QCOMPARE((plot.layerViews()[0].panel->bands()[4]->data()->constEnd() - 1)->value,
             double(kEpochs));
}

namespace {

/// Epochs 0..4 of two layers: layer 0's histogram over [-1, 1] in 4 bins holds
/// (e + 1, 1, 1, 4 - e) at epoch e; at epoch 4 its robust histogram clips 2 values into the
/// first bin; only layer 0 has a bias (its histogram over [0, 1]: e + 1, 1).
std::vector<EpochMetrics> ridgeEpochs() {
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 4; ++e) {
        EpochMetrics m = makeEpoch(e, 1, 1);
        LayerMetrics &l = m.layers[0];
        l.histogram.counts = {std::uint64_t(e + 1), 1, 1, std::uint64_t(4 - e)};
        auto d = std::make_shared<WeightDetails>();
        if (e == 4) {
            d->robustHistogram.min = -0.5;
            d->robustHistogram.max = 0.5;
            d->robustHistogram.counts = {4, 1, 1, 1};
            d->robustHistogram.clippedLow = 2;
        }
        d->bias.size = 2 + e;
        d->bias.histogram.min = 0.0;
        d->bias.histogram.max = 1.0;
        d->bias.histogram.counts = {std::uint64_t(e + 1), 1};
        l.details = d;
        epochs.push_back(m);
    }
    return epochs;
}

} // namespace

void TestPlots::histogramRidge() {
    HistogramPlot plot;
    plot.resize(800, 500);
    plot.show();
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(snapshot(ridgeEpochs(), true));
    plot.setView(WeightViewControls::View::Ridge);
    QCOMPARE(plot.title(), QStringLiteral("Weight histograms over time"));
    const WeightTimePanel *panel = plot.layerViews()[0].panel.get();
    QCOMPARE(panel->rows().size(), std::size_t(5));
    QCOMPARE(panel->ridgeCurves().size(), std::size_t(5));
    QVERIFY(!plot.layerViews()[0].bars->visible());
    QVERIFY(!panel->normRect()->layout());
    // Oldest at the top, newest in front at baseline 0; the tallest bar (5) is two rows.
    QCOMPARE(panel->rows().front().epoch, 0);
    QCOMPARE(panel->rows().front().baseline, 4.0);
    QCOMPARE(panel->rows().back().epoch, 4);
    QCOMPARE(panel->rows().back().baseline, 0.0);
    QCOMPARE(panel->rows().back().heights.front(), 2.0);
    // The newest row's outline: baseline, then each bar's top from edge to edge.
    const auto curve = panel->ridgeCurves().back()->data();
    QCOMPARE(curve->size(), 2 + 2 * 4);
    QCOMPARE(curve->at(1)->key, -1.0);
    QCOMPARE(curve->at(1)->value, 2.0);
    QCOMPARE(curve->at(2)->key, -0.5);
    QVERIFY(!panel->lowLabel()->visible()); // full range: nothing clipped

    // Hover: the exact bin of the front row.
    plot.plot()->replot();
    QCPAxisRect *rect = plot.layerViews()[0].rect;
    const QPoint pos(int(rect->axis(QCPAxis::atBottom)->coordToPixel(-0.75)),
                     int(rect->axis(QCPAxis::atLeft)->coordToPixel(0.5)));
    const QString tip = plot.statsAt(pos);
    QVERIFY2(tip.contains(QStringLiteral("epoch 4")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("bin 1 of 4: [-1, -0.5)")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("count: 5 of 7")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("percentile: 0.00–71.43 %")), qPrintable(tip));

    // Robust range: the newest epoch's clipped end bin is marked and read out.
    plot.findChild<QAction *>(QStringLiteral("robustAction"))->setChecked(true);
    panel = plot.layerViews()[0].panel.get();
    QCOMPARE(panel->rows().back().edges.front(), -0.5);
    QVERIFY(panel->lowLabel()->visible());
    QCOMPARE(panel->lowLabel()->text(), QStringLiteral("≤ -0.5"));
    QVERIFY(!panel->highLabel()->visible());
    plot.plot()->replot();
    const QPoint clipped(int(rect->axis(QCPAxis::atBottom)->coordToPixel(-0.45)),
                         int(rect->axis(QCPAxis::atLeft)->coordToPixel(0.2)));
    const QString clippedTip = plot.statsAt(clipped);
    QVERIFY2(clippedTip.contains(QStringLiteral("the 2 values below -0.5 (clipped)")),
             qPrintable(clippedTip));

    // Log count axis and overlay: heights log10(1 + count) on one baseline.
    plot.findChild<QAction *>(QStringLiteral("logCountAction"))->setChecked(true);
    plot.findChild<QAction *>(QStringLiteral("overlayAction"))->setChecked(true);
    panel = plot.layerViews()[0].panel.get();
    QCOMPARE(panel->rows().front().baseline, 0.0);
    QCOMPARE(panel->rows().front().heights.front(), std::log10(2.0));
    QCOMPARE(rect->axis(QCPAxis::atLeft)->label(), QStringLiteral("log₁₀(1 + count)"));
}

void TestPlots::histogramEpochRangeAndBias() {
    HistogramPlot plot;
    plot.resize(800, 500);
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(snapshot(ridgeEpochs(), true));
    plot.setView(WeightViewControls::View::Ridge);
    WeightViewControls *controls = plot.controls();
    QCOMPARE(controls->toEpoch()->maximum(), 4);
    controls->fromEpoch()->setValue(1);
    controls->toEpoch()->setValue(3);
    const WeightTimePanel *panel = plot.layerViews()[0].panel.get();
    QCOMPARE(panel->rows().size(), std::size_t(3));
    QCOMPARE(panel->rows().front().epoch, 1);
    QCOMPARE(panel->rows().back().epoch, 3);
    QCOMPARE(panel->rows().back().counts, (std::vector<std::uint64_t>{4, 1, 1, 1}));

    // The bias on request: layer 0's bias histograms; layer 1 has none, so no rows.
    plot.findChild<QAction *>(QStringLiteral("biasAction"))->setChecked(true);
    QCOMPARE(plot.title(), QStringLiteral("Bias histograms over time"));
    panel = plot.layerViews()[0].panel.get();
    QCOMPARE(panel->rows().size(), std::size_t(3));
    QCOMPARE(panel->rows().back().counts, (std::vector<std::uint64_t>{4, 1}));
    QCOMPARE(panel->rows().back().edges, (std::vector<double>{0.0, 0.5, 1.0}));
    QVERIFY(plot.layerViews()[1].panel->rows().empty());
    // Back to every epoch.
    controls->toEpoch()->setValue(-1);
    controls->fromEpoch()->setValue(0);
    QCOMPARE(plot.layerViews()[0].panel->rows().size(), std::size_t(5));
}

void TestPlots::compareWeightsSideBySide() {
    // Two runs of the same layers: run 0's kernel spans [-1, 1], run 1's (stronger
    // regularization) [-0.25, 0.25]; side by side on one weight axis.
    CompareWeightsView view;
    view.resize(900, 500);
    view.show();
    view.setRuns({QStringLiteral("λ = 0"), QStringLiteral("λ = 1e-2")},
                 {QStringLiteral("layer0"), QStringLiteral("layer1")});
    QCOMPARE(view.runCount(), 2);
    std::vector<EpochMetrics> wide;
    std::vector<EpochMetrics> narrow;
    for (int e = 0; e <= 3; ++e) {
        EpochMetrics a = makeEpoch(e, 1, 1);
        a.layers[0].percentiles = {-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1};
        EpochMetrics b = a;
        for (double &p : b.layers[0].percentiles)
            p /= 4.0;
        b.layers[0].histogram.min = -0.25;
        b.layers[0].histogram.max = 0.25;
        wide.push_back(a);
        narrow.push_back(b);
    }
    view.setHistory(0, wide);
    view.setHistory(1, narrow);
    view.redraw();
    QCOMPARE(view.title(), QStringLiteral("Weight distributions over time: layer0"));
    for (int run = 0; run < 2; ++run) {
        QVERIFY(view.panel(run)->bands()[0]->visible());
        QCOMPARE(view.panel(run)->bands()[0]->dataCount(), 4);
    }
    QCOMPARE(view.panel(1)->bands()[8]->data()->at(0)->value, 0.25);
    // One weight axis for both, wide enough for the wider run.
    const QCPRange shared = view.panel(0)->weightRange();
    QCOMPARE(view.panel(1)->weightRange().lower, shared.lower);
    QCOMPARE(view.panel(1)->weightRange().upper, shared.upper);
    QVERIFY(shared.contains(-1.0) && shared.contains(1.0));

    // Ridge: each run's rows, oldest first, on the shared axis [-1, 1] (padded).
    view.setView(WeightViewControls::View::Ridge);
    QCOMPARE(view.title(), QStringLiteral("Weight histograms over time: layer0"));
    QCOMPARE(view.panel(0)->rows().size(), std::size_t(4));
    QCOMPARE(view.panel(1)->rows().back().edges.front(), -0.25);
    QCOMPARE(view.panel(1)->weightRange().lower, view.panel(0)->weightRange().lower);
    QVERIFY(view.panel(1)->weightRange().contains(-1.0));
    // The other layer.
    view.setLayer(1);
    QCOMPARE(view.panel(0)->rows().back().edges.front(), -0.5);
    view.plot()->replot();
    QCPAxisRect *rect = view.panel(1)->rect();
    const QPoint pos(int(rect->axis(QCPAxis::atBottom)->coordToPixel(0.4)),
                     int(rect->axis(QCPAxis::atLeft)->coordToPixel(0.1)));
    const QString tip = view.readoutAt(pos);
    QVERIFY2(tip.startsWith(QStringLiteral("λ = 1e-2 · epoch 3")), qPrintable(tip));
    QVERIFY2(tip.contains(QStringLiteral("bin 4 of 4: [0.25, 0.5]")), qPrintable(tip));
}

void TestPlots::decisionPointsAndField() {
    DecisionPlot plot;
    plot.resetFor(specWithLayers(2), planarSet());
    const auto &points = plot.pointGraphs();
    QCOMPARE(int(points.size()), 4);
    QCOMPARE(points[0]->dataCount(), 3); // class 0 train
    QCOMPARE(points[1]->dataCount(), 1); // class 0 test
    QCOMPARE(points[2]->dataCount(), 2); // class 1 train
    QCOMPARE(points[3]->dataCount(), 2); // class 1 test
    QCOMPARE(points[0]->name(), QStringLiteral("zero (train)"));
    QVERIFY(points[0]->scatterStyle().brush().style() != Qt::NoBrush); // filled
    QCOMPARE(points[1]->scatterStyle().brush().style(), Qt::NoBrush);  // hollow

    TrainingSnapshot s;
    s.reset = true;
    s.field.xMin = -1;
    s.field.xMax = 1;
    s.field.yMin = 0;
    s.field.yMax = 2;
    s.field.nx = 3;
    s.field.ny = 2;
    s.field.values = {0.0f, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f};
    plot.applySnapshot(s);
    QCPColorMapData *cells = plot.colorMap()->data();
    QCOMPARE(cells->keySize(), 3);
    QCOMPARE(cells->valueSize(), 2);
    QCOMPARE(cells->cell(2, 1), double(0.5f)); // row 1 = y index 1
    QCOMPARE(cells->cell(0, 1), double(0.3f));
    QCOMPARE(cells->cell(1, 0), double(0.1f));
    QCOMPARE(plot.colorMap()->dataRange(), QCPRange(0, 1)); // diverging around 0.5
    QCOMPARE(plot.plot()->xAxis->range(), QCPRange(-1, 1));
}

void TestPlots::decisionNoteForNonPlanarData() {
    DecisionPlot plot;
    plot.resetFor(specWithLayers(2), imageSet());
    QVERIFY(plot.pointGraphs().empty());
    TrainingSnapshot s;
    plot.applySnapshot(s); // no field: nothing to draw, no crash
    QCOMPARE(plot.colorMap()->data()->keySize(), 0);
}

void TestPlots::weightTilesColours() {
    // 3 units of 2x2 images: a 2x2 grid of tiles, 1-pixel frames: (2 * 3 + 1)^2 pixels.
    MatrixF kernel(3, 4);
    kernel << 2, 0, -2, 1, //
        0, 0, 0, 0,        //
        1, 1, 1, 1;
    double scale = 0;
    const QImage image = WeightImagePlot::renderTiles(kernel, 2, 2, 64, &scale);
    QCOMPARE(image.size(), QSize(7, 7));
    QCOMPARE(scale, 2.0);
    QCPColorGradient g = WeightImagePlot::gradient();
    const QCPRange range(-2, 2);
    QCOMPARE(QColor(image.pixel(1, 1)), QColor(g.color(2.0, range)));  // unit 0, (0,0): +max
    QCOMPARE(QColor(image.pixel(2, 1)), QColor(Qt::white));            // unit 0, (0,1): 0
    QCOMPARE(QColor(image.pixel(1, 2)), QColor(g.color(-2.0, range))); // unit 0, (1,0): -max
    QVERIFY(QColor(image.pixel(1, 1)) != QColor(image.pixel(1, 2)));
    QCOMPARE(QColor(image.pixel(4, 1)), QColor(Qt::white));           // unit 1 at column 1
    QCOMPARE(QColor(image.pixel(1, 4)), QColor(g.color(1.0, range))); // unit 2 at row 1
    QCOMPARE(qAlpha(image.pixel(5, 5)), 0); // the unused fourth cell stays transparent
    // Shapes that do not fit give no image.
    QVERIFY(WeightImagePlot::renderTiles(kernel, 3, 2, 64).isNull());
    // maxUnits keeps the first units only: 2 units side by side.
    QCOMPARE(WeightImagePlot::renderTiles(kernel, 2, 2, 2).size(), QSize(7, 4));
}

void TestPlots::weightTilesBestColumns_data() {
    QTest::addColumn<int>("units");
    QTest::addColumn<QSize>("area");
    QTest::addColumn<int>("columns");
    // scale(c) = min(W / (3c + 1), H / (3 rows(c) + 1)) for 2x2 tiles.
    QTest::newRow("wide_area_one_row") << 6 << QSize(600, 200) << 6;
    QTest::newRow("tall_area_one_column") << 6 << QSize(200, 600) << 1;
    QTest::newRow("square_area") << 4 << QSize(300, 300) << 2;
}

void TestPlots::weightTilesBestColumns() {
    QFETCH(int, units);
    QFETCH(QSize, area);
    QFETCH(int, columns);
    QCOMPARE(WeightImagePlot::bestColumns(units, 2, 2, area), columns);
}

void TestPlots::weightPlotShowsKernel() {
    WeightImagePlot plot;
    QVERIFY(plot.title().startsWith(QStringLiteral("First-layer weights")));
    plot.resetFor(specWithLayers(2), imageSet());
    QVERIFY(!plot.pixmapItem()->visible());
    TrainingSnapshot s;
    s.reset = true;
    s.firstLayerKernel = MatrixF::Constant(80, 4, 0.5f); // more than kMaxUnits
    plot.applySnapshot(s);
    QVERIFY(plot.pixmapItem()->visible());
    QVERIFY(!plot.pixmapItem()->pixmap().isNull());
    // A non-image set ignores kernels.
    plot.resetFor(specWithLayers(2), planarSet());
    plot.applySnapshot(s);
    QVERIFY(!plot.pixmapItem()->visible());
}

void TestPlots::exportWritesFile_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QByteArray>("magic");
    QTest::newRow("png") << "png" << QByteArray("\x89PNG");
    QTest::newRow("svg") << "svg" << QByteArray("<?xml");
    QTest::newRow("pdf") << "pdf" << QByteArray("%PDF");
    QTest::newRow("upper_case_png") << "PNG" << QByteArray("\x89PNG");
}

void TestPlots::exportWritesFile() {
    QFETCH(QString, suffix);
    QFETCH(QByteArray, magic);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    LossPlot plot;
    plot.resetFor(specWithLayers(2), nullptr);
    plot.applySnapshot(snapshot({makeEpoch(0, 0.9, 1.0), makeEpoch(1, 0.7, 0.8)}, true));
    const QString path = dir.filePath(QStringLiteral("loss.") + suffix);
    QString error;
    QVERIFY2(exportPlot(plot.plot(), path, &error, 640, 400), qPrintable(error));
    QVERIFY(error.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(bytes.size() > 100);
    QVERIFY2(bytes.startsWith(magic), bytes.left(16).constData());
    if (suffix.toLower() == QLatin1String("png")) {
        QImage image;
        QVERIFY(image.load(path));
        QCOMPARE(image.size(), QSize(640, 400));
    }
    // No temporary files left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
}

void TestPlots::exportFailsWithFileName_data() {
    QTest::addColumn<QString>("relative");
    QTest::newRow("folder_is_a_file") << "tst_plots_blocker/plot.png";
    QTest::newRow("unknown_type") << "plot.bmp";
}

void TestPlots::exportFailsWithFileName() {
    QFETCH(QString, relative);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AccuracyPlot plot;
    // Missing folders are created, unless a file stands in the way.
    QFile blocker(dir.filePath(QStringLiteral("tst_plots_blocker")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = dir.filePath(relative);
    QString error;
    QVERIFY(!exportPlot(plot.plot(), path, &error));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(!QFile::exists(path));
    QVERIFY(!exportPlot(plot.plot(), path, nullptr)); // no error pointer: still false
}

void TestPlots::palette() {
    QCOMPARE(seriesColor(0), QColor(0x4e, 0x79, 0xa7));
    QCOMPARE(seriesColor(10), seriesColor(0)); // repeats
    QCOMPARE(seriesColor(-1), seriesColor(9));
    QVERIFY(seriesColor(0) != seriesColor(1));
}

void TestPlots::changeMarkerText_data() {
    QTest::addColumn<LiveChange>("change");
    QTest::addColumn<QString>("text");
    using K = LiveChange::Kind;
    QTest::newRow("learning_rate")
        << liveChange(3, K::LearningRate, 0.01, 0.001) << QStringLiteral("lr 0.01 → 1e-3");
    QTest::newRow("kernel_l2") << liveChange(3, K::L2, 1e-3, 1e-2, QStringLiteral("hidden1"))
                               << QStringLiteral("hidden1 L2 λ 1e-3 → 0.01");
    QTest::newRow("bias_l1") << liveChange(3, K::L1, 0, 1e-4, QStringLiteral("logits"),
                                           Tensor::Bias)
                             << QStringLiteral("logits bias L1 λ 0 → 1e-4");
    QTest::newRow("convention") << liveChange(3, K::Convention, int(L2Convention::Keras),
                                              int(L2Convention::Tf1))
                                << QStringLiteral("L2 convention Keras ΣW² → TF1 ΣW²/2");
}

void TestPlots::changeMarkerText() {
    QFETCH(LiveChange, change);
    QFETCH(QString, text);
    QCOMPARE(ChangeMarkers::describe(change), text);
}

void TestPlots::changeMarkersOnEveryEpochPlot_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("loss") << "loss";
    QTest::newRow("accuracy") << "accuracy";
}

void TestPlots::changeMarkersOnEveryEpochPlot() {
    QFETCH(QString, kind);
    const std::unique_ptr<TrainingView> view = makeView(kind);
    view->resetFor(specWithLayers(2), nullptr);
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 10; ++e)
        epochs.push_back(makeEpoch(e, 1, 1, 0.5, 0.5, e == 3 || e == 4 || e == 7));
    TrainingSnapshot s = snapshot(epochs, true);
    s.changes = {liveChange(3, LiveChange::Kind::L2, 1e-3, 1e-2, QStringLiteral("layer0")),
                 liveChange(3, LiveChange::Kind::LearningRate, 0.01, 0.001),
                 liveChange(4, LiveChange::Kind::L1, 0, 1e-4, QStringLiteral("layer1"))};
    view->applySnapshot(s);
    const ChangeMarkers *markers = view->changeMarkers();
    QVERIFY(markers);
    // One line per epoch; epoch 7 says something changed without knowing what.
    QCOMPARE(markers->epochs(), (QList<double>{3.0, 4.0, 7.0}));
    QCOMPARE(markers->labels(), (QStringList{"layer0 L2 λ 1e-3 → 0.01", "lr 0.01 → 1e-3",
                                             "layer1 L1 λ 0 → 1e-4", "λ/lr changed"}));
    // The same snapshot again (an epoch reported twice) adds nothing.
    view->applySnapshot(snapshot({epochs.back()}));
    QCOMPARE(markers->labels().size(), 4);
    view->applySnapshot(snapshot({makeEpoch(0, 1, 1)}, true));
    QVERIFY(markers->epochs().isEmpty());
    QVERIFY(markers->labels().isEmpty());
}

void TestPlots::changeMarkersStackWithoutOverlap() {
    LossPlot plot;
    plot.resize(520, 360);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.resetFor(specWithLayers(2), nullptr);
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 200; ++e)
        epochs.push_back(makeEpoch(e, 1.0 / (e + 1), 1.0 / (e + 1)));
    TrainingSnapshot s = snapshot(epochs, true);
    // Changes at nearby epochs (a slider dragged across them), two at one epoch, one at the
    // right edge.
    for (int e : {50, 51, 53, 53, 56, 200})
        s.changes.push_back(liveChange(e, LiveChange::Kind::L2, 1e-3, 1e-2,
                                       QStringLiteral("layer%1").arg(s.changes.size())));
    plot.applySnapshot(s);
    plot.plot()->replot();
    const auto labels = plot.changeMarkers()->labelItems();
    QCOMPARE(labels.size(), std::size_t(6));
    const QRectF area = plot.plot()->axisRect()->rect();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const QRectF a = itemRect(labels[i]);
        QVERIFY2(area.contains(a), qPrintable(labels[i]->text())); // never cut off
        for (std::size_t j = 0; j < i; ++j)
            QVERIFY2(!a.intersects(itemRect(labels[j])),
                     qPrintable(labels[i]->text() + " / " + labels[j]->text()));
    }
}

void TestPlots::tickLabelsNeverOverlap_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("range"); ///< weights in [-range, range]
    QTest::newRow("loss_narrow") << "loss" << QSize(320, 260) << 1.0;
    QTest::newRow("accuracy_narrow") << "accuracy" << QSize(300, 240) << 1.0;
    QTest::newRow("histogram_small_weights") << "histogram" << QSize(260, 330) << 0.025;
    QTest::newRow("histogram_tiny_weights") << "histogram" << QSize(300, 330) << 2e-5;
    QTest::newRow("histogram_wide") << "histogram" << QSize(900, 330) << 0.025;
}

void TestPlots::tickLabelsNeverOverlap() {
    QFETCH(QString, kind);
    QFETCH(QSize, size);
    QFETCH(double, range);
    const std::unique_ptr<TrainingView> view = makeView(kind);
    view->resize(size);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    view->resetFor(specWithLayers(3), nullptr);
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 150; ++e) {
        EpochMetrics m = makeEpoch(e, 2.0 / (e + 1), 2.5 / (e + 1), 0.9, 0.85, false, 40);
        for (LayerMetrics &l : m.layers)
            l.histogram = makeBins(-range, range, 40);
        m.layers.push_back(m.layers.front());
        m.layers.back().name = "layer2";
        epochs.push_back(m);
    }
    view->applySnapshot(snapshot(epochs, true));
    // Two passes: the tick step follows the axis length of the layout before.
    view->plot()->replot();
    view->plot()->replot();
    int axes = 0;
    for (QCPAxisRect *rect : view->plot()->axisRects()) {
        for (QCPAxis *axis : rect->axes()) {
            if (!axis->visible() || !axis->tickLabels())
                continue;
            ++axes;
            QString why;
            QVERIFY2(tickLabelsApart(axis, &why), qPrintable(why));
            // Still says where the values are.
            QVERIFY2(axis->tickVector().size() >= 2,
                     qPrintable(QStringLiteral("%1 px, range %2..%3")
                                    .arg(axis->axisRect()->width())
                                    .arg(axis->range().lower)
                                    .arg(axis->range().upper)));
        }
    }
    QVERIFY(axes >= 2);
}

void TestPlots::histogramStatisticsFit_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("layers");
    QTest::newRow("narrow_three") << QSize(220, 340) << 3;
    QTest::newRow("wide_three") << QSize(640, 340) << 3;
    QTest::newRow("many") << QSize(420, 420) << 7;
}

void TestPlots::histogramStatisticsFit() {
    QFETCH(QSize, size);
    QFETCH(int, layers);
    HistogramPlot plot;
    plot.resize(size);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.resetFor(specWithLayers(layers), nullptr);
    EpochMetrics m = makeEpoch(0, 1, 1);
    m.layers.resize(std::size_t(layers), m.layers.front());
    for (int i = 0; i < layers; ++i) {
        m.layers[std::size_t(i)].name = "layer" + std::to_string(i);
        m.layers[std::size_t(i)].sparsity = 0.123;
        m.layers[std::size_t(i)].kernelL2Norm = 123.456;
    }
    plot.applySnapshot(snapshot({m}, true));
    plot.plot()->replot();
    plot.plot()->replot(); // after the cells reflowed to the width
    QCOMPARE(plot.layerViews().size(), std::size_t(layers));
    for (const HistogramPlot::LayerView &view : plot.layerViews()) {
        QVERIFY(view.stats->visible());
        const QRectF stats = itemRect(view.stats);
        QVERIFY2(QRectF(view.rect->rect()).contains(stats),
                 qPrintable(view.name->text() + ": " + view.stats->text()));
        // Readable: never shrunk below 6.5 pt.
        QVERIFY(view.stats->font().pointSizeF() >= 6.5);
    }
}

void TestPlots::accuracyLegendLeavesCollapsedEndFree() {
    AccuracyPlot plot;
    plot.resize(480, 320);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.resetFor(specWithLayers(2), nullptr);
    // Rises to 95 %, then collapses to 10 % for the last 30 epochs (a too-strong penalty).
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 100; ++e) {
        const double acc = e < 70 ? 0.5 + 0.45 * std::min(1.0, e / 10.0) : 0.1;
        epochs.push_back(makeEpoch(e, 1, 1, acc, acc - 0.01));
    }
    plot.applySnapshot(snapshot(epochs, true));
    plot.plot()->replot();
    const QRectF legend = plot.plot()->legend->outerRect();
    QVERIFY(plot.plot()->axisRect()->rect().contains(legend.toRect()));
    for (int g = 0; g < 2; ++g) {
        QCPGraph *graph = plot.plot()->graph(g);
        for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
            QVERIFY2(!legend.contains(graph->coordsToPixels(it->key, it->value)),
                     qPrintable(QStringLiteral("epoch %1 under the legend %2,%3 %4x%5")
                                    .arg(it->key)
                                    .arg(legend.x())
                                    .arg(legend.y())
                                    .arg(legend.width())
                                    .arg(legend.height())));
    }
}

void TestPlots::accuracyBestLabelStaysInside() {
    AccuracyPlot plot;
    plot.resize(300, 240);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.resetFor(specWithLayers(2), nullptr);
    // The best epoch at 3 of 5: the label fits neither fully right nor left of the point.
    std::vector<EpochMetrics> epochs;
    for (double acc : {0.1, 0.3, 0.45, 0.53, 0.52, 0.45})
        epochs.push_back(makeEpoch(int(epochs.size()), 1, 1, acc, acc));
    plot.applySnapshot(snapshot(epochs, true));
    plot.plot()->replot();
    QCPItemText *label = nullptr;
    for (int i = 0; i < plot.plot()->itemCount(); ++i) {
        if (auto *text = qobject_cast<QCPItemText *>(plot.plot()->item(i)))
            label = text->text().startsWith(QStringLiteral("best")) ? text : label;
    }
    QVERIFY(label && label->visible());
    QVERIFY2(QRectF(plot.plot()->axisRect()->rect()).contains(itemRect(label)),
             qPrintable(label->text()));
}

void TestPlots::compareEmptyWeightAxis() {
    WeightOverlayPlot plot;
    plot.resize(480, 320);
    plot.show();
    QVERIFY(QTest::qWaitForWindowExposed(&plot));
    plot.setRuns({QStringLiteral("λ = 0"), QStringLiteral("λ = 1")}, {QStringLiteral("hidden1")});
    plot.plot()->replot();
    QVERIFY(plot.emptyNote()->visible());
    // Whole decades, each label once (not "2·10⁰, 10⁰, 10⁰").
    const QVector<QString> labels = plot.plot()->yAxis->tickVectorLabels();
    QVERIFY(labels.size() >= 2);
    QCOMPARE(QSet<QString>(labels.begin(), labels.end()).size(), int(labels.size()));
    QVERIFY(plot.plot()->yAxis->range().lower <= 1e-2);
    // With a histogram the note goes.
    EpochMetrics m = makeEpoch(1, 1, 1);
    plot.setLayers(0, m.layers);
    QVERIFY(!plot.emptyNote()->visible());
}

void TestPlots::comparePercentAxis() {
    CompareCurvesPlot plot(CurveMetric::TestAccuracy);
    plot.setRuns({QStringLiteral("a")}, TaskKind::Classification);
    QCOMPARE(plot.plot()->yAxis->label(), QStringLiteral("accuracy (%)"));
    QCOMPARE(plot.plot()->yAxis->range().upper, 100.0); // empty: 0-100, as the label says
    plot.appendEpochs(0, {makeEpoch(0, 1, 1, 0.5, 0.42)});
    QCOMPARE(plot.testGraph(0)->data()->at(0)->value, 42.0);
    QVERIFY(plot.plot()->yAxis->range().contains(42.0));
    plot.setRuns({QStringLiteral("a")}, TaskKind::Regression);
    QCOMPARE(plot.plot()->yAxis->label(), QStringLiteral("R²"));
    QCOMPARE(plot.plot()->yAxis->range().upper, 1.0);
}

void TestPlots::decisionClassNamesTranslatable() {
    // Every text core gives the built-in sets is in the UI's table (so it is in the .ts).
    const QStringList known = translatedDatasetTexts();
    for (const BuiltinDataset &b : builtinDatasets()) {
        if (!b.description.empty())
            QVERIFY2(known.contains(QString::fromStdString(b.description)), b.description.c_str());
        if (!b.note.empty())
            QVERIFY2(known.contains(QString::fromStdString(b.note)), b.note.c_str());
    }
    for (const SyntheticInfo &info : syntheticDatasets()) {
        if (info.task != TaskKind::Classification)
            continue;
        for (const char *name : info.classNames) {
            if (QString::fromUtf8(name).contains(QLatin1Char('*')))
                continue; // "x1*x2<0" reads the same in every language
            QVERIFY2(known.contains(QString::fromUtf8(name)), name);
        }
    }
    QCOMPARE(datasetText("ring"), QStringLiteral("ring")); // no translator installed
    QCOMPARE(datasetText("my column 7"), QStringLiteral("my column 7"));
    // The decision plot's legend names the classes through the table.
    DecisionPlot plot;
    auto data = planarSet();
    data->classNames = {"ring", "disk"};
    plot.resetFor(specWithLayers(2), data);
    QVERIFY(graphNamed(plot.plot(), QStringLiteral("ring (train)")));
}

void TestPlots::validationCurves_data() {
    QTest::addColumn<double>("fraction");
    QTest::newRow("with_split") << 0.2;
    QTest::newRow("without_split") << 0.0;
}

void TestPlots::validationCurves() {
    QFETCH(double, fraction);
    const bool split = fraction > 0.0;
    ExperimentSpec spec = specWithLayers(2);
    spec.dataset.validationFraction = fraction;
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e < 3; ++e) {
        EpochMetrics m = makeEpoch(e, 1.0 - 0.1 * e, 1.2, 0.5, 0.6);
        m.hasValidation = split;
        m.valDataLoss = 0.7 + 0.05 * e;
        m.valAccuracy = 0.8 - 0.1 * e;
        epochs.push_back(m);
    }
    LossPlot loss;
    loss.resetFor(spec, nullptr);
    loss.applySnapshot(snapshot(epochs, true));
    QCOMPARE(loss.validationGraph() != nullptr, split);
    QCOMPARE(graphNamed(loss.plot(), QStringLiteral("validation data loss")) != nullptr, split);
    if (split) {
        QCPGraph *val = loss.validationGraph();
        QCOMPARE(val->dataCount(), 3);
        QCOMPARE(val->data()->at(2)->value, 0.8);
        QVERIFY(loss.plot()->legend->hasItemWithPlottable(val));
        QVERIFY(loss.readoutAt(1).contains(QStringLiteral("validation data loss: 0.75")));
    }

    AccuracyPlot accuracy;
    accuracy.resetFor(spec, nullptr);
    accuracy.applySnapshot(snapshot(epochs, true));
    QCPGraph *val = accuracy.validationGraph();
    QVERIFY(val);
    QCOMPARE(accuracy.plot()->legend->hasItemWithPlottable(val), split);
    QCOMPARE(val->dataCount(), split ? 3 : 0);
    if (split) {
        QCOMPARE(val->data()->at(0)->value, 80.0); // percent
        QCOMPARE(val->data()->at(2)->value, 60.0);
        // The y range takes the validation curve in: 60 % is above the lower end.
        QVERIFY(accuracy.plot()->yAxis->range().lower <= 60.0);
    }
}

void TestPlots::earlyStopMarkers() {
    ExperimentSpec spec = specWithLayers(2);
    spec.dataset.validationFraction = 0.2;
    LossPlot loss;
    AccuracyPlot accuracy;
    for (TrainingView *view : std::initializer_list<TrainingView *>{&loss, &accuracy}) {
        view->resize(800, 500);
        view->resetFor(spec, nullptr);
        std::vector<EpochMetrics> epochs;
        for (int e = 0; e <= 9; ++e)
            epochs.push_back(makeEpoch(e, 1.0, 1.0));
        TrainingSnapshot first = snapshot({epochs.begin(), epochs.begin() + 5}, true);
        RunEarlyStopping record;
        record.monitor = "val_data_loss";
        record.bestEpoch = 4;
        record.best = 0.25;
        first.earlyStopping = record; // not stopped yet: nothing marked
        view->applySnapshot(first);
        QVERIFY(view->changeMarkers()->epochs().isEmpty());

        TrainingSnapshot last = snapshot({epochs.begin() + 5, epochs.end()});
        record.stoppedEpoch = 9;
        record.restoredEpoch = 4;
        last.earlyStopping = record;
        view->applySnapshot(last);
        QCOMPARE(view->changeMarkers()->epochs(), (QList<double>{4.0, 9.0}));
        const QStringList labels = view->changeMarkers()->labels();
        QCOMPARE(labels.size(), 2);
        QVERIFY2(labels.contains(QStringLiteral("stopped early · epoch 9")),
                 qPrintable(labels.join('|')));
        QVERIFY2(labels.contains(QStringLiteral("restored best · epoch 4 (val_data_loss 0.25)")),
                 qPrintable(labels.join('|')));
        // A later snapshot with the same record adds nothing; a reset clears the marks.
        view->applySnapshot(last);
        QCOMPARE(view->changeMarkers()->labels().size(), 2);
        view->applySnapshot(snapshot({epochs.front()}, true));
        QVERIFY(view->changeMarkers()->epochs().isEmpty());

        // Without restore_best_weights the best epoch is marked as such.
        record.restoredEpoch = 0;
        TrainingSnapshot noRestore = snapshot(epochs, true);
        noRestore.earlyStopping = record;
        view->applySnapshot(noRestore);
        QVERIFY(view->changeMarkers()->labels().contains(
            QStringLiteral("best · epoch 4 (val_data_loss 0.25)")));
    }
}

QTEST_MAIN(TestPlots)
#include "tst_plots.moc"
