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
#include <QMouseEvent>

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
        // The layer graph's context menu adds and removes layers too, and dragging a block
        // reorders them: both go through its viewport.
        const bool model =
            std::find(m_locks.begin(), m_locks.end(), LessonLock::Model) != m_locks.end();
        const Qt::ContextMenuPolicy policy = model ? Qt::NoContextMenu : Qt::DefaultContextMenu;
        m_editor->view()->setContextMenuPolicy(policy);
        m_editor->view()->viewport()->setContextMenuPolicy(policy);
        if (model)
            m_editor->view()->viewport()->installEventFilter(this);
        else
            m_editor->view()->viewport()->removeEventFilter(this);
    }
    apply();
}

void LessonLocks::apply() {
    const QString tip = lockedToolTip();
    for (LessonLock lock : m_locks) {
        for (QWidget *w : widgetsFor(lock)) {
            if (!m_saved.contains(w)) {
                m_saved.insert(w, {w->toolTip()});
                w->installEventFilter(this);
            }
            w->setEnabled(false);
            w->setToolTip(tip);
        }
        for (QAction *a : actionsFor(lock)) {
            if (!m_saved.contains(a)) {
                m_saved.insert(a, {a->toolTip()});
                // Actions have no events to filter: their change signal does the same.
                m_connections.push_back(connect(a, &QAction::changed, this, [this, a] {
                    if (m_saved.contains(a) && a->isEnabled())
                        a->setEnabled(false);
                }));
            }
            a->setEnabled(false);
            a->setToolTip(tip);
        }
    }
}

bool LessonLocks::eventFilter(QObject *watched, QEvent *event) {
    // A panel enabling a locked control (as it refreshes) finds it disabled again.
    if (event->type() == QEvent::EnabledChange && m_saved.contains(watched)) {
        auto *w = static_cast<QWidget *>(watched);
        if (w->isEnabled())
            w->setEnabled(false);
        return false;
    }
    // Model locked: a click still selects a layer, a drag no longer moves it.
    if (event->type() == QEvent::MouseMove && m_editor && watched == m_editor->view()->viewport()
        && static_cast<QMouseEvent *>(event)->buttons() != Qt::NoButton)
        return true;
    return QObject::eventFilter(watched, event);
}

void LessonLocks::release() {
    for (const QMetaObject::Connection &c : m_connections)
        disconnect(c);
    m_connections.clear();
    const QHash<QObject *, Saved> saved = m_saved;
    m_saved.clear(); // before enabling: the filter lets it happen
    for (LessonLock lock : m_locks) {
        for (QWidget *w : widgetsFor(lock)) {
            w->removeEventFilter(this);
            w->setEnabled(true);
            w->setToolTip(saved.value(w).toolTip);
        }
        for (QAction *a : actionsFor(lock)) {
            a->setEnabled(true);
            a->setToolTip(saved.value(a).toolTip);
        }
    }
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
