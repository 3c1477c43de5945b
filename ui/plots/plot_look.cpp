// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/plot_look.h"

#include <QFont>
#include <QPen>
#include <QVariant>
#include <QWidget>

#include <qcustomplot.h>

#include <algorithm>

namespace reglab::ui {

namespace {

PlotLook g_look;

/// The names of the dynamic properties that keep a value's base and applied versions.
QByteArray baseKey(const char *key) {
    return QByteArray("reglabLookBase_") + key;
}

QByteArray appliedKey(const char *key) {
    return QByteArray("reglabLookApplied_") + key;
}

/// The value `get()` returned when the plot's code last set it (the base) is kept on the
/// object as a dynamic property, next to the value applied from it. When the current value
/// is not the applied one, the code has set a new one: that becomes the base.
template<typename T, typename Get, typename Set, typename Scale>
void scaleProperty(QObject *object, const char *key, Get get, Set set, Scale scaled) {
    const QByteArray baseName = baseKey(key);
    const QByteArray appliedName = appliedKey(key);
    const T current = get();
    const QVariant applied = object->property(appliedName.constData());
    T base = current;
    if (applied.isValid() && applied.value<T>() == current)
        base = object->property(baseName.constData()).value<T>();
    else
        object->setProperty(baseName.constData(), QVariant::fromValue(base));
    const T next = scaled(base);
    if (!(next == current))
        set(next);
    object->setProperty(appliedName.constData(), QVariant::fromValue(next));
}

QFont scaledFont(QFont font, double factor) {
    if (factor == 1.0)
        return font;
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else if (font.pixelSize() > 0)
        font.setPixelSize(std::max(1, int(font.pixelSize() * factor + 0.5)));
    return font;
}

QPen scaledPen(QPen pen, double factor) {
    if (factor == 1.0 || pen.style() == Qt::NoPen)
        return pen;
    // Width 0 is Qt's one-pixel cosmetic pen.
    pen.setWidthF(std::max(pen.widthF(), 1.0) * factor);
    return pen;
}

template<typename Object>
void scaleFontOf(Object *o, const char *key, const PlotLook &look) {
    scaleProperty<QFont>(
        o, key, [o] { return o->font(); }, [o](const QFont &f) { o->setFont(f); },
        [&look](const QFont &f) { return scaledFont(f, look.fontScale); });
}

template<typename Object>
void scalePenOf(Object *o, const char *key, const PlotLook &look) {
    scaleProperty<QPen>(
        o, key, [o] { return o->pen(); }, [o](const QPen &p) { o->setPen(p); },
        [&look](const QPen &p) { return scaledPen(p, look.lineScale); });
}

/// A scatter style's size and outline, for plottables that draw markers.
template<typename Plottable>
void scaleScatter(Plottable *p, const PlotLook &look) {
    if (p->scatterStyle().isNone())
        return;
    scaleProperty<double>(
        p, "scatterSize", [p] { return p->scatterStyle().size(); },
        [p](double size) {
            QCPScatterStyle style = p->scatterStyle();
            style.setSize(size);
            p->setScatterStyle(style);
        },
        [&look](double size) { return size * look.markerScale; });
    scaleProperty<QPen>(
        p, "scatterPen", [p] { return p->scatterStyle().pen(); },
        [p](const QPen &pen) {
            QCPScatterStyle style = p->scatterStyle();
            style.setPen(pen);
            p->setScatterStyle(style);
        },
        [&look](const QPen &pen) { return scaledPen(pen, look.lineScale); });
}

void scaleAxis(QCPAxis *axis, const PlotLook &look) {
    scaleProperty<QFont>(
        axis, "labelFont", [axis] { return axis->labelFont(); },
        [axis](const QFont &f) { axis->setLabelFont(f); },
        [&look](const QFont &f) { return scaledFont(f, look.fontScale); });
    scaleProperty<QFont>(
        axis, "tickLabelFont", [axis] { return axis->tickLabelFont(); },
        [axis](const QFont &f) { axis->setTickLabelFont(f); },
        [&look](const QFont &f) { return scaledFont(f, look.fontScale); });
    scaleProperty<QPen>(
        axis, "basePen", [axis] { return axis->basePen(); },
        [axis](const QPen &p) { axis->setBasePen(p); },
        [&look](const QPen &p) { return scaledPen(p, look.lineScale); });
    scaleProperty<QPen>(
        axis, "tickPen", [axis] { return axis->tickPen(); },
        [axis](const QPen &p) { axis->setTickPen(p); },
        [&look](const QPen &p) { return scaledPen(p, look.lineScale); });
}

void scaleLayoutElement(QCPLayoutElement *element, const PlotLook &look) {
    if (auto *text = qobject_cast<QCPTextElement *>(element)) {
        scaleFontOf(text, "font", look);
    } else if (auto *legend = qobject_cast<QCPLegend *>(element)) {
        // A new legend item takes the legend's font, already scaled: an item in the legend's
        // font follows the legend (whose setFont() sets every item's font too).
        const QFont legendFont = legend->font();
        QList<bool> follows;
        for (int i = 0; i < legend->itemCount(); ++i)
            follows << (legend->item(i) && legend->item(i)->font() == legendFont);
        scaleFontOf(legend, "font", look);
        const QVariant base = legend->property(baseKey("font").constData());
        for (int i = 0; i < legend->itemCount(); ++i) {
            QCPAbstractLegendItem *item = legend->item(i);
            if (!item)
                continue;
            if (follows[i]) {
                item->setFont(legend->font());
                item->setProperty(baseKey("font").constData(), base);
                item->setProperty(appliedKey("font").constData(), legend->font());
            } else {
                scaleFontOf(item, "font", look);
            }
        }
        scaleProperty<QSize>(
            legend, "iconSize", [legend] { return legend->iconSize(); },
            [legend](const QSize &s) { legend->setIconSize(s); },
            [&look](const QSize &s) { return s * look.fontScale; });
    } else if (auto *rect = qobject_cast<QCPAxisRect *>(element)) {
        for (QCPAxis *axis : rect->axes())
            scaleAxis(axis, look);
    } else if (auto *scale = qobject_cast<QCPColorScale *>(element)) {
        scaleAxis(scale->axis(), look);
    }
}

void scaleItem(QCPAbstractItem *item, const PlotLook &look) {
    if (auto *text = qobject_cast<QCPItemText *>(item)) {
        scaleFontOf(text, "font", look);
    } else if (auto *line = qobject_cast<QCPItemStraightLine *>(item)) {
        scalePenOf(line, "pen", look);
    } else if (auto *segment = qobject_cast<QCPItemLine *>(item)) {
        scalePenOf(segment, "pen", look);
    } else if (auto *tracer = qobject_cast<QCPItemTracer *>(item)) {
        scalePenOf(tracer, "pen", look);
        scaleProperty<double>(
            tracer, "size", [tracer] { return tracer->size(); },
            [tracer](double s) { tracer->setSize(s); },
            [&look](double s) { return s * look.markerScale; });
    }
}

void scalePlottable(QCPAbstractPlottable *plottable, const PlotLook &look) {
    scalePenOf(plottable, "pen", look);
    if (auto *graph = qobject_cast<QCPGraph *>(plottable))
        scaleScatter(graph, look);
    else if (auto *curve = qobject_cast<QCPCurve *>(plottable))
        scaleScatter(curve, look);
}

} // namespace

PlotLook PlotLook::forSettings(double zoom, bool presentation) {
    PlotLook look;
    look.fontScale = zoom * (presentation ? 1.3 : 1.0);
    look.lineScale = presentation ? 1.8 : 1.0;
    look.markerScale = presentation ? 1.5 : 1.0;
    return look;
}

PlotLook plotLook() {
    return g_look;
}

void setPlotLook(const PlotLook &look) {
    if (look == g_look)
        return;
    g_look = look;
    emit PlotLookNotifier::instance()->changed();
}

PlotLookNotifier *PlotLookNotifier::instance() {
    static PlotLookNotifier notifier;
    return &notifier;
}

void applyPlotLook(QCustomPlot *plot, const PlotLook &look) {
    // Plots that were never scaled hold their base values already.
    const char *scaledKey = "reglabLookScaled";
    if (look.isIdentity() && !plot->property(scaledKey).toBool())
        return;
    plot->setProperty(scaledKey, !look.isIdentity());

    for (int i = 0; i < plot->plottableCount(); ++i)
        scalePlottable(plot->plottable(i), look);
    for (int i = 0; i < plot->itemCount(); ++i)
        scaleItem(plot->item(i), look);
    for (QCPLayoutElement *element : plot->plotLayout()->elements(true)) {
        if (element)
            scaleLayoutElement(element, look);
    }
    // Overlay controls (check boxes in a corner) set their own plot font.
    for (QWidget *widget : plot->findChildren<QWidget *>()) {
        if (widget->testAttribute(Qt::WA_SetFont))
            scaleFontOf(widget, "font", look);
    }
}

void setBaseFont(QCPItemText *text, const QFont &base) {
    const QFont applied = scaledFont(base, g_look.fontScale);
    text->setProperty(baseKey("font").constData(), QVariant::fromValue(base));
    text->setProperty(appliedKey("font").constData(), QVariant::fromValue(applied));
    if (text->font() != applied)
        text->setFont(applied);
}

void followPlotLook(QCustomPlot *plot) {
    QObject::connect(plot, &QCustomPlot::beforeReplot, plot,
                     [plot] { applyPlotLook(plot, plotLook()); });
    QObject::connect(PlotLookNotifier::instance(), &PlotLookNotifier::changed, plot,
                     [plot] { plot->replot(QCustomPlot::rpQueuedReplot); });
    applyPlotLook(plot, plotLook());
}

} // namespace reglab::ui
