// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file activation.h
/// Stateless elementwise activations. Softmax is not here: it lives in the loss.
///
///   linear   a = z             da/dz = 1
///   relu     a = max(z, 0)     da/dz = 1 if z > 0 else 0
///   tanh     a = tanh(z)       da/dz = 1 - a^2
///   sigmoid  a = 1/(1+e^-z)    da/dz = a (1 - a)
///   elu      a = z if z > 0    da/dz = 1 if z > 0 (a > 0)
///              else e^z - 1          else e^z = a + 1   (alpha = 1, as Keras's and
///                                    PyTorch's defaults)
///
/// Derivatives are written in terms of the output `a`, so the pre-activation need not be
/// kept (relu: a > 0 iff z > 0).

#include "core/types.h"

namespace reglab {

/// In place: z <- activation(z).
template<typename Derived>
void applyActivation(Activation act, Eigen::MatrixBase<Derived> &z) {
    using Scalar = typename Derived::Scalar;
    auto a = z.derived().array();
    switch (act) {
    case Activation::Linear:
        break;
    case Activation::Relu:
        a = a.max(Scalar(0));
        break;
    case Activation::Tanh:
        a = a.tanh();
        break;
    case Activation::Sigmoid:
        // 1 / (1 + exp(-z)) with Eigen's vectorized exp (about 1 ulp). A tanh-based form, or
        // Eigen 3.4's float logistic(), loses digits for negative z (4e-5 relative at z = -10).
        // For z < -88 exp(-z) is +inf and the result the correct limit 0.
        a = Scalar(1) / (Scalar(1) + (-a).exp());
        break;
    case Activation::Elu:
        // expm1 keeps the digits of e^z - 1 for small |z| (as tf.nn.elu and torch's elu do)
        a = (a > Scalar(0)).select(a, a.expm1());
        break;
    }
}

/// In place: delta <- delta * activation'(z), given the activation output a.
/// delta holds dL/da on entry and dL/dz on exit.
template<typename DerivedA, typename DerivedD>
void applyActivationDerivative(Activation act, const Eigen::MatrixBase<DerivedA> &a,
                               Eigen::MatrixBase<DerivedD> &delta) {
    using Scalar = typename DerivedA::Scalar;
    auto d = delta.derived().array();
    const auto x = a.derived().array();
    switch (act) {
    case Activation::Linear:
        break;
    case Activation::Relu:
        d = (x > Scalar(0)).select(d, Scalar(0));
        break;
    case Activation::Tanh:
        d *= Scalar(1) - x.square();
        break;
    case Activation::Sigmoid:
        d *= x * (Scalar(1) - x);
        break;
    case Activation::Elu:
        // a > 0 iff z > 0; otherwise e^z = a + 1
        d = (x > Scalar(0)).select(d, d * (x + Scalar(1)));
        break;
    }
}

} // namespace reglab
