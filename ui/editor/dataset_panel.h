// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where the data comes from (built-in set, IDX files, CSV file), its knobs (noise, test and
// validation shares, training-set size, label noise: sliders with typed values), a
// Regenerate button, and a preview of what was loaded.

#include "core/data/dataset.h"

#include <QString>
#include <QWidget>

#include <memory>

class QComboBox;
class QCustomPlot;
class QPushButton;
class QLabel;
class QStackedWidget;

namespace reglab::ui {

class ExperimentDocument;
class NumberBox;
class NumberSlider;

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(ExperimentDocument *doc, QWidget *parent = nullptr);

    /// Picks a source as the combo box does: a built-in name edits the document; "idx",
    /// "csv" and "npz" ask for the files with dialogs (and change nothing when cancelled).
    void chooseSource(const QString &source);
    /// Uses these IDX files (no dialog). Paths are stored relative to the experiment
    /// file's folder when the document has a file, absolute otherwise.
    void chooseIdxFiles(const QString &images, const QString &labels);
    /// Uses this CSV file with `target` as the label/target column (no dialog), and
    /// `testPath` as its separate test file (empty: the test part is split off).
    void chooseCsvFile(const QString &path, const QString &target, const QString &testPath = {});
    /// Uses this .npz file (x_train, y_train, x_test, y_test; no dialog).
    void chooseNpzFile(const QString &path);

    /// Shows a preview and a one-line summary of the loaded data (null: none loaded).
    /// Clears a previous error.
    void setDataset(std::shared_ptr<const reglab::Dataset> dataset);
    /// Shows why loading failed, in red, in place of the preview and summary (an empty
    /// message hides it). The panel never shows an error and a preview together.
    void setError(const QString &message);

    /// "spiral · 150 train / 150 test · 2 classes" (also validation, "regression", image size).
    static QString summaryText(const reglab::Dataset &dataset);

    /// Draws the data again: the experiment's seed + 1 (one undo step). See the button's
    /// tool tip for why it is the experiment's seed and not a data seed of its own.
    void regenerate();
    QPushButton *regenerateButton() const { return m_regenerate; }
    /// The training samples before dataset.train_size, as last loaded (0: not known yet):
    /// the right end of the training-set-size slider.
    int fullTrainSize() const { return m_fullTrain; }

private:
    void syncFromSpec();
    QString storedPath(const QString &path) const;
    void showScatter(const reglab::Dataset &dataset);
    void showImages(const reglab::Dataset &dataset);

    ExperimentDocument *m_doc = nullptr;
    QComboBox *m_source = nullptr;
    NumberBox *m_samples = nullptr;
    NumberSlider *m_noise = nullptr;
    NumberSlider *m_testFraction = nullptr;
    NumberSlider *m_validation = nullptr;
    NumberSlider *m_trainSize = nullptr;
    NumberSlider *m_labelNoise = nullptr;
    QPushButton *m_regenerate = nullptr;
    int m_fullTrain = 0;
    NumberBox *m_limit = nullptr;
    QLabel *m_description = nullptr;
    QLabel *m_files = nullptr;
    QLabel *m_error = nullptr;
    QLabel *m_summary = nullptr;
    QStackedWidget *m_preview = nullptr;
    QCustomPlot *m_scatter = nullptr;
    QLabel *m_images = nullptr;
    QLabel *m_placeholder = nullptr;
    QLabel *m_caption = nullptr;
    std::shared_ptr<const reglab::Dataset> m_data;
};

} // namespace reglab::ui
