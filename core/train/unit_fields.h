// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file unit_fields.h
/// What the network view draws: every unit's output over a grid of the input plane (2-D
/// data), and which edges of a layer it draws.

#include "core/nn/network.h"
#include "core/train/decision_field.h"
#include "core/types.h"

#include <vector>

namespace reglab {

/// Every unit's output over an nx x ny grid of a rectangle of the input plane.
struct UnitFields {
    PlaneBounds bounds;
    int nx = 0, ny = 0;
    /// Per layer of the network (the output layer included), units x (nx ny): row u holds
    /// unit u's output a_u = act(W a_prev + b) at every grid point, column j at grid point
    /// (j % nx, j / nx) as in decisionFieldValues().
    std::vector<MatrixF> layers;

    bool isValid() const { return nx > 0 && ny > 0 && !layers.empty(); }
};

/// Evaluates every layer of `net` (2 inputs) at the grid points of planeGrid(bounds, nx, ny)
/// (nx, ny >= 2). Cost: one forward pass of nx ny samples, i.e. 2 nx ny sum_l (in_l out_l)
/// flops; the result holds nx ny sum_l out_l floats.
UnitFields unitFieldValues(const Network<float> &net, const PlaneBounds &bounds, int nx, int ny);

/// An edge of the network view: the weight W(to, from) of a layer.
struct ViewEdge {
    Index from = 0; ///< the input (source unit) index
    Index to = 0;   ///< the unit index within the layer
    float weight = 0.0f;
};

/// The edges of a layer the view draws: the `limit` largest |W(to, from)| (all of them when
/// there are fewer), leaving out every weight with |w| < `minWeight` (a pruned weight is no
/// connection). Ordered by |w| descending; equal |w| by `to`, then `from`, ascending.
std::vector<ViewEdge> strongestEdges(const MatrixF &kernel, Index limit, double minWeight);

/// The `k` incoming weights of unit `unit` (a row of `kernel`, out x in) largest in |w|, as
/// edges into `unit`, ordered by |w| descending (equal |w|: lower input index first).
std::vector<ViewEdge> strongestInputs(const MatrixF &kernel, Index unit, Index k);

} // namespace reglab
