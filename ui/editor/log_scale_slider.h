// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A regularization scale control: a slider that moves logarithmically over 1e-6..10 (with a
// "0" position at its left end meaning no penalty) next to a spin box holding the exact value
// in compact scientific notation.

#include <QWidget>

class QDoubleSpinBox;
class QSlider;

namespace reglab::ui {

class LogScaleSlider : public QWidget {
    Q_OBJECT
public:
    /// Slider grid: position 0 is zero; positions 1..kMaxPosition cover 10^kMinExponent ..
    /// 10^kMaxExponent in kStepsPerDecade steps per decade.
    static constexpr int kMinExponent = -6;
    static constexpr int kMaxExponent = 1;
    static constexpr int kStepsPerDecade = 20;
    static constexpr int kMaxPosition = 1 + (kMaxExponent - kMinExponent) * kStepsPerDecade;
    /// Largest value the spin box accepts (the core's limit on scales).
    static constexpr double kMaxValue = 1e12;

    explicit LogScaleSlider(QWidget *parent = nullptr);

    double value() const;
    /// Shows `value` exactly in the spin box and moves the slider to the nearest position
    /// (values above 10 pin it to the right end). Emits valueChanged when the value changes.
    void setValue(double value);

    /// Slider position for a value: 0 for 0, else the nearest grid step (clamped).
    static int positionForValue(double value);
    /// Value at a slider position, rounded to two significant digits (1e-6, 1.1e-6, ...).
    static double valueForPosition(int position);
    /// Compact text for a scale: plain decimals when 10^minPlainExponent <= v < 1e4
    /// ("0.001", "0.25", "10"), otherwise short scientific ("1e-4", "2.5e-5", "1e6").
    static QString formatValue(double value, int minPlainExponent = -3);

    QSlider *slider() const { return m_slider; }
    QDoubleSpinBox *spinBox() const { return m_spin; }

signals:
    void valueChanged(double value);

private:
    void onSliderMoved(int position);
    void onSpinChanged(double value);

    QSlider *m_slider = nullptr;
    QDoubleSpinBox *m_spin = nullptr;
    bool m_syncing = false;
};

} // namespace reglab::ui
