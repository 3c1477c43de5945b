// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Two curves per run over the epochs, in one colour (seriesColor(i) for run i): the training
// set solid and the held-out set dashed, the validation set when the runs hold one out, the
// test set otherwise (the tutorial's figure). The training curves can be hidden; the epoch
// axis can be logarithmic.

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

    /// Clears everything: one (empty) pair of curves per run named `labels[i]`; `validation`:
    /// the dashed curves show the validation set instead of the test set.
    void setRuns(const QStringList &labels, TaskKind task, bool validation = false);
    /// Appends epochs (in order) to run `run`'s curves.
    void appendEpochs(int run, const std::vector<EpochMetrics> &epochs);

    QCustomPlot *plot() const { return m_plot; }
    QString title() const;
    /// The held-out (dashed) curve of run `run`: validation or test (tests).
    QCPGraph *testGraph(int run) const;
    /// The training (solid) curve of run `run`.
    QCPGraph *trainGraph(int run) const;
    /// True when the dashed curves show the validation set.
    bool showsValidation() const { return m_validation; }
    void setShowTrain(bool show);
    /// A logarithmic epoch axis from epoch 1 (epoch 0 has no place on it).
    void setLogEpochs(bool on);
    bool logEpochs() const;

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
    QCheckBox *m_logEpochCheck = nullptr;
    bool m_validation = false;
    /// Epoch 0's value per graph (all graphs, held-out first), kept off a log epoch axis.
    std::vector<double> m_epochZero;
    std::vector<QCPGraph *> m_test;
    std::vector<QCPGraph *> m_train;
};

} // namespace reglab::ui
