// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/fit_spec.h"

namespace reglab {

ExperimentSpec fitSpecToData(ExperimentSpec spec, const Dataset &data) {
    if (data.task == TaskKind::Regression)
        spec.loss = LossKind::MeanSquaredError;
    else if (spec.loss == LossKind::MeanSquaredError
             || (spec.loss == LossKind::SigmoidCrossEntropy && data.numClasses != 2))
        spec.loss = LossKind::SoftmaxCrossEntropy;
    if (!spec.model.layers.empty())
        spec.model.layers.back().units = data.outputDim(spec.loss);
    return spec;
}

} // namespace reglab
