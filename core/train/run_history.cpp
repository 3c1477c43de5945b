// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/run_history.h"

#include <cmath>

namespace reglab {

EpochPins::EpochPins(const std::optional<EarlyStoppingSpec> &earlyStopping) {
    if (earlyStopping)
        m_early.emplace(*earlyStopping);
}

void EpochPins::reset() {
    m_hasTestMin = false;
    m_hasValMin = false;
    if (m_early)
        m_early->reset();
}

std::vector<EpochPins::Slot> EpochPins::newBest(const EpochMetrics &m) {
    std::vector<Slot> slots;
    // A new minimum only when strictly lower: the first epoch keeps a tie. NaN never is one.
    const auto minimum = [&](double v, double &min, bool &has, Slot slot) {
        if (!std::isnan(v) && (!has || v < min)) {
            min = v;
            has = true;
            slots.push_back(slot);
        }
    };
    minimum(m.testDataLoss, m_testMin, m_hasTestMin, kTestLossMin);
    if (m.hasValidation)
        minimum(m.valDataLoss, m_valMin, m_hasValMin, kValLossMin);
    if (m_early && m.epoch >= 1) {
        m_early->update(m.epoch, EarlyStopping::valueOf(m, m_early->spec().monitor));
        if (m_early->bestEpoch() == m.epoch)
            slots.push_back(kEarlyStoppingBest);
    }
    return slots;
}

RunHistory::RunHistory(std::size_t capacity, const std::optional<EarlyStoppingSpec> &earlyStopping)
    : m_series(capacity)
    , m_pins(earlyStopping) {}

void RunHistory::clear() {
    m_series.clear();
    m_pins.reset();
}

void RunHistory::add(EpochMetrics m) {
    if (!m_series.empty() && m.epoch <= m_series.back().epoch)
        return;
    if (!m_series.empty())
        stripForHistory(m_series.back());
    const int epoch = m.epoch;
    m_series.add(epoch, std::move(m));
    m_pins.update(m_series.back(), m_series);
}

std::size_t RunHistory::bytes() const {
    return historyBytes(m_series.values()) + m_series.epochs().capacity() * sizeof(int);
}

} // namespace reglab
