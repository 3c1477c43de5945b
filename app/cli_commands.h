// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The reglab-cli commands. Each returns the process exit code (cli_common.h) and throws
// InputError / OutputError for bad input, which main() reports as one "error: ..." line.

#include "app/cli_common.h"

#include <optional>
#include <string>

namespace reglab::cli {

struct TrainOptions {
    CommonOptions common;
    std::string out;  ///< empty: runs/<experiment name>
    std::string init; ///< --init WEIGHTS.npz, empty: none
    std::optional<int> epochs;
    bool quiet = false;
};
/// Trains one experiment and writes a run folder (docs/run-folder.md): run.json,
/// experiment.json, metrics.csv and weights.npz.
int runTrain(const TrainOptions &options);

struct SweepOptions {
    CommonOptions common;
    std::string param;  ///< the dotted KEY (may contain '*')
    std::string values; ///< "V1,V2,..." (commas inside {}, [] or "" do not split)
    std::string out;    ///< empty: runs/<experiment name>-<param>
    std::optional<int> epochs;
    bool quiet = false;
};
/// One run per value, each in the run folder OUT/<value>/, then OUT/summary.csv,
/// OUT/summary_details.csv and OUT/sweep.json (docs/run-folder.md), and a table on stdout.
int runSweep(const SweepOptions &options);

struct EvalOptions {
    CommonOptions common;
    std::string weights;
    bool json = false;
};
/// Loss terms and accuracy of saved weights on the experiment's data.
int runEval(const EvalOptions &options);

/// Lists the built-in data sets.
int runDatasets();

struct ExportCodeOptions {
    CommonOptions common;
    std::string framework; ///< keras, pytorch or tf1
    std::string out;       ///< empty: the script goes to stdout, no data files
    bool withInit = false; ///< also write init.npz (the trainer's initial weights)
    std::optional<int> epochs;
};
/// Writes OUT/train_<framework>.py, OUT/data.npz (and OUT/init.npz): the experiment as a
/// framework script that trains the same objective (core/export/code_export.h).
int runExportCode(const ExportCodeOptions &options);

/// Splits "a,b,{"l1":1,"l2":2}" at commas outside brackets, braces and quotes; each part is
/// trimmed of surrounding spaces.
std::vector<std::string> splitValues(const std::string &text);

} // namespace reglab::cli
