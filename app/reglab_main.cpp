// SPDX-License-Identifier: GPL-3.0-or-later
// reglab: the desktop application. Also renders screenshots without a display:
//   QT_QPA_PLATFORM=offscreen reglab --train-epochs 150 --screenshot out.png --size 1600x1000
//   QT_QPA_PLATFORM=offscreen reglab --lang ko --lesson 1 --train-epochs 150 --screenshot ko.png
//   reglab --speed 5 --train-epochs 300 --screenshot-at-epoch 40 --screenshot paced.png
//   reglab --open-run runs/spiral-l2 --screenshot run.png --size 1600x1000
#include "core/compare/sweep.h"
#include "core/io/experiment_json.h"
#include "ui/compare/compare_setup_pane.h"
#include "ui/compare/compare_weights_view.h"
#include "ui/compare/compare_window.h"
#include "ui/editor/network_editor.h"
#include "ui/experiment_document.h"
#include "ui/language.h"
#include "ui/lessons/lesson_catalogue.h"
#include "ui/lessons/lesson_start_page.h"
#include "ui/lessons/lesson_viewer.h"
#include "ui/main_window.h"
#include "ui/plots/feature_map_view.h"
#include "ui/plots/histogram_plot.h"
#include "ui/run_window.h"
#include "ui/session_recovery.h"
#include "ui/training/training_controller.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QPixmap>
#include <QRegularExpression>
#include <QTimer>

#include <qcustomplot.h>

#include <cstdio>
#include <optional>

using reglab::ui::CompareWindow;
using reglab::ui::LessonCatalogue;
using reglab::ui::LessonStartPage;
using reglab::ui::MainWindow;
using reglab::ui::RunWindow;
using reglab::ui::SessionRecovery;
using reglab::ui::TrainingController;
using reglab::ui::UiLanguage;

namespace {

void printError(const QString &message) {
    std::fprintf(stderr, "reglab: error: %s\n", qPrintable(message));
}

/// The value of `--name VALUE` or `--name=VALUE`, read before the command-line parser exists
/// (its help texts are translated, so the language must be known first). Null when absent.
QString earlyOptionValue(const QStringList &arguments, const QString &name) {
    const QString flag = QStringLiteral("--") + name;
    QString value;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == flag && i + 1 < arguments.size())
            value = arguments[i + 1];
        else if (arguments[i].startsWith(flag + QLatin1Char('=')))
            value = arguments[i].mid(flag.size() + 1);
    }
    return value;
}

/// The number given to `option`, `absent` when it is not given. Prints an error naming
/// `expected` and returns nothing when it is not a number from `min` to `max`.
std::optional<double> numberOption(const QCommandLineParser &parser,
                                   const QCommandLineOption &option, double min, double max,
                                   double absent, const QString &expected) {
    if (!parser.isSet(option))
        return absent;
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (ok && value >= min && value <= max)
        return value;
    printError(QStringLiteral("--%1: expected %2, got \"%3\"")
                   .arg(option.names().constFirst(), expected, parser.value(option)));
    return std::nullopt;
}

/// --weights-view: the view, and for ridge-log the log count axis.
void showWeightsView(reglab::ui::WeightViewControls *controls,
                     reglab::ui::WeightViewControls::View view, bool logCount) {
    controls->setView(view);
    reglab::ui::WeightViewOptions o = controls->options();
    o.logCount = logCount;
    controls->setOptions(o);
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("RegLab"));
    QApplication::setApplicationName(QStringLiteral("RegLab"));
    QApplication::setApplicationDisplayName(QStringLiteral("RegLab"));
#ifdef REGLAB_VERSION
    QApplication::setApplicationVersion(QStringLiteral(REGLAB_VERSION));
#endif

    // The translators go in before any widget exists: --lang, else Help > Language, else the
    // system locale.
    const QString langArgument = earlyOptionValue(app.arguments(), QStringLiteral("lang"));
    const std::optional<UiLanguage> langChoice = langArgument.isNull()
                                                     ? std::optional(reglab::ui::storedLanguage())
                                                     : reglab::ui::parseLanguage(langArgument);
    if (langChoice)
        reglab::ui::installTranslators(reglab::ui::resolveLanguage(*langChoice));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "A laboratory for neural-network regularization."));
    parser.addHelpOption();
    const QCommandLineOption openOption(QStringLiteral("open"),
                                        QApplication::translate("main", "Open an experiment file."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption epochsOption(
        QStringLiteral("train-epochs"),
        QApplication::translate("main", "Train N epochs right away (0: only build)."),
        QStringLiteral("N"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QApplication::translate("main", "After training, save the window as an image and quit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption sizeOption(
        QStringLiteral("size"), QApplication::translate("main", "Window size, e.g. 1600x1000."),
        QStringLiteral("WxH"));
    const QCommandLineOption lessonOption(
        QStringLiteral("lesson"),
        QApplication::translate("main", "Open lesson N (1-%1) with its explanation.")
            .arg(LessonCatalogue::count()),
        QStringLiteral("N"));
    const QCommandLineOption langOption(
        QStringLiteral("lang"),
        QApplication::translate("main", "User-interface language: ko, en or system."),
        QStringLiteral("LANG"));
    const QCommandLineOption presentationOption(
        QStringLiteral("presentation"),
        QApplication::translate("main",
                                "Presentation mode: larger text, thicker lines in every plot."));
    const QCommandLineOption zoomOption(
        QStringLiteral("zoom"),
        QApplication::translate("main", "Zoom the text, e.g. 1.25 (0.8 to 2.5)."),
        QStringLiteral("F"));
    const QCommandLineOption plotOption(
        QStringLiteral("plot"),
        QApplication::translate(
            "main", "When the plots are tabs (a small window), show plot N (1-4) first."),
        QStringLiteral("N"));
    const QCommandLineOption speedOption(
        QStringLiteral("speed"),
        QApplication::translate("main",
                                "Play's pace in epochs per second (0: as fast as possible)."),
        QStringLiteral("N"));
    const QCommandLineOption overTimeOption(
        QStringLiteral("weights-over-time"),
        QApplication::translate("main",
                                "Show the weight histograms over time (percentile bands)."));
    const QCommandLineOption weightsViewOption(
        QStringLiteral("weights-view"),
        QApplication::translate("main",
                                "Show the weights over time as distributions or as histograms "
                                "(ridges; ridge-log: on a log count axis), in the main, run or "
                                "compare window."),
        QStringLiteral("distributions|ridge|ridge-log"));
    const QCommandLineOption neuronsOption(
        QStringLiteral("neurons"),
        QApplication::translate("main", "Show every neuron of the network (View, Every neuron): "
                                        "dead and pruned units marked and counted."));
    const QCommandLineOption shotEpochOption(
        QStringLiteral("screenshot-at-epoch"),
        QApplication::translate("main",
                                "Take the screenshot when training reaches epoch E, mid-run."),
        QStringLiteral("E"));
    const QCommandLineOption openRunOption(
        QStringLiteral("open-run"),
        QApplication::translate("main",
                                "Show a finished run folder (reglab-cli train's output) with "
                                "all its plots."),
        QStringLiteral("DIR"));
    const QCommandLineOption compareRunsOption(
        QStringLiteral("compare-runs"),
        QApplication::translate("main",
                                "Compare finished runs side by side: a run folder, a sweep folder "
                                "or a folder of run folders (may be given several times)."),
        QStringLiteral("DIR"));
    const QCommandLineOption selectLayerOption(
        QStringLiteral("select-layer"),
        QApplication::translate("main", "Select entry N (1 = the first) of the model's layer "
                                        "list, so the Layer panel shows it."),
        QStringLiteral("N"));
    const QCommandLineOption compareSizesOption(
        QStringLiteral("compare-sizes"),
        QApplication::translate("main", "Compare the opened experiment's network as the Overfit "
                                        "and underfit tutorial's Tiny, Small, Medium and Large "
                                        "models (ELU), trained side by side."));
    const QCommandLineOption featureMapsOption(
        QStringLiteral("feature-maps"),
        QApplication::translate("main", "Show the feature maps of test image N through every conv "
                                        "and max-pool layer (View, Feature maps)."),
        QStringLiteral("N"));
    const QCommandLineOption compareL2Option(
        QStringLiteral("compare-l2"),
        QApplication::translate("main", "Compare the opened experiment's L2 scale λ on every "
                                        "layer, the conv layers only or the dense layers only, "
                                        "trained side by side."),
        QStringLiteral("all|conv|dense"));
    parser.addOptions({openOption,        epochsOption,       screenshotOption,   sizeOption,
                       lessonOption,      langOption,         presentationOption, zoomOption,
                       plotOption,        speedOption,        overTimeOption,     weightsViewOption,
                       neuronsOption,     shotEpochOption,    openRunOption,      compareRunsOption,
                       selectLayerOption, compareSizesOption, featureMapsOption,  compareL2Option});
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QApplication::translate("main", "An experiment file to open."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    QString openPath = parser.value(openOption);
    if (openPath.isEmpty() && !parser.positionalArguments().isEmpty())
        openPath = parser.positionalArguments().constFirst();
    const QString screenshot = parser.value(screenshotOption);
    int trainEpochs = -1;
    if (parser.isSet(epochsOption)) {
        bool ok = false;
        trainEpochs = parser.value(epochsOption).toInt(&ok);
        if (!ok || trainEpochs < 0) {
            printError(QStringLiteral("--train-epochs: expected a number >= 0, got \"%1\"")
                           .arg(parser.value(epochsOption)));
            return 2;
        }
    }
    if (!langChoice) {
        printError(QStringLiteral("--lang: expected ko, en or system, got \"%1\"")
                       .arg(parser.value(langOption)));
        return 2;
    }
    int lesson = 0;
    if (parser.isSet(lessonOption)) {
        bool ok = false;
        lesson = parser.value(lessonOption).toInt(&ok);
        if (!ok || !LessonCatalogue::isValid(lesson)) {
            printError(QStringLiteral("--lesson: expected a lesson number from 1 to %1, got \"%2\"")
                           .arg(LessonCatalogue::count())
                           .arg(parser.value(lessonOption)));
            return 2;
        }
        if (!openPath.isEmpty()) {
            printError(QStringLiteral("--lesson: cannot be combined with a file to open"));
            return 2;
        }
    }
    const auto zoom =
        numberOption(parser, zoomOption, 0.8, 2.5, 0, QStringLiteral("a factor from 0.8 to 2.5"));
    const auto plot =
        numberOption(parser, plotOption, 1, 4, 0, QStringLiteral("a number from 1 to 4"));
    const auto speedValue =
        numberOption(parser, speedOption, 0, 1e6, 0, QStringLiteral("a number >= 0"));
    const auto shotEpochValue =
        numberOption(parser, shotEpochOption, 0, 1e6, 0, QStringLiteral("a number >= 0"));
    const auto selectLayer = numberOption(parser, selectLayerOption, 1, reglab::limits::kMaxLayers,
                                          0, QStringLiteral("a number from 1 to 64"));
    const auto featureMaps = numberOption(parser, featureMapsOption, 0, reglab::limits::kMaxSamples,
                                          -1, QStringLiteral("a test image index >= 0"));
    if (!zoom || !plot || !speedValue || !shotEpochValue || !selectLayer || !featureMaps)
        return 2;
    int compareGroup = 0;
    if (parser.isSet(compareL2Option)) {
        const QString v = parser.value(compareL2Option);
        if (v == QLatin1String("all"))
            compareGroup = reglab::kEveryLayer;
        else if (v == QLatin1String("conv"))
            compareGroup = reglab::kEveryConvLayer;
        else if (v == QLatin1String("dense"))
            compareGroup = reglab::kEveryDenseLayer;
        else {
            printError(
                QStringLiteral("--compare-l2: expected all, conv or dense, got \"%1\"").arg(v));
            return 2;
        }
    }
    const double speed = *speedValue;
    const int shotEpoch = int(*shotEpochValue);
    QSize size;
    if (parser.isSet(sizeOption)) {
        static const QRegularExpression re(QStringLiteral("^(\\d+)x(\\d+)$"));
        const auto match = re.match(parser.value(sizeOption));
        if (!match.hasMatch() || match.captured(1).toInt() < 200
            || match.captured(2).toInt() < 200) {
            printError(
                QStringLiteral("--size: expected WIDTHxHEIGHT (at least 200x200), got \"%1\"")
                    .arg(parser.value(sizeOption)));
            return 2;
        }
        size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
    }
    std::optional<reglab::ui::WeightViewControls::View> weightsView;
    bool weightsLog = false;
    if (parser.isSet(weightsViewOption)) {
        const QString v = parser.value(weightsViewOption);
        if (v == QLatin1String("distributions"))
            weightsView = reglab::ui::WeightViewControls::View::Distributions;
        else if (v == QLatin1String("ridge") || v == QLatin1String("ridge-log"))
            weightsView = reglab::ui::WeightViewControls::View::Ridge;
        else {
            printError(QStringLiteral("--weights-view: expected distributions, ridge or ridge-log, "
                                      "got \"%1\"")
                           .arg(v));
            return 2;
        }
        weightsLog = v == QLatin1String("ridge-log");
    }

    // A finished run, or finished runs compared: their window alone, nothing to train.
    QWidget *finished = nullptr;
    QString finishedError;
    if (parser.isSet(openRunOption))
        finished = RunWindow::open(parser.value(openRunOption), &finishedError);
    else if (parser.isSet(compareRunsOption))
        finished = CompareWindow::openRunFolders(parser.values(compareRunsOption), &finishedError);
    if (parser.isSet(openRunOption) || parser.isSet(compareRunsOption)) {
        if (!finished) {
            printError(finishedError);
            return 1;
        }
        if (size.isValid())
            finished->resize(size);
        if (weightsView) {
            if (auto *compare = qobject_cast<CompareWindow *>(finished)) {
                compare->showWeightsOverTime();
                showWeightsView(compare->weightsView()->controls(), *weightsView, weightsLog);
            } else if (auto *histograms = finished->findChild<reglab::ui::HistogramPlot *>()) {
                showWeightsView(histograms->controls(), *weightsView, weightsLog);
            }
        }
        finished->show();
        if (screenshot.isEmpty())
            return app.exec();
        int exitCode = 0;
        // The compare window draws its runs from the event loop: leave it a moment.
        QTimer::singleShot(400, finished, [finished, &app, &exitCode, screenshot] {
            if (auto *run = qobject_cast<RunWindow *>(finished))
                run->replotAll();
            for (QCustomPlot *p : finished->findChildren<QCustomPlot *>())
                p->replot(QCustomPlot::rpImmediateRefresh);
            if (!finished->grab().save(screenshot)) {
                printError(QStringLiteral("%1: cannot write the screenshot").arg(screenshot));
                exitCode = 1;
            }
            app.exit(exitCode);
        });
        app.exec();
        return exitCode;
    }

    if (parser.isSet(compareSizesOption) || parser.isSet(compareL2Option)) {
        reglab::ExperimentSpec spec = reglab::defaultExperiment();
        QString baseDir;
        if (!openPath.isEmpty()) {
            try {
                spec = reglab::loadExperimentFile(openPath.toStdString());
            } catch (const std::exception &e) {
                printError(QString::fromStdString(e.what()));
                return 1;
            }
            baseDir = QFileInfo(openPath).absolutePath();
        }
        if (trainEpochs > 0)
            spec.training.epochs = trainEpochs;
        auto *compare = new CompareWindow(spec, baseDir);
        compare->setAttribute(Qt::WA_DeleteOnClose);
        if (parser.isSet(compareL2Option)) {
            if (!compare->setupPane()->setLayerChoice(compareGroup)) {
                printError(QStringLiteral("--compare-l2: the experiment has no such layers"));
                return 1;
            }
            compare->setupPane()->setScaleList(QStringLiteral("0, 1e-3, 1e-2, 3e-2"));
        } else {
            try {
                compare->setVariants(
                    reglab::makeModelSizeVariants(spec, reglab::tutorialModelSizes()),
                    reglab::VariationKind::ModelSize);
            } catch (const std::exception &e) {
                printError(QString::fromStdString(e.what()));
                return 1;
            }
        }
        compare->setEpochs(spec.training.epochs);
        if (size.isValid())
            compare->resize(size);
        compare->show();
        if (!compare->start()) {
            printError(compare->errorText());
            return 1;
        }
        if (screenshot.isEmpty())
            return app.exec();
        int exitCode = 0;
        QObject::connect(
            compare, &CompareWindow::finished, compare, [compare, &app, &exitCode, screenshot] {
                QTimer::singleShot(300, compare, [compare, &app, &exitCode, screenshot] {
                    for (QCustomPlot *p : compare->findChildren<QCustomPlot *>())
                        p->replot(QCustomPlot::rpImmediateRefresh);
                    if (!compare->grab().save(screenshot)) {
                        printError(
                            QStringLiteral("%1: cannot write the screenshot").arg(screenshot));
                        exitCode = 1;
                    }
                    app.exit(exitCode);
                });
            });
        app.exec();
        return exitCode;
    }

    MainWindow window;
    if (screenshot.isEmpty()) {
        window.restoreSettings();
        window.enableRecovery(SessionRecovery::defaultPath());
    } else {
        window.setPersistSettings(false); // reproducible pictures, untouched user settings
        window.setAskBeforeDiscard(false);
    }
    if (*zoom > 0.0)
        window.setZoom(*zoom);
    if (parser.isSet(presentationOption))
        window.setPresentationMode(true);
    if (*plot > 0)
        window.showPlot(int(*plot) - 1);
    if (parser.isSet(overTimeOption))
        window.histogramPlot()->setOverTime(true);
    if (weightsView)
        showWeightsView(window.histogramPlot()->controls(), *weightsView, weightsLog);
    if (parser.isSet(neuronsOption))
        window.setNeuronViewShown(true);
    if (*featureMaps >= 0) {
        window.featureMapView()->setImageIndex(int(*featureMaps));
        window.setFeatureMapViewShown(true);
    }
    if (!openPath.isEmpty()) {
        QString error;
        if (!window.openFile(openPath, &error)) {
            printError(error);
            return 1;
        }
    }
    if (lesson > 0) {
        QString error;
        if (!window.openLesson(lesson, &error)) {
            printError(error);
            return 1;
        }
    }
    auto *doc = window.document();
    TrainingController *controller = window.controller();
    if (trainEpochs > 0) {
        reglab::ExperimentSpec spec = doc->spec();
        spec.training.epochs = trainEpochs;
        doc->load(spec, doc->filePath());
    }
    if (*selectLayer > 0)
        window.networkEditor()->selectLayer(int(*selectLayer) - 1); // out of range: none
    window.setEpochsPerSecond(speed);
    if (size.isValid())
        window.resize(size);
    window.show();
    if (screenshot.isEmpty() && openPath.isEmpty() && lesson == 0) {
        QTimer::singleShot(0, &window, [&window] {
            if (!window.offerRecovery() && LessonStartPage::showAtStartup())
                window.showStartPage();
        });
    }

    int exitCode = 0;
    if (!screenshot.isEmpty()) {
        auto grabAndQuit = [&window, &app, &exitCode, screenshot](int code) {
            // Let queued replots and layout settle, then draw every plot now.
            QTimer::singleShot(50, &window, [&window, &app, &exitCode, screenshot, code] {
                window.replotAll();
                window.lessonViewer()->refreshNow(); // its checks follow at most 5 times a second
                if (!window.grab().save(screenshot)) {
                    printError(QStringLiteral("%1: cannot write the screenshot").arg(screenshot));
                    exitCode = 1;
                } else {
                    exitCode = code;
                }
                app.exit(exitCode);
            });
        };
        QObject::connect(controller, &TrainingController::finished, &window,
                         [grabAndQuit] { grabAndQuit(0); });
        QObject::connect(controller, &TrainingController::diverged, &window,
                         [grabAndQuit] { grabAndQuit(0); });
        QObject::connect(controller, &TrainingController::errorOccurred, &window,
                         [grabAndQuit](const QString &message) {
                             printError(message);
                             grabAndQuit(1);
                         });
        if (shotEpoch > 0) {
            QObject::connect(controller, &TrainingController::snapshotReady, &window,
                             [controller, shotEpoch, grabAndQuit, done = false]() mutable {
                                 if (!done && controller->epoch() >= shotEpoch) {
                                     done = true;
                                     grabAndQuit(0);
                                 }
                             });
        } else if (trainEpochs <= 0) {
            QObject::connect(
                controller, &TrainingController::snapshotReady, &window,
                [grabAndQuit] { grabAndQuit(0); }, Qt::SingleShotConnection);
        }
    }
    if (trainEpochs > 0)
        controller->play();
    const int result = app.exec();
    return screenshot.isEmpty() ? result : exitCode;
}
