// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file fit_spec.h
/// Fitting an experiment to the data it loaded, so that a trainer can be built for it: the
/// loss to the set's task and the output layer to the set's classes or targets.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"

namespace reglab {

/// `spec` adjusted so that a trainer can be built for `data`:
///   loss:  mean_squared_error for a regression set; for a classification set the loss
///          stays unless it is mean_squared_error, or sigmoid_cross_entropy with other than
///          2 classes, which become softmax_cross_entropy;
///   units: the last layer's units become data.outputDim(loss) (nothing when there are no
///          layers).
/// Everything else is kept.
ExperimentSpec fitSpecToData(ExperimentSpec spec, const Dataset &data);

} // namespace reglab
