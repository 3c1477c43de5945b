// SPDX-License-Identifier: GPL-3.0-or-later
// The compare window end to end on a tiny 2-D experiment: four variants run to the end,
// the table, curves and path agree with the summaries, the bundle export writes a sweep
// folder the core reads back, with the same layout and numbers as reglab-cli sweep (path in
// env REGLAB_CLI), a collapsed run is flagged, cancelling (one run or all) works mid-run,
// and closing during a run is clean.

#include "core/compare/sweep.h"
#include "core/io/experiment_json.h"
#include "core/io/npz.h"
#include "core/io/run_folder.h"
#include "support/test_support.h"
#include "ui/compare/compare_curves_plot.h"
#include "ui/compare/compare_table.h"
#include "ui/compare/compare_window.h"
#include "ui/compare/regularization_path_plot.h"
#include "ui/compare/weight_overlay_plot.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressBar>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <memory>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::dense;

namespace {

/// 200 circle points, 2 -> 8 tanh -> 2, Adam 0.01, batch 16: ~3 ms an epoch.
ExperimentSpec tinySpec() {
    ExperimentSpec s;
    s.name = "tiny circle";
    s.seed = 7;
    s.dataset.source = "circle";
    s.dataset.samples = 200;
    s.dataset.noise = 0.1;
    s.dataset.testFraction = 0.25;
    s.model.layers = {dense("hidden", 8, Activation::Tanh), dense("logits", 2, Activation::Linear)};
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 16;
    s.training.epochs = 30;
    return s;
}

const std::vector<double> kValues{0.0, 1e-3, 1e-1, 1.0};

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QStringList lines(const QString &path) {
    return QString::fromUtf8(readAll(path)).split('\n', Qt::SkipEmptyParts);
}

/// Every file under `dir`, as sorted paths relative to it.
QStringList filesUnder(const QString &dir) {
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(QDir(dir).relativeFilePath(it.next()));
    files.sort();
    return files;
}

} // namespace

class TestCompareWindow : public QObject {
    Q_OBJECT

private:
    /// reglab-cli sweep of tinySpec() for `epochs` epochs over kValues' λ on every layer into
    /// `out`; `spec` is the experiment as read back from its file.
    void cliSweep(const QTemporaryDir &tmp, int epochs, const QString &out, ExperimentSpec &spec) {
        const QString cli = qEnvironmentVariable("REGLAB_CLI");
        QVERIFY2(QFileInfo(cli).isExecutable(), "REGLAB_CLI is not set");
        const QString exp = tmp.filePath("exp.json");
        spec = tinySpec();
        spec.training.epochs = epochs;
        saveExperimentFile(spec, exp.toStdString());
        spec = loadExperimentFile(exp.toStdString());
        QProcess p;
        p.start(cli, {"sweep", exp, "--param", "model.layers.*.kernel_regularizer.l2", "--values",
                      "0,1e-3,0.1,1", "--out", out, "-q"});
        QVERIFY(p.waitForFinished(120000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    }

private slots:
    void setupPaneGeneratesVariants() {
        CompareWindow w(tinySpec(), QString());
        // The default: every layer's L2 scale over the product's six values.
        QCOMPARE(w.variants().size(), std::size_t(6));
        QCOMPARE(w.variants()[1].overrides,
                 std::vector<std::string>{"model.layers.*.kernel_regularizer.l2=0.0001"});
        auto *values = w.findChild<QLineEdit *>("compareValues");
        QVERIFY(values);
        values->setText("0, 1e-2");
        QCOMPARE(w.variants().size(), std::size_t(2));
        auto *layer = w.findChild<QComboBox *>("compareLayer");
        layer->setCurrentIndex(2); // "logits"
        QCOMPARE(w.variants()[1].overrides,
                 std::vector<std::string>{"model.layers.1.kernel_regularizer.l2=0.01"});
        auto *range = w.findChild<QRadioButton *>("compareRange");
        range->setChecked(true); // 1e-4 .. 1, 5 values, plus 0
        QCOMPARE(w.variants().size(), std::size_t(6));
        QCOMPARE(w.variants()[5].value, 1.0);
        auto *what = w.findChild<QComboBox *>("compareWhat");
        what->setCurrentIndex(2); // regularizer kind
        QCOMPARE(w.variants().size(), std::size_t(4));
        what->setCurrentIndex(3); // convention
        QCOMPARE(w.variants().size(), std::size_t(2));
        what->setCurrentIndex(4); // coupled vs decoupled
        QCOMPARE(w.variants().size(), std::size_t(2));
        QVERIFY(w.variants()[1].overrides[1] == "optimizer.type=\"adamw\"");

        what->setCurrentIndex(0);
        w.findChild<QRadioButton *>("compareList")->setChecked(true);
        values->setText("0, abc");
        QVERIFY(w.variants().empty());
        QVERIFY(!w.start());
        QVERIFY2(w.errorText().contains("abc"), qPrintable(w.errorText()));
        QVERIFY(!w.isRunning());
    }

    void runsFourVariantsAndExportsTheBundle() {
        const ExperimentSpec spec = tinySpec();
        CompareWindow w(spec, QString());
        w.resize(1400, 900);
        w.setVariants(makeScaleVariants(spec, -1, PenaltyTerm::L2, kValues));
        w.setEpochs(30);
        QSignalSpy finished(&w, &CompareWindow::finished);
        QVERIFY2(w.start(), qPrintable(w.errorText()));
        QVERIFY(w.isRunning());
        QVERIFY(!w.start()); // not twice at once
        QString error;
        QVERIFY(!w.exportBundle(QDir::tempPath() + "/never", &error));
        QVERIFY(error.contains("still going"));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY(!w.isRunning());

        const std::vector<RunSummary> s = w.summaries();
        QCOMPARE(s.size(), std::size_t(4));
        for (std::size_t i = 0; i < s.size(); ++i) {
            QCOMPARE(s[i].epochs, 30);
            QCOMPARE(s[i].value, kValues[i]);
            QCOMPARE(w.progressBar(int(i))->value(), 30);
            QCOMPARE(w.lossPlot()->testGraph(int(i))->dataCount(), 31); // epochs 0..30
            QCOMPARE(w.accuracyPlot()->testGraph(int(i))->dataCount(), 31);
            QCOMPARE(w.weightPlot()->runGraph(int(i))->dataCount(), 60 + 2); // bins + ends
        }
        // Without a penalty the circle is learnt; λ = 1 wipes the weights out.
        QVERIFY(s[0].finalTestAccuracy > 0.9);
        QVERIFY(!s[0].collapsed);
        QVERIFY(s[3].collapsed);

        // The table: one row per run, numbers as the summaries say.
        CompareSummaryTable *table = w.summaryTable();
        QCOMPARE(table->rowCount(), 4);
        for (int i = 0; i < 4; ++i) {
            const int row = table->rowOfRun(i);
            QVERIFY(row >= 0);
            QCOMPARE(table->item(row, CompareSummaryTable::RunColumn)->text(),
                     QString("λ = %1").arg(QString::fromStdString(s[std::size_t(i)].label)));
            QCOMPARE(table->item(row, CompareSummaryTable::FinalTestColumn)->text(),
                     QString::number(s[std::size_t(i)].finalTestAccuracy * 100, 'f', 2));
            QCOMPARE(table->item(row, CompareSummaryTable::BestTestColumn)->text(),
                     QString::number(s[std::size_t(i)].bestTestAccuracy * 100, 'f', 2));
            QCOMPARE(table->item(row, CompareSummaryTable::BestEpochColumn)->text().toInt(),
                     s[std::size_t(i)].bestEpoch);
            QCOMPARE(table->item(row, CompareSummaryTable::StatusColumn)->text(),
                     s[std::size_t(i)].collapsed ? QString("Collapsed (over-regularized)")
                                                 : QString("Done"));
        }
        // The one-line explanation names the collapsed run.
        QVERIFY(!w.collapseNote()->isHidden());
        QCOMPARE(w.collapseNote()->text(),
                 QString("Collapsed (over-regularized): λ = 1. Such a run predicts one class for "
                         "every input: the penalty outweighs the data loss."));
        // Sorting by test accuracy puts the best run first.
        table->sortByColumn(CompareSummaryTable::FinalTestColumn, Qt::DescendingOrder);
        double previous = 1e9;
        for (int row = 0; row < 4; ++row) {
            const double v =
                table->item(row, CompareSummaryTable::FinalTestColumn)->text().toDouble();
            QVERIFY(v <= previous);
            previous = v;
        }
        // Ctrl+C copies the table as TSV (every row when nothing is selected).
        table->clearSelection();
        table->setFocus();
        QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
        const QStringList tsv = QApplication::clipboard()->text().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(tsv.size(), 5);
        QVERIFY(tsv[0].startsWith("Run\tλ\tFinal train acc (%)\tFinal test acc (%)"));
        QCOMPARE(tsv[1].split('\t').size(), CompareSummaryTable::ColumnCount);
        table->selectRow(2);
        QCOMPARE(table->toTsv().split('\n', Qt::SkipEmptyParts).size(), 2);

        // The path: λ on a log axis, λ = 0 one decade left of 1e-3.
        QCOMPARE(w.pathPlot()->finalTestGraph()->dataCount(), 4);
        QCOMPARE(w.pathPlot()->xPosition(0), -4.0);
        QCOMPARE(w.pathPlot()->xPosition(1), -3.0);
        QCOMPARE(w.pathPlot()->xPosition(3), 0.0);
        QCOMPARE(w.pathPlot()->finalTestGraph()->data()->at(0)->value,
                 s[0].finalTestAccuracy * 100);

        // The bundle.
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString dir = tmp.filePath("bundle");
        QVERIFY2(w.exportBundle(dir, &error), qPrintable(error));
        // The layout reglab-cli sweep writes (docs/run-folder.md), read back by the core.
        const SweepRecord sweep = readSweepFolder(dir.toStdString());
        QCOMPARE(sweep.manifest.parameter, std::string("l2_scale"));
        QCOMPARE(sweep.manifest.runs.size(), std::size_t(4));
        QCOMPARE(sweep.manifest.runs[3].overrides,
                 std::vector<std::string>{"model.layers.*.kernel_regularizer.l2=1"});
        QCOMPARE(sweep.manifest.runs[1].folder, std::string("1e-3"));
        QVERIFY(sweep.hasDetails);
        for (const RunRecord &run : sweep.runs) {
            QVERIFY(run.status == RunStatus::Finished);
            QCOMPARE(run.spec.name, std::string("tiny circle"));
            QCOMPARE(run.history.size(), std::size_t(30));
            QCOMPARE(run.weights.size(), std::size_t(4)); // 2 layers x (kernel, bias)
            QCOMPARE(run.weights[0].name, std::string("hidden/kernel"));
            QCOMPARE(run.weights[0].shape, (std::vector<std::size_t>{2, 8}));
        }
        QStringList summary = lines(dir + "/summary.csv");
        QCOMPARE(summary.size(), 5);
        QCOMPARE(summary[0], QString("value,final_train_accuracy,final_test_accuracy,"
                                     "best_test_accuracy,best_epoch,final_train_data_loss,"
                                     "final_test_data_loss,final_reg_loss"));
        QCOMPARE(summary[4].section(',', 0, 0), QString("1"));
        summary = lines(dir + "/summary_details.csv");
        QVERIFY(summary[4].endsWith(",1")); // collapsed
        QVERIFY(summary[1].endsWith(",0"));
        // The plots: (loss, accuracy, 2 path views, 2 layers) x 2 formats, listed as extras.
        QCOMPARE(sweep.manifest.extras.size(), std::size_t(6 * 2));
        int pngs = 0;
        int svgs = 0;
        for (const std::string &extra : sweep.manifest.extras) {
            const QString path = dir + "/" + QString::fromStdString(extra);
            const QByteArray bytes = readAll(path);
            if (path.endsWith(".png")) {
                QImage image;
                QVERIFY2(image.load(path), qPrintable(path));
                QCOMPARE(image.size(), QSize(1100, 660));
                ++pngs;
            } else if (path.endsWith(".svg")) {
                QVERIFY2(bytes.startsWith("<?xml") || bytes.startsWith("<svg"), qPrintable(path));
                ++svgs;
            } else {
                QFAIL(qPrintable("unexpected file " + path));
            }
        }
        QCOMPARE(pngs, 6);
        QCOMPARE(svgs, 6);
        QVERIFY(QFileInfo::exists(dir + "/plots/weights-01-hidden.png"));
        // The λ = 1e-3 run's own metrics agree with its summary.
        const QStringList metrics = lines(dir + "/1e-3/metrics.csv");
        QCOMPARE(metrics.last().split(',')[6].toDouble(), s[1].finalTestAccuracy);

        // A folder that cannot be created: an error naming it.
        QFile blocker(tmp.filePath("file"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(!w.exportBundle(tmp.filePath("file/bundle"), &error));
        QVERIFY2(error.contains(tmp.filePath("file")), qPrintable(error));
    }

    void cliAndWindowWriteTheSameLayout() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        // One experiment file for both, so both train exactly the same runs.
        ExperimentSpec spec;
        const QString cliDir = tmp.filePath("cli");
        cliSweep(tmp, 6, cliDir, spec);
        if (QTest::currentTestFailed())
            return;

        CompareWindow w(spec, QString());
        w.setVariants(makeScaleVariants(spec, -1, PenaltyTerm::L2, kValues));
        w.setEpochs(6);
        QSignalSpy finished(&w, &CompareWindow::finished);
        QVERIFY(w.start());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        const QString guiDir = tmp.filePath("gui");
        QString error;
        QVERIFY2(w.exportBundle(guiDir, &error), qPrintable(error));

        const SweepRecord a = readSweepFolder(cliDir.toStdString());
        const SweepRecord b = readSweepFolder(guiDir.toStdString());
        // The same files, apart from the window's pictures (its extras).
        QStringList guiFiles = filesUnder(guiDir);
        for (const std::string &extra : b.manifest.extras)
            QVERIFY(guiFiles.removeOne(QString::fromStdString(extra)));
        // Both keep each run's weight history (history.csv, run folder version 2).
        const QStringList cliFiles = filesUnder(cliDir);
        QCOMPARE(guiFiles, cliFiles);
        QVERIFY(a.manifest.extras.empty());
        QCOMPARE(a.hasDetails, b.hasDetails);
        QCOMPARE(a.runs.size(), b.runs.size());
        for (std::size_t i = 0; i < a.runs.size(); ++i) {
            QCOMPARE(a.manifest.runs[i].label, b.manifest.runs[i].label);
            QCOMPARE(a.manifest.runs[i].folder, b.manifest.runs[i].folder);
            QCOMPARE(a.manifest.runs[i].value, b.manifest.runs[i].value);
            QVERIFY(a.runs[i].spec == b.runs[i].spec);
            QVERIFY(a.runs[i].status == b.runs[i].status);
            QCOMPARE(a.runs[i].history.size(), b.runs[i].history.size());
            QCOMPARE(a.runs[i].weights.size(), b.runs[i].weights.size());
            // Same experiment, same seed: the same numbers, byte for byte.
            const QString folder = "/" + QString::fromStdString(a.manifest.runs[i].folder);
            for (const char *file :
                 {"/experiment.json", "/metrics.csv", "/history.csv", "/weights.npz", "/run.json"})
                QCOMPARE(readAll(guiDir + folder + file), readAll(cliDir + folder + file));
            QCOMPARE(a.runs[i].version, 2);
            QCOMPARE(b.runs[i].version, 2);
            QCOMPARE(b.runs[i].weightHistory.back().epoch, b.runs[i].history.back().epoch);
            QCOMPARE(a.runs[i].message, b.runs[i].message);
        }
        QCOMPARE(readAll(guiDir + "/summary.csv"), readAll(cliDir + "/summary.csv"));
    }

    /// Runs trained elsewhere (here: reglab-cli sweep, and the same runs as loose folders)
    /// opened side by side: every view is drawn from the folders, the summaries are those of
    /// the training window, and the comparison exports again.
    void finishedRunsOpenFromFolders() {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        ExperimentSpec spec;
        const QString sweepDir = tmp.filePath("sweep");
        cliSweep(tmp, 30, sweepDir, spec);
        if (QTest::currentTestFailed())
            return;

        QString error;
        QVERIFY(!CompareWindow::openRunFolders({tmp.filePath("nothing")}, &error));
        QVERIFY2(error.contains(tmp.filePath("nothing")), qPrintable(error));

        // A sweep folder: its manifest's labels and values.
        std::unique_ptr<CompareWindow> w(CompareWindow::openRunFolders({sweepDir}, &error));
        QVERIFY2(w, qPrintable(error));
        w->setAttribute(Qt::WA_DeleteOnClose, false);
        QVERIFY(w->showsLoadedRuns());
        QSignalSpy finished(w.get(), &CompareWindow::finished);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const std::vector<RunSummary> loaded = w->summaries();
        QCOMPARE(loaded.size(), std::size_t(4));
        QCOMPARE(loaded[1].label, std::string("1e-3"));
        QCOMPARE(loaded[1].value, 1e-3);
        const SweepRecord sweep = readSweepFolder(sweepDir.toStdString());
        for (std::size_t i = 0; i < loaded.size(); ++i) {
            QCOMPARE(loaded[i].epochs, 30);
            QCOMPARE(loaded[i].finalTestAccuracy, sweep.runs[i].history.back().testAccuracy);
            QCOMPARE(w->lossPlot()->plot()->graph(int(i))->dataCount(), 30);
        }
        QVERIFY(loaded[3].collapsed); // λ = 1 collapses, as in the trained comparison
        QVERIFY(!loaded[0].collapsed);
        QCOMPARE(w->pathPlot()->finalTestGraph()->dataCount(), 4);
        QCOMPARE(w->pathPlot()->xPosition(1), -3.0);
        // The weight overlay has epoch 0's histogram (history.csv) and each run's last one.
        QCOMPARE(w->weightPlot()->plot()->graphCount(), 5);
        for (int g = 0; g < 5; ++g)
            QVERIFY2(w->weightPlot()->plot()->graph(g)->dataCount() > 0,
                     qPrintable(QString::number(g)));

        // Exported again: the same runs, byte for byte.
        const QString again = tmp.filePath("again");
        QVERIFY2(w->exportBundle(again, &error), qPrintable(error));
        for (const SweepEntry &run : sweep.manifest.runs) {
            const QString folder = "/" + QString::fromStdString(run.folder);
            for (const char *file :
                 {"/experiment.json", "/metrics.csv", "/history.csv", "/weights.npz", "/run.json"})
                QCOMPARE(readAll(again + folder + file), readAll(sweepDir + folder + file));
        }

        // Loose run folders, given in another order: the λ found in their experiments.
        std::unique_ptr<CompareWindow> loose(CompareWindow::openRunFolders(
            {sweepDir + "/1", sweepDir + "/0", sweepDir + "/1e-3"}, &error));
        QVERIFY2(loose, qPrintable(error));
        loose->setAttribute(Qt::WA_DeleteOnClose, false);
        QSignalSpy looseFinished(loose.get(), &CompareWindow::finished);
        QTRY_COMPARE_WITH_TIMEOUT(looseFinished.count(), 1, 10000);
        const std::vector<RunSummary> s = loose->summaries();
        QCOMPARE(s.size(), std::size_t(3));
        QCOMPARE(s[0].value, 1.0);
        QCOMPARE(s[0].label, std::string("1"));
        QCOMPARE(s[1].value, 0.0);
        QCOMPARE(s[2].finalTestAccuracy, loaded[1].finalTestAccuracy);

        // The setup pane holds the same runs; Run trains them here, to the same numbers.
        QCOMPARE(loose->variants().size(), std::size_t(3));
        QCOMPARE(loose->variants()[0].overrides,
                 std::vector<std::string>{"model.layers.*.kernel_regularizer.l2=1"});
        QVERIFY2(loose->start(), qPrintable(loose->errorText()));
        QVERIFY(!loose->showsLoadedRuns());
        QTRY_COMPARE_WITH_TIMEOUT(looseFinished.count(), 2, 120000);
        const std::vector<RunSummary> trained = loose->summaries();
        for (std::size_t i = 0; i < s.size(); ++i) {
            QCOMPARE(trained[i].finalTestAccuracy, s[i].finalTestAccuracy);
            QCOMPARE(trained[i].finalTestDataLoss, s[i].finalTestDataLoss);
        }
    }

    void cancelStopsRunsMidway() {
        const ExperimentSpec spec = tinySpec();
        CompareWindow w(spec, QString());
        w.setVariants(makeScaleVariants(spec, -1, PenaltyTerm::L2, kValues));
        const int epochs = 100000; // hours: only a cancel ends this
        w.setEpochs(epochs);
        QSignalSpy finished(&w, &CompareWindow::finished);
        QVERIFY(w.start());
        QTRY_VERIFY_WITH_TIMEOUT(w.progressBar(0)->value() >= 2, 60000);
        // One run alone first: it ends, the others go on.
        w.cancelRun(0);
        QTRY_VERIFY_WITH_TIMEOUT(
            w.summaryTable()
                ->item(w.summaryTable()->rowOfRun(0), CompareSummaryTable::StatusColumn)
                ->text()
                .startsWith("Cancelled at epoch"),
            60000);
        QVERIFY(w.isRunning());
        QCOMPARE(finished.count(), 0);
        w.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!w.isRunning());
        for (const RunSummary &s : w.summaries())
            QVERIFY(s.epochs < epochs);
        QVERIFY(w.summaries()[0].epochs >= 2);
        // A new comparison can start after a cancelled one.
        w.setEpochs(3);
        QVERIFY(w.start());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
        for (const RunSummary &s : w.summaries())
            QCOMPARE(s.epochs, 3);
    }

    void closingDuringARunIsClean() {
        const ExperimentSpec spec = tinySpec();
        auto *w = new CompareWindow(spec, QString());
        w->setVariants(makeScaleVariants(spec, -1, PenaltyTerm::L2, kValues));
        w->setEpochs(100000);
        w->show();
        QVERIFY(w->start());
        QTRY_VERIFY_WITH_TIMEOUT(w->progressBar(1)->value() >= 1, 60000);
        QVERIFY(w->close());
        delete w; // waits for nothing: close() already stopped and joined the workers
    }

    void badDataIsReported() {
        ExperimentSpec spec = tinySpec();
        spec.dataset.source = "csv";
        spec.dataset.path = "does-not-exist.csv";
        spec.dataset.target = "label";
        CompareWindow w(spec, QDir::tempPath());
        w.setVariants(makeScaleVariants(spec, -1, PenaltyTerm::L2, {0.0, 1.0}));
        QSignalSpy finished(&w, &CompareWindow::finished);
        QVERIFY(w.start());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY2(w.errorText().contains("does-not-exist.csv"), qPrintable(w.errorText()));
        QVERIFY(w.summaryTable()
                    ->item(w.summaryTable()->rowOfRun(1), CompareSummaryTable::StatusColumn)
                    ->text()
                    .startsWith("Failed"));
    }

    void trainSizesRunOnTheirOwnDataAndRankByValidation() {
        // Each training-set size loads its own data; a validation split makes the dashed
        // curves validation curves and ranks the runs by it.
        ExperimentSpec spec = tinySpec();
        spec.dataset.validationFraction = 0.25;
        spec.training.epochs = 5;
        CompareWindow w(spec, QString());
        w.resize(1400, 900);
        w.setVariants(makeTrainSizeVariants(spec, {20, 100}), VariationKind::TrainSize);
        w.setEpochs(5);
        QSignalSpy finished(&w, &CompareWindow::finished);
        QVERIFY2(w.start(), qPrintable(w.errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY(w.lossPlot()->showsValidation());
        QVERIFY(w.lossPlot()->title().contains("validation"));
        QCOMPARE(w.lossPlot()->testGraph(0)->pen().style(), Qt::DashLine);
        QCOMPARE(w.lossPlot()->trainGraph(0)->pen().style(), Qt::SolidLine);
        QCOMPARE(w.lossPlot()->trainGraph(0)->pen().color(),
                 w.lossPlot()->testGraph(0)->pen().color());
        QVERIFY(w.lossPlot()->trainGraph(0)->visible());
        const std::vector<RunSummary> s = w.summaries();
        QCOMPARE(s.size(), std::size_t(2));
        QVERIFY(s[0].hasValidation && s[1].hasValidation);
        // The runs' training sets differ: their final training losses are not the same run.
        QVERIFY(s[0].finalTrainDataLoss != s[1].finalTrainDataLoss);
        // The dashed curve is the validation loss of each epoch.
        QCOMPARE(w.lossPlot()->testGraph(1)->data()->at(5)->value, s[1].finalValDataLoss);
        QVERIFY(w.validationNote()->isVisibleTo(&w));
        QVERIFY2(w.validationNote()->text().contains("n = 20")
                     || w.validationNote()->text().contains("20"),
                 qPrintable(w.validationNote()->text()));
        // The path is drawn to scale against the size.
        QCOMPARE(w.pathPlot()->xPosition(0), 20.0);
        QCOMPARE(w.pathPlot()->xPosition(1), 100.0);
        QVERIFY(w.pathPlot()->title().contains("training samples"));

        // A log epoch axis leaves epoch 0 out and brings it back.
        CompareCurvesPlot *loss = w.lossPlot();
        const int points = loss->testGraph(0)->dataCount();
        loss->setLogEpochs(true);
        QCOMPARE(loss->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
        QCOMPARE(loss->testGraph(0)->dataCount(), points - 1);
        QVERIFY(loss->plot()->xAxis->range().lower >= 1.0);
        loss->setLogEpochs(false);
        QCOMPARE(loss->testGraph(0)->dataCount(), points);
        QCOMPARE(loss->testGraph(0)->data()->at(0)->key, 0.0);
    }
};

QTEST_MAIN(TestCompareWindow)
#include "tst_compare_window.moc"
