// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/conv_filter_view.h"

#include "ui/plots/plot_export.h"

#include <qcustomplot.h>

#include <algorithm>

namespace reglab::ui {

ConvFilterView::ConvFilterView(QWidget *parent)
    : TileMosaicView(QStringLiteral("convFilterView"),
                     tr("Conv filters (each layer on its own ± scale)"), parent) {
    resetFor(defaultExperiment(), nullptr);
}

QString ConvFilterView::title() const {
    return tr("Conv filters (each layer on its own ± scale)");
}

void ConvFilterView::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    const bool conv = dataset && showsExperiment(spec, *dataset);
    showNote(conv ? tr("The filters appear when training starts")
                  : tr("The filters are shown for networks with conv layers on image data"));
}

void ConvFilterView::appendSnapshot(const TrainingSnapshot &s) {
    if (!s.filters)
        return;
    std::vector<TileBand> bands;
    for (const FilterTiles &f : *s.filters) {
        TileBand b;
        b.tiles = f.tiles;
        b.height = f.height;
        b.width = f.width;
        const QString name = QString::fromStdString(f.name);
        b.caption = f.perInputChannel ? tr("%1 · %2 filters %3×%4 × %5 input channels")
                                            .arg(name)
                                            .arg(f.filters)
                                            .arg(f.height)
                                            .arg(f.width)
                                            .arg(f.inChannels)
                                      : tr("%1 · %2 filters %3×%4, mean of %5 input channels")
                                            .arg(name)
                                            .arg(f.filters)
                                            .arg(f.height)
                                            .arg(f.width)
                                            .arg(f.inChannels);
        if (f.tiles.rows() < (f.perInputChannel ? Index(f.filters) * f.inChannels : f.filters))
            b.caption += tr(" (the first %1)").arg(f.tiles.rows());
        bands.push_back(std::move(b));
    }
    showBands(std::move(bands));
}

} // namespace reglab::ui
