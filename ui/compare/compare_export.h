// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare window's export: a sweep folder in the layout reglab-cli sweep writes
// (core/io/run_folder.h, docs/run-folder.md), plus every view as PNG and SVG under plots/,
// listed in sweep.json as extras.

#include "core/compare/sweep.h"

#include <QString>

#include <vector>

namespace reglab::ui {

class CompareCurvesPlot;
class RegularizationPathPlot;
class WeightOverlayPlot;
struct CompareRun;

/// What one export writes.
struct CompareExportInput {
    QString variation; ///< sweep.json's parameter: l2_scale, regularizer_kind, ...
    const std::vector<CompareRun> *runs = nullptr;
    std::vector<RunSummary> summaries; ///< one per run, in order
    CompareCurvesPlot *lossPlot = nullptr;
    CompareCurvesPlot *accuracyPlot = nullptr;
    RegularizationPathPlot *pathPlot = nullptr;
    WeightOverlayPlot *weightPlot = nullptr;
};

/// Writes the comparison to folder `dir` (created when missing) and returns how many files
/// it wrote. The path and weight views are switched through their modes and layers for the
/// pictures and switched back. Throws InputError / OutputError naming the file.
int exportComparison(const QString &dir, const CompareExportInput &input);

} // namespace reglab::ui
