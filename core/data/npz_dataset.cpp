// SPDX-License-Identifier: GPL-3.0-or-later
// The `npz` data set: x_train, y_train, x_test, y_test from one .npz archive.
#include "core/data/npz_dataset.h"

#include "core/data/split.h"
#include "core/error.h"
#include "core/io/npz.h"
#include "core/text.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

namespace reglab {

namespace {

constexpr const char *kArrayNames = "x_train, y_train, x_test and y_test";

/// The part of a data set one pair of arrays makes.
struct Part {
    MatrixF x; ///< features x n
    MatrixF y; ///< 1 x n labels or k x n targets
    int height = 0;
    int width = 0;
};

const NpzArray &arrayNamed(const std::map<std::string, const NpzArray *> &arrays,
                           const std::string &name, const std::string &path) {
    const auto it = arrays.find(name);
    if (it == arrays.end()) {
        throw InputError(path, name,
                         std::string("is missing (a data .npz holds ") + kArrayNames + ")");
    }
    return *it->second;
}

/// x [n, f] or [n, h, w] as f x n (h * w x n), checked finite.
void readX(const NpzArray &a, const std::string &path, Part &part) {
    if (a.shape.size() != 2 && a.shape.size() != 3) {
        throw InputError(path, a.name,
                         "has shape " + shapeText(a.shape)
                             + "; expected [samples, features] or [samples, height, width]");
    }
    const std::size_t n = a.shape[0];
    std::size_t features = a.shape[1];
    if (a.shape.size() == 3) {
        features *= a.shape[2];
        part.height = int(a.shape[1]);
        part.width = int(a.shape[2]);
    }
    if (n == 0)
        throw InputError(path, a.name, "has shape " + shapeText(a.shape) + ": no samples");
    if (features == 0)
        throw InputError(path, a.name, "has shape " + shapeText(a.shape) + ": no features");
    if (n > std::size_t(limits::kMaxSamples)) {
        throw InputError(path, a.name,
                         "holds " + std::to_string(n) + " samples, at most "
                             + std::to_string(limits::kMaxSamples));
    }
    // Row-major [n, features] is the column-major features x n matrix byte for byte.
    part.x = Eigen::Map<const MatrixF>(a.data.data(), Index(features), Index(n));
    for (Index j = 0; j < part.x.cols(); ++j) {
        for (Index i = 0; i < part.x.rows(); ++i) {
            if (!std::isfinite(part.x(i, j))) {
                throw InputError(path, a.name,
                                 "sample " + std::to_string(j) + ", feature " + std::to_string(i)
                                     + " is " + exactDecimal(part.x(i, j))
                                     + " (every value must be finite)");
            }
        }
    }
}

/// y [n] (labels) or [n, k] (targets) for `samples` samples of `xName`.
void readY(const NpzArray &a, const std::string &path, std::size_t samples,
           const std::string &xName, Part &part) {
    if (a.shape.size() != 1 && a.shape.size() != 2) {
        throw InputError(path, a.name,
                         "has shape " + shapeText(a.shape)
                             + "; expected [samples] (class labels) or [samples, targets]");
    }
    if (a.shape[0] != samples) {
        throw InputError(path, a.name,
                         "holds " + std::to_string(a.shape[0]) + " samples; " + xName + " holds "
                             + std::to_string(samples));
    }
    const std::size_t rows = a.shape.size() == 2 ? a.shape[1] : 1;
    if (rows == 0)
        throw InputError(path, a.name, "has shape " + shapeText(a.shape) + ": no targets");
    part.y = Eigen::Map<const MatrixF>(a.data.data(), Index(rows), Index(samples));
    const bool labels = a.shape.size() == 1;
    for (Index j = 0; j < part.y.cols(); ++j) {
        for (Index i = 0; i < part.y.rows(); ++i) {
            const float v = part.y(i, j);
            const std::string at = "sample " + std::to_string(j) + " ";
            if (!labels) {
                if (!std::isfinite(v)) {
                    throw InputError(path, a.name,
                                     at + "has the target " + exactDecimal(v)
                                         + " (every value must be finite)");
                }
            } else if (!(v == std::floor(v) && v >= 0.0f && v < float(limits::kMaxUnits))) {
                throw InputError(path, a.name,
                                 at + "has the label " + exactDecimal(v)
                                     + "; a rank-1 y holds class labels, whole numbers from 0 to "
                                     + std::to_string(limits::kMaxUnits - 1)
                                     + " (for regression targets use shape [samples, targets])");
            }
        }
    }
}

} // namespace

Dataset loadNpzDataset(const DatasetSpec &spec) {
    if (spec.path.empty())
        throw InputError("npz", "dataset.path", "names no file (the data .npz)");
    const std::string &path = spec.path;
    const std::vector<NpzArray> arrays = readNpz(path, NpzValues::AnyNumber);
    std::map<std::string, const NpzArray *> byName;
    for (const NpzArray &a : arrays)
        byName[a.name] = &a;
    const NpzArray &xTrain = arrayNamed(byName, "x_train", path);
    const NpzArray &yTrain = arrayNamed(byName, "y_train", path);
    const NpzArray &xTest = arrayNamed(byName, "x_test", path);
    const NpzArray &yTest = arrayNamed(byName, "y_test", path);

    Part train, test;
    readX(xTrain, path, train);
    readX(xTest, path, test);
    if (xTest.shape.size() != xTrain.shape.size()
        || !std::equal(xTest.shape.begin() + 1, xTest.shape.end(), xTrain.shape.begin() + 1)) {
        throw InputError(path, "x_test",
                         "has shape " + shapeText(xTest.shape) + "; x_train has "
                             + shapeText(xTrain.shape) + " (the features must match)");
    }
    readY(yTrain, path, xTrain.shape[0], "x_train", train);
    readY(yTest, path, xTest.shape[0], "x_test", test);
    if (yTest.shape.size() != yTrain.shape.size() || train.y.rows() != test.y.rows()) {
        throw InputError(path, "y_test",
                         "has shape " + shapeText(yTest.shape) + "; y_train has "
                             + shapeText(yTrain.shape) + " (labels and targets must match)");
    }

    Dataset d;
    if (yTrain.shape.size() == 1) {
        d.task = TaskKind::Classification;
        const float maxLabel = std::max(train.y.maxCoeff(), test.y.maxCoeff());
        d.numClasses = int(maxLabel) + 1;
        if (d.numClasses < 2) {
            throw InputError(path, "y_train",
                             "holds only the label 0; a classification set needs at least 2 "
                             "classes");
        }
        d.classNames = numberedClassNames(d.numClasses);
    } else {
        d.task = TaskKind::Regression;
    }
    std::vector<Index> trainPick(std::size_t(train.x.cols())), testPick(std::size_t(test.x.cols()));
    std::iota(trainPick.begin(), trainPick.end(), Index(0));
    std::iota(testPick.begin(), testPick.end(), Index(0));
    cutToLimit(trainPick, testPick, spec); // the first samples, in the file's order
    if (spec.limit > 0) {
        train.x = gatherColumns(train.x, trainPick);
        train.y = gatherColumns(train.y, trainPick);
        test.x = gatherColumns(test.x, testPick);
        test.y = gatherColumns(test.y, testPick);
    }
    d.imageHeight = train.height;
    d.imageWidth = train.width;
    d.trainX = std::move(train.x);
    d.trainY = std::move(train.y);
    d.testX = std::move(test.x);
    d.testY = std::move(test.y);
    return d;
}

} // namespace reglab
