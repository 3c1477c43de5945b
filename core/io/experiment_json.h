// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file experiment_json.h
/// The experiment file format (JSON), both ways, and `--set KEY=VALUE` overrides.
/// Key by key in docs/experiment-format.md. Unknown keys are errors.
/// Documents are nlohmann::ordered_json so that written files keep the documented key order.

#include "core/experiment_spec.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace reglab {

/// Parses and validates. Throws InputError(file, "dotted.path", what is wrong) for
/// malformed values, unknown keys, wrong types and anything validate() rejects.
ExperimentSpec experimentFromJson(const nlohmann::ordered_json &doc, const std::string &file = {});

/// The resolved experiment: every key written, every default filled in.
nlohmann::ordered_json experimentToJson(const ExperimentSpec &spec);

/// Parses JSON text (syntax errors name the line and column).
nlohmann::ordered_json parseJsonText(const std::string &text, const std::string &file);

/// Reads, parses and validates an experiment file.
ExperimentSpec loadExperimentFile(const std::string &path);

/// Reads an experiment file, applies `--set` overrides, then parses and validates.
ExperimentSpec loadExperimentFile(const std::string &path,
                                  const std::vector<std::string> &overrides);

/// Writes the resolved experiment atomically (temp file + rename). Throws OutputError.
void saveExperimentFile(const ExperimentSpec &spec, const std::string &path);

/// Applies one "KEY=VALUE" override to a JSON document before parsing. KEY is a dotted
/// path (`training.epochs`, `model.layers.0.kernel_regularizer.l2`); `*` as a layer index
/// means every layer. VALUE is parsed as JSON when it is valid JSON (numbers, true, null,
/// {"l2": 1e-4}) and taken as a string otherwise. Missing objects on the path are created;
/// a path through a non-object, or an array index out of range, is an InputError.
void applyOverride(nlohmann::ordered_json &doc, std::string_view assignment,
                   const std::string &file);

} // namespace reglab
