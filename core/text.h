// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file text.h
/// Numbers and names as text, locale-free: exact decimals, CSV fields and records, file
/// names.

#include <charconv>
#include <string>
#include <string_view>
#include <vector>

namespace reglab {

/// The shortest text of `v` in `format` that reads back as exactly `v`: the smallest
/// precision p >= `minPrecision` for which printf's %.pg (general), %.pe (scientific) or
/// %.pf (fixed), in the C locale, round-trips. Non-finite values give "inf", "-inf", "nan".
/// Computed with std::to_chars / std::from_chars, so the user's locale never matters.
std::string exactDecimal(double v, std::chars_format format = std::chars_format::general,
                         int minPrecision = 6);

/// "1e-04" -> "1e-4", "1e+04" -> "1e4", "2.5e-03" -> "2.5e-3"; text without an exponent
/// is returned as it is.
std::string tidyExponent(std::string_view text);

/// One CSV field (RFC 4180): quoted when it holds a comma, a double quote, CR or LF, with
/// every double quote doubled; otherwise as it is.
std::string csvField(std::string_view text);

/// One CSV record and the line of the text it starts on (1-based).
struct CsvRecord {
    long long line = 0;
    std::vector<std::string> cells;
};

/// Reads CSV text (RFC 4180) one record at a time: cells are separated by commas and
/// records by LF (a CR before it stays at the end of the last cell, for the caller to trim
/// or refuse). A cell whose first character other than blanks is a double quote is quoted:
/// it may hold commas, line breaks and doubled double quotes, and ends at the next single
/// double quote; anything after that up to the comma is kept. A blank line is a record with
/// one empty cell. Every reader of CSV in RegLab goes through this one.
class CsvReader {
public:
    /// `file` names the text in errors.
    CsvReader(std::string_view text, std::string file);

    /// Reads the next record into `record` (its cells' storage is reused); false at the end
    /// of the text. Throws InputError(file, "line N", ...) for a quoted cell that never ends.
    bool next(CsvRecord &record);

    /// Whether the last record read ended with a line break. A file written whole by RegLab
    /// always does; one that does not was cut short.
    bool lastEndedWithLineBreak() const { return m_endedWithLineBreak; }

private:
    std::string_view m_text;
    std::string m_file;
    std::size_t m_pos = 0;
    long long m_line = 1;
    bool m_endedWithLineBreak = true;
};

/// `text` reduced to one safe path component: ASCII letters, digits and . _ - + kept, every
/// other byte '_'; "", "." and ".." become "_".
std::string safeFileName(std::string_view text);

} // namespace reglab
