// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow on a projector: the window fits 1024 px, nothing of the run bar is hidden at
// 1024 x 768 and 1280 x 720 (its settings take a second row), the plots become tabs of a
// readable size when the grid would be too small, Reset layout, zoom and presentation mode
// (saved per machine), full screen, and exporting every plot at a chosen size and scale.
#include "ui/main_window.h"

#include "ui/lessons/lesson_viewer.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/plot_look.h"
#include "ui/plots/training_view.h"
#include "ui/training/run_bar.h"

#include <qcustomplot.h>

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QImage>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

constexpr int kTimeout = 30000;

std::unique_ptr<MainWindow> makeWindow() {
    auto w = std::make_unique<MainWindow>();
    w->setAskBeforeDiscard(false);
    w->setPersistSettings(false);
    return w;
}

/// Shows `w` at `size` and waits until it has that size and has laid itself out.
bool showAt(MainWindow &w, const QSize &size) {
    w.resize(size);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w))
        return false;
    QApplication::processEvents();
    return QTest::qWaitFor([&] { return w.size() == size; }, kTimeout);
}

/// The run bar's items (both rows) that are not on screen, by text or object name.
QStringList hiddenRunBarItems(MainWindow &w) {
    QStringList hidden;
    for (QToolBar *bar : {static_cast<QToolBar *>(w.runBar()), w.runSettingsBar()}) {
        for (QAction *action : bar->actions()) {
            if (action->isSeparator())
                continue;
            QWidget *widget = bar->widgetForAction(action);
            const bool shown =
                widget && widget->isVisible() && bar->rect().contains(widget->geometry());
            if (!shown)
                hidden << (action->text().isEmpty() && widget ? widget->objectName()
                                                              : action->text());
        }
        // The overflow button appears only when something does not fit.
        auto *extension = bar->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        if (extension && extension->isVisible())
            hidden << bar->objectName() + QStringLiteral(" overflow");
    }
    return hidden;
}

/// Restores the normal plot look and application font when a test ends.
struct ViewGuard {
    MainWindow *window;
    ~ViewGuard() {
        window->setPersistSettings(false);
        window->setZoom(1.0);
        window->setPresentationMode(false);
        QSettings settings;
        settings.remove(QStringLiteral("view"));
        settings.remove(QStringLiteral("window"));
    }
};

} // namespace

class TestMainWindowView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void minimumWidthFitsSmallScreens();
    void smallScreens_data();
    void smallScreens();
    void wideScreenKeepsGridAndOneRow();
    void resetLayoutRestoresDefaults();
    void zoomChangesAndPersistsFontSize();
    void presentationModeThickensEveryView();
    void viewMenuShortcuts();
    void fullScreenToggles();
    void exportAllPlotsAtSizeAndScale();
};

void TestMainWindowView::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RegLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_main_window_view"));
    QSettings().clear();
}

void TestMainWindowView::minimumWidthFitsSmallScreens() {
    auto w = makeWindow();
    QVERIFY2(w->minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(w->minimumSizeHint().width())));
    QString error;
    QVERIFY2(w->openLesson(2, &error), qPrintable(error));
    QVERIFY2(w->minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(w->minimumSizeHint().width())));
    QVERIFY(showAt(*w, QSize(1600, 1000)));
    QVERIFY2(w->minimumSizeHint().width() <= 1024,
             qPrintable(QString::number(w->minimumSizeHint().width())));
}

void TestMainWindowView::smallScreens_data() {
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("lesson");
    QTest::newRow("1024x768_lesson_2") << QSize(1024, 768) << 2;
    QTest::newRow("1280x720_lesson_2") << QSize(1280, 720) << 2;
    QTest::newRow("1024x768_no_lesson") << QSize(1024, 768) << 0;
}

void TestMainWindowView::smallScreens() {
    QFETCH(QSize, size);
    QFETCH(int, lesson);
    auto w = makeWindow();
    QString error;
    if (lesson > 0)
        QVERIFY2(w->openLesson(lesson, &error), qPrintable(error));
    QVERIFY(showAt(*w, size));

    // Every run-bar item on screen: Play, Step, Reset, the counter and every setting.
    QTRY_COMPARE_WITH_TIMEOUT(hiddenRunBarItems(*w), QStringList(), kTimeout);
    QVERIFY(w->runBarWrapped());
    QVERIFY(w->runBar()->widgetForAction(w->runBar()->playAction())->isVisible());

    // The plots are tabs, each large enough to read; the histograms are not slivers.
    QVERIFY(w->plotsInTabs());
    QCOMPARE(w->plotTabs()->count(), 4);
    QCOMPARE(w->plotTabs()->tabText(2), w->histogramPlot()->title());
    for (int i = 0; i < 4; ++i) {
        w->plotTabs()->setCurrentIndex(i);
        QApplication::processEvents();
        const QSize plot = w->visiblePlots().at(i)->size();
        QVERIFY2(plot.width() >= 400 && plot.height() >= 380,
                 qPrintable(QStringLiteral("%1: %2 x %3")
                                .arg(w->plotTabs()->tabText(i))
                                .arg(plot.width())
                                .arg(plot.height())));
    }
    // Side panels keep their contents readable and the lesson stays in view.
    for (QDockWidget *dock : w->findChildren<QDockWidget *>()) {
        if (dock->isVisible())
            QVERIFY2(dock->width() >= dock->minimumSizeHint().width(),
                     qPrintable(dock->objectName()));
    }
    QCOMPARE(w->lessonDock()->isVisible(), lesson > 0);
}

void TestMainWindowView::wideScreenKeepsGridAndOneRow() {
    auto w = makeWindow();
    QVERIFY(showAt(*w, QSize(1600, 1000)));
    QTRY_VERIFY_WITH_TIMEOUT(!w->plotsInTabs(), kTimeout);
    QVERIFY(!w->runBarWrapped());
    QCOMPARE(hiddenRunBarItems(*w), QStringList());
    for (QCustomPlot *plot : w->visiblePlots())
        QVERIFY(plot->isVisible());

    // Narrower: the plots become tabs and the settings a second row; wider again: back.
    w->resize(1024, 768);
    QTRY_VERIFY_WITH_TIMEOUT(w->plotsInTabs() && w->runBarWrapped(), kTimeout);
    w->resize(1600, 1000);
    QTRY_VERIFY_WITH_TIMEOUT(!w->plotsInTabs() && !w->runBarWrapped(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(hiddenRunBarItems(*w), QStringList(), kTimeout);
    QCOMPARE(w->visiblePlots().size(), 4);
}

void TestMainWindowView::resetLayoutRestoresDefaults() {
    auto w = makeWindow();
    ViewGuard guard{w.get()};
    QVERIFY(showAt(*w, QSize(1600, 1000)));
    w->setPersistSettings(true);
    const QList<QDockWidget *> docks = w->findChildren<QDockWidget *>();
    QDockWidget *network = w->findChild<QDockWidget *>(QStringLiteral("networkDock"));
    QDockWidget *data = w->findChild<QDockWidget *>(QStringLiteral("dataDock"));
    QVERIFY(network && data);
    const int networkWidth = network->width();

    // A cramped arrangement, saved.
    network->setFloating(true);
    data->hide();
    w->runBar()->hide();
    QSettings().setValue(QStringLiteral("window/state"), w->saveState());
    QSettings().setValue(QStringLiteral("window/geometry"), w->saveGeometry());

    w->findChild<QAction *>(QStringLiteral("resetLayoutAction"))->trigger();
    QApplication::processEvents();
    QVERIFY(!network->isFloating());
    QCOMPARE(w->dockWidgetArea(network), Qt::LeftDockWidgetArea);
    QVERIFY(network->isVisible());
    QCOMPARE(w->dockWidgetArea(data), Qt::LeftDockWidgetArea);
    QVERIFY(w->tabifiedDockWidgets(data).contains(
        w->findChild<QDockWidget *>(QStringLiteral("layerDock"))));
    QVERIFY(w->runBar()->isVisible());
    QVERIFY(!w->lessonDock()->isVisible()); // no lesson open
    QTRY_COMPARE_WITH_TIMEOUT(network->width(), networkWidth, kTimeout);
    // The saved arrangement is forgotten.
    QVERIFY(!QSettings().contains(QStringLiteral("window/state")));
    QVERIFY(!QSettings().contains(QStringLiteral("window/geometry")));

    // With a lesson open, its explanation stays.
    QString error;
    QVERIFY2(w->openLesson(1, &error), qPrintable(error));
    w->lessonDock()->setFloating(true);
    w->resetLayout();
    QVERIFY(w->lessonDock()->isVisible());
    QVERIFY(!w->lessonDock()->isFloating());
    QCOMPARE(w->dockWidgetArea(w->lessonDock()), Qt::RightDockWidgetArea);
}

void TestMainWindowView::zoomChangesAndPersistsFontSize() {
    auto w = makeWindow();
    ViewGuard guard{w.get()};
    w->setPersistSettings(true);
    const double base = QApplication::font().pointSizeF();
    QVERIFY(base > 0);
    const double tick = w->lossPlot()->plot()->xAxis->tickLabelFont().pointSizeF();

    w->findChild<QAction *>(QStringLiteral("zoomInAction"))->trigger();
    QCOMPARE(w->zoom(), 1.1);
    QCOMPARE(QApplication::font().pointSizeF(), base * 1.1);
    w->zoomIn();
    QCOMPARE(w->zoom(), 1.25);
    QCOMPARE(QApplication::font().pointSizeF(), base * 1.25);
    // The plots' text follows.
    w->lossPlot()->plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(w->lossPlot()->plot()->xAxis->tickLabelFont().pointSizeF(), tick * 1.25);
    QCOMPARE(QSettings().value(QStringLiteral("view/zoom")).toDouble(), 1.25);

    // The next window on this machine starts zoomed.
    w->setZoom(1.0);
    QSettings().setValue(QStringLiteral("view/zoom"), 1.25);
    auto next = makeWindow();
    next->restoreSettings();
    QCOMPARE(next->zoom(), 1.25);
    QCOMPARE(QApplication::font().pointSizeF(), base * 1.25);

    w->setZoom(1.25);
    w->zoomOut();
    QCOMPARE(w->zoom(), 1.1);
    w->findChild<QAction *>(QStringLiteral("zoomResetAction"))->trigger();
    QCOMPARE(w->zoom(), 1.0);
    QCOMPARE(QApplication::font().pointSizeF(), base);
    QCOMPARE(QSettings().value(QStringLiteral("view/zoom")).toDouble(), 1.0);
    // Bounded at both ends.
    for (int i = 0; i < 20; ++i)
        w->zoomOut();
    QCOMPARE(w->zoom(), 0.8);
    for (int i = 0; i < 20; ++i)
        w->zoomIn();
    QCOMPARE(w->zoom(), 2.5);
}

void TestMainWindowView::presentationModeThickensEveryView() {
    auto w = makeWindow();
    ViewGuard guard{w.get()};
    QVERIFY(showAt(*w, QSize(1600, 1000)));
    // The widest pen and the largest font of each view (every one has axes).
    const auto widest = [](QCustomPlot *plot) {
        double pen = 0.0;
        double font = 0.0;
        for (int i = 0; i < plot->plottableCount(); ++i)
            pen = std::max(pen, plot->plottable(i)->pen().widthF());
        for (QCPLayoutElement *element : plot->plotLayout()->elements(true)) {
            if (auto *rect = qobject_cast<QCPAxisRect *>(element)) {
                for (QCPAxis *axis : rect->axes()) {
                    pen = std::max(pen, axis->tickPen().widthF());
                    font = std::max(font, axis->tickLabelFont().pointSizeF());
                }
            }
        }
        return std::pair(pen, font);
    };
    const QList<TrainingView *> views = w->views();
    QCOMPARE(views.size(), 8);
    QList<std::pair<double, double>> before;
    for (TrainingView *view : views) {
        view->plot()->replot(QCustomPlot::rpImmediateRefresh);
        before << widest(view->plot());
    }
    QAction *action = w->findChild<QAction *>(QStringLiteral("presentationAction"));
    QVERIFY(action && action->isCheckable());
    action->trigger();
    QVERIFY(w->isPresentationMode());
    for (int i = 0; i < views.size(); ++i) {
        views[i]->plot()->replot(QCustomPlot::rpImmediateRefresh);
        const auto after = widest(views[i]->plot());
        QVERIFY2(after.first > before[i].first && after.second > before[i].second,
                 qPrintable(views[i]->title()));
    }
    action->trigger();
    QVERIFY(!w->isPresentationMode());
    views[0]->plot()->replot(QCustomPlot::rpImmediateRefresh);
    QCOMPARE(widest(views[0]->plot()), before[0]);
}

void TestMainWindowView::viewMenuShortcuts() {
    auto w = makeWindow();
    const auto keys = [&](const char *name) {
        QAction *action = w->findChild<QAction *>(QString::fromLatin1(name));
        return action ? action->shortcuts() : QList<QKeySequence>();
    };
    QVERIFY(keys("zoomInAction").contains(QKeySequence(Qt::CTRL | Qt::Key_Equal)));
    QVERIFY(keys("zoomInAction").contains(QKeySequence(Qt::CTRL | Qt::Key_Plus)));
    QVERIFY(keys("zoomOutAction").contains(QKeySequence(Qt::CTRL | Qt::Key_Minus)));
    QVERIFY(keys("zoomResetAction").contains(QKeySequence(Qt::CTRL | Qt::Key_0)));
    QVERIFY(keys("fullScreenAction").contains(QKeySequence(Qt::Key_F11)));
}

void TestMainWindowView::fullScreenToggles() {
    auto w = makeWindow();
    QVERIFY(showAt(*w, QSize(1280, 720)));
    QAction *action = w->findChild<QAction *>(QStringLiteral("fullScreenAction"));
    QVERIFY(action && action->isCheckable());
    action->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w->isFullScreen(), kTimeout);
    QVERIFY(action->isChecked());
    action->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!w->isFullScreen(), kTimeout);
    QVERIFY(!action->isChecked());
}

void TestMainWindowView::exportAllPlotsAtSizeAndScale() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto w = makeWindow();
    const QString folder = dir.filePath(QStringLiteral("slides/lesson-2"));
    QVERIFY(!QDir(folder).exists());
    QString error;
    QVERIFY2(w->exportAllPlots(folder, QStringLiteral("png"), &error, QSize(1920, 1080), 2.0),
             qPrintable(error));
    const QStringList files = QDir(folder).entryList({QStringLiteral("*.png")}, QDir::Files);
    QCOMPARE(files.size(), 4);
    for (const QString &file : files)
        QCOMPARE(QImage(QDir(folder).filePath(file)).size(), QSize(3840, 2160));
}

QTEST_MAIN(TestMainWindowView)
#include "tst_main_window_view.moc"
