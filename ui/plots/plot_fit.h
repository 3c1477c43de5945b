// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Keeping a plot's text readable at any size: tick steps wide enough for their labels, and
// a legend in the corner of the axis rect that the curves leave free.

#include <QSharedPointer>

class QCustomPlot;
class QCPAxis;
class QCPAxisTicker;

namespace reglab::ui {

/// A linear ticker for `axis` that takes at most its tick count (setTickCount()) and fewer
/// when their labels would not fit the axis length side by side (horizontal axes) or one
/// above the other (vertical ones).
QSharedPointer<QCPAxisTicker> fittingTicker(QCPAxis *axis);
/// The same for an axis of whole numbers (epochs): steps of 1, 2, 5, 10, ...
QSharedPointer<QCPAxisTicker> fittingIntegerTicker(QCPAxis *axis);

/// After every layout pass, moves the legend (in the inset layout of the plot's axis rect)
/// to the corner where the fewest segments of the visible graphs run under it, preferring
/// the corners in the order bottom-right, top-right, bottom-left, top-left on ties.
void keepLegendOffCurves(QCustomPlot *plot);

} // namespace reglab::ui
