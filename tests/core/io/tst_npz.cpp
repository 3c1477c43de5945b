// SPDX-License-Identifier: GPL-3.0-or-later
// NumPy .npz archives: format details, hostile files, and a cross-check with NumPy itself.
#include "core/error.h"
#include "core/io/npz.h"
#include "support/npz_builder.h"
#include "support/python.h"

#include <zip.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace reglab;
using namespace reglab::test;

namespace {

/// The raw bytes of one member, read with libzip.
std::string readMemberBytes(const std::string &path, const std::string &name) {
    int error = 0;
    zip_t *zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!zip)
        return {};
    zip_stat_t st;
    std::string out;
    if (zip_stat(zip, name.c_str(), 0, &st) == 0) {
        zip_file_t *f = zip_fopen(zip, name.c_str(), 0);
        out.resize(std::size_t(st.size));
        if (!f || zip_fread(f, out.data(), st.size) != zip_int64_t(st.size))
            out.clear();
        if (f)
            zip_fclose(f);
    }
    zip_discard(zip);
    return out;
}

InputError expectInputError(const std::function<void()> &f) {
    try {
        f();
    } catch (const InputError &e) {
        return e;
    }
    return InputError("", "", "<no error thrown>");
}

QString q(const std::string &s) {
    return QString::fromStdString(s);
}

/// Four arrays with distinct values: a [3, 4], b [4], c [4, 2], d [2].
std::vector<NpzArray> someArrays() {
    std::vector<NpzArray> arrays{
        {"a", {3, 4}, {}}, {"b", {4}, {}}, {"c", {4, 2}, {}}, {"d", {2}, {}}};
    float v = 0.25f;
    for (NpzArray &array : arrays) {
        std::size_t count = 1;
        for (std::size_t d : array.shape)
            count *= d;
        for (std::size_t i = 0; i < count; ++i, v += 1.5f)
            array.data.push_back(v);
    }
    return arrays;
}

std::string writeText(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes) {
    QFile f(dir.filePath(name));
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return dir.filePath(name).toStdString();
}

} // namespace

class TestNpz : public QObject {
    Q_OBJECT

private slots:
    void writesNpyVersion1AlignedAndDeflated() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.npz").toStdString();
        writeNpz(path, {{"x", {2, 3}, {0, 0, 0, 0, 0, 0}}, {"s", {}, {5}}, {"v", {1}, {2}}});
        const std::string x = readMemberBytes(path, "x.npy");
        QVERIFY(x.size() > 10);
        QCOMPARE(x.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
        const std::size_t headerLength =
            std::size_t(std::uint8_t(x[8])) | std::size_t(std::uint8_t(x[9])) << 8;
        QCOMPARE((10 + headerLength) % 64, std::size_t(0));
        QCOMPARE(x[10 + headerLength - 1], '\n');
        const std::string dict = x.substr(10, headerLength);
        QVERIFY2(dict.rfind("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", 0) == 0,
                 dict.c_str());
        QCOMPARE(x.size(), 10 + headerLength + 6 * 4);
        QVERIFY(readMemberBytes(path, "s.npy").find("'shape': (), }") != std::string::npos);
        QVERIFY(readMemberBytes(path, "v.npy").find("'shape': (1,), }") != std::string::npos);

        int error = 0;
        zip_t *zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
        QVERIFY(zip);
        zip_stat_t st;
        QCOMPARE(zip_stat(zip, "x.npy", 0, &st), 0);
        QCOMPARE(st.comp_method, zip_uint16_t(ZIP_CM_DEFLATE));
        zip_discard(zip);
    }

    void readsMembers_data() {
        QTest::addColumn<QString>("dict");
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("major");
        QTest::addColumn<bool>("deflate");
        QTest::addColumn<QString>("shape");
        QTest::addColumn<QString>("values");
        const QByteArray f4 = QByteArray::fromStdString(bytesOf<float>({1.5f, -2, 3, 4, 5, 6}));
        const QByteArray f8 =
            QByteArray::fromStdString(bytesOf<double>({0.5, -1.25, 3.0, 0.1, 1e-3, 7}));
        QTest::newRow("stored_f4") << "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"
                                   << f4 << 1 << false << "2,3"
                                   << "1.5,-2,3,4,5,6";
        QTest::newRow("deflated_f4")
            << "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }" << f4 << 1 << true << "6"
            << "1.5,-2,3,4,5,6";
        QTest::newRow("float64") << "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }"
                                 << f8 << 1 << true << "3,2"
                                 << "0.5,-1.25,3,0.1,0.001,7";
        // Fortran order: column-major [[a, b, c], [d, e, f]] is stored a d b e c f.
        QTest::newRow("fortran_order")
            << "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }" << f4 << 1 << false
            << "2,3"
            << "1.5,3,5,-2,4,6";
        QTest::newRow("version_2") << "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }"
                                   << f4 << 2 << false << "6"
                                   << "1.5,-2,3,4,5,6";
        QTest::newRow("version_3_double_quotes_no_trailing_comma")
            << R"({"descr": "<f4", "fortran_order": False, "shape": (3,2)})" << f4 << 3 << true
            << "3,2"
            << "1.5,-2,3,4,5,6";
        QTest::newRow("python2_long_dims")
            << "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }" << f4 << 1 << false
            << "2,3"
            << "1.5,-2,3,4,5,6";
        QTest::newRow("scalar") << "{'descr': '<f4', 'fortran_order': False, 'shape': (), }"
                                << f4.left(4) << 1 << false << ""
                                << "1.5";
        QTest::newRow("empty_array")
            << "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }" << QByteArray() << 1
            << true << "0,3"
            << "";
    }
    void readsMembers() {
        QFETCH(QString, dict);
        QFETCH(QByteArray, payload);
        QFETCH(int, major);
        QFETCH(bool, deflate);
        QFETCH(QString, shape);
        QFETCH(QString, values);
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.npz").toStdString();
        QVERIFY(writeZip(path, {{"arr.npy", npy(dict.toStdString(), payload.toStdString(), major)}},
                         deflate));
        const auto arrays = readNpz(path);
        QCOMPARE(arrays.size(), std::size_t(1));
        QCOMPARE(q(arrays[0].name), QString("arr"));
        QStringList shapeText, valueText;
        for (std::size_t d : arrays[0].shape)
            shapeText << QString::number(d);
        for (float v : arrays[0].data)
            valueText << QString::number(v);
        QCOMPARE(shapeText.join(','), shape);
        QCOMPARE(valueText.join(','), values);
        if (dict.contains("<f8"))
            QCOMPARE(arrays[0].data[3], float(0.1)); // rounded from the double 0.1
    }

    void fortranOrderThreeDimensions() {
        // Element [i, j, k] of a (2, 3, 4) array sits at i + 2 j + 6 k in Fortran order.
        std::vector<float> fortran(24);
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 4; ++k)
                    fortran[std::size_t(i + 2 * j + 6 * k)] = float(100 * i + 10 * j + k);
        QTemporaryDir dir;
        const std::string path = dir.filePath("f.npz").toStdString();
        QVERIFY(
            writeZip(path,
                     {{"t.npy", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3, 4), }",
                                    bytesOf(fortran))}},
                     true));
        const auto arrays = readNpz(path);
        QCOMPARE(arrays.size(), std::size_t(1));
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j)
                for (int k = 0; k < 4; ++k)
                    QCOMPARE(arrays[0].data[std::size_t(12 * i + 4 * j + k)],
                             float(100 * i + 10 * j + k));
    }

    void ignoresNonArrayMembers() {
        QTemporaryDir dir;
        const std::string path = dir.filePath("m.npz").toStdString();
        QVERIFY(writeZip(path,
                         {{"README.txt", "hello"},
                          {"w.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }",
                                        bytesOf<float>({2.5f}))}},
                         true));
        const auto arrays = readNpz(path);
        QCOMPARE(arrays.size(), std::size_t(1));
        QCOMPARE(q(arrays[0].name), QString("w"));
    }

    void rejectsBadMembers_data() {
        QTest::addColumn<QByteArray>("member");
        QTest::addColumn<QString>("message");
        const std::string four = bytesOf<float>({1, 2, 3, 4});
        auto row = [&](const char *tag, const std::string &bytes, const char *message) {
            QTest::newRow(tag) << QByteArray::fromStdString(bytes) << QString(message);
        };
        row("lying_shape",
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000,), }", four),
            "shape [1000000000] of '<f4' does not match the payload of 16 bytes");
        row("overflowing_shape",
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), "
                "}",
                four),
            "shape [4294967296, 4294967296, 16] of '<f4' does not match the payload of 16 bytes");
        row("payload_too_long",
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }", four),
            "shape [3] of '<f4' does not match the payload of 16 bytes");
        row("int_dtype", npy("{'descr': '<i4', 'fortran_order': False, 'shape': (4,), }", four),
            "unsupported dtype '<i4' (expected little-endian float32 '<f4' or float64 '<f8')");
        row("big_endian", npy("{'descr': '>f4', 'fortran_order': False, 'shape': (4,), }", four),
            "unsupported dtype '>f4' (expected little-endian float32 '<f4' or float64 '<f8')");
        row("missing_shape", npy("{'descr': '<f4', 'fortran_order': False, }", four),
            "the .npy header lacks 'descr', 'fortran_order' or 'shape'");
        row("extra_key",
            npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), 'x': 1, }", four),
            "unexpected key 'x' in the .npy header");
        row("negative_dim", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-4,), }", four),
            "malformed .npy header: 'shape' must be a tuple of non-negative integers");
        row("order_not_bool", npy("{'descr': '<f4', 'fortran_order': 0, 'shape': (4,), }", four),
            "malformed .npy header: 'fortran_order' must be True or False");
        row("not_a_dict", npy("['<f4', False, (4,)]", four),
            "malformed .npy header: expected '{' at offset 0");
        row("unterminated_string", npy("{'descr: <f4, fortran_order: False, shape: (4,)}", four),
            "malformed .npy header: unterminated string");
        row("bad_magic", std::string("\x93NUMPX\x01\x00", 8) + npy("{}", four).substr(8),
            "not a .npy array (bad magic)");
        row("bad_version", std::string("\x93NUMPY\x07\x00", 8) + npy("{}", four).substr(8),
            "unsupported .npy version 7.0");
        row("header_longer_than_member", std::string("\x93NUMPY\x01\x00\xff\xff{", 11),
            "the .npy header is longer than the member");
        row("too_short", "\x93NUM", "not a .npy array (too short)");
    }
    void rejectsBadMembers() {
        QFETCH(QByteArray, member);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string path = dir.filePath("bad.npz").toStdString();
        QVERIFY(writeZip(path, {{"w.npy", member.toStdString()}}, true));
        const InputError e = expectInputError([&] { readNpz(path); });
        QCOMPARE(e.file(), path);
        QCOMPARE(q(e.field()), QString("w.npy"));
        QCOMPARE(q(e.message()), message);
    }

    void rejectsBadArchives_data() {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("message");
        QTest::newRow("not_a_zip") << QByteArray("just some text, not a zip archive\n")
                                   << "not a .npz file (not a zip archive)";
        QTest::newRow("empty_file") << QByteArray() << "the .npz archive holds no arrays";
        // An end-of-central-directory record and nothing else: a valid, empty archive.
        QTest::newRow("empty_archive") << QByteArray("PK\x05\x06", 4) + QByteArray(18, '\0')
                                       << "the .npz archive holds no arrays";
    }
    void rejectsBadArchives() {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const std::string path = writeText(dir, "x.npz", bytes);
        const InputError e = expectInputError([&] { readNpz(path); });
        QCOMPARE(e.file(), path);
        QCOMPARE(q(e.message()), message);
    }

    void rejectsTruncatedFiles_data() {
        QTest::addColumn<double>("keep"); // share of the file kept
        QTest::newRow("quarter") << 0.25;
        QTest::newRow("half") << 0.5;
        QTest::newRow("all_but_one_byte") << -1.0;
    }
    void rejectsTruncatedFiles() {
        QFETCH(double, keep);
        QTemporaryDir dir;
        const std::string path = dir.filePath("w.npz").toStdString();
        writeNpz(path, someArrays());
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 size = f.size();
        QVERIFY(f.resize(keep < 0 ? size - 1 : qint64(double(size) * keep)));
        f.close();
        const InputError e = expectInputError([&] { readNpz(path); });
        QCOMPARE(e.file(), path);
        QVERIFY2(e.message() != "<no error thrown>", e.what());
    }

    void rejectsCorruptedPayload() {
        // Flip a byte inside a stored member's payload: the CRC check must catch it.
        QTemporaryDir dir;
        const std::string path = dir.filePath("c.npz").toStdString();
        const std::string member = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                                       bytesOf<float>({1, 2, 3, 4}));
        QVERIFY(writeZip(path, {{"w.npy", member}}, false));
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const qsizetype at = bytes.indexOf(QByteArray::fromStdString(bytesOf<float>({1, 2})));
        QVERIFY(at > 0);
        bytes[at + 1] = char(bytes[at + 1] ^ 0x40);
        f.seek(0);
        f.write(bytes);
        f.close();
        const InputError e = expectInputError([&] { readNpz(path); });
        QCOMPARE(q(e.field()), QString("w.npy"));
        QVERIFY2(q(e.message()).startsWith("damaged archive member"), e.what());
    }

    void rejectsLyingZipSizes_data() {
        QTest::addColumn<bool>("deflate");
        QTest::newRow("stored") << false;
        QTest::newRow("deflated") << true;
    }
    void rejectsLyingZipSizes() {
        // The zip headers claim 4 GB uncompressed for a member of a few bytes; the .npy
        // header agrees. Nothing of that size may be allocated.
        QFETCH(bool, deflate);
        QTemporaryDir dir;
        const std::string path = dir.filePath("z.npz").toStdString();
        QVERIFY(writeZip(
            path,
            {{"w.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (999999968,), }",
                           bytesOf<float>({1, 2}))}},
            deflate));
        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const QByteArray huge("\x00\x28\x6b\xee", 4); // 4e9 = 128 + 4 * 999999968
        const qsizetype local = bytes.indexOf("PK\x03\x04");
        const qsizetype central = bytes.indexOf("PK\x01\x02");
        QVERIFY(local >= 0 && central > local);
        bytes.replace(local + 22, 4, huge);
        bytes.replace(central + 24, 4, huge);
        f.seek(0);
        f.write(bytes);
        f.close();
        const InputError e = expectInputError([&] { readNpz(path); });
        QCOMPARE(e.file(), path);
        QVERIFY2(q(e.what()).contains("damaged"), e.what());
    }

    void weReadNumpysFiles() {
        const QString python = test::findPython("import numpy");
        if (python.isEmpty())
            QSKIP("no python3 with numpy on PATH");
        QTemporaryDir dir;
        const QString path = dir.filePath("np.npz");
        const char *script = R"(
import sys, numpy as np
k = np.arange(6, dtype='<f8').reshape(3, 2) / 4
np.savez_compressed(sys.argv[1], **{'l/kernel': k, 'l/bias': np.asfortranarray(
    np.array([[1, 2], [3, 4]], dtype='<f4'))})
)";
        QProcess p;
        p.start(python, {"-c", script, path});
        QVERIFY(p.waitForFinished(60000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const auto arrays = readNpz(path.toStdString());
        QCOMPARE(arrays.size(), std::size_t(2));
        for (const NpzArray &a : arrays) {
            if (a.name == "l/kernel") {
                QVERIFY(a.shape == (std::vector<std::size_t>{3, 2}));
                QVERIFY(a.data == (std::vector<float>{0, 0.25f, 0.5f, 0.75f, 1, 1.25f}));
            } else {
                QCOMPARE(q(a.name), QString("l/bias"));
                QVERIFY(a.shape == (std::vector<std::size_t>{2, 2}));
                QVERIFY(a.data == (std::vector<float>{1, 2, 3, 4}));
            }
        }
    }
};

QTEST_APPLESS_MAIN(TestNpz)
#include "tst_npz.moc"
