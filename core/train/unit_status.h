// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file unit_status.h
/// Units that no longer take part: dead ReLU units and pruned units.
///
///   dead    a ReLU unit whose output is 0 on every training sample: max_j a_u(x_j) <= 0.
///           It passes no signal and, its gradient being 0 as well, never recovers.
///   pruned  a unit whose incoming weights are all near zero: max_i |W(u, i)| < threshold
///           (kSparsityThreshold, the sparsity's threshold). L1 drives whole rows there;
///           the unit's output is then the constant act(b_u), whatever the input.

#include "core/nn/network.h"
#include "core/types.h"

#include <cstdint>
#include <vector>

namespace reglab {

/// Bits of LayerMetrics::unitFlags.
enum UnitFlag : std::uint8_t {
    kUnitDead = 1,   ///< a ReLU unit never active on the training set
    kUnitPruned = 2, ///< every incoming |w| < the threshold
};

/// Per unit (row) of `kernel` (out x in): kUnitPruned when every |W(u, i)| < threshold, else 0.
/// A unit without inputs is not pruned.
std::vector<std::uint8_t> prunedUnitFlags(const MatrixF &kernel, double threshold);

/// The largest output of every unit over the columns of `x` (inputDim x n):
/// peaks[l](u) = max_j a_l(u, j), forward pass a_l = act(W_l a_{l-1} + b_l) in chunks of
/// `chunk` columns (bounded memory); a conv2d layer's unit is a filter, its peak the maximum
/// over every position. Only layers up to the last ReLU layer are computed (the
/// others are empty: nothing asks). -inf for every unit when x has no columns.
std::vector<VectorF> peakActivations(const Network<float> &net, const MatrixF &x,
                                     Index chunk = 1024);

/// The weight layers whose peaks peakActivations() computes: [0, peakLayerCount(net)), up to
/// and including the last ReLU layer (0 without ReLU layers).
std::size_t peakLayerCount(const Network<float> &net);

/// peaks(u) <- max(peaks(u), max_j a(r, j) over the rows r = p units + u): the largest
/// output of each unit (a conv filter: over every position p) among the `cols` columns of a
/// layer's output `a` (rows x cols, column-major, rows a multiple of `units`).
void accumulatePeaks(const float *a, Index rows, Index cols, Index units, float *peaks);

/// Per unit of each layer: kUnitDead when the layer is ReLU and peaks[l](u) <= 0, else 0.
/// Layers without peaks get no flags (empty).
std::vector<std::vector<std::uint8_t>> deadUnitFlags(const Network<float> &net,
                                                     const std::vector<VectorF> &peaks);

/// How many entries of `flags` have `bit` set.
int countUnits(const std::vector<std::uint8_t> &flags, UnitFlag bit);

} // namespace reglab
