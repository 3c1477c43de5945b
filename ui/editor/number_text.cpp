// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/number_text.h"

#include <QRegularExpression>

#include <cmath>

namespace reglab::ui {

namespace {

QString normalized(QStringView text) {
    QString t = text.trimmed().toString();
    t.replace(QChar(0x2212), QLatin1Char('-')); // the typographic minus sign
    return t;
}

/// The locale's own number form (other digits, say) without its group separator.
QLocale strictLocale(const QLocale &locale) {
    QLocale strict = locale;
    strict.setNumberOptions(strict.numberOptions() | QLocale::RejectGroupSeparator);
    return strict;
}

} // namespace

ParsedNumber parseDecimal(QStringView text, const QLocale &locale) {
    const QString t = normalized(text);
    if (t.isEmpty())
        return {0.0, NumberProblem::Empty};
    const qsizetype commas = t.count(QLatin1Char(','));
    if (commas > 1 || (commas == 1 && t.contains(QLatin1Char('.'))))
        return {0.0, NumberProblem::Ambiguous}; // "1,000,000", "1.000,5", "1,000.5"
    // "1,000" where ',' groups thousands (en, ko), "1.000" where '.' does (de): one or 1000?
    static const QRegularExpression grouped(QStringLiteral("^[-+]?[1-9][0-9]{0,2}([.,])[0-9]{3}$"));
    const QRegularExpressionMatch match = grouped.match(t);
    if (match.hasMatch() && match.captured(1) == locale.groupSeparator())
        return {0.0, NumberProblem::Ambiguous};

    QString c = t;
    c.replace(QLatin1Char(','), QLatin1Char('.'));
    bool ok = false;
    double v = QLocale::c().toDouble(c, &ok);
    if (!ok)
        v = strictLocale(locale).toDouble(t, &ok);
    if (!ok || !std::isfinite(v))
        return {0.0, NumberProblem::NotANumber};
    return {v, NumberProblem::None};
}

ParsedNumber parseWhole(QStringView text, const QLocale &locale) {
    const QString t = normalized(text);
    if (t.isEmpty())
        return {0.0, NumberProblem::Empty};
    static const QRegularExpression whole(QStringLiteral("^[-+]?[0-9]+$"));
    if (whole.match(t).hasMatch()) // too many digits for an int still reads, as out of range
        return {QLocale::c().toDouble(t), NumberProblem::None};
    bool ok = false;
    const qlonglong v = strictLocale(locale).toLongLong(t, &ok);
    if (ok)
        return {double(v), NumberProblem::None};
    const ParsedNumber decimal = parseDecimal(t, locale);
    const bool numeric = decimal.ok() || decimal.problem == NumberProblem::Ambiguous;
    return {0.0, numeric ? NumberProblem::NotWhole : NumberProblem::NotANumber};
}

ParsedList parseNumberList(QStringView text, const QLocale &locale) {
    ParsedList list;
    const QString t = text.toString();
    const bool semicolons = t.contains(QLatin1Char(';'));
    static const QRegularExpression semicolonSeparators(QStringLiteral("[;\\s]+"));
    static const QRegularExpression spaces(QStringLiteral("\\s+"));
    const QStringList items =
        t.split(semicolons ? semicolonSeparators : spaces, Qt::SkipEmptyParts);
    auto add = [&](const QString &item) {
        const ParsedNumber p = parseDecimal(item, locale);
        if (!p.ok()) {
            list.badItem = item;
            return false;
        }
        list.values.push_back(p.value);
        return true;
    };
    for (const QString &item : items) {
        if (semicolons) {
            if (!add(item))
                return list;
            continue;
        }
        const QStringList parts = item.split(QLatin1Char(','), Qt::SkipEmptyParts);
        if (parts.size() == 2 && item.count(QLatin1Char(',')) == 1
            && parseDecimal(item, locale).ok() && parseDecimal(parts[0], locale).ok()
            && parseDecimal(parts[1], locale).ok()) {
            list.badItem = item;
            list.ambiguous = true;
            return list;
        }
        for (const QString &part : parts) {
            if (!add(part))
                return list;
        }
    }
    return list;
}

QString formatCompact(double value, int minPlainExponent) {
    if (value == 0.0)
        return QStringLiteral("0");
    if (!std::isfinite(value))
        return QString::number(value);
    const double magnitude = std::abs(value);
    const int exponent = int(std::floor(std::log10(magnitude)));
    if (exponent >= minPlainExponent && exponent < 4)
        return QString::number(value, 'g', 6);
    // Short scientific: mantissa without trailing zeros, exponent without '+' or padding.
    const QString text = QString::number(value, 'e', 5);
    const qsizetype e = text.indexOf(QLatin1Char('e'));
    QString mantissa = text.left(e);
    const int power = text.mid(e + 1).toInt();
    if (mantissa.contains(QLatin1Char('.'))) {
        while (mantissa.endsWith(QLatin1Char('0')))
            mantissa.chop(1);
        if (mantissa.endsWith(QLatin1Char('.')))
            mantissa.chop(1);
    }
    return mantissa + QLatin1Char('e') + QString::number(power);
}

} // namespace reglab::ui
