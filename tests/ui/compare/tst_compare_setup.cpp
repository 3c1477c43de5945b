// SPDX-License-Identifier: GPL-3.0-or-later
// The compare setup's inputs: a list of scales with decimal commas (separated by ';'), the
// log range, the scale and the epochs are read as meant or refused with the range in the
// red message under the setup, and nothing can run meanwhile.

#include "support/number_entry.h"
#include "ui/compare/compare_setup_pane.h"
#include "ui/editor/log_spin_box.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTest>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

namespace {

enum What { L2Scale, L1Scale, Kind, Convention, Coupling }; // the "Vary" combo's rows

} // namespace

class TestCompareSetup : public QObject {
    Q_OBJECT
private slots:
    void scaleList_data();
    void scaleList();
    void typedFields_data();
    void typedFields();
};

void TestCompareSetup::scaleList_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<QString>("message");
    using V = std::vector<double>;
    QTest::newRow("c_form") << "0, 1e-4, 1e-3" << V{0, 1e-4, 1e-3} << "";
    QTest::newRow("decimal_commas") << "1e-4; 0,01" << V{1e-4, 0.01} << "";
    QTest::newRow("decimal_commas_glued") << "0;0,001;0,1" << V{0, 0.001, 0.1} << "";
    QTest::newRow("zero_alone") << "0" << V{0} << "";
    QTest::newRow("one_or_two") << "0,01" << V{} << "could be one number or two";
    QTest::newRow("negative") << "-1, 1e-3" << V{} << "-1 is out of range. Allowed: 0 to 1e12.";
    QTest::newRow("over_range") << "1e13" << V{} << "Allowed: 0 to 1e12.";
    QTest::newRow("garbage") << "0, abc" << V{} << "“abc” is not a number";
    QTest::newRow("twice") << "0,1; 0.1" << V{} << "0.1 is listed twice";
    QTest::newRow("empty") << " " << V{} << "at least one scale";
}

void TestCompareSetup::scaleList() {
    QFETCH(QString, text);
    QFETCH(std::vector<double>, values);
    QFETCH(QString, message);
    CompareSetupPane pane(defaultExperiment());
    pane.show();
    pane.findChild<QLineEdit *>(QStringLiteral("compareValues"))->setText(text);
    std::vector<double> got;
    for (const Variant &v : pane.variants())
        got.push_back(v.value);
    QCOMPARE(got, values);
    QVERIFY2(pane.errorText().contains(message), qPrintable(pane.errorText()));
    QCOMPARE(pane.errorText().isEmpty(), message.isEmpty());
    auto *preview = pane.findChild<QLabel *>(QStringLiteral("comparePreview"));
    QVERIFY(preview->isVisible());
    if (!message.isEmpty())
        QCOMPARE(preview->text(), pane.errorText());
}

void TestCompareSetup::typedFields_data() {
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("message");
    QTest::newRow("scale_decimal_comma") << int(Kind) << "compareScale"
                                         << "0,01" << true << "";
    QTest::newRow("scale_zero") << int(Coupling) << "compareScale"
                                << "0" << true << "";
    QTest::newRow("scale_negative")
        << int(Kind) << "compareScale"
        << "-5" << false << "Scale: -5 is out of range. Allowed: 0 to 1e12.";
    QTest::newRow("scale_over_range") << int(Kind) << "compareScale"
                                      << "1e13" << false << "Allowed: 0 to 1e12.";
    QTest::newRow("scale_garbage") << int(Coupling) << "compareScale"
                                   << "x" << false << "not a number";
    QTest::newRow("from_decimal_comma") << int(L2Scale) << "compareFrom"
                                        << "0,001" << true << "";
    QTest::newRow("from_zero") << int(L2Scale) << "compareFrom"
                               << "0" << false
                               << "From: 0 is out of range. Allowed: more than 0, up to 1e12.";
    QTest::newRow("to_negative") << int(L1Scale) << "compareTo"
                                 << "-1" << false << "To: -1 is out of range.";
    QTest::newRow("count_one") << int(L2Scale) << "compareCount"
                               << "1" << false << "Values: 1 is out of range. Allowed: 2 to 64.";
    QTest::newRow("count_over_range") << int(L2Scale) << "compareCount"
                                      << "65" << false << "Allowed: 2 to 64.";
    QTest::newRow("epochs_ok") << int(L2Scale) << "compareEpochs"
                               << "12" << true << "";
    QTest::newRow("epochs_zero") << int(Convention) << "compareEpochs"
                                 << "0" << false
                                 << "Epochs: 0 is out of range. Allowed: 1 to 1000000.";
    QTest::newRow("epochs_negative") << int(L2Scale) << "compareEpochs"
                                     << "-5" << false << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_over_range") << int(L2Scale) << "compareEpochs"
                                       << "2000000" << false << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_decimal_comma") << int(L2Scale) << "compareEpochs"
                                          << "1,5" << false << "not a whole number";
}

void TestCompareSetup::typedFields() {
    QFETCH(int, what);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(QString, message);
    CompareSetupPane pane(defaultExperiment());
    pane.resize(420, 600);
    pane.show();
    pane.findChild<QComboBox *>(QStringLiteral("compareWhat"))->setCurrentIndex(what);
    if (field == QLatin1String("compareFrom") || field == QLatin1String("compareTo")
        || field == QLatin1String("compareCount"))
        pane.findChild<QRadioButton *>(QStringLiteral("compareRange"))->setChecked(true);
    auto *box = pane.findChild<NumberBox *>(field);
    QVERIFY(box);
    QVERIFY(box->isVisible() && box->isEnabled());
    QVERIFY(!pane.variants().empty());
    typeAndCommit(box, text);
    QVERIFY2(pane.errorText().contains(message), qPrintable(pane.errorText()));
    QCOMPARE(pane.errorText().isEmpty(), accepted);
    QCOMPARE(pane.variants().empty(), !accepted); // nothing runs with a refused field
    if (field == QLatin1String("compareEpochs") && accepted)
        QCOMPARE(pane.epochs(), text.toInt());
    if (accepted)
        return;
    QTest::keyClick(box, Qt::Key_Escape); // back to the last good value: runnable again
    QVERIFY(pane.errorText().isEmpty());
    QVERIFY(!pane.variants().empty());
}

QTEST_MAIN(TestCompareSetup)
#include "tst_compare_setup.moc"
