// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One layer's kernel or bias over the epochs of a run, drawn into one axis rect of a plot:
// either the distributions (percentile bands, the share of |w| below a chosen threshold, and
// a strip under it with ||W||_2 and ||W||_1) or the histograms over time as ridges (offset
// rows, newest in front, or overlaid). The histogram view and the compare window's weights
// view both draw with it; it reads out exact values under the mouse.

#include "core/train/weight_series.h"

#include <QColor>
#include <QCoreApplication>
#include <QSharedPointer>
#include <QString>

#include <array>
#include <climits>
#include <vector>

class QCPAxisRect;
class QCPAxisTicker;
class QCPCurve;
class QCPGraph;
class QCPItemText;
class QCPLayoutGrid;
class QCPRange;
class QCustomPlot;
class QPoint;

namespace reglab::ui {

/// What the weights-over-time views show (chosen with WeightViewControls).
struct WeightViewOptions {
    enum class Mode { Distributions, Ridge };
    Mode mode = Mode::Distributions;
    reglab::WeightTensor tensor = reglab::WeightTensor::Kernel;
    int threshold = 1;     ///< index into kNearZeroThresholds
    bool robust = false;   ///< ridge: the 0.5–99.5 % range, outliers in marked end bins
    bool logCount = false; ///< ridge: log count axis
    bool overlay = false;  ///< ridge: every epoch on one baseline
    int firstEpoch = 0;    ///< the epoch range shown
    int lastEpoch = INT_MAX;

    bool operator==(const WeightViewOptions &) const = default;
};

class WeightTimePanel {
    Q_DECLARE_TR_FUNCTIONS(reglab::ui::WeightTimePanel)
public:
    /// Draws into `rect`, which sits at row 1 of `cell`; the norm strip goes to row 2 of
    /// `cell` while the distributions are shown. `color` is the series colour.
    WeightTimePanel(QCustomPlot *plot, QCPLayoutGrid *cell, QCPAxisRect *rect, QColor color);
    ~WeightTimePanel();
    WeightTimePanel(const WeightTimePanel &) = delete;
    WeightTimePanel &operator=(const WeightTimePanel &) = delete;

    /// Shows `series` (oldest first) as `o` says; hidden: nothing of the panel is drawn (and
    /// the norm strip leaves the cell). `name` heads the hover read-out.
    void show(const QString &name, const std::vector<reglab::WeightPoint> &series,
              const WeightViewOptions &o, bool visible);
    /// Axis titles: `left` / `right` say whether this panel's left / right axes get them
    /// (the first and last column of a grid).
    void labelAxes(bool left, bool right);
    /// The range of the weight axis (distributions: the value axis; ridge: the key axis), so
    /// that panels side by side can share it.
    QCPRange weightRange() const;
    void setWeightRange(const QCPRange &range);

    /// The exact values under `pos` (empty when it is not over the panel's data).
    QString readout(const QPoint &pos) const;

    QCPAxisRect *rect() const { return m_rect; }
    QCPAxisRect *normRect() const { return m_normRect; }
    const std::array<QCPGraph *, kDistributionPercents.size()> &bands() const { return m_bands; }
    QCPGraph *shareLine() const { return m_share; }
    QCPGraph *l2Line() const { return m_l2; }
    QCPGraph *l1Line() const { return m_l1; }
    /// The ridge rows drawn (oldest first) and their outlines (same order).
    const std::vector<reglab::RidgeRow> &rows() const { return m_rows; }
    const std::vector<QCPCurve *> &ridgeCurves() const { return m_curves; }
    /// "≤ x" and "≥ y" at the front row's clipped end bins (robust range).
    QCPItemText *lowLabel() const { return m_lowLabel; }
    QCPItemText *highLabel() const { return m_highLabel; }

private:
    void showDistributions(const WeightViewOptions &o);
    void showRidge(const WeightViewOptions &o);
    void setNormStripShown(bool shown);
    QString distributionReadout(const QPoint &pos) const;
    QString ridgeReadout(const QPoint &pos) const;
    /// The read-out's line when the kept epochs skip some (a thinned history); else empty.
    QString thinnedNote() const;

    QCustomPlot *m_plot;
    QCPLayoutGrid *m_cell;
    QCPAxisRect *m_rect;
    QCPAxisRect *m_normRect = nullptr;
    QColor m_color;
    QSharedPointer<QCPAxisTicker> m_leftTicker; ///< the cell's own, restored after the ridge
    QString m_name;
    WeightViewOptions m_options;
    bool m_visible = false;
    std::vector<reglab::WeightPoint> m_series;
    std::array<QCPGraph *, kDistributionPercents.size()> m_bands{};
    QCPGraph *m_share = nullptr;
    QCPGraph *m_l2 = nullptr;
    QCPGraph *m_l1 = nullptr;
    std::vector<reglab::RidgeRow> m_rows;
    std::vector<QCPCurve *> m_curves;
    QCPItemText *m_lowLabel = nullptr;
    QCPItemText *m_highLabel = nullptr;
};

} // namespace reglab::ui
