// SPDX-License-Identifier: GPL-3.0-or-later
// The lesson checks on hand-made histories: every kind of expectation, each epoch selector,
// runs of other steps, runs that have not got there yet, the numbers shown to the student,
// and the errors for checks that are written wrong.
#include "core/lesson/expectation.h"

#include "core/data/dataset.h"
#include "core/error.h"
#include "core/lesson/lesson.h"
#include "core/lesson/lesson_run.h"
#include "core/train/trainer.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <cmath>

using namespace reglab;
using Json = nlohmann::ordered_json;

namespace {

const std::vector<std::string> kLayers = {"hidden1", "logits"};

/// A run whose epoch e (from 0) has test_data_loss = test[e], train_data_loss = train[e]
/// and hidden1.sparsity = sparsity[e] (0 when not given).
LessonRun makeRun(const std::vector<double> &test, const std::vector<double> &train = {},
                  const std::vector<double> &sparsity = {}) {
    LessonRun run;
    for (std::size_t e = 0; e < test.size(); ++e) {
        EpochMetrics m;
        m.epoch = int(e);
        m.testDataLoss = test[e];
        m.trainDataLoss = e < train.size() ? train[e] : 0.0;
        m.testAccuracy = 0.5;
        LayerMetrics layer;
        layer.name = "hidden1";
        layer.sparsity = e < sparsity.size() ? sparsity[e] : 0.0;
        layer.kernelL2Norm = 2.0 * double(e);
        layer.kernelL1Loss = 0.25;
        layer.kernelL2Loss = 0.5;
        m.layers.push_back(layer);
        run.epochs.push_back(m);
    }
    return run;
}

Expectation parse(const char *json) {
    return parseExpectation(Json::parse(json), kLayers, {"claim"}, "lesson.json", "checks.0");
}

CheckOutcome evaluate(const char *json, const LessonRuns &runs, const std::string &step = "a") {
    return evaluateExpectation(parse(json), runs, step);
}

} // namespace

class TestExpectation : public QObject {
    Q_OBJECT
private slots:
    void metricValues();
    void thresholdAtTheEnd();
    void thresholdAnyEveryAndEpoch();
    void compareWithAFactor();
    void compareWithAnotherStep();
    void equalWithinTolerance();
    void riseFromMin_data();
    void riseFromMin();
    void fallFromMax();
    void majorityClass();
    void majorityShareCountsLabels();
    void notYetWithoutARun();
    void lessonNumbers();
    void earlyStoppingRecord_data();
    void earlyStoppingRecord();
    void earlyStoppingNotYet();
    void earlyStoppingFromATrainedStep();
    void badChecks_data();
    void badChecks();
};

void TestExpectation::metricValues() {
    const LessonRun run = makeRun({1.0, 0.5}, {0.9, 0.4});
    const EpochMetrics &m = run.epochs[1];
    QCOMPARE(*metricValue(m, "test_data_loss"), 0.5);
    QCOMPARE(*metricValue(m, "train_data_loss"), 0.4);
    QCOMPARE(*metricValue(m, "hidden1.kernel_l2_norm"), 2.0);
    QCOMPARE(*metricValue(m, "hidden1.penalty"), 0.75); // 0.25 (L1) + 0.5 (L2)
    QCOMPARE(*metricValue(m, "hidden1.l1_loss"), 0.25);
    QVERIFY(!metricValue(m, "val_data_loss")); // no validation split
    QVERIFY(!metricValue(m, "hidden2.sparsity"));
    QVERIFY(!metricValue(m, "nonsense"));
}

void TestExpectation::thresholdAtTheEnd() {
    const LessonRuns runs{{"a", makeRun({1.0, 0.8, 0.3})}};
    CheckOutcome o = evaluate(
        R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": 0.5})", runs);
    QVERIFY(o.holds);
    QCOMPARE(o.measured, std::string("0.3"));
    // Strict and non-strict at the boundary.
    QVERIFY(
        !evaluate(R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": 0.3})",
                  runs)
             .holds);
    QVERIFY(
        evaluate(R"({"kind": "threshold", "metric": "test_data_loss", "op": "<=", "value": 0.3})",
                 runs)
            .holds);
    QVERIFY(
        !evaluate(R"({"kind": "threshold", "metric": "test_data_loss", "op": ">", "value": 0.3})",
                  runs)
             .holds);
}

void TestExpectation::thresholdAnyEveryAndEpoch() {
    // sparsity 0 (epoch 0), 0.2, 0.6, 0.4: passes 50 % at epoch 2, ends below it.
    const LessonRuns runs{{"a", makeRun({1, 1, 1, 1}, {}, {0.0, 0.2, 0.6, 0.4})}};
    CheckOutcome any = evaluate(
        R"({"kind": "threshold", "metric": "hidden1.sparsity", "op": ">=", "value": 0.5, "at": "any"})",
        runs);
    QVERIFY(any.holds);
    QCOMPARE(any.measured, std::string("60.0% @ 2"));
    QVERIFY(!evaluate(
                 R"({"kind": "threshold", "metric": "hidden1.sparsity", "op": ">=", "value": 0.5})",
                 runs)
                 .holds);
    // Every epoch from 1 on: epoch 0's 0 does not count, epoch 1's 0.2 breaks "> 0.3".
    CheckOutcome every = evaluate(
        R"({"kind": "threshold", "metric": "hidden1.sparsity", "op": ">", "value": 0.3, "at": "every"})",
        runs);
    QVERIFY(!every.holds);
    QCOMPARE(every.measured, std::string("20.0% @ 1"));
    QVERIFY(
        evaluate(
            R"({"kind": "threshold", "metric": "hidden1.sparsity", "op": ">", "value": 0.1, "at": "every"})",
            runs)
            .holds);
    QVERIFY(
        evaluate(
            R"({"kind": "threshold", "metric": "hidden1.sparsity", "op": "==", "value": 0.6, "at": 2})",
            runs)
            .holds);
    // Epoch 7 is not reached yet: not yet, and nothing to show.
    CheckOutcome later = evaluate(
        R"({"kind": "threshold", "metric": "hidden1.sparsity", "op": ">", "value": 0, "at": 7})",
        runs);
    QVERIFY(!later.holds);
    QVERIFY(later.measured.empty());
}

void TestExpectation::compareWithAFactor() {
    // End: test 0.9, train 0.4; 0.9 > 2 × 0.4 = 0.8 but not > 3 × 0.4 = 1.2.
    const LessonRuns runs{{"a", makeRun({1.0, 0.9}, {1.0, 0.4})}};
    CheckOutcome o = evaluate(
        R"({"kind": "compare", "metric": "test_data_loss", "op": ">", "factor": 2, "right": "train_data_loss"})",
        runs);
    QVERIFY(o.holds);
    QCOMPARE(o.measured, std::string("0.9 > 2 × 0.4"));
    CheckOutcome no = evaluate(
        R"({"kind": "compare", "metric": "test_data_loss", "op": ">", "factor": 3, "right": "train_data_loss"})",
        runs);
    QVERIFY(!no.holds);
    QCOMPARE(no.measured, std::string("0.9 vs 3 × 0.4"));
    // At epoch 0 both are 1.0.
    QVERIFY(
        evaluate(
            R"({"kind": "compare", "metric": "test_data_loss", "op": "<=", "right": "train_data_loss", "at": 0})",
            runs)
            .holds);
}

void TestExpectation::compareWithAnotherStep() {
    // Step b's hidden1 norm ends at 2 × 3 = 6; step a's at 2 × 1 = 2 (a has fewer epochs:
    // another step's run is read at its own end).
    LessonRuns runs{{"a", makeRun({1, 1})}, {"b", makeRun({1, 1, 1, 1})}};
    const char *check = R"({"kind": "compare", "metric": "hidden1.kernel_l2_norm@b", "op": ">",
                            "factor": 2.5, "right": "hidden1.kernel_l2_norm"})";
    CheckOutcome o = evaluate(check, runs, "a");
    QVERIFY(o.holds); // 6 > 2.5 × 2
    QCOMPARE(o.measured, std::string("6 > 2.5 × 2"));
    // From step b's point of view "hidden1.kernel_l2_norm" is b's own: 6 > 2.5 × 6 is false.
    QVERIFY(!evaluate(check, runs, "b").holds);
    // Without step b's run the check is not decided yet.
    runs.erase("b");
    QVERIFY(!evaluate(check, runs, "a").holds);
    QVERIFY(evaluate(check, runs, "a").measured.empty());
}

void TestExpectation::equalWithinTolerance() {
    const LessonRuns runs{{"a", makeRun({0.5, 0.30001}, {0.5, 0.3})}};
    QVERIFY(
        !evaluate(
             R"({"kind": "compare", "metric": "test_data_loss", "op": "==", "right": "train_data_loss", "at": "every"})",
             runs)
             .holds);
    QVERIFY(
        evaluate(
            R"({"kind": "compare", "metric": "test_data_loss", "op": "==", "right": "train_data_loss", "tolerance": 1e-4, "at": "every"})",
            runs)
            .holds);
}

void TestExpectation::riseFromMin_data() {
    QTest::addColumn<double>("by");
    QTest::addColumn<bool>("holds");
    // Minimum 0.5 at epoch 2, end 0.75 = 1.5 × 0.5 (both exact in binary).
    QTest::newRow("by_30_percent") << 0.3 << true;
    QTest::newRow("by_50_percent_exactly") << 0.5 << true;
    QTest::newRow("by_60_percent") << 0.6 << false;
}

void TestExpectation::riseFromMin() {
    QFETCH(double, by);
    QFETCH(bool, holds);
    const LessonRuns runs{{"a", makeRun({1.0, 0.7, 0.5, 0.6, 0.75})}};
    Expectation e = parse(R"({"kind": "rise_from_min", "metric": "test_data_loss", "by": 0.3})");
    e.by = by;
    const CheckOutcome o = evaluateExpectation(e, runs, "a");
    QCOMPARE(o.holds, holds);
    QCOMPARE(o.measured, std::string("0.75 = 1.5 × 0.5 (min @ 2)"));
    // A curve still falling has its minimum at the end: no rise, whatever `by`.
    const LessonRuns falling{{"a", makeRun({1.0, 0.7, 0.4})}};
    e.by = 0.0;
    QVERIFY(!evaluateExpectation(e, falling, "a").holds);
}

void TestExpectation::fallFromMax() {
    LessonRun run = makeRun({1, 1, 1, 1});
    const double accuracy[] = {0.1, 0.5, 0.3, 0.12};
    for (std::size_t e = 0; e < 4; ++e)
        run.epochs[e].testAccuracy = accuracy[e];
    const LessonRuns runs{{"a", run}};
    // 0.12 <= (1 - 0.7) × 0.5 = 0.15; not <= (1 - 0.8) × 0.5 = 0.1.
    CheckOutcome o =
        evaluate(R"({"kind": "fall_from_max", "metric": "test_accuracy", "by": 0.7})", runs);
    QVERIFY(o.holds);
    QCOMPARE(o.measured, std::string("0.12 = 0.24 × 0.5 (max @ 1)"));
    QVERIFY(!evaluate(R"({"kind": "fall_from_max", "metric": "test_accuracy", "by": 0.8})", runs)
                 .holds);
}

void TestExpectation::majorityClass() {
    LessonRun run = makeRun({1, 1});
    run.epochs[1].testAccuracy = 0.115;
    run.testMajorityShare = 0.11;
    LessonRuns runs{{"a", run}};
    CheckOutcome o = evaluate(
        R"({"kind": "majority_class", "metric": "test_accuracy", "tolerance": 0.01})", runs);
    QVERIFY(o.holds);
    QCOMPARE(o.measured, std::string("11.5% ≈ 11.0%"));
    QVERIFY(
        !evaluate(R"({"kind": "majority_class", "metric": "test_accuracy", "tolerance": 0.001})",
                  runs)
             .holds);
    // Default tolerance 0.01; a regression run (no classes) never collapses to one.
    runs["a"].testMajorityShare = std::nan("");
    QVERIFY(!evaluate(R"({"kind": "majority_class", "metric": "test_accuracy"})", runs).holds);
}

void TestExpectation::majorityShareCountsLabels() {
    MatrixF labels(1, 8);
    labels << 1, 1, 2, 1, 0, 2, 1, 3; // four 1s of 8
    QCOMPARE(majorityShare(labels), 0.5);
    QVERIFY(std::isnan(majorityShare(MatrixF(2, 3))));
    QVERIFY(std::isnan(majorityShare(MatrixF(1, 0))));
}

void TestExpectation::notYetWithoutARun() {
    const LessonRuns none;
    const CheckOutcome o = evaluate(
        R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": 1})", none);
    QVERIFY(!o.holds);
    QVERIFY(o.measured.empty());
    const LessonRuns empty{{"a", LessonRun{}}};
    QVERIFY(!evaluate(R"({"kind": "rise_from_min", "metric": "test_data_loss", "by": 0})", empty)
                 .holds);
}

void TestExpectation::lessonNumbers() {
    QCOMPARE(lessonNumber(0.74153), std::string("0.742"));
    QCOMPARE(lessonNumber(27.07), std::string("27.1"));
    QCOMPARE(lessonNumber(0.004776), std::string("0.00478"));
    QCOMPARE(lessonNumber(148), std::string("148"));
    QCOMPARE(lessonNumber(0.93, true), std::string("93.0%"));
    QCOMPARE(lessonNumber(std::nan("")), std::string("nan"));
}

/// An "early_stopping" check reads the run's record: stopped after epoch 12, best (and
/// restored) epoch 9; "@b" reads step b's record, which ran to the end (best 20).
void TestExpectation::earlyStoppingRecord_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<bool>("holds");
    QTest::addColumn<QString>("measured");
    QTest::newRow("stopped_early")
        << R"({"kind": "early_stopping", "metric": "stopped_early", "op": "==", "value": 1})"
        << true << "1";
    QTest::newRow("stopped_before_15")
        << R"({"kind": "early_stopping", "metric": "stopped_epoch", "op": "<", "value": 15})"
        << true << "12";
    QTest::newRow("stopped_before_12_fails")
        << R"({"kind": "early_stopping", "metric": "stopped_epoch", "op": "<", "value": 12})"
        << false << "12";
    QTest::newRow("best_epoch_is_9")
        << R"({"kind": "early_stopping", "metric": "best_epoch", "op": "==", "value": 9})" << true
        << "9";
    QTest::newRow("restored_at_least_8")
        << R"({"kind": "early_stopping", "metric": "restored_epoch", "op": ">=", "value": 8})"
        << true << "9";
    QTest::newRow("other_step_ran_to_the_end")
        << R"({"kind": "early_stopping", "metric": "stopped_early@b", "op": "==", "value": 0})"
        << true << "0";
    QTest::newRow("other_step_best_epoch")
        << R"({"kind": "early_stopping", "metric": "best_epoch@b", "op": ">", "value": 15})" << true
        << "20";
    // b never stopped: its stop epoch has no value, so no claim about it holds.
    QTest::newRow("other_step_has_no_stop_epoch")
        << R"({"kind": "early_stopping", "metric": "stopped_epoch@b", "op": ">", "value": 0})"
        << false << "";
}

void TestExpectation::earlyStoppingRecord() {
    QFETCH(QString, json);
    QFETCH(bool, holds);
    QFETCH(QString, measured);
    LessonRuns runs;
    runs["a"] = makeRun({1.0, 0.5, 0.7});
    runs["a"].earlyStopping = LessonEarlyStopping{12, 9, 9};
    runs["b"] = makeRun({1.0, 0.5});
    runs["b"].earlyStopping = LessonEarlyStopping{0, 20, 0};
    const CheckOutcome out = evaluate(json.toUtf8().constData(), runs);
    QCOMPARE(out.holds, holds);
    QCOMPARE(QString::fromStdString(out.measured), measured);
}

/// Without early stopping in the experiment (no record) or before it has acted, nothing
/// holds; "stopped_early == 0" holds while it has not stopped.
void TestExpectation::earlyStoppingNotYet() {
    LessonRuns runs;
    runs["a"] = makeRun({1.0, 0.5});
    const char *stopped =
        R"({"kind": "early_stopping", "metric": "stopped_early", "op": "==", "value": 1})";
    const char *notStopped =
        R"({"kind": "early_stopping", "metric": "stopped_early", "op": "==", "value": 0})";
    const char *best =
        R"({"kind": "early_stopping", "metric": "best_epoch", "op": ">", "value": 0})";
    QVERIFY(!evaluate(stopped, runs).holds);
    QVERIFY(!evaluate(notStopped, runs).holds); // no record at all
    QVERIFY(evaluate(notStopped, runs).measured.empty());
    runs["a"].earlyStopping = LessonEarlyStopping{};
    QVERIFY(!evaluate(stopped, runs).holds);
    QVERIFY(evaluate(notStopped, runs).holds);
    QVERIFY(!evaluate(best, runs).holds);
    QVERIFY(!evaluate(stopped, {}).holds); // no run
}

/// The headless lesson runner fills the record from the trainer: the same stop and best
/// epochs as a Trainer running the step's experiment on its own, and the checks read them.
void TestExpectation::earlyStoppingFromATrainedStep() {
    ExperimentSpec spec;
    spec.seed = 3;
    spec.dataset.source = "moons";
    spec.dataset.samples = 120;
    spec.dataset.noise = 0.3;
    spec.dataset.validationFraction = 0.25;
    LayerSpec hidden;
    hidden.name = "hidden1";
    hidden.units = 32;
    hidden.activation = Activation::Relu;
    LayerSpec logits;
    logits.name = "logits";
    logits.units = 2;
    spec.model.layers = {hidden, logits};
    spec.optimizer.learningRate = 0.05;
    spec.training.batchSize = 8;
    spec.training.epochs = 200;
    EarlyStoppingSpec es;
    es.monitor = "val_data_loss";
    es.patience = 3;
    es.restoreBestWeights = true;
    spec.training.earlyStopping = es;
    spec.validate();

    Lesson lesson;
    LessonStep step;
    step.id = "a";
    step.experiment = spec;
    lesson.steps = {step};
    LessonRuns runs;
    runs["a"] = runLessonStep(lesson, 0, 0, 1);
    QVERIFY(runs["a"].earlyStopping.has_value());
    const LessonEarlyStopping record = *runs["a"].earlyStopping;

    Trainer trainer(spec, std::make_shared<const Dataset>(loadDataset(spec.dataset, spec.seed)));
    trainer.run();
    const EarlyStopInfo &info = trainer.earlyStopInfo();
    qInfo("stopped after epoch %d, best %d, restored %d", record.stoppedEpoch, record.bestEpoch,
          record.restoredEpoch);
    QVERIFY2(info.stoppedEpoch > 0 && info.stoppedEpoch < 200, "the case must stop early");
    QCOMPARE(record.stoppedEpoch, info.stoppedEpoch);
    QCOMPARE(record.bestEpoch, info.bestEpoch);
    QCOMPARE(record.restoredEpoch, info.restoredEpoch);
    QCOMPARE(record.stoppedEpoch, runs["a"].epochs.back().epoch); // the history ends there
    // Keras's patience: it stops `patience` epochs after the best one.
    QCOMPARE(record.stoppedEpoch, record.bestEpoch + 3);
    QCOMPARE(record.restoredEpoch, record.bestEpoch);
    QVERIFY(
        evaluate(R"({"kind": "early_stopping", "metric": "stopped_early", "op": "==", "value": 1})",
                 runs)
            .holds);
    const std::string restoredCheck =
        R"({"kind": "early_stopping", "metric": "restored_epoch", "op": "==", "value": )"
        + std::to_string(info.bestEpoch) + "}";
    QVERIFY(evaluate(restoredCheck.c_str(), runs).holds);
}

void TestExpectation::badChecks_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    QTest::newRow("unknown_kind") << R"({"kind": "above", "metric": "test_data_loss"})"
                                  << "checks.0.kind"
                                  << "expected threshold, compare";
    QTest::newRow("no_kind") << R"({"metric": "test_data_loss"})"
                             << "checks.0.kind"
                             << "is missing";
    QTest::newRow("unknown_metric")
        << R"({"kind": "threshold", "metric": "test_loss", "op": "<", "value": 1})"
        << "checks.0.metric"
        << "is not a metric";
    QTest::newRow("unknown_layer")
        << R"({"kind": "threshold", "metric": "hidden3.sparsity", "op": "<", "value": 1})"
        << "checks.0.metric"
        << "no dense or conv2d layer \"hidden3\"";
    QTest::newRow("bad_op")
        << R"({"kind": "threshold", "metric": "test_data_loss", "op": "=>", "value": 1})"
        << "checks.0.op"
        << "expected <, <=";
    QTest::newRow("value_not_a_number")
        << R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": "1"})"
        << "checks.0.value"
        << "expected a number";
    QTest::newRow("missing_value")
        << R"({"kind": "threshold", "metric": "test_data_loss", "op": "<"})"
        << "checks.0.value"
        << "is missing";
    QTest::newRow("key_of_another_kind")
        << R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": 1, "by": 0.3})"
        << "checks.0.by"
        << "is not a key of a \"threshold\" check";
    QTest::newRow("bad_at")
        << R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": 1, "at": "last"})"
        << "checks.0.at"
        << "expected \"end\", \"any\"";
    QTest::newRow("tolerance_without_equal")
        << R"({"kind": "threshold", "metric": "test_data_loss", "op": "<", "value": 1, "tolerance": 0.1})"
        << "checks.0.tolerance"
        << "only goes with op";
    QTest::newRow("compare_with_itself")
        << R"({"kind": "compare", "metric": "test_data_loss", "op": "<", "right": "test_data_loss"})"
        << "checks.0.right"
        << "with itself";
    QTest::newRow("zero_factor")
        << R"({"kind": "compare", "metric": "test_data_loss", "op": "<", "right": "train_data_loss", "factor": 0})"
        << "checks.0.factor"
        << "must be > 0";
    QTest::newRow("other_step_at_any")
        << R"({"kind": "compare", "metric": "test_data_loss", "op": "<", "right": "test_data_loss@b", "at": "any"})"
        << "checks.0.at"
        << "another step's run";
    QTest::newRow("empty_step")
        << R"({"kind": "rise_from_min", "metric": "test_data_loss@", "by": 0.3})"
        << "checks.0.metric"
        << "expected a step id";
    QTest::newRow("fall_by_more_than_one")
        << R"({"kind": "fall_from_max", "metric": "test_accuracy", "by": 1.5})"
        << "checks.0.by"
        << "from 0 to 1";
    QTest::newRow("early_stopping_unknown_field")
        << R"({"kind": "early_stopping", "metric": "stop_epoch", "op": "<", "value": 10})"
        << "checks.0.metric"
        << "stopped_early, stopped_epoch, best_epoch or restored_epoch";
    QTest::newRow("early_stopping_of_a_metric")
        << R"({"kind": "early_stopping", "metric": "test_data_loss", "op": "<", "value": 10})"
        << "checks.0.metric"
        << "an early_stopping check reads";
    QTest::newRow("early_stopping_empty_step")
        << R"({"kind": "early_stopping", "metric": "best_epoch@", "op": "<", "value": 10})"
        << "checks.0.metric"
        << "optionally @step";
    QTest::newRow("early_stopping_with_at")
        << R"({"kind": "early_stopping", "metric": "best_epoch", "op": "<", "value": 10, "at": 3})"
        << "checks.0.at"
        << "is not a key of a \"early_stopping\" check";
    QTest::newRow("early_stopping_without_value")
        << R"({"kind": "early_stopping", "metric": "best_epoch", "op": "<"})"
        << "checks.0.value"
        << "is missing";
    QTest::newRow("majority_of_a_loss")
        << R"({"kind": "majority_class", "metric": "test_data_loss"})"
        << "checks.0.metric"
        << "reads train_accuracy";
}

void TestExpectation::badChecks() {
    QFETCH(QString, json);
    QFETCH(QString, field);
    QFETCH(QString, says);
    try {
        parse(json.toUtf8().constData());
        QFAIL("no error");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("lesson.json"));
        QCOMPARE(QString::fromStdString(e.field()), field);
        QVERIFY2(QString::fromStdString(e.message()).contains(says), e.what());
    }
}

QTEST_APPLESS_MAIN(TestExpectation)
#include "tst_expectation.moc"
