// SPDX-License-Identifier: GPL-3.0-or-later
// NetworkEditor: every gesture is one undoable document edit, and the scene mirrors the spec.

#include "ui/editor/network_editor.h"
#include "ui/editor/network_editor_items.h"
#include "ui/experiment_document.h"

#include <QAction>
#include <QApplication>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLabel>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

using namespace reglab;
using namespace reglab::ui;

namespace {

std::vector<std::string> layerNames(const ExperimentSpec &spec) {
    std::vector<std::string> names;
    for (const LayerSpec &l : spec.model.layers)
        names.push_back(l.name);
    return names;
}

std::vector<NetworkBlockItem *> blocks(QGraphicsScene *scene) {
    std::vector<NetworkBlockItem *> result;
    for (QGraphicsItem *item : scene->items(Qt::AscendingOrder)) {
        if (item->type() == NetworkBlockItem::Type)
            result.push_back(static_cast<NetworkBlockItem *>(item));
    }
    std::sort(result.begin(), result.end(), [](auto *a, auto *b) { return a->y() < b->y(); });
    return result;
}

int countItems(QGraphicsScene *scene, int type) {
    int n = 0;
    for (QGraphicsItem *item : scene->items())
        n += item->type() == type ? 1 : 0;
    return n;
}

NetworkBlockItem *layerBlock(QGraphicsScene *scene, int index) {
    for (NetworkBlockItem *b : blocks(scene)) {
        if (b->kind() == BlockKind::Layer && b->layerIndex() == index)
            return b;
    }
    return nullptr;
}

void sendMouse(QWidget *target, QEvent::Type type, QPoint pos, Qt::MouseButtons buttons) {
    QMouseEvent event(type, QPointF(pos), QPointF(target->mapToGlobal(pos)), Qt::LeftButton,
                      buttons, Qt::NoModifier);
    QApplication::sendEvent(target, &event);
}

} // namespace

class TestNetworkEditor : public QObject {
    Q_OBJECT
private slots:
    void sceneHasOneBlockPerLayerPlusInputAndLoss();
    void addLayer_data();
    void addLayer();
    void addLayerNamesAreUnique();
    void removeLayer_data();
    void removeLayer();
    void moveLayer_data();
    void moveLayer();
    void changeUnits_data();
    void changeUnits();
    void unitChangesMergeIntoOneUndoStep();
    void selectionSignalAndHighlight();
    void clickSelectsAndDragReorders();
    void inputBlockShowsDataShape();
    void regularizerBadge_data();
    void regularizerBadge();
    void outputLayerUnitsActionsDisabled();
    void addDropout_data();
    void addDropout();
    void dropoutBlockAndParameterCount();
    void misplacedDropoutIsMarkedAndRemovable();
};

void TestNetworkEditor::sceneHasOneBlockPerLayerPlusInputAndLoss() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const int layers = int(doc.spec().model.layers.size());
    QCOMPARE(layers, 3); // defaultExperiment: hidden1, hidden2, logits
    QCOMPARE(countItems(editor.scene(), NetworkBlockItem::Type), layers + 2);
    QCOMPARE(countItems(editor.scene(), NetworkArrowItem::Type), layers + 1);
    const auto all = blocks(editor.scene());
    QCOMPARE(all.front()->kind(), BlockKind::Input);
    QCOMPARE(all.back()->kind(), BlockKind::Loss);
    QCOMPARE(all.back()->content().title, QStringLiteral("softmax cross-entropy"));
    QCOMPARE(all[1]->content().title, QStringLiteral("hidden1"));
    QCOMPARE(all[1]->content().subtitle,
             QStringLiteral("%1 units · ReLU").arg(doc.spec().model.layers[0].units));

    editor.addLayer(0);
    QCOMPARE(countItems(editor.scene(), NetworkBlockItem::Type), layers + 3);
    doc.undoStack()->undo();
    QCOMPARE(countItems(editor.scene(), NetworkBlockItem::Type), layers + 2);
}

void TestNetworkEditor::addLayer_data() {
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("expectedIndex");
    QTest::newRow("at_start") << 0 << 0;
    QTest::newRow("between_hidden") << 1 << 1;
    QTest::newRow("before_output") << 2 << 2;
    QTest::newRow("past_output_is_clamped") << 9 << 2;
    QTest::newRow("negative_is_clamped") << -3 << 0;
}

void TestNetworkEditor::addLayer() {
    QFETCH(int, position);
    QFETCH(int, expectedIndex);
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const ExperimentSpec before = doc.spec();
    QSignalSpy selected(&editor, &NetworkEditor::layerSelected);

    editor.addLayer(position);
    const ExperimentSpec after = doc.spec();
    QCOMPARE(after.model.layers.size(), std::size_t(4));
    const LayerSpec &added = after.model.layers[std::size_t(expectedIndex)];
    QCOMPARE(added.name, std::string("hidden3"));
    QCOMPARE(added.units, 32);
    QVERIFY(added.activation == Activation::Relu);
    QCOMPARE(added.type, std::string("dense"));
    QCOMPARE(after.model.layers.back().name, std::string("logits"));
    QCOMPARE(editor.selectedLayer(), expectedIndex);
    QVERIFY(!selected.isEmpty());
    QCOMPARE(selected.last().at(0).toInt(), expectedIndex);
    QCOMPARE(doc.undoStack()->count(), 1);

    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
    doc.undoStack()->redo();
    QVERIFY(doc.spec() == after);
}

void TestNetworkEditor::addLayerNamesAreUnique() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    doc.edit("rename", [](ExperimentSpec &s) { s.model.layers[0].name = "hidden3"; });
    editor.addLayer(0);
    editor.addLayer(0);
    // hidden1 is free again after the rename, then hidden4 (hidden2, hidden3 are taken).
    QCOMPARE(layerNames(doc.spec()),
             (std::vector<std::string>{"hidden4", "hidden1", "hidden3", "hidden2", "logits"}));
    QVERIFY_THROWS_NO_EXCEPTION(doc.spec().validate());
}

void TestNetworkEditor::removeLayer_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<QStringList>("expected"); // empty: nothing removed
    QTest::newRow("first_hidden") << 0 << QStringList{"hidden2", "logits"};
    QTest::newRow("second_hidden") << 1 << QStringList{"hidden1", "logits"};
    QTest::newRow("output_is_kept") << 2 << QStringList{};
    QTest::newRow("out_of_range") << 7 << QStringList{};
    QTest::newRow("none_selected") << -1 << QStringList{};
}

void TestNetworkEditor::removeLayer() {
    QFETCH(int, index);
    QFETCH(QStringList, expected);
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const ExperimentSpec before = doc.spec();
    editor.removeLayer(index);
    if (expected.isEmpty()) {
        QVERIFY(doc.spec() == before);
        QCOMPARE(doc.undoStack()->count(), 0);
        return;
    }
    std::vector<std::string> want;
    for (const QString &name : expected)
        want.push_back(name.toStdString());
    QCOMPARE(layerNames(doc.spec()), want);
    QCOMPARE(countItems(editor.scene(), NetworkBlockItem::Type), 2 + 2);
    QVERIFY(editor.selectedLayer() >= 0 && editor.selectedLayer() < 2);
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
    QCOMPARE(countItems(editor.scene(), NetworkBlockItem::Type), 3 + 2);
}

void TestNetworkEditor::moveLayer_data() {
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::addColumn<QStringList>("expected"); // empty: nothing moved
    QTest::newRow("first_down") << 0 << 2 << QStringList{"hidden2", "hidden3", "hidden1", "logits"};
    QTest::newRow("last_hidden_up")
        << 2 << 0 << QStringList{"hidden3", "hidden1", "hidden2", "logits"};
    QTest::newRow("swap_neighbours")
        << 1 << 2 << QStringList{"hidden1", "hidden3", "hidden2", "logits"};
    QTest::newRow("output_cannot_move") << 3 << 0 << QStringList{};
    QTest::newRow("not_after_output") << 0 << 3 << QStringList{};
    QTest::newRow("same_place") << 1 << 1 << QStringList{};
}

void TestNetworkEditor::moveLayer() {
    QFETCH(int, from);
    QFETCH(int, to);
    QFETCH(QStringList, expected);
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    editor.addLayer(2); // hidden1, hidden2, hidden3, logits
    doc.undoStack()->clear();
    const ExperimentSpec before = doc.spec();
    editor.moveLayer(from, to);
    if (expected.isEmpty()) {
        QVERIFY(doc.spec() == before);
        QCOMPARE(doc.undoStack()->count(), 0);
        return;
    }
    std::vector<std::string> want;
    for (const QString &name : expected)
        want.push_back(name.toStdString());
    QCOMPARE(layerNames(doc.spec()), want);
    QCOMPARE(editor.selectedLayer(), to);
    QCOMPARE(layerBlock(editor.scene(), to)->content().title, expected[to]);
    const ExperimentSpec after = doc.spec();
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
    doc.undoStack()->redo();
    QVERIFY(doc.spec() == after);
}

void TestNetworkEditor::changeUnits_data() {
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("delta");
    QTest::addColumn<int>("expected"); // units of layer `index` afterwards
    const int units0 = reglab::defaultExperiment().model.layers[0].units;
    const int units1 = reglab::defaultExperiment().model.layers[1].units;
    QTest::newRow("plus_16") << 0 << 16 << units0 + 16;
    QTest::newRow("down_to_one") << 1 << 1 - units1 << 1;
    QTest::newRow("clamped_at_one") << 0 << -1000 << 1;
    QTest::newRow("clamped_at_max") << 0 << 10'000'000 << reglab::limits::kMaxUnits;
    QTest::newRow("output_unchanged") << 2 << 5 << 2;
}

void TestNetworkEditor::changeUnits() {
    QFETCH(int, index);
    QFETCH(int, delta);
    QFETCH(int, expected);
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const ExperimentSpec before = doc.spec();
    editor.changeUnits(index, delta);
    QCOMPARE(doc.spec().model.layers[std::size_t(index)].units, expected);
    if (doc.spec() == before)
        return;
    QCOMPARE(layerBlock(editor.scene(), index)->content().subtitle,
             QStringLiteral("%1 units · ReLU").arg(expected));
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
}

void TestNetworkEditor::unitChangesMergeIntoOneUndoStep() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const int units = doc.spec().model.layers[0].units;
    editor.changeUnits(0, 1);
    editor.changeUnits(0, 1);
    editor.changeUnits(0, 1);
    QCOMPARE(doc.spec().model.layers[0].units, units + 3);
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().model.layers[0].units, units);
    QCOMPARE(NetworkEditor::unitStep(64), 16);
    QCOMPARE(NetworkEditor::unitStep(8), 2);
    QCOMPARE(NetworkEditor::unitStep(3), 1);
}

void TestNetworkEditor::selectionSignalAndHighlight() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    QCOMPARE(editor.selectedLayer(), 0);
    QSignalSpy spy(&editor, &NetworkEditor::layerSelected);
    editor.selectLayer(1);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 1);
    editor.selectLayer(1);
    QCOMPARE(spy.count(), 1); // unchanged: no signal
    QVERIFY(layerBlock(editor.scene(), 1)->isHighlighted());
    QVERIFY(!layerBlock(editor.scene(), 0)->isHighlighted());
    editor.selectLayer(-1);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.last().at(0).toInt(), -1);
    QVERIFY(!layerBlock(editor.scene(), 1)->isHighlighted());

    // Undoing an added layer that was selected moves the selection back into range.
    editor.addLayer(2);
    QCOMPARE(editor.selectedLayer(), 2);
    editor.selectLayer(3);
    doc.undoStack()->undo();
    QCOMPARE(editor.selectedLayer(), 2);
    QCOMPARE(spy.last().at(0).toInt(), 2);
}

void TestNetworkEditor::clickSelectsAndDragReorders() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    editor.resize(380, 350);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.addLayer(2); // hidden1, hidden2, hidden3, logits
    QGraphicsView *view = editor.view();
    QWidget *viewport = view->viewport();
    auto centerOf = [&](int index) {
        NetworkBlockItem *b = layerBlock(editor.scene(), index);
        return view->mapFromScene(b->mapToScene(b->shape().boundingRect().center()));
    };

    QSignalSpy spy(&editor, &NetworkEditor::layerSelected);
    QTest::mouseClick(viewport, Qt::LeftButton, Qt::NoModifier, centerOf(1));
    QCOMPARE(editor.selectedLayer(), 1);
    QCOMPARE(spy.last().at(0).toInt(), 1);

    // Drag hidden1 below hidden3: one undoable move.
    const int commands = doc.undoStack()->count();
    const QPoint start = centerOf(0);
    const QPoint target = centerOf(2) + QPoint(0, 8);
    sendMouse(viewport, QEvent::MouseButtonPress, start, Qt::LeftButton);
    for (int i = 1; i <= 6; ++i)
        sendMouse(viewport, QEvent::MouseMove, start + (target - start) * i / 6, Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseButtonRelease, target, Qt::NoButton);
    QCOMPARE(layerNames(doc.spec()),
             (std::vector<std::string>{"hidden2", "hidden3", "hidden1", "logits"}));
    QCOMPARE(doc.undoStack()->count(), commands + 1);
    QCOMPARE(editor.selectedLayer(), 2);

    // A drag that ends where it started changes nothing and snaps back.
    const QPoint again = centerOf(0);
    const qreal y = layerBlock(editor.scene(), 0)->y();
    sendMouse(viewport, QEvent::MouseButtonPress, again, Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseMove, again + QPoint(0, 12), Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseMove, again + QPoint(0, 2), Qt::LeftButton);
    sendMouse(viewport, QEvent::MouseButtonRelease, again + QPoint(0, 2), Qt::NoButton);
    QCOMPARE(doc.undoStack()->count(), commands + 1);
    QCOMPARE(layerBlock(editor.scene(), 0)->y(), y);
}

void TestNetworkEditor::inputBlockShowsDataShape() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    QCOMPARE(blocks(editor.scene()).front()->content().title, QStringLiteral("Input"));
    editor.setInputShape(784, 28, 28);
    const BlockContent image = blocks(editor.scene()).front()->content();
    QCOMPARE(image.title, QStringLiteral("Input · 784"));
    QVERIFY2(image.subtitle.contains(QStringLiteral("28×28")), qPrintable(image.subtitle));
    editor.setInputShape(2, 0, 0);
    QCOMPARE(blocks(editor.scene()).front()->content().title, QStringLiteral("Input · 2"));
    QVERIFY(!blocks(editor.scene()).front()->content().subtitle.contains(QStringLiteral("×")));
}

void TestNetworkEditor::regularizerBadge_data() {
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l2");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("badge"); // empty: no badge
    QTest::addColumn<int>("terms");
    QTest::newRow("l2") << 0.0 << 1e-3 << true << "L2 1e-3" << 2;
    QTest::newRow("l1") << 1e-4 << 0.0 << true << "L1 1e-4" << 1;
    QTest::newRow("l2_large") << 0.0 << 0.05 << true << "L2 0.05" << 2;
    QTest::newRow("both") << 1e-4 << 1e-3 << true << "L1+L2" << 3;
    QTest::newRow("zero") << 0.0 << 0.0 << true << "" << 0;
    QTest::newRow("null") << 0.0 << 0.0 << false << "" << 0;
}

void TestNetworkEditor::regularizerBadge() {
    QFETCH(double, l1);
    QFETCH(double, l2);
    QFETCH(bool, present);
    QFETCH(QString, badge);
    QFETCH(int, terms);
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    doc.edit("reg", [&](ExperimentSpec &s) {
        if (present)
            s.model.layers[1].kernelRegularizer = RegularizerSpec{l1, l2};
        else
            s.model.layers[1].kernelRegularizer.reset();
    });
    const auto &badges = layerBlock(editor.scene(), 1)->content().badges;
    if (badge.isEmpty()) {
        QVERIFY(badges.empty());
        return;
    }
    QCOMPARE(badges.size(), std::size_t(1));
    QCOMPARE(badges[0].text, badge);
    QCOMPARE(badges[0].terms, terms);
    QVERIFY(layerBlock(editor.scene(), 0)->content().badges.empty());
}

void TestNetworkEditor::outputLayerUnitsActionsDisabled() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const QList<QAction *> actions = editor.editActions();
    QCOMPARE(actions.size(), 5); // add, remove, units +, units −, add dropout
    editor.selectLayer(2);
    QVERIFY(actions[0]->isEnabled());
    QVERIFY(!actions[1]->isEnabled());
    QVERIFY(!actions[2]->isEnabled());
    QVERIFY(!actions[3]->isEnabled());
    editor.selectLayer(0);
    QVERIFY(actions[1]->isEnabled());
    QVERIFY(actions[2]->isEnabled());
    const int units = doc.spec().model.layers[0].units;
    actions[2]->trigger(); // Units +: units + unitStep(units)
    QCOMPARE(doc.spec().model.layers[0].units, units + NetworkEditor::unitStep(units));
    actions[3]->trigger(); // Units −: back by the same step
    QCOMPARE(doc.spec().model.layers[0].units, units);
    actions[0]->trigger(); // add after the selected layer
    QCOMPARE(doc.spec().model.layers[1].name, std::string("hidden3"));
    QCOMPARE(editor.selectedLayer(), 1);
    actions[1]->trigger(); // remove it again
    QCOMPARE(layerNames(doc.spec()), (std::vector<std::string>{"hidden1", "hidden2", "logits"}));
}

void TestNetworkEditor::addDropout_data() {
    QTest::addColumn<int>("position");
    QTest::addColumn<int>("expectedIndex");
    QTest::newRow("first") << 0 << 0;
    QTest::newRow("between_hidden") << 1 << 1;
    QTest::newRow("before_output") << 2 << 2;
    // Never after the output layer: the position is clamped to before it.
    QTest::newRow("past_the_end") << 3 << 2;
    QTest::newRow("far_past_the_end") << 99 << 2;
}

void TestNetworkEditor::addDropout() {
    QFETCH(int, position);
    QFETCH(int, expectedIndex);
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    const ExperimentSpec before = doc.spec();
    editor.addDropout(position, 0.35);
    const ExperimentSpec after = doc.spec();
    QCOMPARE(after.model.layers.size(), before.model.layers.size() + 1);
    const LayerSpec &added = after.model.layers[std::size_t(expectedIndex)];
    QVERIFY(added.isDropout());
    QCOMPARE(added.name, std::string("dropout1"));
    QCOMPARE(added.rate, 0.35);
    QCOMPARE(after.model.layers.back().name, std::string("logits"));
    QCOMPARE(editor.selectedLayer(), expectedIndex);
    after.validate(); // a valid experiment wherever it went
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);

    // The toolbar action inserts after the selection, and names stay unique.
    editor.selectLayer(0);
    editor.addDropout(1);
    editor.addDropout(1);
    QCOMPARE(doc.spec().model.layers[1].name, std::string("dropout2"));
    QCOMPARE(doc.spec().model.layers[2].name, std::string("dropout1"));
    QCOMPARE(doc.spec().model.layers[1].rate, NetworkEditor::kDefaultDropoutRate);
}

void TestNetworkEditor::dropoutBlockAndParameterCount() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    editor.setInputShape(2, 0, 0);
    auto *summary = editor.findChild<QLabel *>(QStringLiteral("summaryLabel"));
    QVERIFY(summary);
    const QString withoutDropout = summary->text();
    editor.addDropout(1, 0.5);
    // Dropout has no weights: the parameter count is unchanged, one more entry is listed.
    QCOMPARE(summary->text().section(QStringLiteral(" · "), 1),
             withoutDropout.section(QStringLiteral(" · "), 1));
    NetworkBlockItem *block = layerBlock(editor.scene(), 1);
    QVERIFY(block);
    QVERIFY(block->content().dropout);
    QVERIFY(block->content().problem.isEmpty());
    QVERIFY(block->content().subtitle.contains(QStringLiteral("0.5")));
    QVERIFY(block->isDraggable());
    // Units actions do not apply to a dropout entry.
    editor.selectLayer(1);
    const QList<QAction *> actions = editor.editActions();
    QVERIFY(actions[1]->isEnabled());  // Remove
    QVERIFY(!actions[2]->isEnabled()); // Units +
    QVERIFY(!actions[3]->isEnabled()); // Units −
    QVERIFY(actions[4]->isEnabled());  // Add dropout
    const ExperimentSpec before = doc.spec();
    editor.changeUnits(1, 8);
    QVERIFY(doc.spec() == before);
}

void TestNetworkEditor::misplacedDropoutIsMarkedAndRemovable() {
    ExperimentDocument doc;
    NetworkEditor editor(&doc);
    // Only a file edited elsewhere or an old undo step can put it there; it is shown, marked.
    LayerSpec dropout;
    dropout.name = "late";
    dropout.type = "dropout";
    dropout.rate = 0.2;
    ExperimentSpec spec = doc.spec();
    spec.model.layers.push_back(dropout);
    doc.load(spec);
    const int last = int(spec.model.layers.size()) - 1;
    QVERIFY(NetworkEditor::placementProblem(spec.model, last).contains(QStringLiteral("output")));
    QVERIFY(NetworkEditor::placementProblem(spec.model, last - 1).isEmpty());
    NetworkBlockItem *block = layerBlock(editor.scene(), last);
    QVERIFY(block);
    QVERIFY(!block->content().problem.isEmpty());
    QVERIFY(block->toolTip().contains(QStringLiteral("before a dense layer")));
    // The dense layer before it is still the output layer.
    QVERIFY(layerBlock(editor.scene(), last - 1)
                ->content()
                .subtitle.contains(QStringLiteral("output")));
    editor.removeLayer(last);
    QCOMPARE(int(doc.spec().model.layers.size()), last);
    QVERIFY(!doc.spec().model.layers.back().isDropout());
}

QTEST_MAIN(TestNetworkEditor)
#include "tst_network_editor.moc"
