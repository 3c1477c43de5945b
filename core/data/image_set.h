// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file image_set.h
/// Labelled image sets read from IDX content (mnist-10k, fashion-mnist, `idx` files):
/// images n x rows x cols and labels n become features (rows * cols) x n, row-major pixels
/// down each column as byte / 255, and labels 1 x n.

#include "core/data/dataset.h"
#include "core/data/idx.h"
#include "core/experiment_spec.h"
#include "core/random.h"
#include "core/types.h"

#include <string>

namespace reglab {

/// Images (n x rows x cols) and their labels (n) after the shape checks.
struct LabelledImages {
    IdxData images;
    IdxData labels;
    std::string imagesName;
    Index count() const { return Index(images.dims[0]); }
    int rows() const { return int(images.dims[1]); }
    int cols() const { return int(images.dims[2]); }
};

/// Checks that `images` has 3 non-zero dimensions (at most limits::kMaxSamples images) and
/// `labels` one label per image; InputError naming the offending file otherwise.
LabelledImages checkImages(IdxData images, IdxData labels, const std::string &imagesName,
                           const std::string &labelsName);

/// One labelled-image source split by test_fraction (split.h). numClasses = max label + 1.
Dataset splitImageSet(const LabelledImages &src, const DatasetSpec &spec, Random &rng,
                      const std::string &file);

/// A source with its own test part. Each part is shuffled; with limit > 0 training keeps
/// `limit` samples and testing keeps max(1, round(limit * test_fraction)).
/// numClasses = max label of both parts + 1.
Dataset twoPartImageSet(const LabelledImages &train, const LabelledImages &test,
                        const DatasetSpec &spec, Random &rng);

/// The `idx` source: spec.images and spec.labels (paths already resolved), split by
/// test_fraction, or with spec.testImages and spec.testLabels as the test part. Labels are
/// bytes, so numClasses = max label + 1 <= 256; class names "0".."max".
Dataset loadIdxImages(const DatasetSpec &spec, Random &rng);

} // namespace reglab
