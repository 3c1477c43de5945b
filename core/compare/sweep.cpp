// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/sweep.h"

#include "core/error.h"
#include "core/io/experiment_json.h"
#include "core/io/metrics_csv.h"
#include "core/io/overrides.h"
#include "core/nn/regularizer.h"
#include "core/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace reglab {

namespace {

/// The override paths of `layer`: one layer, every layer ("*"), or each layer of a group.
std::vector<std::string> layerPaths(const ExperimentSpec &spec, int layer) {
    if (layer == kEveryConvLayer || layer == kEveryDenseLayer) {
        const bool conv = layer == kEveryConvLayer;
        std::vector<std::string> paths;
        for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
            const LayerSpec &l = spec.model.layers[i];
            if (conv ? l.isConv() : l.isDense())
                paths.push_back("model.layers." + std::to_string(i));
        }
        if (paths.empty())
            throw InputError({}, "layer",
                             conv ? "the experiment has no conv2d layer"
                                  : "the experiment has no dense layer");
        return paths;
    }
    if (layer < kEveryLayer || layer >= int(spec.model.layers.size())) {
        throw InputError({}, "layer",
                         "index " + std::to_string(layer) + " out of range (the experiment has "
                             + std::to_string(spec.model.layers.size()) + " layers)");
    }
    return {"model.layers." + (layer < 0 ? std::string("*") : std::to_string(layer))};
}

/// "PATH<suffix>" for each of `paths`.
std::vector<std::string> withSuffix(const std::vector<std::string> &paths,
                                    const std::string &suffix) {
    std::vector<std::string> out;
    for (const std::string &p : paths)
        out.push_back(p + suffix);
    return out;
}

void checkScale(double scale) {
    if (!std::isfinite(scale) || scale < 0.0 || scale > limits::kMaxScale)
        throw InputError({}, "scale", "must be a number in 0 .. 1e12, got " + csvNumber(scale));
}

} // namespace

std::string formatScale(double value) {
    if (value == 0.0)
        return "0";
    if (!std::isfinite(value))
        return csvNumber(value);
    const double magnitude = std::fabs(value);
    if (magnitude < 0.01 || magnitude >= 1e4)
        return tidyExponent(exactDecimal(value, std::chars_format::scientific, 0));
    return exactDecimal(value, std::chars_format::fixed, 0);
}

std::vector<double> parseScaleList(const std::string &text) {
    std::string spaced = text;
    std::replace_if(
        spaced.begin(), spaced.end(), [](char ch) { return ch == ',' || ch == ';'; }, ' ');
    std::istringstream in(spaced);
    std::vector<double> values;
    std::string token;
    while (in >> token) {
        char *end = nullptr;
        const double v = std::strtod(token.c_str(), &end);
        if (end == token.c_str() || *end != '\0' || !std::isfinite(v))
            throw InputError({}, "values", "\"" + token + "\" is not a number");
        if (v < 0.0 || v > limits::kMaxScale)
            throw InputError({}, "values", "\"" + token + "\" is outside 0 .. 1e12");
        if (std::find(values.begin(), values.end(), v) != values.end())
            throw InputError({}, "values", "\"" + token + "\" is listed twice");
        values.push_back(v);
    }
    if (values.empty())
        throw InputError({}, "values", "no values given");
    return values;
}

std::vector<double> logRange(double from, double to, int count) {
    if (!(from > 0.0) || !(to > from) || !(to <= limits::kMaxScale))
        throw InputError({}, "values", "a log range needs 0 < from < to <= 1e12");
    if (count < 2 || count > 64)
        throw InputError({}, "values", "a log range needs 2 .. 64 values");
    const double a = std::log10(from);
    const double b = std::log10(to);
    std::vector<double> values;
    for (int i = 0; i < count; ++i) {
        // x_i = 10^(a + (b - a) i / (count - 1)), rounded to 12 significant digits.
        const double v = i == 0           ? from
                         : i == count - 1 ? to
                                          : std::pow(10.0, a + (b - a) * i / (count - 1));
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.12g", v);
        values.push_back(std::strtod(buffer, nullptr));
    }
    return values;
}

std::vector<Variant> makeScaleVariants(const ExperimentSpec &spec, int layer, PenaltyTerm term,
                                       const std::vector<double> &values) {
    const std::vector<std::string> paths = layerPaths(spec, layer);
    const std::string key =
        std::string(".kernel_regularizer.") + (term == PenaltyTerm::L1 ? "l1" : "l2");
    std::vector<Variant> variants;
    for (double v : values) {
        checkScale(v);
        variants.push_back({formatScale(v), v, withSuffix(paths, key + "=" + csvNumber(v))});
    }
    return variants;
}

std::vector<Variant> makeKindVariants(const ExperimentSpec &spec, int layer, double scale) {
    checkScale(scale);
    const std::vector<std::string> paths = layerPaths(spec, layer);
    const std::string key = ".kernel_regularizer=";
    const std::string s = csvNumber(scale);
    const std::string text = formatScale(scale);
    return {
        {"None", 0.0, withSuffix(paths, key + "null")},
        {"L1 " + text, 1.0, withSuffix(paths, key + "{\"l1\": " + s + "}")},
        {"L2 " + text, 2.0, withSuffix(paths, key + "{\"l2\": " + s + "}")},
        {"L1+L2 " + text, 3.0, withSuffix(paths, key + "{\"l1\": " + s + ", \"l2\": " + s + "}")},
    };
}

std::vector<Variant> makeConventionVariants(const ExperimentSpec &) {
    return {
        {"keras", 0.0, {"l2_convention=\"keras\""}},
        {"tf1", 1.0, {"l2_convention=\"tf1\""}},
    };
}

std::vector<Variant> makeCoupledVsDecoupled(const ExperimentSpec &spec, double scale) {
    checkScale(scale);
    // Coupled, with plain SGD: w <- w - lr (g + f b w), f = l2GradientFactor; decoupled
    // decay w <- w - lr wd w matches that step for wd = f b.
    const double decay = scale * l2GradientFactor(spec.l2Convention);
    const std::vector<std::string> adamFamily{"optimizer.momentum=0", "optimizer.nesterov=false"};
    Variant coupled{"L2 " + formatScale(scale) + " (Adam, coupled)",
                    0.0,
                    {"model.layers.*.kernel_regularizer={\"l2\": " + csvNumber(scale) + "}",
                     "optimizer.type=\"adam\"", "optimizer.weight_decay=0"}};
    Variant decoupled{"AdamW decay " + formatScale(decay) + " (decoupled)",
                      1.0,
                      {"model.layers.*.kernel_regularizer=null", "optimizer.type=\"adamw\"",
                       "optimizer.weight_decay=" + csvNumber(decay)}};
    coupled.overrides.insert(coupled.overrides.end(), adamFamily.begin(), adamFamily.end());
    decoupled.overrides.insert(decoupled.overrides.end(), adamFamily.begin(), adamFamily.end());
    return {coupled, decoupled};
}

bool isNumericVariation(VariationKind kind) {
    switch (kind) {
    case VariationKind::Scale:
    case VariationKind::DropoutRate:
    case VariationKind::TrainSize:
    case VariationKind::LabelNoise:
        return true;
    case VariationKind::RegularizerKind:
    case VariationKind::Convention:
    case VariationKind::Coupling:
    case VariationKind::ModelSize:
    case VariationKind::EarlyStopping:
    case VariationKind::Combination:
        break;
    }
    return false;
}

namespace {

/// "model.layers=<layers as the experiment file writes them>".
std::string layersOverride(const ExperimentSpec &spec, const std::vector<LayerSpec> &layers) {
    ExperimentSpec copy = spec;
    copy.model.layers = layers;
    return "model.layers=" + experimentToJson(copy)["model"]["layers"].dump();
}

/// A layer name not yet used in `layers`: stem1, stem2, ...
std::string freeName(const std::vector<LayerSpec> &layers, const std::string &stem) {
    for (int k = 1;; ++k) {
        const std::string name = stem + std::to_string(k);
        if (std::none_of(layers.begin(), layers.end(),
                         [&](const LayerSpec &l) { return l.name == name; }))
            return name;
    }
}

void checkRate(double rate) {
    if (!(rate >= 0.0 && rate < 1.0))
        throw InputError({}, "values", "a dropout rate must be in [0, 1), got " + csvNumber(rate));
}

/// `layers` with every dropout entry at `rate`, or, when there is none, a dropout entry of
/// `rate` after each hidden dense layer.
std::vector<LayerSpec> withDropout(const std::vector<LayerSpec> &layers, double rate) {
    const bool has =
        std::any_of(layers.begin(), layers.end(), [](const LayerSpec &l) { return l.isDropout(); });
    std::vector<LayerSpec> out;
    std::vector<LayerSpec> taken = layers; // names in use, the added entries included
    for (std::size_t i = 0; i < layers.size(); ++i) {
        out.push_back(layers[i]);
        if (has && layers[i].isDropout())
            out.back().rate = rate;
        if (!has && !layers[i].isDropout() && i + 1 < layers.size()) {
            LayerSpec d;
            d.type = "dropout";
            d.rate = rate;
            d.name = freeName(taken, "dropout");
            taken.push_back(d);
            out.push_back(d);
        }
    }
    return out;
}

bool hasHiddenDense(const ExperimentSpec &spec) {
    return spec.model.weightIndices().size() >= 2;
}

} // namespace

std::vector<Variant> makeDropoutVariants(const ExperimentSpec &spec,
                                         const std::vector<double> &rates) {
    const auto &layers = spec.model.layers;
    const bool has =
        std::any_of(layers.begin(), layers.end(), [](const LayerSpec &l) { return l.isDropout(); });
    if (!has && !hasHiddenDense(spec))
        throw InputError({}, "values", "the model has no hidden layer to put dropout after");
    std::vector<Variant> variants;
    for (double rate : rates) {
        checkRate(rate);
        Variant v{formatScale(rate), rate, {}};
        if (has) {
            for (std::size_t i = 0; i < layers.size(); ++i) {
                if (layers[i].isDropout())
                    v.overrides.push_back("model.layers." + std::to_string(i)
                                          + ".rate=" + csvNumber(rate));
            }
        } else {
            v.overrides.push_back(layersOverride(spec, withDropout(layers, rate)));
        }
        variants.push_back(std::move(v));
    }
    return variants;
}

std::vector<Variant> makeTrainSizeVariants(const ExperimentSpec &,
                                           const std::vector<double> &sizes) {
    std::vector<Variant> variants;
    for (double size : sizes) {
        if (!(size >= 1.0 && size <= limits::kMaxSamples) || size != std::floor(size))
            throw InputError({}, "values",
                             "a training-set size must be a whole number from 1 to "
                                 + std::to_string(limits::kMaxSamples) + ", got "
                                 + csvNumber(size));
        const std::string n = std::to_string((long long)size);
        variants.push_back({n, size, {"dataset.train_size=" + n}});
    }
    return variants;
}

std::vector<Variant> makeLabelNoiseVariants(const ExperimentSpec &spec,
                                            const std::vector<double> &shares) {
    if (spec.task() != TaskKind::Classification)
        throw InputError({}, "values", "label noise applies to classification only");
    std::vector<Variant> variants;
    for (double share : shares) {
        if (!(share >= 0.0 && share <= 1.0))
            throw InputError({}, "values",
                             "a label-noise share must be in [0, 1], got " + csvNumber(share));
        variants.push_back(
            {formatScale(share), share, {"dataset.label_noise=" + csvNumber(share)}});
    }
    return variants;
}

const std::vector<ModelSize> &tutorialModelSizes() {
    static const std::vector<ModelSize> sizes{{"Tiny", {16}},
                                              {"Small", {16, 16}},
                                              {"Medium", {64, 64, 64}},
                                              {"Large", {512, 512, 512, 512}}};
    return sizes;
}

std::vector<ModelSize> parseModelSizes(const std::string &text) {
    std::vector<ModelSize> sizes;
    std::string model;
    auto finish = [&sizes](const std::string &part) {
        std::string spaced = part;
        std::replace(spaced.begin(), spaced.end(), ',', ' ');
        std::istringstream in(spaced);
        ModelSize size;
        std::string token;
        while (in >> token) {
            // "N" or "NxK": K layers of N units.
            const std::size_t x = token.find_first_of("xX×");
            const std::string unitsText = token.substr(0, x);
            std::string countText = x == std::string::npos ? "1" : token.substr(x + 1);
            if (x != std::string::npos && token.compare(x, 2, "×") == 0)
                countText = token.substr(x + 2);
            char *end = nullptr;
            const long units = std::strtol(unitsText.c_str(), &end, 10);
            const bool unitsOk = !unitsText.empty() && *end == '\0';
            const long count = std::strtol(countText.c_str(), &end, 10);
            const bool countOk = !countText.empty() && *end == '\0';
            if (!unitsOk || !countOk || units < 1 || units > limits::kMaxUnits || count < 1
                || count > limits::kMaxLayers)
                throw InputError({}, "widths",
                                 "\"" + token + "\" is not a width (1 to "
                                     + std::to_string(limits::kMaxUnits)
                                     + " units, or NxK for K layers of N units)");
            for (long k = 0; k < count; ++k)
                size.widths.push_back(int(units));
        }
        if (size.widths.empty())
            return;
        if (int(size.widths.size()) >= limits::kMaxLayers)
            throw InputError({}, "widths",
                             "a model has at most " + std::to_string(limits::kMaxLayers - 1)
                                 + " hidden layers");
        for (std::size_t i = 0; i < size.widths.size(); ++i)
            size.name += (i ? "-" : "") + std::to_string(size.widths[i]);
        sizes.push_back(std::move(size));
    };
    for (char ch : text) {
        if (ch == ';' || ch == '|') {
            finish(model);
            model.clear();
        } else {
            model += ch;
        }
    }
    finish(model);
    if (sizes.empty())
        throw InputError({}, "widths", "no model given, e.g. 16; 16, 16; 64x3");
    return sizes;
}

std::vector<Variant> makeModelSizeVariants(const ExperimentSpec &spec,
                                           const std::vector<ModelSize> &sizes,
                                           double dropoutRate) {
    const std::vector<std::size_t> dense = spec.model.weightIndices();
    if (dense.empty())
        throw InputError({}, "widths", "the model has no output layer to keep");
    if (dropoutRate > 0.0)
        checkRate(dropoutRate);
    const LayerSpec output = spec.model.layers[dense.back()];
    std::vector<Variant> variants;
    for (std::size_t s = 0; s < sizes.size(); ++s) {
        std::vector<LayerSpec> layers;
        for (std::size_t i = 0; i < sizes[s].widths.size(); ++i) {
            LayerSpec l;
            l.name = "hidden" + std::to_string(i + 1);
            l.units = sizes[s].widths[i];
            l.activation = Activation::Elu;
            l.kernelInitializer = Initializer::GlorotUniform;
            layers.push_back(l);
            if (dropoutRate > 0.0) {
                LayerSpec d;
                d.name = "dropout" + std::to_string(i + 1);
                d.type = "dropout";
                d.rate = dropoutRate;
                layers.push_back(d);
            }
        }
        LayerSpec out = output;
        if (std::any_of(layers.begin(), layers.end(),
                        [&](const LayerSpec &l) { return l.name == out.name; }))
            out.name = "output";
        layers.push_back(out);
        if (int(layers.size()) > limits::kMaxLayers)
            throw InputError({}, "widths", "\"" + sizes[s].name + "\" has too many layers");
        // "Large (512x4)": runs of equal widths written NxK.
        std::string widths;
        const std::vector<int> &w = sizes[s].widths;
        for (std::size_t i = 0; i < w.size();) {
            std::size_t j = i;
            while (j < w.size() && w[j] == w[i])
                ++j;
            widths += (i ? "-" : "") + std::to_string(w[i]);
            if (j - i > 1)
                widths += "x" + std::to_string(j - i);
            i = j;
        }
        std::string label = sizes[s].name;
        if (label != widths)
            label += " (" + widths + ")";
        variants.push_back({label, double(s), {layersOverride(spec, layers)}});
    }
    return variants;
}

std::vector<Variant> makeEarlyStoppingVariants(const ExperimentSpec &spec,
                                               const EarlyStoppingSpec &settings) {
    ExperimentSpec on = spec;
    on.training.earlyStopping = settings;
    const std::string json = experimentToJson(on)["training"]["early_stopping"].dump();
    return {{"no early stopping", 0.0, {"training.early_stopping=null"}},
            {"early stopping", 1.0, {"training.early_stopping=" + json}}};
}

std::vector<Variant> makeCombinationVariants(const ExperimentSpec &spec, double l2, double rate) {
    checkScale(l2);
    checkRate(rate);
    const bool has = std::any_of(spec.model.layers.begin(), spec.model.layers.end(),
                                 [](const LayerSpec &l) { return l.isDropout(); });
    if (!has && !hasHiddenDense(spec))
        throw InputError({}, "values", "the model has no hidden layer to put dropout after");
    auto build = [&](bool withL2, bool withDrop) {
        std::vector<LayerSpec> layers = withDropout(spec.model.layers, withDrop ? rate : 0.0);
        if (!withDrop && !has) // no dropout entries at all, not entries of rate 0
            layers = spec.model.layers;
        for (LayerSpec &l : layers) {
            if (l.isDropout())
                continue;
            l.kernelRegularizer =
                withL2 ? std::optional<RegularizerSpec>(RegularizerSpec{0.0, l2}) : std::nullopt;
        }
        return layersOverride(spec, layers);
    };
    const std::string l2Text = formatScale(l2);
    const std::string rateText = formatScale(rate);
    return {{"none", 0.0, {build(false, false)}},
            {"L2 " + l2Text, 1.0, {build(true, false)}},
            {"dropout " + rateText, 2.0, {build(false, true)}},
            {"L2 " + l2Text + " + dropout " + rateText, 3.0, {build(true, true)}}};
}

ExperimentSpec applyVariant(const ExperimentSpec &spec, const Variant &variant) {
    nlohmann::ordered_json doc = experimentToJson(spec);
    for (const std::string &assignment : variant.overrides)
        applyOverride(doc, assignment, {});
    return experimentFromJson(doc, {});
}

double majorityClassShare(const Dataset &data) {
    if (data.task != TaskKind::Classification || data.testSize() == 0 || data.numClasses <= 0)
        return 0.0;
    std::vector<Index> counts(std::size_t(data.numClasses), 0);
    for (Index i = 0; i < data.testSize(); ++i) {
        const int c = int(std::lround(data.testY(0, i)));
        if (c >= 0 && c < data.numClasses)
            ++counts[std::size_t(c)];
    }
    return double(*std::max_element(counts.begin(), counts.end())) / double(data.testSize());
}

double trainMajorityClassShare(const Dataset &data) {
    if (data.task != TaskKind::Classification || data.testSize() == 0 || data.numClasses <= 0)
        return 0.0;
    std::vector<Index> trainCounts(std::size_t(data.numClasses), 0);
    for (Index i = 0; i < data.trainSize(); ++i) {
        const int c = int(std::lround(data.trainY(0, i)));
        if (c >= 0 && c < data.numClasses)
            ++trainCounts[std::size_t(c)];
    }
    const int majority =
        int(std::max_element(trainCounts.begin(), trainCounts.end()) - trainCounts.begin());
    Index hits = 0;
    for (Index i = 0; i < data.testSize(); ++i)
        hits += int(std::lround(data.testY(0, i))) == majority ? 1 : 0;
    return double(hits) / double(data.testSize());
}

bool isCollapsed(TaskKind task, double finalTestAccuracy, double majorityShare) {
    if (!std::isfinite(finalTestAccuracy))
        return false;
    const double reference = task == TaskKind::Regression ? 0.0 : majorityShare;
    return std::fabs(finalTestAccuracy - reference) <= kCollapseTolerance;
}

RunSummary summarize(const std::vector<EpochMetrics> &history, const Dataset &data) {
    RunSummary s;
    s.task = data.task;
    s.majorityShare = majorityClassShare(data);
    s.trainMajorityShare = trainMajorityClassShare(data);
    if (history.empty())
        return s;
    const EpochMetrics &last = history.back();
    s.epochs = last.epoch;
    s.finalTrainAccuracy = last.trainAccuracy;
    s.finalTestAccuracy = last.testAccuracy;
    s.finalTrainDataLoss = last.trainDataLoss;
    s.finalTestDataLoss = last.testDataLoss;
    s.penalty = last.regLoss;
    s.bestTrainAccuracy = last.trainAccuracy;
    s.bestTestAccuracy = last.testAccuracy;
    s.bestTestDataLoss = last.testDataLoss;
    s.bestEpoch = last.epoch;
    bool any = false;
    for (const EpochMetrics &m : history) {
        if (m.epoch < 1)
            continue; // best over epochs 1..N; the first epoch reaching the best wins
        if (!any) {
            s.bestTrainAccuracy = m.trainAccuracy;
            s.bestTestAccuracy = m.testAccuracy;
            s.bestTestDataLoss = m.testDataLoss;
            s.bestEpoch = m.epoch;
            any = true;
            continue;
        }
        s.bestTrainAccuracy = std::max(s.bestTrainAccuracy, m.trainAccuracy);
        s.bestTestDataLoss = std::min(s.bestTestDataLoss, m.testDataLoss);
        if (m.testAccuracy > s.bestTestAccuracy) {
            s.bestTestAccuracy = m.testAccuracy;
            s.bestEpoch = m.epoch;
        }
    }
    // Sparsity over all kernel entries: sum_l sparsity_l n_l / sum_l n_l (n_l from the
    // histogram's counts); ||W|| = sqrt(sum_l ||W_l||^2).
    double weighted = 0.0;
    double entries = 0.0;
    double squares = 0.0;
    for (const LayerMetrics &l : last.layers) {
        double n = 0.0;
        for (std::uint64_t c : l.histogram.counts)
            n += double(c);
        if (n == 0.0)
            n = 1.0;
        weighted += l.sparsity * n;
        entries += n;
        squares += l.kernelL2Norm * l.kernelL2Norm;
    }
    s.meanSparsity = entries > 0.0 ? weighted / entries : 0.0;
    s.kernelL2Norm = std::sqrt(squares);
    // Choose on validation, report test: the epoch of the best validation accuracy.
    s.hasValidation = last.hasValidation;
    if (s.hasValidation) {
        s.finalValAccuracy = last.valAccuracy;
        s.finalValDataLoss = last.valDataLoss;
        const EpochMetrics *chosen = nullptr;
        for (const EpochMetrics &m : history) {
            if (m.epoch >= 1 && m.hasValidation && (!chosen || m.valAccuracy > chosen->valAccuracy))
                chosen = &m;
        }
        if (!chosen)
            chosen = &last;
        s.bestValAccuracy = chosen->valAccuracy;
        s.bestValEpoch = chosen->epoch;
        s.testAccuracyAtBestVal = chosen->testAccuracy;
        s.testDataLossAtBestVal = chosen->testDataLoss;
    }
    s.collapsed = s.epochs >= 1
                  && (isCollapsed(s.task, s.finalTestAccuracy, s.majorityShare)
                      || isCollapsed(s.task, s.finalTestAccuracy, s.trainMajorityShare));
    if (s.collapsed) {
        s.collapseReason = s.task == TaskKind::Regression
                               ? "predicts the same value for every input: the penalty "
                                 "outweighs the data loss"
                               : "predicts one class for every input: the penalty outweighs "
                                 "the data loss";
    }
    return s;
}

std::vector<std::size_t> rankByValidation(const std::vector<RunSummary> &rows) {
    std::vector<std::size_t> order(rows.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&rows](std::size_t a, std::size_t b) {
        const RunSummary &x = rows[a];
        const RunSummary &y = rows[b];
        if (x.hasValidation != y.hasValidation)
            return x.hasValidation;
        return x.hasValidation && x.bestValAccuracy > y.bestValAccuracy;
    });
    return order;
}

std::string summaryCsv(const std::vector<RunSummary> &rows) {
    std::string out = "value,final_train_accuracy,final_test_accuracy,best_test_accuracy,"
                      "best_epoch,final_train_data_loss,final_test_data_loss,final_reg_loss\n";
    for (const RunSummary &s : rows) {
        out += csvField(s.label);
        for (double v : {s.finalTrainAccuracy, s.finalTestAccuracy, s.bestTestAccuracy})
            out += "," + csvNumber(v);
        out += "," + std::to_string(s.bestEpoch);
        for (double v : {s.finalTrainDataLoss, s.finalTestDataLoss, s.penalty})
            out += "," + csvNumber(v);
        out += "\n";
    }
    return out;
}

std::string summaryDetailsCsv(const std::vector<RunSummary> &rows) {
    std::string out = "label,value,final_train_accuracy,final_test_accuracy,best_train_accuracy,"
                      "best_test_accuracy,best_epoch,final_train_data_loss,final_test_data_loss,"
                      "best_test_data_loss,penalty,mean_sparsity,kernel_l2_norm,majority_share,"
                      "collapsed\n";
    for (const RunSummary &s : rows) {
        out += csvField(s.label) + "," + csvNumber(s.value);
        for (double v :
             {s.finalTrainAccuracy, s.finalTestAccuracy, s.bestTrainAccuracy, s.bestTestAccuracy})
            out += "," + csvNumber(v);
        out += "," + std::to_string(s.bestEpoch);
        for (double v : {s.finalTrainDataLoss, s.finalTestDataLoss, s.bestTestDataLoss, s.penalty,
                         s.meanSparsity, s.kernelL2Norm, s.majorityShare})
            out += "," + csvNumber(v);
        out += s.collapsed ? ",1\n" : ",0\n";
    }
    return out;
}

} // namespace reglab
