// SPDX-License-Identifier: GPL-3.0-or-later
// exportCode: an experiment as a Keras, PyTorch or TF1-style Python script. The script is
// assembled from the parts every framework shares (header, data loading, the evaluation in
// float64 numpy, the report line) and the framework's own network, loss, penalty,
// optimizer and training loop.

#include "core/export/code_export.h"
#include "core/text.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace reglab {

namespace {

using Lines = std::string;

void add(Lines &out, const std::string &line = {}) {
    out += line;
    out += '\n';
}

/// Free text for a `#` comment: control characters (line breaks) become spaces.
std::string commentText(const std::string &text) {
    std::string out;
    out.reserve(text.size());
    for (char ch : text)
        out += (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ? ' ' : ch;
    return out;
}

/// A Python string literal (double quotes; backslash, quote and control characters escaped).
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

/// The layer's name as a Python string literal (names are [A-Za-z0-9_-], but be safe).
std::string key(const LayerSpec &layer) {
    return pythonString(layer.name);
}

/// A regularizer that adds something (nullopt and {0, 0} add nothing).
bool active(const std::optional<RegularizerSpec> &reg) {
    return reg && !reg->isZero();
}

bool anyPenalty(const ExperimentSpec &spec) {
    for (const LayerSpec &l : spec.model.layers) {
        if (active(l.kernelRegularizer) || (l.useBias && active(l.biasRegularizer)))
            return true;
    }
    return false;
}

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

/// One tensor's penalty in `fw`'s own spelling, `w` standing for the tensor.
std::string penaltyExpression(const RegularizerSpec &reg, L2Convention convention,
                              CodeFramework fw) {
    const double l2 = frameworkL2Scale(reg.l2, convention, fw);
    switch (fw) {
    case CodeFramework::Keras:
        return "keras.regularizers.l1_l2(l1=" + pythonFloat(reg.l1) + ", l2=" + pythonFloat(l2)
               + ")";
    case CodeFramework::PyTorch: {
        std::string e;
        if (reg.l1 != 0.0)
            e = pythonFloat(reg.l1) + " * w.abs().sum()";
        if (reg.l2 != 0.0)
            e += (e.empty() ? "" : " + ") + pythonFloat(l2) + " * w.pow(2).sum()";
        return e;
    }
    case CodeFramework::Tf1: {
        std::string e;
        if (reg.l1 != 0.0)
            e = pythonFloat(reg.l1) + " * tf.reduce_sum(tf.abs(w))";
        if (reg.l2 != 0.0)
            e += (e.empty() ? "" : " + ") + pythonFloat(l2) + " * tf.nn.l2_loss(w)";
        return e;
    }
    }
    return {};
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

// --- header -------------------------------------------------------------------------------

void header(Lines &out, const ExperimentSpec &spec, CodeFramework fw,
            const CodeExportOptions &options) {
    const int epochs = options.epochs.value_or(spec.training.epochs);
    const bool tf1Convention = spec.l2Convention == L2Convention::Tf1;
    const std::string fwName = fw == CodeFramework::Keras     ? "Keras (tf.keras)"
                               : fw == CodeFramework::PyTorch ? "PyTorch"
                                                              : "TF1-style (tf.compat.v1)";
    add(out, "#!/usr/bin/env python3");
    add(out, "# " + codeFileName(fw) + ": the RegLab experiment \"" + commentText(spec.name)
                 + "\" as a " + fwName + " script.");
    if (!spec.description.empty())
        add(out, "# " + commentText(spec.description));
    add(out,
        "# Generated by RegLab (reglab-cli export-code). It trains the objective RegLab trains:");
    add(out, std::string("#   loss       = data loss")
                 + (spec.training.penaltyInLoss ? " + the penalty terms of every layer"
                                                : " (the penalty is NOT in the loss, see below)"));
    add(out, "#   data loss  = " + lossDescription(spec.loss));
    add(out, "#   optimizer  = " + optimizerDescription(spec.optimizer));
    add(out, "#   training   = batches of " + std::to_string(spec.training.batchSize) + ", "
                 + std::to_string(epochs) + " epochs, "
                 + (spec.training.shuffle ? "shuffled every epoch (seed " : "in order (seed ")
                 + std::to_string(spec.seed) + ")");
    add(out, "#");
    add(out, std::string("# Penalties. The experiment uses the ")
                 + (tf1Convention ? "tf1" : "keras") + " L2 convention: an L2 scale b means");
    if (tf1Convention)
        add(out,
            "# b * sum(w^2) / 2 (tf.contrib.layers.l2_regularizer(b) = b * tf.nn.l2_loss(w)).");
    else
        add(out, "# b * sum(w^2) (tf.keras.regularizers.l2(b)).");
    switch (fw) {
    case CodeFramework::Keras:
        add(out, "# keras.regularizers.l2(b') is b' * sum(w^2), so b' = b "
                 "under the keras convention and");
        add(out, "# b' = b / 2 under the tf1 convention (tf1 1e-4 is Keras l2(5e-05)).");
        break;
    case CodeFramework::PyTorch:
        add(out, "# PyTorch has no regularizer objects: the penalty is written into the loss as");
        add(out, "#     a * w.abs().sum() + b' * w.pow(2).sum()");
        add(out, "# with b' = b under the keras convention, b' = b / 2 under the tf1 convention.");
        add(out, "# (SGD's and Adam's weight_decay=d adds d * w to the gradient: the tf1 "
                 "convention, on every");
        add(out, "# parameter at once, so per-layer penalties are written out instead.)");
        break;
    case CodeFramework::Tf1:
        add(out, "# TF1 writes the L2 term as s * tf.nn.l2_loss(w) = s * sum(w^2) / 2, so s = b "
                 "under the");
        add(out, "# tf1 convention and s = 2 b under the keras convention.");
        break;
    }
    add(out, "# The L1 scale a is the same in every framework: a * sum(|w|).");
    bool any = false;
    for (const LayerSpec &l : spec.model.layers) {
        const std::pair<std::string, const std::optional<RegularizerSpec> *> tensors[] = {
            {"kernel", &l.kernelRegularizer}, {"bias", &l.biasRegularizer}};
        for (const auto &[tensor, reg] : tensors) {
            if (!active(*reg) || (tensor == "bias" && !l.useBias))
                continue;
            any = true;
            add(out, "#   " + l.name + "." + tensor + ": l1 " + pythonFloat((*reg)->l1) + ", l2 "
                         + pythonFloat((*reg)->l2) + " (" + std::string(toString(spec.l2Convention))
                         + ") -> " + penaltyExpression(**reg, spec.l2Convention, fw));
        }
    }
    if (!any)
        add(out, "#   (no layer has a penalty)");
    if (!spec.training.penaltyInLoss) {
        add(out, "# training.penalty_in_loss is false: the penalty is computed and reported "
                 "(reg_loss) but");
        add(out, "# neither added to the loss nor to the gradients, like a TF1 script that "
                 "collects it in");
        add(out, "# REGULARIZATION_LOSSES and never adds tf.losses.get_regularization_loss().");
    }
    add(out, "#");
    add(out, "# Data: " + commentText(options.dataFile)
                 + " next to this script (x_train [n, features] float32, y_train, x_test, "
                   "y_test).");
    if (!options.initFile.empty()) {
        add(out, "# Initial weights: " + commentText(options.initFile)
                     + " next to this script, RegLab's initial weights (<layer>/kernel");
        add(out, "# [in, out], <layer>/bias), so training starts where RegLab's starts.");
    } else {
        add(out, "# Initial weights: drawn by the framework from RegLab's distributions "
                 "(other draws, so the");
        add(out, "# numbers differ from RegLab's run; export with --with-init to start from "
                 "the same weights).");
    }
    add(out, "# Output: one line per epoch (epoch 0 = before training), evaluated on the full "
             "train and");
    add(out, "# test sets with the weights after the epoch, as RegLab's metrics.csv:");
    add(out, "#   epoch E train_data_loss L test_data_loss L reg_loss R total_loss T "
             "train_accuracy A test_accuracy A");
    if (spec.task() == TaskKind::Regression)
        add(out, "# (accuracy is R^2 for this regression).");
    add(out);
}

// --- shared Python parts --------------------------------------------------------------------

void constants(Lines &out, const ExperimentSpec &spec, const CodeExportOptions &options) {
    add(out, "DATA_FILE = " + pythonString(options.dataFile));
    add(out, "INIT_FILE = "
                 + (options.initFile.empty() ? std::string("None") : pythonString(options.initFile))
                 + "  # None: the framework's own draws");
    add(out, "SEED = " + std::to_string(spec.seed));
    add(out, "EPOCHS = " + std::to_string(options.epochs.value_or(spec.training.epochs)));
    add(out, "BATCH_SIZE = " + std::to_string(spec.training.batchSize));
    add(out, "SHUFFLE = " + pythonBool(spec.training.shuffle));
    add(out, "PENALTY_IN_LOSS = " + pythonBool(spec.training.penaltyInLoss));
    add(out);
}

void loadData(Lines &out, const ExperimentSpec &spec, const CodeExportOptions &options) {
    add(out, "HERE = os.path.dirname(os.path.abspath(__file__))");
    add(out);
    add(out);
    add(out, "def prepare_targets(y):");
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        add(out, "    \"\"\"Class indices [n] as int64.\"\"\"");
        add(out, "    return y.reshape(-1).astype(np.int64)");
        break;
    case LossKind::SigmoidCrossEntropy:
        add(out, "    \"\"\"Labels 0/1 as float32 [n, 1] (one logit per sample).\"\"\"");
        add(out, "    return y.reshape(-1, 1).astype(np.float32)");
        break;
    case LossKind::MeanSquaredError:
        add(out, "    \"\"\"Targets as float32 [n, k].\"\"\"");
        add(out, "    return y.reshape(len(y), -1).astype(np.float32)");
        break;
    }
    add(out);
    add(out);
    add(out, "data = np.load(os.path.join(HERE, DATA_FILE))");
    add(out, "x_train = data[\"x_train\"].astype(np.float32)");
    add(out, "x_test = data[\"x_test\"].astype(np.float32)");
    add(out, "y_train = prepare_targets(data[\"y_train\"])");
    add(out, "y_test = prepare_targets(data[\"y_test\"])");
    if (options.inputDim > 0) {
        add(out, "N_FEATURES = " + std::to_string(options.inputDim));
        add(out, "assert x_train.shape[1] == N_FEATURES, \"the data does not fit the network\"");
    } else {
        add(out, "N_FEATURES = x_train.shape[1]");
    }
    add(out, "init = np.load(os.path.join(HERE, INIT_FILE)) if INIT_FILE is not None else None");
    add(out);
    add(out);
}

void evaluation(Lines &out, const ExperimentSpec &spec) {
    add(out, "def data_loss_and_score(z, y):");
    add(out, "    \"\"\"Mean data loss and accuracy (R^2 for mse) of the outputs z [n, k] against "
             "y,");
    add(out, "    in float64 as RegLab computes them.\"\"\"");
    add(out, "    if len(z) == 0:");
    add(out, "        return float(\"nan\"), float(\"nan\")");
    add(out, "    z = z.astype(np.float64)");
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        add(out, "    # logsumexp(z) - z[label]; correct when argmax(z) == label");
        add(out, "    m = z.max(axis=1, keepdims=True)");
        add(out, "    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))");
        add(out, "    loss = np.mean(lse - z[np.arange(len(y)), y])");
        add(out, "    accuracy = np.mean(np.argmax(z, axis=1) == y)");
        break;
    case LossKind::SigmoidCrossEntropy:
        add(out, "    # max(z, 0) - z t + log(1 + exp(-|z|)); correct when (z > 0) == label");
        add(out, "    z = z[:, 0]");
        add(out, "    t = y[:, 0].astype(np.float64)");
        add(out, "    loss = np.mean(np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z))))");
        add(out, "    accuracy = np.mean((z > 0.0) == (t > 0.5))");
        break;
    case LossKind::MeanSquaredError:
        add(out, "    # mean of (z - t)^2 over every element; R^2 = 1 - SS_res / SS_tot");
        add(out, "    t = y.astype(np.float64)");
        add(out, "    ss_res = np.square(z - t).sum()");
        add(out, "    loss = ss_res / z.size");
        add(out, "    ss_tot = np.square(t - t.mean(axis=0)).sum()");
        add(out, "    accuracy = 1.0 - ss_res / ss_tot if ss_tot > 0 else float(\"nan\")");
        break;
    }
    add(out, "    return float(loss), float(accuracy)");
    add(out);
    add(out);
    add(out, "def print_epoch(epoch, z_train, z_test, reg_loss):");
    add(out, "    \"\"\"One parseable line: the full-set metrics after `epoch` epochs.\"\"\"");
    add(out, "    train_loss, train_accuracy = data_loss_and_score(z_train, y_train)");
    add(out, "    test_loss, test_accuracy = data_loss_and_score(z_test, y_test)");
    add(out, "    reg_loss = float(reg_loss)");
    add(out, "    total_loss = train_loss + reg_loss if PENALTY_IN_LOSS else train_loss");
    add(out, "    print(f\"epoch {epoch} train_data_loss {train_loss!r} test_data_loss "
             "{test_loss!r} \"");
    add(out, "          f\"reg_loss {reg_loss!r} total_loss {total_loss!r} \"");
    add(out, "          f\"train_accuracy {train_accuracy!r} test_accuracy {test_accuracy!r}\", "
             "flush=True)");
    add(out);
    add(out);
}

/// `def penalty_report(weights)`: every layer's penalty summed in float64 numpy, from a
/// dict layer name -> [kernel [in, out], bias] (Keras, TF1).
void numpyPenaltyReport(Lines &out, const ExperimentSpec &spec, CodeFramework fw) {
    add(out, "def penalty_report(weights):");
    add(out, "    \"\"\"Every layer's penalty terms summed in float64 (RegLab's reg_loss); "
             "`weights` maps a");
    add(out, "    layer name to [kernel, bias].\"\"\"");
    add(out, "    reg = 0.0");
    for (const LayerSpec &l : spec.model.layers) {
        if (active(l.kernelRegularizer)) {
            add(out, "    k = weights[" + key(l) + "][0].astype(np.float64)");
            add(out,
                "    reg += "
                    + numpyPenaltyExpression(*l.kernelRegularizer, spec.l2Convention, fw, "k"));
        }
        if (l.useBias && active(l.biasRegularizer)) {
            add(out, "    b = weights[" + key(l) + "][1].astype(np.float64)");
            add(out, "    reg += "
                         + numpyPenaltyExpression(*l.biasRegularizer, spec.l2Convention, fw, "b"));
        }
    }
    add(out, "    return reg");
    add(out);
    add(out);
}

std::string heNormalStd(const std::string &fanIn) {
    // Keras's variance_scaling(2, fan_in, truncated_normal): truncated at 2 stddev, divided
    // by the stddev of the unit normal truncated there so the draw keeps stddev sqrt(2/in).
    return "math.sqrt(2.0 / " + fanIn + ") / 0.87962566103423978";
}

std::string inputsOf(const ExperimentSpec &spec, std::size_t i) {
    return i == 0 ? std::string("N_FEATURES") : std::to_string(spec.model.layers[i - 1].units);
}

// --- PyTorch ------------------------------------------------------------------------------

void pytorchScript(Lines &out, const ExperimentSpec &spec, const CodeExportOptions &options) {
    add(out, "import math");
    add(out, "import os");
    add(out, "import sys");
    add(out);
    add(out, "import numpy as np");
    add(out, "import torch");
    add(out);
    constants(out, spec, options);
    loadData(out, spec, options);
    evaluation(out, spec);

    add(out, "torch.manual_seed(SEED)");
    add(out);
    add(out, "# The network. nn.Linear keeps weight [out, in], the transpose of the kernel "
             "[in, out] that");
    add(out, "# RegLab and Keras store; y = x weight^T + bias.");
    add(out, "layers = torch.nn.ModuleDict()");
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        add(out, "layers[" + key(l) + "] = torch.nn.Linear(" + inputsOf(spec, i) + ", "
                     + std::to_string(l.units) + (l.useBias ? "" : ", bias=False") + ")  # "
                     + std::string(toString(l.activation)));
    }
    add(out);
    add(out, "with torch.no_grad():");
    add(out, "    if init is not None:  # RegLab's initial weights");
    for (const LayerSpec &l : spec.model.layers) {
        add(out, "        layers[" + key(l)
                     + "].weight.copy_(torch.from_numpy(np.ascontiguousarray(" + "init[\"" + l.name
                     + "/kernel\"].T)))");
        if (l.useBias)
            add(out, "        layers[" + key(l) + "].bias.copy_(torch.from_numpy(init[\"" + l.name
                         + "/bias\"]))");
    }
    add(out, "    else:  # RegLab's distributions (Keras's initializers), biases 0");
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        const std::string w = "layers[" + key(l) + "].weight";
        switch (l.kernelInitializer) {
        case Initializer::GlorotUniform:
            add(out, "        torch.nn.init.xavier_uniform_(" + w + ")  # glorot_uniform");
            break;
        case Initializer::HeNormal:
            add(out, "        std = " + heNormalStd(inputsOf(spec, i)) + "  # he_normal");
            add(out, "        torch.nn.init.trunc_normal_(" + w
                         + ", std=std, a=-2.0 * std, b=2.0 * std)");
            break;
        case Initializer::Zeros:
            add(out, "        torch.nn.init.zeros_(" + w + ")");
            break;
        }
        if (l.useBias)
            add(out, "        torch.nn.init.zeros_(layers[" + key(l) + "].bias)");
    }
    add(out);
    add(out);
    add(out, "def forward(x):");
    for (const LayerSpec &l : spec.model.layers) {
        const std::string lin = "layers[" + key(l) + "](x)";
        switch (l.activation) {
        case Activation::Linear:
            add(out, "    x = " + lin);
            break;
        case Activation::Relu:
            add(out, "    x = torch.relu(" + lin + ")");
            break;
        case Activation::Tanh:
            add(out, "    x = torch.tanh(" + lin + ")");
            break;
        case Activation::Sigmoid:
            add(out, "    x = torch.sigmoid(" + lin + ")");
            break;
        }
    }
    add(out, "    return x");
    add(out);
    add(out);

    add(out, "def penalty(dtype=torch.float32):");
    add(out, "    \"\"\"Every layer's penalty terms summed (RegLab's reg_loss). L2 terms are b' * "
             "sum(w^2),");
    add(out,
        std::string("    b' = ")
            + (spec.l2Convention == L2Convention::Tf1 ? "b / 2 (the experiment's tf1 convention)."
                                                      : "b (the experiment's keras convention).")
            + "\"\"\"");
    add(out, "    reg = torch.zeros((), dtype=dtype)");
    for (const LayerSpec &l : spec.model.layers) {
        if (active(l.kernelRegularizer)) {
            add(out, "    w = layers[" + key(l) + "].weight.to(dtype)");
            add(out, "    reg = reg + "
                         + penaltyExpression(*l.kernelRegularizer, spec.l2Convention,
                                             CodeFramework::PyTorch));
        }
        if (l.useBias && active(l.biasRegularizer)) {
            add(out, "    w = layers[" + key(l) + "].bias.to(dtype)");
            add(out, "    reg = reg + "
                         + penaltyExpression(*l.biasRegularizer, spec.l2Convention,
                                             CodeFramework::PyTorch));
        }
    }
    add(out, "    return reg");
    add(out);
    add(out);

    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        add(out, "data_loss_fn = torch.nn.CrossEntropyLoss()  # softmax cross-entropy, mean");
        break;
    case LossKind::SigmoidCrossEntropy:
        add(out, "data_loss_fn = torch.nn.BCEWithLogitsLoss()  # sigmoid cross-entropy, mean");
        break;
    case LossKind::MeanSquaredError:
        add(out, "data_loss_fn = torch.nn.MSELoss(reduction=\"mean\")  # mean over every element");
        break;
    }
    const OptimizerSpec &o = spec.optimizer;
    switch (o.type) {
    case OptimizerKind::Sgd:
        add(out, "optimizer = torch.optim.SGD(layers.parameters(), lr="
                     + pythonFloat(o.learningRate) + ", momentum=" + pythonFloat(o.momentum)
                     + ", nesterov=" + pythonBool(o.nesterov) + ")");
        break;
    case OptimizerKind::Adam:
        add(out, "optimizer = torch.optim.Adam(layers.parameters(), lr="
                     + pythonFloat(o.learningRate) + ", betas=(" + pythonFloat(o.beta1) + ", "
                     + pythonFloat(o.beta2) + "), eps=" + pythonFloat(o.epsilon) + ")");
        break;
    case OptimizerKind::AdamW:
        add(out, "# Decoupled decay on every parameter, biases included, as RegLab's adamw.");
        add(out, "optimizer = torch.optim.AdamW(layers.parameters(), lr="
                     + pythonFloat(o.learningRate) + ", betas=(" + pythonFloat(o.beta1) + ", "
                     + pythonFloat(o.beta2) + "), eps=" + pythonFloat(o.epsilon)
                     + ", weight_decay=" + pythonFloat(o.weightDecay) + ")");
        break;
    }
    add(out);
    add(out);
    add(out, "def outputs(x):");
    add(out, "    with torch.no_grad():");
    add(out, "        return forward(torch.from_numpy(x)).double().numpy()");
    add(out);
    add(out);
    add(out, "def report(epoch):");
    add(out, "    with torch.no_grad():");
    add(out, "        reg = penalty(torch.float64).item()");
    add(out, "    print_epoch(epoch, outputs(x_train), outputs(x_test), reg)");
    add(out);
    add(out);
    add(out, "x_train_t = torch.from_numpy(x_train)");
    add(out, "y_train_t = torch.from_numpy(y_train)");
    add(out, "generator = torch.Generator().manual_seed(SEED)");
    add(out, "n = len(x_train)");
    add(out, "report(0)");
    add(out, "for epoch in range(1, EPOCHS + 1):");
    add(out, "    order = torch.randperm(n, generator=generator) if SHUFFLE else torch.arange(n)");
    add(out, "    for start in range(0, n, BATCH_SIZE):");
    add(out, "        batch = order[start:start + BATCH_SIZE]");
    add(out, "        data_loss = data_loss_fn(forward(x_train_t[batch]), y_train_t[batch])");
    add(out, "        if not math.isfinite(data_loss.item()):");
    add(out, "            print(f\"diverged in epoch {epoch}: the training loss is "
             "{data_loss.item()}\", file=sys.stderr)");
    add(out, "            sys.exit(3)");
    if (spec.training.penaltyInLoss) {
        add(out, "        loss = data_loss + penalty()");
    } else {
        add(out, "        # penalty_in_loss is false: the penalty is reported, not trained on.");
        add(out, "        loss = data_loss");
    }
    add(out, "        optimizer.zero_grad()");
    add(out, "        loss.backward()");
    add(out, "        optimizer.step()");
    add(out, "    report(epoch)");
}

// --- Keras --------------------------------------------------------------------------------

void adamEpsilonNote(Lines &out, const OptimizerSpec &o, const char *who) {
    if (o.type == OptimizerKind::Sgd)
        return;
    add(out, std::string("# ") + who
                 + "'s Adam adds epsilon to sqrt(v) before the bias correction (Kingma & Ba's");
    add(out, "# \"epsilon hat\"); RegLab and PyTorch add it to sqrt(v-hat). The step is RegLab's "
             "with epsilon");
    add(out, "# replaced by epsilon / sqrt(1 - beta2^t): different only while gradients are "
             "about as small");
    add(out, "# as epsilon.");
}

void kerasScript(Lines &out, const ExperimentSpec &spec, const CodeExportOptions &options) {
    add(out, "import os");
    add(out);
    add(out, "os.environ.setdefault(\"TF_CPP_MIN_LOG_LEVEL\", \"2\")");
    add(out);
    add(out, "import numpy as np  # noqa: E402");
    add(out, "from tensorflow import keras  # noqa: E402");
    add(out);
    constants(out, spec, options);
    loadData(out, spec, options);
    evaluation(out, spec);
    numpyPenaltyReport(out, spec, CodeFramework::Keras);

    add(out, "keras.utils.set_random_seed(SEED)");
    add(out);
    if (!spec.training.penaltyInLoss && anyPenalty(spec)) {
        add(out, "# training.penalty_in_loss is false. Keras adds every kernel_regularizer / "
                 "bias_regularizer");
        add(out, "# to the loss it trains on, so the regularizers are left off the layers; "
                 "these are the");
        add(out, "# penalties RegLab reports (penalty_report below computes them):");
        for (const LayerSpec &l : spec.model.layers) {
            if (active(l.kernelRegularizer))
                add(out, "#   " + l.name + " kernel_regularizer="
                             + penaltyExpression(*l.kernelRegularizer, spec.l2Convention,
                                                 CodeFramework::Keras));
            if (l.useBias && active(l.biasRegularizer))
                add(out, "#   " + l.name + " bias_regularizer="
                             + penaltyExpression(*l.biasRegularizer, spec.l2Convention,
                                                 CodeFramework::Keras));
        }
    }
    const auto regularizer = [&](const std::optional<RegularizerSpec> &reg) {
        if (!active(reg) || !spec.training.penaltyInLoss)
            return std::string("None");
        return penaltyExpression(*reg, spec.l2Convention, CodeFramework::Keras);
    };
    add(out, "inputs = keras.Input(shape=(N_FEATURES,), name=\"inputs\")");
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        const bool last = i + 1 == spec.model.layers.size();
        add(out, std::string(last ? "outputs" : "x") + " = keras.layers.Dense(");
        add(out, "    " + std::to_string(l.units) + ",");
        add(out, "    activation=\"" + std::string(toString(l.activation)) + "\",");
        add(out, "    use_bias=" + pythonBool(l.useBias) + ",");
        add(out, "    kernel_initializer=\"" + std::string(toString(l.kernelInitializer)) + "\",");
        add(out, "    kernel_regularizer=" + regularizer(l.kernelRegularizer) + ",");
        if (l.useBias)
            add(out, "    bias_regularizer=" + regularizer(l.biasRegularizer) + ",");
        add(out, "    name=" + key(l) + ",");
        add(out, std::string(")(") + (i == 0 ? "inputs" : "x") + ")");
    }
    add(out, "model = keras.Model(inputs, outputs)");
    std::string names;
    for (const LayerSpec &l : spec.model.layers)
        names += (names.empty() ? "" : ", ") + key(l);
    add(out, "LAYER_NAMES = [" + names + "]");
    add(out);
    add(out, "if init is not None:  # RegLab's initial weights (kernel [in, out] as Keras)");
    for (const LayerSpec &l : spec.model.layers) {
        add(out, "    model.get_layer(" + key(l) + ").set_weights([init[\"" + l.name + "/kernel\"]"
                     + (l.useBias ? ", init[\"" + l.name + "/bias\"]" : std::string()) + "])");
    }
    add(out);

    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        add(out, "data_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)");
        break;
    case LossKind::SigmoidCrossEntropy:
        add(out, "data_loss = keras.losses.BinaryCrossentropy(from_logits=True)");
        break;
    case LossKind::MeanSquaredError:
        add(out, "data_loss = keras.losses.MeanSquaredError()  # mean over every element");
        break;
    }
    const OptimizerSpec &o = spec.optimizer;
    switch (o.type) {
    case OptimizerKind::Sgd:
        add(out, "# Keras keeps the velocity as -lr v: the same steps as RegLab's (PyTorch's) "
                 "form while the");
        add(out, "# learning rate is constant.");
        add(out, "optimizer = keras.optimizers.SGD(learning_rate=" + pythonFloat(o.learningRate)
                     + ", momentum=" + pythonFloat(o.momentum)
                     + ", nesterov=" + pythonBool(o.nesterov) + ")");
        break;
    case OptimizerKind::Adam:
        adamEpsilonNote(out, o, "Keras");
        add(out, "optimizer = keras.optimizers.Adam(learning_rate=" + pythonFloat(o.learningRate)
                     + ", beta_1=" + pythonFloat(o.beta1) + ", beta_2=" + pythonFloat(o.beta2)
                     + ", epsilon=" + pythonFloat(o.epsilon) + ")");
        break;
    case OptimizerKind::AdamW:
        adamEpsilonNote(out, o, "Keras");
        add(out, "# Decoupled decay w -= lr * weight_decay * w on every variable, biases "
                 "included (TF >= 2.11).");
        add(out, "optimizer = keras.optimizers.AdamW(learning_rate=" + pythonFloat(o.learningRate)
                     + ", weight_decay=" + pythonFloat(o.weightDecay)
                     + ", beta_1=" + pythonFloat(o.beta1) + ", beta_2=" + pythonFloat(o.beta2)
                     + ", epsilon=" + pythonFloat(o.epsilon) + ")");
        break;
    }
    add(out, "model.compile(optimizer=optimizer, loss=data_loss)");
    add(out);
    add(out);
    add(out, "def report(epoch):");
    add(out, "    weights = {name: model.get_layer(name).get_weights() for name in LAYER_NAMES}");
    add(out, "    print_epoch(epoch,");
    add(out, "                model.predict(x_train, batch_size=4096, verbose=0),");
    add(out, "                model.predict(x_test, batch_size=4096, verbose=0),");
    add(out, "                penalty_report(weights))");
    add(out);
    add(out);
    add(out, "class EpochReport(keras.callbacks.Callback):");
    add(out, "    def on_epoch_end(self, epoch, logs=None):");
    add(out, "        report(epoch + 1)");
    add(out);
    add(out);
    add(out, "report(0)");
    add(out, "# Keras's fit loss: the batch mean of the data loss + sum(model.losses) (the "
             "penalties).");
    add(out, "model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=SHUFFLE,");
    add(out, "          verbose=0, callbacks=[EpochReport(), keras.callbacks.TerminateOnNaN()])");
}

// --- TF1 ----------------------------------------------------------------------------------

void tf1Script(Lines &out, const ExperimentSpec &spec, const CodeExportOptions &options) {
    add(out, "import math");
    add(out, "import os");
    add(out, "import sys");
    add(out);
    add(out, "os.environ.setdefault(\"TF_CPP_MIN_LOG_LEVEL\", \"2\")");
    add(out);
    add(out, "import numpy as np  # noqa: E402");
    add(out, "import tensorflow as tf  # noqa: E402");
    add(out);
    add(out, "tf1 = tf.compat.v1");
    add(out, "tf1.disable_eager_execution()  # TF1 graph mode");
    add(out);
    constants(out, spec, options);
    loadData(out, spec, options);
    evaluation(out, spec);
    numpyPenaltyReport(out, spec, CodeFramework::Tf1);

    add(out, "tf1.set_random_seed(SEED)");
    add(out);
    add(out);
    add(out, "def initializer(name, default):");
    add(out, "    \"\"\"RegLab's initial weights when INIT_FILE is given, else `default`.\"\"\"");
    add(out, "    return tf1.constant_initializer(init[name]) if init is not None else default");
    add(out);
    add(out);
    add(out, "def dense(x, name, n_in, units, activation, kernel_init, use_bias,");
    add(out, "          kernel_regularizer, bias_regularizer):");
    add(out, "    \"\"\"activation(x kernel + bias), kernel [in, out]; returns it and [kernel, "
             "bias].");
    add(out, "    get_variable puts regularizer(w) into the REGULARIZATION_LOSSES collection (and "
             "nowhere");
    add(out, "    else).\"\"\"");
    add(out, "    with tf1.variable_scope(name):");
    add(out, "        kernel = tf1.get_variable(\"kernel\", [n_in, units], "
             "initializer=initializer(name + \"/kernel\", kernel_init),");
    add(out, "                                  regularizer=kernel_regularizer)");
    add(out, "        variables = [kernel]");
    add(out, "        z = tf.matmul(x, kernel)");
    add(out, "        if use_bias:");
    add(out, "            bias = tf1.get_variable(\"bias\", [units], "
             "initializer=initializer(name + \"/bias\", tf1.zeros_initializer()),");
    add(out, "                                    regularizer=bias_regularizer)");
    add(out, "            variables.append(bias)");
    add(out, "            z = z + bias");
    add(out, "    return (activation(z) if activation is not None else z), variables");
    add(out);
    add(out);
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        add(out, "x = tf1.placeholder(tf.float32, [None, N_FEATURES], name=\"x\")");
        add(out, "y = tf1.placeholder(tf.int64, [None], name=\"y\")");
        break;
    case LossKind::SigmoidCrossEntropy:
        add(out, "x = tf1.placeholder(tf.float32, [None, N_FEATURES], name=\"x\")");
        add(out, "y = tf1.placeholder(tf.float32, [None, 1], name=\"y\")");
        break;
    case LossKind::MeanSquaredError:
        add(out, "x = tf1.placeholder(tf.float32, [None, N_FEATURES], name=\"x\")");
        add(out, "y = tf1.placeholder(tf.float32, [None, y_train.shape[1]], name=\"y\")");
        break;
    }
    add(out);
    add(out, "# Penalties, TF1 style: s * tf.nn.l2_loss(w) = s * sum(w^2) / 2. In TF 1.x the "
             "same is");
    add(out, "# tf.contrib.layers.l2_regularizer(s) (l1_l2_regularizer(scale_l1, scale_l2) with "
             "an L1 term).");
    const auto regularizerName = [&](const LayerSpec &l, const char *tensor,
                                     const std::optional<RegularizerSpec> &reg) {
        if (!active(reg))
            return std::string("None");
        std::string var;
        for (char ch : l.name)
            var += (std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
        var = "reg_" + var + "_" + tensor;
        const std::string contrib =
            reg->l1 != 0.0 ? "tf.contrib.layers.l1_l2_regularizer(scale_l1=" + pythonFloat(reg->l1)
                                 + ", scale_l2="
                                 + pythonFloat(frameworkL2Scale(reg->l2, spec.l2Convention,
                                                                CodeFramework::Tf1))
                                 + ")"
                           : "tf.contrib.layers.l2_regularizer("
                                 + pythonFloat(frameworkL2Scale(reg->l2, spec.l2Convention,
                                                                CodeFramework::Tf1))
                                 + ")";
        add(out, "# " + l.name + "." + tensor + " in TF 1.x: " + contrib);
        add(out,
            var + " = lambda w: " + penaltyExpression(*reg, spec.l2Convention, CodeFramework::Tf1)
                + "  # noqa: E731");
        return var;
    };
    add(out, "h = x");
    add(out, "weights = {}  # layer name -> [kernel, bias]");
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        std::string act = "None";
        switch (l.activation) {
        case Activation::Linear:
            break;
        case Activation::Relu:
            act = "tf.nn.relu";
            break;
        case Activation::Tanh:
            act = "tf.tanh";
            break;
        case Activation::Sigmoid:
            act = "tf.sigmoid";
            break;
        }
        std::string init;
        switch (l.kernelInitializer) {
        case Initializer::GlorotUniform:
            init = "tf1.glorot_uniform_initializer()";
            break;
        case Initializer::HeNormal:
            init = "tf1.variance_scaling_initializer(2.0, \"fan_in\", \"truncated_normal\")";
            break;
        case Initializer::Zeros:
            init = "tf1.zeros_initializer()";
            break;
        }
        // The layer's regularizers right before it (TF1 code defines them as lambdas).
        add(out);
        const std::string kernelReg = regularizerName(l, "kernel", l.kernelRegularizer);
        const std::string biasReg =
            l.useBias ? regularizerName(l, "bias", l.biasRegularizer) : std::string("None");
        const std::string call = "h, weights[" + key(l) + "] = dense(";
        const std::string indent(call.size(), ' ');
        add(out, call + "h, " + key(l) + ", " + inputsOf(spec, i) + ", " + std::to_string(l.units)
                     + ", " + act + ",  # " + std::string(toString(l.activation)));
        add(out, indent + init + ", " + pythonBool(l.useBias) + ",");
        add(out, indent + kernelReg + ", " + biasReg + ")");
    }
    add(out, "logits = h");
    add(out);
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        add(out, "data_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits("
                 "labels=y, logits=logits))");
        break;
    case LossKind::SigmoidCrossEntropy:
        add(out, "data_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, "
                 "logits=logits))");
        break;
    case LossKind::MeanSquaredError:
        add(out, "data_loss = tf.reduce_mean(tf.square(logits - y))  # mean over every element");
        break;
    }
    add(out, "# Every regularizer result sits in REGULARIZATION_LOSSES; it is only trained on "
             "when added:");
    add(out, "reg_loss = tf1.losses.get_regularization_loss()");
    if (spec.training.penaltyInLoss) {
        add(out, "loss = data_loss + reg_loss");
    } else {
        add(out, "# training.penalty_in_loss is false: the classic TF1 mistake on purpose. The "
                 "penalty is");
        add(out, "# collected (and reported) but never added: loss = data_loss + reg_loss would "
                 "train on it.");
        add(out, "loss = data_loss");
    }
    add(out);
    const OptimizerSpec &o = spec.optimizer;
    switch (o.type) {
    case OptimizerKind::Sgd:
        if (o.momentum == 0.0) {
            add(out, "optimizer = tf1.train.GradientDescentOptimizer(" + pythonFloat(o.learningRate)
                         + ")");
        } else {
            add(out, "# TF1's momentum: accum = mu accum + g; w -= lr accum (nesterov: w -= lr (g "
                     "+ mu accum)).");
            add(out, "optimizer = tf1.train.MomentumOptimizer(" + pythonFloat(o.learningRate)
                         + ", momentum=" + pythonFloat(o.momentum)
                         + ", use_nesterov=" + pythonBool(o.nesterov) + ")");
        }
        add(out, "train_op = optimizer.minimize(loss)");
        break;
    case OptimizerKind::Adam:
        adamEpsilonNote(out, o, "TF1");
        add(out, "optimizer = tf1.train.AdamOptimizer(" + pythonFloat(o.learningRate)
                     + ", beta1=" + pythonFloat(o.beta1) + ", beta2=" + pythonFloat(o.beta2)
                     + ", epsilon=" + pythonFloat(o.epsilon) + ")");
        add(out, "train_op = optimizer.minimize(loss)");
        break;
    case OptimizerKind::AdamW:
        adamEpsilonNote(out, o, "TF1");
        add(out, "# AdamW: decoupled decay w <- w - lr * weight_decay * w on every variable, "
                 "then the Adam step");
        add(out, "# with the gradient taken before the decay. In TF 1.x: "
                 "tf.contrib.opt.AdamWOptimizer(");
        add(out, "#     weight_decay=" + pythonFloat(o.learningRate * o.weightDecay)
                     + ", ...) (contrib's decay is not multiplied by the learning rate).");
        add(out, "optimizer = tf1.train.AdamOptimizer(" + pythonFloat(o.learningRate)
                     + ", beta1=" + pythonFloat(o.beta1) + ", beta2=" + pythonFloat(o.beta2)
                     + ", epsilon=" + pythonFloat(o.epsilon) + ")");
        add(out, "grads_and_vars = optimizer.compute_gradients(loss)");
        add(out, "with tf.control_dependencies([g for g, _ in grads_and_vars]):");
        add(out, "    decay = [v.assign(v * (1.0 - " + pythonFloat(o.learningRate) + " * "
                     + pythonFloat(o.weightDecay) + ")) for _, v in grads_and_vars]");
        add(out, "with tf.control_dependencies(decay):");
        add(out, "    train_op = optimizer.apply_gradients(grads_and_vars)");
        break;
    }
    add(out);
    add(out);
    add(out, "def report(sess, epoch):");
    add(out, "    print_epoch(epoch,");
    add(out, "                sess.run(logits, {x: x_train}),");
    add(out, "                sess.run(logits, {x: x_test}),");
    add(out, "                penalty_report(sess.run(weights)))");
    add(out);
    add(out);
    add(out, "with tf1.Session() as sess:");
    add(out, "    sess.run(tf1.global_variables_initializer())");
    add(out, "    rng = np.random.default_rng(SEED)");
    add(out, "    n = len(x_train)");
    add(out, "    report(sess, 0)");
    add(out, "    for epoch in range(1, EPOCHS + 1):");
    add(out, "        order = rng.permutation(n) if SHUFFLE else np.arange(n)");
    add(out, "        for start in range(0, n, BATCH_SIZE):");
    add(out, "            batch = order[start:start + BATCH_SIZE]");
    add(out, "            _, batch_loss = sess.run([train_op, data_loss],");
    add(out, "                                     {x: x_train[batch], y: y_train[batch]})");
    add(out, "            if not math.isfinite(batch_loss):");
    add(out, "                print(f\"diverged in epoch {epoch}: the training loss is "
             "{batch_loss}\", file=sys.stderr)");
    add(out, "                sys.exit(3)");
    add(out, "        report(sess, epoch)");
}

} // namespace

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
    return {matrix("x_train", data.trainX, false), matrix("y_train", data.trainY, labels),
            matrix("x_test", data.testX, false), matrix("y_test", data.testY, labels)};
}

std::string exportCode(const ExperimentSpec &spec, CodeFramework framework,
                       const CodeExportOptions &options) {
    Lines out;
    header(out, spec, framework, options);
    switch (framework) {
    case CodeFramework::Keras:
        kerasScript(out, spec, options);
        break;
    case CodeFramework::PyTorch:
        pytorchScript(out, spec, options);
        break;
    case CodeFramework::Tf1:
        tf1Script(out, spec, options);
        break;
    }
    return out;
}

} // namespace reglab
