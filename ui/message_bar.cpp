// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/message_bar.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace reglab::ui {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_reset(new QPushButton(QIcon(QStringLiteral(":/icons/reset.svg")), tr("Reset"), this)) {
    setObjectName(QStringLiteral("messageBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QPushButton(this);
    close->setFlat(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Hide this message"));
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reset);
    layout->addWidget(close);
    connect(close, &QPushButton::clicked, this, &QWidget::hide);
    connect(m_reset, &QPushButton::clicked, this, [this] {
        hide();
        emit resetRequested();
    });
    hide();
}

void MessageBar::showMessage(Kind kind, const QString &text, bool offerReset) {
    const bool error = kind == Kind::Error;
    setStyleSheet(
        error ? QStringLiteral("#messageBar { background: #fdecea; border: 1px solid #e57373; "
                               "border-radius: 4px; } QLabel { color: #8e1b1b; }")
              : QStringLiteral("#messageBar { background: #fff4e5; border: 1px solid #ffb74d; "
                               "border-radius: 4px; } QLabel { color: #6d3d00; }"));
    const QIcon icon =
        style()->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
    m_icon->setPixmap(icon.pixmap(22, 22));
    m_text->setText(text);
    m_reset->setVisible(offerReset);
    show();
}

QString MessageBar::text() const {
    return m_text->text();
}

} // namespace reglab::ui
