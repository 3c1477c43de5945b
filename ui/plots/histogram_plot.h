// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One small histogram of kernel weights per layer, with sparsity and ||W||_2, and
// optionally the epoch-0 histogram as an outline for comparison.

#include "core/train/metrics.h"
#include "ui/plots/training_view.h"

#include <vector>

class QCheckBox;
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
    };
    const std::vector<LayerView> &layerViews() const { return m_views; }

protected:
    /// Shows the histograms of the snapshot's last epoch (keeps epoch 0 for the overlay).
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void buildViews(const QStringList &layerNames);
    void updateViews();
    /// Shrinks a cell's statistics text (8 pt down to 6.5 pt) until it fits the cell's
    /// width, so narrow cells do not cut it off. Runs after every layout pass.
    void fitStatsLabels();
    /// Columns for `cells` cells in `width` pixels: as many as the layer count suggests
    /// (up to 3, or about the square root), fewer when the cells would be too narrow.
    static int columnsFor(int cells, int width);
    /// Re-arranges the cells when the width asks for another column count; true if it did.
    bool reflow();
    /// The layer name and statistics of the cell at `pos` (empty outside the cells).
    QString statsAt(const QPoint &pos) const;

    QCPLayoutGrid *m_grid = nullptr;
    QCPMarginGroup *m_marginGroup = nullptr;
    QCheckBox *m_overlayCheck = nullptr;
    std::vector<LayerView> m_views;
    int m_columns = 1;
    std::vector<LayerMetrics> m_current; ///< last reported epoch, per layer
    std::vector<Histogram> m_initial;    ///< epoch 0, per layer
};

} // namespace reglab::ui
