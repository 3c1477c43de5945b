// SPDX-License-Identifier: GPL-3.0-or-later
// Winograd's F(2x2, 3x3) transforms (core/nn/winograd.h): in double, the forward pass and both
// gradients equal the direct sums of the convolution (valid and same padding, even and odd
// sizes, one output, more channels than one pass of the loops holds); a finite-difference
// check of the transforms' own gradients; in float, the forward pass is as close to the exact
// result as the direct sum in float is, within a small factor.

#include "core/nn/winograd.h"

#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

using namespace reglab;

namespace {

template<typename S>
std::vector<S> randomValues(std::size_t n, std::uint32_t seed) {
    std::mt19937 gen(seed);
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    std::vector<S> v(n);
    for (S &x : v)
        x = S(dist(gen));
    return v;
}

Window window3x3(int h, int w, int cin, int cout, bool same) {
    Window g;
    g.in = TensorShape{h, w, cin, true};
    g.kh = g.kw = 3;
    g.padTop = g.padLeft = same ? 1 : 0;
    g.out = TensorShape{same ? h : h - 2, same ? w : w - 2, cout, true};
    return g;
}

/// The convolution's direct sums in double (conv.h's layouts): out = conv(in, kernel),
/// dIn and dKernel the gradients of <dOut, out>.
struct Direct {
    std::vector<double> out, dIn, dKernel;
};

template<typename S>
Direct direct(const Window &g, const std::vector<S> &in, const std::vector<S> &kernel,
              const std::vector<S> &dOut, Index samples) {
    const int cin = g.in.channels, cout = g.out.channels;
    Direct d;
    d.out.assign(std::size_t(g.out.size() * samples), 0.0);
    d.dIn.assign(in.size(), 0.0);
    d.dKernel.assign(kernel.size(), 0.0);
    for (Index s = 0; s < samples; ++s) {
        for (int y = 0; y < g.out.height; ++y) {
            for (int x = 0; x < g.out.width; ++x) {
                for (int i = 0; i < 3; ++i) {
                    for (int j = 0; j < 3; ++j) {
                        const int r = y - g.padTop + i, q = x - g.padLeft + j;
                        if (r < 0 || r >= g.in.height || q < 0 || q >= g.in.width)
                            continue;
                        for (int ch = 0; ch < cin; ++ch) {
                            const std::size_t at =
                                std::size_t(s * g.in.size() + (r * g.in.width + q) * cin + ch);
                            for (int f = 0; f < cout; ++f) {
                                const std::size_t o = std::size_t(
                                    s * g.out.size() + (y * g.out.width + x) * cout + f);
                                const std::size_t kf =
                                    std::size_t(f + cout * ((i * 3 + j) * cin + ch));
                                d.out[o] += double(kernel[kf]) * double(in[at]);
                                d.dIn[at] += double(kernel[kf]) * double(dOut[o]);
                                d.dKernel[kf] += double(in[at]) * double(dOut[o]);
                            }
                        }
                    }
                }
            }
        }
    }
    return d;
}

/// The Winograd pass (winograd.h) with its products written out: out, and the gradients of
/// <dOut, out>.
template<typename S>
struct Winograd {
    std::vector<S> out, dIn, dKernel;
};

template<typename S>
Winograd<S> winogradPass(const Window &g, const std::vector<S> &in, const std::vector<S> &kernel,
                         const std::vector<S> &dOut, Index samples) {
    const Index cin = g.in.channels, cout = g.out.channels;
    const Index t = winograd::tiles(g) * samples;
    std::vector<S> u(std::size_t(16 * cout * cin)), v(std::size_t(16 * t * cin));
    std::vector<S> m(std::size_t(16 * t * cout)), dm(m.size()), du(u.size()), dv(v.size());
    winograd::kernelTransform(g, kernel.data(), u.data());
    winograd::inputTransform(g, in.data(), samples, v.data());
    for (Index xi = 0; xi < 16; ++xi) {
        for (Index tile = 0; tile < t; ++tile) {
            for (Index f = 0; f < cout; ++f) {
                S sum = 0;
                for (Index ch = 0; ch < cin; ++ch)
                    sum += u[std::size_t((xi * cin + ch) * cout + f)]
                           * v[std::size_t((xi * t + tile) * cin + ch)];
                m[std::size_t((xi * t + tile) * cout + f)] = sum;
            }
        }
    }
    Winograd<S> w;
    w.out.assign(std::size_t(g.out.size() * samples), S(99)); // every value overwritten
    winograd::outputTransform(g, m.data(), samples, w.out.data());
    winograd::outputGradient(g, dOut.data(), samples, dm.data());
    for (Index xi = 0; xi < 16; ++xi) {
        for (Index ch = 0; ch < cin; ++ch) {
            for (Index f = 0; f < cout; ++f) {
                S du_ = 0;
                for (Index tile = 0; tile < t; ++tile)
                    du_ += dm[std::size_t((xi * t + tile) * cout + f)]
                           * v[std::size_t((xi * t + tile) * cin + ch)];
                du[std::size_t((xi * cin + ch) * cout + f)] = du_;
            }
            for (Index tile = 0; tile < t; ++tile) {
                S sum = 0;
                for (Index f = 0; f < cout; ++f)
                    sum += u[std::size_t((xi * cin + ch) * cout + f)]
                           * dm[std::size_t((xi * t + tile) * cout + f)];
                dv[std::size_t((xi * t + tile) * cin + ch)] = sum;
            }
        }
    }
    w.dKernel.assign(kernel.size(), S(99));
    winograd::kernelGradient(g, du.data(), w.dKernel.data());
    w.dIn.assign(in.size(), S(99));
    winograd::inputGradient(g, dv.data(), samples, w.dIn.data());
    return w;
}

template<typename S>
double maxAbsDiff(const std::vector<S> &a, const std::vector<double> &b) {
    double worst = 0.0;
    for (std::size_t e = 0; e < a.size(); ++e)
        worst = std::max(worst, std::abs(double(a[e]) - b[e]));
    return a.size() == b.size() ? worst : INFINITY;
}

double maxAbs(const std::vector<double> &a) {
    double worst = 0.0;
    for (double x : a)
        worst = std::max(worst, std::abs(x));
    return worst;
}

} // namespace

class TestWinograd : public QObject {
    Q_OBJECT

private slots:
    void shapes() {
        Window g = window3x3(7, 6, 2, 3, true);
        QVERIFY(winograd::applies(g));
        QCOMPARE(winograd::tilesDown(g), 4); // 7 rows: three whole tiles and one half
        QCOMPARE(winograd::tilesAcross(g), 3);
        QCOMPARE(winograd::tiles(g), Index(12));
        g.sh = 2;
        QVERIFY(!winograd::applies(g)); // stride 2: the patches' products
        g = window3x3(7, 6, 2, 3, true);
        g.kw = 5;
        QVERIFY(!winograd::applies(g));
    }

    void matchesDirectSums_data() {
        QTest::addColumn<int>("h");
        QTest::addColumn<int>("w");
        QTest::addColumn<int>("cin");
        QTest::addColumn<int>("cout");
        QTest::addColumn<bool>("same");
        QTest::addColumn<int>("samples");
        QTest::newRow("same_4x4_2_to_3") << 4 << 4 << 2 << 3 << true << 2;
        QTest::newRow("same_odd_7x5_3_to_5") << 7 << 5 << 3 << 5 << true << 2;
        QTest::newRow("valid_6x9_4_to_2") << 6 << 9 << 4 << 2 << false << 1;
        QTest::newRow("valid_odd_7x7_1_to_1") << 7 << 7 << 1 << 1 << false << 3;
        QTest::newRow("valid_one_output_3x3") << 3 << 3 << 2 << 2 << false << 2;
        QTest::newRow("same_1x1") << 1 << 1 << 2 << 3 << true << 2;
        QTest::newRow("same_2x7_70_to_66_channels") << 2 << 7 << 70 << 66 << true << 1;
        QTest::newRow("question_conv2_14x14_32_to_64") << 14 << 14 << 32 << 64 << true << 1;
    }
    /// In double the transforms are the convolution: forward, dIn and dKernel equal the direct
    /// sums to rounding (1e-12 of the largest value).
    void matchesDirectSums() {
        QFETCH(int, h);
        QFETCH(int, w);
        QFETCH(int, cin);
        QFETCH(int, cout);
        QFETCH(bool, same);
        QFETCH(int, samples);
        const Window g = window3x3(h, w, cin, cout, same);
        const auto in = randomValues<double>(std::size_t(g.in.size() * samples), 1);
        const auto kernel = randomValues<double>(std::size_t(9 * cin * cout), 2);
        const auto dOut = randomValues<double>(std::size_t(g.out.size() * samples), 3);
        const Direct d = direct(g, in, kernel, dOut, samples);
        const Winograd<double> wg = winogradPass(g, in, kernel, dOut, samples);
        QVERIFY(maxAbsDiff(wg.out, d.out) <= 1e-12 * maxAbs(d.out));
        QVERIFY(maxAbsDiff(wg.dIn, d.dIn) <= 1e-12 * maxAbs(d.dIn));
        QVERIFY(maxAbsDiff(wg.dKernel, d.dKernel) <= 1e-12 * maxAbs(d.dKernel));
    }

    /// The transforms' gradients against central differences of their own forward pass:
    /// L = <dOut, out(in, kernel)> is linear in each, so the differences are exact to rounding.
    void finiteDifferences() {
        const Window g = window3x3(5, 6, 3, 4, true);
        const Index samples = 2;
        auto in = randomValues<double>(std::size_t(g.in.size() * samples), 4);
        auto kernel = randomValues<double>(std::size_t(9 * 3 * 4), 5);
        const auto dOut = randomValues<double>(std::size_t(g.out.size() * samples), 6);
        const Winograd<double> wg = winogradPass(g, in, kernel, dOut, samples);
        const auto loss = [&] {
            const auto out = winogradPass(g, in, kernel, dOut, samples).out;
            double sum = 0.0;
            for (std::size_t e = 0; e < out.size(); ++e)
                sum += out[e] * dOut[e];
            return sum;
        };
        const double h = 1e-4;
        const auto check = [&](std::vector<double> &x, const std::vector<double> &grad) {
            for (std::size_t e = 0; e < x.size(); e += 7) {
                const double x0 = x[e];
                x[e] = x0 + h;
                const double up = loss();
                x[e] = x0 - h;
                const double down = loss();
                x[e] = x0;
                QVERIFY2(std::abs((up - down) / (2 * h) - grad[e]) <= 1e-8,
                         qPrintable(QString("entry %1: %2 vs %3")
                                        .arg(e)
                                        .arg((up - down) / (2 * h))
                                        .arg(grad[e])));
            }
        };
        check(in, wg.dIn);
        check(kernel, wg.dKernel);
    }

    /// In float, the forward pass's error against the exact (double) convolution stays within
    /// a small factor of the direct float sum's error, over the question's conv2 shape.
    void floatRounding() {
        const Window g = window3x3(14, 14, 32, 64, true);
        const Index samples = 2;
        const auto in = randomValues<float>(std::size_t(g.in.size() * samples), 7);
        const auto kernel = randomValues<float>(std::size_t(9 * 32 * 64), 8);
        const auto dOut = randomValues<float>(std::size_t(g.out.size() * samples), 9);
        const Direct exact = direct(g, in, kernel, dOut, samples);
        // the direct sums in float, in the patches' order
        std::vector<float> directFloat(exact.out.size());
        {
            const Index cin = 32, cout = 64;
            for (Index s = 0; s < samples; ++s)
                for (int y = 0; y < 14; ++y)
                    for (int x = 0; x < 14; ++x)
                        for (Index f = 0; f < cout; ++f) {
                            float sum = 0.0f;
                            for (int i = 0; i < 3; ++i)
                                for (int j = 0; j < 3; ++j) {
                                    const int r = y - 1 + i, q = x - 1 + j;
                                    if (r < 0 || r >= 14 || q < 0 || q >= 14)
                                        continue;
                                    for (Index ch = 0; ch < cin; ++ch)
                                        sum +=
                                            kernel[std::size_t(f + cout * ((i * 3 + j) * cin + ch))]
                                            * in[std::size_t(s * g.in.size() + (r * 14 + q) * cin
                                                             + ch)];
                                }
                            directFloat[std::size_t(s * g.out.size() + (y * 14 + x) * cout + f)] =
                                sum;
                        }
        }
        const Winograd<float> wg = winogradPass(g, in, kernel, dOut, samples);
        const double winogradError = maxAbsDiff(wg.out, exact.out);
        const double directError = maxAbsDiff(directFloat, exact.out);
        qInfo("largest output %.3g; float error: Winograd %.3g, direct %.3g", maxAbs(exact.out),
              winogradError, directError);
        QVERIFY(winogradError <= 4.0 * directError);
        QVERIFY(maxAbsDiff(wg.dIn, exact.dIn) <= 1e-5 * maxAbs(exact.dIn));
        QVERIFY(maxAbsDiff(wg.dKernel, exact.dKernel) <= 1e-5 * maxAbs(exact.dKernel));
    }
};

QTEST_APPLESS_MAIN(TestWinograd)
#include "tst_winograd.moc"
