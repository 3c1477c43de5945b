// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The main window composes the panels (data, network, layer inspector, the training views,
// run bar) around one ExperimentDocument and one TrainingController, and owns the menus. It
// holds no experiment state of its own: the document has the spec, the controller the
// training, each view its plot.

#include "core/data/dataset.h"
#include "ui/training/snapshot.h"

#include <QList>
#include <QMainWindow>
#include <QSize>
#include <QString>
#include <QStringList>

#include <memory>

class QAction;
class QActionGroup;
class QCustomPlot;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QToolBar;

namespace reglab {
struct ExperimentSpec;
}

namespace reglab::ui {

class AccuracyPlot;
class DatasetPanel;
class DecisionPlot;
class ExperimentDocument;
class HistogramPlot;
class LayerInspector;
class EarlyStoppingPanel;
class LessonLocks;
class LessonViewer;
class LossPlot;
class MessageBar;
class NetworkEditor;
class RecentFiles;
class RunBar;
class CompareWindow;
class RunWindow;
class SessionRecovery;
class TrainingController;
class TrainingView;
class WeightImagePlot;
class NeuronView;
class ConvFilterView;
class FeatureMapView;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    /// Experiment files are saved with this suffix.
    static constexpr const char *kFileSuffix = ".reglab.json";

    /// Opens on reglab::defaultExperiment() and starts building it.
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ExperimentDocument *document() const { return m_doc; }
    TrainingController *controller() const { return m_controller; }
    RunBar *runBar() const { return m_runBar; }
    NetworkEditor *networkEditor() const { return m_networkEditor; }
    LayerInspector *layerInspector() const { return m_inspector; }
    EarlyStoppingPanel *earlyStoppingPanel() const { return m_stoppingPanel; }
    DatasetPanel *datasetPanel() const { return m_dataPanel; }
    LossPlot *lossPlot() const { return m_lossPlot; }
    AccuracyPlot *accuracyPlot() const { return m_accuracyPlot; }
    HistogramPlot *histogramPlot() const { return m_histogramPlot; }
    DecisionPlot *decisionPlot() const { return m_decisionPlot; }
    WeightImagePlot *weightImagePlot() const { return m_weightPlot; }
    NeuronView *neuronView() const { return m_neuronView; }
    ConvFilterView *convFilterView() const { return m_convFilterView; }
    FeatureMapView *featureMapView() const { return m_featureMapView; }
    /// Every training view, on screen or not, in the order of the plot grid.
    QList<TrainingView *> views() const;
    /// The four views on screen, in reading order (the fourth depends on the data set).
    QList<TrainingView *> visibleViews() const;
    QList<QCustomPlot *> visiblePlots() const;
    QStringList visiblePlotTitles() const;

    // --- files (return false and set *error instead of showing a dialog) ---------------
    /// Opens an experiment file (core/io/experiment_json.h: its size limit and messages).
    bool openFile(const QString &path, QString *error = nullptr);
    /// Saves the document as JSON (2-space indent), atomically; adds kFileSuffix when the
    /// name has no .json suffix. The document takes the path and becomes unmodified.
    bool saveFile(const QString &path, QString *error = nullptr);
    /// The weights as of the latest snapshot, as .npz (`<layer>/kernel`, `<layer>/bias`).
    bool exportWeights(const QString &path, QString *error = nullptr);
    /// One row per epoch trained so far (see core/io/metrics_csv.h).
    bool exportMetrics(const QString &path, QString *error = nullptr);
    /// Every visible plot as `<folder>/<title>.<format>` (png, svg or pdf), at `size`
    /// (invalid: each plot's size on screen) magnified `scale` times (see exportPlot()). The
    /// folder is created when missing.
    bool exportAllPlots(const QString &folder, const QString &format = QStringLiteral("png"),
                        QString *error = nullptr, const QSize &size = {}, double scale = 1.0);
    /// Replaces the experiment with the default one (asks first when modified).
    void newExperiment();
    /// The trained run as a run folder (docs/run-folder.md): the experiment it ran, one
    /// metrics row per epoch trained and the weights of the last one; status finished,
    /// stopped or diverged. Pauses a running run first. Refuses a folder that holds other
    /// files but no run.
    bool saveRun(const QString &dir, QString *error = nullptr);
    /// Shows the run folder `dir` (docs/run-folder.md) in a window of its own: its curves,
    /// weight histograms and final weights. Null and `*error` set when it cannot be read.
    RunWindow *openRun(const QString &dir, QString *error = nullptr);
    /// Opens a compare window on the finished runs of `dirs` (CompareWindow::openRunFolders).
    CompareWindow *compareRuns(const QStringList &dirs, QString *error = nullptr);
    /// Epochs were trained since the last reset, build or Save run.
    bool hasUnsavedRun() const;
    /// Renames and redescribes the experiment as one undoable edit.
    void setExperimentProperties(const QString &name, const QString &description);
    /// Play's pace (TrainingController::setEpochsPerSecond()), shown in the run bar and the
    /// Training menu.
    void setEpochsPerSecond(double epochs);

    // --- lessons ------------------------------------------------------------------------
    /// Loads lesson `number`'s experiment (from the resources) into the document and shows
    /// its explanation, in the UI language, in the lesson dock. Does not ask about unsaved
    /// changes (the Lessons menu and the start page do). False with `*error` set otherwise.
    bool openLesson(int number, QString *error = nullptr);
    /// Loads a lesson folder from disk (File ▸ Open lesson…) like openLesson(); its
    /// experiment keeps its path in the folder (data files next to it are found), but Save
    /// asks for another file. False with `*error` naming the file and the field otherwise.
    bool openLessonFolder(const QString &folder, QString *error = nullptr);
    /// Loads step `step` of the open lesson into the document (the lesson panel's Set up).
    bool openLessonStep(int step, QString *error = nullptr);
    LessonLocks *lessonLocks() const { return m_lessonLocks; }
    /// The start page (lessons, built-in experiment, open file, recent files), non-blocking.
    void showStartPage();
    LessonViewer *lessonViewer() const { return m_lessonViewer; }
    QDockWidget *lessonDock() const { return m_lessonDock; }
    QMenu *lessonsMenu() const { return m_lessonsMenu; }

    RecentFiles *recentFiles() const { return m_recentFiles; }
    /// Ask before discarding unsaved changes (on New, Open, Quit). Tests turn it off.
    void setAskBeforeDiscard(bool ask) { m_askBeforeDiscard = ask; }
    /// Save and restore geometry, dock layout and recent files with QSettings.
    void setPersistSettings(bool persist);
    void restoreSettings();

    /// Keeps a crash-recovery copy of unsaved changes in `path` (SessionRecovery).
    void enableRecovery(const QString &path);
    /// When the last session left a recovery file (it did not exit cleanly), asks whether to
    /// restore its experiment (`ask` false: restores without asking) and does so as one
    /// undoable edit on top of the file it belonged to. True when something was restored.
    bool offerRecovery(bool ask = true);

    /// The message bar over the plots (divergence, the experiment cannot run).
    bool isMessageVisible() const;
    QString messageText() const;

    /// Redraws every plot now (before grabbing the window for a screenshot).
    void replotAll();

    // --- view (main_window_view.cpp) ----------------------------------------------------
    /// The application's font size relative to the system's (View > Zoom), 0.8 to 2.5;
    /// the plots' text follows. Saved per machine (QSettings) when settings persist.
    double zoom() const;
    void setZoom(double zoom);
    void zoomIn();
    void zoomOut();
    /// Larger text, thicker lines and bigger markers in every plot and export (PlotLook).
    bool isPresentationMode() const;
    void setPresentationMode(bool on);
    /// Puts the panels, toolbars and plot grid back to how they start and forgets the
    /// saved arrangement.
    void resetLayout();
    /// Whether the plots are tabs (the central area is too small for a readable 2 x 2 grid).
    bool plotsInTabs() const;
    QTabWidget *plotTabs() const { return m_plotTabs; }
    /// Brings the plot in place `index` (0-3, reading order) to the front when the plots are
    /// tabs (and whenever they become tabs).
    void showPlot(int index);
    /// View > Every neuron: the fourth place shows the network view (NeuronView) instead of
    /// the decision map or the weight images, and the grid gives it the larger share.
    bool isNeuronViewShown() const;
    void setNeuronViewShown(bool shown);
    /// View > Feature maps: the fourth place shows one test image's feature maps
    /// (FeatureMapView) instead of the conv filters (networks with conv layers).
    bool isFeatureMapViewShown() const;
    void setFeatureMapViewShown(bool shown);
    /// Whether the run bar's settings are in a second row (the window is too narrow for one).
    bool runBarWrapped() const;
    /// The second row of the run bar (empty unless runBarWrapped()).
    QToolBar *runSettingsBar() const { return m_runSettingsBar; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // main_window.cpp: panels, plots, training
    void createPanels();
    QWidget *createPlotGrid();
    void connectController();
    QDockWidget *addDock(QWidget *panel, const QString &title, const QString &objectName,
                         Qt::DockWidgetArea area);
    void onSpecChanged(const reglab::ExperimentSpec &before, const reglab::ExperimentSpec &after);
    void onDatasetReady(std::shared_ptr<const reglab::Dataset> loaded);
    void onSnapshot(const reglab::ui::TrainingSnapshot &snapshot);
    void onRunningChanged(bool running);
    void resetTraining();
    void updateTitle();
    void updateProgress();
    /// Play and Step enabled only when there is something to train, with a tool tip that
    /// says why not.
    void updateRunActions();
    /// A failed build: every panel shows "no data" and why (nothing of the previous data set
    /// stays on screen).
    void showBuildError(const QString &message);
    QString baseDir() const;

    // main_window_menus.cpp: menus, lessons
    void createMenus();
    void createLessonDock();
    void createLanguageMenu(QMenu *help);
    void fillExportPlotMenu();
    void createSpeedMenu(QMenu *training);
    void editPropertiesDialog();
    /// Asks about unsaved changes, then opens lesson `number` (errors in a dialog).
    void openLessonAsking(int number);
    /// File ▸ Open lesson…: asks about unsaved changes, then for a lesson folder.
    void openLessonFolderDialog();
    /// Shows `lesson` in the lesson dock and applies its locks (after the document loaded it).
    void showLessonPanel(int number, const QString &folder);
    /// True when `path` is the experiment of the lesson shown (Save must not overwrite it).
    bool isOpenLessonExperiment(const QString &path) const;

    // main_window_files.cpp: files, exports, settings, recovery
    bool maybeSave();
    /// Asks before an unsaved trained run is discarded (Save run… / Discard / Cancel); true
    /// to go on.
    bool confirmDiscardRun(const QString &question);
    bool saveRunDialog();
    /// Asks for a run folder and opens it (openRun(); errors in a dialog).
    void openRunDialog();
    /// Asks for a folder of runs and compares them (compareRuns(); errors in a dialog).
    void compareRunsDialog();
    /// Saves to the document's file, or asks for one when it has none (or is a lesson).
    bool save();
    /// Asks about unsaved changes, then opens `path` (empty: asks for a file); errors in a
    /// dialog.
    void openAsking(const QString &path = {});
    bool saveDialog();
    void exportWeightsDialog();
    void exportMetricsDialog();
    void exportPlotDialog(TrainingView *view);
    void exportAllPlotsDialog();
    /// The last export choices, offered again by the next export dialog.
    struct ExportChoice {
        QSize size;
        double scale = 1.0;
        QString folder;
    };
    ExportChoice m_lastExport;
    void saveSettings();
    void reportError(const QString &title, const QString &message);

    // main_window_view.cpp: View menu, reflow
    void createViewMenu(QMenu *view);
    /// The default dock arrangement (also View > Reset layout).
    void arrangeDocks();
    int leftDockWidth() const;
    int lessonDockWidth() const;
    /// Narrows the side panels when the window gets too narrow for them and the plots.
    void fitSidePanels();
    void setFullScreen(bool on);
    void restoreViewSettings(const QSettings &settings);
    void setPlotsInTabs(bool tabs);
    void updatePlotTabTitles();
    int runBarFullWidth() const;
    void wrapRunBar();
    void unwrapRunBar();
    /// Chooses grid or tabs for the plots and one or two rows for the run bar.
    void reflow();
    /// Sets the application font and the plot look from the zoom and presentation mode.
    void applyViewScale();

    ExperimentDocument *m_doc = nullptr;
    SessionRecovery *m_recovery = nullptr;
    TrainingController *m_controller = nullptr;
    RecentFiles *m_recentFiles = nullptr;
    RunBar *m_runBar = nullptr;
    DatasetPanel *m_dataPanel = nullptr;
    NetworkEditor *m_networkEditor = nullptr;
    LayerInspector *m_inspector = nullptr;
    EarlyStoppingPanel *m_stoppingPanel = nullptr;
    QDockWidget *m_trainingDock = nullptr;
    MessageBar *m_messageBar = nullptr;
    QList<QDockWidget *> m_docks;
    QDockWidget *m_dataDock = nullptr;

    LossPlot *m_lossPlot = nullptr;
    AccuracyPlot *m_accuracyPlot = nullptr;
    HistogramPlot *m_histogramPlot = nullptr;
    DecisionPlot *m_decisionPlot = nullptr;
    WeightImagePlot *m_weightPlot = nullptr;
    NeuronView *m_neuronView = nullptr;
    ConvFilterView *m_convFilterView = nullptr;
    FeatureMapView *m_featureMapView = nullptr;
    /// While the neuron view is shown: the latest decision field and first-layer kernel, for
    /// the view it hides when that returns.
    TrainingSnapshot m_hiddenState;
    /// The plot grid's cells in reading order; a cell holding several views shows the first
    /// one that has something to show for the data set.
    QList<QStackedWidget *> m_cells;
    QStackedWidget *m_plotArea = nullptr; ///< the grid or the tabs
    QSplitter *m_grid = nullptr;          ///< rows m_gridTop and m_gridBottom
    QSplitter *m_gridTop = nullptr;
    QSplitter *m_gridBottom = nullptr;
    QTabWidget *m_plotTabs = nullptr;
    int m_lastPlotTab = 0;
    QToolBar *m_runSettingsBar = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_presentationAction = nullptr;
    QAction *m_neuronAction = nullptr;
    QAction *m_featureMapAction = nullptr;
    double m_zoom = 1.0;
    bool m_presentation = false;
    bool m_wasMaximized = false;
    bool m_reflowing = false;

    QLabel *m_statusData = nullptr;
    QLabel *m_statusMetrics = nullptr;
    QMenu *m_exportPlotMenu = nullptr;
    QMenu *m_lessonsMenu = nullptr;
    QActionGroup *m_speedGroup = nullptr;
    LessonViewer *m_lessonViewer = nullptr;
    LessonLocks *m_lessonLocks = nullptr;
    QString m_lessonFolder; ///< the folder of a lesson opened from disk (empty: built in)
    QDockWidget *m_lessonDock = nullptr;

    std::shared_ptr<const Dataset> m_data;
    bool m_askBeforeDiscard = true;
    bool m_runUnsaved = false;
    QString m_divergedMessage; ///< of the current run, empty unless it diverged
    bool m_persistSettings = true;
};

} // namespace reglab::ui
