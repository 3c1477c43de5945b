// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file weights_io.h
/// A network's weights as named arrays and as `.npz` files (npz.h): `<layer>/kernel`
/// ([in, out] for a dense layer, [kh, kw, in, out] for a conv2d layer; row-major, which is
/// the out x in column-major kernel byte for byte) and `<layer>/bias` ([out]) for every
/// weight layer, as Keras names and lays them out.

#include "core/io/npz.h"
#include "core/nn/network.h"

#include <string>
#include <vector>

namespace reglab {

/// `<layer>/kernel` and `<layer>/bias` for every layer.
std::vector<NpzArray> weightsToArrays(const Network<float> &net);
/// Copies the arrays into `net`'s weights. Every layer's kernel and bias must be present
/// with the right shape; otherwise an InputError naming `file` and the array.
void arraysToWeights(const std::vector<NpzArray> &arrays, Network<float> &net,
                     const std::string &file);

/// writeNpz(path, weightsToArrays(net)).
void saveWeights(const Network<float> &net, const std::string &path);
/// arraysToWeights(readNpz(path), net, path).
void loadWeights(Network<float> &net, const std::string &path);

} // namespace reglab
