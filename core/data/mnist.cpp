// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/data/mnist.h"

#include "core/data/idx.h"
#include "core/data/image_set.h"
#include "core/error.h"

#include <array>
#include <filesystem>
#include <string>

extern "C" {
// Defined by core/data/embedded_data.S (.incbin of resources/data/mnist-10k-*.gz).
extern const unsigned char reglab_mnist10k_images[];
extern const unsigned char reglab_mnist10k_images_end[];
extern const unsigned char reglab_mnist10k_labels[];
extern const unsigned char reglab_mnist10k_labels_end[];
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
    const auto begin = reinterpret_cast<std::uintptr_t>(reglab_mnist10k_images);
    const auto end = reinterpret_cast<std::uintptr_t>(reglab_mnist10k_images_end);
    return {reglab_mnist10k_images, std::size_t(end - begin)};
}

std::pair<const std::uint8_t *, std::size_t> embeddedMnistLabels() {
    const auto begin = reinterpret_cast<std::uintptr_t>(reglab_mnist10k_labels);
    const auto end = reinterpret_cast<std::uintptr_t>(reglab_mnist10k_labels_end);
    return {reglab_mnist10k_labels, std::size_t(end - begin)};
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
