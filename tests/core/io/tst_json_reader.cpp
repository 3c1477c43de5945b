// SPDX-License-Identifier: GPL-3.0-or-later
// Strict JSON reading: syntax errors with line and column, duplicate keys, the nesting limit.
#include "core/error.h"
#include "core/io/json_reader.h"
#include "support/test_support.h"

#include <nlohmann/json.hpp>

#include <QTest>

#include <string>

using namespace reglab;
using namespace reglab::test;
using Json = nlohmann::ordered_json;

class TestJsonReader : public QObject {
    Q_OBJECT

private slots:
    void syntaxErrorNamesLineAndColumn_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        QTest::newRow("missing_value") << "{\n  \"name\": \"x\",\n  \"seed\": ,\n}"
                                       << "line 3, column 11";
        QTest::newRow("trailing_comma") << "{\"a\": 1,\n}"
                                        << "line 2, column 1";
        QTest::newRow("first_char") << "x"
                                    << "line 1, column 1";
        QTest::newRow("empty") << ""
                               << "line 1, column 1";
        QTest::newRow("unterminated") << "{\"name\": \"abc"
                                      << "line 1, column 14";
        QTest::newRow("number_overflow") << "{\"model\": 1,\n \"seed\": 1e400}"
                                         << "line 2, column 10";
    }
    void syntaxErrorNamesLineAndColumn() {
        QFETCH(QString, text);
        QFETCH(QString, field);
        const auto e = inputErrorOf([&] { parseJsonText(text.toStdString(), "s.json"); });
        QVERIFY(e);
        QCOMPARE(qs(e->file()), QString("s.json"));
        QCOMPARE(qs(e->field()), field);
        QVERIFY2(!e->message().empty() && e->message().find("json.exception") == std::string::npos,
                 e->what());
    }

    void duplicateKeysAreErrors() {
        const auto e = inputErrorOf([] {
            parseJsonText(R"({"model": {"layers": [{"units": 3}, {"units": 1, "units": 2}]}})",
                          "d.json");
        });
        QVERIFY(e);
        QCOMPARE(qs(e->file()), QString("d.json"));
        QCOMPARE(qs(e->field()), QString("model.layers.1.units"));
        QCOMPARE(qs(e->message()), QString("duplicate key"));
        // The same key in different objects is fine.
        const Json ok = parseJsonText(R"({"a": {"x": 1}, "b": {"x": 2}, "x": [{"x": 3}]})", "o");
        QCOMPARE(ok["x"][0]["x"].get<int>(), 3);
    }

    void nestingIsLimited() {
        const std::string deep = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
        QCOMPARE(parseJsonText(deep, "n.json").dump().size(), 2 * kMaxJsonDepth);
        const std::string tooDeep =
            "{\"a\": " + std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']') + "}";
        const auto e = inputErrorOf([&] { parseJsonText(tooDeep, "n.json"); });
        QVERIFY(e);
        QCOMPARE(qs(e->file()), QString("n.json"));
        // The object and 63 arrays are open when the 64th array starts.
        QCOMPARE(qs(e->field()), QString("a") + QString(".0").repeated(63));
        QCOMPARE(qs(e->message()), QString("nested more than 64 levels deep"));
    }

    void joinJsonPathDotsMembers() {
        QCOMPARE(qs(joinJsonPath("", "model")), QString("model"));
        QCOMPARE(qs(joinJsonPath("model", "layers")), QString("model.layers"));
        QCOMPARE(qs(joinJsonPath("model.layers", "0")), QString("model.layers.0"));
    }
};

QTEST_APPLESS_MAIN(TestJsonReader)
#include "tst_json_reader.moc"
