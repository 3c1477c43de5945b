// SPDX-License-Identifier: GPL-3.0-or-later
// Lessons: every lesson experiment loads and validates; its explanation exists in English and
// Korean, names the control to change (the UI's own label, translated for Korean) and quotes
// the same numbers in both languages; the Lessons menu, the lesson panel's buttons and the
// start page load a lesson into the document.
#include "ui/lessons/lesson_catalogue.h"

#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "ui/experiment_document.h"
#include "ui/language.h"
#include "ui/lessons/lesson_start_page.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/main_window.h"

#include <nlohmann/json.hpp>

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QListWidget>
#include <QMap>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
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
    void catalogueHasFiveTitledLessons();
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
};

void TestLessons::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RegLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_lessons"));
    QSettings().clear();
}

void TestLessons::catalogueHasFiveTitledLessons() {
    QCOMPARE(LessonCatalogue::count(), 5);
    QCOMPARE(LessonCatalogue::title(1), QStringLiteral("Overfitting, then L2"));
    QCOMPARE(LessonCatalogue::numberedTitle(3), QStringLiteral("3. Too much: the MNIST table"));
    for (int n = 1; n <= 5; ++n) {
        QVERIFY(!LessonCatalogue::title(n).isEmpty());
        QVERIFY(!LessonCatalogue::summary(n).isEmpty());
    }
    QVERIFY(LessonCatalogue::title(0).isEmpty());
    QVERIFY(LessonCatalogue::title(6).isEmpty());
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
    default:
        QFAIL("no such lesson");
    }
}

void TestLessons::resourceMatchesSourceTree_data() {
    QTest::addColumn<QString>("name");
    for (int n = 1; n <= LessonCatalogue::count(); ++n) {
        for (const char *suffix : {"reglab.json", "en.html", "ko.html"}) {
            const QString name = QStringLiteral("lesson-%1.%2").arg(n).arg(QLatin1String(suffix));
            QTest::newRow(qPrintable(name)) << name;
        }
    }
}

void TestLessons::resourceMatchesSourceTree() {
    QFETCH(QString, name);
    const QByteArray source = readFile(sourceLessonPath(name));
    QVERIFY2(!source.isEmpty(), qPrintable(name));
    QCOMPARE(readFile(QStringLiteral(":/lessons/") + name), source);
    if (name.endsWith(QLatin1String(".json"))) {
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
            << "48.4%";
        QTest::newRow(("lesson_3_l2_scale_" + tag).constData())
            << 3 << language << inspector << "L2 scale b"
            << "0.1100";
        QTest::newRow(("lesson_4_convention_" + tag).constData())
            << 4 << language << runBar << "TF1 ΣW²/2"
            << "0.488";
        QTest::newRow(("lesson_5_optimizer_" + tag).constData())
            << 5 << language << runBar << "Optimizer"
            << "5.55";
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
             QStringLiteral(":/lessons/lesson-%1.%2.html").arg(lesson).arg(language));
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
             QStringLiteral(":/lessons/lesson-2.en.html"));
    QCOMPARE(LessonCatalogue::html(2, QStringLiteral("fr")),
             LessonCatalogue::html(2, QStringLiteral("en")));
    QVERIFY(LessonCatalogue::html(9, QStringLiteral("en")).isEmpty());
    ExperimentSpec spec;
    QString error;
    QVERIFY(!LessonCatalogue::loadExperiment(9, &spec, &error));
    QVERIFY(error.contains(QLatin1String("lesson-9")));
}

void TestLessons::lessonPaths() {
    QCOMPARE(LessonCatalogue::experimentPath(4), QStringLiteral(":/lessons/lesson-4.reglab.json"));
    QCOMPARE(LessonCatalogue::lessonForPath(QStringLiteral(":/lessons/lesson-4.reglab.json")), 4);
    QCOMPARE(LessonCatalogue::lessonForPath(QStringLiteral(":/lessons/lesson-7.reglab.json")), 0);
    QCOMPARE(LessonCatalogue::lessonForPath(QStringLiteral("/tmp/lesson-4.reglab.json")), 0);
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
    QVERIFY(w->openLesson(5));
    QVERIFY(!next->isEnabled());
    QString error;
    QVERIFY(!w->openLesson(6, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(w->lessonViewer()->lesson(), 5); // a failed open changes nothing
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

QTEST_MAIN(TestLessons)
#include "tst_lessons.moc"
