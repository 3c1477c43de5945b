// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Train and test accuracy per epoch (R² for regression), with the best test epoch marked.

#include "ui/plots/thinned_curves.h"
#include "ui/plots/training_view.h"

#include <optional>

class QCPGraph;
class QCPItemText;
class QCPItemTracer;
class QCPTextElement;

namespace reglab::ui {

class AccuracyPlot : public TrainingView {
    Q_OBJECT
public:
    explicit AccuracyPlot(QWidget *parent = nullptr);

    /// Clears everything; the task of `spec` chooses accuracy (in %) or R².
    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    QString title() const override;
    /// The validation accuracy curve (always there; in the legend with a validation split).
    QCPGraph *validationGraph() const { return m_val; }
    /// The epochs the curves keep (at most about kThinnedEpochs).
    const ThinnedCurves &curves() const { return m_curves; }

protected:
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void clearData();
    void updateBestMarker();
    /// Puts the best-epoch label on the side of its point where it fits (after each layout).
    void placeBestLabel();
    void rescale();

    QCPTextElement *m_titleElement = nullptr;
    QCPGraph *m_train = nullptr;
    QCPGraph *m_test = nullptr;
    QCPGraph *m_val = nullptr; ///< validation accuracy; empty and out of the legend without a split
    QCPGraph *m_best = nullptr; ///< one point: the epoch of best test accuracy
    QCPItemText *m_bestLabel = nullptr;
    QCPItemTracer *m_bestAnchor = nullptr;
    bool m_regression = false;
    int m_lastEpoch = -1;
    ThinnedCurves m_curves;
    std::optional<reglab::EarlyStoppingSpec> m_earlyStopping; ///< the run's, for m_curves
    int m_bestEpoch = -1;
    double m_bestValue = 0.0;
};

} // namespace reglab::ui
