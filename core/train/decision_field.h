// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file decision_field.h
/// The model's output over a grid covering a 2-D data set: what the decision-boundary map
/// shows.

#include "core/data/dataset.h"
#include "core/nn/network.h"
#include "core/types.h"

#include <vector>

namespace reglab {

/// A rectangle of the input plane, [xMin, xMax] x [yMin, yMax].
struct PlaneBounds {
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
};

/// The bounding box of a 2-D set's training and test inputs, widened on each side by 10% of
/// its extent (at least 1e-3) so that no point sits on the edge of the map. Computed in
/// float: lo - max(0.1 (hi - lo), 1e-3) and hi + max(0.1 (hi - lo), 1e-3) per axis.
/// Requires data.inputDim() == 2 and at least one training sample.
PlaneBounds decisionFieldBounds(const Dataset &data);

/// The nx x ny grid points of `bounds` (nx, ny >= 2) as a batch, 2 x (nx ny): column j is
/// point (i, k) = (j % nx, j / nx) at (xMin + i (xMax - xMin) / (nx - 1),
/// yMin + k (yMax - yMin) / (ny - 1)), computed in double and rounded to float.
MatrixF planeGrid(const PlaneBounds &bounds, int nx, int ny);

/// Evaluates `net` (2 inputs) at nx x ny grid points running from min to max inclusive on
/// each axis (nx, ny >= 2): point (i, k) is (xMin + i (xMax - xMin) / (nx - 1),
/// yMin + k (yMax - yMin) / (ny - 1)), computed in double and rounded to float. Returns
/// ny x nx values, row-major (point (i, k) at k * nx + i). The value of an output column z
/// under `loss`:
///   mean_squared_error                 z0 (the predicted value)
///   sigmoid_cross_entropy              1 / (1 + exp(-z0)) = p(class 1)
///   softmax_cross_entropy, 2 outputs   1 / (1 + exp(z0 - z1)) = softmax p1
///   softmax_cross_entropy, more        argmax z (the predicted class; the first on ties)
std::vector<float> decisionFieldValues(const Network<float> &net, LossKind loss,
                                       const PlaneBounds &bounds, int nx, int ny);

} // namespace reglab
