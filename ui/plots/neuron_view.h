// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Every neuron: the network drawn layer by layer (columns), each unit as a small picture
// (its output over the input plane for 2-D data, its incoming weights for a first layer on
// image data), edges coloured by the sign and drawn as wide as |w|, dead and pruned units
// crossed out and counted per layer, and below it those counts over the epochs.

#include "core/train/unit_fields.h"
#include "ui/plots/thinned_curves.h"
#include "ui/plots/training_view.h"

#include <QImage>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <optional>
#include <vector>

class QCPAxisRect;
class QCPGraph;
class QCPTextElement;
class QMouseEvent;
class QShowEvent;
class QTimer;

namespace reglab::ui {

class NetworkDiagram;

class NeuronView : public TrainingView {
    Q_OBJECT
public:
    /// A layer with at most this many weights has every edge drawn; wider ones only their
    /// kMaxEdges strongest.
    static constexpr Index kAllEdgesUpTo = 128;
    static constexpr Index kMaxEdges = 64;
    /// The strongest inputs listed for a unit.
    static constexpr Index kTopInputs = 5;

    /// Drawing every unit costs tens of milliseconds: the view redraws at most this often
    /// while snapshots arrive, and not at all while hidden.
    static constexpr int kRedrawIntervalMs = 250;

    explicit NeuronView(QWidget *parent = nullptr);

    void resetFor(const reglab::ExperimentSpec &spec,
                  std::shared_ptr<const reglab::Dataset> dataset) override;
    QString title() const override;

    /// The edges of a layer with kernel `kernel` (out x in) the view draws: every one for
    /// in x out <= kAllEdgesUpTo, else the kMaxEdges strongest (strongestEdges()); never a
    /// weight with |w| < kSparsityThreshold.
    static std::vector<reglab::ViewEdge> drawnEdges(const MatrixF &kernel);
    /// The cells of `units` units in `area`: a grid of c columns and ceil(units / c) rows of
    /// square cells, c chosen for the largest cell (at most `maxCell` pixels), centred in
    /// `area`, unit u at row u / c, column u % c.
    static std::vector<QRectF> unitCells(int units, const QRectF &area, double maxCell);

    /// What the view shows for unit `unit` of layer `layer` (0-based, dense layers): its name,
    /// status and its strongest inputs, one per line ("" when there is no such unit).
    QString unitSummary(int layer, int unit) const;
    /// Selects a unit (its summary is drawn in the corner); -1: none.
    void selectUnit(int layer, int unit);
    /// The dead and pruned counts of layer `layer` over the epochs (for tests).
    const QCPGraph *deadGraph(int layer) const;
    const QCPGraph *prunedGraph(int layer) const;
    /// The edges drawn into layer `layer` with the current weights.
    const std::vector<reglab::ViewEdge> &edges(int layer) const;
    /// Unit `unit`'s picture (null: none yet) and its cell as last drawn, in the plot's
    /// pixels (empty before the first drawing).
    QImage unitPicture(int layer, int unit) const;
    QRectF unitCell(int layer, int unit) const;
    int selectedLayer() const { return m_selectedLayer; }
    int selectedUnit() const { return m_selectedUnit; }

protected:
    void appendSnapshot(const reglab::ui::TrainingSnapshot &s) override;
    void showEvent(QShowEvent *event) override;

private:
    friend class NetworkDiagram;

    struct Layer {
        QString name;
        reglab::Activation activation = reglab::Activation::Linear;
        int units = 0;
        std::vector<std::uint8_t> flags; ///< UnitFlag bits, empty: unknown
        int dead = -1;
        int pruned = -1;
        // Made from the latest weights and fields when needed (refresh()).
        mutable std::vector<QImage> pictures; ///< per unit; empty: none
        mutable std::vector<reglab::ViewEdge> edges;
        QCPGraph *deadGraph = nullptr;
        QCPGraph *prunedGraph = nullptr;
    };

    QString inputName(Index input) const;
    QString unitName(int layer, int unit) const;
    /// Layer `layer`'s kernel in the latest weights (null: none).
    const MatrixF *kernel(int layer) const;
    /// Makes the edges and pictures of the latest weights and fields, when they are newer
    /// than those: a view fed while hidden pays for them only when drawn.
    void refresh() const;
    void renderUnitFields(const reglab::UnitFields &fields) const;
    void renderFirstLayerWeights() const;
    void onMouseMove(QMouseEvent *event);
    void onMousePress(QMouseEvent *event);
    /// The (layer, unit) under a point of the widget; layer -1: none.
    std::pair<int, int> unitAt(const QPointF &pos) const;
    /// Replots within kRedrawIntervalMs (coalescing the snapshots meanwhile); later when
    /// hidden.
    void requestRedraw();

    QCPTextElement *m_title = nullptr;
    QCPAxisRect *m_countsRect = nullptr;
    NetworkDiagram *m_diagram = nullptr;
    QCPItemText *m_note = nullptr;
    QTimer *m_redraw = nullptr;
    bool m_stale = false; ///< something changed while hidden
    std::vector<Layer> m_layers;
    ThinnedCurves m_curves;                                   ///< the epochs the count curves keep
    std::optional<reglab::EarlyStoppingSpec> m_earlyStopping; ///< the run's, for m_curves
    Index m_inputs = 0;
    int m_imageWidth = 0, m_imageHeight = 0;
    bool m_plane = false;                ///< 2-D data: pictures are fields over the plane
    std::vector<QImage> m_inputPictures; ///< x1, x2 over the plane (2-D data)
    std::shared_ptr<const reglab::Network<float>> m_weights;
    std::shared_ptr<const reglab::UnitFields> m_fields;
    mutable bool m_edgesStale = false;
    mutable bool m_picturesStale = false;
    int m_selectedLayer = -1, m_selectedUnit = -1;
    /// Cell rectangles of the last drawing, per layer, in widget pixels (hit tests).
    std::vector<std::vector<QRectF>> m_cells;
};

} // namespace reglab::ui
