// SPDX-License-Identifier: GPL-3.0-or-later
// Crash recovery: unsaved changes survive a session that never exits cleanly, and a clean
// exit or a save leaves nothing behind.

#include "core/io/experiment_json.h"
#include "ui/experiment_document.h"
#include "ui/main_window.h"
#include "ui/session_recovery.h"

#include <QtTest>

#include <memory>

using namespace reglab;
using namespace reglab::ui;

namespace {

std::unique_ptr<MainWindow> makeWindow(const QString &recoveryPath) {
    auto w = std::make_unique<MainWindow>();
    w->setAskBeforeDiscard(false);
    w->setPersistSettings(false);
    w->enableRecovery(recoveryPath);
    return w;
}

void editUnits(ExperimentDocument *doc, int units) {
    doc->edit(QStringLiteral("units"),
              [units](ExperimentSpec &s) { s.model.layers[0].units = units; });
}

} // namespace

class TestSessionRecovery : public QObject {
    Q_OBJECT
private slots:
    void unsavedEditsAreWrittenAndSavingRemovesThem() {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(QStringLiteral("recovery.reglab.json"));
        auto w = makeWindow(recovery);
        QVERIFY(!QFile::exists(recovery)); // nothing unsaved yet
        editUnits(w->document(), 17);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(recovery), 5000);
        const auto r = SessionRecovery::read(recovery);
        QVERIFY(r.has_value());
        QCOMPARE(r->spec.model.layers[0].units, 17);
        QVERIFY(r->spec == w->document()->spec());

        QString error;
        QVERIFY2(w->saveFile(dir.filePath(QStringLiteral("saved.reglab.json")), &error),
                 qPrintable(error));
        QVERIFY(!QFile::exists(recovery)); // saved: nothing left to recover
    }

    void aSessionThatDiesIsRestored() {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(QStringLiteral("recovery.reglab.json"));
        const QString file = dir.filePath(QStringLiteral("exp.reglab.json"));
        ExperimentSpec saved;
        {
            auto w = makeWindow(recovery);
            QVERIFY(w->saveFile(file));
            saved = w->document()->spec();
            editUnits(w->document(), 23);
            w->document()->edit(QStringLiteral("l2"), [](ExperimentSpec &s) {
                s.model.layers[1].kernelRegularizer = RegularizerSpec{0.0, 3e-3};
            });
            QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(recovery), 5000);
            QTRY_COMPARE_WITH_TIMEOUT(SessionRecovery::read(recovery)
                                          ->spec.model.layers[1]
                                          .kernelRegularizer.value_or(RegularizerSpec{})
                                          .l2,
                                      3e-3, 5000);
            // The window is destroyed without a close event: the process "crashed".
        }
        QVERIFY(QFile::exists(recovery));

        auto w = makeWindow(recovery);
        QVERIFY(w->offerRecovery(false));
        const ExperimentSpec &spec = w->document()->spec();
        QCOMPARE(spec.model.layers[0].units, 23);
        QCOMPARE(spec.model.layers[1].kernelRegularizer->l2, 3e-3);
        QVERIFY(w->document()->isModified());
        QCOMPARE(w->document()->filePath(), file);
        w->document()->undoStack()->undo(); // back to the file as it was saved
        QVERIFY(w->document()->spec() == saved);
    }

    void aCleanExitLeavesNothing() {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(QStringLiteral("recovery.reglab.json"));
        auto w = makeWindow(recovery);
        editUnits(w->document(), 19);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(recovery), 5000);
        QVERIFY(w->close());
        QVERIFY(!QFile::exists(recovery));
        auto next = makeWindow(recovery);
        QVERIFY(!next->offerRecovery(false));
        QVERIFY(next->document()->spec() == defaultExperiment());
    }

    void aDamagedRecoveryFileIsIgnored() {
        QTemporaryDir dir;
        const QString recovery = dir.filePath(QStringLiteral("recovery.reglab.json"));
        QFile f(recovery);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"file\": \"\", \"experiment\": {\"seed\": -1");
        f.close();
        auto w = makeWindow(recovery);
        QVERIFY(!w->offerRecovery(false));
        QVERIFY(!QFile::exists(recovery));
        QVERIFY(w->document()->spec() == defaultExperiment());
    }
};

QTEST_MAIN(TestSessionRecovery)
#include "tst_session_recovery.moc"
