// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What the main-window tests share: a window that never asks and never touches the user's
// settings, and a small experiment trained to its end.

#include "core/experiment_spec.h"
#include "ui/experiment_document.h"
#include "ui/main_window.h"
#include "ui/training/training_controller.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace reglab::test {

inline constexpr int kWindowTimeout = 60000;

/// A main window that asks nothing before discarding and keeps no settings.
inline std::unique_ptr<ui::MainWindow> makeWindow() {
    auto w = std::make_unique<ui::MainWindow>();
    w->setAskBeforeDiscard(false);
    w->setPersistSettings(false);
    return w;
}

/// The default experiment, smaller (120 samples, 8 + 8 hidden units), loaded and trained
/// `epochs` epochs; true once the last epoch has reached the window.
inline bool trainSmall(ui::MainWindow &w, int epochs) {
    ExperimentSpec s = defaultExperiment();
    s.dataset.samples = 120;
    s.model.layers[0].units = 8;
    s.model.layers[1].units = 8;
    s.training.epochs = epochs;
    w.document()->load(s);
    QSignalSpy finished(w.controller(), &ui::TrainingController::finished);
    if (!QTest::qWaitFor([&] { return w.controller()->hasTrainer(); }, kWindowTimeout))
        return false;
    w.controller()->play();
    return (finished.wait(kWindowTimeout) || finished.count() == 1)
           && QTest::qWaitFor([&] { return w.controller()->epoch() == epochs; }, kWindowTimeout);
}

} // namespace reglab::test
