// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Edits one layer of the document's network: name, units, activation, and the kernel and
// bias regularizers with their scales, and shows the term each adds to the loss under the
// experiment's L2 convention. A dropout entry shows its name and rate instead.

#include "core/experiment_spec.h"
#include "core/types.h"

#include <QWidget>

#include <array>
#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QVBoxLayout;
class QGroupBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace reglab::ui {

class ExperimentDocument;
class LogScaleSlider;
class NumberBox;

class LayerInspector : public QWidget {
    Q_OBJECT
public:
    /// Which penalty terms a regularizer combo selects (bit 0: L1, bit 1: L2).
    enum RegularizerKind { KindNone = 0, KindL1 = 1, KindL2 = 2, KindL1L2 = 3 };

    explicit LayerInspector(ExperimentDocument *doc, QWidget *parent = nullptr);

    /// Shows layer `index` of the document's model; -1 (or out of range) shows a hint.
    void setLayerIndex(int index);
    int layerIndex() const { return m_index; }

    /// The term a regularizer adds to the loss for tensor `t`, e.g. "+ 0.001 · Σ W² / 2"
    /// (tf1) or "+ 0.001 · Σ W²" (keras), "+ 1e-4 · Σ |W|" (L1). Rich text uses HTML and
    /// proper symbols, one <nobr> per term so that it wraps only between terms; plain text
    /// reads "+ 0.001 * sum(W^2) / 2". No penalty: plain "+ 0".
    static QString penaltyFormula(const std::optional<RegularizerSpec> &reg, L2Convention c,
                                  Tensor t, bool plainText);

    // For tests and keyboard-driven automation.
    QLineEdit *nameEdit() const { return m_nameEdit; }
    NumberBox *unitsSpin() const { return m_unitsSpin; }
    QComboBox *activationCombo() const { return m_activationCombo; }
    /// A dropout entry's rate (the only setting it has besides its name).
    NumberBox *rateBox() const { return m_rateBox; }
    // conv2d and max_pool2d: [0] height (down), [1] width (across).
    NumberBox *filtersBox() const { return m_filtersBox; }
    NumberBox *windowBox(int axis) const { return m_windowBoxes[std::size_t(axis)]; }
    NumberBox *strideBox(int axis) const { return m_strideBoxes[std::size_t(axis)]; }
    QComboBox *paddingCombo() const { return m_paddingCombo; }
    QComboBox *initializerCombo() const { return m_initializerCombo; }
    QCheckBox *useBiasCheck() const { return m_useBiasCheck; }
    /// Why the shown entry cannot stay where it is (hidden when nothing is wrong).
    QLabel *problemLabel() const { return m_problem; }
    QComboBox *regularizerCombo(Tensor t) const { return controls(t).kind; }
    LogScaleSlider *l1Slider(Tensor t) const { return controls(t).l1; }
    LogScaleSlider *l2Slider(Tensor t) const { return controls(t).l2; }
    QLabel *formulaLabel(Tensor t) const { return controls(t).formula; }

private:
    struct TensorControls {
        QGroupBox *group = nullptr;
        QComboBox *kind = nullptr;
        QLabel *l1Label = nullptr;
        LogScaleSlider *l1 = nullptr;
        QLabel *l2Label = nullptr;
        LogScaleSlider *l2 = nullptr;
        QLabel *formula = nullptr;
    };

    const TensorControls &controls(Tensor t) const { return m_tensors[std::size_t(t)]; }
    TensorControls &controls(Tensor t) { return m_tensors[std::size_t(t)]; }
    QWidget *buildEditor();
    /// The conv2d / max_pool2d rows of the form (filters, window, strides, padding,
    /// initializer, bias).
    void buildSpatialRows(QWidget *page);
    /// A group of rows shown or hidden together: a widget with its own form, added to
    /// m_sections. Rows come and go by whole groups, never by QFormLayout::setRowVisible():
    /// hiding rows inside one form corrupted Qt 6.4's heap in ui.layer_inspector.
    QFormLayout *addSection(QWidget *&section);
    /// Two whole-number boxes side by side ("3 × 3"), each committing `change(axis, value)`.
    QWidget *pairRow(std::array<NumberBox *, 2> &boxes, int max, const QString &what, int field);
    void buildTensorGroup(Tensor t);
    bool hasLayer() const;
    const LayerSpec &layer() const;
    void refresh(bool force);
    void refreshTensor(Tensor t, bool keepKind);
    /// One undo step per edit; edits with a merge key merge only within this layer (and
    /// `field`, when one kind of edit has several fields).
    void editLayer(const QString &text, const std::function<void(LayerSpec &)> &change,
                   int mergeKey = -1, int field = 0);
    void commitName();
    void onKindActivated(Tensor t);
    void onScaleChanged(Tensor t, bool l1, double value);

    ExperimentDocument *m_doc;
    int m_index = -1;
    bool m_syncing = false;  // true while widgets are being set from the spec
    bool m_selfEdit = false; // true while our own edit's specChanged is delivered
    QString m_shownName;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_title = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    NumberBox *m_unitsSpin = nullptr;
    QComboBox *m_activationCombo = nullptr;
    QVBoxLayout *m_sections = nullptr;
    QWidget *m_unitsSection = nullptr;
    QWidget *m_activationSection = nullptr;
    QWidget *m_filtersSection = nullptr;
    QWidget *m_windowSection = nullptr; ///< window, strides and padding: conv2d and max_pool2d
    QWidget *m_convSection = nullptr;   ///< initializer and bias: conv2d
    QWidget *m_rateSection = nullptr;
    NumberBox *m_rateBox = nullptr;
    NumberBox *m_filtersBox = nullptr;
    QLabel *m_windowLabel = nullptr;
    QWidget *m_windowRow = nullptr;
    std::array<NumberBox *, 2> m_windowBoxes{};
    QWidget *m_strideRow = nullptr;
    std::array<NumberBox *, 2> m_strideBoxes{};
    QComboBox *m_paddingCombo = nullptr;
    QComboBox *m_initializerCombo = nullptr;
    QCheckBox *m_useBiasCheck = nullptr;
    QLabel *m_problem = nullptr;
    std::array<TensorControls, 2> m_tensors;
    QLabel *m_hint = nullptr;
};

} // namespace reglab::ui
