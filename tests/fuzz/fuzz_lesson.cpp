// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target: readLesson on a lesson folder whose lesson.json is the input (the
// experiment and texts it may name are fixed). The checks are in fuzz_harness.h (shared with
// the regression replay).
#include "fuzz_harness.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    reglab::fuzz::runLesson(data, size);
    return 0;
}
