// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file types.h
/// Vocabulary shared by the whole engine: matrix aliases and the enums an experiment names.

#include <Eigen/Core>

#include <optional>
#include <string>
#include <string_view>

namespace reglab {

using Index = Eigen::Index;

/// Column-major dynamic matrix. Throughout the engine a batch is `features x samples`:
/// each column is one observation (as in MiniDNN).
template<typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template<typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

using MatrixF = Matrix<float>;
using VectorF = Vector<float>;

enum class Activation { Linear, Relu, Tanh, Sigmoid, Elu };
enum class Initializer { GlorotUniform, HeNormal, Zeros };
enum class LossKind { SoftmaxCrossEntropy, SigmoidCrossEntropy, MeanSquaredError };
/// How an L2 scale b turns into a penalty term.
///  - Keras (tf.keras.regularizers.l2):             b * sum(w^2),     gradient 2 b w
///  - Tf1   (tf.contrib.layers.l2_regularizer,
///           b * tf.nn.l2_loss(w)):                  b * sum(w^2) / 2, gradient b w
enum class L2Convention { Keras, Tf1 };
enum class OptimizerKind { Sgd, Adam, AdamW };
enum class TaskKind { Classification, Regression };
/// How a conv2d or max_pool2d window meets the border (Keras's `padding`): valid windows
/// only, or "same" zero padding (ignored by the max) so that out = ceil(in / stride).
enum class Padding { Valid, Same };
/// The two trainable tensors of a dense layer.
enum class Tensor { Kernel, Bias };

/// Names as they appear in experiment files ("relu", "tf1", "adamw", ...).
std::string_view toString(Activation value);
std::string_view toString(Initializer value);
std::string_view toString(LossKind value);
std::string_view toString(L2Convention value);
std::string_view toString(OptimizerKind value);
std::string_view toString(TaskKind value);
std::string_view toString(Padding value);

std::optional<Activation> activationFromString(std::string_view name);
std::optional<Initializer> initializerFromString(std::string_view name);
std::optional<LossKind> lossFromString(std::string_view name);
std::optional<L2Convention> l2ConventionFromString(std::string_view name);
std::optional<OptimizerKind> optimizerFromString(std::string_view name);
std::optional<Padding> paddingFromString(std::string_view name);

} // namespace reglab
