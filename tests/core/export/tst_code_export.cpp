// SPDX-License-Identifier: GPL-3.0-or-later
// "Show the code": the generated Keras / PyTorch / TF1 scripts name the right APIs, translate
// the L2 scale between conventions, keep every layer, and are valid Python; the template
// filler they are built with fills every hole and refuses a missing or unknown one.
#include "core/error.h"
#include "core/export/code_export.h"
#include "core/export/code_export_internal.h"
#include "core/io/experiment_json.h"
#include "support/python.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <stdexcept>
#include <string>
#include <vector>

using namespace reglab;
using reglab::test::findPython;

Q_DECLARE_METATYPE(reglab::CodeFramework)
Q_DECLARE_METATYPE(reglab::L2Convention)
Q_DECLARE_METATYPE(reglab::OptimizerKind)
Q_DECLARE_METATYPE(reglab::LossKind)

namespace {

/// 2 -> 16 relu (he_normal) -> 8 sigmoid (no bias) -> 3 linear; penalties on two layers.
ExperimentSpec sampleSpec() {
    ExperimentSpec spec;
    spec.name = "sample-export";
    spec.seed = 42;
    spec.dataset.source = "spiral";
    LayerSpec a;
    a.name = "first";
    a.units = 16;
    a.activation = Activation::Relu;
    a.kernelInitializer = Initializer::HeNormal;
    a.kernelRegularizer = RegularizerSpec{0.0, 1e-4};
    a.biasRegularizer = RegularizerSpec{0.0, 0.002};
    LayerSpec b;
    b.name = "second-layer";
    b.units = 8;
    b.activation = Activation::Sigmoid;
    b.useBias = false;
    LayerSpec c;
    c.name = "logits";
    c.units = 3;
    c.activation = Activation::Linear;
    c.kernelRegularizer = RegularizerSpec{0.003, 0.0};
    spec.model.layers = {a, b, c};
    spec.loss = LossKind::SoftmaxCrossEntropy;
    spec.l2Convention = L2Convention::Tf1;
    spec.optimizer.type = OptimizerKind::Adam;
    spec.optimizer.learningRate = 0.002;
    spec.optimizer.epsilon = 1e-7;
    spec.training.batchSize = 25;
    spec.training.epochs = 4;
    spec.training.shuffle = false;
    return spec;
}

/// One layer with a kernel regularizer {l1, l2} under `convention`.
ExperimentSpec oneLayerSpec(L2Convention convention, double l1, double l2) {
    ExperimentSpec spec = sampleSpec();
    spec.l2Convention = convention;
    LayerSpec l;
    l.name = "out";
    l.units = 3;
    l.kernelRegularizer = RegularizerSpec{l1, l2};
    spec.model.layers = {l};
    return spec;
}

/// sampleSpec() with every feature of issue #13/#15: input dropout and dropout between the
/// hidden layers, an ELU layer, a validation split, early stopping with restore, and a
/// penalty multiplier.
ExperimentSpec featureSpec() {
    ExperimentSpec spec = sampleSpec();
    LayerSpec in;
    in.type = "dropout";
    in.name = "drop_in";
    in.rate = 0.2;
    LayerSpec mid = in;
    mid.name = "drop_mid";
    mid.rate = 0.5;
    spec.model.layers[1].activation = Activation::Elu;
    spec.model.layers.insert(spec.model.layers.begin() + 1, mid);
    spec.model.layers.insert(spec.model.layers.begin(), in);
    spec.dataset.validationFraction = 0.2;
    EarlyStoppingSpec es;
    es.monitor = "val_accuracy";
    es.patience = 3;
    es.minDelta = 0.01;
    es.restoreBestWeights = true;
    es.startFromEpoch = 2;
    spec.training.earlyStopping = es;
    spec.training.penaltyMultiplier = 2.5;
    return spec;
}

/// 12x12x1 -> conv 3 3x3 valid relu (L1 + L2 on kernel and bias) -> conv 4 3x3 "same"
/// stride 2 tanh, no bias (pads 0 before, 1 after) -> max-pool 2 "same" (pads 0, 1) ->
/// flatten -> dense 3; tf1 convention.
ExperimentSpec cnnSpec() {
    ExperimentSpec spec = sampleSpec();
    spec.name = "cnn-export";
    LayerSpec a;
    a.name = "conv_valid";
    a.type = "conv2d";
    a.filters = 3;
    a.kernelSize = {3, 3};
    a.activation = Activation::Relu;
    a.kernelRegularizer = RegularizerSpec{0.001, 0.002};
    a.biasRegularizer = RegularizerSpec{0.003, 0.004};
    LayerSpec b;
    b.name = "conv_same";
    b.type = "conv2d";
    b.filters = 4;
    b.kernelSize = {3, 3};
    b.strides = std::array<int, 2>{2, 2};
    b.padding = Padding::Same;
    b.activation = Activation::Tanh;
    b.kernelInitializer = Initializer::HeNormal;
    b.useBias = false;
    b.kernelRegularizer = RegularizerSpec{0.0, 1e-5};
    LayerSpec pool;
    pool.name = "pool";
    pool.type = "max_pool2d";
    pool.padding = Padding::Same;
    LayerSpec flat;
    flat.name = "flat";
    flat.type = "flatten";
    LayerSpec out;
    out.name = "logits";
    out.units = 3;
    spec.model.layers = {a, b, pool, flat, out};
    return spec;
}

CodeExportOptions imageOptions() {
    CodeExportOptions o;
    o.inputShape = TensorShape{12, 12, 1, true};
    o.inputDim = 144;
    return o;
}

QString code(const ExperimentSpec &spec, CodeFramework fw, const CodeExportOptions &o = {}) {
    return QString::fromStdString(exportCode(spec, fw, o));
}

/// `python -m py_compile` on `paths`: empty when every file compiles, else the error text.
QString pyCompile(const QString &python, const QStringList &paths) {
    QProcess p;
    p.start(python, QStringList{"-m", "py_compile"} + paths);
    if (!p.waitForFinished(120000))
        return "py_compile did not finish";
    if (p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
        return {};
    return QString::fromUtf8(p.readAllStandardError()) + "(exit " + QString::number(p.exitCode())
           + ")";
}

bool writeText(const QString &path, const std::string &text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly)
           && f.write(text.data(), qint64(text.size())) == qint64(text.size());
}

} // namespace

class TestCodeExport : public QObject {
    Q_OBJECT

    QString m_python; ///< for py_compile; empty: no python3, those rows skip

private slots:
    void initTestCase() { m_python = findPython("pass"); }

    void pythonFloatIsShortestRoundTrip_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("one_e_minus_4") << 1e-4 << "0.0001";
        QTest::newRow("five_e_minus_5") << 5e-5 << "5e-05";
        QTest::newRow("half_of_one_e_minus_4") << 1e-4 / 2 << "5e-05";
        QTest::newRow("one_e_minus_7") << 1e-7 << "1e-07";
        QTest::newRow("integral_gets_point_zero") << 2.0 << "2.0";
        QTest::newRow("zero") << 0.0 << "0.0";
        QTest::newRow("large_integral") << 123456789.0 << "123456789.0";
        QTest::newRow("needs_17_digits") << 0.1 + 0.2 << "0.30000000000000004";
        QTest::newRow("exponent_plus") << 1e20 << "1e+20";
    }
    void pythonFloatIsShortestRoundTrip() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(pythonFloat(value)), text);
    }

    void l2ScaleTranslation_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<L2Convention>("convention");
        QTest::addColumn<double>("expected");
        // RegLab b = 1e-4. Keras/PyTorch write b' sum(w^2); TF1 writes s sum(w^2) / 2.
        QTest::newRow("keras_from_keras") << CodeFramework::Keras << L2Convention::Keras << 1e-4;
        QTest::newRow("keras_from_tf1") << CodeFramework::Keras << L2Convention::Tf1 << 5e-5;
        QTest::newRow("pytorch_from_keras")
            << CodeFramework::PyTorch << L2Convention::Keras << 1e-4;
        QTest::newRow("pytorch_from_tf1") << CodeFramework::PyTorch << L2Convention::Tf1 << 5e-5;
        QTest::newRow("tf1_from_keras") << CodeFramework::Tf1 << L2Convention::Keras << 2e-4;
        QTest::newRow("tf1_from_tf1") << CodeFramework::Tf1 << L2Convention::Tf1 << 1e-4;
    }
    void l2ScaleTranslation() {
        QFETCH(CodeFramework, fw);
        QFETCH(L2Convention, convention);
        QFETCH(double, expected);
        QCOMPARE(frameworkL2Scale(1e-4, convention, fw), expected);
    }

    void penaltyIsWrittenInTheFrameworksForm_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<L2Convention>("convention");
        QTest::addColumn<double>("l1");
        QTest::addColumn<double>("l2");
        QTest::addColumn<QString>("expected");
        QTest::newRow("keras_tf1_halves") << CodeFramework::Keras << L2Convention::Tf1 << 0.0
                                          << 1e-4 << "keras.regularizers.l1_l2(l1=0.0, l2=5e-05)";
        QTest::newRow("keras_keras_unchanged")
            << CodeFramework::Keras << L2Convention::Keras << 0.0 << 1e-4
            << "keras.regularizers.l1_l2(l1=0.0, l2=0.0001)";
        QTest::newRow("keras_l1_unchanged") << CodeFramework::Keras << L2Convention::Tf1 << 0.003
                                            << 0.0 << "keras.regularizers.l1_l2(l1=0.003, l2=0.0)";
        QTest::newRow("keras_full_precision") << CodeFramework::Keras << L2Convention::Tf1 << 0.0
                                              << 0.1 + 0.2 << "l2=0.15000000000000002)";
        QTest::newRow("pytorch_tf1_halves") << CodeFramework::PyTorch << L2Convention::Tf1 << 0.0
                                            << 1e-4 << "reg = reg + 5e-05 * w.pow(2).sum()";
        QTest::newRow("pytorch_keras_unchanged")
            << CodeFramework::PyTorch << L2Convention::Keras << 0.0 << 1e-4
            << "reg = reg + 0.0001 * w.pow(2).sum()";
        QTest::newRow("pytorch_l1_and_l2")
            << CodeFramework::PyTorch << L2Convention::Tf1 << 0.003 << 0.001
            << "reg = reg + 0.003 * w.abs().sum() + 0.0005 * w.pow(2).sum()";
        QTest::newRow("tf1_keras_doubles") << CodeFramework::Tf1 << L2Convention::Keras << 0.0
                                           << 1e-4 << "lambda w: 0.0002 * tf.nn.l2_loss(w)";
        QTest::newRow("tf1_tf1_unchanged") << CodeFramework::Tf1 << L2Convention::Tf1 << 0.0 << 1e-4
                                           << "lambda w: 0.0001 * tf.nn.l2_loss(w)";
        QTest::newRow("tf1_contrib_form") << CodeFramework::Tf1 << L2Convention::Keras << 0.0
                                          << 1e-4 << "tf.contrib.layers.l2_regularizer(0.0002)";
        QTest::newRow("tf1_l1_unchanged")
            << CodeFramework::Tf1 << L2Convention::Keras << 0.003 << 0.0
            << "lambda w: 0.003 * tf.reduce_sum(tf.abs(w))  # noqa: E731";
    }
    void penaltyIsWrittenInTheFrameworksForm() {
        QFETCH(CodeFramework, fw);
        QFETCH(L2Convention, convention);
        QFETCH(double, l1);
        QFETCH(double, l2);
        QFETCH(QString, expected);
        const QString text = code(oneLayerSpec(convention, l1, l2), fw);
        QVERIFY2(text.contains(expected), qPrintable(text));
    }

    void frameworkApisAppear_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<QStringList>("needles");
        QTest::newRow("keras") << CodeFramework::Keras
                               << QStringList{"from tensorflow import keras",
                                              "keras.layers.Dense(",
                                              "kernel_regularizer=keras.regularizers.l1_l2(",
                                              "bias_regularizer=keras.regularizers.l1_l2(",
                                              "SparseCategoricalCrossentropy(from_logits=True)",
                                              "keras.optimizers.Adam(learning_rate=0.002, "
                                              "beta_1=0.9, beta_2=0.999, epsilon=1e-07)",
                                              "model.fit(x_train, y_train, batch_size=BATCH_SIZE",
                                              "shuffle=SHUFFLE",
                                              "set_weights([init[\"first/kernel\"], "
                                              "init[\"first/bias\"]])",
                                              "set_weights([init[\"second-layer/kernel\"]])"};
        QTest::newRow("pytorch") << CodeFramework::PyTorch
                                 << QStringList{"import torch",
                                                "torch.manual_seed(SEED)",
                                                "torch.nn.CrossEntropyLoss(reduction=\"sum\")",
                                                "torch.optim.Adam(layers.parameters(), lr=0.002, "
                                                "betas=(0.9, 0.999), eps=1e-07)",
                                                "init[\"first/kernel\"].T",
                                                "loss = data_loss + penalty()",
                                                "torch.Generator().manual_seed(SEED)",
                                                "optimizer.zero_grad()",
                                                "loss.backward()"};
        QTest::newRow("tf1") << CodeFramework::Tf1
                             << QStringList{"tf1 = tf.compat.v1",
                                            "tf1.disable_eager_execution()",
                                            "tf1.get_variable(\"kernel\"",
                                            "regularizer=kernel_regularizer",
                                            "loss = tf.add_n([data_loss] + "
                                            "tf1.losses.get_regularization_losses())",
                                            "tf.nn.sparse_softmax_cross_entropy_with_logits(",
                                            "tf1.train.AdamOptimizer(0.002, beta1=0.9, "
                                            "beta2=0.999, epsilon=1e-07)",
                                            "tf1.Session()"};
    }
    void frameworkApisAppear() {
        QFETCH(CodeFramework, fw);
        QFETCH(QStringList, needles);
        const QString text = code(sampleSpec(), fw);
        QVERIFY(text.startsWith("#!/usr/bin/env python3\n# train_" + QString(toString(fw).data())
                                + ".py: the RegLab experiment \"sample-export\""));
        QVERIFY(text.endsWith('\n'));
        for (const QString &needle : needles)
            QVERIFY2(text.contains(needle), qPrintable("missing: " + needle));
        // The common parts: data file, seed, batch size, epochs, the parseable report.
        QVERIFY(text.contains("DATA_FILE = \"data.npz\"\n"));
        QVERIFY(text.contains("SEED = 42\n"));
        QVERIFY(text.contains("BATCH_SIZE = 25\n"));
        QVERIFY(text.contains("EPOCHS = 4\n"));
        QVERIFY(text.contains("SHUFFLE = False\n"));
        QVERIFY(text.contains("print(f\"epoch {epoch} train_data_loss {train_loss!r} "));
    }

    void everyLayerAppears_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<QStringList>("needles");
        QTest::newRow("keras")
            << CodeFramework::Keras
            << QStringList{"x = keras.layers.Dense(\n    16,\n    activation=\"relu\",\n"
                           "    use_bias=True,\n    kernel_initializer=\"he_normal\",",
                           "x = keras.layers.Dense(\n    8,\n    activation=\"sigmoid\",\n"
                           "    use_bias=False,",
                           "outputs = keras.layers.Dense(\n    3,\n    "
                           "activation=\"linear\",",
                           "name=\"first\"",
                           "name=\"second-layer\"",
                           "name=\"logits\""};
        QTest::newRow("pytorch")
            << CodeFramework::PyTorch
            << QStringList{"layers[\"first\"] = torch.nn.Linear(N_FEATURES, 16)  # relu",
                           "layers[\"second-layer\"] = torch.nn.Linear(16, 8, bias=False)  # "
                           "sigmoid",
                           "layers[\"logits\"] = torch.nn.Linear(8, 3)  # linear",
                           "x = torch.relu(layers[\"first\"](x))",
                           "x = torch.sigmoid(layers[\"second-layer\"](x))",
                           "x = layers[\"logits\"](x)\n    return x",
                           "std = math.sqrt(2.0 / N_FEATURES) / 0.87962566103423978  # he_normal",
                           "torch.nn.init.xavier_uniform_(layers[\"second-layer\"].weight)"};
        QTest::newRow("tf1") << CodeFramework::Tf1
                             << QStringList{
                                    "dense(h, \"first\", N_FEATURES, 16, tf.nn.relu,  # relu",
                                    "dense(h, \"second-layer\", 16, 8, tf.sigmoid,  # sigmoid",
                                    "dense(h, \"logits\", 8, 3, None,  # linear",
                                    "tf1.variance_scaling_initializer(2.0, \"fan_in\", "
                                    "\"truncated_normal\"), True,",
                                    "tf1.glorot_uniform_initializer(), False,"};
    }
    void everyLayerAppears() {
        QFETCH(CodeFramework, fw);
        QFETCH(QStringList, needles);
        const QString text = code(sampleSpec(), fw);
        for (const QString &needle : needles)
            QVERIFY2(text.contains(needle), qPrintable("missing: " + needle + "\n" + text));
    }

    void optimizers_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<OptimizerKind>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("pytorch_sgd") << CodeFramework::PyTorch << OptimizerKind::Sgd
                                     << "torch.optim.SGD(layers.parameters(), lr=0.05, "
                                        "momentum=0.9, nesterov=True)";
        QTest::newRow("pytorch_adamw")
            << CodeFramework::PyTorch << OptimizerKind::AdamW
            << "torch.optim.AdamW(layers.parameters(), lr=0.05, betas=(0.8, 0.99), eps=1e-08, "
               "weight_decay=0.02)";
        QTest::newRow("keras_sgd")
            << CodeFramework::Keras << OptimizerKind::Sgd
            << "keras.optimizers.SGD(learning_rate=0.05, momentum=0.9, nesterov=True)";
        QTest::newRow("keras_adamw") << CodeFramework::Keras << OptimizerKind::AdamW
                                     << "keras.optimizers.AdamW(learning_rate=0.05, "
                                        "weight_decay=0.02, beta_1=0.8, beta_2=0.99, "
                                        "epsilon=1e-08)";
        QTest::newRow("tf1_sgd")
            << CodeFramework::Tf1 << OptimizerKind::Sgd
            << "tf1.train.MomentumOptimizer(0.05, momentum=0.9, use_nesterov=True)";
        // TF1 has no AdamW: the decoupled decay is written out, contrib's form in a comment.
        QTest::newRow("tf1_adamw") << CodeFramework::Tf1 << OptimizerKind::AdamW
                                   << "decay = [v.assign(v * (1.0 - 0.05 * 0.02)) for _, v in "
                                      "grads_and_vars]";
        QTest::newRow("tf1_adamw_contrib") << CodeFramework::Tf1 << OptimizerKind::AdamW
                                           << "weight_decay=0.001, ...) (contrib's decay";
    }
    void optimizers() {
        QFETCH(CodeFramework, fw);
        QFETCH(OptimizerKind, kind);
        QFETCH(QString, expected);
        ExperimentSpec spec = sampleSpec();
        spec.optimizer.type = kind;
        spec.optimizer.learningRate = 0.05;
        if (kind == OptimizerKind::Sgd) {
            spec.optimizer.momentum = 0.9;
            spec.optimizer.nesterov = true;
        } else {
            spec.optimizer.beta1 = 0.8;
            spec.optimizer.beta2 = 0.99;
            spec.optimizer.epsilon = 1e-8;
            spec.optimizer.weightDecay = kind == OptimizerKind::AdamW ? 0.02 : 0.0;
        }
        const QString text = code(spec, fw);
        QVERIFY2(text.contains(expected), qPrintable(text));
    }

    void penaltyNotInLoss_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<QStringList>("present");
        QTest::addColumn<QStringList>("absent");
        QTest::newRow("keras")
            << CodeFramework::Keras
            << QStringList{"training.penalty_in_loss is false. Keras adds every",
                           "#   first kernel_regularizer=keras.regularizers.l1_l2(l1=0.0, "
                           "l2=5e-05)",
                           "kernel_regularizer=None,", "PENALTY_IN_LOSS = False"}
            << QStringList{"    kernel_regularizer=keras.regularizers"};
        QTest::newRow("pytorch")
            << CodeFramework::PyTorch
            << QStringList{"penalty_in_loss is false: the penalty is reported, not trained on.\n"
                           "        loss = data_loss\n",
                           "report_epoch(epoch, outputs(x_train)"}
            << QStringList{"loss = data_loss + penalty()"};
        // TF1: collected in REGULARIZATION_LOSSES (regularizer= stays) and never added.
        QTest::newRow("tf1") << CodeFramework::Tf1
                             << QStringList{"the classic TF1 mistake on purpose",
                                            "loss = data_loss\n", "sits in REGULARIZATION_LOSSES",
                                            "regularizer=kernel_regularizer"}
                             << QStringList{"loss = data_loss + reg_loss\n"};
    }
    void penaltyNotInLoss() {
        QFETCH(CodeFramework, fw);
        QFETCH(QStringList, present);
        QFETCH(QStringList, absent);
        ExperimentSpec spec = sampleSpec();
        spec.training.penaltyInLoss = false;
        const QString text = code(spec, fw);
        QVERIFY(text.contains("# training.penalty_in_loss is false: the penalty is computed and "
                              "reported (reg_loss) but"));
        for (const QString &needle : present)
            QVERIFY2(text.contains(needle), qPrintable("missing: " + needle));
        for (const QString &needle : absent)
            QVERIFY2(!text.contains(needle), qPrintable("present: " + needle));
    }

    void options_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::newRow("keras") << CodeFramework::Keras;
        QTest::newRow("pytorch") << CodeFramework::PyTorch;
        QTest::newRow("tf1") << CodeFramework::Tf1;
    }
    void options() {
        QFETCH(CodeFramework, fw);
        ExperimentSpec spec = sampleSpec();
        spec.name = "two\nlines";
        CodeExportOptions o;
        const QString plain = code(spec, fw, o);
        QVERIFY(plain.contains("INIT_FILE = None"));
        QVERIFY(plain.contains("N_FEATURES = x_train.shape[1]\n"));
        QVERIFY(plain.contains("EPOCHS = 4\n"));
        QVERIFY(plain.contains("the RegLab experiment \"two lines\""));
        o.dataFile = "my \"data\".npz";
        o.initFile = "init.npz";
        o.epochs = 7;
        o.inputDim = 784;
        const QString text = code(spec, fw, o);
        QVERIFY(text.contains("DATA_FILE = \"my \\\"data\\\".npz\"\n"));
        QVERIFY(text.contains("INIT_FILE = \"init.npz\""));
        QVERIFY(text.contains("EPOCHS = 7\n"));
        QVERIFY(text.contains("batches of 25, 7 epochs"));
        QVERIFY(text.contains("N_FEATURES = 784\n"));
    }

    void frameworkNames() {
        for (CodeFramework fw : {CodeFramework::Keras, CodeFramework::PyTorch, CodeFramework::Tf1})
            QCOMPARE(codeFrameworkFromString(toString(fw)), std::optional<CodeFramework>(fw));
        QCOMPARE(codeFrameworkFromString("torch"), std::optional<CodeFramework>());
        QCOMPARE(codeFileName(CodeFramework::PyTorch), std::string("train_pytorch.py"));
    }

    void datasetArrays_data() {
        QTest::addColumn<LossKind>("loss");
        QTest::newRow("softmax") << LossKind::SoftmaxCrossEntropy;
        QTest::newRow("mse") << LossKind::MeanSquaredError;
    }
    void datasetArrays() {
        QFETCH(LossKind, loss);
        Dataset d;
        d.trainX.resize(2, 3); // features x samples: sample j = (j, 10 + j)
        d.trainX << 0, 1, 2, 10, 11, 12;
        d.testX.resize(2, 1);
        d.testX << 5, 15;
        const bool mse = loss == LossKind::MeanSquaredError;
        if (mse) {
            d.trainY.resize(2, 3); // 2 targets: sample j = (100 + j, 200 + j)
            d.trainY << 100, 101, 102, 200, 201, 202;
            d.testY.resize(2, 1);
            d.testY << 105, 205;
        } else {
            d.trainY.resize(1, 3);
            d.trainY << 1, 0, 1;
            d.testY.resize(1, 1);
            d.testY << 0;
        }
        const std::vector<NpzArray> arrays = datasetToArrays(d, loss);
        QCOMPARE(arrays.size(), std::size_t(4));
        QCOMPARE(arrays[0].name, std::string("x_train"));
        QCOMPARE(arrays[0].shape, (std::vector<std::size_t>{3, 2}));
        QCOMPARE(arrays[0].data, (std::vector<float>{0, 10, 1, 11, 2, 12})); // row-major [n, f]
        QCOMPARE(arrays[1].name, std::string("y_train"));
        QCOMPARE(arrays[2].name, std::string("x_test"));
        QCOMPARE(arrays[2].shape, (std::vector<std::size_t>{1, 2}));
        QCOMPARE(arrays[2].data, (std::vector<float>{5, 15}));
        QCOMPARE(arrays[3].name, std::string("y_test"));
        if (mse) {
            QCOMPARE(arrays[1].shape, (std::vector<std::size_t>{3, 2}));
            QCOMPARE(arrays[1].data, (std::vector<float>{100, 200, 101, 201, 102, 202}));
            QCOMPARE(arrays[3].shape, (std::vector<std::size_t>{1, 2}));
        } else {
            QCOMPARE(arrays[1].shape, (std::vector<std::size_t>{3}));
            QCOMPARE(arrays[1].data, (std::vector<float>{1, 0, 1}));
            QCOMPARE(arrays[3].shape, (std::vector<std::size_t>{1}));
        }
    }

    void scriptsAreValidPython_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<LossKind>("loss");
        QTest::addColumn<OptimizerKind>("kind");
        QTest::addColumn<bool>("penaltyInLoss");
        QTest::addColumn<bool>("features");
        const std::pair<CodeFramework, const char *> fws[] = {{CodeFramework::Keras, "keras"},
                                                              {CodeFramework::PyTorch, "pytorch"},
                                                              {CodeFramework::Tf1, "tf1"}};
        for (const auto &[fw, name] : fws) {
            QTest::addRow("%s_softmax_adam", name)
                << fw << LossKind::SoftmaxCrossEntropy << OptimizerKind::Adam << true << false;
            QTest::addRow("%s_sigmoid_sgd", name)
                << fw << LossKind::SigmoidCrossEntropy << OptimizerKind::Sgd << true << false;
            QTest::addRow("%s_mse_adamw_no_penalty", name)
                << fw << LossKind::MeanSquaredError << OptimizerKind::AdamW << false << false;
            // Dropout, ELU, validation, early stopping, penalty multiplier.
            QTest::addRow("%s_dropout_early_stopping_softmax_adam", name)
                << fw << LossKind::SoftmaxCrossEntropy << OptimizerKind::Adam << true << true;
            QTest::addRow("%s_dropout_early_stopping_mse_sgd", name)
                << fw << LossKind::MeanSquaredError << OptimizerKind::Sgd << true << true;
            QTest::addRow("%s_dropout_early_stopping_no_penalty", name)
                << fw << LossKind::SigmoidCrossEntropy << OptimizerKind::AdamW << false << true;
        }
    }
    void scriptsAreValidPython() {
        QFETCH(CodeFramework, fw);
        QFETCH(LossKind, loss);
        QFETCH(OptimizerKind, kind);
        QFETCH(bool, penaltyInLoss);
        QFETCH(bool, features);
        if (m_python.isEmpty())
            QSKIP("no python3 found");
        ExperimentSpec spec = features ? featureSpec() : sampleSpec();
        spec.loss = loss;
        spec.optimizer.type = kind;
        spec.optimizer.weightDecay = kind == OptimizerKind::AdamW ? 0.01 : 0.0;
        spec.optimizer.momentum = kind == OptimizerKind::Sgd ? 0.5 : 0.0;
        spec.training.penaltyInLoss = penaltyInLoss;
        spec.model.layers.back().units = loss == LossKind::SigmoidCrossEntropy ? 1 : 3;
        CodeExportOptions o;
        o.initFile = "init.npz";
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("script.py");
        QVERIFY(writeText(path, exportCode(spec, fw, o)));
        const QString error = pyCompile(m_python, {path});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// Every framework's script, with and without initial weights, for every experiment
    /// RegLab ships (examples/*.json, resources/lessons/*/experiment.reglab.json) is valid
    /// Python.
    void shippedExperimentsCompile_data() {
        QTest::addColumn<QString>("file");
        const QDir source(REGLAB_SOURCE_DIR);
        std::vector<std::pair<QString, QString>> folders = {{"examples", "*.json"}};
        // Each lesson is a folder with its experiment (docs/lessons.md).
        const QDir lessons(source.filePath("resources/lessons"));
        for (const QString &lesson : lessons.entryList({"lesson-*"}, QDir::Dirs, QDir::Name))
            folders.emplace_back("resources/lessons/" + lesson, "experiment.reglab.json");
        int rows = 0;
        for (const auto &[folder, pattern] : folders) {
            const QDir dir(source.filePath(folder));
            for (const QString &name : dir.entryList({pattern}, QDir::Files, QDir::Name)) {
                QString tag = folder.startsWith("resources/lessons/")
                                  ? QFileInfo(folder).fileName()
                                  : QFileInfo(name).completeBaseName();
                tag.replace('.', '_').replace('-', '_');
                QTest::newRow(qPrintable(tag)) << dir.filePath(name);
                ++rows;
            }
        }
        QVERIFY2(rows >= 10, "the shipped experiments were not found");
    }
    void shippedExperimentsCompile() {
        QFETCH(QString, file);
        if (m_python.isEmpty())
            QSKIP("no python3 found");
        const ExperimentSpec spec = loadExperimentFile(file.toStdString());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList paths;
        for (CodeFramework fw :
             {CodeFramework::Keras, CodeFramework::PyTorch, CodeFramework::Tf1}) {
            for (bool withInit : {false, true}) {
                CodeExportOptions o;
                if (withInit)
                    o.initFile = "init.npz";
                if (spec.model.hasSpatialLayers()) // the shipped CNNs train on 28x28 digits
                    o.inputShape = TensorShape{28, 28, 1, true};
                const QString path = dir.filePath(QString::fromStdString(
                    std::string(toString(fw)) + (withInit ? "_init" : "") + ".py"));
                QVERIFY(writeText(path, exportCode(spec, fw, o)));
                paths << path;
            }
        }
        const QString error = pyCompile(m_python, paths);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// Each framework's spelling of dropout, ELU, the validation set, early stopping and
    /// the penalty multiplier.
    void newFeaturesAppear_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("keras") << CodeFramework::Keras
                               << QStringList{
                                      "x = keras.layers.Dropout(0.2, name=\"drop_in\")(inputs)",
                                      "x = keras.layers.Dropout(0.5, name=\"drop_mid\")(x)",
                                      "activation=\"elu\"", "x_val = data[\"x_val\"]",
                                      "keras.callbacks.EarlyStopping(", "monitor=\"val_accuracy\"",
                                      "mode=\"max\"", "min_delta=0.01", "patience=3",
                                      "restore_best_weights=True", "start_from_epoch=2",
                                      "callbacks=[divergence, EpochReport(), keras_early_stopping]",
                                      "logs.update(metrics)",
                                      // tf1 5e-05 on the logits' L1 0.003 times 2.5
                                      "l1=0.0075",
                                      "LAYER_NAMES = [\"first\", \"second-layer\", "
                                      "\"logits\"]"};
        QTest::newRow("pytorch") << CodeFramework::PyTorch
                                 << QStringList{"layers[\"drop_in\"] = torch.nn.Dropout(0.2)",
                                                "layers[\"drop_mid\"] = torch.nn.Dropout(0.5)",
                                                "torch.nn.functional.elu(",
                                                "layers.train()",
                                                "layers.eval()",
                                                "torch.nn.Linear(N_FEATURES, 16)",
                                                "torch.nn.Linear(16, 8, bias=False)",
                                                "loss = data_loss + PENALTY_MULTIPLIER * penalty()",
                                                "PENALTY_MULTIPLIER = 2.5",
                                                "class EarlyStopping:",
                                                "EarlyStopping(\"val_accuracy\", 0.01, 3, True,",
                                                "maximize=True",
                                                "best_state = copy.deepcopy(layers.state_dict())",
                                                "layers.load_state_dict(best_state)",
                                                "outputs(x_val)"};
        QTest::newRow("tf1") << CodeFramework::Tf1
                             << QStringList{
                                    "h = tf1.layers.dropout(h, rate=0.2, training=is_training",
                                    "h = tf1.layers.dropout(h, rate=0.5, training=is_training",
                                    "is_training: True",
                                    "tf.nn.elu",
                                    "reg_constant = 2.5",
                                    "loss = data_loss + reg_constant * tf.add_n(reg_losses)",
                                    "class EarlyStopping:",
                                    "variable.load(value, sess)",
                                    "predict(sess, x_val)"};
    }
    void newFeaturesAppear() {
        QFETCH(CodeFramework, fw);
        QFETCH(QStringList, expected);
        const QString text = code(featureSpec(), fw);
        for (const QString &e : expected)
            QVERIFY2(text.contains(e), qPrintable(e));
        // Without the features none of it is there.
        const QString plain = code(sampleSpec(), fw);
        for (const char *absent : {"Dropout(", "layers.dropout", "EarlyStopping", "x_val",
                                   "PENALTY_MULTIPLIER", "reg_constant"})
            QVERIFY2(!plain.contains(absent), absent);
    }

    /// TF's "same": out = ceil(in / s), total = max((out - 1) s + k - in, 0), the smaller
    /// half before; "valid" pads nothing.
    void windowPaddingIsTfSame_data() {
        QTest::addColumn<int>("in");
        QTest::addColumn<int>("kernel");
        QTest::addColumn<int>("stride");
        QTest::addColumn<bool>("same");
        QTest::addColumn<int>("before");
        QTest::addColumn<int>("after");
        // 10, k 3, s 2: out 5, total 4 * 2 + 3 - 10 = 1 -> 0 before, 1 after.
        QTest::newRow("k3_s2_in10") << 10 << 3 << 2 << true << 0 << 1;
        // 28, k 3, s 1: out 28, total 2 -> 1, 1.
        QTest::newRow("k3_s1_in28") << 28 << 3 << 1 << true << 1 << 1;
        // 5, k 2, s 2: out 3, total 2 * 2 + 2 - 5 = 1 -> 0, 1.
        QTest::newRow("pool2_in5") << 5 << 2 << 2 << true << 0 << 1;
        // 7, k 4, s 1: out 7, total 3 -> 1, 2.
        QTest::newRow("k4_s1_in7") << 7 << 4 << 1 << true << 1 << 2;
        // 8, k 1, s 3: out 3, total max(2 * 3 + 1 - 8, 0) = 0.
        QTest::newRow("k1_s3_in8") << 8 << 1 << 3 << true << 0 << 0;
        QTest::newRow("valid") << 10 << 3 << 2 << false << 0 << 0;
    }
    void windowPaddingIsTfSame() {
        QFETCH(int, in);
        QFETCH(int, kernel);
        QFETCH(int, stride);
        QFETCH(bool, same);
        QFETCH(int, before);
        QFETCH(int, after);
        LayerSpec l;
        l.type = "conv2d";
        l.kernelSize = {kernel, 1};
        l.strides = std::array<int, 2>{stride, 1};
        l.padding = same ? Padding::Same : Padding::Valid;
        const auto pad = codegen::windowPadding(l, TensorShape{in, 4, 1, true});
        QCOMPARE(pad[0], before);
        QCOMPARE(pad[1], after);
        QCOMPARE(pad[2], 0); // width 4, kernel 1, stride 1
        QCOMPARE(pad[3], 0);
    }

    /// Each framework's convolutional layers: Keras's Conv2D / MaxPooling2D / Flatten with
    /// the regularizers, PyTorch's NCHW Conv2d with the weight and flatten-order translation
    /// and TF's padding, TF1's tf.layers calls with the question's penalty and loss.
    void cnnLayersAppear_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("keras")
            << CodeFramework::Keras
            << QStringList{"x = keras.layers.Reshape((12, 12, 1))(inputs)",
                           "x = keras.layers.Conv2D(\n    3,\n    kernel_size=(3, 3),\n"
                           "    strides=(1, 1),\n    padding=\"valid\",\n"
                           "    activation=\"relu\",",
                           // tf1 convention: Keras's l2 is b / 2
                           "kernel_regularizer=keras.regularizers.l1_l2(l1=0.001, l2=0.001)",
                           "bias_regularizer=keras.regularizers.l1_l2(l1=0.003, l2=0.002)",
                           "    strides=(2, 2),\n    padding=\"same\",\n    activation=\"tanh\",",
                           "kernel_initializer=\"he_normal\"",
                           "kernel_regularizer=keras.regularizers.l1_l2(l1=0.0, l2=5e-06)",
                           "x = keras.layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), "
                           "padding=\"same\", name=\"pool\")(x)",
                           "x = keras.layers.Flatten(name=\"flat\")(x)",
                           "outputs = keras.layers.Dense(\n    3,",
                           "LAYER_NAMES = [\"conv_valid\", \"conv_same\", \"logits\"]",
                           "model.get_layer(\"conv_same\").set_weights([init[\"conv_same/"
                           "kernel\"]])"};
        QTest::newRow("pytorch")
            << CodeFramework::PyTorch
            << QStringList{"x = x.reshape(-1, 12, 12, 1).permute(0, 3, 1, 2)",
                           "layers[\"conv_valid\"] = torch.nn.Conv2d(1, 3, (3, 3), stride=(1, "
                           "1))  # relu, padding \"valid\"",
                           "layers[\"conv_same\"] = torch.nn.Conv2d(3, 4, (3, 3), stride=(2, 2), "
                           "bias=False)  # tanh, padding \"same\"",
                           // 10 -> 5 with k 3, s 2: 0 before, 1 after on both axes
                           "x = torch.nn.functional.pad(x, (0, 1, 0, 1))  #",
                           "x = torch.tanh(layers[\"conv_same\"](x))",
                           "layers[\"pool\"] = torch.nn.MaxPool2d((2, 2), stride=(2, 2))",
                           // 5 -> 3 with k 2, s 2: 0 before, 1 after, -inf
                           "x = torch.nn.functional.pad(x, (0, 1, 0, 1), value=-math.inf)",
                           "x = x.permute(0, 2, 3, 1).flatten(1)",
                           "layers[\"logits\"] = torch.nn.Linear(36, 3)",
                           "init[\"conv_valid/kernel\"].transpose(3, 2, 0, 1)",
                           "init[\"logits/kernel\"].T",
                           // he_normal: fan-in 3 * 3 * 3
                           "std = math.sqrt(2.0 / 27) / 0.87962566103423978",
                           "w = layers[\"conv_valid\"].bias",
                           "reg = reg + 0.003 * w.abs().sum() + 0.002 * w.pow(2).sum()"};
        QTest::newRow("tf1")
            << CodeFramework::Tf1
            << QStringList{"h = tf.reshape(h, [-1, 12, 12, 1])",
                           "h = tf1.layers.conv2d(\n    h,\n    filters=3,\n"
                           "    kernel_size=[3, 3],\n    strides=[1, 1],\n"
                           "    padding=\"valid\",\n    activation=tf.nn.relu,",
                           "# conv_same.kernel in TF 1.x: tf.contrib.layers.l2_regularizer(1e-05)",
                           "kernel_regularizer=reg_conv_same_kernel,",
                           "kernel_regularizer=reg_conv_valid_kernel,",
                           "bias_regularizer=reg_conv_valid_bias,",
                           "padding=\"same\",",
                           "kernel_initializer=initializer(\"conv_valid/kernel\", "
                           "tf1.glorot_uniform_initializer()),",
                           "weights[\"conv_valid\"] = layer_variables(\"conv_valid\")",
                           "h = tf1.layers.max_pooling2d(h, pool_size=[2, 2], strides=[2, 2], "
                           "padding=\"same\", name=\"pool\")",
                           "h = tf1.layers.flatten(h, name=\"flat\")",
                           "h, weights[\"logits\"] = dense(h, \"logits\", 36, 3,",
                           "loss = tf.add_n([data_loss] + "
                           "tf1.losses.get_regularization_losses())"};
    }
    void cnnLayersAppear() {
        QFETCH(CodeFramework, fw);
        QFETCH(QStringList, expected);
        const QString text = code(cnnSpec(), fw, imageOptions());
        for (const QString &e : expected)
            QVERIFY2(text.contains(e), qPrintable("missing: " + e));
    }

    /// A symmetric "same" (28 -> 28, k 3) is Conv2d's own padding, not an F.pad.
    void pytorchSymmetricSamePadding() {
        ExperimentSpec spec = cnnSpec();
        spec.model.layers[1].strides = std::array<int, 2>{1, 1};
        spec.model.layers.erase(spec.model.layers.begin() + 2); // no pool
        const QString text = code(spec, CodeFramework::PyTorch, imageOptions());
        QVERIFY(text.contains("torch.nn.Conv2d(3, 4, (3, 3), stride=(1, 1), padding=(1, 1), "
                              "bias=False)"));
        QVERIFY(!text.contains("torch.nn.functional.pad("));
        QVERIFY(text.contains("torch.nn.Linear(400, 3)")); // 10 x 10 x 4
    }

    void cnnScriptsAreValidPython_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::newRow("keras") << CodeFramework::Keras;
        QTest::newRow("pytorch") << CodeFramework::PyTorch;
        QTest::newRow("tf1") << CodeFramework::Tf1;
    }
    void cnnScriptsAreValidPython() {
        QFETCH(CodeFramework, fw);
        if (m_python.isEmpty())
            QSKIP("no python3 found");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QStringList paths;
        for (bool withInit : {false, true}) {
            CodeExportOptions o = imageOptions();
            if (withInit)
                o.initFile = "init.npz";
            ExperimentSpec spec = cnnSpec();
            if (withInit) { // also dropout between the convolutions, early stopping
                LayerSpec drop;
                drop.type = "dropout";
                drop.name = "drop";
                drop.rate = 0.25;
                spec.model.layers.insert(spec.model.layers.begin() + 1, drop);
                spec.training.earlyStopping = EarlyStoppingSpec{"test_data_loss", 0, 2, true, 0};
            }
            const QString path = dir.filePath(withInit ? "init.py" : "plain.py");
            QVERIFY(writeText(path, exportCode(spec, fw, o)));
            paths << path;
        }
        const QString error = pyCompile(m_python, paths);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// spatial_dropout2d in each framework: Keras's SpatialDropout2D, PyTorch's Dropout2d
    /// (on NCHW, switched by train()/eval()), TF1's dropout with one draw per channel.
    void spatialDropoutAppears_data() {
        QTest::addColumn<CodeFramework>("fw");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("keras") << CodeFramework::Keras
                               << QStringList{"x = keras.layers.SpatialDropout2D(0.25, "
                                              "name=\"sd\")(x)"};
        QTest::newRow("pytorch") << CodeFramework::PyTorch
                                 << QStringList{"layers[\"sd\"] = torch.nn.Dropout2d(0.25)",
                                                "x = layers[\"sd\"](x)", "layers.train()",
                                                "layers.eval()"};
        QTest::newRow("tf1") << CodeFramework::Tf1
                             << QStringList{"h = tf1.layers.dropout(h, rate=0.25, "
                                            "noise_shape=[tf.shape(h)[0], 1, 1, 3], "
                                            "training=is_training, name=\"sd\")"};
    }
    void spatialDropoutAppears() {
        QFETCH(CodeFramework, fw);
        QFETCH(QStringList, expected);
        ExperimentSpec spec = cnnSpec();
        LayerSpec sd;
        sd.type = "spatial_dropout2d";
        sd.name = "sd";
        sd.rate = 0.25;
        spec.model.layers.insert(spec.model.layers.begin() + 1, sd);
        spec.validate();
        const QString text = code(spec, fw, imageOptions());
        for (const QString &e : expected)
            QVERIFY2(text.contains(e), qPrintable("missing: " + e));
        QVERIFY(!text.contains("keras.layers.Dropout(")); // not the per-value dropout
        QVERIFY(!text.contains("torch.nn.Dropout("));
        if (m_python.isEmpty())
            return;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(writeText(dir.filePath("sd.py"), exportCode(spec, fw, imageOptions())));
        const QString error = pyCompile(m_python, {dir.filePath("sd.py")});
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    /// A convolutional network needs the image shape, and must fit it.
    void cnnNeedsAnImage() {
        CodeExportOptions flat;
        flat.inputDim = 144;
        flat.inputShape = TensorShape{1, 1, 144, false};
        try {
            exportCode(cnnSpec(), CodeFramework::Keras, flat);
            QFAIL("no error for a CNN on flat features");
        } catch (const InputError &e) {
            QVERIFY2(QString(e.what()).contains("image"), e.what());
        }
        CodeExportOptions tiny = imageOptions();
        tiny.inputShape = TensorShape{2, 2, 1, true}; // smaller than the 3x3 kernel
        try {
            exportCode(cnnSpec(), CodeFramework::PyTorch, tiny);
            QFAIL("no error for a kernel larger than the image");
        } catch (const InputError &e) {
            QVERIFY2(QString(e.what()).contains("model.layers.0.kernel_size"), e.what());
        }
    }

    void templateFillsInlineAndBlockHoles() {
        using codegen::fillTemplate;
        // Inline holes; a plain @ (decorators, matrix products, e-mail) is text.
        QCOMPARE(fillTemplate("t", "x = @A@ @ w  # @a@ me@host @\n", {{"A", "f(1)"}}),
                 std::string("x = f(1) @ w  # @a@ me@host @\n"));
        // A block takes the hole's indentation on every non-empty line.
        QCOMPARE(fillTemplate("t", "def f():\n    @BODY@\n    return x\n",
                              {{"BODY", "x = 1\n\nx += 2\n"}}),
                 std::string("def f():\n    x = 1\n\n    x += 2\n    return x\n"));
        // ... needs no final newline ...
        QCOMPARE(fillTemplate("t", "a\n@B@\nc\n", {{"B", "b"}}), std::string("a\nb\nc\n"));
        // ... and an empty block removes its line.
        QCOMPARE(fillTemplate("t", "a\n  @B@\nc\n", {{"B", ""}}), std::string("a\nc\n"));
        // Values are not scanned again.
        QCOMPARE(fillTemplate("t", "\"@NAME@\"", {{"NAME", "@NAME@"}}), std::string("\"@NAME@\""));
    }

    void templateRefusesMissingAndUnknownHoles_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("hole");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("unfilled_inline") << "x = @SEED@\n"
                                         << "EPOCHS"
                                         << "3"
                                         << "no value for placeholder @SEED@";
        QTest::newRow("unfilled_block") << "a\n    @LAYERS@\n"
                                        << "LAYER"
                                        << "x"
                                        << "no value for placeholder @LAYERS@";
        QTest::newRow("unknown_value") << "x = 1\n"
                                       << "SEED"
                                       << "3"
                                       << "no placeholder @SEED@ for the value given";
        QTest::newRow("lines_inline") << "x = @SEED@  # seed\n"
                                      << "SEED"
                                      << "1\n2"
                                      << "@SEED@ spans lines";
    }
    void templateRefusesMissingAndUnknownHoles() {
        QFETCH(QString, text);
        QFETCH(QString, hole);
        QFETCH(QString, value);
        QFETCH(QString, message);
        try {
            codegen::fillTemplate("test.py.in", text.toStdString(),
                                  {{hole.toStdString(), value.toStdString()}});
            QFAIL("no std::logic_error");
        } catch (const std::logic_error &e) {
            const QString what = e.what();
            QVERIFY2(what.contains("test.py.in") && what.contains(message), qPrintable(what));
        }
    }
};

QTEST_APPLESS_MAIN(TestCodeExport)
#include "tst_code_export.moc"
