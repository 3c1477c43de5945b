// SPDX-License-Identifier: GPL-3.0-or-later
// Comparisons of regularization settings (core/compare/sweep.h): variant generators, applying
// variants, the guarantee that every variant starts from the same weights and batches,
// run summaries, the collapse flag and summary.csv.

#include "core/compare/sweep.h"
#include "core/data/dataset.h"
#include "core/error.h"
#include "core/train/trainer.h"
#include "support/test_support.h"

#include <QtTest>

#include <cmath>

using namespace reglab;
using namespace reglab::test;

namespace {

/// 200 circle points, 2 -> 8 tanh -> 2, Adam 0.01, 30 epochs of batch 16 (~0.1 s a run).
ExperimentSpec circleSpec() {
    ExperimentSpec s;
    s.name = "circle";
    s.seed = 7;
    s.dataset.source = "circle";
    s.dataset.samples = 200;
    s.dataset.noise = 0.1;
    s.dataset.testFraction = 0.25;
    s.model.layers = {dense("hidden", 8, Activation::Tanh, RegularizerSpec{1e-5, 0.0}),
                      dense("logits", 2, Activation::Linear)};
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 16;
    s.training.epochs = 30;
    return s;
}

std::shared_ptr<const Dataset> load(const ExperimentSpec &s) {
    return std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
}

/// A hand-made classification set whose test labels are `testLabels`; train labels are
/// `trainLabels`. Features are irrelevant here.
Dataset labelledSet(const std::vector<int> &trainLabels, const std::vector<int> &testLabels,
                    int classes) {
    Dataset d;
    d.name = "hand";
    d.task = TaskKind::Classification;
    d.numClasses = classes;
    d.trainX = MatrixF::Zero(2, Index(trainLabels.size()));
    d.trainY.resize(1, Index(trainLabels.size()));
    for (std::size_t i = 0; i < trainLabels.size(); ++i)
        d.trainY(0, Index(i)) = float(trainLabels[i]);
    d.testX = MatrixF::Zero(2, Index(testLabels.size()));
    d.testY.resize(1, Index(testLabels.size()));
    for (std::size_t i = 0; i < testLabels.size(); ++i)
        d.testY(0, Index(i)) = float(testLabels[i]);
    return d;
}

EpochMetrics epochWith(int epoch, double trainAcc, double testAcc, double testLoss = 0.5) {
    EpochMetrics m;
    m.epoch = epoch;
    m.trainAccuracy = trainAcc;
    m.testAccuracy = testAcc;
    m.trainDataLoss = 0.4;
    m.testDataLoss = testLoss;
    m.regLoss = 0.01 * epoch;
    return m;
}

} // namespace

class TestSweep : public QObject {
    Q_OBJECT

private slots:
    void formatScaleReadsLikeAPerson_data() {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("decade_small") << 1e-4 << "1e-4";
        QTest::newRow("decade_1e-3") << 1e-3 << "1e-3";
        QTest::newRow("mantissa") << 2.5e-5 << "2.5e-5";
        QTest::newRow("three_milli") << 3e-3 << "3e-3";
        QTest::newRow("hundredth") << 0.01 << "0.01";
        QTest::newRow("tenth") << 0.1 << "0.1";
        QTest::newRow("five_hundredths") << 0.05 << "0.05";
        QTest::newRow("one") << 1.0 << "1";
        QTest::newRow("twenty") << 20.0 << "20";
        QTest::newRow("large") << 1e4 << "1e4";
    }
    void formatScaleReadsLikeAPerson() {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(formatScale(value)), text);
    }

    void parseScaleListAcceptsTheProductExample() {
        const std::vector<double> v = parseScaleList("0, 1e-4, 1e-3, 1e-2, 1e-1, 1");
        QCOMPARE(v, (std::vector<double>{0.0, 1e-4, 1e-3, 1e-2, 0.1, 1.0}));
        QCOMPARE(parseScaleList(" 0.5;2 3 "), (std::vector<double>{0.5, 2.0, 3.0}));
    }

    void parseScaleListRejectsBadText_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << " , "
                               << "no values given";
        QTest::newRow("word") << "0, abc"
                              << "\"abc\" is not a number";
        QTest::newRow("trailing_junk") << "1e-3x"
                                       << "\"1e-3x\" is not a number";
        QTest::newRow("negative") << "-1"
                                  << "outside 0 .. 1e12";
        QTest::newRow("nan") << "nan"
                             << "is not a number";
        QTest::newRow("twice") << "0.1, 1e-1"
                               << "\"1e-1\" is listed twice";
    }
    void parseScaleListRejectsBadText() {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            parseScaleList(text.toStdString());
            QFAIL("no error");
        } catch (const InputError &e) {
            QCOMPARE(QString::fromStdString(e.field()), QString("values"));
            QVERIFY2(QString::fromStdString(e.message()).contains(message), e.what());
        }
    }

    void logRangeHitsTheDecadesExactly() {
        QCOMPARE(logRange(1e-4, 1.0, 5), (std::vector<double>{1e-4, 1e-3, 1e-2, 0.1, 1.0}));
        const std::vector<double> half = logRange(1e-2, 1.0, 3);
        QCOMPARE(half, (std::vector<double>{1e-2, 0.1, 1.0}));
        QVERIFY_THROWS_EXCEPTION(InputError, logRange(0.0, 1.0, 4));
        QVERIFY_THROWS_EXCEPTION(InputError, logRange(1.0, 0.1, 4));
        QVERIFY_THROWS_EXCEPTION(InputError, logRange(1e-3, 1.0, 1));
    }

    void scaleVariantsSetOneTermOfTheChosenLayers() {
        const ExperimentSpec base = circleSpec();
        const auto all = makeScaleVariants(base, -1, PenaltyTerm::L2, {0.0, 1e-3});
        QCOMPARE(all.size(), std::size_t(2));
        QCOMPARE(all[0].label, std::string("0"));
        QCOMPARE(all[1].label, std::string("1e-3"));
        QCOMPARE(all[1].value, 1e-3);
        QCOMPARE(all[1].overrides,
                 std::vector<std::string>{"model.layers.*.kernel_regularizer.l2=0.001"});
        const ExperimentSpec s = applyVariant(base, all[1]);
        QCOMPARE(s.model.layers[0].kernelRegularizer, (RegularizerSpec{1e-5, 1e-3})); // l1 kept
        QCOMPARE(s.model.layers[1].kernelRegularizer, (RegularizerSpec{0.0, 1e-3}));
        QCOMPARE(applyVariant(base, all[0]).model.layers[1].kernelRegularizer,
                 (RegularizerSpec{0.0, 0.0}));

        const auto one = makeScaleVariants(base, 1, PenaltyTerm::L1, {0.25});
        QCOMPARE(one[0].overrides,
                 std::vector<std::string>{"model.layers.1.kernel_regularizer.l1=0.25"});
        const ExperimentSpec t = applyVariant(base, one[0]);
        QCOMPARE(t.model.layers[0].kernelRegularizer, base.model.layers[0].kernelRegularizer);
        QCOMPARE(t.model.layers[1].kernelRegularizer, (RegularizerSpec{0.25, 0.0}));
        // Everything else is the base experiment.
        ExperimentSpec expected = base;
        expected.model.layers[1].kernelRegularizer = RegularizerSpec{0.25, 0.0};
        QVERIFY(t == expected);

        QVERIFY_THROWS_EXCEPTION(InputError, makeScaleVariants(base, 2, PenaltyTerm::L1, {1.0}));
        QVERIFY_THROWS_EXCEPTION(InputError, makeScaleVariants(base, -1, PenaltyTerm::L1, {-1.0}));
    }

    void kindVariantsReplaceTheRegularizer() {
        const ExperimentSpec base = circleSpec();
        const auto v = makeKindVariants(base, 0, 0.002);
        QCOMPARE(v.size(), std::size_t(4));
        const std::vector<std::optional<RegularizerSpec>> want{
            std::nullopt, RegularizerSpec{0.002, 0.0}, RegularizerSpec{0.0, 0.002},
            RegularizerSpec{0.002, 0.002}};
        for (std::size_t i = 0; i < v.size(); ++i) {
            QCOMPARE(v[i].value, double(i));
            const ExperimentSpec s = applyVariant(base, v[i]);
            QCOMPARE(s.model.layers[0].kernelRegularizer, want[i]);
            QCOMPARE(s.model.layers[1].kernelRegularizer, base.model.layers[1].kernelRegularizer);
        }
        QCOMPARE(v[3].label, std::string("L1+L2 2e-3"));
    }

    void conventionVariantsSwitchTheConvention() {
        const ExperimentSpec base = circleSpec();
        const auto v = makeConventionVariants(base);
        QCOMPARE(v.size(), std::size_t(2));
        QVERIFY(applyVariant(base, v[0]).l2Convention == L2Convention::Keras);
        QVERIFY(applyVariant(base, v[1]).l2Convention == L2Convention::Tf1);
        QCOMPARE(applyVariant(base, v[1]).model, base.model);
    }

    void coupledVsDecoupledMatchesPlainSgdDecay_data() {
        QTest::addColumn<int>("convention");
        QTest::addColumn<double>("decay");
        // Coupled gradient f b w with f = 2 (keras) or 1 (tf1); decoupled decay wd = f b.
        QTest::newRow("keras") << int(L2Convention::Keras) << 2e-3;
        QTest::newRow("tf1") << int(L2Convention::Tf1) << 1e-3;
    }
    void coupledVsDecoupledMatchesPlainSgdDecay() {
        QFETCH(int, convention);
        QFETCH(double, decay);
        ExperimentSpec base = circleSpec();
        base.l2Convention = L2Convention(convention);
        base.optimizer.type = OptimizerKind::Sgd;
        base.optimizer.momentum = 0.9;
        const auto v = makeCoupledVsDecoupled(base, 1e-3);
        QCOMPARE(v.size(), std::size_t(2));
        const ExperimentSpec coupled = applyVariant(base, v[0]);
        QVERIFY(coupled.optimizer.type == OptimizerKind::Adam);
        QCOMPARE(coupled.optimizer.weightDecay, 0.0);
        QCOMPARE(coupled.optimizer.momentum, 0.0);
        for (const LayerSpec &l : coupled.model.layers)
            QCOMPARE(l.kernelRegularizer, (RegularizerSpec{0.0, 1e-3}));
        const ExperimentSpec decoupled = applyVariant(base, v[1]);
        QVERIFY(decoupled.optimizer.type == OptimizerKind::AdamW);
        QCOMPARE(decoupled.optimizer.weightDecay, decay);
        QCOMPARE(decoupled.optimizer.learningRate, base.optimizer.learningRate);
        for (const LayerSpec &l : decoupled.model.layers)
            QVERIFY(!l.kernelRegularizer.has_value());
    }

    /// Four scales: same first-epoch batches, same initial weights, different endings; and
    /// each summary is its own run's history.
    void variantsShareInitAndBatches() {
        const ExperimentSpec base = circleSpec();
        const auto data = load(base);
        const auto variants = makeScaleVariants(base, -1, PenaltyTerm::L2, {0.0, 1e-3, 1e-1, 1.0});
        QCOMPARE(variants.size(), std::size_t(4));
        std::vector<std::unique_ptr<Trainer>> trainers;
        for (const Variant &v : variants)
            trainers.push_back(std::make_unique<Trainer>(applyVariant(base, v), data));

        const std::vector<Index> order = trainers[0]->epochOrder(1);
        QCOMPARE(Index(order.size()), data->trainSize());
        QVERIFY(order != trainers[0]->epochOrder(2)); // shuffled: the check can fail
        for (std::size_t r = 1; r < trainers.size(); ++r) {
            QCOMPARE(trainers[r]->epochOrder(1), order);
            const auto &a = trainers[0]->network().layers();
            const auto &b = trainers[r]->network().layers();
            QCOMPARE(a.size(), b.size());
            for (std::size_t l = 0; l < a.size(); ++l) {
                QVERIFY(a[l].kernel.cwiseAbs().maxCoeff() > 0.0f);
                QVERIFY(a[l].kernel == b[l].kernel);
                QVERIFY(a[l].bias == b[l].bias);
            }
        }

        for (std::size_t r = 0; r < trainers.size(); ++r) {
            QVERIFY(trainers[r]->run().status == TrainStatus::Finished);
            const auto &h = trainers[r]->history();
            QCOMPARE(int(h.size()), base.training.epochs + 1);
            const RunSummary s = summarize(h, *data);
            QCOMPARE(s.epochs, base.training.epochs);
            QCOMPARE(s.finalTrainAccuracy, h.back().trainAccuracy);
            QCOMPARE(s.finalTestAccuracy, h.back().testAccuracy);
            QCOMPARE(s.finalTrainDataLoss, h.back().trainDataLoss);
            QCOMPARE(s.finalTestDataLoss, h.back().testDataLoss);
            QCOMPARE(s.penalty, h.back().regLoss);
            double best = -1.0;
            double bestTrain = -1.0;
            double lowestLoss = 1e300;
            int bestEpoch = 0;
            for (std::size_t e = 1; e < h.size(); ++e) {
                if (h[e].testAccuracy > best) {
                    best = h[e].testAccuracy;
                    bestEpoch = h[e].epoch;
                }
                bestTrain = std::max(bestTrain, h[e].trainAccuracy);
                lowestLoss = std::min(lowestLoss, h[e].testDataLoss);
            }
            QCOMPARE(s.bestTestAccuracy, best);
            QCOMPARE(s.bestEpoch, bestEpoch);
            QCOMPARE(s.bestTrainAccuracy, bestTrain);
            QCOMPARE(s.bestTestDataLoss, lowestLoss);
            // ||W|| over both kernels, and sparsity weighted by kernel size (16 + 16 entries).
            const auto &layers = h.back().layers;
            QCOMPARE(s.kernelL2Norm, std::hypot(layers[0].kernelL2Norm, layers[1].kernelL2Norm));
            QCOMPARE(s.meanSparsity, (layers[0].sparsity * 16 + layers[1].sparsity * 16) / 32);
        }
        // λ matters: the runs end apart.
        QVERIFY(trainers[0]->network().layers()[0].kernel
                != trainers[3]->network().layers()[0].kernel);
    }

    /// A real collapse: kernel L2 of 1 (keras) wipes the weights out; the biases learn
    /// the training set's class frequencies, and the test accuracy falls to the share of
    /// that class in the test set. Without a penalty the same network learns the circle.
    void hugePenaltyCollapsesHealthyRunDoesNot() {
        const ExperimentSpec base = circleSpec();
        const auto data = load(base);
        const auto variants = makeScaleVariants(base, -1, PenaltyTerm::L2, {0.0, 1.0});
        std::vector<RunSummary> summaries;
        for (const Variant &v : variants) {
            Trainer trainer(applyVariant(base, v), data);
            QVERIFY(trainer.run().status == TrainStatus::Finished);
            summaries.push_back(summarize(trainer.history(), *data));
        }
        QVERIFY2(summaries[0].finalTestAccuracy > 0.9,
                 qPrintable(QString::number(summaries[0].finalTestAccuracy)));
        QVERIFY(!summaries[0].collapsed);
        QVERIFY(summaries[0].collapseReason.empty());
        QVERIFY(summaries[1].collapsed);
        QCOMPARE(summaries[1].collapseReason,
                 std::string("predicts one class for every input: the penalty outweighs the "
                             "data loss"));
        QVERIFY(std::fabs(summaries[1].finalTestAccuracy - summaries[1].trainMajorityShare)
                <= kCollapseTolerance);
        QVERIFY(summaries[1].kernelL2Norm < 0.01 * summaries[0].kernelL2Norm);
    }

    void majorityShares() {
        // Train: 3 x class 2; test: 0 0 0 1 2 -> majority 0 (3/5), train majority 2 (1/5).
        const Dataset d = labelledSet({2, 2, 2, 0, 1}, {0, 0, 0, 1, 2}, 3);
        QCOMPARE(majorityClassShare(d), 0.6);
        QCOMPARE(trainMajorityClassShare(d), 0.2);
    }

    void collapseFlagFromHandMadeMetrics_data() {
        QTest::addColumn<double>("finalTestAccuracy");
        QTest::addColumn<bool>("collapsed");
        // Test labels 0 0 0 1 -> majority share 0.75; train majority (1) has test share 0.25.
        QTest::newRow("exactly_majority") << 0.75 << true;
        QTest::newRow("within_one_point_below") << 0.7405 << true;
        QTest::newRow("within_one_point_above") << 0.7595 << true;
        QTest::newRow("two_points_above") << 0.77 << false;
        QTest::newRow("healthy") << 0.95 << false;
        QTest::newRow("train_majority_everywhere") << 0.25 << true;
        QTest::newRow("between") << 0.5 << false;
        QTest::newRow("nan") << std::nan("") << false;
    }
    void collapseFlagFromHandMadeMetrics() {
        QFETCH(double, finalTestAccuracy);
        QFETCH(bool, collapsed);
        const Dataset d = labelledSet({1, 1, 1, 0}, {0, 0, 0, 1}, 2);
        const std::vector<EpochMetrics> history{epochWith(0, 0.5, 0.5), epochWith(1, 0.9, 0.9),
                                                epochWith(2, 0.8, finalTestAccuracy)};
        const RunSummary s = summarize(history, d);
        QCOMPARE(s.majorityShare, 0.75);
        QCOMPARE(s.collapsed, collapsed);
        QCOMPARE(s.collapseReason.empty(), !collapsed);
    }

    void untrainedRunNeverCollapses() {
        const Dataset d = labelledSet({0, 1}, {0, 0, 0, 1}, 2);
        const RunSummary s = summarize({epochWith(0, 0.75, 0.75)}, d);
        QCOMPARE(s.epochs, 0);
        QVERIFY(!s.collapsed);
        QCOMPARE(s.bestEpoch, 0);
        QCOMPARE(s.bestTestAccuracy, 0.75);
    }

    void regressionCollapsesToRSquaredZero() {
        Dataset d;
        d.task = TaskKind::Regression;
        EpochMetrics m = epochWith(3, 0.004, -0.006);
        QVERIFY(summarize({epochWith(0, -1, -1), m}, d).collapsed);
        m.testAccuracy = 0.6;
        QVERIFY(!summarize({epochWith(0, -1, -1), m}, d).collapsed);
    }

    void bestIsTheFirstEpochReachingIt() {
        const Dataset d = labelledSet({0, 1}, {0, 1}, 2);
        const std::vector<EpochMetrics> history{
            epochWith(0, 0.5, 0.5, 0.9), epochWith(1, 0.6, 0.8, 0.7), epochWith(2, 0.9, 0.85, 0.4),
            epochWith(3, 0.95, 0.85, 0.6), epochWith(4, 0.99, 0.7, 0.8)};
        const RunSummary s = summarize(history, d);
        QCOMPARE(s.bestTestAccuracy, 0.85);
        QCOMPARE(s.bestEpoch, 2);
        QCOMPARE(s.bestTrainAccuracy, 0.99);
        QCOMPARE(s.bestTestDataLoss, 0.4);
        QCOMPARE(s.finalTestAccuracy, 0.7);
        QCOMPARE(s.penalty, 0.04);
    }

    void summaryCsvKeepsTheCliHeader() {
        const Dataset d = labelledSet({0, 1}, {0, 1}, 2);
        RunSummary a = summarize({epochWith(0, 0.5, 0.5), epochWith(1, 0.75, 0.625, 0.5)}, d);
        a.label = "1e-3";
        RunSummary b = a;
        b.label = "{\"l1\": 1, \"l2\": 2}";
        const std::string csv = summaryCsv({a, b});
        QCOMPARE(QString::fromStdString(csv),
                 QString("value,final_train_accuracy,final_test_accuracy,best_test_accuracy,"
                         "best_epoch,final_train_data_loss,final_test_data_loss,final_reg_loss\n"
                         "1e-3,0.75,0.625,0.625,1,0.4,0.5,0.01\n"
                         "\"{\"\"l1\"\": 1, \"\"l2\"\": 2}\",0.75,0.625,0.625,1,0.4,0.5,0.01\n"));
        const QStringList details =
            QString::fromStdString(summaryDetailsCsv({a})).split('\n', Qt::SkipEmptyParts);
        QCOMPARE(details.size(), 2);
        QCOMPARE(details[0].split(',').size(), 15);
        QCOMPARE(details[1], QString("1e-3,0,0.75,0.625,0.75,0.625,1,0.4,0.5,0.5,0.01,0,0,0.5,0"));
    }
    void dropoutVariantsInsertOrSetRates() {
        const ExperimentSpec base = circleSpec(); // hidden, logits: no dropout yet
        const std::vector<Variant> v = makeDropoutVariants(base, {0.0, 0.2, 0.5});
        QCOMPARE(v.size(), std::size_t(3));
        QCOMPARE(v[1].label, std::string("0.2"));
        QCOMPARE(v[1].value, 0.2);
        const ExperimentSpec a = applyVariant(base, v[1]);
        // One dropout entry after the hidden layer, before the output layer.
        QCOMPARE(a.model.layers.size(), std::size_t(3));
        QVERIFY(a.model.layers[1].isDropout());
        QCOMPARE(a.model.layers[1].rate, 0.2);
        QCOMPARE(a.model.layers[1].name, std::string("dropout1"));
        QCOMPARE(a.model.layers[0].name, std::string("hidden"));
        QCOMPARE(a.model.layers[2].name, std::string("logits"));
        // Everything else is the base experiment.
        ExperimentSpec expected = base;
        expected.model.layers.insert(expected.model.layers.begin() + 1, a.model.layers[1]);
        QVERIFY(a == expected);

        // With dropout entries already there, their rates are set (no new entries).
        const std::vector<Variant> again = makeDropoutVariants(a, {0.4});
        QCOMPARE(again[0].overrides, (std::vector<std::string>{"model.layers.1.rate=0.4"}));
        QCOMPARE(applyVariant(a, again[0]).model.layers[1].rate, 0.4);
        QCOMPARE(applyVariant(a, again[0]).model.layers.size(), std::size_t(3));

        for (double bad : {1.0, -0.1, std::nan("")}) {
            bool threw = false;
            try {
                makeDropoutVariants(base, {bad});
            } catch (const InputError &e) {
                threw = e.field() == "values";
            }
            QVERIFY2(threw, qPrintable(QString::number(bad)));
        }
    }

    void dataVariants() {
        const ExperimentSpec base = circleSpec();
        const std::vector<Variant> sizes = makeTrainSizeVariants(base, {20, 50, 150});
        QCOMPARE(sizes[1].overrides, (std::vector<std::string>{"dataset.train_size=50"}));
        QCOMPARE(sizes[1].value, 50.0);
        QCOMPARE(applyVariant(base, sizes[1]).dataset.trainSize, std::optional<int>(50));
        QVERIFY_THROWS_EXCEPTION(InputError, makeTrainSizeVariants(base, {2.5}));
        QVERIFY_THROWS_EXCEPTION(InputError, makeTrainSizeVariants(base, {0}));

        const std::vector<Variant> noise = makeLabelNoiseVariants(base, {0.0, 0.1, 0.3});
        QCOMPARE(noise[2].label, std::string("0.3"));
        QCOMPARE(applyVariant(base, noise[2]).dataset.labelNoise, 0.3);
        QVERIFY_THROWS_EXCEPTION(InputError, makeLabelNoiseVariants(base, {1.5}));
        ExperimentSpec regression = base;
        regression.loss = LossKind::MeanSquaredError;
        QVERIFY_THROWS_EXCEPTION(InputError, makeLabelNoiseVariants(regression, {0.1}));
    }

    void modelSizesAsTheTutorial() {
        const auto &sizes = tutorialModelSizes();
        QCOMPARE(sizes.size(), std::size_t(4));
        QCOMPARE(sizes[0].widths, (std::vector<int>{16}));
        QCOMPARE(sizes[1].widths, (std::vector<int>{16, 16}));
        QCOMPARE(sizes[2].widths, (std::vector<int>{64, 64, 64}));
        QCOMPARE(sizes[3].widths, (std::vector<int>{512, 512, 512, 512}));
        const ExperimentSpec base = circleSpec();
        const std::vector<Variant> v = makeModelSizeVariants(base, sizes);
        QCOMPARE(v[3].label, std::string("Large (512x4)"));
        QCOMPARE(v[1].label, std::string("Small (16x2)"));
        QCOMPARE(v[0].label, std::string("Tiny (16)"));
        QCOMPARE(v[3].value, 3.0);
        const ExperimentSpec large = applyVariant(base, v[3]);
        QCOMPARE(large.model.layers.size(), std::size_t(5));
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(large.model.layers[std::size_t(i)].units, 512);
            QVERIFY(large.model.layers[std::size_t(i)].activation == Activation::Elu);
            QVERIFY(!large.model.layers[std::size_t(i)].kernelRegularizer);
        }
        QVERIFY(large.model.layers.back() == base.model.layers.back()); // the output stays
        // With dropout after each hidden layer (the tutorial's dropout model).
        const ExperimentSpec dropped =
            applyVariant(base, makeModelSizeVariants(base, {sizes[2]}, 0.5)[0]);
        QCOMPARE(dropped.model.layers.size(), std::size_t(7));
        QVERIFY(dropped.model.layers[1].isDropout());
        QCOMPARE(dropped.model.layers[5].rate, 0.5);
    }

    void parseModelSizes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("names"); // '|' between models
        QTest::newRow("tutorial") << "16; 16, 16; 64x3; 512x4"
                                  << "16|16-16|64-64-64|512-512-512-512";
        QTest::newRow("bars_and_spaces") << " 8 | 32 32 "
                                         << "8|32-32";
        QTest::newRow("times_sign") << "64×2"
                                    << "64-64";
        QTest::newRow("empty_parts") << "16;;32;"
                                     << "16|32";
    }
    void parseModelSizes() {
        QFETCH(QString, text);
        QFETCH(QString, names);
        QStringList got;
        for (const ModelSize &m : reglab::parseModelSizes(text.toStdString()))
            got << QString::fromStdString(m.name);
        QCOMPARE(got.join('|'), names);
    }
    void parseModelSizesRefuses_data() {
        QTest::addColumn<QString>("text");
        QTest::newRow("nothing") << " ; ";
        QTest::newRow("zero") << "0";
        QTest::newRow("word") << "wide";
        QTest::newRow("too_wide") << "70000";
        QTest::newRow("bad_count") << "16x0";
        QTest::newRow("too_deep") << "4x64";
    }
    void parseModelSizesRefuses() {
        QFETCH(QString, text);
        bool threw = false;
        try {
            reglab::parseModelSizes(text.toStdString());
        } catch (const InputError &e) {
            threw = e.field() == "widths";
        }
        QVERIFY(threw);
    }

    void earlyStoppingAndCombinations() {
        ExperimentSpec base = circleSpec();
        base.dataset.validationFraction = 0.2;
        EarlyStoppingSpec e;
        e.patience = 4;
        e.restoreBestWeights = true;
        const std::vector<Variant> stop = makeEarlyStoppingVariants(base, e);
        QCOMPARE(stop.size(), std::size_t(2));
        QVERIFY(!applyVariant(base, stop[0]).training.earlyStopping);
        QCOMPARE(applyVariant(base, stop[1]).training.earlyStopping, std::optional(e));

        const std::vector<Variant> c = makeCombinationVariants(base, 1e-3, 0.5);
        QCOMPARE(c.size(), std::size_t(4));
        QCOMPARE(c[3].label, std::string("L2 1e-3 + dropout 0.5"));
        const ExperimentSpec none = applyVariant(base, c[0]);
        const ExperimentSpec l2 = applyVariant(base, c[1]);
        const ExperimentSpec drop = applyVariant(base, c[2]);
        const ExperimentSpec both = applyVariant(base, c[3]);
        QCOMPARE(none.model.layers.size(), std::size_t(2));
        QVERIFY(!none.model.layers[0].kernelRegularizer); // the base's L1 is gone too
        QCOMPARE(l2.model.layers.size(), std::size_t(2));
        QCOMPARE(l2.model.layers[0].kernelRegularizer, std::optional(RegularizerSpec{0.0, 1e-3}));
        QCOMPARE(l2.model.layers[1].kernelRegularizer, std::optional(RegularizerSpec{0.0, 1e-3}));
        QCOMPARE(drop.model.layers.size(), std::size_t(3));
        QCOMPARE(drop.model.layers[1].rate, 0.5);
        QVERIFY(!drop.model.layers[0].kernelRegularizer);
        QCOMPARE(both.model.layers.size(), std::size_t(3));
        QCOMPARE(both.model.layers[2].kernelRegularizer, std::optional(RegularizerSpec{0.0, 1e-3}));
        // Every variant keeps the seed and the data: the same initial weights for equal shapes.
        for (const Variant &v : c)
            QVERIFY(applyVariant(base, v).dataset == base.dataset);
    }

    void numericKinds() {
        QVERIFY(isNumericVariation(VariationKind::Scale));
        QVERIFY(isNumericVariation(VariationKind::DropoutRate));
        QVERIFY(isNumericVariation(VariationKind::TrainSize));
        QVERIFY(isNumericVariation(VariationKind::LabelNoise));
        QVERIFY(!isNumericVariation(VariationKind::ModelSize));
        QVERIFY(!isNumericVariation(VariationKind::Combination));
        QVERIFY(!isNumericVariation(VariationKind::EarlyStopping));
    }

    void validationChoosesTheReportedTestEpoch() {
        // Validation accuracy peaks at epoch 2 (0.9); the test numbers reported are epoch 2's,
        // not the best test epoch (3).
        std::vector<EpochMetrics> h;
        const double val[] = {0.5, 0.8, 0.9, 0.85};
        const double test[] = {0.5, 0.7, 0.75, 0.8};
        for (int e = 0; e < 4; ++e) {
            EpochMetrics m = epochWith(e, 0.9, test[e], 1.0 - 0.1 * e);
            m.hasValidation = true;
            m.valAccuracy = val[e];
            m.valDataLoss = 0.3;
            h.push_back(m);
        }
        const Dataset data = labelledSet({0, 1}, {0, 1}, 2);
        const RunSummary s = summarize(h, data);
        QVERIFY(s.hasValidation);
        QCOMPARE(s.bestValEpoch, 2);
        QCOMPARE(s.bestValAccuracy, 0.9);
        QCOMPARE(s.testAccuracyAtBestVal, 0.75);
        QCOMPARE(s.testDataLossAtBestVal, 0.8);
        QCOMPARE(s.bestEpoch, 3); // the best test epoch is still reported as before
        QCOMPARE(s.finalValAccuracy, 0.85);

        RunSummary a, b, c, d;
        a.hasValidation = b.hasValidation = c.hasValidation = true;
        a.bestValAccuracy = 0.7;
        b.bestValAccuracy = 0.9;
        c.bestValAccuracy = 0.7; // a tie keeps a before c
        d.hasValidation = false; // no validation: last
        QCOMPARE(rankByValidation({d, a, b, c}), (std::vector<std::size_t>{2, 1, 3, 0}));
    }
};

QTEST_APPLESS_MAIN(TestSweep)
#include "tst_sweep.moc"
