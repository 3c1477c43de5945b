// SPDX-License-Identifier: GPL-3.0-or-later
// Dead and pruned units on hand-made networks: which units, how many, per layer.
#include "core/nn/network.h"
#include "core/train/metrics.h"
#include "core/train/unit_status.h"
#include "support/test_support.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <vector>

using namespace reglab;

namespace {

/// 2 -> 3 (relu) -> 2 (relu) -> 1 (linear), weights set by hand:
///   h0 = relu(x0 + x1)          active wherever x0 + x1 > 0
///   h1 = relu(-x0 - x1 - 10)    dead on inputs with x0 + x1 > -10
///   h2 = relu(0.0005 x0 - 0.0002 x1 + 1)   pruned (every |w| < 1e-3), active (bias 1)
///   g0 = relu(h0 - 100)         dead while h0 <= 100
///   g1 = relu(h0 + h1 + h2)     active
///   o  = g0 + 0.0001 g1         pruned (|w| < 1e-3), not a ReLU: never dead
Network<float> handMade() {
    ModelSpec model;
    model.layers = {test::denseLayer("hidden1", 3, Activation::Relu),
                    test::denseLayer("hidden2", 2, Activation::Relu),
                    test::denseLayer("out", 1, Activation::Linear)};
    Network<float> net(2, model);
    net.layers()[0].kernel << 1, 1, //
        -1, -1,                     //
        0.0005f, -0.0002f;
    net.layers()[0].bias << 0, -10, 1;
    net.layers()[1].kernel << 1, 0, 0, //
        1, 1, 1;
    net.layers()[1].bias << -100, 0;
    net.layers()[2].kernel << 0.0009f, 0.0001f;
    net.layers()[2].bias << 0;
    return net;
}

/// Three samples (columns): (1, 2), (-1, 0.5), (3, -3); x0 + x1 = 3, -0.5, 0.
MatrixF samples() {
    MatrixF x(2, 3);
    x << 1, -1, 3, //
        2, 0.5f, -3;
    return x;
}

} // namespace

class TestUnitStatus : public QObject {
    Q_OBJECT

private slots:
    void prunedUnitsHaveEveryIncomingWeightNearZero();
    void peaksAreTheLargestOutputs();
    void deadUnitsAreReluUnitsNeverActive();
    void layerMetricsCountBoth();
    void historyKeepsTheFlagsOfTheNewestEpochOnly();
};

void TestUnitStatus::prunedUnitsHaveEveryIncomingWeightNearZero() {
    const Network<float> net = handMade();
    QCOMPARE(prunedUnitFlags(net.layers()[0].kernel, 1e-3),
             (std::vector<std::uint8_t>{0, 0, kUnitPruned}));
    QCOMPARE(prunedUnitFlags(net.layers()[1].kernel, 1e-3), (std::vector<std::uint8_t>{0, 0}));
    QCOMPARE(prunedUnitFlags(net.layers()[2].kernel, 1e-3),
             (std::vector<std::uint8_t>{kUnitPruned}));
    // The threshold is strict: |w| = 0.0009f is not below itself (the float's exact value).
    QCOMPARE(prunedUnitFlags(net.layers()[2].kernel, double(0.0009f)),
             (std::vector<std::uint8_t>{0}));
    MatrixF nan(1, 2);
    nan << std::numeric_limits<float>::quiet_NaN(), 0;
    QCOMPARE(prunedUnitFlags(nan, 1e-3), (std::vector<std::uint8_t>{0}));
}

void TestUnitStatus::peaksAreTheLargestOutputs() {
    const Network<float> net = handMade();
    // Chunks of 2 columns: the third sample comes in a chunk of its own.
    const std::vector<VectorF> peaks = peakActivations(net, samples(), 2);
    QCOMPARE(peaks.size(), std::size_t(3));
    // h0 = relu(3, -0.5, 0) -> 3; h1 = relu(-13, -9.5, -10) -> 0
    // h2 = relu(1 + 0.0005 x0 - 0.0002 x1): 1.0001, 0.9994, 1.0021 -> 1.0021
    QCOMPARE(peaks[0].size(), Index(3));
    QCOMPARE(peaks[0](0), 3.0f);
    QCOMPARE(peaks[0](1), 0.0f);
    QVERIFY(std::abs(peaks[0](2) - 1.0021f) < 1e-6f);
    // g0 = relu(h0 - 100) -> 0; g1 = relu(h0 + h1 + h2): 4.0001, 0.9994, 1.0021 -> 4.0001
    QCOMPARE(peaks[1](0), 0.0f);
    QVERIFY(std::abs(peaks[1](1) - 4.0001f) < 1e-5f);
    // The linear output layer after the last ReLU layer is not computed.
    QCOMPARE(peaks[2].size(), Index(0));
    // The same whatever the chunk.
    const std::vector<VectorF> whole = peakActivations(net, samples(), 1024);
    QCOMPARE(whole[1](1), peaks[1](1));
}

void TestUnitStatus::deadUnitsAreReluUnitsNeverActive() {
    const Network<float> net = handMade();
    const auto flags = deadUnitFlags(net, peakActivations(net, samples()));
    QCOMPARE(flags.size(), std::size_t(3));
    QCOMPARE(flags[0], (std::vector<std::uint8_t>{0, kUnitDead, 0}));
    QCOMPARE(flags[1], (std::vector<std::uint8_t>{kUnitDead, 0}));
    QVERIFY(flags[2].empty());
    // One sample that wakes h1 (x0 + x1 = -12: h1 = 2) and g0 stays dead.
    MatrixF wake(2, 1);
    wake << -6, -6;
    const auto again = deadUnitFlags(net, peakActivations(net, wake));
    QCOMPARE(again[0], (std::vector<std::uint8_t>{kUnitDead, 0, 0}));
}

void TestUnitStatus::layerMetricsCountBoth() {
    const Network<float> net = handMade();
    ModelSpec model;
    for (const auto &l : net.layers())
        model.layers.push_back(test::denseLayer(l.name, int(l.units()), l.activation));
    std::vector<LayerMetrics> m = layerMetrics(net, model, L2Convention::Keras, 4);
    QCOMPARE(m.size(), std::size_t(3));
    QCOMPARE(m[0].prunedUnits, 1);
    QCOMPARE(m[1].prunedUnits, 0);
    QCOMPARE(m[2].prunedUnits, 1);
    QCOMPARE(m[0].deadUnits, -1); // not known before markDeadUnits()
    markDeadUnits(m, net, samples());
    QCOMPARE(m[0].deadUnits, 1);
    QCOMPARE(m[1].deadUnits, 1);
    QCOMPARE(m[2].deadUnits, -1); // not a ReLU layer
    QCOMPARE(m[0].unitFlags, (std::vector<std::uint8_t>{0, kUnitDead, kUnitPruned}));
    QCOMPARE(m[1].unitFlags, (std::vector<std::uint8_t>{kUnitDead, 0}));
    QCOMPARE(m[2].unitFlags, (std::vector<std::uint8_t>{kUnitPruned}));
    QCOMPARE(countUnits({kUnitDead | kUnitPruned, kUnitPruned, 0}, kUnitPruned), 2);
}

void TestUnitStatus::historyKeepsTheFlagsOfTheNewestEpochOnly() {
    std::vector<EpochMetrics> history;
    for (int e = 0; e < 3; ++e) {
        EpochMetrics m;
        m.epoch = e;
        LayerMetrics l;
        l.unitFlags = {kUnitDead, 0};
        l.deadUnits = 1;
        m.layers = {l};
        appendToHistory(history, m);
    }
    QVERIFY(history[0].layers[0].unitFlags.empty());
    QVERIFY(history[1].layers[0].unitFlags.empty());
    QCOMPARE(history[2].layers[0].unitFlags.size(), std::size_t(2));
    QCOMPARE(history[0].layers[0].deadUnits, 1); // the counts stay
}

QTEST_APPLESS_MAIN(TestUnitStatus)
#include "tst_unit_status.moc"
