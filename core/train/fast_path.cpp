// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/fast_path.h"

#include "core/nn/conv.h"
#include "core/nn/dropout.h"
#include "core/nn/kernels.h"
#include "core/nn/loss_kernel.h"
#include "core/nn/winograd.h"
#include "core/parallel.h"
#include "core/train/unit_status.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <mutex>
#include <string>

#ifdef REGLAB_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace reglab {

namespace {

/// Largest kernel slice (floats): a slice's gradient is computed and then read back by the
/// optimizer (with the weights and its state), so it should stay in the core's cache.
constexpr Index kSliceFloats = 8192;

/// Samples ahead whose input column the gather prefetches.
constexpr Index kGatherAhead = 2;

/// Rounds up to a multiple of 16 floats (64 bytes: one zmm register, one cache line).
Index alignUp(Index n) {
    return (n + 15) & ~Index(15);
}

#ifdef REGLAB_HAVE_OPENBLAS
/// OpenBLAS runs every product on the calling thread: the fast path's threads are the only
/// parallelism (OpenBLAS's own threads would fight them for the two cores).
void initOpenBlasOnce() {
    static std::once_flag once;
    std::call_once(once, [] { openblas_set_num_threads(1); });
}
#endif

/// Adds the time since the previous lap to one entry of a StepProfile's seconds; without a
/// profile (nullptr) it reads no clock. Laps read the monotonic clock (a few ns; the thread's
/// CPU clock is a system call of microseconds here, too slow for laps inside a sample
/// loop); trainStep() scales each thread's laps by its CPU time over its wall time in the
/// step, so time slices taken by other processes are not counted.
class Laps {
public:
    explicit Laps(double *seconds)
        : m_seconds(seconds) {
        restart();
    }
    void operator()(std::size_t op, StepProfile::Work work) {
        if (!m_seconds)
            return;
        const double now = wallSeconds();
        m_seconds[op * StepProfile::kWorkKinds + work] += now - m_last;
        m_last = now;
    }
    /// Starts the next lap now (the time since the last one is not counted).
    void restart() {
        if (m_seconds)
            m_last = wallSeconds();
    }
    static double wallSeconds() {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
    }
    static double threadCpuSeconds() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
    }

private:
    double *m_seconds;
    double m_last = 0.0;
};

} // namespace

const char *StepProfile::name(Work w) {
    static const char *const names[kWorkKinds] = {
        "gather",    "dropout",      "im2col",    "gemm",   "bias_act",      "pool",
        "loss",      "act_backward", "gemm_dx",   "col2im", "pool_backward", "gemm_dw",
        "bias_grad", "transform",    "optimizer", "wait"};
    return names[w];
}

void FastPath::setProfile(StepProfile *profile) {
    m_profile = profile;
    m_profileParts.clear();
    if (!profile)
        return;
    // per op of the configured network (configureTraining())
    const std::size_t size = std::max<std::size_t>(1, m_source.size()) * StepProfile::kWorkKinds;
    profile->seconds.assign(size, 0.0);
    profile->steps = 0;
    // per thread: the laps, then the step's wall and CPU seconds (the laps' scale)
    m_profileParts.assign(std::size_t(m_threads), std::vector<double>(size + 2, 0.0));
}

/// One part's buffers: packing space for its products and the pointers of its columns in
/// every op's buffers (training: into BatchSpace; evaluation: into its own chunk buffers).
/// A flatten op's pointers are those of its input (it moves nothing).
struct FastPath::ThreadSpace {
    std::vector<VectorF> act;       ///< evaluation only: per op, units x chunk
    std::vector<VectorF> colsStore; ///< per conv op: the patches of one chunk (convChunk())
    std::vector<std::vector<std::int32_t>> argmaxStore; ///< evaluation only: per pool op
    std::vector<float *> out;           ///< per op: where forward() writes its output
    std::vector<float *> cols;          ///< per conv op: its input's patches
    std::vector<std::int32_t *> argmax; ///< per pool op: the windows' argmax
    /// Training only: per weight layer, the part's columns of its input's dropout mask and of
    /// the masked input (nullptr: no dropout on that layer's input).
    std::vector<const float *> mask;
    std::vector<float *> dropped;
    VectorF dcols; ///< training only: W^T dZ of one chunk of a conv layer (its patches)
    /// Training only, per weight layer that is a conv: the part's kernel gradient (filters x
    /// patch) followed by its bias gradient (empty for dense layers).
    std::vector<VectorF> convGrad;
    VectorF chunkGrad;     ///< one chunk's kernel gradient (the largest conv kernel)
    VectorF directScratch; ///< the direct kernels' scratch (isDirectConv)
    /// Per Winograd conv op (isWinogradConv): its kernel's transform U (16 c_out c_in), made
    /// by forward() and read by the backward pass of the same step.
    std::vector<VectorF> winogradU;
    VectorF winogradV;  ///< one chunk's input transform V, then (backward) dV
    VectorF winogradM;  ///< one chunk's output transform M, or dM
    VectorF winogradDU; ///< training only: the part's dU of one op
    VectorF winogradUT; ///< training only: U_xi^T of one op (c_in x c_out blocks)
    /// Training only, with isFusedConvPool(): one sample's conv output or its gradient (null
    /// when not fused).
    VectorF fusedStore;
    float *fused = nullptr;
    /// Training only, per op: whether it is a Winograd conv whose ReLU output goes straight
    /// into the next op's 2x2 max-pool (isWinogradPool()), run as one op (empty: never).
    std::vector<char> winogradPool;
    std::vector<VectorF> peaks; ///< evaluation only: per weight layer, its units' peaks
    VectorF packA;
    VectorF packB;
};

/// The batch's buffers, shared by all parts: part v owns the column range
/// [count v / parts, count (v + 1) / parts) of x, y, every act and every delta. Column-major
/// with the row count as leading dimension, so a part's columns are one contiguous block.
struct FastPath::BatchSpace {
    VectorF x;                  ///< inputDim x maxBatch, the gathered samples
    VectorF y;                  ///< targetRows x maxBatch
    std::vector<VectorF> act;   ///< per op: output size x maxBatch (empty for flatten)
    std::vector<VectorF> delta; ///< per op: output size x maxBatch (empty for flatten)
    std::vector<std::vector<std::int32_t>> argmax; ///< per pool op: output size x maxBatch
    std::vector<VectorF> mask;    ///< per weight layer with input dropout: inputs x maxBatch
    std::vector<VectorF> dropped; ///< the masked input m * a_prev, same shapes as mask
    VectorF grad;                 ///< the batch gradient of every tensor (flat, m_gradOffsets)
};

namespace {

/// Per op, the op whose output is its input (flatten ops are looked through): -1 for the
/// network's input.
std::vector<int> sourceOps(const Network<float> &net) {
    const auto &ops = net.ops();
    std::vector<int> src(ops.size(), -1);
    int last = -1;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        src[i] = last;
        if (ops[i].kind != LayerKind::Flatten)
            last = int(i);
    }
    return src;
}

/// Sample columns of an op's product: positions per sample for a conv, else 1.
Index positionsOf(const LayerOp &op) {
    return op.kind == LayerKind::Conv2D ? op.window.positions() : 1;
}

/// Largest patch (kh kw c_in) of a first conv layer that runs on the direct kernels
/// (kernels.h: convForward, convGradient) rather than im2col and products: with so few
/// entries per patch the products run far below the FMA peak and the patches cost more
/// than the arithmetic. Such a layer reads the network's input, so it needs no input delta.
constexpr Index kDirectPatch = 32;

/// Whether op i is a conv on the network's input that runs on the direct kernels.
bool isDirectConv(const std::vector<LayerOp> &ops, std::size_t i) {
    return i == 0 && ops[i].kind == LayerKind::Conv2D && ops[i].window.patch() <= kDirectPatch;
}

/// Whether a training step runs ops 0 and 1 fused, one sample at a time: a direct ReLU conv
/// followed by a max-pool. Its output then never leaves the core's cache: the backward pass
/// needs only the pool's argmax, since dL/dz of the conv is the pool's gradient routed to
/// each window's argmax where the window's maximum is > 0 (ReLU's derivative there), and 0
/// elsewhere: exactly what the pool's backward pass and ReLU's derivative give.
bool isFusedConvPool(const Network<float> &net) {
    const auto &ops = net.ops();
    return ops.size() > 1 && isDirectConv(ops, 0) && ops[1].kind == LayerKind::MaxPool2D
           && net.layers()[std::size_t(ops[0].weight)].activation == Activation::Relu;
}

/// Fewest input and output channels of a conv that runs on Winograd's transforms. With fewer,
/// the 16 products per tile are too short to pay for the transforms' passes over memory, and
/// the layer is cheap anyway. It also keeps the transforms' rounding (winograd.h) off small
/// layers: it is the same size as the patches' sums overall, but an entry of the kernel
/// gradient that is much smaller than its filter's others gets the others' rounding, which
/// Adam then scales up (on a 4-to-3-channel layer, 1 and 2 threads drifted 1e-3 apart in 24
/// steps instead of 1e-7).
constexpr int kWinogradChannels = 16;

/// Whether conv op i runs on Winograd's transforms (winograd.h): 3x3, stride 1, at least
/// kWinogradChannels channels in and out, and not on the direct kernels.
bool isWinogradConv(const std::vector<LayerOp> &ops, std::size_t i) {
    const Window &g = ops[i].window;
    return ops[i].kind == LayerKind::Conv2D && !isDirectConv(ops, i) && winograd::applies(g)
           && g.in.channels >= kWinogradChannels && g.out.channels >= kWinogradChannels;
}

/// Whether a training step runs Winograd conv op i and its max-pool op i + 1 as one: a ReLU
/// conv whose tiles are the pool's windows (winograd.h: outputTransformReluPool,
/// poolOutputGradient). Its output is then never stored: the pool's output and argmax come
/// from the transform, and the backward pass builds dM from the pool's gradient, routed to
/// each window's argmax where the maximum is > 0 (the values the pool's backward pass and
/// ReLU's derivative give, without writing them).
bool isWinogradPool(const Network<float> &net, std::size_t i) {
    const auto &ops = net.ops();
    return isWinogradConv(ops, i) && i + 1 < ops.size() && ops[i + 1].kind == LayerKind::MaxPool2D
           && net.layers()[std::size_t(ops[i].weight)].activation == Activation::Relu
           && winograd::tilesArePoolWindows(ops[i].window, ops[i + 1].window);
}

/// Transform floats (V and M) of one chunk of a Winograd conv op's samples: in the core's L2
/// cache with the products' packing.
constexpr Index kChunkWinogradFloats = Index(1) << 17;

/// Samples per chunk of Winograd conv op `op` (at least 1), and the transform sizes.
Index winogradChunk(const LayerOp &op) {
    const Index perSample =
        16 * winograd::tiles(op.window) * (op.window.in.channels + op.window.out.channels);
    return std::max<Index>(1, kChunkWinogradFloats / perSample);
}
/// Floats of V (or dV) and of M (or dM) for `samples` samples of op.
Index winogradVSize(const LayerOp &op, Index samples) {
    return 16 * winograd::tiles(op.window) * op.window.in.channels * samples;
}
Index winogradMSize(const LayerOp &op, Index samples) {
    return 16 * winograd::tiles(op.window) * op.window.out.channels * samples;
}
Index winogradUSize(const LayerOp &op) {
    return 16 * Index(op.window.in.channels) * op.window.out.channels;
}

/// Patch floats of one chunk of a conv layer's samples (about 1 MB, the core's L2 cache): a
/// conv runs im2col and its products chunk by chunk, so the patches never leave the cache.
constexpr Index kChunkPatchFloats = Index(1) << 18;

/// Samples per chunk of conv op `op` (at least 1).
Index convChunk(const LayerOp &op) {
    return std::max<Index>(1, kChunkPatchFloats / (op.window.patch() * op.window.positions()));
}

kernels::ConvShape convShape(const Window &g) {
    kernels::ConvShape s;
    s.h = g.in.height;
    s.w = g.in.width;
    s.c = g.in.channels;
    s.outH = g.out.height;
    s.outW = g.out.width;
    s.filters = g.out.channels;
    s.kh = g.kh;
    s.kw = g.kw;
    s.sh = g.sh;
    s.sw = g.sw;
    s.padTop = g.padTop;
    s.padLeft = g.padLeft;
    return s;
}

} // namespace

FastPath::FastPath() {
#ifdef REGLAB_HAVE_OPENBLAS
    initOpenBlasOnce();
#endif
}
FastPath::~FastPath() = default;
FastPath::FastPath(FastPath &&) noexcept = default;
FastPath &FastPath::operator=(FastPath &&) noexcept = default;

void FastPath::gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a,
                    const float *b, float *c, float *packA, float *packB) {
    gemm(transA, transB, m, n, k, a, transA ? k : m, b, transB ? n : k, c, m, packA, packB);
}

const char *FastPath::convMethod(const Network<float> &net, std::size_t op) {
    const auto &ops = net.ops();
    if (op >= ops.size() || ops[op].kind != LayerKind::Conv2D)
        return "";
    return isDirectConv(ops, op) ? "direct" : isWinogradConv(ops, op) ? "winograd" : "patches";
}

std::string FastPath::gemmKernel() {
#ifdef REGLAB_HAVE_OPENBLAS
    initOpenBlasOnce();
    return std::string("openblas ") + openblas_get_corename();
#else
    return "eigen";
#endif
}

void FastPath::gemm(bool transA, bool transB, Index m, Index n, Index k, const float *a, Index lda,
                    const float *b, Index ldb, float *c, Index ldc, float *packA, float *packB) {
    if (m == 0 || n == 0)
        return;
    if (k == 0) {
        for (Index j = 0; j < n; ++j)
            std::fill_n(c + j * ldc, m, 0.0f);
        return;
    }
#ifdef REGLAB_HAVE_OPENBLAS
    // OpenBLAS 0.3.21's "small matrix" kernel for untransposed products of m n k <= 100^3
    // mallocs a buffer on every call (measured: 200 x 25 x 200, 100^3, 200 x 16 x 300; the
    // transposed variants do not), so those products run on Eigen's kernel and our buffers.
    if (transA || transB || double(m) * double(n) * double(k) > 1e6) {
        // C = 1 * op(A) op(B) + 0 * C (beta 0: C is written, never read)
        cblas_sgemm(CblasColMajor, transA ? CblasTrans : CblasNoTrans,
                    transB ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k), 1.0f, a,
                    blasint(lda), b, blasint(ldb), 0.0f, c, blasint(ldc));
        return;
    }
#endif
    kernels::table().gemm(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, packA, packB);
}

void FastPath::configureTraining(const Network<float> &net, int threads, Index maxBatch,
                                 Index targetRows) {
    m_threads = std::max(1, threads);
    m_maxBatch = std::max<Index>(1, maxBatch);
    const auto &layers = net.layers();
    const auto &ops = net.ops();
    const std::size_t L = layers.size();
    m_source = sourceOps(net);
    m_opOfLayer.assign(L, 0);
    for (std::size_t i = 0; i < ops.size(); ++i) {
        if (ops[i].weight >= 0)
            m_opOfLayer[std::size_t(ops[i].weight)] = i;
    }

    // Flat gradient layout: kernel and bias of every layer, each 64-byte aligned.
    m_gradOffsets.assign(2 * L, 0);
    m_gradSize = 0;
    for (std::size_t l = 0; l < L; ++l) {
        m_gradOffsets[2 * l] = m_gradSize;
        m_gradSize += alignUp(layers[l].kernel.size());
        m_gradOffsets[2 * l + 1] = m_gradSize;
        m_gradSize += alignUp(layers[l].bias.size());
    }

    // Slices: every kernel is cut into one range of whole columns (input features) per
    // thread, so a slice's gradient is one product; biases go whole to the threads in turn.
    m_slices.clear();
    for (std::size_t l = 0; l < L; ++l) {
        const Index units = layers[l].units();
        const Index inputs = layers[l].inputs();
        if (units == 0)
            continue;
        // Blocks of whole columns, at most kSliceFloats each (but at least 16 columns), so
        // that a block's gradient is still in L1/L2 when the optimizer reads it.
        const Index blockCols = std::max<Index>(16, kSliceFloats / units);
        const Index blocks = std::max<Index>(1, (inputs + blockCols - 1) / blockCols);
        for (Index b = 0; b < blocks; ++b) {
            const Index c0 = inputs * b / blocks;
            const Index c1 = inputs * (b + 1) / blocks;
            if (c1 > c0)
                m_slices.push_back({2 * l, units * c0, units * (c1 - c0)});
        }
        if (layers[l].useBias) // the reference never updates an unused bias
            m_slices.push_back({2 * l + 1, 0, units});
    }
    m_penalties.assign(2 * L, PenaltyGradient<float>{});
    m_lossParts.assign(std::size_t(m_threads), 0.0);

    m_batch = std::make_unique<BatchSpace>();
    m_batch->x.resize(net.inputDim() * m_maxBatch);
    m_batch->y.resize(targetRows * m_maxBatch);
    for (const LayerOp &op : ops) {
        const bool flat = op.kind == LayerKind::Flatten;
        const Index size = flat ? 0 : Index(op.out.size()) * m_maxBatch;
        m_batch->act.emplace_back(size);
        m_batch->delta.emplace_back(size);
        m_batch->argmax.emplace_back(op.kind == LayerKind::MaxPool2D ? std::size_t(size) : 0);
    }
    for (const auto &l : layers) {
        const Index masked = l.inputDropout > 0.0 ? l.inputSize() * m_maxBatch : 0;
        m_batch->mask.emplace_back(masked);
        m_batch->dropped.emplace_back(masked);
    }
    m_batch->grad = VectorF::Zero(m_gradSize);

    // Packing space of one part: forward (units x part P x inputs), dA (inputs x part P x
    // units) and a gradient slice (units x inputs x batch P), bounded by m k and k n.
    const Index part = (m_maxBatch + m_threads - 1) / m_threads;
    Index packA = 0;
    Index packB = 0;
    Index dcols = 0;
    Index chunkGrad = 0;
    Index winogradV = 0;
    Index winogradM = 0;
    Index winogradU = 0;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const LayerOp &op = ops[i];
        if (op.weight < 0)
            continue;
        const auto &l = layers[std::size_t(op.weight)];
        const Index p = positionsOf(op);
        packA = std::max({packA, l.units() * l.inputs(), l.units() * m_maxBatch * p});
        packB = std::max(
            {packB, l.inputs() * part * p, l.units() * part * p, m_maxBatch * p * l.inputs()});
        if (isWinogradConv(ops, i)) { // its products (smallProduct) pack nothing
            const Index samples = std::min(part, winogradChunk(op));
            winogradV = std::max(winogradV, winogradVSize(op, samples));
            winogradM = std::max(winogradM, winogradMSize(op, samples));
            winogradU = std::max(winogradU, winogradUSize(op));
        } else if (op.kind == LayerKind::Conv2D) {
            dcols = std::max(dcols, l.inputs() * std::min(part, convChunk(op)) * p);
            chunkGrad = std::max(chunkGrad, l.units() * l.inputs());
        }
    }
    m_train.clear();
    for (int t = 0; t < m_threads; ++t) {
        auto ws = std::make_unique<ThreadSpace>();
        ws->out.assign(ops.size(), nullptr);
        ws->cols.assign(ops.size(), nullptr);
        ws->argmax.assign(ops.size(), nullptr);
        ws->mask.assign(L, nullptr);
        ws->dropped.assign(L, nullptr);
        ws->dcols.resize(dcols);
        ws->colsStore.resize(ops.size());
        ws->packA.resize(packA);
        ws->packB.resize(packB);
        ws->convGrad.resize(L);
        ws->chunkGrad.resize(chunkGrad);
        ws->winogradU.resize(ops.size());
        ws->winogradV.resize(winogradV);
        ws->winogradM.resize(winogradM);
        ws->winogradDU.resize(winogradU);
        ws->winogradUT.resize(winogradU);
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const LayerOp &op = ops[i];
            if (op.kind != LayerKind::Conv2D)
                continue;
            const auto &l = layers[std::size_t(op.weight)];
            ws->convGrad[std::size_t(op.weight)].resize(l.units() * (l.inputs() + 1));
            if (isWinogradConv(ops, i)) {
                ws->winogradU[i].resize(winogradUSize(op));
            } else if (isDirectConv(ops, i)) {
                ws->directScratch.resize(l.units() * (l.inputs() + 1));
            } else {
                ws->colsStore[i].resize(op.window.patch() * op.window.positions()
                                        * std::min(part, convChunk(op)));
                ws->cols[i] = ws->colsStore[i].data();
            }
        }
        ws->winogradPool.assign(ops.size(), 0);
        for (std::size_t i = 0; i < ops.size(); ++i)
            ws->winogradPool[i] = isWinogradPool(net, i);
        if (isFusedConvPool(net)) {
            ws->fusedStore.resize(Index(ops[0].out.size()));
            ws->fused = ws->fusedStore.data();
        }
        m_train.push_back(std::move(ws));
    }
}

void FastPath::configureEvaluation(const Network<float> &net, int threads, Index chunk) {
    m_evalThreads = std::max(1, threads);
    const auto &ops = net.ops();
    // A conv layer's patches take patch x positions floats per sample: smaller chunks keep
    // them within about 16 MB per thread.
    Index perSample = 1;
    for (const LayerOp &op : ops) {
        if (op.kind == LayerKind::Conv2D)
            perSample = std::max(perSample, op.window.patch() * op.window.positions());
    }
    constexpr Index kMaxPatchFloats = Index(1) << 22;
    m_evalChunk = std::clamp<Index>(std::min(chunk, kMaxPatchFloats / perSample), 1,
                                    std::max<Index>(1, chunk));
    Index packA = 0;
    Index packB = 0;
    Index winogradV = 0;
    Index winogradM = 0;
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const LayerOp &op = ops[i];
        if (op.weight < 0)
            continue;
        const auto &l = net.layers()[std::size_t(op.weight)];
        packA = std::max(packA, l.units() * l.inputs());
        packB = std::max(packB, l.inputs() * m_evalChunk * positionsOf(op));
        if (isWinogradConv(ops, i)) {
            const Index samples = std::min(m_evalChunk, winogradChunk(op));
            winogradV = std::max(winogradV, winogradVSize(op, samples));
            winogradM = std::max(winogradM, winogradMSize(op, samples));
        }
    }
    m_eval.clear();
    for (int t = 0; t < m_evalThreads; ++t) {
        auto ws = std::make_unique<ThreadSpace>();
        ws->act.resize(ops.size());
        ws->colsStore.resize(ops.size());
        ws->winogradU.resize(ops.size());
        ws->winogradV.resize(winogradV);
        ws->winogradM.resize(winogradM);
        ws->argmaxStore.resize(ops.size());
        ws->out.assign(ops.size(), nullptr);
        ws->cols.assign(ops.size(), nullptr);
        ws->argmax.assign(ops.size(), nullptr);
        for (std::size_t i = 0; i < ops.size(); ++i) {
            const LayerOp &op = ops[i];
            if (op.kind == LayerKind::Flatten)
                continue; // aliases its input, set in forward()
            ws->act[i].resize(Index(op.out.size()) * m_evalChunk);
            ws->out[i] = ws->act[i].data();
            if (isWinogradConv(ops, i)) {
                ws->winogradU[i].resize(winogradUSize(op));
            } else if (op.kind == LayerKind::Conv2D && !isDirectConv(ops, i)) {
                ws->colsStore[i].resize(op.window.patch() * op.window.positions()
                                        * std::min(m_evalChunk, convChunk(op)));
                ws->cols[i] = ws->colsStore[i].data();
            } else if (op.kind == LayerKind::MaxPool2D) {
                ws->argmaxStore[i].resize(std::size_t(op.out.size() * m_evalChunk));
                ws->argmax[i] = ws->argmaxStore[i].data();
            }
        }
        ws->packA.resize(packA);
        ws->packB.resize(packB);
        ws->peaks.resize(net.layers().size());
        for (std::size_t l = 0; l < net.layers().size(); ++l)
            ws->peaks[l].resize(net.layers()[l].units());
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

void FastPath::forward(const Network<float> &net, ThreadSpace &ws, const float *x, Index cols,
                       double *profile) const {
    const auto &layers = net.layers();
    const auto &ops = net.ops();
    const kernels::Table &k = kernels::table();
    Laps lap(profile);
    const float *in = x;
    std::size_t first = 0;
    if (ws.fused && !(ws.mask.size() > 0 && ws.mask[0])) {
        // ops 0 and 1 sample by sample (isFusedConvPool): the conv's output stays in cache
        const LayerOp &conv = ops[0];
        const LayerOp &pool = ops[1];
        const auto &l = layers[std::size_t(conv.weight)];
        const kernels::ConvShape shape = convShape(conv.window);
        const Index inSize = Index(conv.window.in.size());
        const Index poolSize = Index(pool.out.size());
        for (Index s = 0; s < cols; ++s) {
            k.convForward(shape, l.kernel.data(), l.useBias ? l.bias.data() : nullptr, l.activation,
                          x + s * inSize, 1, ws.fused);
            lap(0, StepProfile::Gemm);
            maxPoolForward(pool.window, ws.fused, 1, ws.out[1] + s * poolSize,
                           ws.argmax[1] + s * poolSize);
            lap(1, StepProfile::Pool);
        }
        in = ws.out[1];
        first = 2;
    }
    for (std::size_t i = first; i < ops.size(); ++i) {
        const LayerOp &op = ops[i];
        if (op.kind == LayerKind::Flatten) { // channels-last columns are the flat order
            ws.out[i] = const_cast<float *>(in);
            continue;
        }
        float *out = ws.out[i];
        if (op.kind == LayerKind::MaxPool2D) {
            maxPoolForward(op.window, in, cols, out, ws.argmax[i]);
            lap(i, StepProfile::Pool);
            in = out;
            continue;
        }
        const std::size_t w = std::size_t(op.weight);
        const auto &l = layers[w];
        if (w < ws.mask.size() && ws.mask[w]) { // training with dropout: a_prev <- m * a_prev
            k.multiply(ws.dropped[w], ws.mask[w], in, l.inputSize() * cols);
            in = ws.dropped[w];
            lap(i, StepProfile::Dropout);
        }
        if (isDirectConv(ops, i)) {
            // Z = W patches + b without the patches; a = act(Z)
            k.convForward(convShape(op.window), l.kernel.data(),
                          l.useBias ? l.bias.data() : nullptr, l.activation, in, cols, out);
            lap(i, StepProfile::Gemm);
            if (l.activation != Activation::Linear && l.activation != Activation::Relu) {
                k.biasActivate(l.activation, out, nullptr, l.units(), cols * op.window.positions());
                lap(i, StepProfile::BiasAct);
            }
        } else if (isWinogradConv(ops, i)) {
            // Z = A^T [U (.) V] A + b chunk by chunk (winograd.h); a = act(Z), or straight
            // into the pool of op i + 1 (isWinogradPool)
            const bool pooled = i < ws.winogradPool.size() && ws.winogradPool[i];
            const Window &g = op.window;
            const Index cin = g.in.channels;
            const Index cout = g.out.channels;
            float *u = ws.winogradU[i].data();
            winograd::kernelTransform(g, l.kernel.data(), u);
            lap(i, StepProfile::Transform);
            const Index chunk = winogradChunk(op);
            const Index inSize = Index(g.in.size());
            for (Index s0 = 0; s0 < cols; s0 += chunk) {
                const Index n = std::min(chunk, cols - s0);
                const Index t = winograd::tiles(g) * n;
                float *v = ws.winogradV.data();
                float *m = ws.winogradM.data();
                winograd::inputTransform(g, in + s0 * inSize, n, v);
                lap(i, StepProfile::Im2col);
                for (Index xi = 0; xi < 16; ++xi) // M_xi = U_xi V_xi
                    k.smallProduct(cout, t, cin, u + xi * cout * cin, v + xi * t * cin, 1, cin,
                                   m + xi * t * cout, false);
                lap(i, StepProfile::Gemm);
                if (pooled) {
                    const Index poolSize = Index(ops[i + 1].out.size());
                    winograd::outputTransformReluPool(
                        g, ops[i + 1].window, m, l.useBias ? l.bias.data() : nullptr, n,
                        ws.out[i + 1] + s0 * poolSize, ws.argmax[i + 1] + s0 * poolSize);
                } else {
                    winograd::outputTransform(g, m, n, out + s0 * Index(op.out.size()));
                }
                lap(i, StepProfile::Transform);
            }
            if (pooled) { // op i + 1 is done
                in = ws.out[++i];
                continue;
            }
            k.biasActivate(l.activation, out, l.useBias ? l.bias.data() : nullptr, l.units(),
                           cols * g.positions());
            lap(i, StepProfile::BiasAct);
        } else if (op.kind == LayerKind::Conv2D) {
            // Z = W cols + b: c_out x (P n), the part's channels-last outputs; a = act(Z)
            const Index p = op.window.positions();
            const Index chunk = convChunk(op);
            const Index inSize = Index(op.window.in.size());
            for (Index s0 = 0; s0 < cols; s0 += chunk) { // the patches of a chunk stay in cache
                const Index n = std::min(chunk, cols - s0);
                im2col(op.window, in + s0 * inSize, n, ws.cols[i]);
                lap(i, StepProfile::Im2col);
                gemm(false, false, l.units(), n * p, l.inputs(), l.kernel.data(), ws.cols[i],
                     out + s0 * Index(op.out.size()), ws.packA.data(), ws.packB.data());
                lap(i, StepProfile::Gemm);
            }
            k.biasActivate(l.activation, out, l.useBias ? l.bias.data() : nullptr, l.units(),
                           cols * p);
            lap(i, StepProfile::BiasAct);
        } else {
            // z = W a_prev + b, then a = act(z) in place
            gemm(false, false, l.units(), cols, l.inputs(), l.kernel.data(), in, out,
                 ws.packA.data(), ws.packB.data());
            lap(i, StepProfile::Gemm);
            k.biasActivate(l.activation, out, l.useBias ? l.bias.data() : nullptr, l.units(), cols);
            lap(i, StepProfile::BiasAct);
        }
        in = out;
    }
}

double FastPath::trainStep(Network<float> &net, Optimizer<float> &optimizer, LossKind loss,
                           const MatrixF &x, const MatrixF &y, const Index *indices, Index count,
                           std::uint64_t dropoutKey) {
    auto &layers = net.layers();
    const auto &ops = net.ops();
    const std::size_t last = ops.size() - 1;
    const Index inDim = x.rows();
    const Index yRows = y.rows();
    BatchSpace &batch = *m_batch;
    const int parts = m_threads;
    const kernels::Table &k = kernels::table();

    // Ops 0 and 1 fused (isFusedConvPool), backward, part columns [c0, c0 + cols): per sample,
    // dL/dz = the pool's gradient routed to its argmax where the maximum is > 0 (ReLU), then
    // the conv's kernel and bias gradients from it (summed over the part's samples in order).
    const bool fused = !m_train.empty() && m_train[0]->fused && !(layers[0].inputDropout > 0.0);
    const auto fusedBackward = [&](ThreadSpace &ws, Index c0, Index cols, Laps &lap) {
        const LayerOp &conv = ops[0];
        const LayerOp &pool = ops[1];
        const auto &l = layers[std::size_t(conv.weight)];
        const kernels::ConvShape shape = convShape(conv.window);
        const Index convSize = Index(conv.out.size());
        const Index poolSize = Index(pool.out.size());
        VectorF &grad = ws.convGrad[std::size_t(conv.weight)];
        float *g = grad.data();
        std::fill(grad.begin(), grad.end(), 0.0f);
        for (Index s = 0; s < cols; ++s) {
            const Index col = c0 + s;
            const float *dOut = batch.delta[1].data() + col * poolSize;
            const float *pooled = batch.act[1].data() + col * poolSize;
            const std::int32_t *argmax = batch.argmax[1].data() + col * poolSize;
            float *dz = ws.fused;
            std::fill_n(dz, convSize, 0.0f);
            for (Index o = 0; o < poolSize; ++o) {
                if (pooled[o] > 0.0f) // ReLU's derivative at the argmax: 1 iff its output > 0
                    dz[argmax[o]] += dOut[o];
            }
            lap(1, StepProfile::PoolBackward);
            k.convGradient(shape, dz, batch.x.data() + col * inDim, 1, g,
                           g + l.units() * l.inputs(), ws.directScratch.data());
            lap(0, StepProfile::GemmDw);
        }
    };

    // A conv op's backward pass through its patches, part columns `cols` with dL/dz `d`:
    // dW += dZ_chunk cols_chunk^T into g (the chunks in order) and, with prevDelta,
    // dL/da_prev = col2im(W^T dZ_chunk), chunk by chunk.
    const auto convBackward = [&](const LayerOp &op, const WeightLayer<float> &l, ThreadSpace &ws,
                                  const float *input, const float *d, Index cols, float *g,
                                  float *prevDelta, Laps &lap, std::size_t i) {
        const Index p = op.window.positions();
        const Index chunk = convChunk(op);
        const Index inSize = Index(op.window.in.size());
        const Index kernelSize = l.units() * l.inputs();
        for (Index s0 = 0; s0 < cols; s0 += chunk) {
            const Index n = std::min(chunk, cols - s0);
            const float *dz = d + s0 * Index(op.out.size());
            im2col(op.window, input + s0 * inSize, n, ws.cols[i]);
            lap(i, StepProfile::Im2col);
            gemm(false, true, l.units(), l.inputs(), n * p, dz, l.units(), ws.cols[i], l.inputs(),
                 ws.chunkGrad.data(), l.units(), ws.packA.data(), ws.packB.data());
            for (Index e = 0; e < kernelSize; ++e)
                g[e] += ws.chunkGrad[e];
            lap(i, StepProfile::GemmDw);
            if (!prevDelta)
                continue;
            gemm(true, false, l.inputs(), n * p, l.units(), l.kernel.data(), dz, ws.dcols.data(),
                 ws.packA.data(), ws.packB.data());
            lap(i, StepProfile::GemmDx);
            col2im(op.window, ws.dcols.data(), n, prevDelta + s0 * inSize);
            lap(i, StepProfile::Col2im);
        }
    };

    // The same through Winograd's transforms (winograd.h), chunk by chunk: V of the input,
    // dM = A dZ A^T, dU += dM_xi V_xi^T (the chunks in order), then dW = G^T dU G into g; with
    // prevDelta, dV_xi = U_xi^T dM_xi (U from this step's forward()) and dL/da_prev = B dV B^T.
    // With isWinogradPool(), dM and the bias gradient come from the gradient of op i + 1 (the
    // pool) at the part's columns from c0 on; d is not read.
    const auto winogradBackward = [&](const LayerOp &op, ThreadSpace &ws, const float *input,
                                      const float *d, Index c0, Index cols, float *g,
                                      float *prevDelta, Laps &lap, std::size_t i) {
        if (cols == 0)
            return; // an empty part: its gradients stay the zeros they were set to
        const Window &win = op.window;
        const Index cin = win.in.channels;
        const Index cout = win.out.channels;
        const Index chunk = winogradChunk(op);
        const Index inSize = Index(win.in.size());
        const float *u = ws.winogradU[i].data();
        float *ut = ws.winogradUT.data();
        float *du = ws.winogradDU.data();
        float *v = ws.winogradV.data();
        float *dm = ws.winogradM.data();
        if (prevDelta) { // U_xi^T, c_in x c_out
            for (Index xi = 0; xi < 16; ++xi) {
                for (Index f = 0; f < cout; ++f) {
                    for (Index ch = 0; ch < cin; ++ch)
                        ut[xi * cout * cin + ch + cin * f] = u[xi * cout * cin + f + cout * ch];
                }
            }
        }
        for (Index s0 = 0; s0 < cols; s0 += chunk) {
            const Index n = std::min(chunk, cols - s0);
            const Index t = winograd::tiles(win) * n;
            winograd::inputTransform(win, input + s0 * inSize, n, v);
            lap(i, StepProfile::Im2col);
            if (ws.winogradPool[i]) {
                const LayerOp &pool = ops[i + 1];
                const Index at = (c0 + s0) * Index(pool.out.size());
                winograd::poolOutputGradient(
                    win, pool.window, batch.delta[i + 1].data() + at, batch.act[i + 1].data() + at,
                    batch.argmax[i + 1].data() + at, n, dm, g + 9 * cin * cout);
            } else {
                winograd::outputGradient(win, d + s0 * Index(op.out.size()), n, dm);
            }
            lap(i, StepProfile::Transform);
            for (Index xi = 0; xi < 16; ++xi) // dU_xi (+)= dM_xi V_xi^T, the chunks in order
                k.smallProduct(cout, cin, t, dm + xi * t * cout, v + xi * t * cin, cin, 1,
                               du + xi * cout * cin, s0 > 0);
            lap(i, StepProfile::GemmDw);
            if (!prevDelta)
                continue;
            for (Index xi = 0; xi < 16; ++xi) // dV_xi = U_xi^T dM_xi, over V (no longer read)
                k.smallProduct(cin, t, cout, ut + xi * cout * cin, dm + xi * t * cout, 1, cout,
                               v + xi * t * cin, false);
            lap(i, StepProfile::GemmDx);
            winograd::inputGradient(win, v, n, prevDelta + s0 * inSize);
            lap(i, StepProfile::Col2im);
        }
        winograd::kernelGradient(win, du, g);
        lap(i, StepProfile::Transform);
    };

    // Phase 1, part v: columns [c0, c0 + cols) of the batch. Gather, forward, loss and every
    // delta; none of it needs another part's columns.
    const auto forwardBackward = [&](int v, double *profile) {
        ThreadSpace &ws = *m_train[std::size_t(v)];
        Laps lap(profile);
        const Index c0 = count * v / parts;
        const Index cols = count * (v + 1) / parts - c0;
        for (Index j = c0; j < c0 + cols; ++j) { // one column per sample
            // The samples are scattered over the training set (in L3 or memory): fetch the
            // one after next while this one is copied.
            if (j + kGatherAhead < c0 + cols) {
                const char *next =
                    reinterpret_cast<const char *>(x.data() + indices[j + kGatherAhead] * inDim);
                for (Index byte = 0; byte < inDim * Index(sizeof(float)); byte += 64)
                    __builtin_prefetch(next + byte);
            }
            std::copy_n(x.data() + indices[j] * inDim, inDim, batch.x.data() + j * inDim);
            std::copy_n(y.data() + indices[j] * yRows, yRows, batch.y.data() + j * yRows);
        }
        for (std::size_t i = 0; i <= last; ++i) {
            const LayerOp &op = ops[i];
            const Index size = Index(op.out.size());
            ws.out[i] = op.kind == LayerKind::Flatten ? nullptr // set by forward()
                                                      : batch.act[i].data() + c0 * size;
            if (op.kind == LayerKind::MaxPool2D)
                ws.argmax[i] = batch.argmax[i].data() + c0 * size;
        }
        for (std::size_t w = 0; w < layers.size(); ++w) {
            const auto &l = layers[w];
            ws.mask[w] = nullptr;
            ws.dropped[w] = nullptr;
            if (l.inputDropout > 0.0) {
                // The part's columns of the mask, drawn by batch column: the same masks
                // however the batch is cut into parts.
                const Index rows = l.inputSize();
                float *mask = batch.mask[w].data() + c0 * rows;
                fillDropoutMask(mask, rows, c0, cols, l.inputDropout, dropoutKey, w,
                                l.inputDropoutChannels);
                ws.mask[w] = mask;
                ws.dropped[w] = batch.dropped[w].data() + c0 * rows;
            }
        }
        lap(0, StepProfile::Gather);
        forward(net, ws, batch.x.data() + c0 * inDim, cols, profile);
        lap.restart(); // forward() timed itself
        // delta_L = dLoss/da_L: the per-sample gradient divided by the whole batch's count
        const Index outRows = Index(ops[last].out.size());
        m_lossParts[std::size_t(v)] = lossSumInto<float>(
            loss, ws.out[last], outRows, batch.y.data() + c0 * yRows, yRows, cols,
            batch.delta[last].data() + c0 * outRows, float(count), nullptr);
        lap(last, StepProfile::Loss);
        for (std::size_t i = last + 1; i-- > 0;) {
            const LayerOp &op = ops[i];
            if (op.kind == LayerKind::Flatten)
                continue; // its delta is its source's
            const Index size = Index(op.out.size());
            float *d = batch.delta[i].data() + c0 * size;
            // The gradient with respect to this op's input lands in its source op's delta
            // (before that op's act'); none for the network's input.
            const int src = m_source[i];
            float *prevDelta = src >= 0 ? batch.delta[std::size_t(src)].data()
                                              + c0 * Index(ops[std::size_t(src)].out.size())
                                        : nullptr;
            if (op.kind == LayerKind::MaxPool2D) {
                if (i > 0 && ws.winogradPool[i - 1])
                    continue; // the conv's backward pass reads this op's gradient
                if (i == 1 && fused) {
                    // dL/dz of the conv and its gradients, sample by sample
                    fusedBackward(ws, c0, cols, lap);
                    break;
                }
                // dL/da_prev: each window's gradient to its argmax
                if (prevDelta)
                    maxPoolBackward(op.window, d, ws.argmax[i], cols, prevDelta);
                lap(i, StepProfile::PoolBackward);
                continue;
            }
            const std::size_t w = std::size_t(op.weight);
            const auto &l = layers[w];
            const Index p = positionsOf(op);
            const bool pooled = ws.winogradPool[i]; // no output, no d: see winogradBackward
            if (!pooled) {                          // delta = dL/da * act'(z)
                k.activationBackward(l.activation, ws.out[i], d, size * cols);
                lap(i, StepProfile::ActBackward);
            }
            if (op.kind == LayerKind::Conv2D) {
                // The part's dL/dW and dL/db (summed over the parts in part order by
                // gradient()) and dL/da_prev = m * col2im(W^T dZ), chunk by chunk.
                const float *input = ws.mask[w] ? ws.dropped[w]
                                     : src < 0  ? batch.x.data() + c0 * inDim
                                                : batch.act[std::size_t(src)].data()
                                                     + c0 * Index(ops[std::size_t(src)].out.size());
                VectorF &grad = ws.convGrad[w];
                float *g = grad.data();
                std::fill(grad.begin(), grad.end(), 0.0f);
                if (isDirectConv(ops, i)) {
                    k.convGradient(convShape(op.window), d, input, cols, g,
                                   g + l.units() * l.inputs(), ws.directScratch.data());
                    lap(i, StepProfile::GemmDw);
                    continue; // the network's input: no dL/da_prev
                }
                if (!pooled) {
                    k.rowSum(d, l.units(), cols * p, g + l.units() * l.inputs()); // dL/db
                    lap(i, StepProfile::BiasGrad);
                }
                if (isWinogradConv(ops, i)) {
                    winogradBackward(op, ws, input, d, c0, cols, g, prevDelta, lap, i);
                } else {
                    convBackward(op, l, ws, input, d, cols, g, prevDelta, lap, i);
                }
                if (!prevDelta)
                    continue;
            } else if (!prevDelta) {
                continue;
            } else {
                // dL/da_prev = m * (W^T delta) (the previous layer's delta before its act')
                gemm(true, false, l.inputs(), cols, l.units(), l.kernel.data(), d, prevDelta,
                     ws.packA.data(), ws.packB.data());
                lap(i, StepProfile::GemmDx);
            }
            if (ws.mask[w]) {
                k.multiply(prevDelta, ws.mask[w], prevDelta, l.inputSize() * cols);
                lap(i, StepProfile::Dropout);
            }
        }
    };

    // Phase 2, slice s: its gradient over the whole batch in one product. A kernel slice is
    // columns [c0, c1) of dL/dW = delta a_prev^T, i.e. delta times (rows [c0, c1) of
    // a_prev)^T; a bias slice is dL/db = rowsum(delta). For a conv layer a_prev is its
    // patches and delta is c_out x (P count).
    const auto gradient = [&](const Slice &slice, ThreadSpace &ws) {
        const std::size_t w = slice.tensor / 2;
        const auto &l = layers[w];
        const std::size_t i = m_opOfLayer[w];
        const LayerOp &op = ops[i];
        const Index n = count * positionsOf(op);
        float *g = batch.grad.data() + m_gradOffsets[slice.tensor] + slice.offset;
        if (op.kind == LayerKind::Conv2D) {
            // the parts' gradients (phase 1), summed in part order: deterministic
            const Index at = (slice.tensor % 2 == 0 ? 0 : l.units() * l.inputs()) + slice.offset;
            std::copy_n(m_train[0]->convGrad[w].data() + at, slice.size, g);
            for (int v = 1; v < parts; ++v) {
                const float *part = m_train[std::size_t(v)]->convGrad[w].data() + at;
                for (Index e = 0; e < slice.size; ++e)
                    g[e] += part[e];
            }
        } else if (slice.tensor % 2 == 0) {
            const Index c0 = slice.offset / l.units();
            const Index cols = slice.size / l.units();
            // a_prev, m * a_prev with dropout on this layer's input, or the patches
            const int src = m_source[i];
            const float *prev = (l.inputDropout > 0.0 ? batch.dropped[w].data()
                                 : src < 0            ? batch.x.data()
                                                      : batch.act[std::size_t(src)].data())
                                + c0;
            gemm(false, true, l.units(), cols, n, batch.delta[i].data(), l.units(), prev,
                 l.inputs(), g, l.units(), ws.packA.data(), ws.packB.data());
        } else {
            k.rowSum(batch.delta[i].data(), l.units(), n, g);
        }
    };

    double sum = 0.0;
    bool finite = false;
    std::atomic<std::size_t> nextSlice{0};
    parallelRegion(parts, [&](int t, int nt) {
        double *profile = m_profile ? m_profileParts[std::size_t(t)].data() : nullptr;
        const double wall0 = profile ? Laps::wallSeconds() : 0.0;
        const double cpu0 = profile ? Laps::threadCpuSeconds() : 0.0;
        Laps lap(profile);
        // Thread t runs parts and slices t, t + nt, ...: normally one part each, but the
        // partition (and so the result) stays the same should OpenMP grant fewer threads.
        for (int v = t; v < parts; v += nt)
            forwardBackward(v, profile);
        lap.restart();
        REGLAB_OMP(omp barrier)
        if (t == 0) {
            for (int u = 0; u < parts; ++u) // in part order: deterministic
                sum += m_lossParts[std::size_t(u)];
            finite = std::isfinite(sum);
            if (finite)
                optimizer.beginStep();
        }
        REGLAB_OMP(omp barrier)
        lap(0, StepProfile::Wait);
        if (!finite)
            return; // the caller reports the divergence; weights are left as they were
        // Each slice's gradient, then w <- optimizer(w, dData/dw + dPenalty/dw) on it while
        // the gradient is still in this core's cache. Threads take the next free slice, so a
        // core slowed by another process simply does fewer; a slice's arithmetic does not
        // depend on which thread runs it.
        ThreadSpace &ws = *m_train[std::size_t(t)];
        for (std::size_t s = nextSlice.fetch_add(1, std::memory_order_relaxed); s < m_slices.size();
             s = nextSlice.fetch_add(1, std::memory_order_relaxed)) {
            const Slice &slice = m_slices[s];
            gradient(slice, ws);
            const std::size_t op = m_opOfLayer[slice.tensor / 2];
            lap(op, slice.tensor % 2 == 0 ? StepProfile::GemmDw : StepProfile::BiasGrad);
            auto &l = layers[slice.tensor / 2];
            float *w = (slice.tensor % 2 == 0 ? l.kernel.data() : l.bias.data()) + slice.offset;
            optimizer.update(s, w, batch.grad.data() + m_gradOffsets[slice.tensor] + slice.offset,
                             slice.size, m_penalties[slice.tensor]);
            lap(op, StepProfile::Optimizer);
        }
        if (profile) {
            const std::size_t size = m_profile->seconds.size();
            profile[size] = Laps::wallSeconds() - wall0;
            profile[size + 1] = Laps::threadCpuSeconds() - cpu0;
        }
    });
    if (m_profile) { // CPU seconds of every thread, per op and kind of work
        const std::size_t size = m_profile->seconds.size();
        for (const auto &part : m_profileParts) {
            // the laps (wall clock) scaled to the thread's CPU time in this step
            const double scale = part[size] > 0.0 ? part[size + 1] / part[size] : 1.0;
            for (std::size_t e = 0; e < size; ++e)
                m_profile->seconds[e] += part[e] * scale;
        }
        for (auto &part : m_profileParts)
            std::fill(part.begin(), part.end(), 0.0);
        ++m_profile->steps;
    }
    return sum / double(count);
}

Evaluation FastPath::evaluate(const Network<float> &net, LossKind loss, const MatrixF &x,
                              const MatrixF &y, std::vector<VectorF> *peaks) {
    Evaluation ev;
    const Index n = x.cols();
    const auto &layers = net.layers();
    const auto &ops = net.ops();
    const std::size_t peakLayers = peaks ? peakLayerCount(net) : 0;
    constexpr float kNoPeak = -std::numeric_limits<float>::infinity();
    if (peaks) { // -inf: no sample yet (sized once: no allocation on later calls)
        peaks->resize(layers.size());
        for (std::size_t l = 0; l < layers.size(); ++l) {
            (*peaks)[l].resize(l < peakLayers ? layers[l].units() : 0);
            (*peaks)[l].setConstant(kNoPeak);
        }
    }
    if (n == 0) {
        ev.dataLoss = std::nan("");
        ev.accuracy = std::nan("");
        return ev;
    }
    const Index inDim = x.rows();
    const Index yRows = y.rows();
    const Index outRows = net.outputDim();
    const int parts = m_evalThreads;
    parallelRegion(parts, [&](int t, int nt) {
        for (int v = t; v < parts; v += nt) { // part v: columns [n v / parts, n (v+1) / parts)
            ThreadSpace &ws = *m_eval[std::size_t(v)];
            const Index c1 = n * (v + 1) / parts;
            BatchScore score;
            for (std::size_t l = 0; l < peakLayers; ++l)
                ws.peaks[l].setConstant(kNoPeak);
            for (Index start = n * v / parts; start < c1; start += m_evalChunk) {
                const Index cols = std::min(m_evalChunk, c1 - start);
                forward(net, ws, x.data() + start * inDim, cols);
                for (std::size_t i = 0; i < ops.size() && peakLayers > 0; ++i) {
                    const std::size_t w = std::size_t(ops[i].weight);
                    if (ops[i].weight >= 0 && w < peakLayers)
                        accumulatePeaks(ws.out[i], Index(ops[i].out.size()), cols,
                                        layers[w].units(), ws.peaks[w].data());
                }
                score.lossSum +=
                    lossSumInto<float>(loss, ws.out.back(), outRows, y.data() + start * yRows,
                                       yRows, cols, nullptr, 1.0f, &score.correct);
            }
            m_scoreParts[std::size_t(v)] = score;
        }
    });
    for (std::size_t l = 0; l < peakLayers; ++l) { // max over the parts (exact, any order)
        float *peak = (*peaks)[l].data();
        for (int v = 0; v < parts; ++v) {
            const VectorF &part = m_eval[std::size_t(v)]->peaks[l];
            for (Index u = 0; u < part.size(); ++u)
                peak[u] = std::max(peak[u], part(u));
        }
    }
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
