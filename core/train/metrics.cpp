// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/metrics.h"

#include "core/nn/regularizer.h"
#include "core/train/unit_status.h"
#include "core/train/weight_series.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace reglab {

Histogram makeHistogram(const float *values, Index n, int bins) {
    Histogram h;
    h.counts.assign(std::size_t(std::max(bins, 1)), 0);
    if (n == 0)
        return h;
    const Eigen::Map<const Eigen::ArrayXf> v(values, n);
    // Range over the finite values only: a diverging run can leave Inf or NaN weights,
    // which are counted in no bin.
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (Index i = 0; i < n; ++i) {
        if (std::isfinite(v[i])) {
            lo = std::min(lo, double(v[i]));
            hi = std::max(hi, double(v[i]));
        }
    }
    if (lo > hi) { // nothing finite
        h.min = h.max = std::nan("");
        return h;
    }
    if (!(hi > lo)) { // a constant tensor (e.g. zeros): one bin-wide window around it
        lo -= 0.5;
        hi += 0.5;
    }
    h.min = lo;
    h.max = hi;
    const double scale = double(h.counts.size()) / (hi - lo);
    const auto last = std::int64_t(h.counts.size()) - 1;
    for (Index i = 0; i < n; ++i) {
        if (!std::isfinite(v[i]))
            continue;
        // bin = floor((x - min) / width), the maximum falls into the last bin
        const auto b = std::clamp(std::int64_t((double(v[i]) - lo) * scale), std::int64_t(0), last);
        ++h.counts[std::size_t(b)];
    }
    return h;
}

Percentiles weightPercentiles(const float *values, Index n) {
    Percentiles out;
    std::vector<float> v;
    v.reserve(std::size_t(n));
    for (Index i = 0; i < n; ++i) {
        if (std::isfinite(values[i]))
            v.push_back(values[i]);
    }
    if (v.empty()) {
        out.fill(std::nan(""));
        return out;
    }
    // Ascending ranks: each nth_element works on what lies above the previous rank.
    auto from = v.begin();
    const double last = double(v.size() - 1);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const double h = kDistributionPercents[i] / 100.0 * last;
        const auto f = std::size_t(std::floor(h));
        const auto at = v.begin() + std::ptrdiff_t(f);
        std::nth_element(from, at, v.end());
        from = at;
        double value = *at;
        if (h > double(f)) { // the next rank is the smallest value above this one
            const double next = *std::min_element(at + 1, v.end());
            value += (h - double(f)) * (next - value);
        }
        out[i] = value;
    }
    return out;
}

TensorSummary summarizeTensor(const float *values, Index n, int bins) {
    TensorSummary s;
    s.size = n;
    if (n > 0) {
        const Eigen::Map<const Eigen::ArrayXf> w(values, n);
        s.l1Norm = w.abs().cast<double>().sum();               // sum |w|
        s.l2Norm = std::sqrt(w.cast<double>().square().sum()); // sqrt(sum w^2)
        for (std::size_t i = 0; i < kNearZeroThresholds.size(); ++i)
            s.nearZero[i] = double((w.abs() < float(kNearZeroThresholds[i])).count()) / double(n);
    }
    s.histogram = makeHistogram(values, n, bins);
    s.robust = robustHistogram(values, n, bins);
    s.percentiles = weightPercentiles(values, n);
    return s;
}

void stripForHistory(EpochMetrics &entry) {
    for (LayerMetrics &l : entry.layers) {
        if (entry.epoch != 0) {
            l.histogram.counts.clear();
            l.histogram.counts.shrink_to_fit();
            l.details.reset();
        }
        l.unitFlags.clear();
        l.unitFlags.shrink_to_fit();
    }
}

void appendToHistory(std::vector<EpochMetrics> &history, EpochMetrics metrics) {
    if (!history.empty())
        stripForHistory(history.back());
    history.push_back(std::move(metrics));
}

std::size_t historyBytes(const std::vector<EpochMetrics> &epochs) {
    std::size_t n = epochs.capacity() * sizeof(EpochMetrics);
    const auto counts = [](const Histogram &h) {
        return h.counts.capacity() * sizeof(std::uint64_t);
    };
    for (const EpochMetrics &e : epochs) {
        n += e.layers.capacity() * sizeof(LayerMetrics);
        for (const LayerMetrics &l : e.layers) {
            // A short name lives inside the string (its capacity is then the small buffer's).
            if (l.name.capacity() > 15)
                n += l.name.capacity() + 1;
            n += counts(l.histogram) + l.unitFlags.capacity();
            if (l.details) {
                n += sizeof(WeightDetails) + counts(l.details->robustHistogram)
                     + counts(l.details->bias.histogram) + counts(l.details->bias.robust);
            }
        }
    }
    return n;
}

std::vector<LayerMetrics> layerMetrics(const Network<float> &net, const ModelSpec &model,
                                       L2Convention convention, int histogramBins) {
    std::vector<LayerMetrics> out;
    const auto &layers = net.layers();
    const std::vector<std::size_t> dense = model.weightIndices();
    for (std::size_t i = 0; i < layers.size(); ++i) {
        const auto &l = layers[i];
        LayerMetrics m;
        m.name = l.name;
        const std::optional<RegularizerSpec> none;
        const auto &kreg = i < dense.size() ? model.layers[dense[i]].kernelRegularizer : none;
        const auto &breg = i < dense.size() ? model.layers[dense[i]].biasRegularizer : none;
        const PenaltyTerms k = penaltyTerms(l.kernel, kreg, convention);
        m.kernelL1Loss = k.l1;
        m.kernelL2Loss = k.l2;
        if (l.useBias) {
            const PenaltyTerms b = penaltyTerms(l.bias, breg, convention);
            m.biasL1Loss = b.l1;
            m.biasL2Loss = b.l2;
        }
        const auto w = l.kernel.array();
        const double count = double(w.size());
        if (count > 0) {
            m.sparsity = double((w.abs() < float(kSparsityThreshold)).count()) / count;
            m.kernelL2Norm = std::sqrt(w.cast<double>().square().sum());
        }
        // The kernel's summary; sparsity and ||W||_2 above stay as they always were computed.
        TensorSummary summary = summarizeTensor(l.kernel.data(), l.kernel.size(), histogramBins);
        m.histogram = std::move(summary.histogram);
        m.percentiles = summary.percentiles;
        auto details = std::make_shared<WeightDetails>();
        details->robustHistogram = std::move(summary.robust);
        details->kernelL1Norm = summary.l1Norm;
        details->kernelNearZero = summary.nearZero;
        if (l.useBias)
            details->bias = summarizeTensor(l.bias.data(), l.bias.size(), histogramBins);
        m.details = std::move(details);
        m.unitFlags = prunedUnitFlags(l.kernel, kSparsityThreshold);
        m.prunedUnits = countUnits(m.unitFlags, kUnitPruned);
        out.push_back(std::move(m));
    }
    return out;
}

void markDeadUnits(std::vector<LayerMetrics> &layers, const Network<float> &net,
                   const MatrixF &trainX) {
    markDeadUnits(layers, net, peakActivations(net, trainX));
}

void markDeadUnits(std::vector<LayerMetrics> &layers, const Network<float> &net,
                   const std::vector<VectorF> &peaks) {
    const auto dead = deadUnitFlags(net, peaks);
    for (std::size_t l = 0; l < layers.size() && l < dead.size(); ++l) {
        if (dead[l].empty() || net.layers()[l].activation != Activation::Relu)
            continue;
        LayerMetrics &m = layers[l];
        m.unitFlags.resize(dead[l].size(), 0);
        for (std::size_t u = 0; u < dead[l].size(); ++u)
            m.unitFlags[u] |= dead[l][u];
        m.deadUnits = countUnits(m.unitFlags, kUnitDead);
    }
}

} // namespace reglab
