// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/early_stopping.h"

#include <cmath>
#include <stdexcept>

namespace reglab {

EarlyStopping::EarlyStopping(const EarlyStoppingSpec &spec)
    : m_spec(spec)
    , m_maximize(maximizes(spec.monitor))
    , m_minDelta(std::abs(spec.minDelta)) {}

bool EarlyStopping::maximizes(const std::string &monitor) {
    return monitor.ends_with("_accuracy");
}

double EarlyStopping::valueOf(const EpochMetrics &m, const std::string &monitor) {
    if (monitor == "val_data_loss")
        return m.valDataLoss;
    if (monitor == "val_accuracy")
        return m.valAccuracy;
    if (monitor == "test_data_loss")
        return m.testDataLoss;
    if (monitor == "test_accuracy")
        return m.testAccuracy;
    if (monitor == "train_data_loss")
        return m.trainDataLoss;
    if (monitor == "train_accuracy")
        return m.trainAccuracy;
    if (monitor == "total_loss")
        return m.totalLoss;
    throw std::logic_error("EarlyStopping: unknown monitor " + monitor); // validate() refuses it
}

void EarlyStopping::reset() {
    m_wait = 0;
    m_best.reset();
    m_bestEpoch = 0;
    m_stoppedEpoch = 0;
}

EarlyStopping::Decision EarlyStopping::update(int epoch, double value) {
    Decision d;
    if (epoch <= m_spec.startFromEpoch) // Keras: epoch - 1 < start_from_epoch
        return d;
    if (m_bestEpoch == 0) // nothing watched yet: these weights are the best so far
        m_bestEpoch = epoch;
    ++m_wait;
    // Keras: monitor_op(v - min_delta, best) with min_delta = -|delta| for "less", +|delta|
    // for "greater": min v + |delta| < best, max v - |delta| > best (beat it by more than
    // |delta|)
    const bool improved =
        !m_best || (m_maximize ? value - m_minDelta > *m_best : value + m_minDelta < *m_best);
    if (improved) {
        m_best = value;
        m_bestEpoch = epoch;
        m_wait = 0;
        d.improved = true;
        return d;
    }
    if (m_wait >= m_spec.patience && epoch > 1) {
        m_stoppedEpoch = epoch;
        d.stop = true;
    }
    return d;
}

} // namespace reglab
