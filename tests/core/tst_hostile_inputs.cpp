// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile outside input, one named row each: every row must end in exactly one InputError or
// OutputError that names the file and the field, without writing anything (inputs) or losing
// the previous file (outputs). Also replays the fuzzers' seed corpus and every crash they
// found (tests/fuzz/corpus, tests/fuzz/regressions) through the same harness they run.
#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/error.h"
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/weights_io.h"
#include "core/train/trainer.h"
#include "fuzz/fuzz_harness.h"

#include <atomic>
#include <cstdlib>
#include <new>

#include "support/gzip.h"
#include "support/largest_allocation.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <functional>
#include <limits>
#include <optional>

using namespace reglab;
using namespace reglab::test;

namespace {

using Bytes = std::string;

QString qs(const std::string &s) {
    return QString::fromStdString(s);
}

void appendBigEndian32(Bytes &b, std::uint32_t v) {
    b += char(v >> 24);
    b += char((v >> 16) & 0xff);
    b += char((v >> 8) & 0xff);
    b += char(v & 0xff);
}

/// An unsigned-byte IDX file: 00 00 08 <ndims>, big-endian dims, then `payload` as is.
Bytes makeIdx(const std::vector<std::uint32_t> &dims, const Bytes &payload) {
    Bytes b{'\0', '\0', '\x08', char(dims.size())};
    for (std::uint32_t d : dims)
        appendBigEndian32(b, d);
    return b + payload;
}

/// Writes a fixture (plain POSIX: the code under test must not depend on Qt).
void put(const std::string &path, const Bytes &bytes) {
    QFile f(qs(path));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || f.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size()))
        throw std::runtime_error("cannot write fixture " + path);
}

Bytes contentOf(const std::string &path) {
    QFile f(qs(path));
    if (!f.open(QIODevice::ReadOnly))
        return "<missing>";
    return f.readAll().toStdString();
}

/// Everything below `dir`, hidden files included, as relative paths.
QStringList treeOf(const QString &dir) {
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

/// The small experiment the JSON rows edit: `"units": 8`, `"batch_size": 16`, `"tanh"` and
/// `{"l2": 0.001}` each occur once.
const char *const kExperiment = R"({
  "name": "hostile",
  "dataset": {"source": "circle", "samples": 40},
  "model": {"layers": [
    {"name": "hidden", "units": 8, "activation": "tanh", "kernel_regularizer": {"l2": 0.001}},
    {"name": "logits", "units": 2}
  ]},
  "training": {"batch_size": 16, "epochs": 2}
})";

Bytes experimentWith(const Bytes &from, const Bytes &to) {
    Bytes text = kExperiment;
    const std::size_t at = text.find(from);
    if (at == Bytes::npos || text.find(from, at + 1) != Bytes::npos)
        throw std::logic_error("the edit " + from + " does not apply exactly once");
    return text.replace(at, from.size(), to);
}

ModelSpec denseModel(const std::vector<int> &units) {
    ModelSpec m;
    for (std::size_t i = 0; i < units.size(); ++i) {
        LayerSpec l;
        l.name = i + 1 == units.size() ? "logits" : "hidden" + std::to_string(i);
        l.units = units[i];
        l.activation = i + 1 == units.size() ? Activation::Linear : Activation::Tanh;
        m.layers.push_back(l);
    }
    return m;
}

/// One hostile input. `prepare` writes the fixture files into the folder and returns the file
/// the error must name; `act` is the call that must throw (with the same folder).
struct InputCase {
    const char *tag;
    std::function<std::string(const std::string &dir)> prepare;
    std::function<void(const std::string &dir)> act;
    std::string field;     ///< InputError::field(), exactly
    std::string inMessage; ///< part of InputError::message()
    /// Largest single allocation `act` may make (0: not checked).
    std::size_t maxAllocation = 0;
    /// Non-empty: the row is skipped with this reason (a bug reported, not yet fixed).
    const char *skip = nullptr;
    /// `field` only starts InputError::field() (a path inside a nested value).
    bool fieldIsPrefix = false;
};

/// A row reading an experiment file with `text`, with `--set` overrides.
InputCase experimentCase(const char *tag, Bytes text, std::vector<std::string> overrides,
                         std::string field, std::string inMessage) {
    return {tag,
            [text](const std::string &dir) {
                put(dir + "/experiment.json", text);
                return dir + "/experiment.json";
            },
            [overrides](const std::string &dir) {
                loadExperimentFile(dir + "/experiment.json", overrides);
            },
            std::move(field), std::move(inMessage)};
}

/// A row loading an experiment file with `text`, its data and building its trainer: the
/// checks that need the data's shape (the CLI names the experiment file for them).
InputCase trainerCase(const char *tag, Bytes text, std::string field, std::string inMessage) {
    return {tag,
            [text](const std::string &dir) {
                put(dir + "/experiment.json", text);
                return dir + "/experiment.json";
            },
            [](const std::string &dir) {
                const std::string path = dir + "/experiment.json";
                const ExperimentSpec spec = loadExperimentFile(path);
                auto data =
                    std::make_shared<const Dataset>(loadDataset(spec.dataset, spec.seed, dir));
                try {
                    Trainer trainer(spec, data);
                } catch (const InputError &e) {
                    if (!e.file().empty())
                        throw;
                    throw InputError(path, e.field(), e.message());
                }
            },
            std::move(field), std::move(inMessage)};
}

/// An experiment on `source` with these layers (JSON objects) and a dense output of
/// `classes` units.
Bytes cnnExperiment(const Bytes &source, const Bytes &layers, int classes = 10) {
    return R"({"name": "cnn", "dataset": {"source": ")" + source
           + R"(", "limit": 60, "samples": 40}, "model": {"layers": [)" + layers
           + R"(, {"name": "logits", "units": )" + std::to_string(classes)
           + R"(}]}, "training": {"batch_size": 16, "epochs": 1}})";
}

/// A row loading a CSV data set from `text` (target column "label").
InputCase csvCase(const char *tag, Bytes text, std::string field, std::string inMessage) {
    return {tag,
            [text](const std::string &dir) {
                put(dir + "/data.csv", text);
                return dir + "/data.csv";
            },
            [](const std::string &dir) {
                DatasetSpec spec;
                spec.source = "csv";
                spec.path = "data.csv";
                spec.target = "label";
                loadDataset(spec, 1, dir);
            },
            std::move(field), std::move(inMessage)};
}

/// A row reading `bytes` as an IDX image file.
InputCase idxCase(const char *tag, Bytes bytes, std::string field, std::string inMessage) {
    return {tag,
            [bytes](const std::string &dir) {
                put(dir + "/images.idx", bytes);
                return dir + "/images.idx";
            },
            [](const std::string &dir) { readIdxFile(dir + "/images.idx"); }, std::move(field),
            std::move(inMessage),
            // The files are at most a few hundred bytes; everything else is buffers.
            std::size_t(64) << 10};
}

const std::vector<InputCase> &inputCases() {
    constexpr std::uint32_t k2g = std::uint32_t(1) << 31;
    constexpr std::uint32_t kCap = std::uint32_t(1) << 28; // the IDX value limit
    static const std::vector<InputCase> cases = [] {
        std::vector<InputCase> c;
        c.push_back(idxCase("idx_header_claims_2g_images", makeIdx({k2g, 28, 28}, Bytes(784, 'x')),
                            "header", "2147483648 x 28 x 28"));
        c.push_back(idxCase("idx_header_claims_2g_labels", makeIdx({k2g}, Bytes(10, 'x')), "header",
                            "2147483648"));
        c.push_back(idxCase("idx_header_claims_2_28_values_raw", makeIdx({kCap}, Bytes(100, 'x')),
                            "payload", "header says 268435456 values, file has 100"));
        c.push_back(idxCase("idx_header_claims_2_28_values_gzip",
                            gzip(makeIdx({kCap}, Bytes(100, 'x'))), "payload",
                            "header says 268435456 values, file has 100"));
        {
            const Bytes whole = gzip(makeIdx({4, 8, 8}, Bytes(256, 'q')));
            c.push_back(idxCase("idx_truncated_gzip", whole.substr(0, whole.size() / 2), "gzip",
                                "truncated gzip stream"));
        }
        c.push_back(csvCase("csv_ragged_row", "x,y,label\n1,2,0\n3,4\n5,6,1\n", "line 3",
                            "has 2 cells, the header has 3 columns"));
        c.push_back(csvCase("csv_nan_in_numeric_column", "x,y,label\n1,2,0\n3,NaN,1\n", "line 3",
                            "column \"y\": \"NaN\" is not a finite number"));
        c.push_back(csvCase("csv_text_in_numeric_column", "x,y,label\n1,2,0\nthree,4,1\n", "line 3",
                            "column \"x\": \"three\" is not a number"));
        // Labels 0..4 make a 5-class set; a network with 3 outputs cannot train on it. The
        // trainer knows no file: the CLI attributes the error to the experiment file.
        c.push_back({"csv_label_beyond_network_classes",
                     [](const std::string &dir) {
                         put(dir + "/data.csv", "x,y,label\n0,1,0\n1,1,1\n2,1,2\n3,1,3\n4,1,4\n"
                                                "5,1,0\n6,1,1\n7,1,2\n8,1,3\n9,1,4\n");
                         return std::string();
                     },
                     [](const std::string &dir) {
                         ExperimentSpec spec;
                         spec.dataset.source = "csv";
                         spec.dataset.path = "data.csv";
                         spec.dataset.target = "label";
                         spec.model = denseModel({4, 3});
                         auto data = std::make_shared<const Dataset>(
                             loadDataset(spec.dataset, spec.seed, dir));
                         Trainer trainer(spec, data);
                     },
                     "model.layers.1.units", "the last layer needs 5 units"});
        // A data set built in memory (GUI, tests) whose labels exceed its own class count:
        // the trainer must reject it instead of indexing past the network's outputs.
        c.push_back({"label_beyond_dataset_classes", [](const std::string &) { return ""; },
                     [](const std::string &) {
                         auto d = std::make_shared<Dataset>();
                         d->name = "in-memory";
                         d->numClasses = 3;
                         d->classNames = {"0", "1", "2"};
                         d->trainX = MatrixF::Ones(2, 4);
                         d->trainY = MatrixF(1, 4);
                         d->trainY << 0, 1, 7, 2;
                         d->testX = MatrixF::Ones(2, 2);
                         d->testY = MatrixF(1, 2);
                         d->testY << 0, 1;
                         ExperimentSpec spec;
                         spec.model = denseModel({4, 3});
                         Trainer trainer(spec, d);
                     },
                     "dataset", "label 7"});
        c.push_back({"npz_shapes_do_not_match_network",
                     [](const std::string &dir) {
                         saveWeights(Network<float>(2, denseModel({3, 2})), dir + "/weights.npz");
                         return dir + "/weights.npz";
                     },
                     [](const std::string &dir) {
                         Network<float> net(2, denseModel({5, 2}));
                         loadWeights(net, dir + "/weights.npz");
                     },
                     "hidden0/kernel", "shape [2, 3] does not match the network's [2, 5]"});
        c.push_back(experimentCase("json_negative_batch_size",
                                   experimentWith("\"batch_size\": 16", "\"batch_size\": -16"), {},
                                   "training.batch_size", "-16"));
        c.push_back(experimentCase("json_zero_units",
                                   experimentWith("\"units\": 8", "\"units\": 0"), {},
                                   "model.layers.0.units", "got 0"));
        c.push_back(experimentCase("json_billion_units",
                                   experimentWith("\"units\": 8", "\"units\": 1000000000"), {},
                                   "model.layers.0.units", "1000000000"));
        c.push_back(experimentCase("json_unknown_activation",
                                   experimentWith("\"tanh\"", "\"tahn\""), {},
                                   "model.layers.0.activation", "tahn"));
        c.push_back(experimentCase("json_lambda_minus_one",
                                   experimentWith("{\"l2\": 0.001}", "{\"l2\": -1}"), {},
                                   "model.layers.0.kernel_regularizer.l2", "negative"));
        c.push_back(experimentCase("set_lambda_minus_one", kExperiment,
                                   {"model.layers.0.kernel_regularizer.l2=-1"},
                                   "model.layers.0.kernel_regularizer.l2", "negative"));
        // JSON has no NaN: `--set ...=NaN` is the string "NaN", a type error.
        c.push_back(experimentCase("set_lambda_nan_string", kExperiment,
                                   {"model.layers.0.kernel_regularizer.l2=NaN"},
                                   "model.layers.0.kernel_regularizer.l2", "\"NaN\""));
        // Dropout, the data controls, early stopping, the penalty multiplier (issue #13, #15).
        const Bytes logits = "{\"name\": \"logits\", \"units\": 2}";
        const auto withDropout = [&](const Bytes &entry) {
            return experimentWith(logits, entry + ", " + logits);
        };
        c.push_back(experimentCase("json_dropout_rate_one",
                                   withDropout("{\"type\": \"dropout\", \"rate\": 1}"), {},
                                   "model.layers.1.rate", "[0, 1)"));
        c.push_back(experimentCase("json_dropout_rate_negative",
                                   withDropout("{\"type\": \"dropout\", \"rate\": -0.1}"), {},
                                   "model.layers.1.rate", "-0.1"));
        c.push_back(experimentCase("set_dropout_rate_nan_string",
                                   withDropout("{\"type\": \"dropout\", \"rate\": 0.5}"),
                                   {"model.layers.1.rate=NaN"}, "model.layers.1.rate", "\"NaN\""));
        c.push_back(experimentCase("json_dropout_without_rate",
                                   withDropout("{\"type\": \"dropout\"}"), {},
                                   "model.layers.1.rate", "needs a rate"));
        c.push_back(experimentCase("json_dropout_with_units",
                                   withDropout("{\"type\": \"dropout\", \"rate\": 0.5, "
                                               "\"units\": 3}"),
                                   {}, "model.layers.1.units", "unknown key"));
        c.push_back(experimentCase(
            "json_dropout_after_output",
            experimentWith(logits, logits + ", {\"type\": \"dropout\", \"rate\": 0.5}"), {},
            "model.layers.2", "after the output layer"));
        // Convolutional layers (issue #12): the file alone, then the shapes on the data.
        const Bytes conv = R"({"type": "conv2d", "filters": 4, "kernel_size": 3})";
        const Bytes flat = R"({"type": "flatten"})";
        c.push_back(experimentCase(
            "json_conv_filters_zero",
            cnnExperiment("mnist-10k",
                          R"({"type": "conv2d", "filters": 0, "kernel_size": 3}, )" + flat),
            {}, "model.layers.0.filters", "between 1 and 1024"));
        c.push_back(experimentCase(
            "json_conv_kernel_16",
            cnnExperiment("mnist-10k",
                          R"({"type": "conv2d", "filters": 2, "kernel_size": [3, 16]}, )" + flat),
            {}, "model.layers.0.kernel_size", "between 1 and 15"));
        c.push_back(experimentCase(
            "json_conv_stride_zero",
            cnnExperiment("mnist-10k", R"({"type": "conv2d", "filters": 2, "kernel_size": 3, )"
                                       R"("strides": [1, 0]}, )"
                                           + flat),
            {}, "model.layers.0.strides", "got 0"));
        c.push_back(experimentCase(
            "json_pool_stride_zero",
            cnnExperiment("mnist-10k", R"({"type": "max_pool2d", "strides": 0}, )" + flat), {},
            "model.layers.0.strides", "got 0"));
        c.push_back(experimentCase(
            "json_conv_unknown_padding",
            cnnExperiment("mnist-10k", R"({"type": "conv2d", "filters": 2, "kernel_size": 3, )"
                                       R"("padding": "full"}, )"
                                           + flat),
            {}, "model.layers.0.padding", "unknown padding"));
        c.push_back(experimentCase(
            "json_conv_kernel_size_text",
            cnnExperiment("mnist-10k",
                          R"({"type": "conv2d", "filters": 2, "kernel_size": "3x3"}, )" + flat),
            {}, "model.layers.0.kernel_size", "pair"));
        c.push_back(experimentCase(
            "json_conv_without_kernel_size",
            cnnExperiment("mnist-10k", R"({"type": "conv2d", "filters": 2}, )" + flat), {},
            "model.layers.0.kernel_size", "needs a kernel_size"));
        c.push_back(experimentCase(
            "json_unknown_layer_type",
            cnnExperiment("mnist-10k", R"({"type": "conv2", "filters": 2}, )" + flat), {},
            "model.layers.0.type", "conv2d"));
        c.push_back(experimentCase(
            "json_dropout_before_pool",
            cnnExperiment("mnist-10k", conv
                                           + R"(, {"type": "dropout", "rate": 0.5}, )"
                                             R"({"type": "max_pool2d"}, )"
                                           + flat),
            {}, "model.layers.1", "right before a dense or conv2d"));
        // spatial_dropout2d (issue #13): dropout's rate rules, and it needs an image.
        const auto withSpatial = [&](const Bytes &rate) {
            return cnnExperiment("mnist-10k", conv + R"(, {"type": "spatial_dropout2d", "rate": )"
                                                  + rate + "}, " + conv + ", " + flat);
        };
        c.push_back(experimentCase("json_spatial_dropout_rate_one", withSpatial("1"), {},
                                   "model.layers.1.rate", "[0, 1)"));
        c.push_back(experimentCase("json_spatial_dropout_rate_negative", withSpatial("-0.1"), {},
                                   "model.layers.1.rate", "-0.1"));
        c.push_back(experimentCase("set_spatial_dropout_rate_nan_string", withSpatial("0.5"),
                                   {"model.layers.1.rate=NaN"}, "model.layers.1.rate", "\"NaN\""));
        c.push_back(
            experimentCase("json_spatial_dropout_without_rate",
                           cnnExperiment("mnist-10k", conv + R"(, {"type": "spatial_dropout2d"}, )"
                                                          + conv + ", " + flat),
                           {}, "model.layers.1.rate", "needs a rate"));
        c.push_back(experimentCase(
            "json_spatial_dropout_first",
            cnnExperiment("mnist-10k",
                          R"({"type": "spatial_dropout2d", "rate": 0.5}, )" + conv + ", " + flat),
            {}, "model.layers.0.type", "right after a conv2d or max_pool2d layer"));
        c.push_back(experimentCase(
            "json_spatial_dropout_after_flatten",
            cnnExperiment("mnist-10k", conv + ", " + flat
                                           + R"(, {"name": "sd", "type": "spatial_dropout2d", )"
                                             R"("rate": 0.5})"),
            {}, "model.layers.2.type", "not after the flatten layer"));
        c.push_back(experimentCase(
            "json_spatial_dropout_with_dropout",
            cnnExperiment("mnist-10k", conv
                                           + R"(, {"type": "spatial_dropout2d", "rate": 0.5}, )"
                                             R"({"name": "d2", "type": "dropout", "rate": 0.5}, )"
                                           + conv + ", " + flat),
            {}, "model.layers.2.type", "use one dropout in front of a layer"));
        c.push_back(experimentCase(
            "json_spatial_dropout_before_pool",
            cnnExperiment("mnist-10k", conv
                                           + R"(, {"type": "spatial_dropout2d", "rate": 0.5}, )"
                                             R"({"type": "max_pool2d"}, )"
                                           + flat),
            {}, "model.layers.1", "right before a dense or conv2d"));
        c.push_back(trainerCase("cnn_dense_on_unflattened_image", cnnExperiment("mnist-10k", conv),
                                "model.layers.1.type", "put a flatten layer before it"));
        c.push_back(trainerCase("cnn_conv_on_points",
                                cnnExperiment("circle", conv + ", " + flat, 2),
                                "model.layers.0.type", "not an image data set"));
        c.push_back(trainerCase(
            "cnn_kernel_larger_than_input",
            cnnExperiment("mnist-10k", R"({"type": "max_pool2d", "pool_size": 4}, )"
                                       R"({"type": "conv2d", "filters": 2, "kernel_size": 9}, )"
                                           + flat),
            "model.layers.1.kernel_size", "larger than the 7x7x1 input"));
        c.push_back(trainerCase(
            "cnn_pool_leaves_nothing",
            cnnExperiment("mnist-10k", R"({"type": "max_pool2d", "pool_size": [2, 32]}, )" + flat),
            "model.layers.0.pool_size", "leaves a 14x0 output"));
        c.push_back(trainerCase(
            "cnn_over_the_parameter_limit",
            cnnExperiment("mnist-10k", R"({"type": "conv2d", "filters": 1024, "kernel_size": 3, )"
                                       R"("padding": "same"}, )"
                                           + flat + R"(, {"units": 100})"),
            "model.layers.2", "parameters, at most 50000000"));
        c.push_back(experimentCase("set_early_stopping_unknown_monitor", kExperiment,
                                   {"training.early_stopping={\"monitor\": \"val_loss\"}"},
                                   "training.early_stopping.monitor", "unknown metric"));
        c.push_back(experimentCase("set_early_stopping_val_without_validation", kExperiment,
                                   {"training.early_stopping={}"},
                                   "training.early_stopping.monitor", "validation split"));
        c.push_back(experimentCase("set_early_stopping_negative_patience", kExperiment,
                                   {"training.early_stopping={\"monitor\": \"test_data_loss\", "
                                    "\"patience\": -1}"},
                                   "training.early_stopping.patience", "got -1"));
        c.push_back(experimentCase("set_early_stopping_unknown_key", kExperiment,
                                   {"training.early_stopping={\"monitor\": \"test_data_loss\", "
                                    "\"patients\": 3}"},
                                   "training.early_stopping.patients", "patience"));
        c.push_back(experimentCase("set_train_size_zero", kExperiment, {"dataset.train_size=0"},
                                   "dataset.train_size", "got 0"));
        c.push_back(experimentCase("set_label_noise_above_one", kExperiment,
                                   {"dataset.label_noise=1.5"}, "dataset.label_noise", "1.5"));
        c.push_back(experimentCase("set_label_noise_regression", kExperiment,
                                   {"dataset.label_noise=0.1", "loss=mse"}, "dataset.label_noise",
                                   "classification"));
        c.push_back(experimentCase("set_validation_fraction_one", kExperiment,
                                   {"dataset.validation_fraction=1"}, "dataset.validation_fraction",
                                   "[0, 1)"));
        c.push_back(experimentCase("set_penalty_multiplier_negative", kExperiment,
                                   {"training.penalty_multiplier=-2"},
                                   "training.penalty_multiplier", "-2"));
        // Checked against the data once it is loaded: nothing is written.
        c.push_back({"train_size_larger_than_the_data",
                     [](const std::string &) { return std::string("circle"); },
                     [](const std::string &) {
                         DatasetSpec d;
                         d.source = "circle";
                         d.samples = 40;
                         d.trainSize = 33; // 32 training samples
                         loadDataset(d, 1);
                     },
                     "dataset.train_size", "32 training samples"});
        c.push_back({"validation_leaves_no_training_data",
                     [](const std::string &) { return std::string("circle"); },
                     [](const std::string &) {
                         DatasetSpec d;
                         d.source = "circle";
                         d.samples = 4;
                         d.testFraction = 0.5;
                         d.validationFraction = 0.75;
                         loadDataset(d, 1);
                     },
                     "dataset.validation_fraction", "leaves no training samples"});
        // Nesting far beyond anything an experiment needs (the files may be 16 MiB): without a
        // depth limit nlohmann's ordered_map copies a member's value when its vector grows
        // (pair<const string, json> is not nothrow-movable) and the copy recurses once per
        // level, overflowing the stack. The parser stops at 64 levels.
        c.push_back(experimentCase(
            "json_deeply_nested_value",
            experimentWith("\"units\": 8", "\"units\": " + Bytes(200000, '[') + Bytes(200000, ']')),
            {}, "model.layers.0.units", "nested"));
        c.back().fieldIsPrefix = true;
        c.push_back(experimentCase("json_deeply_nested_document",
                                   Bytes(1000000, '[') + Bytes(1000000, ']'), {}, "", "nested"));
        c.back().fieldIsPrefix = true;
        // Overrides bypass the JSON parser's UTF-8 check; such text cannot be written back.
        c.push_back(experimentCase("set_value_not_utf8", kExperiment, {"description=bad \xa2 text"},
                                   "description", "UTF-8"));
        c.push_back({"validate_lambda_nan",
                     [](const std::string &dir) { return dir + "/experiment.json"; },
                     [](const std::string &dir) {
                         ExperimentSpec spec = defaultExperiment();
                         spec.model.layers[1].kernelRegularizer =
                             RegularizerSpec{0.0, std::numeric_limits<double>::quiet_NaN()};
                         spec.validate(dir + "/experiment.json");
                     },
                     "model.layers.1.kernel_regularizer.l2", "finite"});
        c.push_back({"validate_lambda_minus_one",
                     [](const std::string &dir) { return dir + "/experiment.json"; },
                     [](const std::string &dir) {
                         ExperimentSpec spec = defaultExperiment();
                         spec.model.layers[0].biasRegularizer = RegularizerSpec{-1.0, 0.0};
                         spec.validate(dir + "/experiment.json");
                     },
                     "model.layers.0.bias_regularizer.l1", "negative"});
        return c;
    }();
    return cases;
}

/// Mounts a tmpfs of `size` bytes on `dir` (root with CAP_SYS_ADMIN only); unmounts on
/// destruction. `error` says why it could not.
class TmpfsMount {
public:
    TmpfsMount(const std::string &dir, const char *options)
        : m_dir(dir) {
        if (::mount("tmpfs", dir.c_str(), "tmpfs", 0, options) == 0)
            m_mounted = true;
        else
            m_error = std::strerror(errno);
    }
    ~TmpfsMount() {
        if (m_mounted)
            ::umount2(m_dir.c_str(), MNT_DETACH);
    }
    bool mounted() const { return m_mounted; }
    const std::string &error() const { return m_error; }
    bool remountReadOnly() {
        return ::mount("tmpfs", m_dir.c_str(), "tmpfs", MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }

private:
    std::string m_dir;
    bool m_mounted = false;
    std::string m_error;
};

/// Limits the size of files this process writes (RLIMIT_FSIZE) while alive: write() then
/// fails with EFBIG (SIGXFSZ ignored), an injected write failure that needs no privileges.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_old;
        limit.rlim_cur = bytes;
        m_active = ::setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }
    bool active() const { return m_active; }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
    bool m_active = false;
};

/// A megabyte of output: more than the tiny file systems and limits below allow.
Bytes bigPayload() {
    Bytes b(std::size_t(1) << 20, '\0');
    for (std::size_t i = 0; i < b.size(); ++i)
        b[i] = char('a' + i % 26);
    return b;
}

} // namespace

class TestHostileInputs : public QObject {
    Q_OBJECT

private slots:
    void inputErrors_data();
    void inputErrors();
    void outputErrors_data();
    void outputErrors();
    void fuzzCorpusAndRegressions_data();
    void fuzzCorpusAndRegressions();
};

void TestHostileInputs::inputErrors_data() {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < inputCases().size(); ++i)
        QTest::newRow(inputCases()[i].tag) << int(i);
}

void TestHostileInputs::inputErrors() {
    QFETCH(int, index);
    const InputCase &c = inputCases()[std::size_t(index)];
    if (c.skip)
        QSKIP(c.skip);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string dir = tmp.path().toStdString();
    const std::string file = c.prepare(dir);
    const QStringList before = treeOf(tmp.path());

    int thrown = 0;
    std::optional<InputError> error;
    g_largestAllocation = 0;
    try {
        c.act(dir);
    } catch (const InputError &e) {
        ++thrown;
        error = e;
    }
    const std::size_t largest = g_largestAllocation.load();
    QCOMPARE(thrown, 1);
    QCOMPARE(qs(error->file()), qs(file));
    if (c.fieldIsPrefix)
        QVERIFY2(error->field().rfind(c.field, 0) == 0, error->what());
    else
        QCOMPARE(qs(error->field()), qs(c.field));
    QVERIFY2(error->message().find(c.inMessage) != std::string::npos, error->what());
    QVERIFY2(std::string(error->what()).find('\n') == std::string::npos, error->what());
    if (!file.empty() && !c.fieldIsPrefix)
        QVERIFY2(std::string(error->what()).rfind(file + ": " + c.field + ": ", 0) == 0,
                 error->what());
    if (c.maxAllocation > 0) {
        QVERIFY2(largest <= c.maxAllocation,
                 qPrintable(QStringLiteral("largest allocation %1 bytes").arg(largest)));
    }
    QCOMPARE(treeOf(tmp.path()), before);
}

// Output rows: each writer, each way of failing. `writer` names the API, `failure` the way.
void TestHostileInputs::outputErrors_data() {
    QTest::addColumn<QString>("writer");  // atomic, experiment, npz
    QTest::addColumn<QString>("failure"); // see outputErrors()
    for (const char *writer : {"atomic", "experiment", "npz"}) {
        for (const char *failure : {"below_regular_file", "target_is_folder",
                                    "injected_write_failure", "full_disk", "read_only_mount"}) {
            QTest::addRow("%s_%s", writer, failure) << writer << failure;
        }
    }
    QTest::newRow("atomic_read_only_folder") << "atomic"
                                             << "read_only_folder";
}

void TestHostileInputs::outputErrors() {
    QFETCH(QString, writer);
    QFETCH(QString, failure);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string dir = tmp.path().toStdString();
    const Bytes previous = "previous content\n";

    std::string target = dir + "/out/result.bin";
    std::optional<TmpfsMount> mount;
    std::optional<FileSizeLimit> sizeLimit;
    QVERIFY(QDir().mkpath(qs(dir + "/out")));
    if (failure == "below_regular_file") {
        // Permissions do not stop root; a path through a regular file stops everyone.
        put(dir + "/out/file", previous);
        target = dir + "/out/file/result.bin";
    } else if (failure == "target_is_folder") {
        QVERIFY(QDir().mkpath(qs(target)));
        put(target + "/keep", previous);
    } else if (failure == "read_only_folder") {
        if (::geteuid() == 0)
            QSKIP("root ignores folder permissions (below_regular_file and read_only_mount "
                  "cover this)");
        put(target, previous);
        QVERIFY(::chmod((dir + "/out").c_str(), 0555) == 0);
    } else if (failure == "full_disk" || failure == "read_only_mount") {
        mount.emplace(dir + "/out", "size=64k,mode=0755");
        if (!mount->mounted())
            QSKIP(qPrintable("cannot mount a tmpfs (needs root with CAP_SYS_ADMIN): "
                             + qs(mount->error())));
        put(target, previous);
        if (failure == "read_only_mount")
            QVERIFY(mount->remountReadOnly());
    } else if (failure == "injected_write_failure") {
        put(target, previous);
    } else {
        QFAIL("unknown failure");
    }
    const QString parent = qs(dir + "/out");
    const QStringList before = treeOf(parent);
    const Bytes contentBefore = QFileInfo(qs(target)).isFile() ? contentOf(target) : Bytes();

    // Big enough to overflow the 64 KiB tmpfs and the 4 KiB file size limit.
    const Bytes payload = bigPayload();
    ExperimentSpec spec = defaultExperiment();
    spec.description = payload;
    // About 1.6 MB of random float32 weights (they hardly compress).
    const ModelSpec model = denseModel({512, 10});
    Network<float> net(784, model);
    net.initialize(model, 7);

    if (failure == "injected_write_failure") {
        sizeLimit.emplace(4096);
        QVERIFY(sizeLimit->active());
    }
    int thrown = 0;
    std::optional<OutputError> error;
    try {
        if (writer == "atomic")
            writeFileAtomically(target, payload);
        else if (writer == "experiment")
            saveExperimentFile(spec, target);
        else
            saveWeights(net, target);
    } catch (const OutputError &e) {
        ++thrown;
        error = e;
    }
    sizeLimit.reset();
    if (failure == "read_only_folder")
        ::chmod((dir + "/out").c_str(), 0755);

    QCOMPARE(thrown, 1);
    QCOMPARE(qs(error->file()), qs(target));
    QVERIFY2(std::string(error->what()).rfind(target + ": ", 0) == 0, error->what());
    QVERIFY2(std::string(error->what()).find('\n') == std::string::npos, error->what());
    // Nothing new next to the target (no temp file left), the previous content intact.
    QCOMPARE(treeOf(parent), before);
    if (!contentBefore.empty())
        QCOMPARE(qs(contentOf(target)), qs(contentBefore));
    if (failure == "target_is_folder")
        QCOMPARE(qs(contentOf(target + "/keep")), qs(previous));
}

// Every seed (valid, must be accepted) and every crash the fuzzers found (must now be accepted
// or rejected with an InputError) through the harness the fuzzers run.
void TestHostileInputs::fuzzCorpusAndRegressions_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("seed");
    QTest::addColumn<QString>("pending"); // non-empty: not fixed yet, skipped with this reason
    const QString root = QStringLiteral(REGLAB_SOURCE_DIR "/tests/fuzz");
    QMap<QString, QString> pending;
    QFile pendingFile(root + "/regressions/PENDING");
    if (pendingFile.open(QIODevice::ReadOnly)) {
        for (const QString &line : QString::fromUtf8(pendingFile.readAll()).split('\n')) {
            const qsizetype tab = line.indexOf('\t');
            if (!line.startsWith('#') && tab > 0)
                pending.insert(line.left(tab), line.mid(tab + 1));
        }
    }
    int seeds = 0;
    for (const std::string &t : fuzz::targetNames()) {
        for (const char *kind : {"corpus", "regressions"}) {
            const QDir dir(root + "/" + kind + "/" + qs(t));
            for (const QFileInfo &f : dir.entryInfoList(QDir::Files, QDir::Name)) {
                const bool seed = QString(kind) == "corpus";
                seeds += seed ? 1 : 0;
                QString name = f.fileName();
                name.replace(QRegularExpression("[^A-Za-z0-9]+"), "_");
                QTest::addRow("%s_%s_%s", kind, t.c_str(), qPrintable(name.toLower()))
                    << qs(t) << f.filePath() << seed << pending.value(qs(t) + "/" + f.fileName());
            }
        }
    }
    if (seeds == 0)
        QTest::newRow("no_seed_corpus") << QString() << QString() << true << QString();
}

void TestHostileInputs::fuzzCorpusAndRegressions() {
    QFETCH(QString, target);
    QFETCH(QString, path);
    QFETCH(bool, seed);
    QFETCH(QString, pending);
    QVERIFY2(!target.isEmpty(), "tests/fuzz/corpus holds no seeds");
    if (!pending.isEmpty())
        QSKIP(qPrintable(pending));
    QFile f(path);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray bytes = f.readAll();
    try {
        const fuzz::Outcome outcome =
            fuzz::run(target.toStdString(), reinterpret_cast<const std::uint8_t *>(bytes.data()),
                      std::size_t(bytes.size()));
        if (seed)
            QVERIFY2(outcome == fuzz::Outcome::Accepted, "a seed must be a valid input");
    } catch (const std::exception &e) {
        QFAIL(e.what());
    }
}

QTEST_APPLESS_MAIN(TestHostileInputs)
#include "tst_hostile_inputs.moc"
