// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The resident memory of this process, for the soak test and the memory bench.

#include <fstream>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace reglab::test {

/// VmRSS of this process in MiB (Linux), or -1.
inline double residentMiB() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kib = 0;
            status >> kib;
            return kib / 1024.0;
        }
        status.ignore(1 << 12, '\n');
    }
    return -1;
}

/// residentMiB() after handing the allocator's free pages back to the system (glibc's
/// malloc_trim): what is still held, without the free lists' size, which depends on timing
/// and on what else the machine runs.
inline double trimmedResidentMiB() {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
    return residentMiB();
}

} // namespace reglab::test
