// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/optimizer.h"

#include "core/nn/kernels.h"
#include "core/nn/optimizer_loops.h"

#include <cmath>
#include <type_traits>

namespace reglab {

template<typename Scalar>
Optimizer<Scalar>::Optimizer(const OptimizerSpec &spec)
    : m_spec(spec) {}

template<typename Scalar>
void Optimizer<Scalar>::reset(const std::vector<Index> &tensorSizes) {
    m_t = 0;
    m_first.clear();
    m_second.clear();
    for (Index n : tensorSizes) {
        m_first.push_back(Vector<Scalar>::Zero(n));
        if (m_spec.type != OptimizerKind::Sgd)
            m_second.push_back(Vector<Scalar>::Zero(n));
    }
}

template<typename Scalar>
void Optimizer<Scalar>::beginStep() {
    ++m_t;
}

template<typename Scalar>
void Optimizer<Scalar>::update(std::size_t tensor, Scalar *w, const Scalar *g, Index n,
                               PenaltyGradient<Scalar> penalty, bool decay) {
    kernels::UpdateArgsT<Scalar> k;
    k.type = m_spec.type;
    k.nesterov = m_spec.nesterov;
    k.w = w;
    k.g = g;
    k.n = n;
    k.lr = Scalar(m_spec.learningRate);
    k.l1 = penalty.l1;
    k.l2 = penalty.l2;
    if (m_spec.type == OptimizerKind::Sgd) {
        k.mu = Scalar(m_spec.momentum);
        if (k.mu != Scalar(0))
            k.m = m_first[tensor].data();
    } else {
        // Bias corrections 1 - b^t in double (accurate at large t), as PyTorch does.
        const double c1 = 1.0 - std::pow(m_spec.beta1, double(m_t));
        const double c2 = 1.0 - std::pow(m_spec.beta2, double(m_t));
        k.b1 = Scalar(m_spec.beta1);
        k.oneMinusB1 = Scalar(1.0 - m_spec.beta1);
        k.b2 = Scalar(m_spec.beta2);
        k.oneMinusB2 = Scalar(1.0 - m_spec.beta2);
        k.negStepSize = Scalar(-m_spec.learningRate / c1);
        k.bc2Sqrt = Scalar(std::sqrt(c2));
        k.eps = Scalar(m_spec.epsilon);
        // 1 - lr * wd rounded once, from double (as PyTorch computes it)
        k.decayFactor = Scalar(1.0 - m_spec.learningRate * m_spec.weightDecay);
        k.decayed = m_spec.type == OptimizerKind::AdamW && decay && m_spec.weightDecay != 0.0;
        k.m = m_first[tensor].data();
        k.v = m_second[tensor].data();
    }
    // float tensors (training) on the loops compiled for this processor (kernels.h); double
    // ones (the gradient checks' reference) on this file's own copy.
    if constexpr (std::is_same_v<Scalar, float>)
        kernels::table().update(k);
    else
        kernels::REGLAB_KERNEL_NS::runUpdate(k);
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reglab
