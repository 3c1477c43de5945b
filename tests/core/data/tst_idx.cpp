// SPDX-License-Identifier: GPL-3.0-or-later
// IDX parsing (raw and gzip) and the "idx" data set source. Fixtures are built here, byte by
// byte, and gzip'ed with zlib.
#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/data/mnist.h"
#include "core/error.h"
#include "support/test_support.h"

#include "support/gzip.h"
#include "support/largest_allocation.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <cstring>
#include <optional>

using namespace reglab;
using namespace reglab::test;

namespace {

using Bytes = std::string;

void appendBigEndian32(Bytes &b, std::uint32_t v) {
    b.push_back(char(v >> 24));
    b.push_back(char((v >> 16) & 0xff));
    b.push_back(char((v >> 8) & 0xff));
    b.push_back(char(v & 0xff));
}

/// An IDX file: 00 00 <type> <ndims>, big-endian dims, then `payload` as is.
Bytes makeIdx(const std::vector<std::uint32_t> &dims, const Bytes &payload, int type = 0x08) {
    Bytes b;
    b.push_back(0);
    b.push_back(0);
    b.push_back(char(type));
    b.push_back(char(dims.size()));
    for (std::uint32_t d : dims)
        appendBigEndian32(b, d);
    return b + payload;
}

/// 0, 1, 2, ... n-1 (mod 256) as bytes.
Bytes ramp(std::size_t n) {
    Bytes b(n, '\0');
    for (std::size_t i = 0; i < n; ++i)
        b[i] = char(i & 0xff);
    return b;
}

IdxData parse(const Bytes &b) {
    return parseIdx(reinterpret_cast<const std::uint8_t *>(b.data()), b.size(), "fixture.idx");
}

bool writeFile(const QString &path, const Bytes &bytes) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    return f.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
}

/// n images of rows x cols where image i is filled with byte (i * 10 + pixel) and the labels.
Bytes imagesFile(std::uint32_t n, std::uint32_t rows, std::uint32_t cols) {
    Bytes payload;
    for (std::uint32_t i = 0; i < n; ++i) {
        for (std::uint32_t p = 0; p < rows * cols; ++p)
            payload.push_back(char((i * 10 + p) & 0xff));
    }
    return makeIdx({n, rows, cols}, payload);
}

Bytes labelsFile(const std::vector<int> &labels) {
    Bytes payload;
    for (int l : labels)
        payload.push_back(char(l));
    return makeIdx({std::uint32_t(labels.size())}, payload);
}

} // namespace

class TestIdx : public QObject {
    Q_OBJECT

private slots:
    void rawRoundTrip();
    void gzipRoundTrip();
    void fourDimensions();
    void badFiles_data();
    void badFiles();
    void lyingHeaderFailsFast_data();
    void lyingHeaderFailsFast();
    void gzipBombStopsAtTheCap();
    void readIdxFileNamesThePath();
    void idxSourceSplitsAndScales();
    void idxSourceWithTestFiles();
    void idxSourceErrors_data();
    void idxSourceErrors();
    void embeddedFilesAreGzipIdx();
};

void TestIdx::rawRoundTrip() {
    const IdxData d = parse(makeIdx({3, 2, 2}, ramp(12)));
    QCOMPARE(d.dims, (std::vector<std::uint32_t>{3, 2, 2}));
    QCOMPARE(d.values.size(), std::size_t(12));
    QCOMPARE(int(d.values[0]), 0);
    QCOMPARE(int(d.values[11]), 11);
}

void TestIdx::gzipRoundTrip() {
    const Bytes raw = makeIdx({300, 5}, ramp(1500));
    const Bytes gz = gzip(raw);
    QVERIFY(gz.size() > 2);
    QCOMPARE(uchar(gz[0]), uchar(0x1f));
    QCOMPARE(uchar(gz[1]), uchar(0x8b));
    const IdxData d = parse(gz);
    QCOMPARE(d.dims, (std::vector<std::uint32_t>{300, 5}));
    QCOMPARE(d.values.size(), std::size_t(1500));
    QCOMPARE(int(d.values[257]), 1); // 257 mod 256
    QCOMPARE(int(d.values[1499]), 1499 % 256);
}

void TestIdx::fourDimensions() {
    const IdxData d = parse(makeIdx({2, 1, 2, 3}, ramp(12)));
    QCOMPARE(d.dims.size(), std::size_t(4));
    QCOMPARE(d.values.size(), std::size_t(12));
    // A zero dimension means no values, whatever the others say.
    const IdxData empty = parse(makeIdx({0, 4000000000u}, {}));
    QCOMPARE(empty.values.size(), std::size_t(0));
}

void TestIdx::badFiles_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");

    auto row = [](const char *tag, const Bytes &b, const char *field, const char *message) {
        QTest::newRow(tag) << QByteArray(b.data(), qsizetype(b.size())) << field << message;
    };
    row("empty", {}, "header", "too short");
    row("two_bytes", Bytes("\0\0", 2), "header", "too short");
    row("truncated_payload", makeIdx({10}, ramp(5)), "payload",
        "truncated: header says 10 values, file has 5");
    row("truncated_images", makeIdx({2, 3, 3}, ramp(17)), "payload",
        "truncated: header says 18 values, file has 17");
    row("extra_data", makeIdx({3}, ramp(5)), "payload", "extra data: header says 3 values");
    row("wrong_magic", Bytes("\x01\x00\x08\x01", 4) + Bytes(4, '\0'), "header", "not an IDX");
    row("text_file", Bytes("hello, world\n"), "header", "not an IDX");
    row("type_int32", makeIdx({1}, ramp(4), 0x0C), "header", "element type 0x0c");
    row("type_float", makeIdx({1}, ramp(4), 0x0D), "header", "element type 0x0d");
    row("ndims_0", makeIdx({}, ramp(4)), "header", "has 0 dimensions");
    row("ndims_5", makeIdx({1, 1, 1, 1, 1}, ramp(1)), "header", "has 5 dimensions");
    row("header_cut", makeIdx({1, 1, 1}, {}).substr(0, 10), "header", "truncated");
    row("claims_too_much", makeIdx({65536, 65536}, ramp(8)), "header",
        "claims 65536 x 65536 values, more than the limit of 268435456");

    const Bytes good = gzip(makeIdx({1000}, ramp(1000)));
    row("gzip_truncated_stream", good.substr(0, good.size() / 2), "gzip", "truncated gzip stream");
    row("gzip_trailer_cut", good.substr(0, good.size() - 3), "gzip", "truncated gzip stream");
    row("gzip_header_only", good.substr(0, 10), "gzip", "inside the IDX header");
    Bytes badCrc = good;
    badCrc[badCrc.size() - 8] = char(badCrc[badCrc.size() - 8] ^ 0x55);
    row("gzip_bad_crc", badCrc, "gzip", "corrupt gzip data");
    row("gzip_truncated_payload", gzip(makeIdx({1000}, ramp(999))), "payload",
        "truncated: header says 1000 values, file has 999");
    row("gzip_extra_data", gzip(makeIdx({1000}, ramp(1100))), "payload", "extra data");
    row("gzip_wrong_magic", gzip(Bytes("PK\x03\x04", 4) + ramp(20)), "header", "not an IDX");
    row("gzip_type_float", gzip(makeIdx({1}, ramp(4), 0x0D)), "header", "element type 0x0d");
}

void TestIdx::badFiles() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, field);
    QFETCH(QString, message);
    const auto err = inputErrorOf([&] { parse(Bytes(bytes.constData(), bytes.size())); });
    QVERIFY2(err, "no InputError");
    QCOMPARE(qs(err->file()), QStringLiteral("fixture.idx"));
    QCOMPARE(qs(err->field()), field);
    QVERIFY2(qs(err->message()).contains(message), err->what());
}

void TestIdx::lyingHeaderFailsFast_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    // 2^31 images of 28 x 28 in a 100-byte file: 1.7e12 values, over the 2^28 cap.
    Bytes raw = makeIdx({0x80000000u, 28, 28}, {});
    raw += Bytes(100 - raw.size(), '\x7f');
    QCOMPARE(raw.size(), std::size_t(100));
    QTest::newRow("raw_2e31_images") << QByteArray(raw.data(), 100) << "limit of 268435456";
    const Bytes gz = gzip(raw);
    QTest::newRow("gzip_2e31_images")
        << QByteArray(gz.data(), qsizetype(gz.size())) << "limit of 268435456";
    // Under the cap but far more than is there: the header's count is never allocated.
    Bytes under = makeIdx({0x0fffffffu}, {});
    under += Bytes(100 - under.size(), '\x7f');
    QTest::newRow("raw_2e28_values")
        << QByteArray(under.data(), 100) << "truncated: header says 268435455 values, file has 92";
    const Bytes gzUnder = gzip(under);
    QTest::newRow("gzip_2e28_values") << QByteArray(gzUnder.data(), qsizetype(gzUnder.size()))
                                      << "truncated: header says 268435455 values, file has 92";
}

void TestIdx::lyingHeaderFailsFast() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const Bytes input(bytes.constData(), bytes.size());
    g_largestAllocation = 0;
    const auto err = inputErrorOf([&] { parse(input); });
    const std::size_t largest = g_largestAllocation;
    QVERIFY2(err, "no InputError");
    QVERIFY2(qs(err->message()).contains(message), err->what());
    // No allocation anywhere near the 268 MB or 1.7 TB the header claims.
    QVERIFY2(largest < (std::size_t(1) << 20),
             qPrintable(QStringLiteral("largest allocation %1 bytes").arg(largest)));
}

void TestIdx::gzipBombStopsAtTheCap() {
    // 1000 values announced, 64 MiB delivered by a ~64 KiB gzip stream: inflation stops one
    // byte past the header's 1008 bytes instead of producing 64 MiB.
    const Bytes bomb = gzip(makeIdx({1000}, Bytes(std::size_t(64) << 20, '\0')));
    QVERIFY(bomb.size() < 200000);
    g_largestAllocation = 0;
    const auto err = inputErrorOf([&] { parse(bomb); });
    const std::size_t largest = g_largestAllocation;
    QVERIFY2(err, "no InputError");
    QVERIFY2(qs(err->message()).contains("extra data: header says 1000 values, file has 1001"),
             err->what());
    QVERIFY2(largest < (std::size_t(1) << 20),
             qPrintable(QStringLiteral("largest allocation %1 bytes").arg(largest)));
}

void TestIdx::readIdxFileNamesThePath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString good = dir.filePath("good.idx.gz");
    QVERIFY(writeFile(good, gzip(makeIdx({2, 2}, ramp(4)))));
    const IdxData d = readIdxFile(good.toStdString());
    QCOMPARE(d.values.size(), std::size_t(4));

    const QString bad = dir.filePath("bad.idx");
    QVERIFY(writeFile(bad, makeIdx({9}, ramp(4))));
    auto err = inputErrorOf([&] { readIdxFile(bad.toStdString()); });
    QVERIFY(err);
    QCOMPARE(qs(err->file()), bad);

    const QString missing = dir.filePath("missing.idx");
    err = inputErrorOf([&] { readIdxFile(missing.toStdString()); });
    QVERIFY(err);
    QCOMPARE(qs(err->file()), missing);
}

void TestIdx::idxSourceSplitsAndScales() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // 10 images of 2 x 3; image i holds bytes i*10 .. i*10+5; labels 0, 7, 3, 0, ...
    const std::vector<int> labels{0, 7, 3, 0, 1, 2, 3, 4, 5, 6};
    QVERIFY(writeFile(dir.filePath("img.idx"), imagesFile(10, 2, 3)));
    QVERIFY(writeFile(dir.filePath("lab.idx.gz"), gzip(labelsFile(labels))));

    DatasetSpec spec;
    spec.source = "idx";
    spec.images = "img.idx"; // relative: resolved against baseDir
    spec.labels = "lab.idx.gz";
    spec.testFraction = 0.2;
    const Dataset d = loadDataset(spec, 5, dir.path().toStdString());
    QVERIFY(d.task == TaskKind::Classification);
    QCOMPARE(d.trainSize(), Index(8));
    QCOMPARE(d.testSize(), Index(2));
    QCOMPARE(d.inputDim(), Index(6));
    QCOMPARE(d.imageHeight, 2);
    QCOMPARE(d.imageWidth, 3);
    QCOMPARE(d.numClasses, 8); // max label 7 + 1
    QCOMPARE(int(d.classNames.size()), 8);
    QCOMPARE(qs(d.classNames[7]), QStringLiteral("7"));
    QCOMPARE(qs(d.name), QStringLiteral("img.idx"));

    // Every sample is some image i: pixel p = (i*10 + p) / 255, label = labels[i].
    std::vector<int> seen(10, 0);
    auto check = [&](const MatrixF &x, const MatrixF &y) {
        for (Index j = 0; j < x.cols(); ++j) {
            const int i = int(std::lround(x(0, j) * 255.0f)) / 10;
            QVERIFY(i >= 0 && i < 10);
            ++seen[std::size_t(i)];
            for (Index p = 0; p < 6; ++p)
                QCOMPARE(x(p, j), float(i * 10 + p) / 255.0f);
            QCOMPARE(y(0, j), float(labels[std::size_t(i)]));
        }
    };
    check(d.trainX, d.trainY);
    check(d.testX, d.testY);
    QCOMPARE(seen, std::vector<int>(10, 1));

    // limit keeps 5 of the shuffled samples: round(5 * 0.2) = 1 test.
    spec.limit = 5;
    const Dataset limited = loadDataset(spec, 5, dir.path().toStdString());
    QCOMPARE(limited.trainSize(), Index(4));
    QCOMPARE(limited.testSize(), Index(1));
}

void TestIdx::idxSourceWithTestFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath("train-img"), imagesFile(6, 4, 4)));
    QVERIFY(writeFile(dir.filePath("train-lab"), labelsFile({0, 1, 0, 1, 0, 1})));
    QVERIFY(writeFile(dir.filePath("test-img"), gzip(imagesFile(3, 4, 4))));
    QVERIFY(writeFile(dir.filePath("test-lab"), labelsFile({2, 0, 1})));
    DatasetSpec spec;
    spec.source = "idx";
    spec.images = dir.filePath("train-img").toStdString(); // absolute: baseDir not used
    spec.labels = dir.filePath("train-lab").toStdString();
    spec.testImages = dir.filePath("test-img").toStdString();
    spec.testLabels = dir.filePath("test-lab").toStdString();
    const Dataset d = loadDataset(spec, 1, "/nonexistent");
    QCOMPARE(d.trainSize(), Index(6));
    QCOMPARE(d.testSize(), Index(3));
    QCOMPARE(d.numClasses, 3); // the test labels' 2 counts too
    QCOMPARE(d.testY.sum(), 3.0f);
    QCOMPARE(d.trainY.sum(), 3.0f);
}

void TestIdx::idxSourceErrors_data() {
    QTest::addColumn<QString>("images");
    QTest::addColumn<QString>("labels");
    QTest::addColumn<QString>("testImages");
    QTest::addColumn<QString>("testLabels");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    // Files: img (4 images 2x2), lab4 (4 labels), lab5 (5 labels), lab2d, img1d, img3x3.
    QTest::newRow("count_mismatch") << "img"
                                    << "lab5"
                                    << ""
                                    << ""
                                    << "lab5"
                                    << "labels"
                                    << "holds 5 labels but";
    QTest::newRow("labels_2d") << "img"
                               << "lab2d"
                               << ""
                               << ""
                               << "lab2d"
                               << "labels"
                               << "has 2 dimensions";
    QTest::newRow("images_1d") << "img1d"
                               << "lab4"
                               << ""
                               << ""
                               << "img1d"
                               << "images"
                               << "has 1 dimensions";
    QTest::newRow("test_size_mismatch") << "img"
                                        << "lab4"
                                        << "img3x3"
                                        << "lab4"
                                        << "img3x3"
                                        << "images"
                                        << "test images are 3x3";
    QTest::newRow("missing_file") << "nothere"
                                  << "lab4"
                                  << ""
                                  << ""
                                  << "nothere"
                                  << ""
                                  << "";
    QTest::newRow("no_images") << ""
                               << "lab4"
                               << ""
                               << ""
                               << ""
                               << "dataset.images"
                               << "";
    QTest::newRow("no_labels") << "img"
                               << ""
                               << ""
                               << ""
                               << ""
                               << "dataset.labels"
                               << "";
    QTest::newRow("test_images_alone") << "img"
                                       << "lab4"
                                       << "img"
                                       << ""
                                       << ""
                                       << "dataset.test_labels"
                                       << "give both";
}

void TestIdx::idxSourceErrors() {
    QFETCH(QString, images);
    QFETCH(QString, labels);
    QFETCH(QString, testImages);
    QFETCH(QString, testLabels);
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(writeFile(dir.filePath("img"), imagesFile(4, 2, 2)));
    QVERIFY(writeFile(dir.filePath("img1d"), makeIdx({16}, ramp(16))));
    QVERIFY(writeFile(dir.filePath("img3x3"), imagesFile(4, 3, 3)));
    QVERIFY(writeFile(dir.filePath("lab4"), labelsFile({0, 1, 1, 0})));
    QVERIFY(writeFile(dir.filePath("lab5"), labelsFile({0, 1, 1, 0, 1})));
    QVERIFY(writeFile(dir.filePath("lab2d"), makeIdx({2, 2}, ramp(4))));
    DatasetSpec spec;
    spec.source = "idx";
    spec.images = images.toStdString();
    spec.labels = labels.toStdString();
    spec.testImages = testImages.toStdString();
    spec.testLabels = testLabels.toStdString();
    const auto err = inputErrorOf([&] { loadDataset(spec, 1, dir.path().toStdString()); });
    QVERIFY2(err, "no InputError");
    if (file.isEmpty())
        QCOMPARE(qs(err->file()), QStringLiteral("idx"));
    else
        QCOMPARE(qs(err->file()), dir.filePath(file));
    QCOMPARE(qs(err->field()), field);
    QVERIFY2(qs(err->message()).contains(message), err->what());
}

void TestIdx::embeddedFilesAreGzipIdx() {
    const auto [images, imagesSize] = embeddedMnistImages();
    const auto [labels, labelsSize] = embeddedMnistLabels();
    QVERIFY(imagesSize > 1000000); // ~1.6 MB compressed
    QVERIFY(labelsSize > 20);
    QCOMPARE(int(images[0]), 0x1f);
    QCOMPARE(int(images[1]), 0x8b);
    QCOMPARE(int(labels[0]), 0x1f);
    const IdxData l = parseIdx(labels, labelsSize, "labels");
    QCOMPARE(l.dims, std::vector<std::uint32_t>{10000});
}

QTEST_APPLESS_MAIN(TestIdx)
#include "tst_idx.moc"
