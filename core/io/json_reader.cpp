// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/json_reader.h"

#include "core/error.h"
#include "core/file_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>
#include <vector>

namespace reglab {

using Json = nlohmann::ordered_json;

namespace {

/// Rejects duplicate keys while parsing (JSON allows them; a second "seed" silently
/// replacing the first is never what the author meant) and nesting beyond kMaxJsonDepth.
/// Tracks the dotted path so the error names the field.
class DuplicateKeyCheck {
public:
    explicit DuplicateKeyCheck(const std::string &file)
        : m_file(file) {}

    bool operator()(int depth, nlohmann::detail::parse_event_t event, Json &parsed) {
        (void)depth;
        using Event = nlohmann::detail::parse_event_t;
        switch (event) {
        case Event::object_start:
        case Event::array_start:
            if (m_frames.size() >= kMaxJsonDepth)
                throw InputError(m_file, path(),
                                 "nested more than " + std::to_string(kMaxJsonDepth)
                                     + " levels deep");
            m_frames.push_back(Frame{event == Event::array_start, 0, {}, {}});
            break;
        case Event::key: {
            Frame &frame = m_frames.back();
            frame.key = parsed.get<std::string>();
            if (!frame.keys.insert(frame.key).second)
                throw InputError(m_file, path(), "duplicate key");
            break;
        }
        case Event::object_end:
        case Event::array_end:
            m_frames.pop_back();
            finishValue();
            break;
        case Event::value:
            finishValue();
            break;
        }
        return true;
    }

private:
    struct Frame {
        bool isArray;
        std::size_t index;
        std::string key;
        std::set<std::string> keys;
    };

    void finishValue() {
        if (!m_frames.empty() && m_frames.back().isArray)
            ++m_frames.back().index;
    }

    std::string path() const {
        std::string out;
        for (const Frame &f : m_frames)
            out = joinJsonPath(out, f.isArray ? std::to_string(f.index) : f.key);
        return out;
    }

    const std::string &m_file;
    std::vector<Frame> m_frames;
};

/// "line L, column C" of the 1-based character offset `byte` (as nlohmann counts).
std::string lineColumn(const std::string &text, std::size_t byte) {
    const std::size_t end = std::min<std::size_t>(byte == 0 ? 0 : byte - 1, text.size());
    std::size_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(end - lineStart + 1);
}

/// A SAX consumer that accepts everything and remembers where parsing failed.
struct ErrorPosition {
    std::size_t byte = 0;
    std::string token;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(Json::number_integer_t) { return true; }
    bool number_unsigned(Json::number_unsigned_t) { return true; }
    bool number_float(Json::number_float_t, const std::string &) { return true; }
    bool string(std::string &) { return true; }
    bool binary(Json::binary_t &) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(std::string &) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t position, const std::string &lastToken,
                     const nlohmann::detail::exception &) {
        // `position` counts the characters read, the failing token included.
        byte = position + 1 >= lastToken.size() ? position + 1 - lastToken.size() : 0;
        token = lastToken;
        return false;
    }
};

} // namespace

std::string joinJsonPath(const std::string &path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

Json parseJsonText(const std::string &text, const std::string &file) {
    try {
        return Json::parse(text, DuplicateKeyCheck(file));
    } catch (const Json::parse_error &e) {
        // Drop nlohmann's "[json.exception.parse_error.101] parse error at line L, column C: "
        std::string message = e.what();
        const std::size_t columnAt = message.find("column ");
        const std::size_t colon =
            columnAt == std::string::npos ? std::string::npos : message.find(": ", columnAt);
        if (colon != std::string::npos)
            message = message.substr(colon + 2);
        throw InputError(file, lineColumn(text, e.byte), message);
    } catch (const Json::out_of_range &) {
        // A number beyond the range of a double (1e400): the exception carries no position,
        // so find it with a second, non-throwing pass.
        ErrorPosition where;
        Json::sax_parse(text, &where);
        throw InputError(file, lineColumn(text, where.byte), "number out of range: " + where.token);
    }
}

Json readJsonFile(const std::string &path) {
    return parseJsonText(readFile(path, kMaxJsonFileBytes), path);
}

} // namespace reglab
