// SPDX-License-Identifier: GPL-3.0-or-later
// The network editor and the inspector on convolutional networks: the palette adds every
// layer type as one undoable edit, each block shows the core's output shape and weight
// count, a stack that does not fit is marked on the offending block with the core's reason,
// and the inspector edits a conv layer's and a pool layer's fields with undo.

#include "core/error.h"
#include "core/io/experiment_json.h"
#include "core/model_shapes.h"
#include "support/number_entry.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/network_editor.h"
#include "ui/editor/network_editor_items.h"
#include "ui/editor/number_box.h"
#include "ui/experiment_document.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QGraphicsScene>
#include <QLabel>
#include <QLocale>
#include <QTest>
#include <QUndoStack>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

namespace {

NetworkBlockItem *layerBlock(QGraphicsScene *scene, int index) {
    for (QGraphicsItem *item : scene->items()) {
        if (item->type() != NetworkBlockItem::Type)
            continue;
        auto *b = static_cast<NetworkBlockItem *>(item);
        if (b->kind() == BlockKind::Layer && b->layerIndex() == index)
            return b;
    }
    return nullptr;
}

ExperimentSpec questionCnn() {
    return loadExperimentFile(REGLAB_SOURCE_DIR "/bench/cnn-mnist-l2.json");
}

const TensorShape kMnist{28, 28, 1, true};

void pick(QComboBox *combo, int data) {
    const int row = combo->findData(data);
    QVERIFY(row >= 0);
    combo->setCurrentIndex(row);
    emit combo->activated(row);
}

} // namespace

class TestCnnEditor : public QObject {
    Q_OBJECT
private slots:
    void paletteAddsEachType_data();
    void paletteAddsEachType();
    void droppedTypeGoesWhereDropped();
    void blocksShowTheCoreShapesAndWeights();
    void invalidStackIsMarkedWithTheReason_data();
    void invalidStackIsMarkedWithTheReason();
    void inspectorEditsConvFieldsWithUndo();
    void inspectorEditsPoolFields();
};

void TestCnnEditor::paletteAddsEachType_data() {
    QTest::addColumn<QString>("type");
    for (const QString &type : NetworkEditor::paletteTypes())
        QTest::newRow(qPrintable(type)) << type;
}

void TestCnnEditor::paletteAddsEachType() {
    QFETCH(QString, type);
    ExperimentDocument doc;
    doc.load(questionCnn());
    NetworkEditor editor(&doc);
    editor.setInputShape(784, 28, 28, 1);
    editor.selectLayer(1); // pool1: the new layer goes after it
    const ExperimentSpec before = doc.spec();
    QAction *action = nullptr;
    for (QAction *a : editor.paletteActions()) {
        if (a->data().toString() == type)
            action = a;
    }
    QVERIFY(action);
    QCOMPARE(action->text(), NetworkEditor::typeLabel(type));
    action->trigger();
    const auto &layers = doc.spec().model.layers;
    QCOMPARE(layers.size(), before.model.layers.size() + 1);
    QCOMPARE(QString::fromStdString(layers[2].type), type);
    QCOMPARE(editor.selectedLayer(), 2);
    QVERIFY(layerBlock(editor.scene(), 2));
    // The names stay unique.
    for (std::size_t i = 0; i < layers.size(); ++i) {
        for (std::size_t j = i + 1; j < layers.size(); ++j)
            QVERIFY(layers[i].name != layers[j].name);
    }
    QVERIFY(doc.undo());
    QVERIFY(doc.spec() == before);
    doc.undoStack()->redo();
    QCOMPARE(QString::fromStdString(doc.spec().model.layers[2].type), type);
}

void TestCnnEditor::droppedTypeGoesWhereDropped() {
    ExperimentDocument doc;
    doc.load(questionCnn());
    NetworkEditor editor(&doc);
    editor.setInputShape(784, 28, 28, 1);
    auto *view = qobject_cast<NetworkEditorView *>(editor.view());
    QVERIFY(view);
    emit view->typeDropped(QStringLiteral("conv2d"), 2);
    QCOMPARE(doc.spec().model.layers.size(), std::size_t(8));
    QVERIFY(doc.spec().model.layers[2].isConv());
    // Never after the output layer: a drop past the end lands before it.
    emit view->typeDropped(QStringLiteral("max_pool2d"), 99);
    QVERIFY(doc.spec().model.layers.back().isDense());
    QVERIFY(doc.spec().model.layers[doc.spec().model.layers.size() - 2].isPool());
}

void TestCnnEditor::blocksShowTheCoreShapesAndWeights() {
    ExperimentDocument doc;
    doc.load(questionCnn());
    NetworkEditor editor(&doc);
    editor.setInputShape(784, 28, 28, 1);
    const ShapeReport core = shapeReport(doc.spec().model, kMnist);
    QVERIFY(core.ok());
    // By hand: conv1 (3*3*1 + 1) * 32 = 320, conv2 (3*3*32 + 1) * 64 = 18,496,
    // dense1 (7*7*64 + 1) * 128 = 401,536, logits (128 + 1) * 10 = 1,290.
    QCOMPARE(core.parameters[0], 320LL);
    QCOMPARE(core.parameters[2], 18496LL);
    QCOMPARE(core.parameters[5], 401536LL);
    QCOMPARE(core.parameters[6], 1290LL);
    const QStringList shapes{"28×28×32", "14×14×32", "14×14×64", "7×7×64", "3136", "128", "10"};
    for (int i = 0; i < 7; ++i) {
        NetworkBlockItem *block = layerBlock(editor.scene(), i);
        QVERIFY(block);
        const BlockContent &c = block->content();
        QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        QCOMPARE(NetworkEditor::shapeText(core.shapes[std::size_t(i)]), shapes[i]);
        QVERIFY2(c.detail.contains(shapes[i]), qPrintable(c.detail));
        if (doc.spec().model.layers[std::size_t(i)].hasWeights())
            QVERIFY2(c.detail.contains(QLocale().toString(core.parameters[std::size_t(i)])),
                     qPrintable(c.detail));
    }
    // A conv block is no longer "0 units".
    QVERIFY(!layerBlock(editor.scene(), 0)->content().subtitle.contains(QStringLiteral("units")));
    QVERIFY(layerBlock(editor.scene(), 0)->content().subtitle.contains(QStringLiteral("3×3")));
}

void TestCnnEditor::invalidStackIsMarkedWithTheReason_data() {
    QTest::addColumn<int>("change");
    QTest::addColumn<int>("marked");
    QTest::newRow("dense on an unflattened image") << 0 << 4;
    QTest::newRow("kernel larger than its input") << 1 << 2;
    QTest::newRow("filters out of range") << 2 << 0;
    QTest::newRow("conv on 2-D points") << 3 << 0;
}

void TestCnnEditor::invalidStackIsMarkedWithTheReason() {
    QFETCH(int, change);
    QFETCH(int, marked);
    ExperimentDocument doc;
    ExperimentSpec spec = questionCnn();
    TensorShape data = kMnist;
    switch (change) {
    case 0:
        spec.model.layers.erase(spec.model.layers.begin() + 4); // the flatten layer
        break;
    case 1:
        spec.model.layers[2].kernelSize = {15, 15};
        spec.model.layers[2].padding = Padding::Valid; // 14x14 input
        break;
    case 2:
        spec.model.layers[0].filters = 0;
        break;
    case 3:
        data = TensorShape{1, 1, 2, false};
        break;
    }
    doc.load(spec);
    NetworkEditor editor(&doc);
    if (data.image)
        editor.setInputShape(784, 28, 28, 1);
    else
        editor.setInputShape(2, 0, 0);
    // The reason is the core's own, for the layer the core names.
    QString expected;
    try {
        spec.validate();
        spec.model.inferShapes(modelInputShape(spec.model, data));
    } catch (const InputError &e) {
        expected = QString::fromStdString(e.message());
        QVERIFY2(QString::fromStdString(e.field()).startsWith(
                     QStringLiteral("model.layers.%1").arg(marked)),
                 e.what());
    }
    QVERIFY(!expected.isEmpty());
    for (int i = 0; i < int(spec.model.layers.size()); ++i) {
        const BlockContent &c = layerBlock(editor.scene(), i)->content();
        if (i == marked) {
            QCOMPARE(c.problem, expected);
            QCOMPARE(c.detail, expected);
        } else {
            QVERIFY2(c.problem.isEmpty(), qPrintable(c.problem));
        }
    }
}

void TestCnnEditor::inspectorEditsConvFieldsWithUndo() {
    ExperimentDocument doc;
    doc.load(questionCnn());
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(0);
    inspector.show();
    const ExperimentSpec original = doc.spec();
    auto conv = [&doc] { return doc.spec().model.layers[0]; };

    typeAndCommit(inspector.filtersBox(), QStringLiteral("12"));
    QCOMPARE(conv().filters, 12);
    typeAndCommit(inspector.windowBox(0), QStringLiteral("5"));
    typeAndCommit(inspector.windowBox(1), QStringLiteral("4"));
    QCOMPARE(conv().kernelSize, (std::array<int, 2>{5, 4}));
    typeAndCommit(inspector.strideBox(1), QStringLiteral("2"));
    QCOMPARE(conv().effectiveStrides(), (std::array<int, 2>{1, 2}));
    pick(inspector.paddingCombo(), int(Padding::Valid));
    QVERIFY(conv().padding == Padding::Valid);
    pick(inspector.activationCombo(), int(Activation::Tanh));
    QVERIFY(conv().activation == Activation::Tanh);
    pick(inspector.initializerCombo(), int(Initializer::HeNormal));
    QVERIFY(conv().kernelInitializer == Initializer::HeNormal);
    inspector.useBiasCheck()->click();
    QCOMPARE(conv().useBias, false);
    // Both regularizers, with the penalty formula as for dense layers.
    pick(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL1);
    QVERIFY(conv().kernelRegularizer && conv().kernelRegularizer->l1 > 0.0);
    QCOMPARE(inspector.formulaLabel(Tensor::Kernel)->text(),
             LayerInspector::penaltyFormula(conv().kernelRegularizer, doc.spec().l2Convention,
                                            Tensor::Kernel, false));
    QVERIFY(inspector.formulaLabel(Tensor::Kernel)->text().contains(QStringLiteral("Σ")));
    inspector.useBiasCheck()->click();
    pick(inspector.regularizerCombo(Tensor::Bias), LayerInspector::KindL2);
    QVERIFY(conv().biasRegularizer && conv().biasRegularizer->l2 > 0.0);
    // The rows a conv layer has are shown, the dense ones are not.
    QVERIFY(inspector.filtersBox()->isVisibleTo(&inspector));
    QVERIFY(!inspector.unitsSpin()->isVisibleTo(&inspector));
    // Every edit undoes, back to the file's layer.
    while (doc.undoStack()->canUndo())
        doc.undoStack()->undo();
    QVERIFY(doc.spec() == original);
    QCOMPARE(inspector.filtersBox()->value(), 32.0);
    QCOMPARE(inspector.windowBox(0)->value(), 3.0);
}

void TestCnnEditor::inspectorEditsPoolFields() {
    ExperimentDocument doc;
    ExperimentSpec spec = questionCnn();
    // The file sets pool1's strides; without them they follow the pool size.
    QVERIFY(spec.model.layers[1].strides.has_value());
    spec.model.layers[1].strides.reset();
    doc.load(spec);
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(1); // pool1
    inspector.show();
    QVERIFY(!inspector.filtersBox()->isVisibleTo(&inspector));
    QVERIFY(inspector.windowBox(0)->isVisibleTo(&inspector));
    QVERIFY(!inspector.regularizerCombo(Tensor::Kernel)->isVisibleTo(&inspector));
    typeAndCommit(inspector.windowBox(0), QStringLiteral("3"));
    typeAndCommit(inspector.windowBox(1), QStringLiteral("3"));
    QCOMPARE(doc.spec().model.layers[1].poolSize, (std::array<int, 2>{3, 3}));
    // The strides follow the pool size until set.
    QCOMPARE(inspector.strideBox(0)->value(), 3.0);
    typeAndCommit(inspector.strideBox(0), QStringLiteral("1"));
    QCOMPARE(doc.spec().model.layers[1].effectiveStrides(), (std::array<int, 2>{1, 3}));
    // Set strides stay when the pool size changes again.
    typeAndCommit(inspector.windowBox(0), QStringLiteral("2"));
    QCOMPARE(inspector.strideBox(0)->value(), 1.0);
    QCOMPARE(doc.spec().model.layers[1].effectiveStrides(), (std::array<int, 2>{1, 3}));
    pick(inspector.paddingCombo(), int(Padding::Same));
    QVERIFY(doc.spec().model.layers[1].padding == Padding::Same);
    QVERIFY(doc.undo());
    QVERIFY(doc.spec().model.layers[1].padding == Padding::Valid);
}

QTEST_MAIN(TestCnnEditor)
#include "tst_cnn_editor.moc"
