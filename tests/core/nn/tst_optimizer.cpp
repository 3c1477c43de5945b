// SPDX-License-Identifier: GPL-3.0-or-later
// Optimizer updates against weights computed by hand after one and two steps.
// Tensor w = [1, -2]; gradients g1 = [0.5, 0.25] then g2 = [-0.25, 1]; lr = 0.1.

#include "core/nn/optimizer.h"

#include <QtTest>

using namespace reglab;

namespace {

using Vec2 = Eigen::Vector2d;

/// Runs two steps and returns the weights after each.
std::pair<Vec2, Vec2> twoSteps(const OptimizerSpec &spec, PenaltyGradient<double> penalty = {},
                               Vec2 g1 = Vec2(0.5, 0.25), Vec2 g2 = Vec2(-0.25, 1.0)) {
    Optimizer<double> opt(spec);
    opt.reset({2});
    Vec2 w(1.0, -2.0);
    opt.beginStep();
    opt.update(0, w.data(), g1.data(), 2, penalty);
    const Vec2 first = w;
    opt.beginStep();
    opt.update(0, w.data(), g2.data(), 2, penalty);
    return {first, w};
}

void expectNear(const Vec2 &got, double a, double b, double tol = 1e-12) {
    if (std::abs(got[0] - a) > tol || std::abs(got[1] - b) > tol)
        qWarning("got [%.15g, %.15g], expected [%.15g, %.15g]", got[0], got[1], a, b);
    QVERIFY(std::abs(got[0] - a) <= tol);
    QVERIFY(std::abs(got[1] - b) <= tol);
}

OptimizerSpec make(OptimizerKind kind, double momentum = 0.0, bool nesterov = false,
                   double weightDecay = 0.0) {
    OptimizerSpec s;
    s.type = kind;
    s.learningRate = 0.1;
    s.momentum = momentum;
    s.nesterov = nesterov;
    s.weightDecay = weightDecay;
    return s;
}

} // namespace

class TestOptimizer : public QObject {
    Q_OBJECT
private slots:
    void sgd() {
        // w1 = [1 - 0.05, -2 - 0.025]; w2 = w1 - 0.1 * [-0.25, 1]
        const auto [w1, w2] = twoSteps(make(OptimizerKind::Sgd));
        expectNear(w1, 0.95, -2.025);
        expectNear(w2, 0.975, -2.125);
    }
    void sgdMomentum() {
        // v1 = g1 = [0.5, 0.25]; w1 = w - 0.1 v1 = [0.95, -2.025]
        // v2 = 0.9 v1 + g2 = [0.45 - 0.25, 0.225 + 1] = [0.2, 1.225]
        // w2 = w1 - 0.1 v2 = [0.93, -2.1475]
        const auto [w1, w2] = twoSteps(make(OptimizerKind::Sgd, 0.9));
        expectNear(w1, 0.95, -2.025);
        expectNear(w2, 0.93, -2.1475);
    }
    void sgdNesterov() {
        // v1 = [0.5, 0.25]; w1 = w - 0.1 (g1 + 0.9 v1) = [1 - 0.095, -2 - 0.0475]
        // v2 = [0.2, 1.225]; w2 = w1 - 0.1 (g2 + 0.9 v2) = w1 - 0.1 [-0.07, 2.1025]
        const auto [w1, w2] = twoSteps(make(OptimizerKind::Sgd, 0.9, true));
        expectNear(w1, 0.905, -2.0475);
        expectNear(w2, 0.912, -2.25775);
    }
    void adam() {
        // t=1: m = 0.1 g1, v = 0.001 g1^2, mhat = g1, vhat = g1^2
        //      w1 = w - 0.1 g1 / (|g1| + 1e-7) = [1 - 0.1*0.5/0.5000001, -2 - 0.1*0.25/0.2500001]
        // t=2 (first entry): m = 0.9*0.05 + 0.1*(-0.25) = 0.02, mhat = 0.02/0.19
        //      v = 0.999*0.00025 + 0.001*0.0625 = 0.00031225, vhat = v/0.001999
        //      w2 = w1 - 0.1 * mhat / (sqrt(vhat) + 1e-7) = 0.9000000200 - 0.0266336972
        const auto [w1, w2] = twoSteps(make(OptimizerKind::Adam));
        expectNear(w1, 1.0 - 0.1 * 0.5 / 0.5000001, -2.0 - 0.1 * 0.25 / 0.2500001);
        expectNear(w2, 0.873366322772819, -2.188437596926748, 1e-12);
    }
    void adamw() {
        // Decoupled decay first: w <- w (1 - 0.1 * 0.1), then the Adam step of adam().
        // t=1: [0.99 - 0.09999998, -1.98 - 0.09999996]
        const auto [w1, w2] = twoSteps(make(OptimizerKind::AdamW, 0, false, 0.1));
        expectNear(w1, 0.99 - 0.1 * 0.5 / 0.5000001, -1.98 - 0.1 * 0.25 / 0.2500001);
        // t=2: w2 = w1 * 0.99 - (the same Adam step as in adam(), which does not depend on w)
        const double step0 = 0.900000019999996 - 0.873366322772819;
        const double step1 = -2.099999960000016 + 2.188437596926748;
        expectNear(w2, w1[0] * 0.99 - step0, w1[1] * 0.99 - step1, 1e-12);
        expectNear(w2, 0.8544663225728191, -2.1476375973267476, 1e-12);
    }
    void adamWithCoupledL2DiffersFromAdamw() {
        // Coupled L2 (tf1, b = 0.2: gradient + 0.2 w) goes through Adam's scaling:
        // t=1: g = [0.5 + 0.2, 0.25 - 0.4] = [0.7, -0.15] -> w1 = w - 0.1 sign(g) |g|/(|g|+eps)
        const auto [w1, w2] =
            twoSteps(make(OptimizerKind::Adam), PenaltyGradient<double>{0.0, 0.2});
        expectNear(w1, 1.0 - 0.1 * 0.7 / 0.7000001, -2.0 + 0.1 * 0.15 / 0.1500001);
        expectNear(w2, 0.8407351744507692, -1.9565800217224123, 1e-12);
    }
    void sgdPenaltiesFused_data() {
        QTest::addColumn<double>("l1");
        QTest::addColumn<double>("l2grad");
        QTest::addColumn<double>("expected0");
        QTest::addColumn<double>("expected1");
        // zero data gradient, so the step is the penalty's alone: w - 0.1 (l1 sign(w) + l2grad w)
        QTest::newRow("l1") << 0.5 << 0.0 << 1.0 - 0.05 << -2.0 + 0.05;
        QTest::newRow("l2_keras_b_0_5") << 0.0 << 1.0 << 1.0 - 0.1 << -2.0 + 0.2; // 2b = 1
        QTest::newRow("l2_tf1_b_0_5") << 0.0 << 0.5 << 1.0 - 0.05 << -2.0 + 0.1;  // b = 0.5
        QTest::newRow("l1_l2") << 0.5 << 0.5 << 1.0 - 0.1 << -2.0 + 0.15;
    }
    void sgdPenaltiesFused() {
        QFETCH(double, l1);
        QFETCH(double, l2grad);
        QFETCH(double, expected0);
        QFETCH(double, expected1);
        Optimizer<double> opt(make(OptimizerKind::Sgd));
        opt.reset({2});
        Vec2 w(1.0, -2.0);
        const Vec2 g(0.0, 0.0);
        opt.beginStep();
        opt.update(0, w.data(), g.data(), 2, PenaltyGradient<double>{l1, l2grad});
        expectNear(w, expected0, expected1, 1e-15);
    }
    void penaltyGradientConventions() {
        const RegularizerSpec reg{0.0, 0.5};
        QCOMPARE(penaltyGradient<double>(reg, L2Convention::Keras).l2, 1.0);
        QCOMPARE(penaltyGradient<double>(reg, L2Convention::Tf1).l2, 0.5);
        QVERIFY(penaltyGradient<double>(std::nullopt, L2Convention::Keras).isZero());
    }
    void learningRateChangeTakesEffect() {
        Optimizer<double> opt(make(OptimizerKind::Sgd));
        opt.reset({2});
        Vec2 w(1.0, -2.0);
        const Vec2 g(1.0, 1.0);
        opt.beginStep();
        opt.update(0, w.data(), g.data(), 2, {});
        opt.setLearningRate(0.5);
        opt.beginStep();
        opt.update(0, w.data(), g.data(), 2, {});
        expectNear(w, 1.0 - 0.1 - 0.5, -2.0 - 0.1 - 0.5, 1e-15);
    }
};

QTEST_APPLESS_MAIN(TestOptimizer)
#include "tst_optimizer.moc"
