// SPDX-License-Identifier: GPL-3.0-or-later
// Numeric CSV: a header row of column names, then rows of finite numbers, ',' between cells.
#include "core/data/csv.h"

#include "core/data/split.h"
#include "core/error.h"
#include "core/file_util.h"
#include "core/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <set>
#include <string_view>

namespace reglab {

namespace {

/// The largest CSV file read (a million rows of a few hundred columns).
constexpr std::size_t kMaxCsvBytes = std::size_t(1) << 30;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

enum class NumberStatus { Ok, NotANumber, NotFinite, OutOfRange };

/// Parses a whole cell as a decimal number (an optional leading '+' is accepted).
NumberStatus parseNumber(std::string_view cell, double &value) {
    std::string_view s = cell;
    if (s.size() > 1 && s.front() == '+' && s[1] != '-' && s[1] != '+')
        s.remove_prefix(1);
    if (s.empty())
        return NumberStatus::NotANumber;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc::result_out_of_range)
        return NumberStatus::OutOfRange;
    if (ec != std::errc() || ptr != s.data() + s.size())
        return NumberStatus::NotANumber;
    if (!std::isfinite(value))
        return NumberStatus::NotFinite;
    if (std::abs(value) > double(std::numeric_limits<float>::max()))
        return NumberStatus::OutOfRange;
    return NumberStatus::Ok;
}

std::string quoted(std::string_view s) {
    constexpr std::size_t kMaxShown = 40;
    if (s.size() > kMaxShown)
        return "\"" + std::string(s.substr(0, kMaxShown)) + "...\"";
    return "\"" + std::string(s) + "\"";
}

} // namespace

CsvTable parseCsv(const std::string &text, const std::string &name) {
    std::string_view rest = text;
    // A UTF-8 byte order mark is not part of the first column's name.
    if (rest.substr(0, 3) == "\xEF\xBB\xBF")
        rest.remove_prefix(3);

    CsvTable table;
    std::set<std::string, std::less<>> seen;
    std::vector<float> cells; // row after row: exactly the column-major columns x rows layout
    long long rows = 0;
    bool haveHeader = false;
    CsvReader reader(rest, name);
    CsvRecord record;
    std::vector<std::string_view> parts;
    while (reader.next(record)) {
        // Cells without surrounding blanks (and the CR of a CRLF line end).
        parts.clear();
        for (const std::string &cell : record.cells)
            parts.push_back(trim(cell));
        if (parts.size() == 1 && parts.front().empty())
            continue; // blank lines (and the final newline) carry nothing
        const long long lineNumber = record.line;
        const std::string lineField = "line " + std::to_string(lineNumber);

        if (!haveHeader) {
            bool allNumbers = true;
            for (std::string_view cell : parts) {
                double v = 0.0;
                allNumbers = allNumbers && parseNumber(cell, v) == NumberStatus::Ok;
            }
            if (allNumbers) {
                throw InputError(name, "header",
                                 "line " + std::to_string(lineNumber)
                                     + " holds numbers; the first row must name the columns");
            }
            for (std::size_t c = 0; c < parts.size(); ++c) {
                if (parts[c].empty()) {
                    throw InputError(name, "header",
                                     "column " + std::to_string(c + 1) + " has no name");
                }
                if (!seen.emplace(parts[c]).second)
                    throw InputError(name, "header", "duplicate column name " + quoted(parts[c]));
                table.header.emplace_back(parts[c]);
            }
            haveHeader = true;
            continue;
        }

        if (parts.size() != table.header.size()) {
            throw InputError(name, lineField,
                             "has " + std::to_string(parts.size()) + " cells, the header has "
                                 + std::to_string(table.header.size()) + " columns");
        }
        for (std::size_t c = 0; c < parts.size(); ++c) {
            double v = 0.0;
            const std::string column = "column " + quoted(table.header[c]);
            switch (parseNumber(parts[c], v)) {
            case NumberStatus::Ok:
                break;
            case NumberStatus::NotANumber:
                throw InputError(
                    name, lineField,
                    column + ": "
                        + (parts[c].empty() ? std::string("empty cell") : quoted(parts[c]))
                        + " is not a number");
            case NumberStatus::NotFinite:
                throw InputError(name, lineField,
                                 column + ": " + quoted(parts[c]) + " is not a finite number");
            case NumberStatus::OutOfRange:
                throw InputError(name, lineField,
                                 column + ": " + quoted(parts[c]) + " is out of the float range");
            }
            cells.push_back(float(v));
        }
        ++rows;
        if (rows > limits::kMaxSamples) {
            throw InputError(name, lineField,
                             "more than " + std::to_string(limits::kMaxSamples) + " rows");
        }
    }
    if (!haveHeader)
        throw InputError(name, "header", "the file is empty (expected a header row)");
    if (rows == 0)
        throw InputError(name, "", "no data rows after the header");

    table.values = Eigen::Map<const MatrixF>(cells.data(), Index(table.header.size()), Index(rows));
    return table;
}

namespace {

/// A table split into features (every column but the target) and the 1 x n target.
void splitColumns(const CsvTable &table, Index targetRow, MatrixF &x, MatrixF &y) {
    const Index n = table.values.cols();
    x.resize(table.values.rows() - 1, n);
    y.resize(1, n);
    for (Index f = 0, src = 0; src < table.values.rows(); ++src) {
        if (src != targetRow)
            x.row(f++) = table.values.row(src);
    }
    y.row(0) = table.values.row(targetRow);
}

/// The test file must have the training file's columns, with the same names in the same
/// order.
void checkSameColumns(const CsvTable &test, const CsvTable &train, const std::string &testPath,
                      const std::string &trainPath) {
    std::string columns;
    for (const std::string &c : train.header)
        columns += (columns.empty() ? "" : ",") + csvField(c);
    for (std::size_t c = 0; c < std::max(test.header.size(), train.header.size()); ++c) {
        if (c >= test.header.size()) {
            throw InputError(testPath, "header",
                             "has no column " + std::to_string(c + 1) + " ("
                                 + quoted(train.header[c]) + " in " + trainPath
                                 + ", whose columns are " + columns + ")");
        }
        if (c >= train.header.size()) {
            throw InputError(testPath, "header",
                             "column " + std::to_string(c + 1) + " " + quoted(test.header[c])
                                 + " is not in " + trainPath + " (its columns are " + columns
                                 + ")");
        }
        if (test.header[c] != train.header[c]) {
            throw InputError(testPath, "header",
                             "column " + std::to_string(c + 1) + " is " + quoted(test.header[c])
                                 + ", " + trainPath + " has " + quoted(train.header[c])
                                 + " (the test file needs the same columns in the same order: "
                                 + columns + ")");
        }
    }
}

} // namespace

Dataset loadCsvDataset(const DatasetSpec &spec, Random &rng) {
    if (spec.path.empty())
        throw InputError("csv", "dataset.path", "names no file");
    const std::string &path = spec.path;
    if (spec.target.empty())
        throw InputError(path, "dataset.target", "must name the target column");
    const CsvTable table = parseCsv(readFile(path, kMaxCsvBytes), path);

    const auto it = std::find(table.header.begin(), table.header.end(), spec.target);
    if (it == table.header.end()) {
        std::string columns;
        for (const std::string &c : table.header)
            columns += (columns.empty() ? "" : ", ") + c;
        throw InputError(path, "dataset.target",
                         "no column named \"" + spec.target + "\" (columns: " + columns + ")");
    }
    if (table.header.size() < 2)
        throw InputError(path, "header", "needs at least one feature column besides the target");
    const Index targetRow = Index(it - table.header.begin());
    MatrixF x, y;
    splitColumns(table, targetRow, x, y);
    MatrixF testX, testY;
    if (!spec.testPath.empty()) {
        const CsvTable test = parseCsv(readFile(spec.testPath, kMaxCsvBytes), spec.testPath);
        checkSameColumns(test, table, spec.testPath, path);
        splitColumns(test, targetRow, testX, testY);
    }
    const Index n = y.cols();

    // Task: all targets integers in [0, 255] with at least two values => classification.
    bool integral = true;
    float maxValue = 0.0f;
    for (const MatrixF *targets : {&y, &testY}) {
        for (Index j = 0; j < targets->cols(); ++j) {
            const float v = (*targets)(0, j);
            integral = integral && v >= 0.0f && v <= 255.0f && v == std::floor(v);
            maxValue = std::max(maxValue, v);
        }
    }
    Dataset d;
    if (integral && maxValue >= 1.0f) {
        d.task = TaskKind::Classification;
        d.numClasses = int(maxValue) + 1;
        d.classNames = numberedClassNames(d.numClasses);
    } else {
        d.task = TaskKind::Regression;
    }
    if (spec.testPath.empty()) {
        assignSplit(d, x, y, splitIndices(n, spec, rng, path));
        return d;
    }
    // Two files: each part shuffled, then cut to the limit as the other two-part sets are.
    std::vector<Index> trainPick = shuffledIndices(n, rng);
    std::vector<Index> testPick = shuffledIndices(testY.cols(), rng);
    cutToLimit(trainPick, testPick, spec);
    d.trainX = gatherColumns(x, trainPick);
    d.trainY = gatherColumns(y, trainPick);
    d.testX = gatherColumns(testX, testPick);
    d.testY = gatherColumns(testY, testPick);
    return d;
}

} // namespace reglab
