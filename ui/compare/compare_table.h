// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare window's summary table: one row per run (final and best accuracy, best
// epoch, losses, penalty, sparsity, ||W||, status), sortable by any column (numbers sort
// as numbers), Ctrl+C copies the selected rows (or all) as tab-separated text.

#include "core/compare/sweep.h"

#include <QColor>
#include <QString>
#include <QTableWidget>

#include <optional>

class QPixmap;

namespace reglab::ui {

/// A small rounded square of `color`: a run's colour in lists and tables.
QPixmap colorSwatch(const QColor &color);

class CompareSummaryTable : public QTableWidget {
    Q_OBJECT
public:
    enum Column {
        RunColumn,
        ValueColumn,
        FinalTrainColumn,
        FinalTestColumn,
        BestTestColumn,
        BestEpochColumn,
        FinalTestLossColumn,
        PenaltyColumn,
        SparsityColumn,
        NormColumn,
        StatusColumn,
        ColumnCount
    };

    explicit CompareSummaryTable(QWidget *parent = nullptr);

    /// One row per run; `showValue` shows the λ column (scale comparisons).
    void setRuns(const QStringList &labels, const std::vector<double> &values, bool showValue,
                 TaskKind task);
    /// Fills run `run`'s row (nullopt: no trained epoch yet, numbers left empty).
    void updateRun(int run, const std::optional<RunSummary> &summary, const QString &status,
                   bool collapsed);

    /// The table row currently showing run `run` (rows move when sorted), or -1.
    int rowOfRun(int run) const;
    /// The run shown in table row `row`.
    int runOfRow(int row) const;

    /// Header line plus the selected rows (every row when nothing is selected), cells as
    /// shown, separated by tabs.
    QString toTsv() const;
    /// Puts toTsv() on the clipboard.
    void copy();
    /// Sizes the number columns to their contents; the status column takes the rest.
    void fitColumns();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    TaskKind m_task = TaskKind::Classification;
};

} // namespace reglab::ui
