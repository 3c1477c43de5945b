// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file network.h
/// A sequential stack of dense layers with its forward and backward passes.
///
/// Shapes (MiniDNN's convention: one column per observation):
///   input x            in  x batch
///   kernel W           out x in   (column-major, so its memory is the row-major [in, out]
///                                  array that Keras and the .npz files use)
///   bias b             out
///   output a           out x batch,  a = act(W x + b)
///
/// Dropout entries of the model are not layers here: each dense layer carries the rate of
/// the dropout in front of it (`inputDropout`, ModelSpec::inputDropoutRates()) and, while
/// training, a mask m (in x batch, 0 or 1 / (1 - rate), dropout.h) that multiplies its
/// input: a = act(W (m * x) + b). Without a mask (evaluation) dropout is the identity.
#include "core/experiment_spec.h"
#include "core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

template<typename Scalar>
struct DenseLayer {
    std::string name;
    Activation activation = Activation::Linear;
    bool useBias = true;
    double inputDropout = 0.0; ///< rate of the dropout applied to this layer's input
    Matrix<Scalar> kernel;     ///< out x in
    Vector<Scalar> bias;       ///< out (all zeros and never updated when !useBias)
    Matrix<Scalar> kernelGrad; ///< dL/dW of the last backward pass, out x in
    Vector<Scalar> biasGrad;   ///< dL/db, out
    // Workspaces of the last forward/backward pass (kept to avoid reallocation).
    Matrix<Scalar> output; ///< a, out x batch
    Matrix<Scalar> delta;  ///< dL/dz, out x batch
    /// The training pass's dropout mask of the input, in x batch; empty: no dropout (the
    /// forward pass is the evaluation one). Set by Network::setDropoutMasks().
    Matrix<Scalar> inputMask;
    Matrix<Scalar> droppedInput; ///< m * input of the last forward pass (with a mask)

    Index inputs() const { return kernel.cols(); }
    Index units() const { return kernel.rows(); }
};

template<typename Scalar>
class Network {
public:
    Network() = default;
    /// Builds the layers of `model` for inputs of `inputDim` features; weights are zero
    /// until initialize().
    Network(Index inputDim, const ModelSpec &model);

    /// Draws every kernel from its initializer with a generator seeded by `seed`; biases
    /// are zero. glorot_uniform: U(-l, l), l = sqrt(6 / (in + out)). he_normal: normal with
    /// stddev sqrt(2 / in) truncated at two standard deviations, divided by 0.87962566 so
    /// the truncated draw keeps that stddev (Keras's variance_scaling). The same seed and
    /// shapes give the same weights on every platform (own distributions over mt19937_64).
    void initialize(const ModelSpec &model, std::uint64_t seed);

    Index inputDim() const { return m_inputDim; }
    Index outputDim() const { return m_layers.empty() ? m_inputDim : m_layers.back().units(); }

    std::vector<DenseLayer<Scalar>> &layers() { return m_layers; }
    const std::vector<DenseLayer<Scalar>> &layers() const { return m_layers; }

    /// Draws the dropout masks of one training step for a batch of `batch` samples
    /// (fillDropoutMask with `stepKey`) into every layer with inputDropout > 0; forward()
    /// and backward() apply them until clearDropoutMasks().
    void setDropoutMasks(std::uint64_t stepKey, Index batch);
    void clearDropoutMasks();

    /// Forward pass over x (inputDim x batch). Returns the last layer's output
    /// (outputDim x batch); every layer keeps its output for backward().
    const Matrix<Scalar> &forward(const Eigen::Ref<const Matrix<Scalar>> &x);

    /// Backward pass after forward(x) on the same x. dOut = dL/d(output), outputDim x batch.
    /// Fills every layer's kernelGrad and biasGrad with the data-loss gradient:
    ///   delta_l = dL/da_l * act'(z_l)
    ///   dL/dW_l = delta_l * a_{l-1}^T,  dL/db_l = rowsum(delta_l)
    ///   dL/da_{l-1} = W_l^T * delta_l
    /// With a dropout mask m_l on layer l's input, a_{l-1} reads m_l * a_{l-1} above and
    ///   dL/da_{l-1} = m_l * (W_l^T * delta_l).
    void backward(const Eigen::Ref<const Matrix<Scalar>> &x, const Matrix<Scalar> &dOut);

    /// A copy in another scalar type (e.g. double for gradient checks).
    template<typename Other>
    Network<Other> cast() const;

private:
    Index m_inputDim = 0;
    std::vector<DenseLayer<Scalar>> m_layers;
};

template<typename Scalar>
template<typename Other>
Network<Other> Network<Scalar>::cast() const {
    Network<Other> out(m_inputDim, ModelSpec{});
    for (const auto &l : m_layers) {
        DenseLayer<Other> o;
        o.name = l.name;
        o.activation = l.activation;
        o.useBias = l.useBias;
        o.inputDropout = l.inputDropout;
        o.kernel = l.kernel.template cast<Other>();
        o.bias = l.bias.template cast<Other>();
        o.kernelGrad = Matrix<Other>::Zero(o.kernel.rows(), o.kernel.cols());
        o.biasGrad = Vector<Other>::Zero(o.bias.size());
        out.layers().push_back(std::move(o));
    }
    return out;
}

extern template class Network<float>;
extern template class Network<double>;

} // namespace reglab
