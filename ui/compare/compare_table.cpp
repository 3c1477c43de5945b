// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_table.h"

#include "ui/plots/plot_export.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QKeyEvent>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <set>

namespace reglab::ui {

namespace {

constexpr int kRunRole = Qt::UserRole + 1;
constexpr int kSortRole = Qt::UserRole + 2;

/// Sorts by the number in kSortRole when both items have one, by text otherwise.
class SortItem : public QTableWidgetItem {
public:
    using QTableWidgetItem::QTableWidgetItem;
    bool operator<(const QTableWidgetItem &other) const override {
        const QVariant a = data(kSortRole);
        const QVariant b = other.data(kSortRole);
        if (a.isValid() && b.isValid())
            return a.toDouble() < b.toDouble();
        if (a.isValid() != b.isValid())
            return a.isValid(); // rows without numbers go last (ascending)
        return QTableWidgetItem::operator<(other);
    }
};

QString number(double v, int precision) {
    return std::isfinite(v) ? QString::number(v, 'g', precision) : QStringLiteral("–");
}

} // namespace

QPixmap colorSwatch(const QColor &color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 3, 3);
    return pixmap;
}

CompareSummaryTable::CompareSummaryTable(QWidget *parent)
    : QTableWidget(parent) {
    setObjectName(QStringLiteral("compareSummaryTable"));
    setColumnCount(ColumnCount);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setHighlightSections(false);
    setToolTip(tr("Click a header to sort; Ctrl+C copies the selected rows (or all) as "
                  "tab-separated text"));
    setRuns({}, {}, true, TaskKind::Classification);
}

void CompareSummaryTable::setRuns(const QStringList &labels, const std::vector<double> &values,
                                  bool showValue, TaskKind task) {
    m_task = task;
    setSortingEnabled(false);
    clearContents();
    setRowCount(int(labels.size()));
    const bool regression = task == TaskKind::Regression;
    // Two-line headers keep the number columns narrow (copied as one line).
    setHorizontalHeaderLabels(
        {tr("Run"), tr("λ"), regression ? tr("Final train\nR²") : tr("Final train\nacc (%)"),
         regression ? tr("Final test\nR²") : tr("Final test\nacc (%)"),
         regression ? tr("Best test\nR²") : tr("Best test\nacc (%)"), tr("Best\nepoch"),
         tr("Final test\nloss"), tr("Penalty"), tr("Sparsity\n(%)"), tr("‖W‖"), tr("Status")});
    horizontalHeaderItem(SparsityColumn)
        ->setToolTip(tr("Share of kernel weights with |w| < 0.001, over every layer"));
    horizontalHeaderItem(NormColumn)->setToolTip(tr("√(Σ w²) over every kernel"));
    horizontalHeaderItem(PenaltyColumn)
        ->setToolTip(tr("Every layer's penalty terms at the end (the reg loss)"));
    for (int row = 0; row < labels.size(); ++row) {
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new SortItem;
            item->setData(kRunRole, row);
            if (c != RunColumn && c != StatusColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(row, c, item);
        }
        item(row, RunColumn)->setText(labels[row]);
        item(row, RunColumn)->setIcon(QIcon(colorSwatch(seriesColor(row))));
        item(row, RunColumn)->setData(kSortRole, row);
        if (std::size_t(row) < values.size()) {
            item(row, ValueColumn)->setText(QString::fromStdString(formatScale(values[row])));
            item(row, ValueColumn)->setData(kSortRole, values[std::size_t(row)]);
        }
        item(row, StatusColumn)->setText(tr("Queued"));
    }
    setColumnHidden(ValueColumn, !showValue);
    fitColumns();
    setSortingEnabled(true);
    sortByColumn(RunColumn, Qt::AscendingOrder);
}

void CompareSummaryTable::fitColumns() {
    int used = 0;
    for (int c = 0; c < StatusColumn; ++c) {
        resizeColumnToContents(c);
        if (!isColumnHidden(c))
            used += columnWidth(c);
    }
    // The status column takes the rest of the width (and at least its text).
    resizeColumnToContents(StatusColumn);
    setColumnWidth(StatusColumn, std::max(columnWidth(StatusColumn), viewport()->width() - used));
}

void CompareSummaryTable::resizeEvent(QResizeEvent *event) {
    QTableWidget::resizeEvent(event);
    fitColumns();
}

int CompareSummaryTable::rowOfRun(int run) const {
    for (int row = 0; row < rowCount(); ++row) {
        if (item(row, RunColumn) && item(row, RunColumn)->data(kRunRole).toInt() == run)
            return row;
    }
    return -1;
}

int CompareSummaryTable::runOfRow(int row) const {
    const QTableWidgetItem *it = item(row, RunColumn);
    return it ? it->data(kRunRole).toInt() : -1;
}

void CompareSummaryTable::updateRun(int run, const std::optional<RunSummary> &summary,
                                    const QString &status, bool collapsed) {
    const int row = rowOfRun(run);
    if (row < 0)
        return;
    const bool sorting = isSortingEnabled();
    setSortingEnabled(false);
    auto set = [&](int column, const QString &text, const QVariant &key) {
        QTableWidgetItem *it = item(row, column);
        it->setText(text);
        it->setData(kSortRole, key);
    };
    const double scale = m_task == TaskKind::Classification ? 100.0 : 1.0;
    const int decimals = m_task == TaskKind::Classification ? 2 : 4;
    if (summary) {
        const RunSummary &s = *summary;
        set(FinalTrainColumn, QString::number(s.finalTrainAccuracy * scale, 'f', decimals),
            s.finalTrainAccuracy);
        set(FinalTestColumn, QString::number(s.finalTestAccuracy * scale, 'f', decimals),
            s.finalTestAccuracy);
        set(BestTestColumn, QString::number(s.bestTestAccuracy * scale, 'f', decimals),
            s.bestTestAccuracy);
        set(BestEpochColumn, QString::number(s.bestEpoch), s.bestEpoch);
        set(FinalTestLossColumn, number(s.finalTestDataLoss, 4), s.finalTestDataLoss);
        set(PenaltyColumn, number(s.penalty, 3), s.penalty);
        set(SparsityColumn, QString::number(s.meanSparsity * 100.0, 'f', 1), s.meanSparsity);
        set(NormColumn, number(s.kernelL2Norm, 4), s.kernelL2Norm);
    } else {
        for (int c = FinalTrainColumn; c <= NormColumn; ++c)
            set(c, QString(), QVariant());
    }
    QTableWidgetItem *statusItem = item(row, StatusColumn);
    statusItem->setText(status);
    statusItem->setToolTip(status);
    const QBrush background = collapsed ? QBrush(QColor(0xfd, 0xe8, 0xe8)) : QBrush();
    for (int c = 0; c < ColumnCount; ++c)
        item(row, c)->setBackground(background);
    statusItem->setForeground(collapsed ? QBrush(QColor(0xa6, 0x1b, 0x1b)) : QBrush());
    setSortingEnabled(sorting);
}

QString CompareSummaryTable::toTsv() const {
    std::set<int> rows;
    for (const QTableWidgetSelectionRange &range : selectedRanges()) {
        for (int r = range.topRow(); r <= range.bottomRow(); ++r)
            rows.insert(r);
    }
    if (rows.empty()) {
        for (int r = 0; r < rowCount(); ++r)
            rows.insert(r);
    }
    auto clean = [](QString text) {
        return text.replace(QLatin1Char('\t'), QLatin1Char(' '))
            .replace(QLatin1Char('\n'), QLatin1Char(' '));
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < columnCount(); ++c) {
        if (!isColumnHidden(c))
            header.append(clean(horizontalHeaderItem(c)->text()));
    }
    lines.append(header.join(QLatin1Char('\t')));
    for (int r : rows) {
        QStringList cells;
        for (int c = 0; c < columnCount(); ++c) {
            if (!isColumnHidden(c))
                cells.append(clean(item(r, c) ? item(r, c)->text() : QString()));
        }
        lines.append(cells.join(QLatin1Char('\t')));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void CompareSummaryTable::copy() {
    QApplication::clipboard()->setText(toTsv());
}

void CompareSummaryTable::keyPressEvent(QKeyEvent *event) {
    if (event->matches(QKeySequence::Copy)) {
        copy();
        event->accept();
        return;
    }
    QTableWidget::keyPressEvent(event);
}

} // namespace reglab::ui
