// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lesson_catalogue.h"

#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"

#include <nlohmann/json.hpp>

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

struct LessonText {
    const char *title;
    const char *summary;
};

constexpr std::array<LessonText, 5> kLessons{{
    {QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue", "Overfitting, then L2"),
     QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue",
                       "A wide network learns a small noisy spiral by heart; L2 holds it back.")},
    {QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue",
                       "L1 makes weights sparse, L2 makes them small"),
     QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue",
                       "The same scale as L1 and as L2: weight histograms, sparsity and norms.")},
    {QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue", "Too much: the MNIST table"),
     QT_TRANSLATE_NOOP(
         "reglab::ui::LessonCatalogue",
         "L2 scale 1 on MNIST: the penalty wins and the network predicts one class.")},
    {QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue", "Conventions: Keras ΣW² vs TF1 ΣW²/2"),
     QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue",
                       "A factor of two, and a penalty that is collected but never added to the "
                       "loss.")},
    {QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue", "L2 vs decoupled weight decay (AdamW)"),
     QT_TRANSLATE_NOOP("reglab::ui::LessonCatalogue",
                       "Why Adam weakens an L2 penalty where gradients are large, and what AdamW "
                       "does instead.")},
}};

const QString kResourceDir = QStringLiteral(":/lessons/");

} // namespace

int LessonCatalogue::count() {
    return int(kLessons.size());
}

QString LessonCatalogue::title(int number) {
    return isValid(number) ? tr(kLessons[std::size_t(number - 1)].title) : QString();
}

QString LessonCatalogue::summary(int number) {
    return isValid(number) ? tr(kLessons[std::size_t(number - 1)].summary) : QString();
}

QString LessonCatalogue::numberedTitle(int number) {
    return tr("%1. %2").arg(number).arg(title(number));
}

QString LessonCatalogue::experimentPath(int number) {
    return kResourceDir + QStringLiteral("lesson-%1.reglab.json").arg(number);
}

QString LessonCatalogue::htmlPath(int number, const QString &language) {
    initLessonResources();
    const QString localized =
        kResourceDir + QStringLiteral("lesson-%1.%2.html").arg(number).arg(language);
    if (QFile::exists(localized))
        return localized;
    return kResourceDir + QStringLiteral("lesson-%1.en.html").arg(number);
}

QString LessonCatalogue::html(int number, const QString &language) {
    if (!isValid(number))
        return {};
    QFile file(htmlPath(number, language));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

bool LessonCatalogue::loadExperiment(int number, ExperimentSpec *spec, QString *error) {
    initLessonResources();
    const QString path = experimentPath(number);
    QFile file(path);
    if (!isValid(number) || !file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("%1: there is no such lesson").arg(path);
        return false;
    }
    try {
        const std::string name = path.toStdString();
        *spec = experimentFromJson(parseJsonText(file.readAll().toStdString(), name), name);
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
    return true;
}

bool LessonCatalogue::isLessonPath(const QString &path) {
    return lessonForPath(path) > 0;
}

int LessonCatalogue::lessonForPath(const QString &path) {
    static const QRegularExpression re(QStringLiteral("^:/lessons/lesson-(\\d+)\\.reglab\\.json$"));
    const auto match = re.match(path);
    if (!match.hasMatch())
        return 0;
    const int number = match.captured(1).toInt();
    return isValid(number) ? number : 0;
}

} // namespace reglab::ui
