// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The GUI thread's handle on training: owns the worker thread and the TrainingWorker on it.
// Starting work is a queued call; pausing and live parameter changes go straight to the
// trainer's thread-safe controls (a worker inside its epoch loop never runs queued slots).

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/io/metrics_csv.h"
#include "core/nn/network.h"
#include "core/train/metrics.h"
#include "core/train/run_history.h"
#include "ui/training/snapshot.h"
#include "ui/training/training_worker.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QThread>

#include <memory>
#include <optional>
#include <vector>

namespace reglab::ui {

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject *parent = nullptr);
    /// Stops the run (the trainer checks between batches), quits and joins the thread.
    ~TrainingController() override;

    /// OpenMP threads that leave the GUI thread a core: ideal thread count - 1, at least 1.
    static int defaultThreads();
    /// The trainer options the worker uses for `threads` training threads: with a core to
    /// spare, each epoch is evaluated on it while the next one trains (overlapEvaluation,
    /// one evaluation thread); otherwise the evaluation runs between epochs on all threads.
    static TrainerOptions trainerOptions(int threads);

    /// Loads the data and builds a fresh trainer for `spec` on the worker thread (stops a
    /// run first). Ends in datasetReady() and a reset snapshot, or errorOccurred(). A spec
    /// that differs from the built one only in live parameters or the epoch count is
    /// applied without rebuilding. Relative data paths resolve against `baseDir`.
    void setExperiment(const ExperimentSpec &spec, const QString &baseDir = {});

    void play();
    void pause();
    /// Trains exactly one epoch (ignored while running).
    void stepEpoch();
    /// Fresh weights from the seed, back to epoch 0 (keeps the live parameters).
    void reset();

    void setLearningRate(double lr);
    void setRegularizer(int layer, Tensor tensor, std::optional<RegularizerSpec> reg);
    void setL2Convention(L2Convention convention);
    /// The test image the feature-map view shows; a snapshot with its maps follows.
    void setFeatureMapImage(int index);
    /// Play trains until this epoch (the spec's training.epochs by default).
    void setTargetEpochs(int epochs);
    int targetEpochs() const;
    /// OpenMP threads for training; applied at the next run.
    void setThreads(int threads);
    int threads() const { return m_threads; }

    /// Play's pace: at most `epochs` epochs per second, waiting between epochs on the worker
    /// thread (0, the default: as fast as possible). Takes effect at once, even mid-run; it
    /// changes when the epochs happen, never what they compute. Step is never paced.
    void setEpochsPerSecond(double epochs);
    double epochsPerSecond() const { return m_epochsPerSecond; }
    /// The paces offered in the GUI, fastest first: 0 (as fast as possible), then epochs per
    /// second down to a pace a class can follow.
    static const QList<double> &paceChoices();
    /// "As fast as possible", "5 epochs/s", "1 epoch/s".
    static QString paceText(double epochsPerSecond);
    /// True when going from `from` to `to` builds a new trainer, losing the epochs trained
    /// (a change of the epoch count alone does not; see setExperiment()).
    static bool discardsRun(const ExperimentSpec &from, const ExperimentSpec &to);

    bool isRunning() const { return m_running; }
    /// A rebuild is queued or loading.
    bool isBuilding() const { return m_building; }
    /// A trainer exists (the last build succeeded).
    bool hasTrainer() const { return m_data != nullptr; }
    int epoch() const { return m_epoch; }
    long long step() const { return m_step; }
    /// The spec the trainer was built from: the requested one with the loss and the output
    /// units fitted to the data (see fitSpecToData()).
    const ExperimentSpec &builtSpec() const { return m_builtSpec; }
    std::shared_ptr<const Dataset> dataset() const { return m_data; }
    /// The epochs received since the last reset, epoch 0 first: every one up to
    /// kThinnedEpochs, then thinned (run_history.h: every stride-th epoch, the first, the
    /// newest, the test and validation loss minima and early stopping's best epoch).
    const std::vector<EpochMetrics> &history() const { return m_history.epochs(); }
    /// 1 while history() holds every epoch, else the epochs between two kept ones.
    int historyStride() const { return m_history.stride(); }
    /// Every epoch's metrics.csv row since the last reset (what Save run writes).
    const reglab::MetricsLog &metricsLog() const { return m_metricsLog; }
    /// The bytes the history and the metrics log hold.
    std::size_t historyBytes() const { return m_history.bytes() + m_metricsLog.bytes(); }
    /// The epochs the worker's trainer keeps of its own history (it reads the newest only).
    static constexpr std::size_t kTrainerHistoryEpochs = 64;
    /// The weights as of the latest snapshot (null when nothing is built).
    std::shared_ptr<const Network<float>> weights() const;
    /// The weights of the latest snapshot handled on this thread: those of epoch(), in step
    /// with history() (weights() may already be newer while snapshots are on their way).
    std::shared_ptr<const Network<float>> historyWeights() const { return m_historyWeights; }
    /// The message of the last failed build (empty after a successful one).
    QString lastError() const { return m_lastError; }

signals:
    void datasetReady(std::shared_ptr<const reglab::Dataset> data);
    void errorOccurred(const QString &message);
    void snapshotReady(const reglab::ui::TrainingSnapshot &snapshot);
    void runningChanged(bool running);
    void buildingChanged(bool building);
    void diverged(const QString &message);
    /// Play reached the target epoch.
    void finished();

private:
    void onBuilt(const reglab::ui::BuildResult &result);
    void onSnapshot(const reglab::ui::TrainingSnapshot &snapshot);
    void onRunEnded(quint64 token, reglab::ui::RunMode mode, int status, const QString &message);
    void setRunning(bool running);
    void setBuilding(bool building);

    QThread m_thread;
    TrainingWorker *m_worker = nullptr; // lives on m_thread, deleted after it stops
    quint64 m_generation = 0;
    quint64 m_runToken = 0;
    bool m_running = false;
    bool m_building = false;
    int m_threads = 1;
    double m_epochsPerSecond = 0.0;
    int m_epoch = 0;
    long long m_step = 0;
    bool m_hasBuilt = false;
    ExperimentSpec m_builtSpec;
    QString m_baseDir;
    std::shared_ptr<const Dataset> m_data;
    reglab::RunHistory m_history{reglab::kThinnedEpochs};
    reglab::MetricsLog m_metricsLog;
    std::shared_ptr<const Network<float>> m_historyWeights;
    QString m_lastError;
};

} // namespace reglab::ui
