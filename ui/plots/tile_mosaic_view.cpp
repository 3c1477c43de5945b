// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/tile_mosaic_view.h"

#include "ui/plots/plot_export.h"
#include "ui/plots/weight_image_plot.h"

#include <QPainter>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

constexpr int kGap = 4; // between tiles: a frame on each side and a clear line between
const QColor kFrame(0x8f, 0x95, 0x9c); // darker than the white of 0, so neighbours stay apart

/// The tile grid of one band at tile size `tile` (on screen) in `width` pixels.
struct BandLayout {
    int columns = 1;
    int rows = 1;
};

BandLayout layoutOf(const TileBand &band, int tileWidth, int width) {
    BandLayout l;
    const int n = int(band.tiles.rows());
    l.columns = std::clamp(width / (tileWidth + kGap), 1, std::max(n, 1));
    l.rows = (n + l.columns - 1) / l.columns;
    return l;
}

} // namespace

TileMosaicView::TileMosaicView(const QString &plotObjectName, const QString &plotTitle,
                               QWidget *parent)
    : TrainingView(plotObjectName, parent) {
    addPlotTitle(m_plot, plotTitle); // before the colour scale, which goes beside the axis rect
    QCPAxisRect *rect = m_plot->axisRect();
    for (QCPAxis *axis : rect->axes())
        axis->setVisible(false);
    rect->setAutoMargins(QCP::msNone);
    rect->setMargins(QMargins(6, 4, 6, 6));

    m_scale = addColorScale();
    m_scale->setGradient(WeightImagePlot::gradient());
    m_scale->setDataRange(QCPRange(-1, 1));
    m_scale->axis()->setLabel(tr("value ÷ its band's max |value|"));

    m_pixmap = new QCPItemPixmap(m_plot);
    m_pixmap->setClipToAxisRect(true);
    m_pixmap->topLeft->setType(QCPItemPosition::ptAbsolute);
    m_pixmap->bottomRight->setType(QCPItemPosition::ptAbsolute);
    m_pixmap->setVisible(false);
    m_note = addNote();

    connect(m_plot, &QCustomPlot::afterLayout, this, &TileMosaicView::fit);
}

bool TileMosaicView::showsDataset(const Dataset &dataset) const {
    return dataset.isImage();
}

bool TileMosaicView::showsExperiment(const ExperimentSpec &spec, const Dataset &dataset) const {
    return showsDataset(dataset)
           && std::any_of(spec.model.layers.begin(), spec.model.layers.end(),
                          [](const LayerSpec &l) { return l.isConv(); });
}

double TileMosaicView::bandScale(const MatrixF &tiles) {
    double maxAbs = 0.0;
    for (Index i = 0; i < tiles.size(); ++i) {
        const double v = std::abs(double(tiles.data()[i]));
        if (std::isfinite(v))
            maxAbs = std::max(maxAbs, v);
    }
    return maxAbs > 0.0 ? maxAbs : 1.0;
}

QImage TileMosaicView::paintBands(const std::vector<TileBand> &bands, const QSize &size,
                                  const QFont &font) {
    if (bands.empty() || size.width() < 8 || size.height() < 8)
        return {};
    const int captionHeight = QFontMetrics(font).height() + 2;
    // The tile size on screen: the largest that fits every band, the widest tile setting it.
    int maxWidth = 1;
    for (const TileBand &b : bands)
        maxWidth = std::max(maxWidth, b.width);
    auto totalHeight = [&](int tileWidth) {
        int h = 0;
        for (const TileBand &b : bands) {
            const BandLayout l = layoutOf(b, tileWidth * b.width / maxWidth, size.width());
            h += captionHeight + l.rows * (tileWidth * b.height / maxWidth + kGap) + 4;
        }
        return h;
    };
    int tile = 4;
    for (int t = 4; t <= 240; ++t) {
        if (totalHeight(t) > size.height())
            break;
        tile = t;
    }
    QImage image(size, QImage::Format_ARGB32);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setFont(font);
    QCPColorGradient g = WeightImagePlot::gradient(); // color() is not const
    int y = 0;
    for (const TileBand &b : bands) {
        const double scale = bandScale(b.tiles);
        p.setPen(QColor(0x3c, 0x40, 0x45));
        p.drawText(QRect(0, y, size.width(), captionHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   QStringLiteral("%1 · ±%2").arg(b.caption, QString::number(scale, 'g', 2)));
        y += captionHeight;
        const int tw = std::max(1, tile * b.width / maxWidth);
        const int th = std::max(1, tile * b.height / maxWidth);
        const BandLayout l = layoutOf(b, tw, size.width());
        const QCPRange range(-scale, scale);
        for (Index t = 0; t < b.tiles.rows(); ++t) {
            QImage small(b.width, b.height, QImage::Format_ARGB32);
            for (int r = 0; r < b.height; ++r) {
                auto *line = reinterpret_cast<QRgb *>(small.scanLine(r));
                for (int c = 0; c < b.width; ++c) {
                    const double v = b.tiles(t, Index(r) * b.width + c);
                    line[c] = g.color(std::isfinite(v) ? v : 0.0, range);
                }
            }
            const QRect target(int(t % l.columns) * (tw + kGap),
                               y + int(t / l.columns) * (th + kGap), tw, th);
            p.fillRect(target.adjusted(-1, -1, 1, 1), kFrame);
            p.drawImage(target, small); // no smoothing: a pixel stays a square
        }
        y += l.rows * (th + kGap) + 4;
    }
    return image;
}

void TileMosaicView::showBands(std::vector<TileBand> bands) {
    m_bands = std::move(bands);
    m_note->setVisible(m_bands.empty());
    m_image = QImage(); // painted at the area's size in fit()
    fit();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TileMosaicView::showNote(const QString &note) {
    m_bands.clear();
    m_image = QImage();
    m_pixmap->setVisible(false);
    m_note->setText(note);
    m_note->setVisible(true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TileMosaicView::fit() {
    const QRect area = m_plot->axisRect()->rect();
    if (m_bands.empty() || area.width() < 8 || area.height() < 8) {
        m_pixmap->setVisible(false);
        return;
    }
    if (m_image.size() != area.size()) {
        m_image = paintBands(m_bands, area.size(), plotFont(8.5));
        m_pixmap->setPixmap(QPixmap::fromImage(m_image));
    }
    m_pixmap->topLeft->setCoords(area.topLeft());
    m_pixmap->bottomRight->setCoords(area.topLeft() + QPoint(area.width(), area.height()));
    m_pixmap->setVisible(!m_image.isNull());
}

} // namespace reglab::ui
