// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/plot_export.h"

#include "ui/plots/plot_fit.h"
#include "ui/plots/plot_look.h"

#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFontMetrics>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <QWidget>

#include <qcustomplot.h>

#include <array>

namespace reglab::ui {

namespace {

QString trExport(const char *text) {
    return QCoreApplication::translate("reglab::ui::PlotExport", text);
}

const QColor kAxisColor(0xb4, 0xb8, 0xbe);
const QColor kGridColor(0xe8, 0xea, 0xed);
const QColor kTextColor(0x3c, 0x40, 0x46);

/// Keeps an overlay widget in the top-right corner of its plot.
class CornerKeeper : public QObject {
public:
    CornerKeeper(QCustomPlot *plot, QWidget *controls)
        : QObject(controls)
        , m_plot(plot)
        , m_controls(controls) {
        plot->installEventFilter(this);
        // A new title text (or font) may now run into the controls.
        connect(plot, &QCustomPlot::afterLayout, this, &CornerKeeper::reposition);
        // The controls grow with their font (zoom, presentation mode).
        controls->installEventFilter(this);
        reposition();
    }

    bool eventFilter(QObject *watched, QEvent *event) override {
        if (watched == m_plot && (event->type() == QEvent::Resize || event->type() == QEvent::Show))
            reposition();
        else if (watched == m_controls && event->type() == QEvent::LayoutRequest)
            reposition();
        return false;
    }

private:
    void reposition() {
        m_controls->adjustSize();
        const QSize size = m_controls->sizeHint();
        const int left = m_plot->width() - size.width() - 6;
        int top = 2;
        // When the centred title would run into the controls, the title row grows by their
        // height and they move under the title's text.
        auto *title = m_plot->plotLayout()->rowCount() > 0
                          ? qobject_cast<QCPTextElement *>(m_plot->plotLayout()->element(0, 0))
                          : nullptr;
        if (title) {
            const QFontMetrics metrics(title->font());
            const int textWidth = metrics.horizontalAdvance(title->text());
            QMargins margins = title->margins();
            if (m_titleBottom < 0)
                m_titleBottom = margins.bottom();
            const bool fits = (m_plot->width() + textWidth) / 2 + 6 <= left;
            const int bottom = fits ? m_titleBottom : m_titleBottom + size.height();
            if (!fits)
                top = margins.top() + metrics.height();
            if (margins.bottom() != bottom) {
                margins.setBottom(bottom);
                title->setMargins(margins);
                m_plot->replot(QCustomPlot::rpQueuedReplot);
            }
        }
        m_controls->setGeometry(left, top, size.width(), size.height());
        m_controls->raise();
    }

    QCustomPlot *m_plot;
    QWidget *m_controls;
    int m_titleBottom = -1; ///< the title's own bottom margin
};

bool fail(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

/// Draws `plot` laid out at `width` x `height`, magnified `scale` times, and ends painting.
bool paintVector(QCustomPlot *plot, QCPPainter *painter, int width, int height, double scale) {
    painter->setMode(QCPPainter::pmVectorized);
    painter->setMode(QCPPainter::pmNoCaching);
    painter->scale(scale, scale);
    plot->toPainter(painter, width, height);
    return painter->end();
}

} // namespace

QFont plotFont(double pointSize, bool bold) {
    QFont font;
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

void setLogScale(QCPAxis *axis, bool logarithmic) {
    if (logarithmic) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
        ticker->setLogBase(10);
        ticker->setSubTickCount(8);
        axis->setTicker(ticker);
        axis->setNumberFormat(QStringLiteral("eb"));
        axis->setNumberPrecision(0);
    } else {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(fittingTicker(axis));
        axis->setNumberFormat(QStringLiteral("gb"));
        axis->setNumberPrecision(3);
    }
}

QColor seriesColor(int index) {
    // Tableau 10, a palette designed to stay distinguishable (also in grey-scale print).
    static const std::array<QColor, 10> colors{QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b),
                                               QColor(0xe1, 0x57, 0x59), QColor(0x76, 0xb7, 0xb2),
                                               QColor(0x59, 0xa1, 0x4f), QColor(0xed, 0xc9, 0x48),
                                               QColor(0xb0, 0x7a, 0xa1), QColor(0xff, 0x9d, 0xa7),
                                               QColor(0x9c, 0x75, 0x5f), QColor(0xba, 0xb0, 0xac)};
    const int n = int(colors.size());
    return colors[std::size_t(((index % n) + n) % n)];
}

QColor validationColor() {
    return seriesColor(6);
}

void styleAxisRect(QCPAxisRect *rect) {
    const QFont labelFont = plotFont(9);
    const QFont tickFont = plotFont(8.5);
    for (QCPAxis *axis : rect->axes()) {
        axis->setBasePen(QPen(kAxisColor, 1));
        axis->setTickPen(QPen(kAxisColor, 1));
        axis->setSubTickPen(Qt::NoPen);
        axis->setTickLength(0, 4);
        axis->setLabelFont(labelFont);
        axis->setTickLabelFont(tickFont);
        axis->setLabelColor(kTextColor);
        axis->setTickLabelColor(kTextColor);
        axis->setLabelPadding(4);
        axis->grid()->setPen(QPen(kGridColor, 1));
        axis->grid()->setSubGridVisible(false);
        axis->grid()->setZeroLinePen(Qt::NoPen);
        axis->setTicker(fittingTicker(axis)); // labels never run into each other
    }
    rect->setBackground(Qt::white);
}

void applyPlotStyle(QCustomPlot *plot) {
    plot->setBackground(Qt::white);
    plot->setAntialiasedElements(QCP::aeAll);
    plot->setNotAntialiasedElements(QCP::aeAxes | QCP::aeGrid);
    plot->setPlottingHint(QCP::phCacheLabels, true);
    plot->setFont(plotFont(9));
    if (plot->axisRect())
        styleAxisRect(plot->axisRect());
    plot->legend->setFont(plotFont(8.5));
    plot->legend->setTextColor(kTextColor);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setBrush(QColor(255, 255, 255, 220));
    plot->legend->setIconSize(20, 14);
    plot->legend->setRowSpacing(0);
    plot->legend->setMargins(QMargins(6, 4, 6, 4));
    plot->plotLayout()->setMargins(QMargins(4, 2, 8, 4));
}

QCPTextElement *addPlotTitle(QCustomPlot *plot, const QString &title) {
    plot->plotLayout()->insertRow(0);
    auto *element = new QCPTextElement(plot, title, plotFont(10, true));
    element->setTextColor(QColor(0x20, 0x24, 0x2a));
    element->setMargins(QMargins(8, 6, 8, 2));
    plot->plotLayout()->addElement(0, 0, element);
    plot->plotLayout()->setRowStretchFactor(0, 0.001);
    return element;
}

void placeLegendRight(QCustomPlot *plot) {
    QCPLayoutGrid *layout = plot->plotLayout();
    const int row = layout->rowCount() - 1;
    if (plot->legend->layout())
        plot->legend->layout()->take(plot->legend);
    // The legend keeps its natural height at the top; an empty element takes the rest.
    auto *side = new QCPLayoutGrid;
    layout->addElement(row, 1, side);
    layout->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, plot->legend);
    side->addElement(1, 0, new QCPLayoutElement(plot));
    side->setRowStretchFactor(0, 0.001);
    side->setRowStretchFactor(1, 1.0);
}

void placeCornerControls(QCustomPlot *plot, QWidget *controls) {
    controls->setParent(plot);
    controls->setAutoFillBackground(false);
    controls->setAttribute(Qt::WA_TranslucentBackground);
    new CornerKeeper(plot, controls);
    controls->show();
}

bool exportPlot(QCustomPlot *plot, const QString &path, QString *error, int width, int height,
                double scale) {
    const QString &name = path;
    if (!plot)
        return fail(error,
                    trExport(QT_TRANSLATE_NOOP("reglab::ui::PlotExport", "%1: nothing to export"))
                        .arg(name));
    if (width <= 0)
        width = plot->width();
    if (height <= 0)
        height = plot->height();
    // A plot that was never shown may still have a nominal size: keep exports legible.
    if (width < 100 || height < 80) {
        width = 800;
        height = 500;
    }
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix != QLatin1String("png") && suffix != QLatin1String("svg")
        && suffix != QLatin1String("pdf"))
        return fail(error, trExport(QT_TRANSLATE_NOOP(
                                        "reglab::ui::PlotExport",
                                        "%1: unknown file type \"%2\" (use .png, .svg or .pdf)"))
                               .arg(name, suffix));

    if (!(scale >= 0.25 && scale <= 8.0))
        return fail(error, trExport(QT_TRANSLATE_NOOP("reglab::ui::PlotExport",
                                                      "%1: the scale must be between 0.25 and 8"))
                               .arg(name));
    const QString folder = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(folder))
        return fail(error, trExport(QT_TRANSLATE_NOOP("reglab::ui::PlotExport",
                                                      "%1: cannot create the folder %2"))
                               .arg(name, QDir::toNativeSeparators(folder)));
    applyPlotLook(plot, plotLook());

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error,
                    trExport(QT_TRANSLATE_NOOP("reglab::ui::PlotExport", "%1: cannot write: %2"))
                        .arg(name, file.errorString()));

    bool ok = true;
    if (suffix == QLatin1String("png")) {
        const QPixmap pixmap = plot->toPixmap(width, height, scale);
        ok = !pixmap.isNull() && pixmap.save(&file, "PNG");
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&file);
        const QSize page = QSizeF(width * scale, height * scale).toSize();
        generator.setSize(page);
        generator.setViewBox(QRect(QPoint(0, 0), page));
        generator.setTitle(plot->objectName());
        QCPPainter painter;
        ok = painter.begin(&generator);
        if (ok)
            ok = paintVector(plot, &painter, width, height, scale);
    } else {
        // 1 pixel of the plot = 1 point on the page (resolution 72 dpi).
        QPdfWriter writer(&file);
        writer.setResolution(72);
        writer.setPageSize(QPageSize(QSizeF(width * scale, height * scale), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setCreator(QStringLiteral("RegLab"));
        QCPPainter painter;
        ok = painter.begin(&writer);
        if (ok)
            ok = paintVector(plot, &painter, width, height, scale);
    }
    if (!ok) {
        file.cancelWriting();
        return fail(error, trExport(QT_TRANSLATE_NOOP("reglab::ui::PlotExport",
                                                      "%1: rendering the plot failed"))
                               .arg(name));
    }
    if (!file.commit())
        return fail(error,
                    trExport(QT_TRANSLATE_NOOP("reglab::ui::PlotExport", "%1: cannot write: %2"))
                        .arg(name, file.errorString()));
    return true;
}

} // namespace reglab::ui
