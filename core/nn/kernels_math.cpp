// SPDX-License-Identifier: GPL-3.0-or-later
// One variant of the fast path's loops (kernels.h): bias and activation, their derivative,
// elementwise products, row sums and Eigen's matrix product. Compiled once per instruction
// set with -DREGLAB_KERNEL_NS=<variant> and Eigen's namespace renamed for the variant
// (core/CMakeLists.txt), so that nothing it instantiates shares a name with another variant.
#include "core/nn/activation.h"
#include "core/nn/kernels.h"

#include <algorithm>

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

} // namespace

/// This variant's table (kernels.cpp collects them).
const Table &variant() {
    static const Table t{REGLAB_STRINGIFY(REGLAB_KERNEL_NS),
                         &biasActivate,
                         &activationBackward,
                         &multiply,
                         &rowSum,
                         &gemm,
                         &update};
    return t;
}

} // namespace reglab::kernels::REGLAB_KERNEL_NS
