// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A regularization scale control: a slider that moves logarithmically over 1e-6..10 (with a
// "0" position at its left end meaning no penalty) next to a box holding the exact value in
// compact scientific notation. Fine control: the box's arrows change the second significant
// digit (1.0e-2, 1.1e-2, ...), and Shift+drag on the slider moves ten times slower than a
// plain drag, from where the handle was.

#include <QWidget>

class QLabel;
class QSlider;

namespace reglab::ui {

class LogSpinBox;

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
    /// A Shift+drag moves the value by one decade per this many pixels (a plain drag covers
    /// a decade in kStepsPerDecade slider steps, often fewer than 30 pixels).
    static constexpr double kFinePixelsPerDecade = 300.0;

    explicit LogScaleSlider(QWidget *parent = nullptr);

    double value() const;
    /// Shows `value` exactly in the spin box and moves the slider to the nearest position
    /// (values above 10 pin it to the right end). Emits valueChanged when the value changes.
    void setValue(double value);

    /// Slider position for a value: 0 for 0, else the nearest grid step (clamped).
    static int positionForValue(double value);
    /// Value at a slider position, rounded to two significant digits (1e-6, 1.1e-6, ...).
    static double valueForPosition(int position);
    /// The value a Shift+drag reaches `dx` pixels right of where it started at `from`
    /// (from 0 it starts at the grid's smallest value), with three significant digits.
    static double fineDragValue(double from, int dx);

    QSlider *slider() const { return m_slider; }
    LogSpinBox *spinBox() const { return m_spin; }
    QLabel *messageLabel() const { return m_message; }

signals:
    void valueChanged(double value);

private:
    void onSliderMoved(int position);
    void onSpinChanged(double value);
    bool eventFilter(QObject *watched, QEvent *event) override;

    QSlider *m_slider = nullptr;
    LogSpinBox *m_spin = nullptr;
    QLabel *m_message = nullptr;
    bool m_syncing = false;
    bool m_fineDrag = false;
    int m_fineStartX = 0;
    double m_fineStartValue = 0.0;
};

} // namespace reglab::ui
