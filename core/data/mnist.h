// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file mnist.h
/// The built-in image sets in the MNIST format: mnist-10k (the first 10,000 MNIST training
/// images, embedded in the library) and fashion-mnist (Debian's dataset-fashion-mnist).
/// Both have 28x28 images and 10 classes.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/random.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace reglab {

/// Where Debian's dataset-fashion-mnist package installs its files.
inline constexpr const char *kFashionMnistDir = "/usr/share/datasets/fashion-mnist";
/// How to get fashion-mnist when it is missing.
inline constexpr const char *kFashionInstallNote =
    "install Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)";

/// The embedded mnist-10k files (gzip IDX), as assembled into the binary.
std::pair<const std::uint8_t *, std::size_t> embeddedMnistImages();
std::pair<const std::uint8_t *, std::size_t> embeddedMnistLabels();

/// All four fashion-mnist files are in kFashionMnistDir.
bool fashionMnistInstalled();

/// mnist-10k split by test_fraction; class names "0".."9".
Dataset loadMnist10k(const DatasetSpec &spec, Random &rng);
/// fashion-mnist with its own test part (image_set.h: twoPartImageSet) and the names of its
/// ten classes. InputError when it is not installed.
Dataset loadFashionMnist(const DatasetSpec &spec, Random &rng);

} // namespace reglab
