// SPDX-License-Identifier: GPL-3.0-or-later
// Lessons: every lesson experiment loads and validates; its explanation exists in English and
// Korean, names the control to change (the UI's own label, translated for Korean) and quotes
// the same numbers in both languages; the Lessons menu, the lesson panel's buttons and the
// start page load a lesson into the document; the panel's checks tick and its text fills in
// from the run; Set up loads a step; a lesson locks controls; File ▸ Open lesson… reads a
// lesson folder from disk.
#include "ui/lessons/lesson_catalogue.h"

#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/network_editor.h"
#include "ui/experiment_document.h"
#include "ui/language.h"
#include "ui/lessons/lesson_locks.h"
#include "ui/lessons/lesson_start_page.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/main_window.h"
#include "ui/training/run_bar.h"
#include "ui/training/snapshot.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMap>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextLayout>
#include <QTextTable>
#include <QTranslator>

#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

QByteArray readFile(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sourceLessonPath(const QString &name) {
    return QStringLiteral(REGLAB_SOURCE_DIR "/resources/lessons/") + name;
}

/// One epoch's report with the numbers lesson 1's checks read.
EpochMetrics lessonOneEpoch(int epoch, double trainLoss, double testLoss, double hidden2Norm) {
    EpochMetrics m;
    m.epoch = epoch;
    m.trainDataLoss = trainLoss;
    m.testDataLoss = testLoss;
    m.trainAccuracy = 0.5 + 0.01 * epoch;
    m.testAccuracy = 0.5;
    for (const char *name : {"hidden1", "hidden2", "logits"}) {
        LayerMetrics layer;
        layer.name = name;
        layer.kernelL2Norm = QByteArray(name) == "hidden2" ? hidden2Norm : 1.0;
        m.layers.push_back(layer);
    }
    return m;
}

/// Copies built-in lesson `number`'s folder to `dir` (lesson.json, experiment, texts).
bool copyLesson(int number, const QString &dir) {
    for (const char *name : {"lesson.json", "experiment.reglab.json", "en.html", "ko.html"}) {
        const QString from = QStringLiteral(":/lessons/lesson-%1/%2").arg(number).arg(name);
        const QString to = dir + QLatin1Char('/') + QLatin1String(name);
        QFile::remove(to);
        if (!QFile::copy(from, to))
            return false;
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
    }
    return true;
}

std::unique_ptr<MainWindow> makeWindow() {
    auto w = std::make_unique<MainWindow>();
    w->setAskBeforeDiscard(false);
    w->setPersistSettings(false);
    return w;
}

bool allKernels(const ExperimentSpec &s, double l1, double l2) {
    for (const LayerSpec &layer : s.model.layers) {
        if (!layer.kernelRegularizer || layer.kernelRegularizer->l1 != l1
            || layer.kernelRegularizer->l2 != l2)
            return false;
    }
    return true;
}

bool noKernelPenalty(const ExperimentSpec &s) {
    for (const LayerSpec &layer : s.model.layers) {
        if (layer.kernelRegularizer
            && (layer.kernelRegularizer->l1 != 0.0 || layer.kernelRegularizer->l2 != 0.0))
            return false;
    }
    return true;
}

/// The measured numbers a lesson quotes: decimals, percentages, 1e-3 style scales and
/// thousands like 2,000 (tags replaced by spaces so table cells do not run together).
QMap<QString, int> quotedNumbers(const QString &html) {
    QString text = html;
    text.replace(QRegularExpression(QStringLiteral("<[^>]+>")), QStringLiteral(" "));
    static const QRegularExpression number(
        QStringLiteral("\\d+\\.\\d+%?|\\d+%|\\d+e-\\d+|\\d{1,3}(?:,\\d{3})+"));
    QMap<QString, int> counts;
    auto it = number.globalMatch(text);
    while (it.hasNext())
        ++counts[it.next().captured()];
    return counts;
}

} // namespace

class TestLessons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void catalogueHasEightTitledLessons();
    void lessonExperimentLoads_data();
    void lessonExperimentLoads();
    void resourceMatchesSourceTree_data();
    void resourceMatchesSourceTree();
    void explanationNamesTheControl_data();
    void explanationNamesTheControl();
    void englishAndKoreanQuoteTheSameNumbers_data();
    void englishAndKoreanQuoteTheSameNumbers();
    void unknownLanguageFallsBackToEnglish();
    void lessonPaths();
    void menuOpensLessonIntoDocument_data();
    void menuOpensLessonIntoDocument();
    void viewerButtonsMoveBetweenLessons();
    void narrowViewerWrapsEveryLine_data();
    void narrowViewerWrapsEveryLine();
    void startPageChoosesLesson();
    void startPageRemembersShowAtStartup();
    void startPageFromWindowOpensLesson();
    void checksTickAsTheRunProceeds();
    void textQuotesTheStudentsNumbers();
    void setUpLoadsAStep();
    void lessonLocksControls();
    void openLessonFolderFromDisk();
    void badLessonFolderIsRefused();
};

void TestLessons::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RegLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessons"));
    QSettings().clear();
}

void TestLessons::catalogueHasEightTitledLessons() {
    QCOMPARE(LessonCatalogue::count(), 8);
    QCOMPARE(LessonCatalogue::title(1), QStringLiteral("Overfitting, then L2"));
    QCOMPARE(LessonCatalogue::numberedTitle(3), QStringLiteral("3. Too much: the MNIST table"));
    QCOMPARE(LessonCatalogue::title(6), QStringLiteral("Overfit and underfit"));
    QCOMPARE(LessonCatalogue::title(7), QStringLiteral("Early stopping is a regularizer too"));
    QCOMPARE(LessonCatalogue::title(8), QStringLiteral("L2 on a CNN: the question's 1e-5"));
    for (int n = 1; n <= 8; ++n) {
        QVERIFY(!LessonCatalogue::title(n).isEmpty());
        QVERIFY(!LessonCatalogue::summary(n).isEmpty());
    }
    QVERIFY(LessonCatalogue::title(0).isEmpty());
    QVERIFY(LessonCatalogue::title(9).isEmpty());
}

void TestLessons::lessonExperimentLoads_data() {
    QTest::addColumn<int>("lesson");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("epochs");
    QTest::newRow("lesson_1_overfitting") << 1 << "spiral" << 300;
    QTest::newRow("lesson_2_l1_vs_l2") << 2 << "moons" << 150;
    QTest::newRow("lesson_3_mnist_scale_1") << 3 << "mnist-10k" << 10;
    QTest::newRow("lesson_4_conventions") << 4 << "spiral" << 300;
    QTest::newRow("lesson_5_adamw") << 5 << "spiral" << 300;
    QTest::newRow("lesson_6_overfit_underfit") << 6 << "mnist-10k" << 15;
    QTest::newRow("lesson_7_early_stopping") << 7 << "mnist-10k" << 30;
    QTest::newRow("lesson_8_l2_on_a_cnn") << 8 << "mnist-10k" << 6;
}

void TestLessons::lessonExperimentLoads() {
    QFETCH(int, lesson);
    QFETCH(QString, source);
    QFETCH(int, epochs);
    ExperimentSpec spec;
    QString error;
    QVERIFY2(LessonCatalogue::loadExperiment(lesson, &spec, &error), qPrintable(error));
    QCOMPARE(QString::fromStdString(spec.dataset.source), source);
    QCOMPARE(spec.training.epochs, epochs);
    QCOMPARE(spec.seed, std::uint64_t(1));
    // What each lesson is about, as its text describes it.
    switch (lesson) {
    case 1:
        QVERIFY(noKernelPenalty(spec));
        QCOMPARE(spec.dataset.samples, 200);
        QCOMPARE(spec.dataset.noise, 0.15);
        QCOMPARE(spec.dataset.testFraction, 0.5);
        QCOMPARE(spec.model.layers.size(), std::size_t(3));
        QCOMPARE(spec.model.layers[0].units, 128);
        QVERIFY(spec.optimizer.type == OptimizerKind::Adam);
        QCOMPARE(spec.training.batchSize, 16);
        break;
    case 2:
        QVERIFY(allKernels(spec, 1e-3, 0.0));
        break;
    case 3:
        QVERIFY(allKernels(spec, 0.0, 1.0));
        QVERIFY(spec.l2Convention == L2Convention::Tf1);
        QCOMPARE(spec.optimizer.learningRate, 1e-4);
        QCOMPARE(spec.training.batchSize, 50);
        QCOMPARE(spec.model.layers[0].units, 200);
        break;
    case 4:
        QVERIFY(allKernels(spec, 0.0, 1e-3));
        QVERIFY(spec.l2Convention == L2Convention::Keras);
        QVERIFY(!spec.training.penaltyInLoss);
        break;
    case 5:
        QVERIFY(noKernelPenalty(spec));
        QVERIFY(spec.optimizer.type == OptimizerKind::AdamW);
        QCOMPARE(spec.optimizer.weightDecay, 0.1);
        QCOMPARE(spec.optimizer.learningRate, 0.01);
        break;
    case 6: // the tutorial's Tiny model; the steps set the larger ones
        QVERIFY(noKernelPenalty(spec));
        QCOMPARE(spec.model.layers.size(), std::size_t(2));
        QCOMPARE(spec.model.layers[0].units, 16);
        QCOMPARE(spec.dataset.validationFraction, 0.04);
        QCOMPARE(spec.dataset.trainSize, std::optional<int>(200));
        QVERIFY(!spec.training.earlyStopping);
        break;
    case 7: // no early stopping until step 2 sets it
        QVERIFY(noKernelPenalty(spec));
        QCOMPARE(spec.dataset.validationFraction, 0.04);
        QCOMPARE(spec.dataset.trainSize, std::optional<int>(200));
        QVERIFY(!spec.training.earlyStopping);
        break;
    case 8: // the question's CNN, without a penalty until step 2 sets its 1e-5 on conv1
        QVERIFY(noKernelPenalty(spec));
        QVERIFY(spec.model.hasSpatialLayers());
        QCOMPARE(spec.model.layers.size(), std::size_t(7));
        QCOMPARE(spec.model.layers[0].name, std::string("conv1"));
        QCOMPARE(spec.model.layers[0].filters, 32);
        QVERIFY(spec.l2Convention == L2Convention::Tf1);
        QCOMPARE(spec.training.batchSize, 64);
        QCOMPARE(spec.dataset.trainSize, std::optional<int>(1000));
        break;
    default:
        QFAIL("no such lesson");
    }
}

void TestLessons::resourceMatchesSourceTree_data() {
    QTest::addColumn<QString>("name");
    for (int n = 1; n <= LessonCatalogue::count(); ++n) {
        for (const char *file : {"lesson.json", "experiment.reglab.json", "en.html", "ko.html"}) {
            const QString name = QStringLiteral("lesson-%1/%2").arg(n).arg(QLatin1String(file));
            QTest::newRow(qPrintable(name)) << name;
        }
    }
}

void TestLessons::resourceMatchesSourceTree() {
    QFETCH(QString, name);
    const QByteArray source = readFile(sourceLessonPath(name));
    QVERIFY2(!source.isEmpty(), qPrintable(name));
    QCOMPARE(readFile(QStringLiteral(":/lessons/") + name), source);
    if (name.endsWith(QLatin1String(".reglab.json"))) {
        // Parsed the way reglab-cli reads it, too.
        const std::string file = sourceLessonPath(name).toStdString();
        try {
            const ExperimentSpec spec =
                experimentFromJson(parseJsonText(source.toStdString(), file), file);
            QVERIFY(!spec.model.layers.empty());
        } catch (const std::exception &e) {
            QFAIL(e.what());
        }
    }
}

void TestLessons::explanationNamesTheControl_data() {
    QTest::addColumn<int>("lesson");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("value");
    const QString inspector = QStringLiteral("reglab::ui::LayerInspector");
    const QString runBar = QStringLiteral("reglab::ui::RunBar");
    for (const QString &language : {QStringLiteral("en"), QStringLiteral("ko")}) {
        const QByteArray tag = language.toLatin1();
        QTest::newRow(("lesson_1_l2_scale_" + tag).constData())
            << 1 << language << inspector << "L2 scale b"
            << "1e-3";
        QTest::newRow(("lesson_1_l2_kind_" + tag).constData())
            << 1 << language << inspector << "L2 (ridge / weight decay)"
            << "1e-3";
        QTest::newRow(("lesson_2_l1_kind_" + tag).constData())
            << 2 << language << inspector << "L1 (lasso)"
            << "47.7%";
        QTest::newRow(("lesson_3_l2_scale_" + tag).constData())
            << 3 << language << inspector << "L2 scale b"
            << "0.1100";
        QTest::newRow(("lesson_4_convention_" + tag).constData())
            << 4 << language << runBar << "TF1 ΣW²/2"
            << "0.488";
        QTest::newRow(("lesson_5_optimizer_" + tag).constData())
            << 5 << language << runBar << "Optimizer"
            << "12.7";
    }
}

void TestLessons::explanationNamesTheControl() {
    QFETCH(int, lesson);
    QFETCH(QString, language);
    QFETCH(QString, context);
    QFETCH(QString, label);
    QFETCH(QString, value);
    const QString html = LessonCatalogue::html(lesson, language);
    QVERIFY(html.size() > 500);
    QCOMPARE(LessonCatalogue::htmlPath(lesson, language),
             QStringLiteral(":/lessons/lesson-%1/%2.html").arg(lesson).arg(language));
    // The control as the user sees it: the Korean text must use the translated label.
    QString shown = label;
    if (language == QLatin1String("ko")) {
        QTranslator translator;
        QVERIFY(translator.load(translationResource(QStringLiteral("ko"))));
        shown = translator.translate(context.toLatin1().constData(), label.toUtf8().constData());
        QVERIFY2(!shown.isEmpty(), qPrintable(label));
    }
    QVERIFY2(html.contains(shown), qPrintable(shown));
    QVERIFY2(html.contains(value), qPrintable(value));
    QVERIFY(html.contains(QLatin1String("<h3>")));
}

void TestLessons::englishAndKoreanQuoteTheSameNumbers_data() {
    QTest::addColumn<int>("lesson");
    for (int n = 1; n <= LessonCatalogue::count(); ++n)
        QTest::newRow(qPrintable(QStringLiteral("lesson_%1").arg(n))) << n;
}

void TestLessons::englishAndKoreanQuoteTheSameNumbers() {
    QFETCH(int, lesson);
    const QMap<QString, int> en =
        quotedNumbers(LessonCatalogue::html(lesson, QStringLiteral("en")));
    const QMap<QString, int> ko =
        quotedNumbers(LessonCatalogue::html(lesson, QStringLiteral("ko")));
    QVERIFY(en.size() >= 5);
    QCOMPARE(ko, en);
}

void TestLessons::unknownLanguageFallsBackToEnglish() {
    QCOMPARE(LessonCatalogue::htmlPath(2, QStringLiteral("fr")),
             QStringLiteral(":/lessons/lesson-2/en.html"));
    QCOMPARE(LessonCatalogue::html(2, QStringLiteral("fr")),
             LessonCatalogue::html(2, QStringLiteral("en")));
    QVERIFY(LessonCatalogue::html(9, QStringLiteral("en")).isEmpty());
    ExperimentSpec spec;
    QString error;
    QVERIFY(!LessonCatalogue::loadExperiment(9, &spec, &error));
    QVERIFY(error.contains(QLatin1String("lesson-9")));
}

void TestLessons::lessonPaths() {
    QCOMPARE(LessonCatalogue::experimentPath(4),
             QStringLiteral(":/lessons/lesson-4/experiment.reglab.json"));
    QCOMPARE(
        LessonCatalogue::lessonForPath(QStringLiteral(":/lessons/lesson-4/experiment.reglab.json")),
        4);
    QCOMPARE(
        LessonCatalogue::lessonForPath(QStringLiteral(":/lessons/lesson-9/experiment.reglab.json")),
        0);
    QCOMPARE(LessonCatalogue::lessonForPath(QStringLiteral("/tmp/lesson-4/experiment.reglab.json")),
             0);
    QVERIFY(!LessonCatalogue::isLessonPath(QString()));
}

void TestLessons::menuOpensLessonIntoDocument_data() {
    QTest::addColumn<int>("lesson");
    for (int n = 1; n <= LessonCatalogue::count(); ++n)
        QTest::newRow(qPrintable(QStringLiteral("lesson_%1").arg(n))) << n;
}

void TestLessons::menuOpensLessonIntoDocument() {
    QFETCH(int, lesson);
    auto w = makeWindow();
    QVERIFY(w->lessonsMenu());
    QVERIFY(!w->lessonDock()->isVisibleTo(w.get()));
    auto *action =
        w->lessonsMenu()->findChild<QAction *>(QStringLiteral("lesson%1Action").arg(lesson));
    if (!action) { // actions added with addAction(text, ...) are children of the menu
        for (QAction *a : w->lessonsMenu()->actions())
            if (a->objectName() == QStringLiteral("lesson%1Action").arg(lesson))
                action = a;
    }
    QVERIFY(action);
    QCOMPARE(action->text(), LessonCatalogue::numberedTitle(lesson));
    QSignalSpy changed(w->document(), &ExperimentDocument::specChanged);
    action->trigger();
    QCOMPARE(changed.count(), 1);

    ExperimentSpec expected;
    QVERIFY(LessonCatalogue::loadExperiment(lesson, &expected));
    QVERIFY(w->document()->spec() == expected);
    QCOMPARE(w->document()->filePath(), LessonCatalogue::experimentPath(lesson));
    QVERIFY(!w->document()->isModified());
    QVERIFY(w->lessonDock()->isVisibleTo(w.get()));
    QCOMPARE(w->lessonViewer()->lesson(), lesson);
    QCOMPARE(w->lessonViewer()->browser()->toHtml().isEmpty(), false);
    QCOMPARE(w->lessonViewer()->browser()->toPlainText().left(40),
             QTextDocumentFragment::fromHtml(LessonCatalogue::html(lesson, activeLanguage()))
                 .toPlainText()
                 .left(40));
    QVERIFY(w->windowTitle().contains(LessonCatalogue::title(lesson)));
}

void TestLessons::narrowViewerWrapsEveryLine_data() {
    QTest::addColumn<int>("lesson");
    QTest::addColumn<QString>("language");
    for (int n = 1; n <= LessonCatalogue::count(); ++n) {
        for (const char *language : {"en", "ko"})
            QTest::addRow("lesson_%d_%s", n, language) << n << QString::fromLatin1(language);
    }
}

void TestLessons::narrowViewerWrapsEveryLine() {
    // A lesson in a narrow dock (a projector's 1024 px screen) wraps its shell commands like
    // the rest of the text: nothing is cut off, no sideways scrolling.
    QFETCH(int, lesson);
    QFETCH(QString, language);
    LessonViewer viewer;
    viewer.resize(260, 600);
    viewer.show();
    viewer.showLesson(lesson, language);
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    QTextBrowser *browser = viewer.browser();
    QTextDocument *doc = browser->document();
    // Every line of text outside tables fits the width (a table of five runs may scroll).
    const qreal width = doc->textWidth();
    QVERIFY(width > 0 && width <= browser->viewport()->width());
    int lines = 0;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        if (QTextCursor(block).currentTable())
            continue;
        QVERIFY2(!block.blockFormat().nonBreakableLines(), qPrintable(block.text()));
        const QTextLayout *layout = block.layout();
        for (int i = 0; i < layout->lineCount(); ++i, ++lines) {
            const QTextLine line = layout->lineAt(i);
            QVERIFY2(line.x() + line.naturalTextWidth() <= width + 1,
                     qPrintable(QStringLiteral("%1 px wide in %2 px: %3")
                                    .arg(line.naturalTextWidth())
                                    .arg(width)
                                    .arg(block.text().mid(line.textStart(), line.textLength()))));
        }
    }
    QVERIFY(lines > 20);
}

void TestLessons::viewerButtonsMoveBetweenLessons() {
    auto w = makeWindow();
    QVERIFY(w->openLesson(1));
    auto buttons = w->lessonViewer()->findChildren<QPushButton *>();
    QPushButton *next = nullptr;
    QPushButton *previous = nullptr;
    for (QPushButton *b : buttons) {
        if (b->text() == QLatin1String("Next"))
            next = b;
        if (b->text() == QLatin1String("Previous"))
            previous = b;
    }
    QVERIFY(next && previous);
    QVERIFY(!previous->isEnabled());
    next->click();
    QCOMPARE(w->lessonViewer()->lesson(), 2);
    QCOMPARE(w->document()->filePath(), LessonCatalogue::experimentPath(2));
    previous->click();
    QCOMPARE(w->lessonViewer()->lesson(), 1);
    QVERIFY(w->openLesson(8));
    QVERIFY(!next->isEnabled());
    QString error;
    QVERIFY(!w->openLesson(9, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(w->lessonViewer()->lesson(), 8); // a failed open changes nothing
}

void TestLessons::startPageChoosesLesson() {
    LessonStartPage page({QStringLiteral("/nowhere/a.reglab.json")});
    QCOMPARE(page.lessonList()->count(), LessonCatalogue::count());
    QVERIFY(page.lessonList()->item(2)->text().startsWith(LessonCatalogue::numberedTitle(3)));
    QCOMPARE(page.recentList()->count(), 1);
    QCOMPARE(page.recentList()->item(0)->text(), QStringLiteral("a.reglab.json"));
    QSignalSpy chosen(&page, &LessonStartPage::lessonChosen);
    QSignalSpy recent(&page, &LessonStartPage::recentFileChosen);
    page.chooseLesson(3);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toInt(), 3);
    page.chooseLesson(42); // not a lesson: nothing
    QCOMPARE(chosen.count(), 1);
    emit page.recentList()->itemActivated(page.recentList()->item(0));
    QCOMPARE(recent.count(), 1);
    QCOMPARE(recent.at(0).at(0).toString(), QStringLiteral("/nowhere/a.reglab.json"));
}

void TestLessons::startPageRemembersShowAtStartup() {
    QSettings().remove(QStringLiteral("startPage/showAtStartup"));
    QVERIFY(LessonStartPage::showAtStartup()); // default on
    {
        LessonStartPage page({});
        QVERIFY(page.showAtStartupCheck()->isChecked());
        QCOMPARE(page.recentList()->item(0)->flags(), Qt::NoItemFlags); // "No recent files"
        page.showAtStartupCheck()->setChecked(false);
    }
    QVERIFY(!LessonStartPage::showAtStartup());
    LessonStartPage again({});
    QVERIFY(!again.showAtStartupCheck()->isChecked());
    LessonStartPage::setShowAtStartup(true);
    QVERIFY(LessonStartPage::showAtStartup());
}

void TestLessons::startPageFromWindowOpensLesson() {
    auto w = makeWindow();
    w->showStartPage();
    auto *page = w->findChild<LessonStartPage *>();
    QVERIFY(page);
    QVERIFY(page->isVisible());
    page->chooseLesson(4);
    QCOMPARE(w->document()->filePath(), LessonCatalogue::experimentPath(4));
    QVERIFY(!w->document()->spec().training.penaltyInLoss);
    QVERIFY(page->isHidden());
}

void TestLessons::checksTickAsTheRunProceeds() {
    LessonViewer viewer;
    viewer.showLesson(1, QStringLiteral("en"));
    QCOMPARE(viewer.stepCombo()->count(), 2);
    QCOMPARE(viewer.checkStates(), std::vector<bool>({false, false}));
    QVERIFY(viewer.checkLabel(0)->text().contains(QLatin1String("not yet")));
    // Epoch 0 and 1: test loss 0.5 < 2 × 0.4, hidden2's norm 10: neither check holds.
    TrainingSnapshot first;
    first.reset = true;
    first.epochs = {lessonOneEpoch(0, 0.7, 0.7, 5.0), lessonOneEpoch(1, 0.4, 0.5, 10.0)};
    viewer.applySnapshot(first);
    viewer.refreshNow();
    QCOMPARE(viewer.checkStates(), std::vector<bool>({false, false}));
    QVERIFY(viewer.checkLabel(0)->text().contains(QStringLiteral("0.5 vs 2 × 0.4")));
    // Epoch 2: the test loss 0.9 passes 2 × 0.1, hidden2's norm 12 is not above 20 yet.
    TrainingSnapshot second;
    second.epochs = {lessonOneEpoch(2, 0.1, 0.9, 12.0)};
    viewer.applySnapshot(second);
    viewer.refreshNow();
    QCOMPARE(viewer.checkStates(), std::vector<bool>({true, false}));
    QVERIFY(viewer.checkLabel(0)->text().contains(QStringLiteral("✓")));
    QVERIFY(viewer.checkLabel(0)->text().contains(QStringLiteral("0.9 &gt; 2 × 0.1")));
    QVERIFY(viewer.checkLabel(1)->text().contains(QLatin1String("not yet")));
    // Epoch 3: both hold.
    TrainingSnapshot third;
    third.epochs = {lessonOneEpoch(3, 0.05, 0.95, 21.0)};
    viewer.applySnapshot(third);
    viewer.refreshNow();
    QCOMPARE(viewer.checkStates(), std::vector<bool>({true, true}));
    // Step 2's checks read step 2's run, which has not started: not yet.
    viewer.setCurrentStep(1);
    QCOMPARE(viewer.checkStates(), std::vector<bool>({false, false}));
    // A reset starts the run of the step shown again.
    TrainingSnapshot restart;
    restart.reset = true;
    restart.epochs = {lessonOneEpoch(0, 0.7, 0.7, 5.0)};
    viewer.setCurrentStep(0);
    viewer.applySnapshot(restart);
    viewer.refreshNow();
    QCOMPARE(viewer.runs().at("no_penalty").epochs.size(), std::size_t(1));
    QCOMPARE(viewer.checkStates(), std::vector<bool>({false, false}));
}

void TestLessons::textQuotesTheStudentsNumbers() {
    LessonViewer viewer;
    viewer.showLesson(1, QStringLiteral("en"));
    const QString before = viewer.browser()->toPlainText();
    QVERIFY(!before.contains(QLatin1String("{{")));
    QVERIFY(before.contains(QStringLiteral("reached its lowest value, …, at epoch …")));
    TrainingSnapshot run;
    run.reset = true;
    run.epochs = {lessonOneEpoch(0, 0.7, 0.7, 5.0), lessonOneEpoch(1, 0.3, 0.46, 9.0),
                  lessonOneEpoch(2, 0.1, 0.74, 27.1)};
    viewer.applySnapshot(run);
    viewer.refreshNow();
    const QString after = viewer.browser()->toPlainText();
    QVERIFY2(after.contains(QLatin1String("reached its lowest value, 0.46, at epoch 1")),
             qPrintable(after.left(800)));
    QVERIFY(after.contains(QLatin1String("is now 0.74")));
    QVERIFY(after.contains(QLatin1String("hidden2 is 27.1")));
    QVERIFY(after.contains(QLatin1String("train accuracy 52.0%")));
}

void TestLessons::setUpLoadsAStep() {
    auto w = makeWindow();
    QVERIFY(w->openLesson(4));
    LessonViewer *viewer = w->lessonViewer();
    QCOMPARE(viewer->stepCombo()->count(), 3);
    QCOMPARE(w->document()->spec().training.penaltyMultiplier, 1.0);
    viewer->stepCombo()->setCurrentIndex(2);
    emit viewer->stepCombo()->activated(2);
    QCOMPARE(viewer->currentStep(), 2);
    viewer->setUpButton()->click();
    // The doubly scaled run: TF1, the penalty in the loss, times 0.01; still lesson 4.
    const ExperimentSpec &spec = w->document()->spec();
    QCOMPARE(spec.training.penaltyMultiplier, 0.01);
    QVERIFY(spec.training.penaltyInLoss);
    QVERIFY(spec.l2Convention == L2Convention::Tf1);
    QCOMPARE(w->document()->filePath(), LessonCatalogue::experimentPath(4));
    QCOMPARE(viewer->lesson(), 4);
    QCOMPARE(viewer->currentStep(), 2);
    QVERIFY(w->lessonDock()->isVisibleTo(w.get()));
    QVERIFY(w->openLessonStep(0));
    QVERIFY(!w->document()->spec().training.penaltyInLoss);
    QVERIFY(!w->openLessonStep(3));
}

void TestLessons::lessonLocksControls() {
    auto w = makeWindow();
    QVERIFY(w->openLesson(1));         // locks the data set and the model
    QCoreApplication::processEvents(); // the locks go back on after the panels' own refresh
    QWidget *data = w->findChild<QWidget *>(QStringLiteral("sourceCombo"));
    QVERIFY(data);
    QVERIFY(!data->isEnabled());
    const QString tip = LessonLocks::lockedToolTip();
    QVERIFY(!w->layerInspector()->unitsSpin()->isEnabled());
    QCOMPARE(w->layerInspector()->unitsSpin()->toolTip(), tip);
    for (QAction *a : w->networkEditor()->editActions())
        QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
    // A panel that enables a locked control as it refreshes finds it disabled again.
    QAction *add = w->networkEditor()->editActions().constFirst();
    add->setEnabled(true);
    QVERIFY(!add->isEnabled());
    w->layerInspector()->unitsSpin()->setEnabled(true);
    QVERIFY(!w->layerInspector()->unitsSpin()->isEnabled());
    // Selecting another layer makes the inspector enable its controls: they stay locked.
    w->networkEditor()->selectLayer(0);
    QCoreApplication::processEvents();
    QVERIFY(!w->layerInspector()->unitsSpin()->isEnabled());
    // The regularizer, which lesson 1 asks the student to change, is not locked.
    QVERIFY(w->layerInspector()->regularizerCombo(Tensor::Kernel)->isEnabled());
    QVERIFY(w->runBar()->seedSpin()->isEnabled());
    // Another experiment: nothing is locked any more.
    w->newExperiment();
    QCoreApplication::processEvents();
    QVERIFY(data->isEnabled());
    QVERIFY(w->layerInspector()->unitsSpin()->toolTip() != tip);
    QVERIFY(w->lessonLocks()->locks().empty());
    QVERIFY(add->isEnabled());
    add->setEnabled(false); // unlocked: it stays as the editor sets it
    QVERIFY(!add->isEnabled());
    add->setEnabled(true);
    QVERIFY(add->isEnabled());
}

void TestLessons::openLessonFolderFromDisk() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(copyLesson(2, dir.path()));
    // A teacher's change: lock the optimizer too.
    QFile lessonFile(dir.filePath(QStringLiteral("lesson.json")));
    QVERIFY(lessonFile.open(QIODevice::ReadOnly));
    QByteArray json = lessonFile.readAll();
    lessonFile.close();
    json.replace("\"model\"\n  ]", "\"model\", \"optimizer\"\n  ]");
    QVERIFY(json.contains("\"optimizer\"\n  ]"));
    QVERIFY(lessonFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    lessonFile.write(json);
    lessonFile.close();

    auto w = makeWindow();
    auto *action = w->findChild<QAction *>(QStringLiteral("openLessonFolderAction"));
    QVERIFY(action);
    QString error;
    QVERIFY2(w->openLessonFolder(dir.path(), &error), qPrintable(error));
    QCoreApplication::processEvents();
    QCOMPARE(w->document()->filePath(), dir.filePath(QStringLiteral("experiment.reglab.json")));
    QVERIFY(w->lessonDock()->isVisibleTo(w.get()));
    QCOMPARE(w->lessonViewer()->lesson(), 0); // not a built-in one
    QVERIFY(w->lessonViewer()->lessonData());
    QCOMPARE(w->lessonViewer()->stepCombo()->count(), 3);
    QVERIFY(!w->runBar()->optimizerCombo()->isEnabled());
    QCOMPARE(w->runBar()->optimizerCombo()->toolTip(), LessonLocks::lockedToolTip());
    QVERIFY(w->lessonViewer()->browser()->toPlainText().contains(QLatin1String("L1")));
    // Set up keeps the lesson (same experiment path).
    QVERIFY(w->openLessonStep(1));
    QVERIFY(w->lessonViewer()->lessonData());
    QCOMPARE(w->document()->spec().model.layers[0].kernelRegularizer->l2, 1e-3);
}

void TestLessons::badLessonFolderIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(copyLesson(1, dir.path()));
    QFile text(dir.filePath(QStringLiteral("en.html")));
    QVERIFY(text.open(QIODevice::WriteOnly | QIODevice::Append));
    text.write("<p>{{min:hidden7.sparsity}}</p>");
    text.close();
    auto w = makeWindow();
    QVERIFY(w->openLesson(3));
    QString error;
    QVERIFY(!w->openLessonFolder(dir.path(), &error));
    QVERIFY2(error.contains(dir.filePath(QStringLiteral("en.html"))), qPrintable(error));
    QVERIFY2(error.contains(QLatin1String("{{min:hidden7.sparsity}}")), qPrintable(error));
    QCOMPARE(w->lessonViewer()->lesson(), 3); // nothing changed
    QCOMPARE(w->document()->filePath(), LessonCatalogue::experimentPath(3));
}

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
