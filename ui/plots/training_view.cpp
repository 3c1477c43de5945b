// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/training_view.h"

#include "ui/plots/change_markers.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_fit.h"
#include "ui/plots/plot_look.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace reglab::ui {

TrainingView::TrainingView(const QString &plotObjectName, QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this)) {
    m_plot->setObjectName(plotObjectName);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    applyPlotStyle(m_plot);
    followPlotLook(m_plot);
}

void TrainingView::applySnapshot(const TrainingSnapshot &s) {
    if (s.reset)
        clearChangeMarkers();
    appendSnapshot(s);
    if (!m_changeMarkers)
        return;
    for (const LiveChange &change : s.changes)
        m_changeMarkers->add(change);
    for (const EpochMetrics &m : s.epochs) {
        if (m.parametersChanged)
            m_changeMarkers->addUnlabelled(m.epoch); // nothing when a change marks it
    }
    if (s.earlyStopping)
        m_changeMarkers->addEarlyStopping(*s.earlyStopping);
}

void TrainingView::clearChangeMarkers() {
    if (m_changeMarkers)
        m_changeMarkers->clear();
}

bool TrainingView::showsDataset(const Dataset &) const {
    return true;
}

void TrainingView::setupEpochAxis() {
    m_plot->xAxis->setLabel(tr("epoch"));
    m_plot->xAxis->setTicker(fittingIntegerTicker(m_plot->xAxis));
    if (!m_changeMarkers)
        m_changeMarkers = new ChangeMarkers(m_plot);
}

bool TrainingView::showsExperiment(const ExperimentSpec &, const Dataset &dataset) const {
    return showsDataset(dataset);
}

QCheckBox *TrainingView::addCornerCheckBox(const QString &text, const QString &objectName,
                                           const QString &toolTip) {
    // Every box of a view goes into one row in the top-right corner.
    auto *controls =
        m_plot->findChild<QWidget *>(QStringLiteral("cornerControls"), Qt::FindDirectChildrenOnly);
    const bool first = !controls;
    if (first) {
        controls = new QWidget;
        controls->setObjectName(QStringLiteral("cornerControls"));
        auto *layout = new QHBoxLayout(controls);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(10);
    }
    auto *check = new QCheckBox(text);
    check->setObjectName(objectName);
    check->setToolTip(toolTip);
    check->setFont(plotFont(8.5));
    controls->layout()->addWidget(check);
    if (first)
        placeCornerControls(m_plot, controls);
    return check;
}

QCPColorScale *TrainingView::addColorScale() {
    auto *scale = new QCPColorScale(m_plot);
    scale->setType(QCPAxis::atRight);
    scale->setBarWidth(10);
    QCPAxis *axis = scale->axis();
    axis->setTickLabelFont(plotFont(8));
    axis->setLabelFont(plotFont(8.5));
    axis->setBasePen(Qt::NoPen);
    axis->setTickPen(QPen(QColor(0xb4, 0xb8, 0xbe)));
    axis->setSubTickPen(Qt::NoPen);
    axis->ticker()->setTickCount(3);
    m_plot->plotLayout()->addElement(1, 1, scale);
    m_plot->plotLayout()->setColumnStretchFactor(1, 0.001);
    auto *group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    return scale;
}

QCPItemText *TrainingView::addNote() {
    auto *note = new QCPItemText(m_plot);
    note->position->setType(QCPItemPosition::ptAxisRectRatio);
    note->position->setCoords(0.5, 0.5);
    note->setFont(plotFont(9));
    note->setColor(QColor(0x6a, 0x70, 0x78));
    note->setVisible(false);
    return note;
}

} // namespace reglab::ui
