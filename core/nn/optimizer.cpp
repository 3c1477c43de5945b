// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/optimizer.h"

#include <cmath>

namespace reglab {

namespace {

// This file is compiled with -ffp-contract=off (core/CMakeLists.txt): every a * b + c below
// is rounded twice unless written as mulAdd(), so the arithmetic is exactly the one written
// here (PyTorch's order of operations), whatever the compiler or target.

/// a * b + c rounded once where the target has FMA (as PyTorch's vectorized CPU kernels
/// compute add(x, y, alpha) = x + alpha y); elsewhere two roundings, since a libm fma call per
/// element would make the loop scalar.
template<typename Scalar>
inline Scalar mulAdd(Scalar a, Scalar b, Scalar c) {
#if defined(__FMA__)
    return std::fma(a, b, c);
#else
    return a * b + c;
#endif
}

/// The per-step scalars of the Adam loop.
template<typename Scalar>
struct AdamScalars {
    Scalar b1, oneMinusB1, b2, oneMinusB2, negStepSize, bc2Sqrt, eps, decayFactor;
};

/// g = dData/dw + l1 sign(w) + l2 w, the penalty's gradient fused in (PyTorch's weight decay:
/// grad.add(param, alpha = l2)). The l1 term is left out at compile time when l1 == 0 (it
/// would add +-0, which changes nothing).
template<bool WithL1, typename Scalar>
inline Scalar fusedGradient(Scalar w, Scalar g, Scalar l1, Scalar l2) {
    if constexpr (WithL1)
        return mulAdd(w, l2, g + l1 * signum(w));
    else
        return mulAdd(w, l2, g);
}

/// The update loops: one pass over w, g and the state each, written as plain loops over
/// restrict pointers so the compiler vectorizes them (sqrt needs -fno-math-errno).
/// SGD as torch.optim.SGD (1.13): w <- w - lr g, i.e. param.add_(g, alpha = -lr).
template<bool WithL1, typename Scalar>
void sgdLoop(Scalar *__restrict w, const Scalar *__restrict gData, Index n, Scalar lr, Scalar l1,
             Scalar l2) {
    for (Index i = 0; i < n; ++i)
        w[i] = mulAdd(fusedGradient<WithL1>(w[i], gData[i], l1, l2), -lr, w[i]);
}

/// Momentum as torch.optim.SGD: buf.mul_(mu).add_(g) (two roundings), then
/// w.add_(buf, alpha = -lr), or with Nesterov w.add_(g.add(buf, alpha = mu), alpha = -lr).
template<bool WithL1, bool Nesterov, typename Scalar>
void momentumLoop(Scalar *__restrict w, const Scalar *__restrict gData, Scalar *__restrict v,
                  Index n, Scalar lr, Scalar mu, Scalar l1, Scalar l2) {
    for (Index i = 0; i < n; ++i) {
        const Scalar g = fusedGradient<WithL1>(w[i], gData[i], l1, l2);
        v[i] = mu * v[i] + g; // v <- mu v + g
        if constexpr (Nesterov)
            w[i] = mulAdd(mulAdd(v[i], mu, g), -lr, w[i]);
        else
            w[i] = mulAdd(v[i], -lr, w[i]);
    }
}

/// Adam in PyTorch's order of operations (torch.optim.Adam, single-tensor form, 1.13):
///   m <- m b1 + (1 - b1) g,   v <- v b2 + (1 - b2) g^2,
///   w <- w - (lr / c1) m / (sqrt(v) / sqrt(c2) + eps),   c_i = 1 - b_i^t,
/// with the scalars (1 - b1, 1 - b2, lr / c1, sqrt(c2)) computed in double and rounded once.
/// This is Kingma & Ba's Algorithm 1 with eps added to sqrt(vhat), and two divisions per
/// element instead of three.
template<bool WithL1, bool Decay, typename Scalar>
void adamLoop(Scalar *__restrict w, const Scalar *__restrict gData, Scalar *__restrict m,
              Scalar *__restrict v, Index n, const AdamScalars<Scalar> &k, Scalar l1, Scalar l2) {
    for (Index i = 0; i < n; ++i) {
        // The gradient is read before w changes (it depends on w through the penalty).
        const Scalar g = fusedGradient<WithL1>(w[i], gData[i], l1, l2);
        m[i] = mulAdd(g, k.oneMinusB1, m[i] * k.b1);
        v[i] = mulAdd(k.oneMinusB2 * g, g, v[i] * k.b2);
        Scalar wi = w[i];
        if constexpr (Decay)
            wi *= k.decayFactor; // adamw: w <- w - lr wd w
        const Scalar denom = std::sqrt(v[i]) / k.bc2Sqrt + k.eps;
        w[i] = wi + (k.negStepSize * m[i]) / denom;
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
        // Bias corrections 1 - b^t in double (accurate at large t), as PyTorch does.
        const double c1 = 1.0 - std::pow(m_spec.beta1, double(m_t));
        const double c2 = 1.0 - std::pow(m_spec.beta2, double(m_t));
        AdamScalars<Scalar> k;
        k.b1 = Scalar(m_spec.beta1);
        k.oneMinusB1 = Scalar(1.0 - m_spec.beta1);
        k.b2 = Scalar(m_spec.beta2);
        k.oneMinusB2 = Scalar(1.0 - m_spec.beta2);
        k.negStepSize = Scalar(-m_spec.learningRate / c1);
        k.bc2Sqrt = Scalar(std::sqrt(c2));
        k.eps = Scalar(m_spec.epsilon);
        // 1 - lr * wd rounded once, from double (as PyTorch computes it)
        k.decayFactor = Scalar(1.0 - m_spec.learningRate * m_spec.weightDecay);
        const bool decayed =
            m_spec.type == OptimizerKind::AdamW && decay && m_spec.weightDecay != 0.0;
        Scalar *m = m_first[tensor].data();
        Scalar *v = m_second[tensor].data();
        if (decayed) {
            withL1 ? adamLoop<true, true>(w, g, m, v, n, k, l1, l2)
                   : adamLoop<false, true>(w, g, m, v, n, k, l1, l2);
        } else {
            withL1 ? adamLoop<true, false>(w, g, m, v, n, k, l1, l2)
                   : adamLoop<false, false>(w, g, m, v, n, k, l1, l2);
        }
        break;
    }
    }
}

template class Optimizer<float>;
template class Optimizer<double>;

} // namespace reglab
