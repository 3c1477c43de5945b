// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Small helpers shared by the test programs (header-only: each test is one executable).

#include "core/error.h"
#include "core/experiment_spec.h"

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtGlobal>

#include <optional>
#include <string>

namespace reglab::test {

inline QString qs(const std::string &s) {
    return QString::fromStdString(s);
}

/// A dense layer of `units` units named `name` (every other setting its default).
inline LayerSpec denseLayer(const std::string &name, int units, Activation activation) {
    LayerSpec l;
    l.name = name;
    l.units = units;
    l.activation = activation;
    return l;
}

/// Runs `f` and returns the InputError it threw, or nullopt when it threw none.
template<typename F>
std::optional<InputError> inputErrorOf(F &&f) {
    try {
        f();
    } catch (const InputError &e) {
        return e;
    }
    return std::nullopt;
}

/// A dense layer spec with an optional kernel regularizer.
inline LayerSpec dense(const char *name, int units, Activation act,
                       std::optional<RegularizerSpec> reg = std::nullopt) {
    LayerSpec l;
    l.name = name;
    l.units = units;
    l.activation = act;
    l.kernelRegularizer = reg;
    return l;
}

/// The reglab-cli binary under test (CTest passes it in REGLAB_CLI).
inline QString cliPath() {
    return qEnvironmentVariable("REGLAB_CLI");
}

inline bool writeText(const QString &path, const QByteArray &text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
}

inline QByteArray readBytes(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace reglab::test
