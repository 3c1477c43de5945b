// SPDX-License-Identifier: GPL-3.0-or-later
// reglab_bench: how close RegLab's training core runs to this machine's limit.
//
// Prints one JSON object per line: the measured FMA peak, training throughput (Adam and
// SGD, batch 50 and 100, 1 and 2 threads) on the fast path and on the reference path,
// forward evaluation of 10,000 samples, every GEMM shape of a step, the end-of-epoch
// metrics' share of an epoch, and heap allocations per step. Every figure is the median of
// --repeats runs (the machines are shared and noisy); GFLOP/s are also given as a fraction
// of the measured peak of the threads used. --compare-torch runs compare_torch.py with the
// same network, data shape, batches and optimizers and prints the ratios.
//
// The network: 784-200-200-10 tanh, softmax cross-entropy, L2 (1e-4, keras) on the kernels,
// on the embedded mnist-10k set (8,000 training samples).

#include "bench/bench_util.h"

#include "core/data/dataset.h"
#include "core/nn/kernels.h"
#include "core/nn/loss.h"
#include "core/nn/winograd.h"
#include "core/parallel.h"
#include "core/train/fast_path.h"
#include "core/train/trainer.h"

#include <nlohmann/json.hpp>

#include <immintrin.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <new>
#include <numeric>
#include <random>
#include <string>
#include <vector>

// Heap allocations are counted by the shared counting allocator (operator new and the malloc
// family; Eigen and OpenBLAS allocate with malloc).
#include "../tests/support/allocation_counter.h"

namespace {

using namespace reglab;
using namespace reglab::bench;
using nlohmann::json;

struct Options {
    int repeats = 7;
    double minSeconds = 0.15; ///< per repeat
    bool compareTorch = false;
    std::string python = "python3";
    bool quick = false;
    /// Only the one-thread training steps (and the peak): comparing builds, e.g. the
    /// package's portable build against a -march=native one.
    bool trainOnly = false;
    /// Only the question's CNN (and the peak).
    bool cnn = false;
    /// With --cnn: time every op of the step as well (cnn_profile lines).
    bool profile = false;
};

/// When set, run after every timed repeat: a short FMA-peak probe on the case's threads,
/// returning GFLOP/s; timeRuns() collects the results in g_probeGflops. Dividing a
/// repeat's GFLOP/s by the probe right after it gives a fraction of peak that survives the
/// load drifting between cases (other processes on the shared machine).
std::function<double()> g_probe;
std::vector<double> g_probeGflops;

/// Runs `body(iterations)` until it takes minSeconds, then `repeats` timed runs; returns
/// the per-iteration seconds of each run (wall clock). When `cpu` is not null it receives
/// the calling thread's CPU seconds per iteration of each run.
std::vector<double> timeRuns(const Options &o, const std::function<void(long long)> &body,
                             std::vector<double> *cpu = nullptr) {
    long long iters = 1;
    for (;;) {
        const auto t0 = Clock::now();
        body(iters);
        const double s = seconds(t0, Clock::now());
        if (s >= o.minSeconds * 0.5 || iters > (1LL << 40))
            break;
        iters *= 2;
    }
    std::vector<double> per;
    g_probeGflops.clear();
    for (int r = 0; r < o.repeats; ++r) {
        const double c0 = threadCpuSeconds();
        const auto t0 = Clock::now();
        body(iters);
        per.push_back(seconds(t0, Clock::now()) / double(iters));
        if (cpu)
            cpu->push_back((threadCpuSeconds() - c0) / double(iters));
        if (g_probe)
            g_probeGflops.push_back(g_probe());
    }
    return per;
}

// --- FMA peak ----------------------------------------------------------------------------

/// 12 independent FMA chains on the widest vectors available, `iters` times each.
float fmaChains(long long iters) {
#if defined(__AVX512F__)
    using V = __m512;
    const V a = _mm512_set1_ps(0.9999999f);
    const V b = _mm512_set1_ps(1e-7f);
    V c[12];
    for (int k = 0; k < 12; ++k)
        c[k] = _mm512_set1_ps(float(k));
    for (long long i = 0; i < iters; ++i) {
        for (int k = 0; k < 12; ++k)
            c[k] = _mm512_fmadd_ps(c[k], a, b);
    }
    V s = c[0];
    for (int k = 1; k < 12; ++k)
        s = _mm512_add_ps(s, c[k]);
    float out[16];
    _mm512_storeu_ps(out, s);
    return out[0] + out[15];
#elif defined(__FMA__)
    using V = __m256;
    const V a = _mm256_set1_ps(0.9999999f);
    const V b = _mm256_set1_ps(1e-7f);
    V c[12];
    for (int k = 0; k < 12; ++k)
        c[k] = _mm256_set1_ps(float(k));
    for (long long i = 0; i < iters; ++i) {
        for (int k = 0; k < 12; ++k)
            c[k] = _mm256_fmadd_ps(c[k], a, b);
    }
    V s = c[0];
    for (int k = 1; k < 12; ++k)
        s = _mm256_add_ps(s, c[k]);
    float out[8];
    _mm256_storeu_ps(out, s);
    return out[0] + out[7];
#else
    float c = 0;
    for (long long i = 0; i < iters; ++i)
        c = c * 0.9999999f + 1e-7f;
    return c;
#endif
}

constexpr int kVectorLanes =
#if defined(__AVX512F__)
    16;
#elif defined(__FMA__)
    8;
#else
    1;
#endif

/// Peak single-precision GFLOP/s of `threads` threads (12 chains x lanes x 2 flop).
double measurePeak(const Options &o, int threads) {
    volatile float sink = 0;
    const auto runs = timeRuns(o, [&](long long iters) {
        parallelRegion(threads, [&](int, int) {
            const float r = fmaChains(iters * 1000);
            if (r == 12345.0f)
                sink = r;
        });
    });
    const double flopsPerIter = 1000.0 * 12 * kVectorLanes * 2 * threads;
    return flopsPerIter / *std::min_element(runs.begin(), runs.end()) / 1e9;
}

/// One thread's peak per CPU second (immune to time-slicing by other processes).
double measurePeakCpu(const Options &o) {
    volatile float sink = 0;
    std::vector<double> cpu;
    timeRuns(
        o,
        [&](long long iters) {
            const float r = fmaChains(iters * 1000);
            if (r == 12345.0f)
                sink = r;
        },
        &cpu);
    return 1000.0 * 12 * kVectorLanes * 2 / *std::min_element(cpu.begin(), cpu.end()) / 1e9;
}

/// About 20 ms of FMA chains on `threads` threads; returns GFLOP/s.
double probePeak(int threads, double nominalGflops) {
    const long long iters =
        std::max<long long>(1, (long long)(0.02 * nominalGflops * 1e9 / (24.0 * kVectorLanes)));
    volatile float sink = 0;
    const auto t0 = Clock::now();
    parallelRegion(threads, [&](int, int) {
        const float r = fmaChains(iters / threads);
        if (r == 12345.0f)
            sink = r;
    });
    return double(iters / threads) * threads * 24.0 * kVectorLanes / seconds(t0, Clock::now())
           / 1e9;
}

// --- the network -------------------------------------------------------------------------

/// GEMM flops of one training sample (forward, weight gradients, input deltas but not the
/// first layer's) and of one forward pass.
/// A conv layer counts its kernel once per output position.
double trainFlops(const Network<float> &net) {
    double f = 0.0;
    for (const LayerOp &op : net.ops()) {
        if (op.weight < 0)
            continue;
        const double positions = op.kind == LayerKind::Conv2D ? double(op.window.positions()) : 1.0;
        const double p = double(net.layers()[std::size_t(op.weight)].kernel.size()) * positions;
        f += 2 * p + 2 * p + (op.weight > 0 ? 2 * p : 0.0);
    }
    return f;
}
/// The multiply-adds the fast path executes for one training sample, as trainFlops() counts
/// them, except that a conv layer on Winograd's transforms (FastPath::convMethod) counts its
/// 16 products per tile, 2 16 tiles c_in c_out flops each (instead of 2 9 P c_in c_out); the
/// transforms' additions are not counted.
double executedTrainFlops(const Network<float> &net) {
    double f = 0.0;
    const auto &ops = net.ops();
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const LayerOp &op = ops[i];
        if (op.weight < 0)
            continue;
        double p = double(net.layers()[std::size_t(op.weight)].kernel.size());
        if (std::string(FastPath::convMethod(net, i)) == "winograd")
            p = 16.0 * double(winograd::tiles(op.window)) * op.window.in.channels
                * op.window.out.channels;
        else if (op.kind == LayerKind::Conv2D)
            p *= double(op.window.positions());
        f += 2 * p + 2 * p + (op.weight > 0 ? 2 * p : 0.0);
    }
    return f;
}
double forwardFlops(const Network<float> &net) {
    double f = 0.0;
    for (const auto &l : net.layers())
        f += 2.0 * double(l.kernel.size());
    return f;
}

const char *optName(OptimizerKind k) {
    return k == OptimizerKind::Sgd ? "sgd" : "adam";
}

/// Steps on the fast path exactly as Trainer::trainBatch runs them.
struct StepRunner {
    StepRunner(const ExperimentSpec &s, std::shared_ptr<const Dataset> d, int threads)
        : spec(s)
        , data(std::move(d))
        , net(data->inputShape(), spec.model)
        , optimizer(spec.optimizer) {
        net.initialize(spec.model, spec.seed);
        fast.configureTraining(net, threads, spec.training.batchSize, data->trainY.rows());
        optimizer.reset(fast.sliceSizes());
        const std::vector<std::size_t> weights = spec.model.weightIndices();
        for (std::size_t i = 0; i < weights.size(); ++i)
            fast.penalties()[2 * i] = penaltyGradient<float>(
                spec.model.layers[weights[i]].kernelRegularizer, spec.l2Convention);
        order.resize(std::size_t(data->trainSize()));
        std::iota(order.begin(), order.end(), Index(0));
        std::shuffle(order.begin(), order.end(), std::mt19937_64(1));
    }
    void steps(long long count) {
        const Index batch = spec.training.batchSize;
        const Index n = data->trainSize();
        for (long long s = 0; s < count; ++s) {
            if (cursor + batch > n)
                cursor = 0;
            lastLoss = fast.trainStep(net, optimizer, spec.loss, data->trainX, data->trainY,
                                      order.data() + cursor, batch);
            cursor += batch;
        }
    }
    ExperimentSpec spec;
    std::shared_ptr<const Dataset> data;
    Network<float> net;
    NetworkWorkspace<float> ws;
    Optimizer<float> optimizer;
    FastPath fast;
    std::vector<Index> order;
    Index cursor = 0;
    double lastLoss = 0.0;
};

/// The reference path: Network::forward/backward, computeLoss and one Optimizer::update per
/// tensor, as the trainer ran before the fast path.
struct ReferenceRunner {
    ReferenceRunner(const ExperimentSpec &s, std::shared_ptr<const Dataset> d)
        : spec(s)
        , data(std::move(d))
        , net(data->inputDim(), spec.model)
        , optimizer(spec.optimizer) {
        net.initialize(spec.model, spec.seed);
        std::vector<Index> sizes;
        for (const auto &l : net.layers()) {
            sizes.push_back(l.kernel.size());
            sizes.push_back(l.bias.size());
        }
        optimizer.reset(sizes);
    }
    void steps(long long count) {
        const Index batch = spec.training.batchSize;
        for (long long s = 0; s < count; ++s) {
            if (cursor + batch > data->trainSize())
                cursor = 0;
            x = data->trainX.middleCols(cursor, batch);
            y = data->trainY.middleCols(cursor, batch);
            computeLoss<float>(spec.loss, net.forward(x, ws), y, &dOut);
            net.backward(x, dOut, ws);
            optimizer.beginStep();
            for (std::size_t i = 0; i < net.layers().size(); ++i) {
                auto &l = net.layers()[i];
                const auto kp = penaltyGradient<float>(spec.model.layers[i].kernelRegularizer,
                                                       spec.l2Convention);
                optimizer.update(2 * i, l.kernel.data(), ws.kernelGrad[i].data(), l.kernel.size(),
                                 kp);
                optimizer.update(2 * i + 1, l.bias.data(), ws.biasGrad[i].data(), l.bias.size(),
                                 {});
            }
            cursor += batch;
        }
    }
    ExperimentSpec spec;
    std::shared_ptr<const Dataset> data;
    Network<float> net;
    NetworkWorkspace<float> ws;
    Optimizer<float> optimizer;
    MatrixF x, y, dOut;
    Index cursor = 0;
};

struct Bench {
    Options o;
    std::shared_ptr<const Dataset> data;
    std::map<int, double> peak; ///< GFLOP/s by thread count
    double peakCpu = 0.0;       ///< one thread's GFLOP/s per CPU second
    std::map<std::string, double> results;

    json rate(const std::string &name, double perSecond, double flopsPerItem, int threads,
              const std::vector<double> &runs, double items, const std::vector<double> &cpu = {}) {
        const double best = items / *std::min_element(runs.begin(), runs.end());
        const double gflops = perSecond * flopsPerItem / 1e9;
        json j;
        j["case"] = name;
        j["threads"] = threads;
        j["samples_per_s"] = std::round(perSecond);
        j["best_samples_per_s"] = std::round(best);
        j["gflops"] = round4(gflops);
        j["fraction_of_peak"] = round4(gflops / peak[threads]);
        if (g_probeGflops.size() == runs.size()) {
            std::vector<double> paired;
            for (std::size_t r = 0; r < runs.size(); ++r)
                paired.push_back(items / runs[r] * flopsPerItem / 1e9 / g_probeGflops[r]);
            j["paired_fraction_of_peak"] = round4(median(paired));
            j["probe_gflops"] = round4(median(g_probeGflops));
        }
        if (threads == 1 && !cpu.empty()) {
            // Per CPU second of the one thread: what an otherwise idle core would do.
            const double cpuRate = items / median(cpu);
            j["cpu_samples_per_s"] = std::round(cpuRate);
            j["cpu_fraction_of_peak"] = round4(cpuRate * flopsPerItem / 1e9 / peakCpu);
        }
        return j;
    }

    void run() {
        const std::vector<int> threadCounts = {1, 2};
        for (int t : threadCounts) {
            peak[t] = measurePeak(o, t);
            json j;
            j["case"] = "fma_peak";
            j["threads"] = t;
            j["vector_bits"] = kVectorLanes * 32;
            j["gflops"] = round4(peak[t]);
            if (t == 1) {
                peakCpu = measurePeakCpu(o);
                j["gflops_per_cpu_second"] = round4(peakCpu);
            }
            emitJson(j);
        }
        {
            json j;
            j["case"] = "environment";
            const char *omp = std::getenv("OMP_WAIT_POLICY");
            const char *core = std::getenv("OPENBLAS_CORETYPE");
            j["OMP_WAIT_POLICY"] = omp ? omp : "(unset)";
            j["OPENBLAS_CORETYPE"] = core ? core : "(unset)";
            j["default_threads"] = defaultThreadCount();
            j["gemm_kernel"] = FastPath::gemmKernel();
            // The fast path's loops: "native", or the variant a portable build chose
            // (core/nn/kernels.h; REGLAB_KERNELS picks another).
            j["kernels"] = std::string(kernels::table().isa);
            j["train_samples"] = data->trainSize();
            emitJson(j);
        }
        const std::vector<int> batches = {50, 100};
        if (o.cnn) {
            for (int t : threadCounts)
                cnnCase(t);
            if (o.compareTorch)
                compareTorchCnn();
            if (o.profile) {
                for (int t : threadCounts)
                    cnnProfile(t);
            }
            return;
        }
        if (o.trainOnly) {
            for (OptimizerKind opt : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
                for (int batch : batches)
                    trainCase(opt, batch, 1);
            }
            return;
        }
        for (OptimizerKind opt : {OptimizerKind::Adam, OptimizerKind::Sgd}) {
            for (int batch : batches) {
                for (int t : threadCounts)
                    trainCase(opt, batch, t);
                referenceCase(opt, batch);
            }
        }
        for (int t : threadCounts)
            forwardCase(t);
        for (int batch : batches)
            gemmCases(batch);
        for (int t : threadCounts)
            epochCase(t, t);
        if (threadCounts.size() > 1) {
            epochCase(1, threadCounts.back()); // one training thread fewer than cores
            overlappedEpochCase();             // the GUI's: evaluation beside training
        }
        for (int t : threadCounts)
            allocationCase(t);
        if (o.compareTorch)
            compareTorch();
    }

    /// Probes the peak of `threads` threads after every repeat of what follows.
    void probeWith(int threads) {
        const double nominal = peak[threads];
        g_probe = [threads, nominal] { return probePeak(threads, nominal); };
    }

    /// The question's CNN (bench/cnn-mnist-l2.json): 28x28x1 -> conv 32 3x3 same relu
    /// (L2 1e-5, tf1) -> max-pool 2 -> conv 64 3x3 same relu -> max-pool 2 -> flatten ->
    /// dense 128 relu -> dense 10, Adam, batch 64.
    void cnnCase(int threads) {
        const ExperimentSpec s = cnnSpec();
        probeWith(threads);
        StepRunner r(s, data, threads);
        r.steps(3); // warm-up
        std::vector<double> cpu;
        const auto runs = timeRuns(
            o, [&](long long n) { r.steps(n); }, &cpu);
        const double perSecond = 64 / median(runs);
        // GFLOP/s and fractions of the peak count the multiply-adds executed; model_* counts
        // the network's own (a direct convolution's), which Winograd's layers do in fewer
        json j = rate("cnn_train", perSecond, executedTrainFlops(r.net), threads, runs, 64, cpu);
        j["model_gflops"] = round4(perSecond * trainFlops(r.net) / 1e9);
        j["model_fraction_of_peak"] = round4(perSecond * trainFlops(r.net) / 1e9 / peak[threads]);
        std::string methods;
        for (std::size_t i = 0; i < r.net.ops().size(); ++i) {
            const std::string m = FastPath::convMethod(r.net, i);
            if (!m.empty())
                methods += (methods.empty() ? "" : " ") + r.net.ops()[i].name + ":" + m;
        }
        j["conv_methods"] = methods;
        j["optimizer"] = "adam";
        j["batch"] = 64;
        j["step_us"] = round4(median(runs) * 1e6);
        j["loss_finite"] = std::isfinite(r.lastLoss);
        emitJson(j);
        results["cnn_" + std::to_string(threads)] = perSecond;
        if (!cpu.empty())
            results["cnn_cpu_" + std::to_string(threads)] = 64 / median(cpu);
        if (threads > 1 && results.count("cnn_1")) {
            json k;
            k["case"] = "cnn_scaling";
            k["threads"] = threads;
            k["over_1_thread"] = round4(perSecond / results["cnn_1"]);
            k["target"] = 1.7;
            emitJson(k);
        }
    }

    /// Per-op CPU time of the CNN's step (FastPath::setProfile), microseconds per step:
    /// one cnn_profile line per op and one cnn_profile_total with the sums per kind of work.
    void cnnProfile(int threads) {
        StepRunner r(cnnSpec(), data, threads);
        r.steps(3);
        StepProfile profile;
        r.fast.setProfile(&profile);
        const auto t0 = Clock::now();
        long long steps = 0;
        while (seconds(t0, Clock::now()) < std::max(1.0, o.minSeconds * o.repeats)) {
            r.steps(10);
            steps += 10;
        }
        const double wallUs = seconds(t0, Clock::now()) / double(steps) * 1e6;
        r.fast.setProfile(nullptr);
        const auto &ops = r.net.ops();
        std::vector<double> byWork(StepProfile::kWorkKinds, 0.0);
        double total = 0.0;
        for (std::size_t i = 0; i < ops.size(); ++i) {
            json j;
            j["case"] = "cnn_profile";
            j["threads"] = threads;
            j["op"] = ops[i].name;
            double opTotal = 0.0;
            for (int w = 0; w < StepProfile::kWorkKinds; ++w) {
                const double us = profile.at(i, StepProfile::Work(w)) / double(steps) * 1e6;
                if (us <= 0.0)
                    continue;
                j[StepProfile::name(StepProfile::Work(w))] = round4(us);
                byWork[std::size_t(w)] += us;
                opTotal += us;
            }
            j["total_us"] = round4(opTotal);
            total += opTotal;
            emitJson(j);
        }
        json t;
        t["case"] = "cnn_profile_total";
        t["threads"] = threads;
        t["steps"] = steps;
        t["wall_us_per_step"] = round4(wallUs);
        t["timed_cpu_us_per_step"] = round4(total);
        for (int w = 0; w < StepProfile::kWorkKinds; ++w) {
            if (byWork[std::size_t(w)] > 0.0)
                t[StepProfile::name(StepProfile::Work(w))] = round4(byWork[std::size_t(w)]);
        }
        emitJson(t);
    }

    /// PyTorch's step on the same network (cnn_vs_torch.py --speed-only), right after
    /// RegLab's: torch_cnn_train with reglab_over_torch (wall and per CPU second).
    void compareTorchCnn() {
        runTorch(o.python + " " + REGLAB_CNN_TORCH_SCRIPT + " " + REGLAB_CNN_EXPERIMENT
                     + " --speed-only --seconds " + std::to_string(std::max(3.0, 2.0 * o.repeats)),
                 [&](json &t) {
                     if (t.value("case", "") != "torch_cnn_train")
                         return;
                     const double wall = t.value("samples_per_s", 0.0);
                     const double cpu = t.value("cpu_samples_per_s", 0.0);
                     if (wall > 0 && results.count("cnn_1")) {
                         t["reglab_1_thread_over_torch"] = round4(results["cnn_1"] / wall);
                         t["target"] = 2.5;
                     }
                     if (cpu > 0 && results.count("cnn_cpu_1"))
                         t["reglab_1_thread_over_torch_per_cpu_second"] =
                             round4(results["cnn_cpu_1"] / cpu);
                 });
    }

    /// The question's CNN (bench/cnn-mnist-l2.json), built here so the benchmark needs no file.
    static ExperimentSpec cnnSpec() {
        ExperimentSpec s;
        s.seed = 1;
        s.l2Convention = L2Convention::Tf1;
        s.training.batchSize = 64;
        const auto layer = [](const char *name, const char *type) {
            LayerSpec l;
            l.name = name;
            l.type = type;
            return l;
        };
        LayerSpec c1 = layer("conv1", "conv2d");
        c1.filters = 32;
        c1.padding = Padding::Same;
        c1.activation = Activation::Relu;
        c1.kernelRegularizer = RegularizerSpec{0, 1e-5};
        LayerSpec c2 = c1;
        c2.name = "conv2";
        c2.filters = 64;
        c2.kernelRegularizer.reset();
        LayerSpec d1 = layer("dense1", "dense");
        d1.units = 128;
        d1.activation = Activation::Relu;
        LayerSpec out = layer("logits", "dense");
        out.units = 10;
        s.model.layers = {c1,
                          layer("pool1", "max_pool2d"),
                          c2,
                          layer("pool2", "max_pool2d"),
                          layer("flatten", "flatten"),
                          d1,
                          out};
        return s;
    }

    void trainCase(OptimizerKind opt, int batch, int threads) {
        probeWith(threads);
        StepRunner r(seedSpec(opt, batch), data, threads);
        r.steps(3); // warm-up: OpenMP threads, caches
        std::vector<double> cpu;
        const auto runs = timeRuns(
            o, [&](long long n) { r.steps(n); }, &cpu);
        const double perSecond = batch / median(runs);
        json j = rate("train", perSecond, trainFlops(r.net), threads, runs, batch, cpu);
        j["optimizer"] = optName(opt);
        j["batch"] = batch;
        j["step_us"] = round4(median(runs) * 1e6);
        j["loss_finite"] = std::isfinite(r.lastLoss);
        emitJson(j);
        results["train_" + std::string(optName(opt)) + "_" + std::to_string(batch) + "_"
                + std::to_string(threads)] = perSecond;
    }

    void referenceCase(OptimizerKind opt, int batch) {
        probeWith(1);
        ReferenceRunner r(seedSpec(opt, batch), data);
        r.steps(3);
        std::vector<double> cpu;
        const auto runs = timeRuns(
            o, [&](long long n) { r.steps(n); }, &cpu);
        const double perSecond = batch / median(runs);
        json j = rate("train_reference", perSecond, trainFlops(r.net), 1, runs, batch, cpu);
        j["optimizer"] = optName(opt);
        j["batch"] = batch;
        j["speedup_fast_path_1_thread"] = round4(
            results["train_" + std::string(optName(opt)) + "_" + std::to_string(batch) + "_1"]
            / perSecond);
        emitJson(j);
    }

    void forwardCase(int threads) {
        probeWith(threads);
        // 10,000 samples of MNIST's shape: the 8,000 training samples and the 2,000 test ones.
        MatrixF x(data->inputDim(), data->trainSize() + data->testSize());
        x << data->trainX, data->testX;
        MatrixF y(1, x.cols());
        y << data->trainY, data->testY;
        const ExperimentSpec s = seedSpec(OptimizerKind::Adam, 100);
        Network<float> net(data->inputDim(), s.model);
        net.initialize(s.model, s.seed);
        FastPath fast;
        fast.configureEvaluation(net, threads);
        fast.evaluate(net, s.loss, x, y);
        std::vector<double> cpu;
        const auto runs = timeRuns(
            o,
            [&](long long n) {
                for (long long i = 0; i < n; ++i)
                    fast.evaluate(net, s.loss, x, y);
            },
            &cpu);
        const double perSecond = double(x.cols()) / median(runs);
        json j = rate("forward_eval", perSecond, forwardFlops(net), threads, runs, double(x.cols()),
                      cpu);
        j["samples"] = x.cols();
        j["ms"] = round4(median(runs) * 1e3);
        emitJson(j);
        results["forward_" + std::to_string(threads)] = perSecond;
    }

    void gemmCases(int batch) {
        g_probe = nullptr;
        // Every product of one training step on one thread: C = op(A) op(B), m x n x k.
        struct Shape {
            const char *name;
            bool ta, tb;
            Index m, n, k;
        };
        const Index b = batch;
        const std::vector<Shape> shapes = {
            {"fwd1 z1=W1*x", false, false, 200, b, 784},
            {"fwd2 z2=W2*a1", false, false, 200, b, 200},
            {"fwd3 z3=W3*a2", false, false, 10, b, 200},
            {"dW3=d3*a2^T", false, true, 10, 200, b},
            {"d2=W3^T*d3", true, false, 200, b, 10},
            {"dW2=d2*a1^T", false, true, 200, 200, b},
            {"d1=W2^T*d2", true, false, 200, b, 200},
            {"dW1=d1*x^T", false, true, 200, 784, b},
        };
        std::mt19937 rng(3);
        std::uniform_real_distribution<float> u(-1, 1);
        double total = 0.0;
        double totalFlops = 0.0;
        for (const auto &s : shapes) {
            VectorF a(s.m * s.k), bb(s.k * s.n), c(s.m * s.n), pa(s.m * s.k), pb(s.k * s.n);
            for (Index i = 0; i < a.size(); ++i)
                a[i] = u(rng);
            for (Index i = 0; i < bb.size(); ++i)
                bb[i] = u(rng);
            std::vector<double> cpu;
            timeRuns(
                o,
                [&](long long n) {
                    for (long long i = 0; i < n; ++i)
                        FastPath::gemm(s.ta, s.tb, s.m, s.n, s.k, a.data(), bb.data(), c.data(),
                                       pa.data(), pb.data());
                },
                &cpu);
            const double sec = median(cpu); // one thread: CPU time, immune to time-slicing
            const double flops = 2.0 * double(s.m * s.n * s.k);
            total += sec;
            totalFlops += flops;
            json j;
            j["case"] = "gemm";
            j["batch"] = batch;
            j["product"] = s.name;
            j["m"] = s.m;
            j["n"] = s.n;
            j["k"] = s.k;
            j["us"] = round4(sec * 1e6);
            j["gflops"] = round4(flops / sec / 1e9);
            j["cpu_fraction_of_peak"] = round4(flops / sec / 1e9 / peakCpu);
            emitJson(j);
        }
        json j;
        j["case"] = "gemm_step_total";
        j["batch"] = batch;
        j["us"] = round4(total * 1e6);
        j["gflops"] = round4(totalFlops / total / 1e9);
        j["cpu_fraction_of_peak"] = round4(totalFlops / total / 1e9 / peakCpu);
        j["samples_per_s_if_only_gemm"] = std::round(batch / total);
        emitJson(j);
    }

    void epochCase(int threads, int evaluationThreads) {
        g_probe = nullptr;
        // One epoch through the Trainer's public API, and the end-of-epoch metrics alone.
        ExperimentSpec s = seedSpec(OptimizerKind::Adam, 100);
        s.training.epochs = 1000;
        TrainerOptions options;
        options.threads = threads;
        options.evaluationThreads = evaluationThreads;
        Trainer trainer(s, data, options);
        trainer.runEpochs(1); // warm-up
        std::vector<double> epoch, metrics;
        for (int r = 0; r < o.repeats; ++r) {
            const auto t0 = Clock::now();
            trainer.runEpochs(1);
            const auto t1 = Clock::now();
            const EpochMetrics m = trainer.computeMetrics();
            const auto t2 = Clock::now();
            epoch.push_back(seconds(t0, t1));
            metrics.push_back(seconds(t1, t2));
            if (!std::isfinite(m.trainDataLoss))
                std::cerr << "non-finite loss\n";
        }
        const double e = median(epoch);
        const double m = median(metrics);
        json j;
        j["case"] = "epoch_metrics";
        j["threads"] = threads;
        j["evaluation_threads"] = evaluationThreads;
        j["batch"] = 100;
        j["epoch_ms"] = round4(e * 1e3);
        j["metrics_ms"] = round4(m * 1e3);
        j["metrics_percent_of_epoch"] = round4(100.0 * m / e);
        j["epoch_samples_per_s_with_metrics"] = std::round(double(data->trainSize()) / e);
        j["epoch_samples_per_s_without_metrics"] = std::round(double(data->trainSize()) / (e - m));
        j["train_accuracy"] = round4(trainer.history().back().trainAccuracy);
        emitJson(j);
        // What the metrics cost apart from the two forward passes.
        const auto runs = timeRuns(o, [&](long long n) {
            for (long long i = 0; i < n; ++i)
                layerMetrics(trainer.network(), s.model, s.l2Convention, s.training.histogramBins);
        });
        json h;
        h["case"] = "layer_metrics_histograms";
        h["us"] = round4(median(runs) * 1e6);
        emitJson(h);
    }

    /// Epochs of one training thread whose evaluation runs beside the next epoch
    /// (TrainerOptions::overlapEvaluation), against the same epochs' training steps alone.
    void overlappedEpochCase() {
        g_probe = nullptr;
        ExperimentSpec s = seedSpec(OptimizerKind::Adam, 100);
        s.training.epochs = 100000;
        TrainerOptions options;
        options.threads = 1;
        options.evaluationThreads = 1;
        options.overlapEvaluation = true;
        Trainer trainer(s, data, options);
        StepRunner steps(seedSpec(OptimizerKind::Adam, 100), data, 1);
        const long long stepsPerEpoch = (data->trainSize() + 99) / 100;
        const int epochs = 4;
        trainer.runEpochs(1); // warm-up
        steps.steps(3);
        std::vector<double> with, without;
        for (int r = 0; r < o.repeats; ++r) {
            trainer.flushReports(); // the previous repeat's last evaluation, untimed
            const auto t0 = Clock::now();
            steps.steps(epochs * stepsPerEpoch);
            const auto t1 = Clock::now();
            // As the GUI plays: epoch by epoch, each evaluation beside the next epoch (steady
            // state: every epoch here pays for one evaluation running beside it).
            for (int e = 0; e < epochs; ++e)
                trainer.runEpochs(1, false);
            const auto t2 = Clock::now();
            without.push_back(seconds(t0, t1) / epochs);
            with.push_back(seconds(t1, t2) / epochs);
        }
        trainer.flushReports();
        const double e = median(with);
        const double w = median(without);
        json j;
        j["case"] = "epoch_metrics_overlapped";
        j["threads"] = 1;
        j["evaluation_threads"] = 1;
        j["batch"] = 100;
        j["epoch_ms"] = round4(e * 1e3);
        j["epoch_ms_without_metrics"] = round4(w * 1e3);
        j["metrics_percent_of_epoch"] = round4(100.0 * (e - w) / e);
        j["epoch_samples_per_s_with_metrics"] = std::round(double(data->trainSize()) / e);
        emitJson(j);
    }

    void allocationCase(int threads) {
        for (int batch : {50, 100}) {
            StepRunner r(seedSpec(OptimizerKind::Adam, batch), data, threads);
            r.steps(2);
            const long long steps = 100;
            const AllocationCount count = countAllocations([&] { r.steps(steps); });
            json j;
            j["case"] = "allocations_per_step";
            j["threads"] = threads;
            j["batch"] = batch;
            j["operator_new"] = double(count.operatorNew) / steps;
            j["malloc"] = double(count.malloc) / steps;
            emitJson(j);
        }
        ReferenceRunner ref(seedSpec(OptimizerKind::Adam, 100), data);
        ref.steps(2);
        const AllocationCount count = countAllocations([&] { ref.steps(20); });
        if (threads == 1) {
            json j;
            j["case"] = "allocations_per_step_reference";
            j["batch"] = 100;
            j["operator_new"] = double(count.operatorNew) / 20;
            j["malloc"] = double(count.malloc) / 20;
            emitJson(j);
        }
    }

    void compareTorch() {
        runTorch(o.python + " " + REGLAB_TORCH_SCRIPT + " --repeats " + std::to_string(o.repeats)
                     + (o.quick ? " --quick" : ""),
                 [&](json &t) {
                     if (t.value("case", "") == "torch_train") {
                         const std::string key = "train_" + t.value("optimizer", std::string())
                                                 + "_" + std::to_string(t.value("batch", 0)) + "_"
                                                 + std::to_string(t.value("threads", 0));
                         if (results.count(key) && t.value("samples_per_s", 0.0) > 0)
                             t["reglab_over_torch"] =
                                 round4(results[key] / t["samples_per_s"].get<double>());
                     } else if (t.value("case", "") == "torch_forward_eval") {
                         const std::string key = "forward_" + std::to_string(t.value("threads", 0));
                         if (results.count(key) && t.value("samples_per_s", 0.0) > 0)
                             t["reglab_over_torch"] =
                                 round4(results[key] / t["samples_per_s"].get<double>());
                     }
                 });
    }

    /// Runs a PyTorch script: each JSON line it prints goes through `annotate` and is
    /// printed; other lines are passed through; a failure is a torch_error line.
    void runTorch(const std::string &cmd, const std::function<void(json &)> &annotate) {
        FILE *p = popen(cmd.c_str(), "r");
        if (!p) {
            emitJson(json{{"case", "torch_error"}, {"error", "cannot run " + cmd}});
            return;
        }
        char line[65536];
        while (std::fgets(line, sizeof line, p)) {
            json t;
            try {
                t = json::parse(line);
            } catch (const json::exception &) {
                std::cout << line;
                continue;
            }
            annotate(t);
            emitJson(t);
        }
        const int rc = pclose(p);
        if (rc != 0)
            emitJson(json{{"case", "torch_error"}, {"exit_status", rc}, {"command", cmd}});
    }
};

} // namespace

int main(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--compare-torch") {
            o.compareTorch = true;
        } else if (a == "--python" && i + 1 < argc) {
            o.python = argv[++i];
        } else if (a == "--repeats" && i + 1 < argc) {
            o.repeats = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--train-only") {
            o.trainOnly = true;
        } else if (a == "--cnn") {
            o.cnn = true;
        } else if (a == "--profile") {
            o.profile = true;
        } else if (a == "--quick") {
            o.quick = true;
            o.repeats = 3;
            o.minSeconds = 0.05;
        } else {
            std::cerr
                << "usage: reglab_bench [--repeats N] [--quick] [--train-only] [--cnn [--profile]] "
                   "[--compare-torch [--python PYTHON]]\n";
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }
    Bench b;
    b.o = o;
    DatasetSpec ds;
    ds.source = "mnist-10k";
    b.data = std::make_shared<const Dataset>(loadDataset(ds, 7));
    b.run();
    return 0;
}
