// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/history_csv.h"

#include "core/io/metrics_csv.h"
#include "core/text.h"

#include <stdexcept>

namespace reglab {

std::string historyCsvHeader(int bins) {
    std::string header = "epoch,layer,kernel_l1_loss,kernel_l2_loss,bias_l1_loss,bias_l2_loss,"
                         "sparsity,kernel_l2_norm,hist_min,hist_max";
    for (int b = 1; b <= bins; ++b)
        header += ",bin_" + std::to_string(b);
    return header;
}

std::string historyCsv(const std::vector<EpochMetrics> &epochs, int bins) {
    std::string out = historyCsvHeader(bins) + "\n";
    for (const EpochMetrics &m : epochs) {
        for (const LayerMetrics &l : m.layers) {
            if (l.histogram.counts.size() != std::size_t(bins))
                throw std::invalid_argument("historyCsv: a histogram without the bins asked for");
            out += std::to_string(m.epoch) + ',' + csvField(l.name);
            for (double v : {l.kernelL1Loss, l.kernelL2Loss, l.biasL1Loss, l.biasL2Loss, l.sparsity,
                             l.kernelL2Norm, l.histogram.min, l.histogram.max})
                out += ',' + csvNumber(v);
            for (std::uint64_t c : l.histogram.counts)
                out += ',' + std::to_string(c);
            out += '\n';
        }
    }
    return out;
}

} // namespace reglab
