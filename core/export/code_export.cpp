// SPDX-License-Identifier: GPL-3.0-or-later
// exportCode and what the three script writers share: the template filler, Python literals,
// each framework's spelling of a penalty, and the parts every script has (header comments,
// constants, data loading, the float64 evaluation and report line). The fixed Python is in
// templates/*.py.in; the framework's own parts are in keras_export.cpp, pytorch_export.cpp
// and tf1_export.cpp.

#include "core/error.h"
#include "core/export/code_export_internal.h"
#include "core/export/templates.h"
#include "core/io/experiment_json.h"
#include "core/io/run_folder.h"
#include "core/nn/regularizer.h"
#include "core/text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <stdexcept>

namespace reglab {

namespace codegen {

namespace {

bool isHoleChar(char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
}

/// The placeholder name at text[at] == '@' ("@NAME@"), or empty when it is a plain @.
std::string_view holeAt(std::string_view text, std::size_t at) {
    std::size_t end = at + 1;
    if (end >= text.size() || text[end] < 'A' || text[end] > 'Z')
        return {};
    while (end < text.size() && isHoleChar(text[end]))
        ++end;
    if (end >= text.size() || text[end] != '@')
        return {};
    return text.substr(at + 1, end - at - 1);
}

[[noreturn]] void templateError(std::string_view name, const std::string &message) {
    throw std::logic_error("code export template " + std::string(name) + ": " + message);
}

} // namespace

std::string fillTemplate(std::string_view name, std::string_view text, const Holes &holes) {
    std::string out;
    out.reserve(text.size() * 2);
    std::set<std::string, std::less<>> used;
    std::size_t lineStart = 0; // in `out`
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        const std::string_view hole = ch == '@' ? holeAt(text, i) : std::string_view();
        if (hole.empty()) {
            out += ch;
            if (ch == '\n')
                lineStart = out.size();
            continue;
        }
        const auto value = holes.find(hole);
        if (value == holes.end())
            templateError(name, "no value for placeholder @" + std::string(hole) + "@");
        used.insert(std::string(hole));
        const std::size_t after = i + hole.size() + 2;
        const bool alone = out.find_first_not_of(' ', lineStart) == std::string::npos
                           && (after == text.size() || text[after] == '\n');
        i = after - 1;
        if (!alone) {
            if (value->second.find('\n') != std::string::npos)
                templateError(name, "the value of @" + std::string(hole)
                                        + "@ spans lines but the placeholder is inside a line");
            out += value->second;
            continue;
        }
        // A block: every line of the value at the placeholder's indentation.
        const std::string indent = out.substr(lineStart);
        out.resize(lineStart);
        std::string_view rest = value->second;
        while (!rest.empty()) {
            const std::size_t eol = rest.find('\n');
            const std::string_view line = rest.substr(0, eol);
            if (!line.empty())
                out += indent;
            out += line;
            out += '\n';
            rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
        }
        lineStart = out.size();
        if (after < text.size())
            ++i; // the template's own line break: the value's lines brought theirs
    }
    for (const auto &[hole, value] : holes) {
        if (!used.contains(hole))
            templateError(name, "no placeholder @" + hole + "@ for the value given");
    }
    return out;
}

std::string commentText(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text)
        out += (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ? ' ' : ch;
    return out;
}

std::string pythonString(const std::string &text) {
    std::string out = "\"";
    for (char ch : text) {
        const auto u = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (u < 0x20 || u == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(u));
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string pythonBool(bool v) {
    return v ? "True" : "False";
}

std::string key(const LayerSpec &layer) {
    return pythonString(layer.name);
}

std::string initArray(const LayerSpec &layer, std::string_view tensor) {
    return "init[" + pythonString(layer.name + "/" + std::string(tensor)) + "]";
}

bool active(const std::optional<RegularizerSpec> &reg) {
    return reg && !reg->isZero();
}

bool anyPenalty(const ExperimentSpec &spec) {
    for (const LayerSpec &l : spec.model.layers) {
        if (!l.hasWeights())
            continue;
        if (active(l.kernelRegularizer) || (l.useBias && active(l.biasRegularizer)))
            return true;
    }
    return false;
}

std::string penaltyExpression(const RegularizerSpec &reg, L2Convention convention,
                              CodeFramework fw) {
    const double l2 = frameworkL2Scale(reg.l2, convention, fw);
    if (fw == CodeFramework::Keras)
        return "keras.regularizers.l1_l2(l1=" + pythonFloat(reg.l1) + ", l2=" + pythonFloat(l2)
               + ")";
    // PyTorch: a * w.abs().sum() + b' * w.pow(2).sum(); TF1: the same with l2_loss = sum / 2.
    const bool torch = fw == CodeFramework::PyTorch;
    std::string e;
    if (reg.l1 != 0.0)
        e = pythonFloat(reg.l1) + (torch ? " * w.abs().sum()" : " * tf.reduce_sum(tf.abs(w))");
    if (reg.l2 != 0.0)
        e += (e.empty() ? "" : " + ") + pythonFloat(l2)
             + (torch ? " * w.pow(2).sum()" : " * tf.nn.l2_loss(w)");
    return e;
}

std::string adamEpsilonNote(const OptimizerSpec &o, std::string_view who) {
    if (o.type == OptimizerKind::Sgd)
        return {};
    return "# " + std::string(who)
           + R"('s Adam adds epsilon to sqrt(v) before the bias correction (Kingma & Ba's
# "epsilon hat"); RegLab and PyTorch add it to sqrt(v-hat). The step is RegLab's with epsilon
# replaced by epsilon / sqrt(1 - beta2^t): different only while gradients are about as small
# as epsilon.
)";
}

std::vector<TensorShape> layerInputShapes(const ExperimentSpec &spec,
                                          const CodeExportOptions &options) {
    if (!spec.model.hasSpatialLayers())
        return {};
    std::vector<TensorShape> shapes{options.inputShape};
    for (const TensorShape &out : spec.model.inferShapes(options.inputShape))
        shapes.push_back(out);
    return shapes;
}

std::string inputsOf(const ExperimentSpec &spec, const std::vector<TensorShape> &shapes,
                     std::size_t i) {
    if (!shapes.empty())
        return std::to_string(shapes[i].size());
    for (std::size_t j = i; j-- > 0;) {
        if (spec.model.layers[j].hasWeights())
            return std::to_string(spec.model.layers[j].units);
    }
    return "N_FEATURES";
}

std::array<int, 4> windowPadding(const LayerSpec &layer, const TensorShape &in) {
    const auto k = layer.windowSize();
    const auto s = layer.effectiveStrides();
    // TF's "same": out = ceil(in / s), total = max((out - 1) s + k - in, 0), before = total / 2.
    const auto axis = [&](int size, int a) -> std::array<int, 2> {
        const WindowAxis w = windowAxis(size, k[a], s[a], layer.padding);
        const int total =
            layer.padding == Padding::Same ? std::max((w.out - 1) * s[a] + k[a] - size, 0) : 0;
        return {w.padBefore, total - w.padBefore};
    };
    const auto rows = axis(in.height, 0);
    const auto cols = axis(in.width, 1);
    return {rows[0], rows[1], cols[0], cols[1]};
}

std::string pythonPair(const std::array<int, 2> &v) {
    return "(" + std::to_string(v[0]) + ", " + std::to_string(v[1]) + ")";
}

void addEarlyStoppingLoop(Holes &holes, const ExperimentSpec &spec, std::string_view keep,
                          std::string_view best, std::string_view restore, bool breakOnStop) {
    std::string step;
    std::string end;
    if (const auto &early = spec.training.earlyStopping) {
        add(step, "improved, stop = early_stopping.update(epoch, metrics)");
        if (early->restoreBestWeights) {
            add(step, "if improved:");
            add(step, "    " + std::string(keep));
        }
        add(step, "if stop:");
        add(step, "    print(f\"early stopping after epoch {epoch}\", file=sys.stderr)");
        if (breakOnStop)
            add(step, "    break");
        if (early->restoreBestWeights) {
            add(end, "# restore_best_weights: Keras 3 puts the best epoch's weights back when "
                     "training ends,");
            add(end, "# stopped early or not.");
            add(end, "if " + std::string(best) + " is not None:");
            std::string_view rest = restore;
            while (!rest.empty()) { // each line of `restore`, indented
                const std::size_t eol = rest.find('\n');
                add(end, "    " + std::string(rest.substr(0, eol)));
                rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
            }
        }
    }
    holes["EARLY_STOPPING_STEP"] = step;
    holes["EARLY_STOPPING_END"] = end;
}

RegularizerSpec multiplied(const RegularizerSpec &reg, double multiplier) {
    if (multiplier == 1.0)
        return reg;
    return {reg.l1 * multiplier, reg.l2 * multiplier};
}

bool hasValidation(const ExperimentSpec &spec) {
    return spec.dataset.validationFraction > 0.0;
}

namespace {

std::string lossDescription(LossKind loss) {
    switch (loss) {
    case LossKind::SoftmaxCrossEntropy:
        return "softmax cross-entropy of the logits, mean over the batch";
    case LossKind::SigmoidCrossEntropy:
        return "sigmoid cross-entropy of the one logit, mean over the batch";
    case LossKind::MeanSquaredError:
        return "mean squared error, mean over every element (samples x outputs)";
    }
    return {};
}

std::string optimizerDescription(const OptimizerSpec &o) {
    std::string text =
        std::string(toString(o.type)) + ", learning rate " + pythonFloat(o.learningRate);
    switch (o.type) {
    case OptimizerKind::Sgd:
        if (o.momentum != 0.0)
            text += ", momentum " + pythonFloat(o.momentum) + (o.nesterov ? " (nesterov)" : "");
        break;
    case OptimizerKind::AdamW:
        text += ", weight decay " + pythonFloat(o.weightDecay);
        [[fallthrough]];
    case OptimizerKind::Adam:
        text += ", beta1 " + pythonFloat(o.beta1) + ", beta2 " + pythonFloat(o.beta2) + ", epsilon "
                + pythonFloat(o.epsilon);
        break;
    }
    return text;
}

/// The same penalty in float64 numpy (`w` a numpy array), for the report.
std::string numpyPenaltyExpression(const RegularizerSpec &reg, L2Convention convention,
                                   CodeFramework fw, const std::string &w) {
    const double l2 = frameworkL2Scale(reg.l2, convention, fw);
    std::string e;
    if (reg.l1 != 0.0)
        e = pythonFloat(reg.l1) + " * np.abs(" + w + ").sum()";
    if (reg.l2 != 0.0) {
        e += e.empty() ? "" : " + ";
        // TF1's scale multiplies tf.nn.l2_loss(w) = sum(w^2) / 2.
        e += pythonFloat(l2) + " * np.square(" + w + ").sum()"
             + (fw == CodeFramework::Tf1 ? " / 2" : "");
    }
    return e;
}

/// header.py.in: what the script trains, in words.
std::string header(const ExperimentSpec &spec, CodeFramework fw, const CodeExportOptions &options) {
    const bool tf1Convention = spec.l2Convention == L2Convention::Tf1;
    Holes holes;
    holes["FILE_NAME"] = codeFileName(fw);
    holes["NAME"] = commentText(spec.name);
    holes["FRAMEWORK"] = fw == CodeFramework::Keras     ? "Keras (tf.keras)"
                         : fw == CodeFramework::PyTorch ? "PyTorch"
                                                        : "TF1-style (tf.compat.v1)";
    holes["DESCRIPTION"] = spec.description.empty() ? "" : "# " + commentText(spec.description);
    holes["PENALTY_IN_LOSS"] = spec.training.penaltyInLoss
                                   ? " + the penalty terms of every layer"
                                   : " (the penalty is NOT in the loss, see below)";
    holes["DATA_LOSS"] = lossDescription(spec.loss);
    holes["OPTIMIZER"] = optimizerDescription(spec.optimizer);
    holes["BATCH_SIZE"] = std::to_string(spec.training.batchSize);
    holes["EPOCHS"] = std::to_string(options.epochs.value_or(spec.training.epochs));
    holes["ORDER"] = spec.training.shuffle ? "shuffled every epoch" : "in order";
    holes["SEED"] = std::to_string(spec.seed);
    holes["CONVENTION"] = tf1Convention ? "tf1" : "keras";
    holes["CONVENTION_MEANING"] =
        tf1Convention
            ? "# b * sum(w^2) / 2 (tf.contrib.layers.l2_regularizer(b) = b * tf.nn.l2_loss(w))."
            : "# b * sum(w^2) (tf.keras.regularizers.l2(b)).";
    return fillTemplate("header.py.in", templates::header(), holes);
}

/// header_end.py.in: every penalty, the data and initial weights, the output format.
std::string headerEnd(const ExperimentSpec &spec, CodeFramework fw,
                      const CodeExportOptions &options) {
    std::string penalties;
    for (const LayerSpec &l : spec.model.layers) {
        if (!l.hasWeights())
            continue;
        const std::pair<std::string, const std::optional<RegularizerSpec> *> tensors[] = {
            {"kernel", &l.kernelRegularizer}, {"bias", &l.biasRegularizer}};
        for (const auto &[tensor, reg] : tensors) {
            if (!active(*reg) || (tensor == "bias" && !l.useBias))
                continue;
            add(penalties, "#   " + l.name + "." + tensor + ": l1 " + pythonFloat((*reg)->l1)
                               + ", l2 " + pythonFloat((*reg)->l2) + " ("
                               + std::string(toString(spec.l2Convention)) + ") -> "
                               + penaltyExpression(**reg, spec.l2Convention, fw));
        }
    }
    Holes holes;
    holes["PENALTIES"] = penalties.empty() ? "#   (no layer has a penalty)" : penalties;
    holes["PENALTY_NOT_IN_LOSS"] =
        spec.training.penaltyInLoss
            ? ""
            : R"(# training.penalty_in_loss is false: the penalty is computed and reported (reg_loss) but
# neither added to the loss nor to the gradients, like a TF1 script that collects it in
# REGULARIZATION_LOSSES and never adds tf.losses.get_regularization_loss().)";
    holes["DATA_FILE"] = commentText(options.dataFile);
    holes["INITIAL_WEIGHTS"] =
        options.initFile.empty()
            ? R"(# Initial weights: drawn by the framework from RegLab's distributions (other draws, so the
# numbers differ from RegLab's run; export with --with-init to start from the same weights).)"
            : "# Initial weights: " + commentText(options.initFile)
                  + R"( next to this script, RegLab's initial weights (<layer>/kernel
# [in, out], <layer>/bias), so training starts where RegLab's starts.)";
    holes["R_SQUARED"] =
        spec.task() == TaskKind::Regression ? "# (accuracy is R^2 for this regression)." : "";
    return fillTemplate("header_end.py.in", templates::headerEnd(), holes);
}

/// early_stopping.py.in (Keras stops with its own callback and replays this decision for the
/// run folder's record); empty without training.early_stopping.
std::string earlyStoppingCode(const ExperimentSpec &spec) {
    if (!spec.training.earlyStopping)
        return {};
    const EarlyStoppingSpec &e = *spec.training.earlyStopping;
    Holes holes;
    holes["MONITOR"] = pythonString(e.monitor);
    holes["MIN_DELTA"] = pythonFloat(e.minDelta);
    holes["PATIENCE"] = std::to_string(e.patience);
    holes["RESTORE_BEST_WEIGHTS"] = pythonBool(e.restoreBestWeights);
    holes["START_FROM_EPOCH"] = std::to_string(e.startFromEpoch);
    holes["MAXIMIZE"] = pythonBool(e.monitor.ends_with("_accuracy"));
    return fillTemplate("early_stopping.py.in", templates::earlyStopping(), holes);
}

/// common.py.in: constants, data loading, the float64 evaluation and the report line.
std::string common(const ExperimentSpec &spec, const CodeExportOptions &options) {
    Holes holes;
    holes["DATA_FILE"] = pythonString(options.dataFile);
    holes["INIT_FILE"] = options.initFile.empty() ? "None" : pythonString(options.initFile);
    holes["SEED"] = std::to_string(spec.seed);
    holes["EPOCHS"] = std::to_string(options.epochs.value_or(spec.training.epochs));
    holes["BATCH_SIZE"] = std::to_string(spec.training.batchSize);
    holes["SHUFFLE"] = pythonBool(spec.training.shuffle);
    holes["PENALTY_IN_LOSS"] = pythonBool(spec.training.penaltyInLoss);
    const TrainingSpec &t = spec.training;
    holes["PENALTY_MULTIPLIER"] =
        t.penaltyMultiplier == 1.0
            ? std::string()
            : "PENALTY_MULTIPLIER = " + pythonFloat(t.penaltyMultiplier)
                  + "  # training.penalty_multiplier: loss = data + PENALTY_MULTIPLIER * penalty";
    holes["TOTAL_LOSS"] =
        !t.penaltyInLoss             ? "total_loss = train_loss  # the penalty is not in the loss"
        : t.penaltyMultiplier == 1.0 ? "total_loss = train_loss + reg_loss"
                                     : "total_loss = train_loss + PENALTY_MULTIPLIER * reg_loss";
    holes["VALIDATION_DATA"] =
        hasValidation(spec)
            ? R"(# The validation set (dataset.validation_fraction), held out of the training data
x_val = data["x_val"].astype(np.float32)
y_val = prepare_targets(data["y_val"]))"
            : "";
    holes["EARLY_STOPPING"] = earlyStoppingCode(spec);
    holes["N_FEATURES"] =
        options.inputDim > 0
            ? "N_FEATURES = " + std::to_string(options.inputDim)
                  + "\nassert x_train.shape[1] == N_FEATURES, \"the data does not fit the network\""
            : "N_FEATURES = x_train.shape[1]";
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        holes["PREPARE_TARGETS"] = R"("""Class indices [n] as int64."""
return y.reshape(-1).astype(np.int64))";
        holes["LOSS_AND_SCORE"] = R"(# logsumexp(z) - z[label]; correct when argmax(z) == label
m = z.max(axis=1, keepdims=True)
lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
loss = np.mean(lse - z[np.arange(len(y)), y])
accuracy = np.mean(np.argmax(z, axis=1) == y))";
        break;
    case LossKind::SigmoidCrossEntropy:
        holes["PREPARE_TARGETS"] = R"("""Labels 0/1 as float32 [n, 1] (one logit per sample)."""
return y.reshape(-1, 1).astype(np.float32))";
        holes["LOSS_AND_SCORE"] =
            R"(# max(z, 0) - z t + log(1 + exp(-|z|)); correct when (z > 0) == label
z = z[:, 0]
t = y[:, 0].astype(np.float64)
loss = np.mean(np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z))))
accuracy = np.mean((z > 0.0) == (t > 0.5)))";
        break;
    case LossKind::MeanSquaredError:
        holes["PREPARE_TARGETS"] = R"("""Targets as float32 [n, k]."""
return y.reshape(len(y), -1).astype(np.float32))";
        holes["LOSS_AND_SCORE"] =
            R"(# mean of (z - t)^2 over every element; R^2 = 1 - SS_res / SS_tot
t = y.astype(np.float64)
ss_res = np.square(z - t).sum()
loss = ss_res / z.size
ss_tot = np.square(t - t.mean(axis=0)).sum()
accuracy = 1.0 - ss_res / ss_tot if ss_tot > 0 else float("nan"))";
        break;
    }
    return fillTemplate("common.py.in", templates::common(), holes);
}

} // namespace

Holes sharedHoles(const ExperimentSpec &spec, CodeFramework fw, const CodeExportOptions &options) {
    Holes holes;
    holes["HEADER"] = header(spec, fw, options);
    holes["HEADER_END"] = headerEnd(spec, fw, options);
    holes["COMMON"] = common(spec, options);
    return holes;
}

void addRunFolder(Holes &holes, const ExperimentSpec &spec, CodeFramework fw,
                  const CodeExportOptions &options) {
    const auto scales = [&](const std::optional<RegularizerSpec> &reg, bool used) {
        if (!used || !active(reg))
            return std::string("(0.0, 0.0)");
        // RegLab's term: l2 * l2TermFactor * sum(w^2), the product taken first as in core.
        return "(" + pythonFloat(reg->l1) + ", "
               + pythonFloat(reg->l2 * l2TermFactor(spec.l2Convention)) + ")";
    };
    std::string terms;
    for (const LayerSpec &l : spec.model.layers) {
        if (l.hasWeights())
            add(terms, "(" + key(l) + ", " + scales(l.kernelRegularizer, true) + ", "
                           + scales(l.biasRegularizer, l.useBias) + "),");
    }
    ExperimentSpec resolved = spec;
    resolved.training.epochs = options.epochs.value_or(spec.training.epochs);
    // Inside a ''' literal: backslashes and single quotes escaped, the text otherwise as is.
    std::string json;
    for (char ch : experimentToJson(resolved).dump(2)) {
        if (ch == '\\' || ch == '\'')
            json += '\\';
        json += ch;
    }
    Holes folder;
    folder["REGLAB_VERSION"] = pythonString(std::string(reglabVersion()));
    folder["SCRIPT_NAME"] = pythonString(codeFileName(fw));
    folder["HISTOGRAM_BINS"] = std::to_string(spec.training.histogramBins);
    folder["L2_FACTOR"] = spec.l2Convention == L2Convention::Tf1 ? "l2 / 2 (tf1 convention)"
                                                                 : "l2 (keras convention)";
    folder["LAYER_TERMS"] = terms;
    folder["EXPERIMENT_JSON"] = json;
    holes["RUN_FOLDER"] = fillTemplate("run_folder.py.in", templates::runFolder(), folder);

    std::string outcome;
    if (spec.training.earlyStopping) {
        if (fw == CodeFramework::Keras) {
            add(outcome, "# run.json's record: the same decision (EarlyStopping above) replayed "
                         "on the reported");
            add(outcome, "# epochs, as keras_early_stopping took it.");
            add(outcome, "for epoch, metrics, _ in run.epochs[1:]:");
            add(outcome, "    if early_stopping.update(epoch, metrics)[1]:");
            add(outcome, "        break");
        }
        add(outcome, "outcome, text = early_stopping_outcome(early_stopping)");
        add(outcome, "if status == \"finished\" and early_stopping.stopped_epoch > 0:");
        add(outcome, "    status, message = \"early_stopped\", text");
    }
    holes["EARLY_STOPPING_OUTCOME"] = outcome;
}

std::string penaltyReport(const ExperimentSpec &spec, CodeFramework fw) {
    std::string terms;
    for (const LayerSpec &l : spec.model.layers) {
        if (!l.hasWeights())
            continue;
        if (active(l.kernelRegularizer)) {
            add(terms, "k = weights[" + key(l) + "][0].astype(np.float64)");
            add(terms,
                "reg += "
                    + numpyPenaltyExpression(*l.kernelRegularizer, spec.l2Convention, fw, "k"));
        }
        if (l.useBias && active(l.biasRegularizer)) {
            add(terms, "b = weights[" + key(l) + "][1].astype(np.float64)");
            add(terms,
                "reg += " + numpyPenaltyExpression(*l.biasRegularizer, spec.l2Convention, fw, "b"));
        }
    }
    return fillTemplate("penalty_report.py.in", templates::penaltyReport(), {{"TERMS", terms}});
}

} // namespace codegen

std::string_view toString(CodeFramework framework) {
    switch (framework) {
    case CodeFramework::Keras:
        return "keras";
    case CodeFramework::PyTorch:
        return "pytorch";
    case CodeFramework::Tf1:
        return "tf1";
    }
    return "unknown";
}

std::optional<CodeFramework> codeFrameworkFromString(std::string_view name) {
    for (CodeFramework fw : {CodeFramework::Keras, CodeFramework::PyTorch, CodeFramework::Tf1}) {
        if (toString(fw) == name)
            return fw;
    }
    return std::nullopt;
}

std::string codeFileName(CodeFramework framework) {
    return "train_" + std::string(toString(framework)) + ".py";
}

std::string pythonFloat(double v) {
    if (std::isnan(v))
        return "float(\"nan\")";
    if (std::isinf(v))
        return v > 0 ? "float(\"inf\")" : "-float(\"inf\")";
    std::string text = exactDecimal(v, std::chars_format::general, 1);
    if (text.find_first_of(".e") == std::string::npos)
        text += ".0";
    return text;
}

double frameworkL2Scale(double b, L2Convention convention, CodeFramework framework) {
    if (framework == CodeFramework::Tf1) // s * sum(w^2) / 2
        return convention == L2Convention::Tf1 ? b : 2.0 * b;
    return convention == L2Convention::Keras ? b : b / 2.0; // b' * sum(w^2)
}

std::vector<NpzArray> datasetToArrays(const Dataset &data, LossKind loss) {
    // The engine's features x samples, column-major, is the row-major [samples, features]
    // array numpy reads: the memory is copied as is.
    const auto matrix = [](const std::string &name, const MatrixF &m, bool vector) {
        NpzArray a;
        a.name = name;
        const auto n = std::size_t(m.cols());
        a.shape = vector ? std::vector<std::size_t>{n}
                         : std::vector<std::size_t>{n, std::size_t(m.rows())};
        a.data.assign(m.data(), m.data() + m.size());
        return a;
    };
    const bool labels = loss != LossKind::MeanSquaredError && data.trainY.rows() == 1;
    std::vector<NpzArray> arrays{
        matrix("x_train", data.trainX, false), matrix("y_train", data.trainY, labels),
        matrix("x_test", data.testX, false), matrix("y_test", data.testY, labels)};
    if (data.hasValidation()) {
        arrays.push_back(matrix("x_val", data.valX, false));
        arrays.push_back(matrix("y_val", data.valY, labels));
    }
    return arrays;
}

std::string exportCode(const ExperimentSpec &spec, CodeFramework framework,
                       const CodeExportOptions &options) {
    if (spec.model.hasSpatialLayers()) {
        if (!options.inputShape.image) {
            throw InputError({}, "dataset.source",
                             "the network has conv2d, max_pool2d or flatten layers: export-code "
                             "needs an image data set (height x width x channels), got "
                                 + options.inputShape.text() + " features");
        }
        spec.model.inferShapes(options.inputShape); // throws when the network does not fit
    }
    switch (framework) {
    case CodeFramework::Keras:
        return codegen::kerasScript(spec, options);
    case CodeFramework::PyTorch:
        return codegen::pytorchScript(spec, options);
    case CodeFramework::Tf1:
        return codegen::tf1Script(spec, options);
    }
    return {};
}

} // namespace reglab
