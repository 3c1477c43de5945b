// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file metrics.h
/// The per-epoch report: losses split into their terms, accuracy, and per-layer weight
/// statistics. Computed on the full train and test sets with the current weights.

#include "core/experiment_spec.h"
#include "core/nn/network.h"
#include "core/types.h"

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace reglab {

struct Dataset;

/// Fixed-bin histogram over [min, max] of a tensor's values; the last bin is closed.
/// A robust histogram (robustHistogram() in weight_series.h) counts the values below `min`
/// in the first bin and those above `max` in the last: `clippedLow` and `clippedHigh` say
/// how many of those two bins' counts lie outside [min, max].
struct Histogram {
    double min = 0.0;
    double max = 0.0;
    std::vector<std::uint64_t> counts;
    std::uint64_t clippedLow = 0;
    std::uint64_t clippedHigh = 0;

    double binWidth() const { return counts.empty() ? 0.0 : (max - min) / double(counts.size()); }
};
/// Histogram of `values` with `bins` bins over their own [min, max] (a degenerate range
/// is widened by 0.5 on each side so every value lands in a bin).
Histogram makeHistogram(const float *values, Index n, int bins);

/// The percentages at which a weight distribution is drawn over time: the minimum, Φ(k) of
/// the standard normal distribution for k = -1.5, -1, -0.5, 0, 0.5, 1, 1.5 (rounded to basis
/// points), and the maximum. For normally distributed weights the bands are ±0.5σ, ±1σ,
/// ±1.5σ. The same basis points as TensorBoard's distributions dashboard (0, 668, 1587, 3085,
/// 5000, 6915, 8413, 9332, 10000).
inline constexpr std::array<double, 9> kDistributionPercents{0.0,   6.68,  15.87, 30.85, 50.0,
                                                             69.15, 84.13, 93.32, 100.0};
using Percentiles = std::array<double, kDistributionPercents.size()>;
/// Percentiles nobody computed (e.g. of a run read back from metrics.csv): all NaN.
inline constexpr Percentiles kUnknownPercentiles = [] {
    Percentiles p{};
    p.fill(std::numeric_limits<double>::quiet_NaN());
    return p;
}();

/// The kDistributionPercents percentiles of the finite `values`, each by linear interpolation
/// between the two nearest ranks (NumPy's default): the p-th percentile of sorted v[0..n-1] is
/// v[f] + (h - f)·(v[f+1] - v[f]) with h = p/100·(n - 1), f = floor(h). NaN when no value is
/// finite.
Percentiles weightPercentiles(const float *values, Index n);

/// Sparsity threshold: a weight counts as "near zero" when |w| < this.
inline constexpr double kSparsityThreshold = 1e-3;

/// The thresholds t at which the share of |w| < t is recorded every epoch (the views let
/// the user choose one); kSparsityThreshold is among them.
inline constexpr std::array<double, 4> kNearZeroThresholds{1e-4, 1e-3, 1e-2, 1e-1};
using NearZeroShares = std::array<double, kNearZeroThresholds.size()>;
/// Shares nobody computed (a run read back from its files): all NaN.
inline constexpr NearZeroShares kUnknownShares = [] {
    NearZeroShares s{};
    s.fill(std::numeric_limits<double>::quiet_NaN());
    return s;
}();

/// What is recorded of one tensor (a kernel or a bias vector) every epoch.
struct TensorSummary {
    Index size = 0;                                ///< entries; 0: the layer has no such tensor
    double l1Norm = 0.0;                           ///< sum(|w|)
    double l2Norm = 0.0;                           ///< sqrt(sum(w^2))
    NearZeroShares nearZero = kUnknownShares;      ///< share of |w| < kNearZeroThresholds[i]
    Histogram histogram;                           ///< over [min, max]
    Histogram robust;                              ///< over the 0.5 and 99.5 percentiles
    Percentiles percentiles = kUnknownPercentiles; ///< at kDistributionPercents
};
/// The rest of a layer's weight statistics of one epoch: shared and never changed once made,
/// so histories and snapshots copy a pointer, and a history drops it for older epochs.
struct WeightDetails {
    double kernelL1Norm = 0.0;                      ///< sum(|W|)
    NearZeroShares kernelNearZero = kUnknownShares; ///< of the kernel, at kNearZeroThresholds
    Histogram robustHistogram;                      ///< of the kernel
    TensorSummary bias;                             ///< of the bias vector (size 0: none)
};

/// The summary of `values` (n entries) with `bins` bins per histogram (NaN and Inf values
/// count in no bin and no percentile).
TensorSummary summarizeTensor(const float *values, Index n, int bins);

struct LayerMetrics {
    std::string name;
    double kernelL1Loss = 0.0; ///< l1 * sum(|W|)
    double kernelL2Loss = 0.0; ///< l2-term of W per the convention
    double biasL1Loss = 0.0;
    double biasL2Loss = 0.0;
    double sparsity = 0.0;                         ///< fraction of kernel entries with |w| < 1e-3
    double kernelL2Norm = 0.0;                     ///< sqrt(sum(W^2))
    Histogram histogram;                           ///< of the kernel
    Percentiles percentiles = kUnknownPercentiles; ///< of the kernel, at kDistributionPercents
    /// What the weights-over-time views draw beyond the numbers above; null when not
    /// recorded (a run read back from its files, an older entry of a history).
    std::shared_ptr<const WeightDetails> details;
    /// Per unit, UnitFlag bits (unit_status.h: dead, pruned); empty when not computed. Kept
    /// for the newest epoch only (appendToHistory()); the counts stay for every epoch.
    std::vector<std::uint8_t> unitFlags;
    int prunedUnits = -1; ///< units whose incoming |w| are all < kSparsityThreshold; -1: unknown
    int deadUnits = -1;   ///< ReLU units never active on the training set; -1: unknown, or
                          ///< not a ReLU layer

    double l1Loss() const { return kernelL1Loss + biasL1Loss; }
    double l2Loss() const { return kernelL2Loss + biasL2Loss; }
    double penalty() const { return l1Loss() + l2Loss(); }
};

/// Everything the trainer reports at the end of an epoch (epoch 0 = initial weights).
struct EpochMetrics {
    int epoch = 0;
    long long step = 0;         ///< optimizer steps taken so far
    double trainDataLoss = 0.0; ///< mean data loss over the full train set
    double testDataLoss = 0.0;
    double regLoss = 0.0;       ///< sum of every layer's penalty terms (not multiplied)
    double totalLoss = 0.0;     ///< trainDataLoss + penalty_multiplier * regLoss (the
                                ///< objective, when the penalty is in the loss)
    double trainAccuracy = 0.0; ///< classification accuracy, or R^2 for regression
    double testAccuracy = 0.0;
    bool hasValidation = false; ///< dataset.validation_fraction > 0: the val numbers are set
    double valDataLoss = 0.0;
    double valAccuracy = 0.0;
    double learningRate = 0.0;      ///< in force during the epoch
    bool parametersChanged = false; ///< λ or learning rate changed during this epoch
    std::vector<LayerMetrics> layers;
};

/// Appends `metrics` to a run's history. Histograms and the details are kept only for epoch
/// 0 and the newest epoch (the views show those two), unit flags for the newest only; older
/// entries keep every other number. This bounds the memory of long runs: a histogram per
/// layer per epoch adds up to hundreds of MB (weight_history.h keeps a thinned set).
void appendToHistory(std::vector<EpochMetrics> &history, EpochMetrics metrics);
/// What appendToHistory() does to the previous newest entry when a newer one comes: drops
/// the unit flags and, unless it is epoch 0, the histogram counts and the details.
void stripForHistory(EpochMetrics &entry);
/// The bytes `epochs` hold: their structs (by the vector's capacity), layer vectors, names,
/// histogram counts, unit flags and details.
std::size_t historyBytes(const std::vector<EpochMetrics> &epochs);

/// A cheap report every N steps: the batch's own numbers, no full evaluation.
struct StepMetrics {
    int epoch = 0; ///< the epoch in progress (1-based)
    long long step = 0;
    double batchDataLoss = 0.0;
    double regLoss = 0.0;
};

/// Mean data loss and accuracy (or R^2) of a network on (x, y) (FastPath::evaluate).
struct Evaluation {
    double dataLoss = 0.0;
    double accuracy = 0.0; ///< or R^2
};
/// Per-layer penalty terms and weight statistics of `net` under `spec`'s regularizers, with
/// the pruned units (unit_status.h; the dead ones need the data: markDeadUnits()).
/// The layers' regularizers are taken from `model` (live values may differ from the file);
/// net's layer k is model's dense layer k (dropout entries have no metrics).
std::vector<LayerMetrics> layerMetrics(const Network<float> &net, const ModelSpec &model,
                                       L2Convention convention, int histogramBins);
/// Sets the dead units of every ReLU layer in `layers` (layerMetrics() of `net`): unitFlags
/// gains kUnitDead and deadUnits counts them, from one forward pass of `trainX` in chunks
/// (peakActivations()).
void markDeadUnits(std::vector<LayerMetrics> &layers, const Network<float> &net,
                   const MatrixF &trainX);
/// The same from peaks already computed over the training set (peakActivations(), or
/// FastPath::evaluate() of the training set with its peaks): no second forward pass.
void markDeadUnits(std::vector<LayerMetrics> &layers, const Network<float> &net,
                   const std::vector<VectorF> &peaks);

} // namespace reglab
