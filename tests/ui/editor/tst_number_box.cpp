// SPDX-License-Identifier: GPL-3.0-or-later
// The one number-entry rule (ui/editor/number_text.h) and the field that applies it: what
// typed text means in C, English, German and Korean locales; refusals that say the range
// and keep the value; arrows that stop at the ends; Ctrl+Z going to the app once committed.

#include "support/number_entry.h"
#include "ui/editor/log_spin_box.h"
#include "ui/editor/number_box.h"
#include "ui/editor/number_text.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace reglab::ui;
using reglab::test::typeAndCommit;

Q_DECLARE_METATYPE(reglab::ui::NumberProblem)

class TestNumberBox : public QObject {
    Q_OBJECT
private slots:
    void parseDecimal_data();
    void parseDecimal();
    void parseWhole_data();
    void parseWhole();
    void parseNumberList_data();
    void parseNumberList();
    void formatCompact_data();
    void formatCompact();
    void refusalKeepsTheValue_data();
    void refusalKeepsTheValue();
    void messageFollowsTheTyping();
    void escapeRestores();
    void arrowsStopAtTheEnds();
    void specialValueText();
    void logStepping_data();
    void logStepping();
    void undoKeysGoToTheAppOnceCommitted();
};

void TestNumberBox::parseDecimal_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<NumberProblem>("problem");
    QTest::addColumn<double>("value");
    const auto ok = NumberProblem::None;
    QTest::newRow("c_point") << "0.01"
                             << "C" << ok << 0.01;
    QTest::newRow("c_exponent") << "1e-3"
                                << "C" << ok << 1e-3;
    QTest::newRow("c_capital_exponent") << "+2.5E4"
                                        << "C" << ok << 2.5e4;
    QTest::newRow("decimal_comma_in_c") << "0,01"
                                        << "C" << ok << 0.01;
    QTest::newRow("decimal_comma_in_en") << "0,01"
                                         << "en_US" << ok << 0.01;
    QTest::newRow("decimal_comma_in_de") << "0,01"
                                         << "de_DE" << ok << 0.01;
    QTest::newRow("decimal_comma_in_ko") << "0,01"
                                         << "ko_KR" << ok << 0.01;
    QTest::newRow("point_in_ko") << "0.5"
                                 << "ko_KR" << ok << 0.5;
    QTest::newRow("point_in_de") << "0.01"
                                 << "de_DE" << ok << 0.01;
    QTest::newRow("comma_and_exponent") << "1,5e-3"
                                        << "de_DE" << ok << 1.5e-3;
    QTest::newRow("negative_kept") << "-5"
                                   << "C" << ok << -5.0;
    QTest::newRow("typographic_minus") << "\u22123"
                                       << "C" << ok << -3.0;
    QTest::newRow("spaces_around") << "  2.5 "
                                   << "C" << ok << 2.5;
    QTest::newRow("leading_zero_comma_en") << "0,001"
                                           << "en_US" << ok << 0.001;
    QTest::newRow("comma_thousand_in_de") << "1,000"
                                          << "de_DE" << ok << 1.0;
    QTest::newRow("point_thousand_in_en") << "1.000"
                                          << "en_US" << ok << 1.0;
    QTest::newRow("empty") << ""
                           << "C" << NumberProblem::Empty << 0.0;
    QTest::newRow("blank") << "   "
                           << "C" << NumberProblem::Empty << 0.0;
    QTest::newRow("letters") << "abc"
                             << "C" << NumberProblem::NotANumber << 0.0;
    QTest::newRow("lone_exponent") << "1e"
                                   << "C" << NumberProblem::NotANumber << 0.0;
    QTest::newRow("two_signs") << "--5"
                               << "C" << NumberProblem::NotANumber << 0.0;
    QTest::newRow("infinity") << "inf"
                              << "C" << NumberProblem::NotANumber << 0.0;
    QTest::newRow("both_separators") << "1.000,5"
                                     << "de_DE" << NumberProblem::Ambiguous << 0.0;
    QTest::newRow("both_separators_en") << "1,000.5"
                                        << "en_US" << NumberProblem::Ambiguous << 0.0;
    QTest::newRow("comma_thousand_in_en") << "1,000"
                                          << "en_US" << NumberProblem::Ambiguous << 0.0;
    QTest::newRow("comma_thousand_in_ko") << "2,500"
                                          << "ko_KR" << NumberProblem::Ambiguous << 0.0;
    QTest::newRow("point_thousand_in_de") << "1.000"
                                          << "de_DE" << NumberProblem::Ambiguous << 0.0;
    QTest::newRow("two_commas") << "1,000,000"
                                << "de_DE" << NumberProblem::Ambiguous << 0.0;
}

void TestNumberBox::parseDecimal() {
    QFETCH(QString, text);
    QFETCH(QString, locale);
    QFETCH(NumberProblem, problem);
    QFETCH(double, value);
    const ParsedNumber parsed = reglab::ui::parseDecimal(text, QLocale(locale));
    QCOMPARE(int(parsed.problem), int(problem));
    if (parsed.ok())
        QCOMPARE(parsed.value, value);
}

void TestNumberBox::parseWhole_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<NumberProblem>("problem");
    QTest::addColumn<double>("value");
    const auto ok = NumberProblem::None;
    QTest::newRow("digits") << "128"
                            << "C" << ok << 128.0;
    QTest::newRow("plus") << "+7"
                          << "C" << ok << 7.0;
    QTest::newRow("negative_kept") << "-5"
                                   << "C" << ok << -5.0;
    QTest::newRow("zero") << "0"
                          << "C" << ok << 0.0;
    QTest::newRow("ten_million") << "10000000"
                                 << "C" << ok << 1e7;
    QTest::newRow("too_long_for_int") << "99999999999999"
                                      << "C" << ok << 99999999999999.0;
    QTest::newRow("decimal_point") << "2.5"
                                   << "C" << NumberProblem::NotWhole << 0.0;
    QTest::newRow("decimal_comma") << "0,5"
                                   << "de_DE" << NumberProblem::NotWhole << 0.0;
    QTest::newRow("exponent") << "1e3"
                              << "C" << NumberProblem::NotWhole << 0.0;
    QTest::newRow("grouped_de") << "10.000"
                                << "de_DE" << NumberProblem::NotWhole << 0.0;
    QTest::newRow("grouped_en") << "10,000"
                                << "en_US" << NumberProblem::NotWhole << 0.0;
    QTest::newRow("letters") << "abc"
                             << "C" << NumberProblem::NotANumber << 0.0;
    QTest::newRow("empty") << ""
                           << "C" << NumberProblem::Empty << 0.0;
}

void TestNumberBox::parseWhole() {
    QFETCH(QString, text);
    QFETCH(QString, locale);
    QFETCH(NumberProblem, problem);
    QFETCH(double, value);
    const ParsedNumber parsed = reglab::ui::parseWhole(text, QLocale(locale));
    QCOMPARE(int(parsed.problem), int(problem));
    if (parsed.ok())
        QCOMPARE(parsed.value, value);
}

void TestNumberBox::parseNumberList_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<QString>("badItem");
    QTest::addColumn<bool>("ambiguous");
    using V = std::vector<double>;
    QTest::newRow("commas_and_spaces") << "0, 1e-4, 1e-3" << V{0, 1e-4, 1e-3} << "" << false;
    QTest::newRow("commas_only") << "1e-4,1e-3" << V{1e-4, 1e-3} << "" << false;
    QTest::newRow("three_glued") << "0,1e-4,1e-3" << V{0, 1e-4, 1e-3} << "" << false;
    QTest::newRow("spaces_only") << "0 0.5  2" << V{0, 0.5, 2} << "" << false;
    QTest::newRow("semicolons_decimal_comma") << "1e-4; 0,01" << V{1e-4, 0.01} << "" << false;
    QTest::newRow("semicolons_glued") << "1e-4;0,01;0,1" << V{1e-4, 0.01, 0.1} << "" << false;
    QTest::newRow("semicolon_comma_exponent") << "1,5e-3; 2" << V{1.5e-3, 2} << "" << false;
    QTest::newRow("one_or_two") << "0, 0,01" << V{0} << "0,01" << true;
    QTest::newRow("one_or_two_exponent") << "0,1e-4" << V{} << "0,1e-4" << true;
    QTest::newRow("garbage") << "0, abc" << V{0} << "abc" << false;
    QTest::newRow("negative_read") << "-1; 2" << V{-1, 2} << "" << false;
    QTest::newRow("empty") << "" << V{} << "" << false;
}

void TestNumberBox::parseNumberList() {
    QFETCH(QString, text);
    QFETCH(std::vector<double>, values);
    QFETCH(QString, badItem);
    QFETCH(bool, ambiguous);
    const ParsedList list = reglab::ui::parseNumberList(text, QLocale::c());
    QCOMPARE(list.values, values);
    QCOMPARE(list.badItem, badItem);
    QCOMPARE(list.ambiguous, ambiguous);
}

void TestNumberBox::formatCompact_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("minPlainExponent");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero") << 0.0 << -3 << "0";
    QTest::newRow("milli_plain") << 1e-3 << -3 << "0.001";
    QTest::newRow("milli_badge") << 1e-3 << -2 << "1e-3";
    QTest::newRow("ten_thousandth") << 1e-4 << -3 << "1e-4";
    QTest::newRow("mantissa") << 2.5e-5 << -3 << "2.5e-5";
    QTest::newRow("half") << 0.5 << -3 << "0.5";
    QTest::newRow("ten") << 10.0 << -3 << "10";
    QTest::newRow("million") << 1e6 << -3 << "1e6";
    QTest::newRow("negative") << -5.0 << -3 << "-5";
}

void TestNumberBox::formatCompact() {
    QFETCH(double, value);
    QFETCH(int, minPlainExponent);
    QFETCH(QString, expected);
    QCOMPARE(reglab::ui::formatCompact(value, minPlainExponent), expected);
}

void TestNumberBox::refusalKeepsTheValue_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("in_range") << "300" << true << 300.0 << "";
    QTest::newRow("top_of_range") << "65536" << true << 65536.0 << "";
    QTest::newRow("zero") << "0" << false << 128.0 << "Allowed: 1 to 65536.";
    QTest::newRow("negative") << "-5" << false << 128.0 << "-5 is out of range.";
    QTest::newRow("over_range") << "10000000" << false << 128.0 << "Allowed: 1 to 65536.";
    QTest::newRow("decimal_comma") << "0,5" << false << 128.0 << "not a whole number";
    QTest::newRow("garbage") << "abc" << false << 128.0 << "“abc” is not a number.";
    QTest::newRow("empty") << "" << false << 128.0 << "Type a number.";
}

void TestNumberBox::refusalKeepsTheValue() {
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, value);
    QFETCH(QString, message);
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *box = new NumberBox(NumberBox::Kind::Whole);
    box->setRange(1, 65536);
    box->setValue(128);
    layout->addWidget(box->withMessageBelow());
    window.show();
    QSignalSpy changed(box, &NumberBox::valueChanged);
    typeAndCommit(box, text);
    QCOMPARE(box->value(), value);
    QCOMPARE(changed.count(), accepted ? 1 : 0);
    QVERIFY2(box->errorText().contains(message), qPrintable(box->errorText()));
    QCOMPARE(box->errorText().isEmpty(), accepted);
    auto *label = window.findChild<QLabel *>();
    QCOMPARE(label->isVisible(), !accepted);
    QCOMPARE(label->text(), box->errorText());
    if (!accepted) // the typed text stays to be fixed; nothing reverted it
        QCOMPARE(box->findChild<QLineEdit *>()->text(), text);
}

void TestNumberBox::messageFollowsTheTyping() {
    NumberBox box(NumberBox::Kind::Decimal);
    box.setRange(0.0, 10.0);
    box.setValue(1.0);
    box.show();
    typeAndCommit(&box, QStringLiteral("12"));
    QVERIFY(box.errorText().contains(QStringLiteral("Allowed: 0 to 10.")));
    QTest::keyClick(&box, Qt::Key_End);
    QTest::keyClick(&box, Qt::Key_Backspace); // "1": fine, but not committed yet
    QVERIFY(box.errorText().isEmpty());
    QCOMPARE(box.value(), 1.0);
    QTest::keyClicks(&box, QStringLiteral(",5"));
    QTest::keyClick(&box, Qt::Key_Return);
    QCOMPARE(box.value(), 1.5);
    QCOMPARE(box.text(), QStringLiteral("1.5"));
}

void TestNumberBox::escapeRestores() {
    NumberBox box(NumberBox::Kind::Whole);
    box.setRange(1, 100);
    box.setValue(10);
    box.show();
    typeAndCommit(&box, QStringLiteral("500"));
    QVERIFY(!box.errorText().isEmpty());
    QTest::keyClick(&box, Qt::Key_Escape);
    QVERIFY(box.errorText().isEmpty());
    QCOMPARE(box.text(), QStringLiteral("10"));
    QCOMPARE(box.value(), 10.0);
}

void TestNumberBox::arrowsStopAtTheEnds() {
    NumberBox box(NumberBox::Kind::Decimal);
    box.setRange({0.0, 1.0, true, true}); // a test fraction
    box.setSingleStep(0.05);
    box.setValue(0.9);
    box.stepBy(1);
    QCOMPARE(box.value(), 0.95);
    box.stepBy(1); // 1.0 is outside: the arrow stops, nothing is clamped
    QCOMPARE(box.value(), 0.95);
    box.setValue(0.1);
    box.stepBy(-1);
    QCOMPARE(box.value(), 0.05);
    box.stepBy(-1);
    QCOMPARE(box.value(), 0.05);
    // A value from a file outside the range is shown as it is.
    box.setValue(1.5);
    QCOMPARE(box.text(), QStringLiteral("1.5"));
}

void TestNumberBox::specialValueText() {
    NumberBox box(NumberBox::Kind::Whole);
    box.setRange(0, 1000);
    box.setSpecialValue(0, QStringLiteral("all"));
    box.setValue(0);
    QCOMPARE(box.text(), QStringLiteral("all"));
    box.show();
    typeAndCommit(&box, QStringLiteral("250"));
    QCOMPARE(box.value(), 250.0);
    typeAndCommit(&box, QStringLiteral("all"));
    QCOMPARE(box.value(), 0.0);
}

void TestNumberBox::logStepping_data() {
    QTest::addColumn<int>("stepping");
    QTest::addColumn<double>("from");
    QTest::addColumn<int>("steps");
    QTest::addColumn<double>("expected");
    const int oneTwoFive = int(LogSpinBox::Stepping::OneTwoFive);
    const int twoDigits = int(LogSpinBox::Stepping::TwoDigits);
    QTest::newRow("125_up") << oneTwoFive << 0.01 << 1 << 0.02;
    QTest::newRow("125_down_twice") << oneTwoFive << 0.02 << -2 << 0.005;
    QTest::newRow("125_off_grid") << oneTwoFive << 0.003 << 1 << 0.005;
    QTest::newRow("two_digits_up") << twoDigits << 0.01 << 1 << 0.011;
    QTest::newRow("two_digits_down_decade") << twoDigits << 0.01 << -1 << 0.0099;
    QTest::newRow("two_digits_carry") << twoDigits << 0.0099 << 1 << 0.01;
    QTest::newRow("two_digits_off_grid") << twoDigits << 0.0123 << 1 << 0.013;
    QTest::newRow("two_digits_off_grid_down") << twoDigits << 0.0123 << -1 << 0.012;
}

void TestNumberBox::logStepping() {
    QFETCH(int, stepping);
    QFETCH(double, from);
    QFETCH(int, steps);
    QFETCH(double, expected);
    QCOMPARE(LogSpinBox::gridStep(from, steps, LogSpinBox::Stepping(stepping)), expected);
}

void TestNumberBox::undoKeysGoToTheAppOnceCommitted() {
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *box = new NumberBox(NumberBox::Kind::Whole);
    box->setRange(1, 1000);
    box->setValue(10);
    layout->addWidget(box);
    auto *undo = new QAction(&window);
    undo->setShortcut(QKeySequence::Undo);
    window.addAction(undo);
    QSignalSpy undone(undo, &QAction::triggered);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    // Typing not yet committed: Ctrl+Z is the field's own text undo.
    box->setFocus();
    box->findChild<QLineEdit *>()->selectAll();
    QTest::keyClicks(box, QStringLiteral("25"));
    QTest::keySequence(box, QKeySequence::Undo);
    QCOMPARE(undone.count(), 0);
    // Committed: the window's Undo gets the keys.
    box->findChild<QLineEdit *>()->selectAll();
    QTest::keyClicks(box, QStringLiteral("25"));
    QTest::keyClick(box, Qt::Key_Return);
    QCOMPARE(box->value(), 25.0);
    QTest::keySequence(box, QKeySequence::Undo);
    QCOMPARE(undone.count(), 1);
    QCOMPARE(box->text(), QStringLiteral("25")); // not the field's text undo
}

QTEST_MAIN(TestNumberBox)
#include "tst_number_box.moc"
