// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file conv.h
/// The data movement of conv2d and max_pool2d layers, shared by the reference network
/// (network.h, float and double) and the fast path.
///
/// Layout: one sample is one column of h * w * c values in Keras's channels-last order,
/// element (row r, column q, channel ch) at (r * w + q) * c + ch. A batch is that many rows
/// times n columns (column-major), so flatten moves nothing.
///
/// A convolution is a product on the patches of its input (im2col):
///   cols   K x (P n)     K = kh kw c_in (patch entry (i, j, ch) at (i kw + j) c_in + ch),
///                        P = h_out w_out, column p + P s = the patch of output position p
///                        of sample s (zeros where the window covers the padding)
///   W      c_out x K     column-major: the row-major [kh, kw, c_in, c_out] Keras kernel
///   Z = W cols           c_out x (P n): column p + P s is output position p of sample s,
///                        i.e. exactly the batch of channels-last outputs (P c_out) x n.
/// Backward: dW = dZ cols^T, db = rowsum(dZ), dcols = W^T dZ, and dx = col2im(dcols) adds
/// every patch entry back to the input value it was read from.
#include "core/experiment_spec.h"
#include "core/types.h"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace reglab {

/// One conv2d or max_pool2d layer on its input.
struct Window {
    TensorShape in;
    TensorShape out;
    int kh = 1, kw = 1; ///< window size
    int sh = 1, sw = 1; ///< strides (down, across)
    int padTop = 0;     ///< padding rows before the first input row ("same")
    int padLeft = 0;

    /// Rows of the patch matrix: kh kw c_in.
    Index patch() const { return Index(kh) * kw * in.channels; }
    /// Output positions per sample: h_out w_out.
    Index positions() const { return Index(out.height) * out.width; }
};

/// The window of `layer` (conv2d or max_pool2d) on inputs of shape `in` (windowAxis()).
inline Window makeWindow(const LayerSpec &layer, const TensorShape &in) {
    Window w;
    w.in = in;
    const auto k = layer.windowSize();
    const auto s = layer.effectiveStrides();
    w.kh = k[0];
    w.kw = k[1];
    w.sh = s[0];
    w.sw = s[1];
    const WindowAxis rows = windowAxis(in.height, w.kh, w.sh, layer.padding);
    const WindowAxis cols = windowAxis(in.width, w.kw, w.sw, layer.padding);
    w.padTop = rows.padBefore;
    w.padLeft = cols.padBefore;
    w.out = TensorShape{rows.out, cols.out, layer.isConv() ? layer.filters : in.channels, true};
    return w;
}

/// Calls f(entry, at) for every patch entry of `samples` inputs in the order of the patch
/// matrix (layout above): `entry` counts the patch matrix's entries in steps of c_in, `at` is
/// the index of the first of those c_in values in the input batch, or -1 for padding.
template<typename F>
void forEachPatchPixel(const Window &g, Index samples, F &&f) {
    const int h = g.in.height, w = g.in.width, c = g.in.channels;
    const Index inSize = Index(h) * w * c;
    Index entry = 0;
    for (Index s = 0; s < samples; ++s) {
        for (int oh = 0; oh < g.out.height; ++oh) {
            for (int ow = 0; ow < g.out.width; ++ow) {
                for (int i = 0; i < g.kh; ++i) {
                    const int r = oh * g.sh - g.padTop + i;
                    for (int j = 0; j < g.kw; ++j, entry += c) {
                        const int q = ow * g.sw - g.padLeft + j;
                        const bool inside = r >= 0 && r < h && q >= 0 && q < w;
                        f(entry, inside ? s * inSize + (Index(r) * w + q) * c : Index(-1));
                    }
                }
            }
        }
    }
}

/// cols <- the patches of `samples` inputs (layout above). `in` holds in.size() values per
/// sample, `cols` receives patch() x positions() values per sample.
template<typename Scalar>
void im2col(const Window &g, const Scalar *in, Index samples, Scalar *cols) {
    const int c = g.in.channels;
    forEachPatchPixel(g, samples, [&](Index entry, Index at) {
        if (at < 0)
            std::fill_n(cols + entry, c, Scalar(0)); // zero padding
        else
            std::copy_n(in + at, c, cols + entry);
    });
}

/// dIn <- col2im(dCols): every patch entry's gradient added to the input value it was read
/// from (dIn is overwritten; padding entries are dropped).
template<typename Scalar>
void col2im(const Window &g, const Scalar *dCols, Index samples, Scalar *dIn) {
    const int c = g.in.channels;
    std::fill_n(dIn, Index(g.in.size()) * samples, Scalar(0));
    forEachPatchPixel(g, samples, [&](Index entry, Index at) {
        if (at >= 0) {
            for (int ch = 0; ch < c; ++ch)
                dIn[at + ch] += dCols[entry + ch];
        }
    });
}

/// out <- the maximum of each window, per channel; argmax <- where it was (the index within
/// the sample's input). Ties go to the first value in row-major window order (as TF and
/// PyTorch); padding never wins (it is not a value).
template<typename Scalar>
void maxPoolForward(const Window &g, const Scalar *in, Index samples, Scalar *out,
                    std::int32_t *argmax) {
    const int h = g.in.height, w = g.in.width, c = g.in.channels;
    const Index inSize = Index(h) * w * c;
    const Index outSize = g.out.size();
    for (Index s = 0; s < samples; ++s) {
        const Scalar *x = in + s * inSize;
        Scalar *y = out + s * outSize;
        std::int32_t *a = argmax + s * outSize;
        for (int oh = 0; oh < g.out.height; ++oh) {
            for (int ow = 0; ow < g.out.width; ++ow) {
                for (int ch = 0; ch < c; ++ch) {
                    std::int32_t best = -1;
                    Scalar bestValue = -std::numeric_limits<Scalar>::infinity();
                    for (int i = 0; i < g.kh; ++i) {
                        const int r = oh * g.sh - g.padTop + i;
                        if (r < 0 || r >= h)
                            continue;
                        for (int j = 0; j < g.kw; ++j) {
                            const int q = ow * g.sw - g.padLeft + j;
                            if (q < 0 || q >= w)
                                continue;
                            const std::int32_t at = std::int32_t((r * w + q) * c + ch);
                            // strictly greater: a tie keeps the first
                            if (best < 0 || x[at] > bestValue) {
                                best = at;
                                bestValue = x[at];
                            }
                        }
                    }
                    *y++ = bestValue;
                    *a++ = best;
                }
            }
        }
    }
}

/// dIn <- dOut routed to the argmax of each window (dIn overwritten; a value that is the
/// maximum of several overlapping windows gets the sum).
template<typename Scalar>
void maxPoolBackward(const Window &g, const Scalar *dOut, const std::int32_t *argmax, Index samples,
                     Scalar *dIn) {
    const Index inSize = g.in.size();
    const Index outSize = g.out.size();
    std::fill_n(dIn, inSize * samples, Scalar(0));
    for (Index s = 0; s < samples; ++s) {
        Scalar *dx = dIn + s * inSize;
        for (Index o = 0; o < outSize; ++o)
            dx[argmax[s * outSize + o]] += dOut[s * outSize + o];
    }
}

} // namespace reglab
