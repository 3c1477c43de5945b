// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/split.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>

namespace reglab {

MatrixF gatherColumns(const MatrixF &m, const std::vector<Index> &cols) {
    MatrixF out(m.rows(), Index(cols.size()));
    for (std::size_t j = 0; j < cols.size(); ++j)
        out.col(Index(j)) = m.col(cols[j]);
    return out;
}

void cutToLimit(std::vector<Index> &train, std::vector<Index> &test, const DatasetSpec &spec) {
    if (spec.limit <= 0)
        return;
    const std::size_t testLimit =
        std::size_t(std::max<long long>(1, std::llround(double(spec.limit) * spec.testFraction)));
    train.resize(std::min(train.size(), std::size_t(spec.limit)));
    test.resize(std::min(test.size(), testLimit));
}

std::vector<Index> shuffledIndices(Index n, Random &rng) {
    std::vector<Index> order(std::size_t(n), 0);
    std::iota(order.begin(), order.end(), Index(0));
    rng.shuffle(order);
    return order;
}

Split splitIndices(Index n, const DatasetSpec &spec, Random &rng, const std::string &file) {
    std::vector<Index> order = shuffledIndices(n, rng);
    if (spec.limit > 0 && Index(spec.limit) < n)
        order.resize(std::size_t(spec.limit));
    const Index m = Index(order.size());
    // At least one test sample whenever a test share is asked for: an empty test set would
    // make every test metric NaN.
    Index nTest = Index(std::llround(double(m) * spec.testFraction));
    if (spec.testFraction > 0.0 && nTest == 0)
        nTest = 1;
    if (m - nTest < 1) {
        throw InputError(file, "dataset.test_fraction",
                         "leaves no training samples (" + std::to_string(m) + " samples)");
    }
    Split s;
    s.train.assign(order.begin(), order.end() - nTest);
    s.test.assign(order.end() - nTest, order.end());
    return s;
}

void assignSplit(Dataset &d, const MatrixF &x, const MatrixF &y, const Split &s) {
    d.trainX = gatherColumns(x, s.train);
    d.trainY = gatherColumns(y, s.train);
    d.testX = gatherColumns(x, s.test);
    d.testY = gatherColumns(y, s.test);
}

namespace {

std::string number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// `count` of 0..n-1 drawn at random (the first `count` of a shuffle), then sorted.
std::vector<Index> drawSorted(Index n, Index count, Random &rng) {
    std::vector<Index> order = shuffledIndices(n, rng);
    order.resize(std::size_t(count));
    std::sort(order.begin(), order.end());
    return order;
}

/// 0..n-1 without the (sorted) `taken`.
std::vector<Index> complement(Index n, const std::vector<Index> &taken) {
    std::vector<Index> rest;
    std::size_t t = 0;
    for (Index i = 0; i < n; ++i) {
        if (t < taken.size() && taken[t] == i)
            ++t;
        else
            rest.push_back(i);
    }
    return rest;
}

} // namespace

void applyTrainingControls(Dataset &d, const DatasetSpec &spec, std::uint64_t seed,
                           const std::string &file) {
    if (spec.validationFraction == 0.0 && !spec.trainSize && spec.labelNoise == 0.0)
        return; // nothing drawn: the stream stays untouched
    Random rng(Random::derive(seed, 5));
    if (!(spec.validationFraction >= 0.0 && spec.validationFraction < 1.0)) {
        throw InputError(file, "dataset.validation_fraction",
                         "must be in [0, 1), got " + number(spec.validationFraction));
    }
    if (spec.validationFraction > 0.0) {
        const Index n = d.trainSize();
        const Index nVal =
            std::max<Index>(1, Index(std::llround(double(n) * spec.validationFraction)));
        if (n - nVal < 1) {
            throw InputError(file, "dataset.validation_fraction",
                             "leaves no training samples (" + std::to_string(n)
                                 + " training samples)");
        }
        const std::vector<Index> val = drawSorted(n, nVal, rng);
        const std::vector<Index> train = complement(n, val);
        d.valX = gatherColumns(d.trainX, val);
        d.valY = gatherColumns(d.trainY, val);
        d.trainX = gatherColumns(d.trainX, train);
        d.trainY = gatherColumns(d.trainY, train);
    }
    if (spec.trainSize) {
        const Index n = d.trainSize();
        const Index m = *spec.trainSize;
        if (m < 1 || m > n) {
            throw InputError(
                file, "dataset.train_size",
                "must be between 1 and the " + std::to_string(n) + " training samples available"
                    + (spec.validationFraction > 0.0 ? " after the validation split" : "")
                    + ", got " + std::to_string(m));
        }
        const std::vector<Index> keep = drawSorted(n, m, rng);
        d.trainX = gatherColumns(d.trainX, keep);
        d.trainY = gatherColumns(d.trainY, keep);
    }
    if (!(spec.labelNoise >= 0.0 && spec.labelNoise <= 1.0)) {
        throw InputError(file, "dataset.label_noise",
                         "must be in [0, 1], got " + number(spec.labelNoise));
    }
    if (spec.labelNoise > 0.0) {
        if (d.task != TaskKind::Classification || d.trainY.rows() != 1)
            throw InputError(file, "dataset.label_noise", "applies to classification sets only");
        if (d.numClasses < 2) {
            throw InputError(file, "dataset.label_noise",
                             "needs at least 2 classes, the set has "
                                 + std::to_string(d.numClasses));
        }
        const Index n = d.trainSize();
        const Index flips = Index(std::llround(double(n) * spec.labelNoise));
        for (Index j : drawSorted(n, flips, rng)) {
            // one of the other numClasses - 1 classes, uniformly
            const auto label = std::uint64_t(d.trainY(0, j));
            const std::uint64_t other = rng.below(std::uint64_t(d.numClasses - 1));
            d.trainY(0, j) = float((label + 1 + other) % std::uint64_t(d.numClasses));
        }
    }
}

} // namespace reglab
