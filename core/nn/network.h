// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file network.h
/// A sequential stack of layers (dense, conv2d, max_pool2d, flatten) with its forward and
/// backward passes. The network holds parameters only; every scratch buffer of a pass lives
/// in a NetworkWorkspace, so forward() and backward() are const and a network can be copied,
/// saved or evaluated on any thread without copying activations.
///
/// Shapes (MiniDNN's convention: one column per observation):
///   input x            in  x batch    (an image: h * w * c rows, channels last, conv.h)
///   dense kernel W     out x in   (column-major, so its memory is the row-major [in, out]
///                                  array that Keras and the .npz files use)
///   conv kernel W      filters x (kh kw c_in)  (memory: Keras's row-major [kh, kw, in, out])
///   bias b             out (filters)
///   dense output a     out x batch,  a = act(W x + b)
///   conv output a      (h_out w_out filters) x batch, a = act(W im2col(x) + b) (conv.h)
///   max_pool2d output  (h_out w_out c) x batch, the window maxima per channel
///   flatten output     the input itself (the channels-last order is Keras's flatten order)
///
/// Dropout entries of the model are not layers here: each weight layer carries the rate of
/// the dropout in front of it (`inputDropout`, ModelSpec::inputDropoutRates()) and, while
/// training, a mask m (input size x batch, 0 or 1 / (1 - rate), dropout.h) that multiplies
/// its input: a = act(W (m * x) + b). Without a mask (evaluation) dropout is the identity.
/// spatial_dropout2d is the same with one mask value per sample and channel of the image in
/// front of it (`inputDropoutChannels`), repeated over the positions.
#include "core/experiment_spec.h"
#include "core/nn/conv.h"
#include "core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace reglab {

enum class LayerKind { Dense, Conv2D, MaxPool2D, Flatten };

/// The parameters of a dense or conv2d layer (a weight layer).
template<typename Scalar>
struct WeightLayer {
    std::string name;
    LayerKind kind = LayerKind::Dense; ///< Dense or Conv2D
    Activation activation = Activation::Linear;
    bool useBias = true;
    double inputDropout = 0.0; ///< rate of the dropout applied to this layer's input
    /// spatial_dropout2d in front: the channels c of the image it drops (one draw per sample
    /// and channel, shared by the h w positions of the (row, column, channel) input); 0: one
    /// draw per value (dropout).
    int inputDropoutChannels = 0;
    Window window;         ///< conv2d: its geometry
    Matrix<Scalar> kernel; ///< out x in (dense), filters x (kh kw c_in) (conv2d)
    Vector<Scalar> bias;   ///< out (all zeros and never updated when !useBias)

    /// Columns of the kernel: in (dense), kh kw c_in (conv2d).
    Index inputs() const { return kernel.cols(); }
    Index units() const { return kernel.rows(); }
    /// Values per sample of the layer's input (what a dropout mask covers).
    Index inputSize() const {
        return kind == LayerKind::Conv2D ? Index(window.in.size()) : inputs();
    }
    /// The initializers' fan-out: out (dense), kh kw filters (conv2d, as Keras).
    Index fanOut() const {
        return kind == LayerKind::Conv2D ? units() * window.kh * window.kw : units();
    }
};

/// One step of the forward pass.
struct LayerOp {
    LayerKind kind = LayerKind::Dense;
    std::string name;
    int weight = -1; ///< Dense, Conv2D: the index into Network::layers()
    Window window;   ///< Conv2D, MaxPool2D
    TensorShape out; ///< the output shape
};

/// The scratch buffers of one forward/backward pass (sized on use; reuse it to avoid
/// reallocation).
template<typename Scalar>
struct NetworkWorkspace {
    std::vector<Matrix<Scalar>> act;               ///< per op: its output, size x batch
    std::vector<Matrix<Scalar>> delta;             ///< per op: dL/d(its output)
    std::vector<Matrix<Scalar>> cols;              ///< per Conv2D op: im2col of its (masked) input
    std::vector<std::vector<std::int32_t>> argmax; ///< per MaxPool2D op
    /// Per weight layer: the training pass's dropout mask of its input (input size x batch;
    /// empty: no dropout, the forward pass is the evaluation one) and the masked input.
    std::vector<Matrix<Scalar>> mask;
    std::vector<Matrix<Scalar>> dropped;
    /// Per weight layer: dL/dW and dL/db of the last backward pass.
    std::vector<Matrix<Scalar>> kernelGrad;
    std::vector<Vector<Scalar>> biasGrad;
};

template<typename Scalar>
class Network {
public:
    Network() = default;
    /// Builds the layers of `model` for inputs of shape `input`; weights are zero until
    /// initialize(). A model without conv2d, max_pool2d or flatten sees any input as
    /// input.size() flat features. The shapes must fit (ModelSpec::inferShapes() throws).
    Network(const TensorShape &input, const ModelSpec &model);
    /// Flat inputs of `inputDim` features.
    Network(Index inputDim, const ModelSpec &model)
        : Network(TensorShape{1, 1, int(inputDim), false}, model) {}

    /// Draws every kernel from its initializer with a generator seeded by `seed`; biases
    /// are zero. glorot_uniform: U(-l, l), l = sqrt(6 / (fan_in + fan_out)). he_normal: normal
    /// with stddev sqrt(2 / fan_in) truncated at two standard deviations, divided by
    /// 0.87962566 so the truncated draw keeps that stddev (Keras's variance_scaling). Fans:
    /// in and out (dense), kh kw c_in and kh kw filters (conv2d). Values are drawn in the
    /// row-major order of the Keras kernel ([in, out], [kh, kw, in, out]). The same seed and
    /// shapes give the same weights on every platform (own distributions over mt19937_64).
    void initialize(const ModelSpec &model, std::uint64_t seed);

    Index inputDim() const { return Index(m_input.size()); }
    const TensorShape &inputShape() const { return m_input; }
    Index outputDim() const { return m_ops.empty() ? inputDim() : Index(m_ops.back().out.size()); }

    /// The weight layers (dense and conv2d) in order: metrics columns and weight arrays.
    std::vector<WeightLayer<Scalar>> &layers() { return m_layers; }
    const std::vector<WeightLayer<Scalar>> &layers() const { return m_layers; }
    /// Every layer in order.
    const std::vector<LayerOp> &ops() const { return m_ops; }

    /// Draws the dropout masks of one training step for a batch of `batch` samples
    /// (fillDropoutMask with `stepKey` and the weight layer's index) into `ws` for every
    /// layer with inputDropout > 0; forward() and backward() apply them until
    /// clearDropoutMasks().
    void setDropoutMasks(NetworkWorkspace<Scalar> &ws, std::uint64_t stepKey, Index batch) const;
    static void clearDropoutMasks(NetworkWorkspace<Scalar> &ws);

    /// Forward pass over x (inputDim x batch). Returns the last layer's output
    /// (outputDim x batch); `ws` keeps every layer's output for backward().
    const Matrix<Scalar> &forward(const Eigen::Ref<const Matrix<Scalar>> &x,
                                  NetworkWorkspace<Scalar> &ws) const;

    /// Backward pass after forward(x, ws) on the same x. dOut = dL/d(output), outputDim x
    /// batch. Fills ws.kernelGrad and ws.biasGrad with the data-loss gradient:
    ///   dense:   delta_l = dL/da_l * act'(z_l)
    ///            dL/dW_l = delta_l * a_{l-1}^T,  dL/db_l = rowsum(delta_l)
    ///            dL/da_{l-1} = W_l^T * delta_l
    ///   conv2d:  the same on the patches (conv.h): dL/dW = dZ cols^T, dL/db = rowsum(dZ),
    ///            dL/da_{l-1} = col2im(W^T dZ)
    ///   max_pool2d: dL/da_{l-1} = dL/da_l routed to each window's argmax
    ///   flatten: the identity
    /// With a dropout mask m_l on layer l's input, a_{l-1} reads m_l * a_{l-1} above and
    ///   dL/da_{l-1} = m_l * (the gradient above).
    void backward(const Eigen::Ref<const Matrix<Scalar>> &x, const Matrix<Scalar> &dOut,
                  NetworkWorkspace<Scalar> &ws) const;

    /// A copy in another scalar type (e.g. double for gradient checks).
    template<typename Other>
    Network<Other> cast() const;

private:
    template<typename Other>
    friend class Network;

    TensorShape m_input;
    std::vector<WeightLayer<Scalar>> m_layers;
    std::vector<LayerOp> m_ops;
};

template<typename Scalar>
template<typename Other>
Network<Other> Network<Scalar>::cast() const {
    Network<Other> out;
    out.m_input = m_input;
    out.m_ops = m_ops;
    for (const auto &l : m_layers) {
        WeightLayer<Other> o;
        o.name = l.name;
        o.kind = l.kind;
        o.activation = l.activation;
        o.useBias = l.useBias;
        o.inputDropout = l.inputDropout;
        o.inputDropoutChannels = l.inputDropoutChannels;
        o.window = l.window;
        o.kernel = l.kernel.template cast<Other>();
        o.bias = l.bias.template cast<Other>();
        out.m_layers.push_back(std::move(o));
    }
    return out;
}

extern template class Network<float>;
extern template class Network<double>;

} // namespace reglab
