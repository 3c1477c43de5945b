// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
/// \file npz_dataset.h
/// The `npz` data set: one NumPy .npz archive holding its own training and test part, as
/// `reglab-cli export-code` writes it next to its scripts (code_export.h datasetToArrays()):
///
///   x_train  [n, features] or [n, h, w] (images: flattened row-major, h and w kept)
///   y_train  [n] class labels (classification) or [n, k] targets (regression)
///   x_test   [m, features] or [m, h, w], the same features as x_train
///   y_test   [m] or [m, k], as y_train
///
/// x: float32, float64, (u)int8..64 or bool, values used as stored (uint8 pixels are not
/// rescaled) and finite. y of rank 1 holds class labels: whole numbers 0 <= label < 65536
/// (any number dtype; 1.0 is the label 1), numClasses = the largest label of both parts + 1
/// (at least 2). y of rank 2 holds k regression targets per sample, finite. Other arrays in
/// the archive are ignored. C or Fortran order.

#include "core/data/dataset.h"
#include "core/experiment_spec.h"

namespace reglab {

/// The `npz` source: spec.path (already resolved). The samples keep the file's order (an
/// exported data set trains exactly as it was exported); limit > 0 keeps the first `limit`
/// training samples and the first max(1, round(limit * test_fraction)) test samples.
/// Every problem (a missing array, x and y of different lengths, a dtype that is not a
/// number, a wrong rank, a non-finite x, a label out of range or not whole, train and test
/// of different feature counts, a damaged or cut archive) is one InputError naming the file
/// and the array.
Dataset loadNpzDataset(const DatasetSpec &spec);

} // namespace reglab
