// SPDX-License-Identifier: GPL-3.0-or-later
// The trainer end to end: learning, overfitting and what L2 does to it, determinism, stop
// requests, live changes, divergence, and one step checked against a manual computation.

#include "core/data/dataset.h"
#include "core/error.h"
#include "core/nn/loss.h"
#include "core/random.h"
#include "core/train/trainer.h"
#include "support/test_support.h"

#include <QtTest>

using namespace reglab;
using namespace reglab::test;

namespace {

ExperimentSpec spiralSpec() {
    ExperimentSpec s;
    s.name = "spiral";
    s.seed = 3;
    s.dataset.source = "spiral";
    s.dataset.samples = 400;
    s.dataset.noise = 0.05;
    s.dataset.testFraction = 0.25;
    s.model.layers = {dense("h1", 64, Activation::Tanh), dense("h2", 64, Activation::Tanh),
                      dense("out", 2, Activation::Linear)};
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 16;
    s.training.epochs = 150;
    return s;
}

/// A small noisy 2-D problem where a wide network overfits: few samples, label noise.
ExperimentSpec overfitSpec(std::optional<RegularizerSpec> reg) {
    ExperimentSpec s;
    s.name = "overfit";
    s.seed = 5;
    s.dataset.source = "circle";
    s.dataset.samples = 120;
    s.dataset.noise = 0.5;
    s.dataset.testFraction = 0.5;
    s.model.layers = {dense("h1", 128, Activation::Relu, reg),
                      dense("h2", 128, Activation::Relu, reg),
                      dense("out", 2, Activation::Linear, reg)};
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 10;
    s.training.epochs = 250;
    return s;
}

std::shared_ptr<const Dataset> load(const ExperimentSpec &s) {
    return std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
}

/// A hand-made regression set: y = x0 - 2 x1 on 8 points.
std::shared_ptr<const Dataset> tinyRegression() {
    auto d = std::make_shared<Dataset>();
    d->name = "tiny";
    d->task = TaskKind::Regression;
    d->trainX.resize(2, 8);
    d->trainY.resize(1, 8);
    Random rng(1);
    for (Index j = 0; j < 8; ++j) {
        d->trainX(0, j) = float(rng.uniform(-1, 1));
        d->trainX(1, j) = float(rng.uniform(-1, 1));
        d->trainY(0, j) = d->trainX(0, j) - 2 * d->trainX(1, j);
    }
    d->testX = d->trainX.leftCols(4);
    d->testY = d->trainY.leftCols(4);
    return d;
}

struct Recorder : TrainingObserver {
    std::vector<EpochMetrics> epochs;
    std::function<void(const EpochMetrics &)> onEpoch;
    void epochReported(const EpochMetrics &m) override {
        epochs.push_back(m);
        if (onEpoch)
            onEpoch(m);
    }
};

double minTestLoss(const std::vector<EpochMetrics> &h) {
    double best = h.front().testDataLoss;
    for (const auto &m : h)
        best = std::min(best, m.testDataLoss);
    return best;
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void spiralReaches95PercentTrainAccuracy() {
        const ExperimentSpec s = spiralSpec();
        Trainer t(s, load(s));
        const TrainResult r = t.run();
        QCOMPARE(r.status, TrainStatus::Finished);
        QCOMPARE(t.epoch(), s.training.epochs);
        QCOMPARE(int(t.history().size()), s.training.epochs + 1);
        const auto &last = t.history().back();
        qInfo("spiral: train accuracy %.4f, test accuracy %.4f", last.trainAccuracy,
              last.testAccuracy);
        QVERIFY(last.trainAccuracy >= 0.95);
        QVERIFY(t.history().front().trainAccuracy < 0.8); // it really learned
    }

    void overfittingAndL2() {
        const ExperimentSpec plain = overfitSpec(std::nullopt);
        const ExperimentSpec l2 = overfitSpec(RegularizerSpec{0.0, 3e-3});
        Trainer a(plain, load(plain));
        Trainer b(l2, load(l2));
        QCOMPARE(a.run().status, TrainStatus::Finished);
        QCOMPARE(b.run().status, TrainStatus::Finished);
        const auto &ha = a.history();
        const auto &hb = b.history();
        const double gapA = ha.back().testDataLoss - ha.back().trainDataLoss;
        const double gapB = hb.back().testDataLoss - hb.back().trainDataLoss;
        qInfo("no reg: final test loss %.4f (min %.4f), train %.4f, gap %.4f",
              ha.back().testDataLoss, minTestLoss(ha), ha.back().trainDataLoss, gapA);
        qInfo("l2 3e-3: final test loss %.4f (min %.4f), train %.4f, gap %.4f",
              hb.back().testDataLoss, minTestLoss(hb), hb.back().trainDataLoss, gapB);
        // Unregularized: the test loss ends clearly above its minimum (overfitting).
        QVERIFY(ha.back().testDataLoss > 1.5 * minTestLoss(ha));
        // With L2 the generalization gap is smaller, and the penalty is really reported.
        QVERIFY(gapB < 0.5 * gapA);
        QVERIFY(hb.back().regLoss > 0.0);
        QCOMPARE(ha.back().regLoss, 0.0);
        // L2 pulls the weights in: the sum of squared kernel norms (what the penalty measures)
        // ends smaller. (A single layer need not: the first layer can grow while the wider
        // ones shrink, depending on the trajectory.)
        const auto squaredNorms = [](const EpochMetrics &m) {
            double sum = 0.0;
            for (const auto &l : m.layers)
                sum += l.kernelL2Norm * l.kernelL2Norm;
            return sum;
        };
        qInfo("sum of squared kernel norms: no reg %.2f, l2 3e-3 %.2f; first layer %.3f vs %.3f",
              squaredNorms(ha.back()), squaredNorms(hb.back()), ha.back().layers[0].kernelL2Norm,
              hb.back().layers[0].kernelL2Norm);
        QVERIFY(squaredNorms(hb.back()) < 0.5 * squaredNorms(ha.back()));
    }

    /// Overlapped evaluation (epoch e evaluated on its own thread while e + 1 trains) reports
    /// exactly the synchronous metrics, with the weights they belong to, and no epoch is
    /// missing when a run ends, is stopped, or is continued epoch by epoch.
    void overlappedEvaluationMatchesSynchronous() {
        ExperimentSpec s = spiralSpec();
        s.training.epochs = 6;
        s.model.layers[0].kernelRegularizer = RegularizerSpec{1e-4, 1e-3};
        TrainerOptions sync;
        sync.evaluationThreads = 1;
        TrainerOptions overlap = sync;
        overlap.overlapEvaluation = true;
        Trainer a(s, load(s), sync);
        Trainer b(s, load(s), overlap);
        // The weights each report belongs to.
        std::vector<Network<float>> weightsA, weightsB;
        Recorder ra, rb;
        ra.onEpoch = [&](const EpochMetrics &) { weightsA.push_back(a.reportedNetwork()); };
        rb.onEpoch = [&](const EpochMetrics &m) {
            weightsB.push_back(b.reportedNetwork());
            if (m.epoch == 3)
                b.requestStop(); // seen at the next batch, inside epoch 5 (4 is trained)
        };
        a.setObserver(&ra);
        b.setObserver(&rb);
        QCOMPARE(a.run().status, TrainStatus::Finished);
        const TrainResult stopped = b.run();
        QCOMPARE(stopped.status, TrainStatus::Stopped);
        // Everything trained so far is reported: epochs 1..4 (4 was evaluated after the stop).
        QCOMPARE(b.epoch(), 4);
        QCOMPARE(b.history().back().epoch, 4);
        b.clearStop();
        QCOMPARE(b.runEpochs(1).status, TrainStatus::Finished); // epoch by epoch, as Step does
        QCOMPARE(b.history().back().epoch, 5);
        // As the GUI plays: epoch by epoch, each evaluation left to overlap the next epoch.
        QCOMPARE(b.runEpochs(1, false).status, TrainStatus::Finished);
        QCOMPARE(b.history().back().epoch, 5); // epoch 6 is still being evaluated
        QCOMPARE(b.flushReports().status, TrainStatus::Finished);
        QCOMPARE(b.history().back().epoch, 6);
        QCOMPARE(b.run().status, TrainStatus::Finished); // nothing left to train
        QCOMPARE(b.epoch(), 6);
        QCOMPARE(a.history().size(), b.history().size());
        QCOMPARE(rb.epochs.size(), ra.epochs.size());
        for (std::size_t e = 0; e < a.history().size(); ++e) {
            const EpochMetrics &x = a.history()[e];
            const EpochMetrics &y = b.history()[e];
            QCOMPARE(y.epoch, x.epoch);
            QCOMPARE(y.step, x.step);
            QCOMPARE(y.trainDataLoss, x.trainDataLoss); // bit for bit
            QCOMPARE(y.testDataLoss, x.testDataLoss);
            QCOMPARE(y.trainAccuracy, x.trainAccuracy);
            QCOMPARE(y.regLoss, x.regLoss);
            QCOMPARE(y.layers[0].kernelL2Norm, x.layers[0].kernelL2Norm);
        }
        // Reports after the observers were set (epochs 1..6): the same weights went with them.
        QCOMPARE(weightsA.size(), std::size_t(6));
        QCOMPARE(weightsB.size(), weightsA.size());
        for (std::size_t r = 0; r < weightsA.size(); ++r)
            QVERIFY(weightsA[r].layers()[0].kernel == weightsB[r].layers()[0].kernel);
        QVERIFY(a.network().layers()[1].kernel == b.network().layers()[1].kernel);
        QVERIFY(a.history().back().trainAccuracy > a.history().front().trainAccuracy);
    }

    void sameSeedGivesIdenticalRuns() {
        ExperimentSpec s = spiralSpec();
        s.training.epochs = 5;
        s.model.layers[0].kernelRegularizer = RegularizerSpec{1e-4, 1e-3};
        Trainer a(s, load(s));
        Trainer b(s, load(s));
        a.run();
        b.run();
        QCOMPARE(a.history().size(), b.history().size());
        for (std::size_t e = 0; e < a.history().size(); ++e) {
            QCOMPARE(a.history()[e].trainDataLoss, b.history()[e].trainDataLoss);
            QCOMPARE(a.history()[e].testAccuracy, b.history()[e].testAccuracy);
            QCOMPARE(a.history()[e].regLoss, b.history()[e].regLoss);
        }
        for (std::size_t i = 0; i < a.network().layers().size(); ++i) {
            QVERIFY(a.network().layers()[i].kernel == b.network().layers()[i].kernel);
            QVERIFY(a.network().layers()[i].bias == b.network().layers()[i].bias);
        }
        // A different seed gives a different run.
        s.seed = 4;
        Trainer c(s, load(s));
        c.run();
        QVERIFY(c.history().back().trainDataLoss != a.history().back().trainDataLoss);
    }

    void epochOrderIsASeededPermutation() {
        const ExperimentSpec s = spiralSpec();
        ExperimentSpec other = s;
        other.model.layers[0].kernelRegularizer = RegularizerSpec{0, 0.1};
        const auto data = load(s);
        Trainer a(s, data);
        Trainer b(other, data);
        auto o1 = a.epochOrder(1);
        QCOMPARE(o1, b.epochOrder(1)); // variants see the same batches
        QVERIFY(o1 != a.epochOrder(2));
        std::sort(o1.begin(), o1.end());
        for (std::size_t i = 0; i < o1.size(); ++i)
            QCOMPARE(o1[i], Index(i));
        // Same initial weights for variants that differ only in regularization.
        QVERIFY(a.network().layers()[0].kernel == b.network().layers()[0].kernel);
    }

    void stopRequestAndResume() {
        ExperimentSpec s = spiralSpec();
        s.training.epochs = 6;
        Trainer t(s, load(s));
        Recorder rec;
        rec.onEpoch = [&](const EpochMetrics &m) {
            if (m.epoch == 2)
                t.requestStop();
        };
        t.setObserver(&rec);
        TrainResult r = t.run();
        QCOMPARE(r.status, TrainStatus::Stopped);
        QCOMPARE(t.epoch(), 2);
        t.clearStop();
        rec.onEpoch = nullptr;
        r = t.run();
        QCOMPARE(r.status, TrainStatus::Finished);
        QCOMPARE(t.epoch(), 6);
        QCOMPARE(rec.epochs.back().epoch, 6);
        // A stopped-and-resumed run equals an uninterrupted one.
        Trainer u(s, load(s));
        u.run();
        QCOMPARE(u.history().back().trainDataLoss, t.history().back().trainDataLoss);
    }

    void liveRegularizerAndLearningRateChange() {
        ExperimentSpec s = spiralSpec();
        s.training.epochs = 4;
        Trainer t(s, load(s));
        t.runEpochs(2);
        QCOMPARE(t.history().back().regLoss, 0.0);
        t.setRegularizer(0, Tensor::Kernel, RegularizerSpec{0.0, 0.01});
        t.setLearningRate(0.002);
        t.runEpochs(1);
        const auto &m = t.history().back();
        QVERIFY(m.parametersChanged);
        QCOMPARE(m.learningRate, 0.002);
        // keras: 0.01 * sum(W^2) over the first kernel
        const double expected = 0.01 * t.network().layers()[0].kernel.cast<double>().squaredNorm();
        QVERIFY(std::abs(m.layers[0].kernelL2Loss - expected) <= 1e-9 * expected);
        QCOMPARE(m.regLoss, m.layers[0].kernelL2Loss);
        t.runEpochs(1);
        QVERIFY(!t.history().back().parametersChanged);
    }

    void penaltyLeftOutOfTheLossChangesNothing() {
        // TF1's collected-but-never-added penalty: reported, but training is unregularized.
        ExperimentSpec plain = spiralSpec();
        plain.training.epochs = 3;
        ExperimentSpec unused = plain;
        for (auto &l : unused.model.layers)
            l.kernelRegularizer = RegularizerSpec{0.0, 0.1};
        unused.training.penaltyInLoss = false;
        Trainer a(plain, load(plain));
        Trainer b(unused, load(unused));
        a.run();
        b.run();
        QVERIFY(a.network().layers()[0].kernel == b.network().layers()[0].kernel);
        QVERIFY(b.history().back().regLoss > 0.0);
        QCOMPARE(b.history().back().totalLoss, b.history().back().trainDataLoss);
    }

    void divergenceStopsWithAMessage_data() {
        QTest::addColumn<double>("lr");
        QTest::addColumn<double>("l2");
        QTest::newRow("learning_rate_1e3") << 1e3 << 0.0;
        QTest::newRow("l2_1e6") << 0.01 << 1e6;
    }
    void divergenceStopsWithAMessage() {
        QFETCH(double, lr);
        QFETCH(double, l2);
        ExperimentSpec s;
        s.dataset.source = "plane";
        s.dataset.samples = 200;
        s.loss = LossKind::MeanSquaredError;
        std::optional<RegularizerSpec> reg;
        if (l2 > 0)
            reg = RegularizerSpec{0.0, l2};
        s.model.layers = {dense("h", 16, Activation::Linear, reg),
                          dense("out", 1, Activation::Linear, reg)};
        s.optimizer.type = OptimizerKind::Sgd;
        s.optimizer.learningRate = lr;
        s.training.epochs = 50;
        Trainer t(s, load(s));
        const TrainResult r = t.run();
        QCOMPARE(r.status, TrainStatus::Diverged);
        QVERIFY2(r.message.find("diverged at epoch") == 0, r.message.c_str());
        QVERIFY(r.epoch < 50);
        // Further calls do not train on from garbage.
        QCOMPARE(t.runEpochs(1).status, TrainStatus::Diverged);
        // reset() recovers.
        t.reset();
        QCOMPARE(t.epoch(), 0);
        QVERIFY(std::isfinite(t.history().back().trainDataLoss));
    }

    void oneStepMatchesManualComputation() {
        // One full-batch SGD step with L1 + L2 (tf1) penalties, checked against the same
        // computation written out with Network<double>: W <- W - lr (dL/dW + l1 sign W + l2 W).
        ExperimentSpec s;
        s.loss = LossKind::MeanSquaredError;
        s.l2Convention = L2Convention::Tf1;
        s.model.layers = {dense("h", 3, Activation::Tanh, RegularizerSpec{0.01, 0.1}),
                          dense("out", 1, Activation::Linear, RegularizerSpec{0.0, 0.2})};
        s.model.layers[0].biasRegularizer = RegularizerSpec{0.0, 0.5};
        s.optimizer.type = OptimizerKind::Sgd;
        s.optimizer.learningRate = 0.1;
        s.training.batchSize = 8;
        s.training.shuffle = false;
        s.training.epochs = 1;
        const auto data = tinyRegression();
        Trainer t(s, data);
        Network<double> ref = t.network().cast<double>();
        t.run();

        const Matrix<double> x = data->trainX.cast<double>();
        const Matrix<double> y = data->trainY.cast<double>();
        Matrix<double> dOut;
        NetworkWorkspace<double> ws;
        computeLoss<double>(s.loss, ref.forward(x, ws), y, &dOut);
        ref.backward(x, dOut, ws);
        for (std::size_t i = 0; i < ref.layers().size(); ++i) {
            auto &l = ref.layers()[i];
            const auto &ls = s.model.layers[i];
            const double l1 = ls.kernelRegularizer ? ls.kernelRegularizer->l1 : 0.0;
            const double l2 = ls.kernelRegularizer ? ls.kernelRegularizer->l2 : 0.0;
            Matrix<double> expected =
                l.kernel
                - 0.1 * (ws.kernelGrad[i] + l1 * l.kernel.array().sign().matrix() + l2 * l.kernel);
            const Matrix<double> got = t.network().layers()[i].kernel.cast<double>();
            QVERIFY((got - expected).cwiseAbs().maxCoeff() < 1e-6);
            const double bl2 = ls.biasRegularizer ? ls.biasRegularizer->l2 : 0.0;
            Vector<double> expectedBias = l.bias - 0.1 * (ws.biasGrad[i] + bl2 * l.bias);
            QVERIFY(
                (t.network().layers()[i].bias.cast<double>() - expectedBias).cwiseAbs().maxCoeff()
                < 1e-6);
            QVERIFY(ws.kernelGrad[i].norm() > 0);
        }
    }

    void incompatibleNetworkIsAnInputError() {
        ExperimentSpec s = spiralSpec();
        s.model.layers.back().units = 3; // spiral has 2 classes
        QVERIFY_THROWS_EXCEPTION(reglab::InputError, Trainer(s, load(s)));
        s.model.layers.back().units = 2;
        s.loss = LossKind::MeanSquaredError; // regression loss on a classification set
        QVERIFY_THROWS_EXCEPTION(reglab::InputError, Trainer(s, load(s)));
    }
};

QTEST_APPLESS_MAIN(TestTrainer)
#include "tst_trainer.moc"
