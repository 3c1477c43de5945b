// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/lesson/lesson.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/json_reader.h"
#include "core/io/overrides.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

namespace reglab {

using Json = nlohmann::ordered_json;

namespace {

/// Lesson files are small; the biggest text so far is ~6 kB.
constexpr std::size_t kMaxLessonFileBytes = std::size_t(1) << 20;
constexpr std::size_t kMaxSteps = 20;
constexpr std::size_t kMaxChecks = 20;

void checkKeys(const Json &object, const std::vector<std::string> &keys, const std::string &file,
               const std::string &field) {
    for (const auto &[key, value] : object.items()) {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
            std::string known;
            for (const std::string &k : keys)
                known += (known.empty() ? "" : ", ") + k;
            throw InputError(file, joinJsonPath(field, key),
                             "unknown key (expected " + known + ")");
        }
    }
}

bool isLanguage(const std::string &key) {
    static const std::regex language("[a-z]{2,3}");
    return std::regex_match(key, language);
}

LocalizedText localized(const Json &parent, const char *key, const std::string &file,
                        const std::string &field) {
    const std::string where = joinJsonPath(field, key);
    const auto it = parent.find(key);
    if (it == parent.end())
        throw InputError(file, where,
                         "is missing (an object such as {\"en\": \"...\", \"ko\": "
                         "\"...\"})");
    if (!it->is_object())
        throw InputError(file, where,
                         "expected an object of texts by language, such as "
                         "{\"en\": \"...\", \"ko\": \"...\"}");
    LocalizedText text;
    for (const auto &[language, value] : it->items()) {
        if (!isLanguage(language))
            throw InputError(file, joinJsonPath(where, language),
                             "expected a language code such as \"en\" or \"ko\"");
        if (!value.is_string() || value.get<std::string>().empty())
            throw InputError(file, joinJsonPath(where, language), "expected a non-empty text");
        text.byLanguage[language] = value.get<std::string>();
    }
    if (!text.byLanguage.count("en"))
        throw InputError(file, joinJsonPath(where, "en"), "is missing (English is required)");
    return text;
}

bool isPlainFileName(const std::string &name) {
    static const std::regex plain("[A-Za-z0-9_.-]+");
    return std::regex_match(name, plain) && name != "." && name != "..";
}

std::vector<std::string> denseLayerNames(const ExperimentSpec &spec) {
    std::vector<std::string> names;
    for (std::size_t index : spec.model.weightIndices())
        names.push_back(spec.model.layers[index].name);
    return names;
}

struct FunctionName {
    LessonPlaceholder::Function function;
    const char *name;
};
constexpr FunctionName kFunctions[] = {{LessonPlaceholder::Function::End, "end"},
                                       {LessonPlaceholder::Function::Min, "min"},
                                       {LessonPlaceholder::Function::Max, "max"},
                                       {LessonPlaceholder::Function::ArgMin, "argmin"},
                                       {LessonPlaceholder::Function::ArgMax, "argmax"}};

const std::regex &placeholderPattern() {
    static const std::regex pattern(R"(\{\{([^{}]*)\}\})");
    return pattern;
}

/// Splits "FUNCTION:METRIC[@STEP][|%]"; false when it does not have that shape.
bool splitPlaceholder(const std::string &body, LessonPlaceholder *out, std::string *metric) {
    const auto colon = body.find(':');
    if (colon == std::string::npos)
        return false;
    const std::string function = body.substr(0, colon);
    const auto *f = std::find_if(std::begin(kFunctions), std::end(kFunctions),
                                 [&](const FunctionName &n) { return function == n.name; });
    if (f == std::end(kFunctions))
        return false;
    out->function = f->function;
    *metric = body.substr(colon + 1);
    out->percent = false;
    if (metric->size() >= 2 && metric->substr(metric->size() - 2) == "|%") {
        out->percent = true;
        metric->resize(metric->size() - 2);
    }
    return true;
}

std::string fillOne(const LessonPlaceholder &p, const LessonRuns &runs,
                    const std::string &firstStep, const std::string &missing) {
    const auto it = runs.find(p.metric.step.empty() ? firstStep : p.metric.step);
    if (it == runs.end() || it->second.epochs.empty())
        return missing;
    const std::vector<EpochMetrics> &epochs = it->second.epochs;
    if (p.function == LessonPlaceholder::Function::End) {
        const auto v = metricValue(epochs.back(), p.metric.metric);
        return v ? lessonNumber(*v, p.percent) : missing;
    }
    const bool maximum = p.function == LessonPlaceholder::Function::Max
                         || p.function == LessonPlaceholder::Function::ArgMax;
    std::optional<double> best;
    int bestEpoch = 0;
    for (const EpochMetrics &m : epochs) {
        const auto v = metricValue(m, p.metric.metric);
        if (!v || std::isnan(*v))
            continue;
        if (!best || (maximum ? *v > *best : *v < *best)) {
            best = *v;
            bestEpoch = m.epoch;
        }
    }
    if (!best)
        return missing;
    if (p.function == LessonPlaceholder::Function::ArgMin
        || p.function == LessonPlaceholder::Function::ArgMax)
        return std::to_string(bestEpoch);
    return lessonNumber(*best, p.percent);
}

} // namespace

const std::string &LocalizedText::in(const std::string &language) const {
    static const std::string empty;
    auto it = byLanguage.find(language);
    if (it == byLanguage.end())
        it = byLanguage.find("en");
    return it == byLanguage.end() ? empty : it->second;
}

bool Lesson::isLocked(LessonLock lock) const {
    return std::find(locks.begin(), locks.end(), lock) != locks.end();
}

int Lesson::stepIndex(const std::string &id) const {
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (steps[i].id == id)
            return int(i);
    }
    return -1;
}

std::vector<LessonPlaceholder> parseLessonPlaceholders(const std::string &html,
                                                       const std::vector<std::string> &layers,
                                                       const std::vector<std::string> &steps,
                                                       const std::string &file) {
    std::vector<LessonPlaceholder> out;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), placeholderPattern());
         it != std::sregex_iterator(); ++it) {
        const std::string whole = it->str(0);
        LessonPlaceholder p;
        std::string metric;
        if (!splitPlaceholder(it->str(1), &p, &metric))
            throw InputError(file, whole,
                             "expected {{FUNCTION:METRIC}} with FUNCTION end, min, max, argmin "
                             "or argmax, e.g. {{min:test_data_loss}}");
        p.metric = parseMetricRef(metric, layers, file, whole);
        if (!p.metric.step.empty()
            && std::find(steps.begin(), steps.end(), p.metric.step) == steps.end())
            throw InputError(file, whole, "the lesson has no step \"" + p.metric.step + "\"");
        out.push_back(p);
    }
    return out;
}

std::string fillLessonText(const std::string &html, const LessonRuns &runs,
                           const std::string &firstStep, const std::string &missing) {
    std::string out;
    auto last = html.cbegin();
    for (auto it = std::sregex_iterator(html.begin(), html.end(), placeholderPattern());
         it != std::sregex_iterator(); ++it) {
        out.append(last, html.cbegin() + it->position(0));
        last = html.cbegin() + it->position(0) + it->length(0);
        LessonPlaceholder p;
        std::string metric;
        if (!splitPlaceholder(it->str(1), &p, &metric)) {
            out += it->str(0);
            continue;
        }
        const auto at = metric.find('@');
        p.metric.metric = metric.substr(0, at);
        if (at != std::string::npos)
            p.metric.step = metric.substr(at + 1);
        out += fillOne(p, runs, firstStep, missing);
    }
    out.append(last, html.cend());
    return out;
}

Lesson readLesson(const std::string &folder, const LessonFileReader &read) {
    const std::string file = folder + "/lesson.json";
    const auto text = read("lesson.json");
    if (!text)
        throw InputError(file, "", "not found: a lesson folder holds a lesson.json");
    if (text->size() > kMaxLessonFileBytes)
        throw InputError(file, "", "larger than 1 MB: not a lesson file");
    const Json doc = parseJsonText(*text, file);
    if (!doc.is_object())
        throw InputError(file, "", "expected a JSON object");
    checkKeys(doc, {"format", "title", "summary", "experiment", "text", "locks", "steps"}, file,
              "");
    if (!doc.contains("format") || doc["format"] != "reglab-lesson-1")
        throw InputError(file, "format", "expected \"reglab-lesson-1\"");

    Lesson lesson;
    lesson.folder = folder;
    lesson.title = localized(doc, "title", file, "");
    lesson.summary = localized(doc, "summary", file, "");

    // The experiment, kept as JSON so that each step can apply its overrides to it.
    if (!doc.contains("experiment") || !doc["experiment"].is_string()
        || !isPlainFileName(doc["experiment"].get<std::string>()))
        throw InputError(file, "experiment",
                         "expected the experiment's file name in the lesson folder, e.g. "
                         "\"experiment.reglab.json\"");
    lesson.experimentFile = doc["experiment"].get<std::string>();
    const std::string experimentPath = folder + "/" + lesson.experimentFile;
    const auto experimentText = read(lesson.experimentFile);
    if (!experimentText)
        throw InputError(file, "experiment",
                         "\"" + lesson.experimentFile + "\" is not in the folder");
    if (experimentText->size() > kMaxLessonFileBytes)
        throw InputError(experimentPath, "", "larger than 1 MB: not an experiment file");
    const Json experiment = parseJsonText(*experimentText, experimentPath);
    experimentFromJson(experiment, experimentPath); // its own errors name its own file

    // Locks.
    if (doc.contains("locks")) {
        const Json &locks = doc["locks"];
        if (!locks.is_array())
            throw InputError(file, "locks", "expected a list such as [\"dataset\", \"model\"]");
        for (std::size_t i = 0; i < locks.size(); ++i) {
            const std::string where = joinJsonPath("locks", std::to_string(i));
            const std::string name = locks[i].is_string() ? locks[i].get<std::string>() : "";
            const auto *found =
                std::find_if(std::begin(kLessonLockNames), std::end(kLessonLockNames),
                             [&](const char *n) { return name == n; });
            if (found == std::end(kLessonLockNames))
                throw InputError(file, where,
                                 "expected dataset, model, regularizers, l2_convention, "
                                 "optimizer, training or seed");
            const auto lock = LessonLock(found - std::begin(kLessonLockNames));
            if (lesson.isLocked(lock))
                throw InputError(file, where, "\"" + name + "\" is listed twice");
            lesson.locks.push_back(lock);
        }
    }

    // Steps: ids first, so that checks may read any step's run.
    if (!doc.contains("steps") || !doc["steps"].is_array() || doc["steps"].empty())
        throw InputError(file, "steps", "expected a list of at least one step");
    const Json &steps = doc["steps"];
    if (steps.size() > kMaxSteps)
        throw InputError(file, "steps", "at most 20 steps");
    std::vector<std::string> ids;
    static const std::regex idPattern("[a-z0-9_-]{1,40}");
    for (std::size_t s = 0; s < steps.size(); ++s) {
        const std::string field = joinJsonPath("steps", std::to_string(s));
        if (!steps[s].is_object())
            throw InputError(file, field, "expected an object");
        const std::string id = steps[s].value("id", Json()).is_string()
                                   ? steps[s]["id"].get<std::string>()
                                   : std::string();
        if (!std::regex_match(id, idPattern))
            throw InputError(file, joinJsonPath(field, "id"),
                             "expected an id of lower-case letters, digits, '_' or '-', such as "
                             "\"with_l2\"");
        if (std::find(ids.begin(), ids.end(), id) != ids.end())
            throw InputError(file, joinJsonPath(field, "id"), "\"" + id + "\" is used twice");
        ids.push_back(id);
    }
    for (std::size_t s = 0; s < steps.size(); ++s) {
        const std::string field = joinJsonPath("steps", std::to_string(s));
        const Json &stepJson = steps[s];
        checkKeys(stepJson, {"id", "title", "set", "checks"}, file, field);
        LessonStep step;
        step.id = ids[s];
        step.title = localized(stepJson, "title", file, field);
        Json stepExperiment = experiment;
        if (stepJson.contains("set")) {
            const std::string setField = joinJsonPath(field, "set");
            if (!stepJson["set"].is_object())
                throw InputError(file, setField,
                                 "expected an object of overrides such as "
                                 "{\"model.layers.*.kernel_regularizer.l2\": 0.001}");
            for (const auto &[key, value] : stepJson["set"].items()) {
                const std::string assignment = key + "=" + value.dump();
                try {
                    applyOverride(stepExperiment, assignment, file);
                } catch (const InputError &e) {
                    throw InputError(file, joinJsonPath(setField, key), e.message());
                }
                step.set.push_back(assignment);
            }
        }
        try {
            step.experiment = experimentFromJson(stepExperiment, experimentPath);
        } catch (const InputError &e) {
            throw InputError(file, joinJsonPath(field, "set"),
                             "the experiment with these overrides does not validate: "
                                 + std::string(e.what()));
        }
        const std::vector<std::string> layers = denseLayerNames(step.experiment);
        if (stepJson.contains("checks")) {
            const std::string checksField = joinJsonPath(field, "checks");
            const Json &checks = stepJson["checks"];
            if (!checks.is_array())
                throw InputError(file, checksField, "expected a list of checks");
            if (checks.size() > kMaxChecks)
                throw InputError(file, checksField, "at most 20 checks per step");
            for (std::size_t c = 0; c < checks.size(); ++c) {
                const std::string checkField = joinJsonPath(checksField, std::to_string(c));
                LessonCheck check;
                check.expectation =
                    parseExpectation(checks[c], layers, {"claim"}, file, checkField);
                check.claim = localized(checks[c], "claim", file, checkField);
                for (const MetricRef *ref : {&check.expectation.metric, &check.expectation.right}) {
                    if (!ref->step.empty()
                        && std::find(ids.begin(), ids.end(), ref->step) == ids.end())
                        throw InputError(file, checkField,
                                         "\"" + ref->text() + "\": the lesson has no step \""
                                             + ref->step + "\"");
                }
                step.checks.push_back(std::move(check));
            }
        }
        lesson.steps.push_back(std::move(step));
    }

    // The text, per language; placeholders must name metrics of the first step's model.
    if (!doc.contains("text") || !doc["text"].is_object())
        throw InputError(file, "text",
                         "expected the HTML file per language, such as {\"en\": \"en.html\", "
                         "\"ko\": \"ko.html\"}");
    for (const auto &[language, name] : doc["text"].items()) {
        const std::string where = joinJsonPath("text", language);
        if (!isLanguage(language))
            throw InputError(file, where, "expected a language code such as \"en\" or \"ko\"");
        if (!name.is_string() || !isPlainFileName(name.get<std::string>()))
            throw InputError(file, where, "expected a file name in the lesson folder");
        const auto html = read(name.get<std::string>());
        if (!html)
            throw InputError(file, where,
                             "\"" + name.get<std::string>() + "\" is not in the folder");
        if (html->size() > kMaxLessonFileBytes)
            throw InputError(folder + "/" + name.get<std::string>(), "", "larger than 1 MB");
        parseLessonPlaceholders(*html, denseLayerNames(lesson.steps.front().experiment), ids,
                                folder + "/" + name.get<std::string>());
        lesson.html.byLanguage[language] = *html;
    }
    if (!lesson.html.byLanguage.count("en"))
        throw InputError(file, "text.en", "is missing (English is required)");
    return lesson;
}

Lesson loadLessonFolder(const std::string &folder) {
    namespace fs = std::filesystem;
    std::error_code error;
    if (!fs::is_directory(fs::path(folder), error))
        throw InputError(folder, "", "not a folder (a lesson is a folder with a lesson.json)");
    return readLesson(folder, [&](const std::string &name) -> std::optional<std::string> {
        const fs::path path = fs::path(folder) / name;
        std::error_code e;
        if (!fs::is_regular_file(path, e))
            return std::nullopt;
        return readFile(path.string(), kMaxLessonFileBytes + 1);
    });
}

} // namespace reglab
