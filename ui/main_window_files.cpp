// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow: files (open, save, recent), exports and settings.
#include "ui/main_window.h"

#include "core/error.h"
#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "core/io/metrics_csv.h"
#include "core/io/weights_io.h"
#include "ui/experiment_document.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/plots/plot_export.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <nlohmann/json.hpp>
#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>

namespace reglab::ui {

namespace {

/// Experiment files are small; anything bigger is not one.
constexpr qint64 kMaxExperimentFileBytes = 16 * 1024 * 1024;

void setError(QString *error, const QString &message) {
    if (error)
        *error = message;
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        setError(error,
                 QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    return true;
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
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        setError(error, tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    if (file.size() > kMaxExperimentFileBytes) {
        setError(error, tr("%1: not an experiment file (%2 bytes)")
                            .arg(QDir::toNativeSeparators(path))
                            .arg(file.size()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    ExperimentSpec spec;
    try {
        const std::string name = path.toStdString();
        spec = experimentFromJson(parseJsonText(bytes.toStdString(), name), name);
    } catch (const std::exception &e) {
        setError(error, QString::fromStdString(e.what()));
        return false;
    }
    m_doc->load(spec, QFileInfo(path).absoluteFilePath());
    addRecentFile(QFileInfo(path).absoluteFilePath());
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::saveFile(const QString &requested, QString *error) {
    QString path = requested;
    if (!path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += QLatin1String(kFileSuffix);
    std::string text;
    try {
        text = experimentToJson(m_doc->spec()).dump(2) + "\n";
    } catch (const std::exception &e) {
        setError(error, tr("%1: %2").arg(QDir::toNativeSeparators(path), e.what()));
        return false;
    }
    if (!writeAtomically(path, QByteArray::fromStdString(text), error))
        return false;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    m_doc->setFilePath(absolute);
    m_doc->markSaved();
    addRecentFile(absolute);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::exportWeights(const QString &path, QString *error) {
    const auto weights = m_controller->weights();
    if (!weights) {
        setError(error, tr("%1: there are no weights yet (the experiment has not been built)")
                            .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    try {
        saveWeights(*weights, path.toStdString()); // atomic: temp file + rename
    } catch (const std::exception &e) {
        setError(error, QString::fromStdString(e.what()));
        return false;
    }
    statusBar()->showMessage(tr("Exported the weights to %1").arg(QDir::toNativeSeparators(path)),
                             5000);
    return true;
}

bool MainWindow::exportMetrics(const QString &path, QString *error) {
    const std::string csv = metricsCsv(m_controller->history());
    if (!writeAtomically(path, QByteArray::fromStdString(csv), error))
        return false;
    statusBar()->showMessage(tr("Exported the metrics to %1").arg(QDir::toNativeSeparators(path)),
                             5000);
    return true;
}

bool MainWindow::exportAllPlots(const QString &folder, const QString &format, QString *error) {
    const QList<QCustomPlot *> plots = visiblePlots();
    const QStringList titles = visiblePlotTitles();
    for (int i = 0; i < plots.size(); ++i) {
        const QString path = QDir(folder).filePath(fileStem(titles[i]) + QLatin1Char('.') + format);
        if (!exportPlot(plots[i], path, error))
            return false;
    }
    statusBar()->showMessage(
        tr("Exported %1 plots to %2").arg(plots.size()).arg(QDir::toNativeSeparators(folder)),
        5000);
    return true;
}

void MainWindow::newExperiment() {
    if (!maybeSave())
        return;
    m_doc->load(defaultExperiment());
}

bool MainWindow::maybeSave() {
    if (!m_askBeforeDiscard || !m_doc->isModified())
        return true;
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("The experiment has unsaved changes. Save them first?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard)
        return true;
    if (m_doc->filePath().isEmpty() || LessonCatalogue::isLessonPath(m_doc->filePath()))
        return saveDialog();
    QString error;
    if (saveFile(m_doc->filePath(), &error))
        return true;
    reportError(tr("Save"), error);
    return false;
}

void MainWindow::openDialog() {
    if (!maybeSave())
        return;
    const QString current = m_doc->filePath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open experiment"),
        LessonCatalogue::isLessonPath(current) ? QString() : QFileInfo(current).absolutePath(),
        tr("RegLab experiments (*.reglab.json *.json);;All files (*)"));
    if (path.isEmpty())
        return;
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

void MainWindow::exportPlotDialog(int index) {
    const QList<QCustomPlot *> plots = visiblePlots();
    if (index < 0 || index >= plots.size())
        return;
    const QString title = visiblePlotTitles().at(index);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export “%1”").arg(title), fileStem(title) + QLatin1String(".png"),
        tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportPlot(plots[index], path, &error))
        reportError(tr("Export plot"), error);
}

void MainWindow::exportAllPlotsDialog() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export all plots to"));
    QString error;
    if (!folder.isEmpty() && !exportAllPlots(folder, QStringLiteral("png"), &error))
        reportError(tr("Export plots"), error);
}

void MainWindow::fillExportPlotMenu() {
    m_exportPlotMenu->clear();
    const QStringList titles = visiblePlotTitles();
    for (int i = 0; i < titles.size(); ++i)
        m_exportPlotMenu->addAction(tr("%1…").arg(titles[i]), this,
                                    [this, i] { exportPlotDialog(i); });
}

QStringList MainWindow::recentFiles() const {
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

void MainWindow::addRecentFile(const QString &path) {
    if (!m_persistSettings)
        return;
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(QStringLiteral("recentFiles"), files);
}

void MainWindow::fillRecentMenu() {
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (const QString &path : files) {
        m_recentMenu->addAction(QDir::toNativeSeparators(path), this, [this, path] {
            if (!maybeSave())
                return;
            QString error;
            if (!openFile(path, &error))
                reportError(tr("Open"), error);
        });
    }
    if (files.isEmpty())
        m_recentMenu->addAction(tr("No recent files"))->setEnabled(false);
    else {
        m_recentMenu->addSeparator();
        m_recentMenu->addAction(tr("Clear list"), this,
                                [] { QSettings().remove(QStringLiteral("recentFiles")); });
    }
}

void MainWindow::restoreSettings() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
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

void MainWindow::reportError(const QString &title, const QString &message) {
    QMessageBox::warning(this, title, message);
}

} // namespace reglab::ui
