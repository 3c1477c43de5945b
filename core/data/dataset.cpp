// SPDX-License-Identifier: GPL-3.0-or-later
// loadDataset: checks shared by every source, path resolution, then the source's loader,
// which draws from Random(Random::derive(seed, 2)).
#include "core/data/dataset.h"

#include "core/data/csv.h"
#include "core/data/image_set.h"
#include "core/data/mnist.h"
#include "core/data/npz_dataset.h"
#include "core/data/split.h"
#include "core/data/synthetic.h"
#include "core/error.h"
#include "core/random.h"

#include <filesystem>

namespace reglab {

namespace {

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

/// `path` against `baseDir` when it is relative; an empty path stays empty.
void resolvePath(std::string &path, const std::string &baseDir) {
    if (path.empty() || baseDir.empty() || std::filesystem::path(path).is_absolute())
        return;
    path = (std::filesystem::path(baseDir) / path).string();
}

std::string fileNameOf(const std::string &path) {
    return std::filesystem::path(path).filename().string();
}

/// The spec with its file paths resolved against `baseDir`.
DatasetSpec resolvedPaths(DatasetSpec spec, const std::string &baseDir) {
    for (std::string *path : {&spec.images, &spec.labels, &spec.testImages, &spec.testLabels,
                              &spec.path, &spec.testPath})
        resolvePath(*path, baseDir);
    return spec;
}

} // namespace

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

std::vector<std::string> numberedClassNames(int numClasses) {
    std::vector<std::string> names;
    for (int c = 0; c < numClasses; ++c)
        names.push_back(std::to_string(c));
    return names;
}

std::vector<BuiltinDataset> builtinDatasets() {
    std::vector<BuiltinDataset> list;
    for (const SyntheticInfo &info : syntheticDatasets())
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
    Dataset d;
    if (isSyntheticDataset(source)) {
        checkCommon(spec, source);
        d = loadSynthetic(spec, rng);
        d.name = source;
    } else if (source == "mnist-10k") {
        checkCommon(spec, source);
        d = loadMnist10k(spec, rng);
        d.name = source;
    } else if (source == "fashion-mnist") {
        checkCommon(spec, source);
        d = loadFashionMnist(spec, rng);
        d.name = source;
    } else if (source == "idx") {
        checkCommon(spec, source);
        const DatasetSpec resolved = resolvedPaths(spec, baseDir);
        d = loadIdxImages(resolved, rng);
        d.name = fileNameOf(resolved.images);
    } else if (source == "csv") {
        checkCommon(spec, source);
        const DatasetSpec resolved = resolvedPaths(spec, baseDir);
        d = loadCsvDataset(resolved, rng);
        d.name = fileNameOf(resolved.path);
    } else if (source == "npz") {
        checkCommon(spec, source);
        const DatasetSpec resolved = resolvedPaths(spec, baseDir);
        d = loadNpzDataset(resolved);
        d.name = fileNameOf(resolved.path);
    } else {
        std::string known;
        for (const BuiltinDataset &b : builtinDatasets())
            known += b.name + ", ";
        throw InputError(source.empty() ? std::string("(none)") : source, "dataset.source",
                         "unknown data set (known: " + known + "idx, csv, npz)");
    }
    applyTrainingControls(d, spec, seed, source);
    return d;
}

} // namespace reglab
