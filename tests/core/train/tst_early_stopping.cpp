// SPDX-License-Identifier: GPL-3.0-or-later
// Early stopping: the decision (core/train/early_stopping.h) on hand-made metric sequences,
// traced by hand through Keras 3's EarlyStopping (on_epoch_end, _is_improvement), and the
// trainer: where it stops, what it restores, what it reports.

#include "core/data/dataset.h"
#include "core/io/metrics_csv.h"
#include "core/train/early_stopping.h"
#include "core/train/trainer.h"

#include <QtTest>

#include <cmath>
#include <map>

using namespace reglab;

namespace {

EarlyStoppingSpec spec(const char *monitor, int patience, double minDelta = 0.0,
                       int startFromEpoch = 0) {
    EarlyStoppingSpec s;
    s.monitor = monitor;
    s.patience = patience;
    s.minDelta = minDelta;
    s.startFromEpoch = startFromEpoch;
    return s;
}

/// Records every reported epoch's weights.
class WeightRecorder : public TrainingObserver {
public:
    explicit WeightRecorder(const Trainer *&trainer)
        : m_trainer(trainer) {}
    void epochReported(const EpochMetrics &m) override {
        m_weights[m.epoch] = m_trainer->reportedNetwork();
    }
    std::map<int, Network<float>> m_weights;

private:
    const Trainer *&m_trainer;
};

bool sameWeights(const Network<float> &a, const Network<float> &b) {
    for (std::size_t i = 0; i < a.layers().size(); ++i) {
        if (!(a.layers()[i].kernel == b.layers()[i].kernel)
            || !(a.layers()[i].bias == b.layers()[i].bias))
            return false;
    }
    return true;
}

/// The default experiment (50 noisy moons, a wide network: the test loss climbs after a few
/// epochs) with `es` and a validation split.
ExperimentSpec overfitting(EarlyStoppingSpec es, int epochs) {
    ExperimentSpec s = defaultExperiment();
    s.dataset.validationFraction = 0.2;
    s.training.epochs = epochs;
    s.training.earlyStopping = es;
    return s;
}

} // namespace

class TestEarlyStopping : public QObject {
    Q_OBJECT

private slots:
    /// Sequences of monitored values, the epoch it stops after (0: never) and the best epoch.
    void decision_data() {
        QTest::addColumn<QString>("monitor");
        QTest::addColumn<int>("patience");
        QTest::addColumn<double>("minDelta");
        QTest::addColumn<int>("startFromEpoch");
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<int>("stoppedEpoch");
        QTest::addColumn<int>("bestEpoch");

        // wait: e3 1, e4 2 >= 2: stop after 4; best 0.9 at 2.
        QTest::newRow("patience_2") << "val_data_loss" << 2 << 0.0 << 0
                                    << QList<double>{1.0, 0.9, 0.95, 0.92, 0.8} << 4 << 2;
        // Equal is no improvement (strictly less).
        QTest::newRow("equal_is_no_improvement")
            << "test_data_loss" << 1 << 0.0 << 0 << QList<double>{1.0, 1.0, 0.5} << 2 << 1;
        // patience 0 stops at the first epoch without improvement, never after epoch 1.
        QTest::newRow("patience_0")
            << "train_data_loss" << 0 << 0.0 << 0 << QList<double>{1.0, 0.5, 0.6, 0.1} << 3 << 2;
        QTest::newRow("patience_0_one_epoch")
            << "train_data_loss" << 0 << 0.0 << 0 << QList<double>{1.0} << 0 << 1;
        // min_delta 0.1 (min): improves only when v + 0.1 < best. e2 0.95 no (wait 1),
        // e3 0.85 yes, e4 0.84 no, e5 0.7 yes, e6 0.69 no (1), e7 0.68 no (2): stop after 7.
        QTest::newRow("min_delta_min")
            << "val_data_loss" << 2 << 0.1 << 0
            << QList<double>{1.0, 0.95, 0.85, 0.84, 0.7, 0.69, 0.68} << 7 << 5;
        // The sign of min_delta does not matter (Keras takes its absolute value).
        QTest::newRow("min_delta_negative")
            << "val_data_loss" << 2 << -0.1 << 0
            << QList<double>{1.0, 0.95, 0.85, 0.84, 0.7, 0.69, 0.68} << 7 << 5;
        // Accuracies are maximized: v - 0.01 > best. e2 0.505 no, e3 0.52 yes, e4 0.52 no,
        // e5 0.4 no (wait 2): stop after 5.
        QTest::newRow("min_delta_max_accuracy")
            << "val_accuracy" << 2 << 0.01 << 0 << QList<double>{0.5, 0.505, 0.52, 0.52, 0.4} << 5
            << 3;
        QTest::newRow("accuracy_rises_no_stop")
            << "train_accuracy" << 1 << 0.0 << 0 << QList<double>{0.5, 0.6, 0.7, 0.8} << 0 << 4;
        // start_from_epoch 3: epochs 1-3 are not watched; epoch 4 is the first best.
        QTest::newRow("start_from_epoch")
            << "total_loss" << 0 << 0.0 << 3 << QList<double>{0.1, 0.2, 0.3, 0.5, 0.6} << 5 << 4;
        QTest::newRow("start_from_epoch_past_the_end")
            << "total_loss" << 0 << 0.0 << 10 << QList<double>{0.1, 0.2, 0.3} << 0 << 0;
        // A NaN as the first value is the best (Keras: best None); nothing beats NaN later.
        QTest::newRow("nan_first")
            << "val_data_loss" << 1 << 0.0 << 0 << QList<double>{std::nan(""), 0.5, 0.4} << 2 << 1;
        // A NaN later is no improvement.
        QTest::newRow("nan_later")
            << "val_data_loss" << 1 << 0.0 << 0 << QList<double>{1.0, std::nan(""), 0.4} << 2 << 1;
    }
    void decision() {
        QFETCH(QString, monitor);
        QFETCH(int, patience);
        QFETCH(double, minDelta);
        QFETCH(int, startFromEpoch);
        QFETCH(QList<double>, values);
        QFETCH(int, stoppedEpoch);
        QFETCH(int, bestEpoch);
        EarlyStopping es(spec(qPrintable(monitor), patience, minDelta, startFromEpoch));
        int stopped = 0;
        for (int e = 1; e <= values.size() && stopped == 0; ++e) {
            if (es.update(e, values[e - 1]).stop)
                stopped = e;
        }
        QCOMPARE(stopped, stoppedEpoch);
        QCOMPARE(es.stoppedEpoch(), stoppedEpoch);
        QCOMPARE(es.bestEpoch(), bestEpoch);
    }

    void monitorDirectionAndValues() {
        QVERIFY(EarlyStopping::maximizes("val_accuracy"));
        QVERIFY(EarlyStopping::maximizes("train_accuracy"));
        QVERIFY(!EarlyStopping::maximizes("val_data_loss"));
        QVERIFY(!EarlyStopping::maximizes("total_loss"));
        EpochMetrics m;
        m.trainDataLoss = 1;
        m.testDataLoss = 2;
        m.totalLoss = 3;
        m.trainAccuracy = 4;
        m.testAccuracy = 5;
        m.valDataLoss = 6;
        m.valAccuracy = 7;
        const char *names[] = {"train_data_loss", "test_data_loss", "total_loss",  "train_accuracy",
                               "test_accuracy",   "val_data_loss",  "val_accuracy"};
        for (int i = 0; i < 7; ++i)
            QCOMPARE(EarlyStopping::valueOf(m, names[i]), double(i + 1));
        QCOMPARE(int(earlyStoppingMonitors().size()), 7);
    }

    /// The trainer stops where the decision says, metrics end at the stopped epoch, the
    /// weights are those of the best epoch, and further runs do nothing.
    void trainerStopsAndRestores() {
        EarlyStoppingSpec es = spec("val_data_loss", 3);
        es.restoreBestWeights = true;
        const ExperimentSpec s = overfitting(es, 300);
        const auto data = std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
        QVERIFY(data->hasValidation());
        TrainerOptions options;
        options.overlapEvaluation = true; // ignored with early stopping
        Trainer trainer(s, data, options);
        const Trainer *self = &trainer;
        WeightRecorder recorder(self);
        trainer.setObserver(&recorder);
        const TrainResult r = trainer.run();
        trainer.setObserver(nullptr);
        QCOMPARE(r.status, TrainStatus::EarlyStopped);
        const EarlyStopInfo info = trainer.earlyStopInfo(); // a copy: reset() clears it
        qInfo("%s", r.message.c_str());
        QVERIFY(info.stoppedEpoch > 1 && info.stoppedEpoch < 300);
        QCOMPARE(r.epoch, info.stoppedEpoch);
        QCOMPARE(trainer.history().back().epoch, info.stoppedEpoch);
        QCOMPARE(info.restoredEpoch, info.bestEpoch);
        QVERIFY(info.stoppedEpoch - info.bestEpoch == 3); // patience epochs without progress

        // Replay the decision on the reported values: the same stop and best epoch.
        EarlyStopping replay(es);
        int stopped = 0;
        for (const EpochMetrics &m : trainer.history()) {
            if (m.epoch >= 1 && replay.update(m.epoch, m.valDataLoss).stop)
                stopped = m.epoch;
        }
        QCOMPARE(stopped, info.stoppedEpoch);
        QCOMPARE(replay.bestEpoch(), info.bestEpoch);
        QCOMPARE(info.best, trainer.history()[std::size_t(info.bestEpoch)].valDataLoss);

        QVERIFY(sameWeights(trainer.network(), recorder.m_weights.at(info.bestEpoch)));
        QVERIFY(!sameWeights(trainer.network(), recorder.m_weights.at(info.stoppedEpoch)));
        QCOMPARE(trainer.runEpochs(5).status, TrainStatus::EarlyStopped);
        QCOMPARE(trainer.epoch(), info.stoppedEpoch);
        // reset() starts over: the same run again.
        trainer.reset();
        QCOMPARE(trainer.earlyStopInfo().stoppedEpoch, 0);
        QCOMPARE(trainer.run().epoch, info.stoppedEpoch);
    }

    /// Without the stop, restore_best_weights still puts the best epoch's weights back when
    /// the last epoch is done (Keras 3's on_train_end); without restore the last weights stay.
    void restoresAtTheEndWithoutStopping_data() {
        QTest::addColumn<bool>("restore");
        QTest::newRow("restore") << true;
        QTest::newRow("no_restore") << false;
    }
    void restoresAtTheEndWithoutStopping() {
        QFETCH(bool, restore);
        EarlyStoppingSpec es = spec("val_data_loss", 1000);
        es.restoreBestWeights = restore;
        const ExperimentSpec s = overfitting(es, 60);
        const auto data = std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
        Trainer trainer(s, data);
        const Trainer *self = &trainer;
        WeightRecorder recorder(self);
        trainer.setObserver(&recorder);
        const TrainResult r = trainer.run();
        trainer.setObserver(nullptr);
        QCOMPARE(r.status, TrainStatus::Finished);
        const EarlyStopInfo &info = trainer.earlyStopInfo();
        QCOMPARE(info.stoppedEpoch, 0);
        QVERIFY(info.bestEpoch >= 1 && info.bestEpoch < 60); // it overfits
        QCOMPARE(info.restoredEpoch, restore ? info.bestEpoch : 0);
        QVERIFY(
            sameWeights(trainer.network(), recorder.m_weights.at(restore ? info.bestEpoch : 60)));
    }

    /// Early stopping changes nothing before it stops: the metrics up to the stop are the
    /// ones of the same run without it.
    void sameMetricsUntilTheStop() {
        const ExperimentSpec s = overfitting(spec("test_data_loss", 2), 200);
        ExperimentSpec plain = s;
        plain.training.earlyStopping.reset();
        const auto data = std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
        Trainer a(s, data);
        Trainer b(plain, data);
        a.run();
        b.runEpochs(a.epoch());
        QCOMPARE(QString::fromStdString(metricsCsv(a.history())),
                 QString::fromStdString(metricsCsv(b.history())));
    }
};

QTEST_APPLESS_MAIN(TestEarlyStopping)
#include "tst_early_stopping.moc"
