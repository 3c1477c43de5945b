// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The compare window's setup: what varies (a kernel L1/L2 scale over a list or a log range,
// the regularizer kind, the L2 convention, coupled L2 vs AdamW's decoupled decay, the dropout
// rate, the training-set size, label noise, the model size, early stopping on/off, or L2 /
// dropout / both), on which layer, and for how many epochs. Turns the choices into core Variants
// and shows the runs they make (or what is wrong with the input).

#include "core/compare/sweep.h"
#include "core/experiment_spec.h"

#include <QHash>
#include <QLocale>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace reglab::ui {

class LogSpinBox;
class NumberBox;

class CompareSetupPane : public QWidget {
    Q_OBJECT
public:
    explicit CompareSetupPane(const reglab::ExperimentSpec &spec, QWidget *parent = nullptr);

    /// What the pane generated, or what setVariants() gave (until the pane is edited again).
    const std::vector<reglab::Variant> &variants() const { return m_variants; }
    reglab::VariationKind kind() const { return m_kind; }
    /// Legends and tables: "λ = 1e-3", "L1+L2 1e-3", ...; one per variant.
    QStringList displayLabels() const { return m_displayLabels; }
    /// What varies, for file names and manifests: l2_scale, l1_scale, regularizer_kind,
    /// l2_convention, coupled_vs_decoupled, dropout_rate, train_size, label_noise,
    /// model_size, early_stopping or regularization_combination.
    QString variationName() const;

    /// Reads a typed list of scales ("0, 1e-4, 1e-3" or "1e-4; 0,01"; see parseNumberList):
    /// the values in 0 .. 1e12, each once, or an empty list and why not in `problem`.
    static std::vector<double> readScaleList(const QString &text, const QLocale &locale,
                                             QString *problem);

    void setVariants(std::vector<reglab::Variant> variants, reglab::VariationKind kind);
    /// "Large (512-512-512-512)" for the tutorial's sizes, the widths ("64-64") otherwise.
    static QString modelSizeName(const reglab::ModelSize &size);
    int epochs() const;
    void setEpochs(int epochs);
    /// Chooses the layer (or group: reglab::kEveryLayer, kEveryConvLayer, kEveryDenseLayer)
    /// a scale or kind comparison sets; false when the pane does not offer it.
    bool setLayerChoice(int layer);
    /// The values field of a λ list (e.g. "0, 1e-3, 1e-2").
    void setScaleList(const QString &values);

    /// Why nothing can run (empty: the variants are valid); shown under the setup.
    QString errorText() const { return m_errorText; }
    void setError(const QString &text);
    void clearError();
    /// While runs are going the kind of variation cannot change.
    void setRunning(bool running);

signals:
    /// The variants (or the error) changed.
    void variantsChanged();

private:
    void rebuildFromSetup();
    /// The first refused field that matters for `what` (a WhatItem), as a message.
    QString fieldProblem(int what) const;
    void updateSetupVisibility();
    /// What the runs share and what differs between them, for the kind `what` (a WhatItem).
    static QString guaranteeText(int what);
    void showPreview();

    reglab::ExperimentSpec m_spec;
    std::vector<reglab::Variant> m_variants;
    reglab::VariationKind m_kind = reglab::VariationKind::Scale;
    reglab::PenaltyTerm m_term = reglab::PenaltyTerm::L2;
    QStringList m_displayLabels;
    QString m_errorText;

    QComboBox *m_whatCombo = nullptr;
    QComboBox *m_layerCombo = nullptr;
    QLabel *m_layerLabel = nullptr;
    QWidget *m_valuesBox = nullptr;
    QRadioButton *m_listRadio = nullptr;
    QRadioButton *m_rangeRadio = nullptr;
    QLineEdit *m_valuesEdit = nullptr;
    LogSpinBox *m_fromEdit = nullptr;
    LogSpinBox *m_toEdit = nullptr;
    NumberBox *m_countSpin = nullptr;
    QCheckBox *m_zeroCheck = nullptr;
    QCheckBox *m_presetCheck = nullptr;
    NumberBox *m_rateEdit = nullptr;
    QHash<int, QString> m_valueTexts; ///< the values field's text per kind of list
    int m_shownValuesKind = 0;        ///< whose text the values field shows
    QLabel *m_scaleLabel = nullptr;
    LogSpinBox *m_scaleEdit = nullptr;
    NumberBox *m_epochsSpin = nullptr;
    QLabel *m_previewLabel = nullptr;
    QLabel *m_noteLabel = nullptr;
    QLabel *m_guaranteeLabel = nullptr;
};

} // namespace reglab::ui
