// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/language.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QSettings>
#include <QTranslator>

#include <mutex>

// The compiled translations (:/i18n) live in the static library; register them once.
// Q_INIT_RESOURCE must be used outside any namespace.
static void initTranslationResources() {
    static std::once_flag once;
    std::call_once(once, [] { Q_INIT_RESOURCE(reglab_i18n); });
}

namespace reglab::ui {

namespace {

const QString kSettingsKey = QStringLiteral("ui/language");

QString &activeCode() {
    static QString code = QStringLiteral("en");
    return code;
}

} // namespace

QString languageCode(UiLanguage language) {
    switch (language) {
    case UiLanguage::English:
        return QStringLiteral("en");
    case UiLanguage::Korean:
        return QStringLiteral("ko");
    case UiLanguage::System:
        break;
    }
    return QStringLiteral("system");
}

std::optional<UiLanguage> parseLanguage(const QString &text) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("system"))
        return UiLanguage::System;
    if (t == QLatin1String("en") || t == QLatin1String("english"))
        return UiLanguage::English;
    if (t == QLatin1String("ko") || t == QLatin1String("korean"))
        return UiLanguage::Korean;
    return std::nullopt;
}

QString resolveLanguage(UiLanguage choice, const QLocale &system) {
    if (choice == UiLanguage::System)
        return system.language() == QLocale::Korean ? QStringLiteral("ko") : QStringLiteral("en");
    return languageCode(choice);
}

UiLanguage storedLanguage() {
    return parseLanguage(QSettings().value(kSettingsKey).toString()).value_or(UiLanguage::System);
}

void setStoredLanguage(UiLanguage language) {
    QSettings().setValue(kSettingsKey, languageCode(language));
}

QString translationResource(const QString &code) {
    initTranslationResources();
    return QStringLiteral(":/i18n/reglab_%1.qm").arg(code);
}

bool installTranslators(const QString &code) {
    if (code == QLatin1String("en") || QCoreApplication::instance() == nullptr) {
        activeCode() = QStringLiteral("en");
        return code == QLatin1String("en");
    }
    auto *own = new QTranslator(QCoreApplication::instance());
    if (!own->load(translationResource(code))) {
        delete own;
        activeCode() = QStringLiteral("en");
        return false;
    }
    QCoreApplication::installTranslator(own);

    // Qt's own dialogs and standard buttons; the Debian package qt6-translations-l10n.
    const QString qtFile = QStringLiteral("qtbase_%1.qm").arg(code);
    const QString qtDir = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (QFileInfo::exists(qtDir + QLatin1Char('/') + qtFile)) {
        auto *qt = new QTranslator(QCoreApplication::instance());
        if (qt->load(qtFile, qtDir))
            QCoreApplication::installTranslator(qt);
        else
            delete qt;
    }
    activeCode() = code;
    return true;
}

QString activeLanguage() {
    return activeCode();
}

} // namespace reglab::ui
