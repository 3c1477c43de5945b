// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Replaces the global operator new of the test program that includes this header (include
// it in exactly one file of a test executable) to record the largest single allocation:
// proves that a lying header does not make a parser allocate what it claims.

#include <atomic>
#include <cstdlib>
#include <new>

/// The largest allocation since the test last set it to 0.
inline std::atomic<std::size_t> g_largestAllocation{0};

void *operator new(std::size_t size) {
    std::size_t seen = g_largestAllocation.load(std::memory_order_relaxed);
    while (size > seen && !g_largestAllocation.compare_exchange_weak(seen, size)) {
    }
    if (void *p = std::malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
void operator delete(void *p) noexcept {
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
    std::free(p);
}
