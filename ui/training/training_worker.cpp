// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/training_worker.h"

#include "ui/training/training_controller.h"

#include <algorithm>

#ifdef REGLAB_HAVE_OPENMP
#include <omp.h>
#endif

namespace reglab::ui {

namespace {

/// Copies only what a forward pass needs (no batch workspaces).
std::shared_ptr<const Network<float>> leanCopy(const Network<float> &net) {
    return std::make_shared<const Network<float>>(net); // parameters only (network.h)
}

bool sameRegularizers(const LayerSpec &a, const LayerSpec &b) {
    return a.kernelRegularizer == b.kernelRegularizer && a.biasRegularizer == b.biasRegularizer;
}

/// The λ changes from `before` to `after` of one tensor of `layer` (none: both zero).
std::vector<LiveChange> regularizerChanges(const LayerSpec &layer, Tensor tensor,
                                           const std::optional<RegularizerSpec> &before,
                                           const std::optional<RegularizerSpec> &after) {
    const RegularizerSpec a = before.value_or(RegularizerSpec{});
    const RegularizerSpec b = after.value_or(RegularizerSpec{});
    const QString name = QString::fromStdString(layer.name);
    std::vector<LiveChange> changes;
    if (a.l1 != b.l1)
        changes.push_back({0, LiveChange::Kind::L1, name, tensor, a.l1, b.l1});
    if (a.l2 != b.l2)
        changes.push_back({0, LiveChange::Kind::L2, name, tensor, a.l2, b.l2});
    return changes;
}

} // namespace

TrainingWorker::TrainingWorker(QObject *parent)
    : QObject(parent) {}

TrainingWorker::~TrainingWorker() = default;

quint64 TrainingWorker::setPendingExperiment(const ExperimentSpec &spec, const QString &baseDir) {
    std::lock_guard lock(m_mutex);
    m_pendingSpec = spec;
    m_pendingBaseDir = baseDir;
    return ++m_pendingGeneration;
}

quint64 TrainingWorker::newRunToken() {
    std::lock_guard lock(m_mutex);
    return ++m_runToken;
}

void TrainingWorker::cancelRuns() {
    {
        std::lock_guard lock(m_mutex);
        ++m_runToken;
        if (m_trainer)
            m_trainer->requestStop();
    }
    wakePace(); // a paced run waiting for its next epoch stops now, not when the wait ends
}

void TrainingWorker::setEpochsPerSecond(double epochs) {
    m_epochsPerSecond.store(epochs > 0.0 ? epochs : 0.0);
    wakePace();
}

void TrainingWorker::wakePace() {
    // Taking the mutex orders this wake-up after the waiter's check of the stop flag and
    // the pace: it is either before the check (seen) or during the wait (woken).
    { std::lock_guard lock(m_paceMutex); }
    m_paceWake.notify_all();
}

bool TrainingWorker::waitForNextEpoch(std::chrono::steady_clock::time_point epochStart) {
    using namespace std::chrono;
    std::unique_lock lock(m_paceMutex);
    for (;;) {
        if (m_trainer->stopRequested())
            return false;
        const double pace = m_epochsPerSecond.load();
        if (pace <= 0.0)
            return true; // switched to full speed meanwhile
        const auto due =
            epochStart + duration_cast<steady_clock::duration>(duration<double>(1.0 / pace));
        if (steady_clock::now() >= due)
            return true;
        m_paceWake.wait_until(lock, due);
    }
}

void TrainingWorker::setLearningRate(double lr) {
    std::lock_guard lock(m_mutex);
    logChange({0,
               LiveChange::Kind::LearningRate,
               {},
               Tensor::Kernel,
               m_pendingSpec.optimizer.learningRate,
               lr});
    m_pendingSpec.optimizer.learningRate = lr;
    if (m_trainer)
        m_trainer->setLearningRate(lr);
}

void TrainingWorker::setRegularizer(int layer, Tensor tensor, std::optional<RegularizerSpec> reg) {
    std::lock_guard lock(m_mutex);
    if (layer >= 0 && std::size_t(layer) < m_pendingSpec.model.layers.size()) {
        auto &l = m_pendingSpec.model.layers[std::size_t(layer)];
        auto &current = tensor == Tensor::Kernel ? l.kernelRegularizer : l.biasRegularizer;
        for (const LiveChange &change : regularizerChanges(l, tensor, current, reg))
            logChange(change);
        current = reg;
    }
    if (m_trainer)
        m_trainer->setRegularizer(layer, tensor, reg);
}

void TrainingWorker::setL2Convention(L2Convention convention) {
    std::lock_guard lock(m_mutex);
    logChange({0,
               LiveChange::Kind::Convention,
               {},
               Tensor::Kernel,
               double(int(m_pendingSpec.l2Convention)),
               double(int(convention))});
    m_pendingSpec.l2Convention = convention;
    if (m_trainer)
        m_trainer->setL2Convention(convention);
}

void TrainingWorker::logChange(LiveChange change) {
    if (!m_trainer || change.before == change.after)
        return;
    change.epoch = m_epochInTraining.load();
    m_changeLog.push_back(std::move(change));
}

std::shared_ptr<const Network<float>> TrainingWorker::latestWeights() const {
    std::lock_guard lock(m_mutex);
    return m_latestWeights;
}

void TrainingWorker::applyThreads() {
#ifdef REGLAB_HAVE_OPENMP
    // OpenMP's thread count is per calling thread: set it here, on the worker thread.
    omp_set_num_threads(std::max(1, m_threads.load()));
#endif
}

void TrainingWorker::rebuild() {
    ExperimentSpec spec;
    QString baseDir;
    quint64 generation = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_pendingGeneration == m_builtGeneration)
            return; // an earlier queued rebuild already built the latest experiment
        spec = m_pendingSpec;
        baseDir = m_pendingBaseDir;
        generation = m_pendingGeneration;
    }
    applyThreads();

    BuildResult result;
    result.generation = generation;
    std::unique_ptr<Trainer> trainer;
    try {
        auto data = std::make_shared<const Dataset>(
            loadDataset(spec.dataset, spec.seed, baseDir.toStdString()));
        spec = fitSpecToData(std::move(spec), *data);
        trainer = std::make_unique<Trainer>(spec, data,
                                            TrainingController::trainerOptions(m_threads.load()));
        result.data = std::move(data);
    } catch (const std::exception &e) {
        result.error = QString::fromStdString(e.what());
    }
    result.spec = spec;

    std::unique_ptr<Trainer> old;
    {
        std::lock_guard lock(m_mutex);
        if (m_pendingGeneration != generation)
            return; // superseded while loading; the newer rebuild is already queued
        old = std::move(m_trainer);
        m_trainer = std::move(trainer);
        m_builtGeneration = generation;
        m_latestWeights.reset();
        m_changeLog.clear();
        m_epochInTraining.store(1);
        if (m_trainer) {
            m_trainer->setObserver(this);
            m_latestWeights = leanCopy(m_trainer->network());
            // Live changes made while the data was loading.
            const ExperimentSpec &now = m_pendingSpec;
            if (now.optimizer.learningRate != spec.optimizer.learningRate) {
                m_trainer->setLearningRate(now.optimizer.learningRate);
                logChange({0,
                           LiveChange::Kind::LearningRate,
                           {},
                           Tensor::Kernel,
                           spec.optimizer.learningRate,
                           now.optimizer.learningRate});
            }
            if (now.l2Convention != spec.l2Convention) {
                m_trainer->setL2Convention(now.l2Convention);
                logChange({0,
                           LiveChange::Kind::Convention,
                           {},
                           Tensor::Kernel,
                           double(int(spec.l2Convention)),
                           double(int(now.l2Convention))});
            }
            if (now.model.layers.size() == spec.model.layers.size()) {
                for (std::size_t i = 0; i < now.model.layers.size(); ++i) {
                    const auto &l = now.model.layers[i];
                    const auto &was = spec.model.layers[i];
                    if (sameRegularizers(l, was))
                        continue;
                    m_trainer->setRegularizer(int(i), Tensor::Kernel, l.kernelRegularizer);
                    m_trainer->setRegularizer(int(i), Tensor::Bias, l.biasRegularizer);
                    for (Tensor t : {Tensor::Kernel, Tensor::Bias}) {
                        const bool k = t == Tensor::Kernel;
                        for (const LiveChange &change : regularizerChanges(
                                 l, t, k ? was.kernelRegularizer : was.biasRegularizer,
                                 k ? l.kernelRegularizer : l.biasRegularizer))
                            logChange(change);
                    }
                }
            }
        }
    }
    old.reset();
    m_data = result.data;
    if (m_data && m_data->inputDim() == 2 && m_data->trainSize() > 0)
        m_fieldBounds = decisionFieldBounds(*m_data);
    {
        const std::lock_guard handoff(m_handoffMutex); // see acquire()
        emit built(result);
    }
    if (m_trainer) {
        m_pending = {};
        m_pending.reset = true;
        m_pending.epochs = m_trainer->history(); // epoch 0, reported before the observer was set
        flush(true);
    }
}

void TrainingWorker::run(quint64 token, RunMode mode) {
    {
        std::lock_guard lock(m_mutex);
        if (token != m_runToken || !m_trainer) {
            const std::lock_guard handoff(m_handoffMutex);
            emit runEnded(token, mode, int(TrainStatus::Stopped), {});
            return;
        }
        // Under the mutex: a cancelRuns() either came before (token mismatch) or comes
        // after this and stops the loop below.
        m_trainer->clearStop();
    }
    applyThreads();
    Trainer &trainer = *m_trainer; // only this thread replaces m_trainer
    TrainResult result;
    result.epoch = trainer.epoch();
    m_epochInTraining.store(trainer.epoch() + 1);
    if (mode == RunMode::Step) {
        result = trainer.runEpochs(1);
    } else {
        // Epoch by epoch (the target and the pace may change meanwhile). At full speed each
        // epoch's evaluation is left to overlap the next one's training, the last one reported
        // after the loop. Paced, each epoch is reported and shown before the wait for the
        // next one; the numbers are the same either way (the evaluation sees the same
        // weights), only the time between epochs differs.
        while (trainer.epoch() < m_targetEpochs.load()) {
            m_epochInTraining.store(trainer.epoch() + 1);
            if (m_epochsPerSecond.load() <= 0.0) {
                result = trainer.runEpochs(1, false);
                if (result.status != TrainStatus::Finished)
                    break;
                continue;
            }
            const auto epochStart = std::chrono::steady_clock::now();
            result = trainer.runEpochs(1);
            if (result.status != TrainStatus::Finished)
                break;
            flush(true);
            if (trainer.epoch() >= m_targetEpochs.load())
                break; // the last epoch: nothing to wait for
            if (!waitForNextEpoch(epochStart)) {
                result.status = TrainStatus::Stopped;
                break;
            }
        }
        const TrainResult late = trainer.flushReports();
        if (late.status == TrainStatus::Diverged)
            result = late;
    }
    m_unitFieldsDue = true; // the run's last state is always shown
    flush(true);
    const std::lock_guard handoff(m_handoffMutex);
    emit runEnded(token, mode, int(result.status), QString::fromStdString(result.message));
}

void TrainingWorker::resetTraining() {
    if (!m_trainer)
        return;
    m_pending = {};
    m_pending.reset = true;
    {
        std::lock_guard lock(m_mutex);
        m_changeLog.clear();
        m_epochInTraining.store(1);
    }
    m_trainer->reset(); // reports epoch 0 through epochReported()
    flush(true);
}

void TrainingWorker::epochReported(const EpochMetrics &metrics) {
    if (metrics.parametersChanged) {
        // The changes made up to this epoch took effect in it.
        std::lock_guard lock(m_mutex);
        const auto later = std::stable_partition(
            m_changeLog.begin(), m_changeLog.end(),
            [&metrics](const LiveChange &c) { return c.epoch > metrics.epoch; });
        for (auto it = later; it != m_changeLog.end(); ++it) {
            m_pending.changes.push_back(*it);
            m_pending.changes.back().epoch = metrics.epoch;
        }
        m_changeLog.erase(later, m_changeLog.end());
    }
    m_pending.epochs.push_back(metrics);
    flush(false);
}

void TrainingWorker::stepReported(const StepMetrics &metrics) {
    m_pending.steps.push_back(metrics);
}

void TrainingWorker::refreshFeatureMaps() {
    m_featureMapsShown = -1;
    flush(true, true);
}

void TrainingWorker::flush(bool force, bool always) {
    if (!m_trainer
        || (!always && m_pending.epochs.empty() && m_pending.steps.empty() && !m_pending.reset))
        return;
    if (!force) {
        const bool tooSoon =
            m_sinceFlush.isValid() && m_sinceFlush.elapsed() < 1000 / kMaxSnapshotsPerSecond;
        if (tooSoon || m_inFlight.load() >= kMaxSnapshotsInFlight)
            return; // keep accumulating; the next epoch (or the run's end) sends it
    }
    const Trainer &trainer = *m_trainer;
    TrainingSnapshot snapshot = std::move(m_pending);
    m_pending = {};
    // The epoch whose metrics were reported last, with its weights: with overlapped
    // evaluation the trainer is an epoch ahead while it reports.
    const Network<float> &net = trainer.reportedNetwork();
    const bool ahead =
        !trainer.history().empty() && trainer.history().back().epoch != trainer.epoch();
    snapshot.epoch = ahead ? trainer.history().back().epoch : trainer.epoch();
    snapshot.step = ahead ? trainer.history().back().step : trainer.step();
    const auto &layers = net.layers();
    if (m_data && m_data->inputDim() == 2) {
        snapshot.field = computeField(net);
        // The unit fields cost about a forward pass of a 32 x 32 grid; at most a few a second.
        if (m_unitFieldsDue || snapshot.reset || !m_sinceUnitFields.isValid()
            || m_sinceUnitFields.elapsed() >= kUnitFieldIntervalMs) {
            snapshot.unitFields = std::make_shared<const UnitFields>(
                unitFieldValues(net, m_fieldBounds, kUnitFieldResolution, kUnitFieldResolution));
            snapshot.unitFieldsEpoch = snapshot.epoch;
            m_sinceUnitFields.restart();
            m_unitFieldsDue = false;
        }
    }
    if (m_data && m_data->isImage() && !layers.empty()
        && layers.front().kind == LayerKind::Dense) { // one pixel per kernel column
        const Index rows = std::min<Index>(layers.front().kernel.rows(), kMaxKernelImages);
        snapshot.firstLayerKernel = layers.front().kernel.topRows(rows);
    }
    const bool conv = std::any_of(layers.begin(), layers.end(), [](const WeightLayer<float> &l) {
        return l.kind == LayerKind::Conv2D;
    });
    if (conv) {
        snapshot.filters =
            std::make_shared<const std::vector<FilterTiles>>(filterTiles(net, kMaxFilterTiles));
        // A forward pass of one image through the network; a few a second (as the unit fields).
        const int image = std::clamp(m_featureMapImage.load(), 0,
                                     std::max(0, int(m_data ? m_data->testSize() : 0) - 1));
        if (m_data && m_data->testSize() > 0
            && (force || snapshot.reset || image != m_featureMapsShown
                || !m_sinceFeatureMaps.isValid()
                || m_sinceFeatureMaps.elapsed() >= kUnitFieldIntervalMs)) {
            snapshot.featureMaps = std::make_shared<const std::vector<FeatureMap>>(
                featureMaps(net, m_data->testX.col(image), kMaxFeatureChannels));
            snapshot.featureMapImage = image;
            m_featureMapsShown = image;
            m_sinceFeatureMaps.restart();
        }
    }
    snapshot.weights = leanCopy(net);
    snapshot.earlyStopping = runEarlyStoppingOf(trainer);
    {
        std::lock_guard lock(m_mutex);
        m_latestWeights = snapshot.weights;
    }
    m_inFlight.fetch_add(1);
    m_sinceFlush.restart();
    {
        std::lock_guard lock(m_outboxMutex);
        m_outbox.push_back(std::move(snapshot));
    }
    emit snapshotPosted(); // the outbox's mutex orders the hand-over: no m_handoffMutex
}

std::optional<TrainingSnapshot> TrainingWorker::takeSnapshot() {
    std::lock_guard lock(m_outboxMutex);
    if (m_outbox.empty())
        return std::nullopt;
    TrainingSnapshot taken = std::move(m_outbox.front());
    m_outbox.pop_front();
    return taken;
}

DecisionField TrainingWorker::computeField(const Network<float> &net) const {
    DecisionField field;
    field.nx = kFieldResolution;
    field.ny = kFieldResolution;
    field.xMin = m_fieldBounds.xMin;
    field.xMax = m_fieldBounds.xMax;
    field.yMin = m_fieldBounds.yMin;
    field.yMax = m_fieldBounds.yMax;
    field.values =
        decisionFieldValues(net, m_trainer->spec().loss, m_fieldBounds, field.nx, field.ny);
    return field;
}

} // namespace reglab::ui
