// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file dataset.h
/// A loaded data set in one shape, whatever its source: `features x samples` inputs and
/// `rows x samples` targets, split into a training and a test part. loadDataset() picks
/// the loader of the source the experiment names: synthetic.h (2-D sets), mnist.h
/// (mnist-10k, fashion-mnist), image_set.h (`idx` files), csv.h (`csv` files),
/// npz_dataset.h (`npz` files).

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
    int imageChannels = 1; ///< image sets: channels per pixel (channels last)
    MatrixF trainX;        ///< features x train samples
    MatrixF trainY;        ///< 1 x n (class) or k x n (targets)
    MatrixF testX;
    MatrixF testY;
    MatrixF valX; ///< the validation set (dataset.validation_fraction), 0 columns when none
    MatrixF valY;

    Index inputDim() const { return trainX.rows(); }
    Index trainSize() const { return trainX.cols(); }
    Index testSize() const { return testX.cols(); }
    Index validationSize() const { return valX.cols(); }
    bool hasValidation() const { return valX.cols() > 0; }
    bool isImage() const { return imageWidth > 0 && imageHeight > 0; }
    /// The shape of one input: height x width x channels for an image set, else
    /// inputDim() features.
    TensorShape inputShape() const {
        if (isImage())
            return TensorShape{imageHeight, imageWidth, imageChannels, true};
        return TensorShape{1, 1, int(inputDim()), false};
    }
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

/// Loads and splits the data an experiment names. `seed` drives generation and the
/// train/test split (Random::derive(seed, 2)). Relative file paths are resolved against
/// `baseDir` (the experiment file's folder). Throws InputError naming the file and field.
/// The set's name is the source for the built-in sets and the file name (of the images for
/// `idx`) otherwise.
///
/// Splitting: the samples are shuffled, `limit` (> 0) keeps the first `limit` of that order
/// (a larger limit keeps all), then the last round(m * testFraction) of the m kept samples
/// form the test set. Sets that come with their own test part (fashion-mnist, idx with
/// testImages/testLabels) keep that split; each part is shuffled and `limit` keeps `limit`
/// training samples and max(1, round(limit * testFraction)) test samples. An `npz` set
/// keeps its own split and order (npz_dataset.h).
///
/// The task of a csv set is inferred from its targets (csv.h).
///
/// Then the training controls (applyTrainingControls(), split.h): validation_fraction,
/// train_size and label_noise reshape the training part; the test part stays as it is.
Dataset loadDataset(const DatasetSpec &spec, std::uint64_t seed, const std::string &baseDir = {});

/// Class names "0".."numClasses-1", for sets whose classes have no names of their own.
std::vector<std::string> numberedClassNames(int numClasses);

} // namespace reglab
