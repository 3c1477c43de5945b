// SPDX-License-Identifier: GPL-3.0-or-later
// A seeded random driver of the real main window: edits through the document and the
// widgets (layers, units, regularizers, λ, learning rate, convention, epochs, data set),
// example experiments, lessons and a broken file, undo and redo, play, pause, step and
// reset, resizes, and now and then closing the window and making a new one, with events
// processed between the actions. Nothing may crash, hang or trip a sanitizer.
//
//   REGLAB_RANDOM_SECONDS  how long to run (default 20)
//   REGLAB_RANDOM_SEED     the seed (default 1); printed at the start and on failure
//   REGLAB_RANDOM_VERBOSE  1: print every action as it is done
//
// On a failed check, a crash (SIGSEGV, SIGABRT) or a sanitizer finding, the seed and the
// last actions are printed.

#include "core/experiment_spec.h"
#include "core/random.h"
#include "ui/editor/network_editor.h"
#include "ui/experiment_document.h"
#include "ui/main_window.h"
#include "ui/plots/accuracy_plot.h"
#include "ui/plots/change_markers.h"
#include "ui/plots/loss_plot.h"
#include "ui/training/run_bar.h"
#include "ui/training/training_controller.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>
#include <QtTest>

#include <array>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dlfcn.h>
#include <memory>
#include <unistd.h>

using namespace reglab;
using namespace reglab::ui;

namespace {

/// The last actions, kept in fixed buffers so that a signal handler can print them.
class ActionLog {
public:
    static constexpr int kKept = 24;
    static constexpr std::size_t kLength = 160;

    void add(const QByteArray &text) {
        char *slot = m_entries[std::size_t(m_count % kKept)].data();
        const std::size_t n = std::min<std::size_t>(std::size_t(text.size()), kLength - 2);
        std::memcpy(slot, text.constData(), n);
        slot[n] = '\n';
        slot[n + 1] = '\0';
        ++m_count;
    }
    long long count() const { return m_count; }
    /// Writes the seed and the kept actions to stderr with write(2) only.
    void dump(const char *why) const {
        write(why);
        write(m_seedLine.data());
        const long long first = std::max(0LL, m_count - kKept);
        for (long long i = first; i < m_count; ++i)
            write(m_entries[std::size_t(i % kKept)].data());
    }
    void setSeed(unsigned long long seed) {
        std::snprintf(m_seedLine.data(), m_seedLine.size(),
                      "random interaction: seed %llu (REGLAB_RANDOM_SEED), last actions:\n", seed);
    }

private:
    static void write(const char *text) {
        const ssize_t ignored = ::write(2, text, std::strlen(text));
        (void)ignored;
    }
    std::array<std::array<char, kLength>, kKept> m_entries{};
    std::array<char, 128> m_seedLine{};
    long long m_count = 0;
};

ActionLog g_log;

extern "C" void dumpOnSanitizerDeath() {
    g_log.dump("\n*** sanitizer finding\n");
}

extern "C" void dumpOnSignal(int sig) {
    g_log.dump(sig == SIGSEGV ? "\n*** SIGSEGV\n" : "\n*** SIGABRT\n");
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

int envInt(const char *name, int fallback) {
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok ? value : fallback;
}

const std::array<const char *, 7> kSyntheticSets{"spiral", "circle", "xor",          "gaussian",
                                                 "moons",  "plane",  "multigaussian"};
const std::array<double, 7> kScales{0.0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0};
const std::array<double, 5> kLearningRates{1e-4, 1e-3, 3e-3, 1e-2, 0.1};

} // namespace

class TestRandomInteraction : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void randomActions();
    void cleanup();

private:
    void makeWindow();
    void act();
    void editSpec(const QString &what, const std::function<void(ExperimentSpec &)> &change,
                  int mergeKey = -1);
    int pick(int n) { return int(m_rng.below(std::uint64_t(std::max(1, n)))); }
    void note(const QString &text);

    std::unique_ptr<MainWindow> m_window;
    Random m_rng{1};
    unsigned long long m_seed = 1;
    QString m_brokenFile;
    QStringList m_examples;
    QTemporaryDir m_dir;
    bool m_verbose = false;
    int m_windows = 0;
    int m_dialogs = 0;
};

void TestRandomInteraction::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("RegLabTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_random_interaction"));
    m_seed = qEnvironmentVariableIsSet("REGLAB_RANDOM_SEED")
                 ? qEnvironmentVariable("REGLAB_RANDOM_SEED").toULongLong()
                 : 1ULL;
    m_rng = Random(m_seed);
    m_verbose = envInt("REGLAB_RANDOM_VERBOSE", 0) != 0;
    g_log.setSeed(m_seed);
    std::signal(SIGSEGV, dumpOnSignal);
    std::signal(SIGABRT, dumpOnSignal);
    // Sanitizer runtimes call this back before they end the process on a finding
    // (halt_on_error); other builds have no such function.
    using SetDeathCallback = void (*)(void (*)());
    if (void *set = dlsym(RTLD_DEFAULT, "__sanitizer_set_death_callback"))
        reinterpret_cast<SetDeathCallback>(set)(dumpOnSanitizerDeath);

    QVERIFY(m_dir.isValid());
    m_brokenFile = m_dir.filePath(QStringLiteral("broken.reglab.json"));
    QFile broken(m_brokenFile);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write(R"({"format": "reglab-experiment", "model": {"layers": [{"units": -3,)");
    broken.close();
    const QDir examples(QStringLiteral(REGLAB_SOURCE_DIR "/examples"));
    for (const QString &name : examples.entryList({QStringLiteral("*.json")}, QDir::Files))
        m_examples << examples.filePath(name);
    QVERIFY(!m_examples.isEmpty());

    // No modal dialog may block the run: every one that opens is answered by closing it.
    auto *closer = new QTimer(this);
    connect(closer, &QTimer::timeout, this, [this] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            ++m_dialogs;
            note(QStringLiteral("(closed dialog \"%1\")").arg(modal->windowTitle()));
            modal->close();
        }
    });
    closer->start(100);
}

void TestRandomInteraction::cleanup() {
    if (QTest::currentTestFailed())
        g_log.dump("\n*** failed\n");
    m_window.reset();
}

void TestRandomInteraction::note(const QString &text) {
    const QByteArray line = QByteArray::number(g_log.count() + 1) + ' ' + text.toUtf8();
    g_log.add(line);
    if (m_verbose)
        qInfo("%s", line.constData());
}

void TestRandomInteraction::makeWindow() {
    m_window.reset(); // the old one first: one trainer thread at a time
    m_window = std::make_unique<MainWindow>();
    m_window->setAskBeforeDiscard(false);
    m_window->setPersistSettings(false);
    m_window->resize(1024 + 64 * pick(5), 700 + 50 * pick(4));
    m_window->show();
    ++m_windows;
}

void TestRandomInteraction::editSpec(const QString &what,
                                     const std::function<void(ExperimentSpec &)> &change,
                                     int mergeKey) {
    note(what);
    m_window->document()->edit(what, change, mergeKey);
}

void TestRandomInteraction::act() {
    MainWindow &w = *m_window;
    ExperimentDocument *doc = w.document();
    TrainingController *c = w.controller();
    const int layers = int(doc->spec().model.layers.size());
    const int layer = layers > 0 ? pick(layers) : 0;
    const Tensor tensor = pick(4) == 0 ? Tensor::Bias : Tensor::Kernel;
    switch (pick(22)) {
    case 0:
        note(QStringLiteral("add layer at %1").arg(layer));
        w.networkEditor()->addLayer(layer);
        break;
    case 1:
        note(QStringLiteral("remove layer %1").arg(layer));
        w.networkEditor()->removeLayer(layer);
        break;
    case 2: {
        const int delta = pick(2) == 0 ? -(1 + pick(16)) : 1 + pick(16);
        note(QStringLiteral("units %1 of layer %2").arg(delta).arg(layer));
        w.networkEditor()->changeUnits(layer, delta);
        break;
    }
    case 3:
    case 4: {
        const double l1 = pick(2) == 0 ? 0.0 : kScales[std::size_t(pick(int(kScales.size())))];
        const double l2 = kScales[std::size_t(pick(int(kScales.size())))];
        editSpec(
            QStringLiteral("λ of layer %1 (%2): l1 %3, l2 %4")
                .arg(layer)
                .arg(tensor == Tensor::Bias ? "bias" : "kernel")
                .arg(l1)
                .arg(l2),
            [=](ExperimentSpec &s) {
                if (std::size_t(layer) >= s.model.layers.size())
                    return;
                auto &l = s.model.layers[std::size_t(layer)];
                auto &reg = tensor == Tensor::Bias ? l.biasRegularizer : l.kernelRegularizer;
                if (l1 == 0.0 && l2 == 0.0)
                    reg.reset();
                else
                    reg = RegularizerSpec{l1, l2};
            },
            tensor == Tensor::Bias ? ExperimentDocument::MergeBiasScale
                                   : ExperimentDocument::MergeKernelScale);
        break;
    }
    case 5: {
        const double lr = kLearningRates[std::size_t(pick(int(kLearningRates.size())))];
        note(QStringLiteral("learning rate %1 (spin box)").arg(lr));
        w.runBar()->learningRateSpin()->setValue(lr);
        break;
    }
    case 6: {
        QComboBox *convention = w.runBar()->conventionCombo();
        const int index = pick(convention->count());
        note(QStringLiteral("convention combo %1").arg(index));
        convention->setCurrentIndex(index);
        break;
    }
    case 7: {
        const int epochs = 1 + pick(4) * 25 + pick(3) * 500;
        note(QStringLiteral("epochs spin %1").arg(epochs));
        w.runBar()->epochsSpin()->setValue(epochs);
        break;
    }
    case 8: {
        const char *set = kSyntheticSets[std::size_t(pick(int(kSyntheticSets.size())))];
        const int samples = 50 + 50 * pick(8);
        editSpec(QStringLiteral("data set %1, %2 samples").arg(set).arg(samples),
                 [=](ExperimentSpec &s) {
                     s.dataset = DatasetSpec{};
                     s.dataset.source = set;
                     s.dataset.samples = samples;
                 });
        break;
    }
    case 9:
        if (pick(3) == 0) {
            editSpec(QStringLiteral("data set mnist-10k, limit 600"), [](ExperimentSpec &s) {
                s.dataset = DatasetSpec{};
                s.dataset.source = "mnist-10k";
                s.dataset.limit = 600;
            });
        }
        break;
    case 10: {
        const QString path = m_examples[pick(int(m_examples.size()))];
        note(QStringLiteral("open %1").arg(QFileInfo(path).fileName()));
        QString error;
        QVERIFY2(w.openFile(path, &error), qPrintable(error));
        break;
    }
    case 11: {
        const int lesson = 1 + pick(5);
        note(QStringLiteral("open lesson %1").arg(lesson));
        QString error;
        QVERIFY2(w.openLesson(lesson, &error), qPrintable(error));
        break;
    }
    case 12: {
        note(QStringLiteral("open the broken file"));
        QString error;
        QVERIFY(!w.openFile(m_brokenFile, &error));
        QVERIFY(!error.isEmpty());
        break;
    }
    case 13:
    case 14:
        note(QStringLiteral("undo"));
        doc->undoStack()->undo();
        break;
    case 15:
        note(QStringLiteral("redo"));
        doc->undoStack()->redo();
        break;
    case 16:
        note(QStringLiteral("play (action)"));
        w.runBar()->playAction()->trigger();
        break;
    case 17:
        note(QStringLiteral("pause"));
        c->pause();
        break;
    case 18:
        note(QStringLiteral("step (action)"));
        w.runBar()->stepAction()->trigger();
        break;
    case 19:
        note(QStringLiteral("reset (action)"));
        w.runBar()->resetAction()->trigger();
        break;
    case 20: {
        const QSize size(800 + 80 * pick(8), 600 + 60 * pick(6));
        note(QStringLiteral("resize %1x%2").arg(size.width()).arg(size.height()));
        w.resize(size);
        break;
    }
    case 21:
        if (pick(4) == 0) {
            note(QStringLiteral("close and recreate the window"));
            QVERIFY(w.close());
            makeWindow();
        } else {
            note(QStringLiteral("new experiment"));
            w.newExperiment();
        }
        break;
    }
}

void TestRandomInteraction::randomActions() {
    const int seconds = std::max(1, envInt("REGLAB_RANDOM_SECONDS", 20));
    qInfo("random interaction: seed %llu, %d s (REGLAB_RANDOM_SEED, REGLAB_RANDOM_SECONDS)", m_seed,
          seconds);
    makeWindow();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < qint64(seconds) * 1000) {
        act();
        if (QTest::currentTestFailed())
            return;
        // Events between the actions: sometimes none, sometimes long enough to train.
        const int pause = pick(4) == 0 ? 100 + pick(400) : pick(30);
        QTest::qWait(pause);
    }
    // Still alive and able to train: the default experiment plays, and a λ changed while
    // it trains reaches the loss and accuracy plots' markers with the layer and the values.
    note(QStringLiteral("final check: default experiment, play, change λ"));
    m_window->newExperiment();
    ExperimentSpec small = defaultExperiment();
    small.training.epochs = 100000;
    m_window->document()->load(small);
    TrainingController *c = m_window->controller();
    QTRY_VERIFY_WITH_TIMEOUT(c->hasTrainer() && !c->isBuilding(), 60000);
    c->play();
    QTRY_VERIFY_WITH_TIMEOUT(c->epoch() >= 2, 120000);
    const std::string layer = small.model.layers.front().name;
    const double before =
        small.model.layers.front().kernelRegularizer.value_or(RegularizerSpec{}).l2;
    const double after = before == 0.5 ? 0.25 : 0.5;
    m_window->document()->edit(QStringLiteral("λ"), [after](ExperimentSpec &s) {
        s.model.layers.front().kernelRegularizer = RegularizerSpec{0.0, after};
    });
    const QString expected = ChangeMarkers::describe(
        {0, LiveChange::Kind::L2, QString::fromStdString(layer), Tensor::Kernel, before, after});
    QVERIFY(expected.contains(QString::fromStdString(layer)));
    for (TrainingView *view : {static_cast<TrainingView *>(m_window->lossPlot()),
                               static_cast<TrainingView *>(m_window->accuracyPlot())}) {
        QTRY_VERIFY2_WITH_TIMEOUT(view->changeMarkers()->labels().contains(expected),
                                  qPrintable(view->changeMarkers()->labels().join(" | ")), 120000);
    }
    c->pause();
    qInfo("random interaction: seed %llu, %.1f s, %lld actions, %d windows, %d dialogs closed",
          m_seed, double(clock.elapsed()) / 1000.0, g_log.count(), m_windows, m_dialogs);
}

QTEST_MAIN(TestRandomInteraction)
#include "tst_random_interaction.moc"
