// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/thinned_curves.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

ThinnedCurves::ThinnedCurves(std::size_t capacity)
    : m_index(capacity) {}

void ThinnedCurves::reset(const std::optional<EarlyStoppingSpec> &earlyStopping) {
    m_index.clear();
    m_pins = EpochPins(earlyStopping);
    m_dropped = false;
}

bool ThinnedCurves::add(const EpochMetrics &m) {
    const std::size_t before = m_index.size();
    if (!m_index.add(m.epoch, {}))
        return false;
    m_pins.update(m, m_index);
    m_dropped = m_dropped || m_index.size() != before + 1;
    return true;
}

void ThinnedCurves::thin(const std::vector<QCPGraph *> &graphs) {
    if (!m_dropped)
        return;
    m_dropped = false;
    const std::vector<int> &kept = m_index.epochs();
    for (QCPGraph *graph : graphs) {
        if (!graph)
            continue;
        const auto data = graph->data();
        QVector<QCPGraphData> points;
        points.reserve(data->size());
        // Both ascending: one merge pass.
        auto e = kept.begin();
        for (auto it = data->constBegin(); it != data->constEnd(); ++it) {
            const int epoch = int(std::lround(it->key));
            e = std::lower_bound(e, kept.end(), epoch);
            if (e != kept.end() && *e == epoch)
                points.push_back(*it);
        }
        if (points.size() != data->size())
            data->set(points, true);
    }
}

int ThinnedCurves::nearestEpoch(double epoch) const {
    const std::vector<int> &kept = m_index.epochs();
    if (kept.empty())
        return -1;
    const auto it = std::lower_bound(kept.begin(), kept.end(), epoch,
                                     [](int e, double x) { return double(e) < x; });
    if (it == kept.end())
        return kept.back();
    if (it == kept.begin())
        return *it;
    return epoch - double(*(it - 1)) <= double(*it) - epoch ? *(it - 1) : *it;
}

QString ThinnedCurves::note() const {
    if (!m_index.thinned())
        return {};
    return tr("1 epoch in %1 drawn (at most %2 points per curve); the loss minima are kept")
        .arg(m_index.stride())
        .arg(m_index.capacity());
}

} // namespace reglab::ui
