// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file optimizer_loops.h
/// The optimizer's update loops (Optimizer::update). Included by optimizer.cpp (double
/// tensors) and by kernels_update.cpp, which compiles them once per instruction set for float
/// tensors (kernels.h); each includer's copy lives in its own namespace
/// reglab::kernels::REGLAB_KERNEL_NS. Every includer is compiled with -ffp-contract=off: each
/// a * b + c below is rounded twice unless written as mulAdd(), so the arithmetic is exactly
/// the one written here (PyTorch's order of operations), whatever the compiler or target.

#include "core/nn/kernels.h"

#include <cmath>

#ifndef REGLAB_KERNEL_NS
#define REGLAB_KERNEL_NS common
#endif

namespace reglab::kernels::REGLAB_KERNEL_NS {

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

/// sign(x) as -1, 0 or 1 (this namespace's own copy: see kernels.h).
template<typename Scalar>
inline Scalar sign(Scalar x) {
    return Scalar((Scalar(0) < x) - (x < Scalar(0)));
}

/// g = dData/dw + l1 sign(w) + l2 w, the penalty's gradient fused in (PyTorch's weight decay:
/// grad.add(param, alpha = l2)). The l1 term is left out at compile time when l1 == 0 (it
/// would add +-0, which changes nothing).
template<bool WithL1, typename Scalar>
inline Scalar fusedGradient(Scalar w, Scalar g, Scalar l1, Scalar l2) {
    if constexpr (WithL1)
        return mulAdd(w, l2, g + l1 * sign(w));
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
void adamLoop(const UpdateArgsT<Scalar> &k) {
    Scalar *__restrict w = k.w;
    const Scalar *__restrict gData = k.g;
    Scalar *__restrict m = k.m;
    Scalar *__restrict v = k.v;
    for (Index i = 0; i < k.n; ++i) {
        // The gradient is read before w changes (it depends on w through the penalty).
        const Scalar g = fusedGradient<WithL1>(w[i], gData[i], k.l1, k.l2);
        m[i] = mulAdd(g, k.oneMinusB1, m[i] * k.b1);
        v[i] = mulAdd(k.oneMinusB2 * g, g, v[i] * k.b2);
        Scalar wi = w[i];
        if constexpr (Decay)
            wi *= k.decayFactor; // adamw: w <- w - lr wd w
        const Scalar denom = std::sqrt(v[i]) / k.bc2Sqrt + k.eps;
        w[i] = wi + (k.negStepSize * m[i]) / denom;
    }
}

/// One update of one tensor (slice): the loop for the optimizer, with the l1 term compiled in
/// only when l1 != 0.
template<typename Scalar>
void runUpdate(const UpdateArgsT<Scalar> &k) {
    const bool withL1 = k.l1 != Scalar(0);
    switch (k.type) {
    case OptimizerKind::Sgd:
        if (k.mu == Scalar(0)) {
            withL1 ? sgdLoop<true>(k.w, k.g, k.n, k.lr, k.l1, k.l2)
                   : sgdLoop<false>(k.w, k.g, k.n, k.lr, k.l1, k.l2);
        } else if (k.nesterov) {
            withL1 ? momentumLoop<true, true>(k.w, k.g, k.m, k.n, k.lr, k.mu, k.l1, k.l2)
                   : momentumLoop<false, true>(k.w, k.g, k.m, k.n, k.lr, k.mu, k.l1, k.l2);
        } else {
            withL1 ? momentumLoop<true, false>(k.w, k.g, k.m, k.n, k.lr, k.mu, k.l1, k.l2)
                   : momentumLoop<false, false>(k.w, k.g, k.m, k.n, k.lr, k.mu, k.l1, k.l2);
        }
        break;
    case OptimizerKind::Adam:
    case OptimizerKind::AdamW:
        if (k.decayed)
            withL1 ? adamLoop<true, true>(k) : adamLoop<false, true>(k);
        else
            withL1 ? adamLoop<true, false>(k) : adamLoop<false, false>(k);
        break;
    }
}

} // namespace reglab::kernels::REGLAB_KERNEL_NS
