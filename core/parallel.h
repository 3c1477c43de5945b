// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file parallel.h
/// OpenMP spelled so the engine also builds without it (REGLAB_USE_OPENMP=OFF): then every
/// region runs on one thread and the pragmas vanish.

#ifdef REGLAB_HAVE_OPENMP
#include <omp.h>
#define REGLAB_OMP(directive) _Pragma(#directive)
#else
#define REGLAB_OMP(directive)
#endif

namespace reglab {

/// Runs body(thread, threads) once on each of `threads` threads (one OpenMP parallel
/// region), or directly on the calling thread when threads <= 1. The body may use
/// REGLAB_OMP(omp barrier).
template<typename Body>
void parallelRegion([[maybe_unused]] int threads, Body &&body) {
#ifdef REGLAB_HAVE_OPENMP
    if (threads > 1) {
        REGLAB_OMP(omp parallel num_threads(threads))
        body(omp_get_thread_num(), omp_get_num_threads());
        return;
    }
#endif
    body(0, 1);
}

/// Threads an OpenMP region would get by default (1 without OpenMP).
inline int defaultThreadCount() {
#ifdef REGLAB_HAVE_OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

} // namespace reglab
