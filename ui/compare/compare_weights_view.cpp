// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_weights_view.h"

#include "ui/compare/compare_plot_style.h"
#include "ui/plots/plot_export.h"

#include <QComboBox>
#include <QMouseEvent>
#include <QTimer>
#include <QToolTip>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

CompareWeightsView::CompareWeightsView(QWidget *parent)
    : QWidget(parent) {
    m_plot = makeComparePlot(this, QStringLiteral("compareWeightsPlot"));
    m_title = addPlotTitle(m_plot, title());
    // Runs side by side in a grid of their own.
    m_plot->plotLayout()->remove(m_plot->axisRect());
    m_grid = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, m_grid);
    m_grid->setColumnSpacing(14);
    m_grid->setRowSpacing(6);

    m_layerCombo = new QComboBox;
    m_layerCombo->setObjectName(QStringLiteral("compareWeightsLayer"));
    m_layerCombo->setToolTip(tr("The layer shown in every run"));
    m_controls = new WeightViewControls(false);
    placeCornerControls(m_plot, compareCornerRow({m_layerCombo, m_controls}));
    connect(m_layerCombo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index != m_layer)
            setLayer(index);
    });
    m_redrawTimer = new QTimer(this);
    m_redrawTimer->setSingleShot(true);
    m_redrawTimer->setInterval(100);
    connect(m_redrawTimer, &QTimer::timeout, this, &CompareWeightsView::redraw);
    connect(m_controls, &WeightViewControls::changed, this, &CompareWeightsView::redraw);

    m_plot->setMouseTracking(true);
    connect(m_plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent *event) {
        const QString text = readoutAt(event->position().toPoint());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
    });
    setRuns({}, {});
}

CompareWeightsView::~CompareWeightsView() {
    m_panels.clear(); // before the plot and its layout go
}

QString CompareWeightsView::title() const {
    const bool bias = m_controls && m_controls->options().tensor == WeightTensor::Bias;
    const bool ridge = m_controls && m_controls->view() == WeightViewControls::View::Ridge;
    const QString what =
        ridge ? (bias ? tr("Bias histograms over time") : tr("Weight histograms over time"))
              : (bias ? tr("Bias distributions over time") : tr("Weight distributions over time"));
    if (m_layer < 0 || m_layer >= m_layerNames.size())
        return what;
    return tr("%1: %2").arg(what, m_layerNames[m_layer]);
}

void CompareWeightsView::setRuns(const QStringList &labels, const QStringList &layerNames) {
    m_panels.clear();
    m_names.clear();
    m_grid->clear();
    m_labels = labels;
    m_layerNames = layerNames;
    m_histories.assign(std::size_t(labels.size()), {});
    const int n = int(labels.size());
    const int columns = std::max(1, std::min(n, 4));
    for (int i = 0; i < n; ++i) {
        auto *cell = new QCPLayoutGrid;
        m_grid->addElement(i / columns, i % columns, cell);
        auto *name = new QCPTextElement(m_plot, labels[i], plotFont(9, true));
        name->setTextColor(seriesColor(i).darker(120));
        name->setMargins(QMargins(0, 2, 0, 0));
        cell->addElement(0, 0, name);
        auto *rect = new QCPAxisRect(m_plot);
        styleAxisRect(rect);
        rect->setMinimumMargins(QMargins(4, 4, 4, 4));
        rect->axis(QCPAxis::atBottom)->ticker()->setTickCount(4);
        rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(4);
        rect->axis(QCPAxis::atRight)->ticker()->setTickCount(3);
        cell->addElement(1, 0, rect);
        cell->setRowStretchFactor(0, 0.001);
        cell->setRowSpacing(0);
        m_names.push_back(name);
        m_panels.push_back(std::make_unique<WeightTimePanel>(m_plot, cell, rect, seriesColor(i)));
    }
    m_layer = fillLayerCombo(m_layerCombo, layerNames, m_layer);
    redraw();
}

void CompareWeightsView::setHistory(int run, const std::vector<EpochMetrics> &epochs) {
    if (run < 0 || run >= int(m_histories.size()))
        return;
    m_histories[std::size_t(run)] = epochs;
    int newest = 0;
    for (const auto &h : m_histories) {
        if (!h.empty())
            newest = std::max(newest, h.back().epoch);
    }
    m_controls->setNewestEpoch(newest);
    if (!m_redrawTimer->isActive())
        m_redrawTimer->start();
}

void CompareWeightsView::setLayer(int index) {
    m_layer = index;
    {
        const QSignalBlocker block(m_layerCombo);
        m_layerCombo->setCurrentIndex(index);
    }
    redraw();
}

void CompareWeightsView::setView(WeightViewControls::View view) {
    m_controls->setView(view);
}

const WeightTimePanel *CompareWeightsView::panel(int run) const {
    return run >= 0 && run < int(m_panels.size()) ? m_panels[std::size_t(run)].get() : nullptr;
}

QString CompareWeightsView::readoutAt(const QPoint &pos) const {
    for (const auto &panel : m_panels) {
        const QString text = panel->readout(pos);
        if (!text.isEmpty())
            return text;
    }
    return {};
}

void CompareWeightsView::redraw() {
    m_redrawTimer->stop();
    const WeightViewOptions o = m_controls->options();
    const int columns = std::max(1, std::min(int(m_panels.size()), 4));
    // One weight axis for every run: the union of their ranges.
    QCPRange shared;
    bool any = false;
    for (std::size_t i = 0; i < m_panels.size(); ++i) {
        const auto series = m_layer < 0 ? std::vector<WeightPoint>{}
                                        : weightSeries(m_histories[i], std::size_t(m_layer),
                                                       o.tensor, o.firstEpoch, o.lastEpoch);
        m_panels[i]->show(m_labels[int(i)], series, o, true);
        const bool first = int(i) % columns == 0;
        const bool last = int(i) % columns == columns - 1 || i + 1 == m_panels.size();
        m_panels[i]->labelAxes(first, last);
        if (series.empty())
            continue;
        const QCPRange r = m_panels[i]->weightRange();
        shared =
            any ? QCPRange(std::min(shared.lower, r.lower), std::max(shared.upper, r.upper)) : r;
        any = true;
    }
    if (any) {
        for (const auto &panel : m_panels)
            panel->setWeightRange(shared);
    }
    m_title->setText(title());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace reglab::ui
