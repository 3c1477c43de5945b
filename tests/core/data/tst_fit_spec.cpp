// SPDX-License-Identifier: GPL-3.0-or-later
// Fitting an experiment to its data: the loss to the task, the output layer to the classes
// or targets, and nothing else touched.
#include "core/data/dataset.h"
#include "core/data/fit_spec.h"
#include "support/test_support.h"

#include <QTest>

using namespace reglab;
using namespace reglab::test;

Q_DECLARE_METATYPE(reglab::LossKind)
Q_DECLARE_METATYPE(reglab::TaskKind)

namespace {

/// A set of `task` with `numClasses` classes (classification) or `targets` target rows.
Dataset dataOf(TaskKind task, int numClasses, int targets) {
    Dataset d;
    d.task = task;
    d.numClasses = numClasses;
    d.trainX = MatrixF::Zero(2, 4);
    d.trainY = MatrixF::Zero(targets, 4);
    return d;
}

ExperimentSpec twoLayerSpec(LossKind loss) {
    ExperimentSpec spec;
    spec.seed = 42;
    spec.loss = loss;
    spec.optimizer.learningRate = 0.125;
    spec.model.layers = {dense("hidden", 7, Activation::Relu), dense("out", 5, Activation::Linear)};
    return spec;
}

} // namespace

class TestFitSpec : public QObject {
    Q_OBJECT

private slots:
    void fitsLossAndUnits_data();
    void fitsLossAndUnits();
    void keepsEverythingElse();
    void noLayersFitsTheLossOnly();
};

void TestFitSpec::fitsLossAndUnits_data() {
    QTest::addColumn<TaskKind>("task");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("targets");
    QTest::addColumn<LossKind>("loss");
    QTest::addColumn<LossKind>("fittedLoss");
    QTest::addColumn<int>("units");
    const auto C = TaskKind::Classification;
    const auto R = TaskKind::Regression;
    const auto softmax = LossKind::SoftmaxCrossEntropy;
    const auto sigmoid = LossKind::SigmoidCrossEntropy;
    const auto mse = LossKind::MeanSquaredError;
    QTest::newRow("softmax_stays") << C << 10 << 1 << softmax << softmax << 10;
    QTest::newRow("softmax_two_classes") << C << 2 << 1 << softmax << softmax << 2;
    QTest::newRow("sigmoid_two_classes") << C << 2 << 1 << sigmoid << sigmoid << 1;
    QTest::newRow("sigmoid_three_classes") << C << 3 << 1 << sigmoid << softmax << 3;
    QTest::newRow("mse_on_classes") << C << 4 << 1 << mse << softmax << 4;
    QTest::newRow("regression_one_target") << R << 0 << 1 << softmax << mse << 1;
    QTest::newRow("regression_three_targets") << R << 0 << 3 << sigmoid << mse << 3;
    QTest::newRow("regression_mse_stays") << R << 0 << 2 << mse << mse << 2;
}

void TestFitSpec::fitsLossAndUnits() {
    QFETCH(TaskKind, task);
    QFETCH(int, classes);
    QFETCH(int, targets);
    QFETCH(LossKind, loss);
    QFETCH(LossKind, fittedLoss);
    QFETCH(int, units);
    const ExperimentSpec fitted = fitSpecToData(twoLayerSpec(loss), dataOf(task, classes, targets));
    QVERIFY(fitted.loss == fittedLoss);
    QCOMPARE(fitted.model.layers.back().units, units);
}

void TestFitSpec::keepsEverythingElse() {
    const ExperimentSpec spec = twoLayerSpec(LossKind::MeanSquaredError);
    const ExperimentSpec fitted = fitSpecToData(spec, dataOf(TaskKind::Classification, 3, 1));
    QCOMPARE(fitted.seed, std::uint64_t(42));
    QCOMPARE(fitted.optimizer.learningRate, 0.125);
    QCOMPARE(fitted.model.layers.size(), std::size_t(2));
    QCOMPARE(fitted.model.layers[0].units, 7);
    QVERIFY(fitted.model.layers[0].activation == Activation::Relu);
    QCOMPARE(qs(fitted.model.layers[1].name), QString("out"));
    QVERIFY(fitted.model.layers[1].activation == Activation::Linear);
}

void TestFitSpec::noLayersFitsTheLossOnly() {
    ExperimentSpec spec;
    spec.loss = LossKind::SoftmaxCrossEntropy;
    const ExperimentSpec fitted = fitSpecToData(spec, dataOf(TaskKind::Regression, 0, 1));
    QVERIFY(fitted.loss == LossKind::MeanSquaredError);
    QVERIFY(fitted.model.layers.empty());
}

QTEST_APPLESS_MAIN(TestFitSpec)
#include "tst_fit_spec.moc"
