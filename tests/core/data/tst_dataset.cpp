// SPDX-License-Identifier: GPL-3.0-or-later
// loadDataset: the checks shared by every source, unknown sources, the list of built-ins and
// the outputs a set needs.
#include "core/data/dataset.h"
#include "core/data/mnist.h"
#include "core/data/synthetic.h"
#include "core/error.h"
#include "support/test_support.h"

#include <QTest>

#include <cmath>
#include <optional>

using namespace reglab;
using namespace reglab::test;

class TestDataset : public QObject {
    Q_OBJECT

private slots:
    void badSpecs_data();
    void badSpecs();
    void builtinList();
    void outputDim();
};

void TestDataset::badSpecs_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("samples");
    QTest::addColumn<double>("noise");
    QTest::addColumn<double>("testFraction");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("field");
    QTest::newRow("samples_3") << "spiral" << 3 << 0.1 << 0.2 << 0 << "dataset.samples";
    QTest::newRow("samples_negative") << "circle" << -5 << 0.1 << 0.2 << 0 << "dataset.samples";
    QTest::newRow("samples_too_many")
        << "xor" << limits::kMaxSamples + 1 << 0.1 << 0.2 << 0 << "dataset.samples";
    QTest::newRow("limit_negative") << "moons" << 100 << 0.1 << 0.2 << -1 << "dataset.limit";
    QTest::newRow("mnist_limit_negative")
        << "mnist-10k" << 100 << 0.1 << 0.2 << -1 << "dataset.limit";
    QTest::newRow("noise_negative") << "plane" << 100 << -0.1 << 0.2 << 0 << "dataset.noise";
    QTest::newRow("noise_nan") << "plane" << 100 << std::nan("") << 0.2 << 0 << "dataset.noise";
    QTest::newRow("test_fraction_1")
        << "gaussian" << 100 << 0.1 << 1.0 << 0 << "dataset.test_fraction";
    QTest::newRow("no_train_left") << "gaussian" << 4 << 0.1 << 0.9 << 0 << "dataset.test_fraction";
    QTest::newRow("unknown_source") << "spirals" << 100 << 0.1 << 0.2 << 0 << "dataset.source";
    QTest::newRow("empty_source") << "" << 100 << 0.1 << 0.2 << 0 << "dataset.source";
}

void TestDataset::badSpecs() {
    QFETCH(QString, source);
    QFETCH(int, samples);
    QFETCH(double, noise);
    QFETCH(double, testFraction);
    QFETCH(int, limit);
    QFETCH(QString, field);
    DatasetSpec spec;
    spec.source = source.toStdString();
    spec.samples = samples;
    spec.noise = noise;
    spec.testFraction = testFraction;
    spec.limit = limit;
    const auto err = inputErrorOf([&] { loadDataset(spec, 1); });
    QVERIFY2(err, "no InputError");
    QCOMPARE(qs(err->field()), field);
    // Errors about a built-in set name it in place of a file.
    QCOMPARE(qs(err->file()), source.isEmpty() ? QStringLiteral("(none)") : source);
}

void TestDataset::builtinList() {
    const std::vector<BuiltinDataset> list = builtinDatasets();
    QStringList names;
    for (const BuiltinDataset &b : list) {
        names << qs(b.name);
        QVERIFY2(!b.description.empty(), b.name.c_str());
        const bool regression = b.name == "plane" || b.name == "multigaussian";
        QCOMPARE(b.task == TaskKind::Regression, regression);
        QCOMPARE(isSyntheticDataset(b.name), b.name != "mnist-10k" && b.name != "fashion-mnist");
        if (b.name == "fashion-mnist") {
            QCOMPARE(b.available, fashionMnistInstalled());
            QCOMPARE(qs(b.note).contains("apt-get install dataset-fashion-mnist"), !b.available);
        } else {
            QVERIFY(b.available);
        }
    }
    QCOMPARE(names, QStringList({"circle", "xor", "gaussian", "spiral", "moons", "plane",
                                 "multigaussian", "mnist-10k", "fashion-mnist"}));
    QVERIFY(!isSyntheticDataset("idx"));
    QVERIFY(!isSyntheticDataset("csv"));
    QVERIFY(!isSyntheticDataset("Spiral"));
}

void TestDataset::outputDim() {
    Dataset d;
    d.numClasses = 10;
    d.trainY = MatrixF::Zero(3, 5);
    QCOMPARE(d.outputDim(LossKind::SoftmaxCrossEntropy), 10);
    QCOMPARE(d.outputDim(LossKind::SigmoidCrossEntropy), 1);
    QCOMPARE(d.outputDim(LossKind::MeanSquaredError), 3);
}

QTEST_APPLESS_MAIN(TestDataset)
#include "tst_dataset.moc"
