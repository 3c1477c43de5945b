// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The object that trains, living on the controller's QThread. It loads the data, builds the
// core Trainer, runs epochs and sends throttled snapshots back to the GUI thread.
//
// While an epoch loop runs, this thread never returns to its event loop, so queued slots
// cannot pause it or change parameters. The thread-safe methods below (called by the
// controller on the GUI thread) take a small mutex that guards the trainer's lifetime and
// forward to the Trainer's own atomics / pending-changes struct, which it reads between
// batches.

#include "core/data/dataset.h"
#include "core/data/fit_spec.h"
#include "core/experiment_spec.h"
#include "core/nn/network.h"
#include "core/train/decision_field.h"
#include "core/train/trainer.h"
#include "ui/training/snapshot.h"

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace reglab::ui {

/// What a rebuild produced: the data and the spec the trainer really runs (the output
/// layer's units and the loss fitted to the data), or an error.
struct BuildResult {
    quint64 generation = 0;
    std::shared_ptr<const Dataset> data; ///< null on error
    ExperimentSpec spec;
    QString error;
};

/// What a run() call does: train to the target epoch, or one epoch.
enum class RunMode { Play, Step };

class TrainingWorker
    : public QObject
    , private TrainingObserver {
    Q_OBJECT
public:
    /// At most this many snapshots per second (the last one of a run is always sent).
    static constexpr int kMaxSnapshotsPerSecond = 30;
    /// Snapshots sent but not yet acknowledged by the GUI before the worker holds back
    /// (keeps the GUI's event queue short when it cannot keep up).
    static constexpr int kMaxSnapshotsInFlight = 2;
    /// Decision-field grid resolution per axis.
    static constexpr int kFieldResolution = 60;
    /// Unit-field grid resolution per axis (the network view's small heatmaps).
    static constexpr int kUnitFieldResolution = 32;
    /// At least this long between two unit-field updates (the last snapshot of a run, and the
    /// first after a reset, always carry one).
    static constexpr int kUnitFieldIntervalMs = 250;
    /// First-layer units copied for the weight images.
    static constexpr int kMaxKernelImages = 64;
    /// Conv filter tiles per layer and feature-map channels per layer copied for the views.
    static constexpr int kMaxFilterTiles = 256;
    static constexpr int kMaxFeatureChannels = 64;

    explicit TrainingWorker(QObject *parent = nullptr);
    ~TrainingWorker() override;

    // --- thread-safe, called from the GUI thread ------------------------------------
    /// Stores the experiment the next rebuild() builds; returns its generation number.
    quint64 setPendingExperiment(const ExperimentSpec &spec, const QString &baseDir);
    /// A fresh run token; runs holding an older token do not start.
    quint64 newRunToken();
    /// Invalidates every run token and asks the trainer to stop between batches.
    void cancelRuns();
    void setTargetEpochs(int epochs) { m_targetEpochs.store(epochs); }
    int targetEpochs() const { return m_targetEpochs.load(); }
    void setThreads(int threads) { m_threads.store(threads); }
    /// Play's pace: at most `epochs` epochs per second (0: as fast as possible). Takes
    /// effect at once, also in the middle of a wait between epochs.
    void setEpochsPerSecond(double epochs);
    double epochsPerSecond() const { return m_epochsPerSecond.load(); }
    void setLearningRate(double lr);
    void setRegularizer(int layer, Tensor tensor, std::optional<RegularizerSpec> reg);
    void setL2Convention(L2Convention convention);
    /// The test image whose feature maps the snapshots carry (clamped to the test set).
    void setFeatureMapImage(int index) { m_featureMapImage.store(index); }
    int featureMapImage() const { return m_featureMapImage.load(); }
    /// A copy of the weights as of the latest snapshot (null before the first build).
    std::shared_ptr<const Network<float>> latestWeights() const;
    /// The GUI has handled one snapshot.
    void acknowledgeSnapshot() { m_inFlight.fetch_sub(1); }
    /// Takes the oldest snapshot posted and not yet taken (see snapshotPosted()).
    std::optional<TrainingSnapshot> takeSnapshot();
    /// Called by the receiver at the start of every slot connected to built() and
    /// runEnded(), which the worker emits holding the same mutex (snapshotPosted() needs
    /// neither: takeSnapshot() locks the outbox). Qt copies the queued arguments inside
    /// the emit, so this makes the order Qt's (uninstrumented) event queue guarantees,
    /// copies included, visible to ThreadSanitizer. Costs one lock, rarely contended.
    void acquire() const { std::lock_guard lock(m_handoffMutex); }

public slots:
    // --- queued from the controller, run on the worker thread -------------------------
    /// Loads the data and builds the trainer for the latest pending experiment (does
    /// nothing when that generation is already built).
    void rebuild();
    /// Trains until the target epoch (Play) or one epoch (Step), a stop request or a
    /// divergence; does nothing when `token` is no longer current.
    void run(quint64 token, reglab::ui::RunMode mode);
    /// Fresh weights from the seed, epoch 0.
    void resetTraining();
    /// Posts a snapshot with the feature maps of the current featureMapImage() (between
    /// runs; while a run is on, its snapshots pick the new image up).
    void refreshFeatureMaps();

signals:
    void built(const reglab::ui::BuildResult &result);
    /// One new snapshot waits in the outbox: takeSnapshot(), once per signal, keeps the
    /// snapshots in order with the other signals. They are handed over under a std::mutex
    /// rather than as a queued signal's argument, so the hand-over is visible to
    /// ThreadSanitizer (Qt's event queue is not instrumented) and nothing is copied.
    void snapshotPosted();
    /// `status` is a reglab::TrainStatus; `message` explains a divergence.
    void runEnded(quint64 token, reglab::ui::RunMode mode, int status, const QString &message);

private:
    void epochReported(const EpochMetrics &metrics) override;
    void stepReported(const StepMetrics &metrics) override;
    /// Posts what accumulated as a snapshot; `force` ignores the throttle; `always` posts
    /// even when nothing accumulated (a view's request).
    void flush(bool force, bool always = false);
    void applyThreads();
    /// Keeps a live change for the epoch that reports it (m_mutex held; not without a
    /// trainer, not when nothing changes).
    void logChange(LiveChange change);
    /// Paced Play: waits until the next epoch is due (`epochStart` + 1 s / pace). False when
    /// a stop request ends the wait (cancelRuns() wakes it at once).
    bool waitForNextEpoch(std::chrono::steady_clock::time_point epochStart);
    /// Wakes a waitForNextEpoch() so that it looks at the stop flag and the pace again.
    void wakePace();
    DecisionField computeField(const Network<float> &net) const;

    mutable std::mutex m_mutex; // guards everything below up to m_changeLog
    ExperimentSpec m_pendingSpec;
    QString m_pendingBaseDir;
    quint64 m_pendingGeneration = 0;
    quint64 m_builtGeneration = 0;
    quint64 m_runToken = 0;
    std::unique_ptr<Trainer> m_trainer;
    std::shared_ptr<const Network<float>> m_latestWeights;
    /// Live changes not yet matched to a reported epoch, each with the epoch in training
    /// when it was made: an epoch reporting parametersChanged takes those up to itself.
    std::vector<LiveChange> m_changeLog;

    /// Held by the worker while it emits built() and runEnded(): Qt copies a queued
    /// signal's arguments inside the emit, so the copies are made under it (see acquire()).
    mutable std::mutex m_handoffMutex;
    std::mutex m_outboxMutex;
    std::deque<TrainingSnapshot> m_outbox; ///< posted, not yet taken by the GUI thread

    std::atomic<int> m_targetEpochs{0};
    std::atomic<int> m_threads{1};
    std::atomic<int> m_inFlight{0};
    std::atomic<int> m_featureMapImage{0};
    std::atomic<int> m_epochInTraining{1}; ///< set by the worker thread before each epoch
    std::atomic<double> m_epochsPerSecond{0.0};
    std::mutex m_paceMutex; // pairs with m_paceWake; guards no data
    std::condition_variable m_paceWake;

    // Worker-thread only.
    std::shared_ptr<const Dataset> m_data;
    TrainingSnapshot m_pending; ///< accumulated since the last snapshot
    QElapsedTimer m_sinceFlush;
    PlaneBounds m_fieldBounds; ///< the decision field's rectangle (2-D sets)
    QElapsedTimer m_sinceUnitFields;
    bool m_unitFieldsDue = true; ///< the next snapshot carries unit fields, however soon
    QElapsedTimer m_sinceFeatureMaps;
    int m_featureMapsShown = -1; ///< the image of the last feature maps sent
};

} // namespace reglab::ui

Q_DECLARE_METATYPE(reglab::ui::BuildResult)
Q_DECLARE_METATYPE(reglab::ui::RunMode)
