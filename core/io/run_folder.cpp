// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/run_folder.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/history_csv.h"
#include "core/io/json_reader.h"
#include "core/io/metrics_csv.h"
#include "core/text.h"
#include "core/train/weight_history.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#ifndef REGLAB_VERSION
#define REGLAB_VERSION "unknown"
#endif

namespace reglab {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

constexpr const char *kExperimentFile = "experiment.json";
constexpr const char *kMetricsFile = "metrics.csv";
constexpr const char *kWeightsFile = "weights.npz";
constexpr const char *kHistoryFile = "history.csv";
constexpr const char *kSummaryFile = "summary.csv";
constexpr const char *kDetailsFile = "summary_details.csv";
constexpr const char *kRunFormat = "reglab-run";
constexpr const char *kSweepFormat = "reglab-sweep";

std::string joinPath(const std::string &dir, const std::string &name) {
    return (fs::path(dir) / name).string();
}

bool isFile(const std::string &path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

/// Removes `path` when it exists; a file that stays is an OutputError.
void removeFile(const std::string &path) {
    std::error_code ec;
    fs::remove(path, ec);
    if (fs::exists(fs::symlink_status(path, ec)))
        throw OutputError(path, "cannot remove the stale file: " + ec.message());
}

// --- reading helpers ------------------------------------------------------------------------

/// A folder that must exist before anything in it is read.
void requireFolder(const std::string &dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError(dir, {}, fs::exists(dir, ec) ? "is not a folder" : "does not exist");
}

/// A manifest: present, a JSON object, of `format`, at a version this reader knows; its keys
/// exactly `keys` (a key of a newer version is an error, as an unknown key always is).
Json readManifest(const std::string &path, const char *format, int version,
                  const std::vector<std::string> &keys, const char *what,
                  const std::vector<std::string> &optionalKeys = {}) {
    if (!isFile(path)) {
        throw InputError(path, {},
                         std::string("is missing: not a RegLab ") + what
                             + " folder, or its writing was cut short");
    }
    Json doc = readJsonFile(path);
    if (!doc.is_object())
        throw InputError(path, {}, "must be a JSON object");
    if (!doc.contains("format") || doc["format"] != format) {
        throw InputError(path, "format",
                         std::string(doc.contains("format") ? "is " + doc["format"].dump()
                                                            : std::string("is missing"))
                             + ", expected \"" + format + "\" (not a RegLab " + what + " folder)");
    }
    if (!doc.contains("version") || !doc["version"].is_number_integer())
        throw InputError(path, "version", "must be an integer");
    const auto v = doc["version"].get<long long>();
    if (v > version) {
        throw InputError(
            path, "version",
            "is " + std::to_string(v) + "; this RegLab (" REGLAB_VERSION ") reads version "
                + std::to_string(version) + " (the folder was written by a newer RegLab)");
    }
    if (v < 1)
        throw InputError(path, "version", "is " + std::to_string(v) + "; versions start at 1");
    for (const auto &[key, value] : doc.items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()
            && std::find(optionalKeys.begin(), optionalKeys.end(), key) == optionalKeys.end()) {
            throw InputError(path, key,
                             "is not a key of a version " + std::to_string(v) + " manifest");
        }
    }
    for (const std::string &key : keys) {
        if (!doc.contains(key))
            throw InputError(path, key, "is missing");
    }
    return doc;
}

std::string stringAt(const Json &value, const std::string &file, const std::string &field) {
    if (!value.is_string())
        throw InputError(file, field, "must be a string");
    return value.get<std::string>();
}

std::vector<std::string> stringsAt(const Json &value, const std::string &file,
                                   const std::string &field) {
    if (!value.is_array())
        throw InputError(file, field, "must be a list of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.size(); ++i)
        out.push_back(stringAt(value[i], file, field + "." + std::to_string(i)));
    return out;
}

/// Every record of a CSV file RegLab wrote. Every record must end with a line break: a
/// file that ends without one was cut short.
std::vector<CsvRecord> parseCsv(const std::string &text, const std::string &file) {
    std::vector<CsvRecord> records;
    CsvReader reader(text, file);
    CsvRecord record;
    while (reader.next(record))
        records.push_back(record);
    if (!reader.lastEndedWithLineBreak()) {
        throw InputError(file, "line " + std::to_string(records.back().line),
                         "ends without a line break: the file is cut short");
    }
    return records;
}

std::string joinCells(const std::vector<std::string> &cells) {
    std::string out;
    for (const std::string &c : cells)
        out += (out.empty() ? "" : ",") + c;
    return out;
}

/// Checks a header record against the expected column names.
void checkHeader(const std::vector<CsvRecord> &records, const std::vector<CsvRecord> &expected,
                 const std::string &file, const std::string &why) {
    if (records.empty())
        throw InputError(file, "header", "is missing (the file is empty)");
    const std::vector<std::string> &got = records.front().cells;
    const std::vector<std::string> &want = expected.front().cells;
    if (got.size() != want.size()) {
        throw InputError(file, "header",
                         "has " + std::to_string(got.size()) + " columns; " + why + " make "
                             + std::to_string(want.size()) + ": " + joinCells(want));
    }
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (got[i] != want[i]) {
            throw InputError(file, "header",
                             "column " + std::to_string(i + 1) + " is \"" + got[i]
                                 + "\", expected \"" + want[i] + "\" (" + why + ")");
        }
    }
}

void checkColumnCount(const CsvRecord &record, std::size_t columns, const std::string &file) {
    if (record.cells.size() != columns) {
        throw InputError(file, "line " + std::to_string(record.line),
                         "has " + std::to_string(record.cells.size()) + " columns; the header has "
                             + std::to_string(columns));
    }
}

double numberCell(const std::string &cell, const std::string &file, const std::string &field) {
    double v = 0.0;
    const char *end = cell.data() + cell.size();
    const auto [ptr, ec] = std::from_chars(cell.data(), end, v);
    if (cell.empty() || ec != std::errc() || ptr != end)
        throw InputError(file, field, "is not a number: \"" + cell + "\"");
    return v;
}

std::vector<LayerMetrics> namedLayers(const ExperimentSpec &spec) {
    std::vector<LayerMetrics> layers;
    for (const LayerSpec &l : spec.model.layers) {
        if (!l.hasWeights())
            continue; // no weights, no columns
        LayerMetrics m;
        m.name = l.name;
        layers.push_back(std::move(m));
    }
    return layers;
}

/// metrics.csv back into epochs 1..N, checked against the experiment's layers.
std::vector<EpochMetrics> readMetrics(const std::string &path, const ExperimentSpec &spec) {
    const std::vector<CsvRecord> records = parseCsv(readFile(path), path);
    const std::vector<LayerMetrics> layers = namedLayers(spec);
    const bool validation = spec.dataset.validationFraction > 0.0;
    const std::vector<CsvRecord> expected =
        parseCsv(metricsCsvHeader(layers, validation) + "\n", path);
    checkHeader(records, expected, path, "the experiment's layers");
    const std::vector<std::string> &names = expected.front().cells;
    std::vector<EpochMetrics> history;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord &record = records[r];
        checkColumnCount(record, names.size(), path);
        const std::string at = "line " + std::to_string(record.line) + ", ";
        std::vector<double> v;
        for (std::size_t c = 0; c < names.size(); ++c)
            v.push_back(numberCell(record.cells[c], path, at + names[c]));
        EpochMetrics m;
        m.epoch = int(r);
        if (v[0] != double(r)) {
            throw InputError(path, at + "epoch",
                             "is " + record.cells[0] + ", expected " + std::to_string(r)
                                 + " (one row per epoch, in order)");
        }
        m.trainDataLoss = v[1];
        m.testDataLoss = v[2];
        m.regLoss = v[3];
        m.totalLoss = v[4];
        m.trainAccuracy = v[5];
        m.testAccuracy = v[6];
        for (std::size_t l = 0; l < layers.size(); ++l) {
            LayerMetrics lm;
            lm.name = layers[l].name;
            lm.kernelL1Loss = v[7 + 4 * l];
            lm.kernelL2Loss = v[8 + 4 * l];
            lm.sparsity = v[9 + 4 * l];
            lm.kernelL2Norm = v[10 + 4 * l];
            m.layers.push_back(std::move(lm));
        }
        if (validation) {
            m.hasValidation = true;
            m.valDataLoss = v[7 + 4 * layers.size()];
            m.valAccuracy = v[8 + 4 * layers.size()];
        }
        history.push_back(std::move(m));
    }
    return history;
}

/// The weights must be exactly every weight layer's kernel ([in, units] dense, [kh, kw, in,
/// filters] conv2d) and bias [units]. Input sizes that depend on the data (the first layer's,
/// a dense layer's after flatten) are not checked.
void checkWeights(const std::vector<NpzArray> &arrays, const ExperimentSpec &spec,
                  const std::string &path) {
    std::map<std::string, const NpzArray *> byName;
    for (const NpzArray &a : arrays)
        byName[a.name] = &a;
    std::size_t fanIn = 0;    // a dense layer's input width; 0: unknown
    std::size_t channels = 0; // a conv layer's input channels; 0: unknown
    const auto dim = [](std::size_t v) { return v ? std::to_string(v) : std::string("in"); };
    for (const LayerSpec &l : spec.model.layers) {
        if (l.isFlatten() || l.isPool())
            fanIn = 0;
        if (!l.hasWeights())
            continue;
        const std::size_t units = std::size_t(l.outputs());
        std::vector<std::size_t> want; // 0: any
        if (l.isConv())
            want = {std::size_t(l.kernelSize[0]), std::size_t(l.kernelSize[1]), channels, units};
        else
            want = {fanIn, units};
        for (const std::string suffix : {"/kernel", "/bias"}) {
            const std::string name = l.name + suffix;
            const auto it = byName.find(name);
            if (it == byName.end())
                throw InputError(path, name,
                                 "is missing (the experiment has layer " + l.name + ")");
            const std::vector<std::size_t> &shape = it->second->shape;
            const bool kernel = suffix == "/kernel";
            const std::vector<std::size_t> expected = kernel ? want : std::vector{units};
            bool ok = shape.size() == expected.size();
            for (std::size_t d = 0; ok && d < shape.size(); ++d)
                ok = expected[d] == 0 || shape[d] == expected[d];
            if (!ok) {
                std::string got;
                std::string made;
                for (std::size_t d : shape)
                    got += (got.empty() ? "" : ", ") + std::to_string(d);
                for (std::size_t d : expected)
                    made += (made.empty() ? "" : ", ") + dim(d);
                throw InputError(path, name,
                                 "has shape [" + got + "]; the experiment's layer makes [" + made
                                     + "]");
            }
            byName.erase(it);
        }
        fanIn = l.isDense() ? units : 0;
        channels = l.isConv() ? units : 0;
    }
    if (!byName.empty()) {
        throw InputError(path, byName.begin()->first, "is not a weight of the experiment's layers");
    }
}

/// A whole number from 0 to 2^53 in a cell.
std::uint64_t countCell(const std::string &cell, const std::string &file,
                        const std::string &field) {
    const double v = numberCell(cell, file, field);
    if (!(v >= 0.0 && v <= 9007199254740992.0 && v == std::floor(v)))
        throw InputError(file, field, "is not a count (a whole number >= 0): \"" + cell + "\"");
    return std::uint64_t(v);
}

/// history.csv back into its kept epochs, checked against the experiment (its layers and
/// histogram bins), the run's `epochs` and, when there are weights, the kernels' sizes.
std::vector<EpochMetrics> readWeightHistory(const std::string &path, const ExperimentSpec &spec,
                                            long long epochs,
                                            const std::vector<NpzArray> &weights) {
    const std::vector<CsvRecord> records = parseCsv(readFile(path), path);
    const int bins = spec.training.histogramBins;
    const std::vector<CsvRecord> expected = parseCsv(historyCsvHeader(bins) + "\n", path);
    checkHeader(records, expected, path, "the experiment's histogram_bins");
    const std::vector<std::string> &names = expected.front().cells;
    // One row per layer with weights (dropout entries have none), in the experiment's order.
    std::vector<std::string> layerNames;
    for (const LayerMetrics &m : namedLayers(spec))
        layerNames.push_back(m.name);
    const std::size_t layers = layerNames.size();
    // A kernel's histogram counts every entry: in x units (known from the weights).
    std::vector<std::uint64_t> kernelSize(layers, 0);
    for (std::size_t l = 0; l < layers; ++l) {
        for (const NpzArray &a : weights) {
            if (a.name == layerNames[l] + "/kernel")
                kernelSize[l] = std::uint64_t(a.data.size());
        }
    }
    std::vector<EpochMetrics> history;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const CsvRecord &record = records[r];
        checkColumnCount(record, names.size(), path);
        const std::string line = "line " + std::to_string(record.line);
        const std::string at = line + ", ";
        const std::size_t l = (r - 1) % layers;
        const double epochValue = numberCell(record.cells[0], path, at + "epoch");
        if (l == 0) {
            const int previous = history.empty() ? -1 : history.back().epoch;
            if (!(epochValue == std::floor(epochValue) && epochValue > previous
                  && epochValue <= double(epochs))) {
                throw InputError(path, at + "epoch",
                                 "is " + record.cells[0] + "; expected a whole number above "
                                     + std::to_string(previous) + " and at most the run's "
                                     + std::to_string(epochs) + " epochs (epochs in order)");
            }
            if (history.size() == std::size_t(kMaxStoredEpochs) + 1) {
                throw InputError(path, line,
                                 "more than " + std::to_string(kMaxStoredEpochs + 1)
                                     + " epochs (the history keeps at most that many)");
            }
            EpochMetrics m;
            m.epoch = int(epochValue);
            history.push_back(std::move(m));
        } else if (epochValue != history.back().epoch) {
            throw InputError(path, at + "epoch",
                             "is " + record.cells[0] + "; epoch "
                                 + std::to_string(history.back().epoch) + " still lacks layer "
                                 + layerNames[l]
                                 + " (every epoch has a row per layer, in the experiment's order)");
        }
        if (record.cells[1] != layerNames[l]) {
            throw InputError(path, at + "layer",
                             "is \"" + record.cells[1] + "\", expected \"" + layerNames[l]
                                 + "\" (the experiment's layers, in order)");
        }
        std::vector<double> v;
        for (std::size_t c = 2; c < 10; ++c) {
            v.push_back(numberCell(record.cells[c], path, at + names[c]));
            if (!std::isfinite(v.back()))
                throw InputError(path, at + names[c], "is not finite: \"" + record.cells[c] + "\"");
        }
        LayerMetrics lm;
        lm.name = record.cells[1];
        lm.kernelL1Loss = v[0];
        lm.kernelL2Loss = v[1];
        lm.biasL1Loss = v[2];
        lm.biasL2Loss = v[3];
        lm.sparsity = v[4];
        lm.kernelL2Norm = v[5];
        lm.histogram.min = v[6];
        lm.histogram.max = v[7];
        if (!(lm.histogram.min <= lm.histogram.max))
            throw InputError(path, at + "hist_max", "is below hist_min");
        std::uint64_t total = 0;
        for (std::size_t c = 10; c < names.size(); ++c) {
            lm.histogram.counts.push_back(countCell(record.cells[c], path, at + names[c]));
            total += lm.histogram.counts.back();
        }
        if (kernelSize[l] == 0 && total > 0)
            kernelSize[l] = total; // the first epoch sets the size the others must have
        if (total != kernelSize[l]) {
            throw InputError(path, at + "bin_1..bin_" + std::to_string(bins),
                             "count " + std::to_string(total) + " weights; layer " + lm.name
                                 + "'s kernel has " + std::to_string(kernelSize[l]));
        }
        history.back().layers.push_back(std::move(lm));
    }
    if (!history.empty() && history.back().layers.size() != layers) {
        throw InputError(path, "line " + std::to_string(records.back().line),
                         "the last epoch lacks layers (the file is cut short)");
    }
    if (history.empty() || history.front().epoch != 0)
        throw InputError(path, {}, "has no rows for epoch 0 (every history starts there)");
    return history;
}

/// summary.csv or summary_details.csv: the documented header, then one row per run whose
/// column `labelColumn` is the run's label.
void checkSummary(const std::string &path, const std::string &expectedHeader,
                  const std::vector<SweepEntry> &runs) {
    if (!isFile(path))
        throw InputError(path, {}, "is missing (every sweep folder has it)");
    const std::vector<CsvRecord> records = parseCsv(readFile(path), path);
    const std::vector<CsvRecord> expected = parseCsv(expectedHeader, path);
    checkHeader(records, expected, path, "the documented columns");
    if (records.size() - 1 != runs.size()) {
        throw InputError(path, {},
                         "has " + std::to_string(records.size() - 1) + " rows; sweep.json lists "
                             + std::to_string(runs.size()) + " runs");
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const CsvRecord &record = records[i + 1];
        checkColumnCount(record, expected.front().cells.size(), path);
        if (record.cells[0] != runs[i].label) {
            throw InputError(
                path, "line " + std::to_string(record.line) + ", " + expected.front().cells[0],
                "is \"" + record.cells[0] + "\"; sweep.json's run " + std::to_string(i + 1)
                    + " is \"" + runs[i].label + "\"");
        }
    }
}

} // namespace

// --- names and statuses ---------------------------------------------------------------------

std::string_view toString(RunStatus status) {
    switch (status) {
    case RunStatus::Finished:
        return "finished";
    case RunStatus::Stopped:
        return "stopped";
    case RunStatus::Diverged:
        return "diverged";
    case RunStatus::Failed:
        return "failed";
    case RunStatus::EarlyStopped:
        return "early_stopped";
    }
    return "finished";
}

std::optional<RunStatus> runStatusFromString(std::string_view text) {
    for (RunStatus s : {RunStatus::Finished, RunStatus::Stopped, RunStatus::Diverged,
                        RunStatus::Failed, RunStatus::EarlyStopped}) {
        if (toString(s) == text)
            return s;
    }
    return std::nullopt;
}

RunStatus runStatusOf(TrainStatus status) {
    switch (status) {
    case TrainStatus::Finished:
        return RunStatus::Finished;
    case TrainStatus::Stopped:
        return RunStatus::Stopped;
    case TrainStatus::Diverged:
        return RunStatus::Diverged;
    case TrainStatus::EarlyStopped:
        return RunStatus::EarlyStopped;
    }
    return RunStatus::Finished;
}

std::string_view reglabVersion() {
    return REGLAB_VERSION;
}

std::string labelFileName(std::string_view label) {
    std::string name = safeFileName(label);
    if (name.size() > kMaxLabelFileNameLength)
        name.resize(kMaxLabelFileNameLength);
    return name;
}

// --- run folders ----------------------------------------------------------------------------

namespace {

/// writeRunFolder() with metrics.csv's text (empty: the header alone) and the last epoch.
void writeRunFiles(const std::string &dir, const ExperimentSpec &spec,
                   const std::string &metricsText, int epochs, const std::vector<NpzArray> &weights,
                   RunStatus status, const std::string &message,
                   const std::vector<EpochMetrics> &weightHistory,
                   const std::optional<RunEarlyStopping> &earlyStopping) {
    makeDirectories(dir);
    // Without a manifest the folder reads as incomplete until everything below is written.
    const std::string manifest = joinPath(dir, kRunManifest);
    removeFile(manifest);
    saveExperimentFile(spec, joinPath(dir, kExperimentFile));
    writeFileAtomically(joinPath(dir, kMetricsFile),
                        metricsText.empty() ? metricsCsvHeader(namedLayers(spec)) + "\n"
                                            : metricsText);
    Json files = Json::array({kExperimentFile, kMetricsFile});
    const std::string weightsPath = joinPath(dir, kWeightsFile);
    if (status != RunStatus::Diverged && !weights.empty()) {
        writeNpz(weightsPath, weights);
        files.push_back(kWeightsFile);
    } else {
        removeFile(weightsPath); // a folder never mixes two runs
    }
    const std::string historyPath = joinPath(dir, kHistoryFile);
    const bool hasHistory = status != RunStatus::Diverged && !weightHistory.empty();
    if (hasHistory) {
        writeFileAtomically(historyPath, historyCsv(weightHistory, spec.training.histogramBins));
        files.push_back(kHistoryFile);
    } else {
        removeFile(historyPath);
    }
    Json doc = Json::object();
    doc["format"] = kRunFormat;
    // Version 1 unless what version 2 added is needed (older RegLabs read version 1, and
    // such a folder is written as they wrote it).
    const bool version2 = hasHistory || earlyStopping || status == RunStatus::EarlyStopped;
    doc["version"] = version2 ? 2 : 1;
    doc["reglab_version"] = REGLAB_VERSION;
    doc["status"] = std::string(toString(status));
    doc["epochs"] = epochs;
    doc["message"] = message;
    doc["files"] = std::move(files);
    if (earlyStopping) {
        Json early = Json::object();
        early["monitor"] = earlyStopping->monitor;
        early["stopped_epoch"] = earlyStopping->stoppedEpoch;
        early["best_epoch"] = earlyStopping->bestEpoch;
        // JSON has no NaN: a NaN best (a NaN first watched value) is written as null
        if (std::isfinite(earlyStopping->best))
            early["best"] = earlyStopping->best;
        else
            early["best"] = nullptr;
        early["restored_epoch"] = earlyStopping->restoredEpoch;
        doc["early_stopping"] = std::move(early);
    }
    writeFileAtomically(manifest, doc.dump(2) + "\n");
}

} // namespace

void writeRunFolder(const std::string &dir, const ExperimentSpec &spec,
                    const std::vector<EpochMetrics> &history, const std::vector<NpzArray> &weights,
                    RunStatus status, const std::string &message,
                    const std::vector<EpochMetrics> &weightHistory,
                    const std::optional<RunEarlyStopping> &earlyStopping) {
    writeRunFiles(dir, spec, metricsCsv(history), history.empty() ? 0 : history.back().epoch,
                  weights, status, message, weightHistory, earlyStopping);
}

void writeRunFolderFromLog(const std::string &dir, const ExperimentSpec &spec,
                           const MetricsLog &metrics, const std::vector<NpzArray> &weights,
                           RunStatus status, const std::string &message,
                           const std::vector<EpochMetrics> &weightHistory,
                           const std::optional<RunEarlyStopping> &earlyStopping) {
    writeRunFiles(dir, spec, metrics.csv(), std::max(0, metrics.lastEpoch()), weights, status,
                  message, weightHistory, earlyStopping);
}

void writeRunFolder(const std::string &dir, const RunRecord &run) {
    writeRunFolder(dir, run.spec, run.history, run.weights, run.status, run.message,
                   run.weightHistory, run.earlyStopping);
}

std::optional<RunEarlyStopping> runEarlyStoppingOf(const Trainer &trainer) {
    const auto &spec = trainer.spec().training.earlyStopping;
    if (!spec)
        return std::nullopt;
    const EarlyStopInfo &info = trainer.earlyStopInfo();
    RunEarlyStopping r;
    r.monitor = spec->monitor;
    r.stoppedEpoch = info.stoppedEpoch;
    r.bestEpoch = info.bestEpoch;
    r.best = info.best;
    r.restoredEpoch = info.restoredEpoch;
    return r;
}

RunRecord readRunFolder(const std::string &dir) {
    requireFolder(dir);
    const std::string manifestPath = joinPath(dir, kRunManifest);
    const Json doc = readManifest(
        manifestPath, kRunFormat, kRunFolderVersion,
        {"format", "version", "reglab_version", "status", "epochs", "message", "files"}, "run",
        {"early_stopping", "writer"});
    RunRecord run;
    run.version = doc["version"].get<int>();
    if (doc.contains("writer")) {
        if (run.version < 3)
            throw InputError(manifestPath, "writer",
                             "is not a key of a version " + std::to_string(run.version)
                                 + " manifest");
        run.writer = stringAt(doc["writer"], manifestPath, "writer");
    }
    if (doc.contains("early_stopping")) {
        if (run.version < 2)
            throw InputError(manifestPath, "early_stopping",
                             "is not a key of a version 1 manifest");
        const Json &e = doc["early_stopping"];
        if (!e.is_object())
            throw InputError(manifestPath, "early_stopping", "must be an object");
        RunEarlyStopping early;
        for (const auto &[key, value] : e.items()) {
            if (key != "monitor" && key != "stopped_epoch" && key != "best_epoch" && key != "best"
                && key != "restored_epoch")
                throw InputError(manifestPath, "early_stopping." + key, "is not a known key");
        }
        early.monitor = stringAt(e.contains("monitor") ? e["monitor"] : Json(), manifestPath,
                                 "early_stopping.monitor");
        const auto epochAt = [&](const char *key) {
            if (!e.contains(key) || !e[key].is_number_integer() || e[key].get<long long>() < 0
                || e[key].get<long long>() > limits::kMaxEpochs)
                throw InputError(manifestPath, std::string("early_stopping.") + key,
                                 "must be an integer >= 0");
            return int(e[key].get<long long>());
        };
        early.stoppedEpoch = epochAt("stopped_epoch");
        early.bestEpoch = epochAt("best_epoch");
        early.restoredEpoch = epochAt("restored_epoch");
        if (!e.contains("best") || !(e["best"].is_number() || e["best"].is_null()))
            throw InputError(manifestPath, "early_stopping.best", "must be a number or null");
        early.best = e["best"].is_null() ? std::nan("") : e["best"].get<double>();
        run.earlyStopping = early;
    }
    run.reglabVersion = stringAt(doc["reglab_version"], manifestPath, "reglab_version");
    const std::string status = stringAt(doc["status"], manifestPath, "status");
    const auto parsed = runStatusFromString(status);
    if (!parsed) {
        throw InputError(manifestPath, "status",
                         "is \"" + status
                             + "\", expected finished, stopped, diverged, failed or early_stopped");
    }
    run.status = *parsed;
    if (run.status == RunStatus::EarlyStopped && run.version < 2)
        throw InputError(manifestPath, "status", "early_stopped needs a version 2 manifest");
    run.message = stringAt(doc["message"], manifestPath, "message");
    if (!doc["epochs"].is_number_integer() || doc["epochs"].get<long long>() < 0)
        throw InputError(manifestPath, "epochs", "must be an integer >= 0");
    const long long epochs = doc["epochs"].get<long long>();

    const std::vector<std::string> files = stringsAt(doc["files"], manifestPath, "files");
    const std::set<std::string> listed(files.begin(), files.end());
    for (const std::string &f : files) {
        if (f == kHistoryFile && run.version < 2) {
            throw InputError(manifestPath, "files",
                             "lists history.csv, which version 1 run folders do not have");
        }
        if (f != kExperimentFile && f != kMetricsFile && f != kWeightsFile && f != kHistoryFile)
            throw InputError(manifestPath, "files", "lists \"" + f + "\", not a run folder file");
    }
    if (listed.size() != files.size())
        throw InputError(manifestPath, "files", "lists a file twice");
    for (const char *required : {kExperimentFile, kMetricsFile}) {
        if (!listed.count(required))
            throw InputError(manifestPath, "files", std::string("does not list ") + required);
    }
    const bool hasWeights = listed.count(kWeightsFile) != 0;
    const bool hasHistory = listed.count(kHistoryFile) != 0;
    for (const char *f : {kWeightsFile, kHistoryFile}) {
        if (listed.count(f) && run.status == RunStatus::Diverged)
            throw InputError(manifestPath, "files",
                             std::string("lists ") + f + " for a diverged run");
    }
    for (const std::string &f : files) {
        if (!isFile(joinPath(dir, f)))
            throw InputError(joinPath(dir, f), {}, "is missing (run.json lists it)");
    }
    if (!hasWeights && fs::exists(joinPath(dir, kWeightsFile)))
        throw InputError(joinPath(dir, kWeightsFile), {}, "is not listed in run.json");
    if (!hasHistory && fs::exists(joinPath(dir, kHistoryFile)))
        throw InputError(joinPath(dir, kHistoryFile), {}, "is not listed in run.json");

    run.spec = loadExperimentFile(joinPath(dir, kExperimentFile));
    run.history = readMetrics(joinPath(dir, kMetricsFile), run.spec);
    if (std::size_t(epochs) != run.history.size()) {
        throw InputError(manifestPath, "epochs",
                         "is " + std::to_string(epochs) + " but metrics.csv has "
                             + std::to_string(run.history.size()) + " epochs");
    }
    if (hasWeights) {
        const std::string weightsPath = joinPath(dir, kWeightsFile);
        run.weights = readNpz(weightsPath);
        checkWeights(run.weights, run.spec, weightsPath);
    }
    if (hasHistory) {
        run.weightHistory =
            readWeightHistory(joinPath(dir, kHistoryFile), run.spec, epochs, run.weights);
        // The epochs both files have get the histograms and the kernel / bias terms.
        for (const EpochMetrics &kept : run.weightHistory) {
            if (kept.epoch >= 1)
                run.history[std::size_t(kept.epoch - 1)].layers = kept.layers;
        }
    }
    return run;
}

// --- sweep folders --------------------------------------------------------------------------

std::vector<std::string> sweepFolderNames(const std::vector<std::string> &labels) {
    std::vector<std::string> names;
    std::map<std::string, std::string> taken; // folder -> label
    for (const std::string &label : labels) {
        const std::string name = labelFileName(label);
        const auto [it, inserted] = taken.emplace(name, label);
        if (!inserted) {
            throw InputError({}, "labels",
                             "\"" + it->second + "\" and \"" + label
                                 + "\" would share the folder \"" + name + "\"");
        }
        names.push_back(name);
    }
    return names;
}

void beginSweepFolder(const std::string &dir) {
    makeDirectories(dir);
    removeFile(joinPath(dir, kSweepManifest));
}

void finishSweepFolder(const std::string &dir, const SweepManifest &manifest,
                       const std::vector<RunSummary> &rows, bool details) {
    if (rows.size() != manifest.runs.size())
        throw std::invalid_argument("finishSweepFolder: one summary per run");
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (rows[i].label != manifest.runs[i].label)
            throw std::invalid_argument("finishSweepFolder: summaries out of order");
    }
    writeFileAtomically(joinPath(dir, kSummaryFile), summaryCsv(rows));
    if (details)
        writeFileAtomically(joinPath(dir, kDetailsFile), summaryDetailsCsv(rows));
    else
        removeFile(joinPath(dir, kDetailsFile));
    Json runs = Json::array();
    for (const SweepEntry &e : manifest.runs) {
        Json entry = Json::object();
        entry["label"] = e.label;
        entry["value"] = e.value;
        entry["overrides"] = e.overrides;
        entry["folder"] = e.folder;
        runs.push_back(std::move(entry));
    }
    Json doc = Json::object();
    doc["format"] = kSweepFormat;
    doc["version"] = kSweepFolderVersion;
    doc["reglab_version"] = REGLAB_VERSION;
    doc["parameter"] = manifest.parameter;
    doc["runs"] = std::move(runs);
    doc["extras"] = manifest.extras;
    writeFileAtomically(joinPath(dir, kSweepManifest), doc.dump(2) + "\n");
}

SweepRecord readSweepFolder(const std::string &dir) {
    requireFolder(dir);
    const std::string path = joinPath(dir, kSweepManifest);
    const Json doc = readManifest(
        path, kSweepFormat, kSweepFolderVersion,
        {"format", "version", "reglab_version", "parameter", "runs", "extras"}, "sweep");
    SweepRecord sweep;
    sweep.manifest.parameter = stringAt(doc["parameter"], path, "parameter");
    if (!doc["runs"].is_array() || doc["runs"].empty())
        throw InputError(path, "runs", "must be a non-empty list of runs");
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < doc["runs"].size(); ++i) {
        const Json &r = doc["runs"][i];
        const std::string at = "runs." + std::to_string(i);
        if (!r.is_object())
            throw InputError(path, at, "must be an object");
        for (const auto &[key, value] : r.items()) {
            if (key != "label" && key != "value" && key != "overrides" && key != "folder")
                throw InputError(path, at + "." + key, "is not a key of a run entry");
        }
        for (const char *key : {"label", "value", "overrides", "folder"}) {
            if (!r.contains(key))
                throw InputError(path, at + "." + key, "is missing");
        }
        SweepEntry e;
        e.label = stringAt(r["label"], path, at + ".label");
        if (!r["value"].is_number())
            throw InputError(path, at + ".value", "must be a number");
        e.value = r["value"].get<double>();
        e.overrides = stringsAt(r["overrides"], path, at + ".overrides");
        e.folder = stringAt(r["folder"], path, at + ".folder");
        if (e.folder != labelFileName(e.label)) {
            throw InputError(path, at + ".folder",
                             "is \"" + e.folder + "\"; the label \"" + e.label + "\" makes \""
                                 + labelFileName(e.label) + "\"");
        }
        labels.push_back(e.label);
        sweep.manifest.runs.push_back(std::move(e));
    }
    try {
        sweepFolderNames(labels);
    } catch (const InputError &e) {
        throw InputError(path, "runs", e.message());
    }
    sweep.manifest.extras = stringsAt(doc["extras"], path, "extras");
    for (std::size_t i = 0; i < sweep.manifest.extras.size(); ++i) {
        const fs::path extra(sweep.manifest.extras[i]);
        const bool inside = !extra.empty() && extra.is_relative()
                            && std::find(extra.begin(), extra.end(), "..") == extra.end();
        const std::string field = "extras." + std::to_string(i);
        if (!inside)
            throw InputError(path, field, "must be a path inside the folder");
        if (!isFile(joinPath(dir, extra.string())))
            throw InputError(joinPath(dir, extra.string()), {}, "is missing (sweep.json lists it)");
    }

    checkSummary(joinPath(dir, kSummaryFile), summaryCsv({}), sweep.manifest.runs);
    sweep.hasDetails = fs::exists(joinPath(dir, kDetailsFile));
    if (sweep.hasDetails)
        checkSummary(joinPath(dir, kDetailsFile), summaryDetailsCsv({}), sweep.manifest.runs);
    for (const SweepEntry &e : sweep.manifest.runs)
        sweep.runs.push_back(readRunFolder(joinPath(dir, e.folder)));
    return sweep;
}

} // namespace reglab
