// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The loss split into its terms, per epoch: train, validation (when the experiment holds
// one out) and test data loss, each layer's penalty, and the total objective.

#include "ui/plots/thinned_curves.h"
#include "ui/plots/training_view.h"

#include <optional>
#include <vector>

class QCheckBox;
class QCPGraph;

namespace reglab::ui {

class LossPlot : public TrainingView {
    Q_OBJECT
public:
    explicit LossPlot(QWidget *parent = nullptr);

    /// Clears everything and sets up one penalty curve per layer of `spec`.
    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    QString title() const override;
    /// The validation data loss curve (null without dataset.validation_fraction).
    QCPGraph *validationGraph() const { return m_val; }

    /// The hover read-out for the drawn epoch nearest to `epoch` (empty without data); on a
    /// long run, thinned (thinned_curves.h), it says so.
    QString readoutAt(double epoch) const;
    /// The epochs the curves keep (at most about kThinnedEpochs).
    const ThinnedCurves &curves() const { return m_curves; }

protected:
    /// Appends the snapshot's epochs (after clearing when `s.reset`).
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void clearData();
    void addPenaltyGraph(const QString &layerName);
    void applyScale();
    void rescale();
    void showReadout(QMouseEvent *event);

    QCheckBox *m_logCheck = nullptr;
    QCPGraph *m_train = nullptr;
    QCPGraph *m_test = nullptr;
    QCPGraph *m_val = nullptr; ///< null without a validation split
    QCPGraph *m_total = nullptr;
    std::vector<QCPGraph *> m_penalties;
    int m_lastEpoch = -1;
    ThinnedCurves m_curves;
    std::optional<reglab::EarlyStoppingSpec> m_earlyStopping; ///< the run's, for m_curves
};

} // namespace reglab::ui
