// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file fast_path.h
/// The training step and the evaluation the Trainer runs: the same mathematics as
/// Network::forward/backward + computeLoss + Optimizer::update (the reference path), on
/// buffers allocated once and data-parallel over OpenMP threads.
///
/// One training step on T threads is one parallel region with two barriers:
///   1. thread t takes batch columns [n t / T, n (t+1) / T) (its part), gathers them and runs
///      forward, loss and the backward deltas on them with single-threaded products
///      (shapes as in network.h, one column per sample):
///        a_l = act(W_l (m_l a_{l-1}) + b_l)                    units_l x n_t
///      (m_l: the dropout mask of layer l's input, drawn by batch column, or 1)
///        delta_L = dLoss/da_L * act'   (the loss's gradient divided by the whole batch's n)
///        delta_{l-1} = m_l (W_l^T delta_l) * act'(a_{l-1})
///   2. barrier; thread 0 sums the T partial losses (in part order) and, when the sum is
///      finite, starts the optimizer step; barrier;
///   3. every kernel is cut into slices of whole columns (input features) of at most 8192
///      floats, every bias is one slice; the threads take the next free slice (an atomic
///      counter), compute its gradient over the whole batch in one product,
///        dL/dW[:, c0:c1] = delta_l (a_{l-1}[c0:c1, :])^T,   dL/db = rowsum(delta_l),
///      and apply the optimizer to it while it is in their cache (penalty gradient fused
///      into the update). No partial gradients, no reduction pass. Taking slices as they
///      come balances the work when a core is slowed by another process.
/// Every output element is computed by one product over the whole batch, and neither a
/// part's nor a slice's arithmetic depends on which thread runs it, so the result hardly
/// depends on T (the products' column counts per part) and not at all on timing: the same
/// seed and thread count give bit-identical weights. The batch is always cut into T parts
/// (should OpenMP grant fewer threads, one runs several). The products are OpenBLAS's
/// (the build's default when found, see gemmKernel()) or Eigen's: their summation order
/// differs from the reference's Eigen products, so the two paths agree to float32 rounding.
///
/// Conv layers (conv.h) differ in three ways:
///   - im2col and the products run on chunks of the part's samples whose patches fit the
///     core's L2 cache (about 1 MB); the backward pass makes a chunk's patches again for
///       dL/dW += dZ_chunk cols_chunk^T,   dL/da_prev[chunk] = col2im(W^T dZ_chunk)
///     so the patches never go to memory.
///   - their kernel and bias gradients are therefore summed per part in phase 1 (the chunks
///     in order); a slice in phase 3 is the sum of the parts' gradients in part order (a
///     deterministic reduction), then the optimizer.
///   - a 3x3, stride-1 conv layer runs on Winograd's F(2x2, 3x3) transforms (winograd.h)
///     instead of patches: chunk by chunk, the input's transform V, 16 products
///       M_xi = U_xi V_xi,   dU_xi += dM_xi V_xi^T,   dV_xi = U_xi^T dM_xi
///     and the output's transforms; 2.25 times fewer multiplications, with the transforms'
///     rounding instead of the patches' sums.
///   - a first conv layer with at most 32 patch entries (e.g. 3x3 on one channel) runs on
///     direct kernels (kernels.h: convForward, convGradient) without patches; followed by a
///     max-pool with ReLU, training runs the two sample by sample so the conv's output stays
///     in cache, and its dL/dz is the pool's gradient routed to each window's argmax where
///     the maximum is > 0 (the same values the pool's backward and ReLU's derivative give).
/// The products are cut differently, so 1 and 2 threads agree to float32 rounding; the same
/// thread count still gives bit-identical weights.
///
/// setProfile() times every op (StepProfile), for reglab_bench --cnn --profile.
///
/// The optimizer sees each slice as a tensor of its own: reset it with sliceSizes(). Adam
/// and SGD are elementwise, so the slicing does not change what they compute.
///
/// Nothing is allocated inside trainStep() or evaluate(): Eigen's products run on packing
/// buffers owned here (Eigen's own product would allocate them for the 784-wide shapes);
/// OpenBLAS packs into the buffer pool it maps once at start-up.

#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/nn/regularizer.h"
#include "core/train/metrics.h"
#include "core/types.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace reglab {

/// Where training steps spend their time, per op and kind of work (reglab_bench --cnn
/// --profile). Off unless FastPath::setProfile() is given one: the step then reads no clock.
/// Seconds are the working threads' CPU time (each thread's laps scaled by its CPU time over
/// its wall time in the step), summed over steps and threads.
struct StepProfile {
    enum Work : int {
        Gather,      ///< copying the batch's samples (op 0's row)
        Dropout,     ///< applying the dropout mask to the op's input (forward and backward)
        Im2col,      ///< the patches of a conv op's input
        Gemm,        ///< forward product W x (or W cols)
        BiasAct,     ///< bias and activation
        Pool,        ///< max-pool forward (with argmax)
        Loss,        ///< loss and its gradient (the last op's row)
        ActBackward, ///< delta * act'
        GemmDx,      ///< W^T delta (the input's gradient)
        Col2im,      ///< the patches' gradients back to the input
        PoolBackward,
        GemmDw,    ///< the kernel gradient delta a^T (or delta cols^T)
        BiasGrad,  ///< the bias gradient (row sums)
        Transform, ///< Winograd transforms of a conv op's kernel, output and their gradients
        Optimizer,
        Wait, ///< waiting at the step's barriers (op 0's row)
        kWorkKinds
    };
    static const char *name(Work w);
    /// seconds[op * kWorkKinds + work]
    std::vector<double> seconds;
    long long steps = 0;
    double at(std::size_t op, Work w) const { return seconds[op * kWorkKinds + w]; }
};

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

    int evaluationThreads() const { return m_evalThreads; }

    /// Times every op of the following training steps into `profile` (sized here; nullptr
    /// switches timing off). For measurement only: the clock is read around every op.
    void setProfile(StepProfile *profile);

    /// Element counts of the optimizer's tensors (slices), in update order.
    std::vector<Index> sliceSizes() const;

    /// Penalty gradient coefficients per layer: penalties()[2 l] for the kernel of layer l,
    /// [2 l + 1] for its bias. Zero (no penalty) until set; read at every step.
    std::vector<PenaltyGradient<float>> &penalties() { return m_penalties; }

    /// One optimization step on samples indices[0..count) (count <= maxBatch) of (x, y).
    /// Layers with inputDropout > 0 draw their masks with `dropoutKey` (dropoutStepKey(),
    /// dropout.h), by batch column: the masks do not depend on the thread count.
    /// Returns the batch's mean data loss; when it is not finite the weights and the
    /// optimizer are left untouched.
    double trainStep(Network<float> &net, Optimizer<float> &optimizer, LossKind loss,
                     const MatrixF &x, const MatrixF &y, const Index *indices, Index count,
                     std::uint64_t dropoutKey = 0);

    /// Mean data loss and accuracy (R^2 for mse) over every column of (x, y). Threads take
    /// contiguous column ranges; partial sums are combined in thread order.
    /// With `peaks`, also the largest output of every unit over x, as peakActivations()
    /// (unit_status.h) computes it, from the same forward pass: peaks[l](u) for the layers
    /// [0, peakLayerCount(net)), empty for the others (a conv layer's unit is a filter).
    Evaluation evaluate(const Network<float> &net, LossKind loss, const MatrixF &x,
                        const MatrixF &y, std::vector<VectorF> *peaks = nullptr);

    /// How training and evaluation run conv op `op` of `net`: "direct" (kernels.h's direct
    /// kernels), "winograd" (winograd.h), "patches" (im2col and products); "" for other ops.
    static const char *convMethod(const Network<float> &net, std::size_t op);

    /// The product kernel this build uses: "openblas <core>" (the build option REGLAB_GEMM
    /// found OpenBLAS) or "eigen".
    static std::string gemmKernel();

    /// C = op(A) op(B) for column-major C (m x n, leading dimension m), A stored m x k (or
    /// k x m when transA) and B stored k x n (or n x k when transB), each with its row count
    /// as leading dimension, on the calling thread only. With OpenBLAS its sgemm; otherwise
    /// Eigen's kernel with Eigen's own blocking on the packing buffers packA (>= m k floats)
    /// and packB (>= k n floats). Exposed for the benchmark.
    static void gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a,
                     const float *b, float *c, float *packA, float *packB);
    /// The same with explicit leading dimensions (sub-blocks of larger matrices).
    static void gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a, Index lda,
                     const float *b, Index ldb, float *c, Index ldc, float *packA, float *packB);

private:
    struct ThreadSpace;
    struct BatchSpace;
    struct Slice {
        std::size_t tensor = 0; ///< 2 l (kernel) or 2 l + 1 (bias)
        Index offset = 0;       ///< first element within the tensor
        Index size = 0;
    };

    /// `profile`: where to time each op (StepProfile's layout), or nullptr.
    void forward(const Network<float> &net, ThreadSpace &ws, const float *x, Index cols,
                 double *profile = nullptr) const;

    int m_threads = 1;
    int m_evalThreads = 1;
    Index m_maxBatch = 0;
    Index m_evalChunk = 0;
    std::vector<int> m_source;            ///< per op: the op whose output feeds it, -1: the input
    std::vector<std::size_t> m_opOfLayer; ///< per weight layer: its op
    std::vector<Index> m_gradOffsets;     ///< per tensor (2 l, 2 l + 1) within a gradient buffer
    Index m_gradSize = 0;
    std::vector<Slice> m_slices;
    std::vector<PenaltyGradient<float>> m_penalties;
    std::unique_ptr<BatchSpace> m_batch;
    std::vector<std::unique_ptr<ThreadSpace>> m_train;
    std::vector<std::unique_ptr<ThreadSpace>> m_eval;
    std::vector<double> m_lossParts;
    StepProfile *m_profile = nullptr;
    std::vector<std::vector<double>> m_profileParts; ///< per thread: seconds as StepProfile
    std::vector<BatchScore> m_scoreParts;
};

} // namespace reglab
