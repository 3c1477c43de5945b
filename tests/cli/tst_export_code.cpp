// SPDX-License-Identifier: GPL-3.0-or-later
// reglab-cli export-code: the files it writes, its errors, and the proof that the exported
// PyTorch script trains the same objective: run it from RegLab's initial weights and compare
// its per-epoch numbers with `reglab-cli train --init` on the same experiment.

#include "core/data/dataset.h"
#include "core/io/experiment_json.h"
#include "core/io/npz.h"
#include "core/io/weights_io.h"
#include "core/train/trainer.h"
#include "support/python.h"
#include "support/script_runs.h"
#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <utility>

using namespace reglab::test;

namespace {

const char *const kExperiment = kMoonsExperiment;

const QStringList kColumns{"train_data_loss", "test_data_loss", "reg_loss",
                           "total_loss",      "train_accuracy", "test_accuracy"};

/// A small convolutional network on 12x12x1 images (images.npz, written by
/// writeImageSet()): conv 3 3x3 valid relu (L1 + L2 on kernel and bias) -> conv 4 3x3 "same"
/// stride 2 tanh (L1 + L2; TF pads 0 before and 1 after: 10 -> 5) -> max-pool 2 "same"
/// (pads 0, 1: 5 -> 3) -> flatten (36) -> dense 3 (L1 + L2 on kernel and bias).
const char *const kCnnExperiment = R"({
  "name": "export-cnn",
  "seed": 11,
  "dataset": {"source": "npz", "path": "images.npz"},
  "model": {
    "layers": [
      {"name": "conv_valid", "type": "conv2d", "filters": 3, "kernel_size": 3, "activation": "relu",
       "kernel_regularizer": {"l1": 0.001, "l2": 0.002}, "bias_regularizer": {"l1": 0.002, "l2": 0.003}},
      {"name": "conv_same", "type": "conv2d", "filters": 4, "kernel_size": [3, 3], "strides": 2,
       "padding": "same", "activation": "tanh",
       "kernel_regularizer": {"l1": 0.002, "l2": 0.004}, "bias_regularizer": {"l1": 0.001, "l2": 0.001}},
      {"name": "pool", "type": "max_pool2d", "pool_size": 2, "padding": "same"},
      {"name": "flat", "type": "flatten"},
      {"name": "logits", "units": 3,
       "kernel_regularizer": {"l1": 0.001, "l2": 0.002}, "bias_regularizer": {"l1": 0.001, "l2": 0.002}}
    ]
  },
  "loss": "softmax_cross_entropy",
  "l2_convention": "keras",
  "optimizer": {"type": "adam", "learning_rate": 0.01},
  "training": {"batch_size": 8, "epochs": 3, "shuffle": false}
}
)";

/// images.npz: 48 training and 16 test images of 12x12 pixels, 3 classes (a bright 4x4
/// square in the top left, top right or bottom middle) over noise from a fixed LCG, so that
/// the network has something to learn and every pixel differs.
bool writeImageSet(const QString &path) {
    std::uint32_t state = 12345;
    const auto noise = [&] {
        state = state * 1664525u + 1013904223u;
        return float(state >> 8) / float(1u << 24); // [0, 1)
    };
    const auto images = [&](const char *xName, const char *yName, std::size_t n) {
        reglab::NpzArray x;
        x.name = xName;
        x.shape = {n, 12, 12};
        reglab::NpzArray y;
        y.name = yName;
        y.shape = {n};
        for (std::size_t i = 0; i < n; ++i) {
            const int label = int(i % 3);
            const int top = label == 2 ? 7 : 1;
            const int left = label == 0 ? 1 : label == 1 ? 7 : 4;
            for (int r = 0; r < 12; ++r) {
                for (int c = 0; c < 12; ++c) {
                    const bool on = r >= top && r < top + 4 && c >= left && c < left + 4;
                    x.data.push_back(0.3f * noise() + (on ? 0.7f : 0.0f));
                }
            }
            y.data.push_back(float(label));
        }
        return std::pair{x, y};
    };
    const auto [xTrain, yTrain] = images("x_train", "y_train", 48);
    const auto [xTest, yTest] = images("x_test", "y_test", 16);
    try {
        reglab::writeNpz(path.toStdString(), {xTrain, yTrain, xTest, yTest});
    } catch (const std::exception &) {
        return false;
    }
    return true;
}

using CliResult = ProcessResult;

/// From the script's "epoch E key value ..." lines.
EpochTable parseScriptOutput(const QString &text) {
    EpochTable table;
    for (const QString &line : text.split('\n', Qt::SkipEmptyParts)) {
        const QStringList words = line.split(' ', Qt::SkipEmptyParts);
        if (words.size() < 2 || words[0] != "epoch" || words.size() % 2 != 0)
            continue;
        QMap<QString, double> row;
        for (int i = 2; i + 1 < words.size(); i += 2)
            row[words[i]] = words[i + 1].toDouble();
        table[words[1].toInt()] = row;
    }
    return table;
}

} // namespace

class TestExportCode : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_python;
    bool m_pythonSearched = false;

    CliResult cli(const QStringList &args, const QString &workDir = {}) {
        return runProcess(cliPath(), args, workDir.isEmpty() ? m_dir.path() : workDir);
    }

    /// A fresh folder holding exp.json (kExperiment, or kCnnExperiment and its images.npz
    /// when `cnn`).
    QString freshFolder(const QString &name, bool cnn = false) {
        const QString dir = m_dir.filePath(name);
        if (!QDir().mkpath(dir) || !writeText(dir + "/exp.json", cnn ? kCnnExperiment : kExperiment)
            || (cnn && !writeImageSet(dir + "/images.npz")))
            return {};
        return dir;
    }

    bool havePython() {
        if (!m_pythonSearched) {
            m_python = findPython(QStringLiteral("import torch, numpy"));
            m_pythonSearched = true;
        }
        return !m_python.isEmpty();
    }

    /// What exportRunAndTrain() ran: the PyTorch script and `reglab-cli train`.
    struct BothRuns {
        CliResult script;
        CliResult trained;
        EpochTable torch;  ///< epochs 0..N of the script
        EpochTable reglab; ///< epochs 1..N of metrics.csv
    };

    /// In a fresh folder named after the data row: exports kExperiment with `overrides` as a
    /// PyTorch script with RegLab's initial weights, runs it, and trains the same experiment
    /// with `reglab-cli train --init` from those weights.
    void exportRunAndTrain(const QStringList &overrides, BothRuns &runs, bool cnn = false) {
        const QString dir = freshFolder(QTest::currentDataTag(), cnn);
        QVERIFY(!dir.isEmpty());
        QStringList sets;
        for (const QString &o : overrides)
            sets << "--set" << o;
        const CliResult exported = cli(QStringList{"export-code", "exp.json", "--framework",
                                                   "pytorch", "--out", "code", "--with-init"}
                                           + sets,
                                       dir);
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        for (const char *file : {"code/train_pytorch.py", "code/data.npz", "code/init.npz"})
            QVERIFY2(QFile::exists(dir + "/" + file), file);
        // Run from another folder: the script finds its data next to itself.
        runs.script = runProcess(m_python, {dir + "/code/train_pytorch.py"}, dir);
        QVERIFY2(runs.script.exitCode == 0, qPrintable(runs.script.err));
        runs.torch = parseScriptOutput(runs.script.out);
        runs.trained = cli(
            QStringList{"train", "exp.json", "--init", "code/init.npz", "--out", "run", "--quiet"}
                + sets,
            dir);
        QVERIFY2(runs.trained.exitCode == 0, qPrintable(runs.trained.err));
        runs.reglab = parseMetricsCsv(QString::fromUtf8(readBytes(dir + "/run/metrics.csv")));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(cliPath()), "REGLAB_CLI must name the reglab-cli binary");
    }

    /// The exported PyTorch script, started from RegLab's initial weights, reports the same
    /// per-epoch losses and accuracies as RegLab's own training of the experiment.
    void pytorchTrainsTheSameObjective_data() {
        QTest::addColumn<QStringList>("overrides");
        const QString adam = R"(optimizer={"type": "adam", "learning_rate": 0.01})";
        const QString adamw =
            R"(optimizer={"type": "adamw", "learning_rate": 0.01, "weight_decay": 0.05})";
        QTest::newRow("sgd_momentum_keras") << QStringList{};
        QTest::newRow("sgd_momentum_tf1") << QStringList{"l2_convention=tf1"};
        QTest::newRow("sgd_nesterov_tf1")
            << QStringList{"l2_convention=tf1", "optimizer.nesterov=true"};
        QTest::newRow("sgd_plain_keras") << QStringList{"optimizer.momentum=0"};
        QTest::newRow("adam_keras") << QStringList{adam};
        QTest::newRow("adam_tf1") << QStringList{adam, "l2_convention=tf1"};
        QTest::newRow("adamw_keras") << QStringList{adamw};
        QTest::newRow("adamw_tf1") << QStringList{adamw, "l2_convention=tf1"};
        QTest::newRow("relu_he_normal_adam") << QStringList{
            adam, "model.layers.0.activation=relu", "model.layers.0.kernel_initializer=he_normal"};
        QTest::newRow("sigmoid_cross_entropy_adam_tf1") << QStringList{
            adam, "l2_convention=tf1", "loss=sigmoid_cross_entropy", "model.layers.1.units=1"};
        QTest::newRow("mse_plane_sgd")
            << QStringList{"dataset.source=plane", "loss=mse", "model.layers.1.units=1",
                           "optimizer.learning_rate=0.02"};
        QTest::newRow("penalty_not_in_loss")
            << QStringList{"training.penalty_in_loss=false", "l2_convention=tf1"};
    }
    void pytorchTrainsTheSameObjective() {
        QFETCH(QStringList, overrides);
        if (!havePython())
            QSKIP("no python3 with torch and numpy (REGLAB_PYTHON or PATH)");
        BothRuns runs;
        exportRunAndTrain(overrides, runs);
        if (QTest::currentTestFailed())
            return;
        const EpochTable &torch = runs.torch;
        const EpochTable &reglab = runs.reglab;
        QCOMPARE(torch.keys(), (QList<int>{0, 1, 2, 3}));
        QCOMPARE(reglab.keys(), (QList<int>{1, 2, 3}));

        // float32 training on both sides, with the same update formulas (PyTorch's order of
        // operations): measured <= 1.7e-7 relative, except an R^2 near zero (1.4e-5).
        compareEpochs(torch, reglab, 3, kColumns);
        if (QTest::currentTestFailed())
            return;
        // The penalty really is part of the comparison (not zero on both sides).
        QVERIFY(reglab[3]["reg_loss"] > 1e-3);
    }

    /// The same for a convolutional network: the script's Conv2d layers in NCHW, started from
    /// RegLab's kernels [kh, kw, in, out] transposed to [out, in, kh, kw], TF's asymmetric
    /// "same" padding as F.pad, and the flatten permuted back to channels last, train the
    /// same objective as RegLab, epoch by epoch.
    void pytorchTrainsTheSameCnn_data() {
        QTest::addColumn<QStringList>("overrides");
        QTest::newRow("cnn_adam_keras") << QStringList{};
        QTest::newRow("cnn_sgd_momentum_tf1")
            << QStringList{"l2_convention=tf1",
                           R"(optimizer={"type": "sgd", "learning_rate": 0.05, "momentum": 0.9})"};
        // Stride 1 "same" (1 before, 1 after: Conv2d's own padding), a 3x3 pool moved by 2
        // "same" on 10x10 (5 out, pads 1 and 1) and he_normal, ELU, no bias on the conv.
        QTest::newRow("cnn_symmetric_same_padding")
            << QStringList{"model.layers.1.strides=1",
                           "model.layers.1.activation=elu",
                           "model.layers.1.use_bias=false",
                           "model.layers.1.bias_regularizer=null",
                           "model.layers.0.kernel_initializer=he_normal",
                           "model.layers.2.pool_size=3",
                           "model.layers.2.strides=2"};
    }
    void pytorchTrainsTheSameCnn() {
        QFETCH(QStringList, overrides);
        if (!havePython())
            QSKIP("no python3 with torch and numpy (REGLAB_PYTHON or PATH)");
        BothRuns runs;
        exportRunAndTrain(overrides, runs, /*cnn=*/true);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(runs.torch.keys(), (QList<int>{0, 1, 2, 3}));
        QCOMPARE(runs.reglab.keys(), (QList<int>{1, 2, 3}));
        const double maxAbsolute = compareEpochs(runs.torch, runs.reglab, 3, kColumns);
        if (QTest::currentTestFailed())
            return;
        qInfo("%s: max absolute difference %.3g", QTest::currentDataTag(), maxAbsolute);
        QVERIFY(runs.reglab[3]["reg_loss"] > 1e-3);
        // Training moved: the comparison is not of three copies of the initial weights.
        QVERIFY(std::abs(runs.torch[3]["train_data_loss"] - runs.torch[0]["train_data_loss"])
                > 1e-3);
    }

    /// With a validation split and early stopping (no dropout, whose masks differ between
    /// the frameworks): the script reports the validation columns, stops after the same epoch
    /// as RegLab and matches it epoch by epoch until then.
    void pytorchEarlyStoppingWithValidation_data() {
        QTest::addColumn<QStringList>("overrides");
        const QString adam = R"(optimizer={"type": "adam", "learning_rate": 0.05})";
        QTest::newRow("val_data_loss_restore")
            << QStringList{adam, "dataset.validation_fraction=0.25", "training.epochs=40",
                           R"(training.early_stopping={"patience": 2, "min_delta": 0.01,
                              "restore_best_weights": true})"};
        QTest::newRow("val_accuracy_start_from_epoch_multiplier")
            << QStringList{adam,
                           "dataset.validation_fraction=0.25",
                           "dataset.label_noise=0.1",
                           "dataset.train_size=30",
                           "training.epochs=40",
                           "training.penalty_multiplier=3",
                           "model.layers.0.activation=elu",
                           R"(training.early_stopping={"monitor": "val_accuracy", "patience": 1,
                              "start_from_epoch": 3})"};
    }
    void pytorchEarlyStoppingWithValidation() {
        QFETCH(QStringList, overrides);
        if (!havePython())
            QSKIP("no python3 with torch and numpy (REGLAB_PYTHON or PATH)");
        BothRuns runs;
        exportRunAndTrain(overrides, runs);
        if (QTest::currentTestFailed())
            return;
        const EpochTable &torch = runs.torch;
        const EpochTable &reglab = runs.reglab;
        const CliResult &script = runs.script;
        const CliResult &trained = runs.trained;
        QVERIFY(!reglab.isEmpty());
        const int last = reglab.lastKey();
        qInfo("%s: RegLab ran %d epochs: %s", QTest::currentDataTag(), last,
              qPrintable(trained.out.trimmed()));
        QVERIFY2(last < 40, "early stopping never triggered: the case tests nothing");
        QVERIFY(trained.out.contains("early stopping after epoch " + QString::number(last)));
        QVERIFY(script.err.contains("early stopping after epoch " + QString::number(last)));
        QCOMPARE(torch.lastKey(), last);
        compareEpochs(torch, reglab, last, kColumns + QStringList{"val_data_loss", "val_accuracy"});
    }

    /// data.npz holds the experiment's own split; init.npz the trainer's initial weights.
    void writesTheSameDataAndInitialWeights() {
        const QString dir = freshFolder("files");
        QVERIFY(!dir.isEmpty());
        const CliResult r =
            cli({"export-code", "exp.json", "--framework", "keras", "--out", "code", "--with-init"},
                dir);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains("code/train_keras.py"));
        QVERIFY(r.out.contains("48 train / 16 test samples, 2 features"));

        const reglab::ExperimentSpec spec =
            reglab::loadExperimentFile((dir + "/exp.json").toStdString());
        const auto data =
            std::make_shared<const reglab::Dataset>(reglab::loadDataset(spec.dataset, spec.seed));
        const auto arrays = reglab::readNpz((dir + "/code/data.npz").toStdString());
        QCOMPARE(arrays.size(), std::size_t(4));
        const std::pair<const char *, const reglab::MatrixF *> expected[] = {
            {"x_train", &data->trainX},
            {"y_train", &data->trainY},
            {"x_test", &data->testX},
            {"y_test", &data->testY}};
        for (const auto &entry : expected) {
            const char *name = entry.first;
            const reglab::MatrixF *matrix = entry.second;
            const auto it = std::find_if(arrays.begin(), arrays.end(),
                                         [&](const reglab::NpzArray &a) { return a.name == name; });
            QVERIFY2(it != arrays.end(), name);
            QCOMPARE(it->shape.front(), std::size_t(matrix->cols()));
            QVERIFY(std::equal(it->data.begin(), it->data.end(), matrix->data(),
                               matrix->data() + matrix->size()));
        }

        reglab::Trainer trainer(spec, data);
        const auto initial = reglab::weightsToArrays(trainer.network());
        const auto written = reglab::readNpz((dir + "/code/init.npz").toStdString());
        QCOMPARE(written.size(), initial.size());
        for (std::size_t i = 0; i < initial.size(); ++i) {
            const auto it =
                std::find_if(written.begin(), written.end(),
                             [&](const reglab::NpzArray &a) { return a.name == initial[i].name; });
            QVERIFY2(it != written.end(), initial[i].name.c_str());
            QCOMPARE(it->shape, initial[i].shape);
            QCOMPARE(it->data, initial[i].data);
        }
        const QString script = QString::fromUtf8(readBytes(dir + "/code/train_keras.py"));
        QVERIFY(script.contains("INIT_FILE = \"init.npz\""));
        QVERIFY(script.contains("N_FEATURES = 2\n"));
    }

    /// The data export-code writes is an `npz` data set: training on it gives the same
    /// metrics.csv, byte for byte, as training the original experiment (same samples in the
    /// same order, same seed, so the same initial weights and batches).
    void exportedDataTrainsTheSame_data() {
        QTest::addColumn<QStringList>("overrides");
        QTest::newRow("moons_softmax_shuffled") << QStringList{"training.shuffle=true"};
        QTest::newRow("moons_sigmoid")
            << QStringList{"loss=sigmoid_cross_entropy", "model.layers.1.units=1"};
        QTest::newRow("plane_mse")
            << QStringList{"dataset.source=plane", "loss=mse", "model.layers.1.units=1",
                           "optimizer.learning_rate=0.02"};
    }
    void exportedDataTrainsTheSame() {
        QFETCH(QStringList, overrides);
        const QString dir = freshFolder(QStringLiteral("roundtrip_") + QTest::currentDataTag());
        QVERIFY(!dir.isEmpty());
        QStringList sets;
        for (const QString &o : overrides)
            sets << "--set" << o;
        const CliResult exported = cli(
            QStringList{"export-code", "exp.json", "--framework", "keras", "--out", "code"} + sets,
            dir);
        QCOMPARE(exported.exitCode, 0);
        const CliResult original =
            cli(QStringList{"train", "exp.json", "--out", "original", "-q"} + sets, dir);
        QCOMPARE(original.exitCode, 0);
        const CliResult back =
            cli(QStringList{"train", "exp.json", "--out", "back", "-q", "--set",
                            "dataset.source=npz", "--set", "dataset.path=code/data.npz"}
                    + sets,
                dir);
        QVERIFY2(back.exitCode == 0, qPrintable(back.err));
        const QByteArray before = readBytes(dir + "/original/metrics.csv");
        QCOMPARE(before.count('\n'), 4); // the header and 3 epochs
        QCOMPARE(readBytes(dir + "/back/metrics.csv"), before);
        QCOMPARE(readBytes(dir + "/back/weights.npz"), readBytes(dir + "/original/weights.npz"));
    }

    void printsTheScriptWithoutOut() {
        const QString dir = freshFolder("stdout");
        QVERIFY(!dir.isEmpty());
        const CliResult r =
            cli({"export-code", "exp.json", "--framework", "tf1", "--epochs", "5"}, dir);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith("#!/usr/bin/env python3\n# train_tf1.py: the RegLab experiment "
                                 "\"export-moons\""));
        QVERIFY(r.out.contains("EPOCHS = 5\n"));
        QVERIFY(r.out.contains("INIT_FILE = None"));
        QVERIFY(r.out.contains("tf.add_n([data_loss] + tf1.losses.get_regularization_losses())"));
        QVERIFY2(r.err.contains("data.npz was not written"), qPrintable(r.err));
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot),
                 QStringList{"exp.json"});
    }

    void badInputExitsTwo_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown_framework")
            << QStringList{"export-code", "exp.json", "--framework", "torch"} << "--framework";
        QTest::newRow("missing_framework")
            << QStringList{"export-code", "exp.json"} << "--framework";
        QTest::newRow("missing_experiment")
            << QStringList{"export-code", "nope.json", "--framework", "keras"} << "nope.json";
        QTest::newRow("network_does_not_fit")
            << QStringList{"export-code", "exp.json", "--framework",
                           "keras",       "--set",    "model.layers.1.units=3"}
            << "units";
        QTest::newRow("out_under_a_file") << QStringList{"export-code", "exp.json", "--framework",
                                                         "pytorch",     "--out",    "exp.json/code"}
                                          << "exp.json";
    }
    void badInputExitsTwo() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const QString dir = freshFolder(QString("bad_") + QTest::currentDataTag());
        QVERIFY(!dir.isEmpty());
        const CliResult r = cli(args, dir);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("error: ") || r.err.contains("error"), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot),
                 QStringList{"exp.json"});
    }
};

QTEST_GUILESS_MAIN(TestExportCode)
#include "tst_export_code.moc"
