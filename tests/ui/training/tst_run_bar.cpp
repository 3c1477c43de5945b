// SPDX-License-Identifier: GPL-3.0-or-later
// The run bar's number fields: typed values reach the document as meant (a decimal comma
// included) or are refused with a bubble that says the range, the document keeping its
// value; Ctrl+Z after a committed field undoes the edit.

#include "support/number_entry.h"
#include "ui/editor/log_spin_box.h"
#include "ui/experiment_document.h"
#include "ui/training/run_bar.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

namespace {

double fieldOf(const ExperimentSpec &s, const QString &field) {
    if (field == QLatin1String("learningRate"))
        return s.optimizer.learningRate;
    if (field == QLatin1String("batchSize"))
        return s.training.batchSize;
    if (field == QLatin1String("epochs"))
        return s.training.epochs;
    return double(s.seed);
}

/// The bubble that shows a run bar field's refusal, if one was made.
QLabel *bubble(QWidget *window) {
    return window->findChild<QLabel *>(QStringLiteral("numberBoxBubble"));
}

} // namespace

class TestRunBar : public QObject {
    Q_OBJECT
private slots:
    void typedValues_data();
    void typedValues();
    void threadsAreChecked();
    void stepsAndUndo();
};

void TestRunBar::typedValues_data() {
    reglab::test::addTypedValueColumns();
    // The default experiment: learning rate 0.01, batch 16, 300 epochs, seed 1.
    QTest::newRow("rate_point") << "learningRate"
                                << "0.05" << true << 0.05 << "";
    QTest::newRow("rate_decimal_comma") << "learningRate"
                                        << "0,001" << true << 0.001 << "";
    QTest::newRow("rate_exponent") << "learningRate"
                                   << "3e-4" << true << 3e-4 << "";
    QTest::newRow("rate_comma_exponent") << "learningRate"
                                         << "2,5e-3" << true << 2.5e-3 << "";
    QTest::newRow("rate_negative") << "learningRate"
                                   << "-5" << false << 0.01 << "Allowed: more than 0, up to 1e6.";
    QTest::newRow("rate_zero") << "learningRate"
                               << "0" << false << 0.01 << "Allowed: more than 0, up to 1e6.";
    QTest::newRow("rate_over_range")
        << "learningRate"
        << "1e7" << false << 0.01 << "Allowed: more than 0, up to 1e6.";
    QTest::newRow("rate_garbage") << "learningRate"
                                  << "fast" << false << 0.01 << "not a number";
    QTest::newRow("rate_ambiguous") << "learningRate"
                                    << "1.000,5" << false << 0.01 << "ambiguous";
    QTest::newRow("batch_ok") << "batchSize"
                              << "64" << true << 64.0 << "";
    QTest::newRow("batch_decimal_comma") << "batchSize"
                                         << "1,5" << false << 16.0 << "not a whole number";
    QTest::newRow("batch_negative") << "batchSize"
                                    << "-5" << false << 16.0 << "Allowed: 1 to 1000000.";
    QTest::newRow("batch_zero") << "batchSize"
                                << "0" << false << 16.0 << "Allowed: 1 to 1000000.";
    QTest::newRow("batch_over_range") << "batchSize"
                                      << "2000000" << false << 16.0 << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_ok") << "epochs"
                               << "50" << true << 50.0 << "";
    QTest::newRow("epochs_decimal_comma") << "epochs"
                                          << "2,5" << false << 300.0 << "not a whole number";
    QTest::newRow("epochs_negative") << "epochs"
                                     << "-5" << false << 300.0 << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_zero") << "epochs"
                                 << "0" << false << 300.0 << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_over_range") << "epochs"
                                       << "10000000" << false << 300.0 << "Allowed: 1 to 1000000.";
    QTest::newRow("seed_ok") << "seed"
                             << "0" << true << 0.0 << "";
    QTest::newRow("seed_big") << "seed"
                              << "4294967296" << true << 4294967296.0 << "";
    QTest::newRow("seed_negative") << "seed"
                                   << "-1" << false << 1.0 << "Allowed: 0 to";
    QTest::newRow("seed_decimal_comma") << "seed"
                                        << "0,5" << false << 1.0 << "not a whole";
}

void TestRunBar::typedValues() {
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, value);
    QFETCH(QString, message);
    ExperimentDocument doc;
    QMainWindow window;
    auto *bar = new RunBar(&doc, &window);
    window.addToolBar(bar);
    window.setCentralWidget(new QWidget);
    window.resize(1400, 500);
    window.show();
    auto *box = bar->findChild<NumberBox *>(field);
    QVERIFY(box);
    typeAndCommit(box, text);
    QCOMPARE(fieldOf(doc.spec(), field), value);
    QCOMPARE(doc.undoStack()->count(), accepted ? 1 : 0);
    // A bubble under the field, inside the window, says why; it stays until fixed.
    QLabel *shown = bubble(&window);
    QVERIFY(accepted || shown);
    reglab::test::verifyMessage(box, accepted, message, shown);
    if (accepted || QTest::currentTestFailed())
        return;
    const QRect fieldRect(box->mapTo(&window, QPoint(0, 0)), box->size());
    QVERIFY(shown->geometry().top() > fieldRect.bottom());
    QVERIFY(window.rect().contains(shown->geometry()));
    QCOMPARE(box->findChild<QLineEdit *>()->text(), text);
    // For looking at it: REGLAB_SCREENSHOT_DIR=/some/dir keeps a picture of each refusal.
    const QString shots = qEnvironmentVariable("REGLAB_SCREENSHOT_DIR");
    if (!shots.isEmpty())
        window.grab().save(shots + QStringLiteral("/run_bar_%1.png").arg(QTest::currentDataTag()));
    QTest::keyClick(box, Qt::Key_Escape); // back to the document's value
    QVERIFY(!shown->isVisible());
    QCOMPARE(box->text(), box->textFromValue(value));
}

void TestRunBar::threadsAreChecked() {
    ExperimentDocument doc;
    RunBar bar(&doc);
    bar.show();
    QSignalSpy spy(&bar, &RunBar::threadsChanged);
    typeAndCommit(bar.threadsSpin(), QStringLiteral("0"));
    QCOMPARE(spy.count(), 0);
    QVERIFY(bar.threadsSpin()->errorText().contains(
        QStringLiteral("Allowed: 1 to %1.").arg(std::max(1, QThread::idealThreadCount()))));
    typeAndCommit(bar.threadsSpin(), QStringLiteral("1"));
    QVERIFY(bar.threadsSpin()->errorText().isEmpty());
}

void TestRunBar::stepsAndUndo() {
    ExperimentDocument doc;
    QMainWindow window;
    auto *bar = new RunBar(&doc, &window);
    window.addToolBar(bar);
    window.setCentralWidget(new QWidget);
    auto *undo = doc.undoStack()->createUndoAction(&window);
    undo->setShortcut(QKeySequence::Undo);
    window.addAction(undo);
    window.resize(1400, 500);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    LogSpinBox *rate = bar->learningRateSpin();
    rate->stepBy(1); // 1-2-5 steps
    QCOMPARE(doc.spec().optimizer.learningRate, 0.02);
    typeAndCommit(rate, QStringLiteral("0,05"));
    QCOMPARE(doc.spec().optimizer.learningRate, 0.05);
    QCOMPARE(rate->text(), QStringLiteral("0.05"));
    QTest::keySequence(rate, QKeySequence::Undo); // the document's undo, not the text's
    QCOMPARE(doc.spec().optimizer.learningRate, 0.01);
    QCOMPARE(rate->text(), QStringLiteral("0.01"));

    typeAndCommit(bar->epochsSpin(), QStringLiteral("40"));
    typeAndCommit(bar->batchSizeSpin(), QStringLiteral("8"));
    QTest::keySequence(bar->batchSizeSpin(), QKeySequence::Undo);
    QCOMPARE(doc.spec().training.batchSize, 16);
    QCOMPARE(doc.spec().training.epochs, 40);
}

QTEST_MAIN(TestRunBar)
#include "tst_run_bar.moc"
