// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: the View menu (reset layout, full screen, presentation mode, zoom) and the
// layout that reflows on small screens: the plots become tabs when the central area cannot
// hold a readable 2 x 2 grid, and the run bar's settings move to a second row when one row
// cannot hold them.
#include "ui/main_window.h"
#include <QSpinBox>

#include "ui/plots/feature_map_view.h"

#include "ui/editor/dataset_panel.h"
#include "ui/editor/layer_inspector.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/plots/feature_map_view.h"
#include "ui/plots/neuron_view.h"
#include "ui/plots/plot_look.h"
#include "ui/plots/training_view.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QKeySequence>
#include <QLayout>
#include <QMenu>
#include <QResizeEvent>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>

#include <algorithm>
#include <array>
#include <cmath>

namespace reglab::ui {

namespace {

/// How much larger presentation mode makes the window's text (the plots scale by
/// PlotLook::forSettings()).
constexpr double kPresentationFontScale = 1.25;

/// The zoom steps of View > Zoom in / Zoom out.
constexpr std::array<double, 9> kZoomSteps{0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5};

/// Below this size a plot's title, axes and legend crowd its data out: the grid shows two
/// plots side by side and two above each other only when each gets at least this much.
constexpr int kGridCellMinWidth = 440;
constexpr int kGridCellMinHeight = 260;

const QString kZoomKey = QStringLiteral("view/zoom");
const QString kPresentationKey = QStringLiteral("view/presentation");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

/// The application's font before any zoom (the first window's).
QFont baseFont() {
    static const QFont font = QApplication::font();
    return font;
}

} // namespace

void MainWindow::createViewMenu(QMenu *view) {
    for (QDockWidget *dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addAction(m_runBar->toggleViewAction());
    view->addSeparator();

    QAction *reset = view->addAction(tr("&Reset layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayoutAction"));
    reset->setStatusTip(tr("Put the panels, the toolbar and the plots back where they start"));

    m_fullScreenAction = view->addAction(tr("&Full screen"));
    m_fullScreenAction->setObjectName(QStringLiteral("fullScreenAction"));
    m_fullScreenAction->setCheckable(true);
    QList<QKeySequence> fullScreenKeys{QKeySequence(Qt::Key_F11)};
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::FullScreen)) {
        if (!fullScreenKeys.contains(key))
            fullScreenKeys.append(key);
    }
    m_fullScreenAction->setShortcuts(fullScreenKeys);
    connect(m_fullScreenAction, &QAction::toggled, this, &MainWindow::setFullScreen);

    m_presentationAction = view->addAction(tr("&Presentation mode"));
    m_presentationAction->setObjectName(QStringLiteral("presentationAction"));
    m_presentationAction->setCheckable(true);
    m_presentationAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_presentationAction->setStatusTip(
        tr("Larger text, thicker lines and bigger markers in every plot, also in exports"));
    connect(m_presentationAction, &QAction::toggled, this, &MainWindow::setPresentationMode);
    m_neuronAction = view->addAction(tr("Every &neuron"));
    m_neuronAction->setObjectName(QStringLiteral("neuronViewAction"));
    m_neuronAction->setCheckable(true);
    m_neuronAction->setStatusTip(tr("Show every unit of the network, with its dead and pruned "
                                    "units, in place of the decision map or the weight images"));
    connect(m_neuronAction, &QAction::toggled, this, &MainWindow::setNeuronViewShown);
    m_featureMapAction = view->addAction(tr("&Feature maps"));
    m_featureMapAction->setObjectName(QStringLiteral("featureMapViewAction"));
    m_featureMapAction->setCheckable(true);
    m_featureMapAction->setStatusTip(tr("Show one test image's feature maps through every conv "
                                        "and max-pool layer in place of the conv filters"));
    connect(m_featureMapAction, &QAction::toggled, this, &MainWindow::setFeatureMapViewShown);
    view->addSeparator();

    QAction *zoomIn = view->addAction(tr("Zoom &in"), this, &MainWindow::zoomIn);
    zoomIn->setObjectName(QStringLiteral("zoomInAction"));
    // Ctrl+= is where Ctrl++ is on most keyboards (without Shift).
    zoomIn->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn});
    QAction *zoomOut = view->addAction(tr("Zoom &out"), this, &MainWindow::zoomOut);
    zoomOut->setObjectName(QStringLiteral("zoomOutAction"));
    zoomOut->setShortcuts({QKeySequence::ZoomOut, QKeySequence(Qt::CTRL | Qt::Key_Underscore)});
    QAction *zoomReset = view->addAction(tr("&Actual size"), this, [this] { setZoom(1.0); });
    zoomReset->setObjectName(QStringLiteral("zoomResetAction"));
    zoomReset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
}

double MainWindow::zoom() const {
    return m_zoom;
}

void MainWindow::setZoom(double zoom) {
    zoom = std::clamp(zoom, kZoomSteps.front(), kZoomSteps.back());
    m_zoom = zoom;
    applyViewScale();
    if (m_persistSettings)
        QSettings().setValue(kZoomKey, m_zoom);
    if (zoom != 1.0)
        statusBar()->showMessage(tr("Zoom %1%").arg(std::lround(zoom * 100)), 2000);
}

void MainWindow::zoomIn() {
    const auto next = std::upper_bound(kZoomSteps.begin(), kZoomSteps.end(), m_zoom + 1e-6);
    setZoom(next == kZoomSteps.end() ? kZoomSteps.back() : *next);
}

void MainWindow::zoomOut() {
    auto next = std::lower_bound(kZoomSteps.begin(), kZoomSteps.end(), m_zoom - 1e-6);
    setZoom(next == kZoomSteps.begin() ? kZoomSteps.front() : *std::prev(next));
}

bool MainWindow::isPresentationMode() const {
    return m_presentation;
}

void MainWindow::setPresentationMode(bool on) {
    m_presentation = on;
    {
        const QSignalBlocker block(m_presentationAction);
        m_presentationAction->setChecked(on);
    }
    applyViewScale();
    if (m_persistSettings)
        QSettings().setValue(kPresentationKey, m_presentation);
}

void MainWindow::applyViewScale() {
    // Presentation mode enlarges the whole window's text, not only the plots: a projector's
    // back row reads the inspector and the lesson too.
    const double scale = m_zoom * (m_presentation ? kPresentationFontScale : 1.0);
    QFont font = baseFont();
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else
        font.setPixelSize(std::max(1, int(std::lround(font.pixelSize() * scale))));
    QApplication::setFont(font);
    setPlotLook(PlotLook::forSettings(m_zoom, m_presentation));
    reflow();
}

void MainWindow::setFullScreen(bool on) {
    if (on == isFullScreen())
        return;
    if (on) {
        m_wasMaximized = isMaximized();
        showFullScreen();
    } else if (m_wasMaximized) {
        showMaximized();
    } else {
        showNormal();
    }
}

void MainWindow::restoreViewSettings(const QSettings &settings) {
    m_zoom = settings.value(kZoomKey, 1.0).toDouble();
    m_presentation = settings.value(kPresentationKey, false).toBool();
    const bool persist = m_persistSettings;
    m_persistSettings = false; // restoring is not a change to save
    setZoom(m_zoom);
    setPresentationMode(m_presentation);
    m_persistSettings = persist;
}

void MainWindow::arrangeDocks() {
    // One column on the left keeps the plots wide: the network always in view, and below it
    // the selected layer with the data set as a second tab. The lesson goes on the right, so
    // the Layer panel stays in view while its text says what to change.
    QDockWidget *networkDock = m_docks.at(0);
    QDockWidget *layerDock = m_docks.at(1);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setFloating(false);
        addDockWidget(dock == m_lessonDock ? Qt::RightDockWidgetArea : Qt::LeftDockWidgetArea,
                      dock);
    }
    splitDockWidget(networkDock, layerDock, Qt::Vertical);
    tabifyDockWidget(layerDock, m_dataDock);
    tabifyDockWidget(m_dataDock, m_trainingDock);
    layerDock->raise();
    for (QDockWidget *dock : {networkDock, layerDock, m_dataDock, m_trainingDock})
        dock->show();
    m_lessonDock->setVisible(m_lessonViewer->lesson() > 0);
    // On a small screen the side panels give up some width so the plots stay readable.
    resizeDocks({networkDock}, {leftDockWidth()}, Qt::Horizontal);
    resizeDocks({networkDock, layerDock}, {440, 400}, Qt::Vertical);
    if (m_lessonViewer->lesson() > 0)
        resizeDocks({m_lessonDock}, {lessonDockWidth()}, Qt::Horizontal);
    m_runBar->show();
}

int MainWindow::leftDockWidth() const {
    // A quarter of the window, but as wide as the panels' fields like to be (they scroll
    // vertically only, and their minimum cuts the fields off).
    int content = 0;
    for (const QWidget *panel :
         {static_cast<const QWidget *>(m_inspector), static_cast<const QWidget *>(m_dataPanel)})
        content = std::max(content, panel->sizeHint().width());
    content += style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 12;
    return std::clamp(std::max(width() / 4, content), 250, 360);
}

int MainWindow::lessonDockWidth() const {
    // Wide enough for the lesson's tables; the plots keep the rest.
    return std::clamp(width() * 23 / 100, 230, 320);
}

void MainWindow::resetLayout() {
    if (m_persistSettings) {
        QSettings settings;
        settings.remove(kStateKey);
        settings.remove(kGeometryKey);
    }
    unwrapRunBar();
    arrangeDocks();
    setPlotsInTabs(false);
    for (QSplitter *s : {m_gridTop, m_gridBottom, m_grid})
        s->setSizes({1000, 1000});
    reflow();
    statusBar()->showMessage(tr("The layout is back to its default"), 3000);
}

bool MainWindow::plotsInTabs() const {
    return m_plotArea->currentWidget() == m_plotTabs;
}

void MainWindow::setPlotsInTabs(bool tabs) {
    if (tabs == plotsInTabs())
        return;
    if (tabs) {
        // The tab shown first is the current one of the grid's reading order.
        for (QStackedWidget *cell : std::as_const(m_cells))
            m_plotTabs->addTab(cell, QString());
        updatePlotTabTitles();
        m_plotArea->setCurrentWidget(m_plotTabs);
    } else {
        const int current = m_plotTabs->currentIndex();
        while (m_plotTabs->count() > 0)
            m_plotTabs->removeTab(0);
        m_gridTop->addWidget(m_cells[0]);
        m_gridTop->addWidget(m_cells[1]);
        m_gridBottom->addWidget(m_cells[2]);
        m_gridBottom->addWidget(m_cells[3]);
        for (QStackedWidget *cell : std::as_const(m_cells))
            cell->show();
        m_plotArea->setCurrentWidget(m_grid);
        m_lastPlotTab = std::max(0, current);
    }
}

void MainWindow::showPlot(int index) {
    m_lastPlotTab = std::clamp(index, 0, int(m_cells.size()) - 1);
    if (plotsInTabs())
        m_plotTabs->setCurrentIndex(m_lastPlotTab);
}

bool MainWindow::isFeatureMapViewShown() const {
    return m_featureMapAction && m_featureMapAction->isChecked();
}

void MainWindow::setFeatureMapViewShown(bool shown) {
    {
        const QSignalBlocker block(m_featureMapAction);
        m_featureMapAction->setChecked(shown);
    }
    if (shown && isNeuronViewShown())
        setNeuronViewShown(false);
    QStackedWidget *cell = m_cells.back();
    const ExperimentSpec &built = m_controller->builtSpec();
    if (shown && m_data && m_featureMapView->showsExperiment(built, *m_data)) {
        cell->setCurrentWidget(m_featureMapView);
    } else if (!shown && cell->currentWidget() == m_featureMapView) {
        for (int i = 0; i < cell->count(); ++i) {
            auto *view = static_cast<TrainingView *>(cell->widget(i));
            if (view != m_neuronView && view != m_featureMapView
                && (!m_data || view->showsExperiment(built, *m_data))) {
                cell->setCurrentWidget(view);
                break;
            }
        }
    }
    // The newly shown view gets the current state in a snapshot of its own.
    m_controller->setFeatureMapImage(m_featureMapView->imageBox()->value());
    updatePlotTabTitles();
}

bool MainWindow::isNeuronViewShown() const {
    return m_neuronAction && m_neuronAction->isChecked();
}

void MainWindow::setNeuronViewShown(bool shown) {
    {
        const QSignalBlocker block(m_neuronAction);
        m_neuronAction->setChecked(shown);
    }
    QStackedWidget *cell = m_cells.back();
    if (shown) {
        cell->setCurrentWidget(m_neuronView);
    } else if (cell->currentWidget() == m_neuronView) {
        for (int i = 0; i < cell->count(); ++i) {
            auto *view = static_cast<TrainingView *>(cell->widget(i));
            if (view != m_neuronView && view != m_featureMapView
                && (!m_data || view->showsExperiment(m_controller->builtSpec(), *m_data))) {
                cell->setCurrentWidget(view);
                // What changed while it was hidden (its latest state; no epochs to add).
                view->applySnapshot(m_hiddenState);
                break;
            }
        }
    }
    m_hiddenState = {};
    // The network needs room: its place gets two thirds of each direction.
    const QList<int> sizes = shown ? QList<int>{700, 1300} : QList<int>{1000, 1000};
    for (QSplitter *s : {m_grid, m_gridTop, m_gridBottom})
        s->setSizes(sizes);
    updatePlotTabTitles();
    replotAll();
}

void MainWindow::updatePlotTabTitles() {
    for (int i = 0; i < m_plotTabs->count(); ++i) {
        auto *cell = static_cast<QStackedWidget *>(m_plotTabs->widget(i));
        const QString title = static_cast<TrainingView *>(cell->currentWidget())->title();
        m_plotTabs->setTabText(i, title);
        m_plotTabs->setTabToolTip(i, title); // the text may be shortened
    }
}

bool MainWindow::runBarWrapped() const {
    return !m_runSettingsBar->actions().isEmpty();
}

int MainWindow::runBarFullWidth() const {
    // What one row needs: every item's preferred width plus the toolbar's spacing and frame.
    int width = 0;
    for (QToolBar *bar : {static_cast<QToolBar *>(m_runBar), m_runSettingsBar}) {
        const int spacing = bar->layout() ? bar->layout()->spacing() : 6;
        for (QAction *action : bar->actions()) {
            if (QWidget *widget = bar->widgetForAction(action))
                width += widget->sizeHint().width() + spacing;
        }
    }
    return width + 2 * style()->pixelMetric(QStyle::PM_ToolBarItemMargin)
           + style()->pixelMetric(QStyle::PM_ToolBarHandleExtent) + 24;
}

void MainWindow::wrapRunBar() {
    if (runBarWrapped())
        return;
    // Play, Step, Reset and the epoch counter stay in the first row; the settings (after the
    // counter) go to the second.
    const QList<QAction *> actions = m_runBar->actions();
    int firstSetting = -1;
    int separators = 0;
    for (int i = 0; i < actions.size() && firstSetting < 0; ++i) {
        if (actions[i]->isSeparator() && ++separators == 2)
            firstSetting = i + 1;
    }
    if (firstSetting < 0 || firstSetting >= actions.size())
        return;
    for (int i = firstSetting; i < actions.size(); ++i) {
        m_runBar->removeAction(actions[i]);
        m_runSettingsBar->addAction(actions[i]);
    }
    addToolBarBreak(Qt::TopToolBarArea);
    addToolBar(Qt::TopToolBarArea, m_runSettingsBar);
    m_runSettingsBar->setVisible(m_runBar->isVisibleTo(this));
}

void MainWindow::unwrapRunBar() {
    if (toolBarArea(m_runSettingsBar) != Qt::NoToolBarArea) {
        removeToolBarBreak(m_runSettingsBar);
        removeToolBar(m_runSettingsBar);
    }
    const QList<QAction *> actions = m_runSettingsBar->actions();
    for (QAction *action : actions) {
        m_runSettingsBar->removeAction(action);
        m_runBar->addAction(action);
    }
}

void MainWindow::reflow() {
    if (m_reflowing || !m_plotArea)
        return; // or still being built
    m_reflowing = true;
    // The run bar: one row when it fits, else two (with some hysteresis against flicker).
    const int needed = runBarFullWidth();
    if (!runBarWrapped() && width() < needed)
        wrapRunBar();
    else if (runBarWrapped() && width() >= needed + 16)
        unwrapRunBar();

    // Larger text (zoom, presentation mode) needs larger plots.
    const QSize area = m_plotArea->size();
    const double text = plotLook().fontScale;
    const bool gridFits = area.width() >= 2 * kGridCellMinWidth * text
                          && area.height() >= 2 * kGridCellMinHeight * text;
    if (gridFits == plotsInTabs()) {
        setPlotsInTabs(!gridFits);
        if (!gridFits)
            m_plotTabs->setCurrentIndex(std::min(m_lastPlotTab, int(m_plotTabs->count()) - 1));
    }
    m_reflowing = false;
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_plotArea && event->type() == QEvent::Resize)
        reflow();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::resizeEvent(QResizeEvent *event) {
    QMainWindow::resizeEvent(event);
    // Once the docks have their new geometry (on the first show they have none yet).
    if (event->oldSize().width() != width())
        QMetaObject::invokeMethod(this, &MainWindow::fitSidePanels, Qt::QueuedConnection);
    reflow();
}

void MainWindow::fitSidePanels() {
    // Docks keep their width when the window narrows; below this the plots would be cramped,
    // so the side panels give way to their share of a small screen.
    if (m_plotArea->width() >= 2 * kGridCellMinWidth * plotLook().fontScale)
        return;
    QList<QDockWidget *> docks;
    QList<int> widths;
    const auto shrink = [&](QDockWidget *dock, int target) {
        if (dock->isVisible() && !dock->isFloating() && dock->width() > target) {
            docks.append(dock);
            widths.append(target);
        }
    };
    shrink(m_docks.at(0), leftDockWidth());
    shrink(m_lessonDock, lessonDockWidth());
    if (!docks.isEmpty())
        resizeDocks(docks, widths, Qt::Horizontal);
}

void MainWindow::changeEvent(QEvent *event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::WindowStateChange && m_fullScreenAction) {
        const QSignalBlocker block(m_fullScreenAction);
        m_fullScreenAction->setChecked(isFullScreen());
    } else if (event->type() == QEvent::FontChange) {
        reflow(); // zoom: the run bar's items changed size
    }
}

} // namespace reglab::ui
