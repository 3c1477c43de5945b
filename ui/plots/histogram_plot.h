// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One small histogram of kernel weights per layer, with sparsity and ||W||_2, and
// optionally the epoch-0 histogram as an outline for comparison. "Over time" shows instead
// each layer's weight distribution against epochs: percentile bands (minimum to maximum,
// ±1.5σ, ±1σ, ±0.5σ for normal weights) around the median, and the share of |w| < 1e-3.

#include "core/train/metrics.h"
#include "ui/plots/training_view.h"

#include <algorithm>
#include <array>
#include <vector>

class QCheckBox;
class QCPGraph;
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
        /// Over time: the percentiles at kDistributionPercents against epochs (left axis),
        /// filled pairwise around the median, and the sparsity in percent (right axis).
        std::array<QCPGraph *, kDistributionPercents.size()> bands{};
        QCPGraph *sparsity = nullptr;
        /// Every graph of the time line: the bands, then the sparsity.
        std::array<QCPGraph *, kDistributionPercents.size() + 1> timeLines() const {
            std::array<QCPGraph *, kDistributionPercents.size() + 1> all{};
            std::copy(bands.begin(), bands.end(), all.begin());
            all.back() = sparsity;
            return all;
        }
    };
    const std::vector<LayerView> &layerViews() const { return m_views; }

    /// The tool tip at `pos`: the cell's layer and statistics, or over time the distribution
    /// at the nearest epoch (empty outside the cells).
    QString statsAt(const QPoint &pos) const;

    /// Shows the distributions over time instead of the newest histograms.
    void setOverTime(bool overTime);
    bool isOverTime() const;

protected:
    /// Shows the histograms of the snapshot's last epoch (keeps epoch 0 for the overlay).
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void buildViews(const QStringList &layerNames);
    void updateViews();
    /// The over-time graphs of view `i`: visibility, axes and ranges.
    void updateTimeView(std::size_t i, bool overTime);
    /// Appends `epoch`'s distribution of one layer to its time line. The time line keeps
    /// epoch 0, every m_timeStride-th epoch and the newest; past kMaxTimePoints the stride
    /// doubles and every other point goes, so a run of any length holds at most that many.
    void appendTimePoint(const LayerView &view, int epoch, const reglab::LayerMetrics &layer);
    static constexpr int kMaxTimePoints = 1000;
    /// Axis labels for the mode: on the first column (left) and last column (right) only.
    void labelAxes();
    /// The distribution at the epoch nearest to `pos` in the over-time cell `view`.
    QString distributionAt(const LayerView &view, const QPoint &pos) const;
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
    QCheckBox *m_overTimeCheck = nullptr;
    std::vector<LayerView> m_views;
    int m_columns = 1;
    int m_timeStride = 1;                ///< epochs between two stored points of the time lines
    std::vector<LayerMetrics> m_current; ///< last reported epoch, per layer
    std::vector<Histogram> m_initial;    ///< epoch 0, per layer
};

} // namespace reglab::ui
