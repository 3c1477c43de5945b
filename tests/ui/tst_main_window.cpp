// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: opens ready to play, every training view reset and fed, save and reopen, the
// core's messages for bad files, recent files, exports read back, live and structural edits
// reach the trainer, divergence message, closing while training.
#include "ui/main_window.h"

#include "support/main_window_support.h"

#include "core/io/experiment_json.h"
#include "core/io/npz.h"
#include "ui/experiment_document.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/neuron_view.h"
#include "ui/plots/weight_image_plot.h"
#include "ui/recent_files.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <qcustomplot.h>

#include <QAction>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

constexpr int kTimeout = 60000;

using test::makeWindow;
using test::trainSmall;

/// What the core says about an experiment file it cannot load (empty when it loads).
QString coreLoadError(const QString &path) {
    try {
        loadExperimentFile(path.toStdString());
    } catch (const std::exception &e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void writeBytes(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

QString readText(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void opensOnDefaultExperimentReadyToPlay();
    void everyViewIsResetAndFed();
    void saveAndReopenGivesSameSpec();
    void openInvalidFileReportsError();
    void openBadFileGivesCoreMessage_data();
    void openBadFileGivesCoreMessage();
    void recentFilesNewestFirst();
    void exportWeightsReadsBack();
    void exportMetricsReadsBack();
    void exportAllPlots_data();
    void exportAllPlots();
    void exportToUnwritablePathFails();
    void liveRegularizerEditReachesTrainer();
    void structuralEditRebuilds();
    void imageDataSwitchesPlotAndFitsOutputUnits();
    void divergenceShowsMessageBar();
    void closeDuringTrainingDoesNotCrash();
    void runBarEditsTheDocument();
};

void TestMainWindow::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RegLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window"));
}

void TestMainWindow::opensOnDefaultExperimentReadyToPlay() {
    auto w = makeWindow();
    QVERIFY(w->document()->spec() == defaultExperiment());
    QVERIFY(!w->document()->isModified());
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(int(w->controller()->history().size()), 1, kTimeout); // epoch 0
    QCOMPARE(w->runBar()->progressText(),
             QStringLiteral("Epoch 0 / %1").arg(defaultExperiment().training.epochs));
    QCOMPARE(w->runBar()->playAction()->text(), QStringLiteral("Play"));
    QVERIFY(w->runBar()->playAction()->isEnabled());
    QCOMPARE(w->visiblePlotTitles().at(3), w->decisionPlot()->title());
    QCOMPARE(w->visiblePlots().size(), 4);
    QVERIFY(!w->isMessageVisible());

    w->runBar()->playAction()->trigger();
    QVERIFY(w->controller()->isRunning());
    QCOMPARE(w->runBar()->playAction()->text(), QStringLiteral("Pause"));
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->epoch() >= 2, kTimeout);
    w->runBar()->playAction()->trigger();
    QVERIFY(!w->controller()->isRunning());
    QCOMPARE(w->runBar()->playAction()->text(), QStringLiteral("Play"));
}

void TestMainWindow::everyViewIsResetAndFed() {
    auto w = makeWindow();
    QCOMPARE(w->views().size(), 8);
    const QList<TrainingView *> visible = w->visibleViews();
    QCOMPARE(visible, (QList<TrainingView *>{w->lossPlot(), w->accuracyPlot(), w->histogramPlot(),
                                             w->decisionPlot()}));
    QCOMPARE(w->visiblePlots().at(0), w->lossPlot()->plot());
    QVERIFY(trainSmall(*w, 3));
    // Snapshots reached every view on screen: epochs 0..3 on the curves, the last
    // histograms, the decision map.
    QCOMPARE(w->lossPlot()->plot()->graph(0)->dataCount(), 4);
    QCOMPARE(w->accuracyPlot()->plot()->graph(0)->dataCount(), 4);
    QCOMPARE(w->histogramPlot()->layerViews().size(), std::size_t(3));
    for (const HistogramPlot::LayerView &layer : w->histogramPlot()->layerViews())
        QVERIFY(!layer.bars->data()->isEmpty());
    QVERIFY(w->decisionPlot()->colorMap()->data()->keySize() > 1);
    // The neuron view, hidden behind the decision map, follows along: every epoch counted.
    QCOMPARE(w->neuronView()->prunedGraph(0)->dataCount(), 4);
    QVERIFY(!w->neuronView()->edges(0).empty());
    QAction *neurons = w->findChild<QAction *>(QStringLiteral("neuronViewAction"));
    QVERIFY(neurons && neurons->isCheckable());
    neurons->trigger();
    QVERIFY(w->isNeuronViewShown());
    QCOMPARE(w->visibleViews().at(3), w->neuronView());
    QVERIFY(!w->neuronView()->unitPicture(0, 0).isNull()); // the run's last unit fields
    neurons->trigger();
    QCOMPARE(w->visibleViews().at(3), w->decisionPlot());

    // A new run (a structural edit rebuilds) resets every view on screen: the curves start
    // again from epoch 0 and the histograms follow the new layer count.
    QSignalSpy ready(w->controller(), &TrainingController::datasetReady);
    w->document()->edit(QStringLiteral("layers"),
                        [](ExperimentSpec &x) { x.model.layers.erase(x.model.layers.begin()); });
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(w->lossPlot()->plot()->graph(0)->dataCount(), 1, kTimeout);
    QCOMPARE(w->accuracyPlot()->plot()->graph(0)->dataCount(), 1);
    QCOMPARE(w->histogramPlot()->layerViews().size(), std::size_t(2));
    QCOMPARE(w->visibleViews(), visible);
}

void TestMainWindow::saveAndReopenGivesSameSpec() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto w = makeWindow();
    auto *doc = w->document();
    doc->edit(QStringLiteral("test"), [](ExperimentSpec &s) {
        s.name = "saved-experiment";
        s.optimizer.learningRate = 0.003;
        s.l2Convention = L2Convention::Tf1;
        s.model.layers[0].kernelRegularizer = RegularizerSpec{1e-4, 2e-3};
        s.dataset.noise = 0.1;
    });
    QVERIFY(doc->isModified());
    const ExperimentSpec saved = doc->spec();

    QString error;
    QVERIFY2(w->saveFile(dir.filePath(QStringLiteral("exp")), &error), qPrintable(error));
    const QString path = dir.filePath(QStringLiteral("exp.reglab.json")); // suffix added
    QVERIFY(QFile::exists(path));
    QCOMPARE(doc->filePath(), path);
    QVERIFY(!doc->isModified());
    QVERIFY(w->windowTitle().startsWith(QStringLiteral("exp.reglab.json")));
    const QString text = readText(path);
    QVERIFY(text.startsWith(QStringLiteral("{\n  \"name\": \"saved-experiment\"")));

    // Saving into another folder does not restart a built spiral experiment.
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer() && !w->controller()->isBuilding(),
                             kTimeout);
    QSignalSpy building(w->controller(), &TrainingController::buildingChanged);
    doc->edit(QStringLiteral("epochs"), [](ExperimentSpec &s) { s.training.epochs = 33; });
    QCOMPARE(building.count(), 0);
    QCOMPARE(w->controller()->targetEpochs(), 33);

    auto other = makeWindow();
    QVERIFY2(other->openFile(path, &error), qPrintable(error));
    QVERIFY(other->document()->spec() == saved);
    QCOMPARE(other->document()->filePath(), path);
    QVERIFY(!other->document()->isModified());
}

void TestMainWindow::openInvalidFileReportsError() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.reglab.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"name\": \"x\", \"seed\": -3}\n");
    }
    auto w = makeWindow();
    QString error;
    QVERIFY(!w->openFile(path, &error));
    QVERIFY2(error.contains(QStringLiteral("broken.reglab.json")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("seed")), qPrintable(error));
    QVERIFY(w->document()->spec() == defaultExperiment()); // unchanged
    QVERIFY(!w->openFile(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.contains(QStringLiteral("missing.json")));
}

void TestMainWindow::openBadFileGivesCoreMessage_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("mentions"); // besides the file name
    QTest::newRow("syntax_error") << QByteArray("{\"name\": \"x\",\n  \"seed\": }\n")
                                  << QStringLiteral("line 2");
    QTest::newRow("unknown_key") << QByteArray("{\"name\": \"x\", \"trainig\": {}}\n")
                                 << QStringLiteral("trainig");
    QTest::newRow("wrong_type") << QByteArray("{\"training\": {\"epochs\": \"ten\"}}\n")
                                << QStringLiteral("training.epochs");
    QTest::newRow("too_large") << QByteArray(16 * 1024 * 1024 + 1, ' ')
                               << QStringLiteral("too large");
}

void TestMainWindow::openBadFileGivesCoreMessage() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.reglab.json"));
    writeBytes(path, bytes);
    auto w = makeWindow();
    QString error;
    QVERIFY(!w->openFile(path, &error));
    QCOMPARE(error, coreLoadError(path)); // one set of messages: the core's
    QVERIFY2(error.contains(QStringLiteral("bad.reglab.json")), qPrintable(error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY(w->document()->spec() == defaultExperiment());
    QVERIFY(w->document()->filePath().isEmpty());
}

void TestMainWindow::recentFilesNewestFirst() {
    QSettings().remove(QStringLiteral("recentFiles"));
    RecentFiles recent;
    for (int i = 0; i < RecentFiles::kMaxFiles + 2; ++i)
        recent.add(QStringLiteral("/f%1.json").arg(i));
    recent.add(QStringLiteral("/f3.json")); // again: moves to the front, once
    QStringList files = recent.files();
    QCOMPARE(files.size(), RecentFiles::kMaxFiles);
    QCOMPARE(files.at(0), QStringLiteral("/f3.json"));
    QCOMPARE(files.at(1), QStringLiteral("/f9.json"));
    QCOMPARE(files.count(QStringLiteral("/f3.json")), 1);

    QMenu menu;
    recent.attachMenu(&menu);
    QSignalSpy chosen(&recent, &RecentFiles::fileChosen);
    emit menu.aboutToShow();
    QCOMPARE(menu.actions().size(), RecentFiles::kMaxFiles + 2); // files, separator, clear
    menu.actions().at(1)->trigger();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("/f9.json"));
    menu.actions().constLast()->trigger(); // Clear list
    QVERIFY(recent.files().isEmpty());
    emit menu.aboutToShow();
    QCOMPARE(menu.actions().size(), 1);
    QVERIFY(!menu.actions().at(0)->isEnabled()); // "No recent files"

    recent.setPersistent(false);
    recent.add(QStringLiteral("/g.json"));
    QVERIFY(recent.files().isEmpty());

    // The window records what it opens and saves only when it keeps settings.
    QTemporaryDir dir;
    auto w = makeWindow();
    QString error;
    QVERIFY2(w->saveFile(dir.filePath(QStringLiteral("kept")), &error), qPrintable(error));
    QVERIFY(w->recentFiles()->files().isEmpty());
    w->setPersistSettings(true);
    QVERIFY2(w->openFile(dir.filePath(QStringLiteral("kept.reglab.json")), &error),
             qPrintable(error));
    QCOMPARE(w->recentFiles()->files(),
             QStringList{
                 QFileInfo(dir.filePath(QStringLiteral("kept.reglab.json"))).absoluteFilePath()});
    w->setPersistSettings(false);
    QSettings().remove(QStringLiteral("recentFiles"));
}

void TestMainWindow::exportWeightsReadsBack() {
    QTemporaryDir dir;
    auto w = makeWindow();
    QVERIFY(trainSmall(*w, 3));
    const QString path = dir.filePath(QStringLiteral("weights.npz"));
    QString error;
    QVERIFY2(w->exportWeights(path, &error), qPrintable(error));
    const auto arrays = readNpz(path.toStdString());
    QCOMPARE(int(arrays.size()), 6); // kernel + bias of 3 layers
    const auto weights = w->controller()->weights();
    QVERIFY(weights);
    for (const auto &layer : weights->layers()) {
        bool foundKernel = false;
        for (const auto &a : arrays) {
            if (a.name != layer.name + "/kernel")
                continue;
            foundKernel = true;
            // [in, out] row-major is the column-major out x in kernel's memory.
            QCOMPARE(a.shape, (std::vector<std::size_t>{std::size_t(layer.kernel.cols()),
                                                        std::size_t(layer.kernel.rows())}));
            QCOMPARE(a.data.size(), std::size_t(layer.kernel.size()));
            for (Index i = 0; i < layer.kernel.size(); ++i)
                QCOMPARE(a.data[std::size_t(i)], layer.kernel.data()[i]);
        }
        QVERIFY2(foundKernel, layer.name.c_str());
    }
}

void TestMainWindow::exportMetricsReadsBack() {
    QTemporaryDir dir;
    auto w = makeWindow();
    QVERIFY(trainSmall(*w, 4));
    const QString path = dir.filePath(QStringLiteral("metrics.csv"));
    QString error;
    QVERIFY2(w->exportMetrics(path, &error), qPrintable(error));
    const QStringList lines = readText(path).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 4); // header + epochs 1..4
    QVERIFY(lines[0].startsWith(QStringLiteral("epoch,train_data_loss,test_data_loss,reg_loss,"
                                               "total_loss,train_accuracy,test_accuracy,")));
    QVERIFY(lines[0].contains(QStringLiteral("hidden1.l2_loss")));
    for (int i = 1; i <= 4; ++i)
        QVERIFY(lines[i].startsWith(QString::number(i) + QLatin1Char(',')));
    const double firstLoss = lines[1].split(QLatin1Char(',')).at(1).toDouble();
    QCOMPARE(firstLoss, w->controller()->history().at(1).trainDataLoss);
}

void TestMainWindow::exportAllPlots_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("png") << QStringLiteral("png");
    QTest::newRow("svg") << QStringLiteral("svg");
    QTest::newRow("pdf") << QStringLiteral("pdf");
}

void TestMainWindow::exportAllPlots() {
    QFETCH(QString, format);
    QTemporaryDir dir;
    auto w = makeWindow();
    w->resize(1600, 1000);
    w->show();
    QVERIFY(trainSmall(*w, 3));
    QString error;
    QVERIFY2(w->exportAllPlots(dir.path(), format, &error), qPrintable(error));
    const QStringList files = QDir(dir.path()).entryList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 4);
    QVERIFY(files.contains(QStringLiteral("loss-terms.") + format));
    for (const QString &f : files) {
        QVERIFY(f.endsWith(QLatin1Char('.') + format));
        QVERIFY(QFileInfo(dir.filePath(f)).size() > 100);
        if (format == QLatin1String("png")) {
            const QImage image(dir.filePath(f));
            QVERIFY(!image.isNull());
            QVERIFY(image.width() > 100 && image.height() > 100);
        }
    }
}

void TestMainWindow::exportToUnwritablePathFails() {
    QTemporaryDir dir;
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    const QString bad = dir.filePath(QStringLiteral("no-such-folder/out"));
    QString error;
    QVERIFY(!w->exportMetrics(bad + ".csv", &error));
    QVERIFY2(error.contains(QStringLiteral("out.csv")), qPrintable(error));
    QVERIFY(!w->exportWeights(bad + ".npz", &error));
    QVERIFY2(error.contains(QStringLiteral("out.npz")), qPrintable(error));
    QVERIFY(!w->saveFile(bad + ".reglab.json", &error));
    QVERIFY2(error.contains(QStringLiteral("out.reglab.json")), qPrintable(error));
    QVERIFY(w->document()->filePath().isEmpty());
}

void TestMainWindow::liveRegularizerEditReachesTrainer() {
    auto w = makeWindow();
    ExperimentSpec s = defaultExperiment();
    s.training.epochs = limits::kMaxEpochs;
    w->document()->load(s);
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QSignalSpy building(w->controller(), &TrainingController::buildingChanged);
    w->controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->epoch() >= 2, kTimeout);
    w->document()->edit(
        QStringLiteral("λ"),
        [](ExperimentSpec &x) {
            x.model.layers[1].kernelRegularizer = RegularizerSpec{0, 0.01};
        },
        ExperimentDocument::MergeKernelScale);
    QVERIFY(w->controller()->isRunning()); // no restart
    QTRY_VERIFY_WITH_TIMEOUT(!w->controller()->history().empty()
                                 && w->controller()->history().back().layers.at(1).kernelL2Loss
                                        > 0.0,
                             kTimeout);
    const LayerMetrics &l = w->controller()->history().back().layers.at(1);
    QVERIFY(std::abs(l.kernelL2Loss - 0.01 * l.kernelL2Norm * l.kernelL2Norm)
            <= 1e-4 * l.kernelL2Loss);
    QCOMPARE(building.count(), 0);
    w->controller()->pause();
}

void TestMainWindow::structuralEditRebuilds() {
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QSignalSpy ready(w->controller(), &TrainingController::datasetReady);
    w->document()->edit(QStringLiteral("units"),
                        [](ExperimentSpec &x) { x.model.layers[0].units = 12; });
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeout);
    QCOMPARE(w->controller()->builtSpec().model.layers[0].units, 12);
    QCOMPARE(int(w->controller()->weights()->layers()[0].kernel.rows()), 12);
    w->document()->undoStack()->undo();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kTimeout);
    QCOMPARE(w->controller()->builtSpec().model.layers[0].units,
             defaultExperiment().model.layers[0].units);
}

void TestMainWindow::imageDataSwitchesPlotAndFitsOutputUnits() {
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QSignalSpy ready(w->controller(), &TrainingController::datasetReady);
    w->document()->edit(QStringLiteral("data"), [](ExperimentSpec &x) {
        x.dataset.source = "mnist-10k";
        x.dataset.limit = 300;
    });
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeout);
    QCOMPARE(w->document()->spec().model.layers.back().units, 10); // fitted to the data
    QCOMPARE(w->visiblePlotTitles().at(3), w->weightImagePlot()->title());
    QVERIFY(!w->controller()->isBuilding()); // fitting did not trigger a second build
    QCOMPARE(ready.count(), 1);

    w->document()->undoStack()->undo(); // back to the spiral with 2 outputs
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kTimeout);
    QCOMPARE(w->document()->spec().model.layers.back().units, 2);
    QCOMPARE(w->visiblePlotTitles().at(3), w->decisionPlot()->title());
}

void TestMainWindow::divergenceShowsMessageBar() {
    auto w = makeWindow();
    ExperimentSpec s = defaultExperiment();
    s.dataset.source = "plane"; // regression: the window switches the loss to mse
    s.optimizer.type = OptimizerKind::Sgd;
    s.optimizer.learningRate = 1e6;
    w->document()->load(s);
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QVERIFY(w->document()->spec().loss == LossKind::MeanSquaredError);
    QCOMPARE(w->document()->spec().model.layers.back().units, 1);
    w->controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(w->isMessageVisible(), kTimeout);
    QVERIFY2(w->messageText().contains(QStringLiteral("diverged")), qPrintable(w->messageText()));
    QVERIFY(!w->controller()->isRunning());
    QCOMPARE(w->runBar()->playAction()->text(), QStringLiteral("Play"));
    // Still usable: a smaller learning rate and Reset train again.
    w->document()->edit(QStringLiteral("lr"),
                        [](ExperimentSpec &x) { x.optimizer.learningRate = 0.01; });
    w->runBar()->resetAction()->trigger();
    QVERIFY(!w->isMessageVisible());
    QTRY_COMPARE_WITH_TIMEOUT(w->controller()->epoch(), 0, kTimeout);
    w->controller()->stepEpoch();
    QTRY_COMPARE_WITH_TIMEOUT(w->controller()->epoch(), 1, kTimeout);
    QVERIFY(std::isfinite(w->controller()->history().back().trainDataLoss));
}

void TestMainWindow::closeDuringTrainingDoesNotCrash() {
    auto w = makeWindow();
    w->show();
    ExperimentSpec s = defaultExperiment();
    s.training.epochs = limits::kMaxEpochs;
    w->document()->load(s);
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    w->controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->epoch() >= 2, kTimeout);
    QVERIFY(w->close());
    QVERIFY(!w->controller()->isRunning());
    QElapsedTimer timer;
    timer.start();
    w.reset(); // joins the worker thread
    QVERIFY(timer.elapsed() < 2000);
}

void TestMainWindow::runBarEditsTheDocument() {
    auto w = makeWindow();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QSignalSpy building(w->controller(), &TrainingController::buildingChanged);
    RunBar *bar = w->runBar();
    auto *doc = w->document();
    QCOMPARE(bar->learningRateSpin()->value(), 0.01);
    // Arrows walk the 1-2-5 grid; the steps merge into one undo command.
    bar->learningRateSpin()->stepBy(1);
    QCOMPARE(doc->spec().optimizer.learningRate, 0.02);
    bar->learningRateSpin()->stepBy(-2);
    QCOMPARE(doc->spec().optimizer.learningRate, 0.005);
    QCOMPARE(bar->learningRateSpin()->text(), QStringLiteral("0.005"));
    bar->learningRateSpin()->setValue(1e-4);
    QCOMPARE(bar->learningRateSpin()->text(), QStringLiteral("1e-4"));
    QCOMPARE(doc->undoStack()->count(), 1);
    QCOMPARE(w->controller()->builtSpec().optimizer.learningRate, 1e-4); // live
    doc->undoStack()->undo();
    QCOMPARE(doc->spec().optimizer.learningRate, 0.01);
    QCOMPARE(bar->learningRateSpin()->value(), 0.01);

    bar->epochsSpin()->setValue(37); // the target moves, the network stays
    QCOMPARE(doc->spec().training.epochs, 37);
    QCOMPARE(w->controller()->targetEpochs(), 37);
    QCOMPARE(bar->progressText(), QStringLiteral("Epoch 0 / 37"));
    QCOMPARE(building.count(), 0);

    bar->conventionCombo()->setCurrentIndex(1);
    emit bar->conventionCombo()->activated(1);
    QVERIFY(doc->spec().l2Convention == L2Convention::Tf1);
    QVERIFY(w->controller()->builtSpec().l2Convention == L2Convention::Tf1);

    bar->seedSpin()->setValue(7); // new weights and data: rebuild
    QCOMPARE(doc->spec().seed, std::uint64_t(7));
    QVERIFY(w->controller()->isBuilding());
    QTRY_VERIFY_WITH_TIMEOUT(!w->controller()->isBuilding(), kTimeout);
    QCOMPARE(w->controller()->builtSpec().seed, std::uint64_t(7));
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
