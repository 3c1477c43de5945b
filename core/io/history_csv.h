// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file history_csv.h
/// history.csv: a run's weight history (weight_history.h), one row per kept epoch and layer,
/// epochs in order and, within an epoch, the layers in the experiment's order. Columns:
///   epoch,layer,kernel_l1_loss,kernel_l2_loss,bias_l1_loss,bias_l2_loss,sparsity,
///   kernel_l2_norm,hist_min,hist_max,bin_1,...,bin_B
/// with B = training.histogram_bins: the kernel's histogram over [hist_min, hist_max] in B
/// equal bins (the last one closed), as counts. Layer names are CSV fields (csvField()).
/// Documented in docs/run-folder.md; read back by run_folder.h's readRunFolder().

#include "core/train/metrics.h"

#include <string>
#include <vector>

namespace reglab {

/// The header row (without the line break) for `bins` histogram bins.
std::string historyCsvHeader(int bins);
/// Header plus one row per epoch and layer of `epochs`, every line ending in '\n'. Every
/// layer's histogram must have `bins` counts.
std::string historyCsv(const std::vector<EpochMetrics> &epochs, int bins);

} // namespace reglab
