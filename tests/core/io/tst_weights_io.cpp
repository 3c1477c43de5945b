// SPDX-License-Identifier: GPL-3.0-or-later
// A network's weights as named arrays and .npz files: the [in, out] kernel layout, round
// trips, arrays that do not fit the network, and a cross-check with NumPy itself.
#include "core/error.h"
#include "core/io/npz.h"
#include "core/io/weights_io.h"
#include "support/python.h"
#include "support/test_support.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <string>
#include <vector>

using namespace reglab;

namespace {

/// 3 -> 4 -> 2, linear layers "hidden" and "out".
ModelSpec smallModel() {
    ModelSpec model;
    model.layers = {test::dense("hidden", 4, Activation::Linear),
                    test::dense("out", 2, Activation::Linear)};
    return model;
}

/// 3 -> 2, one linear layer named `name`, weights zero.
Network<float> oneLayerNetwork(const char *name) {
    ModelSpec model;
    model.layers = {test::dense(name, 2, Activation::Linear)};
    return Network<float>(3, model);
}

/// Network 3 -> 4 -> 2 with every weight distinct: W(o, i) = 10 * o + i + 0.25 + layer.
Network<float> filledNetwork() {
    Network<float> net(3, smallModel());
    float layerOffset = 0.0f;
    for (auto &layer : net.layers()) {
        for (Index o = 0; o < layer.kernel.rows(); ++o) {
            for (Index i = 0; i < layer.kernel.cols(); ++i)
                layer.kernel(o, i) = 10.0f * float(o) + float(i) + 0.25f + layerOffset;
            layer.bias(o) = -0.5f * float(o) - layerOffset;
        }
        layerOffset += 100.0f;
    }
    return net;
}

} // namespace

class TestWeightsIo : public QObject {
    Q_OBJECT

private slots:
    void kernelIsStoredAsInOut() {
        // W = [[1, 2, 3], [4, 5, 6]] is out x in = 2 x 3; the [in, out] array is its
        // transpose [[1, 4], [2, 5], [3, 6]], flattened in C order: 1 4 2 5 3 6.
        Network<float> net = oneLayerNetwork("d");
        net.layers()[0].kernel << 1, 2, 3, 4, 5, 6;
        net.layers()[0].bias << 7, 8;
        const auto arrays = weightsToArrays(net);
        QCOMPARE(arrays.size(), std::size_t(2));
        QCOMPARE(test::qs(arrays[0].name), QString("d/kernel"));
        QVERIFY(arrays[0].shape == (std::vector<std::size_t>{3, 2}));
        QVERIFY(arrays[0].data == (std::vector<float>{1, 4, 2, 5, 3, 6}));
        QCOMPARE(test::qs(arrays[1].name), QString("d/bias"));
        QVERIFY(arrays[1].shape == (std::vector<std::size_t>{2}));
        QVERIFY(arrays[1].data == (std::vector<float>{7, 8}));
    }

    void roundTripNetwork() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string path = dir.filePath("weights.npz").toStdString();
        const Network<float> net = filledNetwork();
        saveWeights(net, path);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);

        Network<float> loaded(3, smallModel());
        loadWeights(loaded, path);
        for (std::size_t k = 0; k < 2; ++k) {
            QVERIFY(loaded.layers()[k].kernel == net.layers()[k].kernel);
            QVERIFY(loaded.layers()[k].bias == net.layers()[k].bias);
        }

        const auto arrays = readNpz(path);
        QCOMPARE(arrays.size(), std::size_t(4));
        QCOMPARE(test::qs(arrays[0].name), QString("hidden/kernel"));
        QVERIFY(arrays[0].shape == (std::vector<std::size_t>{3, 4}));
        // [i, o] of the kernel array is W(o, i) = 10 o + i + 0.25.
        QCOMPARE(arrays[0].data[1 * 4 + 2], 21.25f);
        QCOMPARE(test::qs(arrays[3].name), QString("out/bias"));
        QVERIFY(arrays[3].data == (std::vector<float>{-100.0f, -100.5f}));
    }

    void arraysMustMatchTheNetwork_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("shape_mismatch") << "transpose_kernel"
                                        << "hidden/kernel"
                                        << "shape [4, 3] does not match the network's [3, 4]";
        QTest::newRow("bias_shape") << "bias_2d"
                                    << "out/bias"
                                    << "shape [2, 1] does not match the network's [2]";
        QTest::newRow("missing_array") << "drop_bias"
                                       << "out/bias"
                                       << "missing array";
        QTest::newRow("extra_array") << "add_extra"
                                     << "out/gamma"
                                     << "unexpected array (the network has no such weights)";
        QTest::newRow("duplicate") << "duplicate"
                                   << "hidden/bias"
                                   << "duplicate array";
        QTest::newRow("nan") << "nan"
                             << "hidden/kernel"
                             << "contains NaN or infinite values";
    }
    void arraysMustMatchTheNetwork() {
        QFETCH(QString, change);
        QFETCH(QString, field);
        QFETCH(QString, message);
        std::vector<NpzArray> arrays = weightsToArrays(filledNetwork());
        if (change == "transpose_kernel")
            arrays[0].shape = {4, 3};
        else if (change == "bias_2d")
            arrays[3].shape = {2, 1};
        else if (change == "drop_bias")
            arrays.pop_back();
        else if (change == "add_extra")
            arrays.push_back({"out/gamma", {2}, {1, 1}});
        else if (change == "duplicate")
            arrays.push_back(arrays[1]);
        else if (change == "nan")
            arrays[0].data[5] = std::numeric_limits<float>::quiet_NaN();

        Network<float> net(3, smallModel());
        const auto e = test::inputErrorOf([&] { arraysToWeights(arrays, net, "w.npz"); });
        QVERIFY(e);
        QCOMPARE(test::qs(e->file()), QString("w.npz"));
        QCOMPARE(test::qs(e->field()), field);
        QCOMPARE(test::qs(e->message()), message);
        // Nothing was copied.
        for (const auto &layer : net.layers()) {
            QVERIFY(layer.kernel.isZero());
            QVERIFY(layer.bias.isZero());
        }
    }

    void loadWeightsChecksTheFileAgainstTheNetwork() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.npz").toStdString();
        saveWeights(filledNetwork(), path);
        ModelSpec other = smallModel();
        other.layers[0].units = 5;
        Network<float> net(3, other);
        const auto e = test::inputErrorOf([&] { loadWeights(net, path); });
        QVERIFY(e);
        QCOMPARE(e->file(), path);
        QCOMPARE(test::qs(e->field()), QString("hidden/kernel"));
        QCOMPARE(test::qs(e->message()),
                 QString("shape [3, 4] does not match the network's [3, 5]"));
    }

    void biasOfABiaslessLayerMustBeZero() {
        ModelSpec model = smallModel();
        model.layers[1].useBias = false;
        std::vector<NpzArray> arrays = weightsToArrays(filledNetwork());
        Network<float> net(3, model);
        const auto e = test::inputErrorOf([&] { arraysToWeights(arrays, net, "w.npz"); });
        QVERIFY(e);
        QCOMPARE(test::qs(e->field()), QString("out/bias"));
        arrays[3].data = {0, 0};
        arraysToWeights(arrays, net, "w.npz");
        QCOMPARE(net.layers()[0].kernel(1, 2), 12.25f);
    }

    void numpyReadsOurFiles() {
        const QString python = test::findPython("import numpy");
        if (python.isEmpty())
            QSKIP("no python3 with numpy on PATH");
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.npz").toStdString();
        Network<float> net = oneLayerNetwork("dense1");
        net.layers()[0].kernel << 1.5f, 2, 3, 4, 5, -6.25f; // W (2 x 3)
        net.layers()[0].bias << 0.125f, -1;
        saveWeights(net, path);

        const char *script = R"(
import sys, numpy as np
z = np.load(sys.argv[1])
for k in sorted(z.files):
    a = z[k]
    print(k, a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'], a.ravel().tolist())
)";
        QProcess p;
        p.start(python, {"-c", script, QString::fromStdString(path)});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(out, QString("dense1/bias <f4 (2,) True [0.125, -1.0]\n"
                              "dense1/kernel <f4 (3, 2) True [1.5, 4.0, 2.0, 5.0, 3.0, -6.25]\n"));
    }
};

QTEST_APPLESS_MAIN(TestWeightsIo)
#include "tst_weights_io.moc"
