// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file run_history.h
/// A run's per-epoch reports as the trainer and the GUI keep them: every epoch, or with a
/// capacity a ThinnedSeries (thinned_series.h) that covers the whole run at reduced
/// resolution. Histograms and weight details stay for epoch 0 and the newest epoch only,
/// unit flags for the newest (stripForHistory()). Always kept, whatever the stride: the
/// first and the newest epoch, the minimum of the test data loss, the minimum of the
/// validation data loss and early stopping's best epoch (a replica of the run's
/// EarlyStopping decides it from the reported values, so the pin is set while that epoch is
/// still the newest).
///
/// Memory: an entry is sizeof(EpochMetrics) + L sizeof(LayerMetrics), about 130 + 300 L
/// bytes (bytes() counts them), so at most (capacity + 5) of those.

#include "core/experiment_spec.h"
#include "core/train/early_stopping.h"
#include "core/train/metrics.h"
#include "core/train/thinned_series.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace reglab {

/// The epochs the GUI keeps of a run in its history and in each time plot (thinned beyond).
inline constexpr std::size_t kThinnedEpochs = 2000;

/// Which epochs of a run a thinned series always keeps (the pin slots): the minimum of the
/// test data loss, the minimum of the validation data loss (first epoch on ties) and early
/// stopping's best epoch, decided from the reports themselves (a replica of the run's
/// EarlyStopping), so each pin is set while its epoch is the series' newest.
class EpochPins {
public:
    enum Slot : std::size_t { kTestLossMin = 0, kValLossMin = 1, kEarlyStoppingBest = 2 };

    explicit EpochPins(const std::optional<EarlyStoppingSpec> &earlyStopping = {});
    /// Forgets the run (keeps the early stopping spec).
    void reset();
    /// `m` was just added to `series` as its newest epoch: pins it in every slot it is the
    /// new best of.
    template<class T>
    void update(const EpochMetrics &m, ThinnedSeries<T> &series) {
        for (Slot slot : newBest(m))
            series.setPin(slot, m.epoch);
    }

private:
    /// The slots `m` is the new best of (and remembers it).
    std::vector<Slot> newBest(const EpochMetrics &m);

    double m_testMin = 0.0;
    double m_valMin = 0.0;
    bool m_hasTestMin = false;
    bool m_hasValMin = false;
    std::optional<EarlyStopping> m_early;
};

class RunHistory {
public:
    /// `capacity` 0 keeps every epoch. `earlyStopping`: the run's, whose best epoch is pinned.
    explicit RunHistory(std::size_t capacity = 0,
                        const std::optional<EarlyStoppingSpec> &earlyStopping = {});

    /// Appends a report (epochs in increasing order; an older one is ignored).
    void add(EpochMetrics m);
    /// Forgets every epoch (a new run); keeps the capacity and the early stopping spec.
    void clear();

    /// The kept epochs, epoch 0 (or the first added) first.
    const std::vector<EpochMetrics> &epochs() const { return m_series.values(); }
    bool empty() const { return m_series.empty(); }
    const EpochMetrics &back() const { return m_series.back(); }
    /// 1 while every epoch is kept; beyond, one epoch in stride() is kept (plus the pins).
    int stride() const { return m_series.stride(); }
    bool thinned() const { return m_series.thinned(); }
    /// The epoch pinned in `slot` (ThinnedEpochs::kNoPin: none yet).
    int pinned(EpochPins::Slot slot) const { return m_series.pin(slot); }
    /// The bytes the kept epochs hold (structs, layer vectors, histogram counts and unit
    /// flags by capacity, details).
    std::size_t bytes() const;

private:
    ThinnedSeries<EpochMetrics> m_series;
    EpochPins m_pins;
};

} // namespace reglab
