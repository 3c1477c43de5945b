// SPDX-License-Identifier: GPL-3.0-or-later
// EarlyStoppingPanel: training.early_stopping edited through the document, one undo step per
// change, the val_* metrics only with a validation split, typed values checked as elsewhere.

#include "support/number_entry.h"
#include "ui/experiment_document.h"
#include "ui/training/early_stopping_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QStandardItemModel>
#include <QTest>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

class TestEarlyStoppingPanel : public QObject {
    Q_OBJECT
private slots:
    void switchOnPicksTheMonitorBySplit_data();
    void switchOnPicksTheMonitorBySplit();
    void fieldsEditTheSpec();
    void validationMetricsNeedASplit();
    void typedValues_data();
    void typedValues();
    void describe();
};

void TestEarlyStoppingPanel::switchOnPicksTheMonitorBySplit_data() {
    QTest::addColumn<double>("validation");
    QTest::addColumn<QString>("monitor");
    QTest::newRow("with_split") << 0.2 << "val_data_loss";
    QTest::newRow("without_split") << 0.0 << "test_data_loss";
}

void TestEarlyStoppingPanel::switchOnPicksTheMonitorBySplit() {
    QFETCH(double, validation);
    QFETCH(QString, monitor);
    ExperimentDocument doc;
    ExperimentSpec spec = defaultExperiment();
    spec.dataset.validationFraction = validation;
    doc.load(spec);
    EarlyStoppingPanel panel(&doc);
    QVERIFY(!panel.enabledCheck()->isChecked());
    panel.enabledCheck()->setChecked(true);
    QVERIFY(doc.spec().training.earlyStopping.has_value());
    const EarlyStoppingSpec &e = *doc.spec().training.earlyStopping;
    QCOMPARE(QString::fromStdString(e.monitor), monitor);
    QCOMPARE(e.patience, 5);
    QVERIFY(e.restoreBestWeights);
    doc.spec().validate(); // switching on never makes the experiment invalid
    QCOMPARE(panel.monitorCombo()->currentData().toString(), monitor);
    QCOMPARE(doc.undoStack()->count(), 1);
    panel.enabledCheck()->setChecked(false);
    QVERIFY(!doc.spec().training.earlyStopping.has_value());
    doc.undoStack()->undo();
    QVERIFY(panel.enabledCheck()->isChecked());
    doc.undoStack()->undo();
    QVERIFY(!panel.enabledCheck()->isChecked());
    QVERIFY(doc.spec() == spec);
}

void TestEarlyStoppingPanel::fieldsEditTheSpec() {
    ExperimentDocument doc;
    ExperimentSpec spec = defaultExperiment();
    spec.dataset.validationFraction = 0.25;
    doc.load(spec);
    EarlyStoppingPanel panel(&doc);
    panel.enabledCheck()->setChecked(true);
    const int row = panel.monitorCombo()->findData(QStringLiteral("val_accuracy"));
    QVERIFY(row >= 0);
    panel.monitorCombo()->setCurrentIndex(row);
    emit panel.monitorCombo()->activated(row);
    panel.patienceBox()->setValue(12);
    panel.minDeltaBox()->setValue(0.002);
    panel.startFromBox()->setValue(4);
    panel.restoreCheck()->setChecked(false);
    const EarlyStoppingSpec &e = *doc.spec().training.earlyStopping;
    QCOMPARE(e.monitor, std::string("val_accuracy"));
    QCOMPARE(e.patience, 12);
    QCOMPARE(e.minDelta, 0.002);
    QCOMPARE(e.startFromEpoch, 4);
    QVERIFY(!e.restoreBestWeights);
    QCOMPARE(doc.undoStack()->count(), 6);
    // The panel follows undo.
    doc.undoStack()->undo();
    QVERIFY(panel.restoreCheck()->isChecked());
    doc.undoStack()->undo();
    QCOMPARE(panel.startFromBox()->value(), 0.0);
    // Off: the fields are there but disabled; editing them changes nothing.
    panel.enabledCheck()->setChecked(false);
    panel.patienceBox()->setValue(30);
    QVERIFY(!doc.spec().training.earlyStopping.has_value());
}

void TestEarlyStoppingPanel::validationMetricsNeedASplit() {
    ExperimentDocument doc;
    EarlyStoppingPanel panel(&doc); // the default experiment has no validation split
    auto *model = qobject_cast<QStandardItemModel *>(panel.monitorCombo()->model());
    QVERIFY(model);
    const int val = panel.monitorCombo()->findData(QStringLiteral("val_data_loss"));
    const int test = panel.monitorCombo()->findData(QStringLiteral("test_data_loss"));
    QVERIFY(!model->item(val)->isEnabled());
    QVERIFY(model->item(test)->isEnabled());
    doc.edit("split", [](ExperimentSpec &s) { s.dataset.validationFraction = 0.2; });
    QVERIFY(model->item(val)->isEnabled());
}

void TestEarlyStoppingPanel::typedValues_data() {
    reglab::test::addTypedValueColumns();
    QTest::newRow("patience_ok") << "patience"
                                 << "7" << true << 7.0 << "";
    QTest::newRow("patience_negative") << "patience"
                                       << "-1" << false << 5.0 << "Allowed: 0 to 1000000.";
    QTest::newRow("patience_decimal") << "patience"
                                      << "2.5" << false << 5.0 << "not a whole number";
    QTest::newRow("min_delta_comma") << "min_delta"
                                     << "0,01" << true << 0.01 << "";
    QTest::newRow("min_delta_garbage") << "min_delta"
                                       << "small" << false << 0.0 << "not a number";
    QTest::newRow("start_ok") << "start"
                              << "3" << true << 3.0 << "";
    QTest::newRow("start_negative") << "start"
                                    << "-2" << false << 0.0 << "Allowed: 0 to 1000000.";
}

void TestEarlyStoppingPanel::typedValues() {
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, value);
    QFETCH(QString, message);
    ExperimentDocument doc;
    EarlyStoppingPanel panel(&doc);
    panel.resize(360, 600);
    panel.show();
    panel.enabledCheck()->setChecked(true);
    NumberBox *box = field == QLatin1String("patience")    ? panel.patienceBox()
                     : field == QLatin1String("min_delta") ? panel.minDeltaBox()
                                                           : panel.startFromBox();
    typeAndCommit(box, text);
    const EarlyStoppingSpec &e = *doc.spec().training.earlyStopping;
    const double actual = field == QLatin1String("patience")    ? double(e.patience)
                          : field == QLatin1String("min_delta") ? e.minDelta
                                                                : double(e.startFromEpoch);
    QCOMPARE(actual, value);
    reglab::test::verifyMessage(box, accepted, message, nullptr);
}

void TestEarlyStoppingPanel::describe() {
    ExperimentSpec spec = defaultExperiment();
    QVERIFY(EarlyStoppingPanel::describe(spec).isEmpty());
    EarlyStoppingSpec e;
    e.monitor = "test_data_loss";
    e.patience = 3;
    e.minDelta = 0.01;
    e.restoreBestWeights = true;
    spec.training.earlyStopping = e;
    const QString text = EarlyStoppingPanel::describe(spec);
    QVERIFY2(text.contains(QStringLiteral("test_data_loss")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("3 epochs")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("0.01")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("best epoch")), qPrintable(text));
    spec.training.earlyStopping->patience = 0;
    spec.training.earlyStopping->restoreBestWeights = false;
    const QString first = EarlyStoppingPanel::describe(spec);
    QVERIFY2(first.contains(QStringLiteral("first epoch")), qPrintable(first));
    QVERIFY2(first.contains(QStringLiteral("last epoch")), qPrintable(first));
}

QTEST_MAIN(TestEarlyStoppingPanel)
#include "tst_early_stopping_panel.moc"
