// SPDX-License-Identifier: GPL-3.0-or-later
// LayerInspector and LogScaleSlider: edits reach the document (one undo step per drag, per
// layer), the loss formula follows the regularizer and the L2 convention, typed numbers are
// read as meant or refused with the range, and Ctrl+Z after a committed field is the app's.

#include "support/number_entry.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/log_scale_slider.h"
#include "ui/editor/log_spin_box.h"
#include "ui/editor/number_text.h"
#include "ui/experiment_document.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QVBoxLayout>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

Q_DECLARE_METATYPE(std::optional<reglab::RegularizerSpec>)
Q_DECLARE_METATYPE(reglab::L2Convention)
Q_DECLARE_METATYPE(reglab::Tensor)

namespace {

void chooseKind(QComboBox *combo, int kind) {
    const int row = combo->findData(kind);
    QVERIFY(row >= 0);
    combo->setCurrentIndex(row);
    emit combo->activated(row); // what a user's pick emits
}

} // namespace

class TestLayerInspector : public QObject {
    Q_OBJECT
private slots:
    void penaltyFormula_data();
    void penaltyFormula();
    void richFormulaUsesSymbols();
    void kindAndScaleEditTheSpec();
    void formulaFollowsConvention();
    void sliderDragIsOneUndoStep();
    void scaleDragToZeroKeepsTheRow();
    void biasEditsUseTheirOwnTensor();
    void renameAndUnits();
    void outputLayerUnitsAreFixed();
    void placeholderWithoutLayer();
    void sliderMapsEnds();
    void sliderRoundTrips_data();
    void sliderRoundTrips();
    void sliderGridIsStable();
    void sliderKeyboard();
    void sliderFineDrag();
    void typedValues_data();
    void typedValues();
    void unitEditsOfTwoLayersAreTwoUndoSteps();
    void ctrlZAfterCommitUndoesTheEdit();
    void dropoutShowsRateOnly();
    void dropoutRateTyped_data();
    void dropoutRateTyped();
};

void TestLayerInspector::penaltyFormula_data() {
    QTest::addColumn<std::optional<RegularizerSpec>>("reg");
    QTest::addColumn<L2Convention>("convention");
    QTest::addColumn<Tensor>("tensor");
    QTest::addColumn<QString>("expected");
    using R = std::optional<RegularizerSpec>;
    QTest::newRow("l2_keras") << R(RegularizerSpec{0, 1e-3}) << L2Convention::Keras
                              << Tensor::Kernel << "+ 0.001 * sum(W^2)";
    QTest::newRow("l2_tf1") << R(RegularizerSpec{0, 1e-3}) << L2Convention::Tf1 << Tensor::Kernel
                            << "+ 0.001 * sum(W^2) / 2";
    QTest::newRow("l1_any_convention") << R(RegularizerSpec{1e-4, 0}) << L2Convention::Tf1
                                       << Tensor::Kernel << "+ 1e-4 * sum(|W|)";
    QTest::newRow("both_tf1_bias") << R(RegularizerSpec{0.01, 0.5}) << L2Convention::Tf1
                                   << Tensor::Bias << "+ 0.01 * sum(|b|) + 0.5 * sum(b^2) / 2";
    QTest::newRow("both_keras") << R(RegularizerSpec{2.5e-5, 3}) << L2Convention::Keras
                                << Tensor::Kernel << "+ 2.5e-5 * sum(|W|) + 3 * sum(W^2)";
    QTest::newRow("zero") << R(RegularizerSpec{0, 0}) << L2Convention::Keras << Tensor::Kernel
                          << "+ 0";
    QTest::newRow("null") << R() << L2Convention::Keras << Tensor::Bias << "+ 0";
}

void TestLayerInspector::penaltyFormula() {
    QFETCH(std::optional<RegularizerSpec>, reg);
    QFETCH(L2Convention, convention);
    QFETCH(Tensor, tensor);
    QFETCH(QString, expected);
    QCOMPARE(LayerInspector::penaltyFormula(reg, convention, tensor, true), expected);
}

void TestLayerInspector::richFormulaUsesSymbols() {
    const RegularizerSpec reg{1e-4, 1e-3};
    const QString tf1 =
        LayerInspector::penaltyFormula(reg, L2Convention::Tf1, Tensor::Kernel, false);
    QCOMPARE(tf1, QStringLiteral(
                      "<nobr>+ 1e-4 · Σ |<i>W</i>|</nobr> <nobr>+ 0.001 · Σ <i>W</i>² / 2</nobr>"));
    const QString keras =
        LayerInspector::penaltyFormula(reg, L2Convention::Keras, Tensor::Kernel, false);
    QCOMPARE(keras, QStringLiteral(
                        "<nobr>+ 1e-4 · Σ |<i>W</i>|</nobr> <nobr>+ 0.001 · Σ <i>W</i>²</nobr>"));
}

void TestLayerInspector::kindAndScaleEditTheSpec() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(0);
    const ExperimentSpec before = doc.spec();
    QCOMPARE(inspector.regularizerCombo(Tensor::Kernel)->currentData().toInt(),
             int(LayerInspector::KindNone));
    QVERIFY(inspector.l2Slider(Tensor::Kernel)->isHidden());

    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL2);
    QVERIFY(doc.spec().model.layers[0].kernelRegularizer == RegularizerSpec({0.0, 1e-3}));
    QVERIFY(!inspector.l2Slider(Tensor::Kernel)->isHidden());
    QVERIFY(inspector.l1Slider(Tensor::Kernel)->isHidden());
    QCOMPARE(inspector.l2Slider(Tensor::Kernel)->value(), 1e-3);
    QCOMPARE(inspector.formulaLabel(Tensor::Kernel)->toolTip(),
             QStringLiteral("+ 0.001 * sum(W^2)"));

    inspector.l2Slider(Tensor::Kernel)->setValue(0.02);
    QVERIFY(doc.spec().model.layers[0].kernelRegularizer == RegularizerSpec({0.0, 0.02}));
    QVERIFY(inspector.formulaLabel(Tensor::Kernel)->text().contains(QStringLiteral("0.02")));

    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL1L2);
    QVERIFY(doc.spec().model.layers[0].kernelRegularizer == RegularizerSpec({1e-4, 0.02}));
    QCOMPARE(inspector.formulaLabel(Tensor::Kernel)->toolTip(),
             QStringLiteral("+ 1e-4 * sum(|W|) + 0.02 * sum(W^2)"));

    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL1);
    QVERIFY(doc.spec().model.layers[0].kernelRegularizer == RegularizerSpec({1e-4, 0.0}));

    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindNone);
    QVERIFY(!doc.spec().model.layers[0].kernelRegularizer.has_value());
    QCOMPARE(inspector.formulaLabel(Tensor::Kernel)->toolTip(), QStringLiteral("+ 0"));
    // Other layers untouched; undo all the way restores the spec exactly.
    QVERIFY(!doc.spec().model.layers[1].kernelRegularizer.has_value());
    while (doc.undoStack()->canUndo())
        doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
    QCOMPARE(inspector.regularizerCombo(Tensor::Kernel)->currentData().toInt(),
             int(LayerInspector::KindNone));
}

void TestLayerInspector::formulaFollowsConvention() {
    ExperimentDocument doc;
    doc.edit("l2", [](ExperimentSpec &s) {
        s.model.layers[1].kernelRegularizer = RegularizerSpec{0, 1e-3};
    });
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(1);
    QLabel *formula = inspector.formulaLabel(Tensor::Kernel);
    QCOMPARE(formula->text(), QStringLiteral("<nobr>+ 0.001 · Σ <i>W</i>²</nobr>"));
    doc.edit("tf1", [](ExperimentSpec &s) { s.l2Convention = L2Convention::Tf1; });
    QCOMPARE(formula->text(), QStringLiteral("<nobr>+ 0.001 · Σ <i>W</i>² / 2</nobr>"));
    QCOMPARE(formula->toolTip(), QStringLiteral("+ 0.001 * sum(W^2) / 2"));
    doc.undoStack()->undo();
    QCOMPARE(formula->toolTip(), QStringLiteral("+ 0.001 * sum(W^2)"));
}

void TestLayerInspector::sliderDragIsOneUndoStep() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(0);
    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL2);
    const ExperimentSpec afterKind = doc.spec();
    const int commands = doc.undoStack()->count();
    QSlider *slider = inspector.l2Slider(Tensor::Kernel)->slider();
    const int start = slider->value();
    QCOMPARE(start, LogScaleSlider::positionForValue(1e-3));
    for (int p = start + 1; p <= start + 25; ++p)
        slider->setValue(p); // what a drag does, one position at a time
    QCOMPARE(doc.undoStack()->count(), commands + 1);
    QCOMPARE(doc.spec().model.layers[0].kernelRegularizer->l2,
             LogScaleSlider::valueForPosition(start + 25));
    QCOMPARE(doc.spec().model.layers[0].kernelRegularizer->l2, 0.018); // 1e-3 · 10^(25/20) = 0.0178
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == afterKind);
    QCOMPARE(slider->value(), start);
}

void TestLayerInspector::scaleDragToZeroKeepsTheRow() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(0);
    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL2);
    inspector.l2Slider(Tensor::Kernel)->slider()->setValue(0);
    QVERIFY(doc.spec().model.layers[0].kernelRegularizer == RegularizerSpec({0.0, 0.0}));
    QCOMPARE(inspector.regularizerCombo(Tensor::Kernel)->currentData().toInt(),
             int(LayerInspector::KindL2));
    QVERIFY(!inspector.l2Slider(Tensor::Kernel)->isHidden());
    QCOMPARE(inspector.formulaLabel(Tensor::Kernel)->toolTip(), QStringLiteral("+ 0"));
}

void TestLayerInspector::biasEditsUseTheirOwnTensor() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(1);
    chooseKind(inspector.regularizerCombo(Tensor::Bias), LayerInspector::KindL1);
    inspector.l1Slider(Tensor::Bias)->setValue(5e-4);
    const LayerSpec &l = doc.spec().model.layers[1];
    QVERIFY(l.biasRegularizer == RegularizerSpec({5e-4, 0.0}));
    QVERIFY(!l.kernelRegularizer.has_value());
    QCOMPARE(inspector.formulaLabel(Tensor::Bias)->toolTip(), QStringLiteral("+ 5e-4 * sum(|b|)"));
    // Kernel and bias scale drags are separate undo steps (separate merge keys).
    const int commands = doc.undoStack()->count();
    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL2);
    inspector.l2Slider(Tensor::Kernel)->setValue(0.003);
    inspector.l1Slider(Tensor::Bias)->setValue(6e-4);
    QCOMPARE(doc.undoStack()->count(), commands + 3);
}

void TestLayerInspector::renameAndUnits() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(0);
    QCOMPARE(inspector.nameEdit()->text(), QStringLiteral("hidden1"));
    inspector.nameEdit()->setText(QStringLiteral("wide"));
    emit inspector.nameEdit()->editingFinished();
    QCOMPARE(doc.spec().model.layers[0].name, std::string("wide"));
    // A duplicate name is refused and the field shows the real name again.
    inspector.nameEdit()->setText(QStringLiteral("hidden2"));
    emit inspector.nameEdit()->editingFinished();
    QCOMPARE(doc.spec().model.layers[0].name, std::string("wide"));
    QCOMPARE(inspector.nameEdit()->text(), QStringLiteral("wide"));

    inspector.unitsSpin()->setValue(100);
    QCOMPARE(doc.spec().model.layers[0].units, 100);
    const int row = inspector.activationCombo()->findData(int(Activation::Tanh));
    inspector.activationCombo()->setCurrentIndex(row);
    emit inspector.activationCombo()->activated(row);
    QVERIFY(doc.spec().model.layers[0].activation == Activation::Tanh);

    doc.undoStack()->undo(); // activation
    doc.undoStack()->undo(); // units
    QCOMPARE(inspector.unitsSpin()->value(), defaultExperiment().model.layers[0].units);
    doc.undoStack()->undo(); // name
    QCOMPARE(inspector.nameEdit()->text(), QStringLiteral("hidden1"));
    QVERIFY(doc.spec() == defaultExperiment());
}

void TestLayerInspector::outputLayerUnitsAreFixed() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(2);
    QCOMPARE(inspector.unitsSpin()->value(), 2);
    QVERIFY(!inspector.unitsSpin()->isEnabled());
    inspector.setLayerIndex(1);
    QVERIFY(inspector.unitsSpin()->isEnabled());
    QCOMPARE(inspector.unitsSpin()->value(), defaultExperiment().model.layers[1].units);
}

void TestLayerInspector::placeholderWithoutLayer() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.setLayerIndex(-1);
    QVERIFY(!inspector.nameEdit()->isVisibleTo(&inspector));
    inspector.setLayerIndex(0);
    QVERIFY(inspector.nameEdit()->isVisibleTo(&inspector));
    // Removing the shown layer (e.g. by undo elsewhere) falls back to the hint.
    inspector.setLayerIndex(2);
    doc.edit("drop", [](ExperimentSpec &s) { s.model.layers.pop_back(); });
    QVERIFY(!inspector.nameEdit()->isVisibleTo(&inspector));
}

void TestLayerInspector::sliderMapsEnds() {
    LogScaleSlider w;
    QSlider *slider = w.slider();
    QCOMPARE(slider->minimum(), 0);
    QCOMPARE(slider->maximum(), LogScaleSlider::kMaxPosition);
    QCOMPARE(LogScaleSlider::kMaxPosition, 141); // 7 decades · 20 steps + the zero stop
    QCOMPARE(LogScaleSlider::positionForValue(0.0), 0);
    QCOMPARE(LogScaleSlider::positionForValue(1e-6), 1);
    QCOMPARE(LogScaleSlider::positionForValue(10.0), 141);
    QCOMPARE(LogScaleSlider::positionForValue(1e-3), 61);
    QCOMPARE(LogScaleSlider::valueForPosition(0), 0.0);
    QCOMPARE(LogScaleSlider::valueForPosition(1), 1e-6);
    QCOMPARE(LogScaleSlider::valueForPosition(7), 2e-6); // 10^(-6 + 6/20) = 1.995e-6
    QCOMPARE(LogScaleSlider::valueForPosition(61), 1e-3);
    QCOMPARE(LogScaleSlider::valueForPosition(141), 10.0);
    QSignalSpy spy(&w, &LogScaleSlider::valueChanged);
    slider->setValue(slider->maximum());
    QCOMPARE(w.value(), 10.0);
    slider->setValue(slider->minimum());
    QCOMPARE(w.value(), 0.0);
    slider->setValue(1);
    QCOMPARE(w.value(), 1e-6);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.last().at(0).toDouble(), 1e-6);
}

void TestLayerInspector::sliderRoundTrips_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("position");
    QTest::newRow("zero") << 0.0 << 0;
    QTest::newRow("one_micro") << 1e-6 << 1;
    QTest::newRow("off_grid_3e-4") << 3e-4 << 51; // log10(3e-4) = -3.523 → 1 + round(49.54)
    QTest::newRow("one_milli") << 1e-3 << 61;
    QTest::newRow("off_grid_0.0123") << 0.0123 << 83; // log10 = -1.910 → 1 + round(81.8)
    QTest::newRow("one") << 1.0 << 121;
    QTest::newRow("ten") << 10.0 << 141;
    QTest::newRow("above_ten_pins_right") << 250.0 << 141;
}

void TestLayerInspector::sliderRoundTrips() {
    QFETCH(double, value);
    QFETCH(int, position);
    LogScaleSlider w;
    w.setValue(0.5);
    w.setValue(value);
    QCOMPARE(w.value(), value); // the spin box keeps the exact value
    QCOMPARE(w.slider()->value(), position);
}

void TestLayerInspector::sliderGridIsStable() {
    // Every grid value maps back to its own position, so syncing never moves the slider.
    for (int p = 0; p <= LogScaleSlider::kMaxPosition; ++p)
        QCOMPARE(LogScaleSlider::positionForValue(LogScaleSlider::valueForPosition(p)), p);
}

void TestLayerInspector::sliderKeyboard() {
    LogScaleSlider w;
    w.setValue(1e-3);
    QTest::keyClick(w.slider(), Qt::Key_Right);
    QCOMPARE(w.value(), LogScaleSlider::valueForPosition(62));
    QTest::keyClick(w.slider(), Qt::Key_PageUp); // one decade
    QCOMPARE(w.slider()->value(), 82);
    QCOMPARE(w.value(), LogScaleSlider::valueForPosition(82));

    LogSpinBox *spin = w.spinBox();
    QCOMPARE(spin->text(), formatCompact(w.value()));
    spin->findChild<QLineEdit *>()->selectAll();
    QTest::keyClicks(spin, QStringLiteral("5e-4"));
    QTest::keyClick(spin, Qt::Key_Return);
    QCOMPARE(w.value(), 5e-4);
    QCOMPARE(w.slider()->value(), LogScaleSlider::positionForValue(5e-4));
    spin->stepBy(-1); // the box's arrows are finer than the slider: the second digit
    QCOMPARE(w.value(), 4.9e-4);
    spin->stepBy(2);
    QCOMPARE(w.value(), 5.1e-4);
    w.setValue(1e-6);
    spin->stepBy(-1); // below the smallest step: no penalty
    QCOMPARE(w.value(), 0.0);
    spin->stepBy(1);
    QCOMPARE(w.value(), 1e-6);
}

void TestLayerInspector::sliderFineDrag() {
    LogScaleSlider w;
    w.resize(300, w.sizeHint().height());
    w.setValue(0.01);
    w.show();
    QSlider *slider = w.slider();
    const QPoint at(slider->width() / 2, slider->height() / 2);
    // A plain 37-pixel drag may cross almost two decades; with Shift it moves ten times
    // slower, from the value the handle had: 0.01 · 10^(37/300) = 0.0133.
    QTest::mousePress(slider, Qt::LeftButton, Qt::ShiftModifier, at);
    QMouseEvent move(QEvent::MouseMove, QPointF(at + QPoint(37, 0)),
                     slider->mapToGlobal(QPointF(at + QPoint(37, 0))), Qt::NoButton, Qt::LeftButton,
                     Qt::ShiftModifier);
    QApplication::sendEvent(slider, &move);
    QTest::mouseRelease(slider, Qt::LeftButton, Qt::ShiftModifier, at + QPoint(37, 0));
    QCOMPARE(w.value(), 0.0133);
    QCOMPARE(LogScaleSlider::fineDragValue(0.01, 37), 0.0133);
    QCOMPARE(LogScaleSlider::fineDragValue(0.01, -300), 0.001);
    QCOMPARE(LogScaleSlider::fineDragValue(0.0, 0), 1e-6);   // from 0: the grid's first value
    QCOMPARE(LogScaleSlider::fineDragValue(5.0, 600), 10.0); // kept on the slider's scale
}

void TestLayerInspector::typedValues_data() {
    reglab::test::addTypedValueColumns();
    // Layer 0 starts with 128 units and an L2 kernel scale of 1e-3.
    QTest::newRow("units_ok") << "units"
                              << "300" << true << 300.0 << "";
    QTest::newRow("units_core_maximum") << "units"
                                        << "65536" << true << 65536.0 << "";
    QTest::newRow("units_decimal_comma") << "units"
                                         << "0,5" << false << 128.0 << "not a whole number";
    QTest::newRow("units_grouped") << "units"
                                   << "10.000" << false << 128.0 << "not a whole number";
    QTest::newRow("units_negative") << "units"
                                    << "-5" << false << 128.0 << "Allowed: 1 to 65536.";
    QTest::newRow("units_zero") << "units"
                                << "0" << false << 128.0 << "Allowed: 1 to 65536.";
    QTest::newRow("units_over_range") << "units"
                                      << "10000000" << false << 128.0 << "Allowed: 1 to 65536.";
    QTest::newRow("units_garbage") << "units"
                                   << "many" << false << 128.0 << "not a number";
    QTest::newRow("lambda_decimal_comma") << "l2"
                                          << "0,01" << true << 0.01 << "";
    QTest::newRow("lambda_comma_exponent") << "l2"
                                           << "1,5e-3" << true << 1.5e-3 << "";
    QTest::newRow("lambda_point") << "l2"
                                  << "0.05" << true << 0.05 << "";
    QTest::newRow("lambda_zero") << "l2"
                                 << "0" << true << 0.0 << "";
    QTest::newRow("lambda_negative") << "l2"
                                     << "-5" << false << 1e-3 << "Allowed: 0 to 1e12.";
    QTest::newRow("lambda_over_range") << "l2"
                                       << "1e13" << false << 1e-3 << "Allowed: 0 to 1e12.";
    QTest::newRow("lambda_ambiguous") << "l2"
                                      << "1.000,5" << false << 1e-3 << "ambiguous";
    QTest::newRow("lambda_garbage") << "l2"
                                    << "abc" << false << 1e-3 << "not a number";
}

void TestLayerInspector::typedValues() {
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, value);
    QFETCH(QString, message);
    ExperimentDocument doc;
    doc.edit("l2", [](ExperimentSpec &s) {
        s.model.layers[0].kernelRegularizer = RegularizerSpec{0, 1e-3};
    });
    LayerInspector inspector(&doc);
    inspector.resize(360, 700);
    inspector.setLayerIndex(0);
    inspector.show();
    const bool units = field == QLatin1String("units");
    NumberBox *box = units ? inspector.unitsSpin() : inspector.l2Slider(Tensor::Kernel)->spinBox();
    const int commands = doc.undoStack()->count();
    typeAndCommit(box, text);
    const LayerSpec &l = doc.spec().model.layers[0];
    QCOMPARE(units ? double(l.units) : l.kernelRegularizer->l2, value);
    QCOMPARE(doc.undoStack()->count(), commands + (accepted ? 1 : 0));
    // The message shows under the field, in the window, until the text is fixed.
    QLabel *label = units ? inspector.findChild<QLabel *>(QStringLiteral("unitsBoxMessage"))
                          : inspector.l2Slider(Tensor::Kernel)->messageLabel();
    QVERIFY(label);
    reglab::test::verifyMessage(box, accepted, message, label);
    if (QTest::currentTestFailed())
        return;
    if (!accepted) {
        QVERIFY(label->geometry().top() >= box->geometry().bottom());
        // For looking at it: REGLAB_SCREENSHOT_DIR=/some/dir keeps a picture of each refusal.
        const QString shots = qEnvironmentVariable("REGLAB_SCREENSHOT_DIR");
        if (!shots.isEmpty())
            inspector.grab().save(
                shots + QStringLiteral("/inspector_%1.png").arg(QTest::currentDataTag()));
        // Another edit of the document does not wipe the text being fixed.
        doc.edit("lr", [](ExperimentSpec &s) { s.optimizer.learningRate = 0.02; });
        QCOMPARE(box->findChild<QLineEdit *>()->text(), text);
        QVERIFY(!box->errorText().isEmpty());
    }
}

void TestLayerInspector::unitEditsOfTwoLayersAreTwoUndoSteps() {
    ExperimentDocument doc;
    LayerInspector inspector(&doc);
    inspector.show();
    inspector.setLayerIndex(1);
    typeAndCommit(inspector.unitsSpin(), QStringLiteral("0")); // refused...
    QVERIFY(!inspector.unitsSpin()->errorText().isEmpty());
    inspector.setLayerIndex(0); // ...and not carried over to another layer
    QVERIFY(inspector.unitsSpin()->errorText().isEmpty());
    QCOMPARE(inspector.unitsSpin()->text(), QStringLiteral("128"));
    typeAndCommit(inspector.unitsSpin(), QStringLiteral("64"));
    inspector.setLayerIndex(1);
    typeAndCommit(inspector.unitsSpin(), QStringLiteral("32"));
    QCOMPARE(doc.undoStack()->count(), 2);
    // Repeated edits of one layer's units still merge (the arrows, a drag).
    inspector.unitsSpin()->stepBy(1);
    inspector.unitsSpin()->stepBy(1);
    QCOMPARE(doc.spec().model.layers[1].units, 34);
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().model.layers[1].units, defaultExperiment().model.layers[1].units);
    QCOMPARE(doc.spec().model.layers[0].units, 64);
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == defaultExperiment());
    // A kernel's L1 and L2 scales, and two layers' scales, are separate steps too.
    inspector.setLayerIndex(0);
    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL1L2);
    const int commands = doc.undoStack()->count();
    inspector.l1Slider(Tensor::Kernel)->setValue(2e-4);
    inspector.l2Slider(Tensor::Kernel)->setValue(2e-3);
    inspector.setLayerIndex(1);
    chooseKind(inspector.regularizerCombo(Tensor::Kernel), LayerInspector::KindL2);
    inspector.l2Slider(Tensor::Kernel)->setValue(3e-3);
    QCOMPARE(doc.undoStack()->count(), commands + 4);
}

void TestLayerInspector::ctrlZAfterCommitUndoesTheEdit() {
    ExperimentDocument doc;
    QWidget window;
    auto *layout = new QVBoxLayout(&window);
    auto *inspector = new LayerInspector(&doc);
    layout->addWidget(inspector);
    // The main window's Edit menu actions, as it makes them.
    window.addAction(doc.undoStack()->createUndoAction(&window));
    window.actions().last()->setShortcut(QKeySequence::Undo);
    window.addAction(doc.undoStack()->createRedoAction(&window));
    window.actions().last()->setShortcut(QKeySequence::Redo);
    inspector->setLayerIndex(0);
    window.resize(360, 700);
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));

    NumberBox *units = inspector->unitsSpin();
    typeAndCommit(units, QStringLiteral("96"));
    QCOMPARE(doc.spec().model.layers[0].units, 96);
    QTest::keySequence(units, QKeySequence::Undo);
    QCOMPARE(doc.spec().model.layers[0].units, 128);
    QCOMPARE(units->text(), QStringLiteral("128"));
    QTest::keySequence(units, QKeySequence::Redo); // Ctrl+Shift+Z (or the platform's Redo)
    QCOMPARE(doc.spec().model.layers[0].units, 96);

    NumberBox *lambda = inspector->l2Slider(Tensor::Kernel)->spinBox();
    chooseKind(inspector->regularizerCombo(Tensor::Kernel), LayerInspector::KindL2);
    typeAndCommit(lambda, QStringLiteral("0,02"));
    QCOMPARE(doc.spec().model.layers[0].kernelRegularizer->l2, 0.02);
    QTest::keySequence(lambda, QKeySequence::Undo);
    QCOMPARE(doc.spec().model.layers[0].kernelRegularizer->l2, 1e-3);
}

namespace {
ExperimentSpec withDropout(double rate) {
    ExperimentSpec spec = defaultExperiment();
    LayerSpec dropout;
    dropout.name = "drop";
    dropout.type = "dropout";
    dropout.rate = rate;
    spec.model.layers.insert(spec.model.layers.begin() + 1, dropout);
    return spec;
}
} // namespace

void TestLayerInspector::dropoutShowsRateOnly() {
    ExperimentDocument doc;
    doc.load(withDropout(0.25));
    LayerInspector inspector(&doc);
    inspector.resize(360, 700);
    inspector.show();
    inspector.setLayerIndex(1);
    QVERIFY(inspector.rateBox()->isVisible());
    QCOMPARE(inspector.rateBox()->value(), 0.25);
    QVERIFY(!inspector.unitsSpin()->isVisible());
    QVERIFY(!inspector.activationCombo()->isVisible());
    QVERIFY(!inspector.regularizerCombo(Tensor::Kernel)->isVisible());
    QVERIFY(!inspector.problemLabel()->isVisible());
    QCOMPARE(inspector.nameEdit()->text(), QStringLiteral("drop"));

    inspector.rateBox()->setValue(0.5);
    QCOMPARE(doc.spec().model.layers[1].rate, 0.5);
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(inspector.rateBox()->value(), 0.25);

    // A dense layer shows its units and regularizers again, and no rate.
    inspector.setLayerIndex(0);
    QVERIFY(!inspector.rateBox()->isVisible());
    QVERIFY(inspector.unitsSpin()->isVisible());
    QVERIFY(inspector.regularizerCombo(Tensor::Kernel)->isVisible());

    // Misplaced after the output layer: the reason shows.
    ExperimentSpec late = defaultExperiment();
    LayerSpec dropout;
    dropout.name = "late";
    dropout.type = "dropout";
    late.model.layers.push_back(dropout);
    doc.load(late);
    inspector.setLayerIndex(int(late.model.layers.size()) - 1);
    QVERIFY(inspector.problemLabel()->isVisible());
    QVERIFY(inspector.problemLabel()->text().contains(QStringLiteral("output layer")));
}

void TestLayerInspector::dropoutRateTyped_data() {
    reglab::test::addTypedValueColumns();
    QTest::newRow("ok") << "rate"
                        << "0.4" << true << 0.4 << "";
    QTest::newRow("decimal_comma") << "rate"
                                   << "0,5" << true << 0.5 << "";
    QTest::newRow("zero") << "rate"
                          << "0" << true << 0.0 << "";
    QTest::newRow("one") << "rate"
                         << "1" << false << 0.25 << "Allowed: 0 or more, less than 1.";
    QTest::newRow("negative") << "rate"
                              << "-0.1" << false << 0.25 << "Allowed: 0 or more, less than 1.";
    QTest::newRow("nan") << "rate"
                         << "nan" << false << 0.25 << "not a number";
}

void TestLayerInspector::dropoutRateTyped() {
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, value);
    QFETCH(QString, message);
    ExperimentDocument doc;
    doc.load(withDropout(0.25));
    LayerInspector inspector(&doc);
    inspector.resize(360, 700);
    inspector.setLayerIndex(1);
    inspector.show();
    typeAndCommit(inspector.rateBox(), text);
    QCOMPARE(doc.spec().model.layers[1].rate, value);
    QCOMPARE(doc.undoStack()->count(), accepted ? 1 : 0);
    auto *label = inspector.findChild<QLabel *>(QStringLiteral("rateBoxMessage"));
    QVERIFY(label);
    reglab::test::verifyMessage(inspector.rateBox(), accepted, message, label);
}

QTEST_MAIN(TestLayerInspector)
#include "tst_layer_inspector.moc"
