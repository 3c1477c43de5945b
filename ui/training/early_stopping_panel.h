// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// training.early_stopping as a panel of the main window: on or off, the metric it watches,
// patience, min_delta, restore_best_weights and start_from_epoch (Keras's EarlyStopping).
// Every field edits the document; the val_* metrics need the Data tab's validation share.

#include "core/experiment_spec.h"

#include <QWidget>

#include <functional>
#include <string>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;

namespace reglab::ui {

class ExperimentDocument;
class NumberBox;

class EarlyStoppingPanel : public QWidget {
    Q_OBJECT
public:
    explicit EarlyStoppingPanel(ExperimentDocument *doc, QWidget *parent = nullptr);

    /// The metric early stopping watches when it is switched on: val_data_loss with a
    /// validation split (Keras's usual choice), test_data_loss without one.
    static std::string defaultMonitor(const reglab::ExperimentSpec &spec);
    /// One line on what the settings do, e.g. "Stops once val_data_loss has not improved by
    /// more than 0 for 5 epochs in a row; keeps the best epoch's weights."; empty when off.
    static QString describe(const reglab::ExperimentSpec &spec);

    // For tests and keyboard-driven automation.
    QCheckBox *enabledCheck() const { return m_enabled; }
    QComboBox *monitorCombo() const { return m_monitor; }
    NumberBox *patienceBox() const { return m_patience; }
    NumberBox *minDeltaBox() const { return m_minDelta; }
    QCheckBox *restoreCheck() const { return m_restore; }
    NumberBox *startFromBox() const { return m_startFrom; }
    QLabel *noteLabel() const { return m_note; }

private:
    void syncFromSpec();
    void editStopping(const QString &text,
                      const std::function<void(reglab::EarlyStoppingSpec &)> &change,
                      int field = -1);

    ExperimentDocument *m_doc;
    QCheckBox *m_enabled = nullptr;
    QGroupBox *m_settings = nullptr;
    QComboBox *m_monitor = nullptr;
    NumberBox *m_patience = nullptr;
    NumberBox *m_minDelta = nullptr;
    QCheckBox *m_restore = nullptr;
    NumberBox *m_startFrom = nullptr;
    QLabel *m_split = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace reglab::ui
