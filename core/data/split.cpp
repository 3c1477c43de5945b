// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/split.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
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

} // namespace reglab
