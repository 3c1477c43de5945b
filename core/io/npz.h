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
    /// Read: the member's dtype as NumPy spells it ('<f4', '<f8', '|u1', '<i8', ...); the
    /// values in `data` are converted to float. Written arrays are always '<f4'.
    std::string dtype = "<f4";
};

/// Which dtypes readNpz() accepts.
enum class NpzValues {
    Float,    ///< little-endian float32 '<f4' and float64 '<f8' (weights)
    AnyNumber ///< also bool '|b1', int8..int64 ('|i1' '<i2' '<i4' '<i8') and uint8..uint64
              ///< ('|u1' '<u2' '<u4' '<u8'), converted to the nearest float (data sets)
};

/// Reads every array. Accepts the dtypes of `values` in C or Fortran order; anything else
/// (text '<U5', objects '|O', big-endian '>f4'), a shape that does not match the payload,
/// or a damaged archive is an InputError naming the file and the member.
std::vector<NpzArray> readNpz(const std::string &path, NpzValues values = NpzValues::Float);

/// Whether `dtype` (as NpzArray::dtype) holds whole numbers: bool or an integer type.
bool isIntegerDtype(const std::string &dtype);

/// Writes the arrays atomically (temp file + rename). Throws OutputError.
void writeNpz(const std::string &path, const std::vector<NpzArray> &arrays);

/// "[2, 3]": a shape as error messages write it.
std::string shapeText(const std::vector<std::size_t> &shape);

} // namespace reglab
