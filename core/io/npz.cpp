// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/npz.h"

#include "core/error.h"
#include "core/experiment_spec.h"
#include "core/file_util.h"

#include <zip.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <set>
#include <string_view>
#include <utility>

namespace reglab {

namespace {

// The .npy format (numpy/lib/format.py, "NEP 1"):
//   "\x93NUMPY" major minor, then the header length (v1: uint16 LE; v2, v3: uint32 LE),
//   then the header: a Python dict literal {'descr': ..., 'fortran_order': ..., 'shape': ...}
//   padded with spaces and a final '\n' so that the payload starts at a multiple of 64.
constexpr std::string_view kMagic("\x93NUMPY", 6);
constexpr std::size_t kAlignment = 64;
/// One array may hold at most as many values as the largest network has weights.
constexpr std::uint64_t kMaxElements = std::uint64_t(limits::kMaxParameters);
/// Deflate cannot compress better than about 1032:1; a member claiming more is lying.
constexpr std::uint64_t kMaxDeflateRatio = 1100;
constexpr std::size_t kMaxDims = 32;

/// Values of the header dict we understand.
struct NpyHeader {
    std::string descr;
    bool fortranOrder = false;
    std::vector<std::size_t> shape;
};

/// A strict reader for the header's Python literal. Accepts what NumPy writes (any
/// version): single- or double-quoted keys and strings, True/False, tuples of
/// non-negative integers (with an optional trailing comma and a Python 2 'L' suffix).
class HeaderParser {
public:
    HeaderParser(std::string_view text, const std::string &file, const std::string &member)
        : m_text(text)
        , m_file(file)
        , m_member(member) {}

    NpyHeader parse() {
        NpyHeader header;
        bool haveDescr = false, haveOrder = false, haveShape = false;
        skipSpace();
        expect('{');
        while (true) {
            skipSpace();
            if (peek() == '}') {
                ++m_pos;
                break;
            }
            const std::string key = parseString();
            skipSpace();
            expect(':');
            skipSpace();
            if (key == "descr") {
                header.descr = parseString();
                if (std::exchange(haveDescr, true))
                    fail("duplicate key 'descr'");
            } else if (key == "fortran_order") {
                header.fortranOrder = parseBool();
                if (std::exchange(haveOrder, true))
                    fail("duplicate key 'fortran_order'");
            } else if (key == "shape") {
                header.shape = parseShape();
                if (std::exchange(haveShape, true))
                    fail("duplicate key 'shape'");
            } else {
                fail("unexpected key '" + key + "' in the .npy header");
            }
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            skipSpace();
            expect('}');
            break;
        }
        skipSpace();
        if (m_pos != m_text.size())
            fail("unexpected text after the .npy header dict");
        if (!haveDescr || !haveOrder || !haveShape)
            fail("the .npy header lacks 'descr', 'fortran_order' or 'shape'");
        return header;
    }

private:
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    void skipSpace() {
        while (m_pos < m_text.size()
               && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\t'
                   || m_text[m_pos] == '\r'))
            ++m_pos;
    }

    void expect(char c) {
        if (peek() != c)
            fail(std::string("malformed .npy header: expected '") + c + "' at offset "
                 + std::to_string(m_pos));
        ++m_pos;
    }

    std::string parseString() {
        const char quote = peek();
        if (quote != '\'' && quote != '"')
            fail("malformed .npy header: expected a quoted string at offset "
                 + std::to_string(m_pos));
        ++m_pos;
        const std::size_t end = m_text.find(quote, m_pos);
        if (end == std::string_view::npos || end - m_pos > 64)
            fail("malformed .npy header: unterminated string");
        std::string out(m_text.substr(m_pos, end - m_pos));
        if (out.find('\\') != std::string::npos)
            fail("malformed .npy header: escapes are not supported");
        m_pos = end + 1;
        return out;
    }

    bool parseBool() {
        if (m_text.substr(m_pos, 4) == "True") {
            m_pos += 4;
            return true;
        }
        if (m_text.substr(m_pos, 5) == "False") {
            m_pos += 5;
            return false;
        }
        fail("malformed .npy header: 'fortran_order' must be True or False");
    }

    std::vector<std::size_t> parseShape() {
        std::vector<std::size_t> shape;
        expect('(');
        while (true) {
            skipSpace();
            if (peek() == ')') {
                ++m_pos;
                break;
            }
            if (peek() < '0' || peek() > '9')
                fail("malformed .npy header: 'shape' must be a tuple of non-negative integers");
            std::uint64_t dim = 0;
            while (peek() >= '0' && peek() <= '9') {
                const unsigned digit = unsigned(peek() - '0');
                if (dim > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
                    fail("'shape' has a dimension too large to be real");
                dim = dim * 10 + digit;
                ++m_pos;
            }
            if (peek() == 'L') // Python 2 long literal
                ++m_pos;
            if (dim > std::numeric_limits<std::size_t>::max())
                fail("'shape' has a dimension too large to be real");
            shape.push_back(std::size_t(dim));
            if (shape.size() > kMaxDims)
                fail("'shape' has too many dimensions");
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            expect(')');
            break;
        }
        return shape;
    }

    [[noreturn]] void fail(const std::string &message) const {
        throw InputError(m_file, m_member, message);
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    const std::string &m_file;
    const std::string &m_member;
};

/// Owns a zip_t* and discards it (no writing) on scope exit.
struct ZipDiscard {
    void operator()(zip_t *z) const { zip_discard(z); }
};
struct ZipFileClose {
    void operator()(zip_file_t *f) const { zip_fclose(f); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileClose>;

std::uint32_t readLe(const unsigned char *p, std::size_t bytes) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        v |= std::uint32_t(p[i]) << (8 * i);
    return v;
}

/// Reads exactly `size` bytes of the open member, or fails naming the member.
void readExactly(zip_file_t *f, void *out, std::size_t size, const std::string &path,
                 const std::string &member) {
    auto *bytes = static_cast<unsigned char *>(out);
    std::size_t done = 0;
    while (done < size) {
        const zip_int64_t n = zip_fread(f, bytes + done, size - done);
        if (n < 0)
            throw InputError(path, member,
                             std::string("damaged archive member: ") + zip_file_strerror(f));
        if (n == 0)
            throw InputError(path, member, "damaged archive member: it ends early");
        done += std::size_t(n);
    }
}

/// The little-endian value (IEEE float or two's complement integer) stored at p.
template<typename T>
T loadLe(const unsigned char *p) {
    unsigned char tmp[sizeof(T)];
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(tmp, p, sizeof(T));
    } else {
        for (std::size_t i = 0; i < sizeof(T); ++i)
            tmp[i] = p[sizeof(T) - 1 - i];
    }
    T v;
    std::memcpy(&v, tmp, sizeof(T));
    return v;
}

/// C-order copy of an array stored in Fortran (column-major) order:
///   c[i0, ..., in-1] = f[i0 + s0 * (i1 + s1 * (...))].
std::vector<float> fortranToC(const std::vector<float> &f, const std::vector<std::size_t> &shape) {
    const std::size_t n = shape.size();
    if (n < 2)
        return f;
    std::vector<std::size_t> stride(n, 1); // Fortran strides
    for (std::size_t k = 1; k < n; ++k)
        stride[k] = stride[k - 1] * shape[k - 1];
    std::vector<float> c(f.size());
    std::vector<std::size_t> index(n, 0);
    std::size_t offset = 0; // Fortran offset of `index`
    for (std::size_t flat = 0; flat < c.size(); ++flat) {
        c[flat] = f[offset];
        // Odometer increment in C order (last axis fastest).
        for (std::size_t k = n; k-- > 0;) {
            if (++index[k] < shape[k]) {
                offset += stride[k];
                break;
            }
            offset -= (index[k] - 1) * stride[k];
            index[k] = 0;
        }
    }
    return c;
}

/// A dtype readMember() understands: its NumPy descr, item size and conversion to float.
struct Dtype {
    std::string_view descr;
    std::size_t size;
    float (*load)(const unsigned char *);
    bool integer;
    bool beyondFloat; ///< only with NpzValues::AnyNumber
};

template<typename T>
float loadAsFloat(const unsigned char *p) {
    return float(loadLe<T>(p));
}

constexpr Dtype kDtypes[] = {
    {"<f4", 4, loadAsFloat<float>, false, false},
    {"<f8", 8, loadAsFloat<double>, false, false},
    {"|b1", 1, loadAsFloat<std::uint8_t>, true, true},
    {"|i1", 1, loadAsFloat<std::int8_t>, true, true},
    {"|u1", 1, loadAsFloat<std::uint8_t>, true, true},
    {"<i2", 2, loadAsFloat<std::int16_t>, true, true},
    {"<u2", 2, loadAsFloat<std::uint16_t>, true, true},
    {"<i4", 4, loadAsFloat<std::int32_t>, true, true},
    {"<u4", 4, loadAsFloat<std::uint32_t>, true, true},
    {"<i8", 8, loadAsFloat<std::int64_t>, true, true},
    {"<u8", 8, loadAsFloat<std::uint64_t>, true, true},
};

const Dtype *findDtype(std::string_view descr, NpzValues values) {
    for (const Dtype &d : kDtypes) {
        if (d.descr == descr)
            return d.beyondFloat && values == NpzValues::Float ? nullptr : &d;
    }
    return nullptr;
}

NpzArray readMember(zip_t *zip, zip_uint64_t entry, const zip_stat_t &st, const std::string &path,
                    const std::string &member, NpzValues values) {
    if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
        throw InputError(path, member, "damaged archive member: unknown size");
    if (st.valid & ZIP_STAT_COMP_METHOD) {
        if (st.comp_method == ZIP_CM_STORE && st.comp_size != st.size)
            throw InputError(path, member, "damaged archive member: inconsistent sizes");
        if (st.comp_method != ZIP_CM_STORE && st.size / kMaxDeflateRatio > st.comp_size)
            throw InputError(path, member, "damaged archive member: implausible size");
    }
    ZipFilePtr file(zip_fopen_index(zip, entry, 0));
    if (!file)
        throw InputError(path, member, std::string("cannot read: ") + zip_strerror(zip));

    // Preamble: magic, version, header length.
    if (st.size < 10)
        throw InputError(path, member, "not a .npy array (too short)");
    unsigned char pre[12];
    readExactly(file.get(), pre, 8, path, member);
    if (std::memcmp(pre, kMagic.data(), kMagic.size()) != 0)
        throw InputError(path, member, "not a .npy array (bad magic)");
    const unsigned major = pre[6];
    if (major < 1 || major > 3)
        throw InputError(path, member,
                         "unsupported .npy version " + std::to_string(major) + "."
                             + std::to_string(pre[7]));
    const std::size_t lengthBytes = major == 1 ? 2 : 4;
    readExactly(file.get(), pre + 8, lengthBytes, path, member);
    const std::uint64_t headerLength = readLe(pre + 8, lengthBytes);
    const std::uint64_t dataOffset = 8 + lengthBytes + headerLength;
    if (dataOffset > st.size || headerLength > 1u << 20)
        throw InputError(path, member, "the .npy header is longer than the member");
    std::string headerText(std::size_t(headerLength), '\0');
    readExactly(file.get(), headerText.data(), headerText.size(), path, member);
    const NpyHeader header = HeaderParser(headerText, path, member).parse();

    const Dtype *dtype = findDtype(header.descr, values);
    if (!dtype) {
        throw InputError(path, member,
                         "unsupported dtype '" + header.descr + "' ("
                             + (values == NpzValues::Float
                                    ? "expected little-endian float32 '<f4' or float64 '<f8')"
                                    : "expected a number: little-endian float32, float64, "
                                      "int8..int64, uint8..uint64 or bool)"));
    }
    const std::size_t itemSize = dtype->size;

    // Element count with overflow checks; compare with the member's real size BEFORE
    // allocating anything the header claims.
    std::uint64_t count = 1;
    bool tooMany = false;
    for (std::size_t d : header.shape) {
        if (d != 0 && count > kMaxElements / d)
            tooMany = true;
        count *= tooMany ? 1 : d;
    }
    const std::uint64_t payload = st.size - dataOffset;
    if (tooMany || count > kMaxElements || count * itemSize != payload)
        throw InputError(path, member,
                         "shape " + shapeText(header.shape) + " of '" + header.descr
                             + "' does not match the payload of " + std::to_string(payload)
                             + " bytes");

    NpzArray array;
    array.name = member.substr(0, member.size() - 4);
    array.shape = header.shape;
    array.data.resize(std::size_t(count));
    array.dtype = header.descr;
    if (header.descr == "<f4") {
        readExactly(file.get(), array.data.data(), std::size_t(payload), path, member);
        if constexpr (std::endian::native != std::endian::little) {
            auto *bytes = reinterpret_cast<unsigned char *>(array.data.data());
            for (std::size_t i = 0; i < array.data.size(); ++i)
                array.data[i] = loadLe<float>(bytes + 4 * i);
        }
    } else {
        // Other types -> float32 in chunks: value = float(stored value)
        constexpr std::size_t kChunk = 8192;
        std::vector<unsigned char> buffer(kChunk * itemSize);
        for (std::size_t done = 0; done < array.data.size();) {
            const std::size_t n = std::min(kChunk, array.data.size() - done);
            readExactly(file.get(), buffer.data(), n * itemSize, path, member);
            for (std::size_t i = 0; i < n; ++i)
                array.data[done + i] = dtype->load(buffer.data() + itemSize * i);
            done += n;
        }
    }
    // Reaching the end makes libzip check the CRC.
    unsigned char extra;
    const zip_int64_t rest = zip_fread(file.get(), &extra, 1);
    if (rest != 0)
        throw InputError(path, member,
                         rest < 0 ? std::string("damaged archive member: ")
                                        + zip_file_strerror(file.get())
                                  : std::string("damaged archive member: longer than its size"));
    if (zip_fclose(file.release()) != 0)
        throw InputError(path, member, "damaged archive member (checksum)");

    if (header.fortranOrder)
        array.data = fortranToC(array.data, array.shape);
    return array;
}

/// The .npy bytes (format 1.0, or 2.0 when the header needs more than 65535 bytes).
std::string npyBytes(const NpzArray &array) {
    std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (";
    for (std::size_t i = 0; i < array.shape.size(); ++i)
        dict += (i ? ", " : "") + std::to_string(array.shape[i]);
    if (array.shape.size() == 1)
        dict += ",";
    dict += "), }";
    std::size_t prefix = 10; // magic 6 + version 2 + length 2
    unsigned major = 1;
    if (dict.size() + kAlignment > 65535) {
        prefix = 12;
        major = 2;
    }
    // Pad with spaces and end in '\n' so that prefix + header is a multiple of 64.
    const std::size_t headerLength =
        ((prefix + dict.size() + 1 + kAlignment - 1) / kAlignment) * kAlignment - prefix;
    dict.append(headerLength - dict.size() - 1, ' ');
    dict += '\n';

    std::string out(kMagic);
    out += char(major);
    out += char(0);
    for (std::size_t i = 0; i < prefix - 8; ++i)
        out += char((headerLength >> (8 * i)) & 0xff);
    out += dict;
    const std::size_t dataStart = out.size();
    out.resize(dataStart + array.data.size() * 4);
    if constexpr (std::endian::native == std::endian::little) {
        std::memcpy(out.data() + dataStart, array.data.data(), array.data.size() * 4);
    } else {
        for (std::size_t i = 0; i < array.data.size(); ++i) {
            std::uint32_t bits;
            std::memcpy(&bits, &array.data[i], 4);
            for (std::size_t b = 0; b < 4; ++b)
                out[dataStart + 4 * i + b] = char((bits >> (8 * b)) & 0xff);
        }
    }
    return out;
}

struct ZipSourceFree {
    void operator()(zip_source_t *s) const { zip_source_free(s); }
};

} // namespace

std::string shapeText(const std::vector<std::size_t> &shape) {
    std::string out = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        out += (i ? ", " : "") + std::to_string(shape[i]);
    return out + "]";
}

bool isIntegerDtype(const std::string &dtype) {
    const Dtype *d = findDtype(dtype, NpzValues::AnyNumber);
    return d && d->integer;
}

std::vector<NpzArray> readNpz(const std::string &path, NpzValues values) {
    const std::string bytes = readFile(path);
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw InputError(path, {}, "cannot open: " + text);
    }
    ZipPtr zip(zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error));
    if (!zip) {
        const int code = zip_error_code_zip(&error);
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        zip_source_free(source);
        if (code == ZIP_ER_NOZIP)
            throw InputError(path, {}, "not a .npz file (not a zip archive)");
        throw InputError(path, {}, "damaged .npz archive: " + text);
    }
    zip_error_fini(&error);

    const zip_int64_t entries = zip_get_num_entries(zip.get(), 0);
    if (entries < 0)
        throw InputError(path, {}, "damaged .npz archive");
    std::vector<NpzArray> arrays;
    std::set<std::string> names;
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(zip.get(), zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            throw InputError(path, {},
                             "damaged .npz archive: " + std::string(zip_strerror(zip.get())));
        const std::string member = st.name;
        if (member.size() <= 4 || member.compare(member.size() - 4, 4, ".npy") != 0)
            continue; // not an array (NumPy never writes such members; ignore them)
        if (!names.insert(member).second)
            throw InputError(path, member, "duplicate array");
        arrays.push_back(readMember(zip.get(), zip_uint64_t(i), st, path, member, values));
    }
    if (arrays.empty())
        throw InputError(path, {}, "the .npz archive holds no arrays");
    return arrays;
}

void writeNpz(const std::string &path, const std::vector<NpzArray> &arrays) {
    // The .npy payloads must outlive zip_close(), which is when libzip reads them.
    std::vector<std::string> payloads;
    payloads.reserve(arrays.size());
    std::set<std::string> names;
    for (const NpzArray &a : arrays) {
        std::size_t count = 1;
        for (std::size_t d : a.shape)
            count *= d;
        if (count != a.data.size())
            throw OutputError(path, "array '" + a.name + "': " + std::to_string(a.data.size())
                                        + " values do not fill shape " + shapeText(a.shape));
        if (a.name.empty() || !names.insert(a.name).second)
            throw OutputError(path, "array names must be unique and not empty ('" + a.name + "')");
        payloads.push_back(npyBytes(a));
    }

    zip_error_t error;
    zip_error_init(&error);
    std::unique_ptr<zip_source_t, ZipSourceFree> buffer(
        zip_source_buffer_create(nullptr, 0, 0, &error));
    if (!buffer) {
        zip_error_fini(&error);
        throw OutputError(path, "cannot create the archive in memory");
    }
    zip_t *zip = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error);
    if (!zip) {
        const std::string text = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw OutputError(path, "cannot create the archive: " + text);
    }
    zip_error_fini(&error);
    // Keep the buffer source alive after zip_close() so that we can read the archive back.
    zip_source_keep(buffer.get());

    auto fail = [&](const std::string &what) {
        const std::string text = zip_strerror(zip);
        zip_discard(zip);
        throw OutputError(path, what + ": " + text);
    };
    for (std::size_t i = 0; i < arrays.size(); ++i) {
        zip_source_t *member = zip_source_buffer(zip, payloads[i].data(), payloads[i].size(), 0);
        if (!member)
            fail("cannot add '" + arrays[i].name + "'");
        const zip_int64_t index =
            zip_file_add(zip, (arrays[i].name + ".npy").c_str(), member, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(member);
            fail("cannot add '" + arrays[i].name + "'");
        }
        // Deflate, and a fixed timestamp (1980-01-01 00:00) so equal weights give equal files.
        if (zip_set_file_compression(zip, zip_uint64_t(index), ZIP_CM_DEFLATE, 0) != 0
            || zip_file_set_dostime(zip, zip_uint64_t(index), 0, (1 << 5) | 1, 0) != 0)
            fail("cannot add '" + arrays[i].name + "'");
    }
    if (zip_close(zip) != 0)
        fail("cannot build the archive");

    std::string bytes;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_stat(buffer.get(), &st) != 0 || !(st.valid & ZIP_STAT_SIZE)
        || zip_source_open(buffer.get()) != 0)
        throw OutputError(path, "cannot read back the archive built in memory");
    bytes.resize(std::size_t(st.size));
    const zip_int64_t n = zip_source_read(buffer.get(), bytes.data(), st.size);
    zip_source_close(buffer.get());
    if (n < 0 || zip_uint64_t(n) != st.size)
        throw OutputError(path, "cannot read back the archive built in memory");
    writeFileAtomically(path, bytes);
}

} // namespace reglab
