// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file weight_series.h
/// One layer's kernel or bias over the kept epochs of a run (weight_history.h), as the
/// "weights over time" views draw it: percentile bands, norms and near-zero shares against
/// epochs, and each epoch's histogram as a ridge. Also the robust histogram (outliers in
/// marked end bins) and the estimates used for runs read back from history.csv, which stores
/// histograms but not percentiles.

#include "core/train/metrics.h"

#include <climits>
#include <cstdint>
#include <vector>

namespace reglab {

/// The percentiles between which a robust histogram's range lies.
inline constexpr double kRobustLowPercent = 0.5;
inline constexpr double kRobustHighPercent = 99.5;

/// Histogram of the finite `values` over [lo, hi] = their kRobustLowPercent and
/// kRobustHighPercent percentiles (weightPercentiles()'s interpolation), `bins` equal bins.
/// Values below lo are counted in the first bin and in `clippedLow`, values above hi in the
/// last bin and in `clippedHigh`, so one outlier cannot squash every other bin. When lo == hi
/// (nearly all values equal, e.g. an L1 kernel that is mostly zeros) it is makeHistogram()'s
/// full-range histogram, nothing clipped.
Histogram robustHistogram(const float *values, Index n, int bins);

/// The kDistributionPercents percentiles estimated from a histogram's counts: the value at
/// which the cumulative count reaches p/100 of the total, linear within a bin (the minimum
/// and maximum are exact). NaN when the histogram counts nothing.
Percentiles percentilesFromHistogram(const Histogram &h);

/// The share of values with |w| < t estimated from a histogram: each bin contributes its
/// count times the part of its width inside (-t, t). NaN when it counts nothing.
double shareBelowFromHistogram(const Histogram &h, double t);

/// sum(|w|) estimated from a histogram: each bin's count times the mean |w| of values spread
/// evenly over it.
double l1NormFromHistogram(const Histogram &h);

enum class WeightTensor { Kernel, Bias };

/// One epoch of a layer's tensor, as the views draw it.
struct WeightPoint {
    int epoch = 0;
    Histogram histogram;                           ///< full range
    Histogram robust;                              ///< empty when not recorded
    Percentiles percentiles = kUnknownPercentiles; ///< recorded, or estimated (below)
    bool estimated = false; ///< some numbers estimated from `histogram` (below)
    double l1Norm = 0.0;
    double l2Norm = 0.0;
    NearZeroShares nearZero = kUnknownShares;
};

/// The epochs of `epochs` in [firstEpoch, lastEpoch] whose layer `layer` has a histogram of
/// `tensor`, in order. Percentiles, near-zero shares and ||W||_1 that were not recorded (a
/// run read back from history.csv) are estimated from the histogram (`estimated`); shares at
/// kSparsityThreshold come from `sparsity` when known. A layer without a bias gives nothing
/// for WeightTensor::Bias.
std::vector<WeightPoint> weightSeries(const std::vector<EpochMetrics> &epochs, std::size_t layer,
                                      WeightTensor tensor, int firstEpoch = 0,
                                      int lastEpoch = INT_MAX);

/// How the histograms over time are laid out.
struct RidgeOptions {
    bool robust = false;   ///< the robust histograms (when recorded) instead of the full range
    bool logCount = false; ///< heights log10(1 + count) instead of count
    bool overlay = false;  ///< every row on one baseline instead of offset rows
    double overlap = 2.0;  ///< offset rows: the tallest bar is this many row spacings high
    int maxRows = 40;      ///< more epochs are thinned evenly (the first and last kept)
};

/// One epoch's histogram as a row of the ridge plot.
struct RidgeRow {
    int epoch = 0;
    double baseline = 0.0;             ///< offset: n - 1 - k for the k-th row (oldest k = 0, at
                                       ///< the top); overlay: 0
    std::vector<double> edges;         ///< bins + 1 bin edges, ascending
    std::vector<std::uint64_t> counts; ///< per bin
    std::vector<double> heights;       ///< per bin, above the baseline (see ridgeRows())
    std::uint64_t clippedLow = 0;      ///< of counts.front(), outside the range (robust)
    std::uint64_t clippedHigh = 0;     ///< of counts.back()
    std::uint64_t total = 0;           ///< sum of counts
};

/// The rows for `points` (oldest first): at most `maxRows` of them (evenly spaced indices
/// round(i (n - 1) / (maxRows - 1)), so the first and the newest stay), each bin's height
/// f(count) / max f(count over every row and bin) times `overlap` (offset), or f(count)
/// itself (overlay, drawn on a count axis), f(c) = c or log10(1 + c).
std::vector<RidgeRow> ridgeRows(const std::vector<WeightPoint> &points, const RidgeOptions &o);

/// What hovering over bin `bin` of a row reads out.
struct BinReadout {
    double lower = 0.0; ///< the bin's edges
    double upper = 0.0;
    std::uint64_t count = 0;
    double percentBelow = 0.0; ///< share of the row's values in the bins before, in percent
    double percentUpTo = 0.0;  ///< ... up to and including this bin
    bool clippedLow = false;   ///< the first bin of a robust row with values below `lower`
    bool clippedHigh = false;  ///< the last bin of a robust row with values above `upper`
};
/// The bin of `row` that holds `x` (the nearest end bin outside the range); -1 when the row
/// has no bins.
int binIndexAt(const RidgeRow &row, double x);
BinReadout binReadout(const RidgeRow &row, int bin);

} // namespace reglab
