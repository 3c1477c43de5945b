// SPDX-License-Identifier: GPL-3.0-or-later
// Finished runs gathered for a comparison (core/compare/run_set.h): run folders, sweep folders
// and folders of run folders; the variation found from what differs between the experiments;
// and the runs that cannot be compared.

#include "core/compare/run_set.h"
#include "core/error.h"
#include "support/recorded_run.h"
#include "support/test_support.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>

using namespace reglab;
using namespace reglab::test;

namespace {

namespace fs = std::filesystem;

/// 120 moons points, 2 -> 6 tanh -> 2, 2 epochs: a run folder in a few milliseconds.
ExperimentSpec moonsSpec(double l2) {
    ExperimentSpec s;
    s.name = "moons";
    s.seed = 5;
    s.dataset.source = "moons";
    s.dataset.samples = 120;
    s.model.layers = {dense("hidden", 6, Activation::Tanh, RegularizerSpec{0.0, l2}),
                      dense("logits", 2, Activation::Linear, RegularizerSpec{0.0, l2})};
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 16;
    s.training.epochs = 2;
    return s;
}

void writeRun(const std::string &dir, const ExperimentSpec &spec) {
    const RecordedRun r = trainRecorded(spec);
    writeRunFolder(dir, r.spec, r.history, r.weights, RunStatus::Finished, {}, r.weightHistory);
}

std::string path(const QTemporaryDir &tmp, const char *name) {
    return tmp.filePath(QString::fromUtf8(name)).toStdString();
}

} // namespace

class TestRunSet : public QObject {
    Q_OBJECT

private slots:
    void scaleFoundFromLooseRunFolders() {
        QTemporaryDir tmp;
        // Given out of order: the set keeps the order given, the values come from the files.
        writeRun(path(tmp, "b"), moonsSpec(1e-2));
        writeRun(path(tmp, "a"), moonsSpec(0.0));
        const RunSet set = loadRunSet({path(tmp, "b"), path(tmp, "a")});
        QCOMPARE(set.runs.size(), std::size_t(2));
        // Both layers' L2 differ and hold one value per run: one parameter for every layer.
        QCOMPARE(set.parameter, std::string("model.layers.*.kernel_regularizer.l2"));
        QVERIFY(set.kind == VariationKind::Scale);
        QCOMPARE(set.runs[0].value, 1e-2);
        QCOMPARE(set.runs[0].label, std::string("0.01"));
        QCOMPARE(set.runs[1].value, 0.0);
        QCOMPARE(set.runs[1].label, std::string("0"));
        QCOMPARE(set.runs[0].overrides,
                 std::vector<std::string>{"model.layers.*.kernel_regularizer.l2=0.01"});
        // Applied to the first run's experiment, a run's overrides give its own experiment.
        ExperimentSpec again = applyVariant(set.runs[0].run.spec, {"", 0.0, set.runs[1].overrides});
        again.name = set.runs[1].run.spec.name;
        QVERIFY(again == set.runs[1].run.spec);
        QCOMPARE(set.runs[0].run.history.size(), std::size_t(2)); // epochs 1..2
        QVERIFY(!set.runs[0].run.weightHistory.empty());
    }

    void oneLayerKeyIsNamedExactly() {
        QTemporaryDir tmp;
        ExperimentSpec a = moonsSpec(0.0);
        ExperimentSpec b = moonsSpec(0.0);
        b.model.layers[0].kernelRegularizer = RegularizerSpec{3e-4, 0.0};
        writeRun(path(tmp, "a"), a);
        writeRun(path(tmp, "b"), b);
        const RunSet set = loadRunSet({path(tmp, "a"), path(tmp, "b")});
        QCOMPARE(set.parameter, std::string("model.layers.0.kernel_regularizer.l1"));
        QCOMPARE(set.runs[1].value, 3e-4);
        QCOMPARE(set.runs[1].label, std::string("3e-4"));
    }

    void folderOfRunFoldersInOrderOfTheirValues() {
        QTemporaryDir tmp;
        writeRun(path(tmp, "runs/lambda-1e-3"), moonsSpec(1e-3));
        writeRun(path(tmp, "runs/lambda-1e-2"), moonsSpec(1e-2));
        writeRun(path(tmp, "runs/lambda-0"), moonsSpec(0.0));
        fs::create_directories(path(tmp, "runs/not-a-run"));
        const RunSet set = loadRunSet({path(tmp, "runs")});
        QCOMPARE(set.runs.size(), std::size_t(3));
        // In order of λ, not of the names ("lambda-1e-2" < "lambda-1e-3").
        QCOMPARE(set.runs[0].value, 0.0);
        QCOMPARE(set.runs[1].value, 1e-3);
        QCOMPARE(set.runs[2].value, 1e-2);
        QCOMPARE(set.runs[2].dir, path(tmp, "runs/lambda-1e-2"));
    }

    void categoricalWhenNothingNumericVaries() {
        QTemporaryDir tmp;
        ExperimentSpec a = moonsSpec(1e-3);
        ExperimentSpec b = moonsSpec(1e-3);
        b.l2Convention = L2Convention::Tf1;
        writeRun(path(tmp, "keras"), a);
        writeRun(path(tmp, "tf1"), b);
        const RunSet set = loadRunSet({path(tmp, "keras"), path(tmp, "tf1")});
        QCOMPARE(set.parameter, std::string("run"));
        QVERIFY(set.kind == VariationKind::RegularizerKind);
        QCOMPARE(set.runs[0].label, std::string("keras"));
        QCOMPARE(set.runs[1].label, std::string("tf1"));
        QCOMPARE(set.runs[1].value, 1.0);
        QVERIFY(set.runs[1].overrides.empty()); // nothing to say it with
    }

    void sameValueTwiceGetsDistinctLabels() {
        QTemporaryDir tmp;
        ExperimentSpec a = moonsSpec(1e-3);
        ExperimentSpec b = moonsSpec(1e-3);
        ExperimentSpec c = moonsSpec(0.0);
        writeRun(path(tmp, "x"), a);
        writeRun(path(tmp, "y"), b);
        writeRun(path(tmp, "z"), c);
        const RunSet set = loadRunSet({path(tmp, "x"), path(tmp, "y"), path(tmp, "z")});
        QCOMPARE(set.runs[0].label, std::string("x (1e-3)"));
        QCOMPARE(set.runs[1].label, std::string("y (1e-3)"));
        QCOMPARE(set.runs[2].label, std::string("z (0)"));
    }

    void sweepFolderKeepsItsManifest() {
        QTemporaryDir tmp;
        const std::string dir = path(tmp, "sweep");
        SweepManifest manifest;
        manifest.parameter = "l2_convention";
        const std::vector<std::string> labels{"keras", "tf1"};
        const std::vector<std::string> folders = sweepFolderNames(labels);
        beginSweepFolder(dir);
        std::vector<RunSummary> rows;
        for (std::size_t i = 0; i < labels.size(); ++i) {
            ExperimentSpec s = moonsSpec(1e-3);
            if (i == 1)
                s.l2Convention = L2Convention::Tf1;
            writeRun((fs::path(dir) / folders[i]).string(), s);
            manifest.runs.push_back({labels[i], double(i), {}, folders[i]});
            RunSummary row;
            row.label = labels[i];
            row.value = double(i);
            rows.push_back(row);
        }
        finishSweepFolder(dir, manifest, rows, false);
        const RunSet set = loadRunSet({dir});
        QCOMPARE(set.parameter, std::string("l2_convention"));
        QVERIFY(set.kind == VariationKind::Convention);
        QCOMPARE(set.runs.size(), std::size_t(2));
        QCOMPARE(set.runs[1].label, std::string("tf1"));
        QCOMPARE(set.runs[1].dir, (fs::path(dir) / folders[1]).string());
    }

    void runsThatCannotBeCompared_data() {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("field");
        QTest::newRow("other data set") << "data"
                                        << "dataset";
        QTest::newRow("other seed") << "seed"
                                    << "seed";
        QTest::newRow("other layers") << "layers"
                                      << "model.layers";
    }

    void runsThatCannotBeCompared() {
        QFETCH(QString, what);
        QFETCH(QString, field);
        QTemporaryDir tmp;
        ExperimentSpec other = moonsSpec(0.0);
        if (what == "data")
            other.dataset.samples = 100;
        else if (what == "seed")
            other.seed = 6;
        else
            other.model.layers[0].name = "first";
        writeRun(path(tmp, "a"), moonsSpec(0.0));
        writeRun(path(tmp, "b"), other);
        const auto error = inputErrorOf([&] { loadRunSet({path(tmp, "a"), path(tmp, "b")}); });
        QVERIFY2(error, "no InputError");
        QCOMPARE(error->file(), path(tmp, "b/experiment.json"));
        QCOMPARE(error->field(), field.toStdString());
    }

    void trainSizeAndLabelNoiseMayDiffer() {
        QTemporaryDir tmp;
        ExperimentSpec small = moonsSpec(0.0);
        small.dataset.trainSize = 40;
        small.dataset.labelNoise = 0.1;
        writeRun(path(tmp, "all"), moonsSpec(0.0));
        writeRun(path(tmp, "small"), small);
        const RunSet set = loadRunSet({path(tmp, "all"), path(tmp, "small")});
        QCOMPARE(set.runs.size(), std::size_t(2));
        QCOMPARE(set.parameter, std::string("run")); // two keys with different values
    }

    void notARunFolder() {
        QTemporaryDir tmp;
        fs::create_directories(path(tmp, "empty"));
        auto error = inputErrorOf([&] { loadRunSet({path(tmp, "empty")}); });
        QVERIFY2(error, "no InputError");
        QCOMPARE(error->file(), path(tmp, "empty"));
        QCOMPARE(error->field(), std::string("run.json"));
        error = inputErrorOf([&] { loadRunSet({path(tmp, "missing")}); });
        QVERIFY2(error, "no InputError");
        QCOMPARE(error->file(), path(tmp, "missing"));
        error = inputErrorOf([&] { loadRunSet({}); });
        QVERIFY2(error, "no InputError");
        QCOMPARE(error->field(), std::string("runs"));
    }

    void aBrokenRunNamesItsFile() {
        QTemporaryDir tmp;
        writeRun(path(tmp, "a"), moonsSpec(0.0));
        writeRun(path(tmp, "b"), moonsSpec(1e-3));
        fs::remove(path(tmp, "b/metrics.csv"));
        const auto error = inputErrorOf([&] { loadRunSet({path(tmp, "a"), path(tmp, "b")}); });
        QVERIFY2(error, "no InputError");
        QVERIFY2(error->file().find("b") != std::string::npos, error->what());
    }
};

QTEST_GUILESS_MAIN(TestRunSet)
#include "tst_run_set.moc"
