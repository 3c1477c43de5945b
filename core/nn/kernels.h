// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file kernels.h
/// The fast path's hot loops, compiled once per instruction set and chosen when first used.
///
/// A portable build (REGLAB_NATIVE off, as packages are built) compiles the loops three
/// times: for any x86-64 (`baseline`: SSE2), for x86-64-v3 (`avx2`: AVX2 + FMA) and for
/// x86-64-v4 (`avx512`: AVX-512 F/BW/DQ/VL); kernels() picks the widest the processor runs.
/// A native build (-march=native) compiles them once (`native`). OpenBLAS chooses its own
/// products' kernels at run time the same way.
///
/// The variants live in core/nn/kernels_math.cpp and kernels_update.cpp, each built with its
/// own -march and with its own names for everything it instantiates (Eigen's namespace is
/// renamed per variant, RegLab's loops sit in reglab::kernels::<variant>): no inline function
/// compiled for AVX-512 can stand in for the baseline's at link time. The test
/// lint.kernel_symbols checks that from the object files.
///
/// This header names no Eigen type: it is shared by code built for different targets.

#include "core/types.h"

#include <string_view>
#include <vector>

namespace reglab::kernels {

/// What one optimizer update needs (Optimizer::update).
template<typename Scalar>
struct UpdateArgsT {
    OptimizerKind type = OptimizerKind::Sgd;
    bool nesterov = false;
    bool decayed = false; ///< adamw's decoupled decay on this tensor
    Scalar *w = nullptr;
    const Scalar *g = nullptr;
    Scalar *m = nullptr; ///< momentum buffer (sgd) or m (adam); unused by plain sgd
    Scalar *v = nullptr; ///< adam's v
    Index n = 0;
    Scalar lr = 0, mu = 0, l1 = 0, l2 = 0;
    // adam: b1, 1 - b1, b2, 1 - b2, -lr / c1, sqrt(c2), eps, 1 - lr wd
    Scalar b1 = 0, oneMinusB1 = 0, b2 = 0, oneMinusB2 = 0, negStepSize = 0, bc2Sqrt = 0, eps = 0,
           decayFactor = 0;
};
using UpdateArgs = UpdateArgsT<float>;

/// A conv2d layer's geometry for the direct kernels (conv.h's Window as plain numbers):
/// inputs h x w x c and outputs outH x outW x filters, channels last, one sample after the
/// other; kernel kh x kw, strides sh, sw, padding padTop, padLeft before the first row/column.
struct ConvShape {
    int h = 0, w = 0, c = 0;
    int outH = 0, outW = 0, filters = 0;
    int kh = 0, kw = 0, sh = 1, sw = 1, padTop = 0, padLeft = 0;
};

/// One variant's loops. Matrices are column-major float arrays with the row count as leading
/// dimension unless a leading dimension is given.
struct Table {
    std::string_view isa; ///< "baseline", "avx2", "avx512" or "native"
    /// a <- act(a + bias) column by column (bias may be null: no bias), a rows x cols.
    void (*biasActivate)(Activation act, float *a, const float *bias, Index rows, Index cols);
    /// d <- d * act'(z), given the activation output a (activation.h).
    void (*activationBackward)(Activation act, const float *a, float *d, Index n);
    /// out <- m * x elementwise (out may be x).
    void (*multiply)(float *out, const float *m, const float *x, Index n);
    /// out <- the row sums of d (rows x cols).
    void (*rowSum)(const float *d, Index rows, Index cols, float *out);
    /// C = op(A) op(B) (C m x n with leading dimension ldc) on Eigen's kernel, with packing
    /// buffers of at least m k (packA) and k n (packB) floats, 64-byte aligned (Eigen's
    /// packing stores whole aligned vectors); single-threaded.
    void (*gemm)(bool transA, bool transB, Index m, Index n, Index k, const float *a, Index lda,
                 const float *b, Index ldb, float *c, Index ldc, float *packA, float *packB);
    /// One optimizer update (optimizer.cpp's loops, PyTorch's order of operations).
    void (*update)(const UpdateArgs &args);
    /// Direct convolution without patches, for layers with few patch entries K = kh kw c:
    ///   out(f, p + P s) = act(sum_t W(f, t) x_patch(t, p + P s) + b(f))
    /// with W filters x K column-major (conv.h's kernel), the sum over the patch entries t in
    /// order (padding entries skipped), the bias added last; act is applied here when it is
    /// Linear or Relu (others: the caller's biasActivate afterwards, with no bias).
    void (*convForward)(const ConvShape &g, const float *kernel, const float *bias, Activation act,
                        const float *in, Index samples, float *out);
    /// The kernel and bias gradients of the same layer from dZ (filters x (P samples)):
    ///   dW(f, t) = sum_s sum_p dZ(f, p + P s) x_patch(t, p + P s),  db(f) = sum dZ(f, .)
    /// summed per sample into `scratch` (filters (K + 1) floats), then added sample by sample
    /// to dW and db (which the caller zeroes first).
    void (*convGradient)(const ConvShape &g, const float *dz, const float *in, Index samples,
                         float *dw, float *db, float *scratch);
    /// C = A B (or C += A B with `accumulate`) for C m x n and A m x k, column-major with
    /// their row counts as leading dimensions, and B(p, j) = b[p bStep + j bCol] (B k x n
    /// with leading dimension bCol, or transposed: bStep = its leading dimension, bCol = 1).
    /// Each element is C's value (accumulate) or 0 plus the k terms in order, one FMA each,
    /// in registers: no packing, no buffers. For the Winograd products (winograd.h), whose
    /// k or m n is small enough that a general product's packing costs more than it saves.
    void (*smallProduct)(Index m, Index n, Index k, const float *a, const float *b, Index bStep,
                         Index bCol, float *c, bool accumulate);
};

/// The variant in use: the one named by the environment variable REGLAB_KERNELS when it is
/// set, compiled in and supported by this processor, else the widest supported one. Chosen
/// once, on the first call.
const Table &table();

/// The variants compiled into this build that this processor can run, widest last.
std::vector<const Table *> supportedTables();

} // namespace reglab::kernels
