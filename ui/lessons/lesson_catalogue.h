// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The built-in lessons for the classroom: for each, an experiment file and a short HTML
// explanation in English and Korean, embedded as resources under :/lessons
// (resources/lessons/lesson-<n>.reglab.json, lesson-<n>.en.html, lesson-<n>.ko.html).

#include "core/experiment_spec.h"

#include <QCoreApplication>
#include <QString>

namespace reglab::ui {

class LessonCatalogue {
    Q_DECLARE_TR_FUNCTIONS(reglab::ui::LessonCatalogue)
public:
    /// Lessons are numbered 1..count().
    static int count();
    static bool isValid(int number) { return number >= 1 && number <= count(); }

    /// The lesson's title and one-line summary in the UI language, e.g. "Overfitting, then L2".
    static QString title(int number);
    static QString summary(int number);
    /// "1. Overfitting, then L2" for menus and lists.
    static QString numberedTitle(int number);

    /// ":/lessons/lesson-<n>.reglab.json".
    static QString experimentPath(int number);
    /// ":/lessons/lesson-<n>.<language>.html"; English when there is no text in `language`.
    static QString htmlPath(int number, const QString &language);
    /// The explanation as HTML (empty for an unknown lesson).
    static QString html(int number, const QString &language);

    /// Reads and validates the lesson's experiment. False with `*error` set when it cannot
    /// be read or does not validate (never for the lessons that ship, see tst_lessons).
    static bool loadExperiment(int number, ExperimentSpec *spec, QString *error = nullptr);

    /// True when `path` is a lesson's experiment inside the resources (not saveable there).
    static bool isLessonPath(const QString &path);
    /// The lesson number of a lesson experiment path, 0 otherwise.
    static int lessonForPath(const QString &path);
};

} // namespace reglab::ui
