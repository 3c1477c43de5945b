// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file expectation.h
/// What a lesson step claims about the student's run, as data: a small vocabulary of checks
/// on the per-epoch metrics (a value at an epoch, two metrics compared, a curve that turns,
/// a collapse to the majority class) and on the run's early-stopping record, read from a
/// lesson file and evaluated on the run's history. Teachers' reference: docs/lessons.md.

#include "core/train/metrics.h"

#include <nlohmann/json_fwd.hpp>

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reglab {

/// The run-level metrics a check may name (the columns of metrics.csv without "epoch").
inline constexpr std::string_view kLessonRunMetrics[] = {
    "train_data_loss", "test_data_loss", "val_data_loss", "reg_loss",
    "total_loss",      "train_accuracy", "test_accuracy", "val_accuracy"};
/// The per-layer metrics, named "<layer>.<metric>" (e.g. "hidden1.sparsity").
inline constexpr std::string_view kLessonLayerMetrics[] = {"l1_loss", "l2_loss", "penalty",
                                                           "sparsity", "kernel_l2_norm"};

/// A per-epoch series of a run: `metric` of the step `step` ("hidden1.sparsity@intended"
/// in a lesson file; no "@step" means the run the check or text belongs to).
struct MetricRef {
    std::string metric;
    std::string step;
    /// As written in a lesson file: "metric" or "metric@step".
    std::string text() const { return step.empty() ? metric : metric + "@" + step; }
};

/// Reads "metric" or "metric@step". Throws InputError(file, field) when `text` is empty or
/// the metric is not one of kLessonRunMetrics or "<layer>.<kLessonLayerMetrics>" with a
/// layer of `layers` (the dense layers' names).
MetricRef parseMetricRef(const std::string &text, const std::vector<std::string> &layers,
                         const std::string &file, const std::string &field);

/// `metric`'s value in one epoch's report; nullopt when the report has no such number (a
/// val_* metric without a validation split, a layer that is not there).
std::optional<double> metricValue(const EpochMetrics &m, std::string_view metric);

/// Where on the curve a check looks.
struct EpochSelector {
    enum class Kind {
        End,   ///< the newest epoch reported (the end, once the run is over)
        Any,   ///< some epoch >= 1 so far
        Every, ///< every epoch >= 1 so far (and at least one)
        Epoch, ///< epoch `epoch` (not yet while the run has not reached it)
    };
    Kind kind = Kind::End;
    int epoch = 0;
};

enum class Comparison { Less, LessEqual, Greater, GreaterEqual, Equal };

enum class ExpectationKind {
    Threshold,     ///< metric(at) op value
    Compare,       ///< metric(at) op factor * right(at)
    RiseFromMin,   ///< metric(end) >= (1 + by) * min over the run of metric (the curve turned up)
    FallFromMax,   ///< metric(end) <= (1 - by) * max over the run of metric (it turned down)
    MajorityClass, ///< |metric(end) - share of the split's most common class| <= tolerance
    EarlyStopping, ///< record op value: a field of the run's early-stopping record
};

/// The fields of a run's early-stopping record an "early_stopping" check reads (the
/// `metric` key; "@step" as for metrics):
///   stopped_early   1 once early stopping has stopped the run, else 0
///   stopped_epoch   the epoch after which it stopped (no value while it has not)
///   best_epoch      the best epoch of the monitored metric (no value before one)
///   restored_epoch  the epoch whose weights restore_best_weights put back (no value
///                   while none were)
inline constexpr std::string_view kLessonEarlyStoppingFields[] = {"stopped_early", "stopped_epoch",
                                                                  "best_epoch", "restored_epoch"};

/// One claim. Which fields matter depends on `kind` (see ExpectationKind).
struct Expectation {
    ExpectationKind kind = ExpectationKind::Threshold;
    MetricRef metric;
    MetricRef right; ///< Compare only
    Comparison op = Comparison::GreaterEqual;
    double value = 0.0;     ///< Threshold
    double factor = 1.0;    ///< Compare
    double by = 0.0;        ///< RiseFromMin, FallFromMax: a fraction, 0.3 = 30 %
    double tolerance = 0.0; ///< Equal (absolute) and MajorityClass
    EpochSelector at;       ///< Threshold, Compare
};

/// Reads one check's expectation from its JSON object `check` (the keys "kind", "metric",
/// "op", "value", "right", "factor", "by", "tolerance", "at"; other keys are the caller's,
/// listed in `otherKeys`). Every problem is an InputError(file, "<field>.<key>").
Expectation parseExpectation(const nlohmann::ordered_json &check,
                             const std::vector<std::string> &layers,
                             const std::vector<std::string> &otherKeys, const std::string &file,
                             const std::string &field);

/// A step's run as the checks see it: every epoch's report so far (epoch 0 first; the
/// histograms are not needed) and the share of the most common class in each split (NaN for
/// regression or when unknown).
/// What training.early_stopping did in a run (run.json's early_stopping record, the
/// trainer's EarlyStopInfo); 0: not (yet).
struct LessonEarlyStopping {
    int stoppedEpoch = 0;
    int bestEpoch = 0;
    int restoredEpoch = 0;
};

struct LessonRun {
    std::vector<EpochMetrics> epochs;
    /// nullopt: the experiment has no training.early_stopping (an "early_stopping" check
    /// never holds on it).
    std::optional<LessonEarlyStopping> earlyStopping;
    double trainMajorityShare = std::numeric_limits<double>::quiet_NaN();
    double testMajorityShare = std::numeric_limits<double>::quiet_NaN();
    double valMajorityShare = std::numeric_limits<double>::quiet_NaN();
};

/// The share of the most common class among `labels` (one class index per column of a
/// 1 x n matrix); NaN for an empty matrix or one with more than one row (regression).
double majorityShare(const MatrixF &labels);

/// The runs of a lesson's steps so far, by step id.
using LessonRuns = std::map<std::string, LessonRun>;

/// What a check says about the runs so far.
struct CheckOutcome {
    bool holds = false;
    /// The student's numbers behind the verdict, language-neutral: "99.3%" (a share against
    /// a value), "0.741 = 1.61 × 0.461 (min @ 148)"; empty without data.
    std::string measured;
};

/// Evaluates `e` for the step `step` on `runs` (a missing run, or one without the epochs a
/// check needs, does not hold yet).
CheckOutcome evaluateExpectation(const Expectation &e, const LessonRuns &runs,
                                 const std::string &step);

/// A number as lessons show it: 3 significant digits ("0.741", "27.1", "0.00478", "1.2e+03"),
/// or with `percent` as a percentage with one decimal ("93.0%"); "nan" and "inf" as such.
std::string lessonNumber(double v, bool percent = false);

} // namespace reglab
