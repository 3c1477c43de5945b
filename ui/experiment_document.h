// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The experiment being edited: one ExperimentSpec, its file, and one undo stack for every
// edit made anywhere in the window (network editor, layer inspector, data panel, run bar).

#include "core/experiment_spec.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <functional>

namespace reglab::ui {

class ExperimentDocument : public QObject {
    Q_OBJECT
public:
    explicit ExperimentDocument(QObject *parent = nullptr);
    ~ExperimentDocument() override;

    const ExperimentSpec &spec() const { return m_spec; }
    QUndoStack *undoStack() { return &m_undo; }

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    bool isModified() const { return !m_undo.isClean(); }
    void markSaved() { m_undo.setClean(); }

    /// Replaces the experiment without undo history (New, Open): clears the undo stack
    /// and marks the document clean.
    void load(const ExperimentSpec &spec, const QString &filePath = {});

    /// Applies `change` to a copy of the spec and pushes it as one undoable command named
    /// `text`. Consecutive edits with the same `mergeKey` (>= 0) and the same `mergeScope`
    /// merge into one command (a slider drag is one undo step). The scope tells instances of
    /// one kind of field apart, e.g. the layer index, so that edits of two layers stay two
    /// steps. A change that leaves the spec equal is ignored.
    void edit(const QString &text, const std::function<void(ExperimentSpec &)> &change,
              int mergeKey = -1, int mergeScope = -1);

    /// Asked by edit() before it pushes a change: false drops the edit (specChanged() then
    /// reports the spec unchanged, so editors show it again). Lets the window ask before an
    /// edit discards a trained run.
    using EditGuard =
        std::function<bool(const ExperimentSpec &before, const ExperimentSpec &after)>;
    void setEditGuard(EditGuard guard) { m_guard = std::move(guard); }

    /// Undoes (redoes) one step as the Edit menu does: the edit guard is asked first, so
    /// undoing a structural edit after a run asks before it discards the run. False when
    /// there was nothing to undo (redo) or the guard refused.
    bool undo();
    bool redo();

    /// Sets the spec as if by edit(); used by the undo commands themselves.
    void applySpec(const ExperimentSpec &spec);

    /// True when going from `before` to `after` needs a new network or new data (layers,
    /// units, activations, data set, loss, seed, initializers), false when the trainer can
    /// take the change live (regularization scales, learning rate) or ignore it.
    static bool needsRebuild(const ExperimentSpec &before, const ExperimentSpec &after);

    /// Merge keys for edit(): one per kind of continuous control.
    enum MergeKey {
        MergeNone = -1,
        MergeKernelScale = 1,
        MergeBiasScale,
        MergeUnits,
        MergeLearningRate,
        MergeDataset,
        MergeEarlyStopping
    };
    /// The merge scope of field `field` (0..7) of layer `layer`: edits of two layers, or of
    /// two fields of one layer (a kernel's L1 and L2 scales), never merge.
    static int layerScope(int layer, int field = 0) { return layer * 8 + field; }

signals:
    /// After every change of the spec (edit, undo, redo, load). `before` is the old spec.
    void specChanged(const reglab::ExperimentSpec &before, const reglab::ExperimentSpec &after);
    void modifiedChanged(bool modified);
    /// After load(): another experiment replaced this one (New, Open, a lesson).
    void loaded(const QString &filePath);
    void filePathChanged(const QString &path);

private:
    ExperimentSpec m_spec;
    QString m_filePath;
    QUndoStack m_undo;
    EditGuard m_guard;
};

} // namespace reglab::ui
