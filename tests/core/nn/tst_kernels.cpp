// SPDX-License-Identifier: GPL-3.0-or-later
// The fast path's hot loops (core/nn/kernels.h): every variant this processor runs, against
// scalar loops in double precision written out here, and against each other.

#include "core/nn/kernels.h"
#include "core/nn/optimizer_loops.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

using namespace reglab;

namespace {

std::vector<float> randomVector(std::size_t n, std::uint32_t seed, float scale = 2.0f) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<float> dist(-scale, scale);
    std::vector<float> v(n);
    for (float &x : v)
        x = dist(gen);
    return v;
}

/// Largest |a - b| / max(1, |b|).
double maxRelDiff(const std::vector<float> &a, const std::vector<double> &b) {
    double worst = 0.0;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(double(a[i]) - b[i]) / std::max(1.0, std::abs(b[i])));
    return worst;
}

/// The direct convolution of kernels.h written out in double: out(f, position, sample) =
/// b(f) + sum over the window's pixels inside the image of W(f, t) x, before the activation.
std::vector<double> directConvReference(const kernels::ConvShape &g, const std::vector<float> &w,
                                        const std::vector<float> &bias,
                                        const std::vector<float> &in, Index samples) {
    std::vector<double> z;
    z.reserve(std::size_t(samples * g.outH * g.outW * g.filters));
    for (Index s = 0; s < samples; ++s) {
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow) {
                for (int f = 0; f < g.filters; ++f) {
                    double sum = bias[std::size_t(f)];
                    for (int i = 0; i < g.kh; ++i) {
                        for (int j = 0; j < g.kw; ++j) {
                            const int r = oh * g.sh - g.padTop + i, q = ow * g.sw - g.padLeft + j;
                            if (r >= 0 && r < g.h && q >= 0 && q < g.w)
                                sum += double(w[std::size_t(f + (i * g.kw + j) * g.filters)])
                                       * in[std::size_t((s * g.h + r) * g.w + q)];
                        }
                    }
                    z.push_back(sum);
                }
            }
        }
    }
    return z;
}

double activate(Activation act, double z) {
    switch (act) {
    case Activation::Linear:
        return z;
    case Activation::Relu:
        return z > 0 ? z : 0;
    case Activation::Tanh:
        return std::tanh(z);
    case Activation::Sigmoid:
        return 1.0 / (1.0 + std::exp(-z));
    case Activation::Elu:
        return z > 0 ? z : std::expm1(z);
    }
    return 0;
}

double derivativeFromOutput(Activation act, double a) {
    switch (act) {
    case Activation::Linear:
        return 1;
    case Activation::Relu:
        return a > 0 ? 1 : 0;
    case Activation::Tanh:
        return 1 - a * a;
    case Activation::Sigmoid:
        return a * (1 - a);
    case Activation::Elu:
        return a > 0 ? 1 : a + 1;
    }
    return 0;
}

/// A 64-byte aligned float buffer, as the fast path's packing space (Eigen vectors) is.
class AlignedFloats {
public:
    explicit AlignedFloats(std::size_t n)
        : m_data(static_cast<float *>(std::aligned_alloc(64, (n * sizeof(float) + 63) / 64 * 64))) {
    }
    ~AlignedFloats() { std::free(m_data); }
    AlignedFloats(const AlignedFloats &) = delete;
    AlignedFloats &operator=(const AlignedFloats &) = delete;
    float *get() const { return m_data; }

private:
    float *m_data;
};

const Activation kActivations[] = {Activation::Linear, Activation::Relu, Activation::Tanh,
                                   Activation::Sigmoid, Activation::Elu};

} // namespace

class TestKernels : public QObject {
    Q_OBJECT

private slots:
    void theChosenVariantIsSupported() {
        const auto tables = kernels::supportedTables();
        QVERIFY(!tables.empty());
        bool found = false;
        for (const kernels::Table *t : tables)
            found = found || t == &kernels::table();
        QVERIFY(found);
        // REGLAB_KERNELS, when set to a supported variant, is the one chosen.
        const QByteArray wanted = qgetenv("REGLAB_KERNELS");
        if (!wanted.isEmpty()) {
            for (const kernels::Table *t : tables) {
                if (t->isa == wanted.toStdString())
                    QCOMPARE(kernels::table().isa, t->isa);
            }
        }
        for (const kernels::Table *t : tables)
            qInfo("variant %.*s", int(t->isa.size()), t->isa.data());
    }

    void biasAndActivation() {
        const Index rows = 37; // not a multiple of any vector width
        const Index cols = 5;
        const std::vector<float> z = randomVector(std::size_t(rows * cols), 1, 6.0f);
        const std::vector<float> bias = randomVector(std::size_t(rows), 2);
        for (const kernels::Table *t : kernels::supportedTables()) {
            for (Activation act : kActivations) {
                for (const bool withBias : {false, true}) {
                    std::vector<float> a = z;
                    t->biasActivate(act, a.data(), withBias ? bias.data() : nullptr, rows, cols);
                    std::vector<double> expected(a.size());
                    for (Index j = 0; j < cols; ++j) {
                        for (Index i = 0; i < rows; ++i) {
                            const std::size_t at = std::size_t(j * rows + i);
                            expected[at] =
                                activate(act, double(z[at]) + (withBias ? double(bias[i]) : 0.0));
                        }
                    }
                    // Eigen's vectorized tanh, exp and expm1 are within a few float ulps.
                    QVERIFY2(
                        maxRelDiff(a, expected) < 2e-6,
                        qPrintable(QString("%1 act %2 bias %3: %4")
                                       .arg(QString::fromUtf8(t->isa.data(), int(t->isa.size())))
                                       .arg(int(act))
                                       .arg(withBias)
                                       .arg(maxRelDiff(a, expected))));
                }
            }
        }
    }

    void activationDerivative() {
        const std::size_t n = 101;
        const std::vector<float> z = randomVector(n, 3, 4.0f);
        const std::vector<float> d0 = randomVector(n, 4);
        for (const kernels::Table *t : kernels::supportedTables()) {
            for (Activation act : kActivations) {
                std::vector<float> a(n);
                for (std::size_t i = 0; i < n; ++i)
                    a[i] = float(activate(act, z[i]));
                std::vector<float> d = d0;
                t->activationBackward(act, a.data(), d.data(), Index(n));
                std::vector<double> expected(n);
                for (std::size_t i = 0; i < n; ++i)
                    expected[i] = double(d0[i]) * derivativeFromOutput(act, a[i]);
                QVERIFY2(maxRelDiff(d, expected) < 1e-6, qPrintable(QString::number(int(act))));
            }
        }
    }

    void directConvolution_data() {
        QTest::addColumn<int>("filters");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("padding"); // padTop = padLeft
        QTest::newRow("3_filters_general_loops") << 3 << 3 << 1;
        QTest::newRow("16_filters_3x3_same") << 16 << 3 << 1;
        QTest::newRow("32_filters_3x3_same") << 32 << 3 << 1;
        QTest::newRow("32_filters_3x3_valid") << 32 << 3 << 0;
        QTest::newRow("16_filters_5x5_same") << 16 << 5 << 2;
        QTest::newRow("64_filters_3x3_same") << 64 << 3 << 1;
    }

    // The direct conv kernels (the register-blocked ones for 16, 32, 48 and 64 filters on one
    // input channel) against the sum written out in double, per variant; a NaN pixel reaches
    // every output whose window holds it, through the ReLU too (std::max(z, 0) keeps NaN, as
    // the general loops do), and nowhere else.
    void directConvolution() {
        QFETCH(int, filters);
        QFETCH(int, kernel);
        QFETCH(int, padding);
        kernels::ConvShape g;
        g.h = 9;
        g.w = 7;
        g.c = 1;
        g.kh = g.kw = kernel;
        g.padTop = g.padLeft = padding;
        g.outH = g.h + 2 * padding - kernel + 1;
        g.outW = g.w + 2 * padding - kernel + 1;
        g.filters = filters;
        const Index samples = 2, patch = Index(kernel) * kernel;
        std::vector<float> in = randomVector(std::size_t(g.h * g.w * samples), 7);
        const int nanRow = 4, nanCol = 3; // in sample 1
        in[std::size_t(g.h * g.w + nanRow * g.w + nanCol)] = std::nanf("");
        const std::vector<float> w = randomVector(std::size_t(filters * patch), 8, 0.5f);
        const std::vector<float> bias = randomVector(std::size_t(filters), 9, 0.5f);
        // NaN propagates through the double sums as it must through the kernels.
        const std::vector<double> z = directConvReference(g, w, bias, in, samples);
        int nans = 0;
        for (const double v : z)
            nans += std::isnan(v) ? 1 : 0;
        QVERIFY(nans >= filters); // the NaN pixel is inside the image
        for (const kernels::Table *t : kernels::supportedTables()) {
            for (const Activation act : {Activation::Linear, Activation::Relu}) {
                std::vector<float> out(z.size(), -7.0f);
                t->convForward(g, w.data(), bias.data(), act, in.data(), samples, out.data());
                for (std::size_t i = 0; i < z.size(); ++i) {
                    const double expected = act == Activation::Relu ? std::max(z[i], 0.0) : z[i];
                    const bool ok = std::isnan(expected) ? std::isnan(out[i])
                                                         : std::abs(out[i] - expected)
                                                               <= 1e-5 * (1.0 + std::abs(expected));
                    if (!ok)
                        QFAIL(qPrintable(
                            QString("%1 act %2 output %3: %4 vs %5")
                                .arg(QString::fromUtf8(t->isa.data(), int(t->isa.size())))
                                .arg(int(act))
                                .arg(i)
                                .arg(out[i])
                                .arg(expected)));
                }
            }
        }
    }

    void productsAndSums() {
        const Index rows = 19;
        const Index cols = 23;
        const std::vector<float> x = randomVector(std::size_t(rows * cols), 5);
        const std::vector<float> m = randomVector(std::size_t(rows * cols), 6);
        for (const kernels::Table *t : kernels::supportedTables()) {
            std::vector<float> out(x.size());
            t->multiply(out.data(), m.data(), x.data(), rows * cols);
            for (std::size_t i = 0; i < x.size(); ++i)
                QCOMPARE(out[i], m[i] * x[i]); // one rounding, exactly
            std::vector<float> inPlace = x;
            t->multiply(inPlace.data(), m.data(), inPlace.data(), rows * cols);
            QCOMPARE(inPlace, out);
            std::vector<float> sums(std::size_t(rows), -1.0f);
            t->rowSum(x.data(), rows, cols, sums.data());
            std::vector<double> expected(std::size_t(rows), 0.0);
            for (Index j = 0; j < cols; ++j)
                for (Index i = 0; i < rows; ++i)
                    expected[std::size_t(i)] += x[std::size_t(j * rows + i)];
            QVERIFY(maxRelDiff(sums, expected) < 1e-5);
            t->rowSum(x.data(), rows, 0, sums.data()); // an empty batch: zeros
            QCOMPARE(sums, std::vector<float>(std::size_t(rows), 0.0f));
        }
    }

    void matrixProducts_data() {
        QTest::addColumn<bool>("transA");
        QTest::addColumn<bool>("transB");
        QTest::newRow("A B") << false << false;
        QTest::newRow("A B^T") << false << true;
        QTest::newRow("A^T B") << true << false;
        QTest::newRow("A^T B^T") << true << true;
    }

    void matrixProducts() {
        QFETCH(bool, transA);
        QFETCH(bool, transB);
        const Index m = 29, n = 17, k = 41;
        const std::vector<float> a = randomVector(std::size_t(m * k), 7);
        const std::vector<float> b = randomVector(std::size_t(k * n), 8);
        const Index lda = transA ? k : m;
        const Index ldb = transB ? n : k;
        const Index ldc = m + 3; // C inside a larger matrix: the rows past m stay untouched
        std::vector<double> expected(std::size_t(m * n), 0.0);
        for (Index j = 0; j < n; ++j)
            for (Index i = 0; i < m; ++i)
                for (Index p = 0; p < k; ++p) {
                    const double aip =
                        transA ? a[std::size_t(i * lda + p)] : a[std::size_t(p * lda + i)];
                    const double bpj =
                        transB ? b[std::size_t(p * ldb + j)] : b[std::size_t(j * ldb + p)];
                    expected[std::size_t(j * m + i)] += aip * bpj;
                }
        for (const kernels::Table *t : kernels::supportedTables()) {
            std::vector<float> c(std::size_t(ldc * n), 7.0f); // overwritten, never read
            // Eigen's packing writes whole aligned vectors: the buffers are 64-byte aligned.
            const AlignedFloats packA(std::size_t(m * k));
            const AlignedFloats packB(std::size_t(k * n));
            t->gemm(transA, transB, m, n, k, a.data(), lda, b.data(), ldb, c.data(), ldc,
                    packA.get(), packB.get());
            std::vector<float> got;
            for (Index j = 0; j < n; ++j) {
                for (Index i = 0; i < m; ++i)
                    got.push_back(c[std::size_t(j * ldc + i)]);
                for (Index i = m; i < ldc; ++i)
                    QCOMPARE(c[std::size_t(j * ldc + i)], 7.0f);
            }
            QVERIFY2(maxRelDiff(got, expected) < 1e-5, t->isa.data());
        }
    }

    void smallProducts_data() {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("transB");
        QTest::addColumn<bool>("accumulate");
        // rows: whole blocks of two vectors, one vector, single rows; columns: whole register
        // blocks and every shorter last block
        QTest::newRow("64x49x32") << 64 << 49 << 32 << false << false;
        QTest::newRow("32x50x64") << 32 << 50 << 64 << false << false;
        QTest::newRow("64x32x98_transposed_accumulate") << 64 << 32 << 98 << true << true;
        QTest::newRow("odd_37x23x5") << 37 << 23 << 5 << false << true;
        QTest::newRow("odd_5x11x3_transposed") << 5 << 11 << 3 << true << false;
        QTest::newRow("1x1x1") << 1 << 1 << 1 << false << false;
        QTest::newRow("k_0_accumulate") << 9 << 4 << 0 << true << true;
    }
    /// smallProduct (the Winograd products) against sums in double: B untransposed and
    /// transposed through its strides, C overwritten or accumulated into.
    void smallProducts() {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        QFETCH(bool, transB);
        QFETCH(bool, accumulate);
        const std::vector<float> a = randomVector(std::size_t(m * k), 11);
        const std::vector<float> b = randomVector(std::size_t(k * n), 12);
        const std::vector<float> c0 = randomVector(std::size_t(m * n), 13);
        // B(p, j) = b[p bStep + j bCol]: k x n with leading dimension k, or stored n x k
        const Index bStep = transB ? n : 1;
        const Index bCol = transB ? 1 : k;
        std::vector<double> expected(std::size_t(m * n));
        for (Index j = 0; j < n; ++j) {
            for (Index i = 0; i < m; ++i) {
                double sum = accumulate ? c0[std::size_t(j * m + i)] : 0.0;
                for (Index p = 0; p < k; ++p)
                    sum += double(a[std::size_t(p * m + i)]) * b[std::size_t(p * bStep + j * bCol)];
                expected[std::size_t(j * m + i)] = sum;
            }
        }
        for (const kernels::Table *t : kernels::supportedTables()) {
            std::vector<float> c = accumulate ? c0 : std::vector<float>(c0.size(), NAN);
            c.push_back(7.0f); // past C: untouched
            t->smallProduct(m, n, k, a.data(), b.data(), bStep, bCol, c.data(), accumulate);
            QCOMPARE(c.back(), 7.0f);
            c.pop_back();
            QVERIFY2(maxRelDiff(c, expected) < 1e-5, t->isa.data());
        }
    }

    /// Each variant's optimizer loops against the double-precision copy of the same loops.
    void optimizerUpdates_data() {
        QTest::addColumn<int>("type");
        QTest::addColumn<float>("mu");
        QTest::addColumn<bool>("nesterov");
        QTest::addColumn<float>("l1");
        QTest::newRow("sgd") << int(OptimizerKind::Sgd) << 0.0f << false << 0.0f;
        QTest::newRow("sgd l1") << int(OptimizerKind::Sgd) << 0.0f << false << 1e-3f;
        QTest::newRow("momentum") << int(OptimizerKind::Sgd) << 0.9f << false << 0.0f;
        QTest::newRow("nesterov l1") << int(OptimizerKind::Sgd) << 0.9f << true << 1e-3f;
        QTest::newRow("adam") << int(OptimizerKind::Adam) << 0.0f << false << 0.0f;
        QTest::newRow("adam l1") << int(OptimizerKind::Adam) << 0.0f << false << 1e-3f;
        QTest::newRow("adamw") << int(OptimizerKind::AdamW) << 0.0f << false << 0.0f;
    }

    void optimizerUpdates() {
        QFETCH(int, type);
        QFETCH(float, mu);
        QFETCH(bool, nesterov);
        QFETCH(float, l1);
        const std::size_t n = 77;
        const std::vector<float> w0 = randomVector(n, 9, 0.5f);
        const std::vector<float> g = randomVector(n, 10, 0.1f);
        const std::vector<float> m0 = randomVector(n, 11, 0.01f);
        std::vector<float> v0 = randomVector(n, 12, 0.001f);
        for (float &x : v0)
            x = std::abs(x);
        for (const kernels::Table *t : kernels::supportedTables()) {
            std::vector<float> w = w0, m = m0, v = v0;
            kernels::UpdateArgs k;
            k.type = OptimizerKind(type);
            k.nesterov = nesterov;
            k.decayed = k.type == OptimizerKind::AdamW;
            k.w = w.data();
            k.g = g.data();
            k.m = m.data();
            k.v = v.data();
            k.n = Index(n);
            k.lr = 0.01f;
            k.mu = mu;
            k.l1 = l1;
            k.l2 = 1e-2f;
            k.b1 = 0.9f;
            k.oneMinusB1 = 0.1f;
            k.b2 = 0.999f;
            k.oneMinusB2 = 0.001f;
            k.negStepSize = -0.1f;
            k.bc2Sqrt = 0.0447f;
            k.eps = 1e-7f;
            k.decayFactor = 0.9999f;
            t->update(k);

            std::vector<double> wd(w0.begin(), w0.end()), md(m0.begin(), m0.end()),
                vd(v0.begin(), v0.end());
            const std::vector<double> gd(g.begin(), g.end());
            kernels::UpdateArgsT<double> kd;
            kd.type = k.type;
            kd.nesterov = nesterov;
            kd.decayed = k.decayed;
            kd.w = wd.data();
            kd.g = gd.data();
            kd.m = md.data();
            kd.v = vd.data();
            kd.n = k.n;
            kd.lr = k.lr;
            kd.mu = k.mu;
            kd.l1 = k.l1;
            kd.l2 = k.l2;
            kd.b1 = k.b1;
            kd.oneMinusB1 = k.oneMinusB1;
            kd.b2 = k.b2;
            kd.oneMinusB2 = k.oneMinusB2;
            kd.negStepSize = k.negStepSize;
            kd.bc2Sqrt = k.bc2Sqrt;
            kd.eps = k.eps;
            kd.decayFactor = k.decayFactor;
            kernels::REGLAB_KERNEL_NS::runUpdate(kd);
            QVERIFY2(maxRelDiff(w, wd) < 1e-6, t->isa.data());
            if (k.type != OptimizerKind::Sgd || mu != 0.0f)
                QVERIFY2(maxRelDiff(m, md) < 1e-6, t->isa.data());
            // The step moved every weight.
            for (std::size_t i = 0; i < n; ++i)
                QVERIFY(w[i] != w0[i]);
        }
    }
};

QTEST_GUILESS_MAIN(TestKernels)
#include "tst_kernels.moc"
