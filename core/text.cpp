// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/text.h"

#include "core/error.h"

#include <cmath>

namespace reglab {

std::string exactDecimal(double v, std::chars_format format, int minPrecision) {
    if (std::isnan(v))
        return std::signbit(v) ? "-nan" : "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    // 17 significant digits always round-trip a double; fixed notation may need up to 1074
    // decimals for the smallest subnormal, which no caller asks for: the loop stops at 40.
    const int maxPrecision = format == std::chars_format::fixed ? 40 : 17;
    char buffer[400];
    std::to_chars_result written{buffer, {}};
    for (int precision = minPrecision; precision <= maxPrecision; ++precision) {
        written = std::to_chars(buffer, buffer + sizeof buffer, v, format, precision);
        double back = 0.0;
        std::from_chars(buffer, written.ptr, back);
        if (back == v)
            break;
    }
    return std::string(buffer, written.ptr);
}

std::string tidyExponent(std::string_view text) {
    const auto e = text.find('e');
    if (e == std::string_view::npos)
        return std::string(text);
    std::string_view exponent = text.substr(e + 1);
    std::string sign;
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
        if (exponent[0] == '-')
            sign = "-";
        exponent.remove_prefix(1);
    }
    const auto firstDigit = exponent.find_first_not_of('0');
    exponent = firstDigit == std::string_view::npos ? "0" : exponent.substr(firstDigit);
    return std::string(text.substr(0, e)) + "e" + sign + std::string(exponent);
}

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos)
        return std::string(text);
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"')
            out += '"';
        out += ch;
    }
    return out + "\"";
}

CsvReader::CsvReader(std::string_view text, std::string file)
    : m_text(text)
    , m_file(std::move(file)) {}

bool CsvReader::next(CsvRecord &record) {
    if (m_pos >= m_text.size())
        return false;
    record.line = m_line;
    std::size_t cellCount = 0;
    auto cell = [&]() -> std::string & {
        if (record.cells.size() <= cellCount)
            record.cells.emplace_back();
        return record.cells[cellCount];
    };
    cell().clear();
    bool atCellStart = true; // only blanks so far in this cell
    while (m_pos < m_text.size()) {
        const char c = m_text[m_pos++];
        if (c == '"' && atCellStart) {
            cell().clear(); // blanks before the opening quote are not part of the cell
            atCellStart = false;
            for (;;) {
                if (m_pos >= m_text.size()) {
                    throw InputError(m_file, "line " + std::to_string(record.line),
                                     "a quoted field never ends");
                }
                const char q = m_text[m_pos++];
                if (q == '"') {
                    if (m_pos < m_text.size() && m_text[m_pos] == '"') {
                        cell() += '"';
                        ++m_pos;
                        continue;
                    }
                    break;
                }
                m_line += q == '\n' ? 1 : 0;
                cell() += q;
            }
        } else if (c == ',') {
            ++cellCount;
            cell().clear();
            atCellStart = true;
        } else if (c == '\n') {
            ++m_line;
            m_endedWithLineBreak = true;
            record.cells.resize(cellCount + 1);
            return true;
        } else {
            atCellStart = atCellStart && (c == ' ' || c == '\t');
            cell() += c;
        }
    }
    m_endedWithLineBreak = false;
    record.cells.resize(cellCount + 1);
    return true;
}

std::string safeFileName(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                          || c == '.' || c == '_' || c == '-' || c == '+';
        out += keep ? c : '_';
    }
    if (out.empty() || out == "." || out == "..")
        out = "_";
    return out;
}

} // namespace reglab
