// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One curve per run over the epochs (test data loss or test accuracy), the training-set
// curves dashed on request. Run i is drawn in seriesColor(i).

#include "core/experiment_spec.h"
#include "core/train/metrics.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QCustomPlot;
class QCPGraph;
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
    /// 100 for accuracy in percent, 1 otherwise.
    double percentScale() const;

    CurveMetric m_metric;
    TaskKind m_task = TaskKind::Classification;
    QCustomPlot *m_plot = nullptr;
    QCPTextElement *m_title = nullptr;
    QCheckBox *m_trainCheck = nullptr;
    QCheckBox *m_logCheck = nullptr;
    std::vector<QCPGraph *> m_test;
    std::vector<QCPGraph *> m_train;
};

} // namespace reglab::ui
