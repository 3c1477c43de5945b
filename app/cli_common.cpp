// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli_common.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/io/weights_io.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include <unistd.h>

namespace reglab::cli {

namespace fs = std::filesystem;

std::string experimentBaseDir(const std::string &experimentPath) {
    return fs::path(experimentPath).parent_path().string();
}

std::shared_ptr<const Dataset> loadData(const ExperimentSpec &spec,
                                        const std::string &experimentPath) {
    try {
        return std::make_shared<const Dataset>(
            loadDataset(spec.dataset, spec.seed, experimentBaseDir(experimentPath)));
    } catch (const InputError &e) {
        // The core names the source ("spiral", "idx", ...) as the file when the data spec
        // itself is wrong; that spec lives in the experiment file.
        const std::string &source = spec.dataset.source;
        if (e.file().empty() || e.file() == source || e.file() == "(none)")
            throw InputError(experimentPath, e.field(), e.message());
        throw;
    }
}

std::unique_ptr<Trainer> makeTrainer(const ExperimentSpec &spec,
                                     std::shared_ptr<const Dataset> data, int threads,
                                     const std::string &experimentPath) {
    try {
        TrainerOptions options;
        options.threads = threads;
        return std::make_unique<Trainer>(spec, std::move(data), options);
    } catch (const InputError &e) {
        if (e.file().empty())
            throw InputError(experimentPath, e.field(), e.message());
        throw;
    }
}

void loadInitialWeights(Trainer &trainer, const std::string &path) {
    Network<float> weights = trainer.network();
    loadWeights(weights, path);
    try {
        trainer.setWeights(weights);
    } catch (const InputError &e) {
        if (e.file().empty())
            throw InputError(path, e.field(), e.message());
        throw;
    }
}

void checkOutputFolder(const std::string &dir) {
    if (dir.empty())
        throw OutputError(dir, "the output folder name is empty");
    std::error_code ec;
    const fs::path target = fs::absolute(fs::path(dir), ec);
    if (ec)
        throw OutputError(dir, "cannot resolve the path: " + ec.message());
    // The nearest ancestor (or the folder itself) that exists decides.
    fs::path p = target;
    while (!fs::exists(fs::symlink_status(p, ec)) && p.has_parent_path() && p.parent_path() != p)
        p = p.parent_path();
    if (!fs::is_directory(p, ec)) {
        throw OutputError(dir, p == target ? std::string("exists and is not a folder")
                                           : "cannot create the folder: " + p.string()
                                                 + " is not a folder");
    }
    if (::access(p.c_str(), W_OK | X_OK) != 0) {
        throw OutputError(dir, "cannot write into " + p.string() + ": " + std::strerror(errno));
    }
}

void createOutputFolder(const std::string &dir) {
    checkOutputFolder(dir);
    makeDirectories(dir);
}

std::string format(const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    va_list copy;
    va_copy(copy, args);
    const int n = std::vsnprintf(nullptr, 0, fmt, copy);
    va_end(copy);
    std::string out(n > 0 ? std::size_t(n) : 0, '\0');
    if (n > 0)
        std::vsnprintf(out.data(), out.size() + 1, fmt, args);
    va_end(args);
    return out;
}

std::string csvCell(const std::string &text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + "\"";
}

// --- interrupts ---------------------------------------------------------------------------

namespace {

// Only lock-free atomics may be touched from a signal handler.
static_assert(std::atomic<int>::is_always_lock_free);
static_assert(std::atomic<Trainer *>::is_always_lock_free);
static_assert(std::atomic<bool>::is_always_lock_free); // Trainer::requestStop() stores one

std::atomic<int> g_signal{0};
std::atomic<Trainer *> g_activeTrainer{nullptr};

extern "C" void onInterrupt(int signal) {
    g_signal.store(signal);
    if (Trainer *trainer = g_activeTrainer.load())
        trainer->requestStop(); // one relaxed atomic store: async-signal-safe
}

} // namespace

void installInterruptHandlers() {
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // a second Ctrl-C ends the process at once
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void setActiveTrainer(Trainer *trainer) {
    g_activeTrainer.store(trainer);
    // A signal that came before the trainer was registered still stops it.
    if (trainer && g_signal.load() != 0)
        trainer->requestStop();
}

int interruptSignal() {
    return g_signal.load();
}

// --- progress -----------------------------------------------------------------------------

ProgressPrinter::ProgressPrinter(int totalEpochs, TaskKind task, std::string prefix, bool quiet)
    : m_totalEpochs(totalEpochs)
    , m_task(task)
    , m_prefix(std::move(prefix))
    , m_quiet(quiet)
    , m_terminal(::isatty(STDERR_FILENO) == 1) {}

ProgressPrinter::~ProgressPrinter() {
    finish();
}

std::string ProgressPrinter::describe(const EpochMetrics &m, TaskKind task) {
    std::string text =
        format("train loss %.4f (+reg %.4f) test loss %.4f  %s %.3f/%.3f", m.trainDataLoss,
               m.regLoss, m.testDataLoss, task == TaskKind::Regression ? "R^2" : "acc",
               m.trainAccuracy, m.testAccuracy);
    if (m.hasValidation) {
        text += format("  val loss %.4f %s %.3f", m.valDataLoss,
                       task == TaskKind::Regression ? "R^2" : "acc", m.valAccuracy);
    }
    return text;
}

void ProgressPrinter::epochReported(const EpochMetrics &m) {
    if (m_quiet || m.epoch < 1)
        return; // epoch 0 is the untrained network
    const std::string counter = format("epoch %d/%d", m.epoch, m_totalEpochs);
    const std::string numbers = describe(m, m_task);
    if (!m_terminal) {
        std::fprintf(stderr, "%s%s %s\n", m_prefix.c_str(), counter.c_str(), numbers.c_str());
        std::fflush(stderr);
        return;
    }
    constexpr int kWidth = 20;
    const int filled =
        m_totalEpochs > 0 ? std::min(kWidth, int((long long)m.epoch * kWidth / m_totalEpochs)) : 0;
    std::string bar(std::size_t(kWidth), ' ');
    for (int i = 0; i < filled; ++i)
        bar[std::size_t(i)] = '=';
    if (filled < kWidth)
        bar[std::size_t(filled)] = '>';
    // \r returns to the line start, \033[K clears what a longer previous line left.
    std::fprintf(stderr, "\r%s%s [%s] %s\033[K", m_prefix.c_str(), counter.c_str(), bar.c_str(),
                 numbers.c_str());
    std::fflush(stderr);
    m_lineOpen = true;
}

void ProgressPrinter::finish() {
    if (m_lineOpen) {
        std::fputc('\n', stderr);
        std::fflush(stderr);
        m_lineOpen = false;
    }
}

} // namespace reglab::cli
