// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file regularizer.h
/// Penalty terms and their gradients, per tensor.
///
///   L1 term:            a * sum(|w|)                 d/dw = a * sign(w), sign(0) = 0
///   L2 term (keras):    b * sum(w^2)                 d/dw = 2 b w
///   L2 term (tf1):      b * sum(w^2) / 2             d/dw = b w
///
/// Sums are accumulated in double whatever the tensor's scalar type.

#include "core/experiment_spec.h"
#include "core/types.h"

namespace reglab {

/// The two terms one regularizer adds for one tensor.
struct PenaltyTerms {
    double l1 = 0.0;
    double l2 = 0.0;
    double total() const { return l1 + l2; }
};

/// Multiplier of sum(w^2) in the L2 term: 1 (keras) or 1/2 (tf1).
inline double l2TermFactor(L2Convention convention) {
    return convention == L2Convention::Keras ? 1.0 : 0.5;
}

/// Multiplier of w in the L2 gradient: 2 (keras) or 1 (tf1).
inline double l2GradientFactor(L2Convention convention) {
    return convention == L2Convention::Keras ? 2.0 : 1.0;
}

/// Gradient coefficients of one tensor's penalty: d/dw = l1 * sign(w) + l2 * w.
/// A zero-initialized value means "no penalty".
template<typename Scalar>
struct PenaltyGradient {
    Scalar l1 = 0;
    Scalar l2 = 0;
    bool isZero() const { return l1 == Scalar(0) && l2 == Scalar(0); }
};

/// `multiplier` scales both (training.penalty_multiplier; 1 changes nothing).
template<typename Scalar>
PenaltyGradient<Scalar> penaltyGradient(const std::optional<RegularizerSpec> &reg,
                                        L2Convention convention, double multiplier = 1.0) {
    if (!reg)
        return {};
    return {Scalar(reg->l1 * multiplier),
            Scalar(reg->l2 * l2GradientFactor(convention) * multiplier)};
}

/// sign(x) with sign(0) = 0.
template<typename Scalar>
inline Scalar signum(Scalar x) {
    return Scalar((Scalar(0) < x) - (x < Scalar(0)));
}

/// Penalty terms of tensor `w` under `reg` (nullopt = none).
template<typename Derived>
PenaltyTerms penaltyTerms(const Eigen::DenseBase<Derived> &w,
                          const std::optional<RegularizerSpec> &reg, L2Convention convention) {
    PenaltyTerms terms;
    if (!reg || reg->isZero())
        return terms;
    const auto wd = w.derived().template cast<double>().array();
    if (reg->l1 != 0.0)
        terms.l1 = reg->l1 * wd.abs().sum();
    if (reg->l2 != 0.0)
        terms.l2 = reg->l2 * l2TermFactor(convention) * wd.square().sum();
    return terms;
}

/// grad += d(penalty)/dw, elementwise.
template<typename Derived, typename GradDerived>
void addPenaltyGradient(const Eigen::DenseBase<Derived> &w,
                        const PenaltyGradient<typename Derived::Scalar> &coeff,
                        Eigen::DenseBase<GradDerived> &grad) {
    using Scalar = typename Derived::Scalar;
    if (coeff.l2 != Scalar(0))
        grad.derived().array() += coeff.l2 * w.derived().array();
    if (coeff.l1 != Scalar(0))
        grad.derived().array() += coeff.l1 * w.derived().array().sign();
}

} // namespace reglab
