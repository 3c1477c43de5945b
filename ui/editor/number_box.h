// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one number field of the app (run bar, layer inspector, data panel, compare setup).
// Typing is free; Enter or leaving the field commits. Text that is not a number in range
// (ui/editor/number_text.h has the rule) is refused with a message that says the allowed
// range, shown under the field until the text is fixed or Esc restores the value; the value,
// and so the document, keeps its previous value meanwhile. Nothing is clamped, sign-stripped
// or silently reverted. Once an edit is committed, Ctrl+Z and Ctrl+Shift+Z are the
// application's undo and redo, not the field's own text undo.

#include <QAbstractSpinBox>
#include <QPointer>

class QLabel;

namespace reglab::ui {

class NumberBox : public QAbstractSpinBox {
    Q_OBJECT
public:
    enum class Kind { Whole, Decimal };

    /// The accepted interval; an open end excludes its bound (a learning rate is > 0).
    struct Range {
        double min = 0.0;
        double max = 0.0;
        bool minOpen = false;
        bool maxOpen = false;

        bool contains(double v) const {
            return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
        }
    };

    explicit NumberBox(Kind kind, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    void setRange(double min, double max) { setRange(Range{min, max, false, false}); }
    void setRange(const Range &range);
    Range range() const { return m_range; }
    /// The arrow-key step of the linear stepping (LogSpinBox steps by its own policy).
    void setSingleStep(double step) { m_step = step; }
    /// A word shown for (and accepted as) `value`, e.g. "all" for a sample limit of 0.
    void setSpecialValue(double value, const QString &text);

    double value() const { return m_value; }
    int intValue() const;
    /// Shows `value` as it is (a value from a file outside the range is shown, not clamped)
    /// and emits valueChanged when it differs. Text that is refused and still being fixed
    /// stays when `value` is the one already held (the document changed elsewhere).
    void setValue(double value);

    /// Drops typed text and any refusal and shows the value held again (what Esc does).
    void revert();

    /// Why the typed text is refused (empty when it is not). Also the message's text.
    QString errorText() const { return m_error; }
    /// The message for `text`; empty, with `*value` set, when it is a number in range.
    QString check(const QString &text, double *value) const;
    /// "Allowed: 1 to 65536." for this box's range.
    QString rangeText() const;

    /// Where the message appears: a label the owner placed (for instance under the field in
    /// a form), or nowhere (nullptr: the owner shows errorText() itself when errorChanged
    /// says so). By default a bubble under the field on top of the window.
    void setMessageLabel(QLabel *label);
    /// This box above its own message label, ready for a form row.
    QWidget *withMessageBelow();

    void stepBy(int steps) override;
    QValidator::State validate(QString &, int &) const override { return QValidator::Acceptable; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    /// Text for a value (plain integers; decimals as formatCompact()).
    virtual QString textFromValue(double value) const;

signals:
    /// A new value: committed text, a step, or setValue().
    void valueChanged(double value);
    /// The refusal message appeared, changed or went away (empty).
    void errorChanged(const QString &message);

protected:
    /// The value `steps` steps away from `from`, or `from` when the range ends there.
    virtual double steppedValue(double from, int steps) const;
    StepEnabled stepEnabled() const override;
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void commit();
    void recheck();
    void apply(double value);
    void setError(const QString &message);
    void placeBubble();
    QString boundText(double bound) const;

    Kind m_kind;
    Range m_range{0.0, 1e6, false, false};
    double m_step = 1.0;
    double m_value = 0.0;
    bool m_hasSpecial = false;
    double m_specialValue = 0.0;
    QString m_specialText;
    QString m_error;
    QPointer<QLabel> m_message;
    bool m_bubble = true; // the message floats under the field (no label given)
};

} // namespace reglab::ui
