// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file text.h
/// Numbers and names as text, locale-free: exact decimals, CSV fields, file names.

#include <charconv>
#include <string>
#include <string_view>

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

/// `text` reduced to one safe path component: ASCII letters, digits and . _ - + kept, every
/// other byte '_'; "", "." and ".." become "_".
std::string safeFileName(std::string_view text);

} // namespace reglab
