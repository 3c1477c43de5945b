// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/run_window.h"

#include "core/error.h"
#include "core/io/weights_io.h"
#include "core/train/decision_field.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/conv_filter_view.h"
#include "ui/plots/decision_plot.h"
#include "ui/plots/histogram_plot.h"
#include "ui/plots/loss_plot.h"
#include "ui/plots/weight_image_plot.h"
#include "ui/training/training_worker.h"

#include <QDir>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <exception>
#include <initializer_list>

namespace reglab::ui {

RunSnapshots runSnapshots(const RunRecord &run, const std::shared_ptr<const Dataset> &data) {
    RunSnapshots s;
    if (!run.weightHistory.empty() && run.weightHistory.front().epoch == 0) {
        s.initial.reset = true;
        s.initial.epochs = {run.weightHistory.front()};
    }
    s.run.reset = true;
    s.run.epochs = run.history;
    s.run.epoch = run.history.empty() ? 0 : run.history.back().epoch;
    s.run.step = run.history.empty() ? 0 : run.history.back().step;
    s.run.earlyStopping = run.earlyStopping;
    if (run.weights.empty() || run.spec.model.layers.empty())
        return s;
    std::shared_ptr<Network<float>> net;
    Index inputs = 0;
    if (run.spec.model.hasSpatialLayers()) {
        // A conv network needs the image's height and width, which only the data know.
        if (!data || !data->isImage())
            return s;
        net = std::make_shared<Network<float>>(data->inputShape(), run.spec.model);
        inputs = net->inputDim();
    } else {
        // The first kernel is [in, units]: its first dimension is the input width.
        for (const NpzArray &a : run.weights) {
            if (a.name == run.spec.model.layers.front().name + "/kernel" && a.shape.size() == 2)
                inputs = Index(a.shape[0]);
        }
        net = std::make_shared<Network<float>>(inputs, run.spec.model);
    }
    arraysToWeights(run.weights, *net, "weights.npz");
    if (data && data->inputDim() == 2 && inputs == 2 && data->trainSize() > 0) {
        const PlaneBounds bounds = decisionFieldBounds(*data);
        DecisionField &field = s.run.field;
        field.nx = field.ny = TrainingWorker::kFieldResolution;
        field.xMin = bounds.xMin;
        field.xMax = bounds.xMax;
        field.yMin = bounds.yMin;
        field.yMax = bounds.yMax;
        field.values = decisionFieldValues(*net, run.spec.loss, bounds, field.nx, field.ny);
    }
    const bool conv = std::any_of(net->layers().begin(), net->layers().end(),
                                  [](const auto &l) { return l.kind == LayerKind::Conv2D; });
    if (conv) {
        s.run.filters = std::make_shared<const std::vector<FilterTiles>>(
            filterTiles(*net, TrainingWorker::kMaxFilterTiles));
        if (data->testSize() > 0) {
            s.run.featureMaps = std::make_shared<const std::vector<FeatureMap>>(
                featureMaps(*net, data->testX.col(0), TrainingWorker::kMaxFeatureChannels));
            s.run.featureMapImage = 0;
        }
    } else if (data && data->isImage() && data->inputDim() == inputs) {
        const MatrixF &kernel = net->layers().front().kernel;
        const Index rows = std::min<Index>(kernel.rows(), TrainingWorker::kMaxKernelImages);
        s.run.firstLayerKernel = kernel.topRows(rows);
    }
    s.run.weights = std::move(net);
    return s;
}

RunWindow *RunWindow::open(const QString &dir, QString *error, QWidget *parent) {
    RunRecord run;
    try {
        run = readRunFolder(dir.toStdString());
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return nullptr;
    }
    // The data as the run had it; relative paths from the run folder. A run whose data is
    // gone still shows its curves and histograms.
    std::shared_ptr<const Dataset> data;
    QString dataError;
    try {
        data = std::make_shared<const Dataset>(
            loadDataset(run.spec.dataset, run.spec.seed, dir.toStdString()));
    } catch (const std::exception &e) {
        dataError = QString::fromStdString(e.what());
    }
    try {
        auto *window = new RunWindow(dir, std::move(run), data, dataError, parent);
        window->setAttribute(Qt::WA_DeleteOnClose);
        return window;
    } catch (const std::exception &e) {
        if (error)
            *error = QString::fromStdString(e.what());
        return nullptr;
    }
}

RunWindow::RunWindow(const QString &dir, RunRecord run, std::shared_ptr<const Dataset> dataset,
                     const QString &dataError, QWidget *parent)
    : QWidget(parent, Qt::Window) {
    setObjectName(QStringLiteral("runWindow"));
    const RunSnapshots snapshots = runSnapshots(run, dataset); // throws before any widget exists
    const QString name = QString::fromStdString(run.spec.name);
    const QString folder = QDir::toNativeSeparators(QDir::cleanPath(dir)); // as the user gave it
    setWindowTitle(tr("%1 — finished run — RegLab").arg(name));

    QString status;
    switch (run.status) {
    case RunStatus::Finished:
        status = tr("finished");
        break;
    case RunStatus::Stopped:
        status = tr("stopped");
        break;
    case RunStatus::Diverged:
        status = tr("diverged");
        break;
    case RunStatus::Failed:
        status = tr("failed");
        break;
    case RunStatus::EarlyStopped:
        status = tr("stopped early");
        break;
    }
    QStringList notes;
    notes << tr("<b>%1</b>: %2 · epochs: %3 · %4")
                 .arg(name.toHtmlEscaped(), status, QString::number(run.history.size()),
                      folder.toHtmlEscaped());
    if (!run.message.empty())
        notes << QString::fromStdString(run.message).toHtmlEscaped();
    if (run.earlyStopping && run.earlyStopping->stoppedEpoch > 0) {
        const RunEarlyStopping &e = *run.earlyStopping;
        notes << (e.restoredEpoch > 0
                      ? tr("Early stopping on %1 stopped after epoch %2 and restored the "
                           "weights of epoch %3 (the best, %4); the plots mark both.")
                            .arg(QString::fromStdString(e.monitor))
                            .arg(e.stoppedEpoch)
                            .arg(e.restoredEpoch)
                            .arg(e.best, 0, 'g', 4)
                      : tr("Early stopping on %1 stopped after epoch %2; the best was epoch %3 "
                           "(%4); the plots mark both.")
                            .arg(QString::fromStdString(e.monitor))
                            .arg(e.stoppedEpoch)
                            .arg(e.bestEpoch)
                            .arg(e.best, 0, 'g', 4));
    }
    if (!run.writer.empty())
        notes << tr("Written by %1.").arg(QString::fromStdString(run.writer).toHtmlEscaped());
    if (run.weightHistory.empty())
        notes << tr("No weight history (history.csv): the histograms show the last epoch only.");
    if (run.weights.empty())
        notes << tr("No final weights (weights.npz).");
    if (!dataError.isEmpty())
        notes << tr("The data set could not be loaded: %1").arg(dataError.toHtmlEscaped());

    m_summary = new QLabel(notes.join(QStringLiteral("<br>")), this);
    m_summary->setObjectName(QStringLiteral("runSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *loss = new LossPlot(this);
    auto *accuracy = new AccuracyPlot(this);
    auto *histograms = new HistogramPlot(this);
    TrainingView *fourth = new DecisionPlot(this);
    if (dataset && !fourth->showsDataset(*dataset)) {
        // The first of the image views that has something to show for this run.
        for (TrainingView *images : std::initializer_list<TrainingView *>{
                 new ConvFilterView(this), new WeightImagePlot(this)}) {
            if (fourth->showsDataset(*dataset) || !images->showsExperiment(run.spec, *dataset)) {
                delete images;
                continue;
            }
            delete fourth;
            fourth = images;
        }
    }
    m_views = {loss, accuracy, histograms, fourth};
    for (TrainingView *view : m_views)
        view->resetFor(run.spec, dataset);
    if (!snapshots.initial.epochs.empty())
        histograms->applySnapshot(snapshots.initial);
    for (TrainingView *view : m_views) {
        TrainingSnapshot s = snapshots.run;
        // Only the histograms keep epoch 0 (their overlay): the curves start at epoch 1.
        s.reset = !(view == histograms && !snapshots.initial.epochs.empty());
        view->applySnapshot(s);
    }

    auto *grid = new QGridLayout;
    grid->setSpacing(6);
    for (int i = 0; i < m_views.size(); ++i)
        grid->addWidget(m_views[i], i / 2, i % 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(grid, 1);
    resize(1200, 800);
}

QString RunWindow::summaryText() const {
    return m_summary->text();
}

void RunWindow::replotAll() {
    for (TrainingView *view : m_views)
        view->plot()->replot();
}

} // namespace reglab::ui
