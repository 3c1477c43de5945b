// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/number_box.h"

#include "ui/editor/number_text.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

const QColor kErrorColor(0xb3, 0x26, 0x1e);

/// Twelve significant digits: 0.1 + 0.2 steps to 0.3, not 0.30000000000000004.
double tidy(double v) {
    return QString::number(v, 'g', 12).toDouble();
}

} // namespace

NumberBox::NumberBox(Kind kind, QWidget *parent)
    : QAbstractSpinBox(parent)
    , m_kind(kind) {
    setAccelerated(true);
    lineEdit()->setText(textFromValue(m_value));
    connect(this, &QAbstractSpinBox::editingFinished, this, &NumberBox::commit);
    connect(lineEdit(), &QLineEdit::textEdited, this, &NumberBox::recheck);
    installEventFilter(this);
}

void NumberBox::setRange(const Range &range) {
    m_range = range;
    updateGeometry();
}

void NumberBox::setSpecialValue(double value, const QString &text) {
    m_hasSpecial = true;
    m_specialValue = value;
    m_specialText = text;
    if (m_value == value && m_error.isEmpty())
        lineEdit()->setText(textFromValue(value));
    updateGeometry();
}

int NumberBox::intValue() const {
    return int(std::lround(m_value));
}

void NumberBox::setValue(double value) {
    if (value == m_value && !m_error.isEmpty())
        return; // keep the text being fixed: the document moved elsewhere
    setError({});
    apply(value);
}

void NumberBox::apply(double value) {
    const bool changed = value != m_value;
    m_value = value;
    // setText also drops the field's own undo history: from here Ctrl+Z is the app's.
    lineEdit()->setText(textFromValue(value));
    update();
    if (changed)
        emit valueChanged(value);
}

QString NumberBox::textFromValue(double value) const {
    if (m_hasSpecial && value == m_specialValue)
        return m_specialText;
    if (m_kind == Kind::Whole)
        return QString::number(qint64(std::llround(value)));
    return formatCompact(value);
}

QString NumberBox::boundText(double bound) const {
    return m_kind == Kind::Whole ? QString::number(qint64(std::llround(bound)))
                                 : formatCompact(bound);
}

QString NumberBox::rangeText() const {
    const QString lo = boundText(m_range.min);
    const QString hi = boundText(m_range.max);
    if (m_range.minOpen && m_range.maxOpen)
        return tr("Allowed: more than %1 and less than %2.").arg(lo, hi);
    if (m_range.minOpen)
        return tr("Allowed: more than %1, up to %2.").arg(lo, hi);
    if (m_range.maxOpen)
        return tr("Allowed: %1 or more, less than %2.").arg(lo, hi);
    return tr("Allowed: %1 to %2.").arg(lo, hi);
}

QString NumberBox::check(const QString &text, double *value) const {
    const QString shown = text.trimmed();
    if (m_hasSpecial && shown.compare(m_specialText, Qt::CaseInsensitive) == 0) {
        *value = m_specialValue;
        return {};
    }
    const ParsedNumber parsed =
        m_kind == Kind::Whole ? parseWhole(shown, locale()) : parseDecimal(shown, locale());
    QString problem;
    switch (parsed.problem) {
    case NumberProblem::None:
        if (m_range.contains(parsed.value)) {
            *value = parsed.value;
            return {};
        }
        problem = tr("%1 is out of range.").arg(shown);
        break;
    case NumberProblem::Empty:
        problem = tr("Type a number.");
        break;
    case NumberProblem::NotANumber:
        problem = tr("“%1” is not a number.").arg(shown);
        break;
    case NumberProblem::NotWhole:
        problem = tr("“%1” is not a whole number: type digits only, no separators.").arg(shown);
        break;
    case NumberProblem::Ambiguous:
        problem = tr("“%1” is ambiguous: type it without thousands separators, with one "
                     "decimal point or comma (0.01 or 0,01).")
                      .arg(shown);
        break;
    }
    return problem + QLatin1Char(' ') + rangeText();
}

void NumberBox::commit() {
    const QString text = lineEdit()->text();
    if (m_error.isEmpty() && text == textFromValue(m_value))
        return; // nothing typed
    double value = m_value;
    const QString problem = check(text, &value);
    if (!problem.isEmpty()) {
        setError(problem);
        return;
    }
    setError({});
    apply(value);
}

void NumberBox::recheck() {
    // While a refusal shows, it follows the typing (and goes once the text is right), but
    // nothing is committed before Enter or leaving the field.
    if (m_error.isEmpty())
        return;
    double value = 0.0;
    setError(check(lineEdit()->text(), &value));
}

void NumberBox::setError(const QString &message) {
    if (message == m_error)
        return;
    m_error = message;
    setAccessibleDescription(message);
    update(); // the red frame
    if (m_bubble && !message.isEmpty() && !m_message) {
        auto *bubble = new QLabel(window() == this ? this : window());
        bubble->setObjectName(QStringLiteral("numberBoxBubble"));
        bubble->setWordWrap(true);
        bubble->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8c1d18; "
                                             "border: 1px solid #b3261e; border-radius: 3px; "
                                             "padding: 4px 6px; }"));
        bubble->setAttribute(Qt::WA_TransparentForMouseEvents);
        bubble->window()->installEventFilter(this);
        m_message = bubble;
    }
    if (m_message) {
        m_message->setText(message);
        m_message->setVisible(!message.isEmpty() && (!m_bubble || isVisible()));
        if (m_bubble)
            placeBubble();
    }
    emit errorChanged(message);
}

void NumberBox::setMessageLabel(QLabel *label) {
    if (m_bubble && m_message)
        delete m_message;
    m_bubble = false;
    m_message = label;
    if (!label)
        return;
    label->setWordWrap(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, kErrorColor);
    label->setPalette(palette);
    label->setText(m_error);
    label->setVisible(!m_error.isEmpty());
}

QWidget *NumberBox::withMessageBelow() {
    auto *field = new QWidget;
    auto *layout = new QVBoxLayout(field);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(this);
    auto *label = new QLabel(field);
    label->setObjectName(objectName() + QStringLiteral("Message"));
    layout->addWidget(label);
    setMessageLabel(label);
    return field;
}

void NumberBox::placeBubble() {
    if (!m_message || !m_bubble || m_message->isHidden())
        return;
    QWidget *host = m_message->parentWidget();
    const int width = std::min(320, std::max(160, host->width() - 8));
    m_message->setFixedWidth(width);
    m_message->adjustSize();
    QPoint at = mapTo(host, QPoint(0, height() + 2));
    at.setX(std::clamp(at.x(), 4, std::max(4, host->width() - width - 4)));
    m_message->move(at);
    m_message->raise();
}

bool NumberBox::eventFilter(QObject *watched, QEvent *event) {
    switch (event->type()) {
    case QEvent::Move:
    case QEvent::Resize:
    case QEvent::LayoutRequest:
        placeBubble();
        break;
    case QEvent::Show:
    case QEvent::Hide:
        if (watched == this && m_bubble && m_message) {
            m_message->setVisible(!m_error.isEmpty() && event->type() == QEvent::Show);
            placeBubble();
        }
        break;
    default:
        break;
    }
    return QAbstractSpinBox::eventFilter(watched, event);
}

double NumberBox::steppedValue(double from, int steps) const {
    double to = tidy(from + steps * m_step);
    if (m_kind == Kind::Whole)
        to = std::round(to);
    // At an end the arrows stop: a step never jumps over the range to a clamped value.
    if (!m_range.contains(to))
        to = steps > 0 ? (m_range.maxOpen ? from : std::max(from, m_range.max))
                       : (m_range.minOpen ? from : std::min(from, m_range.min));
    return to;
}

void NumberBox::stepBy(int steps) {
    if (steps == 0)
        return;
    setError({});
    apply(steppedValue(m_value, steps));
    selectAll();
}

QAbstractSpinBox::StepEnabled NumberBox::stepEnabled() const {
    if (isReadOnly())
        return StepNone;
    StepEnabled flags;
    if (steppedValue(m_value, 1) != m_value)
        flags |= StepUpEnabled;
    if (steppedValue(m_value, -1) != m_value)
        flags |= StepDownEnabled;
    return flags;
}

bool NumberBox::event(QEvent *event) {
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        // Nothing typed since the last commit: the field has no text edit to undo, so the
        // window's Undo/Redo shortcuts (the document's stack) get the keys.
        if ((key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo))
            && !lineEdit()->isModified()) {
            event->ignore();
            return true;
        }
    }
    return QAbstractSpinBox::event(event);
}

void NumberBox::revert() {
    setError({});
    lineEdit()->setText(textFromValue(m_value));
}

void NumberBox::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Escape && (!m_error.isEmpty() || lineEdit()->isModified())) {
        revert();
        selectAll();
        event->accept();
        return;
    }
    QAbstractSpinBox::keyPressEvent(event);
}

void NumberBox::paintEvent(QPaintEvent *event) {
    QAbstractSpinBox::paintEvent(event);
    if (m_error.isEmpty())
        return;
    QPainter painter(this);
    painter.setPen(QPen(kErrorColor, 2));
    painter.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1));
}

QSize NumberBox::sizeHint() const {
    QSize hint = QAbstractSpinBox::sizeHint();
    const QFontMetrics fm(fontMetrics());
    int text = fm.horizontalAdvance(textFromValue(m_range.max));
    text = std::max(text, fm.horizontalAdvance(textFromValue(m_range.min)));
    text = std::max(text, fm.horizontalAdvance(m_specialText));
    // Room for a typical typed decimal ("2.5e-4", "0.0125") whatever the range's ends.
    if (m_kind == Kind::Decimal)
        text = std::max(text, fm.horizontalAdvance(QStringLiteral("8.88e-8")));
    hint.rwidth() += text;
    return hint;
}

QSize NumberBox::minimumSizeHint() const {
    QSize hint = QAbstractSpinBox::minimumSizeHint();
    hint.rwidth() += fontMetrics().horizontalAdvance(QStringLiteral("0000"));
    return hint;
}

} // namespace reglab::ui
