// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lesson_viewer.h"

#include "ui/lessons/lesson_catalogue.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QVBoxLayout>

namespace reglab::ui {

LessonViewer::LessonViewer(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("lessonViewer"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(6);

    m_title = new QLabel(this);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_browser = new QTextBrowser(this);
    m_browser->setOpenExternalLinks(true);
    m_browser->setFrameShape(QFrame::NoFrame);
    m_browser->document()->setDocumentMargin(4);
    m_browser->document()->setIndentWidth(16); // lists: the default 40 px is a lot in a dock
    // A long command or file name breaks anywhere rather than running off the dock.
    m_browser->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout->addWidget(m_browser, 1);

    auto *buttons = new QHBoxLayout;
    m_previous = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Previous"), this);
    m_previous->setToolTip(tr("Open the previous lesson"));
    m_reload = new QPushButton(QIcon(QStringLiteral(":/icons/reset.svg")), tr("Reload"), this);
    m_reload->setToolTip(tr("Load this lesson's experiment again, as it was at the start"));
    m_next = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), tr("Next"), this);
    m_next->setToolTip(tr("Open the next lesson"));
    buttons->addWidget(m_previous);
    buttons->addStretch(1);
    buttons->addWidget(m_reload);
    buttons->addStretch(1);
    buttons->addWidget(m_next);
    layout->addLayout(buttons);

    connect(m_previous, &QPushButton::clicked, this,
            [this] { emit lessonRequested(m_lesson - 1); });
    connect(m_reload, &QPushButton::clicked, this, [this] { emit lessonRequested(m_lesson); });
    connect(m_next, &QPushButton::clicked, this, [this] { emit lessonRequested(m_lesson + 1); });

    showLesson(0, QStringLiteral("en"));
}

void LessonViewer::showLesson(int number, const QString &language) {
    m_lesson = LessonCatalogue::isValid(number) ? number : 0;
    if (m_lesson == 0) {
        m_title->setText(tr("Lessons"));
        m_browser->setHtml(tr("<p>Choose a lesson from the <b>Lessons</b> menu. Each one loads an "
                              "experiment and explains here what to watch and what to change "
                              "next.</p>"));
    } else {
        m_title->setText(LessonCatalogue::numberedTitle(m_lesson));
        m_browser->setHtml(LessonCatalogue::html(m_lesson, language));
    }
    wrapPreformattedText();
    m_previous->setEnabled(m_lesson > 1);
    m_reload->setEnabled(m_lesson > 0);
    m_next->setEnabled(m_lesson > 0 && m_lesson < LessonCatalogue::count());
}

void LessonViewer::wrapPreformattedText() {
    // <pre> blocks (shell commands) keep their line breaks and monospace font but wrap
    // at the dock's width like the rest of the text: a dock is too narrow for them.
    QTextDocument *doc = m_browser->document();
    QTextCursor cursor(doc);
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        QTextBlockFormat format = block.blockFormat();
        if (!format.nonBreakableLines())
            continue;
        format.setNonBreakableLines(false);
        cursor.setPosition(block.position());
        cursor.setBlockFormat(format);
    }
}

} // namespace reglab::ui
