// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The network as a column of blocks (input, one per layer, loss): click to select, drag a
// hidden layer to reorder, toolbar / context menu / keys to add, remove and resize layers.
// Every change is an undoable document edit; the scene is redrawn from specChanged.

#include "core/experiment_spec.h"
#include "core/model_shapes.h"

#include <QWidget>

#include <functional>
#include <map>

class QAction;
class QGraphicsScene;
class QGraphicsView;
class QLabel;
class QMenu;
class QToolBar;

namespace reglab::ui {

class ExperimentDocument;
class NetworkEditorView;

class NetworkEditor : public QWidget {
    Q_OBJECT
public:
    explicit NetworkEditor(ExperimentDocument *doc, QWidget *parent = nullptr);

    /// What the input block shows; from the loaded data (inputDim 0 = not loaded yet,
    /// -1 = the data could not be loaded).
    void setInputShape(int inputDim, int imageWidth, int imageHeight, int channels = 1);
    /// The loaded data's shape (channels 0: not loaded).
    reglab::TensorShape dataShape() const;

    /// The layer types the palette offers, as the experiment file spells them, in order.
    static QStringList paletteTypes();
    /// The palette's name of a type ("Conv2D").
    static QString typeLabel(const QString &type);
    /// A new layer of `type` with the palette's defaults and a name not yet in `model`
    /// (dense 32 ReLU, conv2d 16 3×3 "same" ReLU, max_pool2d 2×2, flatten, dropout 0.2).
    static reglab::LayerSpec defaultLayer(const QString &type, const reglab::ModelSpec &model);
    /// Inserts defaultLayer(type) at `position` (clamped so the output layer stays last) as
    /// one undoable edit and selects it. Unknown types do nothing.
    void addLayerOfType(const QString &type, int position);
    /// What is wrong with each layer of `spec` on data of shape `data` (channels 0: not
    /// loaded, shapes unchecked), by model layer index: a misplaced dropout, the core's
    /// validation error of the layer, or the core's shape inference error. `report` gets
    /// the shapes and weight counts when given.
    static std::map<int, QString> stackProblems(const reglab::ExperimentSpec &spec,
                                                const reglab::TensorShape &data,
                                                reglab::ShapeReport *report = nullptr);
    /// "14×14×32" (an image) or "128" (features).
    static QString shapeText(const reglab::TensorShape &shape);

    /// Inserts a dense 32-unit ReLU layer with a unique name ("hidden3") at `position`,
    /// clamped so the output layer stays last, and selects it.
    void addLayer(int position);
    /// Inserts a dropout entry of `rate` with a unique name ("dropout1") at `position`,
    /// clamped so the output layer stays last (dropout only ever goes before a dense layer),
    /// and selects it.
    void addDropout(int position, double rate = kDefaultDropoutRate);
    static constexpr double kDefaultDropoutRate = 0.2;
    /// Why entry `index` of `model` cannot stay where it is (empty: it can): a dropout entry
    /// after the output layer.
    static QString placementProblem(const reglab::ModelSpec &model, int index);
    /// Removes a hidden layer; the last (output) layer cannot be removed.
    void removeLayer(int index);
    /// Moves hidden layer `from` to index `to` (among the hidden layers; the output layer
    /// stays last). Out-of-range indices do nothing.
    void moveLayer(int from, int to);
    /// Adds `delta` units to a hidden layer, clamped to 1..limits::kMaxUnits. The output
    /// layer's units follow the data and are not changed here.
    void changeUnits(int index, int delta);
    /// Highlights layer `index` (-1: none) and emits layerSelected when it changed.
    void selectLayer(int index);
    int selectedLayer() const { return m_selected; }

    QGraphicsScene *scene() const { return m_scene; }
    QGraphicsView *view() const;
    /// Toolbar actions (Add layer, Remove, Units +, Units −, Add dropout), e.g. for a menu.
    QList<QAction *> editActions() const;
    /// The palette: one action per layer type (click: add after the selection; its button
    /// can also be dragged onto the network). Data: the type.
    QList<QAction *> paletteActions() const { return m_paletteActions; }
    /// A menu with one entry per layer type that adds it at `position()` when picked.
    QMenu *addTypeMenu(QWidget *parent, const std::function<int()> &position);

    /// The step the Units +/− buttons use for a layer of `units` units: the largest power
    /// of two not above units / 4 (at least 1), so 64 → 16 and 8 → 2.
    static int unitStep(int units);

signals:
    void layerSelected(int index);

private:
    /// Selects `index`; `always` emits layerSelected even when the index is unchanged
    /// (another layer now sits there).
    void setSelection(int index, bool always);
    void onSpecChanged(const ExperimentSpec &before, const ExperimentSpec &after);
    void rebuildScene();
    void updateHighlight();
    void updateActions();
    void updateSummary();
    void showContextMenu(int layerIndex, const QPoint &globalPos);
    int layerCount() const;
    /// The insert position of the toolbar's add actions: after the selection, before the output.
    int insertPosition() const;
    bool isDropout(int index) const;
    std::string uniqueName(const std::string &stem) const;

    ExperimentDocument *m_doc;
    QGraphicsScene *m_scene = nullptr;
    NetworkEditorView *m_view = nullptr;
    QToolBar *m_toolBar = nullptr;
    QToolBar *m_palette = nullptr;
    QList<QAction *> m_paletteActions;
    QLabel *m_summary = nullptr;
    QAction *m_addAction = nullptr;
    QAction *m_dropoutAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_unitsUpAction = nullptr;
    QAction *m_unitsDownAction = nullptr;
    int m_selected = -1;
    int m_inputDim = 0;
    int m_imageWidth = 0;
    int m_imageHeight = 0;
    int m_channels = 1;
};

} // namespace reglab::ui
