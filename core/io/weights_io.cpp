// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/io/weights_io.h"

#include "core/error.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace reglab {

namespace {

/// Keras's kernel shape: [in, out] (dense), [kh, kw, in, out] (conv2d). Either way the C-order
/// array is the out x (kh kw in) column-major kernel byte for byte.
std::vector<std::size_t> kernelShape(const WeightLayer<float> &layer) {
    const std::size_t out = std::size_t(layer.units());
    if (layer.kind == LayerKind::Conv2D) {
        const Window &g = layer.window;
        return {std::size_t(g.kh), std::size_t(g.kw), std::size_t(g.in.channels), out};
    }
    return {std::size_t(layer.inputs()), out};
}

} // namespace

std::vector<NpzArray> weightsToArrays(const Network<float> &net) {
    std::vector<NpzArray> arrays;
    for (const WeightLayer<float> &layer : net.layers()) {
        // W is out x in, column-major: element (o, i) sits at o + i * out, which is the
        // C-order index of [i, o] in an [in, out] array. The memory is copied as is.
        NpzArray kernel;
        kernel.name = layer.name + "/kernel";
        kernel.shape = kernelShape(layer);
        kernel.data.assign(layer.kernel.data(), layer.kernel.data() + layer.kernel.size());
        arrays.push_back(std::move(kernel));

        NpzArray bias;
        bias.name = layer.name + "/bias";
        bias.shape = {std::size_t(layer.units())};
        bias.data.assign(layer.bias.data(), layer.bias.data() + layer.bias.size());
        arrays.push_back(std::move(bias));
    }
    return arrays;
}

void arraysToWeights(const std::vector<NpzArray> &arrays, Network<float> &net,
                     const std::string &file) {
    // Check everything first so that a bad file leaves `net` untouched.
    std::map<std::string, const NpzArray *> byName;
    for (const NpzArray &a : arrays) {
        if (!byName.emplace(a.name, &a).second)
            throw InputError(file, a.name, "duplicate array");
    }
    struct Target {
        std::string name;
        std::vector<std::size_t> shape;
        const WeightLayer<float> *layer;
        bool isBias;
    };
    std::vector<Target> targets;
    for (const WeightLayer<float> &layer : net.layers()) {
        const std::size_t out = std::size_t(layer.units());
        targets.push_back({layer.name + "/kernel", kernelShape(layer), &layer, false});
        targets.push_back({layer.name + "/bias", {out}, &layer, true});
    }
    for (const auto &entry : byName) {
        const std::string &name = entry.first;
        const bool known = std::any_of(targets.begin(), targets.end(),
                                       [&](const Target &t) { return t.name == name; });
        if (!known)
            throw InputError(file, name, "unexpected array (the network has no such weights)");
    }
    for (const Target &t : targets) {
        const auto it = byName.find(t.name);
        if (it == byName.end())
            throw InputError(file, t.name, "missing array");
        const NpzArray &a = *it->second;
        if (a.shape != t.shape)
            throw InputError(file, t.name,
                             "shape " + shapeText(a.shape) + " does not match the network's "
                                 + shapeText(t.shape));
        std::size_t values = 1;
        for (std::size_t d : t.shape)
            values *= d;
        if (a.data.size() != values)
            throw InputError(file, t.name, "the values do not fill the shape");
        if (!std::all_of(a.data.begin(), a.data.end(), [](float v) { return std::isfinite(v); }))
            throw InputError(file, t.name, "contains NaN or infinite values");
        if (t.isBias && !t.layer->useBias
            && std::any_of(a.data.begin(), a.data.end(), [](float v) { return v != 0.0f; }))
            throw InputError(file, t.name, "must be all zeros: the layer has no bias");
    }
    for (WeightLayer<float> &layer : net.layers()) {
        const NpzArray &kernel = *byName.at(layer.name + "/kernel");
        const NpzArray &bias = *byName.at(layer.name + "/bias");
        std::copy(kernel.data.begin(), kernel.data.end(), layer.kernel.data());
        std::copy(bias.data.begin(), bias.data.end(), layer.bias.data());
    }
}

void saveWeights(const Network<float> &net, const std::string &path) {
    writeNpz(path, weightsToArrays(net));
}

void loadWeights(Network<float> &net, const std::string &path) {
    arraysToWeights(readNpz(path), net, path);
}

} // namespace reglab
