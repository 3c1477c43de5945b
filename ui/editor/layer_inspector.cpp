// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/layer_inspector.h"

#include "ui/editor/log_scale_slider.h"
#include "ui/editor/log_spin_box.h"
#include "ui/editor/network_editor.h"
#include "ui/editor/number_box.h"
#include "ui/editor/number_text.h"
#include "ui/experiment_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QStackedWidget>
#include <QStyle>
#include <QToolTip>
#include <QVBoxLayout>

namespace reglab::ui {

namespace {

constexpr double kDefaultL1 = 1e-4;
constexpr double kDefaultL2 = 1e-3;

int kindOf(const std::optional<RegularizerSpec> &reg) {
    if (!reg)
        return LayerInspector::KindNone;
    return (reg->l1 > 0.0 ? LayerInspector::KindL1 : 0)
           | (reg->l2 > 0.0 ? LayerInspector::KindL2 : 0);
}

} // namespace

LayerInspector::LayerInspector(ExperimentDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc) {
    m_stack = new QStackedWidget(this);
    m_placeholder = new QLabel(tr("Select a layer in the network editor to see and change "
                                  "its units, activation and regularization."),
                               m_stack);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setMargin(16);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);
    m_stack->addWidget(m_placeholder);

    auto *scroll = new QScrollArea(m_stack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(buildEditor());
    m_stack->addWidget(scroll);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_doc, &ExperimentDocument::specChanged, this,
            [this](const ExperimentSpec &, const ExperimentSpec &) { refresh(false); });
    refresh(true);
}

QWidget *LayerInspector::buildEditor() {
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);

    m_title = new QLabel(page);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_problem = new QLabel(page);
    m_problem->setObjectName(QStringLiteral("placementProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    m_sections = new QVBoxLayout;
    m_sections->setSpacing(page->style()->pixelMetric(QStyle::PM_LayoutVerticalSpacing));
    QWidget *nameSection = nullptr;
    QFormLayout *form = addSection(nameSection);
    m_nameEdit = new QLineEdit(page);
    m_nameEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9_-]{1,64}")), m_nameEdit));
    m_nameEdit->setToolTip(tr("1-64 letters, digits, '_' or '-'; unique in the network"));
    form->addRow(tr("&Name"), m_nameEdit);

    form = addSection(m_unitsSection);
    m_unitsSpin = new NumberBox(NumberBox::Kind::Whole);
    m_unitsSpin->setObjectName(QStringLiteral("unitsBox"));
    m_unitsSpin->setRange(1, limits::kMaxUnits); // the core's limit
    auto *unitsLabel = new QLabel(tr("&Units"), page);
    unitsLabel->setBuddy(m_unitsSpin);
    form->addRow(unitsLabel, m_unitsSpin->withMessageBelow());

    form = addSection(m_activationSection);
    m_activationCombo = new QComboBox(page);
    m_activationCombo->addItem(tr("Linear (none)"), int(Activation::Linear));
    m_activationCombo->addItem(tr("ReLU"), int(Activation::Relu));
    m_activationCombo->addItem(tr("tanh"), int(Activation::Tanh));
    m_activationCombo->addItem(tr("Sigmoid"), int(Activation::Sigmoid));
    m_activationCombo->addItem(QStringLiteral("ELU"), int(Activation::Elu));
    form->addRow(tr("&Activation"), m_activationCombo);
    buildSpatialRows(page);

    // [0, 1): the share of values dropped (ExperimentSpec::validate()).
    form = addSection(m_rateSection);
    m_rateBox = new NumberBox(NumberBox::Kind::Decimal);
    m_rateBox->setObjectName(QStringLiteral("rateBox"));
    m_rateBox->setRange({0.0, 1.0, false, true});
    m_rateBox->setSingleStep(0.05);
    m_rateBox->setToolTip(tr("Share of the values dropped while training, 0 to below 1 "
                             "(Keras's Dropout(rate), PyTorch's nn.Dropout(p))"));
    auto *rateLabel = new QLabel(tr("&Rate"), page);
    rateLabel->setBuddy(m_rateBox);
    form->addRow(rateLabel, m_rateBox->withMessageBelow());
    layout->addLayout(m_sections);
    // The sections' fields line up as in one form: every label as wide as the widest.
    std::vector<QWidget *> labels;
    for (int i = 0; i < m_sections->count(); ++i) {
        const auto *sectionForm =
            qobject_cast<QFormLayout *>(m_sections->itemAt(i)->widget()->layout());
        for (int row = 0; row < sectionForm->rowCount(); ++row) {
            if (QLayoutItem *item = sectionForm->itemAt(row, QFormLayout::LabelRole))
                labels.push_back(item->widget());
        }
    }
    int labelWidth = 0;
    for (QWidget *label : labels)
        labelWidth = std::max(labelWidth, label->sizeHint().width());
    for (QWidget *label : labels)
        label->setMinimumWidth(labelWidth);

    buildTensorGroup(Tensor::Kernel);
    buildTensorGroup(Tensor::Bias);
    layout->addWidget(controls(Tensor::Kernel).group);
    layout->addWidget(controls(Tensor::Bias).group);

    m_hint = new QLabel(page);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    QFont hintFont = m_hint->font();
    hintFont.setPointSizeF(hintFont.pointSizeF() * 0.92);
    m_hint->setFont(hintFont);
    m_hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_hint);
    layout->addStretch(1);

    connect(m_nameEdit, &QLineEdit::editingFinished, this, &LayerInspector::commitName);
    connect(m_filtersBox, &NumberBox::valueChanged, this, [this](double value) {
        if (m_syncing)
            return;
        const int filters = int(value);
        editLayer(
            tr("Change filters"), [filters](LayerSpec &l) { l.filters = filters; },
            ExperimentDocument::MergeUnits, 6);
    });
    connect(m_unitsSpin, &NumberBox::valueChanged, this, [this](double value) {
        if (m_syncing)
            return;
        const int units = int(value);
        editLayer(
            tr("Change units"), [units](LayerSpec &l) { l.units = units; },
            ExperimentDocument::MergeUnits);
    });
    connect(m_rateBox, &NumberBox::valueChanged, this, [this](double rate) {
        if (m_syncing)
            return;
        editLayer(
            tr("Change dropout rate"), [rate](LayerSpec &l) { l.rate = rate; },
            ExperimentDocument::MergeUnits, 1);
    });
    connect(m_activationCombo, &QComboBox::activated, this, [this](int row) {
        const auto activation = Activation(m_activationCombo->itemData(row).toInt());
        editLayer(tr("Change activation"),
                  [activation](LayerSpec &l) { l.activation = activation; });
    });
    return page;
}

QWidget *LayerInspector::pairRow(std::array<NumberBox *, 2> &boxes, int max, const QString &what,
                                 int field) {
    auto *row = new QWidget;
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    for (int axis = 0; axis < 2; ++axis) {
        auto *box = new NumberBox(NumberBox::Kind::Whole);
        box->setRange(1, max);
        box->setToolTip(axis == 0 ? tr("Height (rows, down)") : tr("Width (columns, across)"));
        boxes[std::size_t(axis)] = box;
        if (axis == 1)
            h->addWidget(new QLabel(QStringLiteral("×"), row));
        h->addWidget(box->withMessageBelow(), 1);
        connect(box, &NumberBox::valueChanged, this, [this, axis, what, field](double value) {
            if (m_syncing || !hasLayer())
                return;
            const int v = int(value);
            editLayer(
                what,
                [axis, v, field](LayerSpec &l) {
                    if (field == 0) // the window: kernel_size or pool_size
                        (l.isConv() ? l.kernelSize : l.poolSize)[std::size_t(axis)] = v;
                    else {
                        std::array<int, 2> s = l.effectiveStrides();
                        s[std::size_t(axis)] = v;
                        l.strides = s;
                    }
                },
                ExperimentDocument::MergeUnits, 2 + field * 2 + axis);
        });
    }
    return row;
}

void LayerInspector::buildSpatialRows(QWidget *page) {
    m_filtersBox = new NumberBox(NumberBox::Kind::Whole);
    m_filtersBox->setObjectName(QStringLiteral("filtersBox"));
    m_filtersBox->setRange(1, limits::kMaxFilters);
    m_filtersBox->setToolTip(tr("Output channels: one filter (and one feature map) each"));
    auto *filtersLabel = new QLabel(tr("&Filters"), page);
    filtersLabel->setBuddy(m_filtersBox);
    QFormLayout *form = addSection(m_filtersSection);
    form->addRow(filtersLabel, m_filtersBox->withMessageBelow());

    form = addSection(m_windowSection);
    m_windowRow = pairRow(m_windowBoxes, limits::kMaxKernelSize, tr("Change window size"), 0);
    m_windowLabel = new QLabel(tr("Kernel size"), page);
    form->addRow(m_windowLabel, m_windowRow);
    m_strideRow = pairRow(m_strideBoxes, limits::kMaxStride, tr("Change strides"), 1);
    form->addRow(tr("Strides"), m_strideRow);

    m_paddingCombo = new QComboBox(page);
    m_paddingCombo->addItem(tr("valid (no padding)"), int(Padding::Valid));
    m_paddingCombo->addItem(tr("same (zero padding, out = ⌈in / stride⌉)"), int(Padding::Same));
    // The long item text must not widen the dock: the combo shrinks, its popup shows it all.
    m_paddingCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_paddingCombo->setMinimumContentsLength(12);
    form->addRow(tr("&Padding"), m_paddingCombo);
    connect(m_paddingCombo, &QComboBox::activated, this, [this](int row) {
        const auto padding = Padding(m_paddingCombo->itemData(row).toInt());
        editLayer(tr("Change padding"), [padding](LayerSpec &l) { l.padding = padding; });
    });

    form = addSection(m_convSection);
    m_initializerCombo = new QComboBox(page);
    m_initializerCombo->addItem(tr("Glorot uniform"), int(Initializer::GlorotUniform));
    m_initializerCombo->addItem(tr("He normal"), int(Initializer::HeNormal));
    m_initializerCombo->addItem(tr("Zeros"), int(Initializer::Zeros));
    form->addRow(tr("&Initializer"), m_initializerCombo);
    connect(m_initializerCombo, &QComboBox::activated, this, [this](int row) {
        const auto init = Initializer(m_initializerCombo->itemData(row).toInt());
        editLayer(tr("Change initializer"), [init](LayerSpec &l) { l.kernelInitializer = init; });
    });

    m_useBiasCheck = new QCheckBox(tr("Use a bias"), page);
    form->addRow(QString(), m_useBiasCheck);
    connect(m_useBiasCheck, &QCheckBox::clicked, this, [this](bool on) {
        editLayer(tr("Change bias"), [on](LayerSpec &l) {
            l.useBias = on;
            if (!on)
                l.biasRegularizer.reset(); // the core refuses a penalty on a missing bias
        });
    });
}

QFormLayout *LayerInspector::addSection(QWidget *&section) {
    section = new QWidget;
    auto *form = new QFormLayout(section);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_sections->addWidget(section);
    return form;
}

void LayerInspector::buildTensorGroup(Tensor t) {
    TensorControls &c = controls(t);
    const bool kernel = t == Tensor::Kernel;
    c.group = new QGroupBox(kernel ? tr("Kernel W (weights)") : tr("Bias b"));
    auto *form = new QFormLayout(c.group);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    c.kind = new QComboBox(c.group);
    c.kind->addItem(tr("None"), int(KindNone));
    c.kind->addItem(tr("L1 (lasso)"), int(KindL1));
    c.kind->addItem(tr("L2 (ridge / weight decay)"), int(KindL2));
    c.kind->addItem(tr("L1 + L2 (elastic net)"), int(KindL1L2));
    form->addRow(tr("Regularizer"), c.kind);

    c.l1 = new LogScaleSlider(c.group);
    c.l1Label = new QLabel(tr("L1 scale a"), c.group);
    c.l1Label->setBuddy(c.l1);
    form->addRow(c.l1Label, c.l1);
    c.l2 = new LogScaleSlider(c.group);
    c.l2Label = new QLabel(tr("L2 scale b"), c.group);
    c.l2Label->setBuddy(c.l2);
    form->addRow(c.l2Label, c.l2);

    c.formula = new QLabel(c.group);
    c.formula->setTextFormat(Qt::RichText);
    c.formula->setWordWrap(true);
    c.formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont formulaFont = c.formula->font();
    formulaFont.setPointSizeF(formulaFont.pointSizeF() * 1.1);
    c.formula->setFont(formulaFont);
    form->addRow(tr("Adds to loss"), c.formula);

    connect(c.kind, &QComboBox::activated, this, [this, t](int) { onKindActivated(t); });
    connect(c.l1, &LogScaleSlider::valueChanged, this,
            [this, t](double v) { onScaleChanged(t, true, v); });
    connect(c.l2, &LogScaleSlider::valueChanged, this,
            [this, t](double v) { onScaleChanged(t, false, v); });
}

void LayerInspector::setLayerIndex(int index) {
    if (index == m_index)
        return;
    m_index = index;
    refresh(true);
}

bool LayerInspector::hasLayer() const {
    return m_index >= 0 && std::size_t(m_index) < m_doc->spec().model.layers.size();
}

const LayerSpec &LayerInspector::layer() const {
    return m_doc->spec().model.layers[std::size_t(m_index)];
}

QString LayerInspector::penaltyFormula(const std::optional<RegularizerSpec> &reg, L2Convention c,
                                       Tensor t, bool plainText) {
    const bool kernel = t == Tensor::Kernel;
    QStringList terms;
    if (reg && reg->l1 > 0.0) {
        const QString a = formatCompact(reg->l1);
        if (plainText)
            terms << QStringLiteral("+ %1 * sum(|%2|)").arg(a, kernel ? "W" : "b");
        else
            terms << QStringLiteral("<nobr>+ %1 · Σ |<i>%2</i>|</nobr>").arg(a, kernel ? "W" : "b");
    }
    if (reg && reg->l2 > 0.0) {
        const QString b = formatCompact(reg->l2);
        const bool half = c == L2Convention::Tf1;
        if (plainText)
            terms << QStringLiteral("+ %1 * sum(%2^2)%3")
                         .arg(b, kernel ? "W" : "b", half ? " / 2" : "");
        else
            terms << QStringLiteral("<nobr>+ %1 · Σ <i>%2</i>²%3</nobr>")
                         .arg(b, kernel ? "W" : "b", half ? " / 2" : "");
    }
    if (terms.isEmpty())
        return plainText ? QStringLiteral("+ 0") : tr("nothing (not regularized)");
    return terms.join(QLatin1Char(' '));
}

void LayerInspector::refresh(bool force) {
    if (!hasLayer()) {
        m_stack->setCurrentIndex(0);
        m_shownName.clear();
        return;
    }
    m_stack->setCurrentIndex(1);
    m_syncing = true;
    const ExperimentSpec &spec = m_doc->spec();
    const LayerSpec &l = layer();
    const int count = int(spec.model.layers.size());
    const bool output = m_index == count - 1;
    const bool dropout = l.isDropout();
    const QString name = QString::fromStdString(l.name);

    const bool conv = l.isConv();
    const bool pool = l.isPool();
    const bool weightless = dropout || pool || l.isFlatten();
    if (dropout)
        m_title->setText(tr("%1 · dropout (%2 of %3)").arg(name).arg(m_index + 1).arg(count));
    else if (conv)
        m_title->setText(tr("%1 · Conv2D (%2 of %3)").arg(name).arg(m_index + 1).arg(count));
    else if (pool)
        m_title->setText(tr("%1 · MaxPool2D (%2 of %3)").arg(name).arg(m_index + 1).arg(count));
    else if (l.isFlatten())
        m_title->setText(tr("%1 · Flatten (%2 of %3)").arg(name).arg(m_index + 1).arg(count));
    else
        m_title->setText(
            output ? tr("%1 · output layer (%2 of %3)").arg(name).arg(m_index + 1).arg(count)
                   : tr("%1 · layer %2 of %3").arg(name).arg(m_index + 1).arg(count));
    const QString problem = NetworkEditor::placementProblem(spec.model, m_index);
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_unitsSection->setVisible(l.isDense());
    m_activationSection->setVisible(l.hasWeights());
    m_rateSection->setVisible(dropout);
    m_filtersSection->setVisible(conv);
    m_windowSection->setVisible(conv || pool);
    m_convSection->setVisible(conv);
    for (const TensorControls &c : m_tensors)
        c.group->setVisible(!weightless);
    if (conv || pool) {
        if (force) {
            m_filtersBox->revert();
            for (NumberBox *b : m_windowBoxes)
                b->revert();
            for (NumberBox *b : m_strideBoxes)
                b->revert();
        }
        m_filtersBox->setValue(l.filters);
        m_windowLabel->setText(conv ? tr("Kernel size") : tr("Pool size"));
        const auto window = l.windowSize();
        const auto strides = l.effectiveStrides();
        for (std::size_t axis = 0; axis < 2; ++axis) {
            m_windowBoxes[axis]->setValue(window[axis]);
            m_strideBoxes[axis]->setValue(strides[axis]);
        }
        m_paddingCombo->setCurrentIndex(m_paddingCombo->findData(int(l.padding)));
        m_initializerCombo->setCurrentIndex(m_initializerCombo->findData(int(l.kernelInitializer)));
        m_useBiasCheck->setChecked(l.useBias);
    }
    if (pool || l.isFlatten()) {
        m_hint->setText(pool ? tr("The largest value of each window, per channel; no weights. "
                                  "Strides default to the pool size.")
                             : tr("Turns the image into one row of features in the order "
                                  "rows, columns, channels (Keras's Flatten); no weights."));
        if (force || name != m_shownName)
            m_nameEdit->setText(name);
        m_shownName = name;
        m_syncing = false;
        return;
    }
    if (dropout) {
        if (force)
            m_rateBox->revert();
        m_rateBox->setValue(l.rate);
        m_hint->setText(
            tr("While training, each value flowing into the next layer is kept with "
               "probability 1 − rate and scaled by 1/(1 − rate), so its expected value is "
               "unchanged; a new mask every step, drawn from the experiment's seed. At "
               "evaluation (every reported loss and accuracy) the layer passes values through "
               "unchanged, as Keras's evaluate() and PyTorch's model.eval()."));
        if (force || name != m_shownName)
            m_nameEdit->setText(name);
        m_shownName = name;
        m_syncing = false;
        return;
    }
    // Do not overwrite a name being typed unless the spec's name really changed.
    if (force || name != m_shownName)
        m_nameEdit->setText(name);
    m_shownName = name;

    if (force) { // another layer: text typed for the previous one does not carry over
        m_unitsSpin->revert();
        for (const TensorControls &c : m_tensors) {
            c.l1->spinBox()->revert();
            c.l2->spinBox()->revert();
        }
    }
    m_unitsSpin->setValue(l.units);
    m_unitsSpin->setEnabled(!output);
    m_unitsSpin->setToolTip(output ? tr("Set by the data set: one unit per class (or target)")
                                   : tr("Number of neurons in this layer"));
    m_activationCombo->setCurrentIndex(m_activationCombo->findData(int(l.activation)));
    m_activationCombo->setToolTip(
        output ? tr("The output layer is usually linear: the loss applies softmax or sigmoid")
               : QString());

    refreshTensor(Tensor::Kernel, m_selfEdit && !force);
    refreshTensor(Tensor::Bias, m_selfEdit && !force);
    TensorControls &bias = controls(Tensor::Bias);
    bias.group->setEnabled(l.useBias);
    bias.group->setTitle(l.useBias ? tr("Bias b") : tr("Bias b (this layer has no bias)"));

    const bool tf1 = spec.l2Convention == L2Convention::Tf1;
    m_hint->setText(tr("L2 convention: <b>%1</b> (change it in the run bar).<br>"
                       "TF1 l2_regularizer(s) = s·ΣW²/2; Keras l2(s) = s·ΣW²")
                        .arg(tf1 ? tr("TF1 (½ Σ W²)") : tr("Keras (Σ W²)")));
    m_syncing = false;
}

void LayerInspector::refreshTensor(Tensor t, bool keepKind) {
    TensorControls &c = controls(t);
    const LayerSpec &l = layer();
    const auto &reg = t == Tensor::Kernel ? l.kernelRegularizer : l.biasRegularizer;
    int kind = kindOf(reg);
    // While the user drags a scale down to 0 the term stays selected (and its slider visible)
    // even though the spec no longer tells L2-at-zero from nothing.
    const int shown = c.kind->currentData().toInt();
    if (keepKind && reg && shown != KindNone && (kind & ~shown) == 0)
        kind = shown;
    c.kind->setCurrentIndex(c.kind->findData(kind));
    c.l1->setValue(reg ? reg->l1 : 0.0);
    c.l2->setValue(reg ? reg->l2 : 0.0);
    c.l1->setVisible(kind & KindL1);
    c.l1Label->setVisible(kind & KindL1);
    c.l2->setVisible(kind & KindL2);
    c.l2Label->setVisible(kind & KindL2);
    c.formula->setText(penaltyFormula(reg, m_doc->spec().l2Convention, t, false));
    c.formula->setToolTip(penaltyFormula(reg, m_doc->spec().l2Convention, t, true));
}

void LayerInspector::editLayer(const QString &text, const std::function<void(LayerSpec &)> &change,
                               int mergeKey, int field) {
    if (!hasLayer())
        return;
    const std::size_t index = std::size_t(m_index);
    m_selfEdit = true;
    m_doc->edit(
        text, [&](ExperimentSpec &s) { change(s.model.layers[index]); }, mergeKey,
        ExperimentDocument::layerScope(m_index, field));
    m_selfEdit = false;
}

void LayerInspector::commitName() {
    if (!hasLayer())
        return;
    const QString text = m_nameEdit->text().trimmed();
    const std::string name = text.toStdString();
    if (name == layer().name)
        return;
    QString problem;
    if (text.isEmpty())
        problem = tr("A layer needs a name.");
    for (std::size_t i = 0; i < m_doc->spec().model.layers.size() && problem.isEmpty(); ++i) {
        if (int(i) != m_index && m_doc->spec().model.layers[i].name == name)
            problem = tr("Another layer is already called “%1”.").arg(text);
    }
    if (!problem.isEmpty()) {
        m_nameEdit->setText(QString::fromStdString(layer().name));
        QToolTip::showText(m_nameEdit->mapToGlobal(QPoint(0, m_nameEdit->height())), problem,
                           m_nameEdit);
        return;
    }
    editLayer(tr("Rename layer"), [&name](LayerSpec &l) { l.name = name; });
}

void LayerInspector::onKindActivated(Tensor t) {
    const int kind = controls(t).kind->currentData().toInt();
    const bool kernel = t == Tensor::Kernel;
    editLayer(kernel ? tr("Change kernel regularizer") : tr("Change bias regularizer"),
              [kind, kernel](LayerSpec &l) {
                  auto &reg = kernel ? l.kernelRegularizer : l.biasRegularizer;
                  if (kind == KindNone) {
                      reg.reset();
                      return;
                  }
                  RegularizerSpec r = reg.value_or(RegularizerSpec{});
                  r.l1 = (kind & KindL1) ? (r.l1 > 0.0 ? r.l1 : kDefaultL1) : 0.0;
                  r.l2 = (kind & KindL2) ? (r.l2 > 0.0 ? r.l2 : kDefaultL2) : 0.0;
                  reg = r;
              });
}

void LayerInspector::onScaleChanged(Tensor t, bool l1, double value) {
    if (m_syncing)
        return;
    const bool kernel = t == Tensor::Kernel;
    const QString text = kernel ? (l1 ? tr("Change kernel L1 scale") : tr("Change kernel L2 scale"))
                                : (l1 ? tr("Change bias L1 scale") : tr("Change bias L2 scale"));
    editLayer(
        text,
        [kernel, l1, value](LayerSpec &l) {
            auto &reg = kernel ? l.kernelRegularizer : l.biasRegularizer;
            RegularizerSpec r = reg.value_or(RegularizerSpec{});
            (l1 ? r.l1 : r.l2) = value;
            reg = r;
        },
        kernel ? ExperimentDocument::MergeKernelScale : ExperimentDocument::MergeBiasScale,
        l1 ? 0 : 1);
}

} // namespace reglab::ui
