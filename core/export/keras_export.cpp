// SPDX-License-Identifier: GPL-3.0-or-later
// The Keras script (templates/keras.py.in): a functional model of Dense and Conv2D layers
// with kernel_regularizer / bias_regularizer (and MaxPooling2D, Flatten, Dropout), trained by
// model.fit.

#include "core/export/code_export_internal.h"
#include "core/export/templates.h"

namespace reglab::codegen {

namespace {

/// The penalties RegLab reports but Keras must not train on (penalty_in_loss false), as
/// comments: the regularizers are left off the layers.
std::string penaltiesLeftOff(const ExperimentSpec &spec) {
    if (spec.training.penaltyInLoss || !anyPenalty(spec))
        return {};
    std::string out =
        R"(# training.penalty_in_loss is false. Keras adds every kernel_regularizer / bias_regularizer
# to the loss it trains on, so the regularizers are left off the layers; these are the
# penalties RegLab reports (layer_metrics above computes them):
)";
    for (const LayerSpec &l : spec.model.layers) {
        if (!l.hasWeights())
            continue;
        if (active(l.kernelRegularizer))
            add(out, "#   " + l.name + " kernel_regularizer="
                         + penaltyExpression(*l.kernelRegularizer, spec.l2Convention,
                                             CodeFramework::Keras));
        if (l.useBias && active(l.biasRegularizer))
            add(out, "#   " + l.name + " bias_regularizer="
                         + penaltyExpression(*l.biasRegularizer, spec.l2Convention,
                                             CodeFramework::Keras));
    }
    return out;
}

/// One `keras.layers.Dense(...)(x)` call per layer, the last one named `outputs`;
/// `keras.layers.Dropout(rate)` for dropout (active in fit, the identity in predict);
/// Conv2D, MaxPooling2D and Flatten (channels last, as RegLab) after a Reshape of the flat
/// (row, column, channel) features into the image.
std::string layers(const ExperimentSpec &spec, const CodeExportOptions &options) {
    // Keras adds the regularizers' sum to its loss as is: penalty_multiplier m goes into
    // the scales (m a, m b'), which is the same objective and gradient.
    const double multiplier = spec.training.penaltyMultiplier;
    const auto regularizer = [&](const std::optional<RegularizerSpec> &reg) {
        if (!active(reg) || !spec.training.penaltyInLoss)
            return std::string("None");
        return penaltyExpression(multiplied(*reg, multiplier), spec.l2Convention,
                                 CodeFramework::Keras);
    };
    std::string out;
    std::string input = "inputs";
    if (spec.model.hasSpatialLayers()) {
        const TensorShape &in = options.inputShape;
        add(out, "# (row, column, channel) features -> height x width x channels images");
        add(out, "x = keras.layers.Reshape((" + std::to_string(in.height) + ", "
                     + std::to_string(in.width) + ", " + std::to_string(in.channels)
                     + "))(inputs)");
        input = "x";
    }
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        const bool last = i + 1 == spec.model.layers.size();
        const std::string from = input; // what the layer is called on
        const std::string call = ", name=" + key(l) + ")(" + from + ")";
        input = "x";
        if (l.isDropout()) {
            // SpatialDropout2D drops whole channels of the image (one draw per sample and
            // channel).
            add(out, std::string("x = keras.layers.")
                         + (l.isSpatialDropout() ? "SpatialDropout2D(" : "Dropout(")
                         + pythonFloat(l.rate) + call);
            continue;
        }
        if (l.isFlatten()) {
            add(out, "x = keras.layers.Flatten(name=" + key(l) + ")(" + from + ")");
            continue;
        }
        const std::string padding = "padding=\"" + std::string(toString(l.padding)) + "\"";
        if (l.isPool()) {
            add(out, "x = keras.layers.MaxPooling2D(pool_size=" + pythonPair(l.poolSize)
                         + ", strides=" + pythonPair(l.effectiveStrides()) + ", " + padding + call);
            continue;
        }
        if (l.isConv()) {
            add(out, "x = keras.layers.Conv2D(");
            add(out, "    " + std::to_string(l.filters) + ",");
            add(out, "    kernel_size=" + pythonPair(l.kernelSize) + ",");
            add(out, "    strides=" + pythonPair(l.effectiveStrides()) + ",");
            add(out, "    " + padding + ",");
        } else {
            add(out, std::string(last ? "outputs" : "x") + " = keras.layers.Dense(");
            add(out, "    " + std::to_string(l.units) + ",");
        }
        add(out, "    activation=\"" + std::string(toString(l.activation)) + "\",");
        add(out, "    use_bias=" + pythonBool(l.useBias) + ",");
        add(out, "    kernel_initializer=\"" + std::string(toString(l.kernelInitializer)) + "\",");
        add(out, "    kernel_regularizer=" + regularizer(l.kernelRegularizer) + ",");
        if (l.useBias)
            add(out, "    bias_regularizer=" + regularizer(l.biasRegularizer) + ",");
        add(out, "    name=" + key(l) + ",");
        add(out, ")(" + from + ")");
    }
    return out;
}

std::string optimizer(const OptimizerSpec &o) {
    const std::string lr = "learning_rate=" + pythonFloat(o.learningRate);
    const std::string adamArgs = "beta_1=" + pythonFloat(o.beta1) + ", beta_2="
                                 + pythonFloat(o.beta2) + ", epsilon=" + pythonFloat(o.epsilon);
    std::string out = adamEpsilonNote(o, "Keras");
    switch (o.type) {
    case OptimizerKind::Sgd:
        add(out, "# Keras keeps the velocity as -lr v: the same steps as RegLab's (PyTorch's) "
                 "form while the");
        add(out, "# learning rate is constant.");
        add(out, "optimizer = keras.optimizers.SGD(" + lr + ", momentum=" + pythonFloat(o.momentum)
                     + ", nesterov=" + pythonBool(o.nesterov) + ")");
        break;
    case OptimizerKind::Adam:
        add(out, "optimizer = keras.optimizers.Adam(" + lr + ", " + adamArgs + ")");
        break;
    case OptimizerKind::AdamW:
        add(out, "# Decoupled decay w -= lr * weight_decay * w on every variable, biases "
                 "included (TF >= 2.11).");
        add(out, "optimizer = keras.optimizers.AdamW(" + lr
                     + ", weight_decay=" + pythonFloat(o.weightDecay) + ", " + adamArgs + ")");
        break;
    }
    return out;
}

} // namespace

std::string kerasScript(const ExperimentSpec &spec, const CodeExportOptions &options) {
    Holes holes = sharedHoles(spec, CodeFramework::Keras, options);
    addRunFolder(holes, spec, CodeFramework::Keras, options);
    holes["PENALTIES_LEFT_OFF"] = penaltiesLeftOff(spec);
    holes["LAYERS"] = layers(spec, options);
    std::string names;
    std::string fromFile;
    for (const LayerSpec &l : spec.model.layers) {
        if (!l.hasWeights())
            continue;
        names += (names.empty() ? "" : ", ") + key(l);
        add(fromFile, "model.get_layer(" + key(l) + ").set_weights([" + initArray(l, "kernel")
                          + (l.useBias ? ", " + initArray(l, "bias") : std::string()) + "])");
    }
    holes["LAYER_NAMES"] = names;
    holes["INIT_FROM_FILE"] = fromFile;
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        holes["DATA_LOSS"] =
            "data_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)";
        break;
    case LossKind::SigmoidCrossEntropy:
        holes["DATA_LOSS"] = "data_loss = keras.losses.BinaryCrossentropy(from_logits=True)";
        break;
    case LossKind::MeanSquaredError:
        holes["DATA_LOSS"] =
            "data_loss = keras.losses.MeanSquaredError()  # mean over every element";
        break;
    }
    holes["OPTIMIZER"] = optimizer(spec.optimizer);
    holes["REPORT_VAL"] = hasValidation(spec) ? ", predict(x_val)" : "";
    std::string callbacks = "EpochReport()";
    std::string early;
    if (const auto &e = spec.training.earlyStopping) {
        // Keras's own callback on RegLab's metrics: EpochReport (first in the list) writes
        // them into the epoch's logs. Keras's val_loss would include the penalty and its loss
        // is a running batch mean, so the RegLab names are monitored, with the mode explicit.
        add(early, "# Keras's EarlyStopping on RegLab's metrics (EpochReport puts them into the "
                   "logs first).");
        add(early, "keras_early_stopping = keras.callbacks.EarlyStopping(");
        add(early, "    monitor=" + pythonString(e->monitor) + ",");
        add(early, std::string("    mode=\"") + (e->monitor.ends_with("_accuracy") ? "max" : "min")
                       + "\",");
        add(early, "    min_delta=" + pythonFloat(e->minDelta) + ",");
        add(early, "    patience=" + std::to_string(e->patience) + ",");
        add(early, "    restore_best_weights=" + pythonBool(e->restoreBestWeights) + ",");
        add(early, "    start_from_epoch=" + std::to_string(e->startFromEpoch) + ",");
        add(early, "    verbose=1,");
        add(early, ")");
        callbacks += ", keras_early_stopping";
    }
    holes["EARLY_STOPPING"] = early;
    holes["CALLBACKS"] = callbacks;
    return fillTemplate("keras.py.in", templates::keras(), holes);
}

} // namespace reglab::codegen
