// SPDX-License-Identifier: GPL-3.0-or-later
// The weights-over-time data: robust histograms with clipped end bins, estimates from stored
// histograms, a layer's series over an epoch range (kernel or bias), the ridge rows and the
// hover read-out, the bias summary of the per-epoch report and the bounded history, each
// against counts and values computed by hand.
#include "core/train/weight_history.h"
#include "core/train/weight_series.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace reglab;

namespace {

Histogram hist(double min, double max, std::vector<std::uint64_t> counts) {
    Histogram h;
    h.min = min;
    h.max = max;
    h.counts = std::move(counts);
    return h;
}

/// A point whose full-range histogram over [0, 2] has the two counts.
WeightPoint point(int epoch, std::uint64_t a, std::uint64_t b) {
    WeightPoint p;
    p.epoch = epoch;
    p.histogram = hist(0.0, 2.0, {a, b});
    return p;
}

} // namespace

class TestWeightSeries : public QObject {
    Q_OBJECT
private slots:
    void robustHistogramClipsOutliersIntoEndBins();
    void robustHistogramOfAMostlyConstantTensorIsTheFullRange();
    void percentilesFromAHistogram();
    void shareBelowFromAHistogram();
    void seriesOverAnEpochRange();
    void seriesOfTheBias();
    void ridgeRowsOffsetAndScaled();
    void ridgeRowsLogAndOverlay();
    void ridgeRowsThinnedAndRobust();
    void binReadout();
    void reportSummarizesTheBias();
    void historyHistogramsStayBounded();
};

void TestWeightSeries::robustHistogramClipsOutliersIntoEndBins() {
    // -100, then 0, 1, ..., 199 (201 values). Sorted v[0] = -100, v[i] = i - 1.
    // P0.5: h = 0.005 · 200 = 1 -> v[1] = 0; P99.5: h = 199 -> v[199] = 198.
    std::vector<float> v{-100.0f};
    for (int i = 199; i >= 0; --i) // any order
        v.push_back(float(i));
    const Histogram h = robustHistogram(v.data(), Index(v.size()), 4);
    QCOMPARE(h.min, 0.0);
    QCOMPARE(h.max, 198.0);
    // Width 49.5: [0, 49.5) holds 0..49 (50) + the clipped -100; [49.5, 99) 50..98 (49);
    // [99, 148.5) 99..148 (50); [148.5, 198] 149..198 (50) + the clipped 199.
    QCOMPARE(h.counts, (std::vector<std::uint64_t>{51, 49, 50, 51}));
    QCOMPARE(h.clippedLow, std::uint64_t(1));
    QCOMPARE(h.clippedHigh, std::uint64_t(1));
    // The full-range histogram of the same values is squashed by the outlier: width 74.75.
    const Histogram full = makeHistogram(v.data(), Index(v.size()), 4);
    QCOMPARE(full.counts, (std::vector<std::uint64_t>{1, 50, 75, 75}));
    QCOMPARE(full.clippedLow + full.clippedHigh, std::uint64_t(0));
}

void TestWeightSeries::robustHistogramOfAMostlyConstantTensorIsTheFullRange() {
    // 1000 zeros and a 5 (L1's signature): P0.5 = P99.5 = 0, so nothing can be clipped.
    std::vector<float> v(1000, 0.0f);
    v.push_back(5.0f);
    const Histogram h = robustHistogram(v.data(), Index(v.size()), 5);
    QCOMPARE(h.min, 0.0);
    QCOMPARE(h.max, 5.0);
    QCOMPARE(h.counts, (std::vector<std::uint64_t>{1000, 0, 0, 0, 1}));
    QCOMPARE(h.clippedLow + h.clippedHigh, std::uint64_t(0));
}

void TestWeightSeries::percentilesFromAHistogram() {
    // [0, 4], bins of width 1 with 2, 0, 1, 1 values (n = 4): the p-th percentile is where
    // the cumulative count reaches t = p/100 · 4, linear within its bin.
    const Percentiles p = percentilesFromHistogram(hist(0.0, 4.0, {2, 0, 1, 1}));
    const Percentiles expected{0.0, 0.1336, 0.3174, 0.617, 1.0, 2.766, 3.3652, 3.7328, 4.0};
    for (std::size_t k = 0; k < p.size(); ++k)
        QVERIFY2(std::abs(p[k] - expected[k]) < 1e-12, qPrintable(QString::number(k)));
    // Empty bins at the ends: the minimum and maximum are the outer edges of counted bins.
    const Percentiles inner = percentilesFromHistogram(hist(0.0, 4.0, {0, 3, 1, 0}));
    QCOMPARE(inner[0], 1.0);
    QCOMPARE(inner[8], 3.0);
    QVERIFY(std::isnan(percentilesFromHistogram(hist(0.0, 1.0, {0, 0}))[4]));
}

void TestWeightSeries::shareBelowFromAHistogram() {
    // [-0.02, 0.02] in bins of 0.01 holding 1, 2, 3, 4. |w| < 0.005 covers half of the second
    // and half of the third bin: (1 + 1.5) / 10.
    const Histogram h = hist(-0.02, 0.02, {1, 2, 3, 4});
    QVERIFY(std::abs(shareBelowFromHistogram(h, 0.005) - 0.25) < 1e-12);
    QVERIFY(std::abs(shareBelowFromHistogram(h, 0.05) - 1.0) < 1e-12);
    // ||W||_1: bins straddling 0 by (a² + c²) / (2 (c - a)); [-1, 0) and [0, 1] hold 1 and 3.
    QCOMPARE(l1NormFromHistogram(hist(-1.0, 1.0, {1, 3})), 2.0);
    QCOMPARE(l1NormFromHistogram(hist(-1.0, 2.0, {2})), 2.0 * 5.0 / 6.0);
    QCOMPARE(shareBelowFromHistogram(h, 0.0), 0.0);
}

void TestWeightSeries::seriesOverAnEpochRange() {
    std::vector<EpochMetrics> epochs;
    for (int e = 0; e <= 4; ++e) {
        EpochMetrics m;
        m.epoch = e;
        LayerMetrics l;
        l.name = "hidden1";
        l.histogram = hist(0.0, 4.0, {2, 0, 1, 1});
        l.sparsity = 0.1 * e;
        l.kernelL2Norm = 1.0 + e;
        if (e == 3) { // recorded live: exact percentiles, shares and norm
            l.percentiles.fill(7.0);
            auto d = std::make_shared<WeightDetails>();
            d->kernelNearZero = {0.01, 0.02, 0.03, 0.04};
            d->kernelL1Norm = 9.0;
            l.details = d;
        }
        m.layers.push_back(l);
        epochs.push_back(m);
    }
    epochs[2].layers[0].histogram.counts.clear(); // a thinned epoch without a histogram

    const auto series = weightSeries(epochs, 0, WeightTensor::Kernel, 1, 3);
    QCOMPARE(series.size(), std::size_t(2)); // 1 and 3; 2 has no histogram
    QCOMPARE(series[0].epoch, 1);
    QCOMPARE(series[1].epoch, 3);
    // Read back from a file: estimated from the histogram, sparsity as stored.
    QVERIFY(series[0].estimated);
    QCOMPARE(series[0].percentiles[4], 1.0);
    QCOMPARE(series[0].nearZero[1], 0.1);
    QCOMPARE(series[0].l2Norm, 2.0);
    // ||W||_1 from the bins [0, 1), [2, 3), [3, 4]: 2 · 0.5 + 2.5 + 3.5.
    QCOMPARE(series[0].l1Norm, 7.0);
    // 1e-4 estimated from the histogram: (-1e-4, 1e-4) covers 1e-4 of bin 0's width.
    QVERIFY(std::abs(series[0].nearZero[0] - 2.0 * 1e-4 / 4.0) < 1e-15);
    QVERIFY(!series[1].estimated);
    QCOMPARE(series[1].percentiles[0], 7.0);
    QCOMPARE(series[1].nearZero[3], 0.04);
    QCOMPARE(series[1].l1Norm, 9.0);

    QCOMPARE(weightSeries(epochs, 0, WeightTensor::Kernel).size(), std::size_t(4));
    QVERIFY(weightSeries(epochs, 0, WeightTensor::Kernel, 5).empty());
    QVERIFY(weightSeries(epochs, 1, WeightTensor::Kernel).empty()); // no such layer
}

void TestWeightSeries::seriesOfTheBias() {
    EpochMetrics m;
    LayerMetrics withBias;
    withBias.histogram = hist(0.0, 1.0, {1});
    auto d = std::make_shared<WeightDetails>();
    d->bias.size = 3;
    d->bias.histogram = hist(-1.0, 1.0, {1, 2});
    d->bias.l2Norm = 0.5;
    d->bias.l1Norm = 0.75;
    withBias.details = d;
    LayerMetrics noBias;
    noBias.histogram = hist(0.0, 1.0, {4});
    m.layers = {withBias, noBias};
    const auto bias = weightSeries({m}, 0, WeightTensor::Bias);
    QCOMPARE(bias.size(), std::size_t(1));
    QCOMPARE(bias[0].histogram.counts, (std::vector<std::uint64_t>{1, 2}));
    QCOMPARE(bias[0].l2Norm, 0.5);
    QCOMPARE(bias[0].l1Norm, 0.75);
    QVERIFY(bias[0].estimated);
    QCOMPARE(bias[0].percentiles[8], 1.0);
    QVERIFY(weightSeries({m}, 1, WeightTensor::Bias).empty()); // the layer has no bias
    QCOMPARE(weightSeries({m}, 1, WeightTensor::Kernel).front().histogram.counts.front(),
             std::uint64_t(4));
}

void TestWeightSeries::ridgeRowsOffsetAndScaled() {
    const std::vector<WeightPoint> points{point(0, 1, 3), point(5, 2, 2), point(10, 4, 0)};
    RidgeOptions o;
    o.overlap = 2.0;
    const auto rows = ridgeRows(points, o);
    QCOMPARE(rows.size(), std::size_t(3));
    // Oldest at the back (top), newest in front (baseline 0); the tallest bar (4) is 2 rows.
    QCOMPARE(rows[0].epoch, 0);
    QCOMPARE(rows[0].baseline, 2.0);
    QCOMPARE(rows[1].baseline, 1.0);
    QCOMPARE(rows[2].baseline, 0.0);
    QCOMPARE(rows[0].heights, (std::vector<double>{0.5, 1.5}));
    QCOMPARE(rows[1].heights, (std::vector<double>{1.0, 1.0}));
    QCOMPARE(rows[2].heights, (std::vector<double>{2.0, 0.0}));
    QCOMPARE(rows[2].edges, (std::vector<double>{0.0, 1.0, 2.0}));
    QCOMPARE(rows[1].total, std::uint64_t(4));
}

void TestWeightSeries::ridgeRowsLogAndOverlay() {
    const std::vector<WeightPoint> points{point(0, 1, 3), point(1, 4, 0)};
    RidgeOptions o;
    o.logCount = true;
    o.overlay = true;
    const auto rows = ridgeRows(points, o);
    QCOMPARE(rows[0].baseline, 0.0);
    QCOMPARE(rows[1].baseline, 0.0);
    // Overlay: on a count axis, log10(1 + c) unscaled.
    QCOMPARE(rows[0].heights[0], std::log10(2.0));
    QCOMPARE(rows[0].heights[1], std::log10(4.0));
    QCOMPARE(rows[1].heights[0], std::log10(5.0));
    QCOMPARE(rows[1].heights[1], 0.0);
    // Offset and log: scaled to the tallest log10(5), two rows high.
    o.overlay = false;
    const auto offset = ridgeRows(points, o);
    QVERIFY(std::abs(offset[0].heights[1] - 2.0 * std::log10(4.0) / std::log10(5.0)) < 1e-12);
    QCOMPARE(offset[1].heights[0], 2.0);
}

void TestWeightSeries::ridgeRowsThinnedAndRobust() {
    std::vector<WeightPoint> points;
    for (int e = 0; e < 10; ++e)
        points.push_back(point(e * 10, 1, 1));
    RidgeOptions o;
    o.maxRows = 4;
    const auto rows = ridgeRows(points, o);
    // Indices round(i · 9 / 3): 0, 3, 6, 9.
    QCOMPARE(rows.size(), std::size_t(4));
    QCOMPARE(rows[0].epoch, 0);
    QCOMPARE(rows[1].epoch, 30);
    QCOMPARE(rows[2].epoch, 60);
    QCOMPARE(rows[3].epoch, 90);
    QCOMPARE(rows[0].baseline, 3.0);

    // Robust: the recorded robust histogram, its clipped counts kept.
    points[9].robust = hist(0.5, 1.5, {3, 1, 2});
    points[9].robust.clippedLow = 1;
    points[9].robust.clippedHigh = 2;
    o.robust = true;
    const auto robust = ridgeRows(points, o);
    QCOMPARE(robust[3].edges, (std::vector<double>{0.5, 0.5 + 1.0 / 3.0, 0.5 + 2.0 / 3.0, 1.5}));
    QCOMPARE(robust[3].counts, (std::vector<std::uint64_t>{3, 1, 2}));
    QCOMPARE(robust[3].clippedLow, std::uint64_t(1));
    QCOMPARE(robust[3].clippedHigh, std::uint64_t(2));
    QCOMPARE(robust[0].edges, (std::vector<double>{0.0, 1.0, 2.0})); // none recorded: full
}

void TestWeightSeries::binReadout() {
    WeightPoint p = point(7, 1, 3);
    p.robust = hist(0.0, 2.0, {1, 3});
    p.robust.clippedHigh = 1;
    RidgeOptions o;
    o.robust = true;
    const RidgeRow row = ridgeRows({p}, o).front();
    QCOMPARE(binIndexAt(row, -5.0), 0);
    QCOMPARE(binIndexAt(row, 0.5), 0);
    QCOMPARE(binIndexAt(row, 1.0), 1);
    QCOMPARE(binIndexAt(row, 2.0), 1); // the last bin is closed
    QCOMPARE(binIndexAt(row, 9.0), 1);
    const BinReadout r = reglab::binReadout(row, 1);
    QCOMPARE(r.lower, 1.0);
    QCOMPARE(r.upper, 2.0);
    QCOMPARE(r.count, std::uint64_t(3));
    QCOMPARE(r.percentBelow, 25.0);
    QCOMPARE(r.percentUpTo, 100.0);
    QVERIFY(r.clippedHigh);
    QVERIFY(!r.clippedLow);
    QVERIFY(!reglab::binReadout(row, 0).clippedHigh);
    QCOMPARE(binIndexAt(RidgeRow{}, 0.0), -1);
}

void TestWeightSeries::reportSummarizesTheBias() {
    ModelSpec model;
    LayerSpec hidden;
    hidden.name = "hidden1";
    hidden.units = 2;
    LayerSpec out;
    out.name = "output";
    out.units = 1;
    out.useBias = false;
    model.layers = {hidden, out};
    Network<float> net(2, model);
    auto &layers = net.layers();
    layers[0].kernel << 0.5f, -2.0f, 0.0f, 0.005f; // out x in
    layers[0].bias << 0.05f, -0.0005f;
    layers[1].kernel << 1.0f, -1.0f;
    const auto metrics = layerMetrics(net, model, L2Convention::Keras, 4);
    QVERIFY(metrics[0].details);
    const WeightDetails &m = *metrics[0].details;
    QVERIFY(std::abs(m.kernelL1Norm - 2.505) < 1e-7); // float entries
    // |w| < 1e-4: 0 -> 1/4; < 1e-3: 1/4; < 1e-2: 0 and 0.005 -> 2/4; < 0.1: 2/4.
    QCOMPARE(m.kernelNearZero, (NearZeroShares{0.25, 0.25, 0.5, 0.5}));
    QCOMPARE(m.bias.size, Index(2));
    QVERIFY(std::abs(m.bias.l1Norm - 0.0505) < 1e-9);
    QVERIFY(std::abs(m.bias.l2Norm - std::sqrt(0.05 * 0.05 + 0.0005 * 0.0005)) < 1e-9);
    QCOMPARE(m.bias.nearZero, (NearZeroShares{0.0, 0.5, 0.5, 1.0}));
    QCOMPARE(m.bias.histogram.counts, (std::vector<std::uint64_t>{1, 0, 0, 1}));
    QCOMPARE(m.robustHistogram.counts.size(), std::size_t(4));
    QCOMPARE(metrics[1].details->bias.size, Index(0)); // no bias
    QVERIFY(metrics[1].details->bias.histogram.counts.empty());

    // Older entries of a run's history drop the histogram and the details; epoch 0 and the
    // newest keep them.
    std::vector<EpochMetrics> history;
    for (int e = 0; e < 3; ++e) {
        EpochMetrics em;
        em.epoch = e;
        em.layers = metrics;
        appendToHistory(history, em);
    }
    QVERIFY(history[0].layers[0].details);
    QVERIFY(history[1].layers[0].histogram.counts.empty());
    QVERIFY(!history[1].layers[0].details);
    QVERIFY(history[2].layers[0].details);
    QVERIFY(!history[2].layers[0].histogram.counts.empty());
}

void TestWeightSeries::historyHistogramsStayBounded() {
    // Three layers with four histograms of 40 bins each: the kept epochs, and so the bytes,
    // stop growing however long the run.
    EpochMetrics m;
    for (int i = 0; i < 3; ++i) {
        LayerMetrics l;
        l.name = "hidden" + std::to_string(i);
        l.histogram = hist(-1.0, 1.0, std::vector<std::uint64_t>(40, 1));
        m.layers.push_back(l);
    }
    WeightHistory history;
    for (int e = 0; e <= 100000; ++e) {
        m.epoch = e;
        for (LayerMetrics &l : m.layers) { // new details every epoch, as the trainer makes
            auto d = std::make_shared<WeightDetails>();
            d->robustHistogram = l.histogram;
            d->bias.size = 40;
            d->bias.histogram = l.histogram;
            d->bias.robust = l.histogram;
            l.details = d;
        }
        history.add(m);
    }
    QVERIFY(history.epochs().size() <= std::size_t(kMaxStoredEpochs + 1));
    // Per epoch at least the 3 · 4 · 40 counts of 8 bytes.
    QVERIFY(history.bytes() >= history.epochs().size() * 3 * 4 * 40 * 8);
    // The epochs' vector may hold up to twice its size.
    const std::size_t epochs = std::size_t(kMaxStoredEpochs + 1);
    const std::size_t bound =
        2 * epochs * sizeof(EpochMetrics)
        + epochs * 3 * (sizeof(LayerMetrics) + sizeof(WeightDetails) + 32 + 4 * 40 * 8);
    QVERIFY2(history.bytes() <= bound, qPrintable(QString::number(history.bytes())));
}

QTEST_APPLESS_MAIN(TestWeightSeries)
#include "tst_weight_series.moc"
