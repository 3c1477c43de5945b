// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file overrides.h
/// `--set KEY=VALUE` overrides, applied to a JSON document before it is parsed into an
/// experiment (so the override meets the same checks as the file).

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>

namespace reglab {

/// Applies one "KEY=VALUE" override to a JSON document before parsing. KEY is a dotted
/// path (`training.epochs`, `model.layers.0.kernel_regularizer.l2`); `*` as a layer index
/// means every layer (passing over dropout entries for keys they do not have, such as
/// kernel_regularizer). VALUE is parsed as JSON when it is valid JSON (numbers, true, null,
/// {"l2": 1e-4}) and taken as a string otherwise. Missing objects on the path are created;
/// a path through a non-object, or an array index out of range, is an InputError.
void applyOverride(nlohmann::ordered_json &doc, std::string_view assignment,
                   const std::string &file);

} // namespace reglab
