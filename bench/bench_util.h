// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small helpers shared by the benchmark programs: the seed experiment they all measure, wall
// and thread-CPU clocks, the median of repeats, rounding to four significant digits, and
// printing one JSON object per line.

#include "core/experiment_spec.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <iostream>
#include <vector>

namespace reglab::bench {

using Clock = std::chrono::steady_clock;

inline double seconds(Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double>(b - a).count();
}

/// CPU seconds of the calling thread: unlike the wall clock, it does not count the time
/// other processes on the shared machine held the core.
inline double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

/// CPU seconds of every thread of the process so far.
inline double processCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

/// The median of `v` (the mean of the two middle values for an even count); 0 when empty.
inline double median(std::vector<double> v) {
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/// `x` rounded to four significant digits (0, NaN and Inf unchanged).
inline double round4(double x) {
    if (x == 0.0 || !std::isfinite(x))
        return x;
    const double scale = std::pow(10.0, 3 - int(std::floor(std::log10(std::abs(x)))));
    return std::round(x * scale) / scale;
}

/// Prints `j` as one line and flushes (a reader may follow the output as it comes). Not
/// named `emit`: Qt defines that as a macro.
inline void emitJson(const nlohmann::json &j) {
    std::cout << j.dump() << std::endl;
}

/// A dense layer with an optional L2 penalty (keras convention) on its kernel.
inline LayerSpec denseLayer(const char *name, int units, Activation activation, double l2) {
    LayerSpec l;
    l.name = name;
    l.units = units;
    l.activation = activation;
    if (l2 > 0)
        l.kernelRegularizer = RegularizerSpec{0.0, l2};
    return l;
}

/// The seed experiment every benchmark measures: 784-200-200-10 tanh, softmax
/// cross-entropy, L2 1e-4 on every kernel, on the embedded mnist-10k set (8,000 training and
/// 2,000 test samples); Adam (lr 1e-3) or SGD (lr 0.05, momentum 0.9); one epoch.
inline ExperimentSpec seedSpec(OptimizerKind optimizer, int batch) {
    ExperimentSpec s;
    s.name = "bench";
    s.seed = 7;
    s.dataset.source = "mnist-10k";
    s.dataset.testFraction = 0.2;
    s.model.layers = {denseLayer("h1", 200, Activation::Tanh, 1e-4),
                      denseLayer("h2", 200, Activation::Tanh, 1e-4),
                      denseLayer("out", 10, Activation::Linear, 1e-4)};
    s.optimizer.type = optimizer;
    s.optimizer.learningRate = optimizer == OptimizerKind::Sgd ? 0.05 : 1e-3;
    if (optimizer == OptimizerKind::Sgd)
        s.optimizer.momentum = 0.9;
    s.training.batchSize = batch;
    s.training.epochs = 1;
    return s;
}

} // namespace reglab::bench
