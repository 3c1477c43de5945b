// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file metrics_csv.h
/// metrics.csv: one row per epoch (epochs 1..N). First columns exactly
/// epoch,train_data_loss,test_data_loss,reg_loss,total_loss,train_accuracy,test_accuracy
/// then per layer <layer>.l1_loss,<layer>.l2_loss,<layer>.sparsity,<layer>.kernel_l2_norm,
/// then, only with a validation split, val_data_loss,val_accuracy.
/// For regression the accuracy columns hold R^2.

#include "core/train/metrics.h"

#include <string>
#include <vector>

namespace reglab {

/// Shortest decimal text that reads back as exactly `v` (up to 17 significant digits).
std::string csvNumber(double v);

std::string metricsCsvHeader(const std::vector<LayerMetrics> &layers, bool validation = false);
std::string metricsCsvRow(const EpochMetrics &m);
/// The row's columns follow the header of m.layers and m.hasValidation.
/// Header plus one row per entry of `history` with epoch >= 1 (epoch 0 is left out).
std::string metricsCsv(const std::vector<EpochMetrics> &history);

} // namespace reglab
