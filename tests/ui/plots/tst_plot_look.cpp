// SPDX-License-Identifier: GPL-3.0-or-later
// The plot look (zoom and presentation mode) in every training view and the compare
// window's plots, and export at a chosen size and scale: pens, markers and fonts grow and
// come back exactly, exports use the look, a 1920 x 1080 export at 2x is 3840 x 2160 pixels
// in a folder that did not exist, and the export dialog's choices.

#include "ui/compare/compare_plot_style.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_export_dialog.h"
#include "ui/plots/plot_look.h"
#include "ui/plots/training_view.h"
#include "ui/plots/weight_image_plot.h"

#include "ui/plots/make_view.h"

#include <QCheckBox>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

using namespace reglab;
using namespace reglab::ui;
using reglab::ui::test::makeView;

namespace {

/// What the look scales in a plot, summed so that any change shows.
struct Measure {
    double penWidth = 0.0;   ///< plottables, their markers' outlines, items, axes
    double markerSize = 0.0; ///< graph scatter markers
    double fontSize = 0.0;   ///< axis labels and tick labels, title, legend, text items
    bool operator==(const Measure &) const = default;
};

Measure measure(QCustomPlot *plot) {
    Measure m;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable *p = plot->plottable(i);
        if (p->pen().style() != Qt::NoPen)
            m.penWidth += p->pen().widthF();
        if (auto *graph = qobject_cast<QCPGraph *>(p); graph && !graph->scatterStyle().isNone()) {
            m.markerSize += graph->scatterStyle().size();
            m.penWidth += graph->scatterStyle().pen().widthF();
        }
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto *text = qobject_cast<QCPItemText *>(plot->item(i)))
            m.fontSize += text->font().pointSizeF();
        else if (auto *line = qobject_cast<QCPItemStraightLine *>(plot->item(i)))
            m.penWidth += line->pen().widthF();
    }
    for (QCPLayoutElement *element : plot->plotLayout()->elements(true)) {
        if (auto *rect = qobject_cast<QCPAxisRect *>(element)) {
            for (QCPAxis *axis : rect->axes()) {
                m.fontSize += axis->labelFont().pointSizeF() + axis->tickLabelFont().pointSizeF();
                m.penWidth += axis->basePen().widthF() + axis->tickPen().widthF();
            }
        } else if (auto *title = qobject_cast<QCPTextElement *>(element)) {
            m.fontSize += title->font().pointSizeF();
        } else if (auto *legend = qobject_cast<QCPLegend *>(element)) {
            m.fontSize += legend->font().pointSizeF();
        } else if (auto *item = qobject_cast<QCPAbstractLegendItem *>(element)) {
            m.fontSize += item->font().pointSizeF();
        }
    }
    return m;
}

/// The largest tick-label font of the plot's axes, in points.
double tickFontSize(QCustomPlot *plot) {
    double size = 0.0;
    for (QCPAxisRect *rect : plot->axisRects()) {
        for (QCPAxis *axis : rect->axes())
            size = std::max(size, axis->tickLabelFont().pointSizeF());
    }
    return size;
}

/// Restores the normal look when a test ends, passed or not.
struct LookGuard {
    ~LookGuard() { setPlotLook(PlotLook{}); }
};

} // namespace

class TestPlotLook : public QObject {
    Q_OBJECT
private slots:
    void presentationScalesEveryView_data();
    void presentationScalesEveryView();
    void zoomScalesTextOnly();
    void lookFollowsNewSeries();
    void comparePlotsFollowTheLook();
    void exportAtSizeAndScale_data();
    void exportAtSizeAndScale();
    void exportUsesTheLook();
    void exportFailsWhenFolderCannotBeMade();
    void exportDialogChoices();
};

void TestPlotLook::presentationScalesEveryView_data() {
    QTest::addColumn<QString>("kind");
    for (const char *kind : {"loss", "accuracy", "histogram", "decision", "weight_image"})
        QTest::newRow(kind) << QString::fromLatin1(kind);
}

void TestPlotLook::presentationScalesEveryView() {
    QFETCH(QString, kind);
    const LookGuard guard;
    const std::unique_ptr<TrainingView> view = makeView(kind);
    view->resize(600, 400);
    view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const Measure normal = measure(view->plot());
    QVERIFY(normal.penWidth > 0.0);

    setPlotLook(PlotLook::forSettings(1.0, true));
    view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    const Measure presented = measure(view->plot());
    QVERIFY2(presented.penWidth > normal.penWidth * 1.5,
             qPrintable(QStringLiteral("%1 -> %2").arg(normal.penWidth).arg(presented.penWidth)));
    QVERIFY(presented.fontSize > normal.fontSize * 1.2);
    QVERIFY(presented.markerSize >= normal.markerSize * 1.5);

    // Replotting again does not scale twice; the normal look restores every value.
    view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(measure(view->plot()), presented);
    setPlotLook(PlotLook{});
    view->plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(measure(view->plot()), normal);
}

void TestPlotLook::zoomScalesTextOnly() {
    const LookGuard guard;
    LossPlot plot;
    plot.resize(600, 400);
    plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
    const Measure normal = measure(plot.plot());
    const double tick = tickFontSize(plot.plot());
    const QCheckBox *logCheck = plot.findChild<QCheckBox *>(QStringLiteral("logScaleCheck"));
    QVERIFY(logCheck);
    const double checkSize = logCheck->font().pointSizeF();

    setPlotLook(PlotLook::forSettings(1.5, false));
    plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(tickFontSize(plot.plot()), tick * 1.5);
    QCOMPARE(plot.plot()->legend->item(0)->font().pointSizeF(),
             plot.plot()->legend->font().pointSizeF());
    plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(plot.plot()->legend->item(0)->font().pointSizeF(), 8.5 * 1.5);
    QCOMPARE(logCheck->font().pointSizeF(), checkSize * 1.5); // the corner overlay too
    QCOMPARE(measure(plot.plot()).penWidth, normal.penWidth);
}

void TestPlotLook::lookFollowsNewSeries() {
    // Series a view creates later (a new run, a marker) are scaled from what its code set.
    const LookGuard guard;
    setPlotLook(PlotLook::forSettings(1.0, true));
    LossPlot plot;
    plot.resize(600, 400);
    ExperimentSpec spec = defaultExperiment();
    plot.resetFor(spec, nullptr);
    plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(plot.plot()->graph(0)->pen().widthF(), 2.2 * 1.8);
    // New legend items take the legend's (scaled) font: they are not scaled twice.
    for (int run = 0; run < 2; ++run) {
        plot.resetFor(spec, nullptr);
        plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
        plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
        QCOMPARE(plot.plot()->graph(0)->pen().widthF(), 2.2 * 1.8);
        QCOMPARE(plot.plot()->legend->font().pointSizeF(), 8.5 * 1.3);
        for (int i = 0; i < plot.plot()->legend->itemCount(); ++i)
            QCOMPARE(plot.plot()->legend->item(i)->font().pointSizeF(), 8.5 * 1.3);
    }
    setPlotLook(PlotLook{});
    plot.plot()->replot(QCustomPlot::rpImmediateRefresh);
    for (int i = 0; i < plot.plot()->legend->itemCount(); ++i)
        QCOMPARE(plot.plot()->legend->item(i)->font().pointSizeF(), 8.5);
}

void TestPlotLook::comparePlotsFollowTheLook() {
    const LookGuard guard;
    QWidget owner;
    QCustomPlot *plot = makeComparePlot(&owner, QStringLiteral("comparePlot"));
    QCPGraph *graph = plot->addGraph();
    graph->setPen(QPen(Qt::black, 2.0));
    plot->replot(QCustomPlot::rpImmediateRefresh);
    setPlotLook(PlotLook::forSettings(1.0, true));
    plot->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(graph->pen().widthF(), 2.0 * 1.8);
}

void TestPlotLook::exportAtSizeAndScale_data() {
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("scale");
    QTest::addColumn<QSize>("pixels");
    QTest::newRow("full_hd_2x") << "png" << QSize(1920, 1080) << 2.0 << QSize(3840, 2160);
    QTest::newRow("hd_1x") << "png" << QSize(1280, 720) << 1.0 << QSize(1280, 720);
    QTest::newRow("slide_3x") << "png" << QSize(960, 540) << 3.0 << QSize(2880, 1620);
    QTest::newRow("svg_2x") << "svg" << QSize(800, 500) << 2.0 << QSize();
    QTest::newRow("pdf_2x") << "pdf" << QSize(800, 500) << 2.0 << QSize();
}

void TestPlotLook::exportAtSizeAndScale() {
    QFETCH(QString, suffix);
    QFETCH(QSize, size);
    QFETCH(double, scale);
    QFETCH(QSize, pixels);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    HistogramPlot plot;
    // A folder that does not exist yet, two levels deep.
    const QString path = dir.filePath(QStringLiteral("slides/week 3/histograms.") + suffix);
    QString error;
    QVERIFY2(exportPlot(plot.plot(), path, &error, size.width(), size.height(), scale),
             qPrintable(error));
    QVERIFY(QFile::exists(path));
    if (pixels.isValid()) {
        QImage image;
        QVERIFY(image.load(path));
        QCOMPARE(image.size(), pixels);
    } else if (suffix == QLatin1String("svg")) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray svg = file.readAll();
        QVERIFY2(svg.contains("viewBox=\"0 0 1600 1000\""), svg.left(400).constData());
    }
}

void TestPlotLook::exportUsesTheLook() {
    // Presentation mode draws more ink: thicker lines, larger text.
    const LookGuard guard;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    AccuracyPlot plot;
    plot.resize(640, 400);
    const auto inkIn = [](const QString &path) {
        QImage image(path);
        qint64 dark = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x)
                dark += qGray(image.pixel(x, y)) < 160 ? 1 : 0;
        }
        return dark;
    };
    const QString normalPath = dir.filePath(QStringLiteral("normal.png"));
    const QString presentedPath = dir.filePath(QStringLiteral("presented.png"));
    QString error;
    QVERIFY2(exportPlot(plot.plot(), normalPath, &error, 640, 400), qPrintable(error));
    setPlotLook(PlotLook::forSettings(1.0, true));
    QVERIFY2(exportPlot(plot.plot(), presentedPath, &error, 640, 400), qPrintable(error));
    QVERIFY(inkIn(presentedPath) > inkIn(normalPath) * 1.2);
}

void TestPlotLook::exportFailsWhenFolderCannotBeMade() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A file stands where the folder should be.
    const QString blocker = dir.filePath(QStringLiteral("taken"));
    QFile file(blocker);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    LossPlot plot;
    const QString path = blocker + QStringLiteral("/sub/loss.png");
    QString error;
    QVERIFY(!exportPlot(plot.plot(), path, &error, 800, 500, 2.0));
    QVERIFY2(error.contains(path), qPrintable(error));
    QVERIFY(
        !exportPlot(plot.plot(), dir.filePath(QStringLiteral("loss.png")), &error, 800, 500, 0.0));
    QVERIFY2(error.contains(QStringLiteral("loss.png")), qPrintable(error));
}

void TestPlotLook::exportDialogChoices() {
    PlotExportDialog dialog(PlotExportDialog::Target::File, QSize(447, 455),
                            QStringLiteral("/tmp/out/loss-terms.png"));
    QCOMPARE(dialog.exportSize(), QSize(447, 455)); // the size on screen first
    QCOMPARE(dialog.format(), QStringLiteral("png"));
    QCOMPARE(dialog.scale(), 1.0);
    dialog.setExportSize(QSize(1920, 1080));
    dialog.setScale(2.0);
    QCOMPARE(dialog.exportSize(), QSize(1920, 1080));
    QCOMPARE(dialog.scale(), 2.0);
    QCOMPARE(dialog.resultText(), QStringLiteral("3840 × 2160 pixels"));
    // The suffix follows the format.
    dialog.setFormat(QStringLiteral("svg"));
    QCOMPARE(dialog.path(), QStringLiteral("/tmp/out/loss-terms.svg"));
    QVERIFY(dialog.resultText().contains(QStringLiteral("3840 × 2160")));

    PlotExportDialog folder(PlotExportDialog::Target::Folder, QSize(), QStringLiteral("/tmp/x"));
    QCOMPARE(folder.exportSize(), QSize(800, 500)); // no size on screen yet
    folder.setFormat(QStringLiteral("pdf"));
    QCOMPARE(folder.path(), QStringLiteral("/tmp/x"));
}

QTEST_MAIN(TestPlotLook)
#include "tst_plot_look.moc"
