// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/nn/network.h"

#include "core/nn/activation.h"
#include "core/nn/dropout.h"
#include "core/random.h"

#include <cmath>

namespace reglab {

template<typename Scalar>
Network<Scalar>::Network(Index inputDim, const ModelSpec &model)
    : m_inputDim(inputDim) {
    Index in = inputDim;
    const std::vector<double> dropout = model.inputDropoutRates();
    const std::vector<std::size_t> dense = model.denseIndices();
    for (std::size_t k = 0; k < dense.size(); ++k) {
        const LayerSpec &spec = model.layers[dense[k]];
        DenseLayer<Scalar> layer;
        layer.name = spec.name;
        layer.inputDropout = dropout[k];
        layer.activation = spec.activation;
        layer.useBias = spec.useBias;
        layer.kernel = Matrix<Scalar>::Zero(spec.units, in);
        layer.bias = Vector<Scalar>::Zero(spec.units);
        layer.kernelGrad = Matrix<Scalar>::Zero(spec.units, in);
        layer.biasGrad = Vector<Scalar>::Zero(spec.units);
        m_layers.push_back(std::move(layer));
        in = spec.units;
    }
}

template<typename Scalar>
void Network<Scalar>::initialize(const ModelSpec &model, std::uint64_t seed) {
    Random rng(Random::derive(seed, 1));
    const std::vector<std::size_t> dense = model.denseIndices();
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        auto &layer = m_layers[i];
        const double fanIn = double(layer.inputs());
        const double fanOut = double(layer.units());
        const Initializer init = i < dense.size() ? model.layers[dense[i]].kernelInitializer
                                                  : Initializer::GlorotUniform;
        // Element (o, i) of W is the [i, o] entry of the Keras kernel; fill in that
        // row-major order so a Keras-shaped draw sequence maps to the same weights.
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
void Network<Scalar>::setDropoutMasks(std::uint64_t stepKey, Index batch) {
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        auto &l = m_layers[i];
        if (l.inputDropout <= 0.0) {
            l.inputMask.resize(0, 0);
            continue;
        }
        l.inputMask.resize(l.inputs(), batch);
        fillDropoutMask(l.inputMask.data(), l.inputs(), 0, batch, l.inputDropout, stepKey, i);
    }
}

template<typename Scalar>
void Network<Scalar>::clearDropoutMasks() {
    for (auto &l : m_layers) {
        l.inputMask.resize(0, 0);
        l.droppedInput.resize(0, 0);
    }
}

template<typename Scalar>
const Matrix<Scalar> &Network<Scalar>::forward(const Eigen::Ref<const Matrix<Scalar>> &x) {
    for (std::size_t i = 0; i < m_layers.size(); ++i) {
        auto &l = m_layers[i];
        const auto &in = i == 0 ? x : Eigen::Ref<const Matrix<Scalar>>(m_layers[i - 1].output);
        // z = W * (m * a_prev) + b (m: the dropout mask while training), then a = act(z)
        if (l.inputMask.size() != 0) {
            l.droppedInput = l.inputMask.cwiseProduct(in);
            l.output.noalias() = l.kernel * l.droppedInput;
        } else {
            l.output.noalias() = l.kernel * in;
        }
        if (l.useBias)
            l.output.colwise() += l.bias;
        applyActivation(l.activation, l.output);
    }
    return m_layers.back().output;
}

template<typename Scalar>
void Network<Scalar>::backward(const Eigen::Ref<const Matrix<Scalar>> &x,
                               const Matrix<Scalar> &dOut) {
    const int last = int(m_layers.size()) - 1;
    m_layers[last].delta = dOut; // dL/da of the last layer
    for (int i = last; i >= 0; --i) {
        auto &l = m_layers[std::size_t(i)];
        // delta = dL/da * act'(z)
        applyActivationDerivative(l.activation, l.output, l.delta);
        // dL/dW = delta * (m * a_prev)^T ; dL/db = rowsum(delta)
        if (l.inputMask.size() != 0)
            l.kernelGrad.noalias() = l.delta * l.droppedInput.transpose();
        else if (i == 0)
            l.kernelGrad.noalias() = l.delta * x.transpose();
        else
            l.kernelGrad.noalias() = l.delta * m_layers[std::size_t(i - 1)].output.transpose();
        if (l.useBias)
            l.biasGrad.noalias() = l.delta.rowwise().sum();
        else
            l.biasGrad.setZero();
        // dL/da_prev = m * (W^T * delta)
        if (i > 0) {
            auto &prevDelta = m_layers[std::size_t(i - 1)].delta;
            prevDelta.noalias() = l.kernel.transpose() * l.delta;
            if (l.inputMask.size() != 0)
                prevDelta.array() *= l.inputMask.array();
        }
    }
}

template class Network<float>;
template class Network<double>;

} // namespace reglab
