// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file experiment_json.h
/// The experiment file format: JSON documents to ExperimentSpec and back. Key by key in
/// docs/experiment-format.md. Unknown keys are errors. Reading text into a document is
/// json_reader.h; `--set KEY=VALUE` overrides are overrides.h. Documents are
/// nlohmann::ordered_json so that written files keep the documented key order.

#include "core/experiment_spec.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace reglab {

/// Parses and validates. Throws InputError(file, "dotted.path", what is wrong) for
/// malformed values, unknown keys, wrong types and anything validate() rejects.
ExperimentSpec experimentFromJson(const nlohmann::ordered_json &doc, const std::string &file = {});

/// The resolved experiment: every key written, every default filled in.
nlohmann::ordered_json experimentToJson(const ExperimentSpec &spec);

/// Reads, parses and validates an experiment file.
ExperimentSpec loadExperimentFile(const std::string &path);

/// Reads an experiment file, applies `--set` overrides, then parses and validates.
ExperimentSpec loadExperimentFile(const std::string &path,
                                  const std::vector<std::string> &overrides);

/// Writes the resolved experiment atomically (temp file + rename). Throws OutputError.
void saveExperimentFile(const ExperimentSpec &spec, const std::string &path);

} // namespace reglab
