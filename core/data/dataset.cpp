// SPDX-License-Identifier: GPL-3.0-or-later
// loadDataset: the built-in sets (synthetic 2-D, mnist-10k, fashion-mnist), IDX and CSV files,
// all shuffled and split with Random(Random::derive(seed, 2)).
#include "core/data/dataset.h"

#include "core/error.h"
#include "core/file_util.h"
#include "core/random.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <numeric>

namespace reglab {

namespace {

constexpr double kPi = 3.14159265358979323846;

// ---------------------------------------------------------------------------------------
// Synthetic 2-D sets. Every generator draws the same number of random values per sample
// whatever the noise, so for one seed the noise-free and the noisy set share their clean
// points and their split: only the noise differs.

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

struct SyntheticInfo {
    const char *name;
    TaskKind task;
    const char *description;
    std::array<const char *, 2> classNames;
};

constexpr std::array<SyntheticInfo, 7> kSynthetic{{
    {"circle", TaskKind::Classification, "inner disk vs outer ring, radius 5", {"ring", "disk"}},
    {"xor", TaskKind::Classification, "sign of x1 * x2 on [-5.3, 5.3]^2", {"x1*x2<0", "x1*x2>0"}},
    {"gaussian",
     TaskKind::Classification,
     "two gaussian blobs at (-2,-2) and (2,2)",
     {"blob (-2,-2)", "blob (2,2)"}},
    {"spiral", TaskKind::Classification, "two interleaved spirals, radius 5", {"arm A", "arm B"}},
    {"moons", TaskKind::Classification, "two interleaved half moons", {"upper moon", "lower moon"}},
    {"plane", TaskKind::Regression, "linear target (x1 + x2) / 10 on [-6, 6]^2", {}},
    {"multigaussian", TaskKind::Regression, "sum of six signed gaussian bumps on [-6, 6]^2", {}},
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

// ---------------------------------------------------------------------------------------
// Shuffling and splitting.

/// Sample indices after a seeded shuffle, cut to `limit` (0 = all) and split: the first
/// (m - round(m * testFraction)) go to training, the rest to testing.
struct Split {
    std::vector<Index> train;
    std::vector<Index> test;
};

std::vector<Index> shuffledIndices(Index n, Random &rng) {
    std::vector<Index> order(std::size_t(n), 0);
    std::iota(order.begin(), order.end(), Index(0));
    rng.shuffle(order);
    return order;
}

Split splitIndices(Index n, const DatasetSpec &spec, Random &rng, const std::string &file) {
    std::vector<Index> order = shuffledIndices(n, rng);
    if (spec.limit > 0 && Index(spec.limit) < n)
        order.resize(std::size_t(spec.limit));
    const Index m = Index(order.size());
    // At least one test sample whenever a test share is asked for: an empty test set would
    // make every test metric NaN.
    Index nTest = Index(std::llround(double(m) * spec.testFraction));
    if (spec.testFraction > 0.0 && nTest == 0)
        nTest = 1;
    if (m - nTest < 1) {
        throw InputError(file, "dataset.test_fraction",
                         "leaves no training samples (" + std::to_string(m) + " samples)");
    }
    Split s;
    s.train.assign(order.begin(), order.end() - nTest);
    s.test.assign(order.end() - nTest, order.end());
    return s;
}

MatrixF gatherColumns(const MatrixF &m, const std::vector<Index> &cols) {
    MatrixF out(m.rows(), Index(cols.size()));
    for (std::size_t j = 0; j < cols.size(); ++j)
        out.col(Index(j)) = m.col(cols[j]);
    return out;
}

void assignSplit(Dataset &d, const MatrixF &x, const MatrixF &y, const Split &s) {
    d.trainX = gatherColumns(x, s.train);
    d.trainY = gatherColumns(y, s.train);
    d.testX = gatherColumns(x, s.test);
    d.testY = gatherColumns(y, s.test);
}

// ---------------------------------------------------------------------------------------
// Checks shared by every source.

void checkCommon(const DatasetSpec &spec, const std::string &file) {
    if (!(spec.testFraction >= 0.0 && spec.testFraction < 1.0)) {
        throw InputError(file, "dataset.test_fraction",
                         "must be in [0, 1), got " + std::to_string(spec.testFraction));
    }
    if (spec.limit < 0) {
        throw InputError(file, "dataset.limit",
                         "must be 0 (all) or positive, got " + std::to_string(spec.limit));
    }
}

std::string resolvePath(const std::string &path, const std::string &baseDir) {
    const std::filesystem::path p(path);
    if (p.is_absolute() || baseDir.empty())
        return path;
    return (std::filesystem::path(baseDir) / p).string();
}

std::string fileNameOf(const std::string &path) {
    return std::filesystem::path(path).filename().string();
}

std::vector<std::string> numberedClassNames(int numClasses) {
    std::vector<std::string> names;
    for (int c = 0; c < numClasses; ++c)
        names.push_back(std::to_string(c));
    return names;
}

// ---------------------------------------------------------------------------------------
// IDX images and labels.

/// Images (n x rows x cols) and their labels (n) after the shape checks.
struct LabelledImages {
    IdxData images;
    IdxData labels;
    std::string imagesName;
    Index count() const { return Index(images.dims[0]); }
    int rows() const { return int(images.dims[1]); }
    int cols() const { return int(images.dims[2]); }
};

LabelledImages checkImages(IdxData images, IdxData labels, const std::string &imagesName,
                           const std::string &labelsName) {
    if (images.dims.size() != 3) {
        throw InputError(imagesName, "images",
                         "has " + std::to_string(images.dims.size())
                             + " dimensions, images need 3 (count, rows, columns)");
    }
    if (labels.dims.size() != 1) {
        throw InputError(labelsName, "labels",
                         "has " + std::to_string(labels.dims.size())
                             + " dimensions, labels need 1 (count)");
    }
    if (images.dims[0] == 0 || images.dims[1] == 0 || images.dims[2] == 0)
        throw InputError(imagesName, "images", "holds no pixels (a dimension is 0)");
    if (labels.dims[0] != images.dims[0]) {
        throw InputError(labelsName, "labels",
                         "holds " + std::to_string(labels.dims[0]) + " labels but " + imagesName
                             + " holds " + std::to_string(images.dims[0]) + " images");
    }
    if (images.dims[0] > std::uint32_t(limits::kMaxSamples)) {
        throw InputError(imagesName, "images",
                         "holds " + std::to_string(images.dims[0]) + " images, at most "
                             + std::to_string(limits::kMaxSamples));
    }
    return LabelledImages{std::move(images), std::move(labels), imagesName};
}

/// Pixels as features (rows * cols x k, row-major pixels down each column, byte / 255) and
/// labels (1 x k) of the samples `pick`.
void gatherImages(const LabelledImages &src, const std::vector<Index> &pick, MatrixF &x,
                  MatrixF &y) {
    const Index pixels = Index(src.rows()) * src.cols();
    x.resize(pixels, Index(pick.size()));
    y.resize(1, Index(pick.size()));
    for (std::size_t j = 0; j < pick.size(); ++j) {
        const std::uint8_t *image = src.images.values.data() + pick[j] * pixels;
        for (Index i = 0; i < pixels; ++i)
            x(i, Index(j)) = float(image[i]) / 255.0f;
        y(0, Index(j)) = float(src.labels.values[std::size_t(pick[j])]);
    }
}

int maxLabel(const IdxData &labels) {
    return labels.values.empty()
               ? -1
               : int(*std::max_element(labels.values.begin(), labels.values.end()));
}

/// One labelled-image source split by test_fraction (mnist-10k, idx without test files).
Dataset splitImageSet(const LabelledImages &src, const DatasetSpec &spec, Random &rng,
                      const std::string &file) {
    Dataset d;
    const Split s = splitIndices(src.count(), spec, rng, file);
    gatherImages(src, s.train, d.trainX, d.trainY);
    gatherImages(src, s.test, d.testX, d.testY);
    d.imageWidth = src.cols();
    d.imageHeight = src.rows();
    d.numClasses = maxLabel(src.labels) + 1;
    return d;
}

/// A source with its own test part (fashion-mnist, idx with test files). Each part is
/// shuffled; with limit > 0 training keeps `limit` samples and testing keeps
/// max(1, round(limit * test_fraction)).
Dataset twoPartImageSet(const LabelledImages &train, const LabelledImages &test,
                        const DatasetSpec &spec, Random &rng) {
    if (train.rows() != test.rows() || train.cols() != test.cols()) {
        throw InputError(test.imagesName, "images",
                         "test images are " + std::to_string(test.rows()) + "x"
                             + std::to_string(test.cols()) + ", training images are "
                             + std::to_string(train.rows()) + "x" + std::to_string(train.cols()));
    }
    std::vector<Index> trainPick = shuffledIndices(train.count(), rng);
    std::vector<Index> testPick = shuffledIndices(test.count(), rng);
    if (spec.limit > 0) {
        const std::size_t testLimit = std::size_t(
            std::max<long long>(1, std::llround(double(spec.limit) * spec.testFraction)));
        trainPick.resize(std::min(trainPick.size(), std::size_t(spec.limit)));
        testPick.resize(std::min(testPick.size(), testLimit));
    }
    Dataset d;
    gatherImages(train, trainPick, d.trainX, d.trainY);
    gatherImages(test, testPick, d.testX, d.testY);
    d.imageWidth = train.cols();
    d.imageHeight = train.rows();
    d.numClasses = std::max(maxLabel(train.labels), maxLabel(test.labels)) + 1;
    return d;
}

const std::array<const char *, 4> kFashionFiles{
    "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz"};

std::string fashionPath(std::size_t i) {
    return std::string(kFashionMnistDir) + "/" + kFashionFiles[i];
}

bool fashionMnistInstalled() {
    std::error_code ec;
    for (std::size_t i = 0; i < kFashionFiles.size(); ++i) {
        if (!std::filesystem::is_regular_file(fashionPath(i), ec))
            return false;
    }
    return true;
}

constexpr const char *kFashionInstallNote =
    "install Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)";

Dataset loadMnist10k(const DatasetSpec &spec, Random &rng) {
    const std::string name = "mnist-10k";
    const auto [imagesData, imagesSize] = embeddedMnistImages();
    const auto [labelsData, labelsSize] = embeddedMnistLabels();
    LabelledImages src = checkImages(parseIdx(imagesData, imagesSize, name + " images"),
                                     parseIdx(labelsData, labelsSize, name + " labels"),
                                     name + " images", name + " labels");
    Dataset d = splitImageSet(src, spec, rng, name);
    d.numClasses = 10;
    d.classNames = numberedClassNames(10);
    return d;
}

Dataset loadFashionMnist(const DatasetSpec &spec, Random &rng) {
    if (!fashionMnistInstalled()) {
        throw InputError("fashion-mnist", "dataset.source",
                         std::string("not found in ") + kFashionMnistDir + ": "
                             + kFashionInstallNote);
    }
    const LabelledImages train = checkImages(
        readIdxFile(fashionPath(0)), readIdxFile(fashionPath(1)), fashionPath(0), fashionPath(1));
    const LabelledImages test = checkImages(
        readIdxFile(fashionPath(2)), readIdxFile(fashionPath(3)), fashionPath(2), fashionPath(3));
    Dataset d = twoPartImageSet(train, test, spec, rng);
    d.numClasses = 10;
    d.classNames = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
    return d;
}

Dataset loadIdx(const DatasetSpec &spec, Random &rng, const std::string &baseDir) {
    if (spec.images.empty())
        throw InputError("idx", "dataset.images", "names no file (the images IDX file)");
    if (spec.labels.empty())
        throw InputError("idx", "dataset.labels", "names no file (the labels IDX file)");
    if (spec.testImages.empty() != spec.testLabels.empty()) {
        throw InputError("idx",
                         spec.testImages.empty() ? "dataset.test_images" : "dataset.test_labels",
                         "test images and test labels go together: give both or neither");
    }
    const std::string imagesPath = resolvePath(spec.images, baseDir);
    const std::string labelsPath = resolvePath(spec.labels, baseDir);
    const LabelledImages train =
        checkImages(readIdxFile(imagesPath), readIdxFile(labelsPath), imagesPath, labelsPath);
    Dataset d;
    if (spec.testImages.empty()) {
        d = splitImageSet(train, spec, rng, imagesPath);
    } else {
        const std::string testImagesPath = resolvePath(spec.testImages, baseDir);
        const std::string testLabelsPath = resolvePath(spec.testLabels, baseDir);
        const LabelledImages test =
            checkImages(readIdxFile(testImagesPath), readIdxFile(testLabelsPath), testImagesPath,
                        testLabelsPath);
        d = twoPartImageSet(train, test, spec, rng);
    }
    // Labels are bytes, so numClasses = max label + 1 <= 256 holds by construction.
    d.classNames = numberedClassNames(d.numClasses);
    d.name = fileNameOf(imagesPath);
    return d;
}

// ---------------------------------------------------------------------------------------
// CSV.

/// The largest CSV file read (a million rows of a few hundred columns).
constexpr std::size_t kMaxCsvBytes = std::size_t(1) << 30;

Dataset loadCsv(const DatasetSpec &spec, Random &rng, const std::string &baseDir) {
    if (spec.path.empty())
        throw InputError("csv", "dataset.path", "names no file");
    const std::string path = resolvePath(spec.path, baseDir);
    if (spec.target.empty())
        throw InputError(path, "dataset.target", "must name the target column");
    const CsvTable table = parseCsv(readFile(path, kMaxCsvBytes), path);

    const auto it = std::find(table.header.begin(), table.header.end(), spec.target);
    if (it == table.header.end()) {
        std::string columns;
        for (const std::string &c : table.header)
            columns += (columns.empty() ? "" : ", ") + c;
        throw InputError(path, "dataset.target",
                         "no column named \"" + spec.target + "\" (columns: " + columns + ")");
    }
    if (table.header.size() < 2)
        throw InputError(path, "header", "needs at least one feature column besides the target");
    const Index targetRow = Index(it - table.header.begin());
    const Index n = table.values.cols();
    const Index features = table.values.rows() - 1;

    MatrixF x(features, n);
    MatrixF y(1, n);
    for (Index f = 0, src = 0; src < table.values.rows(); ++src) {
        if (src != targetRow)
            x.row(f++) = table.values.row(src);
    }
    y.row(0) = table.values.row(targetRow);

    // Task: all targets integers in [0, 255] with at least two values => classification.
    bool integral = true;
    float maxValue = 0.0f;
    for (Index j = 0; j < n; ++j) {
        const float v = y(0, j);
        integral = integral && v >= 0.0f && v <= 255.0f && v == std::floor(v);
        maxValue = std::max(maxValue, v);
    }
    Dataset d;
    if (integral && maxValue >= 1.0f) {
        d.task = TaskKind::Classification;
        d.numClasses = int(maxValue) + 1;
        d.classNames = numberedClassNames(d.numClasses);
    } else {
        d.task = TaskKind::Regression;
    }
    assignSplit(d, x, y, splitIndices(n, spec, rng, path));
    d.name = fileNameOf(path);
    return d;
}

} // namespace

// ---------------------------------------------------------------------------------------

int Dataset::outputDim(LossKind loss) const {
    switch (loss) {
    case LossKind::SoftmaxCrossEntropy:
        return numClasses;
    case LossKind::SigmoidCrossEntropy:
        return 1;
    case LossKind::MeanSquaredError:
        return int(trainY.rows());
    }
    return 0;
}

bool isSyntheticDataset(const std::string &name) {
    return findSynthetic(name) != nullptr;
}

std::vector<BuiltinDataset> builtinDatasets() {
    std::vector<BuiltinDataset> list;
    for (const SyntheticInfo &info : kSynthetic)
        list.push_back({info.name, info.task, std::string("2-D, ") + info.description, true, {}});
    list.push_back({"mnist-10k",
                    TaskKind::Classification,
                    "28x28 handwritten digits, 10 classes: the first 10,000 MNIST training "
                    "images, embedded",
                    true,
                    {}});
    const bool fashion = fashionMnistInstalled();
    list.push_back({"fashion-mnist", TaskKind::Classification,
                    "28x28 clothing images, 10 classes, 60,000 train + 10,000 test", fashion,
                    fashion ? std::string() : std::string(kFashionInstallNote)});
    return list;
}

Dataset loadDataset(const DatasetSpec &spec, std::uint64_t seed, const std::string &baseDir) {
    Random rng(Random::derive(seed, 2));
    const std::string &source = spec.source;

    if (const SyntheticInfo *info = findSynthetic(source)) {
        checkCommon(spec, source);
        if (spec.samples < 4 || spec.samples > limits::kMaxSamples) {
            throw InputError(source, "dataset.samples",
                             "must be between 4 and " + std::to_string(limits::kMaxSamples)
                                 + ", got " + std::to_string(spec.samples));
        }
        if (!(spec.noise >= 0.0 && spec.noise <= 10.0)) {
            throw InputError(source, "dataset.noise",
                             "must be between 0 and 10, got " + std::to_string(spec.noise));
        }
        const Generated g = generate(source, spec.samples, spec.noise, rng);
        Dataset d;
        d.name = source;
        d.task = info->task;
        if (info->task == TaskKind::Classification) {
            d.numClasses = 2;
            d.classNames = {info->classNames[0], info->classNames[1]};
        }
        assignSplit(d, g.x, g.y, splitIndices(spec.samples, spec, rng, source));
        return d;
    }
    if (source == "mnist-10k") {
        checkCommon(spec, source);
        Dataset d = loadMnist10k(spec, rng);
        d.name = source;
        return d;
    }
    if (source == "fashion-mnist") {
        checkCommon(spec, source);
        Dataset d = loadFashionMnist(spec, rng);
        d.name = source;
        return d;
    }
    if (source == "idx") {
        checkCommon(spec, "idx");
        return loadIdx(spec, rng, baseDir);
    }
    if (source == "csv") {
        checkCommon(spec, "csv");
        return loadCsv(spec, rng, baseDir);
    }
    std::string known;
    for (const BuiltinDataset &b : builtinDatasets())
        known += b.name + ", ";
    throw InputError(source.empty() ? std::string("(none)") : source, "dataset.source",
                     "unknown data set (known: " + known + "idx, csv)");
}

} // namespace reglab
