// SPDX-License-Identifier: GPL-3.0-or-later
// Run and sweep folders: a trained run written and read back (byte for byte when written
// again), every malformed folder refused with one InputError naming the file and the field,
// folder names and their collisions, and writes that never leave a half-written folder.
#include "core/data/dataset.h"
#include "core/error.h"
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/history_csv.h"
#include "core/io/metrics_csv.h"
#include "core/io/run_folder.h"
#include "core/io/weights_io.h"
#include "core/train/weight_history.h"
#include "support/recorded_run.h"
#include "support/test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

using namespace reglab;
using reglab::test::dense;
using reglab::test::inputErrorOf;

namespace fs = std::filesystem;

namespace {

/// 120 circle points, 2 -> 6 tanh -> 2, kernel L2 on the hidden layer, 3 epochs.
ExperimentSpec tinySpec() {
    ExperimentSpec s;
    s.name = "tiny";
    s.seed = 3;
    s.dataset.source = "circle";
    s.dataset.samples = 120;
    s.dataset.testFraction = 0.25;
    s.model.layers = {dense("hidden", 6, Activation::Tanh, RegularizerSpec{0.0, 1e-3}),
                      dense("logits", 2, Activation::Linear)};
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 16;
    s.training.epochs = 3;
    return s;
}

/// A trained run of tinySpec().
using Trained = reglab::test::RecordedRun;

Trained train(const ExperimentSpec &spec) {
    return reglab::test::trainRecorded(spec);
}

std::string path(const std::string &dir, const std::string &name) {
    return (fs::path(dir) / name).string();
}

std::string read(const std::string &file) {
    return readFile(file);
}

void write(const std::string &file, const std::string &text) {
    writeFileAtomically(file, text);
}

/// Changes `file`: both empty deletes it, "*" writes `to` as its whole text, "<cut>" drops
/// its last 5 bytes (a write cut short); otherwise the first `from` becomes `to` (false when
/// `from` is not there).
bool mutate(const std::string &file, const QString &from, const QString &to) {
    if (from.isEmpty() && to.isEmpty())
        return fs::remove(file);
    std::string text = read(file);
    if (from == "*") {
        text = to.toStdString();
    } else if (from == "<cut>") {
        text.resize(text.size() - 5);
    } else {
        const auto at = text.find(from.toStdString());
        if (at == std::string::npos)
            return false;
        text.replace(at, std::size_t(from.toUtf8().size()), to.toStdString());
    }
    write(file, text);
    return true;
}

std::vector<std::string> entries(const std::string &dir) {
    std::vector<std::string> names;
    for (const auto &e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

/// The columns of the data rows checkRefused() reads: see mutate() for `from` and `to`;
/// `named` is the file the error names, `field` the field ("*": any), `message` part of it.
void addRefusalColumns() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("named");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
}

RunSummary summaryOf(const std::string &label, double value) {
    RunSummary s;
    s.label = label;
    s.value = value;
    s.epochs = 3;
    s.finalTestAccuracy = 0.5;
    return s;
}

} // namespace

class TestRunFolder : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_tmp;
    Trained m_run;

    std::string fresh(const char *name) {
        const std::string dir = m_tmp.filePath(name).toStdString();
        fs::remove_all(dir);
        return dir;
    }

    /// A sweep of two runs (λ = 0 and 1e-3) in `dir`.
    SweepManifest writeSweep(const std::string &dir) {
        SweepManifest manifest;
        manifest.parameter = "model.layers.*.kernel_regularizer.l2";
        const std::vector<std::string> labels{"0", "1e-3"};
        const std::vector<std::string> folders = sweepFolderNames(labels);
        beginSweepFolder(dir);
        std::vector<RunSummary> rows;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            writeRunFolder(path(dir, folders[i]), m_run.spec, m_run.history, m_run.weights,
                           RunStatus::Finished);
            manifest.runs.push_back(
                {labels[i], double(i) * 1e-3, {manifest.parameter + "=" + labels[i]}, folders[i]});
            rows.push_back(summaryOf(labels[i], double(i) * 1e-3));
        }
        finishSweepFolder(dir, manifest, rows);
        return manifest;
    }

    /// Applies the data row's change to the folder `dir`, then expects `read` to throw the
    /// InputError the row describes.
    void checkRefused(const std::string &dir, const std::function<void()> &read) {
        QFETCH(QString, file);
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, named);
        QFETCH(QString, field);
        QFETCH(QString, message);
        QVERIFY2(mutate(path(dir, file.toStdString()), from, to), qPrintable(from));
        const auto error = inputErrorOf(read);
        QVERIFY2(error, "no InputError");
        QVERIFY2(error->file() == path(dir, named.toStdString()), error->what());
        QVERIFY2(field == "*" || error->field() == field.toStdString(), error->what());
        QVERIFY2(error->message().find(message.toStdString()) != std::string::npos, error->what());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        m_run = train(tinySpec());
        QCOMPARE(m_run.history.size(), std::size_t(4)); // epochs 0..3
    }

    void runRoundTrip() {
        const std::string dir = fresh("run");
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        QCOMPARE(entries(dir), (std::vector<std::string>{"experiment.json", "metrics.csv",
                                                         "run.json", "weights.npz"}));
        // The metrics file is exactly metrics_csv.h's.
        QCOMPARE(read(path(dir, "metrics.csv")), metricsCsv(m_run.history));

        const RunRecord r = readRunFolder(dir);
        QVERIFY(r.spec == m_run.spec);
        QVERIFY(r.status == RunStatus::Finished);
        QVERIFY(r.message.empty());
        QVERIFY(!r.reglabVersion.empty());
        QCOMPARE(r.history.size(), std::size_t(3)); // epoch 0 is not stored
        for (std::size_t e = 0; e < r.history.size(); ++e) {
            const EpochMetrics &want = m_run.history[e + 1];
            const EpochMetrics &got = r.history[e];
            QCOMPARE(got.epoch, want.epoch);
            QCOMPARE(got.trainDataLoss, want.trainDataLoss);
            QCOMPARE(got.testDataLoss, want.testDataLoss);
            QCOMPARE(got.regLoss, want.regLoss);
            QCOMPARE(got.totalLoss, want.totalLoss);
            QCOMPARE(got.trainAccuracy, want.trainAccuracy);
            QCOMPARE(got.testAccuracy, want.testAccuracy);
            QCOMPARE(got.layers.size(), want.layers.size());
            for (std::size_t l = 0; l < got.layers.size(); ++l) {
                QCOMPARE(got.layers[l].name, want.layers[l].name);
                QCOMPARE(got.layers[l].l1Loss(), want.layers[l].l1Loss());
                QCOMPARE(got.layers[l].l2Loss(), want.layers[l].l2Loss());
                QCOMPARE(got.layers[l].sparsity, want.layers[l].sparsity);
                QCOMPARE(got.layers[l].kernelL2Norm, want.layers[l].kernelL2Norm);
            }
        }
        QCOMPARE(r.weights.size(), m_run.weights.size());
        for (std::size_t i = 0; i < r.weights.size(); ++i) {
            QCOMPARE(r.weights[i].name, m_run.weights[i].name);
            QCOMPARE(r.weights[i].shape, m_run.weights[i].shape);
            QVERIFY(r.weights[i].data == m_run.weights[i].data);
        }

        // What was read writes the same files again.
        const std::string again = fresh("run-again");
        writeRunFolder(again, r);
        for (const char *file : {"experiment.json", "metrics.csv", "run.json"})
            QCOMPARE(read(path(again, file)), read(path(dir, file)));
    }

    /// Dropout entries (no columns, no weights), a validation split (two more columns) and
    /// early stopping (version 2: status early_stopped and the early_stopping record) read
    /// back and write the same files again. A run without them stays version 1.
    void earlyStoppedRunRoundTrip() {
        ExperimentSpec s = tinySpec();
        LayerSpec drop;
        drop.type = "dropout";
        drop.name = "drop";
        drop.rate = 0.25;
        s.model.layers.insert(s.model.layers.begin() + 1, drop);
        s.dataset.validationFraction = 0.25;
        s.training.epochs = 40;
        EarlyStoppingSpec es;
        es.monitor = "val_accuracy";
        es.patience = 1;
        es.restoreBestWeights = true;
        s.training.earlyStopping = es;
        auto data = std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
        Trainer trainer(s, data);
        // With a weight history too: its rows are the layers with weights, not the dropout.
        WeightHistoryRecorder recorder;
        recorder.history().add(trainer.history().back());
        trainer.setObserver(&recorder);
        const TrainResult result = trainer.run();
        trainer.setObserver(nullptr);
        QCOMPARE(result.status, TrainStatus::EarlyStopped);
        const std::string dir = fresh("early");
        writeRunFolder(dir, s, trainer.history(), weightsToArrays(trainer.network()),
                       runStatusOf(result.status), result.message, recorder.history().epochs(),
                       runEarlyStoppingOf(trainer));
        const std::string manifest = read(path(dir, "run.json"));
        QVERIFY(manifest.find("\"version\": 2") != std::string::npos);
        QVERIFY(manifest.find("\"status\": \"early_stopped\"") != std::string::npos);
        const std::string csv = read(path(dir, "metrics.csv"));
        QVERIFY(csv.find("hidden.kernel_l2_norm,logits.l1_loss") != std::string::npos);
        QVERIFY(csv.find("logits.kernel_l2_norm,val_data_loss,val_accuracy\n")
                != std::string::npos);
        QVERIFY(csv.find("drop.") == std::string::npos);

        const RunRecord r = readRunFolder(dir);
        QVERIFY(r.spec == s);
        QVERIFY(r.status == RunStatus::EarlyStopped);
        QVERIFY(r.earlyStopping);
        QCOMPARE(r.earlyStopping->monitor, std::string("val_accuracy"));
        QCOMPARE(r.earlyStopping->stoppedEpoch, trainer.earlyStopInfo().stoppedEpoch);
        QCOMPARE(r.earlyStopping->bestEpoch, trainer.earlyStopInfo().bestEpoch);
        QCOMPARE(r.earlyStopping->restoredEpoch, trainer.earlyStopInfo().restoredEpoch);
        QCOMPARE(r.earlyStopping->best, trainer.earlyStopInfo().best);
        QCOMPARE(int(r.history.size()), result.epoch);
        QVERIFY(r.history.back().hasValidation);
        QCOMPARE(r.history.back().valAccuracy, trainer.history().back().valAccuracy);
        QCOMPARE(r.history.back().valDataLoss, trainer.history().back().valDataLoss);
        QCOMPARE(r.weights.size(), std::size_t(4)); // hidden and logits only
        QCOMPARE(r.weightHistory.size(), recorder.history().epochs().size());
        QCOMPARE(r.weightHistory.back().layers.size(), std::size_t(2));
        QCOMPARE(r.weightHistory.back().layers[1].name, std::string("logits"));
        const std::string again = fresh("early-again");
        writeRunFolder(again, r);
        for (const char *file : {"experiment.json", "metrics.csv", "run.json", "history.csv"})
            QCOMPARE(read(path(again, file)), read(path(dir, file)));

        const std::string plain = fresh("plain-version");
        writeRunFolder(plain, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        QVERIFY(read(path(plain, "run.json")).find("\"version\": 1") != std::string::npos);
    }

    void divergedRunDropsStaleWeights() {
        const std::string dir = fresh("diverged");
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        QVERIFY(fs::exists(path(dir, "weights.npz")));
        // The same folder rewritten by a run that diverged: no weights of the earlier run.
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Diverged,
                       "diverged at epoch 3 (step 24): loss is NaN");
        QVERIFY(!fs::exists(path(dir, "weights.npz")));
        const RunRecord r = readRunFolder(dir);
        QVERIFY(r.status == RunStatus::Diverged);
        QCOMPARE(r.message, std::string("diverged at epoch 3 (step 24): loss is NaN"));
        QVERIFY(r.weights.empty());
        QCOMPARE(r.history.size(), std::size_t(3));
    }

    void runThatNeverTrained() {
        const std::string dir = fresh("failed");
        writeRunFolder(dir, m_run.spec, {}, {}, RunStatus::Failed, "data: cannot open");
        QCOMPARE(read(path(dir, "metrics.csv")),
                 std::string("epoch,train_data_loss,test_data_loss,reg_loss,total_loss,"
                             "train_accuracy,test_accuracy,hidden.l1_loss,hidden.l2_loss,"
                             "hidden.sparsity,hidden.kernel_l2_norm,logits.l1_loss,"
                             "logits.l2_loss,logits.sparsity,logits.kernel_l2_norm\n"));
        const RunRecord r = readRunFolder(dir);
        QVERIFY(r.status == RunStatus::Failed);
        QVERIFY(r.history.empty());
        QVERIFY(r.weights.empty());
    }

    void malformedRunIsRefused_data() {
        addRefusalColumns();

        QTest::newRow("missing_manifest") << "run.json"
                                          << ""
                                          << ""
                                          << "run.json"
                                          << ""
                                          << "is missing";
        QTest::newRow("not_json") << "run.json"
                                  << "*"
                                  << "{\"format\": "
                                  << "run.json"
                                  << "*"
                                  << "";
        QTest::newRow("foreign_format") << "run.json"
                                        << "\"reglab-run\""
                                        << "\"something-else\""
                                        << "run.json"
                                        << "format"
                                        << "not a RegLab run folder";
        QTest::newRow("newer_version") << "run.json"
                                       << "\"version\": 1"
                                       << "\"version\": 4"
                                       << "run.json"
                                       << "version"
                                       << "newer RegLab";
        // Version 3's writer is refused in an older manifest.
        QTest::newRow("writer_key_in_version_1") << "run.json"
                                                 << "\"status\""
                                                 << "\"writer\": \"x.py\", \"status\""
                                                 << "run.json"
                                                 << "writer"
                                                 << "version 1";
        // Version 2's additions are refused in a version 1 manifest.
        QTest::newRow("early_stopping_key_in_version_1") << "run.json"
                                                         << "\"status\""
                                                         << "\"early_stopping\": {}, \"status\""
                                                         << "run.json"
                                                         << "early_stopping"
                                                         << "version 1";
        QTest::newRow("early_stopped_status_in_version_1") << "run.json"
                                                           << "\"finished\""
                                                           << "\"early_stopped\""
                                                           << "run.json"
                                                           << "status"
                                                           << "version 2";
        QTest::newRow("version_zero") << "run.json"
                                      << "\"version\": 1"
                                      << "\"version\": 0"
                                      << "run.json"
                                      << "version"
                                      << "start at 1";
        QTest::newRow("version_text") << "run.json"
                                      << "\"version\": 1"
                                      << "\"version\": \"1\""
                                      << "run.json"
                                      << "version"
                                      << "integer";
        QTest::newRow("unknown_key") << "run.json"
                                     << "\"status\""
                                     << "\"colour\": 1, \"status\""
                                     << "run.json"
                                     << "colour"
                                     << "not a key";
        QTest::newRow("missing_key") << "run.json"
                                     << "\"message\": \"\","
                                     << ""
                                     << "run.json"
                                     << "message"
                                     << "is missing";
        QTest::newRow("bad_status") << "run.json"
                                    << "\"finished\""
                                    << "\"done\""
                                    << "run.json"
                                    << "status"
                                    << "\"done\"";
        QTest::newRow("epochs_disagree") << "run.json"
                                         << "\"epochs\": 3"
                                         << "\"epochs\": 5"
                                         << "run.json"
                                         << "epochs"
                                         << "metrics.csv has 3";
        QTest::newRow("negative_epochs") << "run.json"
                                         << "\"epochs\": 3"
                                         << "\"epochs\": -1"
                                         << "run.json"
                                         << "epochs"
                                         << ">= 0";
        QTest::newRow("unknown_file") << "run.json"
                                      << "\"metrics.csv\","
                                      << "\"metrics.csv\", \"notes.txt\","
                                      << "run.json"
                                      << "files"
                                      << "notes.txt";
        QTest::newRow("metrics_unlisted") << "run.json"
                                          << "\"metrics.csv\","
                                          << ""
                                          << "run.json"
                                          << "files"
                                          << "metrics.csv";
        QTest::newRow("diverged_with_weights") << "run.json"
                                               << "\"finished\""
                                               << "\"diverged\""
                                               << "run.json"
                                               << "files"
                                               << "diverged";
        QTest::newRow("weights_unlisted") << "run.json"
                                          << ",\n    \"weights.npz\""
                                          << ""
                                          << "weights.npz"
                                          << ""
                                          << "not listed";
        QTest::newRow("missing_metrics") << "metrics.csv"
                                         << ""
                                         << ""
                                         << "metrics.csv"
                                         << ""
                                         << "is missing";
        QTest::newRow("missing_weights") << "weights.npz"
                                         << ""
                                         << ""
                                         << "weights.npz"
                                         << ""
                                         << "is missing";
        QTest::newRow("missing_experiment") << "experiment.json"
                                            << ""
                                            << ""
                                            << "experiment.json"
                                            << ""
                                            << "is missing";
        QTest::newRow("bad_experiment") << "experiment.json"
                                        << "\"units\": 6"
                                        << "\"units\": -6"
                                        << "experiment.json"
                                        << "model.layers.0.units"
                                        << "";
        QTest::newRow("layers_disagree") << "experiment.json"
                                         << "\"name\": \"logits\""
                                         << "\"name\": \"output\""
                                         << "metrics.csv"
                                         << "header"
                                         << "logits.l1_loss";
        QTest::newRow("layer_added") << "metrics.csv"
                                     << "logits.kernel_l2_norm"
                                     << "logits.kernel_l2_norm,extra.l1_loss"
                                     << "metrics.csv"
                                     << "header"
                                     << "has 16 columns";
        QTest::newRow("not_a_number") << "metrics.csv"
                                      << "\n2,"
                                      << "\n2,abc"
                                      << "metrics.csv"
                                      << "line 3, train_data_loss"
                                      << "abc";
        QTest::newRow("short_row") << "metrics.csv"
                                   << "\n2,"
                                   << "\n"
                                   << "metrics.csv"
                                   << "line 3"
                                   << "has 14 columns; the header has 15";
        QTest::newRow("epoch_out_of_order") << "metrics.csv"
                                            << "\n2,"
                                            << "\n5,"
                                            << "metrics.csv"
                                            << "line 3, epoch"
                                            << "expected 2";
        QTest::newRow("empty_metrics") << "metrics.csv"
                                       << "*"
                                       << ""
                                       << "metrics.csv"
                                       << "header"
                                       << "empty";
        QTest::newRow("cut_short") << "metrics.csv"
                                   << "<cut>"
                                   << ""
                                   << "metrics.csv"
                                   << "line 4"
                                   << "cut short";
        QTest::newRow("unterminated_quote") << "metrics.csv"
                                            << "\n3,"
                                            << "\n\"3,"
                                            << "metrics.csv"
                                            << "line 4"
                                            << "quoted field";
    }

    void malformedRunIsRefused() {
        const std::string dir = fresh("malformed");
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        checkRefused(dir, [&] { readRunFolder(dir); });
    }

    /// Version 3: the exported scripts name themselves in "writer"; RegLab's folders do not.
    void writerOfAScriptsFolder() {
        const std::string dir = fresh("script");
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        QVERIFY(readRunFolder(dir).writer.empty());
        QVERIFY(mutate(path(dir, "run.json"), "\"version\": 1", "\"version\": 3"));
        QVERIFY(mutate(path(dir, "run.json"), "\"status\"",
                       "\"writer\": \"train_pytorch.py (PyTorch 1.13.0, cpu, 2 processes)\", "
                       "\"status\""));
        const RunRecord r = readRunFolder(dir);
        QCOMPARE(r.version, 3);
        QCOMPARE(r.writer, std::string("train_pytorch.py (PyTorch 1.13.0, cpu, 2 processes)"));
        QCOMPARE(r.history.size(), std::size_t(3));
    }

    void historyKeepsEvenlySpacedEpochs_data() {
        QTest::addColumn<int>("last");
        QTest::addColumn<int>("stride");
        QTest::addColumn<int>("kept");
        // floor(N / s) + 1 <= 100 with s the smallest power of two; N itself is kept too.
        QTest::newRow("n_0") << 0 << 1 << 1;
        QTest::newRow("n_99") << 99 << 1 << 100;     // 0..99
        QTest::newRow("n_100") << 100 << 2 << 51;    // 0, 2, ..., 100
        QTest::newRow("n_250") << 250 << 4 << 64;    // 0, 4, ..., 248 and 250
        QTest::newRow("n_1001") << 1001 << 16 << 64; // 0, 16, ..., 992 and 1001
    }
    void historyKeepsEvenlySpacedEpochs() {
        QFETCH(int, last);
        QFETCH(int, stride);
        QFETCH(int, kept);
        QCOMPARE(WeightHistory::strideFor(last), stride);
        WeightHistory h;
        for (int e = 0; e <= last; ++e) {
            EpochMetrics m;
            m.epoch = e;
            h.add(m);
            QVERIFY(int(h.epochs().size()) <= kMaxStoredEpochs + 1);
        }
        QCOMPARE(int(h.epochs().size()), kept);
        QCOMPARE(h.epochs().back().epoch, last);
        for (std::size_t i = 0; i + 1 < h.epochs().size(); ++i)
            QCOMPARE(h.epochs()[i].epoch, int(i) * stride);
    }

    void historyRoundTrip() {
        const std::string dir = fresh("history");
        QCOMPARE(m_run.weightHistory.size(), std::size_t(4)); // epochs 0..3, all kept
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished, {},
                       m_run.weightHistory);
        QCOMPARE(entries(dir),
                 (std::vector<std::string>{"experiment.json", "history.csv", "metrics.csv",
                                           "run.json", "weights.npz"}));
        const std::string manifest = read(path(dir, "run.json"));
        QVERIFY(manifest.find("\"version\": 2") != std::string::npos);
        QVERIFY(manifest.find("\"history.csv\"") != std::string::npos);
        // Header, then one row per epoch and layer: 1 + 4 * 2 lines of 10 + 40 cells.
        const std::string text = read(path(dir, "history.csv"));
        QCOMPARE(std::count(text.begin(), text.end(), '\n'), std::ptrdiff_t(9));
        QCOMPARE(text.substr(0, text.find('\n')),
                 historyCsvHeader(m_run.spec.training.histogramBins));
        QVERIFY(text.find("\n0,hidden,") != std::string::npos);
        QVERIFY(text.find("\n3,logits,") != std::string::npos);

        const RunRecord r = readRunFolder(dir);
        QCOMPARE(r.version, 2);
        QCOMPARE(r.weightHistory.size(), m_run.weightHistory.size());
        for (std::size_t e = 0; e < r.weightHistory.size(); ++e) {
            const EpochMetrics &want = m_run.weightHistory[e];
            const EpochMetrics &got = r.weightHistory[e];
            QCOMPARE(got.epoch, want.epoch);
            QCOMPARE(got.layers.size(), want.layers.size());
            for (std::size_t l = 0; l < got.layers.size(); ++l) {
                const LayerMetrics &g = got.layers[l], &w = want.layers[l];
                QCOMPARE(g.name, w.name);
                QCOMPARE(g.kernelL2Loss, w.kernelL2Loss);
                QCOMPARE(g.biasL1Loss, w.biasL1Loss);
                QCOMPARE(g.sparsity, w.sparsity);
                QCOMPARE(g.kernelL2Norm, w.kernelL2Norm);
                QCOMPARE(g.histogram.min, w.histogram.min);
                QCOMPARE(g.histogram.max, w.histogram.max);
                QVERIFY(g.histogram.counts == w.histogram.counts);
                // 2 x 6 and 6 x 2 kernels: 12 weights in every histogram.
                QCOMPARE(std::accumulate(g.histogram.counts.begin(), g.histogram.counts.end(),
                                         std::uint64_t(0)),
                         std::uint64_t(12));
            }
        }
        // The epochs both files have get their histograms.
        QVERIFY(r.history.back().layers[0].histogram.counts
                == m_run.weightHistory.back().layers[0].histogram.counts);

        // Read and written again: the same files.
        const std::string again = fresh("history-again");
        writeRunFolder(again, r);
        for (const char *file : {"experiment.json", "metrics.csv", "run.json", "history.csv"})
            QCOMPARE(read(path(again, file)), read(path(dir, file)));

        // Rewritten without a history (or diverged): the stale history.csv goes, version 1.
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        QVERIFY(!fs::exists(path(dir, "history.csv")));
        QVERIFY(read(path(dir, "run.json")).find("\"version\": 1") != std::string::npos);
        QCOMPARE(readRunFolder(dir).version, 1);
    }

    void malformedHistoryIsRefused_data() {
        addRefusalColumns();
        QTest::newRow("missing") << "history.csv"
                                 << ""
                                 << ""
                                 << "history.csv"
                                 << ""
                                 << "is missing (run.json lists it)";
        QTest::newRow("version_1_with_history") << "run.json"
                                                << "\"version\": 2"
                                                << "\"version\": 1"
                                                << "run.json"
                                                << "files"
                                                << "version 1 run folders do not have";
        QTest::newRow("cut_short") << "history.csv"
                                   << "<cut>"
                                   << ""
                                   << "history.csv"
                                   << "line 9"
                                   << "cut short";
        QTest::newRow("other_bins") << "history.csv"
                                    << ",bin_40\n"
                                    << "\n"
                                    << "history.csv"
                                    << "header"
                                    << "the experiment's histogram_bins";
        QTest::newRow("other_layer") << "history.csv"
                                     << "\n0,logits,"
                                     << "\n0,output,"
                                     << "history.csv"
                                     << "line 3, layer"
                                     << "expected \"logits\"";
        QTest::newRow("epochs_out_of_order") << "history.csv"
                                             << "\n1,hidden,"
                                             << "\n0,hidden,"
                                             << "history.csv"
                                             << "line 4, epoch"
                                             << "above 0";
        QTest::newRow("epochs_disagree") << "run.json"
                                         << "\"epochs\": 3"
                                         << "\"epochs\": 2"
                                         << "run.json"
                                         << "epochs"
                                         << "metrics.csv has 3";
        QTest::newRow("not_a_number") << "history.csv"
                                      << "\n0,hidden,0,"
                                      << "\n0,hidden,x,"
                                      << "history.csv"
                                      << "line 2, kernel_l1_loss"
                                      << "not a number";
        QTest::newRow("epoch_missing_layer") << "history.csv"
                                             << "\n0,logits,"
                                             << "\n1,logits,"
                                             << "history.csv"
                                             << "line 3, epoch"
                                             << "lacks layer logits";
    }
    void malformedHistoryIsRefused() {
        const std::string dir = fresh("malformed-history");
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished, {},
                       m_run.weightHistory);
        checkRefused(dir, [&] { readRunFolder(dir); });
    }

    void historyCountsMustFitTheKernels() {
        // A histogram that counts 13 weights of a 12-weight kernel, and a history.csv that
        // run.json does not list.
        const std::string dir = fresh("history-counts");
        std::vector<EpochMetrics> history = m_run.weightHistory;
        history[2].layers[1].histogram.counts[0] += 1;
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished, {},
                       history);
        auto error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->file(), path(dir, "history.csv"));
        QCOMPARE(error->field(), std::string("line 7, bin_1..bin_40"));
        QCOMPARE(error->message(), std::string("count 13 weights; layer logits's kernel has 12"));

        const std::string stale = read(path(dir, "history.csv"));
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        write(path(dir, "history.csv"), stale);
        error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->file(), path(dir, "history.csv"));
        QCOMPARE(error->message(), std::string("is not listed in run.json"));
    }

    void weightsMustFitTheLayers() {
        const std::string dir = fresh("weights");
        std::vector<NpzArray> weights = m_run.weights;
        weights[2].shape = {3, 2}; // logits/kernel: 6 -> 2 in the experiment
        weights[2].data.resize(6);
        writeRunFolder(dir, m_run.spec, m_run.history, weights, RunStatus::Finished);
        auto error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->file(), path(dir, "weights.npz"));
        QCOMPARE(error->field(), std::string("logits/kernel"));
        QVERIFY2(error->message().find("[6, 2]") != std::string::npos, error->what());

        weights = m_run.weights;
        weights.pop_back(); // no logits/bias
        writeRunFolder(dir, m_run.spec, m_run.history, weights, RunStatus::Finished);
        error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->field(), std::string("logits/bias"));

        weights = m_run.weights;
        weights.push_back({"extra/kernel", {1}, {0.0f}});
        writeRunFolder(dir, m_run.spec, m_run.history, weights, RunStatus::Finished);
        error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->field(), std::string("extra/kernel"));
    }

    void notAFolder() {
        const std::string dir = fresh("nowhere");
        auto error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->file(), dir);
        error = inputErrorOf([&] { readSweepFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->file(), dir);
    }

    void sweepRoundTrip() {
        const std::string dir = fresh("sweep");
        const SweepManifest manifest = writeSweep(dir);
        QCOMPARE(entries(dir), (std::vector<std::string>{"0", "1e-3", "summary.csv",
                                                         "summary_details.csv", "sweep.json"}));
        const std::vector<RunSummary> rows{summaryOf("0", 0.0), summaryOf("1e-3", 1e-3)};
        QCOMPARE(read(path(dir, "summary.csv")), summaryCsv(rows));
        QCOMPARE(read(path(dir, "summary_details.csv")), summaryDetailsCsv(rows));

        const SweepRecord s = readSweepFolder(dir);
        QCOMPARE(s.manifest.parameter, manifest.parameter);
        QCOMPARE(s.manifest.runs.size(), std::size_t(2));
        for (std::size_t i = 0; i < 2; ++i) {
            QVERIFY(s.manifest.runs[i].label == manifest.runs[i].label);
            QCOMPARE(s.manifest.runs[i].value, manifest.runs[i].value);
            QVERIFY(s.manifest.runs[i].overrides == manifest.runs[i].overrides);
            QVERIFY(s.manifest.runs[i].folder == manifest.runs[i].folder);
        }
        QVERIFY(s.hasDetails);
        QCOMPARE(s.runs.size(), std::size_t(2));
        QCOMPARE(s.runs[1].history.size(), std::size_t(3));
        QVERIFY(s.manifest.extras.empty());

        // Without details the stale file goes.
        beginSweepFolder(dir);
        finishSweepFolder(dir, manifest, rows, false);
        QVERIFY(!fs::exists(path(dir, "summary_details.csv")));
        QVERIFY(!readSweepFolder(dir).hasDetails);
    }

    void malformedSweepIsRefused_data() {
        addRefusalColumns();

        QTest::newRow("missing_manifest") << "sweep.json"
                                          << ""
                                          << ""
                                          << "sweep.json"
                                          << ""
                                          << "is missing";
        QTest::newRow("run_manifest_here") << "sweep.json"
                                           << "\"reglab-sweep\""
                                           << "\"reglab-run\""
                                           << "sweep.json"
                                           << "format"
                                           << "not a RegLab sweep folder";
        QTest::newRow("newer_version") << "sweep.json"
                                       << "\"version\": 1"
                                       << "\"version\": 7"
                                       << "sweep.json"
                                       << "version"
                                       << "newer RegLab";
        QTest::newRow("folder_renamed") << "sweep.json"
                                        << "\"folder\": \"1e-3\""
                                        << "\"folder\": \"../1e-3\""
                                        << "sweep.json"
                                        << "runs.1.folder"
                                        << "makes \"1e-3\"";
        QTest::newRow("unknown_run_key") << "sweep.json"
                                         << "\"folder\": \"0\""
                                         << "\"folder\": \"0\", \"seed\": 1"
                                         << "sweep.json"
                                         << "runs.0.seed"
                                         << "not a key";
        QTest::newRow("value_text") << "sweep.json"
                                    << "\"value\": 0.0"
                                    << "\"value\": \"0\""
                                    << "sweep.json"
                                    << "runs.0.value"
                                    << "number";
        QTest::newRow("unknown_key") << "sweep.json"
                                     << "\"runs\": ["
                                     << "\"runs\": [], \"x\": ["
                                     << "sweep.json"
                                     << "x"
                                     << "";
        QTest::newRow("extra_missing") << "sweep.json"
                                       << "\"extras\": []"
                                       << "\"extras\": [\"plots/a.png\"]"
                                       << "plots/a.png"
                                       << ""
                                       << "is missing";
        QTest::newRow("extra_outside") << "sweep.json"
                                       << "\"extras\": []"
                                       << "\"extras\": [\"../a.png\"]"
                                       << "sweep.json"
                                       << "extras.0"
                                       << "inside";
        QTest::newRow("missing_summary") << "summary.csv"
                                         << ""
                                         << ""
                                         << "summary.csv"
                                         << ""
                                         << "is missing";
        QTest::newRow("summary_label") << "summary.csv"
                                       << "\n1e-3,"
                                       << "\n1e-2,"
                                       << "summary.csv"
                                       << "line 3, value"
                                       << "\"1e-3\"";
        QTest::newRow("summary_rows") << "summary.csv"
                                      << "\n1e-3,"
                                      << "\n0,1,1,1,1,1,1,1\n1e-3,"
                                      << "summary.csv"
                                      << ""
                                      << "has 3 rows";
        QTest::newRow("summary_header") << "summary.csv"
                                        << "final_reg_loss"
                                        << "reg_loss"
                                        << "summary.csv"
                                        << "header"
                                        << "column 8";
        QTest::newRow("details_columns") << "summary_details.csv"
                                         << ",0\n"
                                         << "\n"
                                         << "summary_details.csv"
                                         << "line 2"
                                         << "columns";
        QTest::newRow("run_incomplete") << "1e-3/run.json"
                                        << ""
                                        << ""
                                        << "1e-3/run.json"
                                        << ""
                                        << "cut short";
    }

    void malformedSweepIsRefused() {
        const std::string dir = fresh("malformed-sweep");
        writeSweep(dir);
        checkRefused(dir, [&] { readSweepFolder(dir); });
    }

    void folderNames() {
        QCOMPARE(labelFileName("1e-3"), std::string("1e-3"));
        QCOMPARE(labelFileName("{\"l1\": 1}"), std::string("__l1___1_"));
        QCOMPARE(labelFileName(".."), std::string("_"));
        QCOMPARE(labelFileName(std::string(100, 'a')), std::string(kMaxLabelFileNameLength, 'a'));
        QCOMPARE(sweepFolderNames({"0", "1e-4", "L1+L2"}),
                 (std::vector<std::string>{"0", "1e-4", "L1+L2"}));

        auto error = inputErrorOf([] { sweepFolderNames({"a/b", "0", "a:b"}); });
        QVERIFY(error);
        QCOMPARE(error->field(), std::string("labels"));
        QCOMPARE(error->message(),
                 std::string("\"a/b\" and \"a:b\" would share the folder \"a_b\""));
        // Cut to the same name: also a collision.
        error = inputErrorOf([] {
            sweepFolderNames({std::string(70, 'x') + "1", std::string(70, 'x') + "2"});
        });
        QVERIFY(error);
        QVERIFY(error->message().find("would share the folder") != std::string::npos);
    }

    void writesAreAtomic() {
        const std::string dir = fresh("atomic");
        writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Finished);
        // No temporary file is left behind.
        for (const std::string &name : entries(dir))
            QVERIFY2(name.front() != '.', name.c_str());

        // A rewrite that fails half-way (weights.npz cannot be replaced) throws, and leaves
        // no manifest: the folder reads as incomplete, never as a mix of two runs.
        fs::remove(path(dir, "weights.npz"));
        fs::create_directories(path(dir, "weights.npz/blocked"));
        bool threw = false;
        try {
            writeRunFolder(dir, m_run.spec, m_run.history, m_run.weights, RunStatus::Stopped);
        } catch (const OutputError &e) {
            threw = true;
            QVERIFY2(e.file() == path(dir, "weights.npz"), e.what());
        }
        QVERIFY(threw);
        QVERIFY(!fs::exists(path(dir, "run.json")));
        const auto error = inputErrorOf([&] { readRunFolder(dir); });
        QVERIFY(error);
        QCOMPARE(error->file(), path(dir, "run.json"));
        QVERIFY2(error->message().find("cut short") != std::string::npos, error->what());
        for (const std::string &name : entries(dir))
            QVERIFY2(name.front() != '.', name.c_str());

        // A sweep being rewritten reads as incomplete until it is finished.
        const std::string sweep = fresh("atomic-sweep");
        const SweepManifest manifest = writeSweep(sweep);
        beginSweepFolder(sweep);
        QVERIFY(inputErrorOf([&] { readSweepFolder(sweep); }));
        finishSweepFolder(sweep, manifest, {summaryOf("0", 0.0), summaryOf("1e-3", 1e-3)});
        QCOMPARE(readSweepFolder(sweep).runs.size(), std::size_t(2));
    }
};

QTEST_APPLESS_MAIN(TestRunFolder)
#include "tst_run_folder.moc"
