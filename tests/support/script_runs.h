// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Running the exported scripts and reglab-cli, and comparing their per-epoch numbers
// (tests/cli/tst_export_code.cpp, tst_export_run_folder.cpp).

#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QtTest>

#include <algorithm>
#include <cmath>

namespace reglab::test {

/// The experiment the script tests export: 64 moons points (48 train / 16 test), 2 -> 8 tanh
/// -> 2, L1 + L2 on both kernels and L2 on the hidden bias, SGD with momentum, batches of 5
/// (the last one partial), in order.
inline constexpr const char *kMoonsExperiment = R"({
  "name": "export-moons",
  "seed": 5,
  "dataset": {"source": "moons", "samples": 64, "noise": 0.15, "test_fraction": 0.25},
  "model": {
    "layers": [
      {"name": "hidden", "units": 8, "activation": "tanh",
       "kernel_regularizer": {"l1": 0.001, "l2": 0.002}, "bias_regularizer": {"l2": 0.001}},
      {"name": "logits", "units": 2, "kernel_regularizer": {"l1": 0.002, "l2": 0.004}}
    ]
  },
  "loss": "softmax_cross_entropy",
  "l2_convention": "keras",
  "optimizer": {"type": "sgd", "learning_rate": 0.1, "momentum": 0.9},
  "training": {"batch_size": 5, "epochs": 3, "shuffle": false}
}
)";

struct ProcessResult {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs `program` in `workDir` (with `environment` when given) for at most 4 minutes.
inline ProcessResult runProcess(const QString &program, const QStringList &args,
                                const QString &workDir,
                                const QProcessEnvironment &environment = {}) {
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setWorkingDirectory(workDir);
    if (!environment.isEmpty())
        p.setProcessEnvironment(environment);
    p.start();
    ProcessResult r;
    if (!p.waitForStarted(10000) || !p.waitForFinished(240000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not finish";
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

/// Per epoch, column -> value.
using EpochTable = QMap<int, QMap<QString, double>>;

/// metrics.csv as an EpochTable.
inline EpochTable parseMetricsCsv(const QString &text) {
    EpochTable table;
    const QStringList lines = text.split('\n', Qt::SkipEmptyParts);
    if (lines.isEmpty())
        return table;
    const QStringList header = lines[0].split(',');
    for (int l = 1; l < lines.size(); ++l) {
        const QStringList cells = lines[l].split(',');
        QMap<QString, double> row;
        for (int i = 1; i < cells.size() && i < header.size(); ++i)
            row[header[i]] = cells[i].toDouble();
        table[cells[0].toInt()] = row;
    }
    return table;
}

/// Epochs 1..last of `script`'s and `reglab`'s tables agree in `columns` to 5e-5 relative
/// (float32 training on both sides); logs the largest relative difference, and returns the
/// largest absolute one.
inline double compareEpochs(const EpochTable &script, const EpochTable &reglab, int last,
                            const QStringList &columns, const char *what = "torch") {
    double maxRelative = 0.0;
    double maxAbsolute = 0.0;
    QString worst;
    for (int epoch = 1; epoch <= last; ++epoch) {
        for (const QString &column : columns) {
            [&] {
                QVERIFY2(script[epoch].contains(column), qPrintable(column));
                QVERIFY2(reglab[epoch].contains(column), qPrintable(column));
            }();
            const double a = script[epoch][column];
            const double b = reglab[epoch][column];
            const double scale = std::max(std::abs(a), std::abs(b));
            const double relative = scale > 0.0 ? std::abs(a - b) / scale : 0.0;
            const QString where = QString("epoch %1 %2: %3 %4, reglab %5")
                                      .arg(epoch)
                                      .arg(column, what)
                                      .arg(a, 0, 'g', 17)
                                      .arg(b, 0, 'g', 17);
            if (relative > maxRelative) {
                maxRelative = relative;
                worst = where;
            }
            maxAbsolute = std::max(maxAbsolute, std::abs(a - b));
            [&] {
                QVERIFY2(std::isfinite(a) && std::isfinite(b), qPrintable(where));
                QVERIFY2(std::abs(a - b) <= 5e-5 * scale + 1e-9, qPrintable(where));
            }();
            if (QTest::currentTestFailed())
                return maxAbsolute;
        }
    }
    const char *tag = QTest::currentDataTag();
    qInfo("%s: max relative difference %s vs RegLab %.3g (%s)",
          tag ? tag : QTest::currentTestFunction(), what, maxRelative, qPrintable(worst));
    return maxAbsolute;
}

} // namespace reglab::test
