// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lesson_catalogue.h"

#include "core/error.h"
#include "ui/language.h"

#include <QFile>
#include <QRegularExpression>

#include <array>
#include <exception>
#include <mutex>

// Q_INIT_RESOURCE must be used outside any namespace; the lessons live in the static
// library's resources, which are only linked in once something registers them.
static void initLessonResources() {
    static std::once_flag once;
    std::call_once(once, [] { Q_INIT_RESOURCE(reglab); });
}

namespace reglab::ui {

namespace {

constexpr int kLessonCount = 8;

QString resourceFolder(int number) {
    return QStringLiteral(":/lessons/lesson-%1").arg(number);
}

/// Reads a lesson through Qt's file system (resources or disk).
Lesson readLessonFolder(const QString &folder) {
    return readLesson(folder.toStdString(),
                      [&](const std::string &name) -> std::optional<std::string> {
                          QFile file(folder + QLatin1Char('/') + QString::fromStdString(name));
                          if (!file.open(QIODevice::ReadOnly))
                              return std::nullopt;
                          return file.readAll().toStdString();
                      });
}

} // namespace

int LessonCatalogue::count() {
    return kLessonCount;
}

std::shared_ptr<const Lesson> LessonCatalogue::lesson(int number) {
    static std::array<std::shared_ptr<const Lesson>, kLessonCount> cache;
    static std::mutex mutex;
    if (!isValid(number))
        return nullptr;
    initLessonResources();
    std::lock_guard lock(mutex);
    auto &entry = cache[std::size_t(number - 1)];
    if (!entry) {
        try {
            entry = std::make_shared<const Lesson>(readLessonFolder(resourceFolder(number)));
        } catch (const std::exception &) {
            return nullptr; // never for the lessons that ship (tst_lessons)
        }
    }
    return entry;
}

std::shared_ptr<const Lesson> LessonCatalogue::loadFolder(const QString &folder, QString *error) {
    try {
        return std::make_shared<const Lesson>(loadLessonFolder(folder.toStdString()));
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

QString LessonCatalogue::title(int number) {
    const auto l = lesson(number);
    return l ? QString::fromStdString(l->title.in(activeLanguage().toStdString())) : QString();
}

QString LessonCatalogue::summary(int number) {
    const auto l = lesson(number);
    return l ? QString::fromStdString(l->summary.in(activeLanguage().toStdString())) : QString();
}

QString LessonCatalogue::numberedTitle(int number) {
    return tr("%1. %2").arg(number).arg(title(number));
}

QString LessonCatalogue::experimentPath(int number) {
    return resourceFolder(number) + QStringLiteral("/experiment.reglab.json");
}

QString LessonCatalogue::htmlPath(int number, const QString &language) {
    initLessonResources();
    const QString localized = resourceFolder(number) + QStringLiteral("/%1.html").arg(language);
    if (QFile::exists(localized))
        return localized;
    return resourceFolder(number) + QStringLiteral("/en.html");
}

QString LessonCatalogue::html(int number, const QString &language) {
    const auto l = lesson(number);
    return l ? QString::fromStdString(l->html.in(language.toStdString())) : QString();
}

bool LessonCatalogue::loadExperiment(int number, ExperimentSpec *spec, QString *error) {
    const auto l = lesson(number);
    if (!l) {
        if (error)
            *error = tr("%1: there is no such lesson").arg(resourceFolder(number));
        return false;
    }
    *spec = l->steps.front().experiment;
    return true;
}

bool LessonCatalogue::isLessonPath(const QString &path) {
    return lessonForPath(path) > 0;
}

int LessonCatalogue::lessonForPath(const QString &path) {
    static const QRegularExpression re(
        QStringLiteral("^:/lessons/lesson-(\\d+)/experiment\\.reglab\\.json$"));
    const auto match = re.match(path);
    if (!match.hasMatch())
        return 0;
    const int number = match.captured(1).toInt();
    return isValid(number) ? number : 0;
}

} // namespace reglab::ui
