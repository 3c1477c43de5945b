// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What every live training view (loss, accuracy, histograms, decision map, weight images)
// offers the main window, so that it loops over its views instead of knowing each one:
// reset for a new run, apply snapshots, and hand over its plot and title for export.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "ui/training/snapshot.h"

#include <QString>
#include <QWidget>

#include <memory>

class QCheckBox;
class QCPColorScale;
class QCPItemText;
class QCustomPlot;

namespace reglab::ui {

class ChangeMarkers;

class TrainingView : public QWidget {
    Q_OBJECT
public:
    /// Creates the view's plot (named `plotObjectName`), filling the widget, in the look
    /// every plot shares (applyPlotStyle()).
    explicit TrainingView(const QString &plotObjectName, QWidget *parent = nullptr);

    /// Clears everything for a new run of `spec` on `dataset` (null: no data yet).
    virtual void resetFor(const reglab::ExperimentSpec &spec,
                          std::shared_ptr<const reglab::Dataset> dataset) = 0;
    /// Shows the snapshot (appendSnapshot(), which clears first when `s.reset`), then, on an
    /// epoch axis, marks its live changes (and any epoch reported with `parametersChanged`
    /// that none of them explains).
    void applySnapshot(const reglab::ui::TrainingSnapshot &s);
    /// Whether the view has something to show for `dataset`; views sharing a place on screen
    /// take turns by it. Default: every data set.
    virtual bool showsDataset(const reglab::Dataset &dataset) const;
    /// The same for `spec` trained on `dataset` (views of one kind of layer). Default:
    /// showsDataset(dataset).
    virtual bool showsExperiment(const reglab::ExperimentSpec &spec,
                                 const reglab::Dataset &dataset) const;

    /// The plot, for export and screenshots.
    QCustomPlot *plot() const { return m_plot; }
    /// The title shown over the plot; also names its exported file.
    virtual QString title() const = 0;
    /// The marks of live changes; null for views without an epoch axis.
    const ChangeMarkers *changeMarkers() const { return m_changeMarkers; }

signals:
    /// title() says something else now (a view that shows another quantity).
    void titleChanged();

protected:
    /// Appends the snapshot's epochs or shows its latest state (after clearing when
    /// `s.reset`).
    virtual void appendSnapshot(const reglab::ui::TrainingSnapshot &s) = 0;

    // Pieces several views share.
    /// The x axis counts epochs: labelled "epoch", ticks on whole epochs only (as many as
    /// their labels leave room for); live changes are marked on it.
    void setupEpochAxis();
    /// Removes the marks of live changes (a new run).
    void clearChangeMarkers();
    /// A check box in the plot's top-right corner (an overlay: exports leave it out).
    QCheckBox *addCornerCheckBox(const QString &text, const QString &objectName,
                                 const QString &toolTip);
    /// A colour scale right of the axis rect, as tall as its data area.
    QCPColorScale *addColorScale();
    /// Grey text in the middle of the data area ("shown for ... data sets"), hidden.
    QCPItemText *addNote();

    QCustomPlot *const m_plot;

private:
    ChangeMarkers *m_changeMarkers = nullptr; ///< owned by m_plot; set by setupEpochAxis()
};

} // namespace reglab::ui
