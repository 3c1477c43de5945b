// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The run toolbar: Play/Pause, Step, Reset, the epoch counter and the training settings
// (optimizer, learning rate, batch size, epochs, L2 convention, seed, threads). Settings edit
// the document; the buttons only emit requests (the main window drives the controller).

#include "ui/editor/log_spin_box.h"

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;

namespace reglab::ui {

class ExperimentDocument;

class RunBar : public QToolBar {
    Q_OBJECT
public:
    explicit RunBar(ExperimentDocument *doc, QWidget *parent = nullptr);

    QAction *playAction() const { return m_play; }
    QAction *stepAction() const { return m_step; }
    QAction *resetAction() const { return m_reset; }

    /// Shows Pause while running, Play otherwise.
    void setRunning(bool running);
    bool isRunning() const { return m_running; }
    /// "Epoch 12 / 200" (the step count in the tool tip).
    void setProgress(int epoch, long long step, int targetEpochs);
    QString progressText() const;

    void setThreads(int threads);
    int threads() const;
    /// Shows Play's pace (one of TrainingController::paceChoices()).
    void setEpochsPerSecond(double epochs);
    QComboBox *speedCombo() const { return m_speed; }

    // For tests and keyboard users: the editors.
    QComboBox *optimizerCombo() const { return m_optimizer; }
    LogSpinBox *learningRateSpin() const { return m_learningRate; }
    NumberBox *batchSizeSpin() const { return m_batchSize; }
    NumberBox *epochsSpin() const { return m_epochs; }
    QComboBox *conventionCombo() const { return m_convention; }
    NumberBox *seedSpin() const { return m_seed; }
    NumberBox *threadsSpin() const { return m_threads; }

    /// The largest seed the box takes: every integer up to it is exact in a double.
    static constexpr double kMaxSeed = 9007199254740991.0; // 2^53 - 1

signals:
    void playRequested();
    void pauseRequested();
    void threadsChanged(int threads);
    void epochsPerSecondChanged(double epochs);

private:
    void syncFromSpec();
    QWidget *labelled(const QString &text, QWidget *editor, const QString &toolTip);

    ExperimentDocument *m_doc;
    QAction *m_play = nullptr;
    QAction *m_step = nullptr;
    QAction *m_reset = nullptr;
    QLabel *m_progress = nullptr;
    QComboBox *m_optimizer = nullptr;
    LogSpinBox *m_learningRate = nullptr;
    NumberBox *m_batchSize = nullptr;
    NumberBox *m_epochs = nullptr;
    QComboBox *m_convention = nullptr;
    NumberBox *m_seed = nullptr;
    NumberBox *m_threads = nullptr;
    QComboBox *m_speed = nullptr;
    bool m_running = false;
};

} // namespace reglab::ui
