// SPDX-License-Identifier: GPL-3.0-or-later
// The "npz" data set source: what export-code writes loads back unchanged; NumPy's common
// dtypes, Fortran order and image arrays; one error naming the file and array per problem.
#include "core/data/dataset.h"
#include "core/data/npz_dataset.h"
#include "core/error.h"
#include "core/export/code_export.h"
#include "core/io/npz.h"
#include "support/npz_builder.h"
#include "support/test_support.h"

#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace reglab;
using namespace reglab::test;

namespace {

using Member = std::pair<std::string, std::string>;

/// A .npy member `name`.npy of dtype `descr` and `shape` ("(2, 3)") holding `payload`.
Member member(const std::string &name, const std::string &descr, const std::string &shape,
              const std::string &payload, bool fortran = false) {
    return {name + ".npy", npy("{'descr': '" + descr + "', 'fortran_order': "
                                   + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }",
                               payload)};
}

std::string f4(const std::vector<float> &v) {
    return bytesOf<float>(v);
}

/// A good set: x_train [3, 2], y_train [3] labels 0 1 2, x_test [1, 2], y_test [1].
std::vector<Member> goodMembers() {
    return {member("x_train", "<f4", "(3, 2)", f4({1, 2, 3, 4, 5, 6})),
            member("y_train", "<f4", "(3,)", f4({0, 1, 2})),
            member("x_test", "<f4", "(1, 2)", f4({7, 8})),
            member("y_test", "<f4", "(1,)", f4({1}))};
}

/// `members` with the member named `name`.npy replaced (or removed when `replacement` has an
/// empty name).
std::vector<Member> with(std::vector<Member> members, const std::string &name,
                         const Member &replacement) {
    for (auto it = members.begin(); it != members.end(); ++it) {
        if (it->first == name + ".npy") {
            if (replacement.first.empty())
                members.erase(it);
            else
                *it = replacement;
            return members;
        }
    }
    members.push_back(replacement);
    return members;
}

DatasetSpec npzSpec(const std::string &path) {
    DatasetSpec spec;
    spec.source = "npz";
    spec.path = path;
    return spec;
}

} // namespace

class TestNpzDataset : public QObject {
    Q_OBJECT

private slots:
    void exportedArraysLoadBack_data();
    void exportedArraysLoadBack();
    void goodFile();
    void dtypes_data();
    void dtypes();
    void fortranOrderAndImages();
    void limitKeepsTheFirstSamples();
    void errors_data();
    void errors();

private:
    QTemporaryDir m_dir;
    std::string path(const char *name) const { return m_dir.filePath(name).toStdString(); }
};

void TestNpzDataset::exportedArraysLoadBack_data() {
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("loss");
    QTest::newRow("spiral_softmax") << "spiral" << int(LossKind::SoftmaxCrossEntropy);
    QTest::newRow("moons_sigmoid") << "moons" << int(LossKind::SigmoidCrossEntropy);
    QTest::newRow("plane_mse") << "plane" << int(LossKind::MeanSquaredError);
}

void TestNpzDataset::exportedArraysLoadBack() {
    QFETCH(QString, source);
    QFETCH(int, loss);
    DatasetSpec spec;
    spec.source = source.toStdString();
    spec.samples = 120;
    const Dataset original = loadDataset(spec, 7);
    const std::string file = path("exported.npz");
    writeNpz(file, datasetToArrays(original, LossKind(loss)));

    const Dataset back = loadDataset(npzSpec(file), 99); // the seed does not matter
    QCOMPARE(back.name, std::string("exported.npz"));
    QCOMPARE(int(back.task), int(original.task));
    QCOMPARE(back.numClasses, original.numClasses);
    QCOMPARE(back.classNames, numberedClassNames(original.numClasses)); // names are not stored
    QVERIFY(back.trainX == original.trainX); // the same values in the same order
    QVERIFY(back.trainY == original.trainY);
    QVERIFY(back.testX == original.testX);
    QVERIFY(back.testY == original.testY);
    QVERIFY(!back.isImage());
}

void TestNpzDataset::goodFile() {
    const std::string file = path("good.npz");
    QVERIFY(writeZip(file, goodMembers(), true));
    const Dataset d = loadNpzDataset(npzSpec(file));
    QCOMPARE(int(d.task), int(TaskKind::Classification));
    QCOMPARE(d.numClasses, 3);
    QCOMPARE(d.trainX.rows(), Index(2));
    QCOMPARE(d.trainX.cols(), Index(3));
    // Sample j is row j of x_train [3, 2] = 1 2 / 3 4 / 5 6.
    QCOMPARE(d.trainX(0, 1), 3.0f);
    QCOMPARE(d.trainX(1, 2), 6.0f);
    QCOMPARE(d.trainY(0, 2), 2.0f);
    QCOMPARE(d.testX(1, 0), 8.0f);
    QCOMPARE(d.testY(0, 0), 1.0f);
}

void TestNpzDataset::dtypes_data() {
    QTest::addColumn<QByteArray>("xDescr");
    QTest::addColumn<QByteArray>("xPayload");
    QTest::addColumn<QByteArray>("yDescr");
    QTest::addColumn<QByteArray>("yPayload");
    // x [2, 2] = 1 2 / 250 4 (as the dtype stores it), y [2] = 0 1.
    auto row = [](const char *tag, const char *xd, const std::string &x, const char *yd,
                  const std::string &y) {
        QTest::newRow(tag) << QByteArray(xd) << QByteArray::fromStdString(x) << QByteArray(yd)
                           << QByteArray::fromStdString(y);
    };
    row("f8_i8", "<f8", bytesOf<double>({1, 2, 250, 4}), "<i8", bytesOf<std::int64_t>({0, 1}));
    row("u1_u1", "|u1", bytesOf<std::uint8_t>({1, 2, 250, 4}), "|u1",
        bytesOf<std::uint8_t>({0, 1}));
    row("i4_i4", "<i4", bytesOf<std::int32_t>({1, 2, 250, 4}), "<i4",
        bytesOf<std::int32_t>({0, 1}));
    row("i8_f8", "<i8", bytesOf<std::int64_t>({1, 2, 250, 4}), "<f8", bytesOf<double>({0, 1}));
    row("u2_b1", "<u2", bytesOf<std::uint16_t>({1, 2, 250, 4}), "|b1",
        bytesOf<std::uint8_t>({0, 1}));
}

void TestNpzDataset::dtypes() {
    QFETCH(QByteArray, xDescr);
    QFETCH(QByteArray, xPayload);
    QFETCH(QByteArray, yDescr);
    QFETCH(QByteArray, yPayload);
    const std::string file = path("dtypes.npz");
    const Member x = member("x_train", xDescr.toStdString(), "(2, 2)", xPayload.toStdString());
    const Member y = member("y_train", yDescr.toStdString(), "(2,)", yPayload.toStdString());
    QVERIFY(writeZip(file, with(with(goodMembers(), "x_train", x), "y_train", y), false));
    // x_test stays float32 [1, 2]: the dtypes of the parts may differ.
    const Dataset d = loadNpzDataset(npzSpec(file));
    QCOMPARE(d.trainX(0, 0), 1.0f);
    QCOMPARE(d.trainX(1, 0), 2.0f);
    QCOMPARE(d.trainX(0, 1), 250.0f); // uint8 pixels are not rescaled
    QCOMPARE(d.trainX(1, 1), 4.0f);
    QCOMPARE(d.trainY(0, 0), 0.0f);
    QCOMPARE(d.trainY(0, 1), 1.0f);
    QCOMPARE(d.numClasses, 2);
}

void TestNpzDataset::fortranOrderAndImages() {
    // x_train [2, 2, 3] in Fortran order: element [s, r, c] sits at s + 2 r + 4 c. Sample 0 is
    // the image 0 1 2 / 10 11 12, sample 1 is 100 101 102 / 110 111 112.
    std::vector<float> fortran(12);
    for (int s = 0; s < 2; ++s)
        for (int r = 0; r < 2; ++r)
            for (int c = 0; c < 3; ++c)
                fortran[std::size_t(s + 2 * r + 4 * c)] = float(100 * s + 10 * r + c);
    const std::string file = path("images.npz");
    QVERIFY(
        writeZip(file,
                 {member("x_train", "<f4", "(2, 2, 3)", f4(fortran), true),
                  member("y_train", "<i8", "(2,)", bytesOf<std::int64_t>({1, 0})),
                  member("x_test", "|u1", "(1, 2, 3)", bytesOf<std::uint8_t>({1, 2, 3, 4, 5, 6})),
                  member("y_test", "<i8", "(1,)", bytesOf<std::int64_t>({1}))},
                 true));
    const Dataset d = loadNpzDataset(npzSpec(file));
    QVERIFY(d.isImage());
    QCOMPARE(d.imageHeight, 2);
    QCOMPARE(d.imageWidth, 3);
    QCOMPARE(d.inputDim(), Index(6));
    // Row-major pixels down each column.
    const std::vector<float> sample1{100, 101, 102, 110, 111, 112};
    for (Index i = 0; i < 6; ++i) {
        QCOMPARE(d.trainX(i, 0), float(i < 3 ? i : 10 + i - 3));
        QCOMPARE(d.trainX(i, 1), sample1[std::size_t(i)]);
        QCOMPARE(d.testX(i, 0), float(i + 1));
    }
}

void TestNpzDataset::limitKeepsTheFirstSamples() {
    const std::string file = path("limit.npz");
    QVERIFY(writeZip(file, goodMembers(), true));
    DatasetSpec spec = npzSpec(file);
    spec.limit = 2;
    spec.testFraction = 0.2; // max(1, round(0.4)) = 1 test sample
    const Dataset d = loadNpzDataset(spec);
    QCOMPARE(d.trainSize(), Index(2));
    QCOMPARE(d.trainX(0, 1), 3.0f);
    QCOMPARE(d.testSize(), Index(1));
}

void TestNpzDataset::errors_data() {
    QTest::addColumn<QByteArray>("zip"); // empty: the file is written by the row itself
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    auto row = [](const char *tag, const std::vector<Member> &members, const char *field,
                  const char *message) {
        QTemporaryDir dir;
        const std::string file = dir.filePath("x.npz").toStdString();
        writeZip(file, members, true);
        QTest::newRow(tag) << readBytes(QString::fromStdString(file)) << QString(field)
                           << QString(message);
    };
    const auto good = goodMembers();
    row("missing_array", with(good, "y_test", {}), "y_test",
        "is missing (a data .npz holds x_train, y_train, x_test and y_test)");
    row("lengths_differ", with(good, "y_train", member("y_train", "<f4", "(2,)", f4({0, 1}))),
        "y_train", "holds 2 samples; x_train holds 3");
    row("text_dtype",
        with(good, "x_train", member("x_train", "<U5", "(3, 2)", std::string(3 * 2 * 20, 'a'))),
        "x_train.npy",
        "unsupported dtype '<U5' (expected a number: little-endian float32, float64, "
        "int8..int64, uint8..uint64 or bool)");
    row("object_dtype",
        with(good, "y_train", member("y_train", "|O", "(3,)", std::string(24, '\0'))),
        "y_train.npy",
        "unsupported dtype '|O' (expected a number: little-endian float32, float64, "
        "int8..int64, uint8..uint64 or bool)");
    row("x_rank_1", with(good, "x_train", member("x_train", "<f4", "(6,)", f4({1, 2, 3, 4, 5, 6}))),
        "x_train", "has shape [6]; expected [samples, features] or [samples, height, width]");
    row("y_rank_3", with(good, "y_train", member("y_train", "<f4", "(3, 1, 1)", f4({0, 1, 2}))),
        "y_train", "has shape [3, 1, 1]; expected [samples] (class labels) or [samples, targets]");
    row("nan_in_x",
        with(good, "x_train",
             member("x_train", "<f4", "(3, 2)",
                    f4({1, 2, 3, std::numeric_limits<float>::quiet_NaN(), 5, 6}))),
        "x_train", "sample 1, feature 1 is nan (every value must be finite)");
    row("inf_in_x_test",
        with(good, "x_test",
             member("x_test", "<f8", "(1, 2)",
                    bytesOf<double>({std::numeric_limits<double>::infinity(), 1}))),
        "x_test", "sample 0, feature 0 is inf (every value must be finite)");
    row("negative_label",
        with(good, "y_test", member("y_test", "<i4", "(1,)", bytesOf<std::int32_t>({-1}))),
        "y_test",
        "sample 0 has the label -1; a rank-1 y holds class labels, whole numbers from 0 to 65535 "
        "(for regression targets use shape [samples, targets])");
    row("label_too_large",
        with(good, "y_train",
             member("y_train", "<i8", "(3,)", bytesOf<std::int64_t>({0, 1, 70000}))),
        "y_train",
        "sample 2 has the label 70000; a rank-1 y holds class labels, whole numbers from 0 to "
        "65535 (for regression targets use shape [samples, targets])");
    row("fractional_label",
        with(good, "y_train", member("y_train", "<f4", "(3,)", f4({0, 1.5f, 2}))), "y_train",
        "sample 1 has the label 1.5; a rank-1 y holds class labels, whole numbers from 0 to "
        "65535 (for regression targets use shape [samples, targets])");
    row("one_class",
        with(with(good, "y_train", member("y_train", "<f4", "(3,)", f4({0, 0, 0}))), "y_test",
             member("y_test", "<f4", "(1,)", f4({0}))),
        "y_train", "holds only the label 0; a classification set needs at least 2 classes");
    row("features_differ", with(good, "x_test", member("x_test", "<f4", "(1, 3)", f4({7, 8, 9}))),
        "x_test", "has shape [1, 3]; x_train has [3, 2] (the features must match)");
    row("labels_vs_targets", with(good, "y_test", member("y_test", "<f4", "(1, 1)", f4({1}))),
        "y_test", "has shape [1, 1]; y_train has [3] (labels and targets must match)");
    row("nan_target",
        with(with(good, "y_train",
                  member("y_train", "<f4", "(3, 1)",
                         f4({0, std::numeric_limits<float>::quiet_NaN(), 2}))),
             "y_test", member("y_test", "<f4", "(1, 1)", f4({1}))),
        "y_train", "sample 1 has the target nan (every value must be finite)");
    row("no_samples",
        with(with(good, "x_test", member("x_test", "<f4", "(0, 2)", "")), "y_test",
             member("y_test", "<f4", "(0,)", "")),
        "x_test", "has shape [0, 2]: no samples");
    QTest::newRow("truncated") << QByteArray("cut") << QString() << QString();
}

void TestNpzDataset::errors() {
    QFETCH(QByteArray, zip);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const std::string file = path("bad.npz");
    if (zip == "cut") {
        // A good archive cut in half: the reader names the file, never crashes.
        QVERIFY(writeZip(file, goodMembers(), true));
        const QByteArray whole = readBytes(QString::fromStdString(file));
        QVERIFY(writeText(QString::fromStdString(file), whole.left(whole.size() / 2)));
    } else {
        QVERIFY(writeText(QString::fromStdString(file), zip));
    }
    const auto error = inputErrorOf([&] { loadNpzDataset(npzSpec(file)); });
    QVERIFY(error.has_value());
    QCOMPARE(qs(error->file()), QString::fromStdString(file));
    if (zip == "cut") {
        QVERIFY2(qs(error->message()).contains(QLatin1String("damaged"))
                     || qs(error->message()).contains(QLatin1String("not a .npz")),
                 error->what());
        return;
    }
    QCOMPARE(qs(error->field()), field);
    QCOMPARE(qs(error->message()), message);
}

QTEST_APPLESS_MAIN(TestNpzDataset)
#include "tst_npz_dataset.moc"
