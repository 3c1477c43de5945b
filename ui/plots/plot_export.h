// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every plot shares: one look (fonts, grid, palette), a title row, file export.

#include <QColor>
#include <QFont>
#include <QString>

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPTextElement;
class QWidget;

namespace reglab::ui {

/// Writes `plot` to `path` as PNG, PDF or SVG, chosen by the extension (case-insensitive),
/// laid out at `width` x `height` (0: the widget's size) in the current plot look
/// (ui/plots/plot_look.h) and magnified `scale` times: a PNG of 1920 x 1080 at scale 2 has
/// 3840 x 2160 pixels with the text and lines twice as thick; SVG and PDF pages are `scale`
/// times as large. Missing folders of `path` are created. The file is written atomically
/// (QSaveFile): on failure the previous file is untouched, false is returned and `*error`
/// (when not null) names the file and the reason.
bool exportPlot(QCustomPlot *plot, const QString &path, QString *error, int width = 0,
                int height = 0, double scale = 1.0);

/// The shared look: fonts, light grid, no heavy frames, antialiasing, margins, legend style.
/// Call once after creating the plot (and styleAxisRect() for any axis rect added later).
void applyPlotStyle(QCustomPlot *plot);

/// Styles the axes of one axis rect like applyPlotStyle() does for the default one.
void styleAxisRect(QCPAxisRect *rect);

/// A fixed qualitative palette (10 colours, repeating) used by every plot.
QColor seriesColor(int index);
/// The validation curves' colour, apart from the train (0) and test (1) series colours.
QColor validationColor();

/// Inserts a title row at the top of the plot layout and returns its text element.
QCPTextElement *addPlotTitle(QCustomPlot *plot, const QString &title);

/// Moves the plot's legend out of the axis rect into a column to the right of it, so it
/// never covers data. Expects the axis rect in the layout's last row, column 0.
void placeLegendRight(QCustomPlot *plot);

/// Shows `controls` (e.g. a checkbox) as an overlay in the plot's top-right corner, over
/// the title row. Overlays are widgets: exports do not include them.
void placeCornerControls(QCustomPlot *plot, QWidget *controls);

/// The font every plot uses, at `pointSize`.
QFont plotFont(double pointSize, bool bold = false);

/// Switches a value axis between a linear scale and a base-10 log scale with 10^k labels.
void setLogScale(QCPAxis *axis, bool logarithmic);

} // namespace reglab::ui
