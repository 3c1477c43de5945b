// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/unit_fields.h"

#include "core/nn/activation.h"

#include <algorithm>
#include <cmath>

namespace reglab {

UnitFields unitFieldValues(const Network<float> &net, const PlaneBounds &bounds, int nx, int ny) {
    UnitFields f;
    f.bounds = bounds;
    f.nx = nx;
    f.ny = ny;
    const MatrixF grid = planeGrid(bounds, nx, ny);
    const MatrixF *in = &grid;
    f.layers.reserve(net.layers().size());
    for (const WeightLayer<float> &l : net.layers()) { // 2-D data: dense layers only
        // a = act(W a_prev + b), every grid point a column
        MatrixF a = l.kernel * *in;
        if (l.useBias)
            a.colwise() += l.bias;
        applyActivation(l.activation, a);
        f.layers.push_back(std::move(a));
        in = &f.layers.back();
    }
    return f;
}

namespace {

/// |w| for ordering; a NaN weight comes last.
float strength(float w) {
    return std::isnan(w) ? -1.0f : std::abs(w);
}

/// Orders edges by |w| descending, then by (to, from) ascending.
bool stronger(const ViewEdge &a, const ViewEdge &b) {
    const float wa = strength(a.weight);
    const float wb = strength(b.weight);
    if (wa != wb)
        return wa > wb;
    return a.to != b.to ? a.to < b.to : a.from < b.from;
}

/// The `limit` strongest of `edges` (partial sort), in stronger() order.
std::vector<ViewEdge> keepStrongest(std::vector<ViewEdge> edges, Index limit) {
    const auto keep = std::size_t(std::clamp<Index>(limit, 0, Index(edges.size())));
    std::partial_sort(edges.begin(), edges.begin() + std::ptrdiff_t(keep), edges.end(), stronger);
    edges.resize(keep);
    return edges;
}

} // namespace

std::vector<ViewEdge> strongestEdges(const MatrixF &kernel, Index limit, double minWeight) {
    std::vector<ViewEdge> edges;
    for (Index from = 0; from < kernel.cols(); ++from) {
        for (Index to = 0; to < kernel.rows(); ++to) {
            const float w = kernel(to, from);
            if (std::abs(double(w)) >= minWeight) // NaN is left out too
                edges.push_back({from, to, w});
        }
    }
    return keepStrongest(std::move(edges), limit);
}

std::vector<ViewEdge> strongestInputs(const MatrixF &kernel, Index unit, Index k) {
    std::vector<ViewEdge> edges;
    if (unit < 0 || unit >= kernel.rows())
        return edges;
    edges.reserve(std::size_t(kernel.cols()));
    for (Index from = 0; from < kernel.cols(); ++from)
        edges.push_back({from, unit, kernel(unit, from)});
    return keepStrongest(std::move(edges), k);
}

} // namespace reglab
