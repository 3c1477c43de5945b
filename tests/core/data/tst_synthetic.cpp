// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic 2-D sets: sizes, balance, determinism, noise, geometry and targets, and the
// train/test split they go through.
#include "core/data/dataset.h"
#include "core/data/synthetic.h"
#include "core/error.h"
#include "support/test_support.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <optional>

using namespace reglab;
using namespace reglab::test;

namespace {

DatasetSpec synthetic(const QString &name, int samples = 500, double noise = 0.1,
                      double testFraction = 0.2) {
    DatasetSpec spec;
    spec.source = name.toStdString();
    spec.samples = samples;
    spec.noise = noise;
    spec.testFraction = testFraction;
    return spec;
}

/// Train and test side by side: 2 x n inputs and 1 x n targets.
struct All {
    MatrixF x;
    MatrixF y;
};

All everything(const Dataset &d) {
    All a{MatrixF(d.trainX.rows(), d.trainSize() + d.testSize()),
          MatrixF(d.trainY.rows(), d.trainSize() + d.testSize())};
    a.x << d.trainX, d.testX;
    a.y << d.trainY, d.testY;
    return a;
}

double multiGaussian(double x, double y) {
    // Six unit bumps, signs alternating like a checkerboard of 3 x 2 cells.
    const double cx[6] = {-4, 0, 4, -4, 0, 4};
    const double cy[6] = {2.5, 2.5, 2.5, -2.5, -2.5, -2.5};
    const double s[6] = {1, -1, 1, -1, 1, -1};
    double sum = 0.0;
    for (int k = 0; k < 6; ++k)
        sum += s[k] * std::exp(-0.5 * ((x - cx[k]) * (x - cx[k]) + (y - cy[k]) * (y - cy[k])));
    return sum;
}

} // namespace

class TestSynthetic : public QObject {
    Q_OBJECT

private slots:
    void synthetic_data();
    void syntheticSizes();
    void syntheticSizes_data() { synthetic_data(); }
    void syntheticBalance();
    void syntheticBalance_data() { synthetic_data(); }
    void syntheticDeterminism();
    void syntheticDeterminism_data() { synthetic_data(); }
    void noiseIncreasesSpread();
    void noiseIncreasesSpread_data() { synthetic_data(); }
    void oddSizesAndLimit();
    void circleGeometry();
    void xorGeometry();
    void gaussianGeometry();
    void spiralGeometry();
    void moonsGeometry();
    void planeTargets();
    void multigaussianTargets();
    void defaultsShowTheShape();
    void defaultsShowTheShape_data() { synthetic_data(); }
    void applyDefaultsPerSet();
};

void TestSynthetic::synthetic_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("classification");
    QTest::newRow("circle") << "circle" << true;
    QTest::newRow("xor") << "xor" << true;
    QTest::newRow("gaussian") << "gaussian" << true;
    QTest::newRow("spiral") << "spiral" << true;
    QTest::newRow("moons") << "moons" << true;
    QTest::newRow("plane") << "plane" << false;
    QTest::newRow("multigaussian") << "multigaussian" << false;
}

void TestSynthetic::syntheticSizes() {
    QFETCH(QString, name);
    QFETCH(bool, classification);
    QVERIFY(isSyntheticDataset(name.toStdString()));
    const Dataset d = loadDataset(synthetic(name), 1);
    QCOMPARE(qs(d.name), name);
    QCOMPARE(d.task == TaskKind::Classification, classification);
    QCOMPARE(d.inputDim(), Index(2));
    QCOMPARE(d.trainSize(), Index(400)); // 500 - round(500 * 0.2)
    QCOMPARE(d.testSize(), Index(100));
    QCOMPARE(d.trainY.rows(), Index(1));
    QCOMPARE(d.trainY.cols(), Index(400));
    QCOMPARE(d.testY.cols(), Index(100));
    QVERIFY(!d.isImage());
    QVERIFY(d.trainX.allFinite() && d.testX.allFinite());
    QVERIFY(d.trainY.allFinite() && d.testY.allFinite());
    if (classification) {
        QCOMPARE(d.numClasses, 2);
        QCOMPARE(int(d.classNames.size()), 2);
        QVERIFY(d.classNames[0] != d.classNames[1]);
    } else {
        QCOMPARE(d.numClasses, 0);
        QVERIFY(d.classNames.empty());
    }
}

void TestSynthetic::syntheticBalance() {
    QFETCH(QString, name);
    QFETCH(bool, classification);
    const Dataset d = loadDataset(synthetic(name), 7);
    const All a = everything(d);
    if (classification) {
        // Labels are exactly 0 or 1; 250 of each; the shuffle spreads them over the split.
        for (Index j = 0; j < a.y.cols(); ++j)
            QVERIFY(a.y(0, j) == 0.0f || a.y(0, j) == 1.0f);
        QCOMPARE(a.y.sum(), 250.0f);
        const float trainOnes = d.trainY.sum();
        QVERIFY2(trainOnes > 160 && trainOnes < 240, qPrintable(QString::number(trainOnes)));
    } else {
        // Regression targets vary: variance well above zero.
        const double mean = a.y.mean();
        const double var = (a.y.array() - float(mean)).square().mean();
        QVERIFY2(var > 0.05, qPrintable(QString::number(var)));
    }
    // Inputs span the plane around the origin (not rescaled: several units wide).
    QVERIFY(a.x.row(0).maxCoeff() - a.x.row(0).minCoeff() > 3.0f);
    QVERIFY(a.x.row(1).maxCoeff() - a.x.row(1).minCoeff() > 3.0f);
}

void TestSynthetic::syntheticDeterminism() {
    QFETCH(QString, name);
    const Dataset a = loadDataset(synthetic(name), 42);
    const Dataset b = loadDataset(synthetic(name), 42);
    const Dataset c = loadDataset(synthetic(name), 43);
    QVERIFY(a.trainX == b.trainX);
    QVERIFY(a.trainY == b.trainY);
    QVERIFY(a.testX == b.testX);
    QVERIFY(a.testY == b.testY);
    QVERIFY(a.trainX != c.trainX);
    QVERIFY(a.testX != c.testX);
}

void TestSynthetic::noiseIncreasesSpread() {
    // One seed draws the same clean points whatever the noise; the mean distance between the
    // clean and the noisy set (inputs for classification, targets for regression) must grow.
    QFETCH(QString, name);
    QFETCH(bool, classification);
    const All clean = everything(loadDataset(synthetic(name, 1000, 0.0), 9));
    double previous = 0.0;
    for (double noise : {0.1, 0.3, 0.5}) {
        const All noisy = everything(loadDataset(synthetic(name, 1000, noise), 9));
        QCOMPARE(noisy.x.cols(), clean.x.cols());
        QVERIFY(noisy.y == clean.y || !classification); // same labels, same order
        const double spread = classification ? double((noisy.x - clean.x).colwise().norm().mean())
                                             : double((noisy.y - clean.y).cwiseAbs().mean());
        QVERIFY2(spread > previous * 1.2,
                 qPrintable(
                     QStringLiteral("noise %1: %2 after %3").arg(noise).arg(spread).arg(previous)));
        previous = spread;
    }
    if (!classification) // regression inputs stay clean
        QVERIFY(everything(loadDataset(synthetic(name, 1000, 0.5), 9)).x == clean.x);
}

void TestSynthetic::oddSizesAndLimit() {
    // 7 samples, 30 % test: round(2.1) = 2 test, 5 train; classes 4 (class 0) + 3 (class 1).
    Dataset d = loadDataset(synthetic("circle", 7, 0.1, 0.3), 1);
    QCOMPARE(d.trainSize(), Index(5));
    QCOMPARE(d.testSize(), Index(2));
    QCOMPARE(everything(d).y.sum(), 3.0f);
    // 5 samples, 10 %: round(0.5) = 1 (half away from zero).
    d = loadDataset(synthetic("xor", 5, 0.1, 0.1), 1);
    QCOMPARE(d.testSize(), Index(1));
    // limit keeps 50 of the shuffled 500: 40 / 10.
    DatasetSpec spec = synthetic("spiral");
    spec.limit = 50;
    d = loadDataset(spec, 1);
    QCOMPARE(d.trainSize(), Index(40));
    QCOMPARE(d.testSize(), Index(10));
    // A limit above the sample count keeps everything.
    spec.limit = 100000;
    d = loadDataset(spec, 1);
    QCOMPARE(d.trainSize() + d.testSize(), Index(500));
}

void TestSynthetic::circleGeometry() {
    // Without noise: class 1 inside radius 2.5, class 0 in the ring 3.5 .. 5.
    const All a = everything(loadDataset(synthetic("circle", 2000, 0.0), 3));
    for (Index j = 0; j < a.x.cols(); ++j) {
        const float r = a.x.col(j).norm();
        if (a.y(0, j) == 1.0f)
            QVERIFY2(r <= 2.5f + 1e-5f, qPrintable(QString::number(r)));
        else
            QVERIFY2(r >= 3.5f - 1e-5f && r <= 5.0f + 1e-5f, qPrintable(QString::number(r)));
    }
    // With noise 0.5 points move up to 2.5 per axis: some inner points leave radius 2.5.
    const All b = everything(loadDataset(synthetic("circle", 2000, 0.5), 3));
    int outside = 0;
    for (Index j = 0; j < b.x.cols(); ++j)
        outside += b.y(0, j) == 1.0f && b.x.col(j).norm() > 3.5f;
    QVERIFY(outside > 20);
}

void TestSynthetic::xorGeometry() {
    // Without noise: class 1 exactly where x1 * x2 > 0; |xi| in [0.3, 5.3].
    const All a = everything(loadDataset(synthetic("xor", 2000, 0.0), 3));
    for (Index j = 0; j < a.x.cols(); ++j) {
        const float x = a.x(0, j);
        const float y = a.x(1, j);
        QCOMPARE(a.y(0, j), x * y > 0.0f ? 1.0f : 0.0f);
        QVERIFY(std::abs(x) >= 0.3f - 1e-5f && std::abs(x) <= 5.3f + 1e-5f);
        QVERIFY(std::abs(y) >= 0.3f - 1e-5f && std::abs(y) <= 5.3f + 1e-5f);
    }
}

void TestSynthetic::gaussianGeometry() {
    // Class means at (2, 2) and (-2, -2); sd sqrt(0.5) ~ 0.707 at noise 0, sqrt(0.5 + 3.5) = 2
    // at noise 0.5. With 1000 points per class the mean is within 3.3 * 2 / sqrt(1000) ~ 0.2.
    for (double noise : {0.0, 0.5}) {
        const All a = everything(loadDataset(synthetic("gaussian", 2000, noise), 3));
        const double sd = std::sqrt(0.5 + 7.0 * noise);
        for (float cls : {0.0f, 1.0f}) {
            const double centre = cls == 1.0f ? 2.0 : -2.0;
            double sum = 0.0;
            double sumSq = 0.0;
            int n = 0;
            for (Index j = 0; j < a.x.cols(); ++j) {
                if (a.y(0, j) != cls)
                    continue;
                sum += a.x(0, j);
                sumSq += (a.x(0, j) - centre) * (a.x(0, j) - centre);
                ++n;
            }
            QCOMPARE(n, 1000);
            QVERIFY2(std::abs(sum / n - centre) < 0.2, qPrintable(QString::number(sum / n)));
            const double measured = std::sqrt(sumSq / n);
            QVERIFY2(std::abs(measured - sd) < 0.1 * sd, qPrintable(QString::number(measured)));
        }
    }
}

void TestSynthetic::spiralGeometry() {
    // Without noise each point sits on its arm: r = 5 u, t = 3.5 pi u (+ pi for class 1),
    // (x1, x2) = (r sin t, r cos t). Recover u from r and check the angle.
    const All a = everything(loadDataset(synthetic("spiral", 1000, 0.0), 3));
    for (Index j = 0; j < a.x.cols(); ++j) {
        const double x = a.x(0, j);
        const double y = a.x(1, j);
        const double r = std::hypot(x, y);
        QVERIFY(r <= 5.0 + 1e-4);
        const double t = 3.5 * M_PI * (r / 5.0) + (a.y(0, j) == 1.0f ? M_PI : 0.0);
        QVERIFY2(std::abs(r * std::sin(t) - x) < 1e-3 && std::abs(r * std::cos(t) - y) < 1e-3,
                 qPrintable(QStringLiteral("(%1, %2)").arg(x).arg(y)));
    }
}

void TestSynthetic::moonsGeometry() {
    // Without noise: upper moon (class 0) on the circle of radius 2.5 around (-1.25, -0.625)
    // with x2 >= -0.625; lower moon (class 1) on the circle around (1.25, 0.625), x2 <= 0.625.
    const All a = everything(loadDataset(synthetic("moons", 1000, 0.0), 3));
    for (Index j = 0; j < a.x.cols(); ++j) {
        const bool upper = a.y(0, j) == 0.0f;
        const double cx = upper ? -1.25 : 1.25;
        const double cy = upper ? -0.625 : 0.625;
        const double dx = a.x(0, j) - cx;
        const double dy = a.x(1, j) - cy;
        QVERIFY(std::abs(std::hypot(dx, dy) - 2.5) < 1e-4);
        QVERIFY(upper ? dy >= -1e-4 : dy <= 1e-4);
    }
}

void TestSynthetic::planeTargets() {
    // Without noise the target is exactly (x1 + x2) / 10; inputs in [-6, 6]^2.
    const All a = everything(loadDataset(synthetic("plane", 500, 0.0), 3));
    for (Index j = 0; j < a.x.cols(); ++j) {
        QVERIFY(std::abs(a.x(0, j)) <= 6.0f && std::abs(a.x(1, j)) <= 6.0f);
        // Inputs are stored as float after the target was computed in double.
        QVERIFY(std::abs(a.y(0, j) - (a.x(0, j) + a.x(1, j)) / 10.0f) < 1e-6f);
    }
    // Hand check: x = (6, 6) would give 1.2; every target lies within [-1.2, 1.2].
    QVERIFY(a.y.cwiseAbs().maxCoeff() <= 1.2f);
}

void TestSynthetic::multigaussianTargets() {
    const All a = everything(loadDataset(synthetic("multigaussian", 2000, 0.0), 3));
    for (Index j = 0; j < a.x.cols(); ++j) {
        const float expected = float(multiGaussian(a.x(0, j), a.x(1, j)));
        QVERIFY(std::abs(a.y(0, j) - expected) < 1e-5f);
    }
    // Hand values: at a bump centre the neighbours are 4 and 5 away:
    // f(-4, 2.5) = 1 - e^-8 - e^-12.5 + ... ~ 0.99966; f(-2, 0) ~ 0 by symmetry of signs.
    QVERIFY(std::abs(multiGaussian(-4, 2.5) - 0.99966) < 1e-4);
    QVERIFY(std::abs(multiGaussian(-2, 0)) < 1e-12);
    // Targets reach close to +-1 somewhere in 2000 uniform draws and stay within it.
    QVERIFY(a.y.maxCoeff() > 0.8f && a.y.minCoeff() < -0.8f);
    QVERIFY(a.y.cwiseAbs().maxCoeff() <= 1.01f);
}

void TestSynthetic::defaultsShowTheShape() {
    // Each set's defaults load, and for a classification set the shape shows: most points'
    // nearest neighbour (leave one out) is of their own class.
    QFETCH(QString, name);
    QFETCH(bool, classification);
    DatasetSpec spec = synthetic(name, 4, 9.0);
    applySyntheticDefaults(spec);
    QVERIFY(spec.noise >= 0.0 && spec.noise <= 0.25);
    QVERIFY(spec.samples >= 200 && spec.samples <= limits::kMaxSamples);
    const All a = everything(loadDataset(spec, 1));
    QCOMPARE(a.x.cols(), Index(spec.samples));
    if (!classification)
        return;
    int agree = 0;
    for (Index i = 0; i < a.x.cols(); ++i) {
        Index nearest = -1;
        float best = std::numeric_limits<float>::infinity();
        for (Index j = 0; j < a.x.cols(); ++j) {
            const float d = (a.x.col(i) - a.x.col(j)).squaredNorm();
            if (j != i && d < best) {
                best = d;
                nearest = j;
            }
        }
        agree += a.y(0, nearest) == a.y(0, i) ? 1 : 0;
    }
    const double share = double(agree) / double(a.x.cols());
    QVERIFY2(share >= 0.85, qPrintable(QStringLiteral("%1: %2").arg(name).arg(share)));
}

void TestSynthetic::applyDefaultsPerSet() {
    // Switching the source from moons to spiral brings spiral's noise, not the moons' 0.35
    // at which the spiral's arms (about 1.4 apart) disappear.
    DatasetSpec spec = synthetic("moons", 100, 0.35);
    spec.source = "spiral";
    applySyntheticDefaults(spec);
    QCOMPARE(spec.noise, 0.2);
    QCOMPARE(spec.samples, 500);
    spec.source = "moons";
    applySyntheticDefaults(spec);
    QCOMPARE(spec.noise, 0.2);
    // A set read from files keeps what it has.
    DatasetSpec csv = synthetic("csv", 123, 0.7);
    applySyntheticDefaults(csv);
    QCOMPARE(csv.noise, 0.7);
    QCOMPARE(csv.samples, 123);
}

QTEST_APPLESS_MAIN(TestSynthetic)
#include "tst_synthetic.moc"
