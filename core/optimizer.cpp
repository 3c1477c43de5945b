// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/optimizer.h"

#include <cmath>

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
void Optimizer<Scalar>::update(std::size_t tensor, Scalar *wPtr, const Scalar *gPtr, Index n,
                               PenaltyGradient<Scalar> penalty, bool decay) {
    using Array = Eigen::Array<Scalar, Eigen::Dynamic, 1>;
    Eigen::Map<Array> w(wPtr, n);
    const Eigen::Map<const Array> gData(gPtr, n);
    const Scalar lr = Scalar(m_spec.learningRate);
    // g = dData/dw + l1 sign(w) + l2 w  (the penalty's gradient, fused)
    const auto g = gData + penalty.l1 * w.sign() + penalty.l2 * w;

    switch (m_spec.type) {
    case OptimizerKind::Sgd: {
        const Scalar mu = Scalar(m_spec.momentum);
        if (mu == Scalar(0)) {
            w -= lr * g;
            break;
        }
        auto v = m_first[tensor].array();
        v = mu * v + g;
        if (m_spec.nesterov)
            w -= lr * (g + mu * v);
        else
            w -= lr * v;
        break;
    }
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW: {
        const Scalar b1 = Scalar(m_spec.beta1);
        const Scalar b2 = Scalar(m_spec.beta2);
        const Scalar eps = Scalar(m_spec.epsilon);
        // Bias corrections 1 - b^t, in double for accuracy at large t.
        const Scalar c1 = Scalar(1.0 - std::pow(m_spec.beta1, double(m_t)));
        const Scalar c2 = Scalar(1.0 - std::pow(m_spec.beta2, double(m_t)));
        auto m = m_first[tensor].array();
        auto v = m_second[tensor].array();
        // The gradient must be read before w changes (it depends on w through the
        // penalty), so the decoupled decay is applied after computing the moments.
        m = b1 * m + (Scalar(1) - b1) * g;
        v = b2 * v + (Scalar(1) - b2) * g.square();
        if (m_spec.type == OptimizerKind::AdamW && decay && m_spec.weightDecay != 0.0)
            w *= Scalar(1) - lr * Scalar(m_spec.weightDecay); // w <- w - lr wd w
        w -= lr * (m / c1) / ((v / c2).sqrt() + eps);
        break;
    }
    }
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reglab
