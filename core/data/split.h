// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file split.h
/// Shuffling the samples of a data set and splitting them into a training and a test part.
/// Shared by every loader (synthetic, image and CSV sets).

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/random.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace reglab {

/// Sample indices of the training and the test part.
struct Split {
    std::vector<Index> train;
    std::vector<Index> test;
};

/// 0..n-1 after a Fisher-Yates shuffle with `rng`.
std::vector<Index> shuffledIndices(Index n, Random &rng);

/// Indices 0..n-1 shuffled, cut to spec.limit (> 0; a larger limit keeps all) and split:
/// with m kept samples, the last max(1, round(m * testFraction)) go to testing (none when
/// testFraction is 0), the others to training. An InputError naming `file` when no training
/// sample is left.
Split splitIndices(Index n, const DatasetSpec &spec, Random &rng, const std::string &file);

/// For a set with its own test part: with spec.limit > 0 keeps the first `limit` training
/// indices and the first max(1, round(limit * testFraction)) test indices; all otherwise.
void cutToLimit(std::vector<Index> &train, std::vector<Index> &test, const DatasetSpec &spec);

/// The columns `cols` of `m`, in that order: rows x cols.size().
MatrixF gatherColumns(const MatrixF &m, const std::vector<Index> &cols);

/// Fills d.trainX/trainY/testX/testY with the columns of x (features x n) and y (k x n)
/// that `s` names.
void assignSplit(Dataset &d, const MatrixF &x, const MatrixF &y, const Split &s);

/// Reshapes d's training part after loading, under Random(Random::derive(seed, 5)) (a stream
/// of its own: the train/test split and everything before are unchanged), in this order:
///  1. validation_fraction f > 0: max(1, round(f n)) of the n training samples, drawn at
///     random, become the validation set (valX, valY); the training part keeps the others.
///  2. train_size m: m of the remaining training samples, drawn at random, are kept.
///  3. label_noise f > 0 (classification): exactly round(f n) of the remaining n training
///     labels, drawn at random, are each replaced by a class drawn uniformly from the
///     other classes. Validation and test labels stay clean.
/// Kept samples stay in their original order. An InputError naming `file` and the field
/// when no training sample would be left, train_size exceeds what is left, or label_noise is
/// asked of a regression set or one with fewer than 2 classes.
void applyTrainingControls(Dataset &d, const DatasetSpec &spec, std::uint64_t seed,
                           const std::string &file);

} // namespace reglab
