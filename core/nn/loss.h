// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file loss.h
/// Data losses on a batch of network outputs (`outputs x batch`, pre-activation logits for
/// the cross-entropies). Every loss is the mean over the batch.
///
///   softmax_cross_entropy  y: 1 x n class indices.
///       L = 1/n sum_j [ logsumexp(z_j) - z_{y_j, j} ]
///       dL/dz = (softmax(z) - onehot(y)) / n
///   sigmoid_cross_entropy  y: 1 x n in {0, 1} (one output).
///       L = 1/n sum_j [ max(z,0) - z y + log(1 + exp(-|z|)) ]
///       dL/dz = (sigmoid(z) - y) / n
///   mse                    y: k x n targets.
///       L = 1/(n k) sum (z - y)^2           (mean over every element, as Keras and PyTorch)
///       dL/dz = 2 (z - y) / (n k)

#include "core/types.h"

namespace reglab {

/// Returns the mean loss of `outputs` against `targets`. When `grad` is not null it is
/// resized to outputs' shape and receives dL/doutputs. Sums are accumulated in double.
template<typename Scalar>
double computeLoss(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &outputs,
                   const Eigen::Ref<const Matrix<Scalar>> &targets, Matrix<Scalar> *grad);

/// Loss and correct-prediction count of a batch, without gradients.
/// Correct: argmax == label (softmax), (z > 0) == label (sigmoid); 0 for mse.
struct BatchScore {
    double lossSum = 0.0; ///< loss summed over the batch (not the mean)
    long long correct = 0;
};
template<typename Scalar>
BatchScore scoreBatch(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &outputs,
                      const Eigen::Ref<const Matrix<Scalar>> &targets);

} // namespace reglab
