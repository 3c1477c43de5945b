// SPDX-License-Identifier: GPL-3.0-or-later
// The synthetic 2-D sets. Every generator draws the same number of random values per sample
// whatever the noise, so for one seed the noise-free and the noisy set share their clean
// points and their split: only the noise differs.
#include "core/data/synthetic.h"

#include "core/data/split.h"
#include "core/error.h"

#include <cmath>

namespace reglab {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct Generated {
    MatrixF x; ///< 2 x n
    MatrixF y; ///< 1 x n
};

/// Inner disk (class 1, radius < 2.5) vs outer ring (class 0, radius 3.5..5); each point is
/// displaced by noise * U(-5, 5) per axis (the TensorFlow Playground "circle" geometry).
Generated makeCircle(int n, double noise, Random &rng) {
    constexpr double kRadius = 5.0;
    Generated g{MatrixF(2, n), MatrixF(1, n)};
    for (int i = 0; i < n; ++i) {
        const int cls = i % 2;
        const double r =
            cls == 1 ? rng.uniform(0.0, 0.5 * kRadius) : rng.uniform(0.7 * kRadius, kRadius);
        const double angle = rng.uniform(0.0, 2.0 * kPi);
        const double dx = rng.uniform(-kRadius, kRadius) * noise;
        const double dy = rng.uniform(-kRadius, kRadius) * noise;
        g.x(0, i) = float(r * std::sin(angle) + dx);
        g.x(1, i) = float(r * std::cos(angle) + dy);
        g.y(0, i) = float(cls);
    }
    return g;
}

/// Class 1 where x1 * x2 > 0 (quadrants I and III), class 0 elsewhere. |xi| is drawn from
/// U(0, 5) + 0.3 (a small gap along the axes), then displaced by noise * U(-5, 5).
Generated makeXor(int n, double noise, Random &rng) {
    constexpr double kHalf = 5.0;
    constexpr double kPadding = 0.3;
    Generated g{MatrixF(2, n), MatrixF(1, n)};
    for (int i = 0; i < n; ++i) {
        const int cls = i % 2;
        const double ax = rng.uniform(0.0, kHalf) + kPadding;
        const double ay = rng.uniform(0.0, kHalf) + kPadding;
        const double sx = rng.uniform() < 0.5 ? -1.0 : 1.0;
        const double sy = cls == 1 ? sx : -sx; // same signs: product > 0
        const double dx = rng.uniform(-kHalf, kHalf) * noise;
        const double dy = rng.uniform(-kHalf, kHalf) * noise;
        g.x(0, i) = float(sx * ax + dx);
        g.x(1, i) = float(sy * ay + dy);
        g.y(0, i) = float(cls);
    }
    return g;
}

/// Two isotropic blobs at (2, 2) (class 1) and (-2, -2) (class 0) with standard deviation
/// sqrt(0.5 + 7 * noise): 0.71 at noise 0 (separable), 2 at noise 0.5 (much overlap).
Generated makeGaussian(int n, double noise, Random &rng) {
    const double sd = std::sqrt(0.5 + 7.0 * noise);
    Generated g{MatrixF(2, n), MatrixF(1, n)};
    for (int i = 0; i < n; ++i) {
        const int cls = i % 2;
        const double centre = cls == 1 ? 2.0 : -2.0;
        const double zx = rng.normal();
        const double zy = rng.normal();
        g.x(0, i) = float(centre + sd * zx);
        g.x(1, i) = float(centre + sd * zy);
        g.y(0, i) = float(cls);
    }
    return g;
}

/// Two interleaved arms: u ~ U(0, 1), r = 5 u, t = 3.5 pi u (+ pi for class 1),
/// point (r sin t, r cos t) + noise * N(0, 1) per axis. Arms are ~1.4 apart.
Generated makeSpiral(int n, double noise, Random &rng) {
    Generated g{MatrixF(2, n), MatrixF(1, n)};
    for (int i = 0; i < n; ++i) {
        const int cls = i % 2;
        const double u = rng.uniform();
        const double r = 5.0 * u;
        const double t = 1.75 * 2.0 * kPi * u + (cls == 1 ? kPi : 0.0);
        const double zx = rng.normal();
        const double zy = rng.normal();
        g.x(0, i) = float(r * std::sin(t) + noise * zx);
        g.x(1, i) = float(r * std::cos(t) + noise * zy);
        g.y(0, i) = float(cls);
    }
    return g;
}

/// Two half moons (the usual construction): upper (cos a, sin a) (class 0) and lower
/// (1 - cos a, 0.5 - sin a) (class 1), a ~ U(0, pi), plus noise * N(0, 1) per axis in moon
/// units, then mapped by p' = 2.5 (p - (0.5, 0.25)) to about [-3.75, 3.75] x [-1.9, 1.9].
Generated makeMoons(int n, double noise, Random &rng) {
    constexpr double kScale = 2.5;
    Generated g{MatrixF(2, n), MatrixF(1, n)};
    for (int i = 0; i < n; ++i) {
        const int cls = i % 2;
        const double a = rng.uniform(0.0, kPi);
        double px = cls == 0 ? std::cos(a) : 1.0 - std::cos(a);
        double py = cls == 0 ? std::sin(a) : 0.5 - std::sin(a);
        px += noise * rng.normal();
        py += noise * rng.normal();
        g.x(0, i) = float(kScale * (px - 0.5));
        g.x(1, i) = float(kScale * (py - 0.25));
        g.y(0, i) = float(cls);
    }
    return g;
}

/// Regression: inputs ~ U(-6, 6)^2 stay clean; the target is f evaluated at the input
/// displaced by noise * U(-6, 6) per axis, so noise blurs the target.
template<typename F>
Generated makeRegression(int n, double noise, Random &rng, F f) {
    constexpr double kRadius = 6.0;
    Generated g{MatrixF(2, n), MatrixF(1, n)};
    for (int i = 0; i < n; ++i) {
        const double x = rng.uniform(-kRadius, kRadius);
        const double y = rng.uniform(-kRadius, kRadius);
        const double dx = rng.uniform(-kRadius, kRadius) * noise;
        const double dy = rng.uniform(-kRadius, kRadius) * noise;
        g.x(0, i) = float(x);
        g.x(1, i) = float(y);
        g.y(0, i) = float(f(x + dx, y + dy));
    }
    return g;
}

/// plane: f(x, y) = (x + y) / 10, in [-1.2, 1.2] on the clean inputs.
double planeTarget(double x, double y) {
    return (x + y) / 10.0;
}

/// multigaussian: f(x, y) = sum_k s_k exp(-|(x, y) - c_k|^2 / 2) over six unit bumps at
/// (-4, 2.5)+, (0, 2.5)-, (4, 2.5)+, (-4, -2.5)-, (0, -2.5)+, (4, -2.5)-.
double multiGaussianTarget(double x, double y) {
    struct Bump {
        double cx, cy, sign;
    };
    static constexpr std::array<Bump, 6> kBumps{{{-4.0, 2.5, 1.0},
                                                 {0.0, 2.5, -1.0},
                                                 {4.0, 2.5, 1.0},
                                                 {-4.0, -2.5, -1.0},
                                                 {0.0, -2.5, 1.0},
                                                 {4.0, -2.5, -1.0}}};
    double sum = 0.0;
    for (const Bump &b : kBumps) {
        const double d2 = (x - b.cx) * (x - b.cx) + (y - b.cy) * (y - b.cy);
        sum += b.sign * std::exp(-0.5 * d2);
    }
    return sum;
}

// Default noise per set, in each generator's units: displacement noise * U(-5, 5) for circle
// and xor (0.1: up to 0.5, half the gap between ring and disk), blob spread sqrt(0.5 + 7 noise)
// for gaussian (0.1: 1.1), noise * N(0, 1) for spiral (0.2 against arms 1.4 apart) and moons
// (0.2 moon units), input displacement noise * U(-6, 6) for the regression targets.
constexpr std::array<SyntheticInfo, 7> kSynthetic{{
    {"circle",
     TaskKind::Classification,
     "inner disk vs outer ring, radius 5",
     {"ring", "disk"},
     0.1,
     300},
    {"xor",
     TaskKind::Classification,
     "sign of x1 * x2 on [-5.3, 5.3]^2",
     {"x1*x2<0", "x1*x2>0"},
     0.1,
     300},
    {"gaussian",
     TaskKind::Classification,
     "two gaussian blobs at (-2,-2) and (2,2)",
     {"blob (-2,-2)", "blob (2,2)"},
     0.1,
     200},
    {"spiral",
     TaskKind::Classification,
     "two interleaved spirals, radius 5",
     {"arm A", "arm B"},
     0.2,
     500},
    {"moons",
     TaskKind::Classification,
     "two interleaved half moons",
     {"upper moon", "lower moon"},
     0.2,
     200},
    {"plane", TaskKind::Regression, "linear target (x1 + x2) / 10 on [-6, 6]^2", {}, 0.1, 300},
    {"multigaussian",
     TaskKind::Regression,
     "sum of six signed gaussian bumps on [-6, 6]^2",
     {},
     0.1,
     500},
}};

const SyntheticInfo *findSynthetic(const std::string &name) {
    for (const SyntheticInfo &info : kSynthetic) {
        if (name == info.name)
            return &info;
    }
    return nullptr;
}

Generated generate(const std::string &name, int n, double noise, Random &rng) {
    if (name == "circle")
        return makeCircle(n, noise, rng);
    if (name == "xor")
        return makeXor(n, noise, rng);
    if (name == "gaussian")
        return makeGaussian(n, noise, rng);
    if (name == "spiral")
        return makeSpiral(n, noise, rng);
    if (name == "moons")
        return makeMoons(n, noise, rng);
    if (name == "plane")
        return makeRegression(n, noise, rng, planeTarget);
    return makeRegression(n, noise, rng, multiGaussianTarget);
}

} // namespace

std::span<const SyntheticInfo> syntheticDatasets() {
    return kSynthetic;
}

bool isSyntheticDataset(const std::string &name) {
    return findSynthetic(name) != nullptr;
}

void applySyntheticDefaults(DatasetSpec &spec) {
    if (const SyntheticInfo *info = findSynthetic(spec.source)) {
        spec.noise = info->defaultNoise;
        spec.samples = info->defaultSamples;
    }
}

Dataset loadSynthetic(const DatasetSpec &spec, Random &rng) {
    const SyntheticInfo &info = *findSynthetic(spec.source);
    const std::string &source = spec.source;
    if (spec.samples < 4 || spec.samples > limits::kMaxSamples) {
        throw InputError(source, "dataset.samples",
                         "must be between 4 and " + std::to_string(limits::kMaxSamples) + ", got "
                             + std::to_string(spec.samples));
    }
    if (!(spec.noise >= 0.0 && spec.noise <= 10.0)) {
        throw InputError(source, "dataset.noise",
                         "must be between 0 and 10, got " + std::to_string(spec.noise));
    }
    const Generated g = generate(source, spec.samples, spec.noise, rng);
    Dataset d;
    d.task = info.task;
    if (info.task == TaskKind::Classification) {
        d.numClasses = 2;
        d.classNames = {info.classNames[0], info.classNames[1]};
    }
    assignSplit(d, g.x, g.y, splitIndices(spec.samples, spec, rng, source));
    return d;
}

} // namespace reglab
