// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the three script writers (keras_export.cpp, pytorch_export.cpp, tf1_export.cpp)
// share: the template filler, Python literals, the penalty in each framework's spelling and
// the parts of the script every framework has. Not part of the public API.

#include "core/export/code_export.h"

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace reglab::codegen {

/// Placeholder name (without the @s) -> text.
using Holes = std::map<std::string, std::string, std::less<>>;

/// `text` with every placeholder `@NAME@` (NAME: A-Z, 0-9, _, starting with a letter)
/// replaced by holes[NAME]; any other @ is kept. Filled in one pass: values are never
/// scanned for placeholders.
/// - A placeholder alone on its line (after spaces only) is a block: each line of the value
///   is written with the placeholder's indentation (empty lines stay empty), and an empty
///   value removes the line. A value need not end with a newline.
/// - Anywhere else the placeholder is replaced inline, and its value must be one line.
/// Throws std::logic_error, naming `name` (the template's file name), when the template
/// has a placeholder without a value, a value has no placeholder in the template, or an
/// inline value spans lines. These are programming errors, never the user's.
std::string fillTemplate(std::string_view name, std::string_view text, const Holes &holes);

/// Appends `line` and a newline: the C++-built parts of a script are lists of lines.
inline void add(std::string &out, std::string_view line = {}) {
    out += line;
    out += '\n';
}

/// Free text for a `#` comment: control characters (line breaks) become spaces.
std::string commentText(const std::string &text);
/// A Python string literal (double quotes; backslash, quote and control characters escaped).
std::string pythonString(const std::string &text);
/// "True" or "False".
std::string pythonBool(bool v);
/// The layer's name as a Python string literal (names are [A-Za-z0-9_-], but be safe).
std::string key(const LayerSpec &layer);
/// `init["<layer>/<tensor>"]`: one array of RegLab's initial weights (npz.h layout).
std::string initArray(const LayerSpec &layer, std::string_view tensor);

/// A regularizer that adds something (nullopt and {0, 0} add nothing).
bool active(const std::optional<RegularizerSpec> &reg);
/// Whether any layer has an active kernel or (used) bias regularizer.
bool anyPenalty(const ExperimentSpec &spec);

/// One tensor's penalty in `fw`'s own spelling, `w` standing for the tensor:
/// Keras `keras.regularizers.l1_l2(...)`, PyTorch `a * w.abs().sum() + b' * w.pow(2).sum()`,
/// TF1 `a * tf.reduce_sum(tf.abs(w)) + s * tf.nn.l2_loss(w)`.
std::string penaltyExpression(const RegularizerSpec &reg, L2Convention convention,
                              CodeFramework fw);

/// The holes every framework's template has:
///   HEADER      the comment block up to the L2 convention (header.py.in)
///   HEADER_END  the comment block from the L1 scale to the output format (header_end.py.in)
///   COMMON      constants, data loading, the float64 evaluation and print_epoch, the
///               EarlyStopping decision (common.py.in)
/// The framework's template puts its own note on penalties between HEADER and HEADER_END.
Holes sharedHoles(const ExperimentSpec &spec, CodeFramework fw, const CodeExportOptions &options);

/// `def penalty_report(weights)` (penalty_report.py.in): every layer's penalty summed in
/// float64 numpy from a dict layer name -> [kernel [in, out], bias] (TF1).
std::string penaltyReport(const ExperimentSpec &spec, CodeFramework fw);

/// The note on Keras's and TF1's Adam epsilon ("epsilon hat"), `who` naming the framework;
/// empty for SGD.
std::string adamEpsilonNote(const OptimizerSpec &o, std::string_view who);

/// For a network with spatial layers (conv2d, max_pool2d, flatten): the shape flowing into
/// each layer, [i] into spec.model.layers[i] and [layers.size()] out of the last one, for
/// options.inputShape. Empty for a dense network (its input width may be unknown).
std::vector<TensorShape> layerInputShapes(const ExperimentSpec &spec,
                                          const CodeExportOptions &options);

/// The fan-in of dense layer spec.model.layers[i]: "N_FEATURES" for the first dense layer of
/// a dense network, else the width of its input (`shapes` from layerInputShapes()).
std::string inputsOf(const ExperimentSpec &spec, const std::vector<TensorShape> &shapes,
                     std::size_t i);

/// A window's padding in TF's "same" form for input `in` (zeros for "valid"):
/// {top, bottom, left, right}, the smaller half of each axis before.
std::array<int, 4> windowPadding(const LayerSpec &layer, const TensorShape &in);

/// "(h, w)" for a pair.
std::string pythonPair(const std::array<int, 2> &v);

/// The penalty scaled by training.penalty_multiplier m (for Keras, whose regularizers are
/// the only way the penalty enters its loss): both scales times m.
RegularizerSpec multiplied(const RegularizerSpec &reg, double multiplier);

/// Whether the exported data has a validation set (dataset.validation_fraction > 0).
bool hasValidation(const ExperimentSpec &spec);

/// The holes EARLY_STOPPING_STEP (after each epoch's `metrics = report(...)`: update
/// early_stopping into `improved, stop`, keep the best weights with `keep`, and on a stop
/// say so and, with `breakOnStop`, break) and EARLY_STOPPING_END (after the loop: `restore`
/// them when `best` is set) of the hand-written loops (PyTorch, TF1); empty without
/// training.early_stopping.
void addEarlyStoppingLoop(Holes &holes, const ExperimentSpec &spec, std::string_view keep,
                          std::string_view best, std::string_view restore, bool breakOnStop);

/// The holes of the run folder writer (Keras, PyTorch):
///   RUN_FOLDER  run_folder.py.in: --run-dir, RegLab's per-layer statistics, report_epoch()
///               (which prints and records an epoch), write_run_folder(); after COMMON
///   EARLY_STOPPING_OUTCOME  after training, with `status` and `message` set: run.json's
///               early_stopping record as `outcome` and the early_stopped status; empty
///               without training.early_stopping
void addRunFolder(Holes &holes, const ExperimentSpec &spec, CodeFramework fw,
                  const CodeExportOptions &options);

/// The scripts, one per framework (keras_export.cpp, pytorch_export.cpp, tf1_export.cpp).
std::string kerasScript(const ExperimentSpec &spec, const CodeExportOptions &options);
std::string pytorchScript(const ExperimentSpec &spec, const CodeExportOptions &options);
std::string tf1Script(const ExperimentSpec &spec, const CodeExportOptions &options);

} // namespace reglab::codegen
