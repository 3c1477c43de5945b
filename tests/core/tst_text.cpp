// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers and names as text (core/text.h): exact decimals against printf in the C locale and
// hand-written expectations, tidy exponents, CSV fields, safe file names.

#include "core/error.h"
#include "core/text.h"

#include <QtTest>

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <random>

using namespace reglab;

namespace {

/// The reference exactDecimal() must equal: printf's smallest round-tripping precision.
std::string printfReference(double v, char conversion, int minPrecision, int maxPrecision) {
    const char format[] = {'%', '.', '*', conversion, '\0'};
    char buf[512];
    for (int p = minPrecision; p <= maxPrecision; ++p) {
        std::snprintf(buf, sizeof buf, format, p, v);
        if (std::strtod(buf, nullptr) == v)
            break;
    }
    return buf;
}

} // namespace

class TestText : public QObject {
    Q_OBJECT

private slots:
    void exactDecimalCases_data();
    void exactDecimalCases();
    void exactDecimalMatchesPrintf();
    void exactDecimalIgnoresLocale();
    void tidyExponent_data();
    void tidyExponent();
    void csvField_data();
    void csvField();
    void csvReaderRecords_data();
    void csvReaderRecords();
    void csvReaderUnterminatedQuote();
    void safeFileName_data();
    void safeFileName();
};

void TestText::exactDecimalCases_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("format"); // 0 general, 1 scientific, 2 fixed
    QTest::addColumn<int>("minPrecision");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tenth_general") << 0.1 << 0 << 6 << "0.1";
    QTest::newRow("float_tenth_needs_17") << double(0.1f) << 0 << 6 << "0.10000000149011612";
    QTest::newRow("hundred_thousand_min6") << 100000.0 << 0 << 6 << "100000";
    QTest::newRow("hundred_thousand_min1") << 100000.0 << 0 << 1 << "1e+05";
    QTest::newRow("small_general") << 1e-5 << 0 << 6 << "1e-05";
    QTest::newRow("nine_digits") << 123456789.0 << 0 << 6 << "123456789";
    QTest::newRow("scientific_0") << 0.001 << 1 << 0 << "1e-03";
    QTest::newRow("scientific_2_5") << 2.5e-7 << 1 << 0 << "2.5e-07";
    QTest::newRow("fixed_quarter") << 0.25 << 2 << 0 << "0.25";
    QTest::newRow("fixed_integer") << 3.0 << 2 << 0 << "3";
    QTest::newRow("negative") << -0.5 << 0 << 6 << "-0.5";
    QTest::newRow("zero") << 0.0 << 0 << 6 << "0";
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << 0 << 6 << "inf";
    QTest::newRow("minus_inf") << -std::numeric_limits<double>::infinity() << 0 << 6 << "-inf";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 0 << 6 << "nan";
}

void TestText::exactDecimalCases() {
    QFETCH(double, value);
    QFETCH(int, format);
    QFETCH(int, minPrecision);
    QFETCH(QString, expected);
    const std::chars_format f[] = {std::chars_format::general, std::chars_format::scientific,
                                   std::chars_format::fixed};
    QCOMPARE(QString::fromStdString(exactDecimal(value, f[format], minPrecision)), expected);
}

void TestText::exactDecimalMatchesPrintf() {
    // Random doubles over many magnitudes and float-rounded ones (what metrics hold): the
    // text is printf's, byte for byte, and reads back exactly.
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> mantissa(-10.0, 10.0);
    std::uniform_int_distribution<int> exponent(-12, 12);
    for (int i = 0; i < 20000; ++i) {
        double v = mantissa(rng) * std::pow(10.0, exponent(rng));
        if (i % 2)
            v = double(float(v));
        const std::string general = exactDecimal(v);
        QCOMPARE(general, printfReference(v, 'g', 6, 17));
        QCOMPARE(std::strtod(general.c_str(), nullptr), v);
        QCOMPARE(exactDecimal(v, std::chars_format::general, 1), printfReference(v, 'g', 1, 17));
        QCOMPARE(exactDecimal(v, std::chars_format::scientific, 0), printfReference(v, 'e', 0, 16));
        if (std::fabs(v) >= 0.01 && std::fabs(v) < 1e4)
            QCOMPARE(exactDecimal(v, std::chars_format::fixed, 0), printfReference(v, 'f', 0, 20));
    }
}

void TestText::exactDecimalIgnoresLocale() {
    // A locale with a decimal comma must not change files RegLab writes.
    const char *previous = std::setlocale(LC_NUMERIC, nullptr);
    const std::string saved = previous ? previous : "C";
    if (!std::setlocale(LC_NUMERIC, "de_DE.UTF-8") && !std::setlocale(LC_NUMERIC, "fr_FR.UTF-8"))
        QSKIP("no locale with a decimal comma is installed");
    const std::string text = exactDecimal(0.25);
    std::setlocale(LC_NUMERIC, saved.c_str());
    QCOMPARE(QString::fromStdString(text), QStringLiteral("0.25"));
}

void TestText::tidyExponent_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("negative") << "1e-04"
                              << "1e-4";
    QTest::newRow("positive") << "1e+04"
                              << "1e4";
    QTest::newRow("mantissa") << "2.5e-03"
                              << "2.5e-3";
    QTest::newRow("zero_exponent") << "1e+00"
                                   << "1e0";
    QTest::newRow("no_exponent") << "0.25"
                                 << "0.25";
}

void TestText::tidyExponent() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(reglab::tidyExponent(text.toStdString())), expected);
}

void TestText::csvField_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "L2 1e-3"
                           << "L2 1e-3";
    QTest::newRow("comma") << "a,b"
                           << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "a\nb"
                             << "\"a\nb\"";
    QTest::newRow("empty") << ""
                           << "";
}

void TestText::csvField() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(reglab::csvField(text.toStdString())), expected);
}

void TestText::csvReaderRecords_data() {
    // Records are written as cells joined by '|', records joined by '/', each prefixed with
    // the line it starts on ("1:a|b").
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("endsWithLineBreak");
    QTest::newRow("plain") << QByteArray("a,b\n1,2\n") << "1:a|b/2:1|2" << true;
    QTest::newRow("no_final_line_break") << QByteArray("a,b\n1,2") << "1:a|b/2:1|2" << false;
    QTest::newRow("quoted_comma") << QByteArray("\"a,b\",c\n") << "1:a,b|c" << true;
    QTest::newRow("doubled_quotes") << QByteArray("\"say \"\"hi\"\"\"\n") << "1:say \"hi\"" << true;
    QTest::newRow("line_break_in_quotes")
        << QByteArray("\"two\nlines\",x\ny,z\n") << "1:two\nlines|x/3:y|z" << true;
    QTest::newRow("blanks_before_quote") << QByteArray("\"a\", \"b\"\n") << "1:a|b" << true;
    QTest::newRow("crlf_kept") << QByteArray("a\r\n") << "1:a\r" << true;
    QTest::newRow("blank_line") << QByteArray("a\n\nb\n") << "1:a/2:/3:b" << true;
    QTest::newRow("empty_cells") << QByteArray(",,\n") << "1:||" << true;
    QTest::newRow("quote_inside_cell_is_text") << QByteArray("a\"b\n") << "1:a\"b" << true;
}

void TestText::csvReaderRecords() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QFETCH(bool, endsWithLineBreak);
    CsvReader reader(std::string_view(text.constData(), std::size_t(text.size())), "t.csv");
    CsvRecord record;
    QStringList records;
    while (reader.next(record)) {
        QStringList cells;
        for (const std::string &cell : record.cells)
            cells << QString::fromStdString(cell);
        records << QString::number(record.line) + QLatin1Char(':') + cells.join(QLatin1Char('|'));
    }
    QCOMPARE(records.join(QLatin1Char('/')), expected);
    QCOMPARE(reader.lastEndedWithLineBreak(), endsWithLineBreak);
}

void TestText::csvReaderUnterminatedQuote() {
    CsvReader reader("a\n\"b,c\nd\n", "t.csv");
    CsvRecord record;
    QVERIFY(reader.next(record));
    try {
        reader.next(record);
        QFAIL("an unterminated quote was accepted");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("t.csv"));
        QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("line 2"));
    }
}

void TestText::safeFileName_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("kept") << "spiral-l2_1e-3+x.json"
                          << "spiral-l2_1e-3+x.json";
    QTest::newRow("spaces_and_slashes") << "L2 1e-3 / all"
                                        << "L2_1e-3___all";
    QTest::newRow("empty") << ""
                           << "_";
    QTest::newRow("dot") << "."
                         << "_";
    QTest::newRow("dot_dot") << ".."
                             << "_";
    QTest::newRow("utf8_bytes") << QString::fromUtf8("λ=0") << "___0";
}

void TestText::safeFileName() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(reglab::safeFileName(text.toUtf8().toStdString())), expected);
}

QTEST_APPLESS_MAIN(TestText)
#include "tst_text.moc"
