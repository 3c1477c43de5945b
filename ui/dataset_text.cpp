// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/dataset_text.h"

#include <QCoreApplication>

#include <array>

namespace reglab::ui {

namespace {

constexpr const char *kContext = "reglab::ui::DatasetText";

// Descriptions as builtinDatasets() reports them (core/data/dataset.cpp,
// core/data/synthetic.cpp), the Fashion-MNIST install note, then class names.
constexpr std::array kTexts{
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "2-D, inner disk vs outer ring, radius 5"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "2-D, sign of x1 * x2 on [-5.3, 5.3]^2"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "2-D, two gaussian blobs at (-2,-2) and (2,2)"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "2-D, two interleaved spirals, radius 5"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "2-D, two interleaved half moons"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "2-D, linear target (x1 + x2) / 10 on [-6, 6]^2"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText",
                      "2-D, sum of six signed gaussian bumps on [-6, 6]^2"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText",
                      "28x28 handwritten digits, 10 classes: the first 10,000 MNIST training "
                      "images, embedded"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText",
                      "28x28 clothing images, 10 classes, 60,000 train + 10,000 test"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText",
                      "install Debian package dataset-fashion-mnist (apt-get install "
                      "dataset-fashion-mnist)"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "ring"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "disk"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "blob (-2,-2)"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "blob (2,2)"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "arm A"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "arm B"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "upper moon"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "lower moon"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "T-shirt/top"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Trouser"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Pullover"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Dress"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Coat"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Sandal"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Shirt"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Sneaker"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Bag"),
    QT_TRANSLATE_NOOP("reglab::ui::DatasetText", "Ankle boot"),
};

} // namespace

QString datasetText(const std::string &text) {
    for (const char *known : kTexts) {
        if (text == known)
            return QCoreApplication::translate(kContext, known);
    }
    return QString::fromStdString(text);
}

QStringList translatedDatasetTexts() {
    QStringList list;
    for (const char *known : kTexts)
        list << QString::fromUtf8(known);
    return list;
}

} // namespace reglab::ui
