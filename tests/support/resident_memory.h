// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The resident memory of this process, for the soak test and the memory bench.

#include <fstream>
#include <string>

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

} // namespace reglab::test
