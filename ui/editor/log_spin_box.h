// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A number field for positive scales over decades (learning rate, regularization scales):
// compact plain or scientific text ("0.005", "1e-4"), typed numbers read as every NumberBox
// reads them, and arrows that step along a logarithmic grid.

#include "ui/editor/number_box.h"

namespace reglab::ui {

class LogSpinBox : public NumberBox {
    Q_OBJECT
public:
    enum class Stepping {
        OneTwoFive, ///< 1, 2, 5, 10, 20, ...: a learning rate's usual tries
        TwoDigits   ///< the second significant digit: 1.0e-3, 1.1e-3, ..., 9.9e-3, 1.0e-2
    };

    explicit LogSpinBox(Stepping stepping, QWidget *parent = nullptr);

    Stepping stepping() const { return m_stepping; }
    /// The first step up from 0 and the last step down before 0 (when 0 is in the range).
    void setSmallestStep(double value) { m_smallest = value; }
    /// Values from 10^exponent up to 1e4 are shown in plain decimals.
    void setMinPlainExponent(int exponent);

    QString textFromValue(double value) const override;

    /// The grid value `steps` steps away from positive `from` (no range applied).
    static double gridStep(double from, int steps, Stepping stepping);

protected:
    double steppedValue(double from, int steps) const override;

private:
    Stepping m_stepping;
    double m_smallest = 1e-6;
    int m_minPlainExponent = -3;
};

} // namespace reglab::ui
