// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/trainer.h"

#include "core/error.h"
#include "core/loss.h"
#include "core/metrics_csv.h"
#include "core/random.h"
#include "core/regularizer.h"

#include <cmath>
#include <numeric>

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
    }
    const int want = data.outputDim(spec.loss);
    if (spec.model.layers.back().units != want) {
        throw InputError({}, last + ".units",
                         "the last layer needs " + std::to_string(want) + " units for \""
                             + data.name + "\" with " + std::string(toString(spec.loss)) + ", got "
                             + std::to_string(spec.model.layers.back().units));
    }
    long long params = 0;
    long long in = data.inputDim();
    for (const auto &l : spec.model.layers) {
        params += in * l.units + l.units;
        in = l.units;
    }
    if (params > limits::kMaxParameters) {
        throw InputError({}, "model.layers",
                         "the network has " + std::to_string(params) + " parameters, at most "
                             + std::to_string(limits::kMaxParameters));
    }
}

std::string nonFiniteName(double v) {
    return std::isnan(v) ? "NaN" : "Inf";
}

} // namespace

Trainer::Trainer(ExperimentSpec spec, std::shared_ptr<const Dataset> data, TrainerOptions options)
    : m_spec(std::move(spec))
    , m_data(std::move(data))
    , m_options(options)
    , m_optimizer(m_spec.optimizer) {
    m_spec.validate();
    checkCompatible(m_spec, *m_data);
    m_net = Network<float>(m_data->inputDim(), m_spec.model);
    const int threads = std::max(1, m_options.threads);
    const Index n = m_data->trainSize();
    m_fast.configureTraining(m_net, threads,
                             std::min<Index>(m_spec.training.batchSize, std::max<Index>(n, 1)),
                             m_data->trainY.rows());
    m_fast.configureEvaluation(m_net, m_options.evaluationThreads > 0 ? m_options.evaluationThreads
                                                                      : threads);
    reset();
}

void Trainer::resetOptimizer() {
    // The fast path updates each tensor in per-thread slices; the optimizer keeps its state
    // per slice.
    m_optimizer = Optimizer<float>(m_spec.optimizer);
    m_optimizer.reset(m_fast.sliceSizes());
}

Trainer::~Trainer() = default;

void Trainer::reset() {
    m_net.initialize(m_spec.model, m_spec.seed);
    resetOptimizer();
    m_epoch = 0;
    m_step = 0;
    m_cursor = 0;
    m_order.clear();
    m_diverged = false;
    m_changedThisEpoch = false;
    m_history.clear();
    report(computeMetrics());
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
    m_optimizer.reset(m_fast.sliceSizes());
    m_epoch = 0;
    m_step = 0;
    m_cursor = 0;
    m_order.clear();
    m_diverged = false;
    m_history.clear();
    report(computeMetrics());
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
    const bool withPenalty = m_spec.training.penaltyInLoss;
    auto &penalties = m_fast.penalties();
    for (std::size_t i = 0; i < m_spec.model.layers.size(); ++i) {
        const auto &ls = m_spec.model.layers[i];
        penalties[2 * i] = withPenalty
                               ? penaltyGradient<float>(ls.kernelRegularizer, m_spec.l2Convention)
                               : PenaltyGradient<float>{};
        penalties[2 * i + 1] = withPenalty
                                   ? penaltyGradient<float>(ls.biasRegularizer, m_spec.l2Convention)
                                   : PenaltyGradient<float>{};
    }
    const Dataset &d = *m_data;
    m_lastBatchLoss =
        m_fast.trainStep(m_net, m_optimizer, m_spec.loss, d.trainX, d.trainY, indices, count);
    if (std::isfinite(m_lastBatchLoss))
        ++m_step; // otherwise the caller reports the divergence; weights are unchanged
}

EpochMetrics Trainer::computeMetrics() {
    EpochMetrics m;
    m.epoch = m_epoch;
    m.step = m_step;
    m.learningRate = m_spec.optimizer.learningRate;
    const Evaluation train = m_fast.evaluate(m_net, m_spec.loss, m_data->trainX, m_data->trainY);
    const Evaluation test = m_fast.evaluate(m_net, m_spec.loss, m_data->testX, m_data->testY);
    m.trainDataLoss = train.dataLoss;
    m.trainAccuracy = train.accuracy;
    m.testDataLoss = test.dataLoss;
    m.testAccuracy = test.accuracy;
    m.layers =
        layerMetrics(m_net, m_spec.model, m_spec.l2Convention, m_spec.training.histogramBins);
    for (const auto &l : m.layers)
        m.regLoss += l.penalty();
    m.totalLoss = m.trainDataLoss + (m_spec.training.penaltyInLoss ? m.regLoss : 0.0);
    return m;
}

void Trainer::report(EpochMetrics &&metrics) {
    appendToHistory(m_history, std::move(metrics));
    if (m_observer)
        m_observer->epochReported(m_history.back());
}

TrainResult Trainer::run() {
    return runEpochs(m_spec.training.epochs - m_epoch);
}

TrainResult Trainer::runEpochs(int count) {
    TrainResult result;
    if (m_diverged) {
        result.status = TrainStatus::Diverged;
        result.epoch = m_epoch;
        result.message = m_divergedMessage;
        return result;
    }
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
                m_diverged = true;
                m_divergedMessage = "diverged at epoch " + std::to_string(m_epoch + 1) + " (step "
                                    + std::to_string(m_step + 1) + "): the training loss is "
                                    + nonFiniteName(m_lastBatchLoss)
                                    + "; lower the learning rate or the regularization scale";
                result.status = TrainStatus::Diverged;
                result.epoch = m_epoch;
                result.message = m_divergedMessage;
                return result;
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
        EpochMetrics metrics = computeMetrics();
        metrics.parametersChanged = m_changedThisEpoch;
        const bool finite = std::isfinite(metrics.trainDataLoss) && std::isfinite(metrics.regLoss);
        const double bad =
            !std::isfinite(metrics.trainDataLoss) ? metrics.trainDataLoss : metrics.regLoss;
        report(std::move(metrics));
        if (!finite) {
            m_diverged = true;
            m_divergedMessage = "diverged at epoch " + std::to_string(m_epoch)
                                + ": the training loss is " + nonFiniteName(bad)
                                + "; lower the learning rate or the regularization scale";
            result.status = TrainStatus::Diverged;
            result.epoch = m_epoch;
            result.message = m_divergedMessage;
            return result;
        }
    }
    result.status = TrainStatus::Finished;
    result.epoch = m_epoch;
    return result;
}

} // namespace reglab
