// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file thinned_series.h
/// A per-epoch series of bounded size however long the run: the whole run at reduced
/// resolution. What the histories of the trainer and the GUI and every time plot keep.
///
/// Rule: with N the capacity and e the newest epoch, the stride s is the smallest power of
/// two with floor(e / s) + 1 <= N (thinnedStride()). Kept are the epochs that are multiples
/// of s, the first epoch added, the newest, and the pinned epochs (at most kMaxPins: e.g.
/// the minimum of the test loss, early stopping's best epoch). So at most N + 2 + kMaxPins
/// entries, the oldest and the newest always among them; from epoch 0 with every epoch
/// added, epochs 0..N-1 are all kept, after 0..2N-1 the even ones and 2N-1, after
/// 0..4N-1 the multiples of 4 and 4N-1. Capacity 0 keeps every epoch.

#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

namespace reglab {

/// The stride for newest epoch `newest` and capacity `capacity` (1 when capacity is 0).
int thinnedStride(int newest, std::size_t capacity);

template<class T>
class ThinnedSeries {
public:
    static constexpr std::size_t kMaxPins = 4;
    static constexpr int kNoPin = -1;

    explicit ThinnedSeries(std::size_t capacity = 0)
        : m_capacity(capacity) {
        m_pins.fill(kNoPin);
    }

    /// Adds epoch `epoch` (newer than the newest; an older one is ignored: false) and drops
    /// what the rule no longer keeps.
    bool add(int epoch, T value) {
        if (!m_epochs.empty() && epoch <= m_epochs.back())
            return false;
        // The previous newest may have been kept only for being the newest.
        if (!m_epochs.empty() && !keptBesidesNewest(m_epochs.back()))
            popBack();
        m_epochs.push_back(epoch);
        m_values.push_back(std::move(value));
        const int stride = thinnedStride(epoch, m_capacity);
        if (stride != m_stride) {
            m_stride = stride;
            compact();
        }
        return true;
    }

    /// Keeps epoch `epoch` whatever the stride (slot < kMaxPins; kNoPin frees the slot). An
    /// epoch no longer pinned is dropped when the rule does not keep it otherwise. Pin an
    /// epoch while it is still there (e.g. right after adding it): a dropped one stays gone.
    void setPin(std::size_t slot, int epoch) {
        if (slot >= kMaxPins || m_pins[slot] == epoch)
            return;
        const int old = m_pins[slot];
        m_pins[slot] = epoch;
        if (old != kNoPin && !m_epochs.empty() && old != m_epochs.back() && !keptBesidesNewest(old))
            erase(old);
    }
    int pin(std::size_t slot) const { return slot < kMaxPins ? m_pins[slot] : kNoPin; }

    /// Forgets everything but the capacity.
    void clear() {
        m_epochs.clear();
        m_values.clear();
        m_stride = 1;
        m_pins.fill(kNoPin);
    }

    std::size_t capacity() const { return m_capacity; }
    /// 1 while every epoch is kept, then 2, 4, ...
    int stride() const { return m_stride; }
    /// Some epochs were dropped (the stride is above 1).
    bool thinned() const { return m_stride > 1; }
    std::size_t size() const { return m_epochs.size(); }
    bool empty() const { return m_epochs.empty(); }
    /// The kept epochs, ascending, and their values.
    const std::vector<int> &epochs() const { return m_epochs; }
    const std::vector<T> &values() const { return m_values; }
    std::vector<T> &values() { return m_values; }
    const T &back() const { return m_values.back(); }
    T &back() { return m_values.back(); }
    /// The value of epoch `epoch`, or null when it is not kept.
    const T *find(int epoch) const {
        const auto it = std::lower_bound(m_epochs.begin(), m_epochs.end(), epoch);
        return it != m_epochs.end() && *it == epoch ? &m_values[std::size_t(it - m_epochs.begin())]
                                                    : nullptr;
    }
    T *find(int epoch) {
        return const_cast<T *>(static_cast<const ThinnedSeries *>(this)->find(epoch));
    }

private:
    bool pinned(int epoch) const {
        return std::find(m_pins.begin(), m_pins.end(), epoch) != m_pins.end();
    }
    /// Kept by the stride, as the first or pinned (the newest is kept in any case).
    bool keptBesidesNewest(int epoch) const {
        return epoch % m_stride == 0 || epoch == m_epochs.front() || pinned(epoch);
    }
    void popBack() {
        m_epochs.pop_back();
        m_values.pop_back();
    }
    void erase(int epoch) {
        const auto it = std::lower_bound(m_epochs.begin(), m_epochs.end(), epoch);
        if (it == m_epochs.end() || *it != epoch)
            return;
        const auto i = it - m_epochs.begin();
        m_epochs.erase(it);
        m_values.erase(m_values.begin() + i);
    }
    /// Drops every entry the rule does not keep (one pass, order kept).
    void compact() {
        std::size_t out = 0;
        const std::size_t last = m_epochs.size() - 1;
        for (std::size_t i = 0; i < m_epochs.size(); ++i) {
            if (i != last && !keptBesidesNewest(m_epochs[i]))
                continue;
            if (out != i) {
                m_epochs[out] = m_epochs[i];
                m_values[out] = std::move(m_values[i]);
            }
            ++out;
        }
        m_epochs.resize(out);
        m_values.erase(m_values.begin() + std::ptrdiff_t(out), m_values.end());
    }

    std::size_t m_capacity = 0;
    int m_stride = 1;
    std::array<int, kMaxPins> m_pins{};
    std::vector<int> m_epochs;
    std::vector<T> m_values;
};

/// An epoch index without values (the time plots keep their points in their graphs).
struct NoValue {};
using ThinnedEpochs = ThinnedSeries<NoValue>;

} // namespace reglab
