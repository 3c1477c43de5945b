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
/// The numbers of m's row after the epoch, in the header's order, appended to `out`.
void metricsCsvColumns(const EpochMetrics &m, std::vector<double> &out);
std::string metricsCsvRow(const EpochMetrics &m);
/// The row's columns follow the header of m.layers and m.hasValidation.
/// Header plus one row per entry of `history` with epoch >= 1 (epoch 0 is left out).
std::string metricsCsv(const std::vector<EpochMetrics> &history);

/// Every epoch's metrics.csv row, kept as exact numbers (8 bytes a column, 4 for the epoch:
/// 4 + 8 (6 + 4 L) bytes an epoch for L layers, 16 more with a validation split; 148 bytes
/// for the default network's 3 layers), so that csv() is byte for byte metricsCsv() of
/// every epoch added while the history beside it is thinned (run_history.h).
class MetricsLog {
public:
    /// Appends epoch m.epoch (newer than the last; an older one is ignored). The first
    /// report added sets the header (its layers and validation split); epoch 0 adds no row.
    /// Throws std::invalid_argument when a later row has another number of columns.
    void add(const EpochMetrics &m);
    void clear();
    /// Rows (epochs >= 1) kept.
    std::size_t rows() const { return m_epochs.size(); }
    /// The newest epoch added (-1: none).
    int lastEpoch() const { return m_started ? m_lastEpoch : -1; }
    /// metrics.csv: the header and every row (empty when nothing was added).
    std::string csv() const;
    /// The bytes held (by capacity).
    std::size_t bytes() const;

private:
    bool m_started = false;
    int m_lastEpoch = -1;
    std::string m_header;
    std::size_t m_columns = 0;
    std::vector<int> m_epochs;
    std::vector<double> m_values; ///< m_columns per row
};

} // namespace reglab
