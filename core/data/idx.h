// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file idx.h
/// IDX files (the MNIST format): a 4-byte magic 0x00 0x00 <type> <ndims>, ndims big-endian
/// uint32 dimensions, then the values in row-major order; raw or gzip'ed.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

/// Raw IDX content: dims from the header and the uint8 payload.
struct IdxData {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> values;
};

/// Parses an IDX file image (raw or gzip, detected by magic). Only unsigned-byte IDX
/// (type 0x08) is accepted. Never allocates more than the data really holds: a header that
/// claims more items than the payload has is an error. `name` is used in errors.
/// A header may claim at most 2^28 values; gzip data is inflated in 64 KiB steps and never
/// beyond header + payload + 1 byte, so neither a lying header nor a gzip bomb can make it
/// allocate more than is really there (and capped). Trailing data is an error too.
IdxData parseIdx(const std::uint8_t *data, std::size_t size, const std::string &name);
/// Reads and parses an IDX file (errors name `path`).
IdxData readIdxFile(const std::string &path);

} // namespace reglab
