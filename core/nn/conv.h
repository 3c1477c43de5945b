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

/// The common pooling case with its own loops: a 2x2 window, stride 2, no padding; the
/// windows tile the input (an odd last row or column is in none of them).
inline bool isMaxPool2x2(const Window &g) {
    return g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.padTop == 0 && g.padLeft == 0
           && g.out.height == g.in.height / 2 && g.out.width == g.in.width / 2;
}

/// Where the four values of a 2x2, stride-2 window start, as indices within the sample's input
/// (row-major window order), and where its output starts within all samples' outputs.
struct Window2x2 {
    std::int32_t i00, i01, i10, i11;
    Index out;
};

/// The window of isMaxPool2x2() window `g` at output row `oh`, column `ow` of sample `s`.
inline Window2x2 window2x2(const Window &g, Index s, int oh, int ow) {
    const int w = g.in.width, c = g.in.channels;
    Window2x2 at;
    at.i00 = std::int32_t((2 * oh * w + 2 * ow) * c);
    at.i01 = at.i00 + c;
    at.i10 = at.i00 + w * c;
    at.i11 = at.i10 + c;
    at.out = s * g.out.size() + (Index(oh) * g.out.width + ow) * c;
    return at;
}

/// maxPoolForward() for isMaxPool2x2(): the four values of a window read once and compared
/// in registers, in row-major window order with a strict >, so ties and results are the
/// general loop's.
template<typename Scalar>
void maxPool2x2(const Window &g, const Scalar *in, Index samples, Scalar *out,
                std::int32_t *argmax) {
    const int c = g.in.channels;
    const Index inSize = g.in.size();
    for (Index s = 0; s < samples; ++s) {
        const Scalar *x = in + s * inSize;
        for (int oh = 0; oh < g.out.height; ++oh) {
            for (int ow = 0; ow < g.out.width; ++ow) {
                const Window2x2 at = window2x2(g, s, oh, ow);
                const Scalar *__restrict v00 = x + at.i00;
                const Scalar *__restrict v01 = x + at.i01;
                const Scalar *__restrict v10 = x + at.i10;
                const Scalar *__restrict v11 = x + at.i11;
                Scalar *__restrict y = out + at.out;
                std::int32_t *__restrict a = argmax + at.out;
                for (int ch = 0; ch < c; ++ch) {
                    Scalar m = v00[ch];
                    std::int32_t best = at.i00 + ch;
                    best = v01[ch] > m ? at.i01 + ch : best;
                    m = v01[ch] > m ? v01[ch] : m;
                    best = v10[ch] > m ? at.i10 + ch : best;
                    m = v10[ch] > m ? v10[ch] : m;
                    best = v11[ch] > m ? at.i11 + ch : best;
                    m = v11[ch] > m ? v11[ch] : m;
                    y[ch] = m;
                    a[ch] = best;
                }
            }
        }
    }
}

/// maxPoolBackward() for isMaxPool2x2(): the windows tile the input without overlap, so each
/// input value is written once, 0 + dOut where it was its window's maximum (the general loop's
/// sum, -0 included) and 0 elsewhere (no fill then scatter); an odd last row or column, in no
/// window, gets 0.
template<typename Scalar>
void maxPoolBackward2x2(const Window &g, const Scalar *dOut, const std::int32_t *argmax,
                        Index samples, Scalar *dIn) {
    const int h = g.in.height, w = g.in.width, c = g.in.channels;
    const Index inSize = g.in.size();
    const Index rowSize = Index(w) * c;
    for (Index s = 0; s < samples; ++s) {
        Scalar *dx = dIn + s * inSize;
        for (int oh = 0; oh < g.out.height; ++oh) {
            for (int ow = 0; ow < g.out.width; ++ow) {
                const Window2x2 at = window2x2(g, s, oh, ow);
                const Scalar *__restrict d = dOut + at.out;
                const std::int32_t *__restrict a = argmax + at.out;
                Scalar *__restrict v00 = dx + at.i00;
                Scalar *__restrict v01 = dx + at.i01;
                Scalar *__restrict v10 = dx + at.i10;
                Scalar *__restrict v11 = dx + at.i11;
                for (int ch = 0; ch < c; ++ch) {
                    v00[ch] = a[ch] == at.i00 + ch ? Scalar(0) + d[ch] : Scalar(0);
                    v01[ch] = a[ch] == at.i01 + ch ? Scalar(0) + d[ch] : Scalar(0);
                    v10[ch] = a[ch] == at.i10 + ch ? Scalar(0) + d[ch] : Scalar(0);
                    v11[ch] = a[ch] == at.i11 + ch ? Scalar(0) + d[ch] : Scalar(0);
                }
            }
        }
        if (w % 2 != 0) {
            for (int r = 0; r < 2 * g.out.height; ++r)
                std::fill_n(dx + Index(r) * rowSize + Index(w - 1) * c, c, Scalar(0));
        }
        if (h % 2 != 0)
            std::fill_n(dx + Index(h - 1) * rowSize, rowSize, Scalar(0));
    }
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
    if (isMaxPool2x2(g)) {
        maxPool2x2(g, in, samples, out, argmax);
        return;
    }
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
    if (isMaxPool2x2(g)) {
        maxPoolBackward2x2(g, dOut, argmax, samples, dIn);
        return;
    }
    std::fill_n(dIn, inSize * samples, Scalar(0));
    for (Index s = 0; s < samples; ++s) {
        Scalar *dx = dIn + s * inSize;
        for (Index o = 0; o < outSize; ++o)
            dx[argmax[s * outSize + o]] += dOut[s * outSize + o];
    }
}

} // namespace reglab
