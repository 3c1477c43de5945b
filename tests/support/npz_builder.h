// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// .npy members and .npz archives built by hand (any dtype, any header), for the tests of the
// readers of NumPy files.

#include <zip.h>

#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace reglab::test {

/// A .npy member built by hand: magic, version, header length, the header dict padded
/// with spaces to a multiple of 64 and ending in '\n', then the payload.
inline std::string npy(const std::string &dict, const std::string &payload, int major = 1) {
    const std::size_t prefix = major == 1 ? 10 : 12;
    std::string header = dict;
    while ((prefix + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    std::string out("\x93NUMPY", 6);
    out += char(major);
    out += char(0);
    const std::size_t length = header.size();
    out += char(length & 0xff);
    out += char((length >> 8) & 0xff);
    if (major != 1) {
        out += char(0);
        out += char(0);
    }
    return out + header + payload;
}

template<typename T>
std::string bytesOf(const std::vector<T> &values) {
    std::string out(values.size() * sizeof(T), '\0');
    std::memcpy(out.data(), values.data(), out.size());
    return out;
}

/// Writes a zip archive with libzip; `deflate` false stores the members uncompressed.
inline bool writeZip(const std::string &path,
                     const std::vector<std::pair<std::string, std::string>> &members,
                     bool deflate) {
    int error = 0;
    zip_t *zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (!zip)
        return false;
    for (const auto &[name, bytes] : members) {
        zip_source_t *src = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
        const zip_int64_t index = src ? zip_file_add(zip, name.c_str(), src, 0) : -1;
        if (index < 0
            || zip_set_file_compression(zip, zip_uint64_t(index),
                                        deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0)
                   != 0) {
            zip_discard(zip);
            return false;
        }
    }
    return zip_close(zip) == 0;
}

} // namespace reglab::test
