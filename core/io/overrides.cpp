// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/overrides.h"

#include "core/error.h"
#include "core/io/json_reader.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <vector>

namespace reglab {

using Json = nlohmann::ordered_json;

namespace {

/// The value of a --set: JSON when it parses as JSON (nested at most kMaxJsonDepth deep),
/// otherwise the text itself, which must then be valid UTF-8.
Json overrideValue(std::string_view text, const std::string &file, const std::string &key) {
    std::size_t depth = 0;
    const auto limitDepth = [&depth](int, nlohmann::detail::parse_event_t event, Json &) {
        using Event = nlohmann::detail::parse_event_t;
        if (event == Event::object_start || event == Event::array_start) {
            if (++depth > kMaxJsonDepth)
                return false;
        } else if (event == Event::object_end || event == Event::array_end) {
            --depth;
        }
        return true;
    };
    Json value = Json::parse(text.begin(), text.end(), limitDepth, false);
    if (depth > kMaxJsonDepth)
        throw InputError(file, key,
                         "nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
    if (value.is_discarded())
        value = Json(std::string(text));
    try {
        (void)value.dump();
    } catch (const Json::type_error &) {
        throw InputError(file, key, "the value is not valid UTF-8 text");
    }
    return value;
}

bool isIndex(const std::string &segment) {
    return !segment.empty() && segment.size() <= 9
           && std::all_of(segment.begin(), segment.end(),
                          [](char c) { return c >= '0' && c <= '9'; });
}

const char *typeName(const Json &node) {
    if (node.is_string())
        return "a string";
    if (node.is_boolean())
        return "a boolean";
    if (node.is_number())
        return "a number";
    if (node.is_array())
        return "an array";
    if (node.is_object())
        return "an object";
    return "null";
}

struct OverrideContext {
    const std::vector<std::string> &segments;
    const std::string &key; ///< the whole KEY as written, for error messages
    const Json &value;
    const std::string &file;
};

/// `*` passes over an entry of model.layers whose type does not have the key
/// (model.layers.*.kernel_regularizer=... sets every dense and conv2d layer's and passes over
/// dropout, max_pool2d and flatten entries; model.layers.*.units passes over conv2d ones).
bool skipsWildcard(const Json &element, const std::string &key) {
    if (!element.is_object())
        return false;
    const auto type = element.find("type");
    const std::string t =
        type != element.end() && type->is_string() ? type->get<std::string>() : "dense";
    const auto has = [&](std::initializer_list<const char *> keys) {
        return std::any_of(keys.begin(), keys.end(), [&](const char *k) { return key == k; });
    };
    if (key == "name" || key == "type")
        return false;
    if (t == "dropout" || t == "spatial_dropout2d")
        return !has({"rate"});
    if (t == "flatten")
        return true;
    if (t == "max_pool2d")
        return !has({"pool_size", "strides", "padding"});
    if (t == "conv2d")
        return key == "units";
    if (t == "dense")
        return has({"filters", "kernel_size", "strides", "padding", "pool_size"});
    return false;
}

void assignPath(Json &node, std::size_t i, const std::string &pathSoFar,
                const OverrideContext &ctx) {
    const std::string &segment = ctx.segments[i];
    const bool last = i + 1 == ctx.segments.size();
    const std::string here = joinJsonPath(pathSoFar, segment);
    const std::string where = pathSoFar.empty() ? std::string("the document") : pathSoFar;

    if (node.is_null()) {
        if (segment == "*" || isIndex(segment))
            throw InputError(ctx.file, ctx.key,
                             "--set: index " + segment + " out of range (" + where
                                 + " is not an array)");
        node = Json::object(); // e.g. kernel_regularizer: null, continued by ".l2"
    }

    if (node.is_array()) {
        if (segment == "*") {
            for (Json &element : node) {
                if (!last && skipsWildcard(element, ctx.segments[i + 1]))
                    continue;
                if (last)
                    element = ctx.value;
                else
                    assignPath(element, i + 1, here, ctx);
            }
            return;
        }
        if (!isIndex(segment))
            throw InputError(ctx.file, ctx.key,
                             "--set: " + where + " is an array; \"" + segment
                                 + "\" is not an index (use 0, 1, ... or *)");
        const std::size_t index = std::stoul(segment);
        if (index >= node.size())
            throw InputError(ctx.file, ctx.key,
                             "--set: index " + segment + " out of range (" + where + " has "
                                 + std::to_string(node.size()) + " elements)");
        if (last)
            node[index] = ctx.value;
        else
            assignPath(node[index], i + 1, here, ctx);
        return;
    }

    if (!node.is_object())
        throw InputError(ctx.file, ctx.key,
                         "--set: " + where + " is " + typeName(node) + ", not an object");
    if (segment == "*")
        throw InputError(ctx.file, ctx.key,
                         "--set: * needs an array, but " + where + " is an object");
    if (last)
        node[segment] = ctx.value;
    else
        assignPath(node[segment], i + 1, here, ctx);
}

} // namespace

void applyOverride(Json &doc, std::string_view assignment, const std::string &file) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string_view::npos)
        throw InputError(file, "--set",
                         "expected KEY=VALUE, got \"" + std::string(assignment) + "\"");
    const std::string key(assignment.substr(0, eq));
    if (key.empty())
        throw InputError(file, "--set",
                         "empty KEY in \"" + std::string(assignment) + "\" (expected KEY=VALUE)");

    std::vector<std::string> segments;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = key.find('.', start);
        segments.push_back(key.substr(start, dot == std::string::npos ? dot : dot - start));
        if (segments.back().empty())
            throw InputError(file, "--set", "empty segment in KEY \"" + key + "\"");
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }

    const Json value = overrideValue(assignment.substr(eq + 1), file, key);
    if (doc.is_null())
        doc = Json::object();
    const OverrideContext ctx{segments, key, value, file};
    assignPath(doc, 0, {}, ctx);
}

} // namespace reglab
