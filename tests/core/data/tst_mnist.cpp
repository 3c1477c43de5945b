// SPDX-License-Identifier: GPL-3.0-or-later
// The built-in image sets: mnist-10k (embedded) and, when installed, fashion-mnist.
#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/data/mnist.h"
#include "core/error.h"
#include "support/test_support.h"

#include <QTest>

#include <cmath>
#include <filesystem>
#include <optional>

using namespace reglab;
using namespace reglab::test;

namespace {

bool fashionInstalled() {
    for (const char *f : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                          "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"}) {
        if (!std::filesystem::exists(std::string(kFashionMnistDir) + "/" + f))
            return false;
    }
    return true;
}

} // namespace

class TestMnist : public QObject {
    Q_OBJECT

private slots:
    void mnist10k();
    void mnist10kLimit();
    void fashionMnist();
    void fashionMnistInstalledChecksTheFiles();
};

void TestMnist::mnist10k() {
    DatasetSpec spec;
    spec.source = "mnist-10k";
    spec.testFraction = 0.2;
    const Dataset d = loadDataset(spec, 1);
    QCOMPARE(qs(d.name), QStringLiteral("mnist-10k"));
    QVERIFY(d.task == TaskKind::Classification);
    QCOMPARE(d.trainSize(), Index(8000));
    QCOMPARE(d.testSize(), Index(2000));
    QCOMPARE(d.inputDim(), Index(784));
    QCOMPARE(d.imageWidth, 28);
    QCOMPARE(d.imageHeight, 28);
    QCOMPARE(d.numClasses, 10);
    QCOMPARE(int(d.classNames.size()), 10);
    QCOMPARE(qs(d.classNames[0]), QStringLiteral("0"));
    QCOMPARE(qs(d.classNames[9]), QStringLiteral("9"));

    // Train and test side by side.
    MatrixF x(d.inputDim(), d.trainSize() + d.testSize());
    MatrixF y(1, d.trainSize() + d.testSize());
    x << d.trainX, d.testX;
    y << d.trainY, d.testY;

    // Class counts of the first 10,000 MNIST training digits.
    std::vector<int> counts(10, 0);
    for (Index j = 0; j < y.cols(); ++j) {
        const float label = y(0, j);
        QVERIFY(label >= 0.0f && label <= 9.0f && label == std::floor(label));
        ++counts[std::size_t(label)];
    }
    QCOMPARE(counts, (std::vector<int>{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}));
    // The file groups labels by digit: the shuffle must mix them (a 2,000-sample test set of
    // the last digits would hold only 8s and 9s).
    std::vector<int> testCounts(10, 0);
    for (Index j = 0; j < d.testY.cols(); ++j)
        ++testCounts[std::size_t(d.testY(0, j))];
    for (int c = 0; c < 10; ++c)
        QVERIFY2(testCounts[std::size_t(c)] > 120, qPrintable(QString::number(c)));

    // Pixels byte / 255 in [0, 1]; the byte total of all 10,000 images is 262,146,600.
    QVERIFY(x.minCoeff() == 0.0f);
    QVERIFY(x.maxCoeff() == 1.0f);
    QCOMPARE((x.array() * 255.0f).round().cast<double>().sum(), 262146600.0);

    // The first stored image sums to 31,095 / 255; the shuffle is pinned by seed 1.
    const auto [images, size] = embeddedMnistImages();
    const IdxData raw = parseIdx(images, size, "mnist-10k");
    QCOMPARE(raw.dims, (std::vector<std::uint32_t>{10000, 28, 28}));
    int firstSum = 0;
    for (int i = 0; i < 784; ++i)
        firstSum += raw.values[std::size_t(i)];
    QCOMPARE(firstSum, 31095);
    const Dataset again = loadDataset(spec, 1);
    QVERIFY(again.trainX.col(0) == d.trainX.col(0));
    QVERIFY(again.testY == d.testY);
    const Dataset other = loadDataset(spec, 2);
    QVERIFY(other.testY != d.testY);
}

void TestMnist::mnist10kLimit() {
    DatasetSpec spec;
    spec.source = "mnist-10k";
    spec.limit = 1000;
    spec.testFraction = 0.25;
    const Dataset d = loadDataset(spec, 1);
    QCOMPARE(d.trainSize(), Index(750));
    QCOMPARE(d.testSize(), Index(250));
    // A shuffled 1,000 holds every digit.
    std::vector<int> counts(10, 0);
    for (Index j = 0; j < d.trainY.cols(); ++j)
        ++counts[std::size_t(d.trainY(0, j))];
    for (int c = 0; c < 10; ++c)
        QVERIFY(counts[std::size_t(c)] > 30);
}

void TestMnist::fashionMnist() {
    DatasetSpec spec;
    spec.source = "fashion-mnist";
    if (!fashionInstalled()) {
        const auto err = inputErrorOf([&] { loadDataset(spec, 1); });
        QVERIFY(err);
        QVERIFY(qs(err->message()).contains("apt-get install dataset-fashion-mnist"));
        QSKIP("dataset-fashion-mnist is not installed");
    }
    const Dataset d = loadDataset(spec, 1);
    QCOMPARE(d.trainSize(), Index(60000));
    QCOMPARE(d.testSize(), Index(10000));
    QCOMPARE(d.inputDim(), Index(784));
    QCOMPARE(d.numClasses, 10);
    QCOMPARE(qs(d.classNames[0]), QStringLiteral("T-shirt/top"));
    QCOMPARE(qs(d.classNames[9]), QStringLiteral("Ankle boot"));
    // Fashion-MNIST is balanced: 6,000 per class in training, 1,000 in testing.
    std::vector<int> train(10, 0);
    std::vector<int> test(10, 0);
    for (Index j = 0; j < d.trainY.cols(); ++j)
        ++train[std::size_t(d.trainY(0, j))];
    for (Index j = 0; j < d.testY.cols(); ++j)
        ++test[std::size_t(d.testY(0, j))];
    QCOMPARE(train, std::vector<int>(10, 6000));
    QCOMPARE(test, std::vector<int>(10, 1000));
    QVERIFY(d.trainX.minCoeff() >= 0.0f && d.trainX.maxCoeff() <= 1.0f);

    // limit: 1,000 training and round(1000 * 0.2) = 200 test samples.
    spec.limit = 1000;
    const Dataset small = loadDataset(spec, 1);
    QCOMPARE(small.trainSize(), Index(1000));
    QCOMPARE(small.testSize(), Index(200));
}

void TestMnist::fashionMnistInstalledChecksTheFiles() {
    QCOMPARE(fashionMnistInstalled(), fashionInstalled());
}

QTEST_APPLESS_MAIN(TestMnist)
#include "tst_mnist.moc"
