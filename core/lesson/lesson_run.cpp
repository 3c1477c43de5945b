// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lesson/lesson_run.h"

#include "core/data/dataset.h"
#include "core/train/trainer.h"

#include <memory>

namespace reglab {

void setMajorityShares(LessonRun &run, const Dataset &data) {
    const bool classes = data.task == TaskKind::Classification;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    run.trainMajorityShare = classes ? majorityShare(data.trainY) : nan;
    run.testMajorityShare = classes ? majorityShare(data.testY) : nan;
    run.valMajorityShare = classes && data.hasValidation() ? majorityShare(data.valY) : nan;
}

LessonRun runLessonStep(const Lesson &lesson, std::size_t step, std::uint64_t seed, int threads,
                        int epochs, const std::string &baseDir) {
    ExperimentSpec spec = lesson.steps.at(step).experiment;
    if (seed != 0)
        spec.seed = seed;
    if (epochs > 0)
        spec.training.epochs = epochs;
    auto data = std::make_shared<const Dataset>(loadDataset(spec.dataset, spec.seed, baseDir));
    TrainerOptions options;
    options.threads = threads;
    Trainer trainer(spec, data, options);
    trainer.run();
    LessonRun run;
    run.epochs = trainer.history();
    for (EpochMetrics &m : run.epochs) { // the checks read numbers only
        for (LayerMetrics &layer : m.layers)
            layer.histogram = {};
    }
    if (spec.training.earlyStopping) {
        const EarlyStopInfo &info = trainer.earlyStopInfo();
        run.earlyStopping =
            LessonEarlyStopping{info.stoppedEpoch, info.bestEpoch, info.restoredEpoch};
    }
    setMajorityShares(run, *data);
    return run;
}

std::vector<LessonCheckResult> checkLesson(const Lesson &lesson, std::uint64_t seed, int threads,
                                           int epochs, const std::string &baseDir) {
    LessonRuns runs;
    for (std::size_t s = 0; s < lesson.steps.size(); ++s)
        runs[lesson.steps[s].id] = runLessonStep(lesson, s, seed, threads, epochs, baseDir);
    std::vector<LessonCheckResult> results;
    for (std::size_t s = 0; s < lesson.steps.size(); ++s) {
        const LessonStep &step = lesson.steps[s];
        for (std::size_t c = 0; c < step.checks.size(); ++c)
            results.push_back(
                {s, c, evaluateExpectation(step.checks[c].expectation, runs, step.id)});
    }
    return results;
}

} // namespace reglab
