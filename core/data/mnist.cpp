// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/mnist.h"

#include "core/data/idx.h"
#include "core/data/image_set.h"
#include "core/error.h"

#include <array>
#include <filesystem>
#include <string>

extern "C" {
// Defined by sources generated from resources/data/mnist-10k-*.gz (core/data/embedded_data.cpp.in):
// each file's bytes and their count.
extern const unsigned char reglab_mnist10k_images[];
extern const std::size_t reglab_mnist10k_images_size;
extern const unsigned char reglab_mnist10k_labels[];
extern const std::size_t reglab_mnist10k_labels_size;
}

namespace reglab {

namespace {

const std::array<const char *, 4> kFashionFiles{
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz"};

std::string fashionPath(std::size_t i) {
    return std::string(kFashionMnistDir) + "/" + kFashionFiles[i];
}

} // namespace

std::pair<const std::uint8_t *, std::size_t> embeddedMnistImages() {
    return {reglab_mnist10k_images, reglab_mnist10k_images_size};
}

std::pair<const std::uint8_t *, std::size_t> embeddedMnistLabels() {
    return {reglab_mnist10k_labels, reglab_mnist10k_labels_size};
}

bool fashionMnistInstalled() {
    std::error_code ec;
    for (std::size_t i = 0; i < kFashionFiles.size(); ++i) {
        if (!std::filesystem::is_regular_file(fashionPath(i), ec))
            return false;
    }
    return true;
}

Dataset loadMnist10k(const DatasetSpec &spec, Random &rng) {
    const std::string name = "mnist-10k";
    const auto [imagesData, imagesSize] = embeddedMnistImages();
    const auto [labelsData, labelsSize] = embeddedMnistLabels();
    LabelledImages src = checkImages(parseIdx(imagesData, imagesSize, name + " images"),
                                     parseIdx(labelsData, labelsSize, name + " labels"),
                                     name + " images", name + " labels");
    Dataset d = splitImageSet(src, spec, rng, name);
    d.numClasses = 10;
    d.classNames = numberedClassNames(10);
    return d;
}

Dataset loadFashionMnist(const DatasetSpec &spec, Random &rng) {
    if (!fashionMnistInstalled()) {
        throw InputError("fashion-mnist", "dataset.source",
                         std::string("not found in ") + kFashionMnistDir + ": "
                             + kFashionInstallNote);
    }
    const LabelledImages train = checkImages(
        readIdxFile(fashionPath(0)), readIdxFile(fashionPath(1)), fashionPath(0), fashionPath(1));
    const LabelledImages test = checkImages(
        readIdxFile(fashionPath(2)), readIdxFile(fashionPath(3)), fashionPath(2), fashionPath(3));
    Dataset d = twoPartImageSet(train, test, spec, rng);
    d.numClasses = 10;
    d.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return d;
}

} // namespace reglab
