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
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace reglab::ui {

namespace {

enum WhatItem { WhatL2Scale, WhatL1Scale, WhatKind, WhatConvention, WhatCoupling };

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
    auto *guarantee = new QLabel(tr("Every run starts from the same initial weights and sees "
                                    "the same batches: only the regularization differs."));
    guarantee->setWordWrap(true);
    layout->addWidget(guarantee);

    auto *setupBox = new QGroupBox(tr("What varies"));
    auto *form = new QFormLayout(setupBox);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_whatCombo = new QComboBox;
    m_whatCombo->addItem(tr("L2 scale λ"), WhatL2Scale);
    m_whatCombo->addItem(tr("L1 scale λ"), WhatL1Scale);
    m_whatCombo->addItem(tr("Regularizer kind"), WhatKind);
    m_whatCombo->addItem(tr("L2 convention"), WhatConvention);
    m_whatCombo->addItem(tr("Coupled L2 vs AdamW decay"), WhatCoupling);
    form->addRow(tr("Vary"), m_whatCombo);
    m_layerCombo = new QComboBox;
    m_layerCombo->addItem(tr("All layers"), -1);
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
    form->addRow(tr("Values"), m_valuesBox);

    m_scaleEdit = scaleBox(1e-3, false);
    m_scaleLabel = new QLabel(tr("Scale"));
    form->addRow(m_scaleLabel, m_scaleEdit);
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

    connect(m_whatCombo, &QComboBox::currentIndexChanged, this, [this] { rebuildFromSetup(); });
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
    rebuildFromSetup();
}

void CompareSetupPane::updateSetupVisibility() {
    const int what = m_whatCombo->currentData().toInt();
    const bool scale = what == WhatL2Scale || what == WhatL1Scale;
    const bool layered = scale || what == WhatKind;
    m_layerLabel->setVisible(layered);
    m_layerCombo->setVisible(layered);
    m_valuesBox->setVisible(scale);
    if (auto *form = qobject_cast<QFormLayout *>(m_valuesBox->parentWidget()->layout())) {
        form->setRowVisible(m_valuesBox, scale);
        form->setRowVisible(m_scaleEdit, what == WhatKind || what == WhatCoupling);
        form->setRowVisible(m_layerCombo, layered);
    }
    const bool list = m_listRadio->isChecked();
    m_valuesEdit->setEnabled(list);
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

void CompareSetupPane::setVariants(std::vector<Variant> variants, VariationKind kind) {
    m_variants = std::move(variants);
    m_kind = kind;
    m_displayLabels.clear();
    for (const Variant &v : m_variants) {
        m_displayLabels.append(kind == VariationKind::Scale ? tr("λ = %1").arg(fromStd(v.label))
                                                            : fromStd(v.label));
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
    if (scales && m_listRadio->isChecked()) {
        readScaleList(m_valuesEdit->text(), locale(), &problem);
    } else if (scales) {
        check(m_fromEdit, tr("From"));
        check(m_toEdit, tr("To"));
        check(m_countSpin, tr("Values"));
    }
    if (what == WhatKind || what == WhatCoupling)
        check(m_scaleEdit, tr("Scale"));
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
    }
    return {};
}

} // namespace reglab::ui
