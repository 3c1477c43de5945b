// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/weight_series.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace reglab {

namespace {

/// The p-th percentile of `v` (not empty; reordered): v[f] + (h - f)(v[f+1] - v[f]) of the
/// sorted values, h = p/100 (n - 1), f = floor(h), as weightPercentiles() computes it.
double percentileOf(std::vector<float> &v, double p) {
    const double h = p / 100.0 * double(v.size() - 1);
    const auto f = std::size_t(std::floor(h));
    const auto at = v.begin() + std::ptrdiff_t(f);
    std::nth_element(v.begin(), at, v.end());
    double value = *at;
    if (h > double(f)) // the next rank is the smallest value above this one
        value += (h - double(f)) * (double(*std::min_element(at + 1, v.end())) - value);
    return value;
}

std::uint64_t total(const Histogram &h) {
    return std::accumulate(h.counts.begin(), h.counts.end(), std::uint64_t(0));
}

bool hasCounts(const Histogram &h) {
    return total(h) > 0;
}

} // namespace

Histogram robustHistogram(const float *values, Index n, int bins) {
    std::vector<float> v;
    v.reserve(std::size_t(n));
    for (Index i = 0; i < n; ++i) {
        if (std::isfinite(values[i]))
            v.push_back(values[i]);
    }
    if (v.empty())
        return makeHistogram(values, n, bins);
    const double lo = percentileOf(v, kRobustLowPercent);
    const double hi = percentileOf(v, kRobustHighPercent);
    if (!(hi > lo))
        return makeHistogram(values, n, bins);
    Histogram h;
    h.counts.assign(std::size_t(std::max(bins, 1)), 0);
    h.min = lo;
    h.max = hi;
    const double scale = double(h.counts.size()) / (hi - lo);
    const auto last = std::int64_t(h.counts.size()) - 1;
    for (const float x : v) {
        if (x < lo) {
            ++h.clippedLow;
            ++h.counts.front();
        } else if (x > hi) {
            ++h.clippedHigh;
            ++h.counts.back();
        } else {
            // bin = floor((x - lo) / width); hi itself falls into the last bin
            const auto b = std::min(std::int64_t((double(x) - lo) * scale), last);
            ++h.counts[std::size_t(b)];
        }
    }
    return h;
}

Percentiles percentilesFromHistogram(const Histogram &h) {
    Percentiles out = kUnknownPercentiles;
    const std::uint64_t n = total(h);
    if (n == 0)
        return out;
    const double width = h.binWidth();
    std::size_t first = 0;
    while (h.counts[first] == 0)
        ++first;
    std::size_t last = h.counts.size() - 1;
    while (h.counts[last] == 0)
        --last;
    for (std::size_t k = 0; k < out.size(); ++k) {
        const double p = kDistributionPercents[k];
        if (p <= 0.0) {
            out[k] = h.min + width * double(first);
            continue;
        }
        if (p >= 100.0) {
            out[k] = h.min + width * double(last + 1);
            continue;
        }
        // The value where the cumulative count reaches t = p/100 n, linear within its bin.
        const double t = p / 100.0 * double(n);
        double before = 0.0;
        for (std::size_t b = first; b <= last; ++b) {
            const double c = double(h.counts[b]);
            if (c > 0.0 && before + c >= t) {
                out[k] = h.min + width * (double(b) + (t - before) / c);
                break;
            }
            before += c;
        }
    }
    return out;
}

double shareBelowFromHistogram(const Histogram &h, double t) {
    const std::uint64_t n = total(h);
    const double width = h.binWidth();
    if (n == 0 || !(width > 0.0))
        return std::nan("");
    double inside = 0.0;
    for (std::size_t b = 0; b < h.counts.size(); ++b) {
        // The part of [a, a + width) inside (-t, t), as a fraction of the width.
        const double a = h.min + width * double(b);
        const double overlap = std::min(a + width, t) - std::max(a, -t);
        if (overlap > 0.0)
            inside += double(h.counts[b]) * overlap / width;
    }
    return inside / double(n);
}

double l1NormFromHistogram(const Histogram &h) {
    const double width = h.binWidth();
    double sum = 0.0;
    for (std::size_t b = 0; b < h.counts.size(); ++b) {
        // Mean |w| over [a, c] for values spread evenly: |a + c| / 2 when the bin does not
        // straddle 0, else (a^2 + c^2) / (2 (c - a)).
        const double a = h.min + width * double(b);
        const double c = a + width;
        const double mean =
            a < 0.0 && c > 0.0 ? (a * a + c * c) / (2.0 * width) : std::abs(a + c) / 2.0;
        sum += double(h.counts[b]) * mean;
    }
    return sum;
}

std::vector<WeightPoint> weightSeries(const std::vector<EpochMetrics> &epochs, std::size_t layer,
                                      WeightTensor tensor, int firstEpoch, int lastEpoch) {
    std::vector<WeightPoint> out;
    for (const EpochMetrics &e : epochs) {
        if (e.epoch < firstEpoch || e.epoch > lastEpoch || layer >= e.layers.size())
            continue;
        const LayerMetrics &l = e.layers[layer];
        WeightPoint p;
        p.epoch = e.epoch;
        const WeightDetails *d = l.details.get();
        if (tensor == WeightTensor::Kernel) {
            p.histogram = l.histogram;
            p.percentiles = l.percentiles;
            p.l2Norm = l.kernelL2Norm;
            p.l1Norm = d ? d->kernelL1Norm : std::nan("");
            if (d) {
                p.robust = d->robustHistogram;
                p.nearZero = d->kernelNearZero;
            }
            if (std::isnan(p.nearZero[1]))
                p.nearZero[1] = l.sparsity; // stored in every history (kSparsityThreshold)
        } else {
            if (!d || d->bias.size == 0)
                continue;
            p.histogram = d->bias.histogram;
            p.robust = d->bias.robust;
            p.percentiles = d->bias.percentiles;
            p.l1Norm = d->bias.l1Norm;
            p.l2Norm = d->bias.l2Norm;
            p.nearZero = d->bias.nearZero;
        }
        if (!hasCounts(p.histogram))
            continue;
        if (std::isnan(p.l1Norm)) {
            p.l1Norm = l1NormFromHistogram(p.histogram);
            p.estimated = true;
        }
        if (std::isnan(p.percentiles[kDistributionPercents.size() / 2])) {
            p.percentiles = percentilesFromHistogram(p.histogram);
            p.estimated = true;
        }
        for (std::size_t i = 0; i < p.nearZero.size(); ++i) {
            if (std::isnan(p.nearZero[i])) {
                p.nearZero[i] = shareBelowFromHistogram(p.histogram, kNearZeroThresholds[i]);
                p.estimated = true;
            }
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<RidgeRow> ridgeRows(const std::vector<WeightPoint> &points, const RidgeOptions &o) {
    std::vector<std::size_t> picked;
    const std::size_t n = points.size();
    const auto m = std::size_t(std::max(o.maxRows, 2));
    if (n <= m) {
        for (std::size_t i = 0; i < n; ++i)
            picked.push_back(i);
    } else {
        for (std::size_t i = 0; i < m; ++i)
            picked.push_back(std::size_t(std::lround(double(i) * double(n - 1) / double(m - 1))));
    }
    const auto f = [&](std::uint64_t c) {
        return o.logCount ? std::log10(1.0 + double(c)) : double(c);
    };
    std::vector<RidgeRow> rows;
    double tallest = 0.0;
    for (std::size_t k = 0; k < picked.size(); ++k) {
        const WeightPoint &p = points[picked[k]];
        const Histogram &h = o.robust && hasCounts(p.robust) ? p.robust : p.histogram;
        RidgeRow row;
        row.epoch = p.epoch;
        row.baseline = o.overlay ? 0.0 : double(picked.size() - 1 - k);
        const double width = h.binWidth();
        for (std::size_t b = 0; b <= h.counts.size(); ++b)
            row.edges.push_back(b == h.counts.size() ? h.max : h.min + width * double(b));
        row.counts = h.counts;
        row.clippedLow = h.clippedLow;
        row.clippedHigh = h.clippedHigh;
        row.total = total(h);
        for (const std::uint64_t c : h.counts)
            tallest = std::max(tallest, f(c));
        rows.push_back(std::move(row));
    }
    const double scale = o.overlay ? 1.0 : o.overlap / (tallest > 0.0 ? tallest : 1.0);
    for (RidgeRow &row : rows) {
        for (const std::uint64_t c : row.counts)
            row.heights.push_back(f(c) * scale);
    }
    return rows;
}

int binIndexAt(const RidgeRow &row, double x) {
    if (row.counts.empty())
        return -1;
    const auto last = int(row.counts.size()) - 1;
    // The last edge closes the last bin.
    const auto above = std::upper_bound(row.edges.begin(), row.edges.end(), x);
    return std::clamp(int(above - row.edges.begin()) - 1, 0, last);
}

BinReadout binReadout(const RidgeRow &row, int bin) {
    BinReadout r;
    if (bin < 0 || bin >= int(row.counts.size()))
        return r;
    const auto b = std::size_t(bin);
    r.lower = row.edges[b];
    r.upper = row.edges[b + 1];
    r.count = row.counts[b];
    const auto before = std::accumulate(row.counts.begin(), row.counts.begin() + std::ptrdiff_t(b),
                                        std::uint64_t(0));
    const double n = row.total > 0 ? double(row.total) : 1.0;
    r.percentBelow = 100.0 * double(before) / n;
    r.percentUpTo = 100.0 * double(before + r.count) / n;
    r.clippedLow = b == 0 && row.clippedLow > 0;
    r.clippedHigh = b + 1 == row.counts.size() && row.clippedHigh > 0;
    return r;
}

} // namespace reglab
