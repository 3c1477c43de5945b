// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/compare/compare_setup_pane.h"

#include "core/error.h"
#include "ui/editor/log_spin_box.h"
#include "ui/editor/number_text.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QSignalBlocker>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

enum WhatItem {
    WhatL2Scale,
    WhatL1Scale,
    WhatKind,
    WhatConvention,
    WhatCoupling,
    WhatDropout,
    WhatTrainSize,
    WhatLabelNoise,
    WhatModelSize,
    WhatEarlyStopping,
    WhatCombination
};

/// The kinds typed as a list of numbers in the values field (besides the λ scales).
bool isListKind(int what) {
    return what == WhatDropout || what == WhatTrainSize || what == WhatLabelNoise;
}

QString fromStd(const std::string &text) {
    return QString::fromStdString(text);
}

bool hasL2Term(const ExperimentSpec &spec) {
    for (const LayerSpec &l : spec.model.layers) {
        if ((l.kernelRegularizer && l.kernelRegularizer->l2 != 0.0)
            || (l.biasRegularizer && l.biasRegularizer->l2 != 0.0))
            return true;
    }
    return false;
}

/// Training samples the experiment's data leaves for training, when the file says (the
/// synthetic sets); 0 when only loading the data would tell.
int estimatedTrainSize(const ExperimentSpec &spec) {
    const DatasetSpec &d = spec.dataset;
    if (d.source == "idx" || d.source == "csv" || d.source == "npz" || d.source == "mnist-10k"
        || d.source == "fashion-mnist")
        return d.trainSize.value_or(0);
    const int test = int(std::lround(d.samples * d.testFraction));
    const int train = d.samples - test;
    return train - int(std::lround(train * d.validationFraction));
}

/// The values field's first text for a kind.
QString defaultValuesText(int what, const ExperimentSpec &spec) {
    switch (what) {
    case WhatDropout:
        return QStringLiteral("0, 0.2, 0.5");
    case WhatLabelNoise:
        return QStringLiteral("0, 0.1, 0.2, 0.3");
    case WhatModelSize:
        return QStringLiteral("16; 64, 64; 256x3");
    case WhatTrainSize: {
        const int n = estimatedTrainSize(spec);
        if (n < 8)
            return QStringLiteral("100, 1000, 10000");
        QStringList sizes;
        for (int part : {8, 4, 2, 1})
            sizes << QString::number(std::max(1, n / part));
        sizes.removeDuplicates();
        return sizes.join(QStringLiteral(", "));
    }
    default:
        break;
    }
    return QStringLiteral("0, 1e-4, 1e-3, 1e-2, 1e-1, 1");
}

} // namespace

CompareSetupPane::CompareSetupPane(const ExperimentSpec &spec, QWidget *parent)
    : QWidget(parent)
    , m_spec(spec) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);

    auto *heading = new QLabel(tr("Compare regularization settings"));
    QFont headingFont = heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.2);
    headingFont.setBold(true);
    heading->setFont(headingFont);
    layout->addWidget(heading);
    auto *base = new QLabel(tr("From “%1”: %2 · %3 layers · seed %4")
                                .arg(fromStd(m_spec.name), fromStd(m_spec.dataset.source))
                                .arg(m_spec.model.layers.size())
                                .arg(m_spec.seed));
    base->setWordWrap(true);
    base->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(base);
    m_guaranteeLabel = new QLabel;
    m_guaranteeLabel->setObjectName(QStringLiteral("compareGuarantee"));
    m_guaranteeLabel->setWordWrap(true);
    layout->addWidget(m_guaranteeLabel);

    auto *setupBox = new QGroupBox(tr("What varies"));
    auto *form = new QFormLayout(setupBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_whatCombo = new QComboBox;
    m_whatCombo->addItem(tr("L2 scale λ"), WhatL2Scale);
    m_whatCombo->addItem(tr("L1 scale λ"), WhatL1Scale);
    m_whatCombo->addItem(tr("Regularizer kind"), WhatKind);
    m_whatCombo->addItem(tr("L2 convention"), WhatConvention);
    m_whatCombo->addItem(tr("Coupled L2 vs AdamW decay"), WhatCoupling);
    m_whatCombo->insertSeparator(m_whatCombo->count());
    m_whatCombo->addItem(tr("Dropout rate"), WhatDropout);
    m_whatCombo->addItem(tr("Training-set size"), WhatTrainSize);
    m_whatCombo->addItem(tr("Label noise"), WhatLabelNoise);
    m_whatCombo->addItem(tr("Model size"), WhatModelSize);
    m_whatCombo->addItem(tr("Early stopping on/off"), WhatEarlyStopping);
    m_whatCombo->addItem(tr("L2, dropout, L2 + dropout"), WhatCombination);
    form->addRow(tr("Vary"), m_whatCombo);
    m_layerCombo = new QComboBox;
    m_layerCombo->addItem(tr("All layers"), kEveryLayer);
    const bool hasConv = std::any_of(m_spec.model.layers.begin(), m_spec.model.layers.end(),
                                     [](const LayerSpec &l) { return l.isConv(); });
    if (hasConv) {
        m_layerCombo->addItem(tr("Conv layers only"), kEveryConvLayer);
        m_layerCombo->addItem(tr("Dense layers only"), kEveryDenseLayer);
    }
    for (std::size_t i = 0; i < m_spec.model.layers.size(); ++i) {
        if (m_spec.model.layers[i].hasWeights()) // no regularizer to vary otherwise
            m_layerCombo->addItem(fromStd(m_spec.model.layers[i].name), int(i));
    }
    m_layerLabel = new QLabel(tr("Layer"));
    form->addRow(m_layerLabel, m_layerCombo);

    m_valuesBox = new QWidget;
    auto *values = new QGridLayout(m_valuesBox);
    values->setContentsMargins(0, 0, 0, 0);
    m_listRadio = new QRadioButton(tr("List"));
    m_listRadio->setChecked(true);
    m_valuesEdit = new QLineEdit(QStringLiteral("0, 1e-4, 1e-3, 1e-2, 1e-1, 1"));
    m_valuesEdit->setToolTip(tr("Scales separated by commas, e.g. 0, 1e-4, 1e-3. With decimal "
                                "commas separate them by ';', e.g. 1e-4; 0,01; 0,1"));
    m_rangeRadio = new QRadioButton(tr("Log range"));
    // The number fields' refusals show in the red message under the setup, like the list's.
    auto scaleBox = [](double value, bool positive) {
        auto *box = new LogSpinBox(LogSpinBox::Stepping::OneTwoFive);
        box->setRange({0.0, limits::kMaxScale, positive, false});
        box->setValue(value);
        box->setMessageLabel(nullptr);
        return box;
    };
    m_fromEdit = scaleBox(1e-4, true);
    m_toEdit = scaleBox(1.0, true);
    m_countSpin = new NumberBox(NumberBox::Kind::Whole);
    m_countSpin->setRange(2, 64); // logRange()'s limits
    m_countSpin->setValue(5);
    m_countSpin->setMessageLabel(nullptr);
    m_zeroCheck = new QCheckBox(tr("Also λ = 0"));
    m_zeroCheck->setChecked(true);
    auto *range = new QHBoxLayout;
    range->addWidget(new QLabel(tr("from")));
    range->addWidget(m_fromEdit);
    range->addWidget(new QLabel(tr("to")));
    range->addWidget(m_toEdit);
    auto *rangeCount = new QHBoxLayout;
    rangeCount->addWidget(new QLabel(tr("values")));
    rangeCount->addWidget(m_countSpin);
    rangeCount->addWidget(m_zeroCheck);
    rangeCount->addStretch();
    values->addWidget(m_listRadio, 0, 0, 1, 2);
    values->addWidget(m_valuesEdit, 1, 0, 1, 2);
    values->addWidget(m_rangeRadio, 2, 0, 1, 2);
    values->addLayout(range, 3, 0, 1, 2);
    values->addLayout(rangeCount, 4, 0, 1, 2);

    m_presetCheck = new QCheckBox(tr("Tutorial sizes (Tiny … Large)"));
    m_presetCheck->setObjectName(QStringLiteral("comparePresets"));
    m_presetCheck->setChecked(true);
    m_presetCheck->setToolTip(tr("TensorFlow's Overfit and underfit tutorial: Tiny 16, Small "
                                 "16-16, Medium 64×3, Large 512×4, all ELU. Unchecked: the "
                                 "hidden widths typed under Values, models separated by ';', "
                                 "e.g. 16; 64, 64; 256x3"));
    values->addWidget(m_presetCheck, 5, 0, 1, 2);
    form->addRow(tr("Values"), m_valuesBox);

    m_scaleEdit = scaleBox(1e-3, false);
    m_scaleLabel = new QLabel(tr("Scale"));
    form->addRow(m_scaleLabel, m_scaleEdit);
    m_rateEdit = new NumberBox(NumberBox::Kind::Decimal);
    m_rateEdit->setObjectName(QStringLiteral("compareRate"));
    m_rateEdit->setRange({0.0, 1.0, false, true});
    m_rateEdit->setSingleStep(0.05);
    m_rateEdit->setValue(0.5);
    m_rateEdit->setMessageLabel(nullptr);
    m_rateEdit->setToolTip(tr("The dropout rate of the dropout runs"));
    form->addRow(tr("Dropout rate"), m_rateEdit);
    m_epochsSpin = new NumberBox(NumberBox::Kind::Whole);
    m_epochsSpin->setRange(1, limits::kMaxEpochs);
    m_epochsSpin->setValue(std::max(1, m_spec.training.epochs));
    m_epochsSpin->setMessageLabel(nullptr);
    form->addRow(tr("Epochs"), m_epochsSpin);
    layout->addWidget(setupBox);

    m_previewLabel = new QLabel;
    m_previewLabel->setWordWrap(true);
    m_previewLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_previewLabel);
    m_noteLabel = new QLabel;
    m_noteLabel->setWordWrap(true);
    m_noteLabel->setStyleSheet(QStringLiteral("color: palette(mid);"));
    layout->addWidget(m_noteLabel);

    m_whatCombo->setObjectName(QStringLiteral("compareWhat"));
    m_layerCombo->setObjectName(QStringLiteral("compareLayer"));
    m_valuesEdit->setObjectName(QStringLiteral("compareValues"));
    m_listRadio->setObjectName(QStringLiteral("compareList"));
    m_rangeRadio->setObjectName(QStringLiteral("compareRange"));
    m_scaleEdit->setObjectName(QStringLiteral("compareScale"));
    m_fromEdit->setObjectName(QStringLiteral("compareFrom"));
    m_toEdit->setObjectName(QStringLiteral("compareTo"));
    m_countSpin->setObjectName(QStringLiteral("compareCount"));
    m_epochsSpin->setObjectName(QStringLiteral("compareEpochs"));
    m_previewLabel->setObjectName(QStringLiteral("comparePreview"));

    connect(m_whatCombo, &QComboBox::currentIndexChanged, this, [this] {
        // Each kind keeps its own list text: λ scales, rates, sizes and widths differ.
        const int what = m_whatCombo->currentData().toInt();
        m_valueTexts[m_shownValuesKind] = m_valuesEdit->text();
        m_shownValuesKind = isListKind(what) || what == WhatModelSize ? what : WhatL2Scale;
        const QSignalBlocker block(m_valuesEdit);
        m_valuesEdit->setText(
            m_valueTexts.value(m_shownValuesKind, defaultValuesText(m_shownValuesKind, m_spec)));
        rebuildFromSetup();
    });
    connect(m_layerCombo, &QComboBox::currentIndexChanged, this, [this] { rebuildFromSetup(); });
    for (QRadioButton *radio : {m_listRadio, m_rangeRadio})
        connect(radio, &QRadioButton::toggled, this, [this] { rebuildFromSetup(); });
    connect(m_valuesEdit, &QLineEdit::textChanged, this, [this] { rebuildFromSetup(); });
    for (NumberBox *box : std::initializer_list<NumberBox *>{m_fromEdit, m_toEdit, m_countSpin,
                                                             m_scaleEdit, m_epochsSpin}) {
        if (box != m_epochsSpin) // the epochs do not change the variants
            connect(box, &NumberBox::valueChanged, this, [this] { rebuildFromSetup(); });
        connect(box, &NumberBox::errorChanged, this, [this] { rebuildFromSetup(); });
    }
    connect(m_zeroCheck, &QCheckBox::toggled, this, [this] { rebuildFromSetup(); });
    connect(m_presetCheck, &QCheckBox::toggled, this, [this] { rebuildFromSetup(); });
    connect(m_rateEdit, &NumberBox::valueChanged, this, [this] { rebuildFromSetup(); });
    connect(m_rateEdit, &NumberBox::errorChanged, this, [this] { rebuildFromSetup(); });
    rebuildFromSetup();
}

bool CompareSetupPane::setLayerChoice(int layer) {
    const int row = m_layerCombo->findData(layer);
    if (row < 0)
        return false;
    m_layerCombo->setCurrentIndex(row); // rebuilds the variants
    return true;
}

void CompareSetupPane::setScaleList(const QString &values) {
    m_listRadio->setChecked(true);
    m_valuesEdit->setText(values);
    rebuildFromSetup();
}

QString CompareSetupPane::guaranteeText(int what) {
    switch (what) {
    case WhatTrainSize:
        return tr("Every run starts from the same initial weights: only the training-set size "
                  "differs (and with it the batches).");
    case WhatLabelNoise:
        return tr("Every run starts from the same initial weights and sees the same batches: "
                  "only the share of wrong training labels differs.");
    case WhatModelSize:
        return tr("The models differ in size, so their initial weights differ too; the data "
                  "and the order of the batches are the same.");
    case WhatDropout:
        return tr("Every run starts from the same initial weights and sees the same batches: "
                  "only the dropout rate differs.");
    case WhatEarlyStopping:
        return tr("Every run starts from the same initial weights and sees the same batches: "
                  "only whether early stopping ends the run differs.");
    default:
        break;
    }
    return tr("Every run starts from the same initial weights and sees the same batches: only "
              "the regularization differs.");
}

void CompareSetupPane::updateSetupVisibility() {
    const int what = m_whatCombo->currentData().toInt();
    m_guaranteeLabel->setText(guaranteeText(what));
    const bool scale = what == WhatL2Scale || what == WhatL1Scale;
    const bool layered = scale || what == WhatKind;
    const bool values = scale || isListKind(what) || what == WhatModelSize;
    m_layerLabel->setVisible(layered);
    m_layerCombo->setVisible(layered);
    m_valuesBox->setVisible(values);
    // Only λ has a log range; model sizes have their presets.
    m_listRadio->setVisible(scale);
    m_rangeRadio->setVisible(scale);
    for (QWidget *w : {static_cast<QWidget *>(m_fromEdit), static_cast<QWidget *>(m_toEdit),
                       static_cast<QWidget *>(m_countSpin), static_cast<QWidget *>(m_zeroCheck)})
        w->setVisible(scale);
    for (QLabel *label : m_valuesBox->findChildren<QLabel *>())
        label->setVisible(scale);
    m_presetCheck->setVisible(what == WhatModelSize);
    if (auto *form = qobject_cast<QFormLayout *>(m_valuesBox->parentWidget()->layout())) {
        form->setRowVisible(m_valuesBox, values);
        form->setRowVisible(m_scaleEdit,
                            what == WhatKind || what == WhatCoupling || what == WhatCombination);
        form->setRowVisible(m_rateEdit, what == WhatCombination);
        form->setRowVisible(m_layerCombo, layered);
    }
    const bool list = m_listRadio->isChecked() || !scale;
    m_valuesEdit->setEnabled(list && !(what == WhatModelSize && m_presetCheck->isChecked()));
    for (QWidget *w : {static_cast<QWidget *>(m_fromEdit), static_cast<QWidget *>(m_toEdit),
                       static_cast<QWidget *>(m_countSpin), static_cast<QWidget *>(m_zeroCheck)})
        w->setEnabled(!list);
}

void CompareSetupPane::rebuildFromSetup() {
    updateSetupVisibility();
    const int what = m_whatCombo->currentData().toInt();
    const int layer = m_layerCombo->currentData().toInt();
    m_displayLabels.clear();
    m_noteLabel->clear();
    const QString problem = fieldProblem(what);
    if (!problem.isEmpty()) {
        m_variants.clear();
        m_errorText = problem;
        showPreview();
        emit variantsChanged();
        return;
    }
    try {
        switch (what) {
        case WhatL2Scale:
        case WhatL1Scale: {
            m_kind = VariationKind::Scale;
            m_term = what == WhatL1Scale ? PenaltyTerm::L1 : PenaltyTerm::L2;
            std::vector<double> values;
            if (m_listRadio->isChecked()) {
                QString unused;
                values = readScaleList(m_valuesEdit->text(), locale(), &unused);
            } else {
                values = logRange(m_fromEdit->value(), m_toEdit->value(), m_countSpin->intValue());
                if (m_zeroCheck->isChecked())
                    values.insert(values.begin(), 0.0);
            }
            m_variants = makeScaleVariants(m_spec, layer, m_term, values);
            for (const Variant &v : m_variants)
                m_displayLabels.append(tr("λ = %1").arg(fromStd(v.label)));
            break;
        }
        case WhatKind: {
            m_kind = VariationKind::RegularizerKind;
            const double scale = m_scaleEdit->value();
            m_variants = makeKindVariants(m_spec, layer, scale);
            const QString s = fromStd(formatScale(scale));
            m_displayLabels = {tr("None"), tr("L1 %1").arg(s), tr("L2 %1").arg(s),
                               tr("L1+L2 %1").arg(s)};
            break;
        }
        case WhatConvention:
            m_kind = VariationKind::Convention;
            m_variants = makeConventionVariants(m_spec);
            m_displayLabels = {tr("Keras: λ·Σw²"), tr("TF1: λ·Σw²/2")};
            if (!hasL2Term(m_spec))
                m_noteLabel->setText(tr("The experiment has no L2 term: both conventions give "
                                        "the same run. Add an L2 scale to a layer first."));
            break;
        case WhatCoupling: {
            m_kind = VariationKind::Coupling;
            const double scale = m_scaleEdit->value();
            m_variants = makeCoupledVsDecoupled(m_spec, scale);
            const double decay = applyVariant(m_spec, m_variants[1]).optimizer.weightDecay;
            m_displayLabels = {tr("L2 %1, coupled (Adam)").arg(fromStd(formatScale(scale))),
                               tr("AdamW decay %1").arg(fromStd(formatScale(decay)))};
            m_noteLabel->setText(
                tr("Coupled: the L2 gradient goes through Adam's scaling. Decoupled: AdamW "
                   "shrinks w by lr·%1·w each step, the decay plain SGD would get from the "
                   "same penalty (Loshchilov & Hutter).")
                    .arg(fromStd(formatScale(decay))));
            break;
        }
        case WhatDropout:
        case WhatTrainSize:
        case WhatLabelNoise: {
            QString unused;
            const std::vector<double> values =
                readScaleList(m_valuesEdit->text(), locale(), &unused);
            if (what == WhatDropout) {
                m_kind = VariationKind::DropoutRate;
                m_variants = makeDropoutVariants(m_spec, values);
                for (const Variant &v : m_variants)
                    m_displayLabels.append(tr("dropout %1").arg(fromStd(v.label)));
                if (std::none_of(m_spec.model.layers.begin(), m_spec.model.layers.end(),
                                 [](const LayerSpec &l) { return l.isDropout(); }))
                    m_noteLabel->setText(tr("The network has no dropout layer: each run puts one "
                                            "after every hidden layer (rate 0 is the network "
                                            "without dropout)."));
            } else if (what == WhatTrainSize) {
                m_kind = VariationKind::TrainSize;
                m_variants = makeTrainSizeVariants(m_spec, values);
                for (const Variant &v : m_variants)
                    m_displayLabels.append(tr("n = %1").arg(fromStd(v.label)));
                m_noteLabel->setText(tr("Each run trains on the first n of the training "
                                        "samples; the test set is the same for every run."));
            } else {
                m_kind = VariationKind::LabelNoise;
                m_variants = makeLabelNoiseVariants(m_spec, values);
                for (const Variant &v : m_variants)
                    m_displayLabels.append(tr("label noise %1").arg(fromStd(v.label)));
            }
            break;
        }
        case WhatModelSize: {
            m_kind = VariationKind::ModelSize;
            const std::vector<ModelSize> sizes =
                m_presetCheck->isChecked() ? tutorialModelSizes()
                                           : parseModelSizes(m_valuesEdit->text().toStdString());
            m_variants = makeModelSizeVariants(m_spec, sizes);
            for (std::size_t i = 0; i < sizes.size(); ++i)
                m_displayLabels.append(modelSizeName(sizes[i]));
            m_noteLabel->setText(tr("Dense ELU layers of these widths replace the hidden layers; "
                                    "the output layer stays. Bigger models start from other "
                                    "initial weights (their shapes differ)."));
            break;
        }
        case WhatEarlyStopping: {
            m_kind = VariationKind::EarlyStopping;
            EarlyStoppingSpec settings;
            if (m_spec.training.earlyStopping) {
                settings = *m_spec.training.earlyStopping;
            } else {
                settings.monitor =
                    m_spec.dataset.validationFraction > 0.0 ? "val_data_loss" : "test_data_loss";
                settings.patience = 10;
                settings.restoreBestWeights = true;
            }
            m_variants = makeEarlyStoppingVariants(m_spec, settings);
            m_displayLabels = {tr("no early stopping"), tr("early stopping (%1, patience %2)")
                                                            .arg(fromStd(settings.monitor))
                                                            .arg(settings.patience)};
            m_noteLabel->setText(
                m_spec.training.earlyStopping
                    ? tr("With the experiment's early-stopping settings (Stopping tab).")
                    : tr("The experiment has no early stopping: the second run stops once %1 "
                         "has not improved for 10 epochs and restores the best weights.")
                          .arg(fromStd(settings.monitor)));
            break;
        }
        case WhatCombination: {
            m_kind = VariationKind::Combination;
            const double scale = m_scaleEdit->value();
            const double rate = m_rateEdit->value();
            m_variants = makeCombinationVariants(m_spec, scale, rate);
            const QString l2 = fromStd(formatScale(scale));
            const QString r = fromStd(formatScale(rate));
            m_displayLabels = {tr("None"), tr("L2 %1").arg(l2), tr("dropout %1").arg(r),
                               tr("L2 %1 + dropout %2").arg(l2, r)};
            m_noteLabel->setText(tr("L2 on every dense kernel, dropout after every hidden "
                                    "layer, and both: the tutorial's last comparison."));
            break;
        }
        default:
            break;
        }
        m_errorText.clear();
    } catch (const InputError &e) {
        m_variants.clear();
        m_displayLabels.clear();
        m_errorText = fromStd(e.what());
    }
    showPreview();
    emit variantsChanged();
}

QString CompareSetupPane::modelSizeName(const ModelSize &size) {
    QString widths; // "64×3": equal widths in a row
    const std::vector<int> &w = size.widths;
    for (std::size_t i = 0; i < w.size();) {
        std::size_t j = i;
        while (j < w.size() && w[j] == w[i])
            ++j;
        widths += (i ? QStringLiteral("-") : QString()) + QString::number(w[i]);
        if (j - i > 1)
            widths += QStringLiteral("×%1").arg(j - i);
        i = j;
    }
    const auto &presets = tutorialModelSizes();
    const QStringList names{tr("Tiny"), tr("Small"), tr("Medium"), tr("Large")};
    for (std::size_t i = 0; i < presets.size(); ++i) {
        if (presets[i] == size)
            return tr("%1 (%2)").arg(names.value(int(i)), widths);
    }
    return widths;
}

void CompareSetupPane::setVariants(std::vector<Variant> variants, VariationKind kind) {
    m_variants = std::move(variants);
    m_kind = kind;
    m_displayLabels.clear();
    QStringList values;
    for (const Variant &v : m_variants) {
        m_displayLabels.append(kind == VariationKind::Scale ? tr("λ = %1").arg(fromStd(v.label))
                                                            : fromStd(v.label));
        values.append(fromStd(v.label));
    }
    // The setup shows what these runs vary, not the defaults (no rebuild: the variants stay).
    static const std::pair<VariationKind, int> items[] = {
        {VariationKind::Scale, WhatL2Scale},
        {VariationKind::RegularizerKind, WhatKind},
        {VariationKind::Convention, WhatConvention},
        {VariationKind::Coupling, WhatCoupling},
        {VariationKind::DropoutRate, WhatDropout},
        {VariationKind::TrainSize, WhatTrainSize},
        {VariationKind::LabelNoise, WhatLabelNoise},
        {VariationKind::ModelSize, WhatModelSize},
        {VariationKind::EarlyStopping, WhatEarlyStopping},
        {VariationKind::Combination, WhatCombination}};
    for (const auto &[k, what] : items) {
        if (k != kind)
            continue;
        const QSignalBlocker blockCombo(m_whatCombo);
        const QSignalBlocker blockValues(m_valuesEdit);
        const QSignalBlocker blockRadio(m_listRadio);
        const QSignalBlocker blockPreset(m_presetCheck);
        m_whatCombo->setCurrentIndex(m_whatCombo->findData(what));
        m_shownValuesKind = isListKind(what) || what == WhatModelSize ? what : WhatL2Scale;
        m_listRadio->setChecked(true);
        if (isNumericVariation(kind))
            m_valuesEdit->setText(values.join(QStringLiteral(", ")));
        if (kind == VariationKind::ModelSize) { // the tutorial's four, or widths as labelled
            std::vector<Variant> tutorial;
            try {
                tutorial = makeModelSizeVariants(m_spec, tutorialModelSizes());
            } catch (const InputError &) {
            }
            std::vector<std::string> a, b;
            for (const Variant &v : tutorial)
                a.push_back(v.label);
            for (const Variant &v : m_variants)
                b.push_back(v.label);
            m_presetCheck->setChecked(a == b);
            if (a == b) {
                m_displayLabels.clear();
                for (const ModelSize &size : tutorialModelSizes())
                    m_displayLabels.append(modelSizeName(size));
            } else
                m_valuesEdit->setText(values.join(QStringLiteral("; ")));
        }
        updateSetupVisibility();
    }
    m_errorText.clear();
    m_noteLabel->clear();
    showPreview();
    emit variantsChanged();
}

void CompareSetupPane::setEpochs(int epochs) {
    m_epochsSpin->setValue(epochs);
}

void CompareSetupPane::showPreview() {
    if (!m_errorText.isEmpty()) {
        m_previewLabel->setStyleSheet(QStringLiteral("color: #b3261e;"));
        m_previewLabel->setText(m_errorText);
        return;
    }
    m_previewLabel->setStyleSheet(QString());
    const int threads = std::max(1, QThread::idealThreadCount());
    m_previewLabel->setText(tr("Runs (%1): %2. Up to %3 at a time, one core each.")
                                .arg(m_variants.size())
                                .arg(m_displayLabels.join(QStringLiteral(", ")))
                                .arg(std::min(threads, int(m_variants.size()))));
}

void CompareSetupPane::setError(const QString &text) {
    m_errorText = text;
    showPreview();
}

void CompareSetupPane::clearError() {
    m_errorText.clear();
    showPreview();
}

int CompareSetupPane::epochs() const {
    return m_epochsSpin->intValue();
}

QString CompareSetupPane::fieldProblem(int what) const {
    const bool scales = what == WhatL2Scale || what == WhatL1Scale;
    QString problem;
    auto check = [&problem](const NumberBox *box, const QString &name) {
        if (problem.isEmpty() && !box->errorText().isEmpty())
            problem = tr("%1: %2").arg(name, box->errorText());
    };
    if ((scales && m_listRadio->isChecked()) || isListKind(what)) {
        readScaleList(m_valuesEdit->text(), locale(), &problem);
    } else if (scales) {
        check(m_fromEdit, tr("From"));
        check(m_toEdit, tr("To"));
        check(m_countSpin, tr("Values"));
    }
    if (what == WhatKind || what == WhatCoupling || what == WhatCombination)
        check(m_scaleEdit, tr("Scale"));
    if (what == WhatCombination)
        check(m_rateEdit, tr("Dropout rate"));
    check(m_epochsSpin, tr("Epochs"));
    return problem;
}

std::vector<double> CompareSetupPane::readScaleList(const QString &text, const QLocale &locale,
                                                    QString *problem) {
    const ParsedList list = parseNumberList(text, locale);
    if (list.ambiguous) {
        *problem = tr("Values: “%1” could be one number or two. Write %2 for one number, "
                      "separate two with a space after the comma, or separate values with "
                      "';' when they use a decimal comma: 1e-4; 0,01")
                       .arg(list.badItem, formatCompact(parseDecimal(list.badItem, locale).value));
        return {};
    }
    if (!list.badItem.isEmpty()) {
        *problem = tr("Values: “%1” is not a number. Allowed: 0 to 1e12.").arg(list.badItem);
        return {};
    }
    if (list.values.empty()) {
        *problem = tr("Values: type at least one scale, e.g. 0, 1e-4, 1e-3.");
        return {};
    }
    for (std::size_t i = 0; i < list.values.size(); ++i) {
        const double v = list.values[i];
        if (!(v >= 0.0 && v <= limits::kMaxScale)) {
            *problem = tr("Values: %1 is out of range. Allowed: 0 to 1e12.").arg(formatCompact(v));
            return {};
        }
        if (std::find(list.values.begin(), list.values.begin() + long(i), v)
            != list.values.begin() + long(i)) {
            *problem = tr("Values: %1 is listed twice.").arg(formatCompact(v));
            return {};
        }
    }
    return list.values;
}

void CompareSetupPane::setRunning(bool running) {
    m_whatCombo->setEnabled(!running);
}

QString CompareSetupPane::variationName() const {
    switch (m_kind) {
    case VariationKind::Scale:
        return m_term == PenaltyTerm::L1 ? QStringLiteral("l1_scale") : QStringLiteral("l2_scale");
    case VariationKind::RegularizerKind:
        return QStringLiteral("regularizer_kind");
    case VariationKind::Convention:
        return QStringLiteral("l2_convention");
    case VariationKind::Coupling:
        return QStringLiteral("coupled_vs_decoupled");
    case VariationKind::DropoutRate:
        return QStringLiteral("dropout_rate");
    case VariationKind::TrainSize:
        return QStringLiteral("train_size");
    case VariationKind::LabelNoise:
        return QStringLiteral("label_noise");
    case VariationKind::ModelSize:
        return QStringLiteral("model_size");
    case VariationKind::EarlyStopping:
        return QStringLiteral("early_stopping");
    case VariationKind::Combination:
        return QStringLiteral("regularization_combination");
    }
    return {};
}

} // namespace reglab::ui
