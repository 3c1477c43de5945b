// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The controls a lesson locks (lesson.json "locks"), shown disabled with a tool tip saying
// the lesson locks them. The panels enable and disable their own controls as the
// experiment changes: a locked control that gets enabled is disabled again at once.

#include "core/lesson/lesson.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <vector>

class QAction;
class QWidget;

namespace reglab::ui {

class DatasetPanel;
class LayerInspector;
class NetworkEditor;
class RunBar;

class LessonLocks : public QObject {
    Q_OBJECT
public:
    LessonLocks(DatasetPanel *dataPanel, NetworkEditor *editor, LayerInspector *inspector,
                RunBar *runBar, QObject *parent = nullptr);

    /// Locks exactly `locks` (empty: unlocks everything) and applies them.
    void setLocks(const std::vector<LessonLock> &locks);
    const std::vector<LessonLock> &locks() const { return m_locks; }
    /// Disables the locked controls again (call after the panels refreshed themselves).
    void apply();
    /// The tool tip of a locked control.
    static QString lockedToolTip();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Saved {
        QString toolTip;
    };
    std::vector<QWidget *> widgetsFor(LessonLock lock) const;
    std::vector<QAction *> actionsFor(LessonLock lock) const;
    void release();

    QPointer<DatasetPanel> m_data;
    QPointer<NetworkEditor> m_editor;
    QPointer<LayerInspector> m_inspector;
    QPointer<RunBar> m_runBar;
    std::vector<LessonLock> m_locks;
    QHash<QObject *, Saved> m_saved;                    ///< what a locked control showed before
    std::vector<QMetaObject::Connection> m_connections; ///< locked actions' change signals
};

} // namespace reglab::ui
