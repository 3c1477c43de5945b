// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file random.h
/// Seeded random numbers that are the same on every platform: mt19937_64 (whose output
/// the standard fixes) with distributions written here (the standard's are not portable).

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace reglab {

class Random {
public:
    explicit Random(std::uint64_t seed)
        : m_engine(seed) {}

    /// A seed for an independent stream: splitmix64 of (seed, stream). The trainer uses
    /// stream 1 for initialization, 2 for the train/test split, 3 for batch order.
    static std::uint64_t derive(std::uint64_t seed, std::uint64_t stream) {
        std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    std::uint64_t next() { return m_engine(); }

    /// Uniform in [0, 1) with 53 random bits.
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

    /// Standard normal (Box-Muller; the second value is cached).
    double normal() {
        if (m_hasSpare) {
            m_hasSpare = false;
            return m_spare;
        }
        double u1 = 0.0;
        do {
            u1 = uniform();
        } while (u1 <= 0.0);
        const double u2 = uniform();
        const double r = std::sqrt(-2.0 * std::log(u1));
        m_spare = r * std::sin(2.0 * M_PI * u2);
        m_hasSpare = true;
        return r * std::cos(2.0 * M_PI * u2);
    }

    /// Uniform integer in [0, n), without modulo bias.
    std::uint64_t below(std::uint64_t n) {
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
        std::uint64_t x = 0;
        do {
            x = m_engine();
        } while (x >= limit);
        return x % n;
    }

    /// Fisher-Yates shuffle.
    template<typename T>
    void shuffle(std::vector<T> &v) {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

} // namespace reglab
