// SPDX-License-Identifier: GPL-3.0-or-later
// The man pages (packaging/reglab-cli.1.in, packaging/reglab.1.in) against the programs'
// --help: every command and option the help prints is in the manual, in the right section,
// and the manual names no option the program does not have.

#include "support/test_support.h"

#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace reglab::test;

namespace {

using Options = QSet<QString>;

/// Every `-x` or `--long-name` that starts a word of `text` (not the `-` inside "reglab-cli"
/// or "1e-4").
Options optionsIn(const QString &text) {
    static const QRegularExpression re(QStringLiteral(R"((?:^|[\s,\[(|])(--?[A-Za-z][\w-]*))"));
    Options options;
    for (auto it = re.globalMatch(text); it.hasNext();)
        options.insert(it.next().captured(1));
    return options;
}

QStringList sorted(const Options &options) {
    QStringList list(options.begin(), options.end());
    list.sort();
    return list;
}

/// A man page's text by section: "NAME", "OPTIONS", ... and "COMMANDS/train" for a .SS
/// under .SH COMMANDS; troff's comments dropped and its escapes made plain (`\-` is `-`).
QMap<QString, QString> manSections(const QString &path) {
    QMap<QString, QString> sections;
    QString section;
    QString top;
    static const QRegularExpression fonts(QStringLiteral(R"(\\f[BIRP])"));
    for (QString line : QString::fromUtf8(readBytes(path)).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String(".\\\"")))
            continue;
        line.replace(QLatin1String("\\-"), QLatin1String("-"))
            .replace(QLatin1String("\\e"), QLatin1String("\\"))
            .remove(fonts);
        if (line.startsWith(QLatin1String(".SH "))) {
            top = line.mid(4).remove(QLatin1Char('"')).trimmed();
            section = top;
            continue;
        }
        if (line.startsWith(QLatin1String(".SS "))) {
            section = top + QLatin1Char('/') + line.mid(4).trimmed();
            continue;
        }
        sections[section] += line + QLatin1Char('\n');
    }
    return sections;
}

/// `program args` run to completion: its standard output. With a settings folder of its own,
/// so that no stored choice (the app's language) changes what it prints.
QString helpOf(const QString &program, const QStringList &args) {
    QTemporaryDir config;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), config.path());
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted(10000) || !p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

/// The names listed under CLI11's "Subcommands:" heading.
QStringList subcommandsIn(const QString &help) {
    QStringList names;
    const QString block = help.section(QStringLiteral("Subcommands:\n"), 1);
    static const QRegularExpression re(QStringLiteral(R"(^  (\S+))"),
                                       QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(block); it.hasNext();)
        names.append(it.next().captured(1));
    return names;
}

QString manPage(const char *name) {
    return QStringLiteral(REGLAB_SOURCE_DIR "/packaging/%1.1.in").arg(QLatin1String(name));
}

} // namespace

class TestManPages : public QObject {
    Q_OBJECT

private slots:
    void cliManPageMatchesHelp() {
        QVERIFY2(!cliPath().isEmpty(), "REGLAB_CLI is not set");
        const auto man = manSections(manPage("reglab-cli"));
        QVERIFY(!man.isEmpty());
        const QString help = helpOf(cliPath(), {QStringLiteral("--help")});
        QVERIFY(!help.isEmpty());

        // The commands: one .SS each under COMMANDS.
        const QStringList commands = subcommandsIn(help);
        QVERIFY(commands.contains(QStringLiteral("train")));
        QStringList documented;
        for (const QString &key : man.keys()) {
            if (key.startsWith(QLatin1String("COMMANDS/")))
                documented.append(key.mid(9));
        }
        documented.sort();
        QStringList expected = commands;
        expected.sort();
        QCOMPARE(documented, expected);

        // The program's own options.
        Options all = optionsIn(help);
        QCOMPARE(sorted(optionsIn(man.value(QStringLiteral("OPTIONS")))), sorted(all));

        // Each command's options: in its section, or among the common options when its section
        // says it takes them. -h/--help are in OPTIONS.
        const Options common = optionsIn(man.value(QStringLiteral("COMMON OPTIONS")));
        QVERIFY(!common.isEmpty());
        for (const QString &command : commands) {
            const QString commandHelp = helpOf(cliPath(), {command, QStringLiteral("--help")});
            QVERIFY2(!commandHelp.isEmpty(), qPrintable(command));
            Options options = optionsIn(commandHelp);
            all.unite(options);
            options.remove(QStringLiteral("-h"));
            options.remove(QStringLiteral("--help"));
            const QString text = man.value(QStringLiteral("COMMANDS/") + command);
            Options inManual = optionsIn(text);
            if (text.contains(QLatin1String("common options")))
                inManual.unite(common);
            QVERIFY2(
                sorted(inManual) == sorted(options),
                qPrintable(QStringLiteral("reglab-cli %1: the manual has [%2], --help has [%3]")
                               .arg(command, sorted(inManual).join(QLatin1Char(' ')),
                                    sorted(options).join(QLatin1Char(' ')))));
        }

        // Examples and prose name only real options.
        Options named;
        for (const QString &text : man)
            named.unite(optionsIn(text));
        QCOMPARE(sorted(named - all), QStringList());
    }

    void appManPageMatchesHelp() {
        const QString app = qEnvironmentVariable("REGLAB_APP");
        if (app.isEmpty())
            QSKIP("REGLAB_APP is not set (built without the GUI)");
        const auto man = manSections(manPage("reglab"));
        QVERIFY(!man.isEmpty());
        const QString help =
            helpOf(app, {QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--help")});
        QVERIFY(!help.isEmpty());
        const Options options = optionsIn(help);
        QVERIFY(options.contains(QStringLiteral("--screenshot")));
        QCOMPARE(sorted(optionsIn(man.value(QStringLiteral("OPTIONS")))), sorted(options));
        Options named;
        for (const QString &text : man)
            named.unite(optionsIn(text));
        QCOMPARE(sorted(named - options), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestManPages)
#include "tst_man_pages.moc"
