// SPDX-License-Identifier: GPL-3.0-or-later
// Weight statistics of the per-epoch report: histograms and the percentiles the
// distributions view draws, checked against values computed by hand.
#include "core/train/metrics.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

using namespace reglab;

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void percentilesInterpolateBetweenRanks();
    void percentilesSkipNonFiniteValues();
    void percentilesOfOneValue();
    void percentilesMatchASortedCopy();
    void histogramCountsEveryFiniteValue();
};

void TestMetrics::percentilesInterpolateBetweenRanks() {
    // Sorted: 1 2 3 4 (n - 1 = 3). p = 6.68 % -> h = 0.2004 -> 1 + 0.2004 · (2 - 1).
    const std::vector<float> v{4, 1, 3, 2};
    const Percentiles p = weightPercentiles(v.data(), Index(v.size()));
    QCOMPARE(p[0], 1.0);
    QCOMPARE(p[1], 1.2004);
    QCOMPARE(p[2], 1.4761); // h = 0.4761
    QCOMPARE(p[3], 1.9255); // h = 0.9255
    QCOMPARE(p[4], 2.5);    // h = 1.5
    QCOMPARE(p[5], 3.0745); // h = 2.0745
    QCOMPARE(p[6], 3.5239); // h = 2.5239
    QCOMPARE(p[7], 3.7996); // h = 2.7996
    QCOMPARE(p[8], 4.0);
}

void TestMetrics::percentilesSkipNonFiniteValues() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> v{nan, -2, inf, 6, -inf};
    const Percentiles p = weightPercentiles(v.data(), Index(v.size()));
    QCOMPARE(p[0], -2.0);
    QCOMPARE(p[4], 2.0); // the median of -2 and 6
    QCOMPARE(p[8], 6.0);
    const std::vector<float> none{nan, inf};
    for (double x : weightPercentiles(none.data(), Index(none.size())))
        QVERIFY(std::isnan(x));
    for (double x : weightPercentiles(nullptr, 0))
        QVERIFY(std::isnan(x));
}

void TestMetrics::percentilesOfOneValue() {
    const float v = -0.25f;
    for (double x : weightPercentiles(&v, 1))
        QCOMPARE(x, -0.25);
}

void TestMetrics::percentilesMatchASortedCopy() {
    // The partial selection gives what a full sort and the textbook formula give.
    std::mt19937 gen(7);
    std::normal_distribution<float> normal(0.0f, 0.1f);
    for (int n : {2, 3, 10, 101, 1000, 4097}) {
        std::vector<float> v(static_cast<std::size_t>(n));
        for (float &x : v)
            x = normal(gen);
        v[std::size_t(n / 2)] = v[0]; // ties
        std::vector<float> sorted = v;
        std::sort(sorted.begin(), sorted.end());
        const Percentiles p = weightPercentiles(v.data(), Index(n));
        for (std::size_t i = 0; i < p.size(); ++i) {
            const double h = kDistributionPercents[i] / 100.0 * double(n - 1);
            const auto f = std::size_t(std::floor(h));
            const double lo = sorted[f];
            const double hi = sorted[std::min(f + 1, std::size_t(n - 1))];
            QCOMPARE(p[i], lo + (h - double(f)) * (hi - lo));
        }
        QVERIFY(std::is_sorted(p.begin(), p.end()));
    }
}

void TestMetrics::histogramCountsEveryFiniteValue() {
    // [0, 4] in 4 bins of width 1; the maximum falls into the last bin; NaN in none.
    const std::vector<float> v{0, 0.5f, 1, 2.5f, 4, std::numeric_limits<float>::quiet_NaN()};
    const Histogram h = makeHistogram(v.data(), Index(v.size()), 4);
    QCOMPARE(h.min, 0.0);
    QCOMPARE(h.max, 4.0);
    QCOMPARE(h.counts, (std::vector<std::uint64_t>{2, 1, 1, 1}));
    // A constant tensor: a window of width 1 around it.
    const std::vector<float> zeros(5, 0.0f);
    const Histogram z = makeHistogram(zeros.data(), 5, 2);
    QCOMPARE(z.min, -0.5);
    QCOMPARE(z.max, 0.5);
    QCOMPARE(z.counts, (std::vector<std::uint64_t>{0, 5}));
}

QTEST_APPLESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
