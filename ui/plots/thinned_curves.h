// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The time plots' curves, bounded however long the run: a view adds each epoch here before
// appending its points, then thins its graphs. One ThinnedEpochs index (core) decides which
// epochs stay, so every curve covers the whole run at the same reduced resolution, keeping the
// first and newest epochs, the loss minima and early stopping's best epoch (run_history.h).

#include "core/experiment_spec.h"
#include "core/train/metrics.h"
#include "core/train/run_history.h"
#include "core/train/thinned_series.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

class QCPGraph;

namespace reglab::ui {

class ThinnedCurves {
    Q_DECLARE_TR_FUNCTIONS(reglab::ui::ThinnedCurves)
public:
    explicit ThinnedCurves(std::size_t capacity = reglab::kThinnedEpochs);

    /// A new run; its early stopping's best epoch will be kept.
    void reset(const std::optional<reglab::EarlyStoppingSpec> &earlyStopping);
    /// Takes epoch m.epoch; false when it is not newer than the newest (leave it out).
    bool add(const reglab::EpochMetrics &m);
    /// Drops from `graphs` the points of epochs no longer kept (after their points of the
    /// epochs added were appended). Does nothing while nothing was dropped.
    void thin(const std::vector<QCPGraph *> &graphs);
    /// The kept epoch nearest to `epoch` (-1 when there is none).
    int nearestEpoch(double epoch) const;
    /// 1 while every epoch is drawn, else the epochs between two kept ones.
    int stride() const { return m_index.stride(); }
    const std::vector<int> &epochs() const { return m_index.epochs(); }
    /// The read-out's line on a thinned view ("1 epoch in 8 drawn ..."); empty otherwise.
    QString note() const;

private:
    reglab::ThinnedEpochs m_index;
    reglab::EpochPins m_pins;
    bool m_dropped = false; ///< some epoch left the index since the last thin()
};

} // namespace reglab::ui
