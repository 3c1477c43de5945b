// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: applyOverride ("KEY=VALUE" lines) on the built-in experiment, then
// experimentFromJson. The checks are in fuzz_harness.h (shared with the regression replay).
#include "fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    reglab::fuzz::runOverride(data, size);
    return 0;
}
