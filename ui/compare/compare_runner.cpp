// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_runner.h"

#include "core/error.h"
#include "core/io/weights_io.h"
#include "core/train/trainer.h"

#include <QThread>

#include <algorithm>

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <mutex>

namespace reglab::ui {

/// Hand-over between one worker and the GUI thread.
struct CompareRunner::Shared {
    std::mutex mutex;
    Trainer *trainer = nullptr; ///< set while the worker runs it (guarded by mutex)
    std::vector<EpochMetrics> pending;
    bool started = false;
    bool done = false;
    bool failed = false;
    TrainStatus status = TrainStatus::Finished;
    std::string message;
    std::vector<NpzArray> weights;
    std::optional<RunEarlyStopping> earlyStopping;
    std::atomic<bool> cancel{false};
};

namespace {

/// Collects epochs for the GUI and pings it at most every 50 ms.
class Forwarder : public TrainingObserver {
public:
    Forwarder(std::mutex &mutex, std::vector<EpochMetrics> &pending, std::function<void()> notify)
        : m_mutex(mutex)
        , m_pending(pending)
        , m_notify(std::move(notify)) {}

    void epochReported(const EpochMetrics &m) override {
        {
            std::lock_guard lock(m_mutex);
            m_pending.push_back(m);
        }
        const auto now = std::chrono::steady_clock::now();
        if (now - m_lastNotify >= std::chrono::milliseconds(50)) {
            m_lastNotify = now;
            m_notify();
        }
    }

private:
    std::mutex &m_mutex;
    std::vector<EpochMetrics> &m_pending;
    std::function<void()> m_notify;
    std::chrono::steady_clock::time_point m_lastNotify{};
};

} // namespace

CompareRunner::CompareRunner(QObject *parent)
    : QObject(parent) {
    m_pool.setMaxThreadCount(std::max(1, QThread::idealThreadCount()));
}

CompareRunner::~CompareRunner() {
    cancelAndWait();
}

void CompareRunner::start(const ExperimentSpec &base, const QString &baseDir,
                          const std::vector<Variant> &variants) {
    if (m_running)
        throw InputError({}, "variants", "a comparison is still running");
    if (variants.empty())
        throw InputError({}, "variants", "no variants to run");
    std::vector<CompareRun> runs;
    for (const Variant &v : variants) {
        CompareRun run;
        run.variant = v;
        run.spec = applyVariant(base, v);
        if (run.spec.seed != base.seed)
            throw InputError({}, "variants",
                             "\"" + v.label
                                 + "\" changes the seed; the runs of a comparison share their "
                                   "initial weights and batches");
        runs.push_back(std::move(run));
    }
    // Runs of an earlier generation may still post; they are ignored from here on.
    ++m_generation;
    m_runs = std::move(runs);
    m_shared.clear();
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        m_shared.push_back(std::make_shared<Shared>());
    m_data.reset();
    m_runData.clear();
    m_remaining = int(m_runs.size());
    m_running = true;
    m_cancelRequested = false;

    const quint64 generation = m_generation;
    // One data set per distinct data spec (usually one shared by every run; a training-set
    // size or label-noise comparison has one per run), the base's first.
    std::vector<DatasetSpec> specs{base.dataset};
    std::vector<std::size_t> which;
    for (const CompareRun &run : m_runs) {
        auto it = std::find(specs.begin(), specs.end(), run.spec.dataset);
        if (it == specs.end())
            it = specs.insert(specs.end(), run.spec.dataset);
        which.push_back(std::size_t(it - specs.begin()));
    }
    const std::uint64_t seed = base.seed;
    const std::string dir = baseDir.toStdString();
    m_pool.start([this, generation, specs, which, seed, dir] {
        std::vector<std::shared_ptr<const Dataset>> loaded;
        QString error;
        try {
            for (const DatasetSpec &spec : specs)
                loaded.push_back(std::make_shared<const Dataset>(loadDataset(spec, seed, dir)));
        } catch (const std::exception &e) {
            error = QString::fromStdString(e.what());
        }
        std::vector<std::shared_ptr<const Dataset>> byRun;
        if (error.isEmpty()) {
            for (std::size_t k : which)
                byRun.push_back(loaded[k]);
        }
        const std::shared_ptr<const Dataset> data = loaded.empty() ? nullptr : loaded.front();
        QMetaObject::invokeMethod(
            this,
            [this, generation, data, byRun, error] {
                if (generation == m_generation)
                    m_runData = byRun;
                onDataLoaded(generation, data, error);
            },
            Qt::QueuedConnection);
    });
}

std::shared_ptr<const Dataset> CompareRunner::datasetOf(int run) const {
    if (run >= 0 && std::size_t(run) < m_runData.size() && m_runData[std::size_t(run)])
        return m_runData[std::size_t(run)];
    return m_data;
}

void CompareRunner::onDataLoaded(quint64 generation, std::shared_ptr<const Dataset> data,
                                 const QString &error) {
    if (generation != m_generation)
        return;
    if (!error.isEmpty()) {
        emit errorOccurred(error);
        finishAll(CompareRunStatus::Failed, error);
        return;
    }
    if (m_cancelRequested) {
        finishAll(CompareRunStatus::Stopped, {});
        return;
    }
    m_data = std::move(data);
    emit datasetLoaded();
    for (int i = 0; i < int(m_runs.size()); ++i)
        launch(i);
}

void CompareRunner::showFinished(std::vector<CompareRun> runs,
                                 std::shared_ptr<const Dataset> data) {
    if (m_running)
        throw InputError({}, "runs", "a comparison is still running");
    ++m_generation;
    m_runs = std::move(runs);
    m_shared.clear();
    m_runData.clear();
    m_data = std::move(data);
    m_remaining = 0;
    m_cancelRequested = false;
    // Announced from the event loop, as a training comparison's progress is.
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_generation)
                return;
            if (m_data)
                emit datasetLoaded();
            for (int i = 0; i < int(m_runs.size()); ++i)
                emit runUpdated(i);
            emit finished();
        },
        Qt::QueuedConnection);
}

void CompareRunner::finishAll(CompareRunStatus status, const QString &message) {
    for (int i = 0; i < int(m_runs.size()); ++i) {
        m_runs[std::size_t(i)].status = status;
        m_runs[std::size_t(i)].message = message;
        emit runUpdated(i);
    }
    m_remaining = 0;
    m_running = false;
    emit finished();
}

namespace {
/// Orders building a pool task before running it, for ThreadSanitizer (see launch()).
std::mutex &taskHandoffMutex() {
    static std::mutex mutex;
    return mutex;
}
} // namespace

void CompareRunner::launch(int index) {
    const std::shared_ptr<Shared> shared = m_shared[std::size_t(index)];
    const ExperimentSpec spec = m_runs[std::size_t(index)].spec;
    const std::shared_ptr<const Dataset> data = datasetOf(index);
    const quint64 generation = m_generation;
    // The runner outlives every task (its destructor waits for the pool).
    auto notify = [this, generation, index] {
        QMetaObject::invokeMethod(
            this, [this, generation, index] { onProgress(generation, index); },
            Qt::QueuedConnection);
    };
    std::function<void()> task = [shared, spec, data, notify] {
        { std::lock_guard handoff(taskHandoffMutex()); } // see below
        if (shared->cancel.load()) {
            {
                std::lock_guard lock(shared->mutex);
                shared->status = TrainStatus::Stopped;
                shared->done = true;
            }
            notify();
            return;
        }
        try {
            Trainer trainer(spec, data, TrainerOptions{1});
            {
                std::lock_guard lock(shared->mutex);
                shared->started = true;
                shared->pending.push_back(trainer.history().front());
                shared->trainer = &trainer;
                if (shared->cancel.load())
                    trainer.requestStop();
            }
            notify();
            Forwarder forwarder(shared->mutex, shared->pending, notify);
            trainer.setObserver(&forwarder);
            const TrainResult result = trainer.run();
            trainer.setObserver(nullptr);
            std::vector<NpzArray> weights;
            if (result.status != TrainStatus::Diverged)
                weights = weightsToArrays(trainer.network());
            std::lock_guard lock(shared->mutex);
            shared->trainer = nullptr;
            shared->status = result.status;
            shared->message = result.message;
            shared->weights = std::move(weights);
            shared->earlyStopping = runEarlyStoppingOf(trainer);
            shared->done = true;
        } catch (const std::exception &e) {
            std::lock_guard lock(shared->mutex);
            shared->trainer = nullptr;
            shared->failed = true;
            shared->message = e.what();
            shared->done = true;
        }
        notify();
    };
    // The task (and its captures) is built here and read on a pool thread. QThreadPool orders
    // the two, but through Qt's uninstrumented queue, which ThreadSanitizer cannot see; the
    // empty critical sections on both sides make the order visible to it.
    { std::lock_guard handoff(taskHandoffMutex()); }
    m_pool.start(std::move(task));
}

void CompareRunner::onProgress(quint64 generation, int index) {
    if (generation != m_generation || index < 0 || index >= int(m_runs.size()))
        return;
    CompareRun &run = m_runs[std::size_t(index)];
    if (run.isDone())
        return; // already counted
    Shared &shared = *m_shared[std::size_t(index)];
    std::vector<EpochMetrics> epochs;
    bool done = false;
    {
        std::lock_guard lock(shared.mutex);
        epochs.swap(shared.pending);
        done = shared.done;
        if (shared.started && run.status == CompareRunStatus::Queued)
            run.status = CompareRunStatus::Running;
        if (done) {
            run.message = QString::fromStdString(shared.message);
            run.weights = std::move(shared.weights);
            run.earlyStopping = shared.earlyStopping;
            if (shared.failed)
                run.status = CompareRunStatus::Failed;
            else if (shared.status == TrainStatus::Finished
                     || shared.status == TrainStatus::EarlyStopped) // its message says when
                run.status = CompareRunStatus::Finished;
            else if (shared.status == TrainStatus::Stopped)
                run.status = CompareRunStatus::Stopped;
            else
                run.status = CompareRunStatus::Diverged;
        }
    }
    for (EpochMetrics &m : epochs) {
        run.weightHistory.add(m);
        appendToHistory(run.history, std::move(m));
    }
    emit runUpdated(index);
    if (done && --m_remaining == 0) {
        m_running = false;
        emit finished();
    }
}

void CompareRunner::cancel() {
    m_cancelRequested = true;
    for (const auto &shared : m_shared) {
        shared->cancel.store(true);
        std::lock_guard lock(shared->mutex);
        if (shared->trainer)
            shared->trainer->requestStop();
    }
}

void CompareRunner::cancelRun(int index) {
    if (index < 0 || index >= int(m_shared.size()))
        return;
    Shared &shared = *m_shared[std::size_t(index)];
    shared.cancel.store(true);
    std::lock_guard lock(shared.mutex);
    if (shared.trainer)
        shared.trainer->requestStop();
}

void CompareRunner::cancelAndWait() {
    cancel();
    m_pool.waitForDone();
}

} // namespace reglab::ui
