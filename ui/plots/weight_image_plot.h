// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The first layer's kernel of an image network, one tile per hidden unit: each unit's
// weights reshaped to the image, on a symmetric diverging colour scale.

#include "core/types.h"
#include "ui/plots/training_view.h"

#include <QImage>

class QCPColorGradient;
class QCPColorScale;
class QCPItemPixmap;
class QCPItemText;

namespace reglab::ui {

class WeightImagePlot : public TrainingView {
    Q_OBJECT
public:
    /// At most this many units are shown (the first ones).
    static constexpr int kMaxUnits = 64;

    explicit WeightImagePlot(QWidget *parent = nullptr);

    /// Clears everything; takes the image size from `dataset` (non-image sets show a note).
    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    /// Image data sets only.
    bool showsDataset(const reglab::Dataset &dataset) const override;
    /// Not when the first weight layer is a conv layer (the conv filter view shows it).
    bool showsExperiment(const reglab::ExperimentSpec &spec,
                         const reglab::Dataset &dataset) const override;
    QString title() const override;

    QCPItemPixmap *pixmapItem() const { return m_pixmap; }

    /// Tiles of the first min(kernel.rows(), maxUnits) rows of `kernel` (units x inputs,
    /// inputs = width * height, row-major pixels) on a grid of `columns` columns (0: near
    /// square), each tile framed by a 1-pixel grey line; unused cells stay transparent.
    /// Colours: -scale blue, 0 white, +scale orange, where scale = max |w| over the shown
    /// units (returned in `*scale`). Empty image when the shapes do not fit.
    static QImage renderTiles(const MatrixF &kernel, int width, int height, int maxUnits,
                              double *scale = nullptr, int columns = 0);
    /// The column count giving the largest tiles of `units` width x height images in `area`.
    static int bestColumns(int units, int width, int height, const QSize &area);
    /// The gradient renderTiles() uses, over positions 0 (-scale) .. 1 (+scale).
    static QCPColorGradient gradient();

protected:
    /// Shows the snapshot's first-layer kernel when it carries one.
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    void fitPixmap();
    void render();

    QCPColorScale *m_scale = nullptr;
    QCPItemPixmap *m_pixmap = nullptr;
    QCPItemText *m_note = nullptr;
    int m_imageWidth = 0;
    int m_imageHeight = 0;
    int m_columns = 0; ///< 0 until the layout has chosen
    MatrixF m_kernel;  ///< the shown units' rows
    QImage m_image;
};

} // namespace reglab::ui
