// SPDX-License-Identifier: GPL-3.0-or-later
// A finished run folder shown by RunWindow: the curves have one point per epoch, the
// histograms the last epoch and the epoch-0 overlay, the decision map the final weights; a
// damaged folder is one error naming the file.
#include "core/data/dataset.h"
#include "core/io/run_folder.h"
#include "core/io/weights_io.h"
#include "core/train/trainer.h"
#include "core/train/weight_history.h"
#include "support/recorded_run.h"
#include "support/test_support.h"
#include "ui/plots/change_markers.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/run_window.h"

#include <QCheckBox>
#include <QTemporaryDir>
#include <QTest>

#include <qcustomplot.h>

#include <memory>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::dense;

class TestRunWindow : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_run;

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // 5 epochs of a small moons run, written as reglab-cli train writes it.
        ExperimentSpec spec;
        spec.name = "moons-run";
        spec.dataset.source = "moons";
        spec.dataset.samples = 80;
        spec.model.layers = {dense("hidden", 5, Activation::Tanh, RegularizerSpec{0.0, 1e-3}),
                             dense("logits", 2, Activation::Linear)};
        spec.training.epochs = 5;
        spec.training.histogramBins = 12;
        const test::RecordedRun r = test::trainRecorded(spec);
        m_run = m_dir.filePath("run");
        writeRunFolder(m_run.toStdString(), spec, r.history, r.weights, RunStatus::Finished, {},
                       r.weightHistory);
    }

    void showsEveryPlot() {
        QString error;
        std::unique_ptr<RunWindow> w(RunWindow::open(m_run, &error));
        QVERIFY2(w, qPrintable(error));
        QVERIFY(w->summaryText().contains(QLatin1String("moons-run")));
        QVERIFY(w->summaryText().contains(QLatin1String("5")));
        const QList<TrainingView *> views = w->views();
        QCOMPARE(views.size(), 4);
        auto *loss = qobject_cast<LossPlot *>(views[0]);
        QVERIFY(loss);
        // Epochs 1..5 from metrics.csv: 5 points per curve.
        QCOMPARE(loss->plot()->graph(0)->dataCount(), 5);
        QCOMPARE(loss->plot()->graph(0)->data()->begin()->key, 1.0);
        auto *histograms = qobject_cast<HistogramPlot *>(views[2]);
        QVERIFY(histograms);
        QCOMPARE(int(histograms->layerViews().size()), 2);
        auto *overlay = histograms->findChild<QCheckBox *>(QStringLiteral("overlayCheck"));
        QVERIFY(overlay);
        overlay->setChecked(true);
        for (const HistogramPlot::LayerView &v : histograms->layerViews()) {
            QCOMPARE(v.bars->dataCount(), 12);    // the last epoch
            QCOMPARE(v.initial->dataCount(), 12); // epoch 0, for the overlay
        }
        QVERIFY(qobject_cast<DecisionPlot *>(views[3]));
    }

    void snapshotsOfTheRun() {
        const RunRecord run = readRunFolder(m_run.toStdString());
        auto data = std::make_shared<const Dataset>(loadDataset(run.spec.dataset, run.spec.seed));
        const RunSnapshots s = runSnapshots(run, data);
        QCOMPARE(int(s.initial.epochs.size()), 1);
        QCOMPARE(s.initial.epochs.front().epoch, 0);
        QCOMPARE(int(s.run.epochs.size()), 5);
        QCOMPARE(s.run.epoch, 5);
        QVERIFY(s.run.field.isValid());
        QVERIFY(s.run.weights);
        QCOMPARE(s.run.epochs.back().layers.front().histogram.counts.size(), std::size_t(12));
        // Without data: curves and histograms, no decision field.
        const RunSnapshots bare = runSnapshots(run, nullptr);
        QVERIFY(!bare.run.field.isValid());
        QCOMPARE(int(bare.run.epochs.size()), 5);
    }

    void earlyStoppedRunIsMarked() {
        // Patience 0 and a min_delta no epoch can beat: epoch 1 is the best, epoch 2 does not
        // improve on it by more than 10, so Keras's rule stops after epoch 2 and restores 1.
        ExperimentSpec spec;
        spec.name = "stopped-run";
        spec.dataset.source = "moons";
        spec.dataset.samples = 100;
        spec.dataset.validationFraction = 0.25;
        spec.model.layers = {dense("hidden", 5, Activation::Tanh),
                             dense("logits", 2, Activation::Linear)};
        spec.training.epochs = 20;
        EarlyStoppingSpec e;
        e.monitor = "val_data_loss";
        e.minDelta = 10.0;
        e.restoreBestWeights = true;
        spec.training.earlyStopping = e;
        auto data = std::make_shared<const Dataset>(loadDataset(spec.dataset, spec.seed));
        Trainer trainer(spec, data, TrainerOptions{1});
        trainer.run();
        const std::optional<RunEarlyStopping> record = runEarlyStoppingOf(trainer);
        QVERIFY(record);
        QCOMPARE(record->stoppedEpoch, 2);
        QCOMPARE(record->restoredEpoch, 1);
        const QString dir = m_dir.filePath("stopped");
        writeRunFolder(dir.toStdString(), spec, trainer.history(),
                       weightsToArrays(trainer.network()), RunStatus::EarlyStopped, {}, {}, record);

        QString error;
        std::unique_ptr<RunWindow> w(RunWindow::open(dir, &error));
        QVERIFY2(w, qPrintable(error));
        QVERIFY2(w->summaryText().contains(QLatin1String("stopped after epoch 2")),
                 qPrintable(w->summaryText()));
        QVERIFY2(w->summaryText().contains(QLatin1String("weights of epoch 1")),
                 qPrintable(w->summaryText()));
        const QList<TrainingView *> views = w->views();
        for (TrainingView *view : {views[0], views[1]}) {
            QVERIFY(view->changeMarkers());
            QCOMPARE(view->changeMarkers()->epochs(), (QList<double>{1.0, 2.0}));
        }
        // The validation curves come from metrics.csv's val_* columns.
        auto *loss = qobject_cast<LossPlot *>(views[0]);
        QVERIFY(loss->validationGraph());
        QCOMPARE(loss->validationGraph()->dataCount(), 2);
        QCOMPARE(loss->validationGraph()->data()->at(0)->value, trainer.history()[1].valDataLoss);
    }

    void damagedFolderIsOneError() {
        const QString dir = m_dir.filePath("damaged");
        QVERIFY(QDir().mkpath(dir));
        QString error;
        QVERIFY(!RunWindow::open(dir, &error));
        QVERIFY2(error.startsWith(QDir(dir).filePath("run.json")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("is missing")), qPrintable(error));
    }
};

QTEST_MAIN(TestRunWindow)
#include "tst_run_window.moc"
