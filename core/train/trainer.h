// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file trainer.h
/// Runs an experiment: minibatch epochs, per-epoch metrics, live parameter changes, stop
/// requests and divergence detection. Speaks through an observer; never prints.
///
/// Thread contract: run()/runEpochs()/reset() are called from one thread (the worker).
/// requestStop(), setLearningRate() and setRegularizer() may be called from any thread;
/// they take effect between batches.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/nn/network.h"
#include "core/nn/optimizer.h"
#include "core/train/early_stopping.h"
#include "core/train/fast_path.h"
#include "core/train/metrics.h"
#include "core/train/run_history.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace reglab {

class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    /// After every epoch (and once for epoch 0 by reset()).
    virtual void epochReported(const EpochMetrics &) {}
    /// Every training.report_every_steps steps, when that is > 0.
    virtual void stepReported(const StepMetrics &) {}
};

enum class TrainStatus {
    Finished,     ///< ran the requested epochs
    Stopped,      ///< requestStop() was called
    Diverged,     ///< the loss became NaN or Inf; training cannot continue
    EarlyStopped, ///< training.early_stopping stopped it (earlyStopInfo() says when and why)
};

/// What training.early_stopping did in a run (all 0 while it has not acted).
struct EarlyStopInfo {
    int stoppedEpoch = 0;  ///< the epoch after which it stopped training; 0: not stopped
    int bestEpoch = 0;     ///< the best epoch of the monitored metric so far (0: none yet)
    double best = 0.0;     ///< its value (when bestEpoch > 0)
    int restoredEpoch = 0; ///< restore_best_weights: the epoch whose weights were put back
};

struct TrainResult {
    TrainStatus status = TrainStatus::Finished;
    int epoch = 0;       ///< epochs completed
    std::string message; ///< e.g. "diverged at epoch 3 (step 412): loss is NaN"
};

struct TrainerOptions {
    int threads = 1; ///< OpenMP threads for training
    /// OpenMP threads for the end-of-epoch evaluation; 0: the same as `threads`. The GUI
    /// trains on one core fewer than the machine has (the other stays with the GUI thread)
    /// but evaluates on all of them: evaluation is a short burst with no barrier inside.
    int evaluationThreads = 0;
    /// Ignored with training.early_stopping (whose decision after epoch e comes before
    /// epoch e + 1 trains).
    /// Evaluate epoch e on a thread of its own while epoch e + 1 trains, for a machine with a
    /// core to spare (the GUI trains on one core fewer than it has). Each epoch's metrics
    /// are exactly the synchronous ones (the same evaluation of a copy of that epoch's
    /// weights, on evaluationThreads = 1), reported one epoch later; runEpochs() returns only
    /// after reporting every epoch it trained. reportedNetwork() gives the weights that go
    /// with the metrics being reported.
    bool overlapEvaluation = false;
    /// The epochs history() keeps: 0 every epoch; otherwise thinned to about this many
    /// (run_history.h), for a GUI that keeps every epoch's metrics.csv row on its own.
    std::size_t historyCapacity = 0;
};

class Trainer {
public:
    /// Builds the network for `data` (validates that the last layer's units fit the loss
    /// and classes: throws InputError otherwise) and calls reset().
    Trainer(ExperimentSpec spec, std::shared_ptr<const Dataset> data, TrainerOptions options = {});
    ~Trainer();

    const ExperimentSpec &spec() const { return m_spec; }
    const Dataset &data() const { return *m_data; }
    Network<float> &network() { return m_net; }
    const Network<float> &network() const { return m_net; }
    int threads() const { return m_options.threads; }

    void setObserver(TrainingObserver *observer) { m_observer = observer; }

    /// Fresh weights from the seed, fresh optimizer state, epoch 0; reports epoch 0.
    void reset();
    /// Replaces the weights (e.g. from --init); shapes must match (InputError otherwise).
    /// Resets optimizer state and reports epoch 0 again.
    void setWeights(const Network<float> &weights);

    /// Trains until spec.training.epochs epochs are done, a stop request, or divergence.
    TrainResult run();
    /// Trains at most `count` more epochs (stops early on a stop request or divergence).
    /// With overlapEvaluation and `reportAll` false, the last epoch's evaluation may be left
    /// in flight (its metrics come with the next runEpochs() or flushReports()), so that
    /// epoch-by-epoch callers keep the overlap.
    TrainResult runEpochs(int count, bool reportAll = true);
    /// Reports an evaluation left in flight by runEpochs(count, false); Diverged when its
    /// loss is not finite, Finished otherwise.
    TrainResult flushReports();

    int epoch() const { return m_epoch; }
    long long step() const { return m_step; }
    /// training.early_stopping's state: the stop epoch and the best (restored) epoch.
    const EarlyStopInfo &earlyStopInfo() const { return m_earlyInfo; }
    /// Every epoch's metrics so far (thinned with TrainerOptions::historyCapacity), epoch 0
    /// first; histograms only for epoch 0 and the newest epoch (see run_history.h).
    const std::vector<EpochMetrics> &history() const { return m_history.epochs(); }

    /// Full metrics with the current weights (what epochReported() carries).
    EpochMetrics computeMetrics();
    /// The weights the metrics being reported belong to: inside epochReported() with
    /// overlapEvaluation, those of the reported epoch (training is an epoch ahead); otherwise
    /// network().
    const Network<float> &reportedNetwork() const;

    // --- thread-safe controls -------------------------------------------------------
    void requestStop() { m_stopRequested.store(true, std::memory_order_relaxed); }
    void clearStop() { m_stopRequested.store(false, std::memory_order_relaxed); }
    bool stopRequested() const { return m_stopRequested.load(std::memory_order_relaxed); }
    void setLearningRate(double lr);
    void setRegularizer(int layer, Tensor tensor, std::optional<RegularizerSpec> reg);
    void setL2Convention(L2Convention convention);

    /// The order of training samples in epoch `epoch` (1-based) under the seed:
    /// a permutation of 0..n-1 (identity when shuffle is off).
    std::vector<Index> epochOrder(int epoch) const;

private:
    struct Pending {
        std::optional<double> learningRate;
        std::optional<L2Convention> l2Convention;
        std::vector<std::tuple<int, Tensor, std::optional<RegularizerSpec>>> regularizers;
    };
    class Evaluator;
    /// runEpochs() without reporting the last overlapped evaluation.
    TrainResult trainEpochs(int count);
    void applyPending();
    void trainBatch(const Index *indices, Index count);
    void report(EpochMetrics &&metrics);
    /// The end-of-epoch header (epoch, step, learning rate); metrics filled by evaluateInto().
    EpochMetrics epochHeader() const;
    /// Reports the evaluation in flight (overlapEvaluation), if any. False, with `result`
    /// set to Diverged, when its loss is not finite.
    bool finishEvaluation(TrainResult &result);
    /// Marks the run diverged when `m`'s loss is not finite (m is epoch `m.epoch`).
    bool checkFinite(const EpochMetrics &m, TrainResult &result);
    /// Records the divergence: "diverged at <where>: the training loss is NaN|Inf; ...".
    void markDiverged(const std::string &where, double loss);
    /// The recorded divergence as the result of a run that completed `epoch` epochs.
    TrainResult divergedResult(int epoch) const;
    /// Feeds epoch m_epoch's metrics to early stopping; keeps or restores the best weights.
    /// True when training stops here (then `result` says so).
    bool applyEarlyStopping(const EpochMetrics &m, TrainResult &result);
    TrainResult earlyStoppedResult() const;
    void restoreBestWeights();
    /// Takes back an evaluation in flight, fresh optimizer state, epoch 0 and an empty
    /// history, then reports epoch 0 with the current weights (reset(), setWeights()).
    void restartAtEpochZero();

    ExperimentSpec m_spec;
    std::shared_ptr<const Dataset> m_data;
    TrainerOptions m_options;
    Network<float> m_net;
    Optimizer<float> m_optimizer;
    TrainingObserver *m_observer = nullptr;

    int m_epoch = 0;
    long long m_step = 0;
    bool m_diverged = false;
    std::string m_divergedMessage;
    std::vector<Index> m_order; ///< sample order of the epoch in progress (empty between epochs)
    Index m_cursor = 0;         ///< next position in m_order
    bool m_changedThisEpoch = false;
    double m_lastBatchLoss = 0.0;
    RunHistory m_history;
    std::optional<EarlyStopping> m_early;
    EarlyStopInfo m_earlyInfo;
    std::string m_earlyMessage;
    std::vector<std::pair<MatrixF, VectorF>> m_bestWeights; ///< restore_best_weights

    std::atomic<bool> m_stopRequested{false};
    std::atomic<bool> m_hasPending{false};
    std::mutex m_pendingMutex;
    Pending m_pending;

    /// Preallocated, data-parallel training step and evaluation (fast_path.h).
    FastPath m_fast;
    std::unique_ptr<Evaluator> m_evaluator; ///< with overlapEvaluation
    bool m_reportingOverlapped = false;     ///< inside a report from m_evaluator
};

} // namespace reglab
