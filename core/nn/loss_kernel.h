// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file loss_kernel.h
/// The loss kernel behind computeLoss() and scoreBatch() (loss.h), on caller-owned memory
/// so the training step's fast path never allocates. Formulas: see loss.h.

#include "core/types.h"

namespace reglab {

/// Per-sample losses of z (k x n, column-major, leading dimension k) against targets y
/// (yRows x n, leading dimension yRows), summed over the n columns (accumulated in double).
/// When `grad` is not null it receives dL/dz for a batch mean over `divisor` samples
/// (k x n, leading dimension k): the per-sample gradient divided by `divisor`, exactly as
/// computeLoss() computes it when divisor is its batch size. When `correct` is not null the
/// correct predictions are added to it.
template<typename Scalar>
double lossSumInto(LossKind kind, const Scalar *z, Index k, const Scalar *y, Index yRows, Index n,
                   Scalar *grad, Scalar divisor, long long *correct);

extern template double lossSumInto<float>(LossKind, const float *, Index, const float *, Index,
                                          Index, float *, float, long long *);
extern template double lossSumInto<double>(LossKind, const double *, Index, const double *, Index,
                                           Index, double *, double, long long *);

} // namespace reglab
