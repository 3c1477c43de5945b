// SPDX-License-Identifier: GPL-3.0-or-later
// Convolutional layers (conv.h, network.h): window shapes, a hand-computed convolution and
// max-pool (ties included), every pool shape against brute-force loops, finite-difference gradient
// checks in double (valid and same padding, strides 1 and 2, several input and output channels, L1
// / L2 on kernels and biases under both L2 conventions), the initializer's fans and draw order, and
// the conv weights' .npz layout.

#include "core/io/weights_io.h"
#include "core/nn/conv.h"
#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/nn/regularizer.h"
#include "core/random.h"

#include <QtTest>

#include <cmath>

using namespace reglab;

namespace {

using MatD = Matrix<double>;

LayerSpec conv(const char *name, int filters, std::array<int, 2> kernel, std::array<int, 2> strides,
               Padding padding, Activation act = Activation::Tanh) {
    LayerSpec l;
    l.name = name;
    l.type = "conv2d";
    l.filters = filters;
    l.kernelSize = kernel;
    l.strides = strides;
    l.padding = padding;
    l.activation = act;
    return l;
}

LayerSpec pool(const char *name, std::array<int, 2> size, std::optional<std::array<int, 2>> strides,
               Padding padding) {
    LayerSpec l;
    l.name = name;
    l.type = "max_pool2d";
    l.poolSize = size;
    l.strides = strides;
    l.padding = padding;
    return l;
}

LayerSpec flatten() {
    LayerSpec l;
    l.name = "flat";
    l.type = "flatten";
    return l;
}

LayerSpec dense(const char *name, int units, Activation act = Activation::Linear) {
    LayerSpec l;
    l.name = name;
    l.units = units;
    l.activation = act;
    return l;
}

double relativeError(const MatD &a, const MatD &b) {
    const double scale = std::max(1.0, std::max(a.cwiseAbs().maxCoeff(), b.cwiseAbs().maxCoeff()));
    return (a - b).cwiseAbs().maxCoeff() / scale;
}

/// Random values in [-1, 1) from `seed` (no exact ties, no zeros).
MatD randomMatrix(Index rows, Index cols, std::uint64_t seed) {
    Random rng(seed);
    MatD m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = rng.uniform(-1, 1);
    return m;
}

/// Mean softmax cross-entropy + every weight layer's penalty terms.
double objective(const Network<double> &net, const ModelSpec &model, L2Convention convention,
                 const MatD &x, const MatD &y) {
    NetworkWorkspace<double> ws;
    double total =
        computeLoss<double>(LossKind::SoftmaxCrossEntropy, net.forward(x, ws), y, nullptr);
    const std::vector<std::size_t> weights = model.weightIndices();
    for (std::size_t i = 0; i < net.layers().size(); ++i) {
        const auto &l = net.layers()[i];
        const LayerSpec &s = model.layers[weights[i]];
        total += penaltyTerms(l.kernel, s.kernelRegularizer, convention).total();
        total += penaltyTerms(l.bias, s.biasRegularizer, convention).total();
    }
    return total;
}

} // namespace

class TestConv : public QObject {
    Q_OBJECT
private slots:
    void windowAxis_data();
    void windowAxis();
    void shapesAndParameters();
    void handComputedConvolution();
    void handComputedSamePaddingStride2();
    void maxPoolTiesGoToTheFirst();
    void maxPoolMatchesBruteForce_data();
    void maxPoolMatchesBruteForce();
    void gradients_data();
    void gradients();
    void initializerFansAndOrder();
    void weightsAreKerasShaped();
};

void TestConv::windowAxis_data() {
    QTest::addColumn<int>("in");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("padding");
    QTest::addColumn<int>("out");
    QTest::addColumn<int>("padBefore");
    // valid: floor((in - k) / s) + 1
    QTest::newRow("valid_28_3_1") << 28 << 3 << 1 << int(Padding::Valid) << 26 << 0;
    QTest::newRow("valid_28_3_2") << 28 << 3 << 2 << int(Padding::Valid) << 13 << 0;
    QTest::newRow("valid_7_7_1") << 7 << 7 << 1 << int(Padding::Valid) << 1 << 0;
    QTest::newRow("valid_k_larger") << 5 << 6 << 1 << int(Padding::Valid) << 0 << 0;
    // same: out = ceil(in / s); total = max((out - 1) s + k - in, 0), the smaller half first
    QTest::newRow("same_28_3_1") << 28 << 3 << 1 << int(Padding::Same) << 28 << 1; // total 2
    QTest::newRow("same_28_4_1") << 28 << 4 << 1 << int(Padding::Same) << 28 << 1; // total 3
    QTest::newRow("same_5_3_2") << 5 << 3 << 2 << int(Padding::Same) << 3 << 1;    // total 2
    QTest::newRow("same_6_3_2") << 6 << 3 << 2 << int(Padding::Same) << 3 << 0;    // total 1
    QTest::newRow("same_7_2_2") << 7 << 2 << 2 << int(Padding::Same) << 4 << 0;    // total 1
    QTest::newRow("same_28_2_2") << 28 << 2 << 2 << int(Padding::Same) << 14 << 0; // total 0
}

void TestConv::windowAxis() {
    QFETCH(int, in);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, padding);
    QFETCH(int, out);
    QFETCH(int, padBefore);
    const WindowAxis a = reglab::windowAxis(in, kernel, stride, Padding(padding));
    QCOMPARE(a.out, out);
    QCOMPARE(a.padBefore, padBefore);
}

void TestConv::shapesAndParameters() {
    // The question's network on 28x28x1.
    ModelSpec m;
    LayerSpec c1 = conv("c1", 32, {3, 3}, {1, 1}, Padding::Same, Activation::Relu);
    c1.strides.reset();
    LayerSpec c2 = conv("c2", 64, {3, 3}, {1, 1}, Padding::Same, Activation::Relu);
    m.layers = {c1,
                pool("p1", {2, 2}, std::nullopt, Padding::Valid),
                c2,
                pool("p2", {2, 2}, std::nullopt, Padding::Valid),
                flatten(),
                dense("d1", 128, Activation::Relu),
                dense("out", 10)};
    const std::vector<TensorShape> s = m.inferShapes(TensorShape{28, 28, 1, true});
    QCOMPARE(s[0].text(), std::string("28x28x32"));
    QCOMPARE(s[1].text(), std::string("14x14x32"));
    QCOMPARE(s[2].text(), std::string("14x14x64"));
    QCOMPARE(s[3].text(), std::string("7x7x64"));
    QCOMPARE(s[4].text(), std::string("3136"));
    QCOMPARE(s[6].text(), std::string("10"));
    Network<float> net(TensorShape{28, 28, 1, true}, m);
    QCOMPARE(net.layers().size(), std::size_t(4));
    QCOMPARE(net.ops().size(), std::size_t(7));
    // Keras's summary: 320, 18496, 401536, 1290 parameters
    const Index expected[] = {320, 18496, 401536, 1290};
    for (std::size_t i = 0; i < 4; ++i)
        QCOMPARE(net.layers()[i].kernel.size() + net.layers()[i].bias.size(), expected[i]);
    QCOMPARE(net.outputDim(), Index(10));
}

void TestConv::handComputedConvolution() {
    // 3x3x1 input x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]], 2x2 kernel, 2 filters, valid.
    // Filter 0 = [[1, 0], [0, -1]] -> x(r,q) - x(r+1,q+1) = -4 everywhere, + bias 0.5.
    // Filter 1 = [[0, 1], [2, 0]]  -> x(r,q+1) + 2 x(r+1,q): (0,0) 2+8=10, (0,1) 3+10=13,
    //                                 (1,0) 5+14=19, (1,1) 6+16=22; bias -1.
    ModelSpec m;
    m.layers = {conv("c", 2, {2, 2}, {1, 1}, Padding::Valid, Activation::Linear), flatten(),
                dense("out", 1)};
    Network<double> net(TensorShape{3, 3, 1, true}, m);
    auto &k = net.layers()[0].kernel; // 2 x 4, column (i kw + j) (c_in = 1)
    k.setZero();
    k(0, 0) = 1;  // (i, j) = (0, 0)
    k(0, 3) = -1; // (1, 1)
    k(1, 1) = 1;  // (0, 1)
    k(1, 2) = 2;  // (1, 0)
    net.layers()[0].bias << 0.5, -1;
    // The dense layer reads the flattened conv output: weight 1 on element e only.
    MatD x(9, 1);
    x << 1, 2, 3, 4, 5, 6, 7, 8, 9; // row-major pixels, one channel
    NetworkWorkspace<double> ws;
    net.layers()[1].kernel.setZero();
    net.forward(x, ws);
    // Channels-last: position p = r * 2 + q, element p * 2 + filter.
    const MatD &a = ws.act[0];
    QCOMPARE(a.rows(), Index(8));
    const double expected[] = {-3.5, 9, -3.5, 12, -3.5, 18, -3.5, 21};
    for (int e = 0; e < 8; ++e)
        QCOMPARE(a(e, 0), expected[e]);
    // Flatten is Keras's (row, column, channel) order: the same values.
    QVERIFY(ws.act[1] == a);
}

void TestConv::handComputedSamePaddingStride2() {
    // 4x4x1 input 1..16, 3x3 kernel of ones, stride 2, same: out 2x2, total pad
    // (2 - 1) * 2 + 3 - 4 = 1 -> 0 before, 1 after. Windows start at rows/cols 0 and 2:
    // (0,0): rows 0-2, cols 0-2 = 1+2+3+5+6+7+9+10+11 = 54
    // (0,1): rows 0-2, cols 2-3 (+pad) = 3+4+7+8+11+12 = 45
    // (1,0): rows 2-3 (+pad), cols 0-2 = 9+10+11+13+14+15 = 72
    // (1,1): rows 2-3, cols 2-3 = 11+12+15+16 = 54
    ModelSpec m;
    m.layers = {conv("c", 1, {3, 3}, {2, 2}, Padding::Same, Activation::Linear), flatten(),
                dense("out", 1)};
    Network<double> net(TensorShape{4, 4, 1, true}, m);
    net.layers()[0].kernel.setOnes();
    MatD x(16, 1);
    for (int i = 0; i < 16; ++i)
        x(i, 0) = i + 1;
    NetworkWorkspace<double> ws;
    net.forward(x, ws);
    QCOMPARE(ws.act[0].rows(), Index(4));
    QCOMPARE(ws.act[0](0, 0), 54.0);
    QCOMPARE(ws.act[0](1, 0), 45.0);
    QCOMPARE(ws.act[0](2, 0), 72.0);
    QCOMPARE(ws.act[0](3, 0), 54.0);
}

void TestConv::maxPoolTiesGoToTheFirst() {
    // 2x4x2 input, pool 2x2 stride 2 (two windows), two channels:
    // channel 0: [[5, 5], [5, 1]] | [[0, 2], [3, 3]] -> 5 at (0,0); 3 at (1,2), the first 3
    // channel 1: [[-1, -2], [-3, -1]] | [[7, 7], [7, 7]] -> -1 at (0,0); 7 at (0,2)
    const double ch0[2][4] = {{5, 5, 0, 2}, {5, 1, 3, 3}};
    const double ch1[2][4] = {{-1, -2, 7, 7}, {-3, -1, 7, 7}};
    std::vector<double> in(16);
    for (int r = 0; r < 2; ++r) {
        for (int q = 0; q < 4; ++q) {
            in[std::size_t((r * 4 + q) * 2)] = ch0[r][q];
            in[std::size_t((r * 4 + q) * 2 + 1)] = ch1[r][q];
        }
    }
    const Window g =
        makeWindow(pool("p", {2, 2}, std::nullopt, Padding::Valid), TensorShape{2, 4, 2, true});
    QCOMPARE(g.out.text(), std::string("1x2x2"));
    std::vector<double> out(4);
    std::vector<std::int32_t> argmax(4);
    maxPoolForward(g, in.data(), 1, out.data(), argmax.data());
    QCOMPARE(out, (std::vector<double>{5, -1, 3, 7}));
    // indices (r * 4 + q) * 2 + channel
    QCOMPARE(argmax, (std::vector<std::int32_t>{0, 1, (1 * 4 + 2) * 2, (0 * 4 + 2) * 2 + 1}));
    // The gradient goes to that one input only.
    const std::vector<double> dOut{1, 2, 3, 4};
    std::vector<double> dIn(16, -9.0);
    maxPoolBackward(g, dOut.data(), argmax.data(), 1, dIn.data());
    std::vector<double> expected(16, 0.0);
    expected[0] = 1;
    expected[1] = 2;
    expected[(1 * 4 + 2) * 2] = 3;
    expected[(0 * 4 + 2) * 2 + 1] = 4;
    QCOMPARE(dIn, expected);
}

void TestConv::maxPoolMatchesBruteForce_data() {
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("size");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("padding");
    const int valid = int(Padding::Valid);
    const int same = int(Padding::Same);
    // 2x2 stride 2 without padding has loops of its own (odd sizes leave a row or column out)
    QTest::newRow("2x2_even") << 6 << 8 << 2 << 2 << valid;
    QTest::newRow("2x2_odd_height") << 7 << 4 << 2 << 2 << valid;
    QTest::newRow("2x2_odd_both") << 5 << 7 << 2 << 2 << valid;
    QTest::newRow("2x2_same_even") << 4 << 6 << 2 << 2 << same;
    QTest::newRow("2x2_same_odd") << 5 << 7 << 2 << 2 << same; // padded: the general loops
    QTest::newRow("3x3_stride_2_same") << 7 << 6 << 3 << 2 << same;
    QTest::newRow("3x3_stride_1_valid") << 5 << 5 << 3 << 1 << valid; // overlapping windows
    QTest::newRow("2x2_stride_1_same") << 4 << 5 << 2 << 1 << same;
}

void TestConv::maxPoolMatchesBruteForce() {
    QFETCH(int, height);
    QFETCH(int, width);
    QFETCH(int, size);
    QFETCH(int, stride);
    QFETCH(int, padding);
    const int channels = 3, samples = 2;
    const Window g =
        makeWindow(pool("p", {size, size}, std::array<int, 2>{stride, stride}, Padding(padding)),
                   TensorShape{height, width, channels, true});
    const Index inSize = g.in.size(), outSize = g.out.size();
    // Values from a small set, so that windows hold ties.
    Random rng(17);
    std::vector<float> in(std::size_t(inSize * samples));
    for (float &v : in)
        v = float(std::floor(rng.uniform(-3, 3)));
    std::vector<float> out(std::size_t(outSize * samples));
    std::vector<std::int32_t> argmax(out.size());
    maxPoolForward(g, in.data(), samples, out.data(), argmax.data());
    std::vector<float> dOut(out.size());
    for (std::size_t i = 0; i < dOut.size(); ++i)
        dOut[i] = float(i + 1);
    std::vector<float> dIn(in.size(), -9.0f);
    maxPoolBackward(g, dOut.data(), argmax.data(), samples, dIn.data());

    // Brute force: scan each window in row-major order, keep the first strict maximum.
    std::vector<float> expectedDIn(in.size(), 0.0f);
    for (int s = 0; s < samples; ++s) {
        for (int oh = 0; oh < g.out.height; ++oh) {
            for (int ow = 0; ow < g.out.width; ++ow) {
                for (int ch = 0; ch < channels; ++ch) {
                    float best = 0;
                    int at = -1;
                    for (int i = 0; i < g.kh; ++i) {
                        for (int j = 0; j < g.kw; ++j) {
                            const int r = oh * g.sh - g.padTop + i, q = ow * g.sw - g.padLeft + j;
                            if (r < 0 || r >= height || q < 0 || q >= width)
                                continue;
                            const int idx = (r * width + q) * channels + ch;
                            const float v = in[std::size_t(s * inSize + idx)];
                            if (at < 0 || v > best) {
                                best = v;
                                at = idx;
                            }
                        }
                    }
                    const std::size_t o =
                        std::size_t(s * outSize + (oh * g.out.width + ow) * channels + ch);
                    QCOMPARE(out[o], best);
                    QCOMPARE(argmax[o], at);
                    expectedDIn[std::size_t(s * inSize + at)] += dOut[o];
                }
            }
        }
    }
    QCOMPARE(dIn, expectedDIn);
}

void TestConv::gradients_data() {
    QTest::addColumn<int>("inChannels");
    QTest::addColumn<int>("filters");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("padding");
    QTest::addColumn<bool>("withPool");
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l2");
    QTest::addColumn<int>("convention");
    const int valid = int(Padding::Valid);
    const int same = int(Padding::Same);
    const int keras = int(L2Convention::Keras);
    const int tf1 = int(L2Convention::Tf1);
    QTest::newRow("valid_s1_1to2") << 1 << 2 << 3 << 1 << valid << false << 0.0 << 0.0 << keras;
    QTest::newRow("valid_s2_3to4") << 3 << 4 << 3 << 2 << valid << false << 0.0 << 0.0 << keras;
    QTest::newRow("same_s1_2to3") << 2 << 3 << 3 << 1 << same << false << 0.0 << 0.0 << keras;
    QTest::newRow("same_s2_3to2") << 3 << 2 << 3 << 2 << same << false << 0.0 << 0.0 << keras;
    QTest::newRow("same_k2_s2_1to3") << 1 << 3 << 2 << 2 << same << false << 0.0 << 0.0 << keras;
    QTest::newRow("pool_valid_2to3") << 2 << 3 << 3 << 1 << valid << true << 0.0 << 0.0 << keras;
    QTest::newRow("pool_same_1to2") << 1 << 2 << 2 << 1 << same << true << 0.0 << 0.0 << keras;
    QTest::newRow("l2_keras") << 2 << 3 << 3 << 1 << same << true << 0.0 << 0.05 << keras;
    QTest::newRow("l2_tf1") << 2 << 3 << 3 << 2 << same << false << 0.0 << 0.05 << tf1;
    QTest::newRow("l1") << 2 << 2 << 3 << 1 << valid << true << 0.02 << 0.0 << keras;
    QTest::newRow("l1_l2_tf1") << 3 << 2 << 2 << 2 << same << true << 0.02 << 0.03 << tf1;
}

void TestConv::gradients() {
    QFETCH(int, inChannels);
    QFETCH(int, filters);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, padding);
    QFETCH(bool, withPool);
    QFETCH(double, l1);
    QFETCH(double, l2);
    QFETCH(int, convention);
    const L2Convention conv2 = L2Convention(convention);
    const std::optional<RegularizerSpec> reg =
        l1 == 0.0 && l2 == 0.0 ? std::nullopt : std::optional(RegularizerSpec{l1, l2});
    // 6x5xC -> conv (tanh) -> [max-pool 3x3 stride 2 same: overlapping windows] -> conv
    // 2x2 (elu) -> flatten -> dense 3; the penalties on every kernel and bias.
    ModelSpec m;
    LayerSpec c1 = conv("c1", filters, {kernel, kernel}, {stride, stride}, Padding(padding));
    LayerSpec c2 = conv("c2", 2, {2, 2}, {1, 1}, Padding::Same, Activation::Elu);
    LayerSpec out = dense("out", 3);
    for (LayerSpec *l : {&c1, &c2, &out}) {
        l->kernelRegularizer = reg;
        l->biasRegularizer = reg;
    }
    m.layers = {c1};
    if (withPool)
        m.layers.push_back(pool("p", {3, 3}, std::array<int, 2>{2, 2}, Padding::Same));
    m.layers.insert(m.layers.end(), {c2, flatten(), out});
    const TensorShape input{6, 5, inChannels, true};
    Network<double> net(input, m);
    net.initialize(m, 11);
    // Non-zero biases so the bias penalties and gradients are exercised.
    for (std::size_t i = 0; i < net.layers().size(); ++i)
        net.layers()[i].bias = randomMatrix(net.layers()[i].bias.size(), 1, 50 + i);
    const Index n = 3;
    const MatD x = randomMatrix(input.size(), n, 7);
    MatD y(1, n);
    y << 0, 2, 1;

    // Analytic: the data-loss gradient from backward() plus each penalty's gradient.
    NetworkWorkspace<double> ws;
    MatD dOut;
    computeLoss<double>(LossKind::SoftmaxCrossEntropy, net.forward(x, ws), y, &dOut);
    net.backward(x, dOut, ws);
    const std::vector<std::size_t> weights = m.weightIndices();
    const double h = 1e-6;
    for (std::size_t i = 0; i < net.layers().size(); ++i) {
        const LayerSpec &s = m.layers[weights[i]];
        for (int t = 0; t < 2; ++t) {
            auto &l = net.layers()[i];
            MatD analytic = t == 0 ? ws.kernelGrad[i] : MatD(ws.biasGrad[i]);
            if (t == 0)
                addPenaltyGradient(l.kernel, penaltyGradient<double>(s.kernelRegularizer, conv2),
                                   analytic);
            else
                addPenaltyGradient(l.bias, penaltyGradient<double>(s.biasRegularizer, conv2),
                                   analytic);
            double *p = t == 0 ? l.kernel.data() : l.bias.data();
            MatD numeric(analytic.rows(), analytic.cols());
            for (Index k = 0; k < numeric.size(); ++k) {
                const double saved = p[k];
                p[k] = saved + h;
                const double plus = objective(net, m, conv2, x, y);
                p[k] = saved - h;
                const double minus = objective(net, m, conv2, x, y);
                p[k] = saved;
                numeric.data()[k] = (plus - minus) / (2 * h);
            }
            const double err = relativeError(analytic, numeric);
            if (err >= 1e-6)
                qWarning("layer %zu %s: relative error %g", i, t == 0 ? "kernel" : "bias", err);
            QVERIFY(err < 1e-6);
            QVERIFY(numeric.norm() > 0.0);
        }
    }
    // The input's gradient is not computed, but every op before the first kept one is:
    // the first conv's delta has its output's shape.
    QCOMPARE(ws.delta[0].rows(), Index(net.ops()[0].out.size()));
}

void TestConv::initializerFansAndOrder() {
    // glorot_uniform on a 3x3, 2 -> 4 kernel: fans 3*3*2 = 18 and 3*3*4 = 36, limit
    // sqrt(6 / 54) = 1/3. he_normal: fan_in 18, stddev sqrt(2/18) = 1/3, truncated at 2/3.
    ModelSpec m;
    LayerSpec c = conv("c", 4, {3, 3}, {1, 1}, Padding::Same);
    LayerSpec d = dense("out", 2);
    m.layers = {c, flatten(), d};
    Network<double> net(TensorShape{4, 4, 2, true}, m);
    net.initialize(m, 5);
    const MatD &k = net.layers()[0].kernel;
    QCOMPARE(k.rows(), Index(4));
    QCOMPARE(k.cols(), Index(18));
    QVERIFY(k.cwiseAbs().maxCoeff() <= 1.0 / 3.0);
    QVERIFY(k.cwiseAbs().maxCoeff() > 0.9 / 3.0); // 72 draws come close to the limit
    // The draws are in the memory order of the [kh, kw, in, out] kernel, as a dense kernel
    // [in, out]: a dense layer of 18 inputs and 4 units from the same seed and fans would
    // draw the same values only with the dense fan-out; check the order directly instead.
    Random rng(Random::derive(5, 1));
    const double limit = std::sqrt(6.0 / (18.0 + 36.0));
    for (Index e = 0; e < k.size(); ++e)
        QCOMPARE(k.data()[e], rng.uniform(-limit, limit));

    m.layers[0].kernelInitializer = Initializer::HeNormal;
    net.initialize(m, 5);
    QVERIFY(net.layers()[0].kernel.cwiseAbs().maxCoeff() <= 2.0 / 3.0 / 0.87962566103423978);
}

void TestConv::weightsAreKerasShaped() {
    ModelSpec m;
    m.layers = {conv("c", 4, {3, 2}, {1, 1}, Padding::Valid), flatten(), dense("out", 2)};
    Network<float> net(TensorShape{5, 5, 3, true}, m);
    net.initialize(m, 2);
    const std::vector<NpzArray> arrays = weightsToArrays(net);
    QCOMPARE(arrays[0].name, std::string("c/kernel"));
    QCOMPARE(arrays[0].shape, (std::vector<std::size_t>{3, 2, 3, 4}));
    QCOMPARE(arrays[1].shape, (std::vector<std::size_t>{4}));
    // [i, j, ch, o] in C order is element (o, (i kw + j) c_in + ch) of the kernel.
    const auto &k = net.layers()[0].kernel;
    const std::size_t i = 2, j = 1, ch = 2, o = 3;
    QCOMPARE(arrays[0].data[((i * 2 + j) * 3 + ch) * 4 + o],
             k(Index(o), Index((i * 2 + j) * 3 + ch)));
    // 3x4x4 after the conv, flattened: 48 inputs of the dense layer.
    QCOMPARE(arrays[2].shape, (std::vector<std::size_t>{48, 2}));
    Network<float> back(TensorShape{5, 5, 3, true}, m);
    arraysToWeights(arrays, back, "w.npz");
    QVERIFY(back.layers()[0].kernel == k);
}

QTEST_APPLESS_MAIN(TestConv)
#include "tst_conv.moc"
