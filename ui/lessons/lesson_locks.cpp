// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/lessons/lesson_locks.h"

#include "ui/editor/dataset_panel.h"
#include "ui/editor/layer_inspector.h"
#include "ui/editor/log_scale_slider.h"
#include "ui/editor/network_editor.h"
#include "ui/editor/number_box.h"
#include "ui/training/run_bar.h"

#include <QAction>
#include <QComboBox>
#include <QGraphicsView>
#include <QLineEdit>

#include <algorithm>

namespace reglab::ui {

LessonLocks::LessonLocks(DatasetPanel *dataPanel, NetworkEditor *editor, LayerInspector *inspector,
                         RunBar *runBar, QObject *parent)
    : QObject(parent)
    , m_data(dataPanel)
    , m_editor(editor)
    , m_inspector(inspector)
    , m_runBar(runBar) {}

QString LessonLocks::lockedToolTip() {
    return tr("The lesson locks this control");
}

std::vector<QWidget *> LessonLocks::widgetsFor(LessonLock lock) const {
    std::vector<QWidget *> out;
    switch (lock) {
    case LessonLock::Dataset:
        if (m_data)
            out.push_back(m_data);
        break;
    case LessonLock::Model:
        if (m_inspector)
            out.insert(out.end(), {m_inspector->nameEdit(), m_inspector->unitsSpin(),
                                   m_inspector->activationCombo()});
        break;
    case LessonLock::Regularizers:
        if (m_inspector) {
            for (Tensor t : {Tensor::Kernel, Tensor::Bias})
                out.insert(out.end(), {m_inspector->regularizerCombo(t), m_inspector->l1Slider(t),
                                       m_inspector->l2Slider(t)});
        }
        break;
    case LessonLock::L2Convention:
        if (m_runBar)
            out.push_back(m_runBar->conventionCombo());
        break;
    case LessonLock::Optimizer:
        if (m_runBar)
            out.insert(out.end(), {m_runBar->optimizerCombo(), m_runBar->learningRateSpin()});
        break;
    case LessonLock::Training:
        if (m_runBar)
            out.insert(out.end(), {m_runBar->batchSizeSpin(), m_runBar->epochsSpin()});
        break;
    case LessonLock::Seed:
        if (m_runBar)
            out.push_back(m_runBar->seedSpin());
        break;
    }
    out.erase(std::remove(out.begin(), out.end(), nullptr), out.end());
    return out;
}

std::vector<QAction *> LessonLocks::actionsFor(LessonLock lock) const {
    if (lock != LessonLock::Model || !m_editor)
        return {};
    const QList<QAction *> actions = m_editor->editActions();
    return {actions.begin(), actions.end()};
}

void LessonLocks::setLocks(const std::vector<LessonLock> &locks) {
    release();
    m_locks = locks;
    if (m_editor && m_editor->view()) {
        // The layer graph's context menu adds and removes layers too.
        const bool model =
            std::find(m_locks.begin(), m_locks.end(), LessonLock::Model) != m_locks.end();
        m_editor->view()->setContextMenuPolicy(model ? Qt::NoContextMenu : Qt::DefaultContextMenu);
    }
    apply();
}

void LessonLocks::apply() {
    const QString tip = lockedToolTip();
    for (LessonLock lock : m_locks) {
        for (QWidget *w : widgetsFor(lock)) {
            if (!m_saved.contains(w))
                m_saved.insert(w, {w->toolTip()});
            w->setEnabled(false);
            w->setToolTip(tip);
        }
        for (QAction *a : actionsFor(lock)) {
            if (!m_saved.contains(a))
                m_saved.insert(a, {a->toolTip()});
            a->setEnabled(false);
            a->setToolTip(tip);
        }
    }
}

void LessonLocks::release() {
    for (LessonLock lock : m_locks) {
        for (QWidget *w : widgetsFor(lock)) {
            w->setEnabled(true);
            w->setToolTip(m_saved.value(w).toolTip);
        }
        for (QAction *a : actionsFor(lock)) {
            a->setEnabled(true);
            a->setToolTip(m_saved.value(a).toolTip);
        }
    }
    m_saved.clear();
    const bool inspectorLocked = std::any_of(m_locks.begin(), m_locks.end(), [](LessonLock l) {
        return l == LessonLock::Model || l == LessonLock::Regularizers;
    });
    m_locks.clear();
    if (inspectorLocked && m_inspector) {
        // The inspector disables some of these itself (the output layer's units): let it
        // show the layer again rather than leave them all enabled.
        const int layer = m_inspector->layerIndex();
        m_inspector->setLayerIndex(-1);
        m_inspector->setLayerIndex(layer);
    }
}

} // namespace reglab::ui
