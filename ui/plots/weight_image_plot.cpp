// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/weight_image_plot.h"

#include "ui/plots/plot_export.h"

#include <QPainter>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

const QColor kGapColor(0xdc, 0xdf, 0xe3);

} // namespace

WeightImagePlot::WeightImagePlot(QWidget *parent)
    : TrainingView(QStringLiteral("weightImagePlot"), parent) {
    addPlotTitle(m_plot, title());
    QCPAxisRect *rect = m_plot->axisRect();
    for (QCPAxis *axis : rect->axes())
        axis->setVisible(false);
    rect->setAutoMargins(QCP::msNone);
    rect->setMargins(QMargins(6, 6, 6, 6));

    m_scale = addColorScale();
    m_scale->setGradient(gradient());
    m_scale->setDataRange(QCPRange(-1, 1));
    m_scale->axis()->setLabel(tr("weight"));

    m_pixmap = new QCPItemPixmap(m_plot);
    m_pixmap->setClipToAxisRect(true);
    m_pixmap->setScaled(true, Qt::KeepAspectRatio, Qt::FastTransformation);
    m_pixmap->topLeft->setType(QCPItemPosition::ptAbsolute);
    m_pixmap->bottomRight->setType(QCPItemPosition::ptAbsolute);
    m_pixmap->setVisible(false);

    m_note = addNote();

    // Centre the tiles in the data area once the layout knows its size.
    connect(m_plot, &QCustomPlot::afterLayout, this, &WeightImagePlot::fitPixmap);

    resetFor(defaultExperiment(), nullptr);
}

QString WeightImagePlot::title() const {
    return tr("First-layer weights (what each unit looks for)");
}

QCPColorGradient WeightImagePlot::gradient() {
    QCPColorGradient g;
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    QMap<double, QColor> stops;
    stops[0.0] = seriesColor(0).darker(125);
    stops[0.5] = Qt::white;
    stops[1.0] = seriesColor(1).darker(110);
    g.setColorStops(stops);
    g.setLevelCount(351); // odd: a weight of exactly 0 maps to the white middle level
    return g;
}

int WeightImagePlot::bestColumns(int units, int width, int height, const QSize &area) {
    if (units <= 0 || width <= 0 || height <= 0 || area.isEmpty())
        return std::max(1, int(std::ceil(std::sqrt(double(std::max(units, 1))))));
    // The column count that gives the largest tiles in `area`.
    int best = 1;
    double bestScale = 0.0;
    for (int columns = 1; columns <= units; ++columns) {
        const int rows = (units + columns - 1) / columns;
        const double scale = std::min(double(area.width()) / (columns * (width + 1) + 1),
                                      double(area.height()) / (rows * (height + 1) + 1));
        if (scale > bestScale * 1.0001) {
            bestScale = scale;
            best = columns;
        }
    }
    return best;
}

QImage WeightImagePlot::renderTiles(const MatrixF &kernel, int width, int height, int maxUnits,
                                    double *scale, int columns) {
    if (scale)
        *scale = 0.0;
    if (width <= 0 || height <= 0 || kernel.cols() != Index(width) * Index(height)
        || kernel.rows() == 0 || maxUnits <= 0)
        return {};
    const int units = int(std::min<Index>(kernel.rows(), maxUnits));
    if (columns <= 0)
        columns = int(std::ceil(std::sqrt(double(units))));
    columns = std::min(columns, units);
    const int rows = (units + columns - 1) / columns;
    const int gap = 1;
    QImage image(columns * (width + gap) + gap, rows * (height + gap) + gap, QImage::Format_ARGB32);
    image.fill(Qt::transparent);

    // One symmetric scale for all tiles, so tiles can be compared with each other.
    double maxAbs = 0.0;
    for (int u = 0; u < units; ++u)
        maxAbs = std::max(maxAbs, double(kernel.row(u).cwiseAbs().maxCoeff()));
    if (!(maxAbs > 0.0) || !std::isfinite(maxAbs))
        maxAbs = 1.0;
    if (scale)
        *scale = maxAbs;
    QCPColorGradient g = gradient();
    const QCPRange range(-maxAbs, maxAbs);
    QPainter frame(&image);
    for (int u = 0; u < units; ++u) {
        const int x0 = gap + (u % columns) * (width + gap);
        const int y0 = gap + (u / columns) * (height + gap);
        frame.fillRect(QRect(x0 - gap, y0 - gap, width + 2 * gap, height + 2 * gap), kGapColor);
    }
    frame.end();
    for (int u = 0; u < units; ++u) {
        const int x0 = gap + (u % columns) * (width + gap);
        const int y0 = gap + (u / columns) * (height + gap);
        for (int r = 0; r < height; ++r) {
            auto *line = reinterpret_cast<QRgb *>(image.scanLine(y0 + r));
            for (int c = 0; c < width; ++c) {
                const double w = kernel(u, Index(r) * width + c);
                line[x0 + c] = g.color(std::isfinite(w) ? w : 0.0, range);
            }
        }
    }
    return image;
}

void WeightImagePlot::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    Q_UNUSED(spec);
    m_imageWidth = dataset && dataset->isImage() ? dataset->imageWidth : 0;
    m_imageHeight = dataset && dataset->isImage() ? dataset->imageHeight : 0;
    m_image = QImage();
    m_kernel = MatrixF();
    m_pixmap->setVisible(false);
    m_scale->setDataRange(QCPRange(-1, 1));
    m_note->setText(m_imageWidth > 0 ? tr("Weights appear when training starts")
                                     : tr("The weight images are shown for image data sets"));
    m_note->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool WeightImagePlot::showsDataset(const Dataset &dataset) const {
    return dataset.isImage();
}

bool WeightImagePlot::showsExperiment(const ExperimentSpec &spec, const Dataset &dataset) const {
    return showsDataset(dataset) && !spec.model.hasSpatialLayers();
}

void WeightImagePlot::appendSnapshot(const TrainingSnapshot &s) {
    if (s.reset) {
        m_image = QImage();
        m_kernel = MatrixF();
    }
    if (s.firstLayerKernel.size() > 0 && m_imageWidth > 0) {
        m_kernel =
            s.firstLayerKernel.topRows(std::min<Index>(s.firstLayerKernel.rows(), kMaxUnits));
        render();
    }
    m_pixmap->setVisible(!m_image.isNull());
    m_note->setVisible(m_image.isNull());
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void WeightImagePlot::render() {
    double scale = 0.0;
    m_image = renderTiles(m_kernel, m_imageWidth, m_imageHeight, kMaxUnits, &scale, m_columns);
    if (m_image.isNull())
        return;
    m_pixmap->setPixmap(QPixmap::fromImage(m_image));
    m_scale->setDataRange(QCPRange(-scale, scale));
}

void WeightImagePlot::fitPixmap() {
    if (m_image.isNull())
        return;
    const QRect area = m_plot->axisRect()->rect();
    // Re-arrange the tiles when another column count would make them larger here.
    const int columns = bestColumns(int(m_kernel.rows()), m_imageWidth, m_imageHeight, area.size());
    if (columns != m_columns) {
        m_columns = columns;
        render();
    }
    const QSize fitted = m_image.size().scaled(area.size(), Qt::KeepAspectRatio);
    const QPoint topLeft(area.left() + (area.width() - fitted.width()) / 2,
                         area.top() + (area.height() - fitted.height()) / 2);
    m_pixmap->topLeft->setCoords(topLeft);
    m_pixmap->bottomRight->setCoords(topLeft + QPoint(fitted.width(), fitted.height()));
}

} // namespace reglab::ui
