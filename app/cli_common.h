// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared pieces of reglab-cli: loading with errors that name the experiment file, output
// folders, number formatting, interrupt handling and the progress printer.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/train/trainer.h"

#include <memory>
#include <string>
#include <vector>

namespace reglab::cli {

/// Process exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1; ///< an internal error (a bug or out of memory)
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitDiverged = 3;
inline constexpr int kExitInterrupted = 130; ///< 128 + SIGINT, as shells report it

/// Options every training command shares.
struct CommonOptions {
    std::string experiment;             ///< EXP.json
    std::vector<std::string> overrides; ///< --set KEY=VALUE, in order
    int threads = 1;
};

/// The experiment file's folder: relative data paths are resolved against it.
std::string experimentBaseDir(const std::string &experimentPath);

/// Loads the data set `spec` names. Errors about the data spec itself (the core names the
/// source there) are re-thrown naming the experiment file; errors in data files keep
/// naming the data file.
std::shared_ptr<const Dataset> loadData(const ExperimentSpec &spec,
                                        const std::string &experimentPath);

/// Builds a trainer; errors without a file (network does not fit the data) name the
/// experiment file.
std::unique_ptr<Trainer> makeTrainer(const ExperimentSpec &spec,
                                     std::shared_ptr<const Dataset> data, int threads,
                                     const std::string &experimentPath);

/// Loads `path` into a network shaped like the trainer's and installs it (--init, eval).
void loadInitialWeights(Trainer &trainer, const std::string &path);

/// Checks, without creating anything, that `dir` is or can become a writable folder:
/// the nearest existing ancestor must be a folder we may write in. Throws OutputError.
void checkOutputFolder(const std::string &dir);
/// checkOutputFolder() then creates it (and its parents). Throws OutputError.
void createOutputFolder(const std::string &dir);

/// printf-style formatting into a std::string.
std::string format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/// One CSV cell: quoted (RFC 4180) when it holds a comma, a quote or a line break.
std::string csvCell(const std::string &text);

/// Installs SIGINT/SIGTERM handlers that set a flag and stop the active trainer. A second
/// signal kills the process (the handler resets itself).
void installInterruptHandlers();
/// The trainer a signal should stop (nullptr: none).
void setActiveTrainer(Trainer *trainer);
/// The signal that arrived (0: none).
int interruptSignal();

/// Prints one line per epoch on stderr, or a redrawn progress bar when stderr is a terminal.
class ProgressPrinter : public TrainingObserver {
public:
    /// `prefix` starts every line (e.g. the swept value); `quiet` prints nothing.
    ProgressPrinter(int totalEpochs, TaskKind task, std::string prefix, bool quiet);
    ~ProgressPrinter() override;

    void epochReported(const EpochMetrics &m) override;
    /// Ends the redrawn line (call once training is over).
    void finish();

    /// "train loss 0.4123 (+reg 0.0123) test loss 0.4512  acc 0.912/0.897" (R^2 for
    /// regression).
    static std::string describe(const EpochMetrics &m, TaskKind task);

private:
    int m_totalEpochs;
    TaskKind m_task;
    std::string m_prefix;
    bool m_quiet;
    bool m_terminal;
    bool m_lineOpen = false;
};

} // namespace reglab::cli
