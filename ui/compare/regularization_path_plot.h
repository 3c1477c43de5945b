// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Final and best accuracy (or loss) against λ on a log axis, with λ = 0 at its own tick on
// the left, against any other numeric parameter (dropout rate, training samples, label noise)
// on a linear axis, or against the variant for categorical kinds; collapsed runs are crossed
// out.

#include "core/compare/sweep.h"

#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;
class QCPTextElement;

namespace reglab::ui {

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
    /// The x axis's name for a numeric kind: "dropout rate", "training samples", ...
    static QString axisName(reglab::VariationKind kind);
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

} // namespace reglab::ui
