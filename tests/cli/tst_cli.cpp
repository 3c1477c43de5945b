// SPDX-License-Identifier: GPL-3.0-or-later
// Runs the real reglab-cli binary (path in env REGLAB_CLI) on small experiments written to
// temporary folders and checks its files, its output and its exit codes.

#include "core/io/run_folder.h"
#include "support/script_runs.h"
#include "support/test_support.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

#include <sys/types.h>

using namespace reglab;
using namespace reglab::test;

namespace {

/// A small, fast experiment: 80 circle points, 2 -> 8 tanh -> 2, kernel L2 on the hidden
/// layer, 4 epochs of batch 16. Tokens like `"units": 8` are unique so rows can edit them.
const char *const kExperiment = R"({
  "name": "tiny-circle",
  "seed": 7,
  "dataset": {"source": "circle", "samples": 80, "noise": 0.1, "test_fraction": 0.25},
  "model": {
    "layers": [
      {"name": "hidden", "units": 8, "activation": "tanh", "kernel_regularizer": {"l2": 0.001}},
      {"name": "logits", "units": 2}
    ]
  },
  "loss": "softmax_cross_entropy",
  "optimizer": {"type": "adam", "learning_rate": 0.01},
  "training": {"batch_size": 16, "epochs": 4}
}
)";

const char *const kMetricsHeader =
    "epoch,train_data_loss,test_data_loss,reg_loss,total_loss,train_accuracy,test_accuracy,"
    "hidden.l1_loss,hidden.l2_loss,hidden.sparsity,hidden.kernel_l2_norm,"
    "logits.l1_loss,logits.l2_loss,logits.sparsity,logits.kernel_l2_norm";

const char *const kSummaryHeader =
    "value,final_train_accuracy,final_test_accuracy,best_test_accuracy,best_epoch,"
    "final_train_data_loss,final_test_data_loss,final_reg_loss";

using CliResult = ProcessResult;

/// metrics.csv / summary.csv as rows of cells (no quoting needed for our values).
QList<QStringList> readCsv(const QString &path) {
    QList<QStringList> rows;
    const QString text = QString::fromUtf8(readBytes(path));
    for (const QString &line : text.split('\n', Qt::SkipEmptyParts))
        rows.append(line.split(','));
    return rows;
}

QStringList entriesOf(const QString &dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    /// Runs reglab-cli with `args` in `workDir` (default: the temp dir) and waits for it.
    CliResult run(const QStringList &args, const QString &workDir = {}) {
        return runProcess(cliPath(), args, workDir.isEmpty() ? m_dir.path() : workDir);
    }

    /// Writes kExperiment (optionally with one text replacement) to a fresh file.
    QString writeExperiment(const QString &name, const QString &from = {}, const QString &to = {}) {
        QString text = QString::fromUtf8(kExperiment);
        if (!from.isEmpty()) {
            if (!text.contains(from))
                return {};
            text.replace(from, to);
        }
        const QString path = m_dir.filePath(name);
        return writeText(path, text.toUtf8()) ? path : QString();
    }

    QString freshDir(const QString &name) {
        const QString path = m_dir.filePath(name);
        QDir(path).removeRecursively();
        return path;
    }

private slots:
    void initTestCase() {
        QVERIFY2(!cliPath().isEmpty(), "REGLAB_CLI is not set");
        QVERIFY2(QFileInfo(cliPath()).isExecutable(), qPrintable(cliPath()));
        QVERIFY(m_dir.isValid());
    }

    void trainWritesRunFolder() {
        const QString exp = writeExperiment("train.json");
        QVERIFY(!exp.isEmpty());
        const QString out = freshDir("train-out");
        const CliResult r = run({"train", exp, "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const QList<QStringList> rows = readCsv(out + "/metrics.csv");
        QCOMPARE(rows.size(), 1 + 4);
        QCOMPARE(rows[0].join(','), QString(kMetricsHeader));
        for (int i = 1; i <= 4; ++i) {
            QCOMPARE(rows[i].size(), 7 + 4 * 2);
            QCOMPARE(rows[i][0], QString::number(i));
            // total_loss = train_data_loss + reg_loss; the hidden kernel has L2 so reg > 0,
            // the logits layer has none so its terms are 0.
            const double train = rows[i][1].toDouble();
            const double reg = rows[i][3].toDouble();
            QVERIFY(reg > 0.0);
            QVERIFY(qAbs(rows[i][4].toDouble() - (train + reg)) < 1e-12);
            QCOMPARE(rows[i][11].toDouble(), 0.0);
            QCOMPARE(rows[i][12].toDouble(), 0.0);
        }
        QVERIFY(QFileInfo(out + "/weights.npz").size() > 0);

        // The core reader takes the folder back: the run as trained.
        const RunRecord run = readRunFolder(out.toStdString());
        QVERIFY(run.status == RunStatus::Finished);
        QCOMPARE(run.history.size(), std::size_t(4));
        QCOMPARE(run.history.back().testAccuracy, rows[4][6].toDouble());
        QCOMPARE(run.weights.size(), std::size_t(4));
        QCOMPARE(run.spec.name, std::string("tiny-circle"));

        // The resolved experiment: every default written out.
        const QJsonObject doc =
            QJsonDocument::fromJson(readBytes(out + "/experiment.json")).object();
        QCOMPARE(doc.value("name").toString(), QString("tiny-circle"));
        const QJsonObject optimizer = doc.value("optimizer").toObject();
        QCOMPARE(optimizer.value("beta1").toDouble(), 0.9);
        QCOMPARE(optimizer.value("beta2").toDouble(), 0.999);
        QCOMPARE(optimizer.value("learning_rate").toDouble(), 0.01);
        const QJsonObject training = doc.value("training").toObject();
        QCOMPARE(training.value("shuffle").toBool(false), true);
        QVERIFY(training.contains("histogram_bins"));
        QVERIFY(doc.value("dataset").toObject().contains("limit"));
        QCOMPARE(doc.value("l2_convention").toString(), QString("keras"));
        const QJsonArray layers = doc.value("model").toObject().value("layers").toArray();
        QCOMPARE(layers.size(), 2);
        QCOMPARE(layers[1].toObject().value("activation").toString(), QString("linear"));
        QCOMPARE(layers[1].toObject().value("kernel_initializer").toString(),
                 QString("glorot_uniform"));
        QVERIFY(layers[1].toObject().value("kernel_regularizer").isNull());

        // One summary line on stdout; one progress line per epoch on stderr (not a tty).
        QCOMPARE(r.out.count('\n'), 1);
        QVERIFY(r.out.contains("tiny-circle"));
        QCOMPARE(r.err.count("epoch "), 4);
        QVERIFY(r.err.contains("epoch 4/4 train loss "));
    }

    void trainIsDeterministic() {
        const QString exp = writeExperiment("det.json");
        const QString a = freshDir("det-a");
        const QString b = freshDir("det-b");
        QCOMPARE(run({"train", exp, "--out", a, "--quiet"}).exitCode, 0);
        QCOMPARE(run({"train", exp, "--out", b, "--quiet"}).exitCode, 0);
        const QByteArray first = readBytes(a + "/metrics.csv");
        QVERIFY(!first.isEmpty());
        QCOMPARE(readBytes(b + "/metrics.csv"), first);
        // A different seed gives a different run.
        const QString c = freshDir("det-c");
        QCOMPARE(run({"train", exp, "--out", c, "--quiet", "--set", "seed=8"}).exitCode, 0);
        QVERIFY(readBytes(c + "/metrics.csv") != first);
    }

    void overridesChangeTheRun_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("epochs");
        QTest::newRow("set_epochs") << QStringList{"--set", "training.epochs=2"} << 2;
        QTest::newRow("epochs_shortcut") << QStringList{"--epochs", "3"} << 3;
        QTest::newRow("shortcut_wins_over_set")
            << QStringList{"--set", "training.epochs=2", "--epochs", "5"} << 5;
        QTest::newRow("set_twice_last_wins")
            << QStringList{"--set", "training.epochs=2", "--set", "training.epochs=1"} << 1;
    }

    void overridesChangeTheRun() {
        QFETCH(QStringList, args);
        QFETCH(int, epochs);
        const QString exp = writeExperiment("override.json");
        const QString out = freshDir("override-out");
        const CliResult r = run(QStringList{"train", exp, "--out", out, "-q"} + args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readCsv(out + "/metrics.csv").size(), 1 + epochs);
        const QJsonObject doc =
            QJsonDocument::fromJson(readBytes(out + "/experiment.json")).object();
        QCOMPARE(doc.value("training").toObject().value("epochs").toInt(), epochs);
    }

    void overrideOfRegularizerChangesLosses() {
        const QString exp = writeExperiment("reg.json");
        const QString out = freshDir("reg-out");
        const CliResult r = run(
            {"train", exp, "--out", out, "-q", "--set", "model.layers.*.kernel_regularizer=null"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QStringList> rows = readCsv(out + "/metrics.csv");
        QCOMPARE(rows.size(), 5);
        for (int i = 1; i < rows.size(); ++i)
            QCOMPARE(rows[i][3].toDouble(), 0.0); // no penalty anywhere
    }

    void sweepWritesRunsAndSummary() {
        const QString exp = writeExperiment("sweep.json");
        const QString out = freshDir("sweep-out");
        const QStringList values{"0", "0.001", "0.1"};
        const CliResult r = run({"sweep", exp, "--param", "model.layers.*.kernel_regularizer.l2",
                                 "--values", values.join(','), "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.err.contains("3 runs share one data set"));

        const QList<QStringList> summary = readCsv(out + "/summary.csv");
        QCOMPARE(summary.size(), 1 + 3);
        QCOMPARE(summary[0].join(','), QString(kSummaryHeader));
        for (int v = 0; v < values.size(); ++v) {
            const QStringList &row = summary[v + 1];
            QCOMPARE(row.size(), 8);
            QCOMPARE(row[0], values[v]);
            const QString runDir = out + "/" + values[v];
            QVERIFY(QFileInfo::exists(runDir + "/weights.npz"));
            QVERIFY(QFileInfo::exists(runDir + "/experiment.json"));
            const QList<QStringList> metrics = readCsv(runDir + "/metrics.csv");
            QCOMPARE(metrics.size(), 1 + 4);
            const QStringList &last = metrics.last();
            QCOMPARE(last.size(), 15);
            // Same number formatting as metrics.csv: compare the text.
            QCOMPARE(row[1], last[5]); // final_train_accuracy
            QCOMPARE(row[2], last[6]); // final_test_accuracy
            QCOMPARE(row[5], last[1]); // final_train_data_loss
            QCOMPARE(row[6], last[2]); // final_test_data_loss
            QCOMPARE(row[7], last[3]); // final_reg_loss
            double best = -1.0;
            int bestEpoch = 0;
            for (int e = 1; e < metrics.size(); ++e) {
                if (metrics[e][6].toDouble() > best) {
                    best = metrics[e][6].toDouble();
                    bestEpoch = e;
                }
            }
            QCOMPARE(row[3].toDouble(), best);
            QCOMPARE(row[4].toInt(), bestEpoch);
            const QJsonObject doc =
                QJsonDocument::fromJson(readBytes(runDir + "/experiment.json")).object();
            const QJsonArray layers = doc.value("model").toObject().value("layers").toArray();
            QCOMPARE(
                layers[0].toObject().value("kernel_regularizer").toObject().value("l2").toDouble(),
                values[v].toDouble());
        }
        QCOMPARE(summary[1][7].toDouble(), 0.0); // l2 = 0: no penalty

        // A sweep folder (docs/run-folder.md): the manifest lists the runs in order.
        QCOMPARE(entriesOf(out), (QStringList{"0", "0.001", "0.1", "summary.csv",
                                              "summary_details.csv", "sweep.json"}));
        const SweepRecord sweep = readSweepFolder(out.toStdString());
        QCOMPARE(sweep.manifest.parameter, std::string("model.layers.*.kernel_regularizer.l2"));
        QCOMPARE(sweep.runs.size(), std::size_t(3));
        QVERIFY(sweep.hasDetails);
        for (int v = 0; v < values.size(); ++v) {
            const SweepEntry &entry = sweep.manifest.runs[std::size_t(v)];
            QCOMPARE(QString::fromStdString(entry.label), values[v]);
            QCOMPARE(entry.value, values[v].toDouble());
            QCOMPARE(entry.overrides,
                     std::vector<std::string>{
                         ("model.layers.*.kernel_regularizer.l2=" + values[v]).toStdString()});
            QVERIFY(sweep.runs[std::size_t(v)].status == RunStatus::Finished);
            QCOMPARE(sweep.runs[std::size_t(v)].history.size(), std::size_t(4));
        }

        // The table on stdout: a header and one line per value.
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines[0].startsWith("model.layers.*.kernel_regularizer.l2"));
        QVERIFY(lines[2].startsWith("0.001 "));

        // Same seed, same init and batch order: the sweep's run equals a plain train run.
        const QString single = freshDir("sweep-single");
        QCOMPARE(run({"train", exp, "--out", single, "-q", "--set",
                      "model.layers.*.kernel_regularizer.l2=0.001"})
                     .exitCode,
                 0);
        QCOMPARE(readBytes(single + "/metrics.csv"), readBytes(out + "/0.001/metrics.csv"));
    }

    void sweepValidatesEveryValueFirst() {
        const QString exp = writeExperiment("sweep-bad.json");
        const QString out = freshDir("sweep-bad-out");
        const CliResult r =
            run({"sweep", exp, "--param", "model.layers.0.units", "--values", "4,0", "--out", out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("error: ") && r.err.contains("model.layers.0.units"),
                 qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(out)); // not even the good value's folder
    }

    void evalMatchesLastMetricsRow() {
        const QString exp = writeExperiment("eval.json");
        const QString out = freshDir("eval-out");
        QCOMPARE(run({"train", exp, "--out", out, "-q"}).exitCode, 0);
        const QList<QStringList> rows = readCsv(out + "/metrics.csv");
        QCOMPARE(rows.size(), 1 + 4);
        const QStringList last = rows.last();
        QCOMPARE(last.size(), 15);
        const CliResult r = run({"eval", exp, "--weights", out + "/weights.npz", "--json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonParseError error;
        const QJsonObject doc = QJsonDocument::fromJson(r.out.toUtf8(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(r.out));
        const auto near = [](double a, double b) { return qAbs(a - b) <= 1e-6; };
        QVERIFY(near(doc.value("train_data_loss").toDouble(), last[1].toDouble()));
        QVERIFY(near(doc.value("test_data_loss").toDouble(), last[2].toDouble()));
        QVERIFY(near(doc.value("reg_loss").toDouble(), last[3].toDouble()));
        QVERIFY(near(doc.value("total_loss").toDouble(), last[4].toDouble()));
        QVERIFY(near(doc.value("train_accuracy").toDouble(), last[5].toDouble()));
        QVERIFY(near(doc.value("test_accuracy").toDouble(), last[6].toDouble()));
        const QJsonArray layers = doc.value("layers").toArray();
        QCOMPARE(layers.size(), 2);
        QCOMPARE(layers[0].toObject().value("name").toString(), QString("hidden"));
        QVERIFY(near(layers[0].toObject().value("l2_loss").toDouble(), last[8].toDouble()));
        QVERIFY(layers[0].toObject().value("l2_loss").toDouble() > 0.0);

        // The plain text form carries the same numbers.
        const CliResult text = run({"eval", exp, "--weights", out + "/weights.npz"});
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("reg loss"));
        QVERIFY(text.out.contains("test accuracy"));

        // Training on from the saved weights (--init) starts where the run ended.
        const QString next = freshDir("eval-init");
        QCOMPARE(run({"train", exp, "--out", next, "-q", "--epochs", "1", "--init",
                      out + "/weights.npz"})
                     .exitCode,
                 0);
        QVERIFY(readBytes(next + "/metrics.csv") != readBytes(out + "/metrics.csv"));
    }

    void badInputExitsTwo_data() {
        QTest::addColumn<QString>("from"); // edit of the experiment text (empty: none)
        QTest::addColumn<QString>("to");
        QTest::addColumn<QStringList>("args"); // %E = experiment path, %D = temp dir
        QTest::addColumn<QString>("field");    // expected in the message (empty: none)
        QTest::addColumn<QString>("file");     // expected in the message

        const QStringList plain{"train", "%E"};
        QTest::newRow("unknown_key") << "\"seed\": 7,"
                                     << "\"seed\": 7, \"sede\": 1," << plain << "sede"
                                     << "%E";
        QTest::newRow("negative_batch_size")
            << "\"batch_size\": 16"
            << "\"batch_size\": -16" << plain << "training.batch_size"
            << "%E";
        QTest::newRow("zero_units") << "\"units\": 8"
                                    << "\"units\": 0" << plain << "model.layers.0.units"
                                    << "%E";
        QTest::newRow("unknown_activation") << "\"tanh\""
                                            << "\"tanhh\"" << plain << "model.layers.0.activation"
                                            << "%E";
        QTest::newRow("negative_l2")
            << "{\"l2\": 0.001}"
            << "{\"l2\": -1}" << plain << "model.layers.0.kernel_regularizer.l2"
            << "%E";
        QTest::newRow("output_units_do_not_fit_data")
            << "\"units\": 2"
            << "\"units\": 3" << plain << "model.layers.1.units"
            << "%E";
        QTest::newRow("unknown_dataset") << "\"circle\""
                                         << "\"circles\"" << plain << "dataset.source"
                                         << "%E";
        QTest::newRow("json_syntax") << "\"seed\": 7,"
                                     << "\"seed\": 7" << plain << "line 4"
                                     << "%E";
        QTest::newRow("missing_experiment_file")
            << ""
            << "" << QStringList{"train", "%D/missing.json"} << ""
            << "missing.json";
        QTest::newRow("set_without_equals")
            << ""
            << "" << QStringList{"train", "%E", "--set", "training.epochs"} << "--set"
            << "%E";
        QTest::newRow("set_unknown_key")
            << ""
            << "" << QStringList{"train", "%E", "--set", "training.epoch=3"} << "training.epoch"
            << "%E";
        QTest::newRow("out_under_a_file")
            << ""
            << "" << QStringList{"train", "%E", "--out", "%E/sub"} << ""
            << "%E/sub";
        QTest::newRow("init_not_npz") << ""
                                      << "" << QStringList{"train", "%E", "--init", "%E"} << ""
                                      << "%E";
        QTest::newRow("eval_missing_weights")
            << ""
            << "" << QStringList{"eval", "%E", "--weights", "%D/none.npz"} << ""
            << "none.npz";
        QTest::newRow("sweep_folders_collide")
            << ""
            << "" << QStringList{"sweep", "%E", "--param", "name", "--values", "a/b,a:b"}
            << "\"a/b\" and \"a:b\" would share the folder \"a_b\""
            << "%E";
        QTest::newRow("threads_zero")
            << ""
            << "" << QStringList{"train", "%E", "--threads", "0"} << "--threads"
            << "";
        QTest::newRow("unknown_option") << ""
                                        << "" << QStringList{"train", "%E", "--bogus"} << "--bogus"
                                        << "";
    }

    void badInputExitsTwo() {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QStringList, args);
        QFETCH(QString, field);
        QFETCH(QString, file);

        // A clean working folder: nothing may appear in it (no runs/ folder).
        const QString work = freshDir("bad-work");
        QVERIFY(QDir().mkpath(work));
        const QString exp = writeExperiment("bad.json", from, to);
        QVERIFY2(!exp.isEmpty(), "the edit does not apply");
        const QStringList before = entriesOf(m_dir.path());
        for (QString &a : args)
            a.replace("%E", exp).replace("%D", m_dir.path());
        file.replace("%E", exp);

        const CliResult r = run(args, work);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("error: "), qPrintable(r.err));
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.endsWith('\n'), qPrintable(r.err));
        if (!field.isEmpty())
            QVERIFY2(r.err.contains(field), qPrintable(r.err));
        if (!file.isEmpty())
            QVERIFY2(r.err.contains(file), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
        QCOMPARE(entriesOf(work), QStringList());
        QCOMPARE(entriesOf(m_dir.path()), before);
    }

    void divergenceExitsThree_data() {
        QTest::addColumn<QStringList>("sets");
        QTest::newRow("huge_learning_rate") << QStringList{
            "optimizer.type=sgd", "optimizer.learning_rate=1e3", "model.layers.0.activation=relu"};
        QTest::newRow("huge_l2") << QStringList{"optimizer.type=sgd",
                                                "model.layers.*.kernel_regularizer.l2=1e6"};
    }

    void divergenceExitsThree() {
        QFETCH(QStringList, sets);
        const QString exp = writeExperiment("diverge.json");
        const QString out = freshDir("diverge-out");
        QStringList args{"train", exp, "--out", out, "-q"};
        for (const QString &s : sets)
            args << "--set" << s;
        const CliResult r = run(args);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith("error: diverged at epoch "), qPrintable(r.err));
        QVERIFY(QFileInfo::exists(out + "/metrics.csv"));
        QVERIFY(QFileInfo::exists(out + "/experiment.json"));
        QVERIFY(!QFileInfo::exists(out + "/weights.npz"));
        QCOMPARE(readCsv(out + "/metrics.csv").value(0).join(','), QString(kMetricsHeader));
        const RunRecord run = readRunFolder(out.toStdString());
        QVERIFY(run.status == RunStatus::Diverged);
        QVERIFY2(r.err.contains(QString::fromStdString(run.message)), qPrintable(r.err));
        QVERIFY(run.weights.empty());
    }

    void interruptWritesWhatWasDone() {
        const QString exp = writeExperiment("interrupt.json");
        const QString out = freshDir("interrupt-out");
        QProcess p;
        p.setProgram(cliPath());
        p.setArguments({"train", exp, "--out", out, "--epochs", "1000000"});
        p.setReadChannel(QProcess::StandardError); // progress lines arrive there
        p.start();
        QVERIFY(p.waitForStarted(10000));
        QByteArray err;
        while (!err.contains("epoch 2/")) {
            QVERIFY2(p.waitForReadyRead(60000), err.constData());
            err += p.readAllStandardError();
        }
        QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QList<QStringList> rows = readCsv(out + "/metrics.csv");
        QVERIFY(rows.size() >= 1 + 2);
        QVERIFY(rows.size() < 1 + 1000000);
        QVERIFY(QFileInfo::exists(out + "/weights.npz"));
        QVERIFY(QFileInfo::exists(out + "/experiment.json"));
        const RunRecord run = readRunFolder(out.toStdString());
        QVERIFY(run.status == RunStatus::Stopped);
        QCOMPARE(run.history.size(), std::size_t(rows.size() - 1));
    }

    void defaultOutputFolderIsRunsName() {
        const QString exp = writeExperiment("default-out.json");
        const QString work = freshDir("default-work");
        QVERIFY(QDir().mkpath(work));
        const CliResult r = run({"train", exp, "-q", "--epochs", "1"}, work);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(entriesOf(work + "/runs/tiny-circle"),
                 (QStringList{"experiment.json", "history.csv", "metrics.csv", "run.json",
                              "weights.npz"}));
        // Epochs 0 and 1, one row per layer each, read back with the folder.
        const RunRecord record = readRunFolder((work + "/runs/tiny-circle").toStdString());
        QCOMPARE(record.version, 2);
        QCOMPARE(record.weightHistory.size(), std::size_t(2));
        QCOMPARE(record.weightHistory.back().epoch, 1);
    }

    void datasetsListsBuiltins() {
        const CliResult r = run({"datasets"});
        QCOMPARE(r.exitCode, 0);
        for (const char *name :
             {"circle", "spiral", "moons", "plane", "mnist-10k", "fashion-mnist"})
            QVERIFY2(r.out.contains(QString("\n") + name + " "), name);
    }

    void exampleSpiralOverfitSmoke() {
        const QString exp = QStringLiteral(REGLAB_SOURCE_DIR "/examples/spiral-overfit.json");
        const QString out = freshDir("smoke-out");
        const CliResult r = run({"train", exp, "--epochs", "3", "--out", out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QStringList> rows = readCsv(out + "/metrics.csv");
        QCOMPARE(rows.size(), 1 + 3);
        QCOMPARE(rows[0].size(), 7 + 4 * 3);
        QCOMPARE(rows[0][7], QString("hidden1.l1_loss"));
        QCOMPARE(rows[0].last(), QString("logits.kernel_l2_norm"));
    }

    void examplesAreValid_data() {
        QTest::addColumn<QString>("name");
        for (const char *name :
             {"seed-mnist-l2", "spiral-overfit", "spiral-l2", "spiral-l1", "circle-l1",
              "moons-sgd-momentum", "plane-regression", "xor-adamw"})
            QTest::newRow(QByteArray(name).replace('-', '_').constData()) << QString(name);
    }

    void examplesAreValid() {
        QFETCH(QString, name);
        const QString exp = QStringLiteral(REGLAB_SOURCE_DIR "/examples/") + name + ".json";
        QVERIFY(QFileInfo::exists(exp));
        // A zero-epoch run parses, validates, loads the data and builds the network.
        const QString out = freshDir("example-" + name);
        const CliResult r = run({"train", exp, "--epochs", "0", "--out", out, "-q"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject doc =
            QJsonDocument::fromJson(readBytes(out + "/experiment.json")).object();
        QCOMPARE(doc.value("name").toString(), name);
    }

    void seedMnistExampleIsTheProductSpec() {
        const QString exp = QStringLiteral(REGLAB_SOURCE_DIR "/examples/seed-mnist-l2.json");
        const QString out = freshDir("mnist-spec");
        const CliResult r = run({"train", exp, "--epochs", "0", "--out", out, "-q"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject doc =
            QJsonDocument::fromJson(readBytes(out + "/experiment.json")).object();
        QCOMPARE(doc.value("seed").toInt(), 1);
        QCOMPARE(doc.value("dataset").toObject().value("source").toString(), QString("mnist-10k"));
        QCOMPARE(doc.value("dataset").toObject().value("test_fraction").toDouble(), 0.2);
        QCOMPARE(doc.value("loss").toString(), QString("softmax_cross_entropy"));
        QCOMPARE(doc.value("l2_convention").toString(), QString("tf1"));
        const QJsonObject opt = doc.value("optimizer").toObject();
        QCOMPARE(opt.value("type").toString(), QString("adam"));
        QCOMPARE(opt.value("learning_rate").toDouble(), 1e-4);
        const QJsonObject training = doc.value("training").toObject();
        QCOMPARE(training.value("batch_size").toInt(), 50);
        QCOMPARE(training.value("epochs").toInt(), 0); // --epochs 0 above; the file says 10
        QCOMPARE(training.value("shuffle").toBool(false), true);
        const QJsonArray layers = doc.value("model").toObject().value("layers").toArray();
        QCOMPARE(layers.size(), 3);
        const QStringList names{"hidden1", "hidden2", "logits"};
        const QList<int> units{200, 200, 10};
        const QStringList activations{"tanh", "tanh", "linear"};
        for (int i = 0; i < 3; ++i) {
            const QJsonObject l = layers[i].toObject();
            QCOMPARE(l.value("name").toString(), names[i]);
            QCOMPARE(l.value("units").toInt(), units[i]);
            QCOMPARE(l.value("activation").toString(), activations[i]);
            QCOMPARE(l.value("kernel_regularizer").toObject().value("l2").toDouble(), 1e-4);
            QCOMPARE(l.value("kernel_regularizer").toObject().value("l1").toDouble(), 0.0);
            QVERIFY(l.value("bias_regularizer").isNull());
        }
        const QJsonObject file = QJsonDocument::fromJson(readBytes(exp)).object();
        QCOMPARE(file.value("training").toObject().value("epochs").toInt(), 10);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
