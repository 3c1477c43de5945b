// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_plot_style.h"

#include "ui/plots/plot_export.h"
#include "ui/plots/plot_look.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

QCustomPlot *makeComparePlot(QWidget *owner, const QString &objectName) {
    auto *plot = new QCustomPlot(owner);
    plot->setObjectName(objectName);
    auto *layout = new QVBoxLayout(owner);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot);
    applyPlotStyle(plot);
    followPlotLook(plot);
    return plot;
}

QWidget *compareCornerRow(const QList<QWidget *> &widgets) {
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    for (QWidget *w : widgets) {
        w->setFont(plotFont(8.5));
        layout->addWidget(w);
    }
    return row;
}

int fillLayerCombo(QComboBox *combo, const QStringList &layerNames, int current) {
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItems(layerNames);
    const int index =
        layerNames.isEmpty() ? -1 : std::clamp(current, 0, int(layerNames.size()) - 1);
    combo->setCurrentIndex(index);
    return index;
}

QCPRange paddedRange(double lo, double hi, bool logScale) {
    if (logScale) {
        // Whole decades (at least one), so the log ticks are labelled.
        if (!(lo > 0.0) || !(hi > 0.0))
            return QCPRange(0.01, 10.0);
        const double lower = std::pow(10.0, std::floor(std::log10(lo)));
        double upper = std::pow(10.0, std::ceil(std::log10(hi)));
        if (upper <= lower * 1.0001)
            upper = lower * 10.0;
        return QCPRange(lower, upper);
    }
    if (!(hi > lo)) {
        const double half = std::max(std::fabs(lo) * 0.05, 0.5);
        return QCPRange(lo - half, hi + half);
    }
    const double pad = (hi - lo) * 0.06;
    return QCPRange(lo - pad, hi + pad);
}

} // namespace reglab::ui
