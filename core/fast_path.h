// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file fast_path.h
/// The training step and the evaluation the Trainer runs: the same mathematics as
/// Network::forward/backward + computeLoss + Optimizer::update (the reference path), on
/// buffers allocated once and data-parallel over OpenMP threads.
///
/// One training step on T threads is one parallel region:
///   1. thread t takes batch columns [n t / T, n (t+1) / T), gathers them into its own
///      workspace and runs forward, loss and backward on them with single-threaded Eigen
///      products (shapes as in network.h, one column per sample):
///        a_l = act(W_l a_{l-1} + b_l)                       units_l x n_t
///        delta_L = dLoss/da_L * act'                          (loss divided by the full n)
///        G_l^(t) = delta_l a_{l-1}^T,  g_l^(t) = rowsum(delta_l)
///        delta_{l-1} = (W_l^T delta_l) * act'(a_{l-1})
///      so G^(t) is thread t's share of the batch gradient dL/dW = sum_t G^(t);
///   2. barrier; thread 0 sums the T partial losses (in thread order) and, when the loss is
///      finite, starts the optimizer step; barrier;
///   3. every parameter tensor is cut into T slices; thread t sums G^(0) + ... + G^(T-1) over
///      its slices, in that fixed order, and applies the optimizer to them (penalty gradient
///      fused into the update).
/// The same seed and thread count therefore give bit-identical weights; another thread count
/// only changes float rounding. With one thread the step does exactly the reference's
/// products, so it matches the reference up to the order of the loss sum.
///
/// The optimizer sees each slice as a tensor of its own: reset it with sliceSizes().
/// Adam and SGD are elementwise, so the slicing does not change what they compute.
///
/// Nothing is allocated inside trainStep() or evaluate(): Eigen's products run on packing
/// buffers owned here (Eigen's own product would allocate them for the 784-wide shapes).

#include "core/loss.h"
#include "core/metrics.h"
#include "core/network.h"
#include "core/optimizer.h"
#include "core/regularizer.h"
#include "core/types.h"

#include <memory>
#include <vector>

namespace reglab {

class FastPath {
public:
    FastPath();
    ~FastPath();
    FastPath(FastPath &&) noexcept;
    FastPath &operator=(FastPath &&) noexcept;

    /// Sizes the training buffers for `net`'s shapes, `threads` threads (at least 1), batches
    /// of at most `maxBatch` samples and targets of `targetRows` rows. Shapes only: the
    /// weights are read at each step.
    void configureTraining(const Network<float> &net, int threads, Index maxBatch,
                           Index targetRows);
    /// Sizes the evaluation buffers: `threads` threads, chunks of `chunk` samples per thread.
    void configureEvaluation(const Network<float> &net, int threads, Index chunk = 512);

    int trainingThreads() const { return m_threads; }
    int evaluationThreads() const { return m_evalThreads; }

    /// Element counts of the optimizer's tensors (slices), in update order.
    std::vector<Index> sliceSizes() const;

    /// Penalty gradient coefficients per layer: penalties()[2 l] for the kernel of layer l,
    /// [2 l + 1] for its bias. Zero (no penalty) until set; read at every step.
    std::vector<PenaltyGradient<float>> &penalties() { return m_penalties; }

    /// One optimization step on samples indices[0..count) (count <= maxBatch) of (x, y).
    /// Returns the batch's mean data loss; when it is not finite the weights and the
    /// optimizer are left untouched.
    double trainStep(Network<float> &net, Optimizer<float> &optimizer, LossKind loss,
                     const MatrixF &x, const MatrixF &y, const Index *indices, Index count);

    /// Mean data loss and accuracy (R^2 for mse) over every column of (x, y), as evaluate()
    /// in metrics.h. Threads take contiguous column ranges; partial sums are combined in
    /// thread order.
    Evaluation evaluate(const Network<float> &net, LossKind loss, const MatrixF &x,
                        const MatrixF &y);

    /// C = op(A) op(B) for column-major C (m x n, leading dimension m), A stored m x k (or
    /// k x m when transA) and B stored k x n (or n x k when transB), each with its row count
    /// as leading dimension; Eigen's single-threaded kernel with its own blocking, on the
    /// packing buffers packA (>= m k floats) and packB (>= k n floats). Exposed for the
    /// benchmark.
    static void gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a,
                     const float *b, float *c, float *packA, float *packB);

private:
    struct ThreadSpace;
    struct Slice {
        std::size_t tensor = 0; ///< 2 l (kernel) or 2 l + 1 (bias)
        Index offset = 0;       ///< first element within the tensor
        Index size = 0;
        Index gradOffset = 0; ///< first element within a flat gradient buffer
        int thread = 0;
    };

    void forward(const Network<float> &net, ThreadSpace &ws, const float *x, Index cols) const;

    int m_threads = 1;
    int m_evalThreads = 1;
    Index m_maxBatch = 0;
    Index m_targetRows = 0;
    Index m_evalChunk = 0;
    std::vector<Index> m_gradOffsets; ///< per tensor (2 l, 2 l + 1) within a gradient buffer
    Index m_gradSize = 0;
    std::vector<Slice> m_slices;
    std::vector<PenaltyGradient<float>> m_penalties;
    std::vector<std::unique_ptr<ThreadSpace>> m_train;
    std::vector<std::unique_ptr<ThreadSpace>> m_eval;
    std::vector<double> m_lossParts;
    std::vector<BatchScore> m_scoreParts;
};

} // namespace reglab
