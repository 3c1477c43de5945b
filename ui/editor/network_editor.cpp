// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/network_editor.h"

#include "ui/editor/layer_inspector.h"
#include "ui/editor/network_editor_items.h"
#include "ui/editor/number_text.h"
#include "ui/experiment_document.h"

#include "core/error.h"
#include "core/model_shapes.h"

#include <QAction>
#include <QApplication>
#include <QDrag>
#include <QGraphicsScene>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QMouseEvent>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cstdlib>
#include <set>

namespace reglab::ui {

namespace {

constexpr qreal kGap = 18; // vertical space between blocks, where the arrows go

int termsOf(const std::optional<RegularizerSpec> &reg) {
    if (!reg)
        return 0;
    return (reg->l1 > 0.0 ? 1 : 0) | (reg->l2 > 0.0 ? 2 : 0);
}

/// A palette button: a click triggers its action, a drag carries its layer type onto the
/// network view (kLayerTypeMime).
class PaletteButton : public QToolButton {
public:
    explicit PaletteButton(QAction *action, QWidget *parent)
        : QToolButton(parent) {
        setDefaultAction(action);
        setToolButtonStyle(Qt::ToolButtonTextOnly);
        setAutoRaise(true);
    }

protected:
    void mousePressEvent(QMouseEvent *event) override {
        if (event->button() == Qt::LeftButton)
            m_pressPos = event->position().toPoint();
        QToolButton::mousePressEvent(event);
    }
    void mouseMoveEvent(QMouseEvent *event) override {
        if (!(event->buttons() & Qt::LeftButton)
            || (event->position().toPoint() - m_pressPos).manhattanLength()
                   < QApplication::startDragDistance()) {
            QToolButton::mouseMoveEvent(event);
            return;
        }
        setDown(false); // a drag, not a click
        auto *mime = new QMimeData;
        mime->setData(QString::fromLatin1(kLayerTypeMime),
                      defaultAction()->data().toString().toLatin1());
        auto *drag = new QDrag(this);
        drag->setMimeData(mime);
        drag->setPixmap(grab());
        drag->exec(Qt::CopyAction);
    }

private:
    QPoint m_pressPos;
};

QString activationName(Activation a) {
    switch (a) {
    case Activation::Relu:
        return NetworkEditor::tr("ReLU");
    case Activation::Tanh:
        return NetworkEditor::tr("tanh");
    case Activation::Sigmoid:
        return NetworkEditor::tr("sigmoid");
    case Activation::Elu:
        return QStringLiteral("ELU");
    case Activation::Linear:
        break;
    }
    return NetworkEditor::tr("linear");
}

QString sizeText(const std::array<int, 2> &v) {
    return QStringLiteral("%1×%2").arg(v[0]).arg(v[1]);
}

} // namespace

NetworkEditor::NetworkEditor(ExperimentDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc)
    , m_scene(new QGraphicsScene(this)) {
    m_toolBar = new QToolBar(this);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_toolBar->setIconSize(QSize(16, 16));

    m_addAction = m_toolBar->addAction(tr("+ Layer"));
    m_addAction->setToolTip(tr("Add a 32-unit ReLU layer after the selected one (Ins)"));
    m_addAction->setShortcut(QKeySequence(Qt::Key_Insert));
    m_dropoutAction = m_toolBar->addAction(tr("+ Dropout"));
    m_dropoutAction->setToolTip(
        tr("Add a dropout layer (rate 0.2) after the selected one: while training it zeroes "
           "each value flowing into the next layer with that probability (Ctrl+D)"));
    m_dropoutAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_removeAction = m_toolBar->addAction(tr("− Remove"));
    m_removeAction->setToolTip(tr("Remove the selected layer (Del)"));
    m_removeAction->setShortcuts(
        {QKeySequence(QKeySequence::Delete), QKeySequence(Qt::Key_Backspace)});
    m_toolBar->addSeparator();
    m_unitsUpAction = m_toolBar->addAction(tr("Units +"));
    m_unitsUpAction->setToolTip(tr("More units in the selected layer (+)"));
    m_unitsUpAction->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
    m_unitsDownAction = m_toolBar->addAction(tr("Units −"));
    m_unitsDownAction->setToolTip(tr("Fewer units in the selected layer (−)"));
    m_unitsDownAction->setShortcut(QKeySequence(Qt::Key_Minus));
    for (QAction *a : editActions())
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addActions(editActions());
    // "+ Layer" adds a dense layer at a click; its arrow lists every type.
    if (auto *addButton = qobject_cast<QToolButton *>(m_toolBar->widgetForAction(m_addAction))) {
        addButton->setPopupMode(QToolButton::MenuButtonPopup);
        addButton->setMenu(addTypeMenu(addButton, [this] { return insertPosition(); }));
    }

    m_palette = new QToolBar(this);
    m_palette->setObjectName(QStringLiteral("layerPalette"));
    m_palette->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto *paletteLabel = new QLabel(tr("Add:"), m_palette);
    paletteLabel->setContentsMargins(6, 0, 2, 0);
    paletteLabel->setForegroundRole(QPalette::PlaceholderText);
    m_palette->addWidget(paletteLabel);
    for (const QString &type : paletteTypes()) {
        auto *action = new QAction(typeLabel(type), this);
        action->setData(type);
        action->setToolTip(tr("Add a %1 layer after the selected one, or drag it onto the "
                              "network to place it")
                               .arg(typeLabel(type)));
        connect(action, &QAction::triggered, this,
                [this, type] { addLayerOfType(type, insertPosition()); });
        m_palette->addWidget(new PaletteButton(action, m_palette));
        m_paletteActions.push_back(action);
    }

    m_view = new NetworkEditorView(m_scene, this);
    m_view->setAccessibleName(tr("Network"));
    setFocusProxy(m_view); // arrow keys, Del, + and − work as soon as the dock gets focus
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_summary->setContentsMargins(8, 2, 8, 4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_palette);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);

    connect(m_addAction, &QAction::triggered, this, [this] { addLayer(insertPosition()); });
    connect(m_dropoutAction, &QAction::triggered, this, [this] { addDropout(insertPosition()); });
    connect(m_removeAction, &QAction::triggered, this, [this] { removeLayer(m_selected); });
    connect(m_unitsUpAction, &QAction::triggered, this, [this] {
        if (m_selected >= 0 && !isDropout(m_selected))
            changeUnits(m_selected, unitStep(m_doc->spec().model.layers[m_selected].outputs()));
    });
    connect(m_unitsDownAction, &QAction::triggered, this, [this] {
        if (m_selected < 0 || isDropout(m_selected))
            return;
        const int units = m_doc->spec().model.layers[m_selected].outputs();
        changeUnits(m_selected, -unitStep(units - 1));
    });

    connect(m_view, &NetworkEditorView::layerClicked, this, &NetworkEditor::selectLayer);
    connect(m_view, &NetworkEditorView::moveRequested, this, [this](int from, int to) {
        if (from == to)
            rebuildScene(); // snap the dragged block back
        else
            moveLayer(from, to);
    });
    connect(m_view, &NetworkEditorView::contextMenuRequested, this,
            &NetworkEditor::showContextMenu);
    connect(m_view, &NetworkEditorView::typeDropped, this,
            [this](const QString &type, int position) { addLayerOfType(type, position); });
    connect(m_view, &NetworkEditorView::selectionStepRequested, this, [this](int step) {
        const int n = layerCount();
        if (n > 0)
            selectLayer(std::clamp(m_selected < 0 ? 0 : m_selected + step, 0, n - 1));
    });
    connect(m_doc, &ExperimentDocument::specChanged, this, &NetworkEditor::onSpecChanged);

    m_selected = layerCount() > 0 ? 0 : -1;
    rebuildScene();
}

QGraphicsView *NetworkEditor::view() const {
    return m_view;
}

QList<QAction *> NetworkEditor::editActions() const {
    return {m_addAction, m_removeAction, m_unitsUpAction, m_unitsDownAction, m_dropoutAction};
}

int NetworkEditor::unitStep(int units) {
    int step = 1;
    while (step * 2 <= units / 4)
        step *= 2;
    return step;
}

int NetworkEditor::layerCount() const {
    return int(m_doc->spec().model.layers.size());
}

int NetworkEditor::insertPosition() const {
    const int n = layerCount();
    return m_selected >= 0 ? std::min(m_selected + 1, n - 1) : n - 1;
}

bool NetworkEditor::isDropout(int index) const {
    const auto &layers = m_doc->spec().model.layers;
    return index >= 0 && std::size_t(index) < layers.size() && layers[index].isDropout();
}

std::string NetworkEditor::uniqueName(const std::string &stem) const {
    std::set<std::string> names;
    for (const LayerSpec &l : m_doc->spec().model.layers)
        names.insert(l.name);
    int k = 1;
    while (names.count(stem + std::to_string(k)))
        ++k;
    return stem + std::to_string(k);
}

QString NetworkEditor::placementProblem(const ModelSpec &model, int index) {
    if (index < 0 || std::size_t(index) >= model.layers.size())
        return {};
    if (model.layers[index].isDropout() && std::size_t(index) + 1 == model.layers.size())
        return tr("Dropout after the output layer changes nothing at evaluation and only adds "
                  "noise to the training loss: move it before a dense layer");
    return {};
}

void NetworkEditor::setInputShape(int inputDim, int imageWidth, int imageHeight, int channels) {
    if (inputDim == m_inputDim && imageWidth == m_imageWidth && imageHeight == m_imageHeight
        && channels == m_channels)
        return;
    m_inputDim = inputDim;
    m_imageWidth = imageWidth;
    m_imageHeight = imageHeight;
    m_channels = channels;
    rebuildScene();
}

TensorShape NetworkEditor::dataShape() const {
    if (m_inputDim <= 0)
        return {};
    if (m_imageWidth > 0 && m_imageHeight > 0)
        return TensorShape{m_imageHeight, m_imageWidth, m_channels, true};
    return TensorShape{1, 1, m_inputDim, false};
}

QStringList NetworkEditor::paletteTypes() {
    // The core's layer types that the editor can add.
    return {QStringLiteral("dense"),      QStringLiteral("conv2d"),
            QStringLiteral("max_pool2d"), QStringLiteral("flatten"),
            QStringLiteral("dropout"),    QStringLiteral("spatial_dropout2d")};
}

QString NetworkEditor::typeLabel(const QString &type) {
    if (type == QLatin1String("dense"))
        return tr("Dense");
    if (type == QLatin1String("conv2d"))
        return tr("Conv2D");
    if (type == QLatin1String("max_pool2d"))
        return tr("MaxPool2D");
    if (type == QLatin1String("flatten"))
        return tr("Flatten");
    if (type == QLatin1String("dropout"))
        return tr("Dropout");
    if (type == QLatin1String("spatial_dropout2d"))
        return tr("SpatialDropout2D");
    return type;
}

LayerSpec NetworkEditor::defaultLayer(const QString &type, const ModelSpec &model) {
    LayerSpec layer;
    layer.type = type.toStdString();
    std::string stem = layer.type;
    if (layer.isDense()) {
        stem = "hidden";
        layer.units = 32;
        layer.activation = Activation::Relu;
        layer.kernelInitializer = Initializer::HeNormal;
    } else if (layer.isConv()) {
        stem = "conv";
        layer.filters = 16;
        layer.kernelSize = {3, 3};
        layer.padding = Padding::Same;
        layer.activation = Activation::Relu;
        layer.kernelInitializer = Initializer::HeNormal;
    } else if (layer.isPool()) {
        stem = "pool";
        layer.poolSize = {2, 2};
    } else if (layer.isDropout()) {
        if (layer.isSpatialDropout())
            stem = "spatial_dropout";
        layer.rate = kDefaultDropoutRate;
    }
    std::set<std::string> names;
    for (const LayerSpec &l : model.layers)
        names.insert(l.name);
    int k = 1;
    while (names.count(stem + std::to_string(k)))
        ++k;
    layer.name = stem + std::to_string(k);
    return layer;
}

void NetworkEditor::addLayerOfType(const QString &type, int position) {
    if (!paletteTypes().contains(type))
        return;
    if (type == QLatin1String("dense")) {
        addLayer(position);
        return;
    }
    if (type == QLatin1String("dropout")) {
        addDropout(position);
        return;
    }
    const int n = layerCount();
    if (n >= limits::kMaxLayers || n == 0)
        return;
    position = std::clamp(position, 0, n - 1); // the output layer stays last
    const LayerSpec layer = defaultLayer(type, m_doc->spec().model);
    m_doc->edit(tr("Add %1 “%2”").arg(typeLabel(type), QString::fromStdString(layer.name)),
                [&](ExperimentSpec &s) {
                    s.model.layers.insert(s.model.layers.begin() + position, layer);
                });
    if (layerCount() == n + 1)
        setSelection(position, true);
}

QMenu *NetworkEditor::addTypeMenu(QWidget *parent, const std::function<int()> &position) {
    auto *menu = new QMenu(parent);
    for (const QString &type : paletteTypes()) {
        menu->addAction(typeLabel(type), this,
                        [this, type, position] { addLayerOfType(type, position()); })
            ->setEnabled(layerCount() < limits::kMaxLayers);
    }
    return menu;
}

QString NetworkEditor::shapeText(const TensorShape &shape) {
    if (!shape.image)
        return QString::number(shape.channels);
    return QStringLiteral("%1×%2×%3").arg(shape.height).arg(shape.width).arg(shape.channels);
}

std::map<int, QString> NetworkEditor::stackProblems(const ExperimentSpec &spec,
                                                    const TensorShape &data, ShapeReport *report) {
    std::map<int, QString> problems;
    const int n = int(spec.model.layers.size());
    for (int i = 0; i < n; ++i) {
        const QString p = placementProblem(spec.model, i);
        if (!p.isEmpty())
            problems[i] = p;
    }
    // The core's own checks, on the layer the error names ("model.layers.3.filters").
    auto layerOf = [n](const std::string &field) {
        const std::string prefix = "model.layers.";
        if (field.rfind(prefix, 0) != 0)
            return field == "model.layers" ? n - 1 : -1;
        const int i = std::atoi(field.c_str() + prefix.size());
        return i >= 0 && i < n ? i : -1;
    };
    try {
        spec.validate();
    } catch (const InputError &e) {
        const int i = layerOf(e.field());
        if (i >= 0 && !problems.count(i))
            problems[i] = QString::fromStdString(e.message());
    }
    if (data.channels > 0) {
        ShapeReport r = shapeReport(spec.model, modelInputShape(spec.model, data));
        if (!r.ok()) {
            const int i = layerOf(r.errorField);
            if (i >= 0 && !problems.count(i))
                problems[i] = QString::fromStdString(r.error);
        }
        if (report)
            *report = std::move(r);
    }
    return problems;
}

void NetworkEditor::addLayer(int position) {
    const int n = layerCount();
    if (n >= limits::kMaxLayers)
        return;
    position = std::clamp(position, 0, std::max(0, n - 1));
    LayerSpec layer;
    layer.name = uniqueName("hidden");
    layer.units = 32;
    layer.activation = Activation::Relu;
    layer.kernelInitializer = Initializer::HeNormal;
    m_doc->edit(tr("Add layer “%1”").arg(QString::fromStdString(layer.name)),
                [&](ExperimentSpec &s) {
                    s.model.layers.insert(s.model.layers.begin() + position, layer);
                });
    if (layerCount() == n + 1)
        setSelection(position, true); // a different layer now sits at this index
}

void NetworkEditor::addDropout(int position, double rate) {
    const int n = layerCount();
    if (n >= limits::kMaxLayers || n == 0)
        return;
    position = std::clamp(position, 0, n - 1); // before the output layer, never after it
    LayerSpec layer;
    layer.name = uniqueName("dropout");
    layer.type = "dropout";
    layer.rate = rate;
    m_doc->edit(tr("Add dropout “%1”").arg(QString::fromStdString(layer.name)),
                [&](ExperimentSpec &s) {
                    s.model.layers.insert(s.model.layers.begin() + position, layer);
                });
    if (layerCount() == n + 1)
        setSelection(position, true);
}

void NetworkEditor::removeLayer(int index) {
    const int n = layerCount();
    const bool misplacedDropout = index == n - 1 && isDropout(index);
    if (index < 0 || (index >= n - 1 && !misplacedDropout)) // the output layer stays
        return;
    const QString name = QString::fromStdString(m_doc->spec().model.layers[index].name);
    m_doc->edit(tr("Remove layer “%1”").arg(name), [index](ExperimentSpec &s) {
        s.model.layers.erase(s.model.layers.begin() + index);
    });
    setSelection(std::min(index, layerCount() - 1), true);
}

void NetworkEditor::moveLayer(int from, int to) {
    const int hidden = layerCount() - 1;
    if (from < 0 || to < 0 || from >= hidden || to >= hidden || from == to)
        return;
    const QString name = QString::fromStdString(m_doc->spec().model.layers[from].name);
    m_doc->edit(tr("Move layer “%1”").arg(name), [from, to](ExperimentSpec &s) {
        auto &layers = s.model.layers;
        LayerSpec moved = layers[from];
        layers.erase(layers.begin() + from);
        layers.insert(layers.begin() + to, moved);
    });
    setSelection(to, true);
}

void NetworkEditor::changeUnits(int index, int delta) {
    const int n = layerCount();
    if (index < 0 || index >= n - 1 || delta == 0 || isDropout(index))
        return;
    const LayerSpec &l = m_doc->spec().model.layers[index];
    if (!l.hasWeights())
        return;
    const bool conv = l.isConv();
    const long long wanted = (long long)l.outputs() + delta;
    const int clamped =
        int(std::clamp<long long>(wanted, 1, conv ? limits::kMaxFilters : limits::kMaxUnits));
    m_doc->edit(
        conv ? tr("Change filters") : tr("Change units"),
        [index, clamped, conv](ExperimentSpec &s) {
            (conv ? s.model.layers[index].filters : s.model.layers[index].units) = clamped;
        },
        ExperimentDocument::MergeUnits, ExperimentDocument::layerScope(index));
}

void NetworkEditor::selectLayer(int index) {
    setSelection(index, false);
}

void NetworkEditor::setSelection(int index, bool always) {
    const int n = layerCount();
    if (index < -1 || index >= n)
        index = -1;
    if (index == m_selected && !always)
        return;
    m_selected = index;
    updateHighlight();
    updateActions();
    emit layerSelected(index);
}

void NetworkEditor::onSpecChanged(const ExperimentSpec &, const ExperimentSpec &) {
    rebuildScene();
    const int n = layerCount();
    if (m_selected >= n)
        selectLayer(n - 1);
}

void NetworkEditor::rebuildScene() {
    m_view->cancelDrag();
    m_scene->clear();
    const ExperimentSpec &spec = m_doc->spec();
    const auto &layers = spec.model.layers;
    const int n = int(layers.size());
    const QString source = QString::fromStdString(spec.dataset.source);

    std::vector<BlockContent> blocks;
    BlockContent input;
    input.kind = BlockKind::Input;
    if (m_inputDim > 0) {
        input.title = tr("Input · %1").arg(m_inputDim);
        input.subtitle =
            m_imageWidth > 0 && m_imageHeight > 0
                ? tr("%1×%2 image · %3").arg(m_imageWidth).arg(m_imageHeight).arg(source)
                : (m_inputDim == 1 ? tr("1 feature · %1").arg(source)
                                   : tr("%1 features · %2").arg(m_inputDim).arg(source));
    } else {
        input.title = tr("Input");
        input.subtitle = m_inputDim < 0 ? tr("%1 (could not be loaded)").arg(source)
                                        : tr("%1 (not loaded yet)").arg(source);
    }
    input.toolTip = tr("The data set's features, one per input unit");
    blocks.push_back(input);

    ShapeReport report;
    const std::map<int, QString> problems = stackProblems(spec, dataShape(), &report);
    if (m_inputDim > 0 && spec.model.hasSpatialLayers()) {
        input.title = tr("Input · %1").arg(shapeText(modelInputShape(spec.model, dataShape())));
        input.detail = dataShape().image ? QString() : tr("not an image: conv layers cannot run");
    }
    blocks.front() = input;
    const std::vector<std::size_t> dense = spec.model.weightIndices();
    const int outputIndex = dense.empty() ? n - 1 : int(dense.back());
    for (int i = 0; i < n; ++i) {
        const LayerSpec &l = layers[i];
        const bool output = l.isDropout() ? i == n - 1 : i == outputIndex;
        BlockContent c;
        c.kind = BlockKind::Layer;
        c.layerIndex = i;
        c.draggable = !output && n > 2;
        c.activation = l.activation;
        c.title = QString::fromStdString(l.name);
        const auto problem = problems.find(i);
        if (problem != problems.end())
            c.problem = problem->second;
        const bool shaped = std::size_t(i) < report.shapes.size();
        QString tip = QStringLiteral("<b>%1</b><br>").arg(c.title.toHtmlEscaped());
        if (l.isDropout()) {
            // No units, weights or penalties (the width in front of it is unchanged).
            c.activation = Activation::Linear;
            c.dropout = true;
            c.draggable = !output;
            c.subtitle = c.problem.isEmpty() || placementProblem(spec.model, i).isEmpty()
                             ? tr("dropout · rate %1 (training only)").arg(formatCompact(l.rate))
                             : tr("dropout · misplaced: after the output layer");
            tip += tr("While training, each value is kept with probability %1 and scaled by "
                      "1/%1; at evaluation the layer passes values through unchanged.")
                       .arg(formatCompact(1.0 - l.rate));
        } else if (l.isPool() || l.isFlatten()) {
            c.activation = Activation::Linear;
            c.subtitle = l.isFlatten()
                             ? tr("flatten · rows, columns, channels")
                             : tr("max-pool %1 · stride %2 · %3")
                                   .arg(sizeText(l.poolSize), sizeText(l.effectiveStrides()),
                                        l.padding == Padding::Same ? tr("same") : tr("valid"));
            tip += c.subtitle.toHtmlEscaped() + QStringLiteral("<br>") + tr("No weights");
        } else {
            if (l.isConv()) {
                c.subtitle = tr("conv %1 × %2 · stride %3 · %4 · %5")
                                 .arg(l.filters)
                                 .arg(sizeText(l.kernelSize), sizeText(l.effectiveStrides()),
                                      l.padding == Padding::Same ? tr("same") : tr("valid"),
                                      activationName(l.activation));
            } else {
                c.subtitle =
                    output ? tr("%1 units · %2 · output")
                                 .arg(l.units)
                                 .arg(activationName(l.activation))
                           : tr("%1 units · %2").arg(l.units).arg(activationName(l.activation));
            }
            const int kernelTerms = termsOf(l.kernelRegularizer);
            if (kernelTerms == 1)
                c.badges.push_back(
                    {tr("L1 %1").arg(formatCompact(l.kernelRegularizer->l1, -2)), 1});
            else if (kernelTerms == 2)
                c.badges.push_back(
                    {tr("L2 %1").arg(formatCompact(l.kernelRegularizer->l2, -2)), 2});
            else if (kernelTerms == 3)
                c.badges.push_back({tr("L1+L2"), 3});
            const int biasTerms = l.useBias ? termsOf(l.biasRegularizer) : 0;
            if (biasTerms != 0)
                c.badges.push_back({tr("bias"), biasTerms, true});
            tip += c.subtitle.toHtmlEscaped();
            if (shaped)
                tip += QStringLiteral("<br>")
                       + tr("%1 parameters")
                             .arg(QLocale().toString(report.parameters[std::size_t(i)]));
            tip += QStringLiteral("<br>")
                   + tr("Kernel adds %1")
                         .arg(LayerInspector::penaltyFormula(l.kernelRegularizer, spec.l2Convention,
                                                             Tensor::Kernel, false));
            if (l.useBias)
                tip += QStringLiteral("<br>")
                       + tr("Bias adds %1")
                             .arg(LayerInspector::penaltyFormula(
                                 l.biasRegularizer, spec.l2Convention, Tensor::Bias, false));
        }
        if (!c.problem.isEmpty()) {
            c.detail = c.problem;
            tip += QStringLiteral("<br><span style=\"color:#c0392b\">%1</span>")
                       .arg(c.problem.toHtmlEscaped());
        } else if (shaped) {
            const TensorShape &shape = report.shapes[std::size_t(i)];
            const long long params = report.parameters[std::size_t(i)];
            c.detail =
                l.hasWeights()
                    ? tr("→ %1 · %2 parameters").arg(shapeText(shape), QLocale().toString(params))
                    : tr("→ %1").arg(shapeText(shape));
            tip += QStringLiteral("<br>") + tr("Output shape %1").arg(shapeText(shape));
        }
        if (c.draggable)
            tip += QStringLiteral("<br><i>") + tr("Drag to reorder") + QStringLiteral("</i>");
        c.toolTip = tip;
        blocks.push_back(c);
    }

    BlockContent loss;
    loss.kind = BlockKind::Loss;
    switch (spec.loss) {
    case LossKind::SoftmaxCrossEntropy:
        loss.title = tr("softmax cross-entropy");
        break;
    case LossKind::SigmoidCrossEntropy:
        loss.title = tr("sigmoid cross-entropy");
        break;
    case LossKind::MeanSquaredError:
        loss.title = tr("mean squared error");
        break;
    }
    const QString convention =
        spec.l2Convention == L2Convention::Tf1 ? tr("TF1 ½ΣW²") : tr("Keras ΣW²");
    loss.subtitle = spec.training.penaltyInLoss ? tr("data + Σ penalties · %1").arg(convention)
                                                : tr("penalties not added · %1").arg(convention);
    loss.toolTip = tr("The loss the optimizer minimizes: the data term plus every layer's "
                      "regularization penalty");
    blocks.push_back(loss);

    qreal y = 0;
    QPointF previousBottom;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
        auto *item = new NetworkBlockItem(blocks[i]);
        item->setPos(0, y);
        m_scene->addItem(item);
        if (i > 0) {
            m_scene->addItem(
                new NetworkArrowItem(previousBottom + QPointF(0, 3),
                                     QPointF(item->x() + NetworkBlockItem::kWidth / 2, y - 3)));
        }
        previousBottom = QPointF(NetworkBlockItem::kWidth / 2, y + NetworkBlockItem::kHeight);
        y += NetworkBlockItem::kHeight + kGap;
    }
    m_view->fitScene();
    updateHighlight(); // after fitting, so that the selected block is scrolled into view
    updateActions();
    updateSummary();
}

void NetworkEditor::updateHighlight() {
    NetworkBlockItem *selected = nullptr;
    for (QGraphicsItem *item : m_scene->items()) {
        if (item->type() != NetworkBlockItem::Type)
            continue;
        auto *block = static_cast<NetworkBlockItem *>(item);
        const bool on = block->kind() == BlockKind::Layer && block->layerIndex() == m_selected;
        block->setHighlighted(on);
        if (on)
            selected = block;
    }
    if (selected)
        m_view->ensureVisible(selected, 0, 12);
}

void NetworkEditor::updateActions() {
    const int n = layerCount();
    const bool hidden = m_selected >= 0 && m_selected < n - 1;
    const bool dropout = isDropout(m_selected);
    m_addAction->setEnabled(n < limits::kMaxLayers);
    m_dropoutAction->setEnabled(n > 0 && n < limits::kMaxLayers);
    // A misplaced dropout entry after the output layer can be removed too.
    m_removeAction->setEnabled(hidden || (dropout && m_selected == n - 1));
    const LayerSpec *l = hidden ? &m_doc->spec().model.layers[m_selected] : nullptr;
    const bool dense = l && l->hasWeights();
    const int units = dense ? l->outputs() : 0;
    m_unitsUpAction->setEnabled(dense
                                && units < (l->isConv() ? limits::kMaxFilters : limits::kMaxUnits));
    m_unitsDownAction->setEnabled(dense && units > 1);
    const QString why = l && !l->hasWeights() ? tr("This layer has no units: it keeps the width")
                                              : tr("The output layer's units follow the data set");
    m_unitsUpAction->setStatusTip(dense ? QString() : why);
    m_unitsDownAction->setStatusTip(dense ? QString() : why);
}

void NetworkEditor::updateSummary() {
    const auto &layers = m_doc->spec().model.layers;
    QString text = layers.size() == 1 ? tr("1 layer") : tr("%1 layers").arg(layers.size());
    if (m_inputDim > 0) {
        const ShapeReport report =
            shapeReport(m_doc->spec().model, modelInputShape(m_doc->spec().model, dataShape()));
        long long params = 0;
        for (long long p : report.parameters)
            params += p;
        if (report.ok())
            text += tr(" · %1 trainable parameters").arg(QLocale().toString(params));
        else
            text += tr(" · the layers do not fit together (see the red block)");
    }
    m_summary->setText(text);
}

void NetworkEditor::showContextMenu(int layerIndex, const QPoint &globalPos) {
    if (layerIndex >= 0)
        selectLayer(layerIndex);
    const int n = layerCount();
    const bool hidden = layerIndex >= 0 && layerIndex < n - 1;
    QMenu menu(this);
    if (layerIndex >= 0) {
        menu.addAction(tr("Add layer above"), this, [this, layerIndex] { addLayer(layerIndex); })
            ->setEnabled(n < limits::kMaxLayers);
        if (hidden)
            menu.addAction(tr("Add layer below"), this,
                           [this, layerIndex] { addLayer(layerIndex + 1); })
                ->setEnabled(n < limits::kMaxLayers);
        menu.addAction(tr("Add dropout above"), this,
                       [this, layerIndex] { addDropout(layerIndex); })
            ->setEnabled(n < limits::kMaxLayers);
        if (hidden)
            menu.addAction(tr("Add dropout below"), this,
                           [this, layerIndex] { addDropout(layerIndex + 1); })
                ->setEnabled(n < limits::kMaxLayers);
        QMenu *above = addTypeMenu(&menu, [layerIndex] { return layerIndex; });
        above->setTitle(tr("Add above"));
        menu.addMenu(above);
        if (hidden) {
            QMenu *below = addTypeMenu(&menu, [layerIndex] { return layerIndex + 1; });
            below->setTitle(tr("Add below"));
            menu.addMenu(below);
        }
        menu.addSeparator();
        const bool dense = hidden && m_doc->spec().model.layers[layerIndex].isDense();
        menu.addAction(m_unitsUpAction);
        menu.addAction(m_unitsDownAction);
        menu.addAction(tr("Double units"), this,
                       [this, layerIndex] {
                           changeUnits(layerIndex, m_doc->spec().model.layers[layerIndex].units);
                       })
            ->setEnabled(dense);
        menu.addAction(tr("Halve units"), this,
                       [this, layerIndex] {
                           changeUnits(layerIndex,
                                       -(m_doc->spec().model.layers[layerIndex].units / 2));
                       })
            ->setEnabled(dense && m_doc->spec().model.layers[layerIndex].units > 1);
        menu.addSeparator();
        menu.addAction(tr("Move up"), this,
                       [this, layerIndex] { moveLayer(layerIndex, layerIndex - 1); })
            ->setEnabled(hidden && layerIndex > 0);
        menu.addAction(tr("Move down"), this,
                       [this, layerIndex] { moveLayer(layerIndex, layerIndex + 1); })
            ->setEnabled(hidden && layerIndex + 1 < n - 1);
        menu.addSeparator();
        menu.addAction(m_removeAction);
    } else {
        menu.addAction(m_addAction);
        menu.addAction(m_dropoutAction);
    }
    menu.exec(globalPos);
}

} // namespace reglab::ui
