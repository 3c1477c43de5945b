// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: files (open, save, recent), exports, settings and crash recovery.
#include "ui/main_window.h"

#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "core/io/metrics_csv.h"
#include "core/io/run_folder.h"
#include "core/io/weights_io.h"
#include "ui/compare/compare_window.h"
#include "ui/experiment_document.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/plot_export.h"
#include "ui/plots/plot_export_dialog.h"
#include "ui/plots/training_view.h"
#include "ui/recent_files.h"
#include "ui/run_window.h"
#include "ui/session_recovery.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>

#include <qcustomplot.h>

#include <exception>
#include <functional>

namespace reglab::ui {

namespace {

/// Runs `write`; a thrown error (the core's InputError / OutputError, which name the file)
/// becomes `*error` and false.
bool tryCore(QString *error, const std::function<void()> &write) {
    try {
        write();
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return false;
    }
}

/// "Loss terms" -> "loss-terms".
QString fileStem(const QString &title) {
    QString stem = title.toLower();
    stem.replace(QRegularExpression(QStringLiteral("[^\\p{L}\\p{N}]+")), QStringLiteral("-"));
    stem.remove(QRegularExpression(QStringLiteral("^-+|-+$")));
    return stem.isEmpty() ? QStringLiteral("plot") : stem;
}

} // namespace

bool MainWindow::openFile(const QString &path, QString *error) {
    ExperimentSpec spec;
    if (!tryCore(error, [&] { spec = loadExperimentFile(path.toStdString()); }))
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_doc->load(spec, absolute);
    m_recentFiles->add(absolute);
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::saveFile(const QString &requested, QString *error) {
    QString path = requested;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += QLatin1String(kFileSuffix);
    // Atomic: a temporary file renamed over the target.
    if (!tryCore(error, [&] { saveExperimentFile(m_doc->spec(), path.toStdString()); }))
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_doc->setFilePath(absolute);
    m_doc->markSaved();
    m_recentFiles->add(absolute);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::exportWeights(const QString &path, QString *error) {
    const auto weights = m_controller->weights();
    if (!weights) {
        if (error)
            *error = tr("%1: there are no weights yet (the experiment has not been built)")
                         .arg(QDir::toNativeSeparators(path));
        return false;
    }
    if (!tryCore(error, [&] { saveWeights(*weights, path.toStdString()); }))
        return false;
    statusBar()->showMessage(tr("Exported the weights to %1").arg(QDir::toNativeSeparators(path)),
                             5000);
    return true;
}

bool MainWindow::exportMetrics(const QString &path, QString *error) {
    const std::string csv = m_controller->metricsLog().csv();
    if (!tryCore(error, [&] { writeFileAtomically(path.toStdString(), csv); }))
        return false;
    statusBar()->showMessage(tr("Exported the metrics to %1").arg(QDir::toNativeSeparators(path)),
                             5000);
    return true;
}

bool MainWindow::exportAllPlots(const QString &folder, const QString &format, QString *error,
                                const QSize &size, double scale) {
    const QList<TrainingView *> views = visibleViews();
    for (TrainingView *view : views) {
        const QString name = fileStem(view->title()) + QLatin1Char('.') + format;
        if (!exportPlot(view->plot(), QDir(folder).filePath(name), error, size.width(),
                        size.height(), scale))
            return false;
    }
    statusBar()->showMessage(
        tr("Exported %1 plots to %2").arg(views.size()).arg(QDir::toNativeSeparators(folder)),
        5000);
    return true;
}

bool MainWindow::saveRun(const QString &dir, QString *error) {
    m_controller->pause(); // the history and weights below are those already shown
    // Every epoch's row (the history beside it is thinned on long runs).
    const MetricsLog &metrics = m_controller->metricsLog();
    const auto weights = m_controller->historyWeights();
    const QString shown = QDir::toNativeSeparators(dir);
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!m_controller->hasTrainer() || metrics.rows() < 1)
        return fail(
            tr("%1: there is no trained run to save (train at least one epoch)").arg(shown));
    const QDir folder(dir);
    if (folder.exists() && !folder.isEmpty() && !folder.exists(QStringLiteral("run.json")))
        return fail(tr("%1: the folder holds other files; choose an empty folder or a run folder")
                        .arg(shown));
    // The spec the run trained (the output layer fitted to the data, live changes applied),
    // under the name and description the document has now.
    ExperimentSpec spec = m_controller->builtSpec();
    spec.name = m_doc->spec().name;
    spec.description = m_doc->spec().description;
    const RunStatus status = !m_divergedMessage.isEmpty() ? RunStatus::Diverged
                             : m_controller->epoch() >= m_controller->targetEpochs()
                                 ? RunStatus::Finished
                                 : RunStatus::Stopped;
    const std::vector<NpzArray> arrays = status == RunStatus::Diverged || !weights
                                             ? std::vector<NpzArray>{}
                                             : weightsToArrays(*weights);
    // The weights over time as the histogram view kept them (at most 101 epochs, from epoch
    // 0 to the last), so that the run window can draw them again.
    const std::vector<EpochMetrics> &kept = m_histogramPlot->history().epochs();
    const bool keptWhole =
        !kept.empty() && kept.front().epoch == 0 && kept.back().epoch == metrics.lastEpoch();
    const std::vector<EpochMetrics> noHistory;
    if (!tryCore(error, [&] {
            writeRunFolderFromLog(dir.toStdString(), spec, metrics, arrays, status,
                                  m_divergedMessage.toStdString(), keptWhole ? kept : noHistory);
        }))
        return false;
    m_runUnsaved = false;
    statusBar()->showMessage(tr("Saved the run (%1 epochs) to %2").arg(metrics.rows()).arg(shown),
                             5000);
    return true;
}

bool MainWindow::saveRunDialog() {
    m_controller->pause();
    if (m_controller->history().size() < 2) {
        reportError(tr("Save run"), tr("There is no trained run to save yet: press Play or Step."));
        return false;
    }
    const QString name =
        QString::fromStdString(labelFileName(m_doc->spec().name)) + QLatin1String("-run");
    const QString dir = QFileDialog::getSaveFileName(
        this, tr("Save run as a folder"),
        baseDir().isEmpty() ? name : QDir(baseDir()).filePath(name), tr("Run folders (*)"));
    if (dir.isEmpty())
        return false;
    QString error;
    if (saveRun(dir, &error))
        return true;
    reportError(tr("Save run"), error);
    return false;
}

RunWindow *MainWindow::openRun(const QString &dir, QString *error) {
    RunWindow *window = RunWindow::open(dir, error, this);
    if (!window)
        return nullptr;
    window->show();
    statusBar()->showMessage(tr("Opened the run %1").arg(QDir::toNativeSeparators(dir)), 5000);
    return window;
}

void MainWindow::openRunDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a run folder"), baseDir());
    if (dir.isEmpty())
        return;
    QString error;
    if (!openRun(dir, &error))
        reportError(tr("Open run"), error);
}

CompareWindow *MainWindow::compareRuns(const QStringList &dirs, QString *error) {
    CompareWindow *window = CompareWindow::openRunFolders(dirs, error, this);
    if (!window)
        return nullptr;
    window->show();
    return window;
}

void MainWindow::compareRunsDialog() {
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Compare the runs of a folder (a sweep folder or a folder of run folders)"),
        baseDir());
    if (dir.isEmpty())
        return;
    QString error;
    if (!compareRuns({dir}, &error))
        reportError(tr("Compare run folders"), error);
}

bool MainWindow::confirmDiscardRun(const QString &question) {
    if (!m_askBeforeDiscard || !hasUnsavedRun())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved run"), question, QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("unsavedRunBox"));
    QPushButton *saveButton = box.addButton(tr("Save run…"), QMessageBox::AcceptRole);
    saveButton->setObjectName(QStringLiteral("saveRunButton"));
    box.addButton(tr("Discard run"), QMessageBox::DestructiveRole)
        ->setObjectName(QStringLiteral("discardRunButton"));
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    box.setDefaultButton(saveButton);
    box.exec();
    if (box.clickedButton() == saveButton)
        return saveRunDialog();
    return box.clickedButton() != cancel && box.clickedButton() != nullptr;
}

void MainWindow::newExperiment() {
    if (!maybeSave())
        return;
    m_doc->load(defaultExperiment());
}

bool MainWindow::maybeSave() {
    if (!m_askBeforeDiscard)
        return true;
    if (m_doc->isModified()) {
        const auto answer = QMessageBox::warning(
            this, tr("Unsaved changes"), tr("The experiment has unsaved changes. Save them first?"),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save()))
            return false;
    }
    return confirmDiscardRun(tr("The trained run (%1 epochs) is not saved: its curves and "
                                "weights will be lost. Save it as a run folder first?")
                                 .arg(m_controller->epoch()));
}

bool MainWindow::save() {
    if (m_doc->filePath().isEmpty() || LessonCatalogue::isLessonPath(m_doc->filePath())
        || isOpenLessonExperiment(m_doc->filePath()))
        return saveDialog();
    QString error;
    if (saveFile(m_doc->filePath(), &error))
        return true;
    reportError(tr("Save"), error);
    return false;
}

void MainWindow::openAsking(const QString &requested) {
    if (!maybeSave())
        return;
    QString path = requested;
    if (path.isEmpty()) {
        const QString current = m_doc->filePath();
        path = QFileDialog::getOpenFileName(
            this, tr("Open experiment"),
            LessonCatalogue::isLessonPath(current) ? QString() : QFileInfo(current).absolutePath(),
            tr("RegLab experiments (*.reglab.json *.json);;All files (*)"));
        if (path.isEmpty())
            return;
    }
    QString error;
    if (!openFile(path, &error))
        reportError(tr("Open"), error);
}

bool MainWindow::saveDialog() {
    QString suggested = m_doc->filePath();
    if (suggested.isEmpty() || LessonCatalogue::isLessonPath(suggested))
        suggested = QString::fromStdString(m_doc->spec().name) + QLatin1String(kFileSuffix);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save experiment"), suggested, tr("RegLab experiments (*.reglab.json *.json)"));
    if (path.isEmpty())
        return false;
    QString error;
    if (saveFile(path, &error))
        return true;
    reportError(tr("Save"), error);
    return false;
}

void MainWindow::exportWeightsDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export weights"), QString::fromStdString(m_doc->spec().name) + ".npz",
        tr("NumPy archives (*.npz)"));
    QString error;
    if (!path.isEmpty() && !exportWeights(path, &error))
        reportError(tr("Export weights"), error);
}

void MainWindow::exportMetricsDialog() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export metrics"), QString::fromStdString(m_doc->spec().name) + "-metrics.csv",
        tr("CSV files (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportMetrics(path, &error))
        reportError(tr("Export metrics"), error);
}

void MainWindow::exportPlotDialog(TrainingView *view) {
    const QString title = view->title();
    const QString file = fileStem(title) + QLatin1String(".png");
    PlotExportDialog dialog(
        PlotExportDialog::Target::File, view->plot()->size(),
        m_lastExport.folder.isEmpty() ? file : QDir(m_lastExport.folder).filePath(file), this);
    dialog.setWindowTitle(tr("Export “%1”").arg(title));
    if (m_lastExport.size.isValid())
        dialog.setExportSize(m_lastExport.size);
    dialog.setScale(m_lastExport.scale);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_lastExport = {dialog.exportSize(), dialog.scale(), QFileInfo(dialog.path()).absolutePath()};
    QString error;
    if (!exportPlot(view->plot(), dialog.path(), &error, dialog.exportSize().width(),
                    dialog.exportSize().height(), dialog.scale()))
        reportError(tr("Export plot"), error);
    else
        statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(dialog.path())),
                                 5000);
}

void MainWindow::exportAllPlotsDialog() {
    const QList<TrainingView *> views = visibleViews();
    PlotExportDialog dialog(PlotExportDialog::Target::Folder, views.first()->plot()->size(),
                            m_lastExport.folder.isEmpty()
                                ? QDir::home().filePath(QStringLiteral("reglab-plots"))
                                : m_lastExport.folder,
                            this);
    if (m_lastExport.size.isValid())
        dialog.setExportSize(m_lastExport.size);
    dialog.setScale(m_lastExport.scale);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_lastExport = {dialog.exportSize(), dialog.scale(), dialog.path()};
    QString error;
    if (!exportAllPlots(dialog.path(), dialog.format(), &error, dialog.exportSize(),
                        dialog.scale()))
        reportError(tr("Export plots"), error);
}

void MainWindow::reportError(const QString &title, const QString &message) {
    QMessageBox::warning(this, title, message);
}

void MainWindow::setPersistSettings(bool persist) {
    m_persistSettings = persist;
    m_recentFiles->setPersistent(persist);
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    // The run bar's second row is the window's to choose for its width, not the state's.
    unwrapRunBar();
    reflow();
    restoreViewSettings(settings);
    const int threads = settings.value(QStringLiteral("training/threads"), 0).toInt();
    if (threads > 0) {
        m_controller->setThreads(threads);
        m_runBar->setThreads(m_controller->threads());
    }
}

void MainWindow::saveSettings() {
    if (!m_persistSettings)
        return;
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("training/threads"), m_controller->threads());
}

void MainWindow::enableRecovery(const QString &path) {
    delete m_recovery;
    m_recovery = new SessionRecovery(m_doc, path, this);
}

bool MainWindow::offerRecovery(bool ask) {
    if (!m_recovery)
        return false;
    const auto recovered = SessionRecovery::read(m_recovery->path());
    if (!recovered) {
        m_recovery->discard();
        return false;
    }
    if (ask) {
        const QString name = QString::fromStdString(recovered->spec.name);
        const auto answer = QMessageBox::question(
            this, tr("Restore unsaved changes?"),
            tr("RegLab did not shut down cleanly last time. The experiment \"%1\" had unsaved "
               "changes. Restore them?")
                .arg(name),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (answer != QMessageBox::Yes) {
            m_recovery->discard();
            return false;
        }
    }
    // Open the file the changes belonged to (when it still opens), then apply them as one
    // edit: the document is modified, and Undo shows the file as it was saved.
    if (recovered->filePath.isEmpty() || !openFile(recovered->filePath))
        m_doc->load(defaultExperiment());
    const ExperimentSpec spec = recovered->spec;
    m_doc->edit(tr("Restore unsaved changes"), [&spec](ExperimentSpec &s) { s = spec; });
    m_recovery->sync();
    return true;
}

} // namespace reglab::ui
