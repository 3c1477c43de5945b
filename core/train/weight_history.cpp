// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/weight_history.h"

#include <algorithm>

namespace reglab {

int WeightHistory::strideFor(int lastEpoch) {
    int stride = 1;
    while (lastEpoch / stride + 1 > kMaxStoredEpochs)
        stride *= 2;
    return stride;
}

std::size_t WeightHistory::bytes() const {
    std::size_t n = m_epochs.capacity() * sizeof(EpochMetrics);
    const auto counts = [](const Histogram &h) {
        return h.counts.capacity() * sizeof(std::uint64_t);
    };
    for (const EpochMetrics &e : m_epochs) {
        n += e.layers.capacity() * sizeof(LayerMetrics);
        for (const LayerMetrics &l : e.layers) {
            n += l.name.capacity() + counts(l.histogram);
            if (l.details) {
                n += sizeof(WeightDetails) + counts(l.details->robustHistogram)
                     + counts(l.details->bias.histogram) + counts(l.details->bias.robust);
            }
        }
    }
    return n;
}

void WeightHistory::add(const EpochMetrics &m) {
    if (!m_epochs.empty() && m.epoch <= m_epochs.back().epoch)
        return;
    // The previous latest epoch was kept only for being the latest.
    if (!m_epochs.empty() && m_epochs.back().epoch % m_stride != 0)
        m_epochs.pop_back();
    m_epochs.push_back(m);
    const int stride = strideFor(m.epoch);
    if (stride != m_stride) {
        m_stride = stride;
        const auto dropped =
            std::remove_if(m_epochs.begin(), m_epochs.end() - 1,
                           [&](const EpochMetrics &e) { return e.epoch % m_stride != 0; });
        m_epochs.erase(dropped, m_epochs.end() - 1);
    }
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
