// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file lesson_run.h
/// A lesson step trained headless (reglab-cli lesson, the tests): the step's experiment
/// under a seed, its run as the checks see it, and every check's verdict.

#include "core/lesson/lesson.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

struct Dataset;

/// Sets `run`'s majority-class shares from `data`'s splits (NaN for regression).
void setMajorityShares(LessonRun &run, const Dataset &data);

/// Trains step `step` of `lesson` with seed `seed` (the experiment's own seed when 0) on
/// `threads` threads, for `epochs` epochs (the step's own when 0), and returns its run.
/// Data files are looked up relative to `baseDir`. Throws InputError when the data or the
/// network cannot be built.
LessonRun runLessonStep(const Lesson &lesson, std::size_t step, std::uint64_t seed, int threads,
                        int epochs = 0, const std::string &baseDir = {});

/// One check's verdict on one seed.
struct LessonCheckResult {
    std::size_t step = 0;
    std::size_t check = 0;
    CheckOutcome outcome;
};

/// Trains every step of `lesson` in order with `seed` and evaluates every check (a check
/// may read an earlier or a later step's run: all runs are done first).
std::vector<LessonCheckResult> checkLesson(const Lesson &lesson, std::uint64_t seed, int threads,
                                           int epochs = 0, const std::string &baseDir = {});

} // namespace reglab
