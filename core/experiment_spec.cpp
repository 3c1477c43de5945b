// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/experiment_spec.h"

#include "core/error.h"
#include "core/model_shapes.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace reglab {

namespace {

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

void checkScale(const std::string &file, const std::string &field, double value) {
    if (!std::isfinite(value))
        throw InputError(file, field, "must be a finite number, got " + num(value));
    if (value < 0.0)
        throw InputError(file, field, "must not be negative, got " + num(value));
    if (value > limits::kMaxScale)
        throw InputError(file, field, "is absurdly large (" + num(value) + ")");
}

void checkRegularizer(const std::string &file, const std::string &field,
                      const std::optional<RegularizerSpec> &reg) {
    if (!reg)
        return;
    checkScale(file, field + ".l1", reg->l1);
    checkScale(file, field + ".l2", reg->l2);
}

bool validName(const std::string &name) {
    if (name.empty() || name.size() > 64)
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '_' || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

/// spatial_dropout2d at model.layers[i], `next` the weight layer whose input it drops: it
/// needs an image made of channels (right after a conv2d or max_pool2d layer), and no other
/// dropout may share that input (the two masks would not combine into one rate).
void checkSpatialDropout(const ModelSpec &model, std::size_t i, std::size_t next,
                         const std::string &file) {
    const std::string base = "model.layers." + std::to_string(i);
    const LayerSpec &l = model.layers[i];
    if (i == 0 || !(model.layers[i - 1].isConv() || model.layers[i - 1].isPool())) {
        throw InputError(file, base + ".type",
                         "spatial_dropout2d \"" + l.name
                             + "\" drops whole channels of an image: put it right after a "
                               "conv2d or max_pool2d layer, not "
                             + (i == 0 ? std::string("first")
                                       : "after the " + model.layers[i - 1].type + " layer \""
                                             + model.layers[i - 1].name + "\""));
    }
    for (std::size_t j = i + 1; j < next; ++j) {
        if (model.layers[j].isDropout()) {
            throw InputError(file, "model.layers." + std::to_string(j) + ".type",
                             model.layers[j].type + " \"" + model.layers[j].name
                                 + "\" after spatial_dropout2d \"" + l.name
                                 + "\": use one dropout in front of a layer");
        }
    }
}

void checkModel(const std::string &file, const ModelSpec &model) {
    if (model.layers.empty())
        throw InputError(file, "model.layers", "needs at least one layer");
    if (int(model.layers.size()) > limits::kMaxLayers) {
        throw InputError(file, "model.layers",
                         "at most " + std::to_string(limits::kMaxLayers) + " layers");
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const auto &l = model.layers[i];
        const std::string base = "model.layers." + std::to_string(i);
        if (!validName(l.name)) {
            throw InputError(file, base + ".name",
                             "\"" + l.name
                                 + "\" must be 1-64 letters, digits, '_' or '-' (it names "
                                   "columns and weight arrays)");
        }
        if (!names.insert(l.name).second)
            throw InputError(file, base + ".name", "duplicate layer name \"" + l.name + "\"");
        if (l.isDropout()) {
            if (!(l.rate >= 0.0 && l.rate < 1.0)) {
                throw InputError(file, base + ".rate",
                                 "must be in [0, 1) (the share of values dropped), got "
                                     + num(l.rate));
            }
            if (i + 1 == model.layers.size()) {
                throw InputError(file, base,
                                 "dropout after the output layer changes nothing at evaluation "
                                 "and only adds noise to the training loss; put it before a "
                                 "dense layer");
            }
            // The rate rides on the next weight layer's input: only flatten (which moves no
            // value) may stand in between.
            std::size_t next = i + 1;
            while (next < model.layers.size()
                   && (model.layers[next].isDropout() || model.layers[next].isFlatten()))
                ++next;
            if (next == model.layers.size() || !model.layers[next].hasWeights()) {
                throw InputError(file, base,
                                 "dropout must come right before a dense or conv2d layer (or a "
                                 "flatten in front of one)");
            }
            if (l.isSpatialDropout())
                checkSpatialDropout(model, i, next, file);
            continue;
        }
        if (l.isFlatten())
            continue;
        if (l.isConv() || l.isPool()) {
            const bool conv = l.isConv();
            const std::string sizeField = conv ? ".kernel_size" : ".pool_size";
            const int maxSize = conv ? limits::kMaxKernelSize : limits::kMaxPoolSize;
            for (int v : l.windowSize()) {
                if (v < 1 || v > maxSize) {
                    throw InputError(file, base + sizeField,
                                     "must be between 1 and " + std::to_string(maxSize) + ", got "
                                         + std::to_string(v));
                }
            }
            for (int v : l.effectiveStrides()) {
                if (v < 1 || v > limits::kMaxStride) {
                    throw InputError(file, base + ".strides",
                                     "must be between 1 and " + std::to_string(limits::kMaxStride)
                                         + ", got " + std::to_string(v));
                }
            }
            if (l.isPool())
                continue;
            if (l.filters < 1 || l.filters > limits::kMaxFilters) {
                throw InputError(file, base + ".filters",
                                 "must be between 1 and " + std::to_string(limits::kMaxFilters)
                                     + ", got " + std::to_string(l.filters));
            }
        } else if (l.isDense()) {
            if (l.units < 1 || l.units > limits::kMaxUnits) {
                throw InputError(file, base + ".units",
                                 "must be between 1 and " + std::to_string(limits::kMaxUnits)
                                     + ", got " + std::to_string(l.units));
            }
        } else {
            throw InputError(file, base + ".type",
                             "unknown layer type \"" + l.type
                                 + "\" (dense, conv2d, max_pool2d, flatten, dropout, "
                                   "spatial_dropout2d)");
        }
        checkRegularizer(file, base + ".kernel_regularizer", l.kernelRegularizer);
        checkRegularizer(file, base + ".bias_regularizer", l.biasRegularizer);
        if (!l.useBias && l.biasRegularizer && !l.biasRegularizer->isZero())
            throw InputError(file, base + ".bias_regularizer",
                             "the layer has no bias (use_bias false)");
    }
    const LayerSpec &last = model.layers.back();
    if (!last.isDense() && !last.isDropout()) {
        throw InputError(file, "model.layers." + std::to_string(model.layers.size() - 1) + ".type",
                         "the last layer gives the outputs and must be dense, got " + last.type);
    }
    // Parameter count between consecutive dense layers (the input shape is not known here;
    // the trainer checks the whole network once the data is loaded, inferShapes()).
    if (model.hasSpatialLayers())
        return;
    long long params = 0;
    const std::vector<std::size_t> dense = model.weightIndices();
    for (std::size_t k = 1; k < dense.size(); ++k)
        params += (long long)model.layers[dense[k - 1]].units * model.layers[dense[k]].units;
    if (params > limits::kMaxParameters) {
        throw InputError(file, "model.layers",
                         "the network has " + std::to_string(params) + " weights, at most "
                             + std::to_string(limits::kMaxParameters));
    }
}

void checkEarlyStopping(const std::string &file, const EarlyStoppingSpec &e, bool hasValidation) {
    const std::string base = "training.early_stopping.";
    const auto &monitors = earlyStoppingMonitors();
    if (std::find(monitors.begin(), monitors.end(), e.monitor) == monitors.end()) {
        std::string known;
        for (const std::string &m : monitors)
            known += (known.empty() ? "" : ", ") + m;
        throw InputError(file, base + "monitor",
                         "unknown metric \"" + e.monitor + "\" (" + known + ")");
    }
    if (!hasValidation && e.monitor.starts_with("val_")) {
        throw InputError(file, base + "monitor",
                         e.monitor
                             + " needs a validation split (set dataset.validation_fraction > 0) "
                               "or monitor another metric, e.g. test_data_loss");
    }
    if (!std::isfinite(e.minDelta) || std::abs(e.minDelta) > limits::kMaxScale)
        throw InputError(file, base + "min_delta",
                         "must be a finite number, got " + num(e.minDelta));
    if (e.patience < 0 || e.patience > limits::kMaxPatience) {
        throw InputError(file, base + "patience",
                         "must be between 0 and " + std::to_string(limits::kMaxPatience) + ", got "
                             + std::to_string(e.patience));
    }
    if (e.startFromEpoch < 0 || e.startFromEpoch > limits::kMaxEpochs) {
        throw InputError(file, base + "start_from_epoch",
                         "must be between 0 and " + std::to_string(limits::kMaxEpochs) + ", got "
                             + std::to_string(e.startFromEpoch));
    }
}

} // namespace

std::string TensorShape::text() const {
    if (!image)
        return std::to_string(channels);
    return std::to_string(height) + "x" + std::to_string(width) + "x" + std::to_string(channels);
}

WindowAxis windowAxis(int in, int kernel, int stride, Padding padding) {
    WindowAxis a;
    if (padding == Padding::Same) {
        a.out = (in + stride - 1) / stride; // ceil(in / s)
        const int total = std::max((a.out - 1) * stride + kernel - in, 0);
        a.padBefore = total / 2; // the smaller half before (TF)
    } else {
        a.out = in >= kernel ? (in - kernel) / stride + 1 : 0;
    }
    return a;
}

std::vector<std::size_t> ModelSpec::weightIndices() const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < layers.size(); ++i) {
        if (layers[i].hasWeights())
            out.push_back(i);
    }
    return out;
}

std::vector<double> ModelSpec::inputDropoutRates() const {
    std::vector<double> out;
    double keep = 1.0;
    for (const LayerSpec &l : layers) {
        if (l.isDropout()) {
            keep *= 1.0 - l.rate;
            continue;
        }
        if (!l.hasWeights())
            continue; // flatten moves no value; validate() keeps dropout away from pools
        out.push_back(1.0 - keep);
        keep = 1.0;
    }
    return out;
}

bool ModelSpec::hasSpatialLayers() const {
    return std::any_of(layers.begin(), layers.end(),
                       [](const LayerSpec &l) { return l.isSpatial(); });
}

long long parameterCount(const LayerSpec &layer, const TensorShape &in) {
    const long long bias = layer.useBias ? 1 : 0;
    if (layer.isDense())
        return (in.size() + bias) * layer.units;
    if (layer.isConv())
        return ((long long)layer.kernelSize[0] * layer.kernelSize[1] * in.channels + bias)
               * layer.filters;
    return 0;
}

namespace {

/// inferShapes() appending to `report` as it goes, so that a throw leaves the layers that fit.
void inferInto(const ModelSpec &model, const TensorShape &input, const std::string &file,
               ShapeReport &report) {
    TensorShape in = input;
    long long params = 0;
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec &l = model.layers[i];
        const std::string base = "model.layers." + std::to_string(i);
        TensorShape out = in;
        if (l.isDense()) {
            if (in.image) {
                throw InputError(file, base + ".type",
                                 "a dense layer on the unflattened " + in.text()
                                     + " image; put a flatten layer before it");
            }
            out = TensorShape{1, 1, l.units, false};
        } else if (l.isFlatten()) {
            if (!in.image) {
                throw InputError(file, base + ".type",
                                 "flatten needs an image input, got " + in.text() + " features");
            }
            out = TensorShape{1, 1, int(in.size()), false};
        } else if (l.isConv() || l.isPool()) {
            if (!in.image) {
                throw InputError(file, base + ".type",
                                 l.type + " needs an image input (height x width x channels), got "
                                     + in.text()
                                     + " features (a 2-D point set or an already flattened image)");
            }
            const auto k = l.windowSize();
            const auto s = l.effectiveStrides();
            const std::string sizeField = l.isConv() ? ".kernel_size" : ".pool_size";
            const WindowAxis rows = windowAxis(in.height, k[0], s[0], l.padding);
            const WindowAxis cols = windowAxis(in.width, k[1], s[1], l.padding);
            if (rows.out < 1 || cols.out < 1) {
                throw InputError(file, base + sizeField,
                                 "the " + std::to_string(k[0]) + "x" + std::to_string(k[1])
                                     + " window is larger than the " + in.text()
                                     + " input and leaves a " + std::to_string(rows.out) + "x"
                                     + std::to_string(cols.out)
                                     + " output (use padding \"same\" or a smaller window)");
            }
            out = TensorShape{rows.out, cols.out, l.isConv() ? l.filters : in.channels, true};
        }
        // dropout: the shape passes through
        const long long own = parameterCount(l, in);
        params += own;
        if (params > limits::kMaxParameters) {
            throw InputError(file, base,
                             "brings the network to " + std::to_string(params)
                                 + " parameters, at most "
                                 + std::to_string(limits::kMaxParameters));
        }
        report.shapes.push_back(out);
        report.parameters.push_back(own);
        in = out;
    }
}

} // namespace

std::vector<TensorShape> ModelSpec::inferShapes(const TensorShape &input,
                                                const std::string &file) const {
    ShapeReport report;
    inferInto(*this, input, file, report);
    return std::move(report.shapes);
}

ShapeReport shapeReport(const ModelSpec &model, const TensorShape &input) {
    ShapeReport report;
    try {
        inferInto(model, input, {}, report);
    } catch (const InputError &e) {
        report.errorLayer = int(report.shapes.size());
        report.errorField = e.field();
        report.error = e.message();
    }
    return report;
}

const std::vector<std::string> &earlyStoppingMonitors() {
    static const std::vector<std::string> names{
        "val_data_loss",   "val_accuracy",   "test_data_loss", "test_accuracy",
        "train_data_loss", "train_accuracy", "total_loss"};
    return names;
}

void ExperimentSpec::validate(const std::string &file) const {
    if (dataset.source.empty())
        throw InputError(file, "dataset.source", "must name a data set");
    if (!(dataset.testFraction > 0.0 && dataset.testFraction < 1.0))
        throw InputError(file, "dataset.test_fraction",
                         "must be between 0 and 1 (exclusive), got " + num(dataset.testFraction));
    if (dataset.samples < 4 || dataset.samples > limits::kMaxSamples) {
        throw InputError(file, "dataset.samples",
                         "must be between 4 and " + std::to_string(limits::kMaxSamples) + ", got "
                             + std::to_string(dataset.samples));
    }
    if (!std::isfinite(dataset.noise) || dataset.noise < 0.0 || dataset.noise > 10.0)
        throw InputError(file, "dataset.noise",
                         "must be between 0 and 10, got " + num(dataset.noise));
    if (dataset.limit < 0)
        throw InputError(file, "dataset.limit", "must be 0 (all) or positive");

    if (!std::isfinite(dataset.validationFraction) || dataset.validationFraction < 0.0
        || dataset.validationFraction >= 1.0) {
        throw InputError(file, "dataset.validation_fraction",
                         "must be in [0, 1), got " + num(dataset.validationFraction));
    }
    if (dataset.trainSize && (*dataset.trainSize < 1 || *dataset.trainSize > limits::kMaxSamples)) {
        throw InputError(file, "dataset.train_size",
                         "must be between 1 and " + std::to_string(limits::kMaxSamples)
                             + " (leave it out to train on every sample), got "
                             + std::to_string(*dataset.trainSize));
    }
    if (!std::isfinite(dataset.labelNoise) || dataset.labelNoise < 0.0 || dataset.labelNoise > 1.0)
        throw InputError(file, "dataset.label_noise",
                         "must be in [0, 1], got " + num(dataset.labelNoise));
    if (dataset.labelNoise > 0.0 && loss == LossKind::MeanSquaredError)
        throw InputError(file, "dataset.label_noise",
                         "applies to classification only (the loss is mse)");

    checkModel(file, model);

    const auto &o = optimizer;
    if (!std::isfinite(o.learningRate) || o.learningRate <= 0.0 || o.learningRate > 1e6)
        throw InputError(file, "optimizer.learning_rate",
                         "must be a positive finite number, got " + num(o.learningRate));
    if (!std::isfinite(o.momentum) || o.momentum < 0.0 || o.momentum >= 1.0)
        throw InputError(file, "optimizer.momentum", "must be in [0, 1), got " + num(o.momentum));
    if (o.type != OptimizerKind::Sgd && (o.momentum != 0.0 || o.nesterov))
        throw InputError(file, "optimizer.momentum", "applies to sgd only");
    if (o.nesterov && o.momentum == 0.0)
        throw InputError(file, "optimizer.nesterov", "needs a momentum > 0");
    if (!std::isfinite(o.beta1) || o.beta1 < 0.0 || o.beta1 >= 1.0)
        throw InputError(file, "optimizer.beta1", "must be in [0, 1), got " + num(o.beta1));
    if (!std::isfinite(o.beta2) || o.beta2 < 0.0 || o.beta2 >= 1.0)
        throw InputError(file, "optimizer.beta2", "must be in [0, 1), got " + num(o.beta2));
    if (!std::isfinite(o.epsilon) || o.epsilon <= 0.0 || o.epsilon > 1.0)
        throw InputError(file, "optimizer.epsilon", "must be in (0, 1], got " + num(o.epsilon));
    checkScale(file, "optimizer.weight_decay", o.weightDecay);
    if (o.type != OptimizerKind::AdamW && o.weightDecay != 0.0) {
        throw InputError(file, "optimizer.weight_decay",
                         "applies to adamw only (for coupled L2 use kernel_regularizer)");
    }

    const auto &t = training;
    if (t.batchSize < 1 || t.batchSize > limits::kMaxBatchSize) {
        throw InputError(file, "training.batch_size",
                         "must be between 1 and " + std::to_string(limits::kMaxBatchSize) + ", got "
                             + std::to_string(t.batchSize));
    }
    if (t.epochs < 0 || t.epochs > limits::kMaxEpochs) {
        throw InputError(file, "training.epochs",
                         "must be between 0 and " + std::to_string(limits::kMaxEpochs) + ", got "
                             + std::to_string(t.epochs));
    }
    if (t.reportEverySteps < 0)
        throw InputError(file, "training.report_every_steps", "must be 0 (off) or positive");
    if (t.histogramBins < 1 || t.histogramBins > limits::kMaxHistogramBins) {
        throw InputError(file, "training.histogram_bins",
                         "must be between 1 and " + std::to_string(limits::kMaxHistogramBins));
    }
    if (!std::isfinite(t.penaltyMultiplier) || t.penaltyMultiplier < 0.0
        || t.penaltyMultiplier > limits::kMaxScale) {
        throw InputError(file, "training.penalty_multiplier",
                         "must be a finite number >= 0, got " + num(t.penaltyMultiplier));
    }
    if (t.earlyStopping)
        checkEarlyStopping(file, *t.earlyStopping, dataset.validationFraction > 0.0);
    if (loss == LossKind::SigmoidCrossEntropy && model.layers.back().units != 1) {
        throw InputError(file, "model.layers." + std::to_string(model.layers.size() - 1) + ".units",
                         "sigmoid_cross_entropy needs exactly 1 output unit, got "
                             + std::to_string(model.layers.back().units));
    }
}

ExperimentSpec defaultExperiment() {
    // examples/moons-overfit.json: 50 noisy training points and a wide network. Without a
    // penalty the test loss climbs to about four times its minimum within 300 epochs; with
    // L2 1e-2 on every kernel it stays near it. Trains in about a second.
    ExperimentSpec spec;
    spec.name = "moons-overfit";
    spec.description = "Fifty noisy training points and a wide network: the training loss goes "
                       "to zero while the test loss climbs. Add L2 (try 1e-2 on every kernel) "
                       "and watch the test loss stay down.";
    spec.seed = 1;
    spec.dataset.source = "moons";
    spec.dataset.samples = 100;
    spec.dataset.noise = 0.35;
    spec.dataset.testFraction = 0.5;
    auto hidden = [](const char *name) {
        LayerSpec l;
        l.name = name;
        l.units = 128;
        l.activation = Activation::Relu;
        l.kernelInitializer = Initializer::HeNormal;
        return l;
    };
    spec.model.layers = {hidden("hidden1"), hidden("hidden2")};
    LayerSpec out;
    out.name = "logits";
    out.units = 2;
    spec.model.layers.push_back(out);
    spec.loss = LossKind::SoftmaxCrossEntropy;
    spec.l2Convention = L2Convention::Keras;
    spec.optimizer.type = OptimizerKind::Adam;
    spec.optimizer.learningRate = 0.01;
    spec.training.batchSize = 16;
    spec.training.epochs = 300;
    return spec;
}

} // namespace reglab
