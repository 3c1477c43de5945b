// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Counts every heap allocation of the program that includes this header (include it in
// exactly one file of an executable): the global operator new family and the malloc family
// (Eigen and C libraries such as OpenBLAS allocate with malloc, the standard library with
// operator new), counted separately. Used by the benchmark and the fast-path tests to prove
// that a training step allocates nothing.
//
// Under AddressSanitizer or ThreadSanitizer the sanitizer owns malloc: nothing is replaced
// and kAllocationCounting is false (callers skip their checks).

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kAllocationCounting = false;
#else
inline constexpr bool kAllocationCounting = true;
#endif

/// Allocations seen while counting was on.
struct AllocationCount {
    long long operatorNew = 0;
    long long malloc = 0;
};

namespace allocation_counter_detail {
inline std::atomic<bool> counting{false};
inline std::atomic<long long> news{0};
inline std::atomic<long long> mallocs{0};
inline void countMalloc() {
    if (counting.load(std::memory_order_relaxed))
        mallocs.fetch_add(1, std::memory_order_relaxed);
}
} // namespace allocation_counter_detail

/// Runs body() and returns the allocations it made (on any thread).
template<typename Body>
AllocationCount countAllocations(Body &&body) {
    namespace d = allocation_counter_detail;
    d::news = 0;
    d::mallocs = 0;
    d::counting = true;
    body();
    d::counting = false;
    return {d::news.load(), d::mallocs.load()};
}

#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
extern "C" {
void *__libc_malloc(std::size_t size);
void *__libc_calloc(std::size_t count, std::size_t size);
void *__libc_realloc(void *ptr, std::size_t size);
void *__libc_memalign(std::size_t alignment, std::size_t size);

void *malloc(std::size_t size) {
    allocation_counter_detail::countMalloc();
    return __libc_malloc(size);
}
void *calloc(std::size_t count, std::size_t size) {
    allocation_counter_detail::countMalloc();
    return __libc_calloc(count, size);
}
void *realloc(void *ptr, std::size_t size) {
    allocation_counter_detail::countMalloc();
    return __libc_realloc(ptr, size);
}
void *aligned_alloc(std::size_t alignment, std::size_t size) {
    allocation_counter_detail::countMalloc();
    return __libc_memalign(alignment, size);
}
int posix_memalign(void **out, std::size_t alignment, std::size_t size) {
    allocation_counter_detail::countMalloc();
    *out = __libc_memalign(alignment, size);
    return *out ? 0 : ENOMEM;
}
}

namespace allocation_counter_detail {
inline void *countedNew(std::size_t size) {
    if (counting.load(std::memory_order_relaxed))
        news.fetch_add(1, std::memory_order_relaxed);
    if (void *p = __libc_malloc(size ? size : 1))
        return p;
    throw std::bad_alloc();
}
inline void *countedAlignedNew(std::size_t size, std::align_val_t al) {
    if (counting.load(std::memory_order_relaxed))
        news.fetch_add(1, std::memory_order_relaxed);
    const std::size_t alignment =
        std::size_t(al) > sizeof(void *) ? std::size_t(al) : sizeof(void *);
    if (void *p = __libc_memalign(alignment, size ? size : 1))
        return p;
    throw std::bad_alloc();
}
} // namespace allocation_counter_detail

void *operator new(std::size_t size) {
    return allocation_counter_detail::countedNew(size);
}
void *operator new[](std::size_t size) {
    return allocation_counter_detail::countedNew(size);
}
void *operator new(std::size_t size, std::align_val_t al) {
    return allocation_counter_detail::countedAlignedNew(size, al);
}
void *operator new[](std::size_t size, std::align_val_t al) {
    return allocation_counter_detail::countedAlignedNew(size, al);
}
void operator delete(void *p) noexcept {
    std::free(p);
}
void operator delete[](void *p) noexcept {
    std::free(p);
}
void operator delete(void *p, std::size_t) noexcept {
    std::free(p);
}
void operator delete[](void *p, std::size_t) noexcept {
    std::free(p);
}
void operator delete(void *p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void *p, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete(void *p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept {
    std::free(p);
}
#endif
