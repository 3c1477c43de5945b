// SPDX-License-Identifier: GPL-3.0-or-later
// Lesson folders: a good one is read with its steps, overrides, checks, locks and texts;
// every kind of mistake a teacher can make gives one error naming the file and the field;
// the placeholders of the text are filled from the student's runs.
#include "core/lesson/lesson.h"

#include "core/error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace reglab;

namespace {

const char *kExperiment = R"({
  "name": "tiny", "seed": 3,
  "dataset": {"source": "moons", "samples": 100, "noise": 0.1, "test_fraction": 0.5},
  "model": {"layers": [
    {"name": "hidden1", "units": 8, "activation": "relu"},
    {"name": "drop", "type": "dropout", "rate": 0.1},
    {"name": "logits", "units": 2, "activation": "linear"}]},
  "loss": "softmax_cross_entropy",
  "optimizer": {"type": "adam", "learning_rate": 0.01},
  "training": {"batch_size": 10, "epochs": 5}
})";

const char *kLessonJson = R"({
  "format": "reglab-lesson-1",
  "title": {"en": "Tiny", "ko": "작은"},
  "summary": {"en": "A tiny lesson."},
  "experiment": "experiment.reglab.json",
  "text": {"en": "en.html", "ko": "ko.html"},
  "locks": ["dataset", "seed"],
  "steps": [
    {"id": "plain", "title": {"en": "Plain"},
     "checks": [{"claim": {"en": "Learns"}, "kind": "threshold", "metric": "train_accuracy",
                 "op": ">=", "value": 0.8}]},
    {"id": "l2", "title": {"en": "With L2", "ko": "L2"},
     "set": {"model.layers.*.kernel_regularizer": {"l2": 0.01}, "training.epochs": 7},
     "checks": [{"claim": {"en": "Smaller"}, "kind": "compare",
                 "metric": "hidden1.kernel_l2_norm", "op": "<",
                 "right": "hidden1.kernel_l2_norm@plain"}]}
  ]
})";

using Files = std::map<std::string, std::string>;

Files goodFiles() {
    return {{"lesson.json", kLessonJson},
            {"experiment.reglab.json", kExperiment},
            {"en.html", "<p>Lowest {{min:test_data_loss}} at epoch {{argmin:test_data_loss}}, "
                        "with L2 {{end:test_accuracy@l2|%}}.</p>"},
            {"ko.html", "<p>{{end:hidden1.sparsity}}</p>"}};
}

Lesson read(const Files &files) {
    return readLesson("tiny", [&](const std::string &name) -> std::optional<std::string> {
        const auto it = files.find(name);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    });
}

/// `text` with the first `from` replaced by `to` (which must be there).
std::string replaced(std::string text, const std::string &from, const std::string &to) {
    const auto at = text.find(from);
    if (at == std::string::npos)
        throw std::logic_error("not in the text: " + from);
    return text.replace(at, from.size(), to);
}

EpochMetrics epoch(int e, double testLoss, double testAccuracy) {
    EpochMetrics m;
    m.epoch = e;
    m.testDataLoss = testLoss;
    m.testAccuracy = testAccuracy;
    return m;
}

} // namespace

class TestLessonFolder : public QObject {
    Q_OBJECT
private slots:
    void readsAGoodLesson();
    void readsAFolderOnDisk();
    void badLessons_data();
    void badLessons();
    void notAFolder();
    void fillsPlaceholders();
};

void TestLessonFolder::readsAGoodLesson() {
    const Lesson lesson = read(goodFiles());
    QCOMPARE(lesson.title.in("ko"), std::string("작은"));
    QCOMPARE(lesson.summary.in("ko"), std::string("A tiny lesson.")); // falls back to English
    QCOMPARE(lesson.steps.size(), std::size_t(2));
    QCOMPARE(lesson.steps[0].experiment.seed, std::uint64_t(3));
    QVERIFY(!lesson.steps[0].experiment.model.layers[0].kernelRegularizer);
    // Step 2's overrides: every dense layer's kernel gets L2 0.01 (dropout passed over).
    const ExperimentSpec &l2 = lesson.steps[1].experiment;
    QCOMPARE(l2.training.epochs, 7);
    QCOMPARE(l2.model.layers[0].kernelRegularizer->l2, 0.01);
    QCOMPARE(l2.model.layers[2].kernelRegularizer->l2, 0.01);
    QCOMPARE(lesson.steps[1].set.size(), std::size_t(2));
    QCOMPARE(lesson.steps[1].set[1], std::string("training.epochs=7"));
    QCOMPARE(lesson.stepIndex("l2"), 1);
    QCOMPARE(lesson.stepIndex("nope"), -1);
    QVERIFY(lesson.isLocked(LessonLock::Dataset));
    QVERIFY(lesson.isLocked(LessonLock::Seed));
    QVERIFY(!lesson.isLocked(LessonLock::Model));
    const Expectation &e = lesson.steps[1].checks[0].expectation;
    QVERIFY(e.kind == ExpectationKind::Compare);
    QCOMPARE(e.right.step, std::string("plain"));
    QCOMPARE(lesson.html.in("ko"), std::string("<p>{{end:hidden1.sparsity}}</p>"));
}

void TestLessonFolder::readsAFolderOnDisk() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (const auto &[name, text] : goodFiles()) {
        QFile f(dir.filePath(QString::fromStdString(name)));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.data(), qint64(text.size()));
    }
    const Lesson lesson = loadLessonFolder(dir.path().toStdString());
    QCOMPARE(lesson.title.in("en"), std::string("Tiny"));
    QCOMPARE(lesson.steps.size(), std::size_t(2));
    QFile::remove(dir.filePath(QStringLiteral("en.html")));
    try {
        loadLessonFolder(dir.path().toStdString());
        QFAIL("no error");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), dir.filePath(QStringLiteral("lesson.json")));
        QCOMPARE(QString::fromStdString(e.field()), QStringLiteral("text.en"));
    }
}

void TestLessonFolder::badLessons_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("says");
    const QString lesson = QStringLiteral("lesson.json");
    QTest::newRow("not_json") << lesson << R"("format")"
                              << "format"
                              << "tiny/lesson.json"
                              << "line 2, column 4"
                              << "";
    QTest::newRow("wrong_format") << lesson << "reglab-lesson-1"
                                  << "reglab-lesson-9"
                                  << "tiny/lesson.json"
                                  << "format"
                                  << "reglab-lesson-1";
    QTest::newRow("unknown_key") << lesson << R"("summary")"
                                 << R"("summmary")"
                                 << "tiny/lesson.json"
                                 << "summmary"
                                 << "unknown key";
    QTest::newRow("no_english_title") << lesson << R"({"en": "Tiny", "ko": "작은"})"
                                      << R"({"ko": "작은"})"
                                      << "tiny/lesson.json"
                                      << "title.en"
                                      << "English is required";
    QTest::newRow("bad_language") << lesson << R"("ko": "작은")"
                                  << R"("Korean": "작은")"
                                  << "tiny/lesson.json"
                                  << "title.Korean"
                                  << "language code";
    QTest::newRow("experiment_missing") << lesson << R"("experiment.reglab.json")"
                                        << R"("other.reglab.json")"
                                        << "tiny/lesson.json"
                                        << "experiment"
                                        << "not in the folder";
    QTest::newRow("experiment_outside_folder") << lesson << R"("experiment.reglab.json")"
                                               << R"("../experiment.reglab.json")"
                                               << "tiny/lesson.json"
                                               << "experiment"
                                               << "file name in the lesson folder";
    QTest::newRow("bad_experiment") << "experiment.reglab.json"
                                    << R"("units": 8)"
                                    << R"("units": -8)"
                                    << "tiny/experiment.reglab.json"
                                    << "model.layers.0.units"
                                    << "";
    QTest::newRow("unknown_lock") << lesson << R"("seed"])"
                                  << R"("everything"])"
                                  << "tiny/lesson.json"
                                  << "locks.1"
                                  << "expected dataset, model";
    QTest::newRow("lock_twice") << lesson << R"("seed"])"
                                << R"("dataset"])"
                                << "tiny/lesson.json"
                                << "locks.1"
                                << "listed twice";
    QTest::newRow("no_steps") << lesson << R"("steps": [)"
                              << R"("steps": [], "old": [)"
                              << "tiny/lesson.json"
                              << "old"
                              << "unknown key";
    QTest::newRow("bad_step_id") << lesson << R"("id": "l2")"
                                 << R"("id": "With L2")"
                                 << "tiny/lesson.json"
                                 << "steps.1.id"
                                 << "lower-case letters";
    QTest::newRow("step_id_twice") << lesson << R"("id": "l2")"
                                   << R"("id": "plain")"
                                   << "tiny/lesson.json"
                                   << "steps.1.id"
                                   << "used twice";
    QTest::newRow("override_through_a_number") << lesson << R"("training.epochs": 7)"
                                               << R"("training.epochs.x": 7)"
                                               << "tiny/lesson.json"
                                               << "steps.1.set.training.epochs.x"
                                               << "";
    QTest::newRow("override_does_not_validate") << lesson << R"("training.epochs": 7)"
                                                << R"("training.epochs": -7)"
                                                << "tiny/lesson.json"
                                                << "steps.1.set"
                                                << "does not validate";
    QTest::newRow("check_unknown_metric") << lesson << R"("metric": "train_accuracy")"
                                          << R"("metric": "train_acc")"
                                          << "tiny/lesson.json"
                                          << "steps.0.checks.0.metric"
                                          << "is not a metric";
    QTest::newRow("check_dropout_layer") << lesson << R"("metric": "hidden1.kernel_l2_norm")"
                                         << R"("metric": "drop.kernel_l2_norm")"
                                         << "tiny/lesson.json"
                                         << "steps.1.checks.0.metric"
                                         << "no dense or conv2d layer \"drop\"";
    QTest::newRow("check_unknown_step") << lesson << R"(kernel_l2_norm@plain)"
                                        << R"(kernel_l2_norm@first)"
                                        << "tiny/lesson.json"
                                        << "steps.1.checks.0"
                                        << "no step \"first\"";
    QTest::newRow("check_without_claim") << lesson << R"({"claim": {"en": "Learns"}, )"
                                         << "{"
                                         << "tiny/lesson.json"
                                         << "steps.0.checks.0.claim"
                                         << "is missing";
    QTest::newRow("text_file_missing") << lesson << R"("ko.html")"
                                       << R"("kr.html")"
                                       << "tiny/lesson.json"
                                       << "text.ko"
                                       << "not in the folder";
    QTest::newRow("placeholder_function") << "en.html"
                                          << "{{min:test_data_loss}}"
                                          << "{{lowest:test_data_loss}}"
                                          << "tiny/en.html"
                                          << "{{lowest:test_data_loss}}"
                                          << "FUNCTION end, min";
    QTest::newRow("placeholder_metric") << "ko.html"
                                        << "hidden1.sparsity"
                                        << "hidden9.sparsity"
                                        << "tiny/ko.html"
                                        << "{{end:hidden9.sparsity}}"
                                        << "no dense or conv2d layer";
    QTest::newRow("placeholder_step") << "en.html"
                                      << "@l2"
                                      << "@l3"
                                      << "tiny/en.html"
                                      << "{{end:test_accuracy@l3|%}}"
                                      << "no step \"l3\"";
}

void TestLessonFolder::badLessons() {
    QFETCH(QString, name);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, file);
    QFETCH(QString, field);
    QFETCH(QString, says);
    Files files = goodFiles();
    files[name.toStdString()] =
        replaced(files[name.toStdString()], from.toStdString(), to.toStdString());
    try {
        read(files);
        QFAIL("no error");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), file);
        QCOMPARE(QString::fromStdString(e.field()), field);
        QVERIFY2(QString::fromStdString(e.message()).contains(says), e.what());
    }
}

void TestLessonFolder::notAFolder() {
    try {
        loadLessonFolder("/nonexistent/lesson");
        QFAIL("no error");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("/nonexistent/lesson"));
        QVERIFY(QString::fromStdString(e.message()).contains(QLatin1String("not a folder")));
    }
    try {
        read({});
        QFAIL("no error");
    } catch (const InputError &e) {
        QCOMPARE(QString::fromStdString(e.file()), QStringLiteral("tiny/lesson.json"));
    }
}

void TestLessonFolder::fillsPlaceholders() {
    const Lesson lesson = read(goodFiles());
    const std::string html = lesson.html.in("en");
    LessonRuns runs;
    // Nothing trained yet: every placeholder shows the "missing" mark.
    QCOMPARE(fillLessonText(html, runs, "plain", "…"),
             std::string("<p>Lowest … at epoch …, with L2 ….</p>"));
    // The first step's run: minimum 0.25 first reached at epoch 2 (epoch 4 ties it).
    runs["plain"].epochs = {epoch(0, 0.7, 0.5), epoch(1, 0.5, 0.6), epoch(2, 0.25, 0.7),
                            epoch(3, 0.3, 0.8), epoch(4, 0.25, 0.8)};
    QCOMPARE(fillLessonText(html, runs, "plain", "…"),
             std::string("<p>Lowest 0.25 at epoch 2, with L2 ….</p>"));
    runs["l2"].epochs = {epoch(0, 0.7, 0.5), epoch(1, 0.4, 0.9375)};
    QCOMPARE(fillLessonText(html, runs, "plain", "…"),
             std::string("<p>Lowest 0.25 at epoch 2, with L2 93.8%.</p>"));
    // A placeholder of no known shape is left as it is; max and argmax.
    QCOMPARE(
        fillLessonText("{{x}} {{max:test_accuracy}} {{argmax:test_accuracy}}", runs, "plain", "-"),
        std::string("{{x}} 0.8 3"));
}

QTEST_APPLESS_MAIN(TestLessonFolder)
#include "tst_lesson_folder.moc"
