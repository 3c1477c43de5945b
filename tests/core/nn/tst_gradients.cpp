// SPDX-License-Identifier: GPL-3.0-or-later
// Finite-difference checks (double precision) of every analytic gradient the trainer uses:
// each activation, each loss, and L1 / L2 / L1+L2 penalties on kernels and biases under
// both L2 conventions.

#include "core/nn/activation.h"
#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/nn/regularizer.h"
#include "core/random.h"

#include <QtTest>

using namespace reglab;

namespace {

using MatD = Matrix<double>;

struct Case {
    Activation hidden;
    Activation output;
    LossKind loss;
    std::optional<RegularizerSpec> kernelReg;
    std::optional<RegularizerSpec> biasReg;
    L2Convention convention;
};

ModelSpec makeModel(const Case &c, int outputs) {
    ModelSpec m;
    LayerSpec h1;
    h1.name = "h1";
    h1.units = 5;
    h1.activation = c.hidden;
    h1.kernelRegularizer = c.kernelReg;
    h1.biasRegularizer = c.biasReg;
    LayerSpec h2 = h1;
    h2.name = "h2";
    h2.units = 4;
    LayerSpec out;
    out.name = "out";
    out.units = outputs;
    out.activation = c.output;
    out.kernelRegularizer = c.kernelReg;
    out.biasRegularizer = c.biasReg;
    m.layers = {h1, h2, out};
    return m;
}

/// Total objective: mean data loss + every tensor's penalty terms.
double objective(Network<double> &net, const ModelSpec &model, const Case &c, const MatD &x,
                 const MatD &y) {
    NetworkWorkspace<double> ws;
    const MatD out = net.forward(x, ws);
    double total = computeLoss<double>(c.loss, out, y, nullptr);
    for (std::size_t i = 0; i < net.layers().size(); ++i) {
        const auto &l = net.layers()[i];
        total += penaltyTerms(l.kernel, model.layers[i].kernelRegularizer, c.convention).total();
        total += penaltyTerms(l.bias, model.layers[i].biasRegularizer, c.convention).total();
    }
    return total;
}

/// ||a - b|| / max(||a|| + ||b||, 1e-12)
double relativeError(const MatD &a, const MatD &b) {
    return (a - b).norm() / std::max(a.norm() + b.norm(), 1e-12);
}

} // namespace

class TestGradients : public QObject {
    Q_OBJECT

private slots:
    void networkGradientsMatchFiniteDifferences_data();
    void networkGradientsMatchFiniteDifferences();
    void penaltyTermsHandComputed_data();
    void penaltyTermsHandComputed();
    void signOfZeroIsZero();
    void lossValuesHandComputed();
    void sigmoidKeepsFloatPrecisionForNegativeInputs();
};

void TestGradients::networkGradientsMatchFiniteDifferences_data() {
    QTest::addColumn<int>("hidden");
    QTest::addColumn<int>("output");
    QTest::addColumn<int>("loss");
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l2");
    QTest::addColumn<bool>("biasReg");
    QTest::addColumn<int>("convention");

    const std::pair<const char *, Activation> acts[] = {{"linear", Activation::Linear},
                                                        {"relu", Activation::Relu},
                                                        {"tanh", Activation::Tanh},
                                                        {"sigmoid", Activation::Sigmoid},
                                                        {"elu", Activation::Elu}};
    const std::pair<const char *, LossKind> losses[] = {
        {"softmax_ce", LossKind::SoftmaxCrossEntropy},
        {"sigmoid_ce", LossKind::SigmoidCrossEntropy},
        {"mse", LossKind::MeanSquaredError}};
    // Every hidden activation with every loss, no penalty.
    for (const auto &[an, a] : acts) {
        for (const auto &[ln, l] : losses) {
            QTest::addRow("%s_%s_none", an, ln)
                << int(a) << int(Activation::Linear) << int(l) << 0.0 << 0.0 << false << 0;
        }
        // Every activation also as the output activation (under mse).
        QTest::addRow("out_%s_mse", an)
            << int(Activation::Tanh) << int(a) << int(LossKind::MeanSquaredError) << 0.0 << 0.0
            << false << 0;
    }
    // Penalties: L1, L2, L1+L2, kernels only and kernels + biases, both conventions.
    const std::pair<const char *, L2Convention> convs[] = {{"keras", L2Convention::Keras},
                                                           {"tf1", L2Convention::Tf1}};
    for (const auto &[cn, conv] : convs) {
        for (bool bias : {false, true}) {
            const char *bn = bias ? "kernel_bias" : "kernel";
            QTest::addRow("l1_%s_%s", bn, cn)
                << int(Activation::Tanh) << int(Activation::Linear)
                << int(LossKind::SoftmaxCrossEntropy) << 0.03 << 0.0 << bias << int(conv);
            QTest::addRow("l2_%s_%s", bn, cn)
                << int(Activation::Tanh) << int(Activation::Linear)
                << int(LossKind::SoftmaxCrossEntropy) << 0.0 << 0.05 << bias << int(conv);
            QTest::addRow("l1_l2_%s_%s", bn, cn)
                << int(Activation::Relu) << int(Activation::Linear)
                << int(LossKind::MeanSquaredError) << 0.02 << 0.07 << bias << int(conv);
        }
    }
}

void TestGradients::networkGradientsMatchFiniteDifferences() {
    QFETCH(int, hidden);
    QFETCH(int, output);
    QFETCH(int, loss);
    QFETCH(double, l1);
    QFETCH(double, l2);
    QFETCH(bool, biasReg);
    QFETCH(int, convention);

    Case c;
    c.hidden = Activation(hidden);
    c.output = Activation(output);
    c.loss = LossKind(loss);
    if (l1 != 0.0 || l2 != 0.0)
        c.kernelReg = RegularizerSpec{l1, l2};
    if (biasReg)
        c.biasReg = RegularizerSpec{l1, l2};
    c.convention = L2Convention(convention);

    const int inputs = 3;
    const int batch = 6;
    const int outputs = c.loss == LossKind::SigmoidCrossEntropy ? 1 : 3;
    const ModelSpec model = makeModel(c, outputs);
    Network<double> net(inputs, model);
    net.initialize(model, 7);
    Random rng(11);
    // Non-zero biases, and weights kept away from 0 so |w| is differentiable for L1.
    for (auto &l : net.layers()) {
        for (Index k = 0; k < l.kernel.size(); ++k) {
            double &w = l.kernel.data()[k];
            if (std::abs(w) < 0.05)
                w = w < 0 ? -0.05 - rng.uniform() * 0.1 : 0.05 + rng.uniform() * 0.1;
        }
        for (Index k = 0; k < l.bias.size(); ++k)
            l.bias[k] = (rng.uniform() < 0.5 ? -1 : 1) * (0.05 + 0.2 * rng.uniform());
    }
    MatD x(inputs, batch);
    for (Index k = 0; k < x.size(); ++k)
        x.data()[k] = rng.uniform(-1.5, 1.5);
    MatD y(c.loss == LossKind::MeanSquaredError ? outputs : 1, batch);
    for (Index j = 0; j < batch; ++j) {
        for (Index r = 0; r < y.rows(); ++r) {
            if (c.loss == LossKind::SoftmaxCrossEntropy)
                y(r, j) = double(j % outputs);
            else if (c.loss == LossKind::SigmoidCrossEntropy)
                y(r, j) = double(j % 2);
            else
                y(r, j) = rng.uniform(-1, 1);
        }
    }

    // Analytic: backward pass for the data loss, plus each tensor's penalty gradient.
    MatD dOut;
    NetworkWorkspace<double> ws;
    const MatD out = net.forward(x, ws);
    computeLoss<double>(c.loss, out, y, &dOut);
    net.backward(x, dOut, ws);
    std::vector<MatD> analytic;
    for (std::size_t i = 0; i < net.layers().size(); ++i) {
        auto &l = net.layers()[i];
        MatD gk = ws.kernelGrad[i];
        addPenaltyGradient(
            l.kernel, penaltyGradient<double>(model.layers[i].kernelRegularizer, c.convention), gk);
        MatD gb = ws.biasGrad[i];
        addPenaltyGradient(
            l.bias, penaltyGradient<double>(model.layers[i].biasRegularizer, c.convention), gb);
        analytic.push_back(gk);
        analytic.push_back(gb);
    }

    // Numeric: central differences of the whole objective.
    const double h = 1e-6;
    for (std::size_t i = 0; i < net.layers().size(); ++i) {
        for (int t = 0; t < 2; ++t) {
            auto &l = net.layers()[i];
            double *p = t == 0 ? l.kernel.data() : l.bias.data();
            const Index n = t == 0 ? l.kernel.size() : l.bias.size();
            MatD numeric(t == 0 ? l.kernel.rows() : l.bias.size(), t == 0 ? l.kernel.cols() : 1);
            for (Index k = 0; k < n; ++k) {
                const double saved = p[k];
                p[k] = saved + h;
                const double plus = objective(net, model, c, x, y);
                p[k] = saved - h;
                const double minus = objective(net, model, c, x, y);
                p[k] = saved;
                numeric.data()[k] = (plus - minus) / (2 * h);
            }
            const double err = relativeError(analytic[2 * i + std::size_t(t)], numeric);
            if (err >= 1e-6) {
                qWarning("layer %zu %s: relative error %g", i, t == 0 ? "kernel" : "bias", err);
            }
            QVERIFY(err < 1e-6);
            QVERIFY(numeric.norm() > 0.0); // the check must see a gradient at all
        }
    }
}

void TestGradients::penaltyTermsHandComputed_data() {
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l2");
    QTest::addColumn<int>("convention");
    QTest::addColumn<double>("expectedL1");
    QTest::addColumn<double>("expectedL2");
    QTest::addColumn<double>("expectedGrad0"); // d/dw at w0 = 0.5
    QTest::addColumn<double>("expectedGrad1"); // d/dw at w1 = -2
    // w = [0.5, -2, 0, 1]: sum|w| = 3.5, sum w^2 = 0.25 + 4 + 0 + 1 = 5.25
    // l1 0.1:  term 0.35; grad 0.1*sign(w) = [0.1, -0.1]
    QTest::newRow("l1") << 0.1 << 0.0 << int(L2Convention::Keras) << 0.35 << 0.0 << 0.1 << -0.1;
    // keras l2 0.01: term 0.01*5.25 = 0.0525; grad 2*0.01*w = [0.01, -0.04]
    QTest::newRow("l2_keras") << 0.0 << 0.01 << int(L2Convention::Keras) << 0.0 << 0.0525 << 0.01
                              << -0.04;
    // tf1 l2 0.01: term 0.01*5.25/2 = 0.02625; grad 0.01*w = [0.005, -0.02]
    QTest::newRow("l2_tf1") << 0.0 << 0.01 << int(L2Convention::Tf1) << 0.0 << 0.02625 << 0.005
                            << -0.02;
    // l1 0.1 + tf1 l2 0.01: grad [0.1 + 0.005, -0.1 - 0.02]
    QTest::newRow("l1_l2_tf1") << 0.1 << 0.01 << int(L2Convention::Tf1) << 0.35 << 0.02625 << 0.105
                               << -0.12;
}

void TestGradients::penaltyTermsHandComputed() {
    QFETCH(double, l1);
    QFETCH(double, l2);
    QFETCH(int, convention);
    QFETCH(double, expectedL1);
    QFETCH(double, expectedL2);
    QFETCH(double, expectedGrad0);
    QFETCH(double, expectedGrad1);
    Eigen::VectorXd w(4);
    w << 0.5, -2.0, 0.0, 1.0;
    const RegularizerSpec reg{l1, l2};
    const PenaltyTerms t = penaltyTerms(w, reg, L2Convention(convention));
    QCOMPARE_LE(std::abs(t.l1 - expectedL1), 1e-15);
    QCOMPARE_LE(std::abs(t.l2 - expectedL2), 1e-15);
    Eigen::VectorXd g = Eigen::VectorXd::Zero(4);
    addPenaltyGradient(w, penaltyGradient<double>(reg, L2Convention(convention)), g);
    QCOMPARE_LE(std::abs(g[0] - expectedGrad0), 1e-15);
    QCOMPARE_LE(std::abs(g[1] - expectedGrad1), 1e-15);
    QCOMPARE(g[2], 0.0); // sign(0) = 0 and 0 * l2 = 0
}

void TestGradients::signOfZeroIsZero() {
    QCOMPARE(signum(0.0), 0.0);
    QCOMPARE(signum(-0.0), 0.0);
    QCOMPARE(signum(-3.0f), -1.0f);
    QCOMPARE(signum(2.0), 1.0);
    const std::optional<RegularizerSpec> none;
    Eigen::VectorXd w = Eigen::VectorXd::Ones(3);
    QCOMPARE(penaltyTerms(w, none, L2Convention::Keras).total(), 0.0);
}

void TestGradients::lossValuesHandComputed() {
    // softmax CE of logits [0, ln 3] with label 1: log(1 + 3) - ln 3 = ln(4/3)
    MatD z(2, 1);
    z << 0.0, std::log(3.0);
    MatD y(1, 1);
    y << 1.0;
    MatD g;
    QCOMPARE_LE(std::abs(computeLoss<double>(LossKind::SoftmaxCrossEntropy, z, y, &g)
                         - std::log(4.0 / 3.0)),
                1e-15);
    // gradient softmax - onehot = [1/4, 3/4 - 1]
    QCOMPARE_LE(std::abs(g(0, 0) - 0.25), 1e-15);
    QCOMPARE_LE(std::abs(g(1, 0) + 0.25), 1e-15);
    // sigmoid CE of z = 0 with label 1: ln 2; mean over 2 samples with z = 0, labels 1, 0
    MatD zs(1, 2);
    zs << 0.0, 0.0;
    MatD ys(1, 2);
    ys << 1.0, 0.0;
    QCOMPARE_LE(
        std::abs(computeLoss<double>(LossKind::SigmoidCrossEntropy, zs, ys, &g) - std::log(2.0)),
        1e-15);
    QCOMPARE_LE(std::abs(g(0, 0) + 0.25), 1e-15); // (0.5 - 1) / 2
    // mse over 2 outputs x 2 samples: diffs 1, -2, 0, 3 -> (1 + 4 + 0 + 9) / 4 = 3.5
    MatD zm(2, 2);
    zm << 1.0, 0.0, -2.0, 3.0;
    MatD ym = MatD::Zero(2, 2);
    QCOMPARE_LE(std::abs(computeLoss<double>(LossKind::MeanSquaredError, zm, ym, &g) - 3.5), 1e-15);
    QCOMPARE_LE(std::abs(g(1, 1) - 2.0 * 3.0 / 4.0), 1e-15);
    // numerically stable for huge logits
    MatD big(2, 1);
    big << 1000.0, -1000.0;
    MatD label0(1, 1);
    label0 << 1.0;
    QCOMPARE_LE(
        std::abs(computeLoss<double>(LossKind::SoftmaxCrossEntropy, big, label0, nullptr) - 2000.0),
        1e-9);
}

void TestGradients::sigmoidKeepsFloatPrecisionForNegativeInputs() {
    // float sigmoid against 1 / (1 + exp(-z)) in double, down where 1 + tanh(z/2) would
    // cancel (z = -10: ~1e-3 relative error) or flush to 0 (z < -15.8).
    Eigen::MatrixXf z(1, 5);
    z << -30.0f, -20.0f, -10.0f, 0.5f, 12.0f;
    Eigen::MatrixXf a = z;
    applyActivation(Activation::Sigmoid, a);
    for (Index i = 0; i < z.size(); ++i) {
        const double expected = 1.0 / (1.0 + std::exp(-double(z(0, i))));
        QVERIFY2(
            std::abs(double(a(0, i)) - expected) <= 1e-6 * expected,
            qPrintable(QStringLiteral("z = %1: %2 vs %3").arg(z(0, i)).arg(a(0, i)).arg(expected)));
    }
}

QTEST_APPLESS_MAIN(TestGradients)
#include "tst_gradients.moc"
