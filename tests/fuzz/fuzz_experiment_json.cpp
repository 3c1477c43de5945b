// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: parseJsonText + experimentFromJson, with the round trip of accepted
// experiments. The checks are in fuzz_harness.h (shared with the regression replay).
#include "fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    reglab::fuzz::runExperimentJson(data, size);
    return 0;
}
