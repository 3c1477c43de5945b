// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Runs the variants of a comparison in the background: the data is loaded once per distinct
// data spec (on the pool, never on the GUI thread) and shared by the runs that use it; each variant
// gets its own core Trainer with one thread, at most QThread::idealThreadCount() of them at a time.
// Progress reaches the GUI thread by queued calls, at most ~20 per second per run plus
// one when a run ends; the epochs travel in a mutex-guarded hand-over list.

#include "core/compare/sweep.h"
#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/io/npz.h"
#include "core/io/run_folder.h"
#include "core/train/metrics.h"
#include "core/train/weight_history.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <memory>
#include <vector>

namespace reglab::ui {

enum class CompareRunStatus { Queued, Running, Finished, Stopped, Diverged, Failed };

/// What the GUI thread knows about one run.
struct CompareRun {
    Variant variant;
    ExperimentSpec spec; ///< the base experiment with the variant applied
    CompareRunStatus status = CompareRunStatus::Queued;
    QString message;                   ///< why it diverged or failed
    std::vector<EpochMetrics> history; ///< epoch 0 first
    std::vector<NpzArray> weights; ///< final weights (empty unless it ended and did not diverge)
    /// What training.early_stopping did (nullopt: the experiment has none).
    std::optional<RunEarlyStopping> earlyStopping;
    /// The weight history kept as reglab-cli train keeps it (`history` keeps histograms for
    /// epoch 0 and the newest epoch only): recorded while training, or history.csv of a run
    /// read from its folder.
    WeightHistory weightHistory;
    QString folder; ///< a run read from its folder: where from (empty: trained here)

    bool isDone() const {
        return status != CompareRunStatus::Queued && status != CompareRunStatus::Running;
    }
};

class CompareRunner : public QObject {
    Q_OBJECT
public:
    explicit CompareRunner(QObject *parent = nullptr);
    /// Cancels every run and waits for the workers.
    ~CompareRunner() override;

    /// Applies each variant to `base` (throws InputError for an invalid variant, or when a
    /// variant would change the seed: nothing starts then), then loads the data (one set per
    /// distinct data spec, e.g. per training-set size) and runs the variants. Must not be
    /// called while running.
    void start(const ExperimentSpec &base, const QString &baseDir,
               const std::vector<Variant> &variants);
    /// Shows finished runs read from their folders instead of training: every run is done,
    /// `data` (may be null when it could not be loaded) stands for the shared data set.
    /// datasetLoaded() (when `data` is set), runUpdated() for each run and finished() follow
    /// from the event loop. Must not be called while running.
    void showFinished(std::vector<CompareRun> runs, std::shared_ptr<const Dataset> data);
    /// Asks every run to stop after its current batch (queued runs never start).
    void cancel();
    void cancelRun(int index);
    /// cancel(), then blocks until every worker has returned.
    void cancelAndWait();

    bool isRunning() const { return m_running; }
    int maxConcurrentRuns() const { return m_pool.maxThreadCount(); }
    const std::vector<CompareRun> &runs() const { return m_runs; }
    /// The base experiment's data set (null until loaded).
    std::shared_ptr<const Dataset> dataset() const { return m_data; }
    /// The data set run `run` trains on (the base's unless its variant changes the data).
    std::shared_ptr<const Dataset> datasetOf(int run) const;

signals:
    void datasetLoaded();
    /// Run `index` has new epochs or a new status.
    void runUpdated(int index);
    void errorOccurred(const QString &message);
    /// Every run has ended (finished, stopped, diverged or failed).
    void finished();

private:
    struct Shared;
    void onDataLoaded(quint64 generation, std::shared_ptr<const Dataset> data,
                      const QString &error);
    void onProgress(quint64 generation, int index);
    void launch(int index);
    void finishAll(CompareRunStatus status, const QString &message);

    QThreadPool m_pool;
    std::vector<CompareRun> m_runs;
    std::vector<std::shared_ptr<Shared>> m_shared;
    std::shared_ptr<const Dataset> m_data;
    std::vector<std::shared_ptr<const Dataset>> m_runData; ///< by run; empty: m_data for all
    quint64 m_generation = 0;
    int m_remaining = 0;
    bool m_running = false;
    bool m_cancelRequested = false;
};

} // namespace reglab::ui
