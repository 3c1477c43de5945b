// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/network_editor_items.h"

#include <QApplication>
#include <QContextMenuEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMimeData>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

constexpr qreal kRadius = 10;
const QColor kSelection(0x1a, 0x73, 0xe8);
const QColor kTitleText(0x20, 0x21, 0x24);
const QColor kSubtitleText(0x5f, 0x63, 0x68);
const QColor kProblem(0xc0, 0x39, 0x2b);

struct BlockColors {
    QColor fill;
    QColor border;
    QColor accent;
};

BlockColors colorsFor(const BlockContent &c) {
    switch (c.kind) {
    case BlockKind::Input:
        return {QColor(0xff, 0xff, 0xff), QColor(0xb0, 0xbe, 0xc5), QColor(0x45, 0x5a, 0x64)};
    case BlockKind::Loss:
        return {QColor(0xec, 0xef, 0xf1), QColor(0xb0, 0xbe, 0xc5), QColor(0x37, 0x47, 0x4f)};
    case BlockKind::Layer:
        break;
    }
    if (!c.problem.isEmpty())
        return {QColor(0xfd, 0xec, 0xea), kProblem, kProblem};
    if (c.dropout) // no weights: a light block with a dashed border
        return {QColor(0xfa, 0xfa, 0xfa), QColor(0x9a, 0xa0, 0xa6), QColor(0x80, 0x86, 0x8b)};
    switch (c.activation) {
    case Activation::Relu:
        return {QColor(0xe8, 0xf0, 0xfe), QColor(0xa8, 0xc7, 0xfa), QColor(0x1a, 0x73, 0xe8)};
    case Activation::Tanh:
        return {QColor(0xe6, 0xf4, 0xea), QColor(0xa8, 0xda, 0xb5), QColor(0x18, 0x80, 0x38)};
    case Activation::Sigmoid:
        return {QColor(0xfe, 0xf7, 0xe0), QColor(0xf5, 0xd7, 0x8e), QColor(0xe3, 0x74, 0x00)};
    case Activation::Elu: // a smooth ReLU: ReLU's blue family, a shade apart
        return {QColor(0xe3, 0xf2, 0xfd), QColor(0x90, 0xca, 0xf9), QColor(0x15, 0x65, 0xc0)};
    case Activation::Linear:
        break;
    }
    return {QColor(0xf1, 0xf3, 0xf4), QColor(0xc4, 0xc8, 0xcc), QColor(0x5f, 0x63, 0x68)};
}

// L1 warm orange, L2 violet: distinct from every activation fill.
const QColor kL1Fill(0xfd, 0xe3, 0xc8);
const QColor kL1Text(0x9a, 0x44, 0x00);
const QColor kL2Fill(0xe4, 0xda, 0xf8);
const QColor kL2Text(0x4e, 0x2a, 0x9a);

QFont scaledFont(const QFont &base, qreal pointSize, QFont::Weight weight) {
    QFont f = base;
    f.setPointSizeF(pointSize);
    f.setWeight(weight);
    return f;
}

/// Draws one pill with its right edge at `right`; returns its left edge.
qreal drawBadge(QPainter *p, const BlockBadge &badge, const QFont &font, qreal right, qreal top) {
    const QFontMetricsF fm(font);
    const qreal h = badge.small ? 16 : 18;
    const qreal w = fm.horizontalAdvance(badge.text) + (badge.small ? 10 : 14);
    const QRectF r(right - w, top + (18 - h) / 2, w, h);
    QPainterPath pill;
    pill.addRoundedRect(r, h / 2, h / 2);
    QColor text = kL2Text;
    if (badge.small) {
        // The bias badge is an outline so the kernel's badge stays the one that stands out.
        const QColor line = badge.terms == 1 ? kL1Text : kL2Text;
        p->setPen(QPen(line, 1));
        p->setBrush(Qt::white);
        p->drawPath(pill);
        text = line;
    } else if (badge.terms == 3) {
        p->setPen(Qt::NoPen);
        p->setBrush(kL1Fill);
        p->drawPath(pill);
        p->save();
        p->setClipRect(QRectF(r.center().x(), r.top(), r.width() / 2 + 1, r.height()));
        p->setBrush(kL2Fill);
        p->drawPath(pill);
        p->restore();
        text = QColor(0x3c, 0x2a, 0x4d);
    } else {
        p->setPen(Qt::NoPen);
        p->setBrush(badge.terms == 1 ? kL1Fill : kL2Fill);
        p->drawPath(pill);
        text = badge.terms == 1 ? kL1Text : kL2Text;
    }
    p->setPen(text);
    p->setFont(font);
    p->drawText(r, Qt::AlignCenter, badge.text);
    return r.left();
}

} // namespace

// ---------------------------------------------------------------------------------------------

NetworkBlockItem::NetworkBlockItem(BlockContent content)
    : m_content(std::move(content)) {
    setAcceptHoverEvents(true);
    setToolTip(m_content.toolTip);
    if (m_content.kind == BlockKind::Layer)
        setCursor(m_content.draggable ? Qt::OpenHandCursor : Qt::PointingHandCursor);
}

QRectF NetworkBlockItem::boundingRect() const {
    return blockRect().adjusted(-5, -5, 5, 7); // selection halo and shadow
}

QPainterPath NetworkBlockItem::shape() const {
    QPainterPath path;
    path.addRoundedRect(blockRect(), kRadius, kRadius);
    return path;
}

void NetworkBlockItem::setHighlighted(bool on) {
    if (on == m_highlighted)
        return;
    m_highlighted = on;
    update();
}

void NetworkBlockItem::hoverEnterEvent(QGraphicsSceneHoverEvent *event) {
    m_hovered = true;
    update();
    QGraphicsItem::hoverEnterEvent(event);
}

void NetworkBlockItem::hoverLeaveEvent(QGraphicsSceneHoverEvent *event) {
    m_hovered = false;
    update();
    QGraphicsItem::hoverLeaveEvent(event);
}

void NetworkBlockItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *widget) {
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::TextAntialiasing);
    const BlockColors colors = colorsFor(m_content);
    const QRectF r = blockRect();

    // Soft drop shadow, then the selection halo.
    p->setPen(Qt::NoPen);
    p->setBrush(QColor(0, 0, 0, 20));
    p->drawRoundedRect(r.translated(0, 2), kRadius, kRadius);
    if (m_highlighted) {
        QColor halo = kSelection;
        halo.setAlpha(55);
        p->setPen(QPen(halo, 6));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(r, kRadius, kRadius);
    }

    QPainterPath body;
    body.addRoundedRect(r, kRadius, kRadius);
    p->setPen(Qt::NoPen);
    p->setBrush(colors.fill);
    p->drawPath(body);
    // Accent stripe on the left edge, clipped to the rounded body (not on the dashed input).
    if (m_content.kind != BlockKind::Input) {
        p->save();
        p->setClipPath(body);
        p->setBrush(colors.accent);
        p->drawRect(QRectF(r.left(), r.top(), 5, r.height()));
        p->restore();
    }
    QPen border(m_highlighted ? kSelection : (m_hovered ? colors.accent : colors.border),
                m_highlighted ? 2.0 : 1.2);
    if (m_content.kind == BlockKind::Input || m_content.dropout)
        border.setStyle(Qt::DashLine);
    if (!m_content.problem.isEmpty() && !m_highlighted)
        border = QPen(kProblem, 2.0);
    p->setPen(border);
    p->setBrush(Qt::NoBrush);
    p->drawRoundedRect(r.adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);

    const QFont base = widget ? widget->font() : QApplication::font();
    const QFont titleFont = scaledFont(base, 10, QFont::DemiBold);
    const QFont subtitleFont = scaledFont(base, 9, QFont::Normal);
    const QFont badgeFont = scaledFont(base, 8, QFont::DemiBold);
    const qreal left = 15;
    qreal right = r.right() - 8;
    const qreal top = 5;

    // Badges from the right, kernel first (rightmost).
    for (const BlockBadge &badge : m_content.badges)
        right = drawBadge(p, badge, badgeFont, right, top) - 4;

    p->setFont(titleFont);
    p->setPen(kTitleText);
    const QFontMetricsF titleMetrics(titleFont);
    const QRectF titleRect(left, top, right - left, 18);
    p->drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                titleMetrics.elidedText(m_content.title, Qt::ElideRight, titleRect.width()));

    p->setFont(subtitleFont);
    p->setPen(m_content.problem.isEmpty() ? kSubtitleText : kProblem);
    const QFontMetricsF subMetrics(subtitleFont);
    const QRectF subRect(left, top + 19, r.width() - left - 8, 17);
    p->drawText(subRect, Qt::AlignLeft | Qt::AlignVCenter,
                subMetrics.elidedText(m_content.subtitle, Qt::ElideRight, subRect.width()));
    if (m_content.detail.isEmpty())
        return;
    const bool problem = !m_content.problem.isEmpty();
    p->setFont(problem ? subtitleFont : scaledFont(base, 9, QFont::DemiBold));
    p->setPen(problem ? kProblem : colors.accent);
    const QRectF detailRect(left, top + 36, r.width() - left - 8, 17);
    p->drawText(detailRect, Qt::AlignLeft | Qt::AlignVCenter,
                subMetrics.elidedText(m_content.detail, Qt::ElideRight, detailRect.width()));
}

// ---------------------------------------------------------------------------------------------

NetworkArrowItem::NetworkArrowItem(QPointF from, QPointF to)
    : m_from(from)
    , m_to(to) {
    setZValue(-1);
}

QRectF NetworkArrowItem::boundingRect() const {
    return QRectF(m_from, m_to).normalized().adjusted(-6, -6, 6, 6);
}

void NetworkArrowItem::paint(QPainter *p, const QStyleOptionGraphicsItem *, QWidget *) {
    p->setRenderHint(QPainter::Antialiasing);
    const QColor color(0x80, 0x86, 0x8b);
    const QLineF line(m_from, m_to);
    if (line.length() < 1)
        return;
    const qreal headLength = 8;
    const qreal headHalfWidth = 4.5;
    const QPointF unit = (m_to - m_from) / line.length();
    const QPointF normal(-unit.y(), unit.x());
    const QPointF base = m_to - unit * headLength;
    p->setPen(QPen(color, 1.6, Qt::SolidLine, Qt::RoundCap));
    p->drawLine(m_from, base);
    p->setPen(Qt::NoPen);
    p->setBrush(color);
    p->drawPolygon(QPolygonF({m_to, base + normal * headHalfWidth, base - normal * headHalfWidth}));
}

// ---------------------------------------------------------------------------------------------

NetworkEditorView::NetworkEditorView(QGraphicsScene *scene, QWidget *parent)
    : QGraphicsView(scene, parent) {
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing
                   | QPainter::SmoothPixmapTransform);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setAlignment(Qt::AlignCenter);
    setDragMode(QGraphicsView::NoDrag);
    setFocusPolicy(Qt::StrongFocus);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setBackgroundBrush(QColor(0xfa, 0xfb, 0xfc));
    setAcceptDrops(true);
}

void NetworkEditorView::fitScene() {
    if (!scene())
        return;
    const QRectF content = scene()->itemsBoundingRect().adjusted(-10, -10, 10, 10);
    setSceneRect(content);
    const QSize area = viewport()->size();
    if (content.isEmpty() || area.isEmpty())
        return;
    // Keep the vertical scroll bar's width out of the computation so the fit is stable
    // whether or not the bar is showing.
    qreal width = area.width();
    if (verticalScrollBar()->isVisible())
        width += verticalScrollBar()->width();
    const qreal s = std::clamp(std::min(width / content.width(), area.height() / content.height()),
                               kMinScale, kMaxScale);
    setTransform(QTransform::fromScale(s, s));
}

void NetworkEditorView::cancelDrag() {
    m_dragItem = nullptr;
    m_dragging = false;
    m_indicator = nullptr; // owned by the scene, which is being cleared
}

NetworkBlockItem *NetworkEditorView::blockAt(const QPoint &viewPos) const {
    for (QGraphicsItem *item : items(viewPos)) {
        if (item->type() == NetworkBlockItem::Type)
            return static_cast<NetworkBlockItem *>(item);
    }
    return nullptr;
}

void NetworkEditorView::resizeEvent(QResizeEvent *event) {
    QGraphicsView::resizeEvent(event);
    fitScene();
}

void NetworkEditorView::mousePressEvent(QMouseEvent *event) {
    setFocus(Qt::MouseFocusReason);
    if (event->button() != Qt::LeftButton) {
        QGraphicsView::mousePressEvent(event);
        return;
    }
    NetworkBlockItem *block = blockAt(event->position().toPoint());
    if (block && block->kind() == BlockKind::Layer) {
        const int index = block->layerIndex();
        emit layerClicked(index);
        // The click may have rebuilt nothing, but look the block up again to be safe.
        block = blockAt(event->position().toPoint());
        if (block && block->isDraggable() && block->layerIndex() == index) {
            m_dragItem = block;
            m_pressPos = event->position().toPoint();
            m_dragStartY = block->y();
            m_dragging = false;
        }
    }
    event->accept();
}

int NetworkEditorView::dropIndex(qreal centerY, qreal *indicatorY) const {
    std::vector<NetworkBlockItem *> others;
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() != NetworkBlockItem::Type || item == m_dragItem)
            continue;
        auto *block = static_cast<NetworkBlockItem *>(item);
        if (block->isDraggable())
            others.push_back(block);
    }
    std::sort(others.begin(), others.end(),
              [](auto *a, auto *b) { return a->layerIndex() < b->layerIndex(); });
    int to = 0;
    for (NetworkBlockItem *b : others) {
        if (b->y() + NetworkBlockItem::kHeight / 2 < centerY)
            ++to;
    }
    if (indicatorY) {
        if (others.empty())
            *indicatorY = m_dragStartY - 6;
        else if (std::size_t(to) < others.size())
            *indicatorY = others[std::size_t(to)]->y() - 11;
        else
            *indicatorY = others.back()->y() + NetworkBlockItem::kHeight + 11;
    }
    return to;
}

void NetworkEditorView::mouseMoveEvent(QMouseEvent *event) {
    if (!m_dragItem) {
        QGraphicsView::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    if (!m_dragging) {
        m_dragging = true;
        m_dragItem->setZValue(10);
        m_dragItem->setOpacity(0.8); // let the block underneath show through
        m_dragItem->setCursor(Qt::ClosedHandCursor);
        m_indicator = scene()->addLine(QLineF(), QPen(kSelection, 3, Qt::SolidLine, Qt::RoundCap));
        m_indicator->setZValue(5);
    }
    const qreal dy = mapToScene(pos).y() - mapToScene(m_pressPos).y();
    m_dragItem->setY(m_dragStartY + dy);
    qreal lineY = 0;
    dropIndex(m_dragItem->y() + NetworkBlockItem::kHeight / 2, &lineY);
    const qreal x = m_dragItem->x();
    m_indicator->setLine(x + 12, lineY, x + NetworkBlockItem::kWidth - 12, lineY);
    ensureVisible(m_dragItem, 0, 20);
}

void NetworkEditorView::mouseReleaseEvent(QMouseEvent *event) {
    if (!m_dragItem) {
        QGraphicsView::mouseReleaseEvent(event);
        return;
    }
    const bool dragged = m_dragging;
    const int from = m_dragItem->layerIndex();
    const int to =
        dragged ? dropIndex(m_dragItem->y() + NetworkBlockItem::kHeight / 2, nullptr) : from;
    if (m_indicator) {
        scene()->removeItem(m_indicator);
        delete m_indicator;
    }
    cancelDrag();
    if (dragged)
        emit moveRequested(from, to); // the editor rebuilds the scene (also when from == to)
    event->accept();
}

void NetworkEditorView::contextMenuEvent(QContextMenuEvent *event) {
    NetworkBlockItem *block = blockAt(event->pos());
    const int index = block && block->kind() == BlockKind::Layer ? block->layerIndex() : -1;
    emit contextMenuRequested(index, event->globalPos());
    event->accept();
}

void NetworkEditorView::keyPressEvent(QKeyEvent *event) {
    switch (event->key()) {
    case Qt::Key_Up:
        emit selectionStepRequested(-1);
        break;
    case Qt::Key_Down:
        emit selectionStepRequested(+1);
        break;
    default:
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

int NetworkEditorView::insertIndex(qreal y, qreal *indicatorY) const {
    std::vector<NetworkBlockItem *> layers;
    for (QGraphicsItem *item : scene()->items()) {
        if (item->type() == NetworkBlockItem::Type
            && static_cast<NetworkBlockItem *>(item)->kind() == BlockKind::Layer)
            layers.push_back(static_cast<NetworkBlockItem *>(item));
    }
    std::sort(layers.begin(), layers.end(),
              [](auto *a, auto *b) { return a->layerIndex() < b->layerIndex(); });
    if (layers.empty()) {
        *indicatorY = y;
        return 0;
    }
    // Never after the output layer: at most before the last block.
    std::size_t to = 0;
    while (to + 1 < layers.size() && layers[to]->y() + NetworkBlockItem::kHeight / 2 < y)
        ++to;
    *indicatorY = layers[to]->y() - 9;
    return layers[to]->layerIndex();
}

void NetworkEditorView::removeIndicator() {
    if (!m_indicator)
        return;
    scene()->removeItem(m_indicator);
    delete m_indicator;
    m_indicator = nullptr;
}

void NetworkEditorView::dragEnterEvent(QDragEnterEvent *event) {
    if (event->mimeData()->hasFormat(QString::fromLatin1(kLayerTypeMime)))
        event->acceptProposedAction();
    else
        event->ignore();
}

void NetworkEditorView::dragMoveEvent(QDragMoveEvent *event) {
    if (!event->mimeData()->hasFormat(QString::fromLatin1(kLayerTypeMime))) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    qreal lineY = 0;
    insertIndex(mapToScene(event->position().toPoint()).y(), &lineY);
    if (!m_indicator) {
        m_indicator = scene()->addLine(QLineF(), QPen(kSelection, 3, Qt::SolidLine, Qt::RoundCap));
        m_indicator->setZValue(5);
    }
    m_indicator->setLine(12, lineY, NetworkBlockItem::kWidth - 12, lineY);
}

void NetworkEditorView::dragLeaveEvent(QDragLeaveEvent *event) {
    removeIndicator();
    event->accept();
}

void NetworkEditorView::dropEvent(QDropEvent *event) {
    removeIndicator();
    const QByteArray type = event->mimeData()->data(QString::fromLatin1(kLayerTypeMime));
    if (type.isEmpty()) {
        event->ignore();
        return;
    }
    qreal lineY = 0;
    const int position = insertIndex(mapToScene(event->position().toPoint()).y(), &lineY);
    event->acceptProposedAction();
    emit typeDropped(QString::fromLatin1(type), position);
}

} // namespace reglab::ui
