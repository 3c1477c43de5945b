// SPDX-License-Identifier: GPL-3.0-or-later
// One variant of the optimizer's update loops (kernels.h, optimizer_loops.h), compiled once
// per instruction set with -ffp-contract=off like optimizer.cpp.
#include "core/nn/optimizer_loops.h"

namespace reglab::kernels::REGLAB_KERNEL_NS {

void update(const UpdateArgs &args) {
    runUpdate(args);
}

} // namespace reglab::kernels::REGLAB_KERNEL_NS
