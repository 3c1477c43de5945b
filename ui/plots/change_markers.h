// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The marks of live parameter changes on a plot whose x axis counts epochs: a dotted
// vertical line at each epoch where something changed, and one label per change ("hidden1
// L2 λ 1e-3 → 1e-2", "lr 0.01 → 0.001") along the top of the axis rect. Labels of nearby
// epochs stack in rows instead of printing over each other; the rows are laid out again
// after every layout pass, as the epoch axis grows.

#include "ui/training/snapshot.h"

#include <QColor>
#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

namespace reglab::ui {

class ChangeMarkers : public QObject {
    Q_OBJECT
public:
    explicit ChangeMarkers(QCustomPlot *plot);

    /// Marks `change` (a change already marked at its epoch is not repeated).
    void add(const reglab::ui::LiveChange &change);
    /// Marks `epoch` with a generic "λ/lr changed" unless it is marked already.
    void addUnlabelled(int epoch);
    /// Marks an event of the run at `epoch` with its own coloured dashed line and label (e.g.
    /// where early stopping stopped); the same text at the same epoch is not repeated.
    void addEvent(int epoch, const QString &text, const QColor &color);
    /// Marks early stopping's stop and best (restored) epochs once it has stopped the run.
    void addEarlyStopping(const reglab::RunEarlyStopping &record);
    /// The label texts of addEarlyStopping(), e.g. "stopped early · epoch 12".
    static QString stopLabel(const reglab::RunEarlyStopping &record);
    static QString bestLabel(const reglab::RunEarlyStopping &record);
    /// Removes every mark.
    void clear();

    /// The label text of `change`, e.g. "hidden1 bias L1 λ 0 → 1e-4".
    static QString describe(const reglab::ui::LiveChange &change);

    /// The epochs marked, in the order they were marked, each once.
    QList<double> epochs() const;
    /// The labels, in the order they were added.
    QStringList labels() const;
    /// The labels' items (tests: their rectangles must not overlap).
    std::vector<QCPItemText *> labelItems() const;

private:
    struct Mark {
        int epoch = 0;
        QCPItemText *label = nullptr;
    };
    void addLabel(int epoch, const QString &text, const QColor &lineColor = {});
    void layOut();

    QCustomPlot *m_plot;
    std::vector<Mark> m_marks;
    std::vector<std::pair<int, QCPItemStraightLine *>> m_lines; ///< one per epoch
};

} // namespace reglab::ui
