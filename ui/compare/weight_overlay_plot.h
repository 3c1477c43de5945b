// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every run's kernel histogram of one layer, overlaid on shared bins (share of the weights
// per bin, log axis), with the epoch-0 histogram for reference.

#include "core/train/metrics.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemText;
class QCPTextElement;

namespace reglab::ui {

class WeightOverlayPlot : public QWidget {
    Q_OBJECT
public:
    explicit WeightOverlayPlot(QWidget *parent = nullptr);

    /// Clears everything: one histogram per run, layers to choose from.
    void setRuns(const QStringList &labels, const QStringList &layerNames);
    /// The latest layer metrics of run `run` (histograms of every layer).
    void setLayers(int run, const std::vector<LayerMetrics> &layers);
    /// The epoch-0 histograms (the same for every run: same seed, same shapes).
    void setInitial(const std::vector<LayerMetrics> &layers);

    void setLayer(int index);
    int layer() const { return m_layer; }
    int layerCount() const { return int(m_layerNames.size()); }
    QStringList layerNames() const { return m_layerNames; }

    QCustomPlot *plot() const { return m_plot; }
    QString title() const;
    QCPGraph *runGraph(int run) const;
    /// The grey note shown while there is no histogram to draw (tests).
    QCPItemText *emptyNote() const { return m_emptyNote; }

private:
    void redraw();

    QCustomPlot *m_plot = nullptr;
    QCPTextElement *m_title = nullptr;
    QCPItemText *m_emptyNote = nullptr;
    QComboBox *m_layerCombo = nullptr;
    QStringList m_labels;
    QStringList m_layerNames;
    int m_layer = 0;
    std::vector<QCPGraph *> m_graphs;
    QCPGraph *m_initialGraph = nullptr;
    std::vector<std::vector<Histogram>> m_histograms; ///< [run][layer]
    std::vector<Histogram> m_initial;
};

} // namespace reglab::ui
