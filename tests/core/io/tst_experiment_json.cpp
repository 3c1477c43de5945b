// SPDX-License-Identifier: GPL-3.0-or-later
// The experiment file format: parsing, defaults, errors, round trips and --set overrides.
#include "core/error.h"
#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "core/io/overrides.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <functional>
#include <limits>
#include <string>

using namespace reglab;
using Json = nlohmann::ordered_json;

namespace {

const char *const kExample = R"({
  "name": "seed-mnist-l2",
  "seed": 1,
  "dataset": {"source": "mnist-10k", "test_fraction": 0.2},
  "model": {"layers": [
    {"name": "hidden1", "type": "dense", "units": 200, "activation": "tanh",
     "kernel_regularizer": {"l2": 0.0001}, "bias_regularizer": null},
    {"name": "hidden2", "type": "dense", "units": 200, "activation": "tanh",
     "kernel_regularizer": {"l2": 0.0001}},
    {"name": "logits", "type": "dense", "units": 10, "activation": "linear",
     "kernel_regularizer": {"l2": 0.0001}}]},
  "loss": "softmax_cross_entropy",
  "l2_convention": "tf1",
  "optimizer": {"type": "adam", "learning_rate": 0.0001},
  "training": {"batch_size": 50, "epochs": 10, "shuffle": true}
})";

/// A minimal valid document: one layer, everything else defaulted.
Json minimalDoc() {
    return Json::parse(R"({"model": {"layers": [{"units": 3}]}})");
}

/// Runs `f` and returns the InputError it throws; fails the test when it throws nothing.
InputError expectInputError(const std::function<void()> &f) {
    try {
        f();
    } catch (const InputError &e) {
        return e;
    }
    return InputError("", "", "<no error thrown>");
}

std::string keysOf(const Json &object) {
    std::string out;
    for (const auto &item : object.items())
        out += (out.empty() ? "" : ",") + item.key();
    return out;
}

QString q(const std::string &s) {
    return QString::fromStdString(s);
}

} // namespace

class TestExperimentJson : public QObject {
    Q_OBJECT

private slots:
    void parsesTheExample() {
        const ExperimentSpec spec = experimentFromJson(parseJsonText(kExample, "ex.json"));
        QCOMPARE(spec.name, std::string("seed-mnist-l2"));
        QCOMPARE(spec.description, std::string());
        QCOMPARE(spec.seed, std::uint64_t(1));
        QCOMPARE(spec.dataset.source, std::string("mnist-10k"));
        QCOMPARE(spec.dataset.testFraction, 0.2);
        QCOMPARE(spec.dataset.samples, 500);
        QCOMPARE(spec.dataset.noise, 0.1);
        QCOMPARE(spec.dataset.limit, 0);
        QVERIFY(spec.dataset.images.empty() && spec.dataset.labels.empty());
        QVERIFY(spec.dataset.testImages.empty() && spec.dataset.testLabels.empty());
        QVERIFY(spec.dataset.path.empty() && spec.dataset.target.empty());

        QCOMPARE(spec.model.layers.size(), std::size_t(3));
        const char *names[] = {"hidden1", "hidden2", "logits"};
        const int units[] = {200, 200, 10};
        const Activation acts[] = {Activation::Tanh, Activation::Tanh, Activation::Linear};
        for (int i = 0; i < 3; ++i) {
            const LayerSpec &l = spec.model.layers[std::size_t(i)];
            QCOMPARE(l.name, std::string(names[i]));
            QCOMPARE(l.type, std::string("dense"));
            QCOMPARE(l.units, units[i]);
            QVERIFY(l.activation == acts[i]);
            QVERIFY(l.kernelInitializer == Initializer::GlorotUniform);
            QCOMPARE(l.useBias, true);
            QVERIFY(l.kernelRegularizer.has_value());
            QCOMPARE(l.kernelRegularizer->l1, 0.0);
            QCOMPARE(l.kernelRegularizer->l2, 0.0001);
            QVERIFY(!l.biasRegularizer.has_value());
        }
        QVERIFY(spec.loss == LossKind::SoftmaxCrossEntropy);
        QVERIFY(spec.l2Convention == L2Convention::Tf1);
        QVERIFY(spec.optimizer.type == OptimizerKind::Adam);
        QCOMPARE(spec.optimizer.learningRate, 0.0001);
        QCOMPARE(spec.optimizer.momentum, 0.0);
        QCOMPARE(spec.optimizer.nesterov, false);
        QCOMPARE(spec.optimizer.beta1, 0.9);
        QCOMPARE(spec.optimizer.beta2, 0.999);
        QCOMPARE(spec.optimizer.epsilon, 1e-7);
        QCOMPARE(spec.optimizer.weightDecay, 0.0);
        QCOMPARE(spec.training.batchSize, 50);
        QCOMPARE(spec.training.epochs, 10);
        QCOMPARE(spec.training.shuffle, true);
        QCOMPARE(spec.training.reportEverySteps, 0);
        QCOMPARE(spec.training.histogramBins, 40);
        QCOMPARE(spec.training.penaltyInLoss, true);
    }

    void fillsDefaults() {
        const ExperimentSpec spec = experimentFromJson(minimalDoc());
        ExperimentSpec expected;
        LayerSpec layer;
        layer.name = "dense1";
        layer.units = 3;
        expected.model.layers = {layer};
        QVERIFY(spec == expected);
        QCOMPARE(spec.name, std::string("untitled"));
        QCOMPARE(spec.optimizer.learningRate, 0.001);
    }

    void namesUnnamedLayersByPosition() {
        const ExperimentSpec spec = experimentFromJson(Json::parse(
            R"({"model": {"layers": [{"units": 3}, {"name": "mid", "units": 4}, {"units": 2}]}})"));
        QCOMPARE(spec.model.layers[0].name, std::string("dense1"));
        QCOMPARE(spec.model.layers[1].name, std::string("mid"));
        QCOMPARE(spec.model.layers[2].name, std::string("dense3"));
    }

    void optimizerDefaultsDependOnType_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("learningRate");
        QTest::addColumn<double>("weightDecay");
        QTest::newRow("sgd") << "sgd" << 0.01 << 0.0;
        QTest::newRow("adam") << "adam" << 0.001 << 0.0;
        QTest::newRow("adamw") << "adamw" << 0.001 << 0.01;
    }
    void optimizerDefaultsDependOnType() {
        QFETCH(QString, type);
        QFETCH(double, learningRate);
        QFETCH(double, weightDecay);
        Json doc = minimalDoc();
        doc["optimizer"] = {{"type", type.toStdString()}};
        const ExperimentSpec spec = experimentFromJson(doc);
        QCOMPARE(std::string(toString(spec.optimizer.type)), type.toStdString());
        QCOMPARE(spec.optimizer.learningRate, learningRate);
        QCOMPARE(spec.optimizer.weightDecay, weightDecay);
    }

    void readsEveryKey() {
        const char *text = R"({
          "name": "all", "description": "every key", "seed": 18446744073709551615,
          "dataset": {"source": "csv", "test_fraction": 0.25, "samples": 100, "noise": 0.5,
                      "images": "i", "labels": "l", "test_images": "ti", "test_labels": "tl",
                      "path": "p.csv", "test_path": "t.csv", "target": "y", "limit": 7},
          "model": {"layers": [
            {"name": "a", "type": "dense", "units": 5, "activation": "relu",
             "kernel_initializer": "he_normal", "use_bias": false,
             "kernel_regularizer": {"l1": 0.5, "l2": 0.25}, "bias_regularizer": null},
            {"name": "b", "units": 1, "activation": "sigmoid", "kernel_initializer": "zeros",
             "bias_regularizer": {"l1": 2}}]},
          "loss": "mse", "l2_convention": "keras",
          "optimizer": {"type": "sgd", "learning_rate": 0.5, "momentum": 0.9, "nesterov": true,
                        "beta1": 0.5, "beta2": 0.75, "epsilon": 0.125, "weight_decay": 0},
          "training": {"batch_size": 8, "epochs": 0, "shuffle": false, "report_every_steps": 3,
                       "histogram_bins": 11, "penalty_in_loss": false}})";
        const ExperimentSpec s = experimentFromJson(parseJsonText(text, "all.json"));
        QCOMPARE(s.description, std::string("every key"));
        QCOMPARE(s.seed, std::uint64_t(18446744073709551615ull));
        QCOMPARE(s.dataset.source, std::string("csv"));
        QCOMPARE(s.dataset.testFraction, 0.25);
        QCOMPARE(s.dataset.samples, 100);
        QCOMPARE(s.dataset.noise, 0.5);
        QCOMPARE(s.dataset.images, std::string("i"));
        QCOMPARE(s.dataset.labels, std::string("l"));
        QCOMPARE(s.dataset.testImages, std::string("ti"));
        QCOMPARE(s.dataset.testLabels, std::string("tl"));
        QCOMPARE(s.dataset.path, std::string("p.csv"));
        QCOMPARE(s.dataset.testPath, std::string("t.csv"));
        QCOMPARE(s.dataset.target, std::string("y"));
        QCOMPARE(s.dataset.limit, 7);
        const LayerSpec &a = s.model.layers[0];
        QVERIFY(a.activation == Activation::Relu);
        QVERIFY(a.kernelInitializer == Initializer::HeNormal);
        QCOMPARE(a.useBias, false);
        QVERIFY(a.kernelRegularizer == (RegularizerSpec{0.5, 0.25}));
        QVERIFY(!a.biasRegularizer);
        const LayerSpec &b = s.model.layers[1];
        QVERIFY(b.activation == Activation::Sigmoid);
        QVERIFY(b.kernelInitializer == Initializer::Zeros);
        QVERIFY(!b.kernelRegularizer);
        QVERIFY(b.biasRegularizer == (RegularizerSpec{2.0, 0.0}));
        QVERIFY(s.loss == LossKind::MeanSquaredError);
        QVERIFY(s.l2Convention == L2Convention::Keras);
        QVERIFY(s.optimizer.type == OptimizerKind::Sgd);
        QCOMPARE(s.optimizer.learningRate, 0.5);
        QCOMPARE(s.optimizer.momentum, 0.9);
        QCOMPARE(s.optimizer.nesterov, true);
        QCOMPARE(s.optimizer.beta1, 0.5);
        QCOMPARE(s.optimizer.beta2, 0.75);
        QCOMPARE(s.optimizer.epsilon, 0.125);
        QCOMPARE(s.training.batchSize, 8);
        QCOMPARE(s.training.epochs, 0);
        QCOMPARE(s.training.shuffle, false);
        QCOMPARE(s.training.reportEverySteps, 3);
        QCOMPARE(s.training.histogramBins, 11);
        QCOMPARE(s.training.penaltyInLoss, false);
    }

    void roundTrip() {
        ExperimentSpec spec = experimentFromJson(parseJsonText(kExample, "ex.json"));
        spec.description = "unicode \xc3\xa9 and \"quotes\"";
        spec.seed = 9223372036854775813ull; // above INT64_MAX
        spec.dataset.testFraction = 1.0 / 3.0;
        spec.dataset.noise = 0.1 + 0.2; // 0.30000000000000004
        spec.model.layers[0].kernelRegularizer = RegularizerSpec{1e-4, 3e-5};
        spec.model.layers[1].biasRegularizer = RegularizerSpec{0.0, 0.0};
        spec.model.layers[2].useBias = false;
        spec.optimizer.type = OptimizerKind::AdamW;
        spec.optimizer.weightDecay = 1e-4;
        spec.optimizer.epsilon = 1e-8;
        spec.training.reportEverySteps = 25;

        Json doc = experimentToJson(spec);
        QVERIFY(experimentFromJson(doc) == spec);
        // test_path is written only when set: files that do not use it stay as they were.
        QVERIFY(!doc["dataset"].contains("test_path"));
        spec.dataset.testPath = "test.csv";
        doc = experimentToJson(spec);
        QCOMPARE(doc["dataset"]["test_path"].get<std::string>(), std::string("test.csv"));
        QVERIFY(experimentFromJson(doc) == spec);
        // Through text too, as a file would.
        const ExperimentSpec back = experimentFromJson(parseJsonText(doc.dump(2), "rt.json"));
        QVERIFY(back == spec);
        QCOMPARE(back.model.layers[0].kernelRegularizer->l1, 1e-4);
        QCOMPARE(back.dataset.noise, 0.1 + 0.2);
        QCOMPARE(back.seed, std::uint64_t(9223372036854775813ull));
        // And the default experiment.
        QVERIFY(experimentFromJson(experimentToJson(defaultExperiment())) == defaultExperiment());
    }

    void writesEveryKeyInOrder() {
        ExperimentSpec spec = experimentFromJson(minimalDoc());
        spec.model.layers[0].kernelRegularizer = RegularizerSpec{0.0, 0.5};
        const Json doc = experimentToJson(spec);
        QCOMPARE(keysOf(doc), std::string("name,description,seed,dataset,model,loss,"
                                          "l2_convention,optimizer,training"));
        QCOMPARE(keysOf(doc["dataset"]),
                 std::string("source,test_fraction,samples,noise,images,labels,test_images,"
                             "test_labels,path,target,limit"));
        QCOMPARE(keysOf(doc["model"]), std::string("layers"));
        const Json &layer = doc["model"]["layers"][0];
        QCOMPARE(keysOf(layer), std::string("name,type,units,activation,kernel_initializer,"
                                            "use_bias,kernel_regularizer,bias_regularizer"));
        QCOMPARE(keysOf(doc["optimizer"]),
                 std::string("type,learning_rate,momentum,nesterov,beta1,beta2,epsilon,"
                             "weight_decay"));
        QCOMPARE(keysOf(doc["training"]),
                 std::string("batch_size,epochs,shuffle,report_every_steps,histogram_bins,"
                             "penalty_in_loss"));
        QCOMPARE(layer["name"].get<std::string>(), std::string("dense1"));
        QCOMPARE(layer["activation"].get<std::string>(), std::string("linear"));
        QCOMPARE(layer["kernel_initializer"].get<std::string>(), std::string("glorot_uniform"));
        QCOMPARE(layer["kernel_regularizer"].dump(), std::string(R"({"l1":0.0,"l2":0.5})"));
        QVERIFY(layer["bias_regularizer"].is_null());
        QCOMPARE(doc["loss"].get<std::string>(), std::string("softmax_cross_entropy"));
        QCOMPARE(doc["l2_convention"].get<std::string>(), std::string("keras"));
        QCOMPARE(doc["optimizer"]["type"].get<std::string>(), std::string("adam"));
        QCOMPARE(doc["seed"].dump(), std::string("1"));
        QCOMPARE(doc["training"]["batch_size"].dump(), std::string("32"));
    }

    /// Dropout entries, ELU, the data controls, early stopping and the penalty multiplier
    /// read, and write back only when used (files without them stay readable by older
    /// versions).
    void newKeysRoundTrip() {
        const char *text = R"({
          "seed": 2,
          "dataset": {"source": "moons", "validation_fraction": 0.2, "train_size": 50,
                      "label_noise": 0.05},
          "model": {"layers": [
            {"type": "dropout", "rate": 0.1},
            {"name": "h", "units": 8, "activation": "elu"},
            {"type": "dropout", "name": "mid", "rate": 0.5},
            {"name": "out", "units": 2}]},
          "training": {"penalty_multiplier": 0.5,
                       "early_stopping": {"monitor": "val_accuracy", "min_delta": -0.01,
                                          "patience": 4, "restore_best_weights": true,
                                          "start_from_epoch": 3}}
        })";
        const ExperimentSpec spec = experimentFromJson(parseJsonText(text, "new.json"));
        QCOMPARE(spec.model.layers.size(), std::size_t(4));
        QVERIFY(spec.model.layers[0].isDropout());
        QCOMPARE(spec.model.layers[0].name, std::string("dropout1"));
        QCOMPARE(spec.model.layers[0].rate, 0.1);
        QCOMPARE(spec.model.layers[2].name, std::string("mid"));
        QVERIFY(spec.model.layers[1].activation == Activation::Elu);
        QCOMPARE(spec.dataset.validationFraction, 0.2);
        QCOMPARE(spec.dataset.trainSize.value_or(0), 50);
        QCOMPARE(spec.dataset.labelNoise, 0.05);
        QCOMPARE(spec.training.penaltyMultiplier, 0.5);
        QVERIFY(spec.training.earlyStopping);
        QCOMPARE(spec.training.earlyStopping->monitor, std::string("val_accuracy"));
        QCOMPARE(spec.training.earlyStopping->minDelta, -0.01);
        QCOMPARE(spec.training.earlyStopping->patience, 4);
        QVERIFY(spec.training.earlyStopping->restoreBestWeights);
        QCOMPARE(spec.training.earlyStopping->startFromEpoch, 3);
        const Json doc = experimentToJson(spec);
        QCOMPARE(keysOf(doc["model"]["layers"][0]), std::string("name,type,rate"));
        QVERIFY(experimentFromJson(parseJsonText(doc.dump(2), "rt.json")) == spec);
        // Unused, the new keys are not written.
        const Json plain = experimentToJson(experimentFromJson(minimalDoc()));
        for (const char *key : {"validation_fraction", "train_size", "label_noise"})
            QVERIFY2(!plain["dataset"].contains(key), key);
        for (const char *key : {"penalty_multiplier", "early_stopping"})
            QVERIFY2(!plain["training"].contains(key), key);
        // early_stopping: null is none.
        Json none = minimalDoc();
        none["training"]["early_stopping"] = nullptr;
        QVERIFY(!experimentFromJson(none).training.earlyStopping);
    }

    void nullAndEmptyRegularizers_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("present");
        QTest::addColumn<double>("l1");
        QTest::addColumn<double>("l2");
        QTest::newRow("null") << "null" << false << 0.0 << 0.0;
        QTest::newRow("missing") << "" << false << 0.0 << 0.0;
        QTest::newRow("empty_object") << "{}" << true << 0.0 << 0.0;
        QTest::newRow("l1_only") << R"({"l1": 0.5})" << true << 0.5 << 0.0;
        QTest::newRow("l2_only") << R"({"l2": 0.25})" << true << 0.0 << 0.25;
        QTest::newRow("both") << R"({"l2": 2, "l1": 3})" << true << 3.0 << 2.0;
    }
    void nullAndEmptyRegularizers() {
        QFETCH(QString, value);
        QFETCH(bool, present);
        QFETCH(double, l1);
        QFETCH(double, l2);
        Json doc = minimalDoc();
        if (!value.isEmpty())
            doc["model"]["layers"][0]["kernel_regularizer"] = Json::parse(value.toStdString());
        const ExperimentSpec spec = experimentFromJson(doc);
        const auto &reg = spec.model.layers[0].kernelRegularizer;
        QCOMPARE(reg.has_value(), present);
        if (present) {
            QCOMPARE(reg->l1, l1);
            QCOMPARE(reg->l2, l2);
        }
        // Written back the same way: null stays null, {} becomes explicit zeros.
        const Json written = experimentToJson(spec)["model"]["layers"][0]["kernel_regularizer"];
        QCOMPARE(written.is_null(), !present);
        QVERIFY(experimentFromJson(experimentToJson(spec)) == spec);
    }

    void unknownKeys_data() {
        QTest::addColumn<QString>("pointer"); // JSON pointer of the object to add to
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("suggestion");
        QTest::newRow("top") << ""
                             << "nmae"
                             << "nmae"
                             << "name";
        QTest::newRow("top_camel_case") << ""
                                        << "l2Convention"
                                        << "l2Convention"
                                        << "l2_convention";
        QTest::newRow("layer") << "/model/layers/0"
                               << "activaton"
                               << "model.layers.0.activaton"
                               << "activation";
        QTest::newRow("optimizer") << "/optimizer"
                                   << "learningrate"
                                   << "optimizer.learningrate"
                                   << "learning_rate";
        QTest::newRow("training") << "/training"
                                  << "epoch"
                                  << "training.epoch"
                                  << "epochs";
        QTest::newRow("dataset") << "/dataset"
                                 << "zzz"
                                 << "dataset.zzz"
                                 << "";
        QTest::newRow("regularizer") << "/model/layers/0/kernel_regularizer"
                                     << "l3"
                                     << "model.layers.0.kernel_regularizer.l3"
                                     << "l1";
        QTest::newRow("model") << "/model"
                               << "layer"
                               << "model.layer"
                               << "layers";
    }
    void unknownKeys() {
        QFETCH(QString, pointer);
        QFETCH(QString, key);
        QFETCH(QString, field);
        QFETCH(QString, suggestion);
        Json doc = minimalDoc();
        doc["optimizer"] = Json::object();
        doc["training"] = Json::object();
        doc["dataset"] = Json::object();
        doc["model"]["layers"][0]["kernel_regularizer"] = Json::object();
        doc[Json::json_pointer(pointer.toStdString())][key.toStdString()] = 1;
        const InputError e = expectInputError([&] { experimentFromJson(doc, "u.json"); });
        QCOMPARE(q(e.file()), QString("u.json"));
        QCOMPARE(q(e.field()), field);
        QVERIFY2(e.message().rfind("unknown key", 0) == 0, e.what());
        if (suggestion.isEmpty())
            QVERIFY2(e.message().find("did you mean") == std::string::npos, e.what());
        else
            QVERIFY2(q(e.message()).contains("did you mean \"" + suggestion + "\"?"), e.what());
    }

    void unknownKeyInSecondLayer() {
        Json doc = Json::parse(kExample);
        doc["model"]["layers"][1]["activaton"] = "tanh";
        const InputError e = expectInputError([&] { experimentFromJson(doc, "f.json"); });
        QCOMPARE(q(e.field()), QString("model.layers.1.activaton"));
        QCOMPARE(q(e.message()), QString("unknown key (did you mean \"activation\"?)"));
        QCOMPARE(QString(e.what()),
                 QString("f.json: model.layers.1.activaton: unknown key (did you mean "
                         "\"activation\"?)"));
    }

    void wrongTypes_data() {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value"); // JSON
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("int_from_string") << "/training/batch_size"
                                         << R"("abc")"
                                         << "training.batch_size"
                                         << R"(expected an integer, got "abc")";
        QTest::newRow("int_from_bool") << "/training/epochs"
                                       << "true"
                                       << "training.epochs"
                                       << "expected an integer, got true";
        QTest::newRow("bool_from_string") << "/training/shuffle"
                                          << R"("yes")"
                                          << "training.shuffle"
                                          << R"(expected true or false, got "yes")";
        QTest::newRow("string_from_number") << "/name"
                                            << "5"
                                            << "name"
                                            << "expected a string, got 5";
        QTest::newRow("double_from_string") << "/optimizer/learning_rate"
                                            << R"("fast")"
                                            << "optimizer.learning_rate"
                                            << R"(expected a number, got "fast")";
        QTest::newRow("double_from_null") << "/dataset/noise"
                                          << "null"
                                          << "dataset.noise"
                                          << "expected a number, got null";
        QTest::newRow("layers_not_array") << "/model/layers"
                                          << "{}"
                                          << "model.layers"
                                          << "expected an array of layers, got {}";
        QTest::newRow("layer_not_object") << "/model/layers/0"
                                          << "3"
                                          << "model.layers.0"
                                          << "expected an object, got 3";
        QTest::newRow("dataset_not_object") << "/dataset"
                                            << "[1]"
                                            << "dataset"
                                            << "expected an object, got [1]";
        QTest::newRow("regularizer_number")
            << "/model/layers/0/kernel_regularizer"
            << "0.1"
            << "model.layers.0.kernel_regularizer"
            << R"(expected null or an object like {"l2": 0.0001}, got 0.1)";
        QTest::newRow("regularizer_scale_string") << "/model/layers/0/bias_regularizer"
                                                  << R"({"l2": "big"})"
                                                  << "model.layers.0.bias_regularizer.l2"
                                                  << R"(expected a number, got "big")";
        QTest::newRow("enum_not_string") << "/model/layers/0/activation"
                                         << "1"
                                         << "model.layers.0.activation"
                                         << "expected a string, got 1";
        QTest::newRow("enum_typo") << "/model/layers/0/activation"
                                   << R"("tahn")"
                                   << "model.layers.0.activation"
                                   << R"(unknown activation "tahn" (did you mean "tanh"?))";
        QTest::newRow("enum_unknown")
            << "/loss"
            << R"("hinge")"
            << "loss"
            << R"(unknown loss "hinge" (expected one of: softmax_cross_entropy, )"
               R"(sigmoid_cross_entropy, mse))";
        QTest::newRow("optimizer_unknown") << "/optimizer/type"
                                           << R"("rmsprop")"
                                           << "optimizer.type"
                                           << R"(unknown optimizer "rmsprop" (expected one )"
                                              R"(of: sgd, adam, adamw))";
        QTest::newRow("convention_typo") << "/l2_convention"
                                         << R"("tf")"
                                         << "l2_convention"
                                         << R"(unknown L2 convention "tf" (did you mean )"
                                            R"("tf1"?))";
        QTest::newRow("fractional_int") << "/training/batch_size"
                                        << "50.5"
                                        << "training.batch_size"
                                        << "expected an integer, got 50.5";
        QTest::newRow("int_overflow_float") << "/model/layers/0/units"
                                            << "1e12"
                                            << "model.layers.0.units"
                                            << "integer out of range: 1000000000000.0";
        QTest::newRow("int_overflow_unsigned") << "/training/batch_size"
                                               << "4294967296"
                                               << "training.batch_size"
                                               << "integer out of range: 4294967296";
        QTest::newRow("int_overflow_negative") << "/training/epochs"
                                               << "-3000000000"
                                               << "training.epochs"
                                               << "integer out of range: -3000000000";
        QTest::newRow("int_overflow_huge") << "/training/epochs"
                                           << "123456789012345678901234"
                                           << "training.epochs"
                                           << "integer out of range: 1.2345678901234569e+23";
        QTest::newRow("seed_negative") << "/seed"
                                       << "-1"
                                       << "seed"
                                       << "expected a non-negative integer, got -1";
        QTest::newRow("seed_fraction") << "/seed"
                                       << "1.5"
                                       << "seed"
                                       << "expected a non-negative integer, got 1.5";
        QTest::newRow("seed_too_large") << "/seed"
                                        << "1e30"
                                        << "seed"
                                        << "integer out of range: 1e+30";
        QTest::newRow("double_infinite") << "/optimizer/learning_rate"
                                         << "inf"
                                         << "optimizer.learning_rate"
                                         << "expected a finite number, got a number too "
                                            "large for a double";
        QTest::newRow("validate_units") << "/model/layers/0/units"
                                        << "0"
                                        << "model.layers.0.units"
                                        << "must be between 1 and 65536, got 0";
        QTest::newRow("validate_negative_l2") << "/model/layers/0/kernel_regularizer"
                                              << R"({"l2": -1})"
                                              << "model.layers.0.kernel_regularizer.l2"
                                              << "must not be negative, got -1";
    }
    void wrongTypes() {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, field);
        QFETCH(QString, message);
        Json doc = minimalDoc();
        // JSON text cannot hold an infinity; a document built in code can.
        doc[Json::json_pointer(pointer.toStdString())] =
            value == "inf" ? Json(std::numeric_limits<double>::infinity())
                           : Json::parse(value.toStdString());
        const InputError e = expectInputError([&] { experimentFromJson(doc, "t.json"); });
        QCOMPARE(q(e.file()), QString("t.json"));
        QCOMPARE(q(e.field()), field);
        QCOMPARE(q(e.message()), message);
    }

    void integralFloatIsAnInteger() {
        Json doc = minimalDoc();
        doc["training"] = {{"batch_size", 50.0}, {"epochs", 2e1}};
        doc["seed"] = 4.0;
        const ExperimentSpec spec = experimentFromJson(doc);
        QCOMPARE(spec.training.batchSize, 50);
        QCOMPARE(spec.training.epochs, 20);
        QCOMPARE(spec.seed, std::uint64_t(4));
    }

    void documentMustBeAnObject() {
        const InputError e =
            expectInputError([] { experimentFromJson(Json::parse("[1, 2]"), "a.json"); });
        QCOMPARE(q(e.file()), QString("a.json"));
        QCOMPARE(q(e.message()), QString("expected an object, got [1,2]"));
    }

    void overrideThenParseCatchesUnknownKeys() {
        Json doc = minimalDoc();
        applyOverride(doc, "training.epoks=3", "x.json");
        const InputError e = expectInputError([&] { experimentFromJson(doc, "x.json"); });
        QCOMPARE(q(e.field()), QString("training.epoks"));
        QCOMPARE(q(e.message()), QString("unknown key (did you mean \"epochs\"?)"));
    }

    void saveAndLoadFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("exp.json").toStdString();
        ExperimentSpec spec = experimentFromJson(parseJsonText(kExample, "ex.json"));
        spec.model.layers[1].biasRegularizer = RegularizerSpec{};
        saveExperimentFile(spec, path);

        QFile file(QString::fromStdString(path));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.startsWith("{\n  \"name\": \"seed-mnist-l2\",\n  \"description\": \"\",\n"
                                "  \"seed\": 1,\n  \"dataset\": {\n    \"source\": "));
        QVERIFY(text.contains("\n      {\n        \"name\": \"hidden1\",\n"));
        QVERIFY(text.contains("\"l2\": 0.0001"));
        QVERIFY(text.endsWith("}\n") && !text.endsWith("\n\n"));
        // No temp files left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

        QVERIFY(loadExperimentFile(path) == spec);
        const ExperimentSpec changed = loadExperimentFile(
            path, {"training.epochs=3", "model.layers.*.kernel_regularizer.l2=1e-3",
                   "training.epochs=4", "optimizer.type=sgd"});
        QCOMPARE(changed.training.epochs, 4); // applied in order: the last one wins
        for (const LayerSpec &l : changed.model.layers)
            QVERIFY(l.kernelRegularizer == (RegularizerSpec{0.0, 1e-3}));
        QVERIFY(changed.optimizer.type == OptimizerKind::Sgd);
        // The file said 0.0001 explicitly: the type default does not override it.
        QCOMPARE(changed.optimizer.learningRate, 0.0001);
    }

    void loadErrorsNameTheFile() {
        QTemporaryDir dir;
        const std::string missing = dir.filePath("missing.json").toStdString();
        InputError e = expectInputError([&] { loadExperimentFile(missing); });
        QCOMPARE(e.file(), missing);

        const std::string bad = dir.filePath("bad.json").toStdString();
        QFile f(QString::fromStdString(bad));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"model\": {\"layers\": [{\"units\": 3}]},\n \"training\": {\"batch_size\": "
                "\"abc\"}}\n");
        f.close();
        e = expectInputError([&] { loadExperimentFile(bad); });
        QCOMPARE(e.file(), bad);
        QCOMPARE(q(e.field()), QString("training.batch_size"));
        e = expectInputError([&] { loadExperimentFile(bad, {"training.batch_size"}); });
        QCOMPARE(q(e.field()), QString("--set"));
        QVERIFY(loadExperimentFile(bad, {"training.batch_size=8"}).training.batchSize == 8);
    }
};

QTEST_APPLESS_MAIN(TestExperimentJson)
#include "tst_experiment_json.moc"
