// SPDX-License-Identifier: GPL-3.0-or-later
// One variant of the fast path's loops (kernels.h): bias and activation, their derivative,
// elementwise products, row sums and Eigen's matrix product. Compiled once per instruction
// set with -DREGLAB_KERNEL_NS=<variant> and Eigen's namespace renamed for the variant
// (core/CMakeLists.txt), so that nothing it instantiates shares a name with another variant.
#include "core/nn/activation.h"
#include "core/nn/kernels.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

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

/// Filters per block of the general direct kernels: 16 sums the compiler vectorizes.
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

/// One vector register of floats for this variant (GCC's vector extension): 16 lanes with
/// AVX-512 (32 registers), 8 with AVX (16 registers), 4 on the x86-64 baseline (16 registers).
/// The block kernels below count filters in these vectors, so each variant's loops hold what
/// its own register file holds; a wider vector than the CPU has would be split by the compiler
/// and its arrays kept in memory (measured: conv1 of the benchmark 46x slower on AVX2).
/// REGLAB_WIDE_BLOCKING builds the AVX-512 blocking on any CPU (split vectors, slow), so its
/// loops can be tested on a machine without AVX-512 (bench/README.md).
#if defined(__AVX512F__) || defined(REGLAB_WIDE_BLOCKING)
constexpr int kLanes = 16;
constexpr int kVectorRegisters = 32;
#elif defined(__AVX__)
constexpr int kLanes = 8;
constexpr int kVectorRegisters = 16;
#else
constexpr int kLanes = 4;
constexpr int kVectorRegisters = 16;
#endif
using VF = float __attribute__((vector_size(kLanes * sizeof(float))));
inline VF loadV(const float *p) {
    VF v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void storeV(float *p, VF v) {
    std::memcpy(p, &v, sizeof v);
}

/// The largest divisor of n that is at most `limit` (at least 1).
constexpr int largestDivisor(int n, int limit) {
    for (int d = std::min(n, limit); d > 1; --d) {
        if (n % d == 0)
            return d;
    }
    return 1;
}

/// The end of one output position of the block kernels: z + bias, the ReLU, stored.
template<int NB>
[[gnu::always_inline]] inline void storePosition(VF (&acc)[NB], const float *bias, bool relu,
                                                 float *out) {
    for (int b = 0; b < NB; ++b) {
        if (bias)
            acc[b] += loadV(bias + kLanes * b);
        if (relu)
            acc[b] = acc[b] < 0.0f ? VF{} : acc[b]; // std::max(z, 0): NaN and -0 pass
        storeV(out + kLanes * b, acc[b]);
    }
}

/// convForward for F filters (a multiple of kLanes): every filter of one output position in
/// F / kLanes registers, the same sums in the same order as convPosition().
template<int F>
void convForwardBlocks(const ConvShape &g, const float *kernel, const float *bias, bool relu,
                       const float *in, Index samples, float *out) {
    constexpr int NB = F / kLanes;
    const Index inSize = Index(g.h) * g.w * g.c;
    for (Index s = 0; s < samples; ++s) {
        const float *x = in + s * inSize;
        for (int oh = 0; oh < g.outH; ++oh) {
            for (int ow = 0; ow < g.outW; ++ow, out += F) {
                VF acc[NB];
                for (int b = 0; b < NB; ++b)
                    acc[b] = VF{};
                forEachPatchValue(g, oh, ow, [&](Index t, Index at) {
                    const float v = x[at];
                    const float *wt = kernel + t * F;
                    for (int b = 0; b < NB; ++b)
                        acc[b] += loadV(wt + kLanes * b) * v;
                });
                storePosition<NB>(acc, bias, relu, out);
            }
        }
    }
}

/// The register-blocked case of the direct kernels: one input channel, stride 1, a KH x KW
/// window and 16 or 32 filters, with a zero-bordered copy of each sample (at most kMaxPadded
/// floats, on the stack) so that every output position reads all KH KW values and the loops
/// have fixed bounds. A border value adds w * 0 = +-0 to a sum; the sums start at +0 and so
/// are never -0, and adding +-0 leaves them as they are: the results are the general loops',
/// bit for bit.
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

/// R neighbouring output positions of one row (x: the first one's window in the padded
/// sample, pw floats a row): R NB sums, each over the window in patch order.
template<int KH, int KW, int NB, int R>
[[gnu::always_inline]] inline void forwardPositions(const VF (&w)[KH * KW][NB], const float *x,
                                                    int pw, const float *bias, bool relu,
                                                    float *out) {
    VF acc[R][NB];
    for (int r = 0; r < R; ++r) {
        for (int b = 0; b < NB; ++b)
            acc[r][b] = VF{};
    }
    for (int i = 0; i < KH; ++i) {
        for (int j = 0; j < KW; ++j) {
            for (int r = 0; r < R; ++r) {
                const float v = x[i * pw + j + r];
                for (int b = 0; b < NB; ++b)
                    acc[r][b] += w[i * KW + j][b] * v;
            }
        }
    }
    for (int r = 0; r < R; ++r)
        storePosition<NB>(acc[r], bias, relu, out + r * NB * kLanes);
}

/// The kernel in registers where the register file holds it (AVX-512: 18 of 32 for 3x3 and
/// 32 filters), and eight vectors of sums: R = 8 / NB positions at a time, enough independent
/// multiply-adds to cover their latency.
template<int KH, int KW, int F>
void convForwardRegisters(const ConvShape &g, const float *kernel, const float *bias, bool relu,
                          const float *in, Index samples, float *out) {
    constexpr int P = KH * KW;
    constexpr int NB = F / kLanes;
    constexpr int R = std::max(1, 8 / NB);
    const int ph = g.outH + KH - 1, pw = g.outW + KW - 1;
    alignas(64) float padded[kMaxPadded];
    VF w[P][NB];
    for (int t = 0; t < P; ++t) {
        for (int b = 0; b < NB; ++b)
            w[t][b] = loadV(kernel + t * F + kLanes * b);
    }
    const Index inSize = Index(g.h) * g.w;
    for (Index s = 0; s < samples; ++s) {
        padSample(g, ph, pw, in + s * inSize, padded);
        for (int oh = 0; oh < g.outH; ++oh) {
            const float *row = padded + oh * pw;
            int ow = 0;
            for (; ow + R <= g.outW; ow += R, out += R * F)
                forwardPositions<KH, KW, NB, R>(w, row + ow, pw, bias, relu, out);
            for (; ow < g.outW; ++ow, out += F)
                forwardPositions<KH, KW, NB, 1>(w, row + ow, pw, bias, relu, out);
        }
    }
}

/// Filter vectors [b0, b0 + GB) of one sample's kernel and bias gradients: P GB sums in
/// registers, each over the output positions in order.
template<int KH, int KW, int F, int GB>
void gradientPass(const ConvShape &g, int pw, const float *padded, const float *dz, int b0,
                  float *sw, float *sb) {
    constexpr int P = KH * KW;
    VF acc[P][GB];
    VF bsum[GB];
    for (int b = 0; b < GB; ++b) {
        bsum[b] = VF{};
        for (int t = 0; t < P; ++t)
            acc[t][b] = VF{};
    }
    dz += b0 * kLanes;
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, dz += F) {
            VF d[GB];
            for (int b = 0; b < GB; ++b) {
                d[b] = loadV(dz + kLanes * b);
                bsum[b] += d[b];
            }
            const float *xp = padded + oh * pw + ow;
            for (int i = 0; i < KH; ++i) {
                for (int j = 0; j < KW; ++j) {
                    const float v = xp[i * pw + j];
                    for (int b = 0; b < GB; ++b)
                        acc[i * KW + j][b] += d[b] * v;
                }
            }
        }
    }
    for (int b = 0; b < GB; ++b) {
        for (int t = 0; t < P; ++t)
            storeV(sw + t * F + kLanes * (b0 + b), acc[t][b]);
        storeV(sb + kLanes * (b0 + b), bsum[b]);
    }
}

/// One sample's kernel and bias gradients (sw, sb) for the register-blocked case: as many
/// filter vectors a pass over the positions as leave every sum in a register (all of them
/// with AVX-512 and 3x3; one at a time with 16 registers).
template<int KH, int KW, int F>
void convGradientRegisters(const ConvShape &g, const float *dz, const float *x, float *sw,
                           float *sb) {
    constexpr int NB = F / kLanes;
    constexpr int GB = largestDivisor(NB, std::max(1, (kVectorRegisters - 4) / (KH * KW)));
    const int ph = g.outH + KH - 1, pw = g.outW + KW - 1;
    alignas(64) float padded[kMaxPadded];
    padSample(g, ph, pw, x, padded);
    for (int b0 = 0; b0 < NB; b0 += GB)
        gradientPass<KH, KW, F, GB>(g, pw, padded, dz, b0, sw, sb);
}

void convForward(const ConvShape &g, const float *kernel, const float *bias, Activation act,
                 const float *in, Index samples, float *out) {
    const Index filters = g.filters;
    const Index inSize = Index(g.h) * g.w * g.c;
    const bool relu = act == Activation::Relu;
    if (registerCase<3, 3>(g) && filters == 16)
        return convForwardRegisters<3, 3, 16>(g, kernel, bias, relu, in, samples, out);
    if (registerCase<3, 3>(g) && filters == 32)
        return convForwardRegisters<3, 3, 32>(g, kernel, bias, relu, in, samples, out);
    if (registerCase<5, 5>(g) && filters == 16)
        return convForwardRegisters<5, 5, 16>(g, kernel, bias, relu, in, samples, out);
    switch (filters) {
    case 16:
        return convForwardBlocks<16>(g, kernel, bias, relu, in, samples, out);
    case 32:
        return convForwardBlocks<32>(g, kernel, bias, relu, in, samples, out);
    case 48:
        return convForwardBlocks<48>(g, kernel, bias, relu, in, samples, out);
    case 64:
        return convForwardBlocks<64>(g, kernel, bias, relu, in, samples, out);
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

/// convGradient's per-sample sums for F filters (a multiple of kLanes), in registers where
/// they can be.
template<int F>
void convGradientBlocks(const ConvShape &g, const float *dz, const float *x, float *sw, float *sb) {
    constexpr int NB = F / kLanes;
    VF bsum[NB];
    for (int b = 0; b < NB; ++b)
        bsum[b] = VF{};
    for (int oh = 0; oh < g.outH; ++oh) {
        for (int ow = 0; ow < g.outW; ++ow, dz += F) {
            VF d[NB];
            for (int b = 0; b < NB; ++b) {
                d[b] = loadV(dz + kLanes * b);
                bsum[b] += d[b];
            }
            forEachPatchValue(g, oh, ow, [&](Index t, Index at) {
                const float v = x[at];
                float *gt = sw + t * F;
                for (int b = 0; b < NB; ++b)
                    storeV(gt + kLanes * b, loadV(gt + kLanes * b) + d[b] * v);
            });
        }
    }
    for (int b = 0; b < NB; ++b)
        storeV(sb + kLanes * b, bsum[b]);
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
                convGradientRegisters<3, 3, 16>(g, dz, x, sw, sb);
            else
                convGradientRegisters<3, 3, 32>(g, dz, x, sw, sb);
            dz += filters * g.outH * g.outW;
        } else if (registerCase<5, 5>(g) && filters == 16) {
            convGradientRegisters<5, 5, 16>(g, dz, x, sw, sb);
            dz += filters * g.outH * g.outW;
        } else if (filters == 32 || filters == 64) {
            if (filters == 32)
                convGradientBlocks<32>(g, dz, x, sw, sb);
            else
                convGradientBlocks<64>(g, dz, x, sw, sb);
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

/// smallProduct's block: C rows [0, MB kLanes) (vectors) or one row (MB = 0) by NR columns,
/// in registers over the whole sum.
template<int MB, int NR>
[[gnu::always_inline]] inline void productBlock(Index m, Index k, const float *a, const float *b,
                                                Index bStep, Index bCol, float *c,
                                                bool accumulate) {
    constexpr int V = MB > 0 ? MB : 1;
    using Acc = std::conditional_t<MB == 0, float, VF>;
    const auto load = [](const float *p) -> Acc {
        if constexpr (MB == 0)
            return *p;
        else
            return loadV(p);
    };
    Acc acc[NR][V];
    for (int j = 0; j < NR; ++j) {
        for (int v = 0; v < V; ++v)
            acc[j][v] = accumulate ? load(c + j * m + v * kLanes) : Acc{};
    }
    for (Index p = 0; p < k; ++p) {
        Acc av[V];
        for (int v = 0; v < V; ++v)
            av[v] = load(a + p * m + v * kLanes);
        const float *bp = b + p * bStep;
        for (int j = 0; j < NR; ++j) {
            const float bj = bp[j * bCol];
            for (int v = 0; v < V; ++v)
                acc[j][v] += av[v] * bj;
        }
    }
    for (int j = 0; j < NR; ++j) {
        for (int v = 0; v < V; ++v) {
            if constexpr (MB == 0)
                c[j * m] = acc[j][0];
            else
                storeV(c + j * m + v * kLanes, acc[j][v]);
        }
    }
}

/// smallProduct's rows for columns [j0, j0 + nr), nr <= NR: blocks of MB vectors,
/// then single vectors, then single rows.
template<int MB, int NR>
void productColumns(Index m, Index k, const float *a, const float *b, Index bStep, Index bCol,
                    float *c, bool accumulate, int nr) {
    if (nr < NR) { // the last columns: the same loops with fewer of them
        if constexpr (NR > 1)
            productColumns<MB, NR - 1>(m, k, a, b, bStep, bCol, c, accumulate, nr);
        return;
    }
    Index r = 0;
    for (; r + MB * kLanes <= m; r += MB * kLanes)
        productBlock<MB, NR>(m, k, a + r, b, bStep, bCol, c + r, accumulate);
    for (; r + kLanes <= m; r += kLanes)
        productBlock<1, NR>(m, k, a + r, b, bStep, bCol, c + r, accumulate);
    for (; r < m; ++r)
        productBlock<0, NR>(m, k, a + r, b, bStep, bCol, c + r, accumulate);
}

/// Two row vectors by as many columns as the rest of the register file holds (12 of 16
/// registers, 24 of 32), the two vectors and the broadcast value the others.
constexpr int kProductRows = 2;
constexpr int kProductColumns = (kVectorRegisters - kProductRows - 2) / kProductRows;

void smallProduct(Index m, Index n, Index k, const float *a, const float *b, Index bStep,
                  Index bCol, float *c, bool accumulate) {
    for (Index j = 0; j < n; j += kProductColumns) {
        const int nr = int(std::min<Index>(kProductColumns, n - j));
        productColumns<kProductRows, kProductColumns>(m, k, a, b + j * bCol, bStep, bCol, c + j * m,
                                                      accumulate, nr);
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
                         &convGradient,
                         &smallProduct};
    return t;
}

} // namespace reglab::kernels::REGLAB_KERNEL_NS
