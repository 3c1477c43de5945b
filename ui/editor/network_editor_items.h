// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The graphics of the network editor: one rounded block per layer (plus the input and the
// loss), arrows between them, and the view that fits them into a narrow dock and turns
// clicks, drags and keys into requests for the editor.

#include "core/types.h"

#include <QGraphicsItem>
#include <QGraphicsView>

#include <vector>

class QGraphicsLineItem;

/// The MIME type of a layer type dragged from the editor's palette (the data: "conv2d", ...).
inline constexpr char kLayerTypeMime[] = "application/x-reglab-layer-type";

namespace reglab::ui {

enum class BlockKind { Input, Layer, Loss };

/// A small coloured pill on a block: which penalty terms a tensor has (bit 0 L1, bit 1 L2).
struct BlockBadge {
    QString text;
    int terms = 0;
    bool small = false; ///< secondary badge (the bias)
};

/// Everything a block shows; built by the editor (which translates the strings).
struct BlockContent {
    BlockKind kind = BlockKind::Layer;
    int layerIndex = -1;    ///< model layer index, -1 for input and loss
    bool draggable = false; ///< hidden layers can be dragged to reorder
    bool dropout = false;   ///< a dropout entry: drawn dashed, without an activation colour
    /// Why this entry cannot stay where it is (empty: nothing wrong); drawn in red.
    QString problem;
    Activation activation = Activation::Linear;
    QString title;
    QString subtitle;
    /// The third line: the output shape and weight count ("14×14×32 · 320 parameters"), or
    /// the reason the block is marked (drawn in red).
    QString detail;
    QString toolTip;
    std::vector<BlockBadge> badges;
};

class NetworkBlockItem : public QGraphicsItem {
public:
    enum { Type = QGraphicsItem::UserType + 101 };
    static constexpr qreal kWidth = 250;
    static constexpr qreal kHeight = 62;

    explicit NetworkBlockItem(BlockContent content);

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

    const BlockContent &content() const { return m_content; }
    BlockKind kind() const { return m_content.kind; }
    int layerIndex() const { return m_content.layerIndex; }
    bool isDraggable() const { return m_content.draggable; }
    void setHighlighted(bool on);
    bool isHighlighted() const { return m_highlighted; }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *event) override;

private:
    QRectF blockRect() const { return {0, 0, kWidth, kHeight}; }

    BlockContent m_content;
    bool m_highlighted = false;
    bool m_hovered = false;
};

/// A straight arrow with a filled head, from `from` to `to` (scene coordinates).
class NetworkArrowItem : public QGraphicsItem {
public:
    enum { Type = QGraphicsItem::UserType + 102 };
    NetworkArrowItem(QPointF from, QPointF to);
    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QPointF m_from;
    QPointF m_to;
};

/// Fits the scene to the viewport (keeping the aspect ratio, within readable zoom limits)
/// and reports user gestures as signals; it never edits anything itself.
class NetworkEditorView : public QGraphicsView {
    Q_OBJECT
public:
    static constexpr qreal kMinScale = 0.72; ///< below this the text gets too small: scroll
    static constexpr qreal kMaxScale = 1.35;

    explicit NetworkEditorView(QGraphicsScene *scene, QWidget *parent = nullptr);

    /// Scales the scene's blocks into the viewport; call after the scene was rebuilt.
    void fitScene();
    /// Forgets a drag in progress (the scene is about to be rebuilt).
    void cancelDrag();
    NetworkBlockItem *blockAt(const QPoint &viewPos) const;

signals:
    void layerClicked(int layerIndex);
    /// A hidden layer was dropped; `to` is its new index (may equal `from`).
    void moveRequested(int from, int to);
    /// A layer type was dragged in from the palette and dropped before model layer `position`.
    void typeDropped(const QString &type, int position);
    void contextMenuRequested(int layerIndex, const QPoint &globalPos);
    void selectionStepRequested(int step);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    int dropIndex(qreal centerY, qreal *indicatorY) const;
    /// Where a palette type dropped at scene height `y` goes: before the first layer block
    /// whose middle is below it (never after the output layer); the indicator's height.
    int insertIndex(qreal y, qreal *indicatorY) const;
    void removeIndicator();

    NetworkBlockItem *m_dragItem = nullptr;
    QPoint m_pressPos;
    qreal m_dragStartY = 0;
    bool m_dragging = false;
    QGraphicsLineItem *m_indicator = nullptr;
};

} // namespace reglab::ui
