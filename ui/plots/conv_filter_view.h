// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every conv layer's filters as small images, live: one tile per filter and input channel
// for the first conv layer, one per filter (the mean over its input channels) for the
// others. L2 shrinks and smooths them, L1 blanks them to white.

#include "ui/plots/tile_mosaic_view.h"

namespace reglab::ui {

class ConvFilterView : public TileMosaicView {
    Q_OBJECT
public:
    explicit ConvFilterView(QWidget *parent = nullptr);

    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    QString title() const override;

protected:
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;
};

} // namespace reglab::ui
