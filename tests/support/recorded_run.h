// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run trained as reglab-cli train trains it: its metrics history, final weights and weight
// history (core/train/weight_history.h), ready for writeRunFolder().

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/io/weights_io.h"
#include "core/train/trainer.h"
#include "core/train/weight_history.h"

#include <memory>
#include <vector>

namespace reglab::test {

struct RecordedRun {
    ExperimentSpec spec;
    std::vector<EpochMetrics> history;
    std::vector<NpzArray> weights;
    std::vector<EpochMetrics> weightHistory; ///< every kept epoch, with histograms
};

/// Trains `spec` on one thread on its own data, recording the weight history from epoch 0.
inline RecordedRun trainRecorded(const ExperimentSpec &spec) {
    auto data = std::make_shared<const Dataset>(loadDataset(spec.dataset, spec.seed));
    Trainer trainer(spec, data, TrainerOptions{1});
    WeightHistoryRecorder recorder;
    recorder.history().add(trainer.history().front());
    trainer.setObserver(&recorder);
    trainer.run();
    trainer.setObserver(nullptr);
    return {spec, trainer.history(), weightsToArrays(trainer.network()),
            recorder.history().epochs()};
}

} // namespace reglab::test
