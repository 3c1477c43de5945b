// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/unit_status.h"

#include "core/nn/activation.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace reglab {

std::vector<std::uint8_t> prunedUnitFlags(const MatrixF &kernel, double threshold) {
    std::vector<std::uint8_t> flags(std::size_t(kernel.rows()), 0);
    if (kernel.cols() == 0)
        return flags;
    for (Index u = 0; u < kernel.rows(); ++u) {
        // pruned: max_i |W(u, i)| < threshold (a NaN weight is not "near zero")
        bool pruned = true;
        for (Index i = 0; i < kernel.cols() && pruned; ++i)
            pruned = std::abs(double(kernel(u, i))) < threshold;
        if (pruned)
            flags[std::size_t(u)] = kUnitPruned;
    }
    return flags;
}

std::size_t peakLayerCount(const Network<float> &net) {
    const auto &layers = net.layers();
    std::size_t upTo = 0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        if (layers[l].activation == Activation::Relu)
            upTo = l + 1;
    }
    return upTo;
}

void accumulatePeaks(const float *a, Index rows, Index cols, Index units, float *peaks) {
    // max is exact: the order of the comparisons does not change the result (NaN aside:
    // std::max keeps the running peak, as Eigen's maxCoeff may or may not)
    for (Index j = 0; j < cols; ++j) {
        const float *col = a + j * rows;
        for (Index r0 = 0; r0 < rows; r0 += units) {
            for (Index u = 0; u < units; ++u)
                peaks[u] = std::max(peaks[u], col[r0 + u]);
        }
    }
}

std::vector<VectorF> peakActivations(const Network<float> &net, const MatrixF &x, Index chunk) {
    const auto &layers = net.layers();
    const std::size_t upTo = peakLayerCount(net); // the peaks of layers [0, upTo) are kept
    std::vector<VectorF> peaks(layers.size());
    if (upTo == 0)
        return peaks;
    for (std::size_t l = 0; l < upTo; ++l)
        peaks[l] = VectorF::Constant(layers[l].units(), -std::numeric_limits<float>::infinity());
    chunk = std::max<Index>(chunk, 1);
    NetworkWorkspace<float> ws; // no dropout masks: the evaluation pass
    const auto &ops = net.ops();
    for (Index start = 0; start < x.cols(); start += chunk) {
        const Index cols = std::min(chunk, x.cols() - start);
        net.forward(x.middleCols(start, cols), ws);
        for (std::size_t i = 0; i < ops.size(); ++i) {
            if (ops[i].weight < 0 || std::size_t(ops[i].weight) >= upTo)
                continue;
            // peak_u = max(peak_u, max_j a_l(u, j)); a conv layer's unit is a filter, its
            // output rows (position, filter) channels last: row p * filters + u
            VectorF &peak = peaks[std::size_t(ops[i].weight)];
            const MatrixF &a = ws.act[i];
            const Index units = peak.size();
            const VectorF rowMax = a.rowwise().maxCoeff();
            for (Index r = 0; r < rowMax.size(); ++r)
                peak(r % units) = std::max(peak(r % units), rowMax(r));
        }
    }
    return peaks;
}

std::vector<std::vector<std::uint8_t>> deadUnitFlags(const Network<float> &net,
                                                     const std::vector<VectorF> &peaks) {
    const auto &layers = net.layers();
    std::vector<std::vector<std::uint8_t>> flags(layers.size());
    for (std::size_t l = 0; l < layers.size() && l < peaks.size(); ++l) {
        if (peaks[l].size() == 0)
            continue;
        flags[l].assign(std::size_t(peaks[l].size()), 0);
        if (layers[l].activation != Activation::Relu)
            continue;
        for (Index u = 0; u < peaks[l].size(); ++u) {
            if (peaks[l](u) <= 0.0f) // a ReLU output is >= 0: never > 0 on any sample
                flags[l][std::size_t(u)] = kUnitDead;
        }
    }
    return flags;
}

int countUnits(const std::vector<std::uint8_t> &flags, UnitFlag bit) {
    return int(std::count_if(flags.begin(), flags.end(),
                             [bit](std::uint8_t f) { return (f & bit) != 0; }));
}

} // namespace reglab
