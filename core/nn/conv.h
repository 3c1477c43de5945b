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

/// Calls f(run, at, lo, hi) for every kernel row of every patch of `samples` inputs, in the
/// order of the patch matrix (layout above): `run` is the index of the row's first entry in
/// the patch matrix (kw c_in entries follow), entries [lo, hi) of it are the input values
/// from index `at` on (one contiguous run: the kernel row's columns are neighbours in the
/// channels-last input), the others are padding. lo == hi when the whole row is padding.
template<typename F>
void forEachPatchRow(const Window &g, Index samples, F &&f) {
    const int h = g.in.height, w = g.in.width, c = g.in.channels;
    const Index inSize = Index(h) * w * c;
    const Index rowLength = Index(g.kw) * c;
    Index run = 0;
    for (Index s = 0; s < samples; ++s) {
        for (int oh = 0; oh < g.out.height; ++oh) {
            for (int ow = 0; ow < g.out.width; ++ow) {
                const int q0 = ow * g.sw - g.padLeft; // the window's first column
                const int jLo = std::max(0, -q0);
                const int jHi = std::min(g.kw, w - q0);
                for (int i = 0; i < g.kh; ++i, run += rowLength) {
                    const int r = oh * g.sh - g.padTop + i;
                    if (r < 0 || r >= h || jLo >= jHi) {
                        f(run, Index(0), Index(0), Index(0));
                        continue;
                    }
                    f(run, s * inSize + (Index(r) * w + q0 + jLo) * c, Index(jLo) * c,
                      Index(jHi) * c);
                }
            }
        }
    }
}

/// cols <- the patches of `samples` inputs (layout above). `in` holds in.size() values per
/// sample, `cols` receives patch() x positions() values per sample.
template<typename Scalar>
void im2col(const Window &g, const Scalar *in, Index samples, Scalar *cols) {
    const Index rowLength = Index(g.kw) * g.in.channels;
    forEachPatchRow(g, samples, [&](Index run, Index at, Index lo, Index hi) {
        Scalar *dst = cols + run;
        std::fill(dst, dst + lo, Scalar(0)); // zero padding before, the input, padding after
        std::copy_n(in + at, hi - lo, dst + lo);
        std::fill(dst + hi, dst + rowLength, Scalar(0));
    });
}

/// dIn <- col2im(dCols): every patch entry's gradient added to the input value it was read
/// from (dIn is overwritten; padding entries are dropped). The additions into each input
/// value happen in the order of the patch matrix.
template<typename Scalar>
void col2im(const Window &g, const Scalar *dCols, Index samples, Scalar *dIn) {
    std::fill_n(dIn, Index(g.in.size()) * samples, Scalar(0));
    forEachPatchRow(g, samples, [&](Index run, Index at, Index lo, Index hi) {
        Scalar *dst = dIn + at - lo;
        const Scalar *src = dCols + run;
        for (Index e = lo; e < hi; ++e) // distinct input values: no order between them
            dst[e] += src[e];
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
            const int r0 = oh * g.sh - g.padTop;
            const int iLo = std::max(0, -r0), iHi = std::min(g.kh, h - r0);
            for (int ow = 0; ow < g.out.width; ++ow, y += c, a += c) {
                const int q0 = ow * g.sw - g.padLeft;
                const int jLo = std::max(0, -q0), jHi = std::min(g.kw, w - q0);
                if (iLo >= iHi || jLo >= jHi) { // only padding: no value
                    std::fill_n(y, c, -std::numeric_limits<Scalar>::infinity());
                    std::fill_n(a, c, std::int32_t(-1));
                    continue;
                }
                // The window's values in row-major order, all channels at once: the first
                // one, then each later one where it is strictly greater (a tie keeps the first).
                const std::int32_t first = std::int32_t(((r0 + iLo) * w + q0 + jLo) * c);
                for (int ch = 0; ch < c; ++ch) {
                    y[ch] = x[first + ch];
                    a[ch] = first + ch;
                }
                for (int i = iLo; i < iHi; ++i) {
                    for (int j = (i == iLo ? jLo + 1 : jLo); j < jHi; ++j) {
                        const std::int32_t at = std::int32_t(((r0 + i) * w + q0 + j) * c);
                        const Scalar *v = x + at;
                        for (int ch = 0; ch < c; ++ch) {
                            const bool greater = v[ch] > y[ch];
                            y[ch] = greater ? v[ch] : y[ch];
                            a[ch] = greater ? at + ch : a[ch];
                        }
                    }
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
