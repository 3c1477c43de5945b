// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file csv.h
/// Numeric CSV files: a header row of column names, then rows of finite numbers, ','
/// between cells; and the `csv` data set made of one such file.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/random.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace reglab {

/// A parsed CSV file.
struct CsvTable {
    std::vector<std::string> header;
    MatrixF values; ///< columns x rows
};

/// Parses CSV text (RFC 4180 quoting, text.h CsvReader; blanks around cells, CRLF, blank lines
/// and a UTF-8 byte order mark tolerated) with a header row of column names; every other cell must
/// be a finite number. Returns columns x rows. Errors name `name`, the line and the column.
CsvTable parseCsv(const std::string &text, const std::string &name);

/// The `csv` source: spec.path (already resolved), with spec.target as the 1 x n target and
/// every other column as a feature, split by test_fraction (split.h). With spec.testPath the
/// first file is the whole training part and the second the test part (each shuffled; a
/// limit keeps `limit` training and max(1, round(limit * test_fraction)) test samples, as for
/// the other sets with their own test part); the test file must have the same columns, same
/// names in the same order, or an InputError names the test file and the first column that
/// differs.
///
/// Task (the Dataset does not know the loss): when every target value (of both files) is an integer
/// in [0, 255] and at least one is >= 1, the set is a classification set with numClasses = max + 1
/// and class names "0".."max"; otherwise it is a regression set. (y holds the same values either
/// way; the trainer checks the loss against the task.)
Dataset loadCsvDataset(const DatasetSpec &spec, Random &rng);

} // namespace reglab
