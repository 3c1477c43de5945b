// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/kernels.h"

#include <cstdlib>
#include <string>

// The variants compiled into this build (core/CMakeLists.txt), each defining its variant().
#ifdef REGLAB_KERNELS_PORTABLE
namespace reglab::kernels::baseline {
const Table &variant();
}
namespace reglab::kernels::avx2 {
const Table &variant();
}
namespace reglab::kernels::avx512 {
const Table &variant();
}
#else
namespace reglab::kernels::native {
const Table &variant();
}
#endif

namespace reglab::kernels {

namespace {

#ifdef REGLAB_KERNELS_PORTABLE
/// x86-64-v3's vector features (what -march=x86-64-v3 lets the compiler use for floats).
bool hasAvx2() {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")
           && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2");
}

/// x86-64-v4's: AVX-512 F, BW, DQ and VL on top of x86-64-v3.
bool hasAvx512() {
    __builtin_cpu_init();
    return hasAvx2() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
           && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
}
#endif

const Table &choose() {
    const std::vector<const Table *> tables = supportedTables();
    if (const char *wanted = std::getenv("REGLAB_KERNELS")) {
        for (const Table *t : tables) {
            if (t->isa == wanted)
                return *t;
        }
    }
    return *tables.back();
}

} // namespace

std::vector<const Table *> supportedTables() {
#ifdef REGLAB_KERNELS_PORTABLE
    std::vector<const Table *> tables{&baseline::variant()};
    if (hasAvx2())
        tables.push_back(&avx2::variant());
    if (hasAvx512())
        tables.push_back(&avx512::variant());
    return tables;
#else
    return {&native::variant()};
#endif
}

const Table &table() {
    static const Table &chosen = choose();
    return chosen;
}

} // namespace reglab::kernels
