// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file run_folder.h
/// Run folders and sweep folders: the one writer and the one reader. `reglab-cli train`
/// writes a run folder, `reglab-cli sweep` and the compare window's export write a sweep
/// folder (one run folder per variant). File by file in docs/run-folder.md.
///
///   RUN/run.json          manifest: format "reglab-run", version, status, epochs, message
///   RUN/experiment.json   the resolved experiment (experiment_json.h)
///   RUN/metrics.csv       one row per trained epoch (metrics_csv.h)
///   RUN/weights.npz       the final weights (npz.h); absent when training diverged
///   RUN/history.csv       per kept epoch and layer: weight statistics and the kernel's
///                         histogram (history_csv.h, weight_history.h); version 2, optional
///
///   SWEEP/sweep.json      manifest: format "reglab-sweep", version, parameter, runs in order
///   SWEEP/summary.csv     sweep.h summaryCsv()
///   SWEEP/summary_details.csv   sweep.h summaryDetailsCsv() (optional)
///   SWEEP/<folder>/       one run folder per run, <folder> = runFolderName(label)
///
/// Writes are atomic file by file, and the manifest is written last (and removed first when
/// a folder is rewritten): a folder whose writing was cut short has no manifest and is
/// refused by the reader, never read as a mix of two runs.

#include "core/compare/sweep.h"
#include "core/experiment_spec.h"
#include "core/io/metrics_csv.h"
#include "core/io/npz.h"
#include "core/train/metrics.h"
#include "core/train/trainer.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reglab {

/// The layout versions this RegLab writes and reads. Any new key or file bumps them; a
/// reader refuses a version newer than its own and reads every older one. A run folder is
/// written as version 2 when it uses what version 2 added (history.csv, the status
/// "early_stopped", the "early_stopping" key) and as version 1 (as earlier RegLabs wrote it,
/// byte for byte) when it does not. Version 3 added the key "writer", which only the
/// exported scripts write (code_export.h): RegLab's own writer writes versions 1 and 2.
inline constexpr int kRunFolderVersion = 3;
inline constexpr int kSweepFolderVersion = 1;

/// The manifests that make a folder a run folder or a sweep folder.
inline constexpr const char *kRunManifest = "run.json";
inline constexpr const char *kSweepManifest = "sweep.json";

/// The longest folder or file name made from a label (in bytes).
inline constexpr std::size_t kMaxLabelFileNameLength = 64;

/// How a run ended.
enum class RunStatus {
    Finished,     ///< trained the requested epochs
    Stopped,      ///< stopped (interrupted or cancelled) before the last epoch
    Diverged,     ///< the loss became NaN or Inf; no weights are kept
    Failed,       ///< never trained: the data or the network could not be set up
    EarlyStopped, ///< training.early_stopping stopped it (version 2)
};
std::string_view toString(RunStatus status);
std::optional<RunStatus> runStatusFromString(std::string_view text);
RunStatus runStatusOf(TrainStatus status);

/// run.json's "early_stopping" (version 2): what training.early_stopping did.
struct RunEarlyStopping {
    std::string monitor;
    int stoppedEpoch = 0;  ///< 0: it never stopped the run
    int bestEpoch = 0;     ///< 0: no epoch was watched
    double best = 0.0;     ///< the monitored value of the best epoch
    int restoredEpoch = 0; ///< restore_best_weights put this epoch's weights back (0: none)

    bool operator==(const RunEarlyStopping &) const = default;
};
/// The record of a trainer's early stopping (nullopt when the experiment has none).
std::optional<RunEarlyStopping> runEarlyStoppingOf(const Trainer &trainer);

/// Everything a run folder holds.
struct RunRecord {
    ExperimentSpec spec;
    RunStatus status = RunStatus::Finished;
    std::string message; ///< why it diverged or failed (empty otherwise)
    /// Written: the trainer's history (epoch 0 first; epoch 0 is not stored). Read: epochs
    /// 1..N as metrics.csv has them. Only the columns of metrics.csv are filled: a layer's
    /// l1_loss and l2_loss are read into kernelL1Loss and kernelL2Loss (bias terms 0),
    /// and step, learning rate, norms other than kernel_l2_norm and histograms stay 0.
    std::vector<EpochMetrics> history;
    std::vector<NpzArray> weights; ///< `<layer>/kernel`, `<layer>/bias`; empty: none
    /// The weight history (history.csv): kept epochs in order, epoch 0 first, each with its
    /// epoch and per-layer statistics and histograms (other fields 0). Empty: none (a
    /// version 1 folder, a diverged run, or a writer that kept none). Read: the epochs it
    /// shares with `history` also give those their histograms and kernel/bias terms.
    std::vector<EpochMetrics> weightHistory;
    int version = kRunFolderVersion; ///< read: the folder's layout version
    std::string reglabVersion;       ///< read: the RegLab that wrote the folder
    /// read: run.json's "writer" (version 3): the program that wrote the folder when it was
    /// not RegLab itself, e.g. "train_pytorch.py (PyTorch 1.13.0, cpu, 2 processes)"; empty
    /// when RegLab wrote it.
    std::string writer;
    std::optional<RunEarlyStopping> earlyStopping;
};

/// This RegLab's version ("0.1.0"), as manifests record it.
std::string_view reglabVersion();

/// safeFileName(label) cut to kMaxLabelFileNameLength bytes: the one rule for every file
/// or folder name made from a label (run folders, plot files, default output folders).
std::string labelFileName(std::string_view label);

/// Writes a run folder into `dir` (created when missing): experiment.json, metrics.csv
/// (a header only when `history` has no trained epoch), weights.npz unless `status` is
/// Diverged or `weights` is empty (a stale weights.npz is then removed), history.csv from
/// `weightHistory` on the same terms (WeightHistory::epochs(), every histogram with
/// spec.training.histogramBins bins), and run.json last. Throws OutputError naming the file;
/// the folder then has no run.json.
void writeRunFolder(const std::string &dir, const ExperimentSpec &spec,
                    const std::vector<EpochMetrics> &history, const std::vector<NpzArray> &weights,
                    RunStatus status, const std::string &message = {},
                    const std::vector<EpochMetrics> &weightHistory = {},
                    const std::optional<RunEarlyStopping> &earlyStopping = {});
void writeRunFolder(const std::string &dir, const RunRecord &run);
/// The same with metrics.csv from `metrics` (every epoch of a run whose history is thinned).
void writeRunFolderFromLog(const std::string &dir, const ExperimentSpec &spec,
                           const MetricsLog &metrics, const std::vector<NpzArray> &weights,
                           RunStatus status, const std::string &message = {},
                           const std::vector<EpochMetrics> &weightHistory = {},
                           const std::optional<RunEarlyStopping> &earlyStopping = {});

/// Reads a run folder (version 1 or 2) back and checks that its files agree: the manifest's
/// format, version, status, epochs and file list; metrics.csv's header against the
/// experiment's layers, every row's column count, numbers and epoch; the weights' names and
/// shapes against the layers; history.csv's header against the histogram bins, its layers,
/// epochs and counts (history_csv.h, docs/run-folder.md).
/// Every problem is one InputError naming the file and the field.
RunRecord readRunFolder(const std::string &dir);

/// One run of a sweep as its manifest lists it.
struct SweepEntry {
    std::string label;                  ///< summary.csv's `value` column
    double value = 0.0;                 ///< the position on the regularization path
    std::vector<std::string> overrides; ///< what makes this run from the base experiment
    std::string folder;                 ///< its run folder, labelFileName(label)
};

/// sweep.json.
struct SweepManifest {
    /// What varies: reglab-cli sweep's --param KEY, or the compare window's variation
    /// (l2_scale, l1_scale, regularizer_kind, l2_convention, coupled_vs_decoupled).
    std::string parameter;
    std::vector<SweepEntry> runs;    ///< in order
    std::vector<std::string> extras; ///< other files, relative paths (the window's plots)
};

/// The run folder names of `labels` (labelFileName each). Two labels that give the same
/// name are an InputError({}, "labels", ...) naming both.
std::vector<std::string> sweepFolderNames(const std::vector<std::string> &labels);

/// Starts (re)writing a sweep folder: creates `dir` and removes a stale sweep.json, so the
/// folder reads as incomplete until finishSweepFolder(). Throws OutputError.
void beginSweepFolder(const std::string &dir);

/// Ends a sweep folder whose runs are written (writeRunFolder into dir/<folder>):
/// summary.csv from `rows`, summary_details.csv when `details`, then sweep.json. `rows`
/// are in manifest order, one per run, each labelled as its run. Throws OutputError.
void finishSweepFolder(const std::string &dir, const SweepManifest &manifest,
                       const std::vector<RunSummary> &rows, bool details = true);

/// What a sweep folder holds.
struct SweepRecord {
    SweepManifest manifest;
    std::vector<RunRecord> runs; ///< in manifest order
    bool hasDetails = false;     ///< summary_details.csv is there
};

/// Reads a sweep folder and every run folder it lists. Checks the manifest, that
/// summary.csv (and summary_details.csv when present) has the documented header and one
/// row per run with the run's label, and that every extra file exists. Every problem is one
/// InputError naming the file and the field.
SweepRecord readSweepFolder(const std::string &dir);

} // namespace reglab
