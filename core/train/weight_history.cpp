// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/weight_history.h"

namespace reglab {

int WeightHistory::strideFor(int lastEpoch) {
    return thinnedStride(lastEpoch, kMaxStoredEpochs);
}

std::size_t WeightHistory::bytes() const {
    return historyBytes(m_epochs.values());
}

void WeightHistory::add(const EpochMetrics &m) {
    m_epochs.add(m.epoch, m);
}

void WeightHistoryRecorder::epochReported(const EpochMetrics &m) {
    m_history.add(m);
    if (m_next)
        m_next->epochReported(m);
}

void WeightHistoryRecorder::stepReported(const StepMetrics &m) {
    if (m_next)
        m_next->stepReported(m);
}

} // namespace reglab
