// SPDX-License-Identifier: GPL-3.0-or-later
// The window tells the truth about its state: a failed data load empties every panel and
// says why (Play too), undo brings the data back without a stale error, each synthetic set
// brings its own noise, the lesson panel follows the open experiment, trained runs are
// saved (File > Save run…) or asked about before they are lost, the experiment's name and
// description are edited undoably, and the speed control paces Play.
#include "ui/main_window.h"

#include "support/main_window_support.h"

#include "core/io/experiment_json.h"
#include "core/io/run_folder.h"
#include "ui/editor/dataset_panel.h"
#include "ui/editor/network_editor.h"
#include "ui/editor/network_editor_items.h"
#include "ui/experiment_document.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/neuron_view.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <qcustomplot.h>

#include "ui/editor/number_box.h"
#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

constexpr int kTimeout = 60000;

using test::makeWindow;
using test::trainSmall;

template<typename T>
T *child(QObject *parent, const char *name) {
    T *object = parent->findChild<T *>(QString::fromLatin1(name));
    if (!object)
        qFatal("no child %s", name);
    return object;
}

/// Answers the next "unsaved run" box by clicking the button named `button`; `*seen` says
/// whether one appeared. Polls, since the box only exists once exec() runs.
void answerRunBox(const QString &button, bool *seen, int tries = 200) {
    QTimer::singleShot(20, qApp, [button, seen, tries] {
        QWidget *modal = QApplication::activeModalWidget();
        if (modal && modal->objectName() == QStringLiteral("unsavedRunBox")) {
            *seen = true;
            modal->findChild<QPushButton *>(button)->click();
        } else if (tries > 0) {
            answerRunBox(button, seen, tries - 1);
        }
    });
}

QString inputBlockText(MainWindow &w) {
    for (QGraphicsItem *item : w.networkEditor()->scene()->items()) {
        if (item->type() != NetworkBlockItem::Type)
            continue;
        auto *block = static_cast<NetworkBlockItem *>(item);
        if (block->kind() == BlockKind::Input)
            return block->content().title + QStringLiteral(" / ") + block->content().subtitle;
    }
    return {};
}

int lossPoints(MainWindow &w) {
    QCustomPlot *plot = w.lossPlot()->plot();
    int points = 0;
    for (int i = 0; i < plot->graphCount(); ++i)
        points += plot->graph(i)->dataCount();
    return points;
}

/// Trains the window's current experiment to its last epoch (its undo history kept).
bool playToEnd(MainWindow &w) {
    if (!QTest::qWaitFor(
            [&] { return w.controller()->hasTrainer() && !w.controller()->isBuilding(); },
            kTimeout))
        return false;
    QSignalSpy finished(w.controller(), &TrainingController::finished);
    w.controller()->play();
    return finished.wait(kTimeout) || finished.count() == 1;
}

void writeText(const QString &path, const QByteArray &text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class TestState : public QObject {
    Q_OBJECT
private slots:
    void failedCsvLoadEmptiesEveryPanel_data();
    void failedCsvLoadEmptiesEveryPanel();
    void syntheticSetsBringTheirOwnNoise();
    void lessonPanelFollowsTheExperiment();
    void saveRunReadsBack();
    void saveRunAfterThinningWritesEveryEpoch();
    void closePromptCoversAnUnsavedRun();
    void editThatDiscardsARunAsksFirst();
    void nameAndDescriptionEditable();
    void speedControlPacesPlay();
};

void TestState::failedCsvLoadEmptiesEveryPanel_data() {
    QTest::addColumn<QByteArray>("contents"); // empty: the file is missing
    QTest::newRow("missing") << QByteArray();
    QTest::newRow("malformed") << QByteArray("a,b,y\n1,oops,0\n2,3,1\n");
}

void TestState::failedCsvLoadEmptiesEveryPanel() {
    QFETCH(QByteArray, contents);
    auto w = makeWindow();
    QVERIFY(trainSmall(*w, 5));
    QVERIFY(lossPoints(*w) > 0);
    auto *panel = w->datasetPanel();
    auto *error = child<QLabel>(panel, "errorLabel");
    auto *preview = child<QStackedWidget>(panel, "previewStack");
    QCOMPARE(preview->currentWidget()->objectName(), QStringLiteral("previewPlot"));

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("data.csv"));
    if (!contents.isEmpty())
        writeText(csv, contents);
    QSignalSpy failed(w->controller(), &TrainingController::errorOccurred);
    panel->chooseCsvFile(csv, QStringLiteral("y"));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeout);

    // Every part says "no data", and why: no plot, input block or preview of the old set.
    QVERIFY(error->isVisibleTo(panel));
    QVERIFY(error->text().contains(QStringLiteral("data.csv")));
    QVERIFY(preview->currentWidget()->objectName() != QStringLiteral("previewPlot"));
    QVERIFY(child<QLabel>(panel, "summaryLabel")->text().isEmpty());
    QCOMPARE(lossPoints(*w), 0);
    QVERIFY2(inputBlockText(*w).contains(QStringLiteral("could not be loaded")),
             qPrintable(inputBlockText(*w)));
    QVERIFY(w->isMessageVisible());
    QCOMPARE(w->controller()->epoch(), 0);
    QVERIFY(w->runBar()->progressText().startsWith(QStringLiteral("Epoch 0 /")));
    // Play is no silent no-op: disabled, and its tool tip says why.
    QAction *play = w->runBar()->playAction();
    QVERIFY(!play->isEnabled());
    QVERIFY(!w->runBar()->stepAction()->isEnabled());
    QVERIFY2(play->toolTip().contains(QStringLiteral("data.csv")), qPrintable(play->toolTip()));

    // Undo: the moons come back, and the error goes; never both at once.
    QSignalSpy ready(w->controller(), &TrainingController::datasetReady);
    w->document()->undoStack()->undo();
    QVERIFY(!error->isVisibleTo(panel)); // stale as soon as the data set changes
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kTimeout);
    QCOMPARE(preview->currentWidget()->objectName(), QStringLiteral("previewPlot"));
    QVERIFY(!error->isVisibleTo(panel));
    QVERIFY(inputBlockText(*w).startsWith(QStringLiteral("Input · 2")));
    QVERIFY(play->isEnabled());
    QVERIFY(w->runBar()->stepAction()->isEnabled());
}

void TestState::syntheticSetsBringTheirOwnNoise() {
    auto w = makeWindow();
    ExperimentDocument *doc = w->document();
    QCOMPARE(doc->spec().dataset.source, std::string("moons"));
    QCOMPARE(doc->spec().dataset.noise, 0.35);
    w->datasetPanel()->chooseSource(QStringLiteral("spiral"));
    QCOMPARE(doc->spec().dataset.source, std::string("spiral"));
    QCOMPARE(doc->spec().dataset.noise, 0.2);
    QCOMPARE(doc->spec().dataset.samples, 500);
    QCOMPARE(child<NumberBox>(w->datasetPanel(), "noiseSpin")->value(), 0.2);
    QCOMPARE(doc->undoStack()->count(), 1); // the switch and its defaults: one step
    doc->undoStack()->undo();
    QCOMPARE(doc->spec().dataset.source, std::string("moons"));
    QCOMPARE(doc->spec().dataset.noise, 0.35);
    QCOMPARE(doc->spec().dataset.samples, 100);
}

void TestState::lessonPanelFollowsTheExperiment() {
    auto w = makeWindow();
    w->show();
    QVERIFY(w->openLesson(1));
    QCOMPARE(w->lessonViewer()->lesson(), 1);
    QVERIFY(w->lessonDock()->isVisible());
    QVERIFY(w->openLesson(2));
    QCOMPARE(w->lessonViewer()->lesson(), 2);
    w->newExperiment(); // an experiment that is no lesson: the panel closes
    QCOMPARE(w->lessonViewer()->lesson(), 0);
    QVERIFY(!w->lessonDock()->isVisible());

    QVERIFY(w->openLesson(1));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.reglab.json"));
    saveExperimentFile(defaultExperiment(), path.toStdString());
    QVERIFY(w->openFile(path));
    QCOMPARE(w->lessonViewer()->lesson(), 0);
    QVERIFY(!w->lessonDock()->isVisible());
}

void TestState::saveRunAfterThinningWritesEveryEpoch() {
    // Past kThinnedEpochs the history and the curves keep one epoch in two (plus the pins),
    // but Save run still writes every epoch: byte for byte reglab-cli's metrics.csv of the
    // same experiment on the same thread count.
    const QString cli = qEnvironmentVariable("REGLAB_CLI");
    QVERIFY2(QFileInfo(cli).isExecutable(), "REGLAB_CLI is not set");
    auto w = makeWindow();
    const int epochs = int(kThinnedEpochs) + 600;
    ExperimentSpec s = defaultExperiment();
    s.dataset.samples = 60;
    s.model.layers[0].units = 4;
    s.model.layers[1].units = 4;
    s.training.histogramBins = 4;
    s.training.epochs = epochs;
    w->controller()->setThreads(1);
    w->document()->load(s);
    QSignalSpy finished(w->controller(), &TrainingController::finished);
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    w->controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 && w->controller()->epoch() == epochs, 120000);
    // 2600 / 2 + 1 = 1301 <= 2000: stride 2, the even epochs, the last and the pins.
    const std::vector<EpochMetrics> &history = w->controller()->history();
    QCOMPARE(w->controller()->historyStride(), 2);
    QVERIFY2(history.size() <= std::size_t(epochs / 2 + 5),
             qPrintable(QString::number(history.size())));
    QCOMPARE(history.back().epoch, epochs);
    QCOMPARE(w->controller()->metricsLog().rows(), std::size_t(epochs));
    // Every curve holds exactly the kept epochs.
    const ThinnedCurves &curves = w->lossPlot()->curves();
    QCOMPARE(curves.stride(), 2);
    QVERIFY(curves.epochs().size() <= std::size_t(epochs / 2 + 5));
    for (int i = 0; i < w->lossPlot()->plot()->graphCount(); ++i) {
        const QCPGraph *g = w->lossPlot()->plot()->graph(i);
        if (!g->data()->isEmpty())
            QCOMPARE(std::size_t(g->data()->size()), curves.epochs().size());
    }
    QCOMPARE(std::size_t(w->accuracyPlot()->plot()->graph(0)->data()->size()),
             w->accuracyPlot()->curves().epochs().size());
    QVERIFY(w->lossPlot()->readoutAt(1001).contains(QStringLiteral("1 epoch in 2")));

    QTemporaryDir dir;
    QString error;
    const QString gui = dir.filePath(QStringLiteral("gui"));
    QVERIFY2(w->saveRun(gui, &error), qPrintable(error));
    const QString out = dir.filePath(QStringLiteral("cli"));
    QProcess p;
    p.start(cli, {QStringLiteral("train"), gui + QStringLiteral("/experiment.json"),
                  QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("--out"), out,
                  QStringLiteral("-q")});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const auto readAll = [](const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray mine = readAll(gui + QStringLiteral("/metrics.csv"));
    QCOMPARE(mine.count('\n'), epochs + 1); // the header and every epoch
    QCOMPARE(mine, readAll(out + QStringLiteral("/metrics.csv")));
    const RunRecord record = readRunFolder(gui.toStdString());
    QCOMPARE(int(record.history.size()), epochs);
    // With the weights over time the histogram view kept: stride 32 (2600 / 32 + 1 = 82 <=
    // 100), so epochs 0, 32, ..., 2592 and the last, 2600.
    QCOMPARE(record.weightHistory.size(), std::size_t(83));
    QCOMPARE(record.weightHistory.front().epoch, 0);
    QCOMPARE(record.weightHistory.back().epoch, epochs);
}

void TestState::saveRunReadsBack() {
    auto w = makeWindow();
    QTemporaryDir dir;
    QString error;
    QVERIFY(!w->saveRun(dir.filePath(QStringLiteral("early")), &error)); // nothing trained yet
    QVERIFY(error.contains(QStringLiteral("no trained run")));
    QVERIFY(trainSmall(*w, 6));
    QVERIFY(w->hasUnsavedRun());
    w->setExperimentProperties(QStringLiteral("saved-moons"), QStringLiteral("six epochs"));
    const QString run = dir.filePath(QStringLiteral("run"));
    QVERIFY2(w->saveRun(run, &error), qPrintable(error));
    QVERIFY(!w->hasUnsavedRun());
    const RunRecord record = readRunFolder(run.toStdString());
    QCOMPARE(record.history.size(), std::size_t(6));
    QVERIFY(record.status == RunStatus::Finished);
    QCOMPARE(record.spec.name, std::string("saved-moons"));
    QCOMPARE(record.spec.description, std::string("six epochs"));
    QCOMPARE(record.weights.size(), 2 * w->controller()->builtSpec().model.layers.size());
    // The last epoch's metrics, as trained.
    QCOMPARE(record.history.back().testDataLoss, w->controller()->history().back().testDataLoss);

    // Not into a folder that holds something else.
    const QString busy = dir.filePath(QStringLiteral("busy"));
    QVERIFY(QDir().mkpath(busy));
    writeText(busy + QStringLiteral("/notes.txt"), "mine");
    QVERIFY(!w->saveRun(busy, &error));
    QVERIFY(error.contains(QStringLiteral("other files")));
    // A stopped run says so (paced, so that it is still running when saved).
    w->setEpochsPerSecond(50.0);
    w->controller()->setTargetEpochs(1000);
    w->controller()->play();
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->epoch() >= 8, kTimeout);
    QVERIFY2(w->saveRun(run, &error), qPrintable(error)); // pauses first
    const RunRecord stopped = readRunFolder(run.toStdString());
    QVERIFY2(stopped.status == RunStatus::Stopped,
             qPrintable(QString::fromUtf8(toString(stopped.status).data())
                        + QStringLiteral(" at epoch %1 of %2")
                              .arg(w->controller()->epoch())
                              .arg(w->controller()->targetEpochs())));
    QVERIFY(stopped.history.size() >= 8);
}

void TestState::closePromptCoversAnUnsavedRun() {
    auto w = makeWindow();
    w->show();
    w->setAskBeforeDiscard(true);
    QVERIFY(!w->document()->isModified());
    bool seen = false;
    answerRunBox(QStringLiteral("cancelButton"), &seen, 10);
    QVERIFY(w->close()); // nothing trained: no question
    QTest::qWait(400);
    QVERIFY(!seen);
    w->show();

    QVERIFY(trainSmall(*w, 4));
    QVERIFY(!w->document()->isModified()); // only the run is unsaved
    answerRunBox(QStringLiteral("cancelButton"), &seen);
    QVERIFY(!w->close());
    QVERIFY(seen);
    QVERIFY(w->isVisible());

    seen = false;
    answerRunBox(QStringLiteral("discardRunButton"), &seen);
    QVERIFY(w->close());
    QVERIFY(seen);
}

void TestState::editThatDiscardsARunAsksFirst() {
    auto w = makeWindow();
    w->show();
    QVERIFY(trainSmall(*w, 5));
    w->setAskBeforeDiscard(true);
    ExperimentDocument *doc = w->document();
    const ExperimentSpec trained = doc->spec();

    // A live change keeps the run: no question.
    bool seen = false;
    answerRunBox(QStringLiteral("cancelButton"), &seen, 10);
    doc->edit(QStringLiteral("lr"), [](ExperimentSpec &s) { s.optimizer.learningRate = 0.02; });
    QTest::qWait(400);
    QVERIFY(!seen);
    QCOMPARE(w->controller()->epoch(), 5);

    // Adding a layer would discard it: Cancel keeps both the spec and the run.
    answerRunBox(QStringLiteral("cancelButton"), &seen);
    w->networkEditor()->addLayer(1);
    QVERIFY(seen);
    QCOMPARE(doc->spec().model.layers.size(), trained.model.layers.size());
    QCOMPARE(w->controller()->epoch(), 5);
    QVERIFY(w->hasUnsavedRun());

    // Discard: the edit goes through and the run starts over.
    seen = false;
    answerRunBox(QStringLiteral("discardRunButton"), &seen);
    w->networkEditor()->addLayer(1);
    QVERIFY(seen);
    QCOMPARE(doc->spec().model.layers.size(), trained.model.layers.size() + 1);
    QTRY_COMPARE_WITH_TIMEOUT(w->controller()->hasTrainer() && !w->controller()->isBuilding(), true,
                              kTimeout);
    QCOMPARE(w->controller()->epoch(), 0);
    QVERIFY(!w->hasUnsavedRun());

    // Undo of that edit (Edit ▸ Undo, Ctrl+Z) after a new run asks the same question.
    const auto triggerAnswering = [&w](const char *name, const QString &button) {
        QAction *action = child<QAction>(w.get(), name);
        bool asked = false;
        answerRunBox(button, &asked);
        action->trigger();
        return asked;
    };
    QVERIFY(playToEnd(*w));
    QVERIFY(triggerAnswering("undoAction", QStringLiteral("cancelButton")));
    QCOMPARE(doc->spec().model.layers.size(), trained.model.layers.size() + 1);
    QCOMPARE(w->controller()->epoch(), 5);
    QVERIFY(triggerAnswering("undoAction", QStringLiteral("discardRunButton")));
    QCOMPARE(doc->spec().model.layers.size(), trained.model.layers.size());
    // Redo is guarded too.
    QVERIFY(playToEnd(*w));
    QVERIFY(triggerAnswering("redoAction", QStringLiteral("cancelButton")));
    QCOMPARE(doc->spec().model.layers.size(), trained.model.layers.size());
}

void TestState::nameAndDescriptionEditable() {
    auto w = makeWindow();
    ExperimentDocument *doc = w->document();
    w->setExperimentProperties(QStringLiteral("mnist-digits"), QStringLiteral("Digits, L2 1e-3"));
    QCOMPARE(doc->spec().name, std::string("mnist-digits"));
    QCOMPARE(doc->spec().description, std::string("Digits, L2 1e-3"));
    QVERIFY(w->windowTitle().contains(QStringLiteral("mnist-digits")));
    QVERIFY(doc->isModified());
    doc->undoStack()->undo();
    QCOMPARE(doc->spec().name, defaultExperiment().name);
    QCOMPARE(doc->spec().description, defaultExperiment().description);
    doc->undoStack()->redo();
    w->setExperimentProperties(QStringLiteral("  "), QStringLiteral("x")); // no empty name
    QCOMPARE(doc->spec().name, std::string("mnist-digits"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("digits.reglab.json"));
    QVERIFY(w->saveFile(path));
    const ExperimentSpec saved = loadExperimentFile(path.toStdString());
    QCOMPARE(saved.name, std::string("mnist-digits"));
    QCOMPARE(saved.description, std::string("Digits, L2 1e-3"));
    QVERIFY(w->findChild<QAction *>(QStringLiteral("propertiesAction")));
    QVERIFY(w->findChild<QAction *>(QStringLiteral("saveRunAction")));
}

void TestState::speedControlPacesPlay() {
    auto w = makeWindow();
    QComboBox *speed = w->runBar()->speedCombo();
    QCOMPARE(speed->currentData().toDouble(), 0.0); // as fast as possible by default
    QCOMPARE(w->controller()->epochsPerSecond(), 0.0);
    const int fivePerSecond = speed->findData(5.0);
    QVERIFY(fivePerSecond > 0);
    speed->setCurrentIndex(fivePerSecond);
    emit speed->activated(fivePerSecond);
    QCOMPARE(w->controller()->epochsPerSecond(), 5.0);
    auto *menu = child<QMenu>(w.get(), "speedMenu");
    const QList<QAction *> actions = menu->actions();
    const auto checked =
        std::find_if(actions.begin(), actions.end(), [](QAction *a) { return a->isChecked(); });
    QVERIFY(checked != actions.end());
    QCOMPARE((*checked)->data().toDouble(), 5.0);

    // Paced: 4 epochs at 5/s take 0.6 s at least (three waits of 0.2 s).
    ExperimentSpec s = defaultExperiment();
    s.dataset.samples = 120;
    s.model.layers[0].units = 8;
    s.model.layers[1].units = 8;
    s.training.epochs = 4;
    w->document()->load(s);
    QTRY_VERIFY_WITH_TIMEOUT(w->controller()->hasTrainer(), kTimeout);
    QSignalSpy finished(w->controller(), &TrainingController::finished);
    QElapsedTimer timer;
    timer.start();
    w->runBar()->playAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kTimeout);
    QVERIFY2(timer.elapsed() >= 600, qPrintable(QString::number(timer.elapsed())));

    // The menu sets it back, and the combo follows.
    actions.front()->trigger();
    QCOMPARE(w->controller()->epochsPerSecond(), 0.0);
    QCOMPARE(speed->currentData().toDouble(), 0.0);
}

QTEST_MAIN(TestState)
#include "tst_state.moc"
