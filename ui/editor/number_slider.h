// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A linear slider beside a NumberBox holding the exact value: drag for a quick setting, type
// for an exact one (the box's rules: refused text says the allowed range). The slider covers
// [sliderMin, sliderMax] in even steps; the box may accept more (a value beyond the slider
// pins the handle to its end).

#include "ui/editor/number_box.h"

#include <QWidget>

class QLabel;
class QSlider;

namespace reglab::ui {

class NumberSlider : public QWidget {
    Q_OBJECT
public:
    /// `steps` slider positions past the first cover [sliderMin, sliderMax].
    NumberSlider(NumberBox::Kind kind, double sliderMin, double sliderMax, int steps,
                 QWidget *parent = nullptr);

    double value() const { return m_box->value(); }
    /// Shows `value` in the box and moves the handle to the nearest position; emits
    /// valueChanged when the value changes.
    void setValue(double value);
    /// Moves the handle only (the box keeps its value), e.g. to a special value's place.
    void placeHandle(int position);
    /// The slider's span (the box's range is set on box()).
    void setSliderRange(double min, double max);

    /// The value at slider position `position` (whole numbers rounded for Kind::Whole).
    double valueForPosition(int position) const;
    /// The position nearest to `value`, clamped to the slider.
    int positionForValue(double value) const;

    QSlider *slider() const { return m_slider; }
    NumberBox *box() const { return m_box; }
    /// Where the box's refusals show, under the slider and the box.
    QLabel *messageLabel() const { return m_message; }

signals:
    /// A new value: from the slider, typed into the box, or setValue().
    void valueChanged(double value);

private:
    NumberBox *m_box;
    QSlider *m_slider;
    QLabel *m_message;
    double m_min;
    double m_max;
    int m_steps;
    bool m_syncing = false;
};

} // namespace reglab::ui
