// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every training view by name, for the plot tests' data-driven rows.

#include "ui/plots/accuracy_plot.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/training_view.h"
#include "ui/plots/weight_image_plot.h"

#include <QString>

#include <memory>

namespace reglab::ui::test {

/// "loss", "accuracy", "histogram", "decision", anything else: the weight images.
inline std::unique_ptr<TrainingView> makeView(const QString &kind) {
    if (kind == QLatin1String("loss"))
        return std::make_unique<LossPlot>();
    if (kind == QLatin1String("accuracy"))
        return std::make_unique<AccuracyPlot>();
    if (kind == QLatin1String("histogram"))
        return std::make_unique<HistogramPlot>();
    if (kind == QLatin1String("decision"))
        return std::make_unique<DecisionPlot>();
    return std::make_unique<WeightImagePlot>();
}

} // namespace reglab::ui::test
