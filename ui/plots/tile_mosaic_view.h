// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A view of small images in labelled bands, one band per layer (the conv filters, the
// feature maps): every tile on its band's symmetric colour scale around 0 (-max |v| blue,
// 0 white, +max |v| orange), drawn at the view's own pixel size. The data come ready in the
// snapshots (computed on the worker); this class only lays the tiles out and paints them.

#include "core/types.h"
#include "ui/plots/training_view.h"

#include <QImage>

#include <vector>

class QCPColorScale;
class QCPItemPixmap;
class QCPItemText;

namespace reglab::ui {

/// One band: `tiles` rows of height x width pixels (row-major).
struct TileBand {
    QString caption;
    reglab::MatrixF tiles;
    int height = 0;
    int width = 0;
};

class TileMosaicView : public TrainingView {
    Q_OBJECT
public:
    /// `plotTitle`: the text over the plot (the subclass's title()).
    TileMosaicView(const QString &plotObjectName, const QString &plotTitle,
                   QWidget *parent = nullptr);

    /// Image data sets only, and only networks with a conv layer.
    bool showsDataset(const reglab::Dataset &dataset) const override;
    bool showsExperiment(const reglab::ExperimentSpec &spec,
                         const reglab::Dataset &dataset) const override;

    /// The bands shown (empty before the first snapshot).
    const std::vector<TileBand> &bands() const { return m_bands; }
    /// The painted image (for tests and screenshots).
    const QImage &image() const { return m_image; }

    /// Paints `bands` into an image of `size`: each band a caption line (with its scale,
    /// "± 0.31") above its tiles, every tile the same size on screen (the largest that lets
    /// all bands fit), pixels as squares without smoothing.
    static QImage paintBands(const std::vector<TileBand> &bands, const QSize &size,
                             const QFont &font);
    /// The largest |value| of a band (1 when all are 0 or not finite).
    static double bandScale(const reglab::MatrixF &tiles);

protected:
    /// Shows `bands` (replacing the previous ones).
    void showBands(std::vector<TileBand> bands);
    /// Clears the bands and shows `note` in the middle.
    void showNote(const QString &note);

private:
    void fit();

    QCPColorScale *m_scale = nullptr;
    QCPItemPixmap *m_pixmap = nullptr;
    QCPItemText *m_note = nullptr;
    std::vector<TileBand> m_bands;
    QImage m_image;
};

} // namespace reglab::ui
