// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file dropout.h
/// Inverted dropout masks (Keras's and PyTorch's): while training, value u of sample j is
/// kept with probability 1 - rate and then scaled by 1 / (1 - rate), so its expectation is
/// unchanged; at evaluation dropout is the identity.
///
/// The masks are counter-based: whether value (unit u, batch column j) of dense layer l's
/// input is kept in optimizer step s depends on (seed, s, l, j, u) only, through
///   key  = derive(derive(derive(derive(seed, 4), s), l), j)        (Random::derive)
///   keep = uniform(derive(key, u)) >= rate,  uniform(h) = (h >> 11) 2^-53 in [0, 1)
/// So a mask does not depend on how a batch is cut over threads, and it comes from a stream
/// of its own (4): variants that differ only in regularization or dropout share initial
/// weights and batch order.
///
/// spatial_dropout2d (whole channels): the input is an image stored (row, column, channel),
/// u = p c + ch for position p and channel ch of c channels; the draw is made once per
/// channel, keep = uniform(derive(key, ch)) >= rate, and repeated at every position p.

#include "core/random.h"
#include "core/types.h"

#include <cstdint>

namespace reglab {

/// The key of optimizer step `step` (1-based, counting every step of the run) under the
/// experiment's seed.
inline std::uint64_t dropoutStepKey(std::uint64_t seed, long long step) {
    return Random::derive(Random::derive(seed, 4), std::uint64_t(step));
}

/// Columns [col0, col0 + cols) of weight layer `layer`'s input mask in the step `stepKey`:
/// mask[u + (j - col0) units] = 1 / (1 - rate) when kept, else 0 (units x cols, column-major).
/// `channels` > 0 (spatial_dropout2d): one draw per channel, units = positions x channels.
template<typename Scalar>
void fillDropoutMask(Scalar *mask, Index units, Index col0, Index cols, double rate,
                     std::uint64_t stepKey, std::size_t layer, int channels = 0) {
    const Scalar scale = Scalar(1.0 / (1.0 - rate));
    const std::uint64_t layerKey = Random::derive(stepKey, layer);
    const Index draws = channels > 0 ? Index(channels) : units;
    for (Index j = 0; j < cols; ++j) {
        const std::uint64_t key = Random::derive(layerKey, std::uint64_t(col0 + j));
        Scalar *m = mask + j * units;
        for (Index u = 0; u < draws; ++u) {
            const double uniform = double(Random::derive(key, std::uint64_t(u)) >> 11) * 0x1.0p-53;
            m[u] = uniform >= rate ? scale : Scalar(0);
        }
        // spatial_dropout2d: position p's channels repeat position 0's.
        for (Index u = draws; u < units; ++u)
            m[u] = m[u % draws];
    }
}

} // namespace reglab
