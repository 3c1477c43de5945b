// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file optimizer.h
/// Parameter updates. The optimizer sees each tensor as a flat array (it never knows
/// about layers) and keeps its state (momentum, Adam moments) per tensor. The penalty
/// gradient is fused into the update loop: g = dData/dw + l1 * sign(w) + l2 * w.
///
///   sgd       v <- mu v + g;  w <- w - lr (g + mu v) if nesterov else w - lr v
///             (PyTorch's formulation; with mu = 0 simply w <- w - lr g)
///   adam      m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
///             w <- w - lr * mhat / (sqrt(vhat) + eps),  mhat = m / (1 - b1^t),
///                                                      vhat = v / (1 - b2^t)
///             (Kingma & Ba 2015, Algorithm 1; evaluated in PyTorch's order,
///             w <- w - (lr / c1) m / (sqrt(v) / sqrt(c2) + eps), see optimizer.cpp)
///   adamw     w <- w - lr * weight_decay * w, then the adam step with g
///             (Loshchilov & Hutter 2019, decoupled weight decay, as PyTorch's AdamW)

#include "core/experiment_spec.h"
#include "core/nn/regularizer.h"
#include "core/types.h"

#include <vector>

namespace reglab {

template<typename Scalar>
class Optimizer {
public:
    explicit Optimizer(const OptimizerSpec &spec = {});

    const OptimizerSpec &spec() const { return m_spec; }
    /// Takes effect from the next update.
    void setLearningRate(double lr) { m_spec.learningRate = lr; }

    /// Allocates zeroed state for tensors of these sizes and resets the step count.
    void reset(const std::vector<Index> &tensorSizes);

    /// Starts one optimization step (t <- t + 1); call before the step's update() calls.
    void beginStep();
    long long stepCount() const { return m_t; }

    /// Updates tensor number `tensor` (n elements at w) with data gradient g and penalty
    /// gradient coefficients `penalty`. `decay` is false for tensors AdamW must not decay.
    void update(std::size_t tensor, Scalar *w, const Scalar *g, Index n,
                PenaltyGradient<Scalar> penalty, bool decay = true);

private:
    OptimizerSpec m_spec;
    long long m_t = 0;
    std::vector<Vector<Scalar>> m_first;  ///< momentum buffer (sgd) or m (adam)
    std::vector<Vector<Scalar>> m_second; ///< v (adam)
};

extern template class Optimizer<float>;
extern template class Optimizer<double>;

} // namespace reglab
