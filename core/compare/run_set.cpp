// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/compare/run_set.h"

#include "core/error.h"
#include "core/io/experiment_json.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

namespace reglab {

namespace {

namespace fs = std::filesystem;

bool isFile(const fs::path &p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

/// The last component of a folder path ("runs/l2-1e-4/" gives "l2-1e-4").
std::string folderName(const std::string &dir) {
    fs::path p(dir);
    if (!p.has_filename())
        p = p.parent_path();
    return p.filename().string();
}

/// The data set as far as it decides the test set: the training-set size and its label
/// noise may differ between compared runs.
DatasetSpec testDefining(DatasetSpec d) {
    d.trainSize.reset();
    d.labelNoise = 0.0;
    return d;
}

std::vector<std::string> weightLayerNames(const ExperimentSpec &spec) {
    std::vector<std::string> names;
    for (const LayerSpec &l : spec.model.layers) {
        if (l.hasWeights())
            names.push_back(l.name);
    }
    return names;
}

/// "/model/layers/0/kernel_regularizer/l2" as an override key: "model.layers.0.kernel_...".
std::string dottedKey(const std::string &pointer) {
    std::string key = pointer.substr(pointer.empty() ? 0 : 1);
    std::replace(key.begin(), key.end(), '/', '.');
    return key;
}

/// The key path with every layer index replaced by '*'.
std::string anyLayerKey(const std::string &key) {
    const std::string prefix = "model.layers.";
    if (key.rfind(prefix, 0) != 0)
        return key;
    const std::size_t dot = key.find('.', prefix.size());
    return prefix + "*" + (dot == std::string::npos ? std::string() : key.substr(dot));
}

/// Fills parameter, kind and every run's value and label from what differs between them.
void inferVariation(RunSet &set) {
    std::vector<nlohmann::ordered_json> flat;
    for (const RunSetEntry &e : set.runs)
        flat.push_back(experimentToJson(e.run.spec).flatten());
    // Keys whose value differs between two runs (a key one run lacks differs too).
    std::set<std::string> keys;
    for (const auto &f : flat) {
        for (auto it = f.begin(); it != f.end(); ++it)
            keys.insert(it.key());
    }
    std::vector<std::string> differing;
    for (const std::string &k : keys) {
        if (k == "/name")
            continue;
        for (const auto &f : flat) {
            if (!f.contains(k) || !flat.front().contains(k) || f[k] != flat.front()[k]) {
                differing.push_back(k);
                break;
            }
        }
    }
    // Numeric when every differing key is a number in every run and, within a run, all of
    // them hold the same value.
    std::vector<double> values;
    bool numeric = !differing.empty();
    for (const auto &f : flat) {
        if (!numeric)
            break;
        std::optional<double> v;
        for (const std::string &k : differing) {
            if (!f.contains(k) || !f[k].is_number()) {
                numeric = false;
                break;
            }
            const double x = f[k].get<double>();
            if (v && *v != x) {
                numeric = false;
                break;
            }
            v = x;
        }
        if (numeric)
            values.push_back(*v);
    }
    if (numeric) {
        std::set<std::string> generic;
        for (const std::string &k : differing)
            generic.insert(anyLayerKey(dottedKey(k)));
        // One key, or one key across several layers ("model.layers.*.kernel_regularizer.l2").
        set.parameter = generic.size() == 1 && differing.size() > 1 ? *generic.begin()
                        : differing.size() == 1                     ? dottedKey(differing.front())
                                                                    : "run";
    } else {
        set.parameter = "run";
    }
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < set.runs.size(); ++i)
        labels.push_back(numeric ? formatScale(values[i]) : folderName(set.runs[i].dir));
    // Labels name runs in legends and become folder names on export: they must differ.
    const auto unique = [](const std::vector<std::string> &l) {
        return std::set<std::string>(l.begin(), l.end()).size() == l.size();
    };
    if (!unique(labels) && numeric) {
        for (std::size_t i = 0; i < labels.size(); ++i)
            labels[i] = folderName(set.runs[i].dir) + " (" + labels[i] + ")";
    }
    if (!unique(labels)) {
        for (std::size_t i = 0; i < labels.size(); ++i)
            labels[i] = std::to_string(i + 1) + ": " + labels[i];
    }
    for (std::size_t i = 0; i < set.runs.size(); ++i) {
        set.runs[i].value = numeric ? values[i] : double(i);
        set.runs[i].label = labels[i];
        if (numeric && set.parameter != "run")
            set.runs[i].overrides = {set.parameter + "=" + formatScale(values[i])};
    }
    set.kind = numeric ? VariationKind::Scale : VariationKind::RegularizerKind;
}

VariationKind kindOfSweepParameter(const std::string &parameter) {
    if (parameter == "regularizer_kind")
        return VariationKind::RegularizerKind;
    if (parameter == "l2_convention")
        return VariationKind::Convention;
    if (parameter == "coupled_vs_decoupled")
        return VariationKind::Coupling;
    return VariationKind::Scale;
}

} // namespace

RunSet loadRunSet(const std::vector<std::string> &dirs) {
    RunSet set;
    std::size_t sweeps = 0;
    std::string sweepParameter;         // the last sweep folder's (used when it is the only entry)
    bool listedOnly = dirs.size() == 1; // one folder of run folders
    for (const std::string &dir : dirs) {
        const fs::path root(dir);
        std::error_code ec;
        if (!fs::is_directory(root, ec))
            throw InputError(dir, "", "is not a folder");
        if (isFile(root / kSweepManifest)) {
            SweepRecord sweep = readSweepFolder(dir);
            listedOnly = false;
            sweepParameter = sweep.manifest.parameter;
            ++sweeps;
            for (std::size_t i = 0; i < sweep.runs.size(); ++i) {
                const SweepEntry &entry = sweep.manifest.runs[i];
                set.runs.push_back({(root / entry.folder).string(), entry.label, entry.value,
                                    entry.overrides, std::move(sweep.runs[i])});
            }
        } else if (isFile(root / kRunManifest)) {
            set.runs.push_back({dir, {}, 0.0, {}, readRunFolder(dir)});
            listedOnly = false;
        } else {
            std::vector<fs::path> children;
            for (const fs::directory_entry &child : fs::directory_iterator(root, ec)) {
                if (child.is_directory() && isFile(child.path() / kRunManifest))
                    children.push_back(child.path());
            }
            if (children.empty())
                throw InputError(dir, kRunManifest,
                                 "is missing: not a run folder, a sweep folder (sweep.json) or a "
                                 "folder of run folders");
            std::sort(children.begin(), children.end());
            for (const fs::path &child : children)
                set.runs.push_back({child.string(), {}, 0.0, {}, readRunFolder(child.string())});
        }
        if (set.runs.size() > kMaxComparedRuns)
            throw InputError(dir, "runs",
                             "more than " + std::to_string(kMaxComparedRuns)
                                 + " runs in one comparison");
    }
    if (set.runs.empty())
        throw InputError(dirs.empty() ? std::string() : dirs.front(), "runs", "no runs to compare");

    const ExperimentSpec &first = set.runs.front().run.spec;
    const std::string firstName = folderName(set.runs.front().dir);
    for (const RunSetEntry &e : set.runs) {
        const ExperimentSpec &spec = e.run.spec;
        const std::string file = (fs::path(e.dir) / "experiment.json").string();
        if (!(testDefining(spec.dataset) == testDefining(first.dataset)))
            throw InputError(file, "dataset",
                             "differs from the one of " + firstName
                                 + ": runs compared side by side must share one data set (only "
                                   "train_size and label_noise may differ)");
        if (spec.seed != first.seed)
            throw InputError(file, "seed",
                             "is " + std::to_string(spec.seed) + ", " + firstName + "'s is "
                                 + std::to_string(first.seed)
                                 + ": the runs must share the data and initial weights it draws");
        if (weightLayerNames(spec) != weightLayerNames(first))
            throw InputError(file, "model.layers",
                             "has other layers than " + firstName
                                 + ": the weights of compared runs are shown layer by layer");
    }
    if (sweeps == 1 && dirs.size() == 1) {
        set.parameter = sweepParameter;
        set.kind = kindOfSweepParameter(set.parameter);
    } else {
        inferVariation(set);
        // One folder of run folders: its runs along the path, not in name order ("1e-2"
        // sorts before "1e-3").
        if (listedOnly && set.kind == VariationKind::Scale) {
            std::stable_sort(
                set.runs.begin(), set.runs.end(),
                [](const RunSetEntry &a, const RunSetEntry &b) { return a.value < b.value; });
        }
    }
    return set;
}

} // namespace reglab
