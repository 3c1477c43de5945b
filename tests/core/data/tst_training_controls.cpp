// SPDX-License-Identifier: GPL-3.0-or-later
// The training controls applied after loading (applyTrainingControls, split.h): the
// validation split, train_size and label_noise. Samples are told apart by their features
// (every synthetic point is distinct).
#include "core/data/dataset.h"
#include "core/data/split.h"
#include "core/error.h"

#include <QTest>

#include <cmath>
#include <set>
#include <vector>

using namespace reglab;

namespace {

using Point = std::vector<float>;

std::multiset<Point> columns(const MatrixF &x) {
    std::multiset<Point> out;
    for (Index j = 0; j < x.cols(); ++j)
        out.insert(Point(x.col(j).data(), x.col(j).data() + x.rows()));
    return out;
}

bool disjoint(const std::multiset<Point> &a, const std::multiset<Point> &b) {
    for (const Point &p : a) {
        if (b.count(p))
            return false;
    }
    return true;
}

DatasetSpec spiral() {
    DatasetSpec d;
    d.source = "spiral";
    d.samples = 400;
    d.testFraction = 0.25;
    return d;
}

} // namespace

class TestTrainingControls : public QObject {
    Q_OBJECT

private slots:
    /// 300 training samples, 20 %: 60 validation samples drawn from them, disjoint from the
    /// 240 left and from the test set, which is unchanged; the same under the same seed.
    void validationSplit() {
        DatasetSpec d = spiral();
        const Dataset plain = loadDataset(d, 3);
        d.validationFraction = 0.2;
        const Dataset a = loadDataset(d, 3);
        const Dataset b = loadDataset(d, 3);
        const Dataset other = loadDataset(d, 4);
        QCOMPARE(plain.trainSize(), Index(300));
        QCOMPARE(a.validationSize(), Index(60));
        QCOMPARE(a.trainSize(), Index(240));
        QVERIFY(a.hasValidation() && !plain.hasValidation());
        QVERIFY(a.testX == plain.testX && a.testY == plain.testY);
        const auto train = columns(a.trainX);
        const auto val = columns(a.valX);
        QVERIFY(disjoint(train, val));
        QVERIFY(disjoint(val, columns(a.testX)));
        std::multiset<Point> both = train;
        both.insert(val.begin(), val.end());
        QVERIFY(both == columns(plain.trainX));
        // Kept in the original order, labels with their samples.
        for (Index j = 0; j < a.valX.cols(); ++j) {
            bool found = false;
            for (Index k = 0; k < plain.trainX.cols() && !found; ++k) {
                if (plain.trainX.col(k) == a.valX.col(j)) {
                    QCOMPARE(a.valY(0, j), plain.trainY(0, k));
                    found = true;
                }
            }
            QVERIFY(found);
        }
        QVERIFY(a.valX == b.valX && a.trainX == b.trainX);
        QVERIFY(!(columns(other.valX) == val)); // another seed, another draw
    }

    /// The at-least-one rule and the error when nothing is left to train on.
    void validationSizes() {
        DatasetSpec d = spiral();
        d.samples = 8;
        d.testFraction = 0.5; // 4 training samples
        d.validationFraction = 0.01;
        QCOMPARE(loadDataset(d, 1).validationSize(), Index(1));
        d.validationFraction = 0.9;
        try {
            loadDataset(d, 1);
            QFAIL("expected an InputError");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), QString("dataset.validation_fraction"));
            QVERIFY(QString(e.what()).contains("leaves no training samples"));
        }
    }

    /// train_size keeps exactly that many of the training samples (after the validation
    /// split); more than there are is an error naming the field.
    void trainSize() {
        DatasetSpec d = spiral();
        d.validationFraction = 0.2;
        const Dataset full = loadDataset(d, 3);
        d.trainSize = 50;
        const Dataset a = loadDataset(d, 3);
        QCOMPARE(a.trainSize(), Index(50));
        QVERIFY(a.valX == full.valX && a.testX == full.testX);
        const auto all = columns(full.trainX);
        for (const Point &p : columns(a.trainX))
            QVERIFY(all.count(p) == 1);
        d.trainSize = 240;
        QVERIFY(loadDataset(d, 3).trainX == full.trainX);
        d.trainSize = 241;
        try {
            loadDataset(d, 3);
            QFAIL("expected an InputError");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), QString("dataset.train_size"));
            QVERIFY(QString(e.what()).contains("240"));
        }
    }

    /// Exactly round(f n) training labels change, each to another class; validation and
    /// test labels stay clean.
    void labelNoise_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<double>("noise");
        QTest::newRow("spiral_0.1") << "spiral" << 0.1;
        QTest::newRow("spiral_all") << "spiral" << 1.0;
        QTest::newRow("mnist_0.37") << "mnist-10k" << 0.37;
    }
    void labelNoise() {
        QFETCH(QString, source);
        QFETCH(double, noise);
        DatasetSpec d = spiral();
        d.source = source.toStdString();
        d.samples = 1000;
        d.limit = 700;
        d.validationFraction = 0.1;
        d.trainSize = 333;
        const Dataset clean = loadDataset(d, 5);
        d.labelNoise = noise;
        const Dataset noisy = loadDataset(d, 5);
        QVERIFY(noisy.trainX == clean.trainX);
        QVERIFY(noisy.valY == clean.valY && noisy.testY == clean.testY);
        const Index n = clean.trainSize();
        QCOMPARE(n, Index(333));
        Index changed = 0;
        for (Index j = 0; j < n; ++j) {
            const float was = clean.trainY(0, j);
            const float now = noisy.trainY(0, j);
            QVERIFY(now >= 0.0f && now < float(clean.numClasses) && now == std::floor(now));
            changed += now != was;
        }
        QCOMPARE(changed, Index(std::llround(noise * double(n))));
        QVERIFY(loadDataset(d, 5).trainY == noisy.trainY); // seeded
    }

    void labelNoiseNeedsClasses() {
        DatasetSpec d;
        d.source = "plane";
        d.labelNoise = 0.1;
        try {
            loadDataset(d, 1);
            QFAIL("expected an InputError");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), QString("dataset.label_noise"));
        }
    }

    /// Without the controls nothing is drawn: the data is that of the split alone.
    void noControlsNoChange() {
        DatasetSpec d = spiral();
        const Dataset a = loadDataset(d, 3);
        Dataset b = a;
        applyTrainingControls(b, d, 3, "x");
        QVERIFY(a.trainX == b.trainX && a.trainY == b.trainY && !b.hasValidation());
    }
};

QTEST_APPLESS_MAIN(TestTrainingControls)
#include "tst_training_controls.moc"
