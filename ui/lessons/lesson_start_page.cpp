// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lesson_start_page.h"

#include "ui/lessons/lesson_catalogue.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStyle>
#include <QVBoxLayout>

namespace reglab::ui {

namespace {

const QString kShowKey = QStringLiteral("startPage/showAtStartup");

} // namespace

LessonStartPage::LessonStartPage(const QStringList &recentFiles, QWidget *parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("startPage"));
    setWindowTitle(tr("Welcome to RegLab"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/app.svg")));
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(10);

    auto *heading = new QLabel(tr("<h2>Welcome to RegLab</h2><p>Watch a network overfit and "
                                  "see what L1 and L2 regularization do about it. Start with a "
                                  "lesson, or open an experiment.</p>"),
                               this);
    heading->setWordWrap(true);
    layout->addWidget(heading);

    auto *lessonsBox = new QGroupBox(tr("Lessons"), this);
    auto *lessonsLayout = new QVBoxLayout(lessonsBox);
    m_lessons = new QListWidget(lessonsBox);
    m_lessons->setWordWrap(true);
    m_lessons->setSpacing(2);
    for (int n = 1; n <= LessonCatalogue::count(); ++n) {
        auto *item = new QListWidgetItem(LessonCatalogue::numberedTitle(n) + QLatin1Char('\n')
                                         + LessonCatalogue::summary(n));
        item->setData(Qt::UserRole, n);
        item->setToolTip(LessonCatalogue::summary(n));
        m_lessons->addItem(item);
    }
    m_lessons->setCurrentRow(0);
    lessonsLayout->addWidget(m_lessons);
    m_openLesson = new QPushButton(style()->standardIcon(QStyle::SP_DialogOpenButton),
                                   tr("Open lesson"), lessonsBox);
    m_openLesson->setDefault(true);
    lessonsLayout->addWidget(m_openLesson, 0, Qt::AlignRight);
    layout->addWidget(lessonsBox, 3);

    auto *filesBox = new QGroupBox(tr("Experiments"), this);
    auto *filesLayout = new QVBoxLayout(filesBox);
    auto *fileButtons = new QHBoxLayout;
    auto *builtin = new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")),
                                    tr("Open built-in experiment"), filesBox);
    builtin->setToolTip(tr("The default experiment: noisy moons and a wide network, ready to "
                           "press Play"));
    auto *openFile =
        new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("Open file…"), filesBox);
    fileButtons->addWidget(builtin);
    fileButtons->addWidget(openFile);
    fileButtons->addStretch(1);
    filesLayout->addLayout(fileButtons);
    filesLayout->addWidget(new QLabel(tr("Recent files"), filesBox));
    m_recent = new QListWidget(filesBox);
    for (const QString &path : recentFiles) {
        auto *item = new QListWidgetItem(QFileInfo(path).fileName());
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
        m_recent->addItem(item);
    }
    if (recentFiles.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No recent files"));
        none->setFlags(Qt::NoItemFlags);
        m_recent->addItem(none);
    }
    m_recent->setMaximumHeight(m_recent->sizeHintForRow(0) * 5 + 2 * m_recent->frameWidth() + 4);
    filesLayout->addWidget(m_recent);
    layout->addWidget(filesBox, 1);

    auto *bottom = new QHBoxLayout;
    m_showCheck = new QCheckBox(tr("Show at startup"), this);
    m_showCheck->setChecked(showAtStartup());
    auto *close = new QPushButton(tr("Close"), this);
    bottom->addWidget(m_showCheck);
    bottom->addStretch(1);
    bottom->addWidget(close);
    layout->addLayout(bottom);

    connect(m_showCheck, &QCheckBox::toggled, this, &LessonStartPage::setShowAtStartup);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_openLesson, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem *item = m_lessons->currentItem())
            chooseLesson(item->data(Qt::UserRole).toInt());
    });
    connect(m_lessons, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { chooseLesson(item->data(Qt::UserRole).toInt()); });
    connect(builtin, &QPushButton::clicked, this, [this] {
        accept();
        emit builtinChosen();
    });
    connect(openFile, &QPushButton::clicked, this, [this] {
        accept();
        emit openFileChosen();
    });
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const QString path = item->data(Qt::UserRole).toString();
        if (path.isEmpty())
            return;
        accept();
        emit recentFileChosen(path);
    });
    resize(560, 640);
}

bool LessonStartPage::showAtStartup() {
    return QSettings().value(kShowKey, true).toBool();
}

void LessonStartPage::setShowAtStartup(bool show) {
    QSettings().setValue(kShowKey, show);
}

void LessonStartPage::chooseLesson(int number) {
    if (!LessonCatalogue::isValid(number))
        return;
    accept();
    emit lessonChosen(number);
}

} // namespace reglab::ui
