// SPDX-License-Identifier: GPL-3.0-or-later
// Every built-in lesson, headless: each step trained with seeds 1, 2 and 3 at the lesson's
// own epochs (no shortened runs: ~42 s of CPU in all, the three seeds of a lesson on
// three threads), and every check of every step must hold on each seed (the numbers the
// lesson promises are not those of one seed on one processor). Also: every text is there
// in English and Korean.
//
// REGLAB_LESSON_KIND=dense or cnn keeps the lessons without or with convolutional layers
// (CTest runs the two as core.builtin_lessons and core.builtin_lessons_cnn, each within its
// own timeout); unset, every lesson.
#include "core/lesson/lesson_run.h"

#include <QDir>
#include <QTest>
#include <QtGlobal>

#include <future>

using namespace reglab;

namespace {

std::string lessonFolder(int n) {
    return QStringLiteral(REGLAB_SOURCE_DIR "/resources/lessons/lesson-%1").arg(n).toStdString();
}

int lessonCount() {
    return int(QDir(QStringLiteral(REGLAB_SOURCE_DIR "/resources/lessons"))
                   .entryList({QStringLiteral("lesson-*")}, QDir::Dirs)
                   .size());
}

/// Whether lesson `n` is one REGLAB_LESSON_KIND selects (its first step's network decides).
bool selected(int n) {
    const QByteArray kind = qgetenv("REGLAB_LESSON_KIND");
    if (kind.isEmpty())
        return true;
    const bool cnn =
        loadLessonFolder(lessonFolder(n)).steps.front().experiment.model.hasSpatialLayers();
    if (kind == "cnn")
        return cnn;
    if (kind == "dense")
        return !cnn;
    qFatal("REGLAB_LESSON_KIND: expected dense or cnn, not \"%s\"", kind.constData());
}

bool hasKorean(const LocalizedText &text) {
    return text.byLanguage.count("ko") && !text.byLanguage.at("ko").empty();
}

} // namespace

class TestBuiltinLessons : public QObject {
    Q_OBJECT
private slots:
    void everyTextInEnglishAndKorean_data();
    void everyTextInEnglishAndKorean();
    void checksHoldOnThreeSeeds_data();
    void checksHoldOnThreeSeeds();
};

void TestBuiltinLessons::everyTextInEnglishAndKorean_data() {
    QTest::addColumn<int>("lesson");
    QVERIFY(lessonCount() >= 5);
    for (int n = 1; n <= lessonCount(); ++n)
        if (selected(n))
            QTest::addRow("lesson_%d", n) << n;
}

void TestBuiltinLessons::everyTextInEnglishAndKorean() {
    QFETCH(int, lesson);
    const Lesson l = loadLessonFolder(lessonFolder(lesson));
    QVERIFY(hasKorean(l.title));
    QVERIFY(hasKorean(l.summary));
    QVERIFY(hasKorean(l.html));
    QVERIFY(l.steps.size() >= 1);
    int checks = 0;
    for (const LessonStep &step : l.steps) {
        QVERIFY2(hasKorean(step.title), step.id.c_str());
        for (const LessonCheck &check : step.checks) {
            QVERIFY2(hasKorean(check.claim), check.claim.in("en").c_str());
            ++checks;
        }
    }
    QVERIFY(checks >= 2);
}

void TestBuiltinLessons::checksHoldOnThreeSeeds_data() {
    QTest::addColumn<int>("lesson");
    for (int n = 1; n <= lessonCount(); ++n)
        if (selected(n))
            QTest::addRow("lesson_%d", n) << n;
}

void TestBuiltinLessons::checksHoldOnThreeSeeds() {
    QFETCH(int, lesson);
    const Lesson l = loadLessonFolder(lessonFolder(lesson));
    std::size_t expected = 0;
    for (const LessonStep &step : l.steps)
        expected += step.checks.size();
    const std::uint64_t seeds[] = {1, 2, 3};
    std::vector<std::future<std::vector<LessonCheckResult>>> runs;
    for (std::uint64_t seed : seeds)
        runs.push_back(
            std::async(std::launch::async, [&l, seed] { return checkLesson(l, seed, 1); }));
    QString failed;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const auto results = runs[i].get();
        QCOMPARE(results.size(), expected);
        for (const LessonCheckResult &r : results) {
            const LessonStep &step = l.steps[r.step];
            if (!r.outcome.holds)
                failed += QStringLiteral("\n  seed %1, %2: %3 [%4]")
                              .arg(seeds[i])
                              .arg(QString::fromStdString(step.id),
                                   QString::fromStdString(step.checks[r.check].claim.in("en")),
                                   QString::fromStdString(r.outcome.measured));
            QVERIFY(!r.outcome.measured.empty()); // every check saw its numbers
        }
    }
    QVERIFY2(failed.isEmpty(), qPrintable(QStringLiteral("checks that do not hold:") + failed));
}

QTEST_APPLESS_MAIN(TestBuiltinLessons)
#include "tst_builtin_lessons.moc"
