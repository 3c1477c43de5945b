// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A finished run folder (docs/run-folder.md) shown read-only with the views that trained it:
// loss and accuracy curves from metrics.csv, weight histograms from history.csv (epoch 0 as
// the overlay), the decision map or weight images from weights.npz. The views get the same
// snapshots the training worker would have sent (runSnapshots()), so they draw a run folder
// exactly as they drew the live run.

#include "core/data/dataset.h"
#include "core/io/run_folder.h"
#include "ui/training/snapshot.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>

class QLabel;

namespace reglab::ui {

class TrainingView;

/// What the views of a finished run are fed: `initial` (epoch 0's weights, for the histogram
/// overlay; invalid when the folder has no history) then `run` (epochs 1..N, the final
/// weights, the decision field or first-layer kernel when `data` suits them).
struct RunSnapshots {
    TrainingSnapshot initial;
    TrainingSnapshot run;
};
/// Builds the snapshots of `run` (read by readRunFolder()); `data` may be null (not loaded).
/// Throws InputError when the weights do not fit the experiment.
RunSnapshots runSnapshots(const RunRecord &run, const std::shared_ptr<const Dataset> &data);

class RunWindow : public QWidget {
    Q_OBJECT
public:
    /// Reads the run folder `dir` and shows it in a new top-level window (deleted on close).
    /// Null and `*error` set (the core's message, naming the file and field) when the folder
    /// cannot be read.
    static RunWindow *open(const QString &dir, QString *error = nullptr, QWidget *parent = nullptr);

    /// The views on screen, in reading order (loss, accuracy, histograms, decision map or
    /// weight images).
    QList<TrainingView *> views() const { return m_views; }
    /// The line above the plots: name, status, epochs, folder, and notes.
    QString summaryText() const;
    /// Redraws every plot now (before grabbing the window for a screenshot).
    void replotAll();

private:
    RunWindow(const QString &dir, RunRecord run, std::shared_ptr<const Dataset> dataset,
              const QString &dataError, QWidget *parent);

    QLabel *m_summary = nullptr;
    QList<TrainingView *> m_views;
};

} // namespace reglab::ui
