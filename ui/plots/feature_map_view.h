// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One test image through the network: the image, then every conv and max-pool layer's
// output, one small map per channel. The image is picked by its index in the test set.

#include "ui/plots/tile_mosaic_view.h"

class QSpinBox;

namespace reglab::ui {

class FeatureMapView : public TileMosaicView {
    Q_OBJECT
public:
    explicit FeatureMapView(QWidget *parent = nullptr);

    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    QString title() const override;

    /// The test image picker (0-based index into the test set).
    QSpinBox *imageBox() const { return m_imageBox; }
    void setImageIndex(int index);

signals:
    /// The user picked another test image.
    void imageIndexChanged(int index);

protected:
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;

private:
    QSpinBox *m_imageBox = nullptr;
    int m_requestedIndex = 0; ///< the last index asked for, by the user or setImageIndex()
    std::shared_ptr<const reglab::Dataset> m_data;
};

} // namespace reglab::ui
