// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/network.h"

#include "core/nn/activation.h"
#include "core/nn/dropout.h"
#include "core/random.h"

#include <cmath>

namespace reglab {

template<typename Scalar>
Network<Scalar>::Network(const TensorShape &input, const ModelSpec &model) {
    // Without spatial layers an image is read as flat features (as dense models always did).
    m_input = model.hasSpatialLayers() ? input : TensorShape{1, 1, int(input.size()), false};
    const std::vector<TensorShape> shapes = model.inferShapes(m_input);
    const std::vector<double> dropout = model.inputDropoutRates();
    TensorShape in = m_input;
    int dropoutChannels = 0; // spatial_dropout2d in front of the next weight layer
    for (std::size_t i = 0; i < model.layers.size(); ++i) {
        const LayerSpec &spec = model.layers[i];
        if (spec.isDropout()) {
            if (spec.isSpatialDropout())
                dropoutChannels = in.channels;
            continue;
        }
        LayerOp op;
        op.name = spec.name;
        op.out = shapes[i];
        if (spec.isConv() || spec.isPool())
            op.window = makeWindow(spec, in);
        if (spec.hasWeights()) {
            WeightLayer<Scalar> layer;
            layer.name = spec.name;
            layer.kind = spec.isConv() ? LayerKind::Conv2D : LayerKind::Dense;
            layer.inputDropout = dropout[m_layers.size()];
            layer.inputDropoutChannels = layer.inputDropout > 0.0 ? dropoutChannels : 0;
            dropoutChannels = 0;
            layer.activation = spec.activation;
            layer.useBias = spec.useBias;
            layer.window = op.window;
            const Index out = spec.outputs();
            const Index cols = spec.isConv() ? op.window.patch() : Index(in.size());
            layer.kernel = Matrix<Scalar>::Zero(out, cols);
            layer.bias = Vector<Scalar>::Zero(out);
            op.kind = layer.kind;
            op.weight = int(m_layers.size());
            m_layers.push_back(std::move(layer));
        } else {
            op.kind = spec.isPool() ? LayerKind::MaxPool2D : LayerKind::Flatten;
        }
        m_ops.push_back(std::move(op));
        in = shapes[i];
    }
}

template<typename Scalar>
void Network<Scalar>::initialize(const ModelSpec &model, std::uint64_t seed) {
    Random rng(Random::derive(seed, 1));
    const std::vector<std::size_t> weights = model.weightIndices();
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        auto &layer = m_layers[i];
        const double fanIn = double(layer.inputs());
        const double fanOut = double(layer.fanOut());
        const Initializer init = i < weights.size() ? model.layers[weights[i]].kernelInitializer
                                                    : Initializer::GlorotUniform;
        // Element (o, i) of W is the [i, o] entry of the Keras kernel (i running over
        // kh, kw, in for a conv kernel); fill in that row-major order so a Keras-shaped draw
        // sequence maps to the same weights.
        Scalar *w = layer.kernel.data();
        const Index n = layer.kernel.size();
        switch (init) {
        case Initializer::GlorotUniform: {
            const double limit = std::sqrt(6.0 / (fanIn + fanOut));
            for (Index k = 0; k < n; ++k)
                w[k] = Scalar(rng.uniform(-limit, limit));
            break;
        }
        case Initializer::HeNormal: {
            const double stddev = std::sqrt(2.0 / fanIn) / 0.87962566103423978;
            for (Index k = 0; k < n; ++k) {
                double v = 0.0;
                do {
                    v = rng.normal();
                } while (std::abs(v) > 2.0);
                w[k] = Scalar(v * stddev);
            }
            break;
        }
        case Initializer::Zeros:
            layer.kernel.setZero();
            break;
        }
        layer.bias.setZero();
    }
}

template<typename Scalar>
void Network<Scalar>::setDropoutMasks(NetworkWorkspace<Scalar> &ws, std::uint64_t stepKey,
                                      Index batch) const {
    ws.mask.resize(m_layers.size());
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        const auto &l = m_layers[i];
        if (l.inputDropout <= 0.0) {
            ws.mask[i].resize(0, 0);
            continue;
        }
        const Index rows = l.inputSize();
        ws.mask[i].resize(rows, batch);
        fillDropoutMask(ws.mask[i].data(), rows, 0, batch, l.inputDropout, stepKey, i,
                        l.inputDropoutChannels);
    }
}

template<typename Scalar>
void Network<Scalar>::clearDropoutMasks(NetworkWorkspace<Scalar> &ws) {
    ws.mask.clear();
    ws.dropped.clear();
}

template<typename Scalar>
const Matrix<Scalar> &Network<Scalar>::forward(const Eigen::Ref<const Matrix<Scalar>> &x,
                                               NetworkWorkspace<Scalar> &ws) const {
    const std::size_t L = m_ops.size();
    const Index n = x.cols();
    ws.act.resize(L);
    ws.cols.resize(L);
    ws.argmax.resize(L);
    ws.dropped.resize(m_layers.size());
    ws.mask.resize(m_layers.size());
    for (std::size_t i = 0; i < L; ++i) {
        const LayerOp &op = m_ops[i];
        Matrix<Scalar> &out = ws.act[i];
        const auto &in = i == 0 ? x : Eigen::Ref<const Matrix<Scalar>>(ws.act[i - 1]);
        switch (op.kind) {
        case LayerKind::Flatten:
            out = in; // channels-last columns already are Keras's flatten order
            break;
        case LayerKind::MaxPool2D:
            out.resize(op.out.size(), n);
            ws.argmax[i].resize(std::size_t(out.size()));
            maxPoolForward(op.window, in.data(), n, out.data(), ws.argmax[i].data());
            break;
        case LayerKind::Dense:
        case LayerKind::Conv2D: {
            const auto &l = m_layers[std::size_t(op.weight)];
            const Matrix<Scalar> &mask = ws.mask[std::size_t(op.weight)];
            Matrix<Scalar> &dropped = ws.dropped[std::size_t(op.weight)];
            // m * a_prev (m: the dropout mask while training)
            if (mask.size() != 0)
                dropped = mask.cwiseProduct(in);
            const Scalar *src = mask.size() != 0 ? dropped.data() : in.data();
            if (op.kind == LayerKind::Dense) {
                // z = W * (m * a_prev) + b
                if (mask.size() != 0)
                    out.noalias() = l.kernel * dropped;
                else
                    out.noalias() = l.kernel * in;
                if (l.useBias)
                    out.colwise() += l.bias;
            } else {
                // Z = W cols + b, c_out x (P n): the batch of channels-last outputs
                const Window &g = op.window;
                Matrix<Scalar> &cols = ws.cols[i];
                cols.resize(g.patch(), g.positions() * n);
                im2col(g, src, n, cols.data());
                out.resize(op.out.size(), n);
                Eigen::Map<Matrix<Scalar>> z(out.data(), l.units(), g.positions() * n);
                z.noalias() = l.kernel * cols;
                if (l.useBias)
                    z.colwise() += l.bias;
            }
            applyActivation(l.activation, out); // a = act(z)
            break;
        }
        }
    }
    return ws.act.back();
}

template<typename Scalar>
void Network<Scalar>::backward(const Eigen::Ref<const Matrix<Scalar>> &x,
                               const Matrix<Scalar> &dOut, NetworkWorkspace<Scalar> &ws) const {
    const int last = int(m_ops.size()) - 1;
    const Index n = x.cols();
    ws.delta.resize(m_ops.size());
    ws.kernelGrad.resize(m_layers.size());
    ws.biasGrad.resize(m_layers.size());
    ws.delta[std::size_t(last)] = dOut; // dL/da of the last layer
    for (int i = last; i >= 0; --i) {
        const LayerOp &op = m_ops[std::size_t(i)];
        Matrix<Scalar> &delta = ws.delta[std::size_t(i)];
        const auto &in = i == 0 ? x : Eigen::Ref<const Matrix<Scalar>>(ws.act[std::size_t(i - 1)]);
        Matrix<Scalar> *prevDelta = i > 0 ? &ws.delta[std::size_t(i - 1)] : nullptr;
        switch (op.kind) {
        case LayerKind::Flatten:
            if (prevDelta)
                *prevDelta = delta;
            break;
        case LayerKind::MaxPool2D:
            // dL/da_prev: each window's gradient to its argmax
            if (prevDelta) {
                prevDelta->resize(op.window.in.size(), n);
                maxPoolBackward(op.window, delta.data(), ws.argmax[std::size_t(i)].data(), n,
                                prevDelta->data());
            }
            break;
        case LayerKind::Dense:
        case LayerKind::Conv2D: {
            const std::size_t w = std::size_t(op.weight);
            const auto &l = m_layers[w];
            const Matrix<Scalar> &mask = ws.mask[w];
            // delta = dL/da * act'(z)
            applyActivationDerivative(l.activation, ws.act[std::size_t(i)], delta);
            Matrix<Scalar> &kernelGrad = ws.kernelGrad[w];
            Vector<Scalar> &biasGrad = ws.biasGrad[w];
            if (op.kind == LayerKind::Dense) {
                // dL/dW = delta * (m * a_prev)^T ; dL/db = rowsum(delta)
                if (mask.size() != 0)
                    kernelGrad.noalias() = delta * ws.dropped[w].transpose();
                else
                    kernelGrad.noalias() = delta * in.transpose();
                if (l.useBias)
                    biasGrad.noalias() = delta.rowwise().sum();
                else
                    biasGrad.setZero(l.units());
                // dL/da_prev = m * (W^T * delta)
                if (prevDelta)
                    prevDelta->noalias() = l.kernel.transpose() * delta;
            } else {
                // dZ is c_out x (P n); dL/dW = dZ cols^T, dL/db = rowsum(dZ)
                const Window &g = op.window;
                const Eigen::Map<const Matrix<Scalar>> dz(delta.data(), l.units(),
                                                          g.positions() * n);
                const Matrix<Scalar> &cols = ws.cols[std::size_t(i)];
                kernelGrad.noalias() = dz * cols.transpose();
                if (l.useBias)
                    biasGrad.noalias() = dz.rowwise().sum();
                else
                    biasGrad.setZero(l.units());
                // dL/da_prev = m * col2im(W^T dZ)
                if (prevDelta) {
                    const Matrix<Scalar> dcols = l.kernel.transpose() * dz;
                    prevDelta->resize(g.in.size(), n);
                    col2im(g, dcols.data(), n, prevDelta->data());
                }
            }
            if (prevDelta && mask.size() != 0)
                prevDelta->array() *= mask.array();
            break;
        }
        }
    }
}

template class Network<float>;
template class Network<double>;

} // namespace reglab
