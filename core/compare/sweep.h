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
    Coupling         ///< L2 penalty in the gradient (Adam) vs decoupled decay (AdamW)
};

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

/// One variant per value: the kernel regularizer's `term` of layer `layer` (or of every
/// layer when `layer` is -1) set to the value; the other term keeps the experiment's
/// value. Overrides: "model.layers.<layer|*>.kernel_regularizer.<l1|l2>=<value>".
/// Throws InputError({}, "layer", ...) for a layer index out of range.
std::vector<Variant> makeScaleVariants(const ExperimentSpec &spec, int layer, PenaltyTerm term,
                                       const std::vector<double> &values);

/// Four variants, values 0..3: the kernel regularizer of `layer` (or every layer at -1)
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
    std::string collapseReason; ///< one line, empty unless collapsed
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
