// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The model's output over the plane of a 2-D data set, with the train and test points.

#include "ui/plots/training_view.h"

#include <vector>

class QCPColorMap;
class QCPColorScale;
class QCPGraph;
class QCPItemText;
class QCPTextElement;

namespace reglab::ui {

class DecisionPlot : public TrainingView {
    Q_OBJECT
public:
    explicit DecisionPlot(QWidget *parent = nullptr);

    /// Clears everything and draws the points of `dataset` (2-D sets; others show a note).
    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    /// Every data set but images (those show the weight images instead).
    bool showsDataset(const reglab::Dataset &dataset) const override;
    QString title() const override;

    QCPColorMap *colorMap() const { return m_map; }
    /// Point graphs: per class (or one for regression) the train graph, then the test graph.
    const std::vector<QCPGraph *> &pointGraphs() const { return m_points; }

protected:
    /// Shows the snapshot's decision field when it carries a valid one.
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void setupGradient();
    /// As many legend columns as fit the plot's width (at most 4), so no entry is cut.
    void fitLegendColumns();

    QCPTextElement *m_title = nullptr;
    QCPColorMap *m_map = nullptr;
    QCPColorScale *m_scale = nullptr;
    QCPItemText *m_note = nullptr;
    std::vector<QCPGraph *> m_points;
    TaskKind m_task = TaskKind::Classification;
    int m_numClasses = 2;
};

} // namespace reglab::ui
