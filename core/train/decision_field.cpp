// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/decision_field.h"

#include <algorithm>
#include <cmath>

namespace reglab {

PlaneBounds decisionFieldBounds(const Dataset &data) {
    auto lo = data.trainX.rowwise().minCoeff().eval();
    auto hi = data.trainX.rowwise().maxCoeff().eval();
    if (data.testSize() > 0) {
        lo = lo.cwiseMin(data.testX.rowwise().minCoeff());
        hi = hi.cwiseMax(data.testX.rowwise().maxCoeff());
    }
    // margin = max(0.1 (hi - lo), 1e-3) per axis, in float
    const float mx = std::max(0.1f * (hi(0) - lo(0)), 1e-3f);
    const float my = std::max(0.1f * (hi(1) - lo(1)), 1e-3f);
    PlaneBounds b;
    b.xMin = lo(0) - mx;
    b.xMax = hi(0) + mx;
    b.yMin = lo(1) - my;
    b.yMax = hi(1) + my;
    return b;
}

MatrixF planeGrid(const PlaneBounds &bounds, int nx, int ny) {
    // Grid points run from min to max inclusive (cell centres at the range ends, as a
    // colour map with that range expects); column j of the batch is point (j % nx, j / nx).
    const int n = nx * ny;
    MatrixF grid(2, n);
    const double dx = (bounds.xMax - bounds.xMin) / (nx - 1);
    const double dy = (bounds.yMax - bounds.yMin) / (ny - 1);
    for (int j = 0; j < n; ++j) {
        grid(0, j) = float(bounds.xMin + dx * (j % nx));
        grid(1, j) = float(bounds.yMin + dy * (j / nx));
    }
    return grid;
}

std::vector<float> decisionFieldValues(const Network<float> &net, LossKind loss,
                                       const PlaneBounds &bounds, int nx, int ny) {
    const int n = nx * ny;
    const MatrixF grid = planeGrid(bounds, nx, ny);
    NetworkWorkspace<float> ws;
    const MatrixF &out = net.forward(grid, ws);
    std::vector<float> values(static_cast<std::size_t>(n));
    for (int j = 0; j < n; ++j) {
        float v = 0.0f;
        if (loss == LossKind::MeanSquaredError) {
            v = out(0, j); // predicted value
        } else if (loss == LossKind::SigmoidCrossEntropy) {
            v = 1.0f / (1.0f + std::exp(-out(0, j))); // p(class 1) = sigmoid(z)
        } else if (out.rows() == 2) {
            v = 1.0f / (1.0f + std::exp(out(0, j) - out(1, j))); // softmax p1 = 1/(1+e^(z0-z1))
        } else {
            Index best = 0;
            out.col(j).maxCoeff(&best);
            v = float(best); // predicted class
        }
        values[std::size_t(j)] = v;
    }
    return values;
}

} // namespace reglab
