// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Finding a Python interpreter for the tests that check generated scripts.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace reglab::test {

/// A python3 (REGLAB_PYTHON, else each python3 on PATH in order) that runs `check` (e.g.
/// "pass" or "import torch, numpy") successfully, or empty. The first python3 on PATH may be
/// a shim without the packages a test needs.
inline QString findPython(const QString &check) {
    QStringList candidates;
    if (qEnvironmentVariableIsSet("REGLAB_PYTHON"))
        candidates << qEnvironmentVariable("REGLAB_PYTHON");
    for (const QString &d :
         qEnvironmentVariable("PATH").split(QDir::listSeparator(), Qt::SkipEmptyParts))
        candidates << QDir(d).filePath("python3");
    for (const QString &exe : candidates) {
        if (!QFile::exists(exe))
            continue;
        QProcess p;
        p.start(exe, {"-c", check});
        if (p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit
            && p.exitCode() == 0)
            return exe;
    }
    return {};
}

} // namespace reglab::test
