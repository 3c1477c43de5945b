// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the fuzzers' seed corpus: small valid inputs for each target.
//   fuzz_make_corpus SOURCE_DIR
// writes SOURCE_DIR/tests/fuzz/corpus/<target>/<name> (the examples/*.json experiments are
// copied from SOURCE_DIR/examples).
#include "core/file_util.h"
#include "core/io/experiment_json.h"
#include "core/io/weights_io.h"
#include "core/nn/network.h"
#include "support/gzip.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using reglab::test::gzip;

namespace {

std::string idx(const std::vector<std::uint32_t> &dims) {
    std::string b{'\0', '\0', '\x08', char(dims.size())};
    std::uint64_t count = 1;
    for (std::uint32_t d : dims) {
        b += char(d >> 24);
        b += char((d >> 16) & 0xff);
        b += char((d >> 8) & 0xff);
        b += char(d & 0xff);
        count *= d;
    }
    for (std::uint64_t i = 0; i < count; ++i)
        b += char((i * 7) & 0xff);
    return b;
}

reglab::ModelSpec model(std::vector<int> units, bool lastBias) {
    reglab::ModelSpec m;
    for (std::size_t i = 0; i < units.size(); ++i) {
        reglab::LayerSpec l;
        l.name = i + 1 == units.size() ? "out" : "dense" + std::to_string(i);
        l.units = units[i];
        l.useBias = i + 1 < units.size() || lastBias;
        m.layers.push_back(l);
    }
    return m;
}

} // namespace

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s SOURCE_DIR\n", argv[0]);
        return 2;
    }
    const fs::path source = argv[1];
    const fs::path corpus = source / "tests" / "fuzz" / "corpus";
    auto put = [&](const std::string &target, const std::string &name, const std::string &bytes) {
        reglab::makeDirectories((corpus / target).string());
        reglab::writeFileAtomically((corpus / target / name).string(), bytes);
    };

    put("idx", "labels.idx", idx({5}));
    put("idx", "images.idx", idx({2, 3, 3}));
    put("idx", "four_dims.idx", idx({1, 2, 2, 2}));
    put("idx", "empty.idx", idx({0, 28, 28}));
    put("idx", "labels.idx.gz", gzip(idx({5})));
    put("idx", "images.idx.gz", gzip(idx({2, 3, 3})));

    put("csv", "classes.csv", "x,y,label\n0.5,1,0\n-2,3.25,1\n1e-3,+4,2\n");
    put("csv", "quoted.csv", "\xEF\xBB\xBF\"a\", \"b\"\r\n1,2\r\n\r\n3,4\r\n");
    put("csv", "regression.csv", "u,v,w,target\n1,2,3,0.5\n4,5,6,-1.5\n");

    for (const auto &entry : fs::directory_iterator(source / "examples")) {
        if (entry.path().extension() == ".json")
            put("experiment_json", entry.path().filename().string(),
                reglab::readFile(entry.path().string()));
    }
    put("experiment_json", "default_resolved.json",
        reglab::experimentToJson(reglab::defaultExperiment()).dump(2));

    put("override", "epochs", "training.epochs=5");
    put("override", "all_layers_l2", "model.layers.*.kernel_regularizer={\"l2\": 1e-4}");
    put("override", "several", "optimizer.type=sgd\noptimizer.momentum=0.9\ndataset.source=moons");
    put("override", "string_value", "model.layers.0.activation=tanh");
    put("override", "null_value", "model.layers.1.bias_regularizer=null");

    // Matches fuzz_npz's network: 2 inputs, dense 3 (bias), out 2 (no bias).
    reglab::Network<float> fits(2, model({3, 2}, false));
    const fs::path npzDir = corpus / "npz";
    reglab::makeDirectories(npzDir.string());
    reglab::saveWeights(fits, (npzDir / "fits.npz").string());
    std::printf("corpus written to %s\n", corpus.string().c_str());
    return 0;
}
