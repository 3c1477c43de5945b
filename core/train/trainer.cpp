// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/trainer.h"

#include "core/error.h"
#include "core/io/metrics_csv.h"
#include "core/nn/dropout.h"
#include "core/nn/loss.h"
#include "core/nn/regularizer.h"
#include "core/random.h"

#include <cmath>
#include <condition_variable>
#include <mutex>
#include <numeric>
#include <thread>

namespace reglab {

namespace {

void checkCompatible(const ExperimentSpec &spec, const Dataset &data) {
    const std::string last = "model.layers." + std::to_string(spec.model.layers.size() - 1);
    // A CSV target of small integers reads as class labels, but may just as well be a
    // regression target: mse on such a set regresses the label value.
    const bool csvRegression =
        spec.loss == LossKind::MeanSquaredError && spec.dataset.source == "csv";
    if (spec.task() != data.task && !csvRegression) {
        throw InputError({}, "loss",
                         std::string(toString(spec.loss)) + " does not fit the "
                             + std::string(toString(data.task)) + " data set \"" + data.name
                             + "\"");
    }
    if (spec.training.earlyStopping && spec.training.earlyStopping->monitor.starts_with("val_")
        && !data.hasValidation()) {
        throw InputError({}, "training.early_stopping.monitor",
                         spec.training.earlyStopping->monitor + " needs a validation split");
    }
    if (spec.loss == LossKind::SigmoidCrossEntropy && data.numClasses != 2) {
        throw InputError({}, "loss",
                         "sigmoid_cross_entropy needs 2 classes, \"" + data.name + "\" has "
                             + std::to_string(data.numClasses));
    }
    if (spec.task() == TaskKind::Classification) {
        // Every label must be a class of the set: the loss indexes the outputs with it.
        const auto checkLabels = [&](const MatrixF &y, const char *part) {
            for (Index j = 0; j < y.cols(); ++j) {
                const float v = y(0, j);
                if (!(v >= 0.0f && v < float(data.numClasses) && v == std::floor(v))) {
                    throw InputError({}, "dataset",
                                     "label " + csvNumber(double(v)) + " of " + part + " sample "
                                         + std::to_string(j) + " is not a class of \"" + data.name
                                         + "\" (0 to " + std::to_string(data.numClasses - 1) + ")");
                }
            }
        };
        checkLabels(data.trainY, "training");
        checkLabels(data.testY, "test");
        checkLabels(data.valY, "validation");
    }
    const int want = data.outputDim(spec.loss);
    if (spec.model.layers.back().units != want) {
        throw InputError({}, last + ".units",
                         "the last layer needs " + std::to_string(want) + " units for \""
                             + data.name + "\" with " + std::string(toString(spec.loss)) + ", got "
                             + std::to_string(spec.model.layers.back().units));
    }
    // Every layer's shape on this data's input, and the parameter limit. Without spatial
    // layers an image is read as flat features.
    const bool spatial = spec.model.hasSpatialLayers();
    const TensorShape input =
        spatial ? data.inputShape() : TensorShape{1, 1, int(data.inputDim()), false};
    try {
        spec.model.inferShapes(input);
    } catch (const InputError &e) {
        if (!spatial || input.image)
            throw;
        throw InputError({}, e.field(),
                         e.message() + "; \"" + data.name + "\" is not an image data set");
    }
}

/// Fills the end-of-epoch metrics of `net` into `m` (whose header is set): data loss and
/// accuracy on the whole training, test and validation sets (without dropout), and the
/// per-layer statistics.
void evaluateInto(EpochMetrics &m, FastPath &fast, const Network<float> &net, const Dataset &data,
                  const ExperimentSpec &spec) {
    // The training set's pass also gives every unit's peak output (the dead ReLU units).
    std::vector<VectorF> peaks;
    const Evaluation train = fast.evaluate(net, spec.loss, data.trainX, data.trainY, &peaks);
    const Evaluation test = fast.evaluate(net, spec.loss, data.testX, data.testY);
    m.trainDataLoss = train.dataLoss;
    m.trainAccuracy = train.accuracy;
    m.testDataLoss = test.dataLoss;
    m.testAccuracy = test.accuracy;
    m.hasValidation = data.hasValidation();
    if (m.hasValidation) {
        const Evaluation val = fast.evaluate(net, spec.loss, data.valX, data.valY);
        m.valDataLoss = val.dataLoss;
        m.valAccuracy = val.accuracy;
    }
    m.layers = layerMetrics(net, spec.model, spec.l2Convention, spec.training.histogramBins);
    markDeadUnits(m.layers, net, peaks);
    m.regLoss = 0.0;
    for (const auto &l : m.layers)
        m.regLoss += l.penalty();
    // total = data + multiplier * reg; a multiplier of 1 is left out so that the sum is
    // bit for bit the one before the multiplier existed.
    const double multiplier = spec.training.penaltyMultiplier;
    const double penalty = multiplier == 1.0 ? m.regLoss : multiplier * m.regLoss;
    m.totalLoss = m.trainDataLoss + (spec.training.penaltyInLoss ? penalty : 0.0);
}

} // namespace

/// Evaluates one epoch's weights on a thread of its own (TrainerOptions::overlapEvaluation):
/// submit() copies the weights into its own network and returns; take() waits for the
/// metrics. Owns its evaluation buffers (one part, like evaluationThreads = 1).
class Trainer::Evaluator {
public:
    Evaluator(const Network<float> &net, std::shared_ptr<const Dataset> data)
        : m_net(net)
        , m_data(std::move(data)) {
        m_fast.configureEvaluation(m_net, 1);
        m_thread = std::thread([this] { loop(); });
    }
    ~Evaluator() {
        {
            std::lock_guard lock(m_mutex);
            m_quit = true;
        }
        m_cv.notify_all();
        m_thread.join();
    }
    Evaluator(const Evaluator &) = delete;
    Evaluator &operator=(const Evaluator &) = delete;

    /// Starts evaluating a copy of `net` (only when nothing is pending).
    void submit(const Network<float> &net, EpochMetrics header, const ExperimentSpec &spec) {
        {
            std::lock_guard lock(m_mutex);
            for (std::size_t i = 0; i < net.layers().size(); ++i) {
                m_net.layers()[i].kernel = net.layers()[i].kernel; // same shapes: no allocation
                m_net.layers()[i].bias = net.layers()[i].bias;
            }
            m_metrics = std::move(header);
            m_spec = spec;
            m_busy = true;
        }
        m_pending = true;
        m_cv.notify_all();
    }
    /// An evaluation was submitted and not taken yet (trainer thread only).
    bool pending() const { return m_pending; }
    /// Waits for the pending evaluation and returns its metrics.
    EpochMetrics take() {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return !m_busy; });
        m_pending = false;
        return std::move(m_metrics);
    }
    /// The weights of the last submitted epoch (read only while nothing is running).
    const Network<float> &network() const { return m_net; }

private:
    void loop() {
        std::unique_lock lock(m_mutex);
        for (;;) {
            m_cv.wait(lock, [this] { return m_quit || m_busy; });
            if (m_busy) {
                // The trainer does not touch the job while m_busy is set.
                lock.unlock();
                evaluateInto(m_metrics, m_fast, m_net, *m_data, m_spec);
                lock.lock();
                m_busy = false;
                m_cv.notify_all();
                continue;
            }
            return; // m_quit and idle
        }
    }

    Network<float> m_net;
    std::shared_ptr<const Dataset> m_data;
    FastPath m_fast;
    EpochMetrics m_metrics;
    ExperimentSpec m_spec;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_busy = false;    ///< guarded by m_mutex
    bool m_quit = false;    ///< guarded by m_mutex
    bool m_pending = false; ///< trainer thread only
    std::thread m_thread;
};

Trainer::Trainer(ExperimentSpec spec, std::shared_ptr<const Dataset> data, TrainerOptions options)
    : m_spec(std::move(spec))
    , m_data(std::move(data))
    , m_options(options)
    , m_optimizer(m_spec.optimizer)
    , m_history(m_options.historyCapacity, m_spec.training.earlyStopping) {
    m_spec.validate();
    checkCompatible(m_spec, *m_data);
    m_net = Network<float>(m_data->inputShape(), m_spec.model);
    const int threads = std::max(1, m_options.threads);
    const Index n = m_data->trainSize();
    m_fast.configureTraining(m_net, threads,
                             std::min<Index>(m_spec.training.batchSize, std::max<Index>(n, 1)),
                             m_data->trainY.rows());
    m_fast.configureEvaluation(m_net, m_options.evaluationThreads > 0 ? m_options.evaluationThreads
                                                                      : threads);
    if (m_spec.training.earlyStopping)
        m_early.emplace(*m_spec.training.earlyStopping);
    else if (m_options.overlapEvaluation)
        m_evaluator = std::make_unique<Evaluator>(m_net, m_data);
    reset();
}

Trainer::~Trainer() = default;

void Trainer::restartAtEpochZero() {
    if (m_evaluator && m_evaluator->pending())
        m_evaluator->take(); // an interrupted run's last epoch: its history is discarded
    // Fresh optimizer state. The fast path updates each tensor in per-thread slices; the
    // optimizer keeps its state per slice.
    m_optimizer = Optimizer<float>(m_spec.optimizer);
    m_optimizer.reset(m_fast.sliceSizes());
    m_epoch = 0;
    m_step = 0;
    m_cursor = 0;
    m_order.clear();
    m_diverged = false;
    m_changedThisEpoch = false;
    m_history.clear();
    if (m_early)
        m_early->reset();
    m_earlyInfo = {};
    m_earlyMessage.clear();
    m_bestWeights.clear();
    report(computeMetrics());
}

void Trainer::reset() {
    m_net.initialize(m_spec.model, m_spec.seed);
    restartAtEpochZero();
}

void Trainer::setWeights(const Network<float> &weights) {
    const auto &src = weights.layers();
    auto &dst = m_net.layers();
    if (src.size() != dst.size()) {
        throw InputError({}, "weights",
                         "has " + std::to_string(src.size()) + " layers, the network "
                             + std::to_string(dst.size()));
    }
    for (std::size_t i = 0; i < src.size(); ++i) {
        if (src[i].kernel.rows() != dst[i].kernel.rows()
            || src[i].kernel.cols() != dst[i].kernel.cols()
            || src[i].bias.size() != dst[i].bias.size()) {
            throw InputError({}, dst[i].name, "weight shapes do not match the network");
        }
    }
    for (std::size_t i = 0; i < src.size(); ++i) {
        dst[i].kernel = src[i].kernel;
        dst[i].bias = src[i].bias;
    }
    restartAtEpochZero();
}

std::vector<Index> Trainer::epochOrder(int epoch) const {
    std::vector<Index> order(std::size_t(m_data->trainSize()));
    std::iota(order.begin(), order.end(), Index(0));
    if (m_spec.training.shuffle) {
        Random rng(Random::derive(Random::derive(m_spec.seed, 3), std::uint64_t(epoch)));
        rng.shuffle(order);
    }
    return order;
}

void Trainer::setLearningRate(double lr) {
    std::lock_guard lock(m_pendingMutex);
    m_pending.learningRate = lr;
    m_hasPending.store(true, std::memory_order_release);
}

void Trainer::setRegularizer(int layer, Tensor tensor, std::optional<RegularizerSpec> reg) {
    std::lock_guard lock(m_pendingMutex);
    m_pending.regularizers.emplace_back(layer, tensor, reg);
    m_hasPending.store(true, std::memory_order_release);
}

void Trainer::setL2Convention(L2Convention convention) {
    std::lock_guard lock(m_pendingMutex);
    m_pending.l2Convention = convention;
    m_hasPending.store(true, std::memory_order_release);
}

void Trainer::applyPending() {
    if (!m_hasPending.load(std::memory_order_acquire))
        return;
    Pending p;
    {
        std::lock_guard lock(m_pendingMutex);
        p = std::move(m_pending);
        m_pending = {};
        m_hasPending.store(false, std::memory_order_relaxed);
    }
    if (p.learningRate && std::isfinite(*p.learningRate) && *p.learningRate > 0.0) {
        m_spec.optimizer.learningRate = *p.learningRate;
        m_optimizer.setLearningRate(*p.learningRate);
        m_changedThisEpoch = true;
    }
    if (p.l2Convention && *p.l2Convention != m_spec.l2Convention) {
        m_spec.l2Convention = *p.l2Convention;
        m_changedThisEpoch = true;
    }
    for (auto &[layer, tensor, reg] : p.regularizers) {
        if (layer < 0 || std::size_t(layer) >= m_spec.model.layers.size())
            continue;
        auto &l = m_spec.model.layers[std::size_t(layer)];
        (tensor == Tensor::Kernel ? l.kernelRegularizer : l.biasRegularizer) = reg;
        m_changedThisEpoch = true;
    }
}

void Trainer::trainBatch(const Index *indices, Index count) {
    // Penalty gradients of this step (live changes apply between batches); the fast path
    // fuses them into the optimizer update: w <- optimizer(w, dData/dw + dPenalty/dw).
    // The gradient of multiplier * penalty (training.penalty_multiplier).
    const bool withPenalty = m_spec.training.penaltyInLoss;
    const double multiplier = m_spec.training.penaltyMultiplier;
    const L2Convention convention = m_spec.l2Convention;
    auto &penalties = m_fast.penalties();
    const std::vector<std::size_t> dense = m_spec.model.weightIndices(); // network layer -> spec
    for (std::size_t i = 0; i < dense.size(); ++i) {
        const auto &ls = m_spec.model.layers[dense[i]];
        penalties[2 * i] =
            withPenalty ? penaltyGradient<float>(ls.kernelRegularizer, convention, multiplier)
                        : PenaltyGradient<float>{};
        penalties[2 * i + 1] =
            withPenalty ? penaltyGradient<float>(ls.biasRegularizer, convention, multiplier)
                        : PenaltyGradient<float>{};
    }
    const Dataset &d = *m_data;
    // Dropout masks of this step (step m_step + 1) from their own stream (dropout.h).
    m_lastBatchLoss = m_fast.trainStep(m_net, m_optimizer, m_spec.loss, d.trainX, d.trainY, indices,
                                       count, dropoutStepKey(m_spec.seed, m_step + 1));
    if (std::isfinite(m_lastBatchLoss))
        ++m_step; // otherwise the caller reports the divergence; weights are unchanged
}

EpochMetrics Trainer::epochHeader() const {
    EpochMetrics m;
    m.epoch = m_epoch;
    m.step = m_step;
    m.learningRate = m_spec.optimizer.learningRate;
    return m;
}

EpochMetrics Trainer::computeMetrics() {
    EpochMetrics m = epochHeader();
    evaluateInto(m, m_fast, m_net, *m_data, m_spec);
    return m;
}

const Network<float> &Trainer::reportedNetwork() const {
    return m_reportingOverlapped ? m_evaluator->network() : m_net;
}

void Trainer::markDiverged(const std::string &where, double loss) {
    m_diverged = true;
    m_divergedMessage = "diverged at " + where + ": the training loss is "
                        + (std::isnan(loss) ? "NaN" : "Inf")
                        + "; lower the learning rate or the regularization scale";
}

TrainResult Trainer::divergedResult(int epoch) const {
    TrainResult result;
    result.status = TrainStatus::Diverged;
    result.epoch = epoch;
    result.message = m_divergedMessage;
    return result;
}

bool Trainer::checkFinite(const EpochMetrics &m, TrainResult &result) {
    if (std::isfinite(m.trainDataLoss) && std::isfinite(m.regLoss))
        return true;
    markDiverged("epoch " + std::to_string(m.epoch),
                 !std::isfinite(m.trainDataLoss) ? m.trainDataLoss : m.regLoss);
    result = divergedResult(m.epoch);
    return false;
}

bool Trainer::finishEvaluation(TrainResult &result) {
    if (!m_evaluator || !m_evaluator->pending())
        return true;
    EpochMetrics metrics = m_evaluator->take();
    const bool finite = checkFinite(metrics, result);
    m_reportingOverlapped = true;
    report(std::move(metrics));
    m_reportingOverlapped = false;
    return finite;
}

void Trainer::report(EpochMetrics &&metrics) {
    m_history.add(std::move(metrics));
    if (m_observer)
        m_observer->epochReported(m_history.back());
}

TrainResult Trainer::run() {
    return runEpochs(m_spec.training.epochs - m_epoch);
}

TrainResult Trainer::flushReports() {
    TrainResult result;
    result.status = TrainStatus::Finished;
    result.epoch = m_epoch;
    finishEvaluation(result); // sets Diverged and its epoch when the loss is not finite
    return result;
}

TrainResult Trainer::runEpochs(int count, bool reportAll) {
    TrainResult result = trainEpochs(count);
    if (!reportAll)
        return result;
    // Every epoch trained is reported before returning (overlapEvaluation leaves the last
    // one in flight); a non-finite loss found there is the earlier divergence.
    TrainResult late = result;
    if (!finishEvaluation(late))
        return late;
    return result;
}

TrainResult Trainer::earlyStoppedResult() const {
    TrainResult result;
    result.status = TrainStatus::EarlyStopped;
    result.epoch = m_epoch;
    result.message = m_earlyMessage;
    return result;
}

void Trainer::restoreBestWeights() {
    auto &layers = m_net.layers();
    for (std::size_t i = 0; i < layers.size() && i < m_bestWeights.size(); ++i) {
        layers[i].kernel = m_bestWeights[i].first;
        layers[i].bias = m_bestWeights[i].second;
    }
    m_earlyInfo.restoredEpoch = m_earlyInfo.bestEpoch;
}

bool Trainer::applyEarlyStopping(const EpochMetrics &m, TrainResult &result) {
    if (!m_early)
        return false;
    const EarlyStoppingSpec &es = m_early->spec();
    const EarlyStopping::Decision decision =
        m_early->update(m.epoch, EarlyStopping::valueOf(m, es.monitor));
    m_earlyInfo.bestEpoch = m_early->bestEpoch();
    m_earlyInfo.best = m_early->best().value_or(0.0);
    if (es.restoreBestWeights && decision.improved) {
        m_bestWeights.clear();
        for (const auto &l : m_net.layers())
            m_bestWeights.emplace_back(l.kernel, l.bias);
    }
    const bool lastEpoch = m.epoch >= m_spec.training.epochs;
    if (!decision.stop) {
        // Keras 3 restores the best weights when training ends, stopped or not.
        if (lastEpoch && es.restoreBestWeights && !m_bestWeights.empty()
            && m_earlyInfo.bestEpoch != m.epoch)
            restoreBestWeights();
        return false;
    }
    m_earlyInfo.stoppedEpoch = m.epoch;
    m_earlyMessage =
        "early stopping after epoch " + std::to_string(m.epoch) + ": " + es.monitor
        + " did not improve"
        + (es.minDelta != 0.0 ? " by more than " + csvNumber(std::abs(es.minDelta)) : std::string())
        + " for " + std::to_string(m_early->wait()) + " epoch" + (m_early->wait() == 1 ? "" : "s")
        + " (best " + csvNumber(m_earlyInfo.best) + " after epoch "
        + std::to_string(m_earlyInfo.bestEpoch) + ")";
    if (es.restoreBestWeights && !m_bestWeights.empty()) {
        restoreBestWeights();
        m_earlyMessage +=
            "; restored the weights of epoch " + std::to_string(m_earlyInfo.restoredEpoch);
    }
    result = earlyStoppedResult();
    return true;
}

TrainResult Trainer::trainEpochs(int count) {
    if (m_diverged)
        return divergedResult(m_epoch);
    if (m_earlyInfo.stoppedEpoch > 0)
        return earlyStoppedResult();
    TrainResult result;
    const Index n = m_data->trainSize();
    const Index batch = std::min<Index>(m_spec.training.batchSize, std::max<Index>(n, 1));
    const int reportEvery = m_spec.training.reportEverySteps;
    for (int done = 0; done < count; ++done) {
        if (m_order.empty()) { // start a new epoch
            m_order = epochOrder(m_epoch + 1);
            m_cursor = 0;
            m_changedThisEpoch = false;
        }
        while (m_cursor < n) {
            if (stopRequested()) {
                result.status = TrainStatus::Stopped;
                result.epoch = m_epoch;
                return result;
            }
            applyPending();
            const Index count_ = std::min(batch, n - m_cursor);
            trainBatch(m_order.data() + m_cursor, count_);
            if (!std::isfinite(m_lastBatchLoss)) {
                markDiverged("epoch " + std::to_string(m_epoch + 1) + " (step "
                                 + std::to_string(m_step + 1) + ")",
                             m_lastBatchLoss);
                return divergedResult(m_epoch);
            }
            m_cursor += count_;
            if (reportEvery > 0 && m_step % reportEvery == 0 && m_observer) {
                StepMetrics s;
                s.epoch = m_epoch + 1;
                s.step = m_step;
                s.batchDataLoss = m_lastBatchLoss;
                for (const auto &l : layerMetrics(m_net, m_spec.model, m_spec.l2Convention, 1))
                    s.regLoss += l.penalty();
                m_observer->stepReported(s);
            }
        }
        m_order.clear();
        ++m_epoch;
        EpochMetrics metrics = epochHeader();
        metrics.parametersChanged = m_changedThisEpoch;
        if (m_evaluator) {
            // Report the previous epoch, then evaluate this one while the next one trains.
            if (!finishEvaluation(result))
                return result;
            m_evaluator->submit(m_net, std::move(metrics), m_spec);
            continue;
        }
        evaluateInto(metrics, m_fast, m_net, *m_data, m_spec);
        const bool finite = checkFinite(metrics, result);
        report(std::move(metrics));
        if (!finite)
            return result;
        if (applyEarlyStopping(m_history.back(), result))
            return result;
    }
    result.status = TrainStatus::Finished;
    result.epoch = m_epoch;
    return result;
}

} // namespace reglab
