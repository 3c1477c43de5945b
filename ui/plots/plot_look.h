// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// How large every plot draws: the zoom (View > Zoom) scales its text, presentation mode
// (View > Presentation mode) its text, lines and markers, so that a class at the back of the
// room can read it. Plots keep building their pens and fonts at the normal size; a plot that
// follows the look scales them, just before each replot, from the values its code set.

#include <QObject>

class QCustomPlot;
class QCPItemText;
class QFont;

namespace reglab::ui {

/// Scale factors relative to the size each plot's code asks for (1: unchanged).
struct PlotLook {
    double fontScale = 1.0;   ///< text: titles, axis and tick labels, legends, notes
    double lineScale = 1.0;   ///< pen widths of curves, bars, axes and marker outlines
    double markerScale = 1.0; ///< scatter marker sizes

    /// The look for a zoom factor (1 = the system font size) with or without presentation
    /// mode (text × 1.3, lines × 1.8, markers × 1.5 on top of the zoom).
    static PlotLook forSettings(double zoom, bool presentation);
    bool isIdentity() const { return *this == PlotLook{}; }
    bool operator==(const PlotLook &) const = default;
};

/// The look every following plot uses now.
PlotLook plotLook();
/// Sets the look; every plot that follows it is redrawn with it.
void setPlotLook(const PlotLook &look);

/// Makes `plot` follow plotLook(), now and whenever it changes (TrainingView and the compare
/// window's plots do).
void followPlotLook(QCustomPlot *plot);

/// Scales the pens, markers and fonts of everything in `plot` (plottables, items, axes,
/// title and legend, colour scales, overlay widgets) from the values the plot's code set
/// to `look`. Idempotent: a value the code changed since the last call becomes the new base.
void applyPlotLook(QCustomPlot *plot, const PlotLook &look);

/// Sets `text`'s font to `base` scaled by plotLook() and records `base` as the font its code
/// set, so a text that is fitted during the layout pass keeps the look's scale.
void setBaseFont(QCPItemText *text, const QFont &base);

/// Emits changed() when setPlotLook() changes the look (for views that draw themselves).
class PlotLookNotifier : public QObject {
    Q_OBJECT
public:
    static PlotLookNotifier *instance();

signals:
    void changed();
};

} // namespace reglab::ui
