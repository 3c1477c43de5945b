// SPDX-License-Identifier: GPL-3.0-or-later
// Shuffling and splitting samples: part sizes (hand-computed), the limit, the at-least-one
// test sample rule, and columns gathered in the order the split names them.
#include "core/data/split.h"
#include "core/error.h"
#include "core/random.h"
#include "support/test_support.h"

#include <QTest>

#include <algorithm>
#include <numeric>
#include <optional>

using namespace reglab;
using namespace reglab::test;

class TestSplit : public QObject {
    Q_OBJECT

private slots:
    void partSizes_data();
    void partSizes();
    void noTrainingSampleLeftIsAnError();
    void shuffleIsSeeded();
    void assignSplitGathersColumns();
};

void TestSplit::partSizes_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("testFraction");
    QTest::addColumn<int>("limit");
    QTest::addColumn<int>("train");
    QTest::addColumn<int>("test");
    // m = min(n, limit); test = round(m * fraction), at least 1 when fraction > 0.
    QTest::newRow("round_down") << 7 << 0.3 << 0 << 5 << 2;          // 2.1 -> 2
    QTest::newRow("round_half_up") << 5 << 0.1 << 0 << 4 << 1;       // 0.5 -> 1
    QTest::newRow("at_least_one") << 10 << 0.01 << 0 << 9 << 1;      // 0.1 -> 0 -> 1
    QTest::newRow("no_test_part") << 10 << 0.0 << 0 << 10 << 0;      // fraction 0
    QTest::newRow("limit") << 500 << 0.2 << 50 << 40 << 10;          // 50 kept
    QTest::newRow("limit_above_n") << 20 << 0.25 << 1000 << 15 << 5; // all kept
}

void TestSplit::partSizes() {
    QFETCH(int, n);
    QFETCH(double, testFraction);
    QFETCH(int, limit);
    QFETCH(int, train);
    QFETCH(int, test);
    DatasetSpec spec;
    spec.testFraction = testFraction;
    spec.limit = limit;
    Random rng(7);
    const Split s = splitIndices(n, spec, rng, "f");
    QCOMPARE(int(s.train.size()), train);
    QCOMPARE(int(s.test.size()), test);
    // Distinct indices of 0..n-1.
    std::vector<Index> all = s.train;
    all.insert(all.end(), s.test.begin(), s.test.end());
    std::sort(all.begin(), all.end());
    QVERIFY(std::adjacent_find(all.begin(), all.end()) == all.end());
    QVERIFY(all.front() >= 0 && all.back() < n);
    if (limit == 0 || limit >= n)
        QCOMPARE(int(all.size()), n);
}

void TestSplit::noTrainingSampleLeftIsAnError() {
    // 4 samples, 90 %: round(3.6) = 4 test samples leave none for training.
    DatasetSpec spec;
    spec.testFraction = 0.9;
    Random rng(1);
    const auto e = inputErrorOf([&] { splitIndices(4, spec, rng, "four.csv"); });
    QVERIFY(e);
    QCOMPARE(qs(e->file()), QString("four.csv"));
    QCOMPARE(qs(e->field()), QString("dataset.test_fraction"));
    QCOMPARE(qs(e->message()), QString("leaves no training samples (4 samples)"));
}

void TestSplit::shuffleIsSeeded() {
    Random a(3);
    Random b(3);
    Random c(4);
    const std::vector<Index> first = shuffledIndices(100, a);
    QVERIFY(first == shuffledIndices(100, b));
    QVERIFY(first != shuffledIndices(100, c));
    std::vector<Index> sorted = first;
    std::sort(sorted.begin(), sorted.end());
    std::vector<Index> identity(100);
    std::iota(identity.begin(), identity.end(), Index(0));
    QVERIFY(sorted == identity);
}

void TestSplit::assignSplitGathersColumns() {
    // x column j is (j, 10 j), y column j is 100 j.
    MatrixF x(2, 5);
    MatrixF y(1, 5);
    for (Index j = 0; j < 5; ++j) {
        x(0, j) = float(j);
        x(1, j) = float(10 * j);
        y(0, j) = float(100 * j);
    }
    Split s;
    s.train = {4, 0, 2};
    s.test = {3};
    Dataset d;
    assignSplit(d, x, y, s);
    MatrixF trainX(2, 3);
    trainX << 4, 0, 2, 40, 0, 20;
    QVERIFY(d.trainX == trainX);
    QVERIFY(d.trainY == (MatrixF(1, 3) << 400, 0, 200).finished());
    QVERIFY(d.testX == (MatrixF(2, 1) << 3, 30).finished());
    QVERIFY(d.testY == (MatrixF(1, 1) << 300).finished());
}

QTEST_APPLESS_MAIN(TestSplit)
#include "tst_split.moc"
