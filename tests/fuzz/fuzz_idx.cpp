// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: parseIdx on raw and gzip'ed IDX bytes.
// The checks are in fuzz_harness.h (shared with the regression replay).
#include "fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    reglab::fuzz::runIdx(data, size);
    return 0;
}
