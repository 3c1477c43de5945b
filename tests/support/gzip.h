// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// gzip-compressing test fixtures in memory (zlib).

#include <zlib.h>

#include <cstring>
#include <string>

namespace reglab::test {

/// `raw` as a gzip stream (empty on a zlib failure).
inline std::string gzip(const std::string &raw) {
    z_stream zs;
    std::memset(&zs, 0, sizeof zs);
    // windowBits 15 + 16: write a gzip wrapper.
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out(deflateBound(&zs, uLong(raw.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(raw.data()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
}

} // namespace reglab::test
