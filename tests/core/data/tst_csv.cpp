// SPDX-License-Identifier: GPL-3.0-or-later
// CSV parsing and the "csv" data set source (task detection, target column, split).
#include "core/data/csv.h"
#include "core/data/dataset.h"
#include "core/error.h"
#include "support/test_support.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace reglab;
using namespace reglab::test;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestCsv : public QObject {
    Q_OBJECT

private slots:
    void goodFile();
    void tolerantSyntax();
    void quotedCellsFollowRfc4180();
    void badText_data();
    void badText();
    void taskDetection_data();
    void taskDetection();
    void targetColumnAndSplit();
    void sourceErrors_data();
    void sourceErrors();
    void separateTestFile();
    void testFileColumns_data();
    void testFileColumns();
};

void TestCsv::goodFile() {
    const CsvTable t = parseCsv("x1,x2,label\n1,2,0\n3,4.5,1\n-1e-3,7,2\n", "good.csv");
    QCOMPARE(int(t.header.size()), 3);
    QCOMPARE(qs(t.header[0]), QStringLiteral("x1"));
    QCOMPARE(qs(t.header[2]), QStringLiteral("label"));
    // columns x rows
    QCOMPARE(t.values.rows(), Index(3));
    QCOMPARE(t.values.cols(), Index(3));
    QCOMPARE(t.values(0, 0), 1.0f);
    QCOMPARE(t.values(1, 1), 4.5f);
    QCOMPARE(t.values(0, 2), -0.001f);
    QCOMPARE(t.values(2, 2), 2.0f);
}

void TestCsv::tolerantSyntax() {
    // BOM, quoted names, blanks around cells, CRLF, blank lines, a '+' sign, no final newline.
    const CsvTable t = parseCsv("\xEF\xBB\xBF\"a\", b \r\n\r\n 1 ,+2\r\n\n3,\"4\"", "t.csv");
    QCOMPARE(qs(t.header[0]), QStringLiteral("a"));
    QCOMPARE(qs(t.header[1]), QStringLiteral("b"));
    QCOMPARE(t.values.cols(), Index(2));
    QCOMPARE(t.values(0, 0), 1.0f);
    QCOMPARE(t.values(1, 0), 2.0f);
    QCOMPARE(t.values(1, 1), 4.0f);
}

void TestCsv::quotedCellsFollowRfc4180() {
    // A quoted name may hold a comma, a doubled quote and a line break; a quoted number is a
    // number; the line numbers of later errors count the line break inside the quotes.
    const CsvTable t =
        parseCsv("\"width, cm\",\"say \"\"y\"\"\",\"two\nlines\"\n1,\"2\",3\n", "t.csv");
    QCOMPARE(t.header.size(), std::size_t(3));
    QCOMPARE(qs(t.header[0]), QStringLiteral("width, cm"));
    QCOMPARE(qs(t.header[1]), QStringLiteral("say \"y\""));
    QCOMPARE(qs(t.header[2]), QStringLiteral("two\nlines"));
    QCOMPARE(t.values(1, 0), 2.0f);
    const auto error = inputErrorOf([] { parseCsv("\"a\nb\",c\n1,2\n1,x\n", "t.csv"); });
    QVERIFY(error);
    QCOMPARE(qs(error->field()), QStringLiteral("line 4"));
}

void TestCsv::badText_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty_file") << ""
                                << "header"
                                << "empty";
    QTest::newRow("blank_lines_only") << "\n \n\r\n"
                                      << "header"
                                      << "empty";
    QTest::newRow("missing_header") << "1,2,3\n4,5,6\n"
                                    << "header"
                                    << "holds numbers";
    QTest::newRow("header_only") << "a,b\n"
                                 << ""
                                 << "no data rows";
    QTest::newRow("empty_column_name") << "a,,c\n1,2,3\n"
                                       << "header"
                                       << "column 2 has no name";
    QTest::newRow("duplicate_column") << "a,b,a\n1,2,3\n"
                                      << "header"
                                      << "duplicate";
    QTest::newRow("ragged_short") << "a,b,c\n1,2,3\n4,5\n"
                                  << "line 3"
                                  << "has 2 cells, the header has 3 columns";
    QTest::newRow("ragged_long") << "a,b\n1,2\n\n4,5,6\n"
                                 << "line 4"
                                 << "has 3 cells";
    QTest::newRow("nan_cell") << "a,b\n1,nan\n"
                              << "line 2"
                              << "column \"b\": \"nan\" is not a "
                                 "finite number";
    QTest::newRow("inf_cell") << "a,b\n-inf,1\n"
                              << "line 2"
                              << "column \"a\"";
    QTest::newRow("text_cell") << "x,y\n1,2\n3,abc\n"
                               << "line 3"
                               << "column \"y\": \"abc\" is not a number";
    QTest::newRow("empty_cell") << "x,y\n1,\n"
                                << "line 2"
                                << "column \"y\": empty cell";
    QTest::newRow("trailing_junk") << "x,y\n1,2x\n"
                                   << "line 2"
                                   << "\"2x\" is not a number";
    QTest::newRow("double_sign") << "x,y\n1,+-2\n"
                                 << "line 2"
                                 << "is not a number";
    QTest::newRow("overflow_double") << "x,y\n1,1e999\n"
                                     << "line 2"
                                     << "out of the float range";
    QTest::newRow("overflow_float") << "x,y\n1e39,1\n"
                                    << "line 2"
                                    << "out of the float range";
}

void TestCsv::badText() {
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto err = inputErrorOf([&] { parseCsv(text.toStdString(), "bad.csv"); });
    QVERIFY2(err, "no InputError");
    QCOMPARE(qs(err->file()), QStringLiteral("bad.csv"));
    QCOMPARE(qs(err->field()), field);
    QVERIFY2(qs(err->message()).contains(message), err->what());
}

void TestCsv::taskDetection_data() {
    QTest::addColumn<QString>("targets"); // one per row
    QTest::addColumn<bool>("classification");
    QTest::addColumn<int>("numClasses");
    QTest::newRow("binary") << "0 1 1 0 1" << true << 2;
    QTest::newRow("three_classes") << "2 0 1 2 1" << true << 3;
    QTest::newRow("gap_in_labels") << "0 4 0 4 0" << true << 5;
    QTest::newRow("max_255") << "255 0 1 0 1" << true << 256;
    QTest::newRow("integral_as_float") << "1.0 0.0 1 0 1" << true << 2;
    QTest::newRow("label_256") << "256 0 1 0 1" << false << 0;
    QTest::newRow("negative") << "-1 0 1 0 1" << false << 0;
    QTest::newRow("fraction") << "0.5 0 1 0 1" << false << 0;
    QTest::newRow("all_zero") << "0 0 0 0 0" << false << 0;
}

void TestCsv::taskDetection() {
    QFETCH(QString, targets);
    QFETCH(bool, classification);
    QFETCH(int, numClasses);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QByteArray text = "f,t\n";
    int i = 0;
    for (const QString &t : targets.split(' '))
        text += QByteArray::number(i++) + "," + t.toUtf8() + "\n";
    QVERIFY(writeFile(dir.filePath("d.csv"), text));
    DatasetSpec spec;
    spec.source = "csv";
    spec.path = "d.csv";
    spec.target = "t";
    const Dataset d = loadDataset(spec, 3, dir.path().toStdString());
    QCOMPARE(d.task == TaskKind::Classification, classification);
    QCOMPARE(d.numClasses, numClasses);
    QCOMPARE(int(d.classNames.size()), numClasses);
    QCOMPARE(d.outputDim(LossKind::MeanSquaredError), 1);
    if (classification)
        QCOMPARE(d.outputDim(LossKind::SoftmaxCrossEntropy), numClasses);
}

void TestCsv::targetColumnAndSplit() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // 10 rows: a = i, y = 10 i + 0.5 (regression), b = -i. The target sits in the middle.
    QByteArray text = "a,y,b\n";
    for (int i = 0; i < 10; ++i)
        text += QByteArray::number(i) + "," + QByteArray::number(10 * i + 0.5) + ","
                + QByteArray::number(-i) + "\n";
    QVERIFY(writeFile(dir.filePath("r.csv"), text));
    DatasetSpec spec;
    spec.source = "csv";
    spec.path = dir.filePath("r.csv").toStdString();
    spec.target = "y";
    spec.testFraction = 0.3;
    const Dataset d = loadDataset(spec, 11);
    QVERIFY(d.task == TaskKind::Regression);
    QCOMPARE(qs(d.name), QStringLiteral("r.csv"));
    QCOMPARE(d.inputDim(), Index(2));
    QCOMPARE(d.trainSize(), Index(7)); // 10 - round(3.0)
    QCOMPARE(d.testSize(), Index(3));
    QCOMPARE(d.trainY.rows(), Index(1));
    // Each sample keeps its row together: features (a, b) = (i, -i), target 10 i + 0.5.
    float sumA = 0.0f;
    auto check = [&](const MatrixF &x, const MatrixF &y) {
        for (Index j = 0; j < x.cols(); ++j) {
            QCOMPARE(x(1, j), -x(0, j));
            QCOMPARE(y(0, j), 10.0f * x(0, j) + 0.5f);
            sumA += x(0, j);
        }
    };
    check(d.trainX, d.trainY);
    check(d.testX, d.testY);
    QCOMPARE(sumA, 45.0f); // 0 + 1 + ... + 9: every row exactly once

    // Same seed: same split; another seed: another order.
    const Dataset again = loadDataset(spec, 11);
    QVERIFY(again.trainX == d.trainX);
    const Dataset other = loadDataset(spec, 12);
    QVERIFY(other.trainX != d.trainX);
}

void TestCsv::sourceErrors_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file"); // relative to the temp folder; "csv" = builtin name
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing_target_column") << "ok.csv"
                                           << "label"
                                           << "ok.csv"
                                           << "dataset.target"
                                           << "no column named \"label\" (columns: a, b)";
    QTest::newRow("no_target") << "ok.csv"
                               << ""
                               << "ok.csv"
                               << "dataset.target"
                               << "must name";
    QTest::newRow("no_path") << ""
                             << "a"
                             << "csv"
                             << "dataset.path"
                             << "names no file";
    QTest::newRow("missing_file") << "nothere.csv"
                                  << "a"
                                  << "nothere.csv"
                                  << ""
                                  << "";
    QTest::newRow("only_target") << "one.csv"
                                 << "a"
                                 << "one.csv"
                                 << "header"
                                 << "at least one feature column";
    QTest::newRow("bad_cell_in_file") << "bad.csv"
                                      << "a"
                                      << "bad.csv"
                                      << "line 3"
                                      << "column \"b\": \"x\" is not a number";
}

void TestCsv::sourceErrors() {
    QFETCH(QString, path);
    QFETCH(QString, target);
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath("ok.csv"), "a,b\n1,2\n3,4\n5,6\n"));
    QVERIFY(writeFile(dir.filePath("one.csv"), "a\n1\n0\n1\n"));
    QVERIFY(writeFile(dir.filePath("bad.csv"), "a,b\n1,2\n3,x\n"));
    DatasetSpec spec;
    spec.source = "csv";
    spec.path = path.toStdString();
    spec.target = target.toStdString();
    const auto err = inputErrorOf([&] { loadDataset(spec, 1, dir.path().toStdString()); });
    QVERIFY2(err, "no InputError");
    QCOMPARE(qs(err->file()), file == "csv" ? file : dir.filePath(file));
    QCOMPARE(qs(err->field()), field);
    QVERIFY2(qs(err->message()).contains(message), err->what());
}

void TestCsv::separateTestFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Quoted names with a comma and doubled quotes, quoted numbers; 4 training rows (classes
    // 0 and 1) and 2 test rows (classes 1 and 2: the classes count both files).
    QVERIFY(writeFile(dir.filePath("train.csv"), "\"w, cm\",\"say \"\"y\"\"\",label\n"
                                                 "1,10,0\n2,\"20\",1\n3,30,0\n4,40,1\n"));
    QVERIFY(writeFile(dir.filePath("test.csv"),
                      "\"w, cm\",\"say \"\"y\"\"\",\"label\"\r\n\"5\",50,2\r\n6,60,1\r\n"));
    DatasetSpec spec;
    spec.source = "csv";
    spec.path = "train.csv";
    spec.testPath = "test.csv";
    spec.target = "label";
    const Dataset d = loadDataset(spec, 3, dir.path().toStdString());
    QVERIFY(d.task == TaskKind::Classification);
    QCOMPARE(d.numClasses, 3);
    QCOMPARE(d.trainSize(), Index(4)); // the whole training file, no split
    QCOMPARE(d.testSize(), Index(2));
    // Every row once, its features (w, 10 w) and label together.
    float sumTrain = 0.0f, sumTest = 0.0f;
    for (Index j = 0; j < 4; ++j) {
        QCOMPARE(d.trainX(1, j), 10.0f * d.trainX(0, j));
        QCOMPARE(d.trainY(0, j), float(1 - int(d.trainX(0, j)) % 2));
        sumTrain += d.trainX(0, j);
    }
    for (Index j = 0; j < 2; ++j) {
        QCOMPARE(d.testX(1, j), 10.0f * d.testX(0, j));
        QCOMPARE(d.testY(0, j), d.testX(0, j) == 5.0f ? 2.0f : 1.0f);
        sumTest += d.testX(0, j);
    }
    QCOMPARE(sumTrain, 10.0f);
    QCOMPARE(sumTest, 11.0f);

    // A limit keeps `limit` training rows and max(1, round(limit * test_fraction)) test rows.
    spec.limit = 3;
    spec.testFraction = 0.5;
    const Dataset limited = loadDataset(spec, 3, dir.path().toStdString());
    QCOMPARE(limited.trainSize(), Index(3));
    QCOMPARE(limited.testSize(), Index(2));
}

void TestCsv::testFileColumns_data() {
    QTest::addColumn<QByteArray>("test");
    QTest::addColumn<QString>("message");
    const QString columns = QStringLiteral("\"a,b\",y,c");
    QTest::newRow("renamed") << QByteArray("\"a,b\",y,d\n1,0,2\n")
                             << QStringLiteral("column 3 is \"d\", TRAIN has \"c\" (the test file "
                                               "needs the same columns in the same order: %1)")
                                    .arg(columns);
    QTest::newRow("reordered") << QByteArray("y,\"a,b\",c\n0,1,2\n")
                               << QStringLiteral("column 1 is \"y\", TRAIN has \"a,b\" (the test "
                                                 "file needs the same columns in the same order: "
                                                 "%1)")
                                      .arg(columns);
    QTest::newRow("missing") << QByteArray("\"a,b\",y\n1,0\n")
                             << QStringLiteral("has no column 3 (\"c\" in TRAIN, whose columns "
                                               "are %1)")
                                    .arg(columns);
    QTest::newRow("extra")
        << QByteArray("\"a,b\",y,c,e\n1,0,2,3\n")
        << QStringLiteral("column 4 \"e\" is not in TRAIN (its columns are %1)").arg(columns);
}

void TestCsv::testFileColumns() {
    QFETCH(QByteArray, test);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath("train.csv"), "\"a,b\",y,c\n1,0,2\n2,1,3\n"));
    QVERIFY(writeFile(dir.filePath("test.csv"), test));
    DatasetSpec spec;
    spec.source = "csv";
    spec.path = dir.filePath("train.csv").toStdString();
    spec.testPath = dir.filePath("test.csv").toStdString();
    spec.target = "y";
    const auto error = inputErrorOf([&] { loadDataset(spec, 1); });
    QVERIFY(error);
    QCOMPARE(qs(error->file()), dir.filePath("test.csv"));
    QCOMPARE(qs(error->field()), QStringLiteral("header"));
    QCOMPARE(qs(error->message()), QString(message).replace("TRAIN", dir.filePath("train.csv")));
}

QTEST_APPLESS_MAIN(TestCsv)
#include "tst_csv.moc"
