// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Compare mode: several regularization settings of one experiment trained side by side.
// A setup pane says what varies (a kernel L1/L2 scale over a list or a log range, the
// regularizer kind, the L2 convention, or coupled L2 vs AdamW's decoupled decay); the
// runs share one data set, the initial weights and the batch order, and run in the
// background (CompareRunner). Views: overlaid curves, the regularization path, overlaid
// weight histograms and a summary table; "Export bundle…" writes all of it to a folder in
// the layout reglab-cli sweep writes (docs/run-folder.md).

#include "core/compare/sweep.h"
#include "core/data/dataset.h"
#include "core/experiment_spec.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

class QGridLayout;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTimer;
class QToolButton;
class QWidget;

namespace reglab::ui {

class CompareCurvesPlot;
class CompareRunner;
class CompareSetupPane;
class CompareSummaryTable;
class CompareWeightsView;
class RegularizationPathPlot;
class WeightOverlayPlot;
struct CompareRun;
} // namespace reglab::ui

namespace reglab {
struct RunSet;
} // namespace reglab

namespace reglab::ui {

class CompareWindow : public QMainWindow {
    Q_OBJECT
public:
    /// `baseDir` resolves the experiment's relative data paths (the experiment file's folder).
    CompareWindow(const reglab::ExperimentSpec &spec, const QString &baseDir,
                  QWidget *parent = nullptr);
    ~CompareWindow() override;

    /// A window comparing finished runs read from `dirs` (run folders, sweep folders or
    /// folders of run folders: loadRunSet()), with the data set of the first run; it deletes
    /// itself when closed. Null, with `*error` naming the file and field, when the folders
    /// cannot be read or compared.
    static CompareWindow *openRunFolders(const QStringList &dirs, QString *error = nullptr,
                                         QWidget *parent = nullptr);
    /// Shows the finished runs of `set` instead of training (`dataset`: the shared data set,
    /// null when it could not be loaded, `dataError` saying why).
    void showRunSet(const reglab::RunSet &set, std::shared_ptr<const reglab::Dataset> dataset,
                    const QString &dataError = {});
    /// True when the window shows runs read from folders (showRunSet()).
    bool showsLoadedRuns() const { return m_loaded; }

    /// Replaces what the setup pane generated with these variants (until the pane is
    /// edited again). `kind` decides how the regularization path draws them.
    void setVariants(std::vector<reglab::Variant> variants,
                     reglab::VariationKind kind = reglab::VariationKind::Scale);
    const std::vector<reglab::Variant> &variants() const;
    void setEpochs(int epochs);
    /// The setup pane (what varies, on which layers).
    CompareSetupPane *setupPane() const { return m_setup; }

    /// Starts the runs. False (and errorText() says why) when there is nothing valid to run
    /// or runs are still going.
    bool start();
    /// Asks every run to stop; finished() follows once they have.
    void cancel();
    /// Asks run `run` alone to stop.
    void cancelRun(int run);
    bool isRunning() const;
    QString errorText() const;

    /// One summary per variant of the last start(), in variant order (labels and values
    /// filled in; zero numbers for a run that trained no epoch).
    std::vector<reglab::RunSummary> summaries() const;

    /// Writes the comparison to folder `dir` (created when missing): a sweep folder
    /// (sweep.json, summary.csv, summary_details.csv, one run folder per variant) plus
    /// plots/*.png + *.svg (compare_export.h). False with `*error` naming the file on failure.
    bool exportBundle(const QString &dir, QString *error);

    CompareSummaryTable *summaryTable() const { return m_table; }
    CompareCurvesPlot *lossPlot() const { return m_lossPlot; }
    CompareCurvesPlot *accuracyPlot() const { return m_accuracyPlot; }
    RegularizationPathPlot *pathPlot() const { return m_pathPlot; }
    WeightOverlayPlot *weightPlot() const { return m_weightPlot; }
    /// The weights over time of every run (a tab beside the curves).
    CompareWeightsView *weightsView() const { return m_weightsView; }
    /// Brings the weights-over-time tab to the front.
    void showWeightsOverTime();
    QProgressBar *progressBar(int run) const;
    /// The one-line explanation under the table (hidden unless a run collapsed).
    QLabel *collapseNote() const { return m_collapseNote; }
    /// The runs ranked by validation with their test numbers (hidden without a validation
    /// split).
    QLabel *validationNote() const { return m_validationNote; }

signals:
    /// Every run of the last start() has ended.
    void finished();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    struct RunRow {
        QLabel *name = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *status = nullptr;
        QToolButton *cancel = nullptr;
    };

    QWidget *buildSetupColumn();
    void setError(const QString &text);
    /// Sets every view up for runs of `base` labelled `labels` at x `values`.
    void prepareViews(const reglab::ExperimentSpec &base, reglab::VariationKind kind,
                      const QString &variation, const QStringList &labels,
                      const std::vector<double> &values);
    void buildRunRows();
    void onDatasetLoaded();
    void onRunUpdated(int index);
    void onRunnerFinished();
    void refreshSummaries();
    void showValidationRanking(const std::vector<std::optional<reglab::RunSummary>> &byRun);
    void updateButtons();
    void exportWithDialog();
    std::optional<reglab::RunSummary> summaryOf(int run) const;
    QString statusText(const CompareRun &run, const std::optional<reglab::RunSummary> &s) const;
    QString shortStatus(const CompareRun &run, const std::optional<reglab::RunSummary> &s) const;
    QString collapseText(reglab::TaskKind task) const;

    reglab::ExperimentSpec m_spec;
    QString m_baseDir;

    // What the last start() ran.
    reglab::ExperimentSpec m_runBase;
    reglab::VariationKind m_runKind = reglab::VariationKind::Scale;
    QString m_runVariation;
    QStringList m_runLabels;
    std::vector<std::size_t> m_plotted; ///< epochs drawn so far, per run
    bool m_initialShown = false;
    bool m_loaded = false; ///< the runs were read from folders, not trained here
    QString m_loadedDataError;
    QElapsedTimer m_clock;

    CompareRunner *m_runner = nullptr;

    // Setup column.
    CompareSetupPane *m_setup = nullptr;
    QPushButton *m_runButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QWidget *m_runsBox = nullptr;
    QGridLayout *m_runsGrid = nullptr;
    std::vector<RunRow> m_rows;

    // Views.
    CompareCurvesPlot *m_lossPlot = nullptr;
    CompareCurvesPlot *m_accuracyPlot = nullptr;
    RegularizationPathPlot *m_pathPlot = nullptr;
    WeightOverlayPlot *m_weightPlot = nullptr;
    CompareSummaryTable *m_table = nullptr;
    CompareWeightsView *m_weightsView = nullptr;
    QTabWidget *m_viewTabs = nullptr;
    QLabel *m_collapseNote = nullptr;
    QLabel *m_validationNote = nullptr;
    QSplitter *m_viewSplitter = nullptr;
    QTimer *m_refreshTimer = nullptr;
};

} // namespace reglab::ui
