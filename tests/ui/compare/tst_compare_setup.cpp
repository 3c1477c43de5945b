// SPDX-License-Identifier: GPL-3.0-or-later
// The compare setup's inputs: a list of scales with decimal commas (separated by ';'), the
// log range, the scale and the epochs are read as meant or refused with the range in the
// red message under the setup, and nothing can run meanwhile.

#include "support/number_entry.h"
#include "ui/compare/compare_setup_pane.h"
#include "ui/editor/log_spin_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QTest>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

namespace {

enum What { L2Scale, L1Scale, Kind, Convention, Coupling }; // the "Vary" combo's rows

} // namespace

class TestCompareSetup : public QObject {
    Q_OBJECT
private slots:
    void scaleList_data();
    void scaleList();
    void typedFields_data();
    void typedFields();
    void newKinds_data();
    void newKinds();
    void modelSizesFromPresetsOrWidths();
    void combinationAndEarlyStopping();
    void setVariantsShowsTheKind();
};

void TestCompareSetup::scaleList_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<QString>("message");
    using V = std::vector<double>;
    QTest::newRow("c_form") << "0, 1e-4, 1e-3" << V{0, 1e-4, 1e-3} << "";
    QTest::newRow("decimal_commas") << "1e-4; 0,01" << V{1e-4, 0.01} << "";
    QTest::newRow("decimal_commas_glued") << "0;0,001;0,1" << V{0, 0.001, 0.1} << "";
    QTest::newRow("zero_alone") << "0" << V{0} << "";
    QTest::newRow("one_or_two") << "0,01" << V{} << "could be one number or two";
    QTest::newRow("negative") << "-1, 1e-3" << V{} << "-1 is out of range. Allowed: 0 to 1e12.";
    QTest::newRow("over_range") << "1e13" << V{} << "Allowed: 0 to 1e12.";
    QTest::newRow("garbage") << "0, abc" << V{} << "“abc” is not a number";
    QTest::newRow("twice") << "0,1; 0.1" << V{} << "0.1 is listed twice";
    QTest::newRow("empty") << " " << V{} << "at least one scale";
}

void TestCompareSetup::scaleList() {
    QFETCH(QString, text);
    QFETCH(std::vector<double>, values);
    QFETCH(QString, message);
    CompareSetupPane pane(defaultExperiment());
    pane.show();
    pane.findChild<QLineEdit *>(QStringLiteral("compareValues"))->setText(text);
    std::vector<double> got;
    for (const Variant &v : pane.variants())
        got.push_back(v.value);
    QCOMPARE(got, values);
    QVERIFY2(pane.errorText().contains(message), qPrintable(pane.errorText()));
    QCOMPARE(pane.errorText().isEmpty(), message.isEmpty());
    auto *preview = pane.findChild<QLabel *>(QStringLiteral("comparePreview"));
    QVERIFY(preview->isVisible());
    if (!message.isEmpty())
        QCOMPARE(preview->text(), pane.errorText());
}

void TestCompareSetup::typedFields_data() {
    QTest::addColumn<int>("what");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("message");
    QTest::newRow("scale_decimal_comma") << int(Kind) << "compareScale"
                                         << "0,01" << true << "";
    QTest::newRow("scale_zero") << int(Coupling) << "compareScale"
                                << "0" << true << "";
    QTest::newRow("scale_negative")
        << int(Kind) << "compareScale"
        << "-5" << false << "Scale: -5 is out of range. Allowed: 0 to 1e12.";
    QTest::newRow("scale_over_range") << int(Kind) << "compareScale"
                                      << "1e13" << false << "Allowed: 0 to 1e12.";
    QTest::newRow("scale_garbage") << int(Coupling) << "compareScale"
                                   << "x" << false << "not a number";
    QTest::newRow("from_decimal_comma") << int(L2Scale) << "compareFrom"
                                        << "0,001" << true << "";
    QTest::newRow("from_zero") << int(L2Scale) << "compareFrom"
                               << "0" << false
                               << "From: 0 is out of range. Allowed: more than 0, up to 1e12.";
    QTest::newRow("to_negative") << int(L1Scale) << "compareTo"
                                 << "-1" << false << "To: -1 is out of range.";
    QTest::newRow("count_one") << int(L2Scale) << "compareCount"
                               << "1" << false << "Values: 1 is out of range. Allowed: 2 to 64.";
    QTest::newRow("count_over_range") << int(L2Scale) << "compareCount"
                                      << "65" << false << "Allowed: 2 to 64.";
    QTest::newRow("epochs_ok") << int(L2Scale) << "compareEpochs"
                               << "12" << true << "";
    QTest::newRow("epochs_zero") << int(Convention) << "compareEpochs"
                                 << "0" << false
                                 << "Epochs: 0 is out of range. Allowed: 1 to 1000000.";
    QTest::newRow("epochs_negative") << int(L2Scale) << "compareEpochs"
                                     << "-5" << false << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_over_range") << int(L2Scale) << "compareEpochs"
                                       << "2000000" << false << "Allowed: 1 to 1000000.";
    QTest::newRow("epochs_decimal_comma") << int(L2Scale) << "compareEpochs"
                                          << "1,5" << false << "not a whole number";
}

void TestCompareSetup::typedFields() {
    QFETCH(int, what);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(QString, message);
    CompareSetupPane pane(defaultExperiment());
    pane.resize(420, 600);
    pane.show();
    pane.findChild<QComboBox *>(QStringLiteral("compareWhat"))->setCurrentIndex(what);
    if (field == QLatin1String("compareFrom") || field == QLatin1String("compareTo")
        || field == QLatin1String("compareCount"))
        pane.findChild<QRadioButton *>(QStringLiteral("compareRange"))->setChecked(true);
    auto *box = pane.findChild<NumberBox *>(field);
    QVERIFY(box);
    QVERIFY(box->isVisible() && box->isEnabled());
    QVERIFY(!pane.variants().empty());
    typeAndCommit(box, text);
    QVERIFY2(pane.errorText().contains(message), qPrintable(pane.errorText()));
    QCOMPARE(pane.errorText().isEmpty(), accepted);
    QCOMPARE(pane.variants().empty(), !accepted); // nothing runs with a refused field
    if (field == QLatin1String("compareEpochs") && accepted)
        QCOMPARE(pane.epochs(), text.toInt());
    if (accepted)
        return;
    QTest::keyClick(box, Qt::Key_Escape); // back to the last good value: runnable again
    QVERIFY(pane.errorText().isEmpty());
    QVERIFY(!pane.variants().empty());
}

namespace {
void choose(CompareSetupPane &pane, const QString &item) {
    auto *combo = pane.findChild<QComboBox *>(QStringLiteral("compareWhat"));
    const int row = combo->findText(item);
    QVERIFY2(row >= 0, qPrintable(item));
    combo->setCurrentIndex(row);
}
ExperimentSpec withValidation() {
    ExperimentSpec spec = defaultExperiment();
    spec.dataset.validationFraction = 0.2;
    return spec;
}
} // namespace

void TestCompareSetup::newKinds_data() {
    QTest::addColumn<QString>("item");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("firstLabel");
    QTest::addColumn<QString>("message");
    QTest::newRow("dropout") << "Dropout rate"
                             << "0, 0.3" << int(VariationKind::DropoutRate) << "dropout_rate"
                             << "dropout 0"
                             << "";
    QTest::newRow("dropout_rate_one")
        << "Dropout rate"
        << "0.2, 1" << int(VariationKind::DropoutRate) << "dropout_rate"
        << ""
        << "[0, 1)";
    QTest::newRow("train_size") << "Training-set size"
                                << "10, 40" << int(VariationKind::TrainSize) << "train_size"
                                << "n = 10"
                                << "";
    QTest::newRow("train_size_fraction") << "Training-set size"
                                         << "10.5" << int(VariationKind::TrainSize) << "train_size"
                                         << ""
                                         << "whole number";
    QTest::newRow("label_noise") << "Label noise"
                                 << "0; 0,2" << int(VariationKind::LabelNoise) << "label_noise"
                                 << "label noise 0"
                                 << "";
    QTest::newRow("label_noise_over") << "Label noise"
                                      << "0, 2" << int(VariationKind::LabelNoise) << "label_noise"
                                      << ""
                                      << "[0, 1]";
}

void TestCompareSetup::newKinds() {
    QFETCH(QString, item);
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(QString, name);
    QFETCH(QString, firstLabel);
    QFETCH(QString, message);
    CompareSetupPane pane(defaultExperiment());
    pane.show();
    choose(pane, item);
    auto *values = pane.findChild<QLineEdit *>(QStringLiteral("compareValues"));
    QVERIFY(values->isVisible() && values->isEnabled());
    // Only λ has a log range.
    QVERIFY(!pane.findChild<QRadioButton *>(QStringLiteral("compareRange"))->isVisible());
    values->setText(text);
    if (!message.isEmpty()) {
        QVERIFY(pane.variants().empty());
        QVERIFY2(pane.errorText().contains(message), qPrintable(pane.errorText()));
        return;
    }
    QVERIFY2(pane.errorText().isEmpty(), qPrintable(pane.errorText()));
    QCOMPARE(int(pane.kind()), kind);
    QCOMPARE(pane.variationName(), name);
    QCOMPARE(pane.variants().size(), std::size_t(2));
    QCOMPARE(pane.displayLabels().front(), firstLabel);
    // Every variant applies to the experiment.
    for (const Variant &v : pane.variants())
        applyVariant(defaultExperiment(), v).validate();
    // The λ list comes back when L2 is chosen again, and this kind's text after that.
    choose(pane, QStringLiteral("L2 scale λ"));
    QCOMPARE(values->text(), QStringLiteral("0, 1e-4, 1e-3, 1e-2, 1e-1, 1"));
    choose(pane, item);
    QCOMPARE(values->text(), text);
}

void TestCompareSetup::modelSizesFromPresetsOrWidths() {
    CompareSetupPane pane(defaultExperiment());
    pane.show();
    choose(pane, QStringLiteral("Model size"));
    auto *presets = pane.findChild<QCheckBox *>(QStringLiteral("comparePresets"));
    auto *values = pane.findChild<QLineEdit *>(QStringLiteral("compareValues"));
    QVERIFY(presets->isVisible() && presets->isChecked());
    QVERIFY(!values->isEnabled());
    QCOMPARE(int(pane.kind()), int(VariationKind::ModelSize));
    QCOMPARE(pane.displayLabels(),
             (QStringList{QStringLiteral("Tiny (16)"), QStringLiteral("Small (16×2)"),
                          QStringLiteral("Medium (64×3)"), QStringLiteral("Large (512×4)")}));
    const ExperimentSpec large = applyVariant(defaultExperiment(), pane.variants()[3]);
    QCOMPARE(large.model.weightIndices().size(), std::size_t(5));
    presets->setChecked(false);
    QVERIFY(values->isEnabled());
    values->setText(QStringLiteral("8; 32, 32"));
    QCOMPARE(pane.displayLabels(), (QStringList{QStringLiteral("8"), QStringLiteral("32×2")}));
    values->setText(QStringLiteral("8; wide"));
    QVERIFY(pane.variants().empty());
    QVERIFY2(pane.errorText().contains(QStringLiteral("wide")), qPrintable(pane.errorText()));
}

void TestCompareSetup::combinationAndEarlyStopping() {
    CompareSetupPane pane(withValidation());
    pane.show();
    choose(pane, QStringLiteral("L2, dropout, L2 + dropout"));
    auto *rate = pane.findChild<NumberBox *>(QStringLiteral("compareRate"));
    QVERIFY(rate && rate->isVisible());
    QCOMPARE(pane.variants().size(), std::size_t(4));
    QCOMPARE(pane.displayLabels().last(), QStringLiteral("L2 1e-3 + dropout 0.5"));
    typeAndCommit(rate, QStringLiteral("1"));
    QVERIFY(pane.variants().empty());
    QVERIFY2(pane.errorText().contains(QStringLiteral("Dropout rate")),
             qPrintable(pane.errorText()));
    typeAndCommit(rate, QStringLiteral("0,3"));
    QCOMPARE(pane.displayLabels().last(), QStringLiteral("L2 1e-3 + dropout 0.3"));
    QCOMPARE(pane.variationName(), QStringLiteral("regularization_combination"));

    choose(pane, QStringLiteral("Early stopping on/off"));
    QCOMPARE(pane.variants().size(), std::size_t(2));
    const ExperimentSpec on = applyVariant(withValidation(), pane.variants()[1]);
    QVERIFY(on.training.earlyStopping);
    QCOMPARE(on.training.earlyStopping->monitor, std::string("val_data_loss"));
    QVERIFY(!applyVariant(withValidation(), pane.variants()[0]).training.earlyStopping);
}

void TestCompareSetup::setVariantsShowsTheKind() {
    const ExperimentSpec spec = defaultExperiment();
    CompareSetupPane pane(spec);
    pane.show();
    pane.setVariants(makeDropoutVariants(spec, {0.1, 0.4}), VariationKind::DropoutRate);
    auto *combo = pane.findChild<QComboBox *>(QStringLiteral("compareWhat"));
    QCOMPARE(combo->currentText(), QStringLiteral("Dropout rate"));
    QCOMPARE(pane.findChild<QLineEdit *>(QStringLiteral("compareValues"))->text(),
             QStringLiteral("0.1, 0.4"));
    QCOMPARE(pane.variants().size(), std::size_t(2)); // kept, not rebuilt from the setup
    pane.setVariants(makeModelSizeVariants(spec, tutorialModelSizes()), VariationKind::ModelSize);
    QCOMPARE(combo->currentText(), QStringLiteral("Model size"));
    QVERIFY(pane.findChild<QCheckBox *>(QStringLiteral("comparePresets"))->isChecked());
    QCOMPARE(pane.displayLabels().first(), QStringLiteral("Tiny (16)"));
}

QTEST_MAIN(TestCompareSetup)
#include "tst_compare_setup.moc"
