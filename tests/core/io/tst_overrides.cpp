// SPDX-License-Identifier: GPL-3.0-or-later
// `--set KEY=VALUE` overrides on a JSON document: paths, values, * over layers, errors.
#include "core/error.h"
#include "core/io/overrides.h"
#include "support/test_support.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <string>

using namespace reglab;
using namespace reglab::test;
using Json = nlohmann::ordered_json;

class TestOverrides : public QObject {
    Q_OBJECT

private slots:
    void overrides_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("expected"); // JSON value at pointer afterwards
        QTest::newRow("simple") << "training.epochs=3"
                                << "/training/epochs"
                                << "3";
        QTest::newRow("string_value") << "model.layers.0.activation=relu"
                                      << "/model/layers/0/activation"
                                      << R"("relu")";
        QTest::newRow("quoted_string") << R"(name="12")"
                                       << "/name"
                                       << R"("12")";
        QTest::newRow("number_like_text") << "name=1e-3x"
                                          << "/name"
                                          << R"("1e-3x")";
        QTest::newRow("empty_value") << "description="
                                     << "/description"
                                     << R"("")";
        QTest::newRow("value_with_equals") << "description=a=b"
                                           << "/description"
                                           << R"("a=b")";
        QTest::newRow("nested") << "model.layers.1.kernel_regularizer.l2=1e-3"
                                << "/model/layers/1/kernel_regularizer/l2"
                                << "0.001";
        QTest::newRow("through_null") << "model.layers.0.bias_regularizer.l1=0.5"
                                      << "/model/layers/0/bias_regularizer"
                                      << R"({"l1":0.5})";
        QTest::newRow("creates_missing") << "dataset.limit=100"
                                         << "/dataset"
                                         << R"({"source":"mnist-10k","test_fraction":0.2,)"
                                            R"("limit":100})";
        QTest::newRow("object_value") << R"(model.layers.2.kernel_regularizer={"l1": 1})"
                                      << "/model/layers/2/kernel_regularizer"
                                      << R"({"l1":1})";
        QTest::newRow("null_value") << "model.layers.2.kernel_regularizer=null"
                                    << "/model/layers/2/kernel_regularizer"
                                    << "null";
        QTest::newRow("star") << "model.layers.*.units=7"
                              << "/model/layers"
                              << R"([{"name":"hidden1","units":7,"bias_regularizer":null},)"
                                 R"({"name":"hidden2","units":7,"kernel_regularizer":{"l2":2}},)"
                                 R"({"name":"logits","units":7}])";
        QTest::newRow("star_through_null")
            << "model.layers.*.bias_regularizer.l2=0.5"
            << "/model/layers"
            << R"([{"name":"hidden1","units":5,"bias_regularizer":{"l2":0.5}},)"
               R"({"name":"hidden2","units":6,"kernel_regularizer":{"l2":2},)"
               R"("bias_regularizer":{"l2":0.5}},)"
               R"({"name":"logits","units":3,"bias_regularizer":{"l2":0.5}}])";
        QTest::newRow("star_last") << "model.layers.*={}"
                                   << "/model/layers"
                                   << "[{},{},{}]";
    }
    void overrides() {
        QFETCH(QString, assignment);
        QFETCH(QString, pointer);
        QFETCH(QString, expected);
        Json doc = Json::parse(R"({"name": "n", "dataset": {"source": "mnist-10k",
            "test_fraction": 0.2}, "model": {"layers": [
            {"name": "hidden1", "units": 5, "bias_regularizer": null},
            {"name": "hidden2", "units": 6, "kernel_regularizer": {"l2": 2}},
            {"name": "logits", "units": 3}]}})");
        applyOverride(doc, assignment.toStdString(), "o.json");
        QCOMPARE(qs(doc[Json::json_pointer(pointer.toStdString())].dump()), expected);
    }

    /// `*` over model.layers passes over dropout entries for keys they do not have (a
    /// regularizer on "every layer" means every dense layer), but not for their own keys.
    void starPassesOverDropout_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("regularizer")
            << "model.layers.*.kernel_regularizer.l2=0.5"
            << R"([{"name":"h","units":5,"kernel_regularizer":{"l2":0.5}},)"
               R"({"type":"dropout","rate":0.5},{"name":"out","units":3,)"
               R"("kernel_regularizer":{"l2":0.5}}])";
        QTest::newRow("name") << "model.layers.*.name=x"
                              << R"([{"name":"x","units":5},{"type":"dropout","rate":0.5,)"
                                 R"("name":"x"},{"name":"x","units":3}])";
        QTest::newRow("whole_entry") << "model.layers.*={}"
                                     << "[{},{},{}]";
    }
    void starPassesOverDropout() {
        QFETCH(QString, assignment);
        QFETCH(QString, expected);
        Json doc = Json::parse(R"({"model": {"layers": [{"name": "h", "units": 5},
            {"type": "dropout", "rate": 0.5}, {"name": "out", "units": 3}]}})");
        applyOverride(doc, assignment.toStdString(), "o.json");
        QCOMPARE(qs(doc["model"]["layers"].dump()), expected);
    }

    /// ... and over conv2d, max_pool2d and flatten entries for keys their type lacks:
    /// a regularizer on every layer reaches the dense and conv2d layers only.
    void starPassesOverCnnLayers_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("expected");
        QTest::newRow("regularizer")
            << "model.layers.*.kernel_regularizer={\"l2\": 1}"
            << R"([{"type":"conv2d","filters":2,"kernel_regularizer":{"l2":1}},)"
               R"({"type":"max_pool2d"},{"type":"flatten"},)"
               R"({"units":3,"kernel_regularizer":{"l2":1}}])";
        QTest::newRow("padding") << "model.layers.*.padding=\"same\""
                                 << R"([{"type":"conv2d","filters":2,"padding":"same"},)"
                                    R"({"type":"max_pool2d","padding":"same"},{"type":"flatten"},)"
                                    R"({"units":3}])";
        QTest::newRow("units") << "model.layers.*.units=4"
                               << R"([{"type":"conv2d","filters":2},{"type":"max_pool2d"},)"
                                  R"({"type":"flatten"},{"units":4}])";
    }
    void starPassesOverCnnLayers() {
        QFETCH(QString, assignment);
        QFETCH(QString, expected);
        Json doc = Json::parse(R"({"model": {"layers": [{"type": "conv2d", "filters": 2},
            {"type": "max_pool2d"}, {"type": "flatten"}, {"units": 3}]}})");
        applyOverride(doc, assignment.toStdString(), "o.json");
        QCOMPARE(qs(doc["model"]["layers"].dump()), expected);
    }

    void overrideErrors_data() {
        QTest::addColumn<QString>("assignment");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing_equals") << "training.epochs"
                                        << "--set"
                                        << R"(expected KEY=VALUE, got "training.epochs")";
        QTest::newRow("empty_key") << "=3"
                                   << "--set"
                                   << R"(empty KEY in "=3" (expected KEY=VALUE))";
        QTest::newRow("empty_segment") << "training..epochs=3"
                                       << "--set"
                                       << R"(empty segment in KEY "training..epochs")";
        QTest::newRow("index_out_of_range")
            << "model.layers.3.units=4"
            << "model.layers.3.units"
            << "--set: index 3 out of range (model.layers has 3 elements)";
        QTest::newRow("not_an_index") << "model.layers.first.units=4"
                                      << "model.layers.first.units"
                                      << "--set: model.layers is an array; \"first\" is not an "
                                         "index (use 0, 1, ... or *)";
        QTest::newRow("through_scalar") << "training.epochs.max=4"
                                        << "training.epochs.max"
                                        << "--set: training.epochs is a number, not an object";
        QTest::newRow("star_on_object") << "training.*=4"
                                        << "training.*"
                                        << "--set: * needs an array, but training is an object";
        QTest::newRow("index_into_null") << "model.layers.0.bias_regularizer.0=1"
                                         << "model.layers.0.bias_regularizer.0"
                                         << "--set: index 0 out of range "
                                            "(model.layers.0.bias_regularizer is not an array)";
    }
    void overrideErrors() {
        QFETCH(QString, assignment);
        QFETCH(QString, field);
        QFETCH(QString, message);
        Json doc = Json::parse(R"({"training": {"epochs": 2}, "model": {"layers": [
            {"units": 5, "bias_regularizer": null}, {"units": 6}, {"units": 3}]}})");
        const Json before = doc;
        const auto e =
            inputErrorOf([&] { applyOverride(doc, assignment.toStdString(), "e.json"); });
        QVERIFY(e);
        QCOMPARE(qs(e->file()), QString("e.json"));
        QCOMPARE(qs(e->field()), field);
        QCOMPARE(qs(e->message()), message);
        QVERIFY(doc == before);
    }
};

QTEST_APPLESS_MAIN(TestOverrides)
#include "tst_overrides.moc"
