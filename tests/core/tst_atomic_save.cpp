// SPDX-License-Identifier: GPL-3.0-or-later
// Saving never loses work: a child process saves in a loop with writeFileAtomically and is
// killed (SIGKILL) at random points, many times; the target must always hold one complete
// version, never a mix, a truncation or nothing.
#include "core/error.h"
#include "core/file_util.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

using namespace reglab;

namespace {

/// Version `v` of the saved file: a header naming the version and `size` bytes of a
/// pattern that depends on the version, so any mix of two versions is detectable.
std::string version(int v, std::size_t size) {
    std::string s = "version " + std::to_string(v) + "\n";
    s.reserve(size);
    std::uint32_t x = 2463534242u + std::uint32_t(v); // xorshift32
    while (s.size() < size) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        s += char('a' + x % 26);
    }
    return s;
}

std::string contentOf(const QString &path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return "<missing>";
    return f.readAll().toStdString();
}

/// Which of `versions` `content` is, or -1.
int whichVersion(const std::string &content, const std::vector<std::string> &versions) {
    for (std::size_t i = 0; i < versions.size(); ++i) {
        if (content == versions[i])
            return int(i);
    }
    return -1;
}

/// Forks a child that saves versions[1], versions[2], versions[1], ... to `target` until
/// killed; it writes one byte to the returned pipe before its first save. Returns the pid
/// (or -1) and the pipe's read end in `readyFd`.
pid_t startSavingChild(const std::string &target, const std::vector<std::string> &versions,
                       int &readyFd) {
    int fds[2];
    if (::pipe(fds) != 0)
        return -1;
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::close(fds[0]);
        const char byte = 1;
        if (::write(fds[1], &byte, 1) != 1)
            ::_exit(2);
        for (std::size_t i = 0;; ++i) {
            try {
                writeFileAtomically(target, versions[1 + i % (versions.size() - 1)]);
            } catch (...) {
                ::_exit(1);
            }
        }
    }
    ::close(fds[1]);
    readyFd = fds[0];
    return pid;
}

} // namespace

class TestAtomicSave : public QObject {
    Q_OBJECT

private slots:
    void killedWriterLeavesOldOrNewContent_data();
    void killedWriterLeavesOldOrNewContent();
    void successfulSaveLeavesNoTempFile();
    void saveIntoMissingFolderFails();
};

void TestAtomicSave::killedWriterLeavesOldOrNewContent_data() {
    QTest::addColumn<int>("kills");
    QTest::addColumn<double>("maxDelayInSaves"); // kill within this many save durations
    // Early kills land in open/write of the first save, later ones anywhere in the loop.
    QTest::newRow("within_first_save") << 40 << 1.0;
    QTest::newRow("within_three_saves") << 60 << 3.0;
}

void TestAtomicSave::killedWriterLeavesOldOrNewContent() {
    QFETCH(int, kills);
    QFETCH(double, maxDelayInSaves);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString target = tmp.filePath("run.bin");
    // Different sizes: a partial write of a longer version over a shorter one would show.
    const std::vector<std::string> versions{version(0, 512 << 10), version(1, 3 << 20),
                                            version(2, 1 << 20)};
    // Kill points scale with how long one save takes here (sanitizer builds are slow).
    const auto before = std::chrono::steady_clock::now();
    writeFileAtomically(target.toStdString(), versions[1]);
    const auto saveTime = std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::steady_clock::now() - before);

    std::mt19937 rng(12345);
    std::uniform_int_distribution<long long> delay(
        0, std::max<long long>(1, (long long)(double(saveTime.count()) * maxDelayInSaves)));
    int seen[3] = {0, 0, 0};
    for (int k = 0; k < kills; ++k) {
        // Each child starts from the old content, so "old" means its first save was cut.
        writeFileAtomically(target.toStdString(), versions[0]);
        int readyFd = -1;
        const pid_t pid = startSavingChild(target.toStdString(), versions, readyFd);
        QVERIFY(pid > 0);
        char byte = 0;
        QCOMPARE(::read(readyFd, &byte, 1), ssize_t(1)); // blocks until the child runs
        ::close(readyFd);
        // A random kill point, not a synchronization: the child saves in a loop until killed.
        std::this_thread::sleep_for(std::chrono::microseconds(delay(rng)));
        QCOMPARE(::kill(pid, SIGKILL), 0);
        int status = 0;
        QCOMPARE(::waitpid(pid, &status, 0), pid);
        QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
                 "the child stopped before it was killed (a save failed)");

        const int which = whichVersion(contentOf(target), versions);
        QVERIFY2(which >= 0, qPrintable(QStringLiteral("kill %1: the target holds no complete "
                                                       "version (%2 bytes)")
                                            .arg(k)
                                            .arg(QFileInfo(target).size())));
        ++seen[which];
        // Whatever a killed save leaves is a hidden temp file beside the target, never the
        // target itself.
        const QStringList entries =
            QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
        for (const QString &e : entries) {
            QVERIFY2(e == "run.bin" || e.startsWith(".run.bin.tmp-"), qPrintable(e));
        }
    }
    // Some kills came after a save completed (new content), some before (old content);
    // with 40+ uniform kill points both happen unless saves never complete.
    if (maxDelayInSaves > 1.5)
        QVERIFY2(seen[1] + seen[2] > 0, "no save ever completed before a kill");
    QVERIFY2(seen[0] > 0, "every kill came after a save: the kill points are not random");
    // And after all that, a normal save still works and replaces the content.
    writeFileAtomically(target.toStdString(), versions[0]);
    QVERIFY(contentOf(target) == versions[0]);
}

void TestAtomicSave::successfulSaveLeavesNoTempFile() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string target = tmp.filePath("a.json").toStdString();
    writeFileAtomically(target, "first");
    writeFileAtomically(target, "second, longer");
    writeFileAtomically(target, "");
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"a.json"});
    QCOMPARE(QFileInfo(QString::fromStdString(target)).size(), qint64(0));
}

void TestAtomicSave::saveIntoMissingFolderFails() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const std::string target = tmp.filePath("missing/a.json").toStdString();
    try {
        writeFileAtomically(target, "x");
        QFAIL("no OutputError");
    } catch (const OutputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), QString::fromStdString(target));
    }
    QCOMPARE(QDir(tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList());
}

QTEST_APPLESS_MAIN(TestAtomicSave)
#include "tst_atomic_save.moc"
