// SPDX-License-Identifier: GPL-3.0-or-later
// The decision field: its bounds around a 2-D set, and tiny networks with known weights
// evaluated on a 3x3 grid, one case per way an output becomes a value.
#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/train/decision_field.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace reglab;

namespace {

/// A 2 -> out network of one linear layer with kernel `w` (out x 2, row-major here) and
/// bias `b`.
Network<float> linearNet(int out, const std::vector<float> &w, const std::vector<float> &b) {
    ModelSpec model;
    LayerSpec l;
    l.name = "out";
    l.units = out;
    l.activation = Activation::Linear;
    model.layers = {l};
    Network<float> net(2, model);
    for (int o = 0; o < out; ++o) {
        net.layers()[0].kernel(o, 0) = w[std::size_t(2 * o)];
        net.layers()[0].kernel(o, 1) = w[std::size_t(2 * o + 1)];
        net.layers()[0].bias(o) = b[std::size_t(o)];
    }
    return net;
}

/// The grid of every case: x in {-1, 0, 1}, y in {0, 1, 2}.
PlaneBounds grid3x3() {
    PlaneBounds b;
    b.xMin = -1.0;
    b.xMax = 1.0;
    b.yMin = 0.0;
    b.yMax = 2.0;
    return b;
}

float sigmoid(float z) {
    return 1.0f / (1.0f + std::exp(-z));
}

} // namespace

class TestDecisionField : public QObject {
    Q_OBJECT

private slots:
    void regressionIsTheOutput();
    void hiddenLayerGoesThroughItsActivation();
    void sigmoidIsTheProbabilityOfClassOne();
    void twoClassSoftmaxIsTheProbabilityOfClassOne();
    void moreClassesGiveThePredictedClass();
    void boundsAddTenPercent();
    void boundsOfASinglePoint();
};

void TestDecisionField::regressionIsTheOutput() {
    // z = x + 2 y + 0.5; row k (y = k) holds x = -1, 0, 1.
    const Network<float> net = linearNet(1, {1.0f, 2.0f}, {0.5f});
    const std::vector<float> v =
        decisionFieldValues(net, LossKind::MeanSquaredError, grid3x3(), 3, 3);
    QCOMPARE(v, (std::vector<float>{-0.5f, 0.5f, 1.5f, 1.5f, 2.5f, 3.5f, 3.5f, 4.5f, 5.5f}));
}

void TestDecisionField::hiddenLayerGoesThroughItsActivation() {
    // h = relu([x, -x]) = (max(x, 0), max(-x, 0)); z = h0 + h1 = |x|, whatever y.
    ModelSpec model;
    LayerSpec hidden;
    hidden.name = "hidden";
    hidden.units = 2;
    hidden.activation = Activation::Relu;
    LayerSpec out;
    out.name = "out";
    out.units = 1;
    out.activation = Activation::Linear;
    model.layers = {hidden, out};
    Network<float> net(2, model);
    net.layers()[0].kernel << 1, 0, -1, 0;
    net.layers()[0].bias << 0, 0;
    net.layers()[1].kernel << 1, 1;
    net.layers()[1].bias << 0;
    const std::vector<float> v =
        decisionFieldValues(net, LossKind::MeanSquaredError, grid3x3(), 3, 3);
    QCOMPARE(v, (std::vector<float>{1, 0, 1, 1, 0, 1, 1, 0, 1}));
}

void TestDecisionField::sigmoidIsTheProbabilityOfClassOne() {
    // z = x: p = sigmoid(-1), 1/2, sigmoid(1) on every row.
    const Network<float> net = linearNet(1, {1.0f, 0.0f}, {0.0f});
    const std::vector<float> v =
        decisionFieldValues(net, LossKind::SigmoidCrossEntropy, grid3x3(), 3, 3);
    QCOMPARE(v.size(), std::size_t(9));
    for (int k = 0; k < 3; ++k) {
        QCOMPARE(v[std::size_t(3 * k)], sigmoid(-1.0f)); // 0.26894142
        QCOMPARE(v[std::size_t(3 * k + 1)], 0.5f);
        QCOMPARE(v[std::size_t(3 * k + 2)], sigmoid(1.0f)); // 0.73105858
    }
    QVERIFY(std::abs(v[0] - 0.26894142f) < 1e-6f);
}

void TestDecisionField::twoClassSoftmaxIsTheProbabilityOfClassOne() {
    // z0 = 0, z1 = y - 1: p1 = 1 / (1 + e^(z0 - z1)) = sigmoid(y - 1), the same on a row.
    const Network<float> net = linearNet(2, {0.0f, 0.0f, 0.0f, 1.0f}, {0.0f, -1.0f});
    const std::vector<float> v =
        decisionFieldValues(net, LossKind::SoftmaxCrossEntropy, grid3x3(), 3, 3);
    const float low = 1.0f / (1.0f + std::exp(1.0f));
    const float high = 1.0f / (1.0f + std::exp(-1.0f));
    QCOMPARE(v, (std::vector<float>{low, low, low, 0.5f, 0.5f, 0.5f, high, high, high}));
}

void TestDecisionField::moreClassesGiveThePredictedClass() {
    // z0 = x, z1 = -x, z2 = y - 1.5; argmax, the first class on ties (x = 0: z0 = z1 = 0).
    //   y = 0: (-1, 1, -1.5) -> 1   (0, 0, -1.5) -> 0   (1, -1, -1.5) -> 0
    //   y = 1: (-1, 1, -0.5) -> 1   (0, 0, -0.5) -> 0   (1, -1, -0.5) -> 0
    //   y = 2: (-1, 1,  0.5) -> 1   (0, 0,  0.5) -> 2   (1, -1,  0.5) -> 0
    const Network<float> net =
        linearNet(3, {1.0f, 0.0f, -1.0f, 0.0f, 0.0f, 1.0f}, {0.0f, 0.0f, -1.5f});
    const std::vector<float> v =
        decisionFieldValues(net, LossKind::SoftmaxCrossEntropy, grid3x3(), 3, 3);
    QCOMPARE(v, (std::vector<float>{1, 0, 0, 1, 0, 0, 1, 2, 0}));
}

void TestDecisionField::boundsAddTenPercent() {
    // Inputs span x in [-10, 10] (the test point holds the minimum), y in [0, 5]:
    // margins 0.1 * 20 = 2 and 0.1 * 5 = 0.5.
    Dataset d;
    d.trainX.resize(2, 3);
    d.trainX << 0, 10, 2, //
        0, 5, 1;
    d.testX.resize(2, 1);
    d.testX << -10, 2;
    const PlaneBounds b = decisionFieldBounds(d);
    QCOMPARE(b.xMin, -12.0);
    QCOMPARE(b.xMax, 12.0);
    QCOMPARE(b.yMin, -0.5);
    QCOMPARE(b.yMax, 5.5);
}

void TestDecisionField::boundsOfASinglePoint() {
    // No extent: the margin is 1e-3 (in float) on each side.
    Dataset d;
    d.trainX.resize(2, 1);
    d.trainX << 3, -2;
    const PlaneBounds b = decisionFieldBounds(d);
    QCOMPARE(b.xMin, double(3.0f - 1e-3f));
    QCOMPARE(b.xMax, double(3.0f + 1e-3f));
    QCOMPARE(b.yMin, double(-2.0f - 1e-3f));
    QCOMPARE(b.yMax, double(-2.0f + 1e-3f));
}

QTEST_APPLESS_MAIN(TestDecisionField)
#include "tst_decision_field.moc"
