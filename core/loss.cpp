// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/loss.h"

#include <cmath>

namespace reglab {

namespace {

/// Per-sample losses summed (not averaged); fills grad with the un-normalized gradient.
template<typename Scalar>
double lossSum(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &z,
               const Eigen::Ref<const Matrix<Scalar>> &y, Matrix<Scalar> *grad,
               long long *correct) {
    const Index k = z.rows();
    const Index n = z.cols();
    double sum = 0.0;
    if (grad)
        grad->resize(k, n);
    switch (kind) {
    case LossKind::SoftmaxCrossEntropy:
        for (Index j = 0; j < n; ++j) {
            const auto col = z.col(j);
            Index best = 0;
            const Scalar m = col.maxCoeff(&best);
            // logsumexp(z) = m + log(sum exp(z - m))
            double s = 0.0;
            for (Index i = 0; i < k; ++i)
                s += std::exp(double(col(i)) - double(m));
            const Index label = Index(y(0, j));
            sum += double(m) + std::log(s) - double(col(label));
            if (correct && best == label)
                ++*correct;
            if (grad) {
                // softmax(z) - onehot(y)
                for (Index i = 0; i < k; ++i)
                    (*grad)(i, j) = Scalar(std::exp(double(col(i)) - double(m)) / s);
                (*grad)(label, j) -= Scalar(1);
            }
        }
        break;
    case LossKind::SigmoidCrossEntropy:
        for (Index j = 0; j < n; ++j) {
            const double x = z(0, j);
            const double t = y(0, j);
            // max(x,0) - x t + log(1 + exp(-|x|)), stable for large |x|
            sum += std::max(x, 0.0) - x * t + std::log1p(std::exp(-std::abs(x)));
            if (correct && (x > 0.0) == (t > 0.5))
                ++*correct;
            if (grad) {
                const double sig =
                    x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
                (*grad)(0, j) = Scalar(sig - t);
            }
        }
        break;
    case LossKind::MeanSquaredError: {
        // sum over samples of the per-sample mean over the k outputs
        const auto diff = (z - y).template cast<double>().array();
        sum = diff.square().sum() / double(k);
        if (grad)
            *grad = (Scalar(2) / Scalar(k)) * (z - y);
        break;
    }
    }
    return sum;
}

} // namespace

template<typename Scalar>
double computeLoss(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &outputs,
                   const Eigen::Ref<const Matrix<Scalar>> &targets, Matrix<Scalar> *grad) {
    const Index n = outputs.cols();
    if (n == 0)
        return 0.0;
    const double sum = lossSum<Scalar>(kind, outputs, targets, grad, nullptr);
    if (grad)
        *grad /= Scalar(n);
    return sum / double(n);
}

template<typename Scalar>
BatchScore scoreBatch(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &outputs,
                      const Eigen::Ref<const Matrix<Scalar>> &targets) {
    BatchScore score;
    score.lossSum = lossSum<Scalar>(kind, outputs, targets, nullptr, &score.correct);
    return score;
}

template double computeLoss<float>(LossKind, const Eigen::Ref<const Matrix<float>> &,
                                   const Eigen::Ref<const Matrix<float>> &, Matrix<float> *);
template double computeLoss<double>(LossKind, const Eigen::Ref<const Matrix<double>> &,
                                    const Eigen::Ref<const Matrix<double>> &, Matrix<double> *);
template BatchScore scoreBatch<float>(LossKind, const Eigen::Ref<const Matrix<float>> &,
                                      const Eigen::Ref<const Matrix<float>> &);
template BatchScore scoreBatch<double>(LossKind, const Eigen::Ref<const Matrix<double>> &,
                                       const Eigen::Ref<const Matrix<double>> &);

} // namespace reglab
