// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/feature_map_view.h"

#include "ui/plots/plot_export.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <qcustomplot.h>

#include <algorithm>

namespace reglab::ui {

FeatureMapView::FeatureMapView(QWidget *parent)
    : TileMosaicView(QStringLiteral("featureMapView"),
                     tr("Feature maps of one test image (each layer on its own ± scale)"), parent) {
    auto *controls = new QWidget;
    controls->setObjectName(QStringLiteral("cornerControls"));
    auto *layout = new QHBoxLayout(controls);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Test image"), controls);
    label->setFont(plotFont(8.5));
    m_imageBox = new QSpinBox(controls);
    m_imageBox->setObjectName(QStringLiteral("featureMapImage"));
    m_imageBox->setFont(plotFont(8.5));
    m_imageBox->setRange(0, 0);
    m_imageBox->setToolTip(tr("Which test image goes through the network (its index)"));
    label->setBuddy(m_imageBox);
    layout->addWidget(label);
    layout->addWidget(m_imageBox);
    placeCornerControls(m_plot, controls);
    connect(m_imageBox, &QSpinBox::valueChanged, this, [this](int index) {
        m_requestedIndex = index;
        emit imageIndexChanged(index);
    });
    resetFor(defaultExperiment(), nullptr);
}

QString FeatureMapView::title() const {
    return tr("Feature maps of one test image (each layer on its own ± scale)");
}

void FeatureMapView::setImageIndex(int index) {
    m_requestedIndex = std::max(0, index); // kept for data that is still loading
    m_imageBox->setValue(index);           // emits imageIndexChanged when it changed
}

void FeatureMapView::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    const bool conv = dataset && showsExperiment(spec, *dataset);
    m_data = conv ? std::move(dataset) : nullptr;
    {
        const QSignalBlocker block(m_imageBox);
        m_imageBox->setRange(0, m_data ? std::max(0, int(m_data->testSize()) - 1) : 0);
    }
    if (m_data) // the image asked for before the data was there, as far as the data reaches
        m_imageBox->setValue(std::min(m_requestedIndex, m_imageBox->maximum()));
    showNote(conv ? tr("The feature maps appear when training starts")
                  : tr("The feature maps are shown for networks with conv layers on image data"));
}

void FeatureMapView::appendSnapshot(const TrainingSnapshot &s) {
    if (!s.featureMaps)
        return;
    std::vector<TileBand> bands;
    for (const FeatureMap &m : *s.featureMaps) {
        TileBand b;
        b.tiles = m.maps;
        b.height = m.shape.height;
        b.width = m.shape.width;
        const QString name = QString::fromStdString(m.name);
        const QString shape =
            QStringLiteral("%1×%2×%3").arg(m.shape.height).arg(m.shape.width).arg(m.shape.channels);
        if (m.kind == LayerKind::Flatten) {
            QString label;
            if (m_data && s.featureMapImage >= 0 && s.featureMapImage < m_data->testSize()) {
                const int y = m_data->task == TaskKind::Classification
                                  ? int(m_data->testY(0, s.featureMapImage))
                                  : -1;
                if (y >= 0)
                    label = tr(", label %1").arg(y);
            }
            b.caption = tr("test image %1%2 · %3").arg(s.featureMapImage).arg(label, shape);
        } else {
            b.caption =
                (m.kind == LayerKind::Conv2D ? tr("%1 (conv) · %2") : tr("%1 (max-pool) · %2"))
                    .arg(name, shape);
            if (m.maps.rows() < m.shape.channels)
                b.caption += tr(" (the first %1 channels)").arg(m.maps.rows());
        }
        bands.push_back(std::move(b));
    }
    showBands(std::move(bands));
}

} // namespace reglab::ui
