// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file sweep.h
/// Comparisons of regularization settings: variants of one experiment that differ only in
/// their penalties (or in how decay is applied), and what each run ended with. Serves
/// both `reglab-cli sweep` (summary.csv) and the GUI's compare window.
///
/// Variants never touch the seed, the data set or the layer shapes, so every variant of
/// one experiment starts from the same initial weights and sees the same batches: both
/// depend only on the seed and the shapes (Network::initialize, Trainer::epochOrder).

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/train/metrics.h"

#include <string>
#include <vector>

namespace reglab {

/// One member of a comparison: the base experiment plus `overrides`.
struct Variant {
    std::string label; ///< legends and tables: "1e-4", "L1+L2", "tf1", ...
    /// The variant's x on the regularization path: the scale λ for scale variants, the
    /// position 0, 1, ... for the categorical kinds (regularizer kind, convention, coupling).
    double value = 0.0;
    std::vector<std::string> overrides; ///< `--set` style "KEY=VALUE", applied in order

    bool operator==(const Variant &) const = default;
};

/// What a comparison varies.
enum class VariationKind {
    Scale,           ///< one layer's or every layer's kernel L1 or L2 scale (numeric λ)
    RegularizerKind, ///< none / L1 / L2 / L1+L2 at one scale
    Convention,      ///< keras vs tf1
    Coupling,        ///< L2 penalty in the gradient (Adam) vs decoupled decay (AdamW)
    DropoutRate,     ///< the dropout rate (numeric)
    TrainSize,       ///< dataset.train_size (numeric)
    LabelNoise,      ///< dataset.label_noise (numeric)
    ModelSize,       ///< the hidden layers' widths (Tiny / Small / Medium / Large, or a list)
    EarlyStopping,   ///< training.early_stopping off vs on
    Combination      ///< none / L2 / dropout / L2 + dropout
};

/// True for the kinds whose variants' values are numbers on a continuous axis (λ, a rate, a
/// size, a share): the regularization path draws them to scale. The others are categories
/// whose values are their positions 0, 1, ...
bool isNumericVariation(VariationKind kind);

/// Which term of a kernel regularizer a scale sweep sets.
enum class PenaltyTerm { L1, L2 };

/// The four regularizer kinds of makeKindVariants(), in this order.
enum class RegularizerKind { None, L1, L2, L1L2 };

/// A scale as people write it: "0", "1e-4", "3e-3", "0.05", "0.1", "1", "20", "1e4".
/// Exponent form below 0.01 and from 1e4 on; never more digits than round-tripping needs.
std::string formatScale(double value);

/// Parses "0, 1e-4, 1e-3" (separated by commas, semicolons or spaces) into scales.
/// Throws InputError({}, "values", ...) for an empty list, a value that is not a finite
/// number in 0 .. limits::kMaxScale, or a value given twice.
std::vector<double> parseScaleList(const std::string &text);

/// `count` scales spaced evenly in log10 from `from` to `to` (both ends included; each
/// rounded to 12 significant digits so 1e-4 .. 1 gives exactly 1e-4, 1e-3, ...).
/// Throws InputError({}, "values", ...) unless 0 < from < to <= kMaxScale and 2 <= count <= 64.
std::vector<double> logRange(double from, double to, int count);

/// The `layer` of makeScaleVariants() and makeKindVariants() that is not one layer's index:
/// every weight layer, every conv2d layer, every dense layer.
inline constexpr int kEveryLayer = -1;
inline constexpr int kEveryConvLayer = -2;
inline constexpr int kEveryDenseLayer = -3;

/// One variant per value: the kernel regularizer's `term` of layer `layer` (or of every
/// layer at kEveryLayer, every conv2d or dense layer at kEveryConvLayer, kEveryDenseLayer)
/// set to the value; the other term keeps the experiment's value. Overrides:
/// "model.layers.<layer|*>.kernel_regularizer.<l1|l2>=<value>", one per conv2d or dense
/// layer for the last two. Throws InputError({}, "layer", ...) for a layer index out of
/// range or a group without layers.
std::vector<Variant> makeScaleVariants(const ExperimentSpec &spec, int layer, PenaltyTerm term,
                                       const std::vector<double> &values);

/// Four variants, values 0..3: the kernel regularizer of `layer` (or a group, as above)
/// replaced by none (null), {"l1": scale}, {"l2": scale} and {"l1": scale, "l2": scale}.
std::vector<Variant> makeKindVariants(const ExperimentSpec &spec, int layer, double scale);

/// Two variants, values 0 and 1: l2_convention "keras" (b * sum(w^2)) and "tf1"
/// (b * sum(w^2) / 2), the experiment's regularizers unchanged.
std::vector<Variant> makeConventionVariants(const ExperimentSpec &spec);

/// Two variants, values 0 and 1, both Adam-family without momentum:
///  - coupled:   every kernel regularizer {"l2": scale}, optimizer adam (the penalty's
///               gradient goes through Adam's moment normalization);
///  - decoupled: no kernel regularizers, optimizer adamw with
///               weight_decay = scale * l2GradientFactor(convention), the decay plain SGD
///               would get from the coupled penalty (Loshchilov & Hutter 2019, sec. 2).
/// Bias regularizers and the learning rate stay as in the experiment.
std::vector<Variant> makeCoupledVsDecoupled(const ExperimentSpec &spec, double scale);

/// One variant per rate: every dropout entry's rate set to it; a model without dropout
/// entries gets one after each hidden dense layer (before the next dense layer). Overrides:
/// "model.layers.<i>.rate=<rate>", or "model.layers=<the new layer list>". Throws
/// InputError({}, "values", ...) for a rate outside [0, 1) or a model with no hidden layer
/// to put dropout after.
std::vector<Variant> makeDropoutVariants(const ExperimentSpec &spec,
                                         const std::vector<double> &rates);

/// One variant per size: "dataset.train_size=<n>" (whole numbers from 1 on).
std::vector<Variant> makeTrainSizeVariants(const ExperimentSpec &spec,
                                           const std::vector<double> &sizes);

/// One variant per share: "dataset.label_noise=<share>" (in [0, 1]; classification only).
std::vector<Variant> makeLabelNoiseVariants(const ExperimentSpec &spec,
                                            const std::vector<double> &shares);

/// A named list of hidden-layer widths for makeModelSizeVariants().
struct ModelSize {
    std::string name; ///< "Tiny", or the widths as written ("64-64")
    std::vector<int> widths;
    bool operator==(const ModelSize &) const = default;
};
/// The four models of TensorFlow's "Overfit and underfit" tutorial: Tiny 16, Small 16-16,
/// Medium 64-64-64, Large 512-512-512-512 (all ELU).
const std::vector<ModelSize> &tutorialModelSizes();
/// Parses "16; 64, 64; 512x4" (models separated by ';' or '|', a model's layers by ',' or
/// spaces, "NxK" for K layers of N units) into sizes named by their widths ("64-64").
/// Throws InputError({}, "widths", ...) for a width outside 1 .. limits::kMaxUnits, no model,
/// or more than limits::kMaxLayers layers.
std::vector<ModelSize> parseModelSizes(const std::string &text);
/// One variant per size, values 0, 1, ..., labelled "Large (512x4)" (equal widths in a row
/// as NxK; a size named by its widths keeps that name): the hidden dense layers replaced by dense
/// ELU layers of the given widths (named hidden1, hidden2, ..., Glorot-uniform as the tutorial's
/// Keras defaults, no regularizer), the output layer kept. With `dropoutRate` > 0 each hidden
/// layer is followed by a dropout of that rate. Override: "model.layers=<the layer list>".
std::vector<Variant> makeModelSizeVariants(const ExperimentSpec &spec,
                                           const std::vector<ModelSize> &sizes,
                                           double dropoutRate = 0.0);

/// Two variants, values 0 and 1: "training.early_stopping=null" and
/// "training.early_stopping=<settings>".
std::vector<Variant> makeEarlyStoppingVariants(const ExperimentSpec &spec,
                                               const EarlyStoppingSpec &settings);

/// The tutorial's combinations, values 0..3 in this order: "none" (no kernel regularizers,
/// no dropout), "L2" (every dense kernel {"l2": l2}), "dropout" (dropout of `rate` as
/// makeDropoutVariants puts it) and "L2+dropout" (both). Throws as makeDropoutVariants.
std::vector<Variant> makeCombinationVariants(const ExperimentSpec &spec, double l2, double rate);

/// `spec` with the variant's overrides applied: experimentToJson, applyOverride for each
/// override in order, experimentFromJson (which validates). Throws InputError.
ExperimentSpec applyVariant(const ExperimentSpec &spec, const Variant &variant);

/// What one run ended with. "Best" is over epochs 1..N (the first epoch reaching it);
/// with no trained epoch the final (epoch 0) values stand in.
struct RunSummary {
    std::string label; ///< the variant's label (summary.csv's `value` column)
    double value = 0.0;
    TaskKind task = TaskKind::Classification;
    int epochs = 0;                  ///< epochs completed
    double finalTrainAccuracy = 0.0; ///< accuracy, or R^2 for regression
    double finalTestAccuracy = 0.0;
    double bestTrainAccuracy = 0.0;
    double bestTestAccuracy = 0.0;
    int bestEpoch = 0; ///< the epoch of bestTestAccuracy
    double finalTrainDataLoss = 0.0;
    double finalTestDataLoss = 0.0;
    double bestTestDataLoss = 0.0; ///< the lowest test data loss
    double penalty = 0.0;          ///< final reg loss: every layer's penalty terms
    /// Share of all kernel entries with |w| < kSparsityThreshold at the end (layers
    /// weighted by their number of kernel entries).
    double meanSparsity = 0.0;
    /// ||W|| = sqrt(sum over layers of sum(W^2)) over every kernel at the end.
    double kernelL2Norm = 0.0;
    double majorityShare = 0.0;      ///< test share of the test set's most frequent class
    double trainMajorityShare = 0.0; ///< test share of the training set's most frequent class
    bool collapsed = false;
    std::string collapseReason;    ///< one line, empty unless collapsed
    bool hasValidation = false;    ///< the run held out a validation set
    double finalValAccuracy = 0.0; ///< (hasValidation) at the last epoch
    double finalValDataLoss = 0.0;
    double bestValAccuracy = 0.0; ///< the highest validation accuracy
    int bestValEpoch = 0;         ///< its epoch (the first reaching it)
    /// The test accuracy and data loss at bestValEpoch: "choose on validation, report test".
    double testAccuracyAtBestVal = 0.0;
    double testDataLossAtBestVal = 0.0;
};

/// Share of the most frequent class among the test samples (0 for regression or an
/// empty test set). What a network that predicts one class for every input scores.
double majorityClassShare(const Dataset &data);

/// Share among the test samples of the class that is most frequent in the training set
/// (0 for regression). A penalty that wipes out the weights leaves the biases, which learn
/// the training set's class frequencies: such a network predicts this class everywhere.
double trainMajorityClassShare(const Dataset &data);

/// Tolerance of the collapse test: 1 percentage point.
inline constexpr double kCollapseTolerance = 0.01;

/// A classification run has collapsed when its final test accuracy is within
/// kCollapseTolerance of `majorityShare` (it scores what "always the most frequent
/// class" scores); a regression run when its final test R^2 is within it of 0 (it scores
/// what "always the mean" scores). Non-finite accuracies are never "collapsed".
bool isCollapsed(TaskKind task, double finalTestAccuracy, double majorityShare);

/// The summary of one run's history (epoch 0 first, as Trainer::history()). The run is
/// collapsed when isCollapsed() holds for majorityShare or for trainMajorityShare (the two
/// differ when the split shifted the class frequencies). A run that trained no epoch is
/// never marked collapsed. An empty history gives a zero summary.
RunSummary summarize(const std::vector<EpochMetrics> &history, const Dataset &data);

/// Run indices ordered best first by the validation accuracy of their chosen epoch
/// (bestValAccuracy; ties keep the given order); runs without validation go last in their
/// order. For regression the accuracy is R², so higher is better as well.
std::vector<std::size_t> rankByValidation(const std::vector<RunSummary> &rows);

/// summary.csv: the header
/// value,final_train_accuracy,final_test_accuracy,best_test_accuracy,best_epoch,
/// final_train_data_loss,final_test_data_loss,final_reg_loss
/// then one row per run (label quoted per RFC 4180 when needed; numbers as csvNumber).
std::string summaryCsv(const std::vector<RunSummary> &rows);

/// The longer form (a separate file, so summary.csv keeps its fixed columns):
/// label,value,final_train_accuracy,final_test_accuracy,best_train_accuracy,
/// best_test_accuracy,best_epoch,final_train_data_loss,final_test_data_loss,
/// best_test_data_loss,penalty,mean_sparsity,kernel_l2_norm,majority_share,collapsed
/// (collapsed is 0 or 1).
std::string summaryDetailsCsv(const std::vector<RunSummary> &rows);

} // namespace reglab
