// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/experiment_document.h"

#include <QUndoCommand>

namespace reglab::ui {

namespace {

/// Swaps the whole spec: experiments are small, and a snapshot pair cannot get out of
/// step with the code that made the change.
class SpecCommand : public QUndoCommand {
public:
    SpecCommand(ExperimentDocument *doc, const QString &text, ExperimentSpec before,
                ExperimentSpec after, int mergeKey, int mergeScope)
        : QUndoCommand(text)
        , m_doc(doc)
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_mergeKey(mergeKey)
        , m_mergeScope(mergeScope) {}
    void undo() override { m_doc->applySpec(m_before); }
    void redo() override { m_doc->applySpec(m_after); }
    int id() const override { return m_mergeKey; }
    const ExperimentSpec &before() const { return m_before; }
    const ExperimentSpec &after() const { return m_after; }
    bool mergeWith(const QUndoCommand *other) override {
        const auto *next = static_cast<const SpecCommand *>(other);
        if (other->id() != id() || id() < 0 || next->m_mergeScope != m_mergeScope)
            return false;
        m_after = next->m_after;
        return true;
    }

private:
    ExperimentDocument *m_doc;
    ExperimentSpec m_before;
    ExperimentSpec m_after;
    int m_mergeKey;
    int m_mergeScope;
};

} // namespace

ExperimentDocument::ExperimentDocument(QObject *parent)
    : QObject(parent)
    , m_spec(defaultExperiment()) {
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

ExperimentDocument::~ExperimentDocument() {
    // The undo stack clears itself when destroyed; that is no edit, and must not reach
    // listeners as "the document became clean" (crash recovery would delete its copy).
    disconnect(&m_undo, nullptr, this, nullptr);
}

void ExperimentDocument::setFilePath(const QString &path) {
    if (path == m_filePath)
        return;
    m_filePath = path;
    emit filePathChanged(path);
}

void ExperimentDocument::load(const ExperimentSpec &spec, const QString &filePath) {
    const ExperimentSpec before = m_spec;
    m_spec = spec;
    m_undo.clear();
    m_undo.setClean();
    setFilePath(filePath);
    emit specChanged(before, m_spec);
    emit modifiedChanged(false);
    emit loaded(filePath);
}

void ExperimentDocument::edit(const QString &text,
                              const std::function<void(ExperimentSpec &)> &change, int mergeKey,
                              int mergeScope) {
    ExperimentSpec after = m_spec;
    change(after);
    if (after == m_spec)
        return;
    if (m_guard && !m_guard(m_spec, after)) {
        emit specChanged(m_spec, m_spec); // the editor that made the change shows the spec again
        return;
    }
    m_undo.push(new SpecCommand(this, text, m_spec, std::move(after), mergeKey, mergeScope));
}

bool ExperimentDocument::undo() {
    if (!m_undo.canUndo())
        return false;
    const auto *command = static_cast<const SpecCommand *>(m_undo.command(m_undo.index() - 1));
    if (m_guard && !m_guard(m_spec, command->before()))
        return false;
    m_undo.undo();
    return true;
}

bool ExperimentDocument::redo() {
    if (!m_undo.canRedo())
        return false;
    const auto *command = static_cast<const SpecCommand *>(m_undo.command(m_undo.index()));
    if (m_guard && !m_guard(m_spec, command->after()))
        return false;
    m_undo.redo();
    return true;
}

void ExperimentDocument::applySpec(const ExperimentSpec &spec) {
    const ExperimentSpec before = m_spec;
    m_spec = spec;
    emit specChanged(before, m_spec);
}

bool ExperimentDocument::needsRebuild(const ExperimentSpec &a, const ExperimentSpec &b) {
    if (a.seed != b.seed || !(a.dataset == b.dataset) || a.loss != b.loss
        || a.model.layers.size() != b.model.layers.size() || !(a.training == b.training)
        || a.optimizer.type != b.optimizer.type || a.optimizer.momentum != b.optimizer.momentum
        || a.optimizer.nesterov != b.optimizer.nesterov || a.optimizer.beta1 != b.optimizer.beta1
        || a.optimizer.beta2 != b.optimizer.beta2 || a.optimizer.epsilon != b.optimizer.epsilon
        || a.optimizer.weightDecay != b.optimizer.weightDecay)
        return true;
    for (std::size_t i = 0; i < a.model.layers.size(); ++i) {
        const auto &x = a.model.layers[i];
        const auto &y = b.model.layers[i];
        if (x.name != y.name || x.units != y.units || x.activation != y.activation
            || x.kernelInitializer != y.kernelInitializer || x.useBias != y.useBias
            || x.type != y.type)
            return true;
    }
    return false; // only regularizers, the L2 convention, the learning rate or the name
}

} // namespace reglab::ui
