// SPDX-License-Identifier: GPL-3.0-or-later
// reglab_bench_worker: what the GUI path costs. Trains the seed experiment (bench_util.h)
// for --epochs epochs three ways in one process, so the figures are comparable:
//
//   bare_trainer       the core Trainer on this thread: runEpochs(epochs), end-of-epoch
//                      metrics included (exactly what the worker runs)
//   worker_headless    a TrainingController alone: its worker thread, snapshots, no window
//   worker_with_plots  the real MainWindow (1600x1000) playing the experiment: every plot
//                      redraws from the snapshots as in real use
//
// Each repeat starts from a reset trainer; data loading and building are not timed (the
// clock starts at play()). The cases run interleaved, repeat by repeat, so load drifting on
// the shared machine hits them alike; every figure is the median of --repeats. Prints one
// JSON object per line; `worker_with_plots` carries `ratio_to_bare` and `target_met`
// (ratio >= 0.95); the worker cases carry `worst_gui_delay_ms`, the longest a 10 ms timer on
// the GUI thread waited during any repeat, and `gui_responsive` (< 100 ms). The CPU seconds of the
// main (GUI) thread and of the training thread show where a shortfall comes from. `--only CASE`
// runs one case alone, for a profiler.

#include "bench/bench_util.h"

#include "core/data/dataset.h"
#include "core/io/experiment_json.h"
#include "core/train/trainer.h"
#include "ui/experiment_document.h"
#include "ui/main_window.h"
#include "ui/training/snapshot.h"
#include "ui/training/training_controller.h"

#include <QApplication>
#include <QByteArray>
#include <QEventLoop>
#include <QObject>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace reglab;
using namespace reglab::bench;
using nlohmann::json;
using reglab::ui::MainWindow;
using reglab::ui::TrainingController;
using reglab::ui::TrainingSnapshot;

constexpr double kTargetRatio = 0.95;
constexpr int kTickMs = 10;
/// The longest the GUI thread may be held up while training (issue #11's bound).
constexpr double kMaxGuiDelayMs = 100.0;
const std::set<std::string> kCases = {"bare_trainer", "worker_headless", "worker_with_plots"};

struct Options {
    int epochs = 8;
    int repeats = 5;
    int batch = 100;
    int threads = 0; ///< 0: TrainingController::defaultThreads(), the GUI's default
    double timeoutSeconds = 300.0;
    std::string only; ///< run this case alone (for profiling); empty: all three
    /// An experiment file to train instead of the seed network (its batch size kept unless
    /// --batch is given); empty: the seed network.
    std::string experiment;
    bool batchGiven = false;
};

/// Prints an error line and ends the process at once: a hung worker thread must not keep it
/// alive (destructors would wait for that thread).
[[noreturn]] void fail(const std::string &message) {
    emitJson(json{{"case", "error"}, {"error", message}});
    std::cout.flush();
    std::_Exit(1);
}

/// One timed run: wall seconds, snapshots received, CPU seconds of the main (GUI) thread, of
/// the whole process and of the training thread, and the final train loss (the same work
/// gives the same loss).
struct Run {
    double seconds = 0.0;
    int snapshots = 0;
    double mainCpuSeconds = 0.0;
    double processCpuSeconds = 0.0;
    double trainingCpuSeconds = 0.0;
    double finalTrainLoss = 0.0;
    double worstGuiDelayMs = 0.0; ///< the longest gap between two 10 ms ticks of a GUI timer
};

/// Follows one controller's signals and waits on them with a plain QEventLoop.
class ControllerWatch {
public:
    ControllerWatch(TrainingController *controller, double timeoutSeconds)
        : m_controller(controller)
        , m_timeoutSeconds(timeoutSeconds) {
        QObject::connect(controller, &TrainingController::snapshotReady, &m_context,
                         [this](const TrainingSnapshot &s) {
                             ++m_snapshots;
                             if (s.reset)
                                 m_resetSeen = true;
                             check();
                         });
        QObject::connect(controller, &TrainingController::finished, &m_context, [this] {
            m_finishedAt = Clock::now();
            m_finished = true;
            check();
        });
        QObject::connect(controller, &TrainingController::diverged, &m_context,
                         [this](const QString &message) {
                             m_error = "diverged: " + message.toStdString();
                             check();
                         });
        QObject::connect(controller, &TrainingController::errorOccurred, &m_context,
                         [this](const QString &message) {
                             m_error = message.toStdString();
                             check();
                         });
        QObject::connect(controller, &TrainingController::buildingChanged, &m_context,
                         [this] { check(); });
    }

    /// Waits until the controller has built its experiment and reported epoch 0.
    void waitForBuild() {
        waitUntil("the build", [this] {
            return !m_controller->isBuilding() && m_controller->hasTrainer()
                   && !m_controller->history().empty();
        });
    }

    /// Resets the trainer, waits for the reset snapshot, trains `epochs` epochs and times
    /// them from play() to finished().
    Run timedRun(int epochs) {
        m_resetSeen = false;
        m_controller->reset();
        waitUntil("the reset", [this] { return m_resetSeen; });
        settle(); // the views' queued work after the reset is not timed
        m_snapshots = 0;
        m_finished = false;
        m_controller->setTargetEpochs(epochs);
        Run run;
        const double main0 = threadCpuSeconds();
        const double process0 = processCpuSeconds();
        // A 10 ms timer on the GUI thread: the longest gap between its ticks is how long a
        // click or a repaint could wait while the run trains.
        QTimer ticker;
        ticker.setTimerType(Qt::PreciseTimer);
        auto lastTick = Clock::now();
        QObject::connect(&ticker, &QTimer::timeout, [&] {
            const auto now = Clock::now();
            run.worstGuiDelayMs =
                std::max(run.worstGuiDelayMs, 1000.0 * reglab::bench::seconds(lastTick, now));
            lastTick = now;
        });
        const auto t0 = Clock::now();
        ticker.start(kTickMs);
        m_controller->play();
        waitUntil("the run to finish", [this] { return m_finished; });
        ticker.stop();
        run.seconds = reglab::bench::seconds(t0, m_finishedAt);
        run.mainCpuSeconds = threadCpuSeconds() - main0;
        run.processCpuSeconds = processCpuSeconds() - process0;
        // The worker thread (and OpenMP's, with --threads > 1): all but the main thread.
        run.trainingCpuSeconds = run.processCpuSeconds - run.mainCpuSeconds;
        run.snapshots = m_snapshots;
        run.finalTrainLoss = m_controller->history().back().trainDataLoss;
        if (m_controller->epoch() != epochs)
            fail("the run ended at epoch " + std::to_string(m_controller->epoch()));
        settle(); // let the last replots finish before the next case runs
        return run;
    }

    /// Runs the event loop for `ms` milliseconds (queued replots, layout).
    static void settle(int ms = 100) {
        QEventLoop loop;
        QTimer::singleShot(ms, &loop, &QEventLoop::quit);
        loop.exec();
    }

private:
    void waitUntil(const std::string &what, std::function<bool()> done) {
        if (m_error.empty() && !done()) {
            QEventLoop loop;
            QTimer timeout;
            timeout.setSingleShot(true);
            QObject::connect(&timeout, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
            timeout.start(int(m_timeoutSeconds * 1000));
            m_loop = &loop;
            m_done = std::move(done);
            const int rc = loop.exec();
            m_loop = nullptr;
            m_done = nullptr;
            if (rc != 0)
                fail("timed out after " + std::to_string(int(m_timeoutSeconds)) + " s waiting for "
                     + what);
        }
        if (!m_error.empty())
            fail("while waiting for " + what + ": " + m_error);
    }

    void check() {
        if (m_loop && (!m_error.empty() || (m_done && m_done())))
            m_loop->exit(0);
    }

    TrainingController *m_controller;
    double m_timeoutSeconds;
    QObject m_context; // disconnects the lambdas above when the watch goes
    QEventLoop *m_loop = nullptr;
    std::function<bool()> m_done;
    int m_snapshots = 0;
    bool m_resetSeen = false;
    bool m_finished = false;
    Clock::time_point m_finishedAt;
    std::string m_error;
};

/// The median figures of one case's runs. `bare`, when given, holds the bare trainer's runs
/// of the same repeats: each run is also compared with the bare run next to it in time
/// (which cancels load drifting between repeats on the shared machine).
json caseLine(const char *name, const std::vector<Run> &runs, double samples,
              const std::vector<Run> *bare = nullptr) {
    std::vector<double> rates, wall, snapshots, snapshotRates, mainCpu, processCpu, trainCpu;
    std::vector<double> paired;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const Run &r = runs[i];
        rates.push_back(samples / r.seconds);
        wall.push_back(r.seconds);
        snapshots.push_back(r.snapshots);
        snapshotRates.push_back(r.snapshots / r.seconds);
        mainCpu.push_back(r.mainCpuSeconds / r.seconds);
        processCpu.push_back(r.processCpuSeconds / r.seconds);
        trainCpu.push_back(samples / r.trainingCpuSeconds);
        if (bare)
            paired.push_back((*bare)[i].seconds / r.seconds);
    }
    json j;
    j["case"] = name;
    j["samples_per_s"] = std::round(median(rates));
    j["best_samples_per_s"] = std::round(*std::max_element(rates.begin(), rates.end()));
    j["seconds"] = round4(median(wall));
    // Busy cores while the case ran: the main (GUI) thread alone, and the whole process.
    j["main_thread_cpu_per_wall_s"] = round4(median(mainCpu));
    j["process_cpu_per_wall_s"] = round4(median(processCpu));
    // Per CPU second of the thread that trains: immune to time slices other processes take.
    j["training_thread_cpu_samples_per_s"] = std::round(median(trainCpu));
    j["final_train_loss"] = runs.back().finalTrainLoss;
    if (std::string(name) != "bare_trainer") {
        j["snapshots"] = median(snapshots);
        j["snapshots_per_s"] = round4(median(snapshotRates));
        double worstDelay = 0.0;
        for (const Run &r : runs)
            worstDelay = std::max(worstDelay, r.worstGuiDelayMs);
        j["worst_gui_delay_ms"] = round4(worstDelay);
        j["gui_responsive"] = worstDelay < kMaxGuiDelayMs;
    }
    if (bare) {
        j["paired_ratio_to_bare"] = round4(median(paired));
        // Same seed, data and steps: the loss must match the bare trainer's.
        j["same_loss_as_bare"] = runs.back().finalTrainLoss == bare->back().finalTrainLoss;
    }
    return j;
}

/// The bare trainer's timed run: reset (not timed), then `epochs` epochs on this thread.
Run bareRun(Trainer &trainer, int epochs) {
    trainer.reset();
    Run run;
    const double main0 = threadCpuSeconds();
    const double process0 = processCpuSeconds();
    const auto t0 = Clock::now();
    const TrainResult result = trainer.runEpochs(epochs);
    run.seconds = reglab::bench::seconds(t0, Clock::now());
    run.mainCpuSeconds = threadCpuSeconds() - main0;
    run.processCpuSeconds = processCpuSeconds() - process0;
    run.trainingCpuSeconds = run.processCpuSeconds; // this thread and its OpenMP threads
    run.finalTrainLoss = trainer.history().back().trainDataLoss;
    if (result.status != TrainStatus::Finished)
        fail("the bare trainer stopped: " + result.message);
    return run;
}

int run(const Options &o) {
    ExperimentSpec spec = seedSpec(OptimizerKind::Adam, o.batch);
    if (!o.experiment.empty()) {
        try {
            spec = loadExperimentFile(o.experiment);
        } catch (const std::exception &e) {
            fail(e.what());
        }
        if (o.batchGiven)
            spec.training.batchSize = o.batch;
    }
    spec.training.epochs = o.epochs;
    const auto wanted = [&o](const char *name) { return o.only.empty() || o.only == name; };

    // bare_trainer: the core alone, on this thread.
    auto data = std::make_shared<const Dataset>(loadDataset(spec.dataset, spec.seed));
    const TrainerOptions trainerOptions =
        TrainingController::trainerOptions(o.threads); // as the worker
    std::unique_ptr<Trainer> trainer;
    if (wanted("bare_trainer"))
        trainer = std::make_unique<Trainer>(spec, data, trainerOptions);
    const double samples = double(o.epochs) * double(data->trainSize());

    // worker_headless: a controller with no window.
    std::unique_ptr<TrainingController> headless;
    std::unique_ptr<ControllerWatch> headlessWatch;
    if (wanted("worker_headless")) {
        headless = std::make_unique<TrainingController>();
        headless->setThreads(o.threads);
        headlessWatch = std::make_unique<ControllerWatch>(headless.get(), o.timeoutSeconds);
        headless->setExperiment(spec);
        headlessWatch->waitForBuild();
    }

    // worker_with_plots: the main window with the experiment in its document.
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<ControllerWatch> windowWatch;
    if (wanted("worker_with_plots")) {
        window = std::make_unique<MainWindow>();
        window->setPersistSettings(false);
        window->setAskBeforeDiscard(false);
        window->resize(1600, 1000);
        window->show();
        window->controller()->setThreads(o.threads); // read by the rebuild that load() starts
        windowWatch = std::make_unique<ControllerWatch>(window->controller(), o.timeoutSeconds);
        window->document()->load(spec);
        windowWatch->waitForBuild();
        ControllerWatch::settle(300);
    }

    {
        json j;
        j["case"] = "environment";
        const char *qpa = std::getenv("QT_QPA_PLATFORM");
        const char *omp = std::getenv("OMP_WAIT_POLICY");
        j["threads"] = o.threads;
        j["experiment"] = o.experiment.empty() ? "seed network" : o.experiment;
        j["default_threads"] = TrainingController::defaultThreads();
        j["evaluation_threads"] = trainerOptions.evaluationThreads;
        j["overlap_evaluation"] = trainerOptions.overlapEvaluation;
        j["epochs"] = o.epochs;
        j["batch"] = o.batch;
        j["repeats"] = o.repeats;
        j["train_samples"] = data->trainSize();
        j["test_samples"] = data->testSize();
        j["QT_QPA_PLATFORM"] = qpa ? qpa : "(unset)";
        j["OMP_WAIT_POLICY"] = omp ? omp : "(unset)";
        if (!o.only.empty())
            j["only"] = o.only;
        emitJson(j);
    }

    // One untimed round of each case warms caches, page mappings and the plots' first draw;
    // then the cases take turns, repeat by repeat.
    std::vector<Run> bare, worker, plots;
    for (int r = -1; r < o.repeats; ++r) {
        const int epochs = r < 0 ? 1 : o.epochs;
        if (trainer) {
            const Run run = bareRun(*trainer, epochs);
            if (r >= 0)
                bare.push_back(run);
        }
        if (headlessWatch) {
            const Run run = headlessWatch->timedRun(epochs);
            if (r >= 0)
                worker.push_back(run);
        }
        if (windowWatch) {
            const Run run = windowWatch->timedRun(epochs);
            if (r >= 0)
                plots.push_back(run);
        }
    }

    json b;
    if (!bare.empty()) {
        b = caseLine("bare_trainer", bare, samples);
        emitJson(b);
    }
    for (const auto &[name, runs] :
         {std::pair{"worker_headless", &worker}, std::pair{"worker_with_plots", &plots}}) {
        if (runs->empty())
            continue;
        json j = caseLine(name, *runs, samples, bare.empty() ? nullptr : &bare);
        if (!bare.empty()) {
            const double ratio =
                j["samples_per_s"].get<double>() / b["samples_per_s"].get<double>();
            j["ratio_to_bare"] = round4(ratio);
            j["training_cpu_ratio_to_bare"] =
                round4(j["training_thread_cpu_samples_per_s"].get<double>()
                       / b["training_thread_cpu_samples_per_s"].get<double>());
            if (std::string(name) == "worker_with_plots") {
                j["target_ratio"] = kTargetRatio;
                j["target_met"] = ratio >= kTargetRatio;
            }
        }
        emitJson(j);
    }
    return 0;
}

int positiveArgument(const std::string &flag, const char *value) {
    const int v = std::atoi(value);
    if (v < 1) {
        std::cerr << "reglab_bench_worker: " << flag << ": expected a number >= 1, got \"" << value
                  << "\"\n";
        std::exit(2);
    }
    return v;
}

} // namespace

int main(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--epochs" && hasValue) {
            o.epochs = positiveArgument(a, argv[++i]);
        } else if (a == "--repeats" && hasValue) {
            o.repeats = positiveArgument(a, argv[++i]);
        } else if (a == "--batch" && hasValue) {
            o.batch = positiveArgument(a, argv[++i]);
            o.batchGiven = true;
        } else if (a == "--experiment" && hasValue) {
            o.experiment = argv[++i];
        } else if (a == "--threads" && hasValue) {
            o.threads = positiveArgument(a, argv[++i]);
        } else if (a == "--timeout" && hasValue) {
            o.timeoutSeconds = positiveArgument(a, argv[++i]);
        } else if (a == "--only" && hasValue && kCases.contains(argv[i + 1])) {
            o.only = argv[++i];
        } else {
            std::cerr << "usage: reglab_bench_worker [--epochs N] [--repeats N] [--batch N] "
                         "[--threads N] [--timeout SECONDS]\n"
                         "                           [--experiment FILE]\n"
                         "                           [--only bare_trainer|worker_headless|"
                         "worker_with_plots]\n";
            return a == "--help" || a == "-h" ? 0 : 2;
        }
    }
    // Headless unless the caller chose a platform.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RegLabBench"));
    if (o.threads == 0)
        o.threads = TrainingController::defaultThreads();
    try {
        return run(o);
    } catch (const std::exception &e) {
        fail(e.what());
    }
}
