// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/metrics_csv.h"

#include "core/text.h"

#include <stdexcept>

namespace reglab {

std::string csvNumber(double v) {
    return exactDecimal(v);
}

std::string metricsCsvHeader(const std::vector<LayerMetrics> &layers, bool validation) {
    std::string h = "epoch,train_data_loss,test_data_loss,reg_loss,total_loss,train_accuracy,"
                    "test_accuracy";
    for (const auto &l : layers) {
        h += "," + l.name + ".l1_loss," + l.name + ".l2_loss," + l.name + ".sparsity," + l.name
             + ".kernel_l2_norm";
    }
    if (validation)
        h += ",val_data_loss,val_accuracy";
    return h;
}

void metricsCsvColumns(const EpochMetrics &m, std::vector<double> &out) {
    for (double v :
         {m.trainDataLoss, m.testDataLoss, m.regLoss, m.totalLoss, m.trainAccuracy, m.testAccuracy})
        out.push_back(v);
    for (const auto &l : m.layers) {
        for (double v : {l.l1Loss(), l.l2Loss(), l.sparsity, l.kernelL2Norm})
            out.push_back(v);
    }
    if (m.hasValidation) {
        out.push_back(m.valDataLoss);
        out.push_back(m.valAccuracy);
    }
}

namespace {

/// epoch, then each column as csvNumber() writes it.
std::string csvRow(int epoch, const double *columns, std::size_t count) {
    std::string r = std::to_string(epoch);
    for (std::size_t i = 0; i < count; ++i)
        r += "," + csvNumber(columns[i]);
    return r;
}

} // namespace

std::string metricsCsvRow(const EpochMetrics &m) {
    std::vector<double> columns;
    metricsCsvColumns(m, columns);
    return csvRow(m.epoch, columns.data(), columns.size());
}

void MetricsLog::add(const EpochMetrics &m) {
    if (m_started && m.epoch <= m_lastEpoch)
        return;
    std::vector<double> columns;
    metricsCsvColumns(m, columns);
    if (!m_started) {
        m_started = true;
        m_header = metricsCsvHeader(m.layers, m.hasValidation);
        m_columns = columns.size();
    } else if (columns.size() != m_columns) {
        throw std::invalid_argument("MetricsLog: epoch " + std::to_string(m.epoch) + " has "
                                    + std::to_string(columns.size()) + " columns, not "
                                    + std::to_string(m_columns));
    }
    m_lastEpoch = m.epoch;
    if (m.epoch < 1)
        return; // metrics.csv starts at epoch 1
    m_epochs.push_back(m.epoch);
    m_values.insert(m_values.end(), columns.begin(), columns.end());
}

void MetricsLog::clear() {
    *this = MetricsLog();
}

std::string MetricsLog::csv() const {
    if (!m_started)
        return {};
    std::string out = m_header + "\n";
    for (std::size_t i = 0; i < m_epochs.size(); ++i)
        out += csvRow(m_epochs[i], m_values.data() + i * m_columns, m_columns) + "\n";
    return out;
}

std::size_t MetricsLog::bytes() const {
    return m_epochs.capacity() * sizeof(int) + m_values.capacity() * sizeof(double)
           + m_header.capacity();
}

std::string metricsCsv(const std::vector<EpochMetrics> &history) {
    if (history.empty())
        return {};
    std::string out =
        metricsCsvHeader(history.front().layers, history.front().hasValidation) + "\n";
    for (const auto &m : history) {
        if (m.epoch >= 1)
            out += metricsCsvRow(m) + "\n";
    }
    return out;
}

} // namespace reglab
