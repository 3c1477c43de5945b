// SPDX-License-Identifier: GPL-3.0-or-later
// The PyTorch script (templates/pytorch.py.in): nn.Linear, nn.Conv2d and nn.MaxPool2d layers
// in a ModuleDict (NCHW), the penalty written into the loss, a hand-written training loop.

#include "core/export/code_export_internal.h"
#include "core/export/templates.h"

#include <algorithm>
#include <array>

namespace reglab::codegen {

namespace {

/// `x = F.pad(x, (left, right, top, bottom), value)` when `pad` ({top, bottom, left, right})
/// is not zero.
void addPad(std::string &out, const std::array<int, 4> &pad, const char *value) {
    if (pad == std::array<int, 4>{})
        return;
    add(out, "x = torch.nn.functional.pad(x, (" + std::to_string(pad[2]) + ", "
                 + std::to_string(pad[3]) + ", " + std::to_string(pad[0]) + ", "
                 + std::to_string(pad[1]) + ")" + value
                 + ")  # TF's \"same\": (left, right, top, bottom), the smaller half first");
}

/// Whether a conv layer's padding is one number per axis (Conv2d's own padding).
bool symmetric(const std::array<int, 4> &pad) {
    return pad[0] == pad[1] && pad[2] == pad[3];
}

/// `x = activation(layer(x))` for every layer, `x = layers[name](x)` for dropout and
/// max-pooling; the image reshape in front of a convolutional network and the channels-last
/// flatten.
std::string forward(const ExperimentSpec &spec, const std::vector<TensorShape> &shapes) {
    std::string out;
    if (!shapes.empty()) {
        const TensorShape &in = shapes.front();
        add(out, "# (row, column, channel) features -> [n, channels, height, width] (NCHW)");
        add(out, "x = x.reshape(-1, " + std::to_string(in.height) + ", " + std::to_string(in.width)
                     + ", " + std::to_string(in.channels) + ").permute(0, 3, 1, 2)");
    }
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        const std::string lin = "layers[" + key(l) + "](x)";
        if (l.isDropout()) {
            add(out, "x = " + lin
                         + "  # dropout: active after layers.train(), identity after "
                           "layers.eval()");
            continue;
        }
        if (l.isFlatten()) {
            add(out, "x = x.permute(0, 2, 3, 1).flatten(1)  # " + l.name
                         + ": channels last first, RegLab's (row, column, channel) order");
            continue;
        }
        if (l.isPool()) {
            addPad(out, windowPadding(l, shapes[i]), ", value=-math.inf");
            add(out, "x = " + lin);
            continue;
        }
        if (l.isConv()) {
            const auto pad = windowPadding(l, shapes[i]);
            if (!symmetric(pad))
                addPad(out, pad, "");
        }
        switch (l.activation) {
        case Activation::Linear:
            add(out, "x = " + lin);
            break;
        case Activation::Relu:
            add(out, "x = torch.relu(" + lin + ")");
            break;
        case Activation::Tanh:
            add(out, "x = torch.tanh(" + lin + ")");
            break;
        case Activation::Sigmoid:
            add(out, "x = torch.sigmoid(" + lin + ")");
            break;
        case Activation::Elu:
            add(out, "x = torch.nn.functional.elu(" + lin + ")  # alpha 1, as torch.nn.ELU()");
            break;
        }
    }
    return out;
}

/// RegLab's distributions (Keras's initializers) for each weight, zeros for the biases.
std::string drawnInit(const ExperimentSpec &spec, const std::vector<TensorShape> &shapes) {
    std::string out;
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        if (!l.hasWeights())
            continue;
        // Fans as Keras's: a conv kernel's fan-in is kh kw in (torch's for Conv2d too).
        const std::string fanIn =
            l.isConv() ? std::to_string(l.kernelSize[0] * l.kernelSize[1] * shapes[i].channels)
                       : inputsOf(spec, shapes, i);
        const std::string w = "layers[" + key(l) + "].weight";
        switch (l.kernelInitializer) {
        case Initializer::GlorotUniform:
            add(out, "torch.nn.init.xavier_uniform_(" + w + ")  # glorot_uniform");
            break;
        case Initializer::HeNormal:
            // Keras's variance_scaling(2, fan_in, truncated_normal): truncated at 2 stddev,
            // divided by the stddev of the unit normal truncated there so the draw keeps
            // stddev sqrt(2/in).
            add(out, "std = math.sqrt(2.0 / " + fanIn + ") / 0.87962566103423978  # he_normal");
            add(out, "torch.nn.init.trunc_normal_(" + w + ", std=std, a=-2.0 * std, b=2.0 * std)");
            break;
        case Initializer::Zeros:
            add(out, "torch.nn.init.zeros_(" + w + ")");
            break;
        }
        if (l.useBias)
            add(out, "torch.nn.init.zeros_(layers[" + key(l) + "].bias)");
    }
    return out;
}

std::string optimizer(const OptimizerSpec &o) {
    const std::string adamArgs = "lr=" + pythonFloat(o.learningRate) + ", betas=("
                                 + pythonFloat(o.beta1) + ", " + pythonFloat(o.beta2)
                                 + "), eps=" + pythonFloat(o.epsilon);
    switch (o.type) {
    case OptimizerKind::Sgd:
        return "optimizer = torch.optim.SGD(layers.parameters(), lr=" + pythonFloat(o.learningRate)
               + ", momentum=" + pythonFloat(o.momentum) + ", nesterov=" + pythonBool(o.nesterov)
               + ")";
    case OptimizerKind::Adam:
        return "optimizer = torch.optim.Adam(layers.parameters(), " + adamArgs + ")";
    case OptimizerKind::AdamW:
        return "# Decoupled decay on every parameter, biases included, as RegLab's adamw.\n"
               + ("optimizer = torch.optim.AdamW(layers.parameters(), " + adamArgs
                  + ", weight_decay=" + pythonFloat(o.weightDecay) + ")");
    }
    return {};
}

} // namespace

std::string pytorchScript(const ExperimentSpec &spec, const CodeExportOptions &options) {
    Holes holes = sharedHoles(spec, CodeFramework::PyTorch, options);
    std::string layers;
    std::string fromFile;
    std::string penalty;
    const std::vector<TensorShape> shapes = layerInputShapes(spec, options);
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        const std::string name = "layers[" + key(l) + "]";
        if (l.isDropout()) {
            // Inverted dropout: keeps with probability 1 - p, scales by 1 / (1 - p) in training;
            // Dropout2d keeps or drops whole channels of the [n, c, h, w] input.
            add(layers,
                name + (l.isSpatialDropout() ? " = torch.nn.Dropout2d(" : " = torch.nn.Dropout(")
                    + pythonFloat(l.rate) + ")");
            continue;
        }
        if (l.isFlatten())
            continue; // a permute and a reshape in forward()
        if (l.isPool()) {
            add(layers, name + " = torch.nn.MaxPool2d(" + pythonPair(l.poolSize)
                            + ", stride=" + pythonPair(l.effectiveStrides()) + ")");
            continue;
        }
        if (l.isConv()) {
            // Conv2d's weight is [out, in, kh, kw]: the kernel [kh, kw, in, out] transposed
            // (3, 2, 0, 1).
            const auto pad = windowPadding(l, shapes[i]);
            const bool own = symmetric(pad) && pad != std::array<int, 4>{};
            add(layers, name + " = torch.nn.Conv2d(" + std::to_string(shapes[i].channels) + ", "
                            + std::to_string(l.filters) + ", " + pythonPair(l.kernelSize)
                            + ", stride=" + pythonPair(l.effectiveStrides())
                            + (own ? ", padding=" + pythonPair({pad[0], pad[2]}) : std::string())
                            + (l.useBias ? "" : ", bias=False") + ")  # "
                            + std::string(toString(l.activation)) + ", padding \""
                            + std::string(toString(l.padding)) + "\"");
            add(fromFile, name + ".weight.copy_(torch.from_numpy(np.ascontiguousarray("
                              + initArray(l, "kernel") + ".transpose(3, 2, 0, 1))))");
        } else {
            // nn.Linear's weight is [out, in]: the transpose of the kernel [in, out].
            add(layers, name + " = torch.nn.Linear(" + inputsOf(spec, shapes, i) + ", "
                            + std::to_string(l.units) + (l.useBias ? "" : ", bias=False") + ")  # "
                            + std::string(toString(l.activation)));
            add(fromFile, name + ".weight.copy_(torch.from_numpy(np.ascontiguousarray("
                              + initArray(l, "kernel") + ".T)))");
        }
        if (l.useBias)
            add(fromFile, "layers[" + key(l) + "].bias.copy_(torch.from_numpy("
                              + initArray(l, "bias") + "))");
        const std::pair<const char *, const std::optional<RegularizerSpec> *> tensors[] = {
            {"weight", &l.kernelRegularizer}, {"bias", &l.biasRegularizer}};
        for (const auto &[tensor, reg] : tensors) {
            if (!active(*reg) || (tensor == std::string_view("bias") && !l.useBias))
                continue;
            add(penalty, "w = layers[" + key(l) + "]." + tensor);
            add(penalty, "reg = reg + "
                             + penaltyExpression(**reg, spec.l2Convention, CodeFramework::PyTorch));
        }
    }
    holes["LAYERS"] = layers;
    holes["INIT_FROM_FILE"] = fromFile;
    holes["INIT_DRAWN"] = drawnInit(spec, shapes);
    holes["FORWARD"] = forward(spec, shapes);
    holes["L2_SCALE"] = spec.l2Convention == L2Convention::Tf1
                            ? "b / 2 (the experiment's tf1 convention)"
                            : "b (the experiment's keras convention)";
    holes["PENALTY_TERMS"] = penalty;
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        holes["DATA_LOSS"] =
            "data_loss_fn = torch.nn.CrossEntropyLoss(reduction=\"sum\")  # softmax "
            "cross-entropy";
        break;
    case LossKind::SigmoidCrossEntropy:
        holes["DATA_LOSS"] = "data_loss_fn = torch.nn.BCEWithLogitsLoss(reduction=\"sum\")  # "
                             "sigmoid cross-entropy";
        break;
    case LossKind::MeanSquaredError:
        holes["DATA_LOSS"] = "data_loss_fn = torch.nn.MSELoss(reduction=\"sum\")  # squared error "
                             "of every element";
        break;
    }
    holes["OPTIMIZER"] = optimizer(spec.optimizer);
    holes["LOSS"] = !spec.training.penaltyInLoss
                        ? "# penalty_in_loss is false: the penalty is reported, not trained on.\n"
                          "loss = data_loss"
                    : spec.training.penaltyMultiplier == 1.0
                        ? "loss = data_loss + penalty()"
                        : "loss = data_loss + PENALTY_MULTIPLIER * penalty()";
    const bool validation = hasValidation(spec);
    holes["REPORT_VAL"] = validation ? ", outputs(x_val)" : "";
    addEarlyStoppingLoop(holes, spec, "best_state = copy.deepcopy(layers.state_dict())",
                         "best_state", "layers.load_state_dict(best_state)",
                         /*breakOnStop=*/false); // the loop stops every process together
    addRunFolder(holes, spec, CodeFramework::PyTorch, options);
    const bool dropout = std::any_of(spec.model.layers.begin(), spec.model.layers.end(),
                                     [](const LayerSpec &l) { return l.isDropout(); });
    holes["DROPOUT_SEED"] = dropout ? R"(if DISTRIBUTED:
    # Dropout masks under DDP: each process draws the masks of its share of the batch from its
    # own generator, seeded SEED + 1 + RANK. Other masks than on one process (and than
    # RegLab's counter-based masks), from the same distribution; only runs without dropout
    # give the same numbers on N processes as on one.
    torch.manual_seed(SEED + 1 + RANK))"
                                    : "";
    const auto &early = spec.training.earlyStopping;
    holes["BEST_STATE"] = early && early->restoreBestWeights ? "best_state = None" : "";
    holes["IMPORT_COPY"] = early && early->restoreBestWeights ? "import copy" : "";
    return fillTemplate("pytorch.py.in", templates::pytorch(), holes);
}

} // namespace reglab::codegen
