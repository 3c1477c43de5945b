// SPDX-License-Identifier: GPL-3.0-or-later
// The run folders the exported scripts write: the PyTorch script on one process and on two
// under torchrun (DistributedDataParallel on the CPU) writes a folder that RegLab's reader
// accepts, whose metrics.csv matches `reglab-cli train`'s epoch by epoch, and that the GUI
// opens; the Keras script (TensorFlow is not installed here) at least compiles.

#include "core/io/run_folder.h"
#include "support/python.h"
#include "support/script_runs.h"
#include "support/test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace reglab::test;

namespace {

/// kMoonsExperiment with the tf1 convention, 4 epochs and 12 histogram bins. On two
/// processes each batch of 5 splits 3 + 2 and the last one (3 samples) 2 + 1.
const QStringList kSets{"--set", "seed=7",
                        "--set", "l2_convention=tf1",
                        "--set", "training.epochs=4",
                        "--set", "training.histogram_bins=12"};
constexpr int kEpochs = 4;

/// Every column of metrics.csv for the experiment's layers.
QStringList allColumns() {
    QStringList columns{"train_data_loss", "test_data_loss", "reg_loss",
                        "total_loss",      "train_accuracy", "test_accuracy"};
    for (const char *layer : {"hidden", "logits"}) {
        for (const char *c : {".l1_loss", ".l2_loss", ".sparsity", ".kernel_l2_norm"})
            columns << QString(layer) + c;
    }
    return columns;
}

/// Largest |a - b| of `column` over epochs 1..kEpochs.
double maxDifference(const EpochTable &a, const EpochTable &b, const QString &column) {
    double d = 0.0;
    for (int epoch = 1; epoch <= kEpochs; ++epoch)
        d = std::max(d, std::abs(a[epoch][column] - b[epoch][column]));
    return d;
}

} // namespace

class TestExportRunFolder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_python;
    QString m_work;      ///< holds exp.json, code/ (the export) and the run folders
    EpochTable m_reglab; ///< reglab-cli train's metrics.csv
    reglab::RunRecord m_reglabRun;

    ProcessResult cli(const QStringList &args) { return runProcess(cliPath(), args, m_work); }

    /// Reads `dir` with RegLab's reader and checks it against reglab-cli's run folder: the
    /// same experiment, epochs, weight names and shapes, history epochs and histograms that
    /// count the same weights (epoch 0 exactly: the same initial weights), and metrics.csv
    /// epoch by epoch.
    void checkRunFolder(const QString &dir, const QString &writer, const char *what) {
        reglab::RunRecord run;
        try {
            run = reglab::readRunFolder(dir.toStdString());
        } catch (const reglab::InputError &e) {
            QFAIL(e.what());
        }
        {
            QCOMPARE(run.version, 3);
            QVERIFY2(qs(run.writer).startsWith(writer), run.writer.c_str());
            QCOMPARE(run.reglabVersion, m_reglabRun.reglabVersion);
            QVERIFY(run.status == reglab::RunStatus::Finished);
            QCOMPARE(run.message, std::string());
            // The experiment as reglab-cli train wrote it, byte for byte.
            QCOMPARE(readBytes(dir + "/experiment.json"),
                     readBytes(m_work + "/reglab/experiment.json"));
            QCOMPARE(int(run.history.size()), kEpochs);
            QCOMPARE(run.weights.size(), m_reglabRun.weights.size());
            for (std::size_t i = 0; i < run.weights.size(); ++i) {
                QCOMPARE(run.weights[i].name, m_reglabRun.weights[i].name);
                QCOMPARE(run.weights[i].shape, m_reglabRun.weights[i].shape);
            }
            QCOMPARE(run.weightHistory.size(), m_reglabRun.weightHistory.size());
            for (std::size_t e = 0; e < run.weightHistory.size(); ++e) {
                const auto &mine = run.weightHistory[e];
                const auto &theirs = m_reglabRun.weightHistory[e];
                QCOMPARE(mine.epoch, theirs.epoch);
                for (std::size_t l = 0; l < mine.layers.size(); ++l) {
                    const auto &a = mine.layers[l].histogram;
                    const auto &b = theirs.layers[l].histogram;
                    QCOMPARE(a.counts.size(), std::size_t(12));
                    if (mine.epoch == 0) {
                        QCOMPARE(a.min, b.min);
                        QCOMPARE(a.max, b.max);
                        QCOMPARE(a.counts, b.counts);
                    }
                    // Later epochs: float32 training on both sides; a weight on a bin's
                    // edge may fall on either side.
                    QVERIFY(std::abs(a.min - b.min) <= 1e-4 * std::abs(b.min) + 1e-9);
                    QVERIFY(std::abs(a.max - b.max) <= 1e-4 * std::abs(b.max) + 1e-9);
                    int moved = 0;
                    for (std::size_t c = 0; c < a.counts.size(); ++c)
                        moved += std::abs(int(a.counts[c]) - int(b.counts[c]));
                    QVERIFY2(moved <= 2, qPrintable(QString("epoch %1 layer %2: %3 counts differ")
                                                        .arg(mine.epoch)
                                                        .arg(l)
                                                        .arg(moved)));
                    QVERIFY(std::abs(mine.layers[l].kernelL2Norm - theirs.layers[l].kernelL2Norm)
                            <= 5e-5 * theirs.layers[l].kernelL2Norm);
                }
            }
            // The same columns in the same order.
            QCOMPARE(readBytes(dir + "/metrics.csv").split('\n').front(),
                     readBytes(m_work + "/reglab/metrics.csv").split('\n').front());
        }
        if (QTest::currentTestFailed())
            return;
        const EpochTable table =
            parseMetricsCsv(QString::fromUtf8(readBytes(dir + "/metrics.csv")));
        compareEpochs(table, m_reglab, kEpochs, allColumns(), what);
        qInfo("%s vs reglab-cli: max |diff| train_data_loss %.3g, test_data_loss %.3g, "
              "train_accuracy %.3g, test_accuracy %.3g, reg_loss %.3g",
              what, maxDifference(table, m_reglab, "train_data_loss"),
              maxDifference(table, m_reglab, "test_data_loss"),
              maxDifference(table, m_reglab, "train_accuracy"),
              maxDifference(table, m_reglab, "test_accuracy"),
              maxDifference(table, m_reglab, "reg_loss"));
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFile::exists(cliPath()), "REGLAB_CLI must name the reglab-cli binary");
        m_work = m_dir.filePath("work");
        QVERIFY(QDir().mkpath(m_work));
        QVERIFY(writeText(m_work + "/exp.json", kMoonsExperiment));
        for (const char *fw : {"pytorch", "keras"}) {
            const ProcessResult exported = cli(QStringList{"export-code", "exp.json", "--framework",
                                                           fw, "--out", "code", "--with-init"}
                                               + kSets);
            QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        }
        const ProcessResult trained = cli(QStringList{"train", "exp.json", "--init",
                                                      "code/init.npz", "--out", "reglab", "--quiet"}
                                          + kSets);
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        m_reglab = parseMetricsCsv(QString::fromUtf8(readBytes(m_work + "/reglab/metrics.csv")));
        QCOMPARE(m_reglab.size(), kEpochs);
        m_reglabRun = reglab::readRunFolder((m_work + "/reglab").toStdString());
        m_python = findPython(QStringLiteral("import torch, numpy, torch.distributed"));
    }

    /// One process and two under torchrun write run folders that RegLab reads and whose
    /// numbers are reglab-cli's; the two-process folder opens in the GUI.
    void pytorchOneAndTwoProcesses() {
        if (m_python.isEmpty())
            QSKIP("no python3 with torch and numpy (REGLAB_PYTHON or PATH)");
        QElapsedTimer timer;
        timer.start();
        const QString script = m_work + "/code/train_pytorch.py";
        const ProcessResult one =
            runProcess(m_python, {script, "--run-dir", "one", "--device", "cpu"}, m_work);
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        qInfo("one process: %.1f s", double(timer.restart()) / 1000.0);

        // torchrun as a module of the same interpreter. Debian's PyTorch 1.13 on Python 3.11
        // needs explicit stream flags (its defaults fail to parse); --standalone picks a
        // free port.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OMP_NUM_THREADS", "1");
        const ProcessResult two = runProcess(m_python,
                                             {"-m", "torch.distributed.run", "--standalone",
                                              "--nproc_per_node=2", "--redirects", "2", "--tee",
                                              "2", script, "--run-dir", "two", "--device", "cpu"},
                                             m_work, env);
        QVERIFY2(two.exitCode == 0, qPrintable(two.out + two.err));
        qInfo("two processes under torchrun: %.1f s", double(timer.restart()) / 1000.0);
        // Rank 0 alone reports: one line per epoch.
        QCOMPARE(two.out.count(QRegularExpression("^epoch ", QRegularExpression::MultilineOption)),
                 kEpochs + 1);

        checkRunFolder(m_work + "/one", "train_pytorch.py (PyTorch ", "one process");
        if (QTest::currentTestFailed())
            return;
        checkRunFolder(m_work + "/two", "train_pytorch.py (PyTorch ", "two processes");
        if (QTest::currentTestFailed())
            return;
        QVERIFY(reglab::readRunFolder((m_work + "/two").toStdString()).writer.find("2 processes")
                != std::string::npos);
        // The penalty is in the comparison, and training moved the numbers.
        QVERIFY(m_reglab[kEpochs]["reg_loss"] > 1e-3);
        QVERIFY(std::abs(m_reglab[kEpochs]["train_data_loss"] - m_reglab[1]["train_data_loss"])
                > 1e-3);

        // Nothing is left beside the folders (the temporary folder was renamed).
        QCOMPARE(QDir(m_work).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden),
                 (QStringList{"code", "one", "reglab", "two"}));

        const QString app = qEnvironmentVariable("REGLAB_APP");
        if (app.isEmpty())
            QSKIP("REGLAB_APP is not set (built without the GUI): the folder was not opened");
        const QString png = m_work + "/two.png";
        const ProcessResult shot = runProcess(
            app, {"--open-run", "two", "--screenshot", png, "--size", "1200x800"}, m_work);
        QVERIFY2(shot.exitCode == 0, qPrintable(shot.err));
        const QByteArray image = readBytes(png);
        QVERIFY(image.startsWith("\x89PNG\r\n\x1a\n"));
        QVERIFY2(image.size() > 20000, "the screenshot is nearly empty");
        qInfo("GUI screenshot: %.1f s", double(timer.elapsed()) / 1000.0);
    }

    /// Early stopping under torchrun: rank 0 decides and every process stops with it; the
    /// folder has reglab-cli's status, early_stopping record and epochs, and the restored
    /// weights.
    void pytorchEarlyStoppingOnTwoProcesses() {
        if (m_python.isEmpty())
            QSKIP("no python3 with torch and numpy (REGLAB_PYTHON or PATH)");
        const QString dir = m_dir.filePath("early");
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeText(dir + "/exp.json", kMoonsExperiment));
        const QStringList sets{
            "--set", R"(optimizer={"type": "adam", "learning_rate": 0.05})",
            "--set", "dataset.validation_fraction=0.25",
            "--set", "training.epochs=40",
            "--set", R"(training.early_stopping={"patience": 2, "min_delta": 0.01,
                        "restore_best_weights": true})"};
        const ProcessResult exported =
            runProcess(cliPath(),
                       QStringList{"export-code", "exp.json", "--framework", "pytorch", "--out",
                                   "code", "--with-init"}
                           + sets,
                       dir);
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
        const ProcessResult trained = runProcess(
            cliPath(),
            QStringList{"train", "exp.json", "--init", "code/init.npz", "--out", "reglab", "-q"}
                + sets,
            dir);
        QVERIFY2(trained.exitCode == 0, qPrintable(trained.err));
        const ProcessResult two = runProcess(
            m_python,
            {"-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", "--redirects",
             "2", "--tee", "2", "code/train_pytorch.py", "--run-dir", "two", "--device", "cpu"},
            dir);
        QVERIFY2(two.exitCode == 0, qPrintable(two.out + two.err));
        const reglab::RunRecord want = reglab::readRunFolder((dir + "/reglab").toStdString());
        const reglab::RunRecord got = reglab::readRunFolder((dir + "/two").toStdString());
        QVERIFY(want.status == reglab::RunStatus::EarlyStopped);
        QVERIFY(got.status == reglab::RunStatus::EarlyStopped);
        QVERIFY(want.earlyStopping && got.earlyStopping);
        QCOMPARE(got.earlyStopping->stoppedEpoch, want.earlyStopping->stoppedEpoch);
        QCOMPARE(got.earlyStopping->bestEpoch, want.earlyStopping->bestEpoch);
        QCOMPARE(got.earlyStopping->restoredEpoch, want.earlyStopping->restoredEpoch);
        QVERIFY(want.earlyStopping->restoredEpoch > 0);
        QVERIFY(std::abs(got.earlyStopping->best - want.earlyStopping->best)
                <= 5e-5 * std::abs(want.earlyStopping->best));
        const int last = int(want.history.size());
        QCOMPARE(int(got.history.size()), last);
        compareEpochs(parseMetricsCsv(QString::fromUtf8(readBytes(dir + "/two/metrics.csv"))),
                      parseMetricsCsv(QString::fromUtf8(readBytes(dir + "/reglab/metrics.csv"))),
                      last, allColumns() + QStringList{"val_data_loss", "val_accuracy"},
                      "two processes");
        // weights.npz holds the restored epoch's weights, as reglab-cli's does.
        QCOMPARE(got.weights.size(), want.weights.size());
        for (std::size_t i = 0; i < got.weights.size(); ++i) {
            for (std::size_t k = 0; k < got.weights[i].data.size(); ++k)
                QVERIFY(std::abs(got.weights[i].data[k] - want.weights[i].data[k]) <= 1e-4f);
        }
    }

    /// The script refuses, before training, to replace a folder that is not a run folder.
    void pytorchKeepsAForeignFolder() {
        if (m_python.isEmpty())
            QSKIP("no python3 with torch and numpy (REGLAB_PYTHON or PATH)");
        QVERIFY(QDir().mkpath(m_work + "/mine"));
        QVERIFY(writeText(m_work + "/mine/notes.txt", "keep me"));
        const ProcessResult r =
            runProcess(m_python, {m_work + "/code/train_pytorch.py", "--run-dir", "mine"}, m_work);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("is not a run folder"), qPrintable(r.err));
        QVERIFY(!r.out.contains("epoch 0 "));
        QCOMPARE(readBytes(m_work + "/mine/notes.txt"), QByteArray("keep me"));
    }

    /// TensorFlow is not installable here: the Keras script, with its run folder writer (the
    /// same Python as PyTorch's), must at least compile.
    void kerasScriptCompiles() {
        const QString python = m_python.isEmpty() ? findPython("pass") : m_python;
        if (python.isEmpty())
            QSKIP("no python3");
        const QString script = m_work + "/code/train_keras.py";
        const QString text = QString::fromUtf8(readBytes(script));
        QVERIFY(text.contains("def write_run_folder("));
        QVERIFY(text.contains("write_run_folder(arguments.run_dir"));
        const ProcessResult r = runProcess(
            python,
            {"-c", "import py_compile, sys; py_compile.compile(sys.argv[1], doraise=True)", script},
            m_work);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestExportRunFolder)
#include "tst_export_run_folder.moc"
