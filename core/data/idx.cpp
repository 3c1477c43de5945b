// SPDX-License-Identifier: GPL-3.0-or-later
// IDX files (the MNIST format, http://yann.lecun.com/exdb/mnist/): a 4-byte magic
// 0x00 0x00 <type> <ndims>, ndims big-endian uint32 dimensions, then the values in
// row-major order. Only unsigned bytes (type 0x08) are accepted. The files may be gzip'ed.
#include "core/data/idx.h"

#include "core/error.h"
#include "core/file_util.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

namespace reglab {

namespace {

/// At most this many values in one IDX file: 2^28 bytes (1 GiB once converted to float).
/// fashion-mnist's train images hold 47,040,000.
constexpr std::uint64_t kMaxIdxValues = std::uint64_t(1) << 28;
/// The largest file readIdxFile reads (compressed or not).
constexpr std::size_t kMaxIdxFileBytes = std::size_t(kMaxIdxValues) + 1024;

constexpr std::uint8_t kTypeUnsignedByte = 0x08;

std::uint32_t readBigEndian32(const std::uint8_t *p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8)
           | std::uint32_t(p[3]);
}

std::string hexByte(std::uint8_t b) {
    static const char digits[] = "0123456789abcdef";
    return std::string("0x") + digits[b >> 4] + digits[b & 15];
}

/// What the header says: dims and the number of values that follow it.
struct IdxHeader {
    std::vector<std::uint32_t> dims;
    std::uint64_t values = 0;
    std::size_t headerBytes = 0;
};

/// Checks the 4-byte magic and returns ndims.
int checkMagic(const std::uint8_t *p, const std::string &name) {
    if (p[0] != 0 || p[1] != 0) {
        throw InputError(name, "header",
                         "not an IDX file (magic starts " + hexByte(p[0]) + " " + hexByte(p[1])
                             + ", expected 0x00 0x00)");
    }
    if (p[2] != kTypeUnsignedByte) {
        throw InputError(name, "header",
                         "element type " + hexByte(p[2])
                             + " is not supported (only unsigned byte, 0x08)");
    }
    const int ndims = p[3];
    if (ndims < 1 || ndims > 4)
        throw InputError(name, "header", "has " + std::to_string(ndims) + " dimensions (1 to 4)");
    return ndims;
}

/// Parses the dims (the caller has checked that 4 + 4 * ndims bytes are there).
/// The product is computed with an overflow check and capped at kMaxIdxValues.
IdxHeader parseHeader(const std::uint8_t *p, int ndims, const std::string &name) {
    IdxHeader h;
    h.headerBytes = 4 + 4 * std::size_t(ndims);
    std::uint64_t product = 1;
    bool tooMany = false;
    for (int i = 0; i < ndims; ++i) {
        const std::uint32_t d = readBigEndian32(p + 4 + 4 * i);
        h.dims.push_back(d);
        // Each factor is < 2^32 and the running product stays <= kMaxIdxValues (2^28) until
        // tooMany is set, so this multiplication cannot overflow 64 bits.
        if (!tooMany) {
            product *= d;
            tooMany = product > kMaxIdxValues;
        }
    }
    // A zero dimension makes the product 0 whatever the others say.
    for (std::uint32_t d : h.dims) {
        if (d == 0) {
            product = 0;
            tooMany = false;
        }
    }
    if (tooMany) {
        std::string shape;
        for (std::uint32_t d : h.dims)
            shape += (shape.empty() ? "" : " x ") + std::to_string(d);
        throw InputError(name, "header",
                         "claims " + shape + " values, more than the limit of "
                             + std::to_string(kMaxIdxValues));
    }
    h.values = product;
    return h;
}

IdxData parseRaw(const std::uint8_t *data, std::size_t size, const std::string &name) {
    if (size < 4)
        throw InputError(name, "header",
                         "file too short for an IDX header (" + std::to_string(size) + " bytes)");
    const int ndims = checkMagic(data, name);
    if (size < 4 + 4 * std::size_t(ndims)) {
        throw InputError(name, "header",
                         "truncated: " + std::to_string(ndims) + " dimensions need "
                             + std::to_string(4 + 4 * ndims) + " header bytes, file has "
                             + std::to_string(size));
    }
    const IdxHeader h = parseHeader(data, ndims, name);
    const std::uint64_t have = size - h.headerBytes;
    if (have < h.values) {
        throw InputError(name, "payload",
                         "truncated: header says " + std::to_string(h.values) + " values, file has "
                             + std::to_string(have));
    }
    if (have > h.values) {
        throw InputError(name, "payload",
                         "extra data: header says " + std::to_string(h.values)
                             + " values, file has " + std::to_string(have));
    }
    IdxData out;
    out.dims = h.dims;
    out.values.assign(data + h.headerBytes, data + size);
    return out;
}

/// Inflates a gzip'ed IDX file, but never more than its header says it needs plus one byte
/// (the byte that proves trailing data). Output grows in 64 KiB steps as it really arrives,
/// so neither a lying header nor a gzip bomb can make us allocate beyond what is real and
/// capped. The returned buffer is then parsed as a raw file (which reports too little or too
/// much data with the counts).
std::vector<std::uint8_t> inflateIdx(const std::uint8_t *data, std::size_t size,
                                     const std::string &name) {
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    // 15 + 16: a gzip wrapper is required (the caller found its magic).
    if (inflateInit2(&zs, 15 + 16) != Z_OK)
        throw InputError(name, "gzip", "cannot initialize zlib");
    struct Guard {
        z_stream *s;
        ~Guard() { inflateEnd(s); }
    } guard{&zs};

    zs.next_in = const_cast<Bytef *>(data);
    // Files are capped well below 4 GiB by readIdxFile; embedded data is small.
    zs.avail_in = uInt(std::min<std::size_t>(size, 0xffffffffu));

    std::vector<std::uint8_t> out;
    // Bytes we are willing to produce: the 4-byte magic first, then the whole header, then
    // header + payload. At the top of the loop out.size() <= cap always holds.
    std::uint64_t cap = 4;
    bool headerDone = false;
    std::array<std::uint8_t, 65536> chunk{};
    for (;;) {
        const std::uint64_t room = cap + 1 - out.size(); // +1: detects data beyond the cap
        const uInt want = uInt(std::min<std::uint64_t>(room, chunk.size()));
        zs.next_out = chunk.data();
        zs.avail_out = want;
        const int rc = inflate(&zs, Z_NO_FLUSH);
        const std::size_t produced = want - zs.avail_out;
        out.insert(out.end(), chunk.data(), chunk.data() + produced);
        if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT) {
            throw InputError(name, "gzip",
                             std::string("corrupt gzip data (") + (zs.msg ? zs.msg : "bad data")
                                 + ")");
        }
        if (rc == Z_MEM_ERROR)
            throw InputError(name, "gzip", "out of memory while inflating");
        if (!headerDone && out.size() >= 4) {
            const int ndims = checkMagic(out.data(), name);
            const std::size_t headerBytes = 4 + 4 * std::size_t(ndims);
            cap = headerBytes;
            if (out.size() >= headerBytes) {
                // Throws before anything big is allocated when the header claims too much.
                cap = headerBytes + parseHeader(out.data(), ndims, name).values;
                headerDone = true;
            }
        }
        if (headerDone && out.size() > cap)
            break; // trailing data: parseRaw reports it with the counts
        if (rc == Z_STREAM_END)
            break; // too little data is reported by parseRaw with the counts
        if (produced == 0 && (rc == Z_BUF_ERROR || zs.avail_in == 0)) {
            // No progress possible: the input ended before the gzip stream did.
            if (headerDone) {
                throw InputError(name, "gzip",
                                 "truncated gzip stream: it ends after "
                                     + std::to_string(out.size()) + " of the " + std::to_string(cap)
                                     + " bytes the header announces");
            }
            throw InputError(name, "gzip",
                             "truncated gzip stream: it ends after " + std::to_string(out.size())
                                 + " bytes, inside the IDX header");
        }
    }
    return out;
}

} // namespace

IdxData parseIdx(const std::uint8_t *data, std::size_t size, const std::string &name) {
    if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
        const std::vector<std::uint8_t> raw = inflateIdx(data, size, name);
        return parseRaw(raw.data(), raw.size(), name);
    }
    return parseRaw(data, size, name);
}

IdxData readIdxFile(const std::string &path) {
    const std::string bytes = readFile(path, kMaxIdxFileBytes);
    return parseIdx(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size(), path);
}

} // namespace reglab
