// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/editor/dataset_panel.h"

#include "core/data/synthetic.h"
#include "ui/dataset_text.h"
#include "ui/editor/number_box.h"
#include "ui/editor/number_slider.h"
#include "ui/experiment_document.h"
#include "ui/plots/plot_export.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace reglab::ui {

namespace {

const QString kIdx = QStringLiteral("idx");
const QString kCsv = QStringLiteral("csv");
const QString kNpz = QStringLiteral("npz");

/// Samples shown in the image preview grid.
constexpr int kPreviewColumns = 6;
constexpr int kPreviewRows = 3;

} // namespace

DatasetPanel::DatasetPanel(ExperimentDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_source = new QComboBox;
    m_source->setObjectName(QStringLiteral("sourceCombo"));
    auto *model = qobject_cast<QStandardItemModel *>(m_source->model());
    for (const BuiltinDataset &b : builtinDatasets()) {
        const QString name = QString::fromStdString(b.name);
        m_source->addItem(name, name);
        const int row = m_source->count() - 1;
        m_source->setItemData(row, datasetText(b.available ? b.description : b.note),
                              Qt::ToolTipRole);
        if (!b.available && model)
            model->item(row)->setEnabled(false);
    }
    m_source->insertSeparator(m_source->count());
    m_source->addItem(tr("IDX files…"), kIdx);
    m_source->setItemData(m_source->count() - 1, tr("MNIST-format image and label files"),
                          Qt::ToolTipRole);
    m_source->addItem(tr("CSV file…"), kCsv);
    m_source->setItemData(m_source->count() - 1,
                          tr("Numeric columns with a header row; one column is the target"),
                          Qt::ToolTipRole);
    m_source->addItem(tr("NumPy .npz file…"), kNpz);
    m_source->setItemData(m_source->count() - 1,
                          tr("Arrays x_train, y_train, x_test and y_test, as reglab-cli "
                             "export-code writes them in data.npz"),
                          Qt::ToolTipRole);
    form->addRow(tr("&Data set:"), m_source);

    // The core's ranges (ExperimentSpec::validate()); a limit has no upper bound there,
    // more than the largest set is "all" anyway.
    m_samples = new NumberBox(NumberBox::Kind::Whole);
    m_samples->setObjectName(QStringLiteral("samplesSpin"));
    m_samples->setRange(4, limits::kMaxSamples);
    m_samples->setSingleStep(50);
    m_samples->setToolTip(tr("Points generated for a synthetic 2-D set (train + test)"));
    form->addRow(tr("&Samples:"), m_samples->withMessageBelow());

    // Sliders over the useful part of each range; the boxes take the core's whole range.
    auto slider = [](NumberBox::Kind kind, double min, double max, int steps, const char *name,
                     const QString &toolTip) {
        auto *s = new NumberSlider(kind, min, max, steps);
        s->box()->setObjectName(QString::fromLatin1(name));
        s->messageLabel()->setObjectName(QString::fromLatin1(name) + QStringLiteral("Message"));
        s->setObjectName(QString::fromLatin1(name) + QStringLiteral("Slider"));
        s->setToolTip(toolTip);
        s->box()->setToolTip(toolTip);
        return s;
    };
    m_noise = slider(NumberBox::Kind::Decimal, 0.0, 1.0, 20, "noiseSpin",
                     tr("Noise added to a synthetic set: more noise, more to overfit (the slider "
                        "goes to 1, type up to 10)"));
    m_noise->box()->setRange(0.0, 10.0);
    m_noise->box()->setSingleStep(0.05);
    form->addRow(tr("&Noise:"), m_noise);

    m_testFraction = slider(NumberBox::Kind::Decimal, 0.05, 0.9, 17, "testFractionSpin",
                            tr("Share of the samples held out for testing"));
    m_testFraction->box()->setRange({0.0, 1.0, true, true});
    m_testFraction->box()->setSingleStep(0.05);
    form->addRow(tr("&Test fraction:"), m_testFraction);

    m_validation = slider(NumberBox::Kind::Decimal, 0.0, 0.5, 10, "validationSpin",
                          tr("Share of the training part held out as a validation set (0: none): "
                             "choose λ or stop early on it, and keep the test set for the final "
                             "check. Validation labels stay clean."));
    m_validation->box()->setRange({0.0, 1.0, false, true});
    m_validation->box()->setSingleStep(0.05);
    form->addRow(tr("&Validation:"), m_validation);

    m_trainSize = slider(NumberBox::Kind::Whole, 1, 1, 100, "trainSizeSpin",
                         tr("Train on this many of the training samples (all: every one); the "
                            "test set stays as it is. Less data, more overfitting."));
    m_trainSize->box()->setRange(0, limits::kMaxSamples);
    m_trainSize->box()->setSpecialValue(0, tr("all"));
    m_trainSize->box()->setSingleStep(10);
    form->addRow(tr("T&raining samples:"), m_trainSize);

    m_labelNoise = slider(NumberBox::Kind::Decimal, 0.0, 0.5, 20, "labelNoiseSpin",
                          tr("Share of training labels replaced by a different class, chosen "
                             "under the seed (exactly that many); test and validation labels "
                             "stay clean"));
    m_labelNoise->box()->setRange(0.0, 1.0);
    m_labelNoise->box()->setSingleStep(0.05);
    form->addRow(tr("&Label noise:"), m_labelNoise);

    m_limit = new NumberBox(NumberBox::Kind::Whole);
    m_limit->setObjectName(QStringLiteral("limitSpin"));
    m_limit->setRange(0, limits::kMaxSamples);
    m_limit->setSingleStep(500);
    m_limit->setSpecialValue(0, tr("all"));
    m_limit->setToolTip(tr("Use at most this many samples of a file or image set (0: all)"));
    form->addRow(tr("&Use at most:"), m_limit->withMessageBelow());

    m_regenerate = new QPushButton(tr("Re&generate"));
    m_regenerate->setObjectName(QStringLiteral("regenerateButton"));
    m_regenerate->setToolTip(
        tr("Draws the data again with the next seed (the run bar's Seed + 1): new samples, split "
           "and label noise. One seed drives everything, so the initial weights and the batch "
           "order change too and the run restarts. Undo brings the old data back."));
    form->addRow(QString(), m_regenerate);
    layout->addLayout(form);

    m_description = new QLabel;
    m_description->setObjectName(QStringLiteral("descriptionLabel"));
    m_description->setWordWrap(true);
    m_description->setStyleSheet(QStringLiteral("color: #6a7078;"));
    layout->addWidget(m_description);

    m_files = new QLabel;
    m_files->setObjectName(QStringLiteral("filesLabel"));
    m_files->setWordWrap(true);
    m_files->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_files);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_error->setVisible(false);
    layout->addWidget(m_error);

    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    layout->addWidget(m_summary);

    m_caption = new QLabel;
    m_caption->setObjectName(QStringLiteral("captionLabel"));
    m_caption->setWordWrap(true);
    m_caption->setStyleSheet(QStringLiteral("color: #6a7078;"));
    layout->addWidget(m_caption);

    m_preview = new QStackedWidget;
    m_preview->setObjectName(QStringLiteral("previewStack"));
    m_scatter = new QCustomPlot;
    m_scatter->setObjectName(QStringLiteral("previewPlot"));
    applyPlotStyle(m_scatter);
    m_scatter->plotLayout()->setMargins(QMargins(0, 0, 0, 0));
    m_scatter->setMinimumHeight(200);
    m_images = new QLabel;
    m_images->setObjectName(QStringLiteral("imageGrid"));
    m_images->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    m_placeholder = new QLabel(tr("No data loaded"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setStyleSheet(QStringLiteral("color: #6a7078;"));
    m_preview->addWidget(m_scatter);
    m_preview->addWidget(m_images);
    m_preview->addWidget(m_placeholder);
    m_preview->setCurrentWidget(m_placeholder);
    layout->addWidget(m_preview, 1);

    connect(m_source, &QComboBox::activated, this,
            [this](int index) { chooseSource(m_source->itemData(index).toString()); });
    // One merge scope per field: typing samples, then noise, is two undo steps.
    connect(m_samples, &NumberBox::valueChanged, this, [this](double value) {
        m_doc->edit(
            tr("Change samples"), [value](ExperimentSpec &s) { s.dataset.samples = int(value); },
            ExperimentDocument::MergeDataset, 0);
    });
    connect(m_noise, &NumberSlider::valueChanged, this, [this](double value) {
        m_doc->edit(
            tr("Change noise"), [value](ExperimentSpec &s) { s.dataset.noise = value; },
            ExperimentDocument::MergeDataset, 1);
    });
    connect(m_testFraction, &NumberSlider::valueChanged, this, [this](double value) {
        m_doc->edit(
            tr("Change test fraction"),
            [value](ExperimentSpec &s) { s.dataset.testFraction = value; },
            ExperimentDocument::MergeDataset, 2);
    });
    connect(m_validation, &NumberSlider::valueChanged, this, [this](double value) {
        m_doc->edit(
            tr("Change validation share"),
            [value](ExperimentSpec &s) { s.dataset.validationFraction = value; },
            ExperimentDocument::MergeDataset, 4);
    });
    connect(m_trainSize, &NumberSlider::valueChanged, this, [this](double value) {
        // 0 ("all") and the slider's right end both mean every training sample.
        const bool all = value <= 0.0 || (m_fullTrain > 0 && int(value) >= m_fullTrain);
        m_doc->edit(
            tr("Change training samples"),
            [value, all](ExperimentSpec &s) {
                s.dataset.trainSize = all ? std::nullopt : std::optional<int>(int(value));
            },
            ExperimentDocument::MergeDataset, 5);
    });
    connect(m_labelNoise, &NumberSlider::valueChanged, this, [this](double value) {
        m_doc->edit(
            tr("Change label noise"), [value](ExperimentSpec &s) { s.dataset.labelNoise = value; },
            ExperimentDocument::MergeDataset, 6);
    });
    connect(m_regenerate, &QPushButton::clicked, this, &DatasetPanel::regenerate);
    connect(m_limit, &NumberBox::valueChanged, this, [this](double value) {
        m_doc->edit(
            tr("Change sample limit"), [value](ExperimentSpec &s) { s.dataset.limit = int(value); },
            ExperimentDocument::MergeDataset, 3);
    });
    connect(m_doc, &ExperimentDocument::specChanged, this,
            [this](const ExperimentSpec &before, const ExperimentSpec &after) {
                // Another source or split: the size before train_size is known again once the
                // new data has loaded.
                DatasetSpec a = before.dataset, b = after.dataset;
                a.trainSize = b.trainSize = std::nullopt;
                a.labelNoise = b.labelNoise = 0.0;
                if (!(a == b) || before.seed != after.seed)
                    m_fullTrain = 0;
                if (!(before.dataset == after.dataset) && m_error->isVisibleTo(this)) {
                    // The error was about the data before this change; the new data loads.
                    setError({});
                    m_placeholder->setText(tr("Loading…"));
                }
                syncFromSpec();
            });
    syncFromSpec();
}

void DatasetPanel::syncFromSpec() {
    const DatasetSpec &d = m_doc->spec().dataset;
    const QString source = QString::fromStdString(d.source);
    {
        const QSignalBlocker blockSource(m_source);
        const QSignalBlocker blockSamples(m_samples);
        const QSignalBlocker blockNoise(m_noise);
        const QSignalBlocker blockFraction(m_testFraction);
        const QSignalBlocker blockValidation(m_validation);
        const QSignalBlocker blockTrainSize(m_trainSize);
        const QSignalBlocker blockLabelNoise(m_labelNoise);
        const QSignalBlocker blockLimit(m_limit);
        m_source->setCurrentIndex(m_source->findData(source));
        m_samples->setValue(d.samples);
        m_noise->setValue(d.noise);
        m_testFraction->setValue(d.testFraction);
        m_validation->setValue(d.validationFraction);
        m_trainSize->setSliderRange(1, std::max(1, m_fullTrain));
        m_trainSize->setValue(d.trainSize ? double(*d.trainSize) : 0.0);
        if (!d.trainSize && m_fullTrain > 0) // "all" sits at the slider's right end
            m_trainSize->placeHandle(m_trainSize->slider()->maximum());
        m_labelNoise->setValue(d.labelNoise);
        m_limit->setValue(d.limit);
    }
    const bool synthetic = isSyntheticDataset(d.source);
    m_samples->setEnabled(synthetic);
    m_noise->setEnabled(synthetic);
    m_limit->setEnabled(!synthetic);
    m_trainSize->slider()->setEnabled(m_fullTrain > 1);
    const bool classification = m_doc->spec().task() == TaskKind::Classification;
    m_labelNoise->setEnabled(classification || d.labelNoise > 0.0);
    m_labelNoise->setToolTip(classification ? m_labelNoise->box()->toolTip()
                                            : tr("Label noise applies to classification only"));

    QString description;
    for (const BuiltinDataset &b : builtinDatasets()) {
        if (b.name == d.source)
            description = datasetText(b.description);
    }
    m_description->setText(description);
    m_description->setVisible(!description.isEmpty());

    QString files;
    if (source == kIdx) {
        files = tr("Images: %1\nLabels: %2")
                    .arg(QFileInfo(QString::fromStdString(d.images)).fileName(),
                         QFileInfo(QString::fromStdString(d.labels)).fileName());
        if (!d.testImages.empty())
            files += tr("\nTest images: %1\nTest labels: %2")
                         .arg(QFileInfo(QString::fromStdString(d.testImages)).fileName(),
                              QFileInfo(QString::fromStdString(d.testLabels)).fileName());
    } else if (source == kCsv) {
        files = tr("File: %1\nTarget column: %2")
                    .arg(QFileInfo(QString::fromStdString(d.path)).fileName(),
                         QString::fromStdString(d.target));
        if (!d.testPath.empty())
            files +=
                tr("\nTest file: %1").arg(QFileInfo(QString::fromStdString(d.testPath)).fileName());
    } else if (source == kNpz) {
        files = tr("File: %1 (x_train, y_train, x_test, y_test)")
                    .arg(QFileInfo(QString::fromStdString(d.path)).fileName());
    }
    m_files->setText(files);
    m_files->setVisible(!files.isEmpty());
}

QString DatasetPanel::storedPath(const QString &path) const {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (m_doc->filePath().isEmpty())
        return absolute;
    return QFileInfo(m_doc->filePath()).absoluteDir().relativeFilePath(absolute);
}

void DatasetPanel::chooseSource(const QString &source) {
    if (source == kIdx) {
        const QString images = QFileDialog::getOpenFileName(
            this, tr("Training images (IDX)"), {},
            tr("IDX files (*-ubyte *.idx *.gz *.idx3-ubyte);;All files (*)"));
        const QString labels =
            images.isEmpty() ? QString()
                             : QFileDialog::getOpenFileName(
                                 this, tr("Training labels (IDX)"), QFileInfo(images).path(),
                                 tr("IDX files (*-ubyte *.idx *.gz *.idx1-ubyte);;All files (*)"));
        if (images.isEmpty() || labels.isEmpty()) {
            syncFromSpec(); // cancelled: the combo shows the document's source again
            return;
        }
        chooseIdxFiles(images, labels);
        return;
    }
    if (source == kCsv) {
        const QString path = QFileDialog::getOpenFileName(this, tr("CSV data file"), {},
                                                          tr("CSV files (*.csv);;All files (*)"));
        if (path.isEmpty()) {
            syncFromSpec();
            return;
        }
        QFile file(path);
        QStringList columns;
        if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            const QString header = QString::fromUtf8(file.readLine(1 << 16)).trimmed();
            for (const QString &column : header.split(QLatin1Char(',')))
                columns << column.trimmed();
            columns.removeAll(QString());
        }
        if (columns.isEmpty()) {
            // Nothing changes: the loaded data stays, so this is no error of the panel's.
            QMessageBox::warning(this, tr("CSV data file"),
                                 tr("%1: no header row with column names").arg(path));
            syncFromSpec();
            return;
        }
        bool ok = false;
        const QString target = QInputDialog::getItem(this, tr("Target column"),
                                                     tr("Column holding the label or target:"),
                                                     columns, int(columns.size()) - 1, false, &ok);
        if (!ok || target.isEmpty()) {
            syncFromSpec();
            return;
        }
        // A separate test file with the same columns, or a split of this one.
        const auto answer = QMessageBox::question(
            this, tr("CSV test data"),
            tr("Is there a separate CSV file with the test samples (the same columns)?\n\n"
               "No: the test samples are held out from this file."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        QString testPath;
        if (answer == QMessageBox::Yes) {
            testPath =
                QFileDialog::getOpenFileName(this, tr("CSV test file"), QFileInfo(path).path(),
                                             tr("CSV files (*.csv);;All files (*)"));
            if (testPath.isEmpty()) {
                syncFromSpec();
                return;
            }
        }
        chooseCsvFile(path, target, testPath);
        return;
    }
    if (source == kNpz) {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("NumPy data file"), {}, tr("NumPy archives (*.npz);;All files (*)"));
        if (path.isEmpty()) {
            syncFromSpec();
            return;
        }
        chooseNpzFile(path);
        return;
    }
    for (const BuiltinDataset &b : builtinDatasets()) {
        if (QString::fromStdString(b.name) != source)
            continue;
        if (!b.available) {
            QMessageBox::warning(this, tr("Data set"), QString::fromStdString(b.note));
            syncFromSpec();
            return;
        }
        // The set's own noise and size (a spiral drawn with the moons' noise is no spiral);
        // one undo step with the switch.
        const std::string name = b.name;
        m_doc->edit(tr("Choose data set %1").arg(source), [name](ExperimentSpec &s) {
            s.dataset.source = name;
            applySyntheticDefaults(s.dataset);
        });
        return;
    }
    syncFromSpec(); // unknown name: nothing changes
}

void DatasetPanel::chooseIdxFiles(const QString &images, const QString &labels) {
    const std::string imagesPath = storedPath(images).toStdString();
    const std::string labelsPath = storedPath(labels).toStdString();
    m_doc->edit(tr("Choose IDX files"), [&](ExperimentSpec &s) {
        s.dataset.source = "idx";
        s.dataset.images = imagesPath;
        s.dataset.labels = labelsPath;
        s.dataset.testImages.clear();
        s.dataset.testLabels.clear();
    });
}

void DatasetPanel::chooseCsvFile(const QString &path, const QString &target,
                                 const QString &testPath) {
    const std::string csvPath = storedPath(path).toStdString();
    const std::string csvTestPath =
        testPath.isEmpty() ? std::string() : storedPath(testPath).toStdString();
    const std::string column = target.toStdString();
    m_doc->edit(tr("Choose CSV file"), [&](ExperimentSpec &s) {
        s.dataset.source = "csv";
        s.dataset.path = csvPath;
        s.dataset.testPath = csvTestPath;
        s.dataset.target = column;
    });
}

void DatasetPanel::chooseNpzFile(const QString &path) {
    const std::string npzPath = storedPath(path).toStdString();
    m_doc->edit(tr("Choose NumPy file"), [&](ExperimentSpec &s) {
        s.dataset.source = "npz";
        s.dataset.path = npzPath;
        s.dataset.testPath.clear();
        s.dataset.target.clear();
    });
}

void DatasetPanel::setError(const QString &message) {
    if (!message.isEmpty())
        setDataset(nullptr); // the data failed to load: no preview of data that is not there
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void DatasetPanel::regenerate() {
    m_doc->edit(tr("Regenerate data"), [](ExperimentSpec &s) {
        s.seed = s.seed >= std::uint64_t(9007199254740991) ? 0 : s.seed + 1; // the run bar's max
    });
}

QString DatasetPanel::summaryText(const Dataset &dataset) {
    QString text = dataset.validationSize() > 0 ? tr("%1 · %2 train / %3 validation / %4 test")
                                                      .arg(QString::fromStdString(dataset.name))
                                                      .arg(dataset.trainSize())
                                                      .arg(dataset.validationSize())
                                                      .arg(dataset.testSize())
                                                : tr("%1 · %2 train / %3 test")
                                                      .arg(QString::fromStdString(dataset.name))
                                                      .arg(dataset.trainSize())
                                                      .arg(dataset.testSize());
    if (dataset.task == TaskKind::Regression)
        text += tr(" · regression");
    else
        text += tr(" · %n classes", nullptr, dataset.numClasses);
    if (dataset.isImage())
        text += tr(" · %1×%2 images").arg(dataset.imageWidth).arg(dataset.imageHeight);
    return text;
}

void DatasetPanel::setDataset(std::shared_ptr<const Dataset> dataset) {
    m_data = std::move(dataset);
    if (m_data) {
        const auto &trainSize = m_doc->spec().dataset.trainSize;
        const int loaded = int(m_data->trainSize());
        if (!trainSize)
            m_fullTrain = loaded;
        else if (m_fullTrain < loaded)
            m_fullTrain = loaded; // at least this many; the exact count shows once it is "all"
        syncFromSpec();
    }
    if (!m_data) {
        m_summary->clear();
        m_caption->clear();
        m_placeholder->setText(tr("No data loaded"));
        m_preview->setCurrentWidget(m_placeholder);
        return;
    }
    setError({});
    m_summary->setText(summaryText(*m_data));
    if (m_data->isImage()
        && m_data->inputDim() == Index(m_data->imageWidth) * m_data->imageHeight) {
        showImages(*m_data);
    } else if (m_data->inputDim() == 2) {
        showScatter(*m_data);
    } else {
        m_placeholder->setText(
            tr("No preview for %n input features", nullptr, int(m_data->inputDim())));
        m_caption->clear();
        m_preview->setCurrentWidget(m_placeholder);
    }
}

void DatasetPanel::showScatter(const Dataset &dataset) {
    m_scatter->clearGraphs();
    const bool classes = dataset.task == TaskKind::Classification;
    const int groups = classes ? std::max(1, dataset.numClasses) : 1;
    std::vector<QCPGraph *> graphs;
    for (int g = 0; g < groups; ++g) {
        const QColor color = classes ? seriesColor(g) : QColor(0x3c, 0x40, 0x46);
        QCPGraph *train = m_scatter->addGraph();
        train->setLineStyle(QCPGraph::lsNone);
        train->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                               QPen(color.darker(130), 0.6), QBrush(color), 5));
        QCPGraph *test = m_scatter->addGraph();
        test->setLineStyle(QCPGraph::lsNone);
        test->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(color, 1.3), Qt::NoBrush, 6));
        graphs.push_back(train);
        graphs.push_back(test);
    }
    auto add = [&](const MatrixF &x, const MatrixF &y, int offset) {
        for (Index j = 0; j < x.cols(); ++j) {
            const int g = classes ? std::clamp(int(std::lround(y(0, j))), 0, groups - 1) : 0;
            graphs[std::size_t(2 * g + offset)]->addData(x(0, j), x(1, j));
        }
    };
    add(dataset.trainX, dataset.trainY, 0);
    add(dataset.testX, dataset.testY, 1);
    m_scatter->rescaleAxes();
    for (QCPAxis *axis : {m_scatter->xAxis, m_scatter->yAxis})
        axis->scaleRange(1.1, axis->range().center());
    m_scatter->replot(QCustomPlot::rpQueuedReplot);
    m_caption->setText(classes ? tr("● train   ○ test   colour = class") : tr("● train   ○ test"));
    m_preview->setCurrentWidget(m_scatter);
}

void DatasetPanel::showImages(const Dataset &dataset) {
    const int count = int(std::min<Index>(dataset.trainSize(), kPreviewColumns * kPreviewRows));
    const int w = dataset.imageWidth;
    const int h = dataset.imageHeight;
    // Each sample scaled to about 40 px, with its label underneath.
    const int cell = 40;
    const int labelHeight = 14;
    const int gap = 6;
    const int columns = std::min(kPreviewColumns, std::max(1, count));
    const int rows = (count + columns - 1) / std::max(1, columns);
    QPixmap grid(columns * (cell + gap), std::max(1, rows) * (cell + labelHeight + gap));
    grid.fill(Qt::transparent);
    QPainter painter(&grid);
    QFont font = this->font();
    font.setPointSizeF(8);
    painter.setFont(font);
    for (int i = 0; i < count; ++i) {
        QImage image(w, h, QImage::Format_Grayscale8);
        for (int r = 0; r < h; ++r) {
            uchar *line = image.scanLine(r);
            for (int c = 0; c < w; ++c) {
                const float v = std::clamp(dataset.trainX(Index(r) * w + c, i), 0.0f, 1.0f);
                line[c] = uchar(std::lround(255.0f * (1.0f - v))); // dark ink on white
            }
        }
        const int x = (i % columns) * (cell + gap) + gap / 2;
        const int y = (i / columns) * (cell + labelHeight + gap);
        const QRect target(x, y, cell, cell);
        painter.drawImage(target, image);
        painter.setPen(QColor(0xc8, 0xcc, 0xd2));
        painter.drawRect(target.adjusted(0, 0, -1, -1));
        QString label;
        if (dataset.task == TaskKind::Classification && dataset.trainY.rows() > 0) {
            const int c = int(std::lround(dataset.trainY(0, i)));
            label = c >= 0 && std::size_t(c) < dataset.classNames.size()
                        ? datasetText(dataset.classNames[std::size_t(c)])
                        : QString::number(c);
        }
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(x - gap / 2, y + cell, cell + gap, labelHeight),
                         Qt::AlignHCenter | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(label, Qt::ElideRight, cell + gap));
    }
    painter.end();
    m_images->setPixmap(grid);
    m_caption->setText(tr("The first %n training images with their labels", nullptr, count));
    m_preview->setCurrentWidget(m_images);
}

} // namespace reglab::ui
