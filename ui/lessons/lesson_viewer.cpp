// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lesson_viewer.h"

#include "core/data/dataset.h"
#include "core/lesson/lesson_run.h"
#include "ui/lessons/lesson_catalogue.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>

namespace reglab::ui {

namespace {

/// How often the checks and the numbers in the text follow a running training at most.
constexpr int kRefreshMs = 200;

QString localized(const LocalizedText &text, const std::string &language) {
    return QString::fromStdString(text.in(language));
}

} // namespace

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

    // The checks of one step: which step, a button that loads its experiment, one line each.
    auto *box = new QGroupBox(tr("Checks on your run"), this);
    box->setObjectName(QStringLiteral("lessonChecks"));
    m_checksBox = box;
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(6, 6, 6, 6);
    boxLayout->setSpacing(4);
    auto *stepRow = new QHBoxLayout;
    m_stepCombo = new QComboBox(box);
    m_stepCombo->setObjectName(QStringLiteral("lessonStepCombo"));
    m_stepCombo->setToolTip(tr("The step whose checks are shown; the run in the window counts "
                               "for it"));
    m_stepCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_stepCombo->setMinimumContentsLength(12);
    m_setUp = new QPushButton(tr("Set up"), box);
    m_setUp->setObjectName(QStringLiteral("lessonSetUpButton"));
    m_setUp->setToolTip(tr("Load this step's experiment into the window, ready to train"));
    stepRow->addWidget(m_stepCombo, 1);
    stepRow->addWidget(m_setUp);
    boxLayout->addLayout(stepRow);
    m_checksLayout = new QVBoxLayout;
    m_checksLayout->setSpacing(3);
    boxLayout->addLayout(m_checksLayout);
    layout->addWidget(box);

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

    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshMs);
    connect(m_refreshTimer, &QTimer::timeout, this, &LessonViewer::refreshNow);

    connect(m_previous, &QPushButton::clicked, this,
            [this] { emit lessonRequested(m_lesson - 1); });
    connect(m_reload, &QPushButton::clicked, this, [this] {
        if (m_lesson > 0)
            emit lessonRequested(m_lesson);
        else
            emit folderReloadRequested();
    });
    connect(m_next, &QPushButton::clicked, this, [this] { emit lessonRequested(m_lesson + 1); });
    connect(m_stepCombo, &QComboBox::activated, this, &LessonViewer::setCurrentStep);
    connect(m_setUp, &QPushButton::clicked, this, [this] { emit stepRequested(m_step); });

    showLesson(0, QStringLiteral("en"));
}

void LessonViewer::showLesson(int number, const QString &language) {
    const int valid = LessonCatalogue::isValid(number) ? number : 0;
    showData(valid ? LessonCatalogue::lesson(valid) : nullptr, valid,
             valid ? LessonCatalogue::experimentPath(valid) : QString(), language);
}

void LessonViewer::showLessonFolder(std::shared_ptr<const Lesson> lesson,
                                    const QString &experimentPath, const QString &language) {
    showData(std::move(lesson), 0, experimentPath, language);
}

void LessonViewer::showData(std::shared_ptr<const Lesson> lesson, int number, const QString &path,
                            const QString &language) {
    m_data = std::move(lesson);
    m_lesson = m_data ? number : 0;
    m_experimentPath = m_data ? path : QString();
    m_language = language.toStdString();
    m_runs.clear();
    m_step = 0;
    m_shownHtml.clear();
    if (!m_data) {
        m_title->setText(tr("Lessons"));
        m_browser->setHtml(tr("<p>Choose a lesson from the <b>Lessons</b> menu. Each one loads an "
                              "experiment and explains here what to watch and what to change "
                              "next.</p>"));
        wrapPreformattedText();
    } else {
        const QString title = localized(m_data->title, m_language);
        m_title->setText(m_lesson > 0 ? LessonCatalogue::numberedTitle(m_lesson) : title);
    }
    m_stepCombo->clear();
    if (m_data) {
        for (std::size_t s = 0; s < m_data->steps.size(); ++s) {
            const QString text =
                tr("Step %1: %2").arg(s + 1).arg(localized(m_data->steps[s].title, m_language));
            m_stepCombo->addItem(text);
            m_stepCombo->setItemData(int(s), text, Qt::ToolTipRole); // the dock may cut it
        }
    }
    m_checksBox->setVisible(m_data != nullptr);
    rebuildChecks();
    refreshNow();
    m_previous->setEnabled(m_lesson > 1);
    m_reload->setEnabled(m_data != nullptr);
    m_next->setEnabled(m_lesson > 0 && m_lesson < LessonCatalogue::count());
}

void LessonViewer::setCurrentStep(int step) {
    if (!m_data || step < 0 || step >= int(m_data->steps.size()))
        return;
    m_step = step;
    if (m_stepCombo->currentIndex() != step)
        m_stepCombo->setCurrentIndex(step);
    rebuildChecks();
    refreshNow();
}

QLabel *LessonViewer::checkLabel(int index) const {
    return index >= 0 && index < int(m_checkLabels.size()) ? m_checkLabels[std::size_t(index)]
                                                           : nullptr;
}

void LessonViewer::rebuildChecks() {
    for (QLabel *label : m_checkLabels)
        delete label;
    m_checkLabels.clear();
    m_checkStates.clear();
    if (!m_data)
        return;
    for (std::size_t c = 0; c < m_data->steps[std::size_t(m_step)].checks.size(); ++c) {
        auto *label = new QLabel(m_checksBox);
        label->setObjectName(QStringLiteral("lessonCheck%1").arg(c));
        label->setWordWrap(true);
        label->setTextFormat(Qt::RichText);
        m_checksLayout->addWidget(label);
        m_checkLabels.push_back(label);
        m_checkStates.push_back(false);
    }
}

void LessonViewer::applySnapshot(const TrainingSnapshot &snapshot) {
    if (!m_data)
        return;
    LessonRun &run = m_runs[m_data->steps[std::size_t(m_step)].id];
    if (snapshot.reset)
        run.epochs.clear();
    for (const EpochMetrics &m : snapshot.epochs) {
        if (!run.epochs.empty() && m.epoch <= run.epochs.back().epoch)
            run.epochs.clear(); // a run that started again without saying so
        EpochMetrics copy = m;
        for (LayerMetrics &layer : copy.layers) { // the checks read numbers only
            layer.histogram = {};
            layer.details.reset(); // otherwise each epoch's weight details stay alive
            layer.unitFlags = {};
        }
        run.epochs.push_back(std::move(copy));
    }
    if (snapshot.reset)
        run.earlyStopping.reset();
    if (snapshot.earlyStopping) // what early stopping has done so far
        run.earlyStopping = LessonEarlyStopping{snapshot.earlyStopping->stoppedEpoch,
                                                snapshot.earlyStopping->bestEpoch,
                                                snapshot.earlyStopping->restoredEpoch};
    run.trainMajorityShare = m_shares.trainMajorityShare;
    run.testMajorityShare = m_shares.testMajorityShare;
    run.valMajorityShare = m_shares.valMajorityShare;
    scheduleRefresh();
}

void LessonViewer::setDataset(const Dataset &dataset) {
    setMajorityShares(m_shares, dataset);
}

void LessonViewer::scheduleRefresh() {
    if (!m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void LessonViewer::refreshNow() {
    m_refreshTimer->stop();
    refreshChecks();
    refreshText();
}

void LessonViewer::refreshChecks() {
    if (!m_data)
        return;
    const LessonStep &step = m_data->steps[std::size_t(m_step)];
    for (std::size_t c = 0; c < step.checks.size() && c < m_checkLabels.size(); ++c) {
        const CheckOutcome outcome =
            evaluateExpectation(step.checks[c].expectation, m_runs, step.id);
        m_checkStates[c] = outcome.holds;
        const QString mark = outcome.holds
                                 ? QStringLiteral("<b style=\"color:#1a7f37\">✓</b>")
                                 : QStringLiteral("<span style=\"color:#8a6d00\">%1</span>")
                                       .arg(tr("not yet").toHtmlEscaped());
        QString text = mark + QStringLiteral("&nbsp; ")
                       + localized(step.checks[c].claim, m_language).toHtmlEscaped();
        if (!outcome.measured.empty())
            text += QStringLiteral("<br><span style=\"color:#666666\">%1</span>")
                        .arg(tr("yours: %1")
                                 .arg(QString::fromStdString(outcome.measured))
                                 .toHtmlEscaped());
        m_checkLabels[c]->setText(text);
    }
}

void LessonViewer::refreshText() {
    if (!m_data)
        return;
    const std::string filled =
        fillLessonText(m_data->html.in(m_language), m_runs, m_data->steps.front().id, "…");
    const QString html = QString::fromStdString(filled);
    if (html == m_shownHtml)
        return;
    m_shownHtml = html;
    // The student may be reading further down: keep the place while the numbers change.
    const int scroll = m_browser->verticalScrollBar()->value();
    m_browser->setHtml(html);
    wrapPreformattedText();
    m_browser->verticalScrollBar()->setValue(scroll);
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
