// SPDX-License-Identifier: GPL-3.0-or-later
// reglab_bench_memory: the resident memory of a long run through the GUI's path, the number
// behind the bound stated in README.md (Long runs in bounded memory). The main window (every view,
// with its curves and weights over time; offscreen) or, with --headless, the TrainingController
// alone trains the built-in experiment for --epochs epochs at full speed; the process's VmRSS
// is printed (one JSON object per line) after the build, at every checkpoint epoch and at
// the end, with the bytes the controller's history and metrics log hold and the points of the
// loss curves.
//
//   reglab_bench_memory [--epochs N] [--headless] [--checkpoints 1000,10000,50000,...]
//
// Not a test: it takes minutes (a 30-minute GUI run of the built-in experiment is about
// 70,000 epochs).

#include "../tests/support/resident_memory.h"
#include "ui/experiment_document.h"
#include "ui/main_window.h"
#include "ui/plots/loss_plot.h"
#include "ui/training/training_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTest>

#include <qcustomplot.h>

#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace reglab;
using namespace reglab::ui;
using reglab::test::residentMiB;

namespace {

struct Options {
    int epochs = 100000;
    bool headless = false;
    std::vector<int> checkpoints{1000, 2000, 5000, 10000, 20000, 50000, 70000, 100000};
};

int usage(int status) {
    std::cerr << "usage: reglab_bench_memory [--epochs N] [--headless] [--checkpoints A,B,...]\n";
    return status;
}

} // namespace

int main(int argc, char **argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--epochs" && i + 1 < argc) {
            o.epochs = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--headless") {
            o.headless = true;
        } else if (a == "--checkpoints" && i + 1 < argc) {
            o.checkpoints.clear();
            std::stringstream list(argv[++i]);
            for (std::string item; std::getline(list, item, ',');)
                o.checkpoints.push_back(std::atoi(item.c_str()));
        } else {
            return usage(a == "--help" || a == "-h" ? 0 : 2);
        }
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<TrainingController> own;
    TrainingController *c = nullptr;
    ExperimentSpec spec = defaultExperiment();
    spec.training.epochs = o.epochs;
    if (o.headless) {
        own = std::make_unique<TrainingController>();
        c = own.get();
        c->setExperiment(spec);
    } else {
        window = std::make_unique<MainWindow>();
        window->setAskBeforeDiscard(false);
        window->setPersistSettings(false);
        window->resize(1280, 800);
        window->show();
        window->document()->edit(QStringLiteral("epochs"),
                                 [&](ExperimentSpec &s) { s.training.epochs = o.epochs; });
        c = window->controller();
    }
    if (!QTest::qWaitFor([&] { return c->hasTrainer() && !c->isBuilding(); }, 60000)) {
        std::cerr << "reglab_bench_memory: the experiment did not build\n";
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    const auto print = [&](const char *when) {
        std::size_t points = 0;
        if (window)
            points = std::size_t(window->lossPlot()->plot()->graph(0)->data()->size());
        std::cout << "{\"case\":\"memory\",\"when\":\"" << when << "\",\"mode\":\""
                  << (o.headless ? "controller" : "window") << "\",\"epoch\":" << c->epoch()
                  << ",\"seconds\":" << timer.elapsed() / 1000.0 << ",\"rss_mib\":" << residentMiB()
                  << ",\"history_epochs\":" << c->history().size()
                  << ",\"history_and_log_kib\":" << double(c->historyBytes()) / 1024.0
                  << ",\"metrics_rows\":" << c->metricsLog().rows()
                  << ",\"loss_curve_points\":" << points << "}" << std::endl;
    };
    print("built");
    std::size_t next = 0;
    QObject::connect(c, &TrainingController::snapshotReady, [&](const TrainingSnapshot &) {
        while (next < o.checkpoints.size() && c->epoch() >= o.checkpoints[next]) {
            ++next;
            print("checkpoint");
        }
    });
    bool done = false;
    QObject::connect(c, &TrainingController::finished, [&] { done = true; });
    c->play();
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    print("end");
    return 0;
}
