// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file fuzz_harness.h
/// What each fuzz target does with one input, shared by the libFuzzer targets
/// (tests/fuzz/fuzz_*.cpp) and the regression replay in tests/core/tst_hostile_inputs.cpp.
///
/// Contract under test: a parser of outside input either accepts the input (and the result
/// satisfies the invariants checked here) or throws reglab::InputError naming the file.
/// Any other exception escapes, and a broken invariant throws InvariantError; under
/// libFuzzer both end in std::terminate, which it reports as a crash. Sanitizer findings
/// are crashes by themselves.

#include "core/data/csv.h"
#include "core/data/idx.h"
#include "core/error.h"
#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "core/io/npz.h"
#include "core/io/overrides.h"
#include "core/io/weights_io.h"
#include "core/lesson/lesson.h"
#include "core/nn/network.h"

#include <nlohmann/json.hpp>

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace reglab::fuzz {

/// A parse result that breaks its own contract.
class InvariantError : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

enum class Outcome { Accepted, Rejected };

inline void check(bool condition, const char *what) {
    if (!condition)
        throw InvariantError(std::string("invariant broken: ") + what);
}

/// The targets, by the name of their corpus folder.
inline const std::vector<std::string> &targetNames() {
    static const std::vector<std::string> names{"idx",      "csv", "experiment_json",
                                                "override", "npz", "lesson"};
    return names;
}

/// parseIdx on raw or gzip'ed bytes: accepted data holds exactly product(dims) values.
inline Outcome runIdx(const std::uint8_t *data, std::size_t size) {
    try {
        const IdxData idx = parseIdx(data, size, "fuzz.idx");
        std::uint64_t product = 1;
        for (std::uint32_t d : idx.dims)
            product *= d;
        check(!idx.dims.empty() && idx.dims.size() <= 4, "1 to 4 dims");
        check(product == idx.values.size(), "values == product(dims)");
        return Outcome::Accepted;
    } catch (const InputError &e) {
        check(e.file() == "fuzz.idx" && !e.field().empty(), "error names file and field");
        return Outcome::Rejected;
    }
}

/// parseCsv: accepted tables are columns x rows of finite floats under named columns.
inline Outcome runCsv(const std::uint8_t *data, std::size_t size) {
    try {
        const CsvTable table =
            parseCsv(std::string(reinterpret_cast<const char *>(data), size), "fuzz.csv");
        check(!table.header.empty(), "a header");
        check(table.values.rows() == Index(table.header.size()), "one row per column");
        check(table.values.cols() >= 1, "at least one data row");
        check(table.values.allFinite(), "finite values");
        for (const std::string &name : table.header)
            check(!name.empty(), "named columns");
        return Outcome::Accepted;
    } catch (const InputError &e) {
        check(e.file() == "fuzz.csv", "error names the file");
        return Outcome::Rejected;
    }
}

/// An accepted experiment must survive experimentToJson -> text -> experimentFromJson
/// unchanged (the CLI's resolved experiment.json and the GUI's save rely on it).
inline void checkRoundTrip(const ExperimentSpec &spec) {
    const std::string text = experimentToJson(spec).dump(2);
    const ExperimentSpec again =
        experimentFromJson(parseJsonText(text, "written.json"), "written.json");
    check(again == spec, "experimentToJson round trip");
}

/// parseJsonText + experimentFromJson on arbitrary text.
inline Outcome runExperimentJson(const std::uint8_t *data, std::size_t size) {
    ExperimentSpec spec;
    try {
        const std::string text(reinterpret_cast<const char *>(data), size);
        spec = experimentFromJson(parseJsonText(text, "fuzz.json"), "fuzz.json");
    } catch (const InputError &e) {
        check(e.file() == "fuzz.json", "error names the file");
        return Outcome::Rejected;
    }
    checkRoundTrip(spec);
    return Outcome::Accepted;
}

/// `--set KEY=VALUE` on the built-in experiment: each input line is one assignment (at most
/// 16), applied in order, then the document is parsed and validated as the CLI does.
inline Outcome runOverride(const std::uint8_t *data, std::size_t size) {
    static const nlohmann::ordered_json base = experimentToJson(defaultExperiment());
    std::string_view rest(reinterpret_cast<const char *>(data), size);
    nlohmann::ordered_json doc = base;
    ExperimentSpec spec;
    try {
        for (int lines = 0; !rest.empty() && lines < 16; ++lines) {
            const std::size_t eol = rest.find('\n');
            applyOverride(doc, rest.substr(0, eol), "fuzz.json");
            rest = eol == std::string_view::npos ? std::string_view() : rest.substr(eol + 1);
        }
        spec = experimentFromJson(doc, "fuzz.json");
    } catch (const InputError &e) {
        check(e.file() == "fuzz.json", "error names the file");
        return Outcome::Rejected;
    }
    checkRoundTrip(spec);
    return Outcome::Accepted;
}

/// The network npz inputs are loaded into: 2 inputs, "dense" 3 units, "out" 2 units without
/// bias (tests/fuzz/corpus/npz/fits.npz matches it).
inline Network<float> npzNetwork() {
    ModelSpec model;
    LayerSpec hidden;
    hidden.name = "dense0";
    hidden.units = 3;
    LayerSpec out;
    out.name = "out";
    out.units = 2;
    out.useBias = false;
    model.layers = {hidden, out};
    return Network<float>(2, model);
}

/// readNpz by path (bytes in a memfd, read through /proc/self/fd/N like a regular file),
/// then arraysToWeights into npzNetwork(): it fits exactly or is an InputError.
inline Outcome runNpz(const std::uint8_t *data, std::size_t size) {
    struct MemFile {
        int fd = ::memfd_create("fuzz.npz", MFD_CLOEXEC);
        std::string path = "/proc/self/fd/" + std::to_string(fd);
    };
    static MemFile file;
    check(file.fd >= 0, "memfd_create works");
    check(::ftruncate(file.fd, 0) == 0, "ftruncate works");
    for (std::size_t done = 0; done < size;) {
        const ssize_t n = ::pwrite(file.fd, data + done, size - done, off_t(done));
        check(n > 0, "pwrite works");
        done += std::size_t(n);
    }
    std::vector<NpzArray> arrays;
    try {
        arrays = readNpz(file.path);
    } catch (const InputError &e) {
        check(e.file() == file.path, "error names the file");
        return Outcome::Rejected;
    }
    check(!arrays.empty(), "at least one array");
    for (const NpzArray &a : arrays) {
        std::uint64_t product = 1;
        for (std::size_t d : a.shape)
            product *= d;
        check(product == a.data.size(), "data == product(shape)");
    }
    Network<float> net = npzNetwork();
    try {
        arraysToWeights(arrays, net, "fuzz.npz");
    } catch (const InputError &e) {
        check(e.file() == "fuzz.npz" && !e.field().empty(), "error names file and array");
        return Outcome::Rejected;
    }
    return Outcome::Accepted;
}

/// readLesson() on a folder "fuzz" whose lesson.json is the input; the other files it may
/// name are there: experiment.reglab.json (the built-in experiment) and en.html / ko.html (a
/// page with a placeholder). An accepted lesson has an English title, at least one step, step
/// ids that find their steps, and an experiment that validates in every step.
inline Outcome runLesson(const std::uint8_t *data, std::size_t size) {
    static const std::string experiment = experimentToJson(defaultExperiment()).dump(2);
    const std::string text(reinterpret_cast<const char *>(data), size);
    const LessonFileReader read = [&](const std::string &name) -> std::optional<std::string> {
        if (name == "lesson.json")
            return text;
        if (name == "experiment.reglab.json")
            return experiment;
        if (name == "en.html" || name == "ko.html")
            return std::string("<p>The test data loss fell to {{min:test_data_loss}}.</p>");
        return std::nullopt;
    };
    Lesson lesson;
    try {
        lesson = readLesson("fuzz", read);
    } catch (const InputError &e) {
        check(e.file().starts_with("fuzz/"), "error names a file of the lesson");
        return Outcome::Rejected;
    }
    check(!lesson.title.in("en").empty(), "an English title");
    check(!lesson.steps.empty(), "at least one step");
    for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
        check(lesson.stepIndex(lesson.steps[i].id) == int(i), "step ids find their steps");
        lesson.steps[i].experiment.validate();
    }
    return Outcome::Accepted;
}

/// Runs the target named `target` (one of targetNames()).
inline Outcome run(std::string_view target, const std::uint8_t *data, std::size_t size) {
    if (target == "idx")
        return runIdx(data, size);
    if (target == "csv")
        return runCsv(data, size);
    if (target == "experiment_json")
        return runExperimentJson(data, size);
    if (target == "override")
        return runOverride(data, size);
    if (target == "npz")
        return runNpz(data, size);
    if (target == "lesson")
        return runLesson(data, size);
    throw std::invalid_argument("unknown fuzz target " + std::string(target));
}

} // namespace reglab::fuzz
