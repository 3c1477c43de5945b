// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file lesson.h
/// A lesson folder: `lesson.json` (title, summary, steps with the checks their runs should
/// pass, the controls it locks), the experiment file it names, and its text as HTML per
/// language (`en.html` required, others optional), whose placeholders quote the student's
/// own run. One reader for the built-in lessons (Qt resources, read by the UI) and for
/// folders on disk. Format for teachers: docs/lessons.md.

#include "core/experiment_spec.h"
#include "core/lesson/expectation.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace reglab {

/// Text in several languages ("en" always there).
struct LocalizedText {
    std::map<std::string, std::string> byLanguage;
    /// The text in `language`, English when there is none.
    const std::string &in(const std::string &language) const;
};

/// A claim of a step and how to check it.
struct LessonCheck {
    LocalizedText claim;
    Expectation expectation;
};

/// One experiment of a lesson: the lesson's experiment with `set` applied (the first step
/// usually sets nothing), and what its run should show.
struct LessonStep {
    std::string id; ///< [a-z0-9_-]+, unique in the lesson; "metric@id" reads this step's run
    LocalizedText title;
    /// "KEY=VALUE" overrides in the order of the file (core/io/overrides.h), VALUE as JSON.
    std::vector<std::string> set;
    ExperimentSpec experiment; ///< the lesson's experiment with `set` applied, validated
    std::vector<LessonCheck> checks;
};

/// Controls a lesson can lock (the GUI shows them disabled, saying the lesson locks them).
enum class LessonLock {
    Dataset,      ///< "dataset": the data set panel
    Model,        ///< "model": layers, units, activations, initializers
    Regularizers, ///< "regularizers": every layer's L1/L2 and the live λ
    L2Convention, ///< "l2_convention"
    Optimizer,    ///< "optimizer": optimizer and learning rate
    Training,     ///< "training": batch size and epochs
    Seed,         ///< "seed"
};
/// The file spelling of each lock, in enum order.
inline constexpr const char *kLessonLockNames[] = {
    "dataset", "model", "regularizers", "l2_convention", "optimizer", "training", "seed"};

struct Lesson {
    std::string folder; ///< as given to the reader, for messages
    LocalizedText title;
    LocalizedText summary;
    std::string experimentFile; ///< the experiment's file name inside the folder
    LocalizedText html;         ///< the text, placeholders unfilled
    std::vector<LessonLock> locks;
    std::vector<LessonStep> steps; ///< at least one

    bool isLocked(LessonLock lock) const;
    /// The index of step `id`, -1 when there is none.
    int stepIndex(const std::string &id) const;
};

/// Reads a file of the lesson folder by name ("lesson.json", "en.html"); nullopt when it
/// does not exist.
using LessonFileReader = std::function<std::optional<std::string>(const std::string &name)>;

/// Reads and validates a lesson. `folder` names it in messages ("<folder>/lesson.json").
/// Throws InputError naming the file and the field for anything wrong: unknown keys, a
/// missing English text, an experiment that does not validate (in any step), a check
/// naming a metric, layer or step that is not there, a placeholder that cannot be filled.
Lesson readLesson(const std::string &folder, const LessonFileReader &read);
/// readLesson() on a folder on disk.
Lesson loadLessonFolder(const std::string &folder);

/// A placeholder of a lesson's text: {{FUNCTION:METRIC[@STEP][|%]}}, FUNCTION one of end,
/// min, max (the value), argmin, argmax (the epoch where it is first reached); "|%" shows
/// a value as a percentage. Without "@STEP" it reads the lesson's first step.
struct LessonPlaceholder {
    enum class Function { End, Min, Max, ArgMin, ArgMax };
    Function function = Function::End;
    MetricRef metric;
    bool percent = false;
};

/// Fills every placeholder of `html` from `runs` (steps without a run yet, or metrics it does
/// not have, give `missing`); `firstStep` is the step a placeholder without "@STEP" reads.
/// Placeholders are not validated here (readLesson() did); a malformed one stays as it is.
std::string fillLessonText(const std::string &html, const LessonRuns &runs,
                           const std::string &firstStep, const std::string &missing);

/// The placeholders of `html`, validated against `layers` and the lesson's `steps`; throws
/// InputError(file, "{{...}}", why) for the first bad one.
std::vector<LessonPlaceholder> parseLessonPlaceholders(const std::string &html,
                                                       const std::vector<std::string> &layers,
                                                       const std::vector<std::string> &steps,
                                                       const std::string &file);

} // namespace reglab
