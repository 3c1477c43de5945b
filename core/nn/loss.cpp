// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/loss.h"

#include "core/nn/loss_kernel.h"

#include <cmath>

namespace reglab {

namespace {

/// The columns of a Ref as one contiguous array: the Ref's own memory when its columns are
/// adjacent (the usual case), else a packed copy.
template<typename Scalar>
struct Contiguous {
    explicit Contiguous(const Eigen::Ref<const Matrix<Scalar>> &m) {
        if (m.outerStride() == m.rows() || m.cols() <= 1) {
            data = m.data();
        } else {
            copy = m;
            data = copy.data();
        }
    }
    Matrix<Scalar> copy;
    const Scalar *data = nullptr;
};

} // namespace

template<typename Scalar>
double lossSumInto(LossKind kind, const Scalar *zPtr, Index k, const Scalar *yPtr, Index yRows,
                   Index n, Scalar *gradPtr, Scalar divisor, long long *correct) {
    using ConstMap = Eigen::Map<const Matrix<Scalar>>;
    const ConstMap z(zPtr, k, n);
    const ConstMap y(yPtr, yRows, n);
    double sum = 0.0;
    switch (kind) {
    case LossKind::SoftmaxCrossEntropy:
        for (Index j = 0; j < n; ++j) {
            const Scalar *col = zPtr + j * k;
            Index best = 0;
            Scalar m = col[0];
            for (Index i = 1; i < k; ++i) {
                if (col[i] > m) {
                    m = col[i];
                    best = i;
                }
            }
            // logsumexp(z) = m + log(sum exp(z - m))
            double s = 0.0;
            for (Index i = 0; i < k; ++i)
                s += std::exp(double(col[i]) - double(m));
            const Index label = Index(y(0, j));
            sum += double(m) + std::log(s) - double(col[label]);
            if (correct && best == label)
                ++*correct;
            if (gradPtr) {
                // (softmax(z) - onehot(y)) / divisor
                Scalar *g = gradPtr + j * k;
                for (Index i = 0; i < k; ++i)
                    g[i] = Scalar(std::exp(double(col[i]) - double(m)) / s);
                g[label] -= Scalar(1);
                for (Index i = 0; i < k; ++i)
                    g[i] /= divisor;
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
            if (gradPtr) {
                const double sig =
                    x >= 0 ? 1.0 / (1.0 + std::exp(-x)) : std::exp(x) / (1.0 + std::exp(x));
                gradPtr[j] = Scalar(sig - t) / divisor;
            }
        }
        break;
    case LossKind::MeanSquaredError: {
        // sum over samples of the per-sample mean over the k outputs
        for (Index j = 0; j < n; ++j)
            sum += (z.col(j) - y.col(j)).template cast<double>().squaredNorm();
        sum /= double(k);
        if (gradPtr) {
            // 2 (z - y) / k, then / divisor
            Eigen::Map<Matrix<Scalar>> g(gradPtr, k, n);
            g = (Scalar(2) / Scalar(k)) * (z - y);
            g /= divisor;
        }
        break;
    }
    }
    return sum;
}

template<typename Scalar>
double computeLoss(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &outputs,
                   const Eigen::Ref<const Matrix<Scalar>> &targets, Matrix<Scalar> *grad) {
    const Index n = outputs.cols();
    if (n == 0)
        return 0.0;
    const Contiguous<Scalar> z(outputs);
    const Contiguous<Scalar> y(targets);
    if (grad)
        grad->resize(outputs.rows(), n);
    const double sum = lossSumInto<Scalar>(kind, z.data, outputs.rows(), y.data, targets.rows(), n,
                                           grad ? grad->data() : nullptr, Scalar(n), nullptr);
    return sum / double(n);
}

template<typename Scalar>
BatchScore scoreBatch(LossKind kind, const Eigen::Ref<const Matrix<Scalar>> &outputs,
                      const Eigen::Ref<const Matrix<Scalar>> &targets) {
    BatchScore score;
    const Contiguous<Scalar> z(outputs);
    const Contiguous<Scalar> y(targets);
    score.lossSum = lossSumInto<Scalar>(kind, z.data, outputs.rows(), y.data, targets.rows(),
                                        outputs.cols(), nullptr, Scalar(1), &score.correct);
    return score;
}

template double lossSumInto<float>(LossKind, const float *, Index, const float *, Index, Index,
                                   float *, float, long long *);
template double lossSumInto<double>(LossKind, const double *, Index, const double *, Index, Index,
                                    double *, double, long long *);
template double computeLoss<float>(LossKind, const Eigen::Ref<const Matrix<float>> &,
                                   const Eigen::Ref<const Matrix<float>> &, Matrix<float> *);
template double computeLoss<double>(LossKind, const Eigen::Ref<const Matrix<double>> &,
                                    const Eigen::Ref<const Matrix<double>> &, Matrix<double> *);
template BatchScore scoreBatch<float>(LossKind, const Eigen::Ref<const Matrix<float>> &,
                                      const Eigen::Ref<const Matrix<float>> &);
template BatchScore scoreBatch<double>(LossKind, const Eigen::Ref<const Matrix<double>> &,
                                       const Eigen::Ref<const Matrix<double>> &);

} // namespace reglab
