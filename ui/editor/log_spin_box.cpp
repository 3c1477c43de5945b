// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/log_spin_box.h"

#include "ui/editor/number_text.h"

#include <QLineEdit>

#include <cmath>

namespace reglab::ui {

namespace {

/// Through decimal text, so that a grid value is exactly the double its literal gives.
double decimal(double v) {
    return QString::number(v, 'g', 3).toDouble();
}

/// The 1-2-5 grid value next to `v` in direction `dir` (+1 up, -1 down).
double nextOneTwoFive(double v, int dir) {
    static constexpr double kMantissas[] = {1.0, 2.0, 5.0};
    const int decade = int(std::floor(std::log10(v)));
    double best = dir > 0 ? HUGE_VAL : 0.0;
    for (int d = decade - 1; d <= decade + 1; ++d) {
        for (double m : kMantissas) {
            const double g = decimal(m * std::pow(10.0, d));
            if (dir > 0 && g > v * (1.0 + 1e-9) && g < best)
                best = g;
            if (dir < 0 && g < v * (1.0 - 1e-9) && g > best)
                best = g;
        }
    }
    return best;
}

/// The next value with two significant digits: v = n · 10^(e-1) with n in 10..99.
double nextTwoDigits(double v, int dir) {
    const int e = int(std::floor(std::log10(v)));
    double unit = std::pow(10.0, e - 1);
    double n = v / unit; // 10 <= n < 100, once log10's rounding at a power of ten is undone
    if (n >= 100.0 - 1e-9) {
        unit *= 10.0;
        n /= 10.0;
    } else if (n < 10.0 - 1e-9) {
        unit /= 10.0;
        n *= 10.0;
    }
    if (dir > 0)
        return decimal((std::floor(n + 1e-9) + 1.0) * unit);
    const double below = std::ceil(n - 1e-9) - 1.0;
    return below >= 10.0 ? decimal(below * unit) : decimal(99.0 * unit / 10.0);
}

} // namespace

LogSpinBox::LogSpinBox(Stepping stepping, QWidget *parent)
    : NumberBox(Kind::Decimal, parent)
    , m_stepping(stepping) {
    lineEdit()->setText(textFromValue(value()));
}

void LogSpinBox::setMinPlainExponent(int exponent) {
    m_minPlainExponent = exponent;
    lineEdit()->setText(textFromValue(value()));
}

QString LogSpinBox::textFromValue(double value) const {
    return formatCompact(value, m_minPlainExponent);
}

double LogSpinBox::gridStep(double from, int steps, Stepping stepping) {
    double v = from;
    for (int i = 0; i < std::abs(steps) && v > 0.0 && std::isfinite(v); ++i) {
        v = stepping == Stepping::OneTwoFive ? nextOneTwoFive(v, steps > 0 ? 1 : -1)
                                             : nextTwoDigits(v, steps > 0 ? 1 : -1);
    }
    return v;
}

double LogSpinBox::steppedValue(double from, int steps) const {
    const Range r = range();
    double to = from;
    for (int i = 0; i < std::abs(steps); ++i) {
        double next = 0.0;
        if (steps > 0)
            next = to > 0.0 ? gridStep(to, 1, m_stepping) : m_smallest;
        else
            next = to > m_smallest * (1.0 + 1e-9)
                       ? std::max(gridStep(to, -1, m_stepping), m_smallest)
                       : 0.0;
        if (!r.contains(next))
            break; // the arrows stop at the ends
        to = next;
    }
    return to;
}

} // namespace reglab::ui
