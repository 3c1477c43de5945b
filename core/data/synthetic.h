// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file synthetic.h
/// The synthetic 2-D sets: circle, xor, gaussian, spiral, moons (classification, 2 classes)
/// and plane, multigaussian (regression, 1 target). Inputs stay as generated: x is 2 x n,
/// y is 1 x n (the class index, or the target).

#include "core/data/dataset.h"
#include "core/experiment_spec.h"
#include "core/random.h"
#include "core/types.h"

#include <array>
#include <span>
#include <string>

namespace reglab {

/// What `reglab-cli datasets` and the data panel show of one synthetic set.
struct SyntheticInfo {
    const char *name;
    TaskKind task;
    const char *description;
    std::array<const char *, 2> classNames; ///< classification only: class 0, class 1
    /// The noise the set is meant to be seen with: its shape still shows, with some overlap
    /// to overfit. Each generator reads noise in its own units (see synthetic.cpp), so one
    /// number does not suit every set: spiral's arms are ~1.4 apart and vanish at the 0.35
    /// that makes moons interesting.
    double defaultNoise;
    /// Samples (train + test) that draw the shape clearly.
    int defaultSamples;
};

/// Every synthetic set, in the order they are listed.
std::span<const SyntheticInfo> syntheticDatasets();

bool isSyntheticDataset(const std::string &name);

/// Sets spec.noise and spec.samples to the defaults of the synthetic set spec.source
/// (SyntheticInfo); leaves `spec` as it is for any other source.
void applySyntheticDefaults(DatasetSpec &spec);

/// Generates spec.samples samples of the set spec.source (a synthetic set's name) with
/// spec.noise, then splits them (split.h); every draw comes from `rng`. The task and the class
/// names are filled in. InputError (naming the set) when samples is outside
/// [4, limits::kMaxSamples] or noise outside [0, 10].
Dataset loadSynthetic(const DatasetSpec &spec, Random &rng);

} // namespace reglab
