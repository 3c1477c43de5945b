// SPDX-License-Identifier: GPL-3.0-or-later
// The data panel: its controls edit the document (undoably) and follow it; the preview
// and summary describe the loaded data; errors show in red.

#include "support/number_entry.h"
#include "ui/editor/dataset_panel.h"
#include "ui/editor/number_box.h"
#include "ui/editor/number_slider.h"
#include "ui/experiment_document.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::typeAndCommit;

namespace {

std::shared_ptr<Dataset> planarSet(TaskKind task = TaskKind::Classification) {
    auto d = std::make_shared<Dataset>();
    d->name = task == TaskKind::Classification ? "spiral" : "plane";
    d->task = task;
    if (task == TaskKind::Classification) {
        d->numClasses = 2;
        d->classNames = {"arm A", "arm B"};
    }
    d->trainX = MatrixF::Random(2, 6);
    d->trainY = MatrixF(1, 6);
    d->trainY << 0, 1, 0, 1, 0, 1;
    d->testX = MatrixF::Random(2, 4);
    d->testY = MatrixF(1, 4);
    d->testY << 1, 1, 0, 0;
    return d;
}

std::shared_ptr<Dataset> imageSet() {
    auto d = std::make_shared<Dataset>();
    d->name = "digits";
    d->numClasses = 10;
    for (int c = 0; c < 10; ++c)
        d->classNames.push_back(std::to_string(c));
    d->imageWidth = 3;
    d->imageHeight = 3;
    d->trainX = MatrixF::Constant(9, 5, 0.5f);
    d->trainY = MatrixF(1, 5);
    d->trainY << 0, 1, 2, 3, 4;
    d->testX = MatrixF::Zero(9, 2);
    d->testY = MatrixF::Zero(1, 2);
    return d;
}

template<typename T>
T *child(QWidget *parent, const char *name) {
    T *widget = parent->findChild<T *>(QString::fromLatin1(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

double fieldOf(const DatasetSpec &d, const QString &field) {
    if (field == QLatin1String("samplesSpin"))
        return d.samples;
    if (field == QLatin1String("noiseSpin"))
        return d.noise;
    if (field == QLatin1String("testFractionSpin"))
        return d.testFraction;
    if (field == QLatin1String("validationSpin"))
        return d.validationFraction;
    if (field == QLatin1String("trainSizeSpin"))
        return d.trainSize ? *d.trainSize : 0.0;
    if (field == QLatin1String("labelNoiseSpin"))
        return d.labelNoise;
    return d.limit;
}

} // namespace

class TestDatasetPanel : public QObject {
    Q_OBJECT
private slots:
    void comboListsSources();
    void chooseBuiltinIsUndoable();
    void unknownSourceChangesNothing();
    void spinBoxesEditAndMerge();
    void controlsFollowTheDocument();
    void syntheticOnlyControls();
    void csvAndIdxFiles();
    void summaryText_data();
    void summaryText();
    void scatterPreview();
    void imagePreview();
    void errorShownAndCleared();
    void typedValues_data();
    void typedValues();
    void slidersEditTheSpec();
    void trainSizeSliderEndsAtAll();
    void regenerateDrawsTheNextSeed();
    void labelNoiseIsForClassification();
};

void TestDatasetPanel::comboListsSources() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *combo = child<QComboBox>(&panel, "sourceCombo");
    auto *model = qobject_cast<QStandardItemModel *>(combo->model());
    QVERIFY(model);
    for (const BuiltinDataset &b : builtinDatasets()) {
        const int row = combo->findData(QString::fromStdString(b.name));
        QVERIFY2(row >= 0, b.name.c_str());
        QCOMPARE(model->item(row)->isEnabled(), b.available);
        if (!b.available) // the tooltip says how to install it
            QCOMPARE(combo->itemData(row, Qt::ToolTipRole).toString(),
                     QString::fromStdString(b.note));
    }
    QVERIFY(combo->findData(QStringLiteral("idx")) >= 0);
    QVERIFY(combo->findData(QStringLiteral("csv")) >= 0);
    // the default spec's source
    QCOMPARE(combo->currentData().toString(),
             QString::fromStdString(defaultExperiment().dataset.source));
}

void TestDatasetPanel::chooseBuiltinIsUndoable() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *combo = child<QComboBox>(&panel, "sourceCombo");
    const std::string initial = doc.spec().dataset.source;
    QVERIFY(initial != "circle");
    panel.chooseSource(QStringLiteral("circle"));
    QCOMPARE(doc.spec().dataset.source, std::string("circle"));
    QCOMPARE(combo->currentData().toString(), QStringLiteral("circle"));
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().dataset.source, initial);
    QCOMPARE(combo->currentData().toString(), QString::fromStdString(initial));
}

void TestDatasetPanel::unknownSourceChangesNothing() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    panel.chooseSource(QStringLiteral("no-such-set"));
    QCOMPARE(doc.undoStack()->count(), 0);
    QCOMPARE(doc.spec().dataset.source, defaultExperiment().dataset.source);
}

void TestDatasetPanel::spinBoxesEditAndMerge() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    const int samplesBefore = doc.spec().dataset.samples;
    auto *samples = child<NumberBox>(&panel, "samplesSpin");
    auto *noise = child<NumberBox>(&panel, "noiseSpin");
    auto *fraction = child<NumberBox>(&panel, "testFractionSpin");
    samples->setValue(400);
    samples->setValue(450);
    QCOMPARE(doc.spec().dataset.samples, 450);
    QCOMPARE(doc.undoStack()->count(), 1); // one merged step
    noise->setValue(0.4);
    QCOMPARE(doc.spec().dataset.noise, 0.4);
    fraction->setValue(0.3);
    QCOMPARE(doc.spec().dataset.testFraction, 0.3);
    QCOMPARE(doc.undoStack()->count(), 3); // one step per field
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().dataset.samples, samplesBefore);
    QCOMPARE(samples->intValue(), samplesBefore);
}

void TestDatasetPanel::controlsFollowTheDocument() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    ExperimentSpec spec = doc.spec();
    spec.dataset.source = "xor";
    spec.dataset.samples = 123;
    spec.dataset.noise = 0.75;
    spec.dataset.testFraction = 0.35;
    doc.load(spec);
    QCOMPARE(child<QComboBox>(&panel, "sourceCombo")->currentData().toString(),
             QStringLiteral("xor"));
    QCOMPARE(child<NumberBox>(&panel, "samplesSpin")->intValue(), 123);
    QCOMPARE(child<NumberBox>(&panel, "noiseSpin")->value(), 0.75);
    QCOMPARE(child<NumberBox>(&panel, "testFractionSpin")->value(), 0.35);
    // Following the document is not an edit.
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestDatasetPanel::syntheticOnlyControls() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *samples = child<NumberBox>(&panel, "samplesSpin");
    auto *limit = child<NumberBox>(&panel, "limitSpin");
    QVERIFY(samples->isEnabled());
    QVERIFY(!limit->isEnabled());
    panel.chooseSource(QStringLiteral("mnist-10k"));
    QVERIFY(!samples->isEnabled());
    QVERIFY(limit->isEnabled());
    limit->setValue(2000);
    QCOMPARE(doc.spec().dataset.limit, 2000);
}

void TestDatasetPanel::csvAndIdxFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    // Without an experiment file: absolute paths.
    panel.chooseCsvFile(dir.filePath(QStringLiteral("data.csv")), QStringLiteral("label"));
    QCOMPARE(doc.spec().dataset.source, std::string("csv"));
    QCOMPARE(QString::fromStdString(doc.spec().dataset.path),
             QFileInfo(dir.filePath(QStringLiteral("data.csv"))).absoluteFilePath());
    QCOMPARE(doc.spec().dataset.target, std::string("label"));
    QCOMPARE(child<QComboBox>(&panel, "sourceCombo")->currentData().toString(),
             QStringLiteral("csv"));
    QVERIFY(child<QLabel>(&panel, "filesLabel")->text().contains(QStringLiteral("data.csv")));

    // With an experiment file: relative to its folder.
    doc.setFilePath(dir.filePath(QStringLiteral("exp.reglab.json")));
    panel.chooseIdxFiles(dir.filePath(QStringLiteral("idx/images.gz")),
                         dir.filePath(QStringLiteral("idx/labels.gz")));
    QCOMPARE(doc.spec().dataset.source, std::string("idx"));
    QCOMPARE(doc.spec().dataset.images, std::string("idx/images.gz"));
    QCOMPARE(doc.spec().dataset.labels, std::string("idx/labels.gz"));
    QCOMPARE(doc.undoStack()->count(), 2);

    // A CSV file with its own test file; then an .npz (which has no target or test file).
    panel.chooseCsvFile(dir.filePath(QStringLiteral("train.csv")), QStringLiteral("y"),
                        dir.filePath(QStringLiteral("test.csv")));
    QCOMPARE(doc.spec().dataset.path, std::string("train.csv"));
    QCOMPARE(doc.spec().dataset.testPath, std::string("test.csv"));
    QVERIFY(child<QLabel>(&panel, "filesLabel")
                ->text()
                .contains(QStringLiteral("Test file: test.csv")));
    panel.chooseNpzFile(dir.filePath(QStringLiteral("export/data.npz")));
    QCOMPARE(doc.spec().dataset.source, std::string("npz"));
    QCOMPARE(doc.spec().dataset.path, std::string("export/data.npz"));
    QVERIFY(doc.spec().dataset.testPath.empty());
    QVERIFY(doc.spec().dataset.target.empty());
    QCOMPARE(child<QComboBox>(&panel, "sourceCombo")->currentData().toString(),
             QStringLiteral("npz"));
    QVERIFY(child<QLabel>(&panel, "filesLabel")->text().contains(QStringLiteral("data.npz")));
    QCOMPARE(doc.undoStack()->count(), 4);
}

void TestDatasetPanel::summaryText_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("classification") << 0 << "spiral · 6 train / 4 test · 2 classes";
    QTest::newRow("regression") << 1 << "plane · 6 train / 4 test · regression";
    QTest::newRow("images") << 2 << "digits · 5 train / 2 test · 10 classes · 3×3 images";
}

void TestDatasetPanel::summaryText() {
    QFETCH(int, kind);
    QFETCH(QString, expected);
    const auto data = kind == 0   ? planarSet()
                      : kind == 1 ? planarSet(TaskKind::Regression)
                                  : imageSet();
    QCOMPARE(DatasetPanel::summaryText(*data), expected);
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    panel.setDataset(data);
    QCOMPARE(child<QLabel>(&panel, "summaryLabel")->text(), expected);
}

void TestDatasetPanel::scatterPreview() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *stack = child<QStackedWidget>(&panel, "previewStack");
    auto *plot = child<QCustomPlot>(&panel, "previewPlot");
    QVERIFY(stack->currentWidget() != plot); // nothing loaded yet
    panel.setDataset(planarSet());
    QCOMPARE(stack->currentWidget(), plot);
    // Train / test graph per class: 3 + 2 points of class 0, 3 + 2 of class 1.
    QCOMPARE(plot->graphCount(), 4);
    QCOMPARE(plot->graph(0)->dataCount(), 3);
    QCOMPARE(plot->graph(1)->dataCount(), 2);
    QCOMPARE(plot->graph(2)->dataCount(), 3);
    QCOMPARE(plot->graph(3)->dataCount(), 2);
    panel.setDataset(nullptr);
    QVERIFY(stack->currentWidget() != plot);
    QVERIFY(child<QLabel>(&panel, "summaryLabel")->text().isEmpty());
}

void TestDatasetPanel::imagePreview() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    panel.setDataset(imageSet());
    auto *grid = child<QLabel>(&panel, "imageGrid");
    QCOMPARE(child<QStackedWidget>(&panel, "previewStack")->currentWidget(), grid);
    QVERIFY(!grid->pixmap().isNull());
    QVERIFY(child<QLabel>(&panel, "captionLabel")->text().contains(QStringLiteral("5")));
}

void TestDatasetPanel::errorShownAndCleared() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *error = child<QLabel>(&panel, "errorLabel");
    QVERIFY(!error->isVisibleTo(&panel));
    panel.setError(QStringLiteral("data.csv: target: no column \"y\""));
    QVERIFY(error->isVisibleTo(&panel));
    QCOMPARE(error->text(), QStringLiteral("data.csv: target: no column \"y\""));
    QVERIFY(error->styleSheet().contains(QStringLiteral("color")));
    panel.setDataset(planarSet()); // a successful load clears it
    QVERIFY(!error->isVisibleTo(&panel));
    panel.setError(QStringLiteral("x"));
    panel.setError(QString());
    QVERIFY(!error->isVisibleTo(&panel));
}

void TestDatasetPanel::typedValues_data() {
    reglab::test::addTypedValueColumns();
    // A csv source with limit 100, samples 100, noise 0.35, test fraction 0.5.
    QTest::newRow("samples_ok") << "samplesSpin"
                                << "250" << true << 250.0 << "";
    QTest::newRow("samples_decimal_comma") << "samplesSpin"
                                           << "2,5" << false << 100.0 << "not a whole number";
    QTest::newRow("samples_negative") << "samplesSpin"
                                      << "-5" << false << 100.0 << "Allowed: 4 to 1000000.";
    QTest::newRow("samples_zero") << "samplesSpin"
                                  << "0" << false << 100.0 << "Allowed: 4 to 1000000.";
    QTest::newRow("samples_over_range") << "samplesSpin"
                                        << "2000000" << false << 100.0 << "Allowed: 4 to 1000000.";
    QTest::newRow("noise_decimal_comma") << "noiseSpin"
                                         << "0,5" << true << 0.5 << "";
    QTest::newRow("noise_zero") << "noiseSpin"
                                << "0" << true << 0.0 << "";
    QTest::newRow("noise_negative") << "noiseSpin"
                                    << "-0,1" << false << 0.35 << "Allowed: 0 to 10.";
    QTest::newRow("noise_over_range") << "noiseSpin"
                                      << "11" << false << 0.35 << "Allowed: 0 to 10.";
    QTest::newRow("noise_garbage") << "noiseSpin"
                                   << "lots" << false << 0.35 << "not a number";
    QTest::newRow("fraction_decimal_comma") << "testFractionSpin"
                                            << "0,3" << true << 0.3 << "";
    QTest::newRow("fraction_zero")
        << "testFractionSpin"
        << "0" << false << 0.5 << "Allowed: more than 0 and less than 1.";
    QTest::newRow("fraction_negative")
        << "testFractionSpin"
        << "-0.2" << false << 0.5 << "Allowed: more than 0 and less than 1.";
    QTest::newRow("fraction_over_range")
        << "testFractionSpin"
        << "1" << false << 0.5 << "Allowed: more than 0 and less than 1.";
    QTest::newRow("validation_ok") << "validationSpin"
                                   << "0,25" << true << 0.25 << "";
    QTest::newRow("validation_one") << "validationSpin"
                                    << "1" << false << 0.0 << "Allowed: 0 or more, less than 1.";
    QTest::newRow("train_size_ok") << "trainSizeSpin"
                                   << "40" << true << 40.0 << "";
    QTest::newRow("train_size_negative") << "trainSizeSpin"
                                         << "-3" << false << 0.0 << "Allowed: 0 to 1000000.";
    QTest::newRow("train_size_decimal") << "trainSizeSpin"
                                        << "4.5" << false << 0.0 << "not a whole number";
    QTest::newRow("label_noise_ok") << "labelNoiseSpin"
                                    << "0,1" << true << 0.1 << "";
    QTest::newRow("label_noise_over") << "labelNoiseSpin"
                                      << "1.5" << false << 0.0 << "Allowed: 0 to 1.";
    QTest::newRow("limit_ok") << "limitSpin"
                              << "2000" << true << 2000.0 << "";
    QTest::newRow("limit_zero_is_all") << "limitSpin"
                                       << "0" << true << 0.0 << "";
    QTest::newRow("limit_all") << "limitSpin"
                               << "all" << true << 0.0 << "";
    QTest::newRow("limit_negative") << "limitSpin"
                                    << "-1" << false << 100.0 << "Allowed: 0 to 1000000.";
    QTest::newRow("limit_over_range") << "limitSpin"
                                      << "5000000" << false << 100.0 << "Allowed: 0 to 1000000.";
    QTest::newRow("limit_decimal_comma") << "limitSpin"
                                         << "1,5" << false << 100.0 << "not a whole number";
}

void TestDatasetPanel::typedValues() {
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(double, value);
    QFETCH(QString, message);
    ExperimentDocument doc;
    ExperimentSpec spec = doc.spec();
    spec.dataset.limit = 100;
    doc.load(spec);
    DatasetPanel panel(&doc);
    panel.resize(360, 700);
    panel.show();
    if (field == QLatin1String("limitSpin")) // the limit applies to files and image sets
        doc.edit("csv", [](ExperimentSpec &s) { s.dataset.source = "csv"; });
    auto *box = child<NumberBox>(&panel, qPrintable(field));
    QVERIFY(box->isEnabled());
    const int commands = doc.undoStack()->count();
    typeAndCommit(box, text);
    QCOMPARE(fieldOf(doc.spec().dataset, field), value);
    QCOMPARE(doc.undoStack()->count(), commands + (accepted ? 1 : 0));
    reglab::test::verifyMessage(
        box, accepted, message,
        child<QLabel>(&panel, qPrintable(field + QStringLiteral("Message"))));
}

void TestDatasetPanel::slidersEditTheSpec() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *noise = child<NumberSlider>(&panel, "noiseSpinSlider");
    auto *validation = child<NumberSlider>(&panel, "validationSpinSlider");
    auto *labelNoise = child<NumberSlider>(&panel, "labelNoiseSpinSlider");
    auto *fraction = child<NumberSlider>(&panel, "testFractionSpinSlider");
    // Slider positions map linearly onto the slider's span: noise 0..1 in 20 steps.
    noise->slider()->setValue(9);
    QCOMPARE(doc.spec().dataset.noise, 0.45);
    QCOMPARE(noise->box()->value(), 0.45);
    validation->slider()->setValue(4); // 0..0.5 in 10 steps
    QCOMPARE(doc.spec().dataset.validationFraction, 0.2);
    labelNoise->slider()->setValue(3); // 0..0.5 in 20 steps
    QCOMPARE(doc.spec().dataset.labelNoise, 0.075);
    fraction->slider()->setValue(17); // 0.05..0.9 in 17 steps
    QCOMPARE(doc.spec().dataset.testFraction, 0.9);
    QCOMPARE(doc.undoStack()->count(), 4);
    // A typed value beyond the slider's span pins the handle to its end.
    noise->box()->setValue(3.0);
    QCOMPARE(doc.spec().dataset.noise, 3.0);
    QCOMPARE(noise->slider()->value(), noise->slider()->maximum());
    // The document drives the sliders back (undo).
    doc.undoStack()->undo();
    QCOMPARE(noise->slider()->value(), 9);
    doc.undoStack()->undo();
    QCOMPARE(fraction->box()->value(), defaultExperiment().dataset.testFraction);
}

void TestDatasetPanel::trainSizeSliderEndsAtAll() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *size = child<NumberSlider>(&panel, "trainSizeSpinSlider");
    QVERIFY(!size->slider()->isEnabled()); // nothing loaded: the full size is not known
    const auto data = planarSet();
    const int full = int(data->trainSize());
    QVERIFY(full > 3);
    panel.setDataset(data);
    QCOMPARE(panel.fullTrainSize(), full);
    QVERIFY(size->slider()->isEnabled());
    QCOMPARE(size->slider()->value(), size->slider()->maximum());
    QCOMPARE(size->box()->text(), QStringLiteral("all"));
    size->slider()->setValue(0); // the left end: 1 sample
    QCOMPARE(doc.spec().dataset.trainSize, std::optional<int>(1));
    size->slider()->setValue(size->slider()->maximum()); // the right end: every sample
    QVERIFY(!doc.spec().dataset.trainSize.has_value());
    // Loading the smaller set keeps the full size known.
    doc.edit("size", [](ExperimentSpec &s) { s.dataset.trainSize = 3; });
    panel.setDataset(planarSet());
    QCOMPARE(panel.fullTrainSize(), full);
    QCOMPARE(size->box()->value(), 3.0);
    // Another source forgets it until the new data loads.
    doc.edit("source", [](ExperimentSpec &s) { s.dataset.source = "circle"; });
    QCOMPARE(panel.fullTrainSize(), 0);
}

void TestDatasetPanel::regenerateDrawsTheNextSeed() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    const ExperimentSpec before = doc.spec();
    QVERIFY(!panel.regenerateButton()->toolTip().isEmpty());
    panel.regenerateButton()->click();
    QCOMPARE(doc.spec().seed, before.seed + 1);
    ExperimentSpec expected = before;
    expected.seed = before.seed + 1;
    QVERIFY(doc.spec() == expected);                               // nothing else changes
    QVERIFY(ExperimentDocument::needsRebuild(before, doc.spec())); // new data is drawn
    panel.regenerateButton()->click();
    QCOMPARE(doc.spec().seed, before.seed + 2);
    QCOMPARE(doc.undoStack()->count(), 2);
    doc.undoStack()->undo();
    doc.undoStack()->undo();
    QVERIFY(doc.spec() == before);
}

void TestDatasetPanel::labelNoiseIsForClassification() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *labelNoise = child<NumberSlider>(&panel, "labelNoiseSpinSlider");
    QVERIFY(labelNoise->isEnabled());
    doc.edit("mse", [](ExperimentSpec &s) { s.loss = LossKind::MeanSquaredError; });
    QVERIFY(!labelNoise->isEnabled());
}

QTEST_MAIN(TestDatasetPanel)
#include "tst_dataset_panel.moc"
