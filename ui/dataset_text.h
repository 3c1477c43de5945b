// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The built-in data sets' descriptions, install note and class names come from core, in
// English (core has no Qt). The UI shows them in its language through this table, which
// lists every such text exactly as core spells it (tests/ui/tst_translations.cpp keeps the
// two in step).

#include <QString>
#include <QStringList>

#include <string>

namespace reglab::ui {

/// `text` in the UI language when it is one of the texts core gives the built-in data sets
/// (builtinDatasets() descriptions and notes, Dataset::classNames), unchanged otherwise
/// (names read from a user's file, numbered classes).
QString datasetText(const std::string &text);

/// Every English text the table translates.
QStringList translatedDatasetTexts();

} // namespace reglab::ui
