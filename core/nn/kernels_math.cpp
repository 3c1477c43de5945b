// SPDX-License-Identifier: GPL-3.0-or-later
// One variant of the fast path's loops (kernels.h): bias and activation, their derivative,
// elementwise products, row sums and Eigen's matrix product. Compiled once per instruction
// set with -DREGLAB_KERNEL_NS=<variant> and Eigen's namespace renamed for the variant
// (core/CMakeLists.txt), so that nothing it instantiates shares a name with another variant.
#include "core/nn/activation.h"
#include "core/nn/kernels.h"

#include <algorithm>
#include <cstring>

#ifndef REGLAB_KERNEL_NS
#error "kernels_math.cpp is compiled once per variant, with REGLAB_KERNEL_NS set"
#endif

// The product goes through Eigen's internal GEMM kernel (general_matrix_matrix_product,
// level3_blocking, computeProductBlockingSizes), which is not public API.
static_assert(EIGEN_WORLD_VERSION == 3 && EIGEN_MAJOR_VERSION == 4,
              "kernels_math.cpp relies on Eigen 3.4's internal GEMM API; check it against this "
              "Eigen version");

#define REGLAB_STRINGIFY2(x) #x
#define REGLAB_STRINGIFY(x) REGLAB_STRINGIFY2(x)

namespace reglab::kernels::REGLAB_KERNEL_NS {

void update(const UpdateArgs &args); // kernels_update.cpp, the same variant

namespace {

using MapF = Eigen::Map<Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>>;
using ConstMapF = Eigen::Map<const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic>>;

void biasActivate(Activation act, float *a, const float *bias, Index rows, Index cols) {
    MapF z(a, rows, cols);
    // Bias and activation as two vectorized passes: Eigen 3.4 evaluates act(z + b) in one
    // expression with scalar code.
    if (bias)
        z.colwise() += Eigen::Map<const Eigen::VectorXf>(bias, rows);
    applyActivation(act, z);
}

void activationBackward(Activation act, const float *a, float *d, Index n) {
    MapF delta(d, n, 1);
    applyActivationDerivative(act, ConstMapF(a, n, 1), delta);
}

void multiply(float *out, const float *m, const float *x, Index n) {
    MapF(out, n, 1).array() = ConstMapF(m, n, 1).array() * ConstMapF(x, n, 1).array();
}

void rowSum(const float *d, Index rows, Index cols, float *out) {
    if (cols == 0) {
        std::fill_n(out, rows, 0.0f);
        return;
    }
    Eigen::Map<Eigen::VectorXf>(out, rows).noalias() = ConstMapF(d, rows, cols).rowwise().sum();
}

/// Eigen's blocking for an m x n x k product (computed exactly as Eigen's own product does,
/// so results are the same bit for bit), but on packing buffers the caller owns.
class OwnedBlocking : public Eigen::internal::level3_blocking<float, float> {
public:
    OwnedBlocking(Index m, Index n, Index k, float *packA, float *packB) {
        m_mc = m;
        m_nc = n;
        m_kc = k;
        Eigen::internal::computeProductBlockingSizes<float, float, 1, Index>(m_kc, m_mc, m_nc, 1);
        m_blockA = packA;
        m_blockB = packB;
    }
};

template<int OrderA, int OrderB>
void runGemm(Index m, Index n, Index k, const float *a, Index lda, const float *b, Index ldb,
             float *c, Index ldc, float *packA, float *packB) {
    OwnedBlocking blocking(m, n, k, packA, packB);
    // C += 1 * op(A) op(B), single-threaded (no GemmParallelInfo)
    Eigen::internal::general_matrix_matrix_product<Index, float, OrderA, false, float, OrderB,
                                                   false, Eigen::ColMajor, 1>::run(m, n, k, a, lda,
                                                                                   b, ldb, c, 1,
                                                                                   ldc, 1.0f,
                                                                                   blocking,
                                                                                   nullptr);
}

void gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a, Index lda,
          const float *b, Index ldb, float *c, Index ldc, float *packA, float *packB) {
    for (Index j = 0; j < n; ++j)
        std::fill_n(c + j * ldc, m, 0.0f);
    if (m == 0 || n == 0 || k == 0)
        return;
    // A stored m x k is column-major with leading dimension lda; stored k x m and used
    // transposed, it is a row-major m x k matrix with the same leading dimension. Likewise B.
    constexpr int Col = Eigen::ColMajor;
    constexpr int Row = Eigen::RowMajor;
    if (!transA && !transB)
        runGemm<Col, Col>(m, n, k, a, lda, b, ldb, c, ldc, packA, packB);
    else if (!transA)
        runGemm<Col, Row>(m, n, k, a, lda, b, ldb, c, ldc, packA, packB);
    else if (!transB)
        runGemm<Row, Col>(m, n, k, a, lda, b, ldb, c, ldc, packA, packB);
    else
        runGemm<Row, Row>(m, n, k, a, lda, b, ldb, c, ldc, packA, packB);
}

/// Calls f(t, at) for every patch entry t (in patch order, kh kw c) of output position
/// (oh, ow) of one sample that reads an input value (index `at` in the sample); padding
/// entries are skipped.
template<typename F>
inline void forEachPatchValue(const ConvShape &g, int oh, int ow, F &&f) {
    const int r0 = oh * g.sh - g.padTop;
    const int q0 = ow * g.sw - g.padLeft;
    const int iLo = std::max(0, -r0), iHi = std::min(g.kh, g.h - r0);
    const int jLo = std::max(0, -q0), jHi = std::min(g.kw, g.w - q0);
    for (int i = iLo; i < iHi; ++i) {
        for (int j = jLo; j < jHi; ++j) {
            const Index t0 = (Index(i) * g.kw + j) * g.c;
            const Index at0 = (Index(r0 + i) * g.w + q0 + j) * g.c;
            for (int ch = 0; ch < g.c; ++ch)
                f(t0 + ch, at0 + ch);
        }
    }
}

/// Filters per block of the direct kernels: one 512-bit vector of accumulators.
constexpr int kFilterBlock = 16;

/// z(f) for filters [f0, f0 + n) of one output position (n <= kFilterBlock): the sum over
/// the patch values in patch order, in registers, then the bias and the activation.
template<int N>
inline void convPosition(const ConvShape &g, int oh, int ow, const float *x, const float *kernel,
                         const float *bias, bool relu, Index f0, float *out) {
    float acc[N];
    for (int f = 0; f < N; ++f)
        acc[f] = 0.0f;
    const Index filters = g.filters;
    forEachPatchValue(g, oh, ow, [&](Index t, Index at) {
        const float v = x[at];
        const float *wt = kernel + t * filters + f0;
        for (int f = 0; f < N; ++f)
            acc[f] += wt[f] * v;
    });
    if (bias) {
        for (int f = 0; f < N; ++f)
            acc[f] += bias[f0 + f];
    }
    if (relu) {
        for (int f = 0; f < N; ++f)
            acc[f] = std::max(acc[f], 0.0f);
    }
    for (int f = 0; f < N; ++f)
        out[f0 + f] = acc[f];
}

/// 16 floats as one value (GCC's vector extension: one zmm register with AVX-512, four xmm
/// registers on the baseline).
using V16 = float __attribute__((vector_size(64)));
inline V16 load16(const float *p) {
    V16 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void store16(float *p, V16 v) {
    std::memcpy(p, &v, sizeof v);
}

/// The end of one output position of the block kernels: z + bias, the ReLU, stored.
template<int NB>
inline void storePosition(V16 (&acc)[NB], const float *bias, bool relu, float *out) {
    for (int b = 0; b < NB; ++b) {
        if (bias)
            acc[b] += load16(bias + 16 * b);
        if (relu)
            acc[b] = acc[b] > 0.0f ? acc[b] : V16{};
        store16(out + 16 * b, acc[b]);
    }
}

/// convForward for filters = 16 NB: every filter of one output position in NB registers,
/// the same sums in the same order as convPosition().
template<int NB>
void convForwardBlocks(const ConvShape &g, const float *kernel, const float *bias, bool relu,
                       const float *in, Index samples, float *out) {
    const Index filters = g.filters;
    const Index inSize = Index(g.h) * g.w * g.c;
    for (Index s = 0; s < samples; ++s) {
        const float *x = in + s * inSize;
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow, out += filters) {
                V16 acc[NB];
                for (int b = 0; b < NB; ++b)
                    acc[b] = V16{};
                forEachPatchValue(g, oh, ow, [&](Index t, Index at) {
                    const float v = x[at];
                    const float *wt = kernel + t * filters;
                    for (int b = 0; b < NB; ++b)
                        acc[b] += load16(wt + 16 * b) * v;
                });
                storePosition<NB>(acc, bias, relu, out);
            }
        }
    }
}

/// The register-blocked case of the direct kernels: one input channel, stride 1, a KH x KW
/// window and 16 NB filters, with a zero-bordered copy of each sample (at most kMaxPadded
/// floats, on the stack) so that every output position reads all KH KW values and the loops
/// have fixed bounds: the kernel (forward) or the kernel gradient (backward) stays in registers.
/// A border value adds w * 0 = +-0 to a sum; the sums start at +0 and so are never -0, and
/// adding +-0 leaves them as they are: the results are the general loops', bit for bit.
constexpr int kMaxPadded = 4096;

template<int KH, int KW>
bool registerCase(const ConvShape &g) {
    return g.c == 1 && g.kh == KH && g.kw == KW && g.sh == 1 && g.sw == 1
           && (g.outH + KH - 1) * (g.outW + KW - 1) <= kMaxPadded;
}

/// Sample x (h x w, one channel) into `padded` (ph x pw rows and columns), zeros around it.
inline void padSample(const ConvShape &g, int ph, int pw, const float *x, float *padded) {
    std::fill_n(padded, ph * pw, 0.0f);
    const int cols = std::min(g.w, pw - g.padLeft);
    for (int r = 0; r < g.h && r + g.padTop < ph; ++r)
        std::copy_n(x + Index(r) * g.w, cols, padded + (r + g.padTop) * pw + g.padLeft);
}

template<int KH, int KW, int NB>
void convForwardRegisters(const ConvShape &g, const float *kernel, const float *bias, bool relu,
                          const float *in, Index samples, float *out) {
    constexpr int P = KH * KW;
    const int ph = g.outH + KH - 1, pw = g.outW + KW - 1;
    alignas(64) float padded[kMaxPadded];
    V16 w[P][NB];
    for (int t = 0; t < P; ++t) {
        for (int b = 0; b < NB; ++b)
            w[t][b] = load16(kernel + t * 16 * NB + 16 * b);
    }
    const Index inSize = Index(g.h) * g.w;
    for (Index s = 0; s < samples; ++s) {
        padSample(g, ph, pw, in + s * inSize, padded);
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow, out += 16 * NB) {
                const float *x = padded + oh * pw + ow;
                V16 acc[NB];
                for (int b = 0; b < NB; ++b)
                    acc[b] = V16{};
                for (int i = 0; i < KH; ++i) {
                    for (int j = 0; j < KW; ++j) {
                        const float v = x[i * pw + j];
                        for (int b = 0; b < NB; ++b)
                            acc[b] += w[i * KW + j][b] * v;
                    }
                }
                storePosition<NB>(acc, bias, relu, out);
            }
        }
    }
}

/// One sample's kernel and bias gradients (sw, sb) for the register-blocked case.
template<int KH, int KW, int NB>
void convGradientRegisters(const ConvShape &g, const float *dz, const float *x, float *sw,
                           float *sb) {
    constexpr int P = KH * KW;
    const int ph = g.outH + KH - 1, pw = g.outW + KW - 1;
    alignas(64) float padded[kMaxPadded];
    padSample(g, ph, pw, x, padded);
    V16 acc[P][NB];
    V16 bsum[NB];
    for (int b = 0; b < NB; ++b) {
        bsum[b] = V16{};
        for (int t = 0; t < P; ++t)
            acc[t][b] = V16{};
    }
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, dz += 16 * NB) {
            V16 d[NB];
            for (int b = 0; b < NB; ++b) {
                d[b] = load16(dz + 16 * b);
                bsum[b] += d[b];
            }
            const float *xp = padded + oh * pw + ow;
            for (int i = 0; i < KH; ++i) {
                for (int j = 0; j < KW; ++j) {
                    const float v = xp[i * pw + j];
                    for (int b = 0; b < NB; ++b)
                        acc[i * KW + j][b] += d[b] * v;
                }
            }
        }
    }
    for (int b = 0; b < NB; ++b) {
        for (int t = 0; t < P; ++t)
            store16(sw + t * 16 * NB + 16 * b, acc[t][b]);
        store16(sb + 16 * b, bsum[b]);
    }
}

void convForward(const ConvShape &g, const float *kernel, const float *bias, Activation act,
                 const float *in, Index samples, float *out) {
    const Index filters = g.filters;
    const Index inSize = Index(g.h) * g.w * g.c;
    const bool relu = act == Activation::Relu;
    if (registerCase<3, 3>(g) && filters == 16)
        return convForwardRegisters<3, 3, 1>(g, kernel, bias, relu, in, samples, out);
    if (registerCase<3, 3>(g) && filters == 32)
        return convForwardRegisters<3, 3, 2>(g, kernel, bias, relu, in, samples, out);
    if (registerCase<5, 5>(g) && filters == 16)
        return convForwardRegisters<5, 5, 1>(g, kernel, bias, relu, in, samples, out);
    switch (filters) {
    case 16:
        return convForwardBlocks<1>(g, kernel, bias, relu, in, samples, out);
    case 32:
        return convForwardBlocks<2>(g, kernel, bias, relu, in, samples, out);
    case 48:
        return convForwardBlocks<3>(g, kernel, bias, relu, in, samples, out);
    case 64:
        return convForwardBlocks<4>(g, kernel, bias, relu, in, samples, out);
    default:
        break;
    }
    const Index whole = filters / kFilterBlock * kFilterBlock;
    for (Index s = 0; s < samples; ++s) {
        const float *x = in + s * inSize;
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow, out += filters) {
                for (Index f0 = 0; f0 < whole; f0 += kFilterBlock)
                    convPosition<kFilterBlock>(g, oh, ow, x, kernel, bias, relu, f0, out);
                for (Index f0 = whole; f0 < filters; ++f0) // the last filters one by one
                    convPosition<1>(g, oh, ow, x, kernel, bias, relu, f0, out);
            }
        }
    }
}

/// convGradient's per-sample sums for filters = 16 NB, in registers where they can be.
template<int NB>
void convGradientBlocks(const ConvShape &g, const float *dz, const float *x, float *sw, float *sb) {
    const Index filters = g.filters;
    V16 bsum[NB];
    for (int b = 0; b < NB; ++b)
        bsum[b] = V16{};
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, dz += filters) {
            V16 d[NB];
            for (int b = 0; b < NB; ++b) {
                d[b] = load16(dz + 16 * b);
                bsum[b] += d[b];
            }
            forEachPatchValue(g, oh, ow, [&](Index t, Index at) {
                const float v = x[at];
                float *gt = sw + t * filters;
                for (int b = 0; b < NB; ++b)
                    store16(gt + 16 * b, load16(gt + 16 * b) + d[b] * v);
            });
        }
    }
    for (int b = 0; b < NB; ++b)
        store16(sb + 16 * b, bsum[b]);
}

void convGradient(const ConvShape &g, const float *dz, const float *in, Index samples, float *dw,
                  float *db, float *scratch) {
    const Index filters = g.filters;
    const Index patch = Index(g.kh) * g.kw * g.c;
    const Index inSize = Index(g.h) * g.w * g.c;
    float *sw = scratch;                   // this sample's dW, filters x patch
    float *sb = scratch + filters * patch; // and db
    for (Index s = 0; s < samples; ++s) {
        const float *x = in + s * inSize;
        std::fill_n(scratch, filters * (patch + 1), 0.0f);
        if (registerCase<3, 3>(g) && (filters == 16 || filters == 32)) {
            if (filters == 16)
                convGradientRegisters<3, 3, 1>(g, dz, x, sw, sb);
            else
                convGradientRegisters<3, 3, 2>(g, dz, x, sw, sb);
            dz += filters * g.outH * g.outW;
        } else if (registerCase<5, 5>(g) && filters == 16) {
            convGradientRegisters<5, 5, 1>(g, dz, x, sw, sb);
            dz += filters * g.outH * g.outW;
        } else if (filters == 32 || filters == 64) {
            if (filters == 32)
                convGradientBlocks<2>(g, dz, x, sw, sb);
            else
                convGradientBlocks<4>(g, dz, x, sw, sb);
            dz += filters * g.outH * g.outW;
        } else {
            for (int oh = 0; oh < g.outH; ++oh) {
                for (int ow = 0; ow < g.outW; ++ow, dz += filters) {
                    // dW(:, t) += dZ(:, p) x_t; db += dZ(:, p)
                    forEachPatchValue(g, oh, ow, [&](Index t, Index at) {
                        const float v = x[at];
                        float *gt = sw + t * filters;
                        for (Index f = 0; f < filters; ++f)
                            gt[f] += dz[f] * v;
                    });
                    for (Index f = 0; f < filters; ++f)
                        sb[f] += dz[f];
                }
            }
        }
        for (Index e = 0; e < filters * patch; ++e) // sample by sample, in sample order
            dw[e] += sw[e];
        for (Index f = 0; f < filters; ++f)
            db[f] += sb[f];
    }
}

} // namespace

/// This variant's table (kernels.cpp collects them).
const Table &variant() {
    static const Table t{REGLAB_STRINGIFY(REGLAB_KERNEL_NS),
                         &biasActivate,
                         &activationBackward,
                         &multiply,
                         &rowSum,
                         &gemm,
                         &update,
                         &convForward,
                         &convGradient};
    return t;
}

} // namespace reglab::kernels::REGLAB_KERNEL_NS
