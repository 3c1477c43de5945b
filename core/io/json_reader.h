// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file json_reader.h
/// Strict JSON reading: text to a JSON document with limits (file size, nesting depth),
/// duplicate keys rejected, and errors that name the file, the line and the column (or the
/// dotted path of the offending member). Documents are nlohmann::ordered_json so that what
/// is written back keeps its key order.

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace reglab {

/// JSON files RegLab reads are small; anything bigger than this is not one of them.
inline constexpr std::size_t kMaxJsonFileBytes = std::size_t(16) << 20;
/// Objects and arrays nest at most this deep (nlohmann's ordered containers recurse once per
/// level when they copy themselves; no experiment needs more than a few levels).
inline constexpr std::size_t kMaxJsonDepth = 64;

/// Parses JSON text. Throws InputError(file, "line L, column C", what) on a syntax error or a
/// number beyond the range of a double, and InputError(file, "dotted.path", ...) on a
/// duplicate key or nesting deeper than kMaxJsonDepth.
nlohmann::ordered_json parseJsonText(const std::string &text, const std::string &file);

/// Reads a file of at most kMaxJsonFileBytes and parses it (errors as parseJsonText).
nlohmann::ordered_json readJsonFile(const std::string &path);

/// The dotted path of member `key` under `path`: "key", "path.key" (array indices as
/// numbers: "model.layers.0").
std::string joinJsonPath(const std::string &path, std::string_view key);

} // namespace reglab
