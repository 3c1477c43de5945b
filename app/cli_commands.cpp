// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_commands.h"

#include "core/compare/sweep.h"
#include "core/error.h"
#include "core/export/code_export.h"
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/metrics_csv.h"
#include "core/io/npz.h"
#include "core/io/run_folder.h"
#include "core/io/weights_io.h"
#include "core/text.h"
#include "core/train/weight_history.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

namespace reglab::cli {

namespace fs = std::filesystem;

namespace {

std::string joinPath(const std::string &dir, const std::string &name) {
    return (fs::path(dir) / name).string();
}

/// The user's overrides plus the --epochs shortcut (last, so it wins).
std::vector<std::string> withEpochs(std::vector<std::string> overrides,
                                    const std::optional<int> &epochs) {
    if (epochs)
        overrides.push_back("training.epochs=" + std::to_string(*epochs));
    return overrides;
}

/// What one training run ended with.
struct RunOutcome {
    TrainResult result;
    double seconds = 0.0;
};

/// Trains until done, stopped or diverged, then writes the run folder `dir`
/// (core/io/run_folder.h: weights.npz and history.csv unless training diverged).
RunOutcome trainAndWrite(Trainer &trainer, const std::string &dir, const std::string &prefix,
                         bool quiet) {
    RunOutcome outcome;
    std::vector<EpochMetrics> weightHistory; // for history.csv
    {
        ProgressPrinter printer(trainer.spec().training.epochs, trainer.spec().task(), prefix,
                                quiet);
        WeightHistoryRecorder recorder(&printer);
        if (!trainer.history().empty())
            recorder.history().add(trainer.history().back()); // epoch 0, reported already
        trainer.setObserver(&recorder);
        setActiveTrainer(&trainer);
        const auto start = std::chrono::steady_clock::now();
        outcome.result = trainer.run();
        outcome.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        setActiveTrainer(nullptr);
        trainer.setObserver(nullptr);
        weightHistory = recorder.history().epochs();
    }
    const RunStatus status = runStatusOf(outcome.result.status);
    writeRunFolder(dir, trainer.spec(), trainer.history(),
                   status == RunStatus::Diverged ? std::vector<NpzArray>{}
                                                 : weightsToArrays(trainer.network()),
                   status, outcome.result.message, weightHistory, runEarlyStoppingOf(trainer));
    return outcome;
}

std::string durationText(double seconds, int epochs) {
    std::string text = format("%d epoch%s in %.3f s", epochs, epochs == 1 ? "" : "s", seconds);
    if (epochs > 0)
        text += format(", %.3f s/epoch", seconds / epochs);
    return text;
}

/// Prints the "stopped" note for an interrupted run and returns the exit code.
int reportInterrupted(const TrainResult &result, const std::string &dir) {
    std::fprintf(stderr, "interrupted after epoch %d; wrote what was done to %s\n", result.epoch,
                 dir.c_str());
    return kExitInterrupted;
}

} // namespace

// --- train --------------------------------------------------------------------------------

int runTrain(const TrainOptions &options) {
    const CommonOptions &c = options.common;
    // Everything is validated before the output folder is created.
    const ExperimentSpec spec =
        loadExperimentFile(c.experiment, withEpochs(c.overrides, options.epochs));
    const auto data = loadData(spec, c.experiment);
    const auto trainer = makeTrainer(spec, data, c.threads, c.experiment);
    if (!options.init.empty())
        loadInitialWeights(*trainer, options.init);
    const std::string dir =
        options.out.empty() ? joinPath("runs", labelFileName(spec.name)) : options.out;
    checkOutputFolder(dir);
    if (interruptSignal() != 0)
        return kExitInterrupted; // nothing written yet
    createOutputFolder(dir);

    const RunOutcome outcome = trainAndWrite(*trainer, dir, {}, options.quiet);
    const TrainResult &r = outcome.result;
    if (r.status == TrainStatus::Diverged) {
        std::fprintf(stderr, "error: %s\n", r.message.c_str());
        return kExitDiverged;
    }
    const EpochMetrics &last = trainer->history().back();
    std::printf("%s: %s: %s -> %s\n", spec.name.c_str(),
                durationText(outcome.seconds, r.epoch).c_str(),
                ProgressPrinter::describe(last, spec.task()).c_str(), dir.c_str());
    std::fflush(stdout);
    if (r.status == TrainStatus::Stopped)
        return reportInterrupted(r, dir);
    if (r.status == TrainStatus::EarlyStopped) {
        std::printf("%s\n", r.message.c_str());
    } else if (const EarlyStopInfo &e = trainer->earlyStopInfo(); e.restoredEpoch > 0) {
        // restore_best_weights without a stop: the weights written are the best epoch's
        std::printf("early stopping did not stop the run; restored the weights of epoch %d (best "
                    "%s %s)\n",
                    e.restoredEpoch, spec.training.earlyStopping->monitor.c_str(),
                    csvNumber(e.best).c_str());
    }
    std::fflush(stdout);
    return kExitOk;
}

// --- sweep --------------------------------------------------------------------------------

std::vector<std::string> splitValues(const std::string &text) {
    std::vector<std::string> parts;
    std::string current;
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    auto flush = [&] {
        const auto first = current.find_first_not_of(" \t");
        const auto last = current.find_last_not_of(" \t");
        parts.push_back(first == std::string::npos ? std::string()
                                                   : current.substr(first, last - first + 1));
        current.clear();
    };
    for (char ch : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
        } else if (ch == '"') {
            inString = true;
        } else if (ch == '{' || ch == '[') {
            ++depth;
        } else if ((ch == '}' || ch == ']') && depth > 0) {
            --depth;
        } else if (ch == ',' && depth == 0) {
            flush();
            continue;
        }
        current += ch;
    }
    flush();
    return parts;
}

namespace {

/// A swept value's place on the regularization path: the value itself when it is a number,
/// otherwise its position in the list.
double pathValue(const std::string &value, std::size_t position) {
    double v = 0.0;
    const char *end = value.data() + value.size();
    const auto [ptr, ec] = std::from_chars(value.data(), end, v);
    return ec == std::errc() && ptr == end && std::isfinite(v) ? v : double(position);
}

/// The summary as a table with aligned columns (numbers right-aligned).
void printSummaryTable(const std::vector<RunSummary> &rows, const std::string &param,
                       TaskKind task) {
    const char *score = task == TaskKind::Regression ? "R^2" : "acc";
    std::vector<std::vector<std::string>> cells;
    cells.push_back({param, format("train %s", score), format("test %s", score),
                     format("best test %s", score), "best epoch", "train loss", "test loss",
                     "reg loss"});
    for (const RunSummary &s : rows) {
        cells.push_back({s.label, format("%.4f", s.finalTrainAccuracy),
                         format("%.4f", s.finalTestAccuracy), format("%.4f", s.bestTestAccuracy),
                         std::to_string(s.bestEpoch), format("%.5g", s.finalTrainDataLoss),
                         format("%.5g", s.finalTestDataLoss), format("%.5g", s.penalty)});
    }
    std::vector<std::size_t> widths(cells.front().size(), 0);
    for (const auto &row : cells) {
        for (std::size_t i = 0; i < row.size(); ++i)
            widths[i] = std::max(widths[i], row[i].size());
    }
    for (const auto &row : cells) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string pad(widths[i] - row[i].size(), ' ');
            if (i == 0)
                line += row[i] + pad;
            else
                line += "  " + pad + row[i];
        }
        std::printf("%s\n", line.c_str());
    }
    std::fflush(stdout);
}

} // namespace

int runSweep(const SweepOptions &options) {
    const CommonOptions &c = options.common;
    if (options.param.empty())
        throw InputError(c.experiment, "--param", "names no key");
    if (options.param.find('=') != std::string::npos)
        throw InputError(c.experiment, "--param",
                         "is a KEY without '=' (the values go in --values)");
    const std::vector<std::string> values = splitValues(options.values);

    // Validate every run before writing anything: experiments, folder names, data, networks.
    struct Run {
        SweepEntry entry;
        ExperimentSpec spec;
        std::unique_ptr<Trainer> trainer;
    };
    std::vector<Run> runs;
    for (const std::string &value : values) {
        if (value.empty())
            throw InputError(c.experiment, "--values",
                             "has an empty value in \"" + options.values + "\"");
    }
    std::vector<std::string> folders;
    try {
        folders = sweepFolderNames(values);
    } catch (const InputError &e) {
        throw InputError(c.experiment, "--values", e.message());
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
        Run run;
        run.entry.label = values[i];
        run.entry.value = pathValue(values[i], i);
        run.entry.overrides = {options.param + "=" + values[i]};
        run.entry.folder = folders[i];
        std::vector<std::string> overrides = c.overrides;
        overrides.push_back(run.entry.overrides.front());
        run.spec = loadExperimentFile(c.experiment, withEpochs(overrides, options.epochs));
        runs.push_back(std::move(run));
    }
    // One data set per distinct (data spec, seed): usually one, shared by every run.
    std::vector<std::pair<std::pair<DatasetSpec, std::uint64_t>, std::shared_ptr<const Dataset>>>
        datasets;
    for (Run &run : runs) {
        const auto key = std::make_pair(run.spec.dataset, run.spec.seed);
        auto it = std::find_if(datasets.begin(), datasets.end(),
                               [&](const auto &entry) { return entry.first == key; });
        if (it == datasets.end()) {
            datasets.emplace_back(key, loadData(run.spec, c.experiment));
            it = std::prev(datasets.end());
        }
        run.trainer = makeTrainer(run.spec, it->second, c.threads, c.experiment);
    }
    const ExperimentSpec &base = runs.front().spec;
    const std::string dir = options.out.empty()
                                ? joinPath("runs", labelFileName(base.name + "-" + options.param))
                                : options.out;
    checkOutputFolder(dir);
    if (interruptSignal() != 0)
        return kExitInterrupted;
    createOutputFolder(dir);
    beginSweepFolder(dir);
    if (!options.quiet && datasets.size() == 1 && runs.size() > 1) {
        std::fprintf(stderr, "%zu runs share one data set (%s)\n", runs.size(),
                     datasets.front().second->name.c_str());
    }

    SweepManifest manifest;
    manifest.parameter = options.param;
    std::vector<RunSummary> rows;
    bool diverged = false;
    bool interrupted = false;
    for (Run &run : runs) {
        const std::string &value = run.entry.label;
        const RunOutcome outcome = trainAndWrite(*run.trainer, joinPath(dir, run.entry.folder),
                                                 "[" + value + "] ", options.quiet);
        RunSummary summary = summarize(run.trainer->history(), run.trainer->data());
        summary.label = value;
        summary.value = run.entry.value;
        if (summary.collapsed && !options.quiet) {
            std::fprintf(stderr, "%s=%s: collapsed: %s\n", options.param.c_str(), value.c_str(),
                         summary.collapseReason.c_str());
        }
        rows.push_back(std::move(summary));
        manifest.runs.push_back(run.entry);
        if (outcome.result.status == TrainStatus::Diverged) {
            std::fprintf(stderr, "error: %s=%s: %s\n", options.param.c_str(), value.c_str(),
                         outcome.result.message.c_str());
            diverged = true;
        } else if (outcome.result.status == TrainStatus::Stopped) {
            interrupted = true;
            break;
        }
        run.trainer.reset(); // free the network before the next run
    }
    finishSweepFolder(dir, manifest, rows);
    printSummaryTable(rows, options.param, base.task());
    if (interrupted) {
        std::fprintf(stderr, "interrupted; wrote the finished runs and summary.csv to %s\n",
                     dir.c_str());
        return kExitInterrupted;
    }
    return diverged ? kExitDiverged : kExitOk;
}

// --- eval ---------------------------------------------------------------------------------

int runEval(const EvalOptions &options) {
    const CommonOptions &c = options.common;
    const ExperimentSpec spec = loadExperimentFile(c.experiment, c.overrides);
    const auto data = loadData(spec, c.experiment);
    const auto trainer = makeTrainer(spec, data, c.threads, c.experiment);
    loadInitialWeights(*trainer, options.weights);
    // setWeights() evaluated the loaded weights on the full train and test sets.
    const EpochMetrics &m = trainer->history().back();
    const bool regression = spec.task() == TaskKind::Regression;

    if (options.json) {
        nlohmann::ordered_json doc = nlohmann::ordered_json::object();
        doc["experiment"] = c.experiment;
        doc["weights"] = options.weights;
        doc["task"] = toString(spec.task());
        doc["train_data_loss"] = m.trainDataLoss;
        doc["test_data_loss"] = m.testDataLoss;
        nlohmann::ordered_json layers = nlohmann::ordered_json::array();
        for (const LayerMetrics &l : m.layers) {
            nlohmann::ordered_json layer = nlohmann::ordered_json::object();
            layer["name"] = l.name;
            layer["kernel_l1_loss"] = l.kernelL1Loss;
            layer["kernel_l2_loss"] = l.kernelL2Loss;
            layer["bias_l1_loss"] = l.biasL1Loss;
            layer["bias_l2_loss"] = l.biasL2Loss;
            layer["l1_loss"] = l.l1Loss();
            layer["l2_loss"] = l.l2Loss();
            layer["sparsity"] = l.sparsity;
            layer["kernel_l2_norm"] = l.kernelL2Norm;
            layers.push_back(std::move(layer));
        }
        doc["layers"] = std::move(layers);
        doc["reg_loss"] = m.regLoss;
        doc["total_loss"] = m.totalLoss;
        doc["train_accuracy"] = m.trainAccuracy;
        doc["test_accuracy"] = m.testAccuracy;
        std::printf(
            "%s\n",
            doc.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
        std::fflush(stdout);
        return kExitOk;
    }

    std::printf("experiment  %s (%s, %lld train / %lld test samples)\n", c.experiment.c_str(),
                data->name.c_str(), (long long)data->trainSize(), (long long)data->testSize());
    std::printf("weights     %s\n\n", options.weights.c_str());
    std::printf("train data loss  %.6g\n", m.trainDataLoss);
    std::printf("test data loss   %.6g\n\n", m.testDataLoss);
    std::size_t width = 5;
    for (const LayerMetrics &l : m.layers)
        width = std::max(width, l.name.size());
    std::printf("%-*s  %12s  %12s  %9s\n", int(width), "layer", "L1 term", "L2 term", "sparsity");
    for (const LayerMetrics &l : m.layers) {
        std::printf("%-*s  %12.6g  %12.6g  %9.4f\n", int(width), l.name.c_str(), l.l1Loss(),
                    l.l2Loss(), l.sparsity);
    }
    std::printf("\nreg loss         %.6g\n", m.regLoss);
    std::printf("total loss       %.6g%s\n", m.totalLoss,
                spec.training.penaltyInLoss ? "" : " (penalty not in the loss)");
    std::printf("train %s   %.4f\n", regression ? "R^2     " : "accuracy", m.trainAccuracy);
    std::printf("test %s    %.4f\n", regression ? "R^2     " : "accuracy", m.testAccuracy);
    std::fflush(stdout);
    return kExitOk;
}

// --- datasets -----------------------------------------------------------------------------

int runDatasets() {
    const std::vector<BuiltinDataset> list = builtinDatasets();
    std::size_t nameWidth = 4;
    for (const BuiltinDataset &b : list)
        nameWidth = std::max(nameWidth, b.name.size());
    std::printf("%-*s  %-14s  %-9s  %s\n", int(nameWidth), "name", "task", "available",
                "description");
    for (const BuiltinDataset &b : list) {
        std::printf("%-*s  %-14s  %-9s  %s\n", int(nameWidth), b.name.c_str(),
                    std::string(toString(b.task)).c_str(), b.available ? "yes" : "no",
                    b.description.c_str());
        if (!b.note.empty())
            std::printf("%-*s  %-14s  %-9s  note: %s\n", int(nameWidth), "", "", "",
                        b.note.c_str());
    }
    std::printf("\nAlso: \"idx\" (MNIST-format files), \"csv\" (numeric columns with a "
                "header) and \"npz\" (x_train, y_train, x_test, y_test as export-code writes "
                "them) as dataset.source.\n");
    std::fflush(stdout);
    return kExitOk;
}

// --- export-code --------------------------------------------------------------------------

int runExportCode(const ExportCodeOptions &options) {
    const CommonOptions &c = options.common;
    const auto framework = codeFrameworkFromString(options.framework);
    if (!framework)
        throw InputError(c.experiment, "--framework",
                         "must be keras, pytorch or tf1, got \"" + options.framework + "\"");
    const ExperimentSpec spec =
        loadExperimentFile(c.experiment, withEpochs(c.overrides, options.epochs));
    // The same data (same seed, same split) and the trainer's checks that the network fits
    // it; the trainer's weights are the initial weights RegLab would train from.
    const auto data = loadData(spec, c.experiment);
    const auto trainer = makeTrainer(spec, data, c.threads, c.experiment);
    CodeExportOptions exportOptions;
    exportOptions.inputDim = int(data->inputDim());
    exportOptions.inputShape = data->inputShape();
    if (options.withInit)
        exportOptions.initFile = "init.npz";
    const std::string script = exportCode(spec, *framework, exportOptions);

    if (options.out.empty()) {
        std::fwrite(script.data(), 1, script.size(), stdout);
        std::fflush(stdout);
        std::fprintf(stderr,
                     "note: the script was printed only; %s not written (use --out DIR to "
                     "write %s next to it)\n",
                     options.withInit ? "data.npz and init.npz were" : "data.npz was",
                     options.withInit ? "them" : "it");
        return kExitOk;
    }
    checkOutputFolder(options.out);
    if (interruptSignal() != 0)
        return kExitInterrupted;
    createOutputFolder(options.out);
    const std::string dataPath = joinPath(options.out, exportOptions.dataFile);
    writeNpz(dataPath, datasetToArrays(*data, spec.loss));
    std::vector<std::string> written;
    if (options.withInit) {
        const std::string initPath = joinPath(options.out, exportOptions.initFile);
        writeNpz(initPath, weightsToArrays(trainer->network()));
        written.push_back(initPath);
    }
    const std::string scriptPath = joinPath(options.out, codeFileName(*framework));
    writeFileAtomically(scriptPath, script);
    std::printf("wrote %s\nwrote %s (%lld train / %lld test samples, %lld features)\n",
                scriptPath.c_str(), dataPath.c_str(), (long long)data->trainSize(),
                (long long)data->testSize(), (long long)data->inputDim());
    for (const std::string &path : written)
        std::printf("wrote %s (RegLab's initial weights)\n", path.c_str());
    std::fflush(stdout);
    return kExitOk;
}

} // namespace reglab::cli
