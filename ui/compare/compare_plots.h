// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare window's views. Run i is drawn in seriesColor(i) in every one of them.
//  - CompareCurvesPlot: one curve per run over the epochs (test data loss or accuracy).
//  - RegularizationPathPlot: final and best accuracy (or loss) against λ on a log axis,
//    with λ = 0 at its own tick on the left (or against the variant for categorical kinds).
//  - WeightOverlayPlot: every run's kernel histogram of one layer, overlaid on shared bins
//    (share of the weights per bin, log axis).

#include "core/compare/sweep.h"
#include "core/train/metrics.h"

#include <QColor>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCPTextElement;

namespace reglab::ui {

enum class CurveMetric { TestDataLoss, TestAccuracy };

class CompareCurvesPlot : public QWidget {
    Q_OBJECT
public:
    explicit CompareCurvesPlot(CurveMetric metric, QWidget *parent = nullptr);

    /// Clears everything: one (empty) curve per run named `labels[i]`.
    void setRuns(const QStringList &labels, TaskKind task);
    /// Appends epochs (in order) to run `run`'s curves.
    void appendEpochs(int run, const std::vector<EpochMetrics> &epochs);

    QCustomPlot *plot() const { return m_plot; }
    QString title() const;
    /// The test curve of run `run` (tests).
    QCPGraph *testGraph(int run) const;
    void setShowTrain(bool show);

private:
    void rescale();

    CurveMetric m_metric;
    TaskKind m_task = TaskKind::Classification;
    QCustomPlot *m_plot = nullptr;
    QCPTextElement *m_title = nullptr;
    QCheckBox *m_trainCheck = nullptr;
    QCheckBox *m_logCheck = nullptr;
    std::vector<QCPGraph *> m_test;
    std::vector<QCPGraph *> m_train;
};

enum class PathMode { Accuracy, Loss };

class RegularizationPathPlot : public QWidget {
    Q_OBJECT
public:
    explicit RegularizationPathPlot(QWidget *parent = nullptr);

    /// The variants being compared: their x values (λ for VariationKind::Scale, otherwise
    /// only their order counts) and labels. Clears the data.
    void setVariants(const std::vector<double> &values, const QStringList &labels,
                     VariationKind kind, TaskKind task);
    /// Summaries by run (nullopt: no trained epoch yet).
    void setSummaries(const std::vector<std::optional<RunSummary>> &byRun);

    void setMode(PathMode mode);
    PathMode mode() const { return m_mode; }

    QCustomPlot *plot() const { return m_plot; }
    QString title() const;
    /// The x position run `run` is drawn at (λ = 0 sits one decade left of the smallest λ).
    double xPosition(int run) const;
    /// The graph drawing final test accuracy (or final test data loss) - tests.
    QCPGraph *finalTestGraph() const { return m_series[1]; }

private:
    void setupAxis();
    void redraw();

    QCustomPlot *m_plot = nullptr;
    QCPTextElement *m_title = nullptr;
    QComboBox *m_modeCombo = nullptr;
    PathMode m_mode = PathMode::Accuracy;
    VariationKind m_kind = VariationKind::Scale;
    TaskKind m_task = TaskKind::Classification;
    std::vector<double> m_values; ///< by run, as given
    std::vector<double> m_x;      ///< by run, where drawn
    QStringList m_labels;
    std::vector<std::optional<RunSummary>> m_rows;
    std::vector<QCPGraph *> m_series;  ///< 4 metric lines
    std::vector<QCPGraph *> m_runDots; ///< one coloured marker per run on the final test line
    QCPGraph *m_collapsed = nullptr;   ///< collapsed runs
    QCPItemStraightLine *m_break = nullptr;
};

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

private:
    void redraw();

    QCustomPlot *m_plot = nullptr;
    QCPTextElement *m_title = nullptr;
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
