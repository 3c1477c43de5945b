// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file winograd.h
/// Winograd's minimal filtering F(2x2, 3x3) for the fast path's 3x3, stride-1 convolutions
/// (Lavin and Gray, "Fast Algorithms for Convolutional Neural Networks", CVPR 2016). Each 2x2
/// block of outputs (a tile) comes from the 4x4 block of inputs under it with 16
/// multiplications per input and output channel instead of 36, so each of the three products
/// of a training step (forward, kernel gradient, input gradient) needs 2.25 times fewer.
///
///   Y_tile = A^T M A,   M = sum over input channels of U (.) V   (elementwise, 4x4)
///   U = G g G^T         (per filter and input channel, g its 3x3 kernel)
///   V = B^T d B         (per tile and input channel, d its 4x4 inputs)
///
///   B^T = | 1  0 -1  0 |     G = | 1    0    0   |     A^T = | 1  1  1  0 |
///         | 0  1  1  0 |         | 1/2  1/2  1/2 |           | 0  1 -1 -1 |
///         | 0 -1  1  0 |         | 1/2 -1/2  1/2 |
///         | 0  1  0 -1 |         | 0    0    1   |
///
/// For each of the 16 entries xi of the 4x4 transforms the sum over input channels is one
/// product, M_xi = U_xi V_xi (c_out x c_in times c_in x tiles). The backward pass runs the
/// adjoints of the same linear maps:
///   dM = A dY A^T,   dU_xi = dM_xi V_xi^T (summed over tiles),   dV_xi = U_xi^T dM_xi,
///   dg = G^T dU G,   dd = B dV B^T   (added into the input's gradient; tiles overlap by 2).
/// In exact arithmetic these are the convolution and its gradients (tests/core/nn/
/// tst_winograd.cpp checks them in double against the direct sums); in float32 the
/// transforms' additions round differently from the direct sums.
///
/// Layout. Inputs and outputs are channels-last, sample by sample (conv.h). Tile t = s tiles
/// + ty tilesW + tx of sample s covers output rows 2 ty, 2 ty + 1 and columns 2 tx, 2 tx + 1
/// (those that exist) and reads input rows 2 ty - padTop + [0, 4), columns 2 tx - padLeft +
/// [0, 4), zero outside the input. For T tiles (a run of whole samples):
///   V, dV    16 blocks of c_in x T    (entry xi, tile t, channel ch at (xi T + t) c_in + ch)
///   M, dM    16 blocks of c_out x T
///   U, dU    16 blocks of c_out x c_in, column-major (entry xi, filter f, channel ch at
///            (xi c_in + ch) c_out + f)
/// so every product reads and writes whole blocks with their row count as leading dimension.
#include "core/nn/conv.h"
#include "core/types.h"

#include <algorithm>

namespace reglab::winograd {

/// Whether a conv window runs on these transforms: 3x3 and stride 1 (any padding).
inline bool applies(const Window &g) {
    return g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 && g.out.height > 0 && g.out.width > 0;
}

inline int tilesDown(const Window &g) {
    return (g.out.height + 1) / 2;
}
inline int tilesAcross(const Window &g) {
    return (g.out.width + 1) / 2;
}
/// Tiles per sample.
inline Index tiles(const Window &g) {
    return Index(tilesDown(g)) * tilesAcross(g);
}

/// Channels handled per pass of the loops below (their zero and discard rows hold this many).
constexpr Index kChannelBlock = 64;

namespace detail {

/// v <- B^T d (or its columns' version): one 4-point input transform.
template<typename S>
inline void inputTransform(S d0, S d1, S d2, S d3, S &v0, S &v1, S &v2, S &v3) {
    v0 = d0 - d2;
    v1 = d1 + d2;
    v2 = d2 - d1;
    v3 = d1 - d3;
}

/// Where the 16 inputs (or input gradients) of tile (ty, tx) of a sample's input start, for
/// channels [c0, c0 + kChannelBlock): `outside` for the positions outside the input.
template<typename P>
void tileInputs(const Window &g, P sample, int ty, int tx, Index c0, P outside, P (&at)[16]) {
    const Index c = g.in.channels;
    for (int r = 0; r < 4; ++r) {
        const int row = 2 * ty - g.padTop + r;
        for (int q = 0; q < 4; ++q) {
            const int col = 2 * tx - g.padLeft + q;
            const bool inside = row >= 0 && row < g.in.height && col >= 0 && col < g.in.width;
            at[4 * r + q] = inside ? sample + (Index(row) * g.in.width + col) * c + c0 : outside;
        }
    }
}

/// Where the 4 outputs (or output gradients) of tile (ty, tx) of a sample start, for
/// channels [c0, c0 + kChannelBlock): `outside` for an odd size's missing row or column.
template<typename P>
void tileOutputs(const Window &g, P sample, int ty, int tx, Index c0, P outside, P (&at)[4]) {
    const Index c = g.out.channels;
    for (int a = 0; a < 2; ++a) {
        for (int b = 0; b < 2; ++b) {
            const int row = 2 * ty + a;
            const int col = 2 * tx + b;
            const bool inside = row < g.out.height && col < g.out.width;
            at[2 * a + b] = inside ? sample + (Index(row) * g.out.width + col) * c + c0 : outside;
        }
    }
}

/// Calls f(t, s, ty, tx, c0, n) for every tile of `samples` samples, in tile order, and every
/// block of channels [c0, c0 + n) of `channels`, n <= kChannelBlock.
template<typename F>
void forEachTileBlock(const Window &g, Index samples, Index channels, F &&f) {
    Index t = 0;
    for (Index s = 0; s < samples; ++s) {
        for (int ty = 0; ty < tilesDown(g); ++ty) {
            for (int tx = 0; tx < tilesAcross(g); ++tx, ++t) {
                for (Index c0 = 0; c0 < channels; c0 += kChannelBlock)
                    f(t, s, ty, tx, c0, std::min(kChannelBlock, channels - c0));
            }
        }
    }
}

/// z <- A^T M A of one tile's channel e: M's 16 entries at src[xi block + e], z in row-major
/// order.
template<typename S>
[[gnu::always_inline]] inline void outputTile(const S *src, Index block, Index e, S (&z)[4]) {
    S w[2][4]; // A^T M: rows
    for (int q = 0; q < 4; ++q) {
        const S m0 = src[q * block + e], m1 = src[(4 + q) * block + e];
        const S m2 = src[(8 + q) * block + e], m3 = src[(12 + q) * block + e];
        w[0][q] = m0 + m1 + m2;
        w[1][q] = m1 - m2 - m3;
    }
    for (int a = 0; a < 2; ++a) { // (A^T M) A: columns
        z[2 * a] = w[a][0] + w[a][1] + w[a][2];
        z[2 * a + 1] = w[a][1] - w[a][2] - w[a][3];
    }
}

/// dst[xi block + e] <- A dY A^T for channels e in [0, n) of one tile, dY's row-major entries
/// at y[k][e].
template<typename S>
void outputGradientBlock(const S *const (&y)[4], S *dst, Index block, Index n) {
#pragma GCC ivdep
    for (Index e = 0; e < n; ++e) {
        S w[4][2]; // A dY: rows
        for (int b = 0; b < 2; ++b) {
            const S y0 = y[b][e], y1 = y[2 + b][e];
            w[0][b] = y0;
            w[1][b] = y0 + y1;
            w[2][b] = y0 - y1;
            w[3][b] = -y1;
        }
        for (int r = 0; r < 4; ++r) { // (A dY) A^T: columns
            dst[(4 * r) * block + e] = w[r][0];
            dst[(4 * r + 1) * block + e] = w[r][0] + w[r][1];
            dst[(4 * r + 2) * block + e] = w[r][0] - w[r][1];
            dst[(4 * r + 3) * block + e] = -w[r][1];
        }
    }
}

} // namespace detail

/// u <- U = G g G^T of every filter and input channel of `kernel` (c_out x 9 c_in, conv.h's
/// layout: entry (f, (i 3 + j) c_in + ch)).
template<typename S>
void kernelTransform(const Window &g, const S *kernel, S *u) {
    const Index cin = g.in.channels;
    const Index cout = g.out.channels;
    const Index block = cout * cin;
    const S half = S(0.5);
    for (Index ch = 0; ch < cin; ++ch) {
        const S *k[9];
        for (int e = 0; e < 9; ++e)
            k[e] = kernel + cout * (e * cin + ch);
        S *dst = u + cout * ch;
#pragma GCC ivdep
        for (Index f = 0; f < cout; ++f) {
            S w[4][3]; // G g: rows
            for (int j = 0; j < 3; ++j) {
                const S g0 = k[j][f], g1 = k[3 + j][f], g2 = k[6 + j][f];
                w[0][j] = g0;
                w[1][j] = (g0 + g1 + g2) * half;
                w[2][j] = (g0 - g1 + g2) * half;
                w[3][j] = g2;
            }
            for (int r = 0; r < 4; ++r) { // (G g) G^T: columns
                dst[(4 * r + 0) * block + f] = w[r][0];
                dst[(4 * r + 1) * block + f] = (w[r][0] + w[r][1] + w[r][2]) * half;
                dst[(4 * r + 2) * block + f] = (w[r][0] - w[r][1] + w[r][2]) * half;
                dst[(4 * r + 3) * block + f] = w[r][2];
            }
        }
    }
}

/// dKernel <- G^T dU G, the kernel gradient (conv.h's layout, overwritten) from dU.
template<typename S>
void kernelGradient(const Window &g, const S *du, S *dKernel) {
    const Index cin = g.in.channels;
    const Index cout = g.out.channels;
    const Index block = cout * cin;
    const S half = S(0.5);
    for (Index ch = 0; ch < cin; ++ch) {
        S *k[9];
        for (int e = 0; e < 9; ++e)
            k[e] = dKernel + cout * (e * cin + ch);
        const S *src = du + cout * ch;
#pragma GCC ivdep
        for (Index f = 0; f < cout; ++f) {
            S w[4][3]; // dU G: columns
            for (int r = 0; r < 4; ++r) {
                const S d0 = src[(4 * r) * block + f], d1 = src[(4 * r + 1) * block + f];
                const S d2 = src[(4 * r + 2) * block + f], d3 = src[(4 * r + 3) * block + f];
                w[r][0] = d0 + (d1 + d2) * half;
                w[r][1] = (d1 - d2) * half;
                w[r][2] = (d1 + d2) * half + d3;
            }
            for (int j = 0; j < 3; ++j) { // G^T (dU G): rows
                k[j][f] = w[0][j] + (w[1][j] + w[2][j]) * half;
                k[3 + j][f] = (w[1][j] - w[2][j]) * half;
                k[6 + j][f] = (w[1][j] + w[2][j]) * half + w[3][j];
            }
        }
    }
}

/// v <- V = B^T d B of every tile and input channel of `samples` channels-last inputs.
template<typename S>
void inputTransform(const Window &g, const S *in, Index samples, S *v) {
    alignas(64) static constexpr S kZero[kChannelBlock] = {};
    const Index cin = g.in.channels;
    const Index block = samples * tiles(g) * cin;
    const Index inSize = Index(g.in.size());
    detail::forEachTileBlock(
        g, samples, cin, [&](Index t, Index s, int ty, int tx, Index c0, Index n) {
            const S *d[16];
            detail::tileInputs<const S *>(g, in + s * inSize, ty, tx, c0, kZero, d);
            S *dst = v + t * cin + c0;
#pragma GCC ivdep
            for (Index e = 0; e < n; ++e) {
                S w[4][4]; // B^T d: rows
                for (int q = 0; q < 4; ++q)
                    detail::inputTransform(d[q][e], d[4 + q][e], d[8 + q][e], d[12 + q][e], w[0][q],
                                           w[1][q], w[2][q], w[3][q]);
                for (int r = 0; r < 4; ++r) // (B^T d) B: columns
                    detail::inputTransform(w[r][0], w[r][1], w[r][2], w[r][3],
                                           dst[(4 * r) * block + e], dst[(4 * r + 1) * block + e],
                                           dst[(4 * r + 2) * block + e],
                                           dst[(4 * r + 3) * block + e]);
            }
        });
}

/// out <- A^T M A of every tile: `samples` channels-last outputs (overwritten; no bias).
template<typename S>
void outputTransform(const Window &g, const S *m, Index samples, S *out) {
    alignas(64) S discard[kChannelBlock];
    const Index cout = g.out.channels;
    const Index block = samples * tiles(g) * cout;
    const Index outSize = Index(g.out.size());
    detail::forEachTileBlock(
        g, samples, cout, [&](Index t, Index s, int ty, int tx, Index c0, Index n) {
            S *y[4];
            detail::tileOutputs<S *>(g, out + s * outSize, ty, tx, c0, discard, y);
            const S *src = m + t * cout + c0;
#pragma GCC ivdep
            for (Index e = 0; e < n; ++e) {
                S z[4];
                detail::outputTile(src, block, e, z);
                for (int k = 0; k < 4; ++k)
                    y[k][e] = z[k];
            }
        });
}

/// Whether a conv window's tiles are exactly the windows of the max-pool `pool` on its output:
/// a 2x2 pool with stride 2 and no padding (isMaxPool2x2()). Tile (ty, tx) is then pool window
/// (ty, tx); the tiles of an odd last row or column are in no window.
inline bool tilesArePoolWindows(const Window &g, const Window &pool) {
    return applies(g) && isMaxPool2x2(pool) && pool.in.height == g.out.height
           && pool.in.width == g.out.width && pool.in.channels == g.out.channels;
}

/// outputTransform() + bias + ReLU + the 2x2 max-pool (tilesArePoolWindows()) in one pass, the
/// conv's output never stored: every tile that is a pool window gives its pooled values and
/// argmax (index within the sample's conv output) as maxPool2x2() would from the stored
/// output (the same z + b, ReLU as std::max(z, 0), the window's values in row-major order
/// with a strict >; no bias adds 0). Tiles in no window are skipped.
template<typename S>
void outputTransformReluPool(const Window &g, const Window &pool, const S *m, const S *bias,
                             Index samples, S *pooled, std::int32_t *argmax) {
    alignas(64) static constexpr S kZero[kChannelBlock] = {};
    const Index cout = g.out.channels;
    const Index block = samples * tiles(g) * cout;
    detail::forEachTileBlock(
        g, samples, cout, [&](Index t, Index s, int ty, int tx, Index c0, Index n) {
            if (ty >= pool.out.height || tx >= pool.out.width)
                return;
            const Window2x2 at = window2x2(pool, s, ty, tx);
            const S *src = m + t * cout + c0;
            const S *b = bias ? bias + c0 : kZero;
            S *y = pooled + at.out + c0;
            std::int32_t *a = argmax + at.out + c0;
            const std::int32_t first[4] = {at.i00 + std::int32_t(c0), at.i01 + std::int32_t(c0),
                                           at.i10 + std::int32_t(c0), at.i11 + std::int32_t(c0)};
#pragma GCC ivdep
            for (Index e = 0; e < n; ++e) {
                S z[4]; // A^T M A + b, ReLU, in row-major window order
                detail::outputTile(src, block, e, z);
                for (int k = 0; k < 4; ++k) {
                    z[k] += b[e];
                    z[k] = z[k] < S(0) ? S(0) : z[k];
                }
                S best = z[0];
                std::int32_t where = first[0];
                for (int k = 1; k < 4; ++k) {
                    where = z[k] > best ? first[k] : where;
                    best = z[k] > best ? z[k] : best;
                }
                y[e] = best;
                a[e] = where + std::int32_t(e);
            }
        });
}

/// outputGradient() of a conv whose ReLU output went through outputTransformReluPool(): each
/// window's gradient dPooled at its argmax where the pooled value is > 0 (ReLU's derivative
/// there; every other output of the window has gradient 0), so dY of a tile has one nonzero
/// entry per channel; tiles in no window get dM = 0. Also adds every window's gradient into
/// db (per channel, tile by tile), the bias gradient.
template<typename S>
void poolOutputGradient(const Window &g, const Window &pool, const S *dPooled, const S *pooled,
                        const std::int32_t *argmax, Index samples, S *dm, S *db) {
    const Index cout = g.out.channels;
    const Index block = samples * tiles(g) * cout;
    detail::forEachTileBlock(
        g, samples, cout, [&](Index t, Index s, int ty, int tx, Index c0, Index n) {
            S *dst = dm + t * cout + c0;
            if (ty >= pool.out.height || tx >= pool.out.width) {
                for (int xi = 0; xi < 16; ++xi)
                    std::fill_n(dst + xi * block, n, S(0));
                return;
            }
            const Window2x2 at = window2x2(pool, s, ty, tx);
            const S *d = dPooled + at.out + c0;
            const S *p = pooled + at.out + c0;
            const std::int32_t *a = argmax + at.out + c0;
            S *bias = db + c0;
            const std::int32_t i00 = at.i00 + std::int32_t(c0), i01 = at.i01 + std::int32_t(c0);
            const std::int32_t i10 = at.i10 + std::int32_t(c0), i11 = at.i11 + std::int32_t(c0);
            // dY in row-major window order, then its transform: two loops, which GCC vectorizes
            // (it does not if-convert the selects when the transform follows in the same loop)
            alignas(64) S y[4][kChannelBlock];
#pragma GCC ivdep
            for (Index e = 0; e < n; ++e) {
                const S dz = p[e] > S(0) ? d[e] : S(0);
                bias[e] += dz;
                const std::int32_t slot = a[e] - std::int32_t(e);
                y[0][e] = slot == i00 ? dz : S(0);
                y[1][e] = slot == i01 ? dz : S(0);
                y[2][e] = slot == i10 ? dz : S(0);
                y[3][e] = slot == i11 ? dz : S(0);
            }
            const S *const rows[4] = {y[0], y[1], y[2], y[3]};
            detail::outputGradientBlock(rows, dst, block, n);
        });
}

/// dm <- dM = A dY A^T of every tile, from the gradient of `samples` channels-last outputs
/// (the missing row or column of an odd size counts as 0).
template<typename S>
void outputGradient(const Window &g, const S *dOut, Index samples, S *dm) {
    alignas(64) static constexpr S kZero[kChannelBlock] = {};
    const Index cout = g.out.channels;
    const Index block = samples * tiles(g) * cout;
    const Index outSize = Index(g.out.size());
    detail::forEachTileBlock(
        g, samples, cout, [&](Index t, Index s, int ty, int tx, Index c0, Index n) {
            const S *y[4];
            detail::tileOutputs<const S *>(g, dOut + s * outSize, ty, tx, c0, kZero, y);
            S *dst = dm + t * cout + c0;
            detail::outputGradientBlock(y, dst, block, n);
        });
}

/// dIn <- the input gradient of `samples` channels-last inputs (overwritten): B dV B^T of
/// every tile added into the inputs it read, tile by tile in tile order (the padding's
/// entries are dropped).
template<typename S>
void inputGradient(const Window &g, const S *dv, Index samples, S *dIn) {
    alignas(64) S discard[kChannelBlock];
    const Index cin = g.in.channels;
    const Index block = samples * tiles(g) * cin;
    const Index inSize = Index(g.in.size());
    std::fill_n(dIn, inSize * samples, S(0));
    detail::forEachTileBlock(
        g, samples, cin, [&](Index t, Index s, int ty, int tx, Index c0, Index n) {
            S *d[16];
            detail::tileInputs<S *>(g, dIn + s * inSize, ty, tx, c0, discard, d);
            const S *src = dv + t * cin + c0;
#pragma GCC ivdep
            for (Index e = 0; e < n; ++e) {
                S w[4][4]; // dV B^T: columns (the adjoint of inputTransform)
                for (int r = 0; r < 4; ++r) {
                    const S v0 = src[(4 * r) * block + e], v1 = src[(4 * r + 1) * block + e];
                    const S v2 = src[(4 * r + 2) * block + e], v3 = src[(4 * r + 3) * block + e];
                    w[r][0] = v0;
                    w[r][1] = v1 - v2 + v3;
                    w[r][2] = v1 + v2 - v0;
                    w[r][3] = -v3;
                }
                for (int q = 0; q < 4; ++q) { // B (dV B^T): rows
                    d[q][e] += w[0][q];
                    d[4 + q][e] += w[1][q] - w[2][q] + w[3][q];
                    d[8 + q][e] += w[1][q] + w[2][q] - w[0][q];
                    d[12 + q][e] -= w[3][q];
                }
            }
        });
}

} // namespace reglab::winograd
