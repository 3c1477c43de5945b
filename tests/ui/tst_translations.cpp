// SPDX-License-Identifier: GPL-3.0-or-later
// The Korean user interface: the Qt Linguist file is complete (no unfinished or empty
// translation, every tr() literal of ui/ and app/ is in it), the compiled translation is
// embedded and translates, installing it translates the widgets, and the language choice
// follows --lang, the stored setting and the system locale.
#include "ui/language.h"

#include "ui/experiment_document.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/main_window.h"
#include "ui/training/run_bar.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLibraryInfo>
#include <QMenu>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace reglab::ui;

namespace {

const QString kTsFile = QStringLiteral(REGLAB_SOURCE_DIR "/resources/translations/reglab_ko.ts");

struct TsMessage {
    QString context;
    QString source;
    QString translationType; // "", "unfinished", "obsolete", "vanished"
    QStringList translations;
};

/// Every <message> of a Qt Linguist file.
QList<TsMessage> readTs(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    QList<TsMessage> messages;
    QXmlStreamReader xml(&file);
    QString context;
    TsMessage current;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name") && !inMessage) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                current = TsMessage{context, {}, {}, {}};
                inMessage = true;
            } else if (name == QLatin1String("source") && inMessage) {
                current.source = xml.readElementText();
            } else if (name == QLatin1String("translation") && inMessage) {
                current.translationType = xml.attributes().value(QLatin1String("type")).toString();
                // Plain text, or one <numerusform> per plural form.
                QString text;
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isCharacters())
                        text += xml.text();
                    else if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                        current.translations.append(xml.readElementText());
                    else if (xml.isEndElement() && xml.name() == QLatin1String("translation"))
                        break;
                }
                if (current.translations.isEmpty())
                    current.translations.append(text);
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages.append(current);
            inMessage = false;
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: line %2: %3")
                     .arg(path)
                     .arg(xml.lineNumber())
                     .arg(xml.errorString());
    return messages;
}

/// The C++ string literal's value: \n, \t, \", \\ unescaped.
QString unescape(const QString &literal) {
    QString out;
    for (qsizetype i = 0; i < literal.size(); ++i) {
        if (literal[i] == QLatin1Char('\\') && i + 1 < literal.size()) {
            const QChar c = literal[++i];
            out += c == QLatin1Char('n')   ? QChar(QLatin1Char('\n'))
                   : c == QLatin1Char('t') ? QChar(QLatin1Char('\t'))
                                           : c;
        } else {
            out += literal[i];
        }
    }
    return out;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void tsFileIsComplete();
    void tsCoversEveryTrLiteral();
    void compiledTranslationIsEmbedded_data();
    void compiledTranslationIsEmbedded();
    void languageChoice_data();
    void languageChoice();
    void parseLanguageCodes();
    void storedLanguageRoundTrips();
    void koreanFontIsInstalled();
    void installingKoreanTranslatesTheWindow(); // last: installs the translators for good
};

void TestTranslations::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RegLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QSettings().clear();
}

void TestTranslations::tsFileIsComplete() {
    QString error;
    const QList<TsMessage> messages = readTs(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(messages.size() > 400, qPrintable(QString::number(messages.size())));
    int checked = 0;
    for (const TsMessage &m : messages) {
        if (m.translationType == QLatin1String("obsolete")
            || m.translationType == QLatin1String("vanished"))
            continue;
        const QString where = m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(m.translationType != QLatin1String("unfinished"),
                 qPrintable(QStringLiteral("unfinished: ") + where));
        for (const QString &t : m.translations)
            QVERIFY2(!t.trimmed().isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
        // Placeholders survive translation: each %1.. of the source is in the translation.
        static const QRegularExpression placeholder(QStringLiteral("%(\\d|n)"));
        auto it = placeholder.globalMatch(m.source);
        while (it.hasNext()) {
            const QString p = it.next().captured();
            for (const QString &t : m.translations)
                QVERIFY2(t.contains(p), qPrintable(QStringLiteral("lost %1: ").arg(p) + where));
        }
        ++checked;
    }
    QVERIFY(checked > 400);
}

void TestTranslations::tsCoversEveryTrLiteral() {
    QString error;
    const QList<TsMessage> messages = readTs(kTsFile, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QSet<QString> sources;
    for (const TsMessage &m : messages) {
        if (m.translationType != QLatin1String("obsolete")
            && m.translationType != QLatin1String("vanished"))
            sources.insert(m.source);
    }
    // tr("one literal") followed by ')' or ',': the common case; lupdate finds the rest.
    static const QRegularExpression trCall(
        QStringLiteral("\\btr\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*[,)]"));
    int found = 0;
    for (const QString &folder : {QStringLiteral("ui"), QStringLiteral("app")}) {
        // Every subfolder too (ui/plots, ui/editor, ...).
        QDirIterator files(QStringLiteral(REGLAB_SOURCE_DIR "/") + folder,
                           {QStringLiteral("*.cpp"), QStringLiteral("*.h")}, QDir::Files,
                           QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QFileInfo info(files.next());
            QFile file(info.absoluteFilePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QString text = QString::fromUtf8(file.readAll());
            auto it = trCall.globalMatch(text);
            while (it.hasNext()) {
                const QString source = unescape(it.next().captured(1));
                ++found;
                QVERIFY2(sources.contains(source),
                         qPrintable(QStringLiteral("%1: tr(\"%2\") is not in reglab_ko.ts; run "
                                                   "lupdate and translate it")
                                        .arg(info.fileName(), source)));
            }
        }
    }
    QVERIFY(found > 300);
}

void TestTranslations::compiledTranslationIsEmbedded_data() {
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("korean");
    QTest::newRow("play") << "reglab::ui::RunBar"
                          << "Play"
                          << "재생";
    QTest::newRow("reset") << "reglab::ui::RunBar"
                           << "Reset"
                           << "초기화";
    QTest::newRow("loss_terms") << "reglab::ui::LossPlot"
                                << "Loss terms"
                                << "손실 항";
    QTest::newRow("lessons_menu") << "reglab::ui::MainWindow"
                                  << "&Lessons"
                                  << "수업(&L)";
    QTest::newRow("lesson_checks") << "reglab::ui::LessonViewer"
                                   << "Checks on your run"
                                   << "내 실행 확인";
}

void TestTranslations::compiledTranslationIsEmbedded() {
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, korean);
    QCOMPARE(translationResource(QStringLiteral("ko")), QStringLiteral(":/i18n/reglab_ko.qm"));
    QVERIFY(QFile::exists(translationResource(QStringLiteral("ko"))));
    QTranslator translator;
    QVERIFY(translator.load(translationResource(QStringLiteral("ko"))));
    QCOMPARE(translator.language(), QStringLiteral("ko"));
    QCOMPARE(translator.translate(context.toLatin1().constData(), source.toUtf8().constData()),
             korean);
    QVERIFY(translator.translate("reglab::ui::RunBar", "no such string").isEmpty());
}

void TestTranslations::languageChoice_data() {
    QTest::addColumn<QString>("choice");
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("system_korean") << "system"
                                   << "ko_KR"
                                   << "ko";
    QTest::newRow("system_english") << "system"
                                    << "en_US"
                                    << "en";
    QTest::newRow("system_german") << "system"
                                   << "de_DE"
                                   << "en";
    QTest::newRow("english_on_korean") << "en"
                                       << "ko_KR"
                                       << "en";
    QTest::newRow("korean_on_english") << "ko"
                                       << "en_GB"
                                       << "ko";
}

void TestTranslations::languageChoice() {
    QFETCH(QString, choice);
    QFETCH(QString, locale);
    QFETCH(QString, expected);
    const auto parsed = parseLanguage(choice);
    QVERIFY(parsed);
    QCOMPARE(resolveLanguage(*parsed, QLocale(locale)), expected);
}

void TestTranslations::parseLanguageCodes() {
    QCOMPARE(parseLanguage(QStringLiteral("KO")), std::optional(UiLanguage::Korean));
    QCOMPARE(parseLanguage(QStringLiteral(" en ")), std::optional(UiLanguage::English));
    QCOMPARE(parseLanguage(QStringLiteral("korean")), std::optional(UiLanguage::Korean));
    QCOMPARE(parseLanguage(QStringLiteral("system")), std::optional(UiLanguage::System));
    QVERIFY(!parseLanguage(QStringLiteral("fr")));
    QVERIFY(!parseLanguage(QString()));
    QCOMPARE(languageCode(UiLanguage::Korean), QStringLiteral("ko"));
}

void TestTranslations::storedLanguageRoundTrips() {
    QSettings().remove(QStringLiteral("ui/language"));
    QCOMPARE(storedLanguage(), UiLanguage::System);
    setStoredLanguage(UiLanguage::Korean);
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("ko"));
    QCOMPARE(storedLanguage(), UiLanguage::Korean);
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("klingon"));
    QCOMPARE(storedLanguage(), UiLanguage::System);
    setStoredLanguage(UiLanguage::System);
}

void TestTranslations::koreanFontIsInstalled() {
    // scripts/install-deps installs fonts-noto-cjk; without a Hangul font labels are boxes.
    const QStringList families = QFontDatabase::families(QFontDatabase::Korean);
    if (families.isEmpty())
        QSKIP("no font with Hangul installed (Debian: fonts-noto-cjk)");
    QVERIFY(!families.isEmpty());
}

void TestTranslations::installingKoreanTranslatesTheWindow() {
    QCOMPARE(activeLanguage(), QStringLiteral("en"));
    QVERIFY(installTranslators(QStringLiteral("en"))); // nothing to install
    QCOMPARE(activeLanguage(), QStringLiteral("en"));
    QVERIFY(installTranslators(QStringLiteral("ko")));
    QCOMPARE(activeLanguage(), QStringLiteral("ko"));

    ExperimentDocument doc;
    RunBar bar(&doc);
    QCOMPARE(bar.playAction()->text(), QStringLiteral("재생"));

    MainWindow window;
    window.setAskBeforeDiscard(false);
    window.setPersistSettings(false);
    QCOMPARE(window.lessonsMenu()->title(), QStringLiteral("수업(&L)"));
    QVERIFY(window.openLesson(1));
    // The Korean lesson text in the panel.
    QVERIFY(window.lessonViewer()->lesson() == 1);
    QVERIFY(LessonCatalogue::html(1, QStringLiteral("ko")).contains(QStringLiteral("과적합")));
    // Its title and steps from lesson.json, in Korean too.
    QCOMPARE(LessonCatalogue::title(1), QStringLiteral("과적합, 그리고 L2"));
    QCOMPARE(window.lessonViewer()->stepCombo()->itemText(0), QStringLiteral("1단계: 페널티 없음"));

    // Qt's own strings, when the Debian translations are installed.
    const QString qtFile =
        QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_ko.qm");
    if (!QFileInfo::exists(qtFile))
        QSKIP("qtbase_ko.qm not installed (Debian: qt6-translations-l10n)");
    QTranslator qt;
    QVERIFY(qt.load(qtFile));
    const QString cancel = QCoreApplication::translate("QPlatformTheme", "Cancel");
    QCOMPARE(cancel, qt.translate("QPlatformTheme", "Cancel"));
    QVERIFY(cancel != QLatin1String("Cancel"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
