// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file run_set.h
/// Finished runs gathered for a side-by-side comparison: run folders and sweep folders
/// written by `reglab-cli`, the GUI or the generated Keras and PyTorch scripts, possibly on
/// other machines (for example four λ values trained elsewhere). What the runs have in
/// common decides what can be compared, and what differs between them becomes the
/// comparison's variation (the x of the regularization path).

#include "core/compare/sweep.h"
#include "core/io/run_folder.h"

#include <string>
#include <vector>

namespace reglab {

/// The most runs one comparison holds.
inline constexpr std::size_t kMaxComparedRuns = 64;

/// One finished run of a set.
struct RunSetEntry {
    std::string dir;    ///< its run folder
    std::string label;  ///< legends and tables; unique within the set
    double value = 0.0; ///< its x on the regularization path
    /// What makes this run from the first run's experiment, `--set` style (the sweep
    /// manifest's, or "<parameter>=<value>" for a variation found in the experiments); empty
    /// when the runs differ in more than one numeric value.
    std::vector<std::string> overrides;
    RunRecord run;
};

/// Runs to compare, in order.
struct RunSet {
    /// What varies: a sweep's parameter, or the experiment key(s) found to differ
    /// ("model.layers.*.kernel_regularizer.l2"), or "run" when nothing numeric does.
    std::string parameter;
    VariationKind kind = VariationKind::Scale;
    std::vector<RunSetEntry> runs;
};

/// Reads the runs of `dirs`, in order. Each entry is a run folder (run.json), a sweep folder
/// (sweep.json: its runs in manifest order, labelled as the manifest labels them) or a
/// folder whose immediate subfolders are run folders (by name). Every run must share the
/// first one's data set, seed and named layers, so that test numbers and weights compare.
///
/// The variation: one sweep folder keeps its manifest's parameter and values. Otherwise the
/// experiments are compared key by key (experimentToJson, flattened, the name excluded):
/// when every key that differs is numeric and, within each run, all of them hold one value
/// (e.g. the L2 scale of every layer), that value is the run's x and the kind is Scale;
/// otherwise the runs are placed at 0, 1, 2, ... (kind RegularizerKind: categorical), each
/// labelled by its folder's name. The runs of one folder of run folders are put in order of
/// their values when those are numeric.
///
/// Throws InputError naming the folder (or its file) and the field: a folder that is none of
/// the three, no runs, more than kMaxComparedRuns, a run that does not share the first one's
/// data set, seed or layers, and every error of readRunFolder() / readSweepFolder().
RunSet loadRunSet(const std::vector<std::string> &dirs);

} // namespace reglab
