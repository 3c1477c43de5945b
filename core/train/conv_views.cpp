// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/train/conv_views.h"

#include <algorithm>

namespace reglab {

std::vector<FilterTiles> filterTiles(const Network<float> &net, int maxTiles) {
    std::vector<FilterTiles> out;
    const auto &layers = net.layers();
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const WeightLayer<float> &l = layers[k];
        if (l.kind != LayerKind::Conv2D)
            continue;
        FilterTiles t;
        t.name = l.name;
        t.weightLayer = int(k);
        t.height = l.window.kh;
        t.width = l.window.kw;
        t.inChannels = l.window.in.channels;
        t.filters = int(l.units());
        t.perInputChannel = out.empty();
        const Index pixels = Index(t.height) * t.width;
        const Index cin = t.inChannels;
        const Index count = t.perInputChannel ? Index(t.filters) * cin : Index(t.filters);
        const Index rows = std::min<Index>(count, std::max(maxTiles, 0));
        t.tiles.setZero(rows, pixels);
        // The kernel is filters x (kh kw c_in), column (r kw + s) c_in + c: W[r, s, c, f].
        for (Index row = 0; row < rows; ++row) {
            const Index f = t.perInputChannel ? row / cin : row;
            for (Index p = 0; p < pixels; ++p) {
                if (t.perInputChannel) {
                    t.tiles(row, p) = l.kernel(f, p * cin + row % cin);
                } else {
                    double sum = 0.0; // (1 / c_in) sum_c W[r, s, c, f]
                    for (Index c = 0; c < cin; ++c)
                        sum += l.kernel(f, p * cin + c);
                    t.tiles(row, p) = float(sum / double(cin));
                }
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

namespace {

/// A channels-last h x w x c sample as c tiles of h w pixels.
MatrixF channelTiles(const float *values, const TensorShape &shape, int maxChannels) {
    const Index pixels = Index(shape.height) * shape.width;
    const Index c = std::min<Index>(shape.channels, std::max(maxChannels, 0));
    MatrixF maps(c, pixels);
    for (Index p = 0; p < pixels; ++p) {
        for (Index ch = 0; ch < c; ++ch)
            maps(ch, p) = values[p * shape.channels + ch];
    }
    return maps;
}

} // namespace

std::vector<FeatureMap> featureMaps(const Network<float> &net, const Eigen::Ref<const VectorF> &x,
                                    int maxChannels) {
    std::vector<FeatureMap> out;
    const TensorShape &input = net.inputShape();
    if (!input.image || x.size() != net.inputDim())
        return out;
    out.push_back({"input", LayerKind::Flatten, input, channelTiles(x.data(), input, maxChannels)});
    NetworkWorkspace<float> ws;
    const MatrixF sample = x;
    net.forward(sample, ws);
    const auto &ops = net.ops();
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const LayerOp &op = ops[i];
        if (op.kind != LayerKind::Conv2D && op.kind != LayerKind::MaxPool2D)
            continue;
        out.push_back(
            {op.name, op.kind, op.out, channelTiles(ws.act[i].data(), op.out, maxChannels)});
    }
    return out;
}

} // namespace reglab
