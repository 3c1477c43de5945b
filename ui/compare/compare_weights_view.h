// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Compare mode's weights over time: one layer's kernel or bias in every run, side by side
// on a shared weight axis, as distributions (percentile bands, near-zero share, norms) or
// as histograms over time (ridges), so that λ = 0 and λ = 1e-2, or L1 and L2, read in one
// glance. The controls are those of the histogram view (WeightViewControls).

#include "core/train/metrics.h"
#include "ui/plots/weight_time_panel.h"
#include "ui/plots/weight_view_controls.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPLayoutGrid;
class QCPTextElement;
class QTimer;

namespace reglab::ui {

class CompareWeightsView : public QWidget {
    Q_OBJECT
public:
    explicit CompareWeightsView(QWidget *parent = nullptr);
    ~CompareWeightsView() override;

    /// Clears everything: one panel per run (in run order), layers to choose from.
    void setRuns(const QStringList &labels, const QStringList &layerNames);
    /// Run `run`'s kept epochs (its WeightHistory); drawn on the next redraw (at most ten a
    /// second).
    void setHistory(int run, const std::vector<reglab::EpochMetrics> &epochs);

    void setLayer(int index);
    int layer() const { return m_layer; }
    void setView(WeightViewControls::View view);

    WeightViewControls *controls() const { return m_controls; }
    QCustomPlot *plot() const { return m_plot; }
    QString title() const;
    int runCount() const { return int(m_panels.size()); }
    const WeightTimePanel *panel(int run) const;
    /// The read-out at `pos` in the plot (empty outside the panels).
    QString readoutAt(const QPoint &pos) const;
    /// Draws what was set now instead of on the timer (tests, screenshots).
    void redraw();

private:
    QCustomPlot *m_plot = nullptr;
    QCPTextElement *m_title = nullptr;
    QCPLayoutGrid *m_grid = nullptr;
    QComboBox *m_layerCombo = nullptr;
    WeightViewControls *m_controls = nullptr;
    QTimer *m_redrawTimer = nullptr;
    QStringList m_labels;
    QStringList m_layerNames;
    int m_layer = 0;
    std::vector<std::vector<reglab::EpochMetrics>> m_histories; ///< per run
    std::vector<std::unique_ptr<WeightTimePanel>> m_panels;
    std::vector<QCPTextElement *> m_names;
};

} // namespace reglab::ui
