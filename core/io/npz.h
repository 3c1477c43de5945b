// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file npz.h
/// NumPy .npz archives of float32 arrays (read: stored or deflated members; write:
/// deflated), through libzip. Weights use the names `<layer>/kernel` ([in, out]) and
/// `<layer>/bias` ([out]).

#include "core/nn/network.h"

#include <cstddef>
#include <string>
#include <vector>

namespace reglab {

struct NpzArray {
    std::string name;               ///< without the ".npy" suffix
    std::vector<std::size_t> shape; ///< C order
    std::vector<float> data;        ///< row-major, product(shape) values
};

/// Reads every array. Accepts little-endian float32 ('<f4') and float64 ('<f8', converted)
/// in C or Fortran order; anything else, a shape that does not match the payload, or a
/// damaged archive is an InputError naming the file and the member.
std::vector<NpzArray> readNpz(const std::string &path);

/// Writes the arrays atomically (temp file + rename). Throws OutputError.
void writeNpz(const std::string &path, const std::vector<NpzArray> &arrays);

/// `<layer>/kernel` and `<layer>/bias` for every layer.
std::vector<NpzArray> weightsToArrays(const Network<float> &net);
/// Copies the arrays into `net`'s weights. Every layer's kernel and bias must be present
/// with the right shape; otherwise an InputError naming `file` and the array.
void arraysToWeights(const std::vector<NpzArray> &arrays, Network<float> &net,
                     const std::string &file);

void saveWeights(const Network<float> &net, const std::string &path);
void loadWeights(Network<float> &net, const std::string &path);

} // namespace reglab
