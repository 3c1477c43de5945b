// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file model_shapes.h
/// Every layer's output shape and weight count, for showing rather than for checking: what
/// ModelSpec::inferShapes() finds, reported instead of thrown (the network editor's blocks).

#include "core/experiment_spec.h"

#include <string>
#include <vector>

namespace reglab {

/// The weights (kernel and bias) of `layer` on an input of shape `in`:
/// dense (in + use_bias) * units, conv2d (kh kw c_in + use_bias) * filters, 0 for the layers
/// without weights.
long long parameterCount(const LayerSpec &layer, const TensorShape &in);

/// What inferShapes() finds, without throwing: every layer's output shape and weight count
/// up to (not including) the first layer that does not fit, and that layer's error.
struct ShapeReport {
    std::vector<TensorShape> shapes;
    std::vector<long long> parameters;
    int errorLayer = -1;    ///< index into ModelSpec::layers; -1: every layer fits
    std::string errorField; ///< e.g. "model.layers.3.kernel_size"
    std::string error;      ///< the message of the InputError
    bool ok() const { return errorLayer < 0; }
};

/// ModelSpec::inferShapes(input) as a report.
ShapeReport shapeReport(const ModelSpec &model, const TensorShape &input);

/// The shape the first layer of `model` sees for data of shape `data`: the image itself when
/// the model has spatial layers, else data.size() flat features (as the trainer reads it).
inline TensorShape modelInputShape(const ModelSpec &model, const TensorShape &data) {
    return model.hasSpatialLayers() ? data : TensorShape{1, 1, int(data.size()), false};
}

} // namespace reglab
