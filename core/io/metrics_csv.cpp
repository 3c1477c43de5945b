// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/metrics_csv.h"

#include "core/text.h"

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

std::string metricsCsvRow(const EpochMetrics &m) {
    std::string r = std::to_string(m.epoch);
    for (double v :
         {m.trainDataLoss, m.testDataLoss, m.regLoss, m.totalLoss, m.trainAccuracy, m.testAccuracy})
        r += "," + csvNumber(v);
    for (const auto &l : m.layers) {
        for (double v : {l.l1Loss(), l.l2Loss(), l.sparsity, l.kernelL2Norm})
            r += "," + csvNumber(v);
    }
    if (m.hasValidation)
        r += "," + csvNumber(m.valDataLoss) + "," + csvNumber(m.valAccuracy);
    return r;
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
