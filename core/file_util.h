// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file file_util.h
/// Whole-file reads and atomic writes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace reglab {

/// Reads a whole file. Throws InputError(path, "", reason) when it cannot be read, or when
/// it is larger than `maxBytes`.
std::string readFile(const std::string &path, std::size_t maxBytes = std::size_t(1) << 31);

/// Writes `bytes` to `path` atomically: a temp file in the same folder, flushed and
/// fsync'ed, then renamed over the target. On any failure the temp file is removed, the
/// previous file (if any) is untouched, and OutputError(path, reason) is thrown.
void writeFileAtomically(const std::string &path, std::string_view bytes);

/// Creates a folder and its parents (no error when it exists). Throws OutputError.
void makeDirectories(const std::string &path);

} // namespace reglab
