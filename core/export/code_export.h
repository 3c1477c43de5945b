// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file code_export.h
/// "Show the code": an experiment rendered as a runnable Python script that trains the
/// same objective in Keras (tf.keras), PyTorch or TF1-style graph code (tf.compat.v1).
///
/// The same penalty is spelled differently in each framework. For a tensor w with RegLab
/// scales a (L1) and b (L2 under the experiment's l2_convention):
///
///   RegLab keras convention:  a sum|w| + b sum(w^2)
///   RegLab tf1 convention:    a sum|w| + b sum(w^2) / 2
///
///   Keras   keras.regularizers.l1_l2(l1=a, l2=b')    = a sum|w| + b' sum(w^2)
///           b' = b (keras convention), b / 2 (tf1 convention)
///   PyTorch a * w.abs().sum() + b' * w.pow(2).sum()  written into the loss, b' as for Keras
///   TF1     a * reduce_sum(|w|) + s * tf.nn.l2_loss(w), l2_loss(w) = sum(w^2) / 2
///           s = b (tf1 convention), 2 b (keras convention)
///
/// The L1 scale a is the same everywhere. Scales are printed as the shortest text that
/// reads back to the same double.
///
/// The script reads its data from a .npz next to it (datasetToArrays()):
///   x_train [n, features] float32, y_train, x_test, y_test
///   y: class indices as float32 [n] (softmax / sigmoid cross-entropy), or targets [n, k]
///      (mse)
/// and optionally the initial weights from RegLab's weights layout (npz.h):
///   `<layer>/kernel` [in, out] (conv2d: [kh, kw, in, out]), `<layer>/bias` [out].
///
/// Convolutional networks (conv2d, max_pool2d, flatten): x holds each image as its
/// (row, column, channel) features, reshaped to height x width x channels in the script.
/// Keras and TF1 work channels last as RegLab does. PyTorch works in NCHW: the images are
/// permuted to [n, c, h, w], a conv kernel [kh, kw, in, out] is the Conv2d weight
/// [out, in, kh, kw], and flatten permutes back to channels last first, so the dense layer
/// after it sees RegLab's feature order. "same" padding is TF's (a total of
/// max((ceil(in/s) - 1) s + k - in, 0), the smaller half before): written as Conv2d's
/// padding when both halves are equal, else as an explicit F.pad (zeros for conv2d, -inf
/// for max_pool2d, which the maximum ignores).
/// It trains with the experiment's batch size, epochs, order (in order when shuffle is
/// off) and optimizer, and after each epoch (and once before training, epoch 0) prints
///   epoch E train_data_loss L test_data_loss L reg_loss R total_loss T
///       train_accuracy A test_accuracy A
/// on one line, all evaluated on the full sets with the current weights as the trainer
/// does (accuracy is R^2 for mse; total_loss is train data loss + reg loss when the penalty
/// is in the loss, else the train data loss).
///
/// The Keras and PyTorch scripts then write a RegLab run folder (docs/run-folder.md: version
/// 3, `writer` naming the script) into `--run-dir DIR` (default: `run` next to the script),
/// computing its per-layer statistics and histograms as RegLab does; the experiment.json in
/// it is the resolved experiment, embedded in the script. The PyTorch script takes
/// `--device cpu|cuda|auto` and also runs under `torchrun --nproc_per_node=N`
/// (DistributedDataParallel): every process takes its share of each global batch and the
/// data loss is scaled so that the averaged gradient is the one-process gradient.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/io/npz.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reglab {

enum class CodeFramework { Keras, PyTorch, Tf1 };

/// "keras", "pytorch", "tf1".
std::string_view toString(CodeFramework framework);
std::optional<CodeFramework> codeFrameworkFromString(std::string_view name);

struct CodeExportOptions {
    /// The data file, relative to the script's folder.
    std::string dataFile = "data.npz";
    /// The initial weights file relative to the script's folder; empty: the framework's own
    /// initializers (same distributions as RegLab's, different draws).
    std::string initFile;
    /// Replaces training.epochs when set.
    std::optional<int> epochs;
    /// Input features; 0: the script takes them from the data file.
    int inputDim = 0;
    /// The data's input shape (Dataset::inputShape()). Networks with conv2d, max_pool2d or
    /// flatten layers need an image here: the scripts reshape the flat (row, column, channel)
    /// features into it and write every window's padding out.
    TensorShape inputShape;
};

/// The complete script (UTF-8 text, ends with a newline). Expects a valid spec. Throws
/// InputError when the network has conv2d, max_pool2d or flatten layers and
/// options.inputShape is not an image, or the network does not fit it.
std::string exportCode(const ExperimentSpec &spec, CodeFramework framework,
                       const CodeExportOptions &options = {});

/// The script's default file name: "train_<framework>.py".
std::string codeFileName(CodeFramework framework);

/// The data file's arrays: x_train, y_train, x_test, y_test (layout above). Classification
/// targets (1 x n) become [n]; with mse the k x n targets become [n, k].
std::vector<NpzArray> datasetToArrays(const Dataset &data, LossKind loss);

/// `v` as a Python float literal: the shortest decimal text that reads back to `v`, with
/// ".0" added to integral values ("5e-05", "0.0001", "2.0").
std::string pythonFloat(double v);

/// The L2 scale to write in `framework`'s own form for a RegLab scale `b` under
/// `convention`: Keras and PyTorch b' (b or b / 2), TF1 s (2 b or b).
double frameworkL2Scale(double b, L2Convention convention, CodeFramework framework);

} // namespace reglab
