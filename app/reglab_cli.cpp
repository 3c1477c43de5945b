// SPDX-License-Identifier: GPL-3.0-or-later
// reglab-cli: train, sweep and evaluate RegLab experiments from the command line, or export
// them as framework scripts.
// Links the core only (no Qt). Exit codes: 0 success, 2 bad input, 3 training diverged,
// 130 interrupted.

#include "app/cli_commands.h"

#include "core/error.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <new>

namespace {

using namespace reglab::cli;

/// --set KEY=VALUE (repeatable), --threads N: shared by train, sweep and eval.
void addCommonOptions(CLI::App &command, CommonOptions &common) {
    command.add_option("experiment", common.experiment, "Experiment file (JSON)")->required();
    command
        .add_option("--set", common.overrides,
                    "Override one key of the experiment, e.g. training.epochs=5 or "
                    "model.layers.*.kernel_regularizer.l2=1e-4 (repeatable)")
        ->allow_extra_args(false)
        ->take_all();
    command.add_option("--threads", common.threads, "Threads for training and evaluation")
        ->check(CLI::Range(1, 1024));
}

void printError(const std::string &what) {
    std::fprintf(stderr, "error: %s\n", what.c_str());
    std::fflush(stderr);
}

} // namespace

int main(int argc, char **argv) {
    CLI::App app{"RegLab: train, sweep and evaluate neural-network regularization experiments",
                 "reglab-cli"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "reglab-cli " REGLAB_VERSION);

    TrainOptions train;
    CLI::App *trainCmd = app.add_subcommand("train", "Train one experiment");
    addCommonOptions(*trainCmd, train.common);
    trainCmd->add_option("--out", train.out, "Output folder (default: runs/<experiment name>)");
    trainCmd->add_option("--init", train.init,
                         "Start from these weights (.npz) instead of the "
                         "seeded initialization");
    trainCmd->add_option("--epochs", train.epochs, "Shortcut for --set training.epochs=N");
    trainCmd->add_flag("--quiet,-q", train.quiet, "No progress output");

    SweepOptions sweep;
    CLI::App *sweepCmd = app.add_subcommand("sweep", "One run per value of one key");
    addCommonOptions(*sweepCmd, sweep.common);
    sweepCmd->add_option("--param", sweep.param, "The key to vary (dotted; '*' = every layer)")
        ->required();
    sweepCmd->add_option("--values", sweep.values, "Comma-separated values, e.g. 0,1e-4,1e-3")
        ->required();
    sweepCmd->add_option("--out", sweep.out,
                         "Output folder (default: runs/<experiment name>-<param>)");
    sweepCmd->add_option("--epochs", sweep.epochs, "Shortcut for --set training.epochs=N");
    sweepCmd->add_flag("--quiet,-q", sweep.quiet, "No progress output");

    EvalOptions eval;
    CLI::App *evalCmd = app.add_subcommand("eval", "Evaluate saved weights");
    addCommonOptions(*evalCmd, eval.common);
    evalCmd->add_option("--weights", eval.weights, "Weights (.npz) to evaluate")->required();
    evalCmd->add_flag("--json", eval.json, "Print one JSON object");

    CLI::App *datasetsCmd = app.add_subcommand("datasets", "List the built-in data sets");

    ExportCodeOptions exportCode;
    CLI::App *exportCmd = app.add_subcommand(
        "export-code", "Write the experiment as a Keras, PyTorch or TF1 training script");
    addCommonOptions(*exportCmd, exportCode.common);
    exportCmd->add_option("--framework", exportCode.framework, "keras, pytorch or tf1")
        ->required()
        ->check(CLI::IsMember({"keras", "pytorch", "tf1"}));
    exportCmd->add_option("--out", exportCode.out,
                          "Folder for train_<framework>.py and data.npz (default: the script "
                          "on stdout)");
    exportCmd->add_flag("--with-init", exportCode.withInit,
                        "Also write init.npz, RegLab's initial weights, for the script to start "
                        "from");
    exportCmd->add_option("--epochs", exportCode.epochs, "Shortcut for --set training.epochs=N");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        printError(e.what());
        return kExitBadInput;
    }

    installInterruptHandlers();
    try {
        if (trainCmd->parsed())
            return runTrain(train);
        if (sweepCmd->parsed())
            return runSweep(sweep);
        if (evalCmd->parsed())
            return runEval(eval);
        if (datasetsCmd->parsed())
            return runDatasets();
        if (exportCmd->parsed())
            return runExportCode(exportCode);
    } catch (const reglab::InputError &e) {
        printError(e.what());
        return kExitBadInput;
    } catch (const reglab::OutputError &e) {
        printError(e.what());
        return kExitBadInput;
    } catch (const std::bad_alloc &) {
        printError("out of memory");
        return kExitFailure;
    } catch (const std::exception &e) {
        printError(std::string("internal error: ") + e.what());
        return kExitFailure;
    }
    return kExitFailure;
}
