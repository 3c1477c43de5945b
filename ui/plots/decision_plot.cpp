// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/decision_plot.h"

#include "ui/dataset_text.h"
#include "ui/plots/plot_export.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

/// `color` mixed with white: map tints stay light so the points on them remain visible.
QColor tint(const QColor &color, double amount) {
    return QColor::fromRgbF(float(1.0 - amount + amount * color.redF()),
                            float(1.0 - amount + amount * color.greenF()),
                            float(1.0 - amount + amount * color.blueF()));
}

const QColor kRegressionPoint(0x3c, 0x40, 0x46);

} // namespace

DecisionPlot::DecisionPlot(QWidget *parent)
    : TrainingView(QStringLiteral("decisionPlot"), parent) {
    m_title = addPlotTitle(m_plot, title());
    m_plot->xAxis->setLabel(tr("x₁"));
    m_plot->yAxis->setLabel(tr("x₂"));
    // The map covers the whole data area: a grid on top of it would only add noise.
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->legend->setVisible(true);

    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(true);
    m_map->setTightBoundary(true);
    m_map->removeFromLegend();

    // The colour scale right of the data, the legend in one row under it: neither covers
    // any point.
    m_scale = addColorScale();
    m_map->setColorScale(m_scale);
    QCPLayoutGrid *main = m_plot->plotLayout();
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    main->addElement(2, 0, m_plot->legend);
    main->setRowStretchFactor(2, 0.001);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->legend->setWrap(4);
    m_plot->legend->setColumnSpacing(14);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setMargins(QMargins(6, 0, 6, 2));
    // After each layout pass (new size, new entries) the legend takes as many columns as fit.
    connect(m_plot, &QCustomPlot::afterLayout, this, &DecisionPlot::fitLegendColumns);

    m_note = addNote();
    m_note->setText(tr("The decision map is shown for 2-D data sets"));

    resetFor(defaultExperiment(), nullptr);
}

void DecisionPlot::fitLegendColumns() {
    QCPLegend *legend = m_plot->legend;
    if (!legend)
        return;
    int widest = 1;
    for (int i = 0; i < legend->itemCount(); ++i) { // cells may be empty after a re-layout
        if (const QCPAbstractLegendItem *item = legend->item(i))
            widest = std::max(widest, item->minimumOuterSizeHint().width());
    }
    // The legend shares its column with the data area (the colour scale has its own): the
    // width of that column as last laid out, or the widget's before the first layout.
    const int column = m_plot->axisRect()->outerRect().width() > 0
                           ? m_plot->axisRect()->outerRect().width()
                           : m_plot->width();
    const QMargins margins = legend->margins();
    const int available = column - margins.left() - margins.right();
    const int spacing = legend->columnSpacing();
    const int fit = std::clamp((available + spacing) / (widest + spacing), 1, 4);
    // Balanced rows: four entries where three fit go in two rows of two, not three and one.
    const int count = std::max(1, legend->itemCount());
    const int rows = (count + fit - 1) / fit;
    const int columns = (count + rows - 1) / rows;
    if (columns != legend->wrap()) {
        legend->setWrap(columns);
        legend->setFillOrder(QCPLegend::foColumnsFirst, true); // re-lays out the entries
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

QString DecisionPlot::title() const {
    return m_task == TaskKind::Regression ? tr("Prediction over the input plane")
                                          : tr("Decision boundary");
}

void DecisionPlot::setupGradient() {
    QCPColorGradient gradient;
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    QMap<double, QColor> stops;
    if (m_task == TaskKind::Regression) {
        stops[0.0] = tint(seriesColor(0), 0.75);
        stops[0.5] = QColor(0xf7, 0xf7, 0xf7);
        stops[1.0] = tint(seriesColor(1), 0.75);
        m_map->setInterpolate(true);
        m_scale->axis()->setLabel(tr("prediction"));
    } else if (m_numClasses <= 2) {
        // Diverging around p = 0.5: the boundary is where the map turns white.
        stops[0.0] = tint(seriesColor(0), 0.6);
        stops[0.5] = QColor(0xf7, 0xf7, 0xf7);
        stops[1.0] = tint(seriesColor(1), 0.6);
        m_map->setInterpolate(true);
        m_scale->axis()->setLabel(tr("P(class 1)"));
    } else {
        // Predicted class index: one flat tint per class.
        for (int c = 0; c < m_numClasses; ++c)
            stops[double(c) / double(m_numClasses - 1)] = tint(seriesColor(c), 0.45);
        m_map->setInterpolate(false);
        m_scale->axis()->setLabel(tr("predicted class"));
    }
    gradient.setColorStops(stops);
    gradient.setLevelCount(351); // odd: p = 0.5 maps to the white middle level
    if (m_task == TaskKind::Classification && m_numClasses > 2)
        gradient.setLevelCount(m_numClasses);
    m_map->setGradient(gradient);
    if (m_task == TaskKind::Classification)
        m_map->setDataRange(m_numClasses <= 2 ? QCPRange(0, 1) : QCPRange(0, m_numClasses - 1));
}

void DecisionPlot::resetFor(const ExperimentSpec &spec, std::shared_ptr<const Dataset> dataset) {
    for (QCPGraph *graph : m_points)
        m_plot->removeGraph(graph);
    m_points.clear();
    m_map->data()->clear();
    m_task = dataset ? dataset->task : spec.task();
    m_numClasses =
        dataset && dataset->task == TaskKind::Classification ? std::max(2, dataset->numClasses) : 2;
    setupGradient();
    m_title->setText(title());

    const bool planar = dataset && dataset->inputDim() == 2;
    m_note->setVisible(!planar);
    m_scale->setVisible(planar);
    if (!planar) {
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(0, 1);
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }

    const bool classes = dataset->task == TaskKind::Classification;
    const int groups = classes ? m_numClasses : 1;
    for (int c = 0; c < groups; ++c) {
        const QColor color = classes ? seriesColor(c) : kRegressionPoint;
        const QString className = classes && std::size_t(c) < dataset->classNames.size()
                                      ? datasetText(dataset->classNames[std::size_t(c)])
                                      : (classes ? tr("class %1").arg(c) : QString());
        QCPGraph *train = m_plot->addGraph();
        train->setLineStyle(QCPGraph::lsNone);
        train->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                               QPen(color.darker(130), 0.8), QBrush(color), 6));
        train->setName(classes ? tr("%1 (train)").arg(className) : tr("train"));
        QCPGraph *test = m_plot->addGraph();
        test->setLineStyle(QCPGraph::lsNone);
        test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                              QPen(color.darker(115), 1.6), Qt::NoBrush, 7));
        test->setName(classes ? tr("%1 (test)").arg(className) : tr("test"));
        m_points.push_back(train);
        m_points.push_back(test);
    }

    double xMin = HUGE_VAL, xMax = -HUGE_VAL, yMin = HUGE_VAL, yMax = -HUGE_VAL;
    auto addPoints = [&](const MatrixF &x, const MatrixF &y, int offset) {
        const auto groupCount = std::size_t(groups);
        std::vector<QVector<double>> keys(groupCount), values(groupCount);
        for (Index j = 0; j < x.cols(); ++j) {
            const int g = classes ? std::clamp(int(std::lround(y(0, j))), 0, groups - 1) : 0;
            keys[std::size_t(g)].push_back(x(0, j));
            values[std::size_t(g)].push_back(x(1, j));
            xMin = std::min(xMin, double(x(0, j)));
            xMax = std::max(xMax, double(x(0, j)));
            yMin = std::min(yMin, double(x(1, j)));
            yMax = std::max(yMax, double(x(1, j)));
        }
        for (int g = 0; g < groups; ++g) {
            m_points[std::size_t(2 * g + offset)]->setData(keys[std::size_t(g)],
                                                           values[std::size_t(g)]);
        }
    };
    addPoints(dataset->trainX, dataset->trainY, 0);
    addPoints(dataset->testX, dataset->testY, 1);
    if (xMin <= xMax) {
        const double mx = 0.08 * std::max(xMax - xMin, 1e-3);
        const double my = 0.08 * std::max(yMax - yMin, 1e-3);
        m_plot->xAxis->setRange(xMin - mx, xMax + mx);
        m_plot->yAxis->setRange(yMin - my, yMax + my);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool DecisionPlot::showsDataset(const Dataset &dataset) const {
    return !dataset.isImage();
}

void DecisionPlot::appendSnapshot(const TrainingSnapshot &s) {
    if (s.reset)
        m_map->data()->clear();
    const DecisionField &f = s.field;
    if (!f.isValid() || m_points.empty()) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    QCPColorMapData *cells = m_map->data();
    if (cells->keySize() != f.nx || cells->valueSize() != f.ny)
        cells->setSize(f.nx, f.ny);
    cells->setRange(QCPRange(f.xMin, f.xMax), QCPRange(f.yMin, f.yMax));
    for (int iy = 0; iy < f.ny; ++iy) {
        for (int ix = 0; ix < f.nx; ++ix)
            cells->setCell(ix, iy, f.values[std::size_t(iy) * std::size_t(f.nx) + std::size_t(ix)]);
    }
    if (m_task == TaskKind::Regression)
        m_map->rescaleDataRange(true);
    m_plot->xAxis->setRange(f.xMin, f.xMax);
    m_plot->yAxis->setRange(f.yMin, f.yMax);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace reglab::ui
