// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/training/early_stopping_panel.h"

#include "ui/editor/number_box.h"
#include "ui/editor/number_text.h"
#include "ui/experiment_document.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QSignalBlocker>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>

namespace reglab::ui {

namespace {

/// The monitor names in the order of earlyStoppingMonitors(), as the combo box shows them.
QString monitorText(const std::string &name) {
    const QString key = QString::fromStdString(name);
    if (name == "val_data_loss")
        return EarlyStoppingPanel::tr("validation data loss (%1)").arg(key);
    if (name == "val_accuracy")
        return EarlyStoppingPanel::tr("validation accuracy (%1)").arg(key);
    if (name == "test_data_loss")
        return EarlyStoppingPanel::tr("test data loss (%1)").arg(key);
    if (name == "test_accuracy")
        return EarlyStoppingPanel::tr("test accuracy (%1)").arg(key);
    if (name == "train_data_loss")
        return EarlyStoppingPanel::tr("training data loss (%1)").arg(key);
    if (name == "train_accuracy")
        return EarlyStoppingPanel::tr("training accuracy (%1)").arg(key);
    return EarlyStoppingPanel::tr("total loss with the penalty (%1)").arg(key);
}

bool hasValidation(const ExperimentSpec &spec) {
    return spec.dataset.validationFraction > 0.0;
}

} // namespace

EarlyStoppingPanel::EarlyStoppingPanel(ExperimentDocument *doc, QWidget *parent)
    : QWidget(parent)
    , m_doc(doc) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);

    m_enabled = new QCheckBox(tr("&Stop early when the watched metric stops improving"));
    m_enabled->setObjectName(QStringLiteral("earlyStoppingCheck"));
    m_enabled->setToolTip(tr("training.early_stopping: Keras's EarlyStopping callback. Without "
                             "it every epoch up to Epochs is trained."));
    layout->addWidget(m_enabled);

    m_settings = new QGroupBox(tr("Early stopping"));
    auto *form = new QFormLayout(m_settings);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_monitor = new QComboBox;
    m_monitor->setObjectName(QStringLiteral("monitorCombo"));
    for (const std::string &name : earlyStoppingMonitors())
        m_monitor->addItem(monitorText(name), QString::fromStdString(name));
    m_monitor->setToolTip(tr("The metric watched after each epoch. The data loss leaves the "
                             "penalty out on purpose: the total would reward shrinking "
                             "weights, not fitting the data."));
    form->addRow(tr("&Watch"), m_monitor);

    m_patience = new NumberBox(NumberBox::Kind::Whole);
    m_patience->setObjectName(QStringLiteral("patienceBox"));
    m_patience->setRange(0, limits::kMaxPatience);
    m_patience->setToolTip(tr("Epochs in a row without improvement before training stops "
                              "(0: stop at the first epoch that does not improve)"));
    form->addRow(tr("&Patience"), m_patience->withMessageBelow());

    m_minDelta = new NumberBox(NumberBox::Kind::Decimal);
    m_minDelta->setObjectName(QStringLiteral("minDeltaBox"));
    m_minDelta->setRange(0.0, 1e6);
    m_minDelta->setSingleStep(0.001);
    m_minDelta->setToolTip(tr("An epoch counts as an improvement only when it beats the best so "
                              "far by more than this"));
    form->addRow(tr("&Min delta"), m_minDelta->withMessageBelow());

    m_startFrom = new NumberBox(NumberBox::Kind::Whole);
    m_startFrom->setObjectName(QStringLiteral("startFromBox"));
    m_startFrom->setRange(0, limits::kMaxEpochs);
    m_startFrom->setToolTip(tr("The first epochs are not watched (a warm-up)"));
    form->addRow(tr("S&tart from epoch"), m_startFrom->withMessageBelow());

    m_restore = new QCheckBox(tr("&Restore the best epoch's weights"));
    m_restore->setObjectName(QStringLiteral("restoreCheck"));
    m_restore->setToolTip(tr("When it stops, put back the weights of the best epoch (Keras's "
                             "restore_best_weights); otherwise the last epoch's weights stay"));
    form->addRow(QString(), m_restore);
    layout->addWidget(m_settings);

    m_split = new QLabel;
    m_split->setObjectName(QStringLiteral("splitLabel"));
    m_split->setWordWrap(true);
    layout->addWidget(m_split);
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("noteLabel"));
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_note);
    layout->addStretch(1);

    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_doc->edit(on ? tr("Switch early stopping on") : tr("Switch early stopping off"),
                    [on](ExperimentSpec &s) {
                        if (!on) {
                            s.training.earlyStopping.reset();
                            return;
                        }
                        EarlyStoppingSpec e;
                        e.monitor = defaultMonitor(s);
                        e.patience = 5;
                        e.restoreBestWeights = true;
                        s.training.earlyStopping = e;
                    });
    });
    connect(m_monitor, &QComboBox::activated, this, [this](int row) {
        const std::string name = m_monitor->itemData(row).toString().toStdString();
        editStopping(tr("Change early stopping metric"),
                     [name](EarlyStoppingSpec &e) { e.monitor = name; });
    });
    connect(m_patience, &NumberBox::valueChanged, this, [this](double v) {
        editStopping(
            tr("Change patience"), [v](EarlyStoppingSpec &e) { e.patience = int(v); }, 0);
    });
    connect(m_minDelta, &NumberBox::valueChanged, this, [this](double v) {
        editStopping(
            tr("Change min delta"), [v](EarlyStoppingSpec &e) { e.minDelta = v; }, 1);
    });
    connect(m_startFrom, &NumberBox::valueChanged, this, [this](double v) {
        editStopping(
            tr("Change start epoch"), [v](EarlyStoppingSpec &e) { e.startFromEpoch = int(v); }, 2);
    });
    connect(m_restore, &QCheckBox::toggled, this, [this](bool on) {
        editStopping(tr("Change restore best weights"),
                     [on](EarlyStoppingSpec &e) { e.restoreBestWeights = on; });
    });
    connect(m_doc, &ExperimentDocument::specChanged, this,
            [this](const ExperimentSpec &, const ExperimentSpec &) { syncFromSpec(); });
    syncFromSpec();
}

std::string EarlyStoppingPanel::defaultMonitor(const ExperimentSpec &spec) {
    return hasValidation(spec) ? "val_data_loss" : "test_data_loss";
}

QString EarlyStoppingPanel::describe(const ExperimentSpec &spec) {
    if (!spec.training.earlyStopping)
        return {};
    const EarlyStoppingSpec &e = *spec.training.earlyStopping;
    const QString monitor = QString::fromStdString(e.monitor);
    QString text = e.patience == 0
                       ? tr("Stops at the first epoch where %1 does not improve by more than %2")
                             .arg(monitor, formatCompact(e.minDelta))
                       : tr("Stops once %1 has not improved by more than %2 for %3 epochs in a row")
                             .arg(monitor, formatCompact(e.minDelta))
                             .arg(e.patience);
    if (e.startFromEpoch > 0)
        text += tr(", watching from epoch %1 on").arg(e.startFromEpoch + 1);
    text += e.restoreBestWeights ? tr("; then puts the best epoch's weights back.")
                                 : tr("; the last epoch's weights stay.");
    return text;
}

void EarlyStoppingPanel::editStopping(const QString &text,
                                      const std::function<void(EarlyStoppingSpec &)> &change,
                                      int field) {
    if (!m_doc->spec().training.earlyStopping)
        return;
    m_doc->edit(
        text, [&change](ExperimentSpec &s) { change(*s.training.earlyStopping); },
        field >= 0 ? int(ExperimentDocument::MergeEarlyStopping) : -1, field);
}

void EarlyStoppingPanel::syncFromSpec() {
    const ExperimentSpec &spec = m_doc->spec();
    const bool on = spec.training.earlyStopping.has_value();
    const EarlyStoppingSpec e = spec.training.earlyStopping.value_or(EarlyStoppingSpec{});
    const bool validation = hasValidation(spec);
    {
        const QSignalBlocker b1(m_enabled), b2(m_monitor), b3(m_patience), b4(m_minDelta),
            b5(m_restore), b6(m_startFrom);
        m_enabled->setChecked(on);
        // The val_* metrics need a validation split; a file may still name one (the message
        // bar then says why the experiment cannot run).
        auto *model = qobject_cast<QStandardItemModel *>(m_monitor->model());
        for (int row = 0; row < m_monitor->count(); ++row) {
            const bool val = m_monitor->itemData(row).toString().startsWith(QLatin1String("val_"));
            if (model)
                model->item(row)->setEnabled(!val || validation);
        }
        m_monitor->setCurrentIndex(
            m_monitor->findData(QString::fromStdString(on ? e.monitor : defaultMonitor(spec))));
        m_patience->setValue(e.patience);
        m_minDelta->setValue(e.minDelta);
        m_restore->setChecked(e.restoreBestWeights);
        m_startFrom->setValue(e.startFromEpoch);
    }
    m_settings->setEnabled(on);
    const int percent = int(std::lround(spec.dataset.validationFraction * 100.0));
    m_split->setText(validation ? tr("Validation split: %1% of the training data is held out "
                                     "(change it in the Data tab).")
                                      .arg(percent)
                                : tr("No validation split: set a validation share in the Data "
                                     "tab to watch validation metrics instead of the test "
                                     "set, so the test numbers stay an honest final check."));
    m_split->setStyleSheet(on && !validation && e.monitor.rfind("val_", 0) == 0
                               ? QStringLiteral("color: #c0392b;")
                               : QString());
    m_note->setText(on ? describe(spec)
                       : tr("Early stopping is a regularizer too: it ends training before the "
                            "network fits the noise of the training data."));
}

} // namespace reglab::ui
