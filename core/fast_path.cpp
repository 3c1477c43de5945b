// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/fast_path.h"

#include "core/activation.h"
#include "core/loss_kernel.h"
#include "core/parallel.h"

#include <algorithm>
#include <cmath>

namespace reglab {

namespace {

using AlignedMap = Eigen::Map<MatrixF, Eigen::AlignedMax>;
using AlignedVectorMap = Eigen::Map<VectorF, Eigen::AlignedMax>;

/// Rounds up to a multiple of 16 floats (64 bytes: one zmm register, one cache line).
Index alignUp(Index n) {
    return (n + 15) & ~Index(15);
}

/// Eigen's blocking for an m x n x k product (computed exactly as Eigen's own product does,
/// so results are the same bit for bit), but on packing buffers we own.
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
             float *c, float *packA, float *packB) {
    OwnedBlocking blocking(m, n, k, packA, packB);
    // C += 1 * op(A) op(B), single-threaded (no GemmParallelInfo)
    Eigen::internal::general_matrix_matrix_product<Index, float, OrderA, false, float, OrderB,
                                                   false, Eigen::ColMajor, 1>::run(m, n, k, a, lda,
                                                                                   b, ldb, c, 1, m,
                                                                                   1.0f, blocking,
                                                                                   nullptr);
}

} // namespace

/// One thread's buffers. Activations and deltas are units x capacity, column-major; a batch
/// of c columns uses the first units * c floats of each.
struct FastPath::ThreadSpace {
    VectorF x; ///< gathered inputs, inputDim x capacity (training only)
    VectorF y; ///< gathered targets, targetRows x capacity (training only)
    std::vector<VectorF> act;
    std::vector<VectorF> delta; ///< training only
    VectorF grad;               ///< this thread's partial gradient of every tensor (training only)
    VectorF packA;
    VectorF packB;
};

FastPath::FastPath() = default;
FastPath::~FastPath() = default;
FastPath::FastPath(FastPath &&) noexcept = default;
FastPath &FastPath::operator=(FastPath &&) noexcept = default;

void FastPath::gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a,
                    const float *b, float *c, float *packA, float *packB) {
    std::fill_n(c, m * n, 0.0f);
    if (m == 0 || n == 0 || k == 0)
        return;
    // A stored m x k: column-major with leading dimension m. Stored k x m and transposed:
    // row-major m x k with leading dimension k. Likewise for B.
    const Index lda = transA ? k : m;
    const Index ldb = transB ? n : k;
    constexpr int Col = Eigen::ColMajor;
    constexpr int Row = Eigen::RowMajor;
    if (!transA && !transB)
        runGemm<Col, Col>(m, n, k, a, lda, b, ldb, c, packA, packB);
    else if (!transA)
        runGemm<Col, Row>(m, n, k, a, lda, b, ldb, c, packA, packB);
    else if (!transB)
        runGemm<Row, Col>(m, n, k, a, lda, b, ldb, c, packA, packB);
    else
        runGemm<Row, Row>(m, n, k, a, lda, b, ldb, c, packA, packB);
}

void FastPath::configureTraining(const Network<float> &net, int threads, Index maxBatch,
                                 Index targetRows) {
    m_threads = std::max(1, threads);
    m_maxBatch = std::max<Index>(1, maxBatch);
    m_targetRows = targetRows;
    const auto &layers = net.layers();
    const std::size_t L = layers.size();

    // Flat gradient layout: kernel and bias of every layer, each 64-byte aligned.
    m_gradOffsets.assign(2 * L, 0);
    m_gradSize = 0;
    for (std::size_t l = 0; l < L; ++l) {
        m_gradOffsets[2 * l] = m_gradSize;
        m_gradSize += alignUp(layers[l].kernel.size());
        m_gradOffsets[2 * l + 1] = m_gradSize;
        m_gradSize += alignUp(layers[l].bias.size());
    }

    // Slices: large tensors are cut into one 16-aligned range per thread; small ones go
    // whole to the threads in turn.
    m_slices.clear();
    int next = 0;
    for (std::size_t l = 0; l < L; ++l) {
        for (std::size_t which = 0; which < 2; ++which) {
            if (which == 1 && !layers[l].useBias)
                continue; // the reference never updates an unused bias
            const std::size_t tensor = 2 * l + which;
            const Index size = which == 0 ? layers[l].kernel.size() : layers[l].bias.size();
            if (m_threads > 1 && size >= 1024) {
                for (int t = 0; t < m_threads; ++t) {
                    const Index begin = std::min(size, alignUp(size * t / m_threads));
                    const Index end =
                        t + 1 == m_threads ? size : std::min(size, alignUp(size * (t + 1) / m_threads));
                    if (end > begin)
                        m_slices.push_back({tensor, begin, end - begin,
                                            m_gradOffsets[tensor] + begin, t});
                }
            } else if (size > 0) {
                m_slices.push_back({tensor, 0, size, m_gradOffsets[tensor], next});
                next = (next + 1) % m_threads;
            }
        }
    }
    m_penalties.assign(2 * L, PenaltyGradient<float>{});
    m_lossParts.assign(std::size_t(m_threads), 0.0);

    // Every thread can take the whole batch (an OpenMP runtime may grant fewer threads).
    const Index cap = m_maxBatch;
    Index packA = 0;
    Index packB = 0;
    for (const auto &l : layers) {
        // forward (units x cap x inputs), dW (units x inputs x cap), dA (inputs x cap x units)
        packA = std::max({packA, l.units() * l.inputs(), l.units() * cap});
        packB = std::max(packB, std::max(l.inputs(), l.units()) * cap);
    }
    m_train.clear();
    for (int t = 0; t < m_threads; ++t) {
        auto ws = std::make_unique<ThreadSpace>();
        ws->x.resize(net.inputDim() * cap);
        ws->y.resize(targetRows * cap);
        for (const auto &l : layers) {
            ws->act.emplace_back(l.units() * cap);
            ws->delta.emplace_back(l.units() * cap);
        }
        ws->grad = VectorF::Zero(m_gradSize);
        ws->packA.resize(packA);
        ws->packB.resize(packB);
        m_train.push_back(std::move(ws));
    }
}

void FastPath::configureEvaluation(const Network<float> &net, int threads, Index chunk) {
    m_evalThreads = std::max(1, threads);
    m_evalChunk = std::max<Index>(1, chunk);
    Index packA = 0;
    Index packB = 0;
    for (const auto &l : net.layers()) {
        packA = std::max(packA, l.units() * l.inputs());
        packB = std::max(packB, l.inputs() * m_evalChunk);
    }
    m_eval.clear();
    for (int t = 0; t < m_evalThreads; ++t) {
        auto ws = std::make_unique<ThreadSpace>();
        for (const auto &l : net.layers())
            ws->act.emplace_back(l.units() * m_evalChunk);
        ws->packA.resize(packA);
        ws->packB.resize(packB);
        m_eval.push_back(std::move(ws));
    }
    m_scoreParts.assign(std::size_t(m_evalThreads), BatchScore{});
}

std::vector<Index> FastPath::sliceSizes() const {
    std::vector<Index> sizes;
    for (const auto &s : m_slices)
        sizes.push_back(s.size);
    return sizes;
}

void FastPath::forward(const Network<float> &net, ThreadSpace &ws, const float *x,
                       Index cols) const {
    const auto &layers = net.layers();
    const float *in = x;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto &l = layers[i];
        float *out = ws.act[i].data();
        // z = W a_prev + b, then a = act(z) in place (bias and activation as two vectorized
        // passes: Eigen 3.4 evaluates act(z + b) in one expression with scalar code)
        gemm(false, false, l.units(), cols, l.inputs(), l.kernel.data(), in, out,
             ws.packA.data(), ws.packB.data());
        AlignedMap a(out, l.units(), cols);
        if (l.useBias)
            a.colwise() += l.bias;
        applyActivation(l.activation, a);
        in = out;
    }
}

double FastPath::trainStep(Network<float> &net, Optimizer<float> &optimizer, LossKind loss,
                           const MatrixF &x, const MatrixF &y, const Index *indices,
                           Index count) {
    auto &layers = net.layers();
    const std::size_t last = layers.size() - 1;
    const Index inDim = x.rows();
    const Index yRows = y.rows();
    double meanLoss = 0.0;
    bool finite = false;
    parallelRegion(m_threads, [&](int t, int nt) {
        ThreadSpace &ws = *m_train[std::size_t(t)];
        const Index c0 = count * t / nt;
        const Index cols = count * (t + 1) / nt - c0;
        // Gather this thread's samples: one column each.
        for (Index j = 0; j < cols; ++j) {
            const Index src = indices[c0 + j];
            std::copy_n(x.data() + src * inDim, inDim, ws.x.data() + j * inDim);
            std::copy_n(y.data() + src * yRows, yRows, ws.y.data() + j * yRows);
        }
        forward(net, ws, ws.x.data(), cols);
        // delta_L = dLoss/da_L, the per-sample gradient divided by the whole batch's count
        m_lossParts[std::size_t(t)] =
            lossSumInto<float>(loss, ws.act[last].data(), layers[last].units(), ws.y.data(),
                               yRows, cols, ws.delta[last].data(), float(count), nullptr);
        for (std::size_t i = last + 1; i-- > 0;) {
            const auto &l = layers[i];
            AlignedMap d(ws.delta[i].data(), l.units(), cols);
            // delta = dL/da * act'(z)
            applyActivationDerivative(l.activation, AlignedMap(ws.act[i].data(), l.units(), cols),
                                      d);
            // dL/dW = delta a_prev^T ; dL/db = rowsum(delta)
            const float *prev = i == 0 ? ws.x.data() : ws.act[i - 1].data();
            gemm(false, true, l.units(), l.inputs(), cols, d.data(), prev,
                 ws.grad.data() + m_gradOffsets[2 * i], ws.packA.data(), ws.packB.data());
            if (l.useBias) {
                AlignedVectorMap bg(ws.grad.data() + m_gradOffsets[2 * i + 1], l.units());
                if (cols > 0)
                    bg.noalias() = d.rowwise().sum();
                else
                    bg.setZero();
            }
            // dL/da_prev = W^T delta
            if (i > 0)
                gemm(true, false, l.inputs(), cols, l.units(), l.kernel.data(), d.data(),
                     ws.delta[i - 1].data(), ws.packA.data(), ws.packB.data());
        }
        REGLAB_OMP(omp barrier)
        if (t == 0) {
            double sum = 0.0;
            for (int u = 0; u < nt; ++u)
                sum += m_lossParts[std::size_t(u)];
            meanLoss = sum / double(count);
            finite = std::isfinite(meanLoss);
            if (finite)
                optimizer.beginStep();
        }
        REGLAB_OMP(omp barrier)
        if (!finite)
            return; // the caller reports the divergence; weights are left as they were
        // Sum the partial gradients of this thread's slices in thread order, then update.
        for (std::size_t s = 0; s < m_slices.size(); ++s) {
            const Slice &slice = m_slices[s];
            if (slice.thread % nt != t)
                continue;
            float *g = m_train[0]->grad.data() + slice.gradOffset;
            Eigen::Map<VectorF> sum(g, slice.size);
            for (int u = 1; u < nt; ++u)
                sum += Eigen::Map<const VectorF>(
                    m_train[std::size_t(u)]->grad.data() + slice.gradOffset, slice.size);
            auto &l = layers[slice.tensor / 2];
            float *w = (slice.tensor % 2 == 0 ? l.kernel.data() : l.bias.data()) + slice.offset;
            optimizer.update(s, w, g, slice.size, m_penalties[slice.tensor]);
        }
    });
    return meanLoss;
}

Evaluation FastPath::evaluate(const Network<float> &net, LossKind loss, const MatrixF &x,
                              const MatrixF &y) {
    Evaluation ev;
    const Index n = x.cols();
    if (n == 0) {
        ev.dataLoss = std::nan("");
        ev.accuracy = std::nan("");
        return ev;
    }
    const Index inDim = x.rows();
    const Index yRows = y.rows();
    const Index outRows = net.outputDim();
    std::fill(m_scoreParts.begin(), m_scoreParts.end(), BatchScore{});
    parallelRegion(m_evalThreads, [&](int t, int nt) {
        ThreadSpace &ws = *m_eval[std::size_t(t)];
        const Index c1 = n * (t + 1) / nt;
        BatchScore score;
        for (Index start = n * t / nt; start < c1; start += m_evalChunk) {
            const Index cols = std::min(m_evalChunk, c1 - start);
            forward(net, ws, x.data() + start * inDim, cols);
            score.lossSum +=
                lossSumInto<float>(loss, ws.act.back().data(), outRows, y.data() + start * yRows,
                                   yRows, cols, nullptr, 1.0f, &score.correct);
        }
        m_scoreParts[std::size_t(t)] = score;
    });
    double lossSum = 0.0;
    long long correct = 0;
    for (std::size_t t = 0; t < m_scoreParts.size(); ++t) {
        lossSum += m_scoreParts[t].lossSum;
        correct += m_scoreParts[t].correct;
    }
    ev.dataLoss = lossSum / double(n);
    if (loss == LossKind::MeanSquaredError) {
        // R^2 = 1 - SS_res / SS_tot over every output; lossSum = SS_res / k
        const double ssRes = lossSum * double(yRows);
        const Eigen::ArrayXXd yd = y.cast<double>().array();
        const Eigen::ArrayXd mean = yd.rowwise().mean();
        const double ssTot = (yd.colwise() - mean).square().sum();
        ev.accuracy = ssTot > 0.0 ? 1.0 - ssRes / ssTot : std::nan("");
    } else {
        ev.accuracy = double(correct) / double(n);
    }
    return ev;
}

} // namespace reglab
