// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/run_bar.h"

#include "ui/experiment_document.h"
#include "ui/training/training_controller.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QThread>

#include <cmath>
#include <limits>

namespace reglab::ui {

RunBar::RunBar(ExperimentDocument *doc, QWidget *parent)
    : QToolBar(tr("Run"), parent)
    , m_doc(doc) {
    setObjectName(QStringLiteral("runBar"));
    setMovable(false);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setIconSize(QSize(20, 20));

    m_play = addAction(QIcon(QStringLiteral(":/icons/play.svg")), tr("Play"));
    m_play->setShortcut(Qt::Key_Space);
    m_play->setToolTip(tr("Train until the last epoch (Space)"));
    connect(m_play, &QAction::triggered, this,
            [this] { m_running ? emit pauseRequested() : emit playRequested(); });
    m_step = addAction(QIcon(QStringLiteral(":/icons/step.svg")), tr("Step"));
    m_step->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Space));
    m_step->setToolTip(tr("Train one epoch (Shift+Space)"));
    m_reset = addAction(QIcon(QStringLiteral(":/icons/reset.svg")), tr("Reset"));
    m_reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_reset->setToolTip(tr("Fresh weights from the seed, back to epoch 0 (Ctrl+R)"));

    m_progress = new QLabel(this);
    m_progress->setObjectName(QStringLiteral("progressLabel"));
    m_progress->setMinimumWidth(fontMetrics().horizontalAdvance(tr("Epoch 0000 / 0000")) + 12);
    m_progress->setAlignment(Qt::AlignCenter);
    QFont bold = m_progress->font();
    bold.setBold(true);
    m_progress->setFont(bold);
    m_progress->setToolTip(tr("Epochs trained / epochs to train, and optimizer steps"));
    addSeparator();
    addWidget(m_progress);

    // The pace sits with the counter, before the second separator: it stays in the first row
    // when the settings wrap to a second one (MainWindow::wrapRunBar).
    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("speedCombo"));
    for (double pace : TrainingController::paceChoices())
        m_speed->addItem(TrainingController::paceText(pace), pace);
    addWidget(labelled(tr("Speed"), m_speed,
                       tr("Play's pace: slow it down so a class can watch each epoch; the "
                          "numbers are the same at every speed")));
    connect(m_speed, &QComboBox::activated, this, [this](int index) {
        emit epochsPerSecondChanged(m_speed->itemData(index).toDouble());
    });
    addSeparator();

    m_optimizer = new QComboBox(this);
    m_optimizer->addItem(tr("SGD"), int(OptimizerKind::Sgd));
    m_optimizer->addItem(tr("Adam"), int(OptimizerKind::Adam));
    m_optimizer->addItem(tr("AdamW"), int(OptimizerKind::AdamW));
    addWidget(labelled(tr("Optimizer"), m_optimizer, tr("The optimizer (changing it restarts)")));
    connect(m_optimizer, &QComboBox::activated, this, [this](int index) {
        const auto kind = OptimizerKind(m_optimizer->itemData(index).toInt());
        m_doc->edit(tr("Change optimizer"), [kind](ExperimentSpec &s) {
            s.optimizer.type = kind;
            if (kind != OptimizerKind::Sgd) {
                s.optimizer.momentum = 0.0;
                s.optimizer.nesterov = false;
            }
            if (kind != OptimizerKind::AdamW)
                s.optimizer.weightDecay = 0.0;
        });
    });

    // The core's ranges (ExperimentSpec::validate()). A refused entry shows a bubble under
    // the box until it is fixed; the document keeps its value meanwhile.
    m_learningRate = new LogSpinBox(LogSpinBox::Stepping::OneTwoFive, this);
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_learningRate->setRange({0.0, 1e6, true, false});
    addWidget(labelled(tr("Learning rate"), m_learningRate,
                       tr("Step size; takes effect at the next batch, even while training")));
    connect(m_learningRate, &LogSpinBox::valueChanged, this, [this](double v) {
        m_doc->edit(
            tr("Change learning rate"), [v](ExperimentSpec &s) { s.optimizer.learningRate = v; },
            ExperimentDocument::MergeLearningRate);
    });

    m_batchSize = new NumberBox(NumberBox::Kind::Whole, this);
    m_batchSize->setObjectName(QStringLiteral("batchSize"));
    m_batchSize->setRange(1, limits::kMaxBatchSize);
    m_batchSize->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 30);
    addWidget(labelled(tr("Batch"), m_batchSize, tr("Samples per optimizer step (restarts)")));
    connect(m_batchSize, &NumberBox::valueChanged, this, [this](double v) {
        m_doc->edit(tr("Change batch size"),
                    [v](ExperimentSpec &s) { s.training.batchSize = int(v); });
    });

    // 0 epochs is a valid file (nothing to train) but not a Play target.
    m_epochs = new NumberBox(NumberBox::Kind::Whole, this);
    m_epochs->setObjectName(QStringLiteral("epochs"));
    m_epochs->setRange(1, limits::kMaxEpochs);
    m_epochs->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 30);
    addWidget(labelled(tr("Epochs"), m_epochs, tr("Play trains until this epoch")));
    connect(m_epochs, &NumberBox::valueChanged, this, [this](double v) {
        m_doc->edit(tr("Change epochs"), [v](ExperimentSpec &s) { s.training.epochs = int(v); });
    });

    m_convention = new QComboBox(this);
    m_convention->addItem(tr("Keras ΣW²"), int(L2Convention::Keras));
    m_convention->addItem(tr("TF1 ΣW²/2"), int(L2Convention::Tf1));
    addWidget(labelled(tr("L2"), m_convention,
                       tr("How an L2 scale λ becomes a loss term: Keras adds λ·ΣW², TensorFlow 1's "
                          "l2_regularizer adds λ·ΣW²/2 (half the pull for the same λ)")));
    connect(m_convention, &QComboBox::activated, this, [this](int index) {
        const auto c = L2Convention(m_convention->itemData(index).toInt());
        m_doc->edit(tr("Change L2 convention"), [c](ExperimentSpec &s) { s.l2Convention = c; });
    });

    m_seed = new NumberBox(NumberBox::Kind::Whole, this);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setRange(0, kMaxSeed);
    m_seed->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 30);
    addWidget(labelled(tr("Seed"), m_seed,
                       tr("Random seed for the data, the split, the weights and the batch order")));
    connect(m_seed, &NumberBox::valueChanged, this, [this](double v) {
        m_doc->edit(tr("Change seed"), [v](ExperimentSpec &s) { s.seed = std::uint64_t(v); });
    });

    m_threads = new NumberBox(NumberBox::Kind::Whole, this);
    m_threads->setObjectName(QStringLiteral("threads"));
    m_threads->setRange(1, std::max(1, QThread::idealThreadCount()));
    m_threads->setValue(1);
    addWidget(labelled(tr("Threads"), m_threads,
                       tr("Threads used for training; leaving one core free keeps the window "
                          "responsive")));
    connect(m_threads, &NumberBox::valueChanged, this,
            [this](double v) { emit threadsChanged(int(v)); });

    connect(m_doc, &ExperimentDocument::specChanged, this, &RunBar::syncFromSpec);
    syncFromSpec();
    setProgress(0, 0, m_doc->spec().training.epochs);
}

QWidget *RunBar::labelled(const QString &text, QWidget *editor, const QString &toolTip) {
    auto *box = new QWidget(this);
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(4);
    auto *label = new QLabel(text, box);
    label->setBuddy(editor);
    layout->addWidget(label);
    layout->addWidget(editor);
    label->setToolTip(toolTip);
    editor->setToolTip(toolTip);
    editor->setAccessibleName(text);
    return box;
}

void RunBar::setRunning(bool running) {
    m_running = running;
    m_play->setText(running ? tr("Pause") : tr("Play"));
    m_play->setIcon(
        QIcon(running ? QStringLiteral(":/icons/pause.svg") : QStringLiteral(":/icons/play.svg")));
    m_play->setToolTip(running ? tr("Pause after the current batch (Space)")
                               : tr("Train until the last epoch (Space)"));
    m_step->setEnabled(!running);
}

void RunBar::setProgress(int epoch, long long step, int targetEpochs) {
    m_progress->setText(tr("Epoch %1 / %2").arg(epoch).arg(targetEpochs));
    m_progress->setToolTip(tr("%1 epochs of %2 trained, %3 optimizer steps")
                               .arg(epoch)
                               .arg(targetEpochs)
                               .arg(QLocale().toString(step)));
}

QString RunBar::progressText() const {
    return m_progress->text();
}

void RunBar::setThreads(int threads) {
    const QSignalBlocker block(m_threads);
    m_threads->setValue(threads);
}

int RunBar::threads() const {
    return m_threads->intValue();
}

void RunBar::setEpochsPerSecond(double epochs) {
    const QSignalBlocker block(m_speed);
    m_speed->setCurrentIndex(std::max(0, m_speed->findData(epochs)));
}

void RunBar::syncFromSpec() {
    const ExperimentSpec &s = m_doc->spec();
    const QSignalBlocker b1(m_optimizer), b2(m_learningRate), b3(m_batchSize), b4(m_epochs),
        b5(m_convention), b6(m_seed);
    m_optimizer->setCurrentIndex(m_optimizer->findData(int(s.optimizer.type)));
    m_learningRate->setValue(s.optimizer.learningRate);
    m_batchSize->setValue(s.training.batchSize);
    m_epochs->setValue(s.training.epochs);
    m_convention->setCurrentIndex(m_convention->findData(int(s.l2Convention)));
    m_seed->setValue(double(s.seed));
}

} // namespace reglab::ui
