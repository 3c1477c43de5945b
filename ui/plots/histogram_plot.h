// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One small histogram of kernel weights per layer, with sparsity and ||W||_2, and
// optionally the epoch-0 histogram as an outline for comparison. Over time (a thinned
// history of at most 101 epochs, weight_history.h) it shows instead each layer's kernel or
// bias against epochs: the distributions (percentile bands, the share of |w| below a
// threshold, the norms) or the histograms as ridges (WeightTimePanel).

#include "core/train/metrics.h"
#include "core/train/weight_history.h"
#include "ui/plots/training_view.h"
#include "ui/plots/weight_view_controls.h"

#include <QElapsedTimer>

#include <algorithm>
#include <memory>
#include <vector>

class QCheckBox;
class QTimer;
class QCPAxisRect;
class QCPBars;
class QCPItemText;
class QCPLayoutGrid;
class QCPMarginGroup;
class QCPTextElement;
class QPoint;

namespace reglab::ui {

class HistogramPlot : public TrainingView {
    Q_OBJECT
public:
    explicit HistogramPlot(QWidget *parent = nullptr);

    /// Clears everything and sets up one axis rect per layer of `spec`.
    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    QString title() const override;

    /// One per layer, in layer order (for tests and export).
    struct LayerView {
        QCPAxisRect *rect = nullptr;
        QCPTextElement *name = nullptr;
        QCPBars *bars = nullptr;    ///< the current histogram
        QCPBars *initial = nullptr; ///< epoch 0, outline only
        QCPItemText *stats = nullptr;
        /// Over time: the distributions or the ridge of this layer, in the same cell.
        std::unique_ptr<WeightTimePanel> panel;
    };
    const std::vector<LayerView> &layerViews() const { return m_views; }

    /// The tool tip at `pos`: the cell's layer and statistics, or over time the distribution
    /// at the nearest epoch (empty outside the cells).
    QString statsAt(const QPoint &pos) const;

    /// Shows the distributions over time instead of the newest histograms.
    void setOverTime(bool overTime);
    /// Any view over time (distributions or ridge).
    bool isOverTime() const;
    /// The newest histograms, the distributions or the ridge.
    void setView(WeightViewControls::View view);
    WeightViewControls::View view() const;
    WeightViewControls *controls() const { return m_controls; }
    /// The epochs kept for the views over time.
    const reglab::WeightHistory &history() const { return m_history; }

protected:
    /// Shows the histograms of the snapshot's last epoch (keeps epoch 0 for the overlay).
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void buildViews(const QStringList &layerNames);
    void updateViews();
    /// updateViews() and a replot now (the over-time redraws are throttled to this).
    void redrawNow();
    static constexpr int kTimeRedrawMs = 200;
    /// The over-time panel of view `i`: what it shows, or hidden.
    void updateTimeView(std::size_t i, bool overTime);
    /// Axis labels for the mode: on the first column (left) and last column (right) only.
    void labelAxes();
    /// Shrinks a cell's statistics text (8 pt down to 6.5 pt) until it fits the cell's
    /// width, so narrow cells do not cut it off. Runs after every layout pass.
    void fitStatsLabels();
    /// Columns for `cells` cells in `width` pixels: as many as the layer count suggests
    /// (up to 3, or about the square root), fewer when the cells would be too narrow.
    static int columnsFor(int cells, int width);
    /// Re-arranges the cells when the width asks for another column count; true if it did.
    bool reflow();

    QCPTextElement *m_title = nullptr;
    QCPLayoutGrid *m_grid = nullptr;
    QCPMarginGroup *m_marginGroup = nullptr;
    QCheckBox *m_overlayCheck = nullptr;
    WeightViewControls *m_controls = nullptr;
    QTimer *m_timeRedraw = nullptr;
    QElapsedTimer m_lastTimeRedraw;
    std::vector<LayerView> m_views;
    int m_columns = 1;
    reglab::WeightHistory m_history;     ///< every layer's kept epochs, for the views over time
    std::vector<LayerMetrics> m_current; ///< last reported epoch, per layer
    std::vector<Histogram> m_initial;    ///< epoch 0, per layer
};

} // namespace reglab::ui
