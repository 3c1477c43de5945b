// SPDX-License-Identifier: GPL-3.0-or-later
// The data panel: its controls edit the document (undoably) and follow it; the preview
// and summary describe the loaded data; errors show in red.

#include "ui/editor/dataset_panel.h"
#include "ui/experiment_document.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

using namespace reglab;
using namespace reglab::ui;

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
    auto *samples = child<QSpinBox>(&panel, "samplesSpin");
    auto *noise = child<QDoubleSpinBox>(&panel, "noiseSpin");
    auto *fraction = child<QDoubleSpinBox>(&panel, "testFractionSpin");
    samples->setValue(400);
    samples->setValue(450);
    QCOMPARE(doc.spec().dataset.samples, 450);
    QCOMPARE(doc.undoStack()->count(), 1); // one merged step
    noise->setValue(0.4);
    QCOMPARE(doc.spec().dataset.noise, 0.4);
    fraction->setValue(0.3);
    QCOMPARE(doc.spec().dataset.testFraction, 0.3);
    doc.undoStack()->undo();
    QCOMPARE(doc.spec().dataset.samples, samplesBefore);
    QCOMPARE(samples->value(), samplesBefore);
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
    QCOMPARE(child<QSpinBox>(&panel, "samplesSpin")->value(), 123);
    QCOMPARE(child<QDoubleSpinBox>(&panel, "noiseSpin")->value(), 0.75);
    QCOMPARE(child<QDoubleSpinBox>(&panel, "testFractionSpin")->value(), 0.35);
    // Following the document is not an edit.
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestDatasetPanel::syntheticOnlyControls() {
    ExperimentDocument doc;
    DatasetPanel panel(&doc);
    auto *samples = child<QSpinBox>(&panel, "samplesSpin");
    auto *limit = child<QSpinBox>(&panel, "limitSpin");
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

QTEST_MAIN(TestDatasetPanel)
#include "tst_dataset_panel.moc"
