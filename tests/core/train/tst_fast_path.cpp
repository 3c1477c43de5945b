// SPDX-License-Identifier: GPL-3.0-or-later
// The fast training path (preallocated, data-parallel) against the straightforward
// reference: Network::forward/backward + computeLoss + one Optimizer::update per tensor.
// Weights after several steps must agree to float32 rounding on 1, 2 and 3 threads; the
// same thread count must be bit-identical run to run; evaluation must match too.

#include "core/nn/dropout.h"
#include "core/nn/loss.h"
#include "core/random.h"
#include "core/train/fast_path.h"
#include "core/train/trainer.h"
#include "core/train/unit_status.h"
#include "support/allocation_counter.h"

#include <QtTest>

using namespace reglab;

namespace {

LayerSpec dense(const char *name, int units, Activation act, std::optional<RegularizerSpec> reg,
                bool useBias = true) {
    LayerSpec l;
    l.name = name;
    l.units = units;
    l.activation = act;
    l.kernelRegularizer = reg;
    l.useBias = useBias;
    return l;
}

/// Random inputs (inputs x n, uniform in [-1, 1]) and targets that fit `loss`.
std::pair<MatrixF, MatrixF> randomData(LossKind loss, Index inputs, Index outputs, Index n,
                                       std::uint64_t seed) {
    Random rng(seed);
    MatrixF x(inputs, n);
    for (Index i = 0; i < x.size(); ++i)
        x.data()[i] = float(rng.uniform(-1, 1));
    MatrixF y(loss == LossKind::MeanSquaredError ? outputs : 1, n);
    for (Index j = 0; j < n; ++j) {
        for (Index r = 0; r < y.rows(); ++r) {
            if (loss == LossKind::MeanSquaredError)
                y(r, j) = float(rng.uniform(-1, 1));
            else if (loss == LossKind::SigmoidCrossEntropy)
                y(r, j) = rng.uniform(0, 1) < 0.5 ? 0.0f : 1.0f;
            else
                y(r, j) =
                    float(std::min<Index>(outputs - 1, Index(rng.uniform(0, double(outputs)))));
        }
    }
    return {x, y};
}

struct Case {
    ModelSpec model;
    LossKind loss = LossKind::SoftmaxCrossEntropy;
    OptimizerSpec optimizer;
    Index batch = 16;
    Index inputs = 30;
    Index samples = 61;
    TensorShape image;           ///< channels > 0: the inputs are this image (inputs = its size)
    std::uint64_t dataSeed = 11; ///< randomData()'s
};

LayerSpec conv(const char *name, int filters, int kernel, int stride, Padding padding,
               Activation act, std::optional<RegularizerSpec> reg) {
    LayerSpec l;
    l.name = name;
    l.type = "conv2d";
    l.filters = filters;
    l.kernelSize = {kernel, kernel};
    l.strides = std::array<int, 2>{stride, stride};
    l.padding = padding;
    l.activation = act;
    l.kernelRegularizer = reg;
    l.biasRegularizer = reg;
    return l;
}

LayerSpec maxPool(const char *name, int size, int stride, Padding padding) {
    LayerSpec l;
    l.type = "max_pool2d";
    l.name = name;
    l.poolSize = {size, size};
    l.strides = std::array<int, 2>{stride, stride};
    l.padding = padding;
    return l;
}

LayerSpec dropout(const char *name, double rate) {
    LayerSpec l;
    l.type = "dropout";
    l.name = name;
    l.rate = rate;
    return l;
}

LayerSpec flatten() {
    LayerSpec l;
    l.type = "flatten";
    l.name = "flat";
    return l;
}

/// A small CNN on 8x7x2 images: conv (same) -> dropout -> conv (stride 2, valid) -> max-pool
/// (overlapping, same) -> flatten -> dropout -> dense. `spatial`: both dropouts are
/// spatial_dropout2d, the second one before the flatten.
Case convNetwork(OptimizerKind optimizer, bool spatial = false) {
    Case c;
    LayerSpec drop;
    drop.type = spatial ? "spatial_dropout2d" : "dropout";
    drop.name = "drop1";
    drop.rate = 0.2;
    LayerSpec drop2 = drop;
    drop2.name = "drop2";
    LayerSpec pool;
    pool.type = "max_pool2d";
    pool.name = "pool";
    pool.poolSize = {2, 2};
    pool.strides = std::array<int, 2>{1, 1};
    pool.padding = Padding::Same;
    LayerSpec flat;
    flat.type = "flatten";
    flat.name = "flat";
    c.model.layers = {
        conv("c1", 4, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{0, 1e-3}),
        drop,
        conv("c2", 3, 3, 2, Padding::Valid, Activation::Tanh, RegularizerSpec{1e-4, 1e-3}),
        pool,
        flat,
        drop2,
        dense("out", 5, Activation::Linear, RegularizerSpec{0, 1e-3})};
    if (spatial) {
        drop2.rate = 0.4;
        c.model.layers.erase(c.model.layers.begin() + 5);
        c.model.layers.insert(c.model.layers.begin() + 4, drop2);
    }
    c.optimizer.type = optimizer;
    if (optimizer == OptimizerKind::Sgd)
        c.optimizer.momentum = 0.9;
    c.batch = 13;
    c.image = TensorShape{8, 7, 2, true};
    c.inputs = c.image.size();
    return c;
}

/// The benchmark's seed network: 784-200-200-10 tanh, L2 1e-4 on the kernels, Adam. Its
/// products are large enough for the optimized GEMM kernel and its gradients are cut into
/// several slices per thread.
Case seedNetwork(Index batch) {
    Case c;
    c.model.layers = {dense("h1", 200, Activation::Tanh, RegularizerSpec{0, 1e-4}),
                      dense("h2", 200, Activation::Tanh, RegularizerSpec{0, 1e-4}),
                      dense("out", 10, Activation::Linear, RegularizerSpec{0, 1e-4})};
    c.optimizer.type = OptimizerKind::Adam;
    c.optimizer.learningRate = 1e-3;
    c.batch = batch;
    c.inputs = 784;
    c.samples = 2 * batch + 7; // two full batches and a short one per epoch
    return c;
}

template<typename A, typename B>
double rmsDiff(const Network<A> &a, const Network<B> &b) {
    double sq = 0.0;
    double n = 0.0;
    for (std::size_t i = 0; i < a.layers().size(); ++i) {
        const auto &la = a.layers()[i];
        const auto &lb = b.layers()[i];
        sq += (la.kernel.template cast<double>() - lb.kernel.template cast<double>()).squaredNorm();
        sq += (la.bias.template cast<double>() - lb.bias.template cast<double>()).squaredNorm();
        n += double(la.kernel.size() + la.bias.size());
    }
    return std::sqrt(sq / n);
}

template<typename A, typename B>
double maxAbsDiff(const Network<A> &a, const Network<B> &b) {
    double d = 0.0;
    for (std::size_t i = 0; i < a.layers().size(); ++i) {
        const auto &la = a.layers()[i];
        const auto &lb = b.layers()[i];
        d = std::max(d, (la.kernel.template cast<double>() - lb.kernel.template cast<double>())
                            .cwiseAbs()
                            .maxCoeff());
        d = std::max(d, (la.bias.template cast<double>() - lb.bias.template cast<double>())
                            .cwiseAbs()
                            .maxCoeff());
    }
    return d;
}

} // namespace

class TestFastPath : public QObject {
    Q_OBJECT
private slots:
    void weightsMatchReference_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("variant");
        QTest::newRow("adam_softmax_tanh_1_thread") << 1 << 0;
        QTest::newRow("adam_softmax_tanh_2_threads") << 2 << 0;
        QTest::newRow("adam_softmax_tanh_3_threads") << 3 << 0;
        QTest::newRow("sgd_nesterov_mse_relu_l1_no_bias_1_thread") << 1 << 1;
        QTest::newRow("sgd_nesterov_mse_relu_l1_no_bias_2_threads") << 2 << 1;
        QTest::newRow("adamw_sigmoid_ce_odd_batch_2_threads") << 2 << 2;
        QTest::newRow("seed_784_200_200_10_batch_50_1_thread") << 1 << 3;
        QTest::newRow("seed_784_200_200_10_batch_50_2_threads") << 2 << 3;
        QTest::newRow("seed_784_200_200_10_batch_100_1_thread") << 1 << 4;
        QTest::newRow("seed_784_200_200_10_batch_100_2_threads") << 2 << 4;
        QTest::newRow("dropout_elu_adam_1_thread") << 1 << 5;
        QTest::newRow("dropout_elu_adam_2_threads") << 2 << 5;
        QTest::newRow("dropout_elu_adam_3_threads") << 3 << 5;
        QTest::newRow("cnn_adam_1_thread") << 1 << 6;
        QTest::newRow("cnn_adam_2_threads") << 2 << 6;
        QTest::newRow("cnn_sgd_momentum_1_thread") << 1 << 7;
        QTest::newRow("cnn_sgd_momentum_3_threads") << 3 << 7;
        QTest::newRow("cnn_spatial_dropout_adam_1_thread") << 1 << 10;
        QTest::newRow("cnn_spatial_dropout_adam_2_threads") << 2 << 10;
        QTest::newRow("cnn_relu_pool_fused_1_thread") << 1 << 8;
        QTest::newRow("cnn_relu_pool_fused_2_threads") << 2 << 8;
        QTest::newRow("cnn_relu_pool_input_dropout_2_threads") << 2 << 9;
        // One input channel, stride 1 and 16 or 32 filters: the register-blocked direct kernels.
        QTest::newRow("cnn_registers_3x3_same_16_1_thread") << 1 << 14;
        QTest::newRow("cnn_registers_3x3_same_32_2_threads") << 2 << 11;
        QTest::newRow("cnn_registers_3x3_same_32_1_thread") << 1 << 11;
        QTest::newRow("cnn_registers_3x3_valid_16_2_threads") << 2 << 12;
        QTest::newRow("cnn_registers_5x5_same_16_1_thread") << 1 << 13;
        // 3x3, stride 1: Winograd's transforms (winograd.h), odd sizes, dropout on the input.
        QTest::newRow("cnn_winograd_1_thread") << 1 << 15;
        QTest::newRow("cnn_winograd_2_threads") << 2 << 15;
        QTest::newRow("cnn_winograd_spatial_dropout_1_thread") << 1 << 16;
        QTest::newRow("cnn_winograd_spatial_dropout_2_threads") << 2 << 16;
        // ReLU Winograd convs straight into 2x2 pools: one op (no output stored)
        QTest::newRow("cnn_winograd_relu_pool_1_thread") << 1 << 17;
        QTest::newRow("cnn_winograd_relu_pool_2_threads") << 2 << 17;
    }
    void weightsMatchReference() {
        QFETCH(int, threads);
        QFETCH(int, variant);
        Case c;
        c.optimizer.learningRate = 0.01;
        if (variant == 0) {
            c.model.layers = {dense("h1", 24, Activation::Tanh, RegularizerSpec{0, 1e-3}),
                              dense("h2", 20, Activation::Tanh, RegularizerSpec{0, 1e-3}),
                              dense("out", 4, Activation::Linear, RegularizerSpec{0, 1e-3})};
            c.optimizer.type = OptimizerKind::Adam;
        } else if (variant == 1) {
            c.loss = LossKind::MeanSquaredError;
            c.model.layers = {dense("h1", 32, Activation::Relu, RegularizerSpec{1e-3, 1e-3}),
                              dense("h2", 16, Activation::Sigmoid, std::nullopt, false),
                              dense("out", 3, Activation::Linear, RegularizerSpec{1e-4, 0})};
            c.model.layers[0].biasRegularizer = RegularizerSpec{0, 1e-2};
            c.optimizer.type = OptimizerKind::Sgd;
            c.optimizer.momentum = 0.9;
            c.optimizer.nesterov = true;
        } else if (variant == 5) {
            // Dropout on the input and between the hidden layers (two entries in a row:
            // rates combine), ELU: the masks come from the step's key, by batch column.
            LayerSpec drop;
            drop.type = "dropout";
            drop.name = "drop_in";
            drop.rate = 0.2;
            LayerSpec drop2 = drop;
            drop2.name = "drop_h1";
            drop2.rate = 0.3;
            LayerSpec drop3 = drop;
            drop3.name = "drop_h1b";
            drop3.rate = 0.25;
            c.model.layers = {drop,
                              dense("h1", 24, Activation::Elu, RegularizerSpec{0, 1e-3}),
                              drop2,
                              drop3,
                              dense("h2", 20, Activation::Tanh, RegularizerSpec{1e-4, 0}),
                              dense("out", 4, Activation::Linear, RegularizerSpec{0, 1e-3})};
            c.optimizer.type = OptimizerKind::Adam;
            c.batch = 13;
        } else if (variant == 8 || variant == 9) {
            // A first conv (direct kernels) with ReLU straight into an overlapping max-pool:
            // the step runs the two fused, sample by sample (8); with dropout on the input
            // (9) it does not.
            c = convNetwork(OptimizerKind::Adam);
            c.model.layers = {
                conv("c1", 5, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{0, 1e-3}),
                maxPool("pool1", 3, 2, Padding::Same),
                conv("c2", 3, 2, 1, Padding::Valid, Activation::Tanh, RegularizerSpec{1e-4, 0}),
                flatten(), dense("out", 5, Activation::Linear, RegularizerSpec{0, 1e-3})};
            if (variant == 9) {
                LayerSpec drop;
                drop.type = "dropout";
                drop.name = "drop_in";
                drop.rate = 0.2;
                c.model.layers.insert(c.model.layers.begin(), drop);
            }
            c.image = TensorShape{9, 8, 1, true};
            c.inputs = c.image.size();
        } else if (variant == 17) {
            // 9x8x16 images: a first Winograd conv (no input gradient) into a 2x2 pool (the
            // odd last row in no window), dropout, a second one (with the input gradient) into
            // another; the batches of 15 leave one of 2 threads' parts empty at the end.
            c = convNetwork(OptimizerKind::Adam);
            const LayerSpec drop = dropout("drop1", 0.2);
            c.model.layers = {
                conv("c1", 16, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{1e-4, 1e-3}),
                maxPool("pool1", 2, 2, Padding::Valid),
                drop,
                conv("c2", 24, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{0, 1e-3}),
                maxPool("pool2", 2, 2, Padding::Valid),
                flatten(),
                dense("out", 5, Activation::Linear, RegularizerSpec{0, 1e-3})};
            c.image = TensorShape{9, 8, 16, true};
            c.inputs = c.image.size();
            c.batch = 15;
        } else if (variant == 16) {
            // spatial_dropout2d into a Winograd conv ("valid" on 6x5x16) and after its pool;
            // batches of 15, so the last one (1 sample) leaves one of 2 threads' parts empty
            c = convNetwork(OptimizerKind::Adam, true);
            c.model.layers[0] =
                conv("c1", 16, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{0, 1e-3});
            c.model.layers[2] =
                conv("c2", 16, 3, 1, Padding::Valid, Activation::Tanh, RegularizerSpec{1e-4, 1e-3});
            c.model.layers[3] = maxPool("pool", 2, 2, Padding::Same);
            c.image = TensorShape{6, 5, 3, true};
            c.inputs = c.image.size();
            c.batch = 15;
        } else if (variant == 15) {
            // A first conv on 16 channels (Winograd, no input gradient), dropout, a second
            // 3x3 "same" conv (Winograd, with the input gradient through the dropout mask) on
            // 9x7 (odd: half tiles), a pool of tanh (not fused).
            c = convNetwork(OptimizerKind::Adam);
            const LayerSpec drop = dropout("drop1", 0.2);
            c.model.layers = {
                conv("c1", 16, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{1e-4, 1e-3}),
                drop,
                conv("c2", 17, 3, 1, Padding::Same, Activation::Tanh, RegularizerSpec{0, 1e-3}),
                maxPool("pool", 2, 2, Padding::Valid),
                flatten(),
                dense("out", 5, Activation::Linear, RegularizerSpec{0, 1e-3})};
            c.image = TensorShape{9, 7, 16, true};
            c.inputs = c.image.size();
        } else if (variant >= 11) {
            // The register-blocked direct kernels on a 12x10x1 image: 3x3 "same" with 32
            // filters into a max-pool (fused), 3x3 "valid" with 16 filters and sigmoid (not
            // fused), 5x5 "same" with 16 filters.
            c = convNetwork(OptimizerKind::Adam);
            const int filters = variant == 11 ? 32 : 16;
            const int kernel = variant == 13 ? 5 : 3;
            const Padding padding = variant == 12 ? Padding::Valid : Padding::Same;
            const Activation act = variant == 12 ? Activation::Sigmoid : Activation::Relu;
            c.model.layers = {
                conv("c1", filters, kernel, 1, padding, act, RegularizerSpec{1e-4, 1e-3}),
                maxPool("pool1", 2, 2, Padding::Valid),
                conv("c2", 3, 3, 1, Padding::Valid, Activation::Tanh, RegularizerSpec{0, 1e-3}),
                flatten(), dense("out", 5, Activation::Linear, RegularizerSpec{0, 1e-3})};
            c.image = TensorShape{12, 10, 1, true};
            c.inputs = c.image.size();
            // With the common data seed, one pool window of the 32-filter case holds two conv
            // outputs 3.9e-9 apart in double that round to the same float: each float path
            // then picks either one depending on its summation order (the fast path in one
            // build, the reference in another), and 15 steps later the weights are 2.8e-4
            // apart. A comparison is only meaningful without such a tie; this seed has none.
            if (variant == 11)
                c.dataSeed = 12;
        } else if (variant >= 6) {
            c = convNetwork(variant == 7 ? OptimizerKind::Sgd : OptimizerKind::Adam, variant == 10);
        } else if (variant >= 3) {
            c = seedNetwork(variant == 3 ? 50 : 100);
        } else {
            c.loss = LossKind::SigmoidCrossEntropy;
            c.model.layers = {dense("h1", 40, Activation::Tanh, RegularizerSpec{0, 1e-3}),
                              dense("out", 1, Activation::Linear, std::nullopt)};
            c.optimizer.type = OptimizerKind::AdamW;
            c.optimizer.weightDecay = 0.01;
            c.batch = 13; // 13 = 6 + 7 on two threads; the last batch of 61 has 9 samples
        }
        const Index inputs = c.inputs;
        const Index n = c.samples;
        const Index outputs = c.model.layers.back().units;
        const auto [x, y] = randomData(c.loss, inputs, outputs, n, c.dataSeed);

        Network<float> ref(c.image.channels > 0 ? c.image : TensorShape{1, 1, int(inputs), false},
                           c.model);
        ref.initialize(c.model, 5);
        Network<float> fast = ref;
        // The reference once more in double precision: the "exact" result both float paths
        // approximate.
        Network<double> exact = ref.cast<double>();
        const Network<float> initial = ref;

        Optimizer<float> refOpt(c.optimizer);
        Optimizer<double> exactOpt(c.optimizer);
        std::vector<Index> sizes;
        for (const auto &l : ref.layers()) {
            sizes.push_back(l.kernel.size());
            sizes.push_back(l.bias.size());
        }
        refOpt.reset(sizes);
        exactOpt.reset(sizes);
        FastPath path;
        path.configureTraining(fast, threads, c.batch, y.rows());
        Optimizer<float> fastOpt(c.optimizer);
        fastOpt.reset(path.sliceSizes());
        const std::vector<std::size_t> denseSpec = c.model.weightIndices();
        std::vector<PenaltyGradient<float>> pen(2 * denseSpec.size());
        for (std::size_t i = 0; i < denseSpec.size(); ++i) {
            const LayerSpec &ls = c.model.layers[denseSpec[i]];
            pen[2 * i] = penaltyGradient<float>(ls.kernelRegularizer, L2Convention::Keras);
            pen[2 * i + 1] = penaltyGradient<float>(ls.biasRegularizer, L2Convention::Keras);
            path.penalties()[2 * i] = pen[2 * i];
            path.penalties()[2 * i + 1] = pen[2 * i + 1];
        }

        // One step of the reference path: forward, loss, backward, one update per tensor.
        const auto referenceStep = [&]<typename S>(Network<S> &net, Optimizer<S> &opt,
                                                   const Matrix<S> &bx, const Matrix<S> &by,
                                                   std::uint64_t key) {
            NetworkWorkspace<S> ws;
            net.setDropoutMasks(ws, key, bx.cols());
            Matrix<S> dOut;
            const double loss = computeLoss<S>(c.loss, net.forward(bx, ws), by, &dOut);
            net.backward(bx, dOut, ws);
            opt.beginStep();
            for (std::size_t i = 0; i < net.layers().size(); ++i) {
                auto &l = net.layers()[i];
                opt.update(2 * i, l.kernel.data(), ws.kernelGrad[i].data(), l.kernel.size(),
                           {S(pen[2 * i].l1), S(pen[2 * i].l2)});
                if (l.useBias)
                    opt.update(2 * i + 1, l.bias.data(), ws.biasGrad[i].data(), l.bias.size(),
                               {S(pen[2 * i + 1].l1), S(pen[2 * i + 1].l2)});
            }
            return loss;
        };

        // A fixed scrambled sample order, 3 epochs of batches (the last one short).
        std::vector<Index> order(static_cast<std::size_t>(n));
        for (Index j = 0; j < n; ++j)
            order[std::size_t(j)] = (j * 17) % n;
        int steps = 0;
        for (int epoch = 0; epoch < 3; ++epoch) {
            for (Index start = 0; start < n; start += c.batch) {
                const Index count = std::min(c.batch, n - start);
                MatrixF bx(inputs, count);
                MatrixF by(y.rows(), count);
                for (Index j = 0; j < count; ++j) {
                    bx.col(j) = x.col(order[std::size_t(start + j)]);
                    by.col(j) = y.col(order[std::size_t(start + j)]);
                }
                const std::uint64_t key = dropoutStepKey(7, steps + 1);
                const double refLoss = referenceStep(ref, refOpt, bx, by, key);
                const Matrix<double> bxd = bx.cast<double>();
                const Matrix<double> byd = by.cast<double>();
                referenceStep(exact, exactOpt, bxd, byd, key);
                const double fastLoss =
                    path.trainStep(fast, fastOpt, c.loss, x, y, order.data() + start, count, key);
                QVERIFY2(std::abs(fastLoss - refLoss) <= 1e-5 * (1.0 + std::abs(refLoss)),
                         qPrintable(QString("loss %1 vs %2").arg(fastLoss).arg(refLoss)));
                ++steps;
            }
        }
        QCOMPARE(fastOpt.stepCount(), refOpt.stepCount());
        QCOMPARE(fastOpt.stepCount(), (long long)steps);
        const double diff = maxAbsDiff(fast, ref);
        const double fastError = maxAbsDiff(fast, exact);
        const double refError = maxAbsDiff(ref, exact);
        const double moved = maxAbsDiff(ref, initial);
        const double fastRms = rmsDiff(fast, exact);
        const double refRms = rmsDiff(ref, exact);
        qInfo("%d steps: weights moved by up to %.3g; fast vs reference %.3g; vs double "
              "precision: fast %.3g (rms %.3g), reference %.3g (rms %.3g)",
              steps, moved, diff, fastError, fastRms, refError, refRms);
        QVERIFY(moved > 1e-3); // training really changed the weights ...
        // ... and both paths agree to float32 rounding: within 2e-6 of each other, or the fast
        // path is about as close to the double-precision result as the float reference is,
        // at its worst weight and on average. The second form is for Adam, which divides by
        // sqrt(v) and so amplifies the rounding of tiny gradients on the wide seed network
        // (the summation order of the products depends on the CPU's GEMM kernel and the
        // thread count). A wrong gradient moves a weight by ~lr a step, orders of magnitude
        // beyond both bounds.
        QVERIFY(diff <= 2e-6 || (fastError <= 3.0 * refError && fastRms <= 3.0 * refRms));
        for (std::size_t i = 0; i < fast.layers().size(); ++i) {
            if (!fast.layers()[i].useBias)
                QVERIFY(fast.layers()[i].bias.isZero(0.0f)); // an unused bias stays zero
        }
    }

    void trainingStepAllocatesNothing_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("batch");
        QTest::newRow("batch_50_1_thread") << 1 << 50;
        QTest::newRow("batch_50_2_threads") << 2 << 50;
        QTest::newRow("batch_100_1_thread") << 1 << 100;
        QTest::newRow("batch_100_2_threads") << 2 << 100;
        QTest::newRow("batch_16_2_threads") << 2 << 16; // small products
    }
    void trainingStepAllocatesNothing() {
        if (!kAllocationCounting)
            QSKIP("the sanitizer owns malloc: allocations are not counted");
        QFETCH(int, threads);
        QFETCH(int, batch);
        const Case c = seedNetwork(batch);
        // Named references, not a structured binding: the lambdas below capture them (clang 14
        // cannot capture structured bindings).
        const auto data = randomData(c.loss, c.inputs, 10, c.samples, 3);
        const MatrixF &x = data.first;
        const MatrixF &y = data.second;
        Network<float> net(c.inputs, c.model);
        net.initialize(c.model, 5);
        FastPath path;
        path.configureTraining(net, threads, c.batch, y.rows());
        path.configureEvaluation(net, threads);
        Optimizer<float> opt(c.optimizer);
        opt.reset(path.sliceSizes());
        std::vector<Index> order(static_cast<std::size_t>(c.samples));
        for (Index j = 0; j < c.samples; ++j)
            order[std::size_t(j)] = (j * 31) % c.samples;
        double loss = path.trainStep(net, opt, c.loss, x, y, order.data(), c.batch); // warm-up
        const AllocationCount steps = countAllocations([&] {
            for (int s = 0; s < 5; ++s) {
                loss = path.trainStep(net, opt, c.loss, x, y, order.data() + c.batch, c.batch);
                loss += path.trainStep(net, opt, c.loss, x, y, order.data() + 2 * c.batch, 7);
            }
        });
        QVERIFY(std::isfinite(loss));
        QCOMPARE(steps.operatorNew, 0LL);
        QCOMPARE(steps.malloc, 0LL);
        // The counter itself works: the reference path allocates its temporaries.
        const AllocationCount reference = countAllocations([&] {
            NetworkWorkspace<float> ws;
            net.forward(x, ws);
        });
        QVERIFY(reference.operatorNew + reference.malloc > 0);
    }

    void cnnTrainingStepAllocatesNothing_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<bool>("question");
        QTest::newRow("dropout_pool_1_thread") << 1 << false;
        QTest::newRow("dropout_pool_2_threads") << 2 << false;
        QTest::newRow("question_cnn_1_thread") << 1 << true;
        QTest::newRow("question_cnn_2_threads") << 2 << true;
    }
    /// A CNN's training step (im2col, products, pooling, col2im, optimizer) allocates
    /// nothing once the buffers are sized: the small test CNN with dropout and an
    /// overlapping "same" pool, and the question's network (28x28x1, conv 32 and 64, batch 64).
    void cnnTrainingStepAllocatesNothing() {
        if (!kAllocationCounting)
            QSKIP("the sanitizer owns malloc: allocations are not counted");
        QFETCH(int, threads);
        QFETCH(bool, question);
        Case c = convNetwork(OptimizerKind::Adam);
        if (question) {
            c.model.layers = {
                conv("conv1", 32, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{0, 1e-5}),
                maxPool("pool1", 2, 2, Padding::Valid),
                conv("conv2", 64, 3, 1, Padding::Same, Activation::Relu, std::nullopt),
                maxPool("pool2", 2, 2, Padding::Valid),
                flatten(),
                dense("dense1", 128, Activation::Relu, std::nullopt),
                dense("logits", 10, Activation::Linear, std::nullopt)};
            c.image = TensorShape{28, 28, 1, true};
            c.inputs = c.image.size();
            c.batch = 64;
            c.samples = 2 * 64 + 7;
        }
        const auto data = randomData(c.loss, c.inputs, c.model.layers.back().units, c.samples, 3);
        const MatrixF &x = data.first;
        const MatrixF &y = data.second;
        Network<float> net(c.image, c.model);
        net.initialize(c.model, 5);
        FastPath path;
        path.configureTraining(net, threads, c.batch, y.rows());
        Optimizer<float> opt(c.optimizer);
        opt.reset(path.sliceSizes());
        std::vector<Index> order(static_cast<std::size_t>(c.samples));
        for (Index j = 0; j < c.samples; ++j)
            order[std::size_t(j)] = (j * 31) % c.samples;
        double loss = path.trainStep(net, opt, c.loss, x, y, order.data(), c.batch, 1); // warm-up
        const AllocationCount steps = countAllocations([&] {
            for (int s = 0; s < 3; ++s) {
                loss = path.trainStep(net, opt, c.loss, x, y, order.data() + c.batch, c.batch,
                                      dropoutStepKey(1, 2 * s + 2));
                loss += path.trainStep(net, opt, c.loss, x, y, order.data() + 2 * c.batch, 7,
                                       dropoutStepKey(1, 2 * s + 3));
            }
        });
        QVERIFY(std::isfinite(loss));
        QCOMPARE(steps.operatorNew, 0LL);
        QCOMPARE(steps.malloc, 0LL);
    }

    void evaluationPeaksAreThoseOfPeakActivations_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("chunk");
        QTest::newRow("1_thread_one_chunk") << 1 << 512;
        QTest::newRow("1_thread_chunks_of_4") << 1 << 4;
        QTest::newRow("2_threads_chunks_of_3") << 2 << 3;
        QTest::newRow("3_threads") << 3 << 512;
    }
    /// The training set's evaluation returns every unit's peak output (per filter for a conv
    /// layer) exactly as peakActivations() computes it with a second forward pass. Weights,
    /// biases and inputs are small integers, so every sum is exact in float whatever the
    /// product's order: the two paths must agree bit for bit, and the dead-unit flags too.
    void evaluationPeaksAreThoseOfPeakActivations() {
        QFETCH(int, threads);
        QFETCH(int, chunk);
        ModelSpec model;
        model.layers = {conv("c1", 5, 3, 1, Padding::Same, Activation::Relu, std::nullopt),
                        maxPool("pool", 2, 2, Padding::Valid),
                        conv("c2", 4, 2, 1, Padding::Valid, Activation::Relu, std::nullopt),
                        flatten(),
                        dense("h", 6, Activation::Relu, std::nullopt),
                        dense("t", 3, Activation::Tanh, std::nullopt),
                        dense("out", 3, Activation::Linear, std::nullopt)};
        const TensorShape image{7, 6, 2, true};
        Network<float> net(image, model);
        Random rng(8);
        const auto integer = [&](int lo, int hi) {
            return float(std::min(hi, lo + int(rng.uniform(0, double(hi - lo + 1)))));
        };
        for (auto &l : net.layers()) {
            for (Index i = 0; i < l.kernel.size(); ++i)
                l.kernel.data()[i] = integer(-2, 2);
            for (Index i = 0; i < l.bias.size(); ++i)
                l.bias(i) = integer(-3, 1);
        }
        // Filter 0 of c1 and unit 0 of h can never fire: dead units to find.
        net.layers()[0].kernel.row(0).setConstant(-1.0f);
        net.layers()[0].bias(0) = -1.0f;
        net.layers()[2].kernel.row(0).setZero();
        net.layers()[2].bias(0) = -2.0f;
        const Index n = 23;
        MatrixF x(image.size(), n);
        for (Index i = 0; i < x.size(); ++i)
            x.data()[i] = integer(0, 2); // non-negative: c1's filter 0 stays below zero
        MatrixF y(1, n);
        for (Index j = 0; j < n; ++j)
            y(0, j) = float(j % 3);

        const std::vector<VectorF> expected = peakActivations(net, x, 5);
        FastPath path;
        path.configureEvaluation(net, threads, chunk);
        std::vector<VectorF> peaks;
        path.evaluate(net, LossKind::SoftmaxCrossEntropy, x, y, &peaks);
        QCOMPARE(peaks.size(), expected.size());
        for (std::size_t l = 0; l < peaks.size(); ++l) {
            QCOMPARE(peaks[l].size(), expected[l].size());
            for (Index u = 0; u < peaks[l].size(); ++u)
                QCOMPARE(peaks[l](u), expected[l](u));
        }
        QCOMPARE(peaks[3].size(), Index(0)); // after the last ReLU layer: not computed
        QCOMPARE(peaks[4].size(), Index(0));
        QVERIFY(peaks[1].maxCoeff() > 0.0f); // not all dead: the case has live units too
        const auto flags = deadUnitFlags(net, peaks);
        QCOMPARE(flags, deadUnitFlags(net, expected));
        QCOMPARE(flags[0][0], std::uint8_t(kUnitDead));
        QCOMPARE(flags[2][0], std::uint8_t(kUnitDead));
        // Evaluated again (buffers reused): the same peaks; an empty set gives -inf.
        std::vector<VectorF> again;
        path.evaluate(net, LossKind::SoftmaxCrossEntropy, x, y, &again);
        QCOMPARE(again[2], peaks[2]);
        path.evaluate(net, LossKind::SoftmaxCrossEntropy, x.leftCols(0), y.leftCols(0), &again);
        QCOMPARE(again[0](1), -std::numeric_limits<float>::infinity());
        QCOMPARE(peakActivations(net, x.leftCols(0))[0](1), again[0](1));
    }

    void sameThreadCountIsBitIdenticalAndOneVsTwoAgree() {
        ExperimentSpec s;
        s.seed = 9;
        s.dataset.source = "spiral";
        s.dataset.samples = 300;
        s.model.layers = {dense("h1", 48, Activation::Tanh, RegularizerSpec{1e-4, 1e-3}),
                          dense("h2", 48, Activation::Tanh, RegularizerSpec{0, 1e-3}),
                          dense("out", 2, Activation::Linear, std::nullopt)};
        s.optimizer.type = OptimizerKind::Adam;
        s.optimizer.learningRate = 0.01;
        s.training.batchSize = 20;
        s.training.epochs = 4;
        const auto data = std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
        TrainerOptions two;
        two.threads = 2;
        Trainer a(s, data, two);
        Trainer b(s, data, two);
        Trainer one(s, data);
        a.run();
        b.run();
        one.run();
        QCOMPARE(a.threads(), 2);
        QCOMPARE(maxAbsDiff(a.network(), b.network()), 0.0);
        QCOMPARE(a.history().back().trainDataLoss, b.history().back().trainDataLoss);
        const double diff = maxAbsDiff(a.network(), one.network());
        qInfo("1 vs 2 threads after %lld steps: weights differ by %.3g", a.step(), diff);
        QVERIFY(diff <= 1e-4);
        QVERIFY(std::abs(a.history().back().trainDataLoss - one.history().back().trainDataLoss)
                <= 1e-4);
        QVERIFY(a.history().back().trainAccuracy > a.history().front().trainAccuracy);
    }

    /// A CNN on mnist-10k trains bit-identically per thread count (1 and 2) and the two
    /// thread counts agree to float rounding; its evaluation matches the reference forward.
    void cnnIsDeterministicOnOneAndTwoThreads() {
        ExperimentSpec s;
        s.seed = 4;
        s.dataset.source = "mnist-10k";
        s.dataset.limit = 300;
        LayerSpec pool;
        pool.type = "max_pool2d";
        pool.name = "pool";
        LayerSpec flat;
        flat.type = "flatten";
        flat.name = "flat";
        s.model.layers = {
            conv("c1", 6, 3, 1, Padding::Same, Activation::Relu, RegularizerSpec{0, 1e-3}), pool,
            conv("c2", 4, 3, 2, Padding::Valid, Activation::Relu, std::nullopt), flat,
            dense("out", 10, Activation::Linear, RegularizerSpec{0, 1e-3})};
        s.l2Convention = L2Convention::Tf1;
        s.optimizer.type = OptimizerKind::Adam;
        s.optimizer.learningRate = 0.005;
        s.training.batchSize = 32;
        s.training.epochs = 3;
        const auto data = std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
        QVERIFY(data->isImage());
        TrainerOptions two;
        two.threads = 2;
        Trainer a(s, data, two);
        Trainer b(s, data, two);
        Trainer one(s, data);
        Trainer oneAgain(s, data);
        a.run();
        b.run();
        one.run();
        oneAgain.run();
        QCOMPARE(maxAbsDiff(a.network(), b.network()), 0.0);
        QCOMPARE(maxAbsDiff(one.network(), oneAgain.network()), 0.0);
        QCOMPARE(a.history().back().trainDataLoss, b.history().back().trainDataLoss);
        QCOMPARE(one.history().back().testDataLoss, oneAgain.history().back().testDataLoss);
        const double diff = maxAbsDiff(a.network(), one.network());
        qInfo("CNN, 1 vs 2 threads after %lld steps: weights differ by %.3g", a.step(), diff);
        QVERIFY(diff <= 1e-4);
        QVERIFY(a.history().back().trainDataLoss < a.history().front().trainDataLoss); // it learns
        // Evaluation (chunked, threaded) against one reference forward pass.
        NetworkWorkspace<float> ws;
        const BatchScore ref =
            scoreBatch<float>(s.loss, a.network().forward(data->testX, ws), data->testY);
        const double refLoss = ref.lossSum / double(data->testSize());
        QVERIFY(std::abs(a.history().back().testDataLoss - refLoss) <= 1e-5 * (1 + refLoss));
        QVERIFY(std::abs(a.history().back().testAccuracy
                         - double(ref.correct) / double(data->testSize()))
                <= 1.0 / double(data->testSize()) + 1e-12); // a float tie may flip one sample
    }

    void evaluationMatchesReference_data() {
        QTest::addColumn<int>("threads");
        QTest::addColumn<int>("loss");
        QTest::newRow("softmax_1_thread") << 1 << int(LossKind::SoftmaxCrossEntropy);
        QTest::newRow("softmax_2_threads") << 2 << int(LossKind::SoftmaxCrossEntropy);
        QTest::newRow("mse_3_threads") << 3 << int(LossKind::MeanSquaredError);
    }
    void evaluationMatchesReference() {
        QFETCH(int, threads);
        QFETCH(int, loss);
        const auto kind = LossKind(loss);
        ModelSpec model;
        model.layers = {dense("h", 32, Activation::Tanh, std::nullopt),
                        dense("out", 5, Activation::Linear, std::nullopt)};
        Network<float> net(12, model);
        net.initialize(model, 3);
        const auto [x, y] = randomData(kind, 12, 5, 1001, 4);
        // Reference: one forward pass over everything.
        NetworkWorkspace<float> ws;
        const BatchScore s = scoreBatch<float>(kind, net.forward(x, ws), y);
        FastPath path;
        path.configureEvaluation(net, threads, 100); // 1001 = uneven parts and chunks
        const Evaluation ev = path.evaluate(net, kind, x, y);
        const double refLoss = s.lossSum / 1001.0;
        QVERIFY(std::abs(ev.dataLoss - refLoss) <= 1e-6 * std::abs(refLoss));
        if (kind == LossKind::SoftmaxCrossEntropy) {
            QVERIFY(std::abs(ev.accuracy - double(s.correct) / 1001.0) <= 1.0 / 1001.0);
            QVERIFY(ev.accuracy > 0.0);
        } else {
            // R^2 = 1 - SS_res / SS_tot, SS_res = sum (z - y)^2 = lossSum * outputs
            const Eigen::ArrayXXd yd = y.cast<double>().array();
            const Eigen::ArrayXd mean = yd.rowwise().mean();
            const double ssTot = (yd.colwise() - mean).square().sum();
            const double r2 = 1.0 - s.lossSum * 5.0 / ssTot;
            QVERIFY(std::abs(ev.accuracy - r2) <= 1e-6);
            QVERIFY(ev.accuracy < 0.5); // R^2 of an untrained net on random targets
        }
    }

    void gemmMatchesEigen_data() {
        QTest::addColumn<bool>("transA");
        QTest::addColumn<bool>("transB");
        QTest::newRow("a_b") << false << false;
        QTest::newRow("a_bt") << false << true;
        QTest::newRow("at_b") << true << false;
        QTest::newRow("at_bt") << true << true;
    }
    void gemmMatchesEigen() {
        QFETCH(bool, transA);
        QFETCH(bool, transB);
        const Index m = 37, n = 23, k = 70;
        Random rng(2);
        MatrixF a(transA ? k : m, transA ? m : k);
        MatrixF b(transB ? n : k, transB ? k : n);
        for (Index i = 0; i < a.size(); ++i)
            a.data()[i] = float(rng.uniform(-1, 1));
        for (Index i = 0; i < b.size(); ++i)
            b.data()[i] = float(rng.uniform(-1, 1));
        MatrixF expected(m, n);
        const MatrixF opA = transA ? MatrixF(a.transpose()) : a;
        const MatrixF opB = transB ? MatrixF(b.transpose()) : b;
        expected.noalias() = opA * opB;
        MatrixF c = MatrixF::Constant(m, n, 99.0f); // must be overwritten, not accumulated
        VectorF packA(m * k), packB(k * n);
        FastPath::gemm(transA, transB, m, n, k, a.data(), b.data(), c.data(), packA.data(),
                       packB.data());
        QVERIFY((c - expected).cwiseAbs().maxCoeff() <= 1e-5f);
        QVERIFY(c.cwiseAbs().maxCoeff() > 1.0f);
    }
};

QTEST_APPLESS_MAIN(TestFastPath)
#include "tst_fast_path.moc"
