// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lesson/expectation.h"

#include "core/error.h"
#include "core/io/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace reglab {

using Json = nlohmann::ordered_json;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string knownMetricsText() {
    std::string text;
    for (std::string_view m : kLessonRunMetrics)
        text += std::string(m) + ", ";
    text += "or <layer>.";
    for (std::string_view m : kLessonLayerMetrics)
        text += std::string(m)
                + (m == kLessonLayerMetrics[std::size(kLessonLayerMetrics) - 1] ? "" : "|");
    return text;
}

/// Metrics that are shares of a whole (accuracy, the share of |w| < 1e-3).
bool isShare(std::string_view metric) {
    return metric.ends_with("accuracy") || metric.ends_with(".sparsity");
}

const LayerMetrics *findLayer(const EpochMetrics &m, std::string_view name) {
    for (const LayerMetrics &layer : m.layers) {
        if (layer.name == name)
            return &layer;
    }
    return nullptr;
}

struct OpInfo {
    Comparison op;
    const char *text;
};
constexpr OpInfo kOps[] = {{Comparison::Less, "<"},
                           {Comparison::LessEqual, "<="},
                           {Comparison::Greater, ">"},
                           {Comparison::GreaterEqual, ">="},
                           {Comparison::Equal, "=="}};

const char *opSymbol(Comparison op) {
    switch (op) {
    case Comparison::Less:
        return "<";
    case Comparison::LessEqual:
        return "≤";
    case Comparison::Greater:
        return ">";
    case Comparison::GreaterEqual:
        return "≥";
    case Comparison::Equal:
        return "=";
    }
    return "?";
}

bool compare(double left, Comparison op, double right, double tolerance) {
    switch (op) {
    case Comparison::Less:
        return left < right;
    case Comparison::LessEqual:
        return left <= right;
    case Comparison::Greater:
        return left > right;
    case Comparison::GreaterEqual:
        return left >= right;
    case Comparison::Equal:
        return std::abs(left - right) <= tolerance;
    }
    return false;
}

double number(const Json &check, const char *key, const std::string &file, const std::string &field,
              double fallback, bool required) {
    const auto it = check.find(key);
    if (it == check.end()) {
        if (required)
            throw InputError(file, joinJsonPath(field, key), "is missing");
        return fallback;
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()))
        throw InputError(file, joinJsonPath(field, key), "expected a number");
    return it->get<double>();
}

std::string text(const Json &check, const char *key, const std::string &file,
                 const std::string &field, bool required) {
    const auto it = check.find(key);
    if (it == check.end()) {
        if (required)
            throw InputError(file, joinJsonPath(field, key), "is missing");
        return {};
    }
    if (!it->is_string())
        throw InputError(file, joinJsonPath(field, key), "expected a string");
    return it->get<std::string>();
}

EpochSelector parseAt(const Json &check, const std::string &file, const std::string &field) {
    EpochSelector at;
    const auto it = check.find("at");
    if (it == check.end())
        return at;
    const std::string where = joinJsonPath(field, "at");
    if (it->is_number_integer()) {
        const long long epoch = it->get<long long>();
        if (epoch < 0 || epoch > 1000000)
            throw InputError(file, where, "expected an epoch from 0 to 1000000");
        at.kind = EpochSelector::Kind::Epoch;
        at.epoch = int(epoch);
        return at;
    }
    const std::string name = it->is_string() ? it->get<std::string>() : std::string();
    if (name == "end")
        at.kind = EpochSelector::Kind::End;
    else if (name == "any")
        at.kind = EpochSelector::Kind::Any;
    else if (name == "every")
        at.kind = EpochSelector::Kind::Every;
    else
        throw InputError(file, where, "expected \"end\", \"any\", \"every\" or an epoch number");
    return at;
}

/// The run a reference reads: its own step's, or the step it names.
const LessonRun *runOf(const MetricRef &ref, const LessonRuns &runs, const std::string &step) {
    const auto it = runs.find(ref.step.empty() ? step : ref.step);
    return it == runs.end() ? nullptr : &it->second;
}

/// The epochs `at` selects in `run` (indices into run.epochs); empty when not reached yet.
std::vector<std::size_t> selectedEpochs(const LessonRun &run, const EpochSelector &at) {
    std::vector<std::size_t> out;
    const auto &epochs = run.epochs;
    switch (at.kind) {
    case EpochSelector::Kind::End:
        if (!epochs.empty())
            out.push_back(epochs.size() - 1);
        break;
    case EpochSelector::Kind::Any:
    case EpochSelector::Kind::Every:
        for (std::size_t i = 0; i < epochs.size(); ++i) {
            if (epochs[i].epoch >= 1)
                out.push_back(i);
        }
        break;
    case EpochSelector::Kind::Epoch:
        for (std::size_t i = 0; i < epochs.size(); ++i) {
            if (epochs[i].epoch == at.epoch)
                out.push_back(i);
        }
        break;
    }
    return out;
}

/// The value of `ref` at the epoch with the same number as `epoch` in its own run; for
/// another step's run at End, its last epoch.
std::optional<double> valueAt(const MetricRef &ref, const LessonRun &run, int epoch, bool atEnd) {
    if (run.epochs.empty())
        return std::nullopt;
    if (atEnd)
        return metricValue(run.epochs.back(), ref.metric);
    for (const EpochMetrics &m : run.epochs) {
        if (m.epoch == epoch)
            return metricValue(m, ref.metric);
    }
    return std::nullopt;
}

/// Minimum (or maximum) of `metric` over the run's epochs and the epoch where it is first
/// reached; nullopt when no epoch has the metric.
std::optional<std::pair<double, int>> extreme(const LessonRun &run, const std::string &metric,
                                              bool maximum) {
    std::optional<std::pair<double, int>> best;
    for (const EpochMetrics &m : run.epochs) {
        const auto v = metricValue(m, metric);
        if (!v || std::isnan(*v))
            continue;
        if (!best || (maximum ? *v > best->first : *v < best->first))
            best = std::make_pair(*v, m.epoch);
    }
    return best;
}

} // namespace

MetricRef parseMetricRef(const std::string &text, const std::vector<std::string> &layers,
                         const std::string &file, const std::string &field) {
    MetricRef ref;
    const auto at = text.find('@');
    ref.metric = text.substr(0, at);
    if (at != std::string::npos) {
        ref.step = text.substr(at + 1);
        if (ref.step.empty())
            throw InputError(file, field, "\"" + text + "\": expected a step id after '@'");
    }
    if (std::find(std::begin(kLessonRunMetrics), std::end(kLessonRunMetrics), ref.metric)
        != std::end(kLessonRunMetrics))
        return ref;
    const auto dot = ref.metric.rfind('.');
    if (dot != std::string::npos) {
        const std::string layer = ref.metric.substr(0, dot);
        const std::string name = ref.metric.substr(dot + 1);
        const bool knownName =
            std::find(std::begin(kLessonLayerMetrics), std::end(kLessonLayerMetrics), name)
            != std::end(kLessonLayerMetrics);
        const bool knownLayer = std::find(layers.begin(), layers.end(), layer) != layers.end();
        if (knownName && knownLayer)
            return ref;
        if (knownName) {
            std::string names;
            for (const std::string &l : layers)
                names += (names.empty() ? "" : ", ") + l;
            throw InputError(file, field,
                             "\"" + text + "\": the experiment has no dense or conv2d layer \""
                                 + layer + "\" (its layers: " + names + ")");
        }
    }
    throw InputError(file, field,
                     "\"" + text + "\" is not a metric; expected " + knownMetricsText());
}

std::optional<double> metricValue(const EpochMetrics &m, std::string_view metric) {
    if (metric == "train_data_loss")
        return m.trainDataLoss;
    if (metric == "test_data_loss")
        return m.testDataLoss;
    if (metric == "reg_loss")
        return m.regLoss;
    if (metric == "total_loss")
        return m.totalLoss;
    if (metric == "train_accuracy")
        return m.trainAccuracy;
    if (metric == "test_accuracy")
        return m.testAccuracy;
    if (metric == "val_data_loss" || metric == "val_accuracy") {
        if (!m.hasValidation)
            return std::nullopt;
        return metric == "val_data_loss" ? m.valDataLoss : m.valAccuracy;
    }
    const auto dot = metric.rfind('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    const LayerMetrics *layer = findLayer(m, metric.substr(0, dot));
    if (!layer)
        return std::nullopt;
    const std::string_view name = metric.substr(dot + 1);
    if (name == "l1_loss")
        return layer->l1Loss();
    if (name == "l2_loss")
        return layer->l2Loss();
    if (name == "penalty")
        return layer->penalty();
    if (name == "sparsity")
        return layer->sparsity;
    if (name == "kernel_l2_norm")
        return layer->kernelL2Norm;
    return std::nullopt;
}

namespace {

/// "field" or "field@step" of kLessonEarlyStoppingFields.
MetricRef parseEarlyStoppingField(const std::string &text, const std::string &file,
                                  const std::string &field) {
    MetricRef ref;
    const std::size_t at = text.find('@');
    ref.metric = text.substr(0, at);
    if (at != std::string::npos)
        ref.step = text.substr(at + 1);
    const bool known = std::find(std::begin(kLessonEarlyStoppingFields),
                                 std::end(kLessonEarlyStoppingFields), ref.metric)
                       != std::end(kLessonEarlyStoppingFields);
    if (!known || (at != std::string::npos && ref.step.empty()))
        throw InputError(file, field,
                         "\"" + text
                             + "\": an early_stopping check reads stopped_early, stopped_epoch, "
                               "best_epoch or restored_epoch (optionally @step)");
    return ref;
}

/// A field of the record; nullopt for an epoch that is 0 (it has not happened).
std::optional<double> earlyStoppingValue(const LessonEarlyStopping &r, std::string_view name) {
    if (name == "stopped_early")
        return r.stoppedEpoch > 0 ? 1.0 : 0.0;
    const int epoch = name == "stopped_epoch" ? r.stoppedEpoch
                      : name == "best_epoch"  ? r.bestEpoch
                                              : r.restoredEpoch;
    if (epoch <= 0)
        return std::nullopt;
    return double(epoch);
}

} // namespace

Expectation parseExpectation(const Json &check, const std::vector<std::string> &layers,
                             const std::vector<std::string> &otherKeys, const std::string &file,
                             const std::string &field) {
    if (!check.is_object())
        throw InputError(file, field, "expected an object");
    Expectation e;
    const std::string kind = text(check, "kind", file, field, true);
    std::vector<std::string> keys = {"kind", "metric"};
    if (kind == "threshold") {
        e.kind = ExpectationKind::Threshold;
        keys.insert(keys.end(), {"op", "value", "tolerance", "at"});
    } else if (kind == "compare") {
        e.kind = ExpectationKind::Compare;
        keys.insert(keys.end(), {"op", "right", "factor", "tolerance", "at"});
    } else if (kind == "rise_from_min") {
        e.kind = ExpectationKind::RiseFromMin;
        keys.push_back("by");
    } else if (kind == "fall_from_max") {
        e.kind = ExpectationKind::FallFromMax;
        keys.push_back("by");
    } else if (kind == "majority_class") {
        e.kind = ExpectationKind::MajorityClass;
        keys.push_back("tolerance");
    } else if (kind == "early_stopping") {
        e.kind = ExpectationKind::EarlyStopping;
        keys.insert(keys.end(), {"op", "value", "tolerance"});
    } else {
        throw InputError(file, joinJsonPath(field, "kind"),
                         "\"" + kind
                             + "\": expected threshold, compare, rise_from_min, fall_from_max, "
                               "majority_class or early_stopping");
    }
    for (const auto &[key, value] : check.items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()
            && std::find(otherKeys.begin(), otherKeys.end(), key) == otherKeys.end())
            throw InputError(file, joinJsonPath(field, key),
                             "is not a key of a \"" + kind + "\" check");
    }
    const std::string metricField = joinJsonPath(field, "metric");
    if (e.kind == ExpectationKind::EarlyStopping)
        e.metric =
            parseEarlyStoppingField(text(check, "metric", file, field, true), file, metricField);
    else
        e.metric =
            parseMetricRef(text(check, "metric", file, field, true), layers, file, metricField);

    if (e.kind == ExpectationKind::Threshold || e.kind == ExpectationKind::Compare
        || e.kind == ExpectationKind::EarlyStopping) {
        const std::string op = text(check, "op", file, field, true);
        const auto *info = std::find_if(std::begin(kOps), std::end(kOps),
                                        [&](const OpInfo &o) { return op == o.text; });
        if (info == std::end(kOps))
            throw InputError(file, joinJsonPath(field, "op"),
                             "\"" + op + "\": expected <, <=, >, >= or ==");
        e.op = info->op;
        if (e.kind != ExpectationKind::EarlyStopping)
            e.at = parseAt(check, file, field);
        e.tolerance = number(check, "tolerance", file, field, 0.0, false);
        if (e.tolerance < 0.0)
            throw InputError(file, joinJsonPath(field, "tolerance"), "must be >= 0");
        if (check.contains("tolerance") && e.op != Comparison::Equal)
            throw InputError(file, joinJsonPath(field, "tolerance"), "only goes with op \"==\"");
    }
    switch (e.kind) {
    case ExpectationKind::Threshold:
    case ExpectationKind::EarlyStopping:
        e.value = number(check, "value", file, field, 0.0, true);
        break;
    case ExpectationKind::Compare:
        e.right = parseMetricRef(text(check, "right", file, field, true), layers, file,
                                 joinJsonPath(field, "right"));
        e.factor = number(check, "factor", file, field, 1.0, false);
        if (!(e.factor > 0.0))
            throw InputError(file, joinJsonPath(field, "factor"), "must be > 0");
        if (e.metric.text() == e.right.text())
            throw InputError(file, joinJsonPath(field, "right"),
                             "compares \"" + e.metric.text() + "\" with itself");
        if (!e.right.step.empty() && e.at.kind != EpochSelector::Kind::End
            && e.at.kind != EpochSelector::Kind::Epoch)
            throw InputError(file, joinJsonPath(field, "at"),
                             "a comparison with another step's run needs \"end\" or an epoch");
        break;
    case ExpectationKind::RiseFromMin:
    case ExpectationKind::FallFromMax:
        e.by = number(check, "by", file, field, 0.0, true);
        if (e.by < 0.0 || e.by > (e.kind == ExpectationKind::FallFromMax ? 1.0 : 1000.0))
            throw InputError(file, joinJsonPath(field, "by"),
                             e.kind == ExpectationKind::FallFromMax
                                 ? "expected a fraction from 0 to 1 (0.3 = 30 %)"
                                 : "expected a fraction from 0 to 1000 (0.3 = 30 %)");
        break;
    case ExpectationKind::MajorityClass:
        e.tolerance = number(check, "tolerance", file, field, 0.01, false);
        if (e.tolerance < 0.0 || e.tolerance > 1.0)
            throw InputError(file, joinJsonPath(field, "tolerance"),
                             "expected an accuracy difference from 0 to 1");
        if (e.metric.metric != "train_accuracy" && e.metric.metric != "test_accuracy"
            && e.metric.metric != "val_accuracy")
            throw InputError(file, metricField,
                             "a majority_class check reads train_accuracy, test_accuracy or "
                             "val_accuracy");
        break;
    }
    return e;
}

double majorityShare(const MatrixF &labels) {
    if (labels.rows() != 1 || labels.cols() == 0)
        return kNaN;
    std::map<long long, long long> counts;
    for (Index i = 0; i < labels.cols(); ++i)
        ++counts[std::llround(labels(0, i))];
    long long most = 0;
    for (const auto &[label, count] : counts)
        most = std::max(most, count);
    return double(most) / double(labels.cols());
}

std::string lessonNumber(double v, bool percent) {
    if (!std::isfinite(v))
        return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    char buffer[64];
    if (percent)
        std::snprintf(buffer, sizeof buffer, "%.1f%%", 100.0 * v);
    else
        std::snprintf(buffer, sizeof buffer, "%.3g", v);
    return buffer;
}

CheckOutcome evaluateExpectation(const Expectation &e, const LessonRuns &runs,
                                 const std::string &step) {
    CheckOutcome out;
    const LessonRun *run = runOf(e.metric, runs, step);
    if (e.kind == ExpectationKind::EarlyStopping) {
        if (!run || !run->earlyStopping)
            return out;
        const auto value = earlyStoppingValue(*run->earlyStopping, e.metric.metric);
        if (!value)
            return out; // it has not done that (yet)
        out.holds = compare(*value, e.op, e.value, e.tolerance);
        out.measured = lessonNumber(*value);
        return out;
    }
    if (!run || run->epochs.empty())
        return out;
    const auto endValue = metricValue(run->epochs.back(), e.metric.metric);
    switch (e.kind) {
    case ExpectationKind::Threshold:
    case ExpectationKind::Compare: {
        const LessonRun *rightRun =
            e.kind == ExpectationKind::Compare ? runOf(e.right, runs, step) : nullptr;
        if (e.kind == ExpectationKind::Compare && (!rightRun || rightRun->epochs.empty()))
            return out;
        const std::vector<std::size_t> selected = selectedEpochs(*run, e.at);
        if (selected.empty())
            return out;
        const bool every = e.at.kind == EpochSelector::Kind::Every;
        const bool otherRun = e.kind == ExpectationKind::Compare && rightRun != run;
        bool holds = every;
        std::string shown;
        for (std::size_t index : selected) {
            const EpochMetrics &m = run->epochs[index];
            const auto left = metricValue(m, e.metric.metric);
            std::optional<double> right = e.value;
            if (e.kind == ExpectationKind::Compare)
                right = valueAt(e.right, *rightRun, m.epoch,
                                otherRun && e.at.kind == EpochSelector::Kind::End);
            if (!left || !right)
                return out; // a metric this run does not have
            const double target = e.kind == ExpectationKind::Compare ? e.factor * *right : *right;
            const bool ok = compare(*left, e.op, target, e.tolerance);
            // A share (accuracy, sparsity) against a fixed value reads best as a percentage.
            const bool percent = e.kind == ExpectationKind::Threshold && isShare(e.metric.metric);
            std::string text = lessonNumber(*left, percent);
            if (e.kind == ExpectationKind::Compare)
                text += std::string(" ") + (ok ? opSymbol(e.op) : "vs") + " "
                        + (e.factor != 1.0 ? lessonNumber(e.factor) + " × " : "")
                        + lessonNumber(*right);
            if (e.at.kind != EpochSelector::Kind::End)
                text += " @ " + std::to_string(m.epoch);
            if (every && !ok) { // the first epoch that breaks the claim
                holds = false;
                shown = text;
                break;
            }
            if (!every && ok) { // the first epoch that makes it true
                holds = true;
                shown = text;
                break;
            }
            shown = text; // the last one looked at
        }
        out.holds = holds;
        out.measured = shown;
        return out;
    }
    case ExpectationKind::RiseFromMin:
    case ExpectationKind::FallFromMax: {
        const bool rise = e.kind == ExpectationKind::RiseFromMin;
        const auto best = extreme(*run, e.metric.metric, !rise);
        if (!endValue || !best)
            return out;
        const double ratio = *endValue / best->first;
        out.holds = rise ? *endValue >= (1.0 + e.by) * best->first
                         : *endValue <= (1.0 - e.by) * best->first;
        out.holds = out.holds && best->second < run->epochs.back().epoch;
        out.measured = lessonNumber(*endValue) + " = " + lessonNumber(ratio) + " × "
                       + lessonNumber(best->first) + " (" + (rise ? "min" : "max") + " @ "
                       + std::to_string(best->second) + ")";
        return out;
    }
    case ExpectationKind::MajorityClass: {
        const std::string &m = e.metric.metric;
        const double share = m == "train_accuracy"  ? run->trainMajorityShare
                             : m == "test_accuracy" ? run->testMajorityShare
                                                    : run->valMajorityShare;
        if (!endValue || std::isnan(share))
            return out;
        out.holds = std::abs(*endValue - share) <= e.tolerance;
        out.measured = lessonNumber(*endValue, true) + (out.holds ? " ≈ " : " vs ")
                       + lessonNumber(share, true);
        return out;
    }
    case ExpectationKind::EarlyStopping: // handled above: it reads no epochs
        return out;
    }
    return out;
}

} // namespace reglab
