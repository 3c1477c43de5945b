// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_controller.h"

#include "core/data/fit_spec.h"
#include "ui/experiment_document.h"

#include <QMetaObject>

#include <algorithm>
#include <stdexcept>

namespace reglab::ui {

TrainingController::TrainingController(QObject *parent)
    : QObject(parent)
    , m_worker(new TrainingWorker)
    , m_threads(defaultThreads()) {
    qRegisterMetaType<TrainingSnapshot>();
    qRegisterMetaType<BuildResult>();
    qRegisterMetaType<RunMode>();
    qRegisterMetaType<std::shared_ptr<const Dataset>>();

    m_worker->setThreads(m_threads);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &TrainingWorker::built, this, &TrainingController::onBuilt);
    connect(m_worker, &TrainingWorker::snapshotPosted, this, [this] {
        if (const std::optional<TrainingSnapshot> s = m_worker->takeSnapshot())
            onSnapshot(*s);
    });
    connect(m_worker, &TrainingWorker::runEnded, this, &TrainingController::onRunEnded);
    m_thread.setObjectName(QStringLiteral("reglab-training"));
    m_thread.start();
}

TrainingController::~TrainingController() {
    m_worker->cancelRuns(); // the epoch loop sees the stop flag at the next batch
    m_thread.quit();
    m_thread.wait();
    delete m_worker; // its thread has stopped: nothing else touches it now
}

int TrainingController::defaultThreads() {
    return std::max(1, QThread::idealThreadCount() - 1);
}

TrainerOptions TrainingController::trainerOptions(int threads) {
    TrainerOptions options;
    options.threads = std::max(1, threads);
    options.overlapEvaluation = options.threads < QThread::idealThreadCount();
    options.evaluationThreads = options.overlapEvaluation ? 1 : options.threads;
    // The worker reads only the first and the newest report; the controller keeps the run.
    options.historyCapacity = kTrainerHistoryEpochs;
    return options;
}

void TrainingController::setExperiment(const ExperimentSpec &spec, const QString &baseDir) {
    // The folder only matters to data read from files (relative paths).
    const bool usesFiles = spec.dataset.source == "idx" || spec.dataset.source == "csv"
                           || spec.dataset.source == "npz";
    if (m_hasBuilt && !m_building && m_data && (baseDir == m_baseDir || !usesFiles)) {
        ExperimentSpec wanted = fitSpecToData(spec, *m_data);
        if (!discardsRun(m_builtSpec, wanted)) {
            // Same network and data: take the differences live.
            if (wanted.optimizer.learningRate != m_builtSpec.optimizer.learningRate)
                setLearningRate(wanted.optimizer.learningRate);
            if (wanted.l2Convention != m_builtSpec.l2Convention)
                setL2Convention(wanted.l2Convention);
            for (std::size_t i = 0; i < wanted.model.layers.size(); ++i) {
                const auto &w = wanted.model.layers[i];
                const auto &b = m_builtSpec.model.layers[i];
                if (w.kernelRegularizer != b.kernelRegularizer)
                    setRegularizer(int(i), Tensor::Kernel, w.kernelRegularizer);
                if (w.biasRegularizer != b.biasRegularizer)
                    setRegularizer(int(i), Tensor::Bias, w.biasRegularizer);
            }
            setTargetEpochs(wanted.training.epochs);
            m_builtSpec = wanted;
            return;
        }
    }
    m_runToken = 0;
    m_worker->cancelRuns();
    setRunning(false);
    m_generation = m_worker->setPendingExperiment(spec, baseDir);
    m_worker->setTargetEpochs(spec.training.epochs);
    m_baseDir = baseDir;
    setBuilding(true);
    QMetaObject::invokeMethod(m_worker, &TrainingWorker::rebuild, Qt::QueuedConnection);
}

void TrainingController::play() {
    if (m_running || (!m_hasBuilt && !m_building))
        return;
    m_runToken = m_worker->newRunToken();
    setRunning(true);
    TrainingWorker *worker = m_worker;
    const quint64 token = m_runToken;
    QMetaObject::invokeMethod(
        m_worker, [worker, token] { worker->run(token, RunMode::Play); }, Qt::QueuedConnection);
}

void TrainingController::pause() {
    m_runToken = 0;
    m_worker->cancelRuns();
    setRunning(false);
}

void TrainingController::stepEpoch() {
    if (m_running || (!m_hasBuilt && !m_building))
        return;
    m_runToken = m_worker->newRunToken();
    TrainingWorker *worker = m_worker;
    const quint64 token = m_runToken;
    QMetaObject::invokeMethod(
        m_worker, [worker, token] { worker->run(token, RunMode::Step); }, Qt::QueuedConnection);
}

void TrainingController::reset() {
    pause();
    QMetaObject::invokeMethod(m_worker, &TrainingWorker::resetTraining, Qt::QueuedConnection);
}

void TrainingController::setLearningRate(double lr) {
    m_builtSpec.optimizer.learningRate = lr;
    m_worker->setLearningRate(lr);
}

void TrainingController::setRegularizer(int layer, Tensor tensor,
                                        std::optional<RegularizerSpec> reg) {
    if (layer >= 0 && std::size_t(layer) < m_builtSpec.model.layers.size()) {
        auto &l = m_builtSpec.model.layers[std::size_t(layer)];
        (tensor == Tensor::Kernel ? l.kernelRegularizer : l.biasRegularizer) = reg;
    }
    m_worker->setRegularizer(layer, tensor, reg);
}

void TrainingController::setL2Convention(L2Convention convention) {
    m_builtSpec.l2Convention = convention;
    m_worker->setL2Convention(convention);
}

void TrainingController::setFeatureMapImage(int index) {
    m_worker->setFeatureMapImage(index);
    QMetaObject::invokeMethod(m_worker, &TrainingWorker::refreshFeatureMaps, Qt::QueuedConnection);
}

void TrainingController::setTargetEpochs(int epochs) {
    m_builtSpec.training.epochs = epochs;
    m_worker->setTargetEpochs(epochs);
}

int TrainingController::targetEpochs() const {
    return m_worker->targetEpochs();
}

void TrainingController::setEpochsPerSecond(double epochs) {
    m_epochsPerSecond = epochs > 0.0 ? epochs : 0.0;
    m_worker->setEpochsPerSecond(m_epochsPerSecond);
}

const QList<double> &TrainingController::paceChoices() {
    static const QList<double> choices{0, 30, 10, 5, 2, 1};
    return choices;
}

QString TrainingController::paceText(double epochsPerSecond) {
    if (epochsPerSecond <= 0.0)
        return tr("As fast as possible");
    return epochsPerSecond == 1.0 ? tr("1 epoch/s") : tr("%1 epochs/s").arg(epochsPerSecond);
}

bool TrainingController::discardsRun(const ExperimentSpec &from, const ExperimentSpec &to) {
    ExperimentSpec fromWithEpochs = from;
    fromWithEpochs.training.epochs = to.training.epochs; // Play's target: taken live
    return ExperimentDocument::needsRebuild(fromWithEpochs, to);
}

void TrainingController::setThreads(int threads) {
    m_threads = std::max(1, threads);
    m_worker->setThreads(m_threads);
}

std::shared_ptr<const Network<float>> TrainingController::weights() const {
    return m_hasBuilt ? m_worker->latestWeights() : nullptr;
}

void TrainingController::onBuilt(const BuildResult &result) {
    m_worker->acquire();
    if (result.generation != m_generation)
        return; // superseded by a later setExperiment()
    setBuilding(false);
    m_history = RunHistory(kThinnedEpochs, result.spec.training.earlyStopping);
    m_metricsLog.clear();
    m_historyWeights.reset();
    m_epoch = 0;
    m_step = 0;
    if (!result.error.isEmpty() || !result.data) {
        m_hasBuilt = false;
        m_data.reset();
        m_lastError = result.error;
        emit errorOccurred(result.error);
        return;
    }
    m_hasBuilt = true;
    m_lastError.clear();
    m_builtSpec = result.spec;
    m_data = result.data;
    emit datasetReady(m_data);
}

void TrainingController::onSnapshot(const TrainingSnapshot &snapshot) {
    // Acknowledge after the views have handled it, so a slow GUI slows the snapshots down.
    struct Ack {
        TrainingWorker *worker;
        ~Ack() { worker->acknowledgeSnapshot(); }
    } ack{m_worker};
    if (m_building)
        return; // from the trainer that is being replaced
    if (snapshot.reset) {
        m_history.clear();
        m_metricsLog.clear();
    }
    for (const EpochMetrics &m : snapshot.epochs) {
        try {
            m_metricsLog.add(m);
        } catch (const std::invalid_argument &) {
            // Other columns without a reset: never sent; a log of this run alone beats a crash.
            m_metricsLog.clear();
            m_metricsLog.add(m);
        }
        m_history.add(m);
    }
    m_epoch = snapshot.epoch;
    m_step = snapshot.step;
    if (snapshot.weights)
        m_historyWeights = snapshot.weights;
    emit snapshotReady(snapshot);
}

void TrainingController::onRunEnded(quint64 token, RunMode mode, int status,
                                    const QString &message) {
    m_worker->acquire();
    if (token != m_runToken)
        return; // paused, reset or rebuilt since; that call already updated the state
    m_runToken = 0;
    setRunning(false);
    if (TrainStatus(status) == TrainStatus::Diverged)
        emit diverged(message);
    else if ((TrainStatus(status) == TrainStatus::Finished
              || TrainStatus(status) == TrainStatus::EarlyStopped)
             && mode == RunMode::Play)
        emit finished();
}

void TrainingController::setRunning(bool running) {
    if (running == m_running)
        return;
    m_running = running;
    emit runningChanged(running);
}

void TrainingController::setBuilding(bool building) {
    if (building == m_building)
        return;
    m_building = building;
    emit buildingChanged(building);
}

} // namespace reglab::ui
