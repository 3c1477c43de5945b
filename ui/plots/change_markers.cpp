// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/change_markers.h"

#include "core/compare/sweep.h"
#include "ui/plots/plot_export.h"

#include <QFontMetrics>

#include <qcustomplot.h>

#include <algorithm>

namespace reglab::ui {

namespace {

const QColor kLineColor(0x8a, 0x8f, 0x98);
const QColor kTextColor(0x4a, 0x4f, 0x57);
const QColor kStopColor(0xc0, 0x39, 0x2b);
const QColor kBestColor(0x18, 0x80, 0x38);
/// Pixels between a label and its line, and between labels in one row.
constexpr int kGap = 4;

QString number(double value) {
    return QString::fromStdString(formatScale(value));
}

} // namespace

ChangeMarkers::ChangeMarkers(QCustomPlot *plot)
    : QObject(plot)
    , m_plot(plot) {
    connect(plot, &QCustomPlot::afterLayout, this, &ChangeMarkers::layOut);
}

QString ChangeMarkers::describe(const LiveChange &change) {
    const QString arrow = QStringLiteral("%1 → %2");
    switch (change.kind) {
    case LiveChange::Kind::LearningRate:
        return tr("lr %1").arg(arrow.arg(number(change.before), number(change.after)));
    case LiveChange::Kind::Convention: {
        auto name = [](double value) {
            return L2Convention(int(value)) == L2Convention::Tf1 ? tr("TF1 ΣW²/2")
                                                                 : tr("Keras ΣW²");
        };
        return tr("L2 convention %1").arg(arrow.arg(name(change.before), name(change.after)));
    }
    case LiveChange::Kind::L1:
    case LiveChange::Kind::L2: {
        const QString term =
            change.kind == LiveChange::Kind::L1 ? QStringLiteral("L1") : QStringLiteral("L2");
        const QString values = arrow.arg(number(change.before), number(change.after));
        return change.tensor == Tensor::Bias ? tr("%1 bias %2 λ %3").arg(change.layer, term, values)
                                             : tr("%1 %2 λ %3").arg(change.layer, term, values);
    }
    }
    return {};
}

void ChangeMarkers::add(const LiveChange &change) {
    const QString text = describe(change);
    for (const Mark &m : m_marks) {
        if (m.epoch == change.epoch && m.label->text() == text)
            return;
    }
    addLabel(change.epoch, text);
}

void ChangeMarkers::addUnlabelled(int epoch) {
    for (const auto &[e, line] : m_lines) {
        if (e == epoch)
            return;
    }
    addLabel(epoch, tr("λ/lr changed"));
}

void ChangeMarkers::addEvent(int epoch, const QString &text, const QColor &color) {
    for (const Mark &m : m_marks) {
        if (m.epoch == epoch && m.label->text() == text)
            return;
    }
    addLabel(epoch, text, color);
}

QString ChangeMarkers::stopLabel(const RunEarlyStopping &record) {
    return tr("stopped early · epoch %1").arg(record.stoppedEpoch);
}

QString ChangeMarkers::bestLabel(const RunEarlyStopping &record) {
    const QString value = QString::number(record.best, 'g', 4);
    const QString monitor = QString::fromStdString(record.monitor);
    return record.restoredEpoch > 0
               ? tr("restored best · epoch %1 (%2 %3)")
                     .arg(record.restoredEpoch)
                     .arg(monitor, value)
               : tr("best · epoch %1 (%2 %3)").arg(record.bestEpoch).arg(monitor, value);
}

void ChangeMarkers::addEarlyStopping(const RunEarlyStopping &record) {
    if (record.stoppedEpoch <= 0)
        return;
    const int best = record.restoredEpoch > 0 ? record.restoredEpoch : record.bestEpoch;
    if (best > 0)
        addEvent(best, bestLabel(record), kBestColor);
    addEvent(record.stoppedEpoch, stopLabel(record), kStopColor);
}

void ChangeMarkers::addLabel(int epoch, const QString &text, const QColor &lineColor) {
    auto existing = std::find_if(m_lines.begin(), m_lines.end(),
                                 [epoch](const auto &l) { return l.first == epoch; });
    if (existing != m_lines.end() && lineColor.isValid()) // an event's line wins
        existing->second->setPen(QPen(lineColor, 1.5, Qt::DashLine));
    if (existing == m_lines.end()) {
        auto *line = new QCPItemStraightLine(m_plot);
        line->setPen(lineColor.isValid() ? QPen(lineColor, 1.5, Qt::DashLine)
                                         : QPen(kLineColor, 1, Qt::DotLine));
        for (QCPItemPosition *p : {line->point1, line->point2}) {
            p->setTypeX(QCPItemPosition::ptPlotCoords);
            p->setTypeY(QCPItemPosition::ptAxisRectRatio);
        }
        line->point1->setCoords(epoch, 0.0);
        line->point2->setCoords(epoch, 1.0);
        line->setSelectable(false);
        m_lines.emplace_back(epoch, line);
    }
    auto *label = new QCPItemText(m_plot);
    // Over the curves: the legend layer is drawn after the graphs.
    label->setLayer(QStringLiteral("legend"));
    label->setText(text);
    label->setFont(plotFont(8));
    label->setColor(lineColor.isValid() ? lineColor : kTextColor);
    label->setBrush(QColor(255, 255, 255, 215));
    label->setPadding(QMargins(2, 0, 2, 0));
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->position->setType(QCPItemPosition::ptAbsolute);
    label->setSelectable(false);
    m_marks.push_back({epoch, label});
    layOut();
}

void ChangeMarkers::clear() {
    for (const Mark &m : m_marks)
        m_plot->removeItem(m.label);
    for (const auto &[epoch, line] : m_lines)
        m_plot->removeItem(line);
    m_marks.clear();
    m_lines.clear();
}

QList<double> ChangeMarkers::epochs() const {
    QList<double> list;
    for (const auto &[epoch, line] : m_lines)
        list << line->point1->key();
    return list;
}

QStringList ChangeMarkers::labels() const {
    QStringList list;
    for (const Mark &m : m_marks)
        list << m.label->text();
    return list;
}

std::vector<QCPItemText *> ChangeMarkers::labelItems() const {
    std::vector<QCPItemText *> items;
    for (const Mark &m : m_marks)
        items.push_back(m.label);
    return items;
}

void ChangeMarkers::layOut() {
    if (m_marks.empty())
        return;
    const QCPAxisRect *rect = m_plot->axisRect();
    const QCPAxis *x = m_plot->xAxis;
    if (!rect || !x)
        return;
    const QRect area = rect->rect();
    // In epoch order, each label right of its line (left of it near the right edge), in the
    // first row where it overlaps no label placed before it.
    std::vector<const Mark *> order;
    for (const Mark &m : m_marks)
        order.push_back(&m);
    std::stable_sort(order.begin(), order.end(),
                     [](const Mark *a, const Mark *b) { return a->epoch < b->epoch; });
    // The labels' own font: the plot's look (presentation mode) may have enlarged it.
    const QFontMetrics metrics(m_marks.front().label->font());
    const int rowHeight = metrics.height() + 2;
    const int maxRows = std::max(1, (area.height() - 4) / rowHeight);
    std::vector<std::vector<std::pair<int, int>>> rows; // occupied [left, right] per row
    for (const Mark *m : order) {
        const QMargins padding = m->label->padding();
        const int width =
            metrics.horizontalAdvance(m->label->text()) + padding.left() + padding.right();
        const int lineX = int(std::lround(x->coordToPixel(m->epoch)));
        // Right of the line, else left of it; across it when neither side has room.
        int left = lineX + kGap;
        if (left + width > area.right())
            left = std::max(lineX - kGap - width, area.left());
        const int right = left + width;
        std::size_t row = 0;
        for (; row < rows.size(); ++row) {
            const bool free = std::none_of(rows[row].begin(), rows[row].end(), [&](auto span) {
                return left < span.second + kGap && span.first < right + kGap;
            });
            if (free)
                break;
        }
        if (row == rows.size()) {
            if (rows.size() < std::size_t(maxRows))
                rows.emplace_back();
            else
                row = rows.size() - 1; // no room left: the last row takes the rest
        }
        rows[row].emplace_back(left, right);
        m->label->position->setCoords(left, area.top() + 2 + int(row) * rowHeight);
    }
}

} // namespace reglab::ui
