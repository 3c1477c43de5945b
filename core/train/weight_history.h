// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file weight_history.h
/// A run's per-layer weight statistics and kernel histograms over its epochs, kept for a
/// bounded number of epochs however long the run: what a run folder's history.csv stores so
/// that a finished run's plots can be drawn again (docs/run-folder.md).
///
/// Thinning (thinned_series.h with capacity kMaxStoredEpochs, no pins): with N the latest
/// epoch, the epochs kept are 0, s, 2 s, ... (every multiple of s up to N) and N itself,
/// where the stride s is the smallest power of two for which floor(N / s) + 1 <=
/// kMaxStoredEpochs. So at most kMaxStoredEpochs + 1 epochs are kept, evenly spaced, and
/// the first and the last are always among them.

#include "core/train/metrics.h"
#include "core/train/thinned_series.h"
#include "core/train/trainer.h"

#include <vector>

namespace reglab {

/// At most this many evenly spaced epochs are kept (plus the latest).
inline constexpr int kMaxStoredEpochs = 100;

class WeightHistory {
public:
    /// Adds epoch `m` (epochs in increasing order; one that is not newer than the latest is
    /// ignored) and drops the epochs the thinning no longer keeps.
    void add(const EpochMetrics &m);
    /// The kept epochs in order: epoch, per-layer statistics and histograms (the other
    /// fields as reported).
    const std::vector<EpochMetrics> &epochs() const { return m_epochs.values(); }
    /// The stride s for a run whose latest epoch is `lastEpoch` (see the file comment).
    static int strideFor(int lastEpoch);
    /// The bytes the kept epochs hold (their structs, details, layer names and histogram
    /// counts, by capacity): at most kMaxStoredEpochs + 1 epochs of L layers with four
    /// histograms (kernel and bias, full and robust) of B bins, so about 101 L (32 B + 1000)
    /// bytes.
    std::size_t bytes() const;

private:
    ThinnedSeries<EpochMetrics> m_epochs{kMaxStoredEpochs};
};

/// An observer that records every reported epoch into a WeightHistory and passes every
/// report on to `next` (may be null).
class WeightHistoryRecorder : public TrainingObserver {
public:
    explicit WeightHistoryRecorder(TrainingObserver *next = nullptr)
        : m_next(next) {}
    void epochReported(const EpochMetrics &m) override;
    void stepReported(const StepMetrics &m) override;
    const WeightHistory &history() const { return m_history; }
    WeightHistory &history() { return m_history; }

private:
    TrainingObserver *m_next;
    WeightHistory m_history;
};

} // namespace reglab
