// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file experiment_spec.h
/// What an experiment is: data, network, loss, regularization, optimizer, training.
/// This is what the network editor edits, what the CLI parses from JSON, and what the
/// trainer runs. Plain data; `validate()` says what is wrong with it.
/// The JSON form is documented key by key in docs/experiment-format.md.

#include "core/types.h"

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
///  - "dropout": inverted dropout of the values flowing into the next dense layer (Keras's
///    and PyTorch's): while training each value is kept with probability 1 - rate and the
///    kept ones are scaled by 1 / (1 - rate); at evaluation it is the identity. Only `name`
///    and `rate` apply; it has no weights, metrics columns or weight arrays.
struct LayerSpec {
    std::string name;
    std::string type = "dense"; ///< "dense" or "dropout"
    int units = 0;
    double rate = 0.0; ///< dropout only, in [0, 1)
    Activation activation = Activation::Linear;
    Initializer kernelInitializer = Initializer::GlorotUniform;
    bool useBias = true;
    std::optional<RegularizerSpec> kernelRegularizer; ///< nullopt = JSON null = none
    std::optional<RegularizerSpec> biasRegularizer;

    bool isDropout() const { return type == "dropout"; }
    bool operator==(const LayerSpec &) const = default;
};

struct ModelSpec {
    std::vector<LayerSpec> layers;
    bool operator==(const ModelSpec &) const = default;

    /// Positions in `layers` of the dense layers, in order: dense layer k (the network's
    /// layer k, its metrics columns and weight arrays) is layers[denseIndices()[k]].
    std::vector<std::size_t> denseIndices() const;
    /// Per dense layer, the dropout rate applied to its input: the dropout entries right
    /// before it combined, 1 - prod(1 - rate) (two independent dropouts keep a value with
    /// the product of their keep probabilities); 0 without dropout.
    std::vector<double> inputDropoutRates() const;
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
