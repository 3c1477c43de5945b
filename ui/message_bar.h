// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The message bar over the plots: a warning (training diverged) or an error (the experiment
// cannot run), with an optional Reset button and a close button.

#include <QFrame>
#include <QString>

class QLabel;
class QPushButton;

namespace reglab::ui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    enum class Kind { Warning, Error };

    /// Starts hidden.
    explicit MessageBar(QWidget *parent = nullptr);

    /// Shows `text` in the colours of `kind`; `offerReset` shows the Reset button.
    void showMessage(Kind kind, const QString &text, bool offerReset);
    QString text() const;

signals:
    /// Reset was pressed (the bar has hidden itself).
    void resetRequested();

private:
    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_reset = nullptr;
};

} // namespace reglab::ui
