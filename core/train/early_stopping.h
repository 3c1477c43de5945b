// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file early_stopping.h
/// The decision of Keras's EarlyStopping callback (keras/src/callbacks/early_stopping.py
/// and monitor_callback.py, Keras 3), mode "auto" and no baseline, as a small pure class fed
/// one monitored value per epoch.
///
/// Keras counts epochs from 0; here epoch e (1-based) is Keras's epoch e - 1. After epoch e:
///   - epochs e <= start_from_epoch are not watched (nothing changes);
///   - wait += 1; the value v improves on the best b when b is unset, or
///       losses (min):      v + |min_delta| < b   (lower by more than |min_delta|)
///       accuracies (max):  v - |min_delta| > b   (higher by more than |min_delta|)
///     (a NaN never improves on a set best); an improvement sets best = v, best epoch = e,
///     wait = 0;
///   - otherwise training stops when wait >= patience and e > 1 (never after the first
///     epoch, Keras's `epoch > 0`).
/// With restore_best_weights the weights of the best epoch are kept (the first watched
/// epoch's when nothing improved) and put back when training ends, whether it stopped early
/// or ran every epoch (Keras 3's on_train_end restores in both cases).

#include "core/experiment_spec.h"
#include "core/train/metrics.h"

#include <optional>

namespace reglab {

class EarlyStopping {
public:
    explicit EarlyStopping(const EarlyStoppingSpec &spec);

    /// True for accuracies (higher is better), false for losses.
    static bool maximizes(const std::string &monitor);
    /// The monitored value in `m` (monitor one of earlyStoppingMonitors()).
    static double valueOf(const EpochMetrics &m, const std::string &monitor);

    struct Decision {
        bool improved = false; ///< this epoch is the new best: keep its weights
        bool stop = false;     ///< stop training after this epoch
    };
    /// Feeds epoch `epoch`'s (1-based) monitored value.
    Decision update(int epoch, double value);

    /// Forgets everything (a new run).
    void reset();

    const EarlyStoppingSpec &spec() const { return m_spec; }
    int wait() const { return m_wait; }
    std::optional<double> best() const { return m_best; }
    /// The epoch whose weights restore_best_weights keeps: the best epoch, or the first
    /// watched epoch while nothing improved (0 before the first watched epoch).
    int bestEpoch() const { return m_bestEpoch; }
    int stoppedEpoch() const { return m_stoppedEpoch; } ///< 0 while not stopped

private:
    EarlyStoppingSpec m_spec;
    bool m_maximize = false;
    double m_minDelta = 0.0; ///< |min_delta|
    int m_wait = 0;
    std::optional<double> m_best;
    int m_bestEpoch = 0;
    int m_stoppedEpoch = 0;
};

} // namespace reglab
