// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How typed text becomes a number in every numeric field, and how numbers are shown.
// The rule: the C form ("0.01", "1e-3") and the user's locale form are accepted, a decimal
// comma ("0,01") always; anything that could mean two different numbers is refused, never
// guessed. Pure functions, so the rule is tested apart from any widget.

#include <QLocale>
#include <QString>
#include <QStringView>

#include <vector>

namespace reglab::ui {

/// Why a text is not a number (None: it is).
enum class NumberProblem {
    None,
    Empty,
    NotANumber, ///< letters, two signs, a lone "e", ...
    NotWhole,   ///< an integer field got "2.5", "1e3" or "10.000"
    Ambiguous   ///< "1.000,5", or "1,000" where ',' groups thousands
};

struct ParsedNumber {
    double value = 0.0;
    NumberProblem problem = NumberProblem::None;

    bool ok() const { return problem == NumberProblem::None; }
};

/// Reads a decimal number. Accepted: the C form with an optional exponent ("0.01", "-5",
/// "1e-3", "+2.5E4"), the same with a decimal comma ("0,01", "1,5e-3"), and the `locale`'s
/// own form without group separators. Surrounding spaces are ignored and U+2212 counts as
/// '-'. Refused: both '.' and ',' ("1.000,5"), several commas, a comma or point followed by
/// exactly three digits where `locale` uses that character to group thousands ("1,000" in
/// en_US, "1.000" in de_DE: is it one or a thousand?), and non-finite values.
ParsedNumber parseDecimal(QStringView text, const QLocale &locale = QLocale());

/// Reads a whole number: optional sign and digits (or the locale's digits), nothing else.
/// "2.5", "1e3" and "10.000" are NotWhole: a separator in a count is never guessed at.
ParsedNumber parseWhole(QStringView text, const QLocale &locale = QLocale());

/// A list of scales as typed in the compare setup.
struct ParsedList {
    std::vector<double> values;
    QString badItem;        ///< the item that is not a number (empty when all are)
    bool ambiguous = false; ///< badItem reads both as one number and as two
};

/// Reads "0, 1e-4, 1e-3" or "1e-4; 0,01; 0,1". With a ';' anywhere, ';' and spaces separate
/// the values and a comma is a decimal comma. Without one, commas and spaces separate (the
/// form the command line's --values takes), except that an item with one comma that reads
/// both ways ("0,01": 0.01, or 0 and 1?) is refused as ambiguous. Empty items are skipped.
ParsedList parseNumberList(QStringView text, const QLocale &locale = QLocale());

/// Compact text for a number: plain decimals when 10^minPlainExponent <= |v| < 1e4
/// ("0.001", "0.25", "10", up to 6 significant digits), otherwise short scientific ("1e-4",
/// "2.5e-5", "1e6"). Always the C form, so that it can be typed back anywhere.
QString formatCompact(double value, int minPlainExponent = -3);

} // namespace reglab::ui
