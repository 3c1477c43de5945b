// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the training worker sends to the GUI thread: plain copies, never references into
// the trainer. Registered as a metatype so it can travel through queued signals.

#include "core/io/run_folder.h"
#include "core/nn/network.h"
#include "core/train/conv_views.h"
#include "core/train/metrics.h"
#include "core/train/trainer.h"
#include "core/train/unit_fields.h"

#include <QMetaType>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace reglab::ui {

/// The model's output over a grid covering a 2-D data set (for the decision-boundary map).
struct DecisionField {
    double xMin = 0, xMax = 0, yMin = 0, yMax = 0;
    int nx = 0, ny = 0;
    /// ny x nx values, row-major (row = y index): for classification the probability of
    /// class 1 (2 classes) or the predicted class index (more classes); for regression the
    /// predicted value.
    std::vector<float> values;
    bool isValid() const { return nx > 0 && ny > 0 && values.size() == std::size_t(nx * ny); }
};

/// A parameter changed while training, as the epoch markers of the views label it.
struct LiveChange {
    enum class Kind { LearningRate, L1, L2, Convention };
    int epoch = 0; ///< the epoch it took effect in
    Kind kind = Kind::LearningRate;
    QString layer;                  ///< the layer's name (L1, L2 only)
    Tensor tensor = Tensor::Kernel; ///< (L1, L2 only)
    double before = 0.0;            ///< the old value; an L2Convention for Convention
    double after = 0.0;             ///< the new value
};

struct TrainingSnapshot {
    /// True when the trainer was reset (or rebuilt) since the last snapshot: views clear
    /// their curves before appending `epochs`.
    bool reset = false;
    /// Epochs completed since the previous snapshot, in order (epoch 0 after a reset).
    std::vector<EpochMetrics> epochs;
    /// What changed in those of `epochs` that have parametersChanged (when the worker knows).
    std::vector<LiveChange> changes;
    /// Step reports since the previous snapshot (report_every_steps > 0).
    std::vector<StepMetrics> steps;
    int epoch = 0;      ///< epochs completed so far
    long long step = 0; ///< optimizer steps so far
    /// Latest decision field (2-D sets only; invalid otherwise).
    DecisionField field;
    /// Every unit's output over a coarse grid of the input plane (2-D sets only; null
    /// otherwise, and in snapshots between two updates: they are throttled). The weights of
    /// `unitFieldsEpoch`, which may be older than `epoch`.
    std::shared_ptr<const UnitFields> unitFields;
    int unitFieldsEpoch = 0;
    /// Latest first-layer kernel (units x inputs), for image sets only (empty otherwise).
    MatrixF firstLayerKernel;
    /// Every conv2d layer's filters as tiles (null without conv layers).
    std::shared_ptr<const std::vector<reglab::FilterTiles>> filters;
    /// The input and every conv2d / max_pool2d output for test image `featureMapImage`
    /// (null without conv layers, and in snapshots between two updates: throttled like
    /// the unit fields).
    std::shared_ptr<const std::vector<reglab::FeatureMap>> featureMaps;
    int featureMapImage = -1;
    /// What training.early_stopping has done so far (nullopt: the experiment has none). The
    /// views mark its stop and its best (restored) epoch once stoppedEpoch is set.
    std::optional<reglab::RunEarlyStopping> earlyStopping;
    /// The weights of epoch `epoch` (shared, never changed): what a saved run keeps, in step
    /// with the metrics received so far.
    std::shared_ptr<const Network<float>> weights;
};

} // namespace reglab::ui

Q_DECLARE_METATYPE(reglab::ui::TrainingSnapshot)
