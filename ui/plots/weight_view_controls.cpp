// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/weight_view_controls.h"

#include "ui/plots/plot_export.h"

#include <QActionGroup>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>
#include <QWidgetAction>

#include <cmath>

namespace reglab::ui {

WeightViewControls::WeightViewControls(bool withLatest, QWidget *parent)
    : QWidget(parent)
    , m_withLatest(withLatest) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    m_view = new QComboBox;
    m_view->setObjectName(QStringLiteral("weightViewCombo"));
    m_view->setFont(plotFont(8.5));
    if (withLatest)
        m_view->addItem(tr("Newest epoch"), int(View::Latest));
    m_view->addItem(tr("Distributions over time"), int(View::Distributions));
    m_view->addItem(tr("Histograms over time"), int(View::Ridge));
    m_view->setToolTip(
        tr("Distributions: percentile bands (the middle 38%, 68%, 87% and all of the weights "
           "around the median), the share of |w| below a threshold (dashed, right axis) and "
           "the norms under it. Histograms over time: each kept epoch's histogram as a row, "
           "the newest in front"));
    layout->addWidget(m_view);

    m_menu = new QMenu(this);
    m_menu->setObjectName(QStringLiteral("weightViewMenu"));
    m_bias = addCheck(tr("Bias instead of kernel"), QStringLiteral("biasAction"));
    m_menu->addSeparator();
    QMenu *thresholds = m_menu->addMenu(tr("Near-zero threshold"));
    auto *group = new QActionGroup(this);
    for (std::size_t i = 0; i < kNearZeroThresholds.size(); ++i) {
        const QString t =
            QStringLiteral("1e%1").arg(int(std::lround(std::log10(kNearZeroThresholds[i]))));
        QAction *a = thresholds->addAction(tr("|w| < %1").arg(t));
        a->setObjectName(QStringLiteral("threshold_") + t);
        a->setCheckable(true);
        a->setChecked(i == 1);
        group->addAction(a);
        connect(a, &QAction::toggled, this, [this](bool on) {
            if (on && !m_quiet)
                emit changed();
        });
        m_thresholds.push_back(a);
    }
    m_menu->addSeparator();
    m_robust = addCheck(tr("Robust range (0.5–99.5 %, outliers in the end bins)"),
                        QStringLiteral("robustAction"));
    m_log = addCheck(tr("Log count axis"), QStringLiteral("logCountAction"));
    m_overlay = addCheck(tr("Overlay the epochs (no offset)"), QStringLiteral("overlayAction"));
    m_menu->addSeparator();

    auto *range = new QWidget;
    auto *rangeLayout = new QHBoxLayout(range);
    rangeLayout->setContentsMargins(8, 2, 8, 2);
    m_from = new QSpinBox;
    m_from->setObjectName(QStringLiteral("fromEpoch"));
    m_from->setRange(0, 0);
    m_to = new QSpinBox;
    m_to->setObjectName(QStringLiteral("toEpoch"));
    m_to->setRange(-1, 0);
    m_to->setSpecialValueText(tr("newest"));
    m_to->setValue(-1);
    rangeLayout->addWidget(new QLabel(tr("Epochs")));
    rangeLayout->addWidget(m_from);
    rangeLayout->addWidget(new QLabel(QStringLiteral("–")));
    rangeLayout->addWidget(m_to);
    auto *rangeAction = new QWidgetAction(this);
    rangeAction->setDefaultWidget(range);
    m_menu->addAction(rangeAction);
    for (QSpinBox *box : {m_from, m_to}) {
        connect(box, &QSpinBox::valueChanged, this, [this] {
            if (!m_quiet)
                emit changed();
        });
    }

    m_button = new QToolButton;
    m_button->setObjectName(QStringLiteral("weightViewOptions"));
    m_button->setText(tr("Options"));
    m_button->setFont(plotFont(8.5));
    m_button->setMenu(m_menu);
    m_button->setPopupMode(QToolButton::InstantPopup);
    layout->addWidget(m_button);

    connect(m_view, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        if (!m_quiet)
            emit changed();
    });
    updateEnabled();
}

QAction *WeightViewControls::addCheck(const QString &text, const QString &objectName) {
    QAction *a = m_menu->addAction(text);
    a->setObjectName(objectName);
    a->setCheckable(true);
    connect(a, &QAction::toggled, this, [this] {
        if (!m_quiet)
            emit changed();
    });
    return a;
}

void WeightViewControls::updateEnabled() {
    const View v = view();
    m_button->setEnabled(v != View::Latest);
    for (QAction *a : {m_robust, m_log, m_overlay})
        a->setEnabled(v == View::Ridge);
}

WeightViewControls::View WeightViewControls::view() const {
    return View(m_view->currentData().toInt());
}

void WeightViewControls::setView(View view) {
    const int index = m_view->findData(int(view));
    if (index >= 0)
        m_view->setCurrentIndex(index);
}

WeightViewOptions WeightViewControls::options() const {
    WeightViewOptions o;
    o.mode = view() == View::Ridge ? WeightViewOptions::Mode::Ridge
                                   : WeightViewOptions::Mode::Distributions;
    o.tensor = m_bias->isChecked() ? WeightTensor::Bias : WeightTensor::Kernel;
    for (std::size_t i = 0; i < m_thresholds.size(); ++i) {
        if (m_thresholds[i]->isChecked())
            o.threshold = int(i);
    }
    o.robust = m_robust->isChecked();
    o.logCount = m_log->isChecked();
    o.overlay = m_overlay->isChecked();
    o.firstEpoch = m_from->value();
    o.lastEpoch = m_to->value() < 0 ? INT_MAX : m_to->value();
    return o;
}

void WeightViewControls::setOptions(const WeightViewOptions &o) {
    m_quiet = true;
    m_bias->setChecked(o.tensor == WeightTensor::Bias);
    if (o.threshold >= 0 && o.threshold < int(m_thresholds.size()))
        m_thresholds[std::size_t(o.threshold)]->setChecked(true);
    m_robust->setChecked(o.robust);
    m_log->setChecked(o.logCount);
    m_overlay->setChecked(o.overlay);
    m_from->setMaximum(std::max(m_from->maximum(), o.firstEpoch));
    m_from->setValue(o.firstEpoch);
    const int to = o.lastEpoch == INT_MAX ? -1 : o.lastEpoch;
    m_to->setMaximum(std::max(m_to->maximum(), to));
    m_to->setValue(to);
    if (view() != View::Latest)
        setView(o.mode == WeightViewOptions::Mode::Ridge ? View::Ridge : View::Distributions);
    m_quiet = false;
    emit changed();
}

void WeightViewControls::setNewestEpoch(int epoch) {
    const bool quiet = m_quiet;
    m_quiet = true;
    m_from->setMaximum(std::max(epoch, m_from->value()));
    m_to->setMaximum(std::max(epoch, m_to->value()));
    m_quiet = quiet;
}

} // namespace reglab::ui
