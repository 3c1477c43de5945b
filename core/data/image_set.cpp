// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/image_set.h"

#include "core/data/split.h"
#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace reglab {

namespace {

/// Pixels as features (rows * cols x k, row-major pixels down each column, byte / 255) and
/// labels (1 x k) of the samples `pick`.
void gatherImages(const LabelledImages &src, const std::vector<Index> &pick, MatrixF &x,
                  MatrixF &y) {
    const Index pixels = Index(src.rows()) * src.cols();
    x.resize(pixels, Index(pick.size()));
    y.resize(1, Index(pick.size()));
    for (std::size_t j = 0; j < pick.size(); ++j) {
        const std::uint8_t *image = src.images.values.data() + pick[j] * pixels;
        for (Index i = 0; i < pixels; ++i)
            x(i, Index(j)) = float(image[i]) / 255.0f;
        y(0, Index(j)) = float(src.labels.values[std::size_t(pick[j])]);
    }
}

int maxLabel(const IdxData &labels) {
    return labels.values.empty()
               ? -1
               : int(*std::max_element(labels.values.begin(), labels.values.end()));
}

} // namespace

LabelledImages checkImages(IdxData images, IdxData labels, const std::string &imagesName,
                           const std::string &labelsName) {
    if (images.dims.size() != 3) {
        throw InputError(imagesName, "images",
                         "has " + std::to_string(images.dims.size())
                             + " dimensions, images need 3 (count, rows, columns)");
    }
    if (labels.dims.size() != 1) {
        throw InputError(labelsName, "labels",
                         "has " + std::to_string(labels.dims.size())
                             + " dimensions, labels need 1 (count)");
    }
    if (images.dims[0] == 0 || images.dims[1] == 0 || images.dims[2] == 0)
        throw InputError(imagesName, "images", "holds no pixels (a dimension is 0)");
    if (labels.dims[0] != images.dims[0]) {
        throw InputError(labelsName, "labels",
                         "holds " + std::to_string(labels.dims[0]) + " labels but " + imagesName
                             + " holds " + std::to_string(images.dims[0]) + " images");
    }
    if (images.dims[0] > std::uint32_t(limits::kMaxSamples)) {
        throw InputError(imagesName, "images",
                         "holds " + std::to_string(images.dims[0]) + " images, at most "
                             + std::to_string(limits::kMaxSamples));
    }
    return LabelledImages{std::move(images), std::move(labels), imagesName};
}

Dataset splitImageSet(const LabelledImages &src, const DatasetSpec &spec, Random &rng,
                      const std::string &file) {
    Dataset d;
    const Split s = splitIndices(src.count(), spec, rng, file);
    gatherImages(src, s.train, d.trainX, d.trainY);
    gatherImages(src, s.test, d.testX, d.testY);
    d.imageWidth = src.cols();
    d.imageHeight = src.rows();
    d.numClasses = maxLabel(src.labels) + 1;
    return d;
}

Dataset twoPartImageSet(const LabelledImages &train, const LabelledImages &test,
                        const DatasetSpec &spec, Random &rng) {
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
        throw InputError(test.imagesName, "images",
                         "test images are " + std::to_string(test.rows()) + "x"
                             + std::to_string(test.cols()) + ", training images are "
                             + std::to_string(train.rows()) + "x" + std::to_string(train.cols()));
    }
    std::vector<Index> trainPick = shuffledIndices(train.count(), rng);
    std::vector<Index> testPick = shuffledIndices(test.count(), rng);
    cutToLimit(trainPick, testPick, spec);
    Dataset d;
    gatherImages(train, trainPick, d.trainX, d.trainY);
    gatherImages(test, testPick, d.testX, d.testY);
    d.imageWidth = train.cols();
    d.imageHeight = train.rows();
    d.numClasses = std::max(maxLabel(train.labels), maxLabel(test.labels)) + 1;
    return d;
}

Dataset loadIdxImages(const DatasetSpec &spec, Random &rng) {
    if (spec.images.empty())
        throw InputError("idx", "dataset.images", "names no file (the images IDX file)");
    if (spec.labels.empty())
        throw InputError("idx", "dataset.labels", "names no file (the labels IDX file)");
    if (spec.testImages.empty() != spec.testLabels.empty()) {
        throw InputError("idx",
                         spec.testImages.empty() ? "dataset.test_images" : "dataset.test_labels",
                         "test images and test labels go together: give both or neither");
    }
    const LabelledImages train =
        checkImages(readIdxFile(spec.images), readIdxFile(spec.labels), spec.images, spec.labels);
    Dataset d;
    if (spec.testImages.empty()) {
        d = splitImageSet(train, spec, rng, spec.images);
    } else {
        const LabelledImages test =
            checkImages(readIdxFile(spec.testImages), readIdxFile(spec.testLabels), spec.testImages,
                        spec.testLabels);
        d = twoPartImageSet(train, test, spec, rng);
    }
    d.classNames = numberedClassNames(d.numClasses);
    return d;
}

} // namespace reglab
