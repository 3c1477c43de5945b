// SPDX-License-Identifier: GPL-3.0-or-later
// The bounded per-epoch series behind every history and time plot: which epochs it keeps
// after N, 2N and 4N epochs (worked out by hand from the rule in thinned_series.h), the
// first, the newest and the pinned epochs; a run history's minima and early stopping's best
// epoch; and the metrics log that keeps every epoch's metrics.csv row beside it.
#include "core/io/metrics_csv.h"
#include "core/train/run_history.h"
#include "core/train/thinned_series.h"

#include <QTest>

#include <cmath>
#include <cstdlib>
#include <vector>

using namespace reglab;

namespace {

/// A series of capacity `capacity` fed epochs first..last, each with the value 10 * epoch.
ThinnedSeries<int> filled(std::size_t capacity, int first, int last) {
    ThinnedSeries<int> s(capacity);
    for (int e = first; e <= last; ++e)
        s.add(e, 10 * e);
    return s;
}

/// The values must follow their epochs (10 * epoch) after every drop.
void checkValues(const ThinnedSeries<int> &s) {
    QCOMPARE(s.values().size(), s.epochs().size());
    for (std::size_t i = 0; i < s.size(); ++i)
        QCOMPARE(s.values()[i], 10 * s.epochs()[i]);
}

/// A report of a two-layer network with the given losses (the other numbers derived).
EpochMetrics report(int epoch, double testLoss, double valLoss, double testAccuracy) {
    EpochMetrics m;
    m.epoch = epoch;
    m.trainDataLoss = 1.0 / (1.0 + epoch);
    m.testDataLoss = testLoss;
    m.regLoss = 0.25 * epoch;
    m.totalLoss = m.trainDataLoss + m.regLoss;
    m.trainAccuracy = 0.5 + 0.001 * epoch;
    m.testAccuracy = testAccuracy;
    m.hasValidation = true;
    m.valDataLoss = valLoss;
    m.valAccuracy = 0.75;
    for (const char *name : {"hidden1", "output"}) {
        LayerMetrics l;
        l.name = name;
        l.kernelL1Loss = 0.125 * epoch;
        l.biasL1Loss = 0.5;
        l.kernelL2Loss = 1.0 / 3.0;
        l.sparsity = 0.1;
        l.kernelL2Norm = std::sqrt(2.0) * epoch;
        l.histogram.counts = {1, 2, 3, 4};
        l.unitFlags = {0, 1};
        m.layers.push_back(l);
    }
    return m;
}

} // namespace

class TestThinnedSeries : public QObject {
    Q_OBJECT
private slots:
    void strideIsTheSmallestPowerOfTwoThatFits_data() {
        QTest::addColumn<int>("newest");
        QTest::addColumn<int>("capacity");
        QTest::addColumn<int>("stride");
        // floor(newest / s) + 1 <= capacity, s = 1, 2, 4, ...
        QTest::newRow("n_minus_1_fits") << 7 << 8 << 1;     // 7 + 1 = 8
        QTest::newRow("n_needs_two") << 8 << 8 << 2;        // 9 > 8; 4 + 1 = 5
        QTest::newRow("2n_minus_1_at_two") << 15 << 8 << 2; // 7 + 1 = 8
        QTest::newRow("2n_needs_four") << 16 << 8 << 4;     // 8 + 1 = 9 > 8; 4 + 1 = 5
        QTest::newRow("4n_minus_1_at_four") << 31 << 8 << 4;
        QTest::newRow("4n_needs_eight") << 32 << 8 << 8;
        QTest::newRow("capacity_2000") << 100000 << 2000 << 64; // 1562 + 1; 3125 + 1 > 2000
        QTest::newRow("unbounded") << 1000000 << 0 << 1;
    }
    void strideIsTheSmallestPowerOfTwoThatFits() {
        QFETCH(int, newest);
        QFETCH(int, capacity);
        QFETCH(int, stride);
        QCOMPARE(thinnedStride(newest, std::size_t(capacity)), stride);
    }

    void keepsEveryEpochUpToCapacity() {
        const ThinnedSeries<int> s = filled(8, 0, 7);
        QCOMPARE(s.epochs(), (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7}));
        QCOMPARE(s.stride(), 1);
        QVERIFY(!s.thinned());
        checkValues(s);
    }

    void afterTwiceTheCapacityKeepsTheEvenEpochsAndTheNewest() {
        const ThinnedSeries<int> s = filled(8, 0, 15);
        QCOMPARE(s.epochs(), (std::vector<int>{0, 2, 4, 6, 8, 10, 12, 14, 15}));
        QCOMPARE(s.stride(), 2);
        QVERIFY(s.thinned());
        checkValues(s);
    }

    void afterFourTimesTheCapacityKeepsEveryFourth() {
        const ThinnedSeries<int> s = filled(8, 0, 31);
        QCOMPARE(s.epochs(), (std::vector<int>{0, 4, 8, 12, 16, 20, 24, 28, 31}));
        QCOMPARE(s.stride(), 4);
        checkValues(s);
        // One more epoch doubles the stride again: 32 / 4 + 1 = 9 > 8.
        ThinnedSeries<int> t = filled(8, 0, 32);
        QCOMPARE(t.epochs(), (std::vector<int>{0, 8, 16, 24, 32}));
        checkValues(t);
    }

    void staysBoundedOverALongRun() {
        ThinnedSeries<int> s(100);
        for (int e = 0; e <= 200000; ++e) {
            s.add(e, 10 * e);
            QVERIFY(s.size() <= 101);
        }
        QCOMPARE(s.stride(), 2048); // 200000 / 2048 + 1 = 98 <= 100; 200000 / 1024 + 1 = 196
        checkValues(s);
    }

    void keepsTheFirstEpochWhenItIsNoMultiple() {
        // Epochs 1..20, capacity 4: stride 8 (20 / 8 + 1 = 3 <= 4; 20 / 4 + 1 = 6 > 4).
        const ThinnedSeries<int> s = filled(4, 1, 20);
        QCOMPARE(s.epochs(), (std::vector<int>{1, 8, 16, 20}));
        checkValues(s);
    }

    void ignoresEpochsThatAreNotNewer() {
        ThinnedSeries<int> s = filled(8, 0, 5);
        QVERIFY(!s.add(5, 0));
        QVERIFY(!s.add(2, 0));
        QCOMPARE(s.size(), std::size_t(6));
        checkValues(s);
    }

    void pinnedEpochsStayUntilUnpinned() {
        ThinnedSeries<int> s = filled(4, 0, 3);
        s.setPin(0, 3); // the newest, about to lose its place
        for (int e = 4; e <= 20; ++e)
            s.add(e, 10 * e);
        // Stride 8: 0, 8, 16, the newest 20, and the pinned 3.
        QCOMPARE(s.epochs(), (std::vector<int>{0, 3, 8, 16, 20}));
        // Moving the pin drops 3; 20 stays as the pinned epoch once 21 comes.
        s.setPin(0, 20);
        s.add(21, 210);
        QCOMPARE(s.epochs(), (std::vector<int>{0, 8, 16, 20, 21}));
        QCOMPARE(s.pin(0), 20);
        s.setPin(0, ThinnedEpochs::kNoPin);
        QCOMPARE(s.epochs(), (std::vector<int>{0, 8, 16, 21}));
        checkValues(s);
        s.clear();
        QVERIFY(s.empty());
        QCOMPARE(s.stride(), 1);
        QCOMPARE(s.pin(0), ThinnedEpochs::kNoPin);
        QCOMPARE(s.capacity(), std::size_t(4));
    }

    void runHistoryKeepsTheMinimaAndEarlyStoppingsBest() {
        EarlyStoppingSpec early;
        early.monitor = "test_accuracy";
        early.patience = 1000;
        RunHistory h(4, early);
        for (int e = 0; e <= 40; ++e) {
            // Test loss lowest at 13, validation loss at 27, test accuracy highest at 9.
            h.add(report(e, 1.0 + std::abs(e - 13), 2.0 + std::abs(e - 27),
                         0.9 - 0.01 * std::abs(e - 9)));
        }
        std::vector<int> kept;
        for (const EpochMetrics &m : h.epochs())
            kept.push_back(m.epoch);
        // Stride 16 (40 / 16 + 1 = 3 <= 4): 0, 16, 32, the newest 40 and the three pins.
        QCOMPARE(kept, (std::vector<int>{0, 9, 13, 16, 27, 32, 40}));
        QCOMPARE(h.pinned(EpochPins::kTestLossMin), 13);
        QCOMPARE(h.pinned(EpochPins::kValLossMin), 27);
        QCOMPARE(h.pinned(EpochPins::kEarlyStoppingBest), 9);
        QCOMPARE(h.stride(), 16);
        // Histograms stay for epoch 0 and the newest only; unit flags for the newest.
        for (const EpochMetrics &m : h.epochs()) {
            const bool histograms = m.epoch == 0 || m.epoch == 40;
            QCOMPARE(m.layers[0].histogram.counts.empty(), !histograms);
            QCOMPARE(m.layers[0].unitFlags.empty(), m.epoch != 40);
        }
        QVERIFY(h.bytes() >= 7 * (sizeof(EpochMetrics) + 2 * sizeof(LayerMetrics)));
        h.clear();
        QVERIFY(h.empty());
        QCOMPARE(h.pinned(EpochPins::kTestLossMin), ThinnedEpochs::kNoPin);
    }

    void unboundedRunHistoryKeepsEveryEpoch() {
        RunHistory h;
        for (int e = 0; e <= 300; ++e)
            h.add(report(e, 1.0, 1.0, 0.5));
        QCOMPARE(h.epochs().size(), std::size_t(301));
        QVERIFY(!h.thinned());
    }

    void metricsLogKeepsEveryRowExactly() {
        std::vector<EpochMetrics> every;
        MetricsLog log;
        RunHistory thinned(8);
        for (int e = 0; e <= 100; ++e) {
            const EpochMetrics m = report(e, 1.0 / 3.0 + e, 0.1 * e, 0.7);
            every.push_back(m);
            log.add(m);
            thinned.add(m);
        }
        QVERIFY(thinned.epochs().size() < 12);
        QCOMPARE(log.rows(), std::size_t(100)); // epochs 1..100; epoch 0 has no row
        QCOMPARE(log.lastEpoch(), 100);
        QCOMPARE(QString::fromStdString(log.csv()), QString::fromStdString(metricsCsv(every)));
        // 4 bytes of epoch and 8 per column: 6 + 4 * 2 layers + 2 validation = 16 columns.
        QVERIFY(log.bytes() >= 100 * (4 + 16 * 8));
        QVERIFY(log.bytes() <= 2 * 100 * (4 + 16 * 8) + 512);
        log.add(report(50, 1, 1, 1)); // older: ignored
        QCOMPARE(log.rows(), std::size_t(100));
        EpochMetrics fewer = report(101, 1, 1, 1);
        fewer.layers.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, log.add(fewer));
        log.clear();
        QCOMPARE(log.rows(), std::size_t(0));
        QCOMPARE(log.lastEpoch(), -1);
        QVERIFY(log.csv().empty());
    }
};

QTEST_APPLESS_MAIN(TestThinnedSeries)
#include "tst_thinned_series.moc"
