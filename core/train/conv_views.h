// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file conv_views.h
/// What the filter and feature-map views of a convolutional network draw, computed from a
/// network's parameters (pure functions, called on the training worker's thread).
///
/// A tile is a small image stored as one row of a matrix: height * width pixels in
/// row-major order.
#include "core/nn/network.h"
#include "core/types.h"

#include <string>
#include <vector>

namespace reglab {

/// One conv2d layer's filters as tiles.
struct FilterTiles {
    std::string name;
    int weightLayer = -1; ///< index into Network::layers()
    int height = 0;       ///< kh
    int width = 0;        ///< kw
    int inChannels = 0;
    int filters = 0;
    /// True: one tile per (filter, input channel), filter-major (the first layer, whose input
    /// channels are the image's); false: one tile per filter, the mean over its input
    /// channels (deeper layers, whose input channels are the previous layer's maps).
    bool perInputChannel = false;
    /// tiles x (kh kw): tile f * inChannels + c (per input channel) or f (the mean):
    ///   W[r, s, c, f]                           (per input channel)
    ///   (1 / c_in) sum_c W[r, s, c, f]           (the mean)
    /// with W the Keras kernel [kh, kw, in, out]. At most `maxTiles` rows (the first ones).
    MatrixF tiles;
};

/// The filters of every conv2d layer of `net`, in order: the first conv layer on the input
/// per input channel, the others as the mean over input channels.
std::vector<FilterTiles> filterTiles(const Network<float> &net, int maxTiles);

/// One layer's output for one sample: a tile per channel.
struct FeatureMap {
    std::string name;
    LayerKind kind = LayerKind::Conv2D; ///< Conv2D or MaxPool2D; Flatten marks the input
    TensorShape shape;                  ///< h x w x c
    /// channels x (h w): map c is row c, its pixel (r, s) the output value (r, s, c).
    MatrixF maps;
};

/// The input image (kind Flatten, name "input") and the output of every conv2d and
/// max_pool2d layer of `net` for one sample `x` (inputDim values, channels last), at most
/// `maxChannels` channels per layer. Empty when the network has no image input.
std::vector<FeatureMap> featureMaps(const Network<float> &net, const Eigen::Ref<const VectorF> &x,
                                    int maxChannels);

} // namespace reglab
