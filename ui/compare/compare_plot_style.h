// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the compare window's plots share: the colours of the summary lines, the plot set-up,
// the corner controls and the padded axis ranges. Run i is drawn in seriesColor(i)
// (ui/plots/plot_export.h) in every view.

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

class QComboBox;
class QCustomPlot;
class QCPRange;
class QWidget;

namespace reglab::ui {

inline const QColor kCompareTrainColor(0x8a, 0x91, 0x9c);
inline const QColor kCompareTestColor(0x23, 0x2a, 0x35);
inline const QColor kComparePenaltyColor(0x9c, 0x6a, 0xb8);
inline const QColor kCompareCollapsedColor(0xd0, 0x2b, 0x2b);

/// A styled QCustomPlot filling `owner` (its only child, no margins).
QCustomPlot *makeComparePlot(QWidget *owner, const QString &objectName);

/// A row of small controls for a plot's top-right corner.
QWidget *compareCornerRow(const QList<QWidget *> &widgets);

/// Fills a layer chooser with `layerNames` (no signal) and selects `current` clamped to them;
/// returns the selected index (-1 without layers).
int fillLayerCombo(QComboBox *combo, const QStringList &layerNames, int current);

/// [lo, hi] padded by 6 % (linear) or to whole decades (log); a degenerate range is widened.
QCPRange paddedRange(double lo, double hi, bool logScale);

} // namespace reglab::ui
