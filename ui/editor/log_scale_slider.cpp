// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/log_scale_slider.h"

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QRegularExpression>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

/// A spin box that shows and parses scientific notation and steps along the slider's
/// logarithmic grid, so the arrow keys behave like the slider.
class ScientificSpinBox : public QDoubleSpinBox {
public:
    explicit ScientificSpinBox(QWidget *parent)
        : QDoubleSpinBox(parent) {
        // Enough decimals that QDoubleSpinBox's rounding keeps every value we show.
        setDecimals(12);
        setRange(0.0, LogScaleSlider::kMaxValue);
        setKeyboardTracking(false);
        setAccelerated(true);
    }

    QString textFromValue(double value) const override {
        return LogScaleSlider::formatValue(value);
    }

    double valueFromText(const QString &text) const override {
        bool ok = false;
        const double v = QLocale::c().toDouble(text.trimmed(), &ok);
        return ok ? v : value();
    }

    QValidator::State validate(QString &text, int &) const override {
        static const QRegularExpression shape(
            QStringLiteral("^\\s*[0-9]*\\.?[0-9]*([eE][-+]?[0-9]*)?\\s*$"));
        if (!shape.match(text).hasMatch())
            return QValidator::Invalid;
        bool ok = false;
        const double v = QLocale::c().toDouble(text.trimmed(), &ok);
        if (ok && v >= minimum() && v <= maximum())
            return QValidator::Acceptable;
        return QValidator::Intermediate;
    }

    void stepBy(int steps) override {
        const int position = LogScaleSlider::positionForValue(value()) + steps;
        setValue(LogScaleSlider::valueForPosition(
            std::clamp(position, 0, LogScaleSlider::kMaxPosition)));
    }

protected:
    StepEnabled stepEnabled() const override {
        StepEnabled flags;
        if (value() > 0.0)
            flags |= StepDownEnabled;
        if (LogScaleSlider::positionForValue(value()) < LogScaleSlider::kMaxPosition)
            flags |= StepUpEnabled;
        return flags;
    }
};

} // namespace

LogScaleSlider::LogScaleSlider(QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new ScientificSpinBox(this)) {
    m_slider->setRange(0, kMaxPosition);
    m_slider->setSingleStep(1);
    m_slider->setPageStep(kStepsPerDecade); // PgUp/PgDn: one decade
    m_slider->setFocusPolicy(Qt::StrongFocus);
    m_slider->setToolTip(tr("Logarithmic: 0 at the left end, then 1e-6 to 10"));
    m_spin->setToolTip(tr("Exact value (scientific notation accepted, e.g. 5e-4)"));
    m_spin->setMinimumWidth(m_spin->fontMetrics().horizontalAdvance(QStringLiteral("8.88e-88"))
                            + 36);
    setFocusProxy(m_slider);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_spin);

    // valueChanged (not sliderMoved) so that keyboard and wheel moves count too.
    connect(m_slider, &QSlider::valueChanged, this, &LogScaleSlider::onSliderMoved);
    connect(m_spin, &QDoubleSpinBox::valueChanged, this, &LogScaleSlider::onSpinChanged);
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

QString LogScaleSlider::formatValue(double value, int minPlainExponent) {
    if (value == 0.0)
        return QStringLiteral("0");
    if (!std::isfinite(value))
        return QString::number(value);
    const double magnitude = std::abs(value);
    const int exponent = int(std::floor(std::log10(magnitude)));
    if (exponent >= minPlainExponent && exponent < 4)
        return QString::number(value, 'g', 6);
    // Short scientific: mantissa without trailing zeros, exponent without '+' or padding.
    QString text = QString::number(value, 'e', 5);
    const qsizetype e = text.indexOf(QLatin1Char('e'));
    QString mantissa = text.left(e);
    int power = text.mid(e + 1).toInt();
    if (mantissa.contains(QLatin1Char('.'))) {
        while (mantissa.endsWith(QLatin1Char('0')))
            mantissa.chop(1);
        if (mantissa.endsWith(QLatin1Char('.')))
            mantissa.chop(1);
    }
    return mantissa + QLatin1Char('e') + QString::number(power);
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
