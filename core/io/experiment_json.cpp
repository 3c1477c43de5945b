// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/experiment_json.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/io/json_reader.h"
#include "core/io/overrides.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace reglab {

using Json = nlohmann::ordered_json;

namespace {

/// A short rendering of a JSON value for error messages: `"abc"`, `12.5`, `{"l2":1}`.
std::string describe(const Json &value) {
    if (value.is_number_float() && !std::isfinite(value.get<double>()))
        return "a number too large for a double";
    std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    constexpr std::size_t kMaxLength = 60;
    if (text.size() > kMaxLength)
        text = text.substr(0, kMaxLength - 3) + "...";
    return text;
}

/// Lower case without '_' and '-', so "batchSize" and "batch-size" meet "batch_size".
std::string normalizedName(std::string_view name) {
    std::string out;
    for (char c : name) {
        if (c == '_' || c == '-')
            continue;
        out += char(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
std::size_t editDistance(const std::string &a, const std::string &b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i)
        d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j)
        d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

/// The closest candidate when it is close enough to be a likely typo, else empty.
std::string nearestName(std::string_view name, const std::vector<std::string_view> &candidates) {
    const std::string wanted = normalizedName(name);
    if (wanted.size() > 64)
        return {};
    std::string best;
    std::size_t bestDistance = std::numeric_limits<std::size_t>::max();
    for (std::string_view candidate : candidates) {
        const std::size_t distance = editDistance(wanted, normalizedName(candidate));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = std::string(candidate);
        }
    }
    // Short names tolerate one typo, longer ones two or a third of their length.
    const std::size_t shorter = std::min(wanted.size(), best.size());
    const std::size_t allowed = shorter <= 3 ? 1 : std::max<std::size_t>(2, shorter / 3);
    return bestDistance <= allowed ? best : std::string();
}

std::string listNames(const std::vector<std::string_view> &names) {
    std::string out;
    for (std::string_view name : names) {
        if (!out.empty())
            out += ", ";
        out += name;
    }
    return out;
}

template<typename Enum>
std::vector<std::string_view> enumNames(std::initializer_list<Enum> values) {
    std::vector<std::string_view> names;
    for (Enum v : values)
        names.push_back(toString(v));
    return names;
}

/// Reads the members of one JSON object, checking names and types. Every error names the
/// file and the dotted path of the offending value.
class ObjectReader {
public:
    ObjectReader(const Json &object, std::string path, const std::string &file,
                 std::vector<std::string_view> keys)
        : m_object(object)
        , m_path(std::move(path))
        , m_file(file)
        , m_keys(std::move(keys)) {
        if (!m_object.is_object())
            throw InputError(m_file, m_path.empty() ? std::string("(document)") : m_path,
                             "expected an object, got " + describe(m_object));
        for (const auto &item : m_object.items()) {
            const std::string &key = item.key();
            if (std::find(m_keys.begin(), m_keys.end(), key) != m_keys.end())
                continue;
            const std::string suggestion = nearestName(key, m_keys);
            const std::string hint = suggestion.empty() ? "expected one of: " + listNames(m_keys)
                                                        : "did you mean \"" + suggestion + "\"?";
            throw InputError(m_file, field(key), "unknown key (" + hint + ")");
        }
    }

    std::string field(std::string_view key) const { return joinJsonPath(m_path, key); }
    const std::string &file() const { return m_file; }

    const Json *find(std::string_view key) const {
        const auto it = m_object.find(std::string(key));
        return it == m_object.end() ? nullptr : &*it;
    }

    void read(std::string_view key, std::string &out) const {
        if (const Json *v = find(key)) {
            if (!v->is_string())
                fail(key, "expected a string, got " + describe(*v));
            out = v->get<std::string>();
        }
    }

    void read(std::string_view key, bool &out) const {
        if (const Json *v = find(key)) {
            if (!v->is_boolean())
                fail(key, "expected true or false, got " + describe(*v));
            out = v->get<bool>();
        }
    }

    void read(std::string_view key, double &out) const {
        if (const Json *v = find(key)) {
            if (!v->is_number())
                fail(key, "expected a number, got " + describe(*v));
            const double d = v->get<double>();
            if (!std::isfinite(d))
                fail(key, "expected a finite number, got " + describe(*v));
            out = d;
        }
    }

    void read(std::string_view key, int &out) const {
        if (const Json *v = find(key)) {
            constexpr auto kMin = std::numeric_limits<int>::min();
            constexpr auto kMax = std::numeric_limits<int>::max();
            if (v->is_number_unsigned()) {
                const auto u = v->get<std::uint64_t>();
                if (u > std::uint64_t(kMax))
                    fail(key, "integer out of range: " + describe(*v));
                out = int(u);
            } else if (v->is_number_integer()) {
                const auto i = v->get<std::int64_t>();
                if (i < kMin || i > kMax)
                    fail(key, "integer out of range: " + describe(*v));
                out = int(i);
            } else if (v->is_number_float()) {
                const double d = v->get<double>();
                if (!std::isfinite(d) || d != std::floor(d))
                    fail(key, "expected an integer, got " + describe(*v));
                if (d < double(kMin) || d > double(kMax))
                    fail(key, "integer out of range: " + describe(*v));
                out = int(d);
            } else {
                fail(key, "expected an integer, got " + describe(*v));
            }
        }
    }

    void read(std::string_view key, std::uint64_t &out) const {
        if (const Json *v = find(key)) {
            if (v->is_number_unsigned()) {
                out = v->get<std::uint64_t>();
            } else if (v->is_number_integer()) {
                // Signed storage only holds negative values here.
                fail(key, "expected a non-negative integer, got " + describe(*v));
            } else if (v->is_number_float()) {
                const double d = v->get<double>();
                if (!std::isfinite(d) || d != std::floor(d))
                    fail(key, "expected a non-negative integer, got " + describe(*v));
                // 2^64 is exactly representable; every double below it fits a uint64.
                if (d < 0.0 || d >= 18446744073709551616.0)
                    fail(key, "integer out of range: " + describe(*v));
                out = std::uint64_t(d);
            } else {
                fail(key, "expected a non-negative integer, got " + describe(*v));
            }
        }
    }

    /// An int or an [a, b] pair of ints (kernel_size, strides, pool_size); an int n is [n, n].
    void readPair(std::string_view key, std::array<int, 2> &out) const {
        const Json *v = find(key);
        if (!v)
            return;
        if (v->is_number()) {
            int n = 0;
            read(key, n);
            out = {n, n};
            return;
        }
        if (!v->is_array() || v->size() != 2)
            fail(key, "expected an integer or a pair [height, width], got " + describe(*v));
        for (std::size_t i = 0; i < 2; ++i) {
            const Json &e = (*v)[i];
            const bool integer = e.is_number_integer()
                                 || (e.is_number_float() && std::isfinite(e.get<double>())
                                     && e.get<double>() == std::floor(e.get<double>()));
            if (!integer)
                fail(key, "expected an integer or a pair [height, width], got " + describe(*v));
            const double d = e.get<double>();
            if (d < -1e6 || d > 1e6)
                fail(key, "integer out of range: " + describe(*v));
            out[i] = int(d);
        }
    }

    /// A conv2d or max_pool2d layer's `strides` (absent: the default) and `padding`.
    void readWindowSteps(LayerSpec &l) const {
        if (find("strides")) {
            std::array<int, 2> strides{};
            readPair("strides", strides);
            l.strides = strides;
        }
        readEnum("padding", l.padding, paddingFromString, "padding",
                 {Padding::Valid, Padding::Same});
    }

    template<typename Enum, typename Parse>
    void readEnum(std::string_view key, Enum &out, Parse parse, std::string_view what,
                  std::initializer_list<Enum> values) const {
        const Json *v = find(key);
        if (!v)
            return;
        if (!v->is_string())
            fail(key, "expected a string, got " + describe(*v));
        const std::string text = v->get<std::string>();
        if (const auto parsed = parse(text)) {
            out = *parsed;
            return;
        }
        const auto names = enumNames(values);
        const std::string suggestion = nearestName(text, names);
        fail(key, "unknown " + std::string(what) + " " + describe(*v) + " ("
                      + (suggestion.empty() ? "expected one of: " + listNames(names)
                                            : "did you mean \"" + suggestion + "\"?")
                      + ")");
    }

    void read(std::string_view key, std::optional<RegularizerSpec> &out) const {
        const Json *v = find(key);
        if (!v || v->is_null()) {
            out.reset();
            return;
        }
        if (!v->is_object())
            fail(key, "expected null or an object like {\"l2\": 0.0001}, got " + describe(*v));
        // {} is a regularizer with both scales 0: it stays distinct from null.
        const ObjectReader reg(*v, field(key), m_file, {"l1", "l2"});
        RegularizerSpec spec;
        reg.read("l1", spec.l1);
        reg.read("l2", spec.l2);
        out = spec;
    }

    [[noreturn]] void fail(std::string_view key, const std::string &message) const {
        throw InputError(m_file, field(key), message);
    }

private:
    const Json &m_object;
    std::string m_path;
    const std::string &m_file;
    std::vector<std::string_view> m_keys;
};

DatasetSpec datasetFromJson(const Json &node, const std::string &file) {
    const ObjectReader r(node, "dataset", file,
                         {"source", "test_fraction", "samples", "noise", "images", "labels",
                          "test_images", "test_labels", "path", "test_path", "target", "limit",
                          "validation_fraction", "train_size", "label_noise"});
    DatasetSpec d;
    r.read("source", d.source);
    r.read("test_fraction", d.testFraction);
    r.read("samples", d.samples);
    r.read("noise", d.noise);
    r.read("images", d.images);
    r.read("labels", d.labels);
    r.read("test_images", d.testImages);
    r.read("test_labels", d.testLabels);
    r.read("path", d.path);
    r.read("test_path", d.testPath);
    r.read("target", d.target);
    r.read("limit", d.limit);
    r.read("validation_fraction", d.validationFraction);
    if (r.find("train_size")) {
        int n = 0;
        r.read("train_size", n);
        d.trainSize = n;
    }
    r.read("label_noise", d.labelNoise);
    return d;
}

LayerSpec layerFromJson(const Json &node, std::size_t index, const std::string &file) {
    // A dropout (or spatial_dropout2d) entry has only a name and a rate.
    const auto typeIt = node.is_object() ? node.find("type") : node.end();
    const std::string dropoutType =
        typeIt != node.end() && typeIt->is_string() ? typeIt->get<std::string>() : "";
    if (dropoutType == "dropout" || dropoutType == "spatial_dropout2d") {
        const ObjectReader r(node, "model.layers." + std::to_string(index), file,
                             {"name", "type", "rate"});
        LayerSpec l;
        l.name = dropoutType + std::to_string(index + 1);
        l.type = dropoutType;
        r.read("name", l.name);
        if (!r.find("rate"))
            r.fail("rate", "a " + dropoutType + " layer needs a rate in [0, 1)");
        r.read("rate", l.rate);
        return l;
    }
    const std::string type = typeIt != node.end() && typeIt->is_string()
                                 ? typeIt->get<std::string>()
                                 : std::string("dense");
    const std::string path = "model.layers." + std::to_string(index);
    const std::vector<std::string_view> types{"dense",   "conv2d",  "max_pool2d",
                                              "flatten", "dropout", "spatial_dropout2d"};
    if (std::find(types.begin(), types.end(), type) == types.end()) {
        const std::string suggestion = nearestName(type, types);
        throw InputError(file, joinJsonPath(path, "type"),
                         "unknown layer type \"" + type + "\" ("
                             + (suggestion.empty() ? "expected one of: " + listNames(types)
                                                   : "did you mean \"" + suggestion + "\"?")
                             + ")");
    }
    LayerSpec l;
    l.type = type;
    if (type == "flatten") {
        const ObjectReader r(node, path, file, {"name", "type"});
        l.name = "flatten" + std::to_string(index + 1);
        r.read("name", l.name);
        return l;
    }
    if (type == "max_pool2d") {
        const ObjectReader r(node, path, file, {"name", "type", "pool_size", "strides", "padding"});
        l.name = "max_pool2d" + std::to_string(index + 1);
        r.read("name", l.name);
        r.readPair("pool_size", l.poolSize);
        r.readWindowSteps(l);
        return l;
    }
    const bool conv = type == "conv2d";
    std::vector<std::string_view> keys{"name",
                                       "type",
                                       "activation",
                                       "kernel_initializer",
                                       "use_bias",
                                       "kernel_regularizer",
                                       "bias_regularizer"};
    if (conv)
        keys.insert(keys.end(), {"filters", "kernel_size", "strides", "padding"});
    else
        keys.push_back("units");
    const ObjectReader r(node, path, file, keys);
    l.name = (conv ? "conv2d" : "dense") + std::to_string(index + 1);
    r.read("name", l.name);
    r.read("type", l.type);
    if (conv) {
        r.read("filters", l.filters);
        if (!r.find("kernel_size"))
            r.fail("kernel_size",
                   "a conv2d layer needs a kernel_size (an integer or [height, width])");
        r.readPair("kernel_size", l.kernelSize);
        r.readWindowSteps(l);
    } else {
        r.read("units", l.units);
    }
    r.readEnum("activation", l.activation, activationFromString, "activation",
               {Activation::Linear, Activation::Relu, Activation::Tanh, Activation::Sigmoid,
                Activation::Elu});
    r.readEnum("kernel_initializer", l.kernelInitializer, initializerFromString, "initializer",
               {Initializer::GlorotUniform, Initializer::HeNormal, Initializer::Zeros});
    r.read("use_bias", l.useBias);
    r.read("kernel_regularizer", l.kernelRegularizer);
    r.read("bias_regularizer", l.biasRegularizer);
    return l;
}

ModelSpec modelFromJson(const Json &node, const std::string &file) {
    const ObjectReader r(node, "model", file, {"layers"});
    ModelSpec m;
    if (const Json *layers = r.find("layers")) {
        if (!layers->is_array())
            r.fail("layers", "expected an array of layers, got " + describe(*layers));
        // Bound the work before looping: validate() gives the precise limit message.
        if (layers->size() > std::size_t(limits::kMaxLayers))
            r.fail("layers", "too many layers (" + std::to_string(layers->size()) + ", at most "
                                 + std::to_string(limits::kMaxLayers) + ")");
        for (std::size_t i = 0; i < layers->size(); ++i)
            m.layers.push_back(layerFromJson((*layers)[i], i, file));
    }
    return m;
}

OptimizerSpec optimizerFromJson(const Json &node, const std::string &file) {
    const ObjectReader r(node, "optimizer", file,
                         {"type", "learning_rate", "momentum", "nesterov", "beta1", "beta2",
                          "epsilon", "weight_decay"});
    OptimizerSpec o;
    r.readEnum("type", o.type, optimizerFromString, "optimizer",
               {OptimizerKind::Sgd, OptimizerKind::Adam, OptimizerKind::AdamW});
    // Defaults that depend on the type (the Keras defaults).
    o.learningRate = o.type == OptimizerKind::Sgd ? 0.01 : 0.001;
    o.weightDecay = o.type == OptimizerKind::AdamW ? 0.01 : 0.0;
    r.read("learning_rate", o.learningRate);
    r.read("momentum", o.momentum);
    r.read("nesterov", o.nesterov);
    r.read("beta1", o.beta1);
    r.read("beta2", o.beta2);
    r.read("epsilon", o.epsilon);
    r.read("weight_decay", o.weightDecay);
    return o;
}

EarlyStoppingSpec earlyStoppingFromJson(const Json &node, const std::string &file) {
    const ObjectReader r(
        node, "training.early_stopping", file,
        {"monitor", "min_delta", "patience", "restore_best_weights", "start_from_epoch"});
    EarlyStoppingSpec e;
    r.read("monitor", e.monitor);
    r.read("min_delta", e.minDelta);
    r.read("patience", e.patience);
    r.read("restore_best_weights", e.restoreBestWeights);
    r.read("start_from_epoch", e.startFromEpoch);
    return e;
}

TrainingSpec trainingFromJson(const Json &node, const std::string &file) {
    const ObjectReader r(node, "training", file,
                         {"batch_size", "epochs", "shuffle", "report_every_steps", "histogram_bins",
                          "penalty_in_loss", "penalty_multiplier", "early_stopping"});
    TrainingSpec t;
    r.read("batch_size", t.batchSize);
    r.read("epochs", t.epochs);
    r.read("shuffle", t.shuffle);
    r.read("report_every_steps", t.reportEverySteps);
    r.read("histogram_bins", t.histogramBins);
    r.read("penalty_in_loss", t.penaltyInLoss);
    r.read("penalty_multiplier", t.penaltyMultiplier);
    if (const Json *v = r.find("early_stopping"); v && !v->is_null())
        t.earlyStopping = earlyStoppingFromJson(*v, file);
    return t;
}

Json regularizerToJson(const std::optional<RegularizerSpec> &reg) {
    if (!reg)
        return nullptr;
    Json out = Json::object();
    out["l1"] = reg->l1;
    out["l2"] = reg->l2;
    return out;
}

} // namespace

ExperimentSpec experimentFromJson(const Json &doc, const std::string &file) {
    const ObjectReader r(doc, "", file,
                         {"name", "description", "seed", "dataset", "model", "loss",
                          "l2_convention", "optimizer", "training"});
    ExperimentSpec spec;
    r.read("name", spec.name);
    r.read("description", spec.description);
    r.read("seed", spec.seed);
    if (const Json *v = r.find("dataset"))
        spec.dataset = datasetFromJson(*v, file);
    if (const Json *v = r.find("model"))
        spec.model = modelFromJson(*v, file);
    r.readEnum(
        "loss", spec.loss, lossFromString, "loss",
        {LossKind::SoftmaxCrossEntropy, LossKind::SigmoidCrossEntropy, LossKind::MeanSquaredError});
    r.readEnum("l2_convention", spec.l2Convention, l2ConventionFromString, "L2 convention",
               {L2Convention::Keras, L2Convention::Tf1});
    if (const Json *v = r.find("optimizer"))
        spec.optimizer = optimizerFromJson(*v, file);
    else
        spec.optimizer = optimizerFromJson(Json::object(), file);
    if (const Json *v = r.find("training"))
        spec.training = trainingFromJson(*v, file);
    spec.validate(file);
    return spec;
}

Json experimentToJson(const ExperimentSpec &spec) {
    Json doc = Json::object();
    doc["name"] = spec.name;
    doc["description"] = spec.description;
    doc["seed"] = spec.seed;

    const DatasetSpec &d = spec.dataset;
    Json dataset = Json::object();
    dataset["source"] = d.source;
    dataset["test_fraction"] = d.testFraction;
    dataset["samples"] = d.samples;
    dataset["noise"] = d.noise;
    dataset["images"] = d.images;
    dataset["labels"] = d.labels;
    dataset["test_images"] = d.testImages;
    dataset["test_labels"] = d.testLabels;
    dataset["path"] = d.path;
    // Written only when set: files that do not use it stay as earlier versions wrote them.
    if (!d.testPath.empty())
        dataset["test_path"] = d.testPath;
    dataset["target"] = d.target;
    dataset["limit"] = d.limit;
    // Newer keys only when used, so files that do not use them stay readable by older
    // versions (which refuse unknown keys).
    if (d.validationFraction != 0.0)
        dataset["validation_fraction"] = d.validationFraction;
    if (d.trainSize)
        dataset["train_size"] = *d.trainSize;
    if (d.labelNoise != 0.0)
        dataset["label_noise"] = d.labelNoise;
    doc["dataset"] = std::move(dataset);

    Json layers = Json::array();
    for (const LayerSpec &l : spec.model.layers) {
        Json layer = Json::object();
        layer["name"] = l.name;
        layer["type"] = l.type;
        if (l.isDropout()) {
            layer["rate"] = l.rate;
            layers.push_back(std::move(layer));
            continue;
        }
        const auto pair = [](const std::array<int, 2> &p) { return Json::array({p[0], p[1]}); };
        if (l.isFlatten()) {
            layers.push_back(std::move(layer));
            continue;
        }
        if (l.isPool() || l.isConv()) {
            if (l.isConv()) {
                layer["filters"] = l.filters;
                layer["kernel_size"] = pair(l.kernelSize);
            } else {
                layer["pool_size"] = pair(l.poolSize);
            }
            if (l.strides)
                layer["strides"] = pair(*l.strides);
            layer["padding"] = toString(l.padding);
            if (l.isPool()) {
                layers.push_back(std::move(layer));
                continue;
            }
        } else {
            layer["units"] = l.units;
        }
        layer["activation"] = toString(l.activation);
        layer["kernel_initializer"] = toString(l.kernelInitializer);
        layer["use_bias"] = l.useBias;
        layer["kernel_regularizer"] = regularizerToJson(l.kernelRegularizer);
        layer["bias_regularizer"] = regularizerToJson(l.biasRegularizer);
        layers.push_back(std::move(layer));
    }
    Json model = Json::object();
    model["layers"] = std::move(layers);
    doc["model"] = std::move(model);

    doc["loss"] = toString(spec.loss);
    doc["l2_convention"] = toString(spec.l2Convention);

    const OptimizerSpec &o = spec.optimizer;
    Json optimizer = Json::object();
    optimizer["type"] = toString(o.type);
    optimizer["learning_rate"] = o.learningRate;
    optimizer["momentum"] = o.momentum;
    optimizer["nesterov"] = o.nesterov;
    optimizer["beta1"] = o.beta1;
    optimizer["beta2"] = o.beta2;
    optimizer["epsilon"] = o.epsilon;
    optimizer["weight_decay"] = o.weightDecay;
    doc["optimizer"] = std::move(optimizer);

    const TrainingSpec &t = spec.training;
    Json training = Json::object();
    training["batch_size"] = t.batchSize;
    training["epochs"] = t.epochs;
    training["shuffle"] = t.shuffle;
    training["report_every_steps"] = t.reportEverySteps;
    training["histogram_bins"] = t.histogramBins;
    training["penalty_in_loss"] = t.penaltyInLoss;
    if (t.penaltyMultiplier != 1.0)
        training["penalty_multiplier"] = t.penaltyMultiplier;
    if (t.earlyStopping) {
        const EarlyStoppingSpec &e = *t.earlyStopping;
        Json early = Json::object();
        early["monitor"] = e.monitor;
        early["min_delta"] = e.minDelta;
        early["patience"] = e.patience;
        early["restore_best_weights"] = e.restoreBestWeights;
        early["start_from_epoch"] = e.startFromEpoch;
        training["early_stopping"] = std::move(early);
    }
    doc["training"] = std::move(training);
    return doc;
}

ExperimentSpec loadExperimentFile(const std::string &path) {
    return loadExperimentFile(path, {});
}

ExperimentSpec loadExperimentFile(const std::string &path,
                                  const std::vector<std::string> &overrides) {
    Json doc = readJsonFile(path);
    for (const std::string &assignment : overrides)
        applyOverride(doc, assignment, path);
    return experimentFromJson(doc, path);
}

void saveExperimentFile(const ExperimentSpec &spec, const std::string &path) {
    std::string text;
    try {
        text = experimentToJson(spec).dump(2) + "\n";
    } catch (const Json::type_error &) {
        throw OutputError(path, "the experiment contains text that is not valid UTF-8");
    }
    writeFileAtomically(path, text);
}

} // namespace reglab
