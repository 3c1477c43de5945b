// SPDX-License-Identifier: GPL-3.0-or-later
// TrainingController + TrainingWorker: snapshots, pause/step/resume, live parameter
// changes, reset, divergence, build errors and a clean stop on destruction.
#include "ui/training/training_controller.h"

#include "core/io/metrics_csv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <cmath>
#include <cstring>
#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

constexpr int kLongTimeout = 60000;

/// The default spiral experiment, smaller so that an epoch takes well under a millisecond.
ExperimentSpec smallSpec(int epochs) {
    ExperimentSpec s = defaultExperiment();
    s.dataset.samples = 120;
    s.model.layers[0].units = 16;
    s.model.layers[1].units = 16;
    s.training.epochs = epochs;
    return s;
}

/// Every epoch number the snapshots in `spy` carried, in order.
std::vector<int> epochsOf(const QSignalSpy &spy) {
    std::vector<int> out;
    for (const auto &args : spy) {
        const auto s = args.at(0).value<TrainingSnapshot>();
        for (const auto &m : s.epochs)
            out.push_back(m.epoch);
    }
    return out;
}

/// Trains `spec` to its last epoch at `epochsPerSecond` (0: full speed); the history, the
/// final weights and the seconds from Play to the end.
struct PacedRun {
    std::vector<EpochMetrics> history;
    std::shared_ptr<const Network<float>> weights;
    double seconds = 0.0;
};
PacedRun trainAt(const ExperimentSpec &spec, double epochsPerSecond) {
    PacedRun run;
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy finished(&c, &TrainingController::finished);
    c.setEpochsPerSecond(epochsPerSecond);
    c.setExperiment(spec);
    if (!QTest::qWaitFor([&] { return ready.count() == 1 && c.historyWeights(); }, kLongTimeout))
        return run;
    QElapsedTimer timer;
    timer.start();
    c.play();
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, kLongTimeout))
        return run;
    run.seconds = double(timer.elapsed()) / 1000.0;
    // The last snapshot is sent before finished().
    if (c.epoch() != spec.training.epochs)
        return run;
    run.history = c.history();
    run.weights = c.historyWeights();
    return run;
}

/// Bit for bit: every number metrics.csv keeps (shortest round-trip text), plus the step,
/// the learning rate and the parameter-change marks.
bool sameHistory(const std::vector<EpochMetrics> &a, const std::vector<EpochMetrics> &b) {
    if (a.size() != b.size() || metricsCsv(a) != metricsCsv(b))
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].epoch != b[i].epoch || a[i].step != b[i].step
            || std::memcmp(&a[i].learningRate, &b[i].learningRate, sizeof(double)) != 0
            || a[i].parametersChanged != b[i].parametersChanged)
            return false;
    }
    return true;
}

TrainingSnapshot lastSnapshot(const QSignalSpy &spy) {
    return spy.isEmpty() ? TrainingSnapshot{} : spy.last().at(0).value<TrainingSnapshot>();
}

} // namespace

class TestTrainingController : public QObject {
    Q_OBJECT
private slots:
    void snapshotsCarryEveryEpochInOrder();
    void snapshotsAreThrottled();
    void pauseStopsAndStepTrainsOneEpoch();
    void liveRegularizerChangeAppliesInNextEpoch();
    void liveConventionAndLearningRateChange();
    void liveOnlyChangeDoesNotRebuild();
    void resetReturnsToEpochZero();
    void divergenceIsReported();
    void buildErrorIsReported();
    void outputLayerIsFittedToTheData();
    void decisionFieldFor2dSets();
    void firstLayerKernelForImageSets();
    void destroyWhileRunningStopsQuickly();
    void pacedRunGivesTheSameNumbers();
    void stopDuringPacedWaitIsPrompt();
    void paceChangeTakesEffectMidRun();
    void stepIsOneEpochWhenPaced();
};

void TestTrainingController::snapshotsCarryEveryEpochInOrder() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    QSignalSpy finished(&c, &TrainingController::finished);
    QSignalSpy running(&c, &TrainingController::runningChanged);
    c.setExperiment(smallSpec(40));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QTRY_COMPARE(snaps.count(), 1); // epoch 0 after the build
    QVERIFY(lastSnapshot(snaps).reset);
    QCOMPARE(c.epoch(), 0);

    c.play();
    QVERIFY(c.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    QVERIFY(!c.isRunning());
    QCOMPARE(running.count(), 2); // true, then false
    QCOMPARE(running.at(0).at(0).toBool(), true);
    QCOMPARE(running.at(1).at(0).toBool(), false);

    std::vector<int> expected(41);
    for (int i = 0; i <= 40; ++i)
        expected[std::size_t(i)] = i;
    QCOMPARE(epochsOf(snaps), expected);
    QCOMPARE(lastSnapshot(snaps).epoch, 40);
    QCOMPARE(c.epoch(), 40);
    QCOMPARE(c.history().size(), std::size_t(41));
    // 120 samples, test fraction 0.5 -> 60 train samples, batch 16 -> 4 steps per epoch.
    QCOMPARE(lastSnapshot(snaps).step, 40LL * 4);
    QCOMPARE(c.step(), 40LL * 4);
}

void TestTrainingController::snapshotsAreThrottled() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    QSignalSpy finished(&c, &TrainingController::finished);
    ExperimentSpec spec = smallSpec(15000);
    spec.model.layers[0].units = 4;
    spec.model.layers[1].units = 4;
    spec.training.histogramBins = 4;
    c.setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QTRY_COMPARE(snaps.count(), 1);
    snaps.clear();
    QElapsedTimer timer;
    timer.start();
    c.play();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    const double seconds = double(timer.elapsed()) / 1000.0;
    const int count = int(snaps.count());
    qInfo("15000 epochs in %.2f s: %d snapshots (%.1f per second)", seconds, count,
          double(count) / seconds);
    // At most 30 per second, plus the final flush and one for rounding at the start.
    QVERIFY2(count <= int(std::ceil(seconds * TrainingWorker::kMaxSnapshotsPerSecond)) + 2,
             qPrintable(QString::number(count)));
    QVERIFY(count >= 1);
    QCOMPARE(lastSnapshot(snaps).epoch, 15000); // the last one is always sent
    QCOMPARE(int(epochsOf(snaps).size()), 15000);
}

void TestTrainingController::pauseStopsAndStepTrainsOneEpoch() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    c.setExperiment(smallSpec(limits::kMaxEpochs));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    c.play();
    QTRY_VERIFY_WITH_TIMEOUT(c.epoch() >= 3, kLongTimeout);
    // A GUI thread that stalls (a loaded machine) while the worker runs on: an epoch of this
    // network takes tens of microseconds, so the run is thousands of epochs long by the
    // pause and the controller's history is thinned (kThinnedEpochs). The checks below must
    // hold either way.
    QThread::msleep(300);
    c.pause();
    QVERIFY(!c.isRunning());
    // The step is queued behind the play loop: it only runs if the pause stopped that loop.
    const qsizetype before = snaps.count();
    c.stepEpoch();
    QTRY_VERIFY_WITH_TIMEOUT(snaps.count() > before && lastSnapshot(snaps).epochs.size() == 1
                                 && lastSnapshot(snaps).epochs.back().epoch == c.epoch()
                                 && c.history().back().epoch == c.epoch(),
                             kLongTimeout);
    const int stepped = c.epoch();
    // No gap and no repeat anywhere: 0, 1, ..., stepped.
    const auto all = epochsOf(snaps);
    QCOMPARE(int(all.size()), stepped + 1);
    for (int i = 0; i <= stepped; ++i)
        QCOMPARE(all[std::size_t(i)], i);

    c.play(); // resumes from there
    QTRY_VERIFY_WITH_TIMEOUT(c.epoch() >= stepped + 2, kLongTimeout);
    c.pause();
    QCOMPARE(c.history().front().epoch, 0);
}

void TestTrainingController::liveRegularizerChangeAppliesInNextEpoch() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    c.setExperiment(smallSpec(limits::kMaxEpochs)); // no regularizer anywhere
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    c.play();
    QTRY_VERIFY_WITH_TIMEOUT(c.epoch() >= 2, kLongTimeout);
    c.setRegularizer(0, Tensor::Kernel, RegularizerSpec{0.0, 0.5});
    auto changedAt = [&c]() -> int {
        for (const auto &m : c.history())
            if (m.parametersChanged)
                return m.epoch;
        return -1;
    };
    QTRY_VERIFY_WITH_TIMEOUT(changedAt() > 0 && c.epoch() >= changedAt() + 2, kLongTimeout);
    c.pause();
    const int changed = changedAt();
    for (const auto &m : c.history()) {
        const LayerMetrics &l = m.layers.at(0);
        if (m.epoch < changed) {
            QCOMPARE(l.kernelL2Loss, 0.0);
            QCOMPARE(m.regLoss, 0.0);
        } else {
            // Keras convention: 0.5 * sum(W^2) = 0.5 * ||W||_2^2.
            const double expected = 0.5 * l.kernelL2Norm * l.kernelL2Norm;
            QVERIFY(expected > 0.0);
            QVERIFY2(
                std::abs(l.kernelL2Loss - expected) <= 1e-4 * expected,
                qPrintable(
                    QString("epoch %1: %2 vs %3").arg(m.epoch).arg(l.kernelL2Loss).arg(expected)));
            QCOMPARE(m.layers.at(1).kernelL2Loss, 0.0); // other layers untouched
            QVERIFY(std::abs(m.regLoss - l.kernelL2Loss) <= 1e-9 * expected);
        }
    }
    QVERIFY(c.builtSpec().model.layers[0].kernelRegularizer == RegularizerSpec({0.0, 0.5}));
}

void TestTrainingController::liveConventionAndLearningRateChange() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    ExperimentSpec spec = smallSpec(limits::kMaxEpochs);
    spec.model.layers[1].kernelRegularizer = RegularizerSpec{0.0, 0.01};
    c.setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    // The epoch-0 snapshot follows datasetReady through the event loop.
    QTRY_VERIFY_WITH_TIMEOUT(!c.history().empty(), kLongTimeout);
    // Keras at epoch 0: 0.01 * sum(W^2).
    {
        const LayerMetrics &l = c.history().at(0).layers.at(1);
        QVERIFY(std::abs(l.kernelL2Loss - 0.01 * l.kernelL2Norm * l.kernelL2Norm)
                <= 1e-6 * l.kernelL2Loss);
    }
    c.play();
    QTRY_VERIFY_WITH_TIMEOUT(c.epoch() >= 2, kLongTimeout);
    c.setL2Convention(L2Convention::Tf1);
    c.setLearningRate(0.0025);
    // The worker may be a few epochs ahead of the snapshots the GUI has handled: wait for
    // the first report made after the change (the convention was set first).
    QTRY_VERIFY_WITH_TIMEOUT(c.history().back().learningRate == 0.0025, kLongTimeout);
    c.pause();
    const EpochMetrics &last = c.history().back();
    QCOMPARE(last.learningRate, 0.0025);
    // TF1 convention: 0.01 * sum(W^2) / 2.
    const LayerMetrics &l = last.layers.at(1);
    const double expected = 0.01 * l.kernelL2Norm * l.kernelL2Norm / 2.0;
    QVERIFY2(std::abs(l.kernelL2Loss - expected) <= 1e-4 * expected,
             qPrintable(QString("%1 vs %2").arg(l.kernelL2Loss).arg(expected)));
    QCOMPARE(c.history().at(1).learningRate, 0.01);
}

void TestTrainingController::liveOnlyChangeDoesNotRebuild() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy building(&c, &TrainingController::buildingChanged);
    ExperimentSpec spec = smallSpec(10);
    c.setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QCOMPARE(building.count(), 2);
    spec.optimizer.learningRate = 0.02;
    spec.training.epochs = 25;
    spec.model.layers[0].biasRegularizer = RegularizerSpec{1e-3, 0.0};
    c.setExperiment(spec);
    QCOMPARE(building.count(), 2); // nothing queued
    QVERIFY(!c.isBuilding());
    QCOMPARE(c.targetEpochs(), 25);
    QCOMPARE(c.builtSpec().optimizer.learningRate, 0.02);
    QVERIFY(c.builtSpec().model.layers[0].biasRegularizer == RegularizerSpec({1e-3, 0.0}));

    spec.model.layers[0].units = 8; // a different network: rebuild
    c.setExperiment(spec);
    QVERIFY(c.isBuilding());
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, kLongTimeout);
    QCOMPARE(c.builtSpec().model.layers[0].units, 8);
}

void TestTrainingController::resetReturnsToEpochZero() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    c.setExperiment(smallSpec(5));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QTRY_COMPARE(snaps.count(), 1);
    const double initialLoss = lastSnapshot(snaps).epochs.at(0).trainDataLoss;
    QSignalSpy finished(&c, &TrainingController::finished);
    c.play();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kLongTimeout);
    QCOMPARE(c.epoch(), 5);
    snaps.clear();
    c.reset();
    QTRY_VERIFY_WITH_TIMEOUT(!snaps.isEmpty(), kLongTimeout);
    const TrainingSnapshot s = lastSnapshot(snaps);
    QVERIFY(s.reset);
    QCOMPARE(int(s.epochs.size()), 1);
    QCOMPARE(s.epochs[0].epoch, 0);
    QCOMPARE(s.epochs[0].trainDataLoss, initialLoss); // same seed, same initial weights
    QCOMPARE(c.epoch(), 0);
    QCOMPARE(c.history().size(), std::size_t(1));
}

void TestTrainingController::divergenceIsReported() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy diverged(&c, &TrainingController::diverged);
    QSignalSpy finished(&c, &TrainingController::finished);
    ExperimentSpec spec = smallSpec(1000);
    spec.dataset.source = "plane"; // regression: the loss becomes mean squared error
    spec.optimizer.type = OptimizerKind::Sgd;
    spec.optimizer.learningRate = 1e6;
    c.setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QVERIFY(c.builtSpec().loss == LossKind::MeanSquaredError);
    c.play();
    QTRY_COMPARE_WITH_TIMEOUT(diverged.count(), 1, kLongTimeout);
    QVERIFY(diverged.at(0).at(0).toString().contains(QLatin1String("diverged at epoch")));
    QVERIFY(!c.isRunning());
    QCOMPARE(finished.count(), 0);
    QVERIFY(c.epoch() < 1000);
}

void TestTrainingController::buildErrorIsReported() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy error(&c, &TrainingController::errorOccurred);
    ExperimentSpec spec = smallSpec(5);
    spec.dataset.source = "csv";
    spec.dataset.path = "no-such-file.csv";
    spec.dataset.target = "label";
    c.setExperiment(spec, QDir::tempPath());
    QTRY_COMPARE_WITH_TIMEOUT(error.count(), 1, kLongTimeout);
    QCOMPARE(ready.count(), 0);
    QVERIFY2(error.at(0).at(0).toString().contains(QLatin1String("no-such-file.csv")),
             qPrintable(error.at(0).at(0).toString()));
    QVERIFY(!c.hasTrainer());
    QCOMPARE(c.lastError(), error.at(0).at(0).toString());
    c.play(); // nothing to train: stays idle
    QVERIFY(!c.isRunning());

    c.setExperiment(smallSpec(5)); // and recovers with a good experiment
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QVERIFY(c.hasTrainer());
    QVERIFY(c.lastError().isEmpty());
}

void TestTrainingController::outputLayerIsFittedToTheData() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    ExperimentSpec spec = smallSpec(1);
    spec.dataset.source = "mnist-10k";
    spec.dataset.limit = 200;
    spec.loss = LossKind::SigmoidCrossEntropy; // does not fit 10 classes either
    c.setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    const auto data = ready.at(0).at(0).value<std::shared_ptr<const Dataset>>();
    QVERIFY(data);
    QCOMPARE(data->numClasses, 10);
    QCOMPARE(int(data->inputDim()), 784);
    QVERIFY(c.builtSpec().loss == LossKind::SoftmaxCrossEntropy);
    QCOMPARE(c.builtSpec().model.layers.back().units, 10);
    // Asking again for the fitted spec does not rebuild.
    QSignalSpy building(&c, &TrainingController::buildingChanged);
    c.setExperiment(c.builtSpec());
    QCOMPARE(building.count(), 0);
    const auto w = c.weights();
    QVERIFY(w);
    QCOMPARE(int(w->layers().front().kernel.cols()), 784);
    QCOMPARE(int(w->layers().back().kernel.rows()), 10);
}

void TestTrainingController::decisionFieldFor2dSets() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    c.setExperiment(smallSpec(3));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QTRY_COMPARE(snaps.count(), 1);
    const TrainingSnapshot s = lastSnapshot(snaps);
    QVERIFY(s.field.isValid());
    QCOMPARE(s.field.nx, TrainingWorker::kFieldResolution);
    QCOMPARE(s.field.ny, TrainingWorker::kFieldResolution);
    const Dataset &d = *c.dataset();
    // The grid covers every point with a margin.
    QVERIFY(s.field.xMin < d.trainX.row(0).minCoeff() && s.field.xMax > d.trainX.row(0).maxCoeff());
    QVERIFY(s.field.yMin < d.testX.row(1).minCoeff() && s.field.yMax > d.testX.row(1).maxCoeff());
    for (float v : s.field.values)
        QVERIFY(v >= 0.0f && v <= 1.0f); // p(class 1)
    QCOMPARE(s.firstLayerKernel.size(), Index(0));
}

void TestTrainingController::firstLayerKernelForImageSets() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    ExperimentSpec spec = smallSpec(1);
    spec.dataset.source = "mnist-10k";
    spec.dataset.limit = 100;
    spec.model.layers[0].units = 80; // more than the 64 images shown
    c.setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QTRY_COMPARE(snaps.count(), 1);
    const TrainingSnapshot s = lastSnapshot(snaps);
    QVERIFY(!s.field.isValid());
    QCOMPARE(int(s.firstLayerKernel.rows()), TrainingWorker::kMaxKernelImages);
    QCOMPARE(int(s.firstLayerKernel.cols()), 784);
    const auto w = c.weights();
    QCOMPARE(s.firstLayerKernel(5, 300), w->layers().front().kernel(5, 300));
}

void TestTrainingController::destroyWhileRunningStopsQuickly() {
    auto c = std::make_unique<TrainingController>();
    QSignalSpy ready(c.get(), &TrainingController::datasetReady);
    ExperimentSpec spec = smallSpec(limits::kMaxEpochs);
    spec.dataset.source = "mnist-10k"; // long epochs: the stop must come between batches
    spec.dataset.limit = 3000;
    c->setExperiment(spec);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    c->play();
    QTRY_VERIFY_WITH_TIMEOUT(c->epoch() >= 1, kLongTimeout);
    QElapsedTimer timer;
    timer.start();
    c.reset();
    qInfo("destroyed a running controller in %lld ms", timer.elapsed());
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
}

void TestTrainingController::pacedRunGivesTheSameNumbers() {
    // The same seed at full speed and at 20 epochs per second: the pace changes when epochs
    // happen, never what they compute.
    const ExperimentSpec spec = smallSpec(10);
    const PacedRun fast = trainAt(spec, 0.0);
    const PacedRun paced = trainAt(spec, 20.0);
    QCOMPARE(fast.history.size(), std::size_t(11));
    QVERIFY(sameHistory(fast.history, paced.history));
    QVERIFY(fast.weights && paced.weights);
    QCOMPARE(fast.weights->layers().size(), paced.weights->layers().size());
    for (std::size_t i = 0; i < fast.weights->layers().size(); ++i) {
        QVERIFY(fast.weights->layers()[i].kernel == paced.weights->layers()[i].kernel);
        QVERIFY(fast.weights->layers()[i].bias == paced.weights->layers()[i].bias);
    }
    // 10 epochs at 20/s: nine waits of 50 ms at least (none after the last epoch).
    qInfo("10 epochs: %.3f s at full speed, %.3f s at 20 epochs/s", fast.seconds, paced.seconds);
    QVERIFY2(paced.seconds >= 0.4, qPrintable(QString::number(paced.seconds)));
}

void TestTrainingController::stopDuringPacedWaitIsPrompt() {
    // One epoch per 100 s: a pause, and then the controller's destruction, must not wait for
    // the next epoch to be due.
    auto c = std::make_unique<TrainingController>();
    QSignalSpy ready(c.get(), &TrainingController::datasetReady);
    c->setEpochsPerSecond(0.01);
    c->setExperiment(smallSpec(100));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    c->play();
    QTRY_COMPARE_WITH_TIMEOUT(c->epoch(), 1, kLongTimeout); // the first epoch runs at once
    QElapsedTimer timer;
    timer.start();
    c->pause();
    // The step is queued behind the paced loop: it runs only once that loop has ended.
    c->stepEpoch();
    QTRY_COMPARE_WITH_TIMEOUT(c->epoch(), 2, 20000);
    qInfo("pause + step during a 100 s wait: %lld ms", timer.elapsed());
    c->play();
    QTRY_COMPARE_WITH_TIMEOUT(c->epoch(), 3, kLongTimeout);
    timer.restart();
    c.reset(); // joins the worker thread
    qInfo("destroyed during a 100 s wait: %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 20000);
}

void TestTrainingController::paceChangeTakesEffectMidRun() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy finished(&c, &TrainingController::finished);
    c.setEpochsPerSecond(0.01);
    c.setExperiment(smallSpec(30));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    c.play();
    QTRY_COMPARE_WITH_TIMEOUT(c.epoch(), 1, kLongTimeout);
    c.setEpochsPerSecond(0.0); // wakes the wait: the rest at full speed
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(c.epoch(), 30);
}

void TestTrainingController::stepIsOneEpochWhenPaced() {
    TrainingController c;
    QSignalSpy ready(&c, &TrainingController::datasetReady);
    QSignalSpy snaps(&c, &TrainingController::snapshotReady);
    c.setEpochsPerSecond(1.0);
    c.setExperiment(smallSpec(50));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLongTimeout);
    QTRY_COMPARE(snaps.count(), 1);
    for (int i = 1; i <= 3; ++i) {
        c.stepEpoch();
        QTRY_COMPARE_WITH_TIMEOUT(c.epoch(), i, kLongTimeout);
        QCOMPARE(c.history().size(), std::size_t(i) + 1);
    }
    QTest::qWait(100); // nothing more comes
    QCOMPARE(c.epoch(), 3);
    QCOMPARE(epochsOf(snaps), (std::vector<int>{0, 1, 2, 3}));
    QVERIFY(!c.isRunning());
}

QTEST_GUILESS_MAIN(TestTrainingController)
#include "tst_training_controller.moc"
