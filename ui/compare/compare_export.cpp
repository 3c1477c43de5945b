// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_export.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/io/run_folder.h"
#include "ui/compare/compare_curves_plot.h"
#include "ui/compare/compare_runner.h"
#include "ui/compare/regularization_path_plot.h"
#include "ui/compare/weight_overlay_plot.h"
#include "ui/plots/plot_export.h"

#include <QDir>

#include <qcustomplot.h>

namespace reglab::ui {

namespace {

RunStatus runStatusOf(CompareRunStatus status) {
    switch (status) {
    case CompareRunStatus::Finished:
        return RunStatus::Finished;
    case CompareRunStatus::Diverged:
        return RunStatus::Diverged;
    case CompareRunStatus::Failed:
        return RunStatus::Failed;
    case CompareRunStatus::Queued:
    case CompareRunStatus::Running:
    case CompareRunStatus::Stopped:
        break;
    }
    return RunStatus::Stopped;
}

} // namespace

int exportComparison(const QString &dir, const CompareExportInput &input) {
    const std::vector<CompareRun> &runs = *input.runs;
    const QDir root(dir);
    auto path = [&root](const QString &relative) { return root.filePath(relative).toStdString(); };
    std::vector<std::string> labels;
    for (const CompareRun &run : runs)
        labels.push_back(run.variant.label);
    const std::vector<std::string> folders = sweepFolderNames(labels);

    beginSweepFolder(dir.toStdString());
    SweepManifest manifest;
    manifest.parameter = input.variation.toStdString();
    int files = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const CompareRun &run = runs[i];
        RunStatus status = runStatusOf(run.status);
        if (status == RunStatus::Finished && run.earlyStopping
            && run.earlyStopping->stoppedEpoch > 0)
            status = RunStatus::EarlyStopped;
        const std::vector<EpochMetrics> &weightHistory = run.weightHistory.epochs();
        writeRunFolder(path(QString::fromStdString(folders[i])), run.spec, run.history, run.weights,
                       status, run.message.toStdString(), weightHistory, run.earlyStopping);
        const bool kept = status != RunStatus::Diverged;
        files +=
            3 + (kept && !run.weights.empty() ? 1 : 0) + (kept && !weightHistory.empty() ? 1 : 0);
        manifest.runs.push_back(
            {run.variant.label, run.variant.value, run.variant.overrides, folders[i]});
    }

    // Every view, in every state worth keeping, as PNG and SVG.
    makeDirectories(path(QStringLiteral("plots")));
    QString plotError;
    auto exportBoth = [&](QCustomPlot *plot, const QString &name) {
        for (const QString &suffix : {QStringLiteral("png"), QStringLiteral("svg")}) {
            const QString relative = QStringLiteral("plots/%1.%2").arg(name, suffix);
            if (!exportPlot(plot, root.filePath(relative), &plotError, 1100, 660))
                throw OutputError(path(relative), plotError.toStdString());
            manifest.extras.push_back(relative.toStdString());
        }
    };
    exportBoth(input.lossPlot->plot(), QStringLiteral("test-data-loss"));
    exportBoth(input.accuracyPlot->plot(), QStringLiteral("test-accuracy"));
    RegularizationPathPlot *pathPlot = input.pathPlot;
    const PathMode mode = pathPlot->mode();
    pathPlot->setMode(PathMode::Accuracy);
    exportBoth(pathPlot->plot(), QStringLiteral("path-accuracy"));
    pathPlot->setMode(PathMode::Loss);
    exportBoth(pathPlot->plot(), QStringLiteral("path-loss"));
    pathPlot->setMode(mode);
    WeightOverlayPlot *weightPlot = input.weightPlot;
    const int layer = weightPlot->layer();
    const QStringList layers = weightPlot->layerNames();
    for (int l = 0; l < layers.size(); ++l) {
        weightPlot->setLayer(l);
        exportBoth(weightPlot->plot(),
                   QStringLiteral("weights-%1-%2")
                       .arg(l + 1, 2, 10, QLatin1Char('0'))
                       .arg(QString::fromStdString(labelFileName(layers[l].toStdString()))));
    }
    weightPlot->setLayer(layer);

    finishSweepFolder(dir.toStdString(), manifest, input.summaries);
    return files + int(manifest.extras.size()) + 3; // + summary, details, sweep.json
}

} // namespace reglab::ui
