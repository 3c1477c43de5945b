// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/thinned_series.h"

namespace reglab {

int thinnedStride(int newest, std::size_t capacity) {
    if (capacity == 0 || newest < 0)
        return 1;
    // The smallest power of two s with floor(newest / s) + 1 <= capacity (at most 2^30, which
    // exceeds every int epoch: floor(newest / 2^30) + 1 <= 2).
    int stride = 1;
    while (stride < (1 << 30) && std::size_t(newest / stride) + 1 > capacity)
        stride *= 2;
    return stride;
}

} // namespace reglab
