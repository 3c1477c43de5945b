// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The controls of a weights-over-time view: which view (the newest histograms, the
// distributions or the histograms over time) and, in a menu, kernel or bias, the near-zero
// threshold, the robust range, the log count axis, offset or overlaid rows and the epochs.

#include "ui/plots/weight_time_panel.h"

#include <QWidget>

class QAction;
class QComboBox;
class QMenu;
class QSpinBox;
class QToolButton;

namespace reglab::ui {

class WeightViewControls : public QWidget {
    Q_OBJECT
public:
    enum class View { Latest, Distributions, Ridge };
    /// `withLatest`: the views start with the newest epoch's histograms (the histogram view).
    explicit WeightViewControls(bool withLatest, QWidget *parent = nullptr);

    View view() const;
    void setView(View view);
    /// The options chosen (their mode follows view(); Latest counts as Distributions).
    WeightViewOptions options() const;
    void setOptions(const WeightViewOptions &o);
    /// The newest epoch there is: the epoch range's upper bound.
    void setNewestEpoch(int epoch);

    QComboBox *viewCombo() const { return m_view; }
    QMenu *optionsMenu() const { return m_menu; }
    QSpinBox *fromEpoch() const { return m_from; }
    QSpinBox *toEpoch() const { return m_to; }

signals:
    void changed();

private:
    QAction *addCheck(const QString &text, const QString &objectName);
    void updateEnabled();

    bool m_withLatest;
    QComboBox *m_view = nullptr;
    QToolButton *m_button = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_bias = nullptr;
    QAction *m_robust = nullptr;
    QAction *m_log = nullptr;
    QAction *m_overlay = nullptr;
    std::vector<QAction *> m_thresholds;
    QSpinBox *m_from = nullptr;
    QSpinBox *m_to = nullptr;
    bool m_quiet = false;
};

} // namespace reglab::ui
