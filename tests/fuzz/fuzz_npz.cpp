// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: readNpz on arbitrary bytes, then arraysToWeights into a small network.
// The checks are in fuzz_harness.h (shared with the regression replay).
#include "fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    reglab::fuzz::runNpz(data, size);
    return 0;
}
