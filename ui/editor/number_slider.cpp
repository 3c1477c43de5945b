// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/number_slider.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

NumberSlider::NumberSlider(NumberBox::Kind kind, double sliderMin, double sliderMax, int steps,
                           QWidget *parent)
    : QWidget(parent)
    , m_box(new NumberBox(kind, this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_message(new QLabel(this))
    , m_min(sliderMin)
    , m_max(sliderMax)
    , m_steps(std::max(1, steps)) {
    m_slider->setRange(0, m_steps);
    m_slider->setPageStep(std::max(1, m_steps / 10));
    m_box->setMessageLabel(m_message);
    m_box->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 30);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_slider, 1);
    row->addWidget(m_box);
    layout->addLayout(row);
    layout->addWidget(m_message);
    setFocusProxy(m_box);

    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        if (!m_syncing)
            m_box->setValue(valueForPosition(position)); // the box emits, and so do we
    });
    connect(m_box, &NumberBox::valueChanged, this, [this](double value) {
        m_syncing = true;
        m_slider->setValue(positionForValue(value));
        m_syncing = false;
        emit valueChanged(value);
    });
}

void NumberSlider::setValue(double value) {
    m_syncing = true;
    m_slider->setValue(positionForValue(value));
    m_syncing = false;
    m_box->setValue(value);
}

void NumberSlider::placeHandle(int position) {
    m_syncing = true;
    m_slider->setValue(position);
    m_syncing = false;
}

void NumberSlider::setSliderRange(double min, double max) {
    m_min = min;
    m_max = std::max(min, max);
    m_syncing = true;
    m_slider->setValue(positionForValue(m_box->value()));
    m_syncing = false;
}

double NumberSlider::valueForPosition(int position) const {
    const double t = double(std::clamp(position, 0, m_steps)) / m_steps;
    const double value = m_min + t * (m_max - m_min);
    if (m_box->kind() == NumberBox::Kind::Whole)
        return std::round(value);
    // Whole steps print as the short decimals they are (0.05, not 0.05000000000000001).
    return std::round(value * 1e9) / 1e9;
}

int NumberSlider::positionForValue(double value) const {
    if (!(m_max > m_min) || !std::isfinite(value))
        return 0;
    const double t = (value - m_min) / (m_max - m_min);
    return int(std::lround(std::clamp(t, 0.0, 1.0) * m_steps));
}

} // namespace reglab::ui
