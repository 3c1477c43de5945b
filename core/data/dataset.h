// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file dataset.h
/// Data sets: synthetic 2-D sets, the embedded mnist-10k digits, IDX files and CSV files,
/// all loaded into one shape: `features x samples` inputs and `rows x samples` targets.

#include "core/experiment_spec.h"
#include "core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

/// A loaded, split data set.
///   classification: y is 1 x n and holds the class index (0..numClasses-1) as a float;
///                   for a 2-class set trained with sigmoid_cross_entropy that is 0 or 1.
///   regression:     y is k x n targets.
struct Dataset {
    std::string name;
    TaskKind task = TaskKind::Classification;
    int numClasses = 0;                  ///< classification only
    std::vector<std::string> classNames; ///< classification only, numClasses entries
    int imageWidth = 0;                  ///< > 0 for image sets (row-major pixels)
    int imageHeight = 0;
    MatrixF trainX; ///< features x train samples
    MatrixF trainY; ///< 1 x n (class) or k x n (targets)
    MatrixF testX;
    MatrixF testY;

    Index inputDim() const { return trainX.rows(); }
    Index trainSize() const { return trainX.cols(); }
    Index testSize() const { return testX.cols(); }
    bool isImage() const { return imageWidth > 0 && imageHeight > 0; }
    /// Outputs a network needs for this set under `loss` (classes, 1 for sigmoid, k).
    int outputDim(LossKind loss) const;
};

/// One built-in data set as `reglab-cli datasets` lists it.
struct BuiltinDataset {
    std::string name;
    TaskKind task;
    std::string description;
    bool available = true; ///< false: fashion-mnist not installed
    std::string note;      ///< e.g. how to install it
};
std::vector<BuiltinDataset> builtinDatasets();

/// Where Debian's dataset-fashion-mnist package installs its files.
inline constexpr const char *kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

/// Loads and splits the data an experiment names. `seed` drives generation and the
/// train/test split (Random::derive(seed, 2)). Relative file paths are resolved against
/// `baseDir` (the experiment file's folder). Throws InputError naming the file and field.
///
/// Splitting: the samples are shuffled, `limit` (> 0) keeps the first `limit` of that order
/// (a larger limit keeps all), then the last round(m * testFraction) of the m kept samples
/// form the test set. Sets that come with their own test part (fashion-mnist, idx with
/// testImages/testLabels) keep that split; each part is shuffled and `limit` keeps `limit`
/// training samples and max(1, round(limit * testFraction)) test samples.
///
/// Task of a csv set (the Dataset does not know the loss): when every target value is an
/// integer in [0, 255] and at least one is >= 1, the set is a classification set with
/// numClasses = max + 1 and class names "0".."max"; otherwise it is a regression set with
/// the target column as its 1 x n target. (y holds the same values either way; the trainer
/// checks the loss against the task.)
Dataset loadDataset(const DatasetSpec &spec, std::uint64_t seed, const std::string &baseDir = {});

/// Raw IDX content: dims from the header and the uint8 payload.
struct IdxData {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> values;
};
/// Parses an IDX file image (raw or gzip, detected by magic). Only unsigned-byte IDX
/// (type 0x08) is accepted. Never allocates more than the data really holds: a header that
/// claims more items than the payload has is an error. `name` is used in errors.
/// A header may claim at most 2^28 values; gzip data is inflated in 64 KiB steps and never
/// beyond header + payload + 1 byte, so neither a lying header nor a gzip bomb can make it
/// allocate more than is really there (and capped). Trailing data is an error too.
IdxData parseIdx(const std::uint8_t *data, std::size_t size, const std::string &name);
IdxData readIdxFile(const std::string &path);

/// The embedded mnist-10k files (gzip IDX), as assembled into the binary.
std::pair<const std::uint8_t *, std::size_t> embeddedMnistImages();
std::pair<const std::uint8_t *, std::size_t> embeddedMnistLabels();

/// Parses CSV text with a header row of column names; every other cell must be a finite
/// number. Returns columns x rows. Errors name `name`, the line and the column.
struct CsvTable {
    std::vector<std::string> header;
    MatrixF values; ///< columns x rows
};
CsvTable parseCsv(const std::string &text, const std::string &name);

/// The synthetic 2-D sets: circle, xor, gaussian, spiral, moons (classification, 2 classes)
/// and plane, multigaussian (regression, 1 target). Inputs stay as generated.
bool isSyntheticDataset(const std::string &name);

} // namespace reglab
