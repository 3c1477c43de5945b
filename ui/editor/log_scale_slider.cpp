// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/log_scale_slider.h"

#include "ui/editor/log_spin_box.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

LogScaleSlider::LogScaleSlider(QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new LogSpinBox(LogSpinBox::Stepping::TwoDigits, this))
    , m_message(new QLabel(this)) {
    m_spin->setRange(0.0, kMaxValue);
    m_spin->setSmallestStep(valueForPosition(1));
    m_slider->setRange(0, kMaxPosition);
    m_slider->setSingleStep(1);
    m_slider->setPageStep(kStepsPerDecade); // PgUp/PgDn: one decade
    m_slider->setFocusPolicy(Qt::StrongFocus);
    m_slider->setToolTip(tr("Logarithmic: 0 at the left end, then 1e-6 to 10. "
                            "Shift+drag for fine steps."));
    m_spin->setToolTip(tr("Exact value (scientific notation accepted, e.g. 5e-4; a decimal "
                          "comma too). The arrows change the second digit."));
    m_spin->setMinimumWidth(m_spin->fontMetrics().horizontalAdvance(QStringLiteral("8.88e-88"))
                            + 36);
    setFocusProxy(m_slider);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    row->setSpacing(6);
    row->addWidget(m_slider, 1);
    row->addWidget(m_spin);
    layout->addLayout(row);
    layout->addWidget(m_message);
    m_spin->setMessageLabel(m_message);

    // valueChanged (not sliderMoved) so that keyboard and wheel moves count too.
    connect(m_slider, &QSlider::valueChanged, this, &LogScaleSlider::onSliderMoved);
    connect(m_spin, &LogSpinBox::valueChanged, this, &LogScaleSlider::onSpinChanged);
    m_slider->installEventFilter(this);
}

double LogScaleSlider::value() const {
    return m_spin->value();
}

void LogScaleSlider::setValue(double value) {
    m_spin->setValue(value); // emits through onSpinChanged when it changes
}

int LogScaleSlider::positionForValue(double value) {
    if (!(value > 0.0))
        return 0;
    const double steps = (std::log10(value) - kMinExponent) * kStepsPerDecade;
    const long position = 1 + std::lround(steps);
    return int(std::clamp<long>(position, 1, kMaxPosition));
}

double LogScaleSlider::valueForPosition(int position) {
    if (position <= 0)
        return 0.0;
    position = std::min(position, kMaxPosition);
    const double exponent = kMinExponent + double(position - 1) / kStepsPerDecade;
    // Through decimal text so that 1e-3 is exactly the double the literal 1e-3 gives.
    return QString::number(std::pow(10.0, exponent), 'g', 2).toDouble();
}

double LogScaleSlider::fineDragValue(double from, int dx) {
    const double start = from > 0.0 ? from : valueForPosition(1);
    // v = v0 · 10^(dx / pixels per decade), kept between the grid's ends.
    const double v = start * std::pow(10.0, dx / kFinePixelsPerDecade);
    const double clamped = std::clamp(v, valueForPosition(1), std::max(start, 10.0));
    return QString::number(clamped, 'g', 3).toDouble();
}

bool LogScaleSlider::eventFilter(QObject *watched, QEvent *event) {
    const QEvent::Type type = event->type();
    const bool isMouse = type == QEvent::MouseButtonPress || type == QEvent::MouseMove
                         || type == QEvent::MouseButtonRelease;
    if (watched != m_slider || !isMouse)
        return QWidget::eventFilter(watched, event);
    const auto *mouse = static_cast<QMouseEvent *>(event);
    switch (type) {
    case QEvent::MouseButtonPress:
        if (mouse->button() == Qt::LeftButton && (mouse->modifiers() & Qt::ShiftModifier)) {
            m_fineDrag = true;
            m_fineStartX = int(mouse->position().x());
            m_fineStartValue = value();
            m_slider->setSliderDown(true); // one drag: one undo step, as a plain drag
            return true;
        }
        break;
    case QEvent::MouseMove:
        if (m_fineDrag) {
            setValue(fineDragValue(m_fineStartValue, int(mouse->position().x()) - m_fineStartX));
            return true;
        }
        break;
    case QEvent::MouseButtonRelease:
        if (m_fineDrag) {
            m_fineDrag = false;
            m_slider->setSliderDown(false);
            return true;
        }
        break;
    default:
        break;
    }
    return QWidget::eventFilter(watched, event);
}

void LogScaleSlider::onSliderMoved(int position) {
    if (m_syncing)
        return;
    // Leaving the spin box alone when it already sits on this grid step keeps exact values
    // (e.g. 0.00123) from being rounded by a slider that did not really move.
    if (positionForValue(m_spin->value()) == position)
        return;
    m_spin->setValue(valueForPosition(position));
}

void LogScaleSlider::onSpinChanged(double value) {
    m_syncing = true;
    m_slider->setValue(positionForValue(value));
    m_syncing = false;
    emit valueChanged(value);
}

} // namespace reglab::ui
