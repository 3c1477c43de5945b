// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The user-interface language. English is the language of the source strings; Korean comes
// from a Qt Linguist translation (resources/translations/reglab_ko.ts) compiled at build
// time and embedded under :/i18n. The language is chosen once, before the main window is
// created: `--lang`, else the Help ▸ Language choice stored in QSettings, else the system
// locale (ko_* gives Korean). A new choice takes effect at the next start.

#include <QLocale>
#include <QString>

#include <optional>

namespace reglab::ui {

enum class UiLanguage { System, English, Korean };

/// "system", "en" or "ko".
QString languageCode(UiLanguage language);

/// Parses "system", "en" or "ko" (case-insensitive; "english", "korean" too).
std::optional<UiLanguage> parseLanguage(const QString &text);

/// The language code ("en" or "ko") that `choice` means on a system whose locale is `system`:
/// System follows the locale (Korean for ko_*, English otherwise).
QString resolveLanguage(UiLanguage choice, const QLocale &system = QLocale::system());

/// The Help ▸ Language choice (QSettings key "ui/language"); System when unset or unknown.
UiLanguage storedLanguage();
void setStoredLanguage(UiLanguage language);

/// The embedded compiled translation for `code`, e.g. ":/i18n/reglab_ko.qm".
QString translationResource(const QString &code);

/// Installs RegLab's translator for `code` on the application, and Qt's own (qtbase_<code>.qm
/// from QLibraryInfo::TranslationsPath) when that file exists. "en" installs nothing. Hangul
/// needs a CJK font (Debian: fonts-noto-cjk); Qt's font fallback finds it. Call after
/// the QApplication exists and before any widget is created. Returns false (and leaves the
/// language English) when RegLab's translation for `code` cannot be loaded.
bool installTranslators(const QString &code);

/// The language installed by installTranslators() ("en" until then).
QString activeLanguage();

} // namespace reglab::ui
