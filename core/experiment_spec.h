// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file experiment_spec.h
/// What an experiment is: data, network, loss, regularization, optimizer, training.
/// This is what the network editor edits, what the CLI parses from JSON, and what the
/// trainer runs. Plain data; `validate()` says what is wrong with it.
/// The JSON form is documented key by key in docs/experiment-format.md.

#include "core/types.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reglab {

/// One tensor's penalty: l1 * sum(|w|) + l2-term, the L2 term per the experiment's
/// L2Convention. A missing key in JSON is 0.
struct RegularizerSpec {
    double l1 = 0.0;
    double l2 = 0.0;

    bool isZero() const { return l1 == 0.0 && l2 == 0.0; }
    bool operator==(const RegularizerSpec &) const = default;
};

/// One entry of the model's layer list.
///  - "dense": a fully connected layer, outputs = activation(kernel * inputs + bias).
///  - "conv2d": a 2-D convolution over a height x width x channels input (Keras's Conv2D,
///    channels last): `filters` output channels, a kernel_size[0] x kernel_size[1] window
///    moved by `strides`, "valid" or "same" (zero) padding; then bias and activation. Its
///    kernel is [kh, kw, in, filters] (Keras's layout). Regularizers as for dense layers.
///  - "max_pool2d": the maximum over pool_size windows moved by `strides` (default
///    pool_size), per channel; "same" padding is ignored by the maximum. No weights.
///  - "flatten": an image h x w x c becomes h * w * c features in Keras's order (row,
///    column, channel). No weights.
///  - "dropout": inverted dropout of the values flowing into the next dense or conv2d layer
///    (Keras's and PyTorch's): while training each value is kept with probability 1 - rate
///    and the kept ones are scaled by 1 / (1 - rate); at evaluation it is the identity. Only
///    `name` and `rate` apply; it has no weights, metrics columns or weight arrays.
///  - "spatial_dropout2d": dropout of whole channels of an h x w x c image (Keras's
///    SpatialDropout2D, PyTorch's Dropout2d): one keep/drop draw per sample and channel,
///    shared by every position of that channel, inverted scaling as dropout; identity at
///    evaluation. Only right after a conv2d or max_pool2d layer, and in front of a conv2d
///    layer (or a flatten and a dense layer); not combined with another dropout there.
/// Dense and conv2d layers are the weight layers: each has a kernel, a bias, metrics
/// columns and weight arrays.
struct LayerSpec {
    std::string name;
    /// "dense", "conv2d", "max_pool2d", "flatten", "dropout" or "spatial_dropout2d"
    std::string type = "dense";
    int units = 0;                       ///< dense only
    double rate = 0.0;                   ///< dropout and spatial_dropout2d, in [0, 1)
    int filters = 0;                     ///< conv2d only, output channels
    std::array<int, 2> kernelSize{3, 3}; ///< conv2d only, [height, width]
    std::array<int, 2> poolSize{2, 2};   ///< max_pool2d only, [height, width]
    /// conv2d and max_pool2d, [down, across]; nullopt: 1 (conv2d) or pool_size (max_pool2d).
    std::optional<std::array<int, 2>> strides;
    Padding padding = Padding::Valid; ///< conv2d and max_pool2d
    Activation activation = Activation::Linear;
    Initializer kernelInitializer = Initializer::GlorotUniform;
    bool useBias = true;
    std::optional<RegularizerSpec> kernelRegularizer; ///< nullopt = JSON null = none
    std::optional<RegularizerSpec> biasRegularizer;

    /// Both kinds of dropout (they share rate, validation and placement rules).
    bool isDropout() const { return type == "dropout" || type == "spatial_dropout2d"; }
    /// spatial_dropout2d: whole channels.
    bool isSpatialDropout() const { return type == "spatial_dropout2d"; }
    bool isDense() const { return type == "dense"; }
    bool isConv() const { return type == "conv2d"; }
    bool isPool() const { return type == "max_pool2d"; }
    bool isFlatten() const { return type == "flatten"; }
    /// Dense and conv2d: a kernel, a bias, regularizers, metrics columns, weight arrays.
    bool hasWeights() const { return isDense() || isConv(); }
    /// conv2d, max_pool2d and flatten: the layers that need (or consume) an image.
    bool isSpatial() const { return isConv() || isPool() || isFlatten(); }
    /// The window's strides with the default filled in.
    std::array<int, 2> effectiveStrides() const {
        return strides ? *strides : isPool() ? poolSize : std::array<int, 2>{1, 1};
    }
    /// The window's size: kernel_size (conv2d), pool_size (max_pool2d), 1 x 1 otherwise.
    std::array<int, 2> windowSize() const {
        return isConv() ? kernelSize : isPool() ? poolSize : std::array<int, 2>{1, 1};
    }
    /// Output width of a weight layer: units (dense) or filters (conv2d).
    int outputs() const { return isConv() ? filters : units; }
    bool operator==(const LayerSpec &) const = default;
};

/// The shape of the values between two layers: an image of height x width x channels
/// (channels last, stored per sample as (row, column, channel) in row-major order) or, when
/// `image` is false, a vector of `channels` features (height = width = 1).
struct TensorShape {
    int height = 1;
    int width = 1;
    int channels = 0;
    bool image = false;

    long long size() const { return (long long)height * width * channels; }
    /// "28x28x1" for an image, "784" for features.
    std::string text() const;
    bool operator==(const TensorShape &) const = default;
};

/// One sliding window along one axis (Keras/TF): "valid": out = floor((in - k) / s) + 1
/// (0 when k > in), no padding; "same": out = ceil(in / s), a total padding of
/// max((out - 1) s + k - in, 0) of which the smaller half goes before.
struct WindowAxis {
    int out = 0;
    int padBefore = 0;
};
WindowAxis windowAxis(int in, int kernel, int stride, Padding padding);

struct ModelSpec {
    std::vector<LayerSpec> layers;
    bool operator==(const ModelSpec &) const = default;

    /// Positions in `layers` of the weight layers (dense and conv2d), in order: weight layer
    /// k (the network's layer k, its metrics columns and weight arrays) is
    /// layers[weightIndices()[k]].
    std::vector<std::size_t> weightIndices() const;
    /// Per weight layer, the dropout rate applied to its input: the dropout entries before it
    /// (with only flatten layers in between) combined, 1 - prod(1 - rate) (two independent
    /// dropouts keep a value with the product of their keep probabilities); 0 without dropout.
    std::vector<double> inputDropoutRates() const;
    /// True when a layer is conv2d, max_pool2d or flatten: the input is then the data's image
    /// (height x width x channels). Without them an image set is read as flat features.
    bool hasSpatialLayers() const;
    /// The output shape of every layer for inputs of shape `input` (in the order of
    /// `layers`), checking that each layer fits its input and that the weights stay within
    /// limits::kMaxParameters. Throws InputError(file, "model.layers.<i>.<field>", why).
    std::vector<TensorShape> inferShapes(const TensorShape &input,
                                         const std::string &file = {}) const;
};

/// Where the data comes from. `source` is a built-in name (circle, xor, gaussian,
/// spiral, moons, plane, multigaussian, mnist-10k, fashion-mnist) or "idx" / "csv" / "npz".
struct DatasetSpec {
    std::string source = "spiral";
    double testFraction = 0.2; ///< share held out for testing when no test files are given
    // Synthetic 2-D sets.
    int samples = 500;
    double noise = 0.1;
    // "idx": MNIST-format files (raw or .gz). Without test files the train files are split.
    std::string images;
    std::string labels;
    std::string testImages;
    std::string testLabels;
    // "csv": numeric columns with a header; `target` names the label/target column.
    // "npz": `path` is the .npz with x_train, y_train, x_test, y_test (npz_dataset.h).
    std::string path;
    /// "csv": a second file with the same columns as the test part; the file at `path` is
    /// then used whole for training (no split). Empty: `path` is split by testFraction.
    std::string testPath;
    std::string target;
    /// Use at most this many samples of the source before splitting (0 = all).
    int limit = 0;
    /// Share of the training part held out as a validation set (0 = none), [0, 1). Carved
    /// first, before train_size and label_noise; validation labels stay clean.
    double validationFraction = 0.0;
    /// Train on this many of the (remaining) training samples; nullopt = all.
    std::optional<int> trainSize;
    /// Share of training labels replaced by a different class, [0, 1] (classification only):
    /// exactly round(label_noise * n) labels, chosen and replaced under the seed.
    double labelNoise = 0.0;

    bool operator==(const DatasetSpec &) const = default;
};

struct OptimizerSpec {
    OptimizerKind type = OptimizerKind::Adam;
    double learningRate = 0.001;
    double momentum = 0.0;  ///< sgd only
    bool nesterov = false;  ///< sgd only
    double beta1 = 0.9;     ///< adam, adamw
    double beta2 = 0.999;   ///< adam, adamw
    double epsilon = 1e-7;  ///< adam, adamw
    double weightDecay = 0; ///< adamw only: decoupled decay w -= lr * weight_decay * w

    bool operator==(const OptimizerSpec &) const = default;
};

/// Keras's EarlyStopping (keras.callbacks.EarlyStopping, mode "auto"): after each epoch the
/// monitored metric counts as improved when it beats the best so far by more than
/// |min_delta| (lower for losses, higher for accuracies); training stops once `patience`
/// epochs in a row did not improve (never after the first epoch). The first
/// `start_from_epoch` epochs are not watched. See core/train/early_stopping.h.
struct EarlyStoppingSpec {
    /// val_data_loss, val_accuracy, test_data_loss, test_accuracy, train_data_loss,
    /// train_accuracy or total_loss (val_* need dataset.validation_fraction > 0).
    std::string monitor = "val_data_loss";
    double minDelta = 0.0;
    int patience = 0;
    bool restoreBestWeights = false;
    int startFromEpoch = 0;

    bool operator==(const EarlyStoppingSpec &) const = default;
};

struct TrainingSpec {
    int batchSize = 32;
    int epochs = 10;
    bool shuffle = true;
    int reportEverySteps = 0; ///< 0 = epoch reports only
    int histogramBins = 40;
    /// When false the penalty terms are computed and reported but neither added to the
    /// loss nor to the gradients: TF1's REGULARIZATION_LOSSES collected and never used.
    bool penaltyInLoss = true;
    /// The factor the summed penalty enters the loss and its gradient with:
    /// total_loss = data_loss + penalty_multiplier * reg_loss (reg_loss is reported
    /// unmultiplied). TF1's `loss = data + reg_constant * tf.add_n(reg_losses)`.
    double penaltyMultiplier = 1.0;
    std::optional<EarlyStoppingSpec> earlyStopping; ///< nullopt = train every epoch

    bool operator==(const TrainingSpec &) const = default;
};

struct ExperimentSpec {
    std::string name = "untitled";
    std::string description;
    std::uint64_t seed = 1;
    DatasetSpec dataset;
    ModelSpec model;
    LossKind loss = LossKind::SoftmaxCrossEntropy;
    L2Convention l2Convention = L2Convention::Keras;
    OptimizerSpec optimizer;
    TrainingSpec training;

    bool operator==(const ExperimentSpec &) const = default;

    /// Throws InputError(file, "dotted.field", what is wrong) for the first problem found:
    /// sizes out of range, non-finite or negative scales, duplicate layer names, an
    /// optimizer option that does not apply, and so on.
    void validate(const std::string &file = {}) const;

    TaskKind task() const {
        return loss == LossKind::MeanSquaredError ? TaskKind::Regression : TaskKind::Classification;
    }
};

/// Hard limits that keep a typo from allocating the machine away.
namespace limits {
inline constexpr int kMaxUnits = 65536;
inline constexpr int kMaxFilters = 1024;
inline constexpr int kMaxKernelSize = 15;
inline constexpr int kMaxStride = 64;
inline constexpr int kMaxPoolSize = 64;
inline constexpr long long kMaxParameters = 50'000'000;
inline constexpr int kMaxLayers = 64;
inline constexpr int kMaxBatchSize = 1'000'000;
inline constexpr int kMaxEpochs = 1'000'000;
inline constexpr int kMaxSamples = 1'000'000;
inline constexpr int kMaxHistogramBins = 1000;
inline constexpr int kMaxPatience = 1'000'000;
inline constexpr double kMaxScale = 1e12;
} // namespace limits

/// The metric names training.early_stopping.monitor accepts, in the order of the docs.
const std::vector<std::string> &earlyStoppingMonitors();

/// The experiment the app opens on: a small noisy spiral and a 2-hidden-layer net.
ExperimentSpec defaultExperiment();

} // namespace reglab
