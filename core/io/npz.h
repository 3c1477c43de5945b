// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file npz.h
/// NumPy .npz archives of float32 arrays (read: stored or deflated members; write:
/// deflated), through libzip. The file format only: what the arrays mean is the caller's
/// business (network weights: weights_io.h).

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

/// "[2, 3]": a shape as error messages write it.
std::string shapeText(const std::vector<std::size_t> &shape);

} // namespace reglab
