// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/types.h"

#include <array>
#include <utility>

namespace reglab {

namespace {

template<typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N> &table, Enum value) {
    for (const auto &[e, name] : table) {
        if (e == value)
            return name;
    }
    return "unknown";
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N> &table,
                            std::string_view name) {
    for (const auto &[e, n] : table) {
        if (n == name)
            return e;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<Activation, std::string_view>, 5> kActivations{{
    {Activation::Linear, "linear"},
    {Activation::Relu, "relu"},
    {Activation::Tanh, "tanh"},
    {Activation::Sigmoid, "sigmoid"},
    {Activation::Elu, "elu"},
}};
constexpr std::array<std::pair<Initializer, std::string_view>, 3> kInitializers{{
    {Initializer::GlorotUniform, "glorot_uniform"},
    {Initializer::HeNormal, "he_normal"},
    {Initializer::Zeros, "zeros"},
}};
constexpr std::array<std::pair<LossKind, std::string_view>, 3> kLosses{{
    {LossKind::SoftmaxCrossEntropy, "softmax_cross_entropy"},
    {LossKind::SigmoidCrossEntropy, "sigmoid_cross_entropy"},
    {LossKind::MeanSquaredError, "mse"},
}};
constexpr std::array<std::pair<L2Convention, std::string_view>, 2> kConventions{{
    {L2Convention::Keras, "keras"},
    {L2Convention::Tf1, "tf1"},
}};
constexpr std::array<std::pair<OptimizerKind, std::string_view>, 3> kOptimizers{{
    {OptimizerKind::Sgd, "sgd"},
    {OptimizerKind::Adam, "adam"},
    {OptimizerKind::AdamW, "adamw"},
}};
constexpr std::array<std::pair<Padding, std::string_view>, 2> kPaddings{{
    {Padding::Valid, "valid"},
    {Padding::Same, "same"},
}};

} // namespace

std::string_view toString(Activation value) {
    return nameOf(kActivations, value);
}
std::string_view toString(Initializer value) {
    return nameOf(kInitializers, value);
}
std::string_view toString(LossKind value) {
    return nameOf(kLosses, value);
}
std::string_view toString(L2Convention value) {
    return nameOf(kConventions, value);
}
std::string_view toString(OptimizerKind value) {
    return nameOf(kOptimizers, value);
}
std::string_view toString(TaskKind value) {
    return value == TaskKind::Classification ? "classification" : "regression";
}

std::string_view toString(Padding value) {
    return nameOf(kPaddings, value);
}

std::optional<Activation> activationFromString(std::string_view name) {
    return valueOf(kActivations, name);
}
std::optional<Initializer> initializerFromString(std::string_view name) {
    return valueOf(kInitializers, name);
}
std::optional<LossKind> lossFromString(std::string_view name) {
    return valueOf(kLosses, name);
}
std::optional<L2Convention> l2ConventionFromString(std::string_view name) {
    return valueOf(kConventions, name);
}
std::optional<OptimizerKind> optimizerFromString(std::string_view name) {
    return valueOf(kOptimizers, name);
}
std::optional<Padding> paddingFromString(std::string_view name) {
    return valueOf(kPaddings, name);
}

} // namespace reglab
