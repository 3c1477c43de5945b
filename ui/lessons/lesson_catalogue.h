// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The built-in lessons for the classroom, each a lesson folder (core/lesson/lesson.h)
// embedded as resources under :/lessons/lesson-<n>/ (resources/lessons/lesson-<n>/:
// lesson.json, experiment.reglab.json, en.html, ko.html), and lesson folders opened from
// disk (File ▸ Open lesson…).

#include "core/experiment_spec.h"
#include "core/lesson/lesson.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace reglab::ui {

class LessonCatalogue {
    Q_DECLARE_TR_FUNCTIONS(reglab::ui::LessonCatalogue)
public:
    /// Lessons are numbered 1..count().
    static int count();
    static bool isValid(int number) { return number >= 1 && number <= count(); }

    /// The built-in lesson `number`, read once (nullptr for an unknown number; the lessons
    /// that ship always read, see tst_lessons and core.builtin_lessons).
    static std::shared_ptr<const Lesson> lesson(int number);
    /// Reads a lesson folder from disk; nullptr with `*error` set (naming the file and the
    /// field) when it cannot be read or is not valid.
    static std::shared_ptr<const Lesson> loadFolder(const QString &folder,
                                                    QString *error = nullptr);

    /// The lesson's title and one-line summary in the UI language, e.g. "Overfitting, then L2".
    static QString title(int number);
    static QString summary(int number);
    /// "1. Overfitting, then L2" for menus and lists.
    static QString numberedTitle(int number);

    /// ":/lessons/lesson-<n>/experiment.reglab.json".
    static QString experimentPath(int number);
    /// ":/lessons/lesson-<n>/<language>.html"; English when there is no text in `language`.
    static QString htmlPath(int number, const QString &language);
    /// The explanation as HTML, placeholders unfilled (empty for an unknown lesson).
    static QString html(int number, const QString &language);

    /// Reads the lesson's experiment (its first step). False with `*error` set when there is
    /// no such lesson.
    static bool loadExperiment(int number, ExperimentSpec *spec, QString *error = nullptr);

    /// True when `path` is a lesson's experiment inside the resources (not saveable there).
    static bool isLessonPath(const QString &path);
    /// The lesson number of a lesson experiment path, 0 otherwise.
    static int lessonForPath(const QString &path);
};

} // namespace reglab::ui
