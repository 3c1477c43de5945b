// SPDX-License-Identifier: GPL-3.0-or-later
// The TF1-style script (templates/tf1.py.in): tf.compat.v1 graph code, variables with
// regularizers that land in REGULARIZATION_LOSSES (dense layers by hand, conv2d, pooling and
// flatten through tf.layers as the question writes them), a Session and a feed loop.

#include "core/export/code_export_internal.h"
#include "core/export/templates.h"

#include <array>
#include <cctype>

namespace reglab::codegen {

namespace {

/// A regularizer as TF1 code defines it, a lambda right before its layer, with the TF 1.x
/// contrib spelling in a comment; appended to `out`. Returns the lambda's name, or "None".
std::string regularizer(std::string &out, const ExperimentSpec &spec, const LayerSpec &l,
                        const char *tensor, const std::optional<RegularizerSpec> &reg) {
    if (!active(reg))
        return "None";
    std::string var;
    for (char ch : l.name)
        var += (std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_');
    var = "reg_" + var + "_" + tensor;
    const std::string l2 =
        pythonFloat(frameworkL2Scale(reg->l2, spec.l2Convention, CodeFramework::Tf1));
    const std::string contrib = reg->l1 != 0.0
                                    ? "tf.contrib.layers.l1_l2_regularizer(scale_l1="
                                          + pythonFloat(reg->l1) + ", scale_l2=" + l2 + ")"
                                    : "tf.contrib.layers.l2_regularizer(" + l2 + ")";
    add(out, "# " + l.name + "." + tensor + " in TF 1.x: " + contrib);
    add(out, var + " = lambda w: " + penaltyExpression(*reg, spec.l2Convention, CodeFramework::Tf1)
                 + "  # noqa: E731");
    return var;
}

std::string activation(Activation a) {
    switch (a) {
    case Activation::Linear:
        return "None";
    case Activation::Relu:
        return "tf.nn.relu";
    case Activation::Tanh:
        return "tf.tanh";
    case Activation::Sigmoid:
        return "tf.sigmoid";
    case Activation::Elu:
        return "tf.nn.elu";
    }
    return "None";
}

std::string initializer(Initializer init) {
    switch (init) {
    case Initializer::GlorotUniform:
        return "tf1.glorot_uniform_initializer()";
    case Initializer::HeNormal:
        return "tf1.variance_scaling_initializer(2.0, \"fan_in\", \"truncated_normal\")";
    case Initializer::Zeros:
        return "tf1.zeros_initializer()";
    }
    return {};
}

/// "[a, b]" for a pair.
std::string pythonList(const std::array<int, 2> &v) {
    return "[" + std::to_string(v[0]) + ", " + std::to_string(v[1]) + "]";
}

/// A conv2d layer as the question writes it: tf.layers.conv2d(..., kernel_regularizer=...,
/// padding=...); its variables into `weights` for the report.
void addConv(std::string &out, const LayerSpec &l, const std::string &kernelReg,
             const std::string &biasReg) {
    add(out, "h = tf1.layers.conv2d(");
    add(out, "    h,");
    add(out, "    filters=" + std::to_string(l.filters) + ",");
    add(out, "    kernel_size=" + pythonList(l.kernelSize) + ",");
    add(out, "    strides=" + pythonList(l.effectiveStrides()) + ",");
    add(out, "    padding=\"" + std::string(toString(l.padding)) + "\",");
    add(out, "    activation=" + activation(l.activation) + ",  # "
                 + std::string(toString(l.activation)));
    add(out, "    use_bias=" + pythonBool(l.useBias) + ",");
    add(out, "    kernel_initializer=initializer(" + pythonString(l.name + "/kernel") + ", "
                 + initializer(l.kernelInitializer) + "),");
    if (l.useBias)
        add(out, "    bias_initializer=initializer(" + pythonString(l.name + "/bias")
                     + ", tf1.zeros_initializer()),");
    add(out, "    kernel_regularizer=" + kernelReg + ",");
    if (l.useBias)
        add(out, "    bias_regularizer=" + biasReg + ",");
    add(out, "    name=" + key(l) + ",");
    add(out, ")");
    add(out, "weights[" + key(l) + "] = layer_variables(" + key(l) + ")");
}

/// Each layer: a blank line, its regularizers, the `dense(...)` call (or tf.layers' conv2d,
/// max_pooling2d, flatten, dropout), after a reshape of the flat (row, column, channel)
/// features into images for a convolutional network.
std::string layers(const ExperimentSpec &spec, const CodeExportOptions &options) {
    std::string out;
    const std::vector<TensorShape> shapes = layerInputShapes(spec, options);
    if (!shapes.empty()) {
        const TensorShape &in = shapes.front();
        add(out, "h = tf.reshape(h, [-1, " + std::to_string(in.height) + ", "
                     + std::to_string(in.width) + ", " + std::to_string(in.channels)
                     + "])  # (row, column, channel) features -> images, channels last");
    }
    for (std::size_t i = 0; i < spec.model.layers.size(); ++i) {
        const LayerSpec &l = spec.model.layers[i];
        add(out);
        if (l.isDropout()) {
            // Inverted dropout while is_training is fed True (the training step); the identity
            // otherwise. Spatial: one draw per sample and channel, broadcast over h and w.
            const std::string noise = l.isSpatialDropout()
                                          ? ", noise_shape=[tf.shape(h)[0], 1, 1, "
                                                + std::to_string(shapes[i].channels) + "]"
                                          : std::string();
            add(out, "h = tf1.layers.dropout(h, rate=" + pythonFloat(l.rate) + noise
                         + ", training=is_training, name=" + key(l) + ")");
            continue;
        }
        if (l.isFlatten()) {
            add(out, "h = tf1.layers.flatten(h, name=" + key(l)
                         + ")  # (row, column, channel) order, as RegLab");
            continue;
        }
        if (l.isPool()) {
            add(out, "h = tf1.layers.max_pooling2d(h, pool_size=" + pythonList(l.poolSize)
                         + ", strides=" + pythonList(l.effectiveStrides()) + ", padding=\""
                         + std::string(toString(l.padding)) + "\", name=" + key(l) + ")");
            continue;
        }
        const std::string kernelReg = regularizer(out, spec, l, "kernel", l.kernelRegularizer);
        const std::string biasReg =
            l.useBias ? regularizer(out, spec, l, "bias", l.biasRegularizer) : std::string("None");
        if (l.isConv()) {
            addConv(out, l, kernelReg, biasReg);
            continue;
        }
        const std::string call = "h, weights[" + key(l) + "] = dense(";
        const std::string indent(call.size(), ' ');
        add(out, call + "h, " + key(l) + ", " + inputsOf(spec, shapes, i) + ", "
                     + std::to_string(l.units) + ", " + activation(l.activation) + ",  # "
                     + std::string(toString(l.activation)));
        add(out, indent + initializer(l.kernelInitializer) + ", " + pythonBool(l.useBias) + ",");
        add(out, indent + kernelReg + ", " + biasReg + ")");
    }
    return out;
}

/// AdamW written out: the decay applied after the gradients are taken, before the Adam step.
constexpr std::string_view kAdamW =
    R"(# AdamW: decoupled decay w <- w - lr * weight_decay * w on every variable, then the Adam step
# with the gradient taken before the decay. In TF 1.x: tf.contrib.opt.AdamWOptimizer(
#     weight_decay=@CONTRIB_DECAY@, ...) (contrib's decay is not multiplied by the learning rate).
@ADAM@
grads_and_vars = optimizer.compute_gradients(loss)
with tf.control_dependencies([g for g, _ in grads_and_vars]):
    decay = [v.assign(v * (1.0 - @LR@ * @WEIGHT_DECAY@)) for _, v in grads_and_vars]
with tf.control_dependencies(decay):
    train_op = optimizer.apply_gradients(grads_and_vars))";

std::string optimizer(const OptimizerSpec &o) {
    const std::string lr = pythonFloat(o.learningRate);
    const std::string adam = "optimizer = tf1.train.AdamOptimizer(" + lr
                             + ", beta1=" + pythonFloat(o.beta1) + ", beta2=" + pythonFloat(o.beta2)
                             + ", epsilon=" + pythonFloat(o.epsilon) + ")";
    std::string out = adamEpsilonNote(o, "TF1");
    switch (o.type) {
    case OptimizerKind::Sgd:
        if (o.momentum == 0.0) {
            add(out, "optimizer = tf1.train.GradientDescentOptimizer(" + lr + ")");
        } else {
            add(out, "# TF1's momentum: accum = mu accum + g; w -= lr accum (nesterov: w -= lr (g "
                     "+ mu accum)).");
            add(out, "optimizer = tf1.train.MomentumOptimizer(" + lr
                         + ", momentum=" + pythonFloat(o.momentum)
                         + ", use_nesterov=" + pythonBool(o.nesterov) + ")");
        }
        add(out, "train_op = optimizer.minimize(loss)");
        break;
    case OptimizerKind::Adam:
        add(out, adam);
        add(out, "train_op = optimizer.minimize(loss)");
        break;
    case OptimizerKind::AdamW:
        // TF 1.x contrib's AdamWOptimizer takes the decay per step, lr * weight_decay.
        out += fillTemplate("the TF1 AdamW step", kAdamW,
                            {{"CONTRIB_DECAY", pythonFloat(o.learningRate * o.weightDecay)},
                             {"ADAM", adam},
                             {"LR", lr},
                             {"WEIGHT_DECAY", pythonFloat(o.weightDecay)}});
        break;
    }
    return out;
}

} // namespace

std::string tf1Script(const ExperimentSpec &spec, const CodeExportOptions &options) {
    Holes holes = sharedHoles(spec, CodeFramework::Tf1, options);
    holes["PENALTY_REPORT"] = penaltyReport(spec, CodeFramework::Tf1);
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        holes["Y_PLACEHOLDER"] = "tf.int64, [None]";
        holes["DATA_LOSS"] = "data_loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_"
                             "logits(labels=y, logits=logits))";
        break;
    case LossKind::SigmoidCrossEntropy:
        holes["Y_PLACEHOLDER"] = "tf.float32, [None, 1]";
        holes["DATA_LOSS"] = "data_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits("
                             "labels=y, logits=logits))";
        break;
    case LossKind::MeanSquaredError:
        holes["Y_PLACEHOLDER"] = "tf.float32, [None, y_train.shape[1]]";
        holes["DATA_LOSS"] =
            "data_loss = tf.reduce_mean(tf.square(logits - y))  # mean over every element";
        break;
    }
    holes["LAYERS"] = layers(spec, options);
    const double multiplier = spec.training.penaltyMultiplier;
    holes["LOSS"] =
        !spec.training.penaltyInLoss
            ? R"(# training.penalty_in_loss is false: the classic TF1 mistake on purpose. The penalty is
# collected (and reported) but never added: loss = data_loss + reg_loss would train on it.
loss = data_loss)"
        : multiplier == 1.0 || !anyPenalty(spec)
            ? "loss = tf.add_n([data_loss] + tf1.losses.get_regularization_losses())  # data + "
              "penalties"
            : "# training.penalty_multiplier: the collected penalties enter the loss times a "
              "constant.\nreg_constant = "
                  + pythonFloat(multiplier)
                  + "\nreg_losses = tf1.get_collection(tf1.GraphKeys.REGULARIZATION_LOSSES)\n"
                    "loss = data_loss + reg_constant * tf.add_n(reg_losses)";
    holes["REPORT_VAL"] = hasValidation(spec) ? ", predict(sess, x_val)" : "";
    addEarlyStoppingLoop(holes, spec, "best_values = sess.run(tf1.trainable_variables())",
                         "best_values",
                         "for variable, value in zip(tf1.trainable_variables(), best_values):\n"
                         "    variable.load(value, sess)",
                         /*breakOnStop=*/true);
    const auto &early = spec.training.earlyStopping;
    holes["BEST_VALUES"] = early && early->restoreBestWeights ? "best_values = None" : "";
    holes["OPTIMIZER"] = optimizer(spec.optimizer);
    return fillTemplate("tf1.py.in", templates::tf1(), holes);
}

} // namespace reglab::codegen
