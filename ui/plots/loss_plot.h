// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The loss split into its terms, per epoch: train and test data loss, each layer's
// penalty, and the total objective.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "ui/training/snapshot.h"

#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QCPGraph;
class QCPAbstractItem;

namespace reglab::ui {

class LossPlot : public QWidget {
    Q_OBJECT
public:
    explicit LossPlot(QWidget *parent = nullptr);

    /// Clears everything and sets up one penalty curve per layer of `spec`.
    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset);
    /// Appends the snapshot's epochs (after clearing when `s.reset`).
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s);

    QCustomPlot *plot() const { return m_plot; }
    QString title() const;

    /// The hover read-out for the reported epoch nearest to `epoch` (empty without data).
    QString readoutAt(double epoch) const;

private:
    void clearData();
    void addPenaltyGraph(const QString &layerName);
    void addMarker(int epoch);
    void applyScale();
    void rescale();
    void showReadout(QMouseEvent *event);

    QCustomPlot *m_plot = nullptr;
    QCheckBox *m_logCheck = nullptr;
    QCPGraph *m_train = nullptr;
    QCPGraph *m_test = nullptr;
    QCPGraph *m_total = nullptr;
    std::vector<QCPGraph *> m_penalties;
    std::vector<QCPAbstractItem *> m_markers;
    int m_lastEpoch = -1;
};

} // namespace reglab::ui
