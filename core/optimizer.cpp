// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/optimizer.h"

#include <cmath>

namespace reglab {

namespace {

/// g = dData/dw + l1 sign(w) + l2 w, the penalty's gradient fused in. The l1 term is left
/// out at compile time when l1 == 0 (it would add +-0, which changes nothing).
template<bool WithL1, typename Scalar>
inline Scalar fusedGradient(Scalar w, Scalar g, Scalar l1, Scalar l2) {
    if constexpr (WithL1)
        return g + l1 * signum(w) + l2 * w;
    else
        return g + l2 * w;
}

/// The update loops: one pass over w, g and the state each, written as plain loops over
/// restrict pointers so the compiler vectorizes them (sqrt needs -fno-math-errno).
template<bool WithL1, typename Scalar>
void sgdLoop(Scalar *__restrict w, const Scalar *__restrict gData, Index n, Scalar lr, Scalar l1,
             Scalar l2) {
    for (Index i = 0; i < n; ++i)
        w[i] -= lr * fusedGradient<WithL1>(w[i], gData[i], l1, l2); // w <- w - lr g
}

template<bool WithL1, bool Nesterov, typename Scalar>
void momentumLoop(Scalar *__restrict w, const Scalar *__restrict gData, Scalar *__restrict v,
                  Index n, Scalar lr, Scalar mu, Scalar l1, Scalar l2) {
    for (Index i = 0; i < n; ++i) {
        const Scalar g = fusedGradient<WithL1>(w[i], gData[i], l1, l2);
        v[i] = mu * v[i] + g; // v <- mu v + g
        if constexpr (Nesterov)
            w[i] -= lr * (g + mu * v[i]);
        else
            w[i] -= lr * v[i];
    }
}

template<bool WithL1, bool Decay, typename Scalar>
void adamLoop(Scalar *__restrict w, const Scalar *__restrict gData, Scalar *__restrict m,
              Scalar *__restrict v, Index n, Scalar lr, Scalar b1, Scalar b2, Scalar c1, Scalar c2,
              Scalar eps, Scalar decayFactor, Scalar l1, Scalar l2) {
    for (Index i = 0; i < n; ++i) {
        // The gradient is read before w changes (it depends on w through the penalty).
        const Scalar g = fusedGradient<WithL1>(w[i], gData[i], l1, l2);
        m[i] = b1 * m[i] + (Scalar(1) - b1) * g;       // m <- b1 m + (1 - b1) g
        v[i] = b2 * v[i] + (Scalar(1) - b2) * (g * g); // v <- b2 v + (1 - b2) g^2
        Scalar wi = w[i];
        if constexpr (Decay)
            wi *= decayFactor; // adamw: w <- w - lr wd w
        // w <- w - lr mhat / (sqrt(vhat) + eps)
        w[i] = wi - lr * (m[i] / c1) / (std::sqrt(v[i] / c2) + eps);
    }
}

} // namespace

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
    const Scalar lr = Scalar(m_spec.learningRate);
    const Scalar l1 = penalty.l1;
    const Scalar l2 = penalty.l2;
    const bool withL1 = l1 != Scalar(0);

    switch (m_spec.type) {
    case OptimizerKind::Sgd: {
        const Scalar mu = Scalar(m_spec.momentum);
        if (mu == Scalar(0)) {
            withL1 ? sgdLoop<true>(w, g, n, lr, l1, l2) : sgdLoop<false>(w, g, n, lr, l1, l2);
            break;
        }
        Scalar *v = m_first[tensor].data();
        if (m_spec.nesterov) {
            withL1 ? momentumLoop<true, true>(w, g, v, n, lr, mu, l1, l2)
                   : momentumLoop<false, true>(w, g, v, n, lr, mu, l1, l2);
        } else {
            withL1 ? momentumLoop<true, false>(w, g, v, n, lr, mu, l1, l2)
                   : momentumLoop<false, false>(w, g, v, n, lr, mu, l1, l2);
        }
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
        const bool decayed =
            m_spec.type == OptimizerKind::AdamW && decay && m_spec.weightDecay != 0.0;
        // 1 - lr * wd rounded once, from double (as PyTorch computes it)
        const Scalar decayFactor = Scalar(1.0 - m_spec.learningRate * m_spec.weightDecay);
        Scalar *m = m_first[tensor].data();
        Scalar *v = m_second[tensor].data();
        if (decayed) {
            withL1
                ? adamLoop<true, true>(w, g, m, v, n, lr, b1, b2, c1, c2, eps, decayFactor, l1, l2)
                : adamLoop<false, true>(w, g, m, v, n, lr, b1, b2, c1, c2, eps, decayFactor, l1,
                                        l2);
        } else {
            withL1
                ? adamLoop<true, false>(w, g, m, v, n, lr, b1, b2, c1, c2, eps, decayFactor, l1, l2)
                : adamLoop<false, false>(w, g, m, v, n, lr, b1, b2, c1, c2, eps, decayFactor, l1,
                                         l2);
        }
        break;
    }
    }
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reglab
