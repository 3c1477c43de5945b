// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The Python templates of core/export/templates/, embedded at build time: CMake turns each
// <name>.py.in into a generated source (cmake/embed_file.cmake) that defines the function of
// the same name. Placeholders are @NAME@ (see fillTemplate in code_export_internal.h).

#include <string_view>

namespace reglab::templates {

/// The script's opening comments up to the L2 convention (header.py.in).
std::string_view header();
/// The opening comments from the L1 scale to the output format (header_end.py.in).
std::string_view headerEnd();
/// Constants, data loading, the float64 evaluation and print_epoch (common.py.in).
std::string_view common();
/// The EarlyStopping class and its instance (early_stopping.py.in).
std::string_view earlyStopping();
/// `def penalty_report(weights)` for TF1 (penalty_report.py.in).
std::string_view penaltyReport();
/// The run folder writer for Keras and PyTorch (run_folder.py.in).
std::string_view runFolder();
/// The whole scripts, holes for the parts above and the experiment's own parts.
std::string_view keras();
std::string_view pytorch();
std::string_view tf1();

} // namespace reglab::templates
