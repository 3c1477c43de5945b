// SPDX-License-Identifier: GPL-3.0-or-later
// The conv filter and feature-map views: one tile per filter and input channel for the
// first conv layer (one per filter for the others), one map per channel for every conv and
// pool layer, the tiles' values as the core computed them (checked by hand on a tiny net).

#include "core/train/conv_views.h"
#include "ui/plots/conv_filter_view.h"
#include "ui/plots/feature_map_view.h"

#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace reglab;
using namespace reglab::ui;

namespace {

LayerSpec conv(const std::string &name, int filters, int k, Padding padding = Padding::Same) {
    LayerSpec l;
    l.name = name;
    l.type = "conv2d";
    l.filters = filters;
    l.kernelSize = {k, k};
    l.padding = padding;
    l.activation = Activation::Relu;
    return l;
}

LayerSpec layerOf(const std::string &name, const std::string &type, int units = 0) {
    LayerSpec l;
    l.name = name;
    l.type = type;
    l.units = units;
    return l;
}

/// 8x8x3 -> conv 4 3x3 -> pool 2 -> conv 5 3x3 -> pool 2 -> flatten -> dense 2.
ModelSpec smallCnn() {
    ModelSpec m;
    m.layers = {conv("conv1", 4, 3),           layerOf("pool1", "max_pool2d"),
                conv("conv2", 5, 3),           layerOf("pool2", "max_pool2d"),
                layerOf("flatten", "flatten"), layerOf("out", "dense", 2)};
    return m;
}

const TensorShape kInput{8, 8, 3, true};

} // namespace

class TestConvViews : public QObject {
    Q_OBJECT
private slots:
    void filterTilesByHand();
    void filterViewShowsFiltersTimesInputChannels();
    void featureMapViewShowsOneMapPerChannel();
    void featureMapsByHand();
    void imagePickerSignals();
    void nonConvNetworkShowsANote();
};

void TestConvViews::filterTilesByHand() {
    // A 2x2 kernel, 2 input channels, 1 filter: W[r, s, c, 0] = column (r*2 + s)*2 + c.
    ModelSpec m;
    m.layers = {conv("c1", 1, 2, Padding::Valid), conv("c2", 1, 2, Padding::Valid),
                layerOf("f", "flatten"), layerOf("out", "dense", 1)};
    Network<float> net(TensorShape{3, 3, 2, true}, m);
    auto &first = net.layers()[0].kernel; // 1 x 8
    for (Index k = 0; k < 8; ++k)
        first(0, k) = float(k + 1);        // W[r, s, c] = (r*2 + s)*2 + c + 1
    auto &second = net.layers()[1].kernel; // 1 x (2*2*1)
    second << 1.f, -2.f, 3.f, -4.f;
    const std::vector<FilterTiles> tiles = filterTiles(net, 64);
    QCOMPARE(tiles.size(), std::size_t(2));
    // First layer: a tile per input channel. Channel 0: 1 3 / 5 7; channel 1: 2 4 / 6 8.
    QVERIFY(tiles[0].perInputChannel);
    QCOMPARE(tiles[0].tiles.rows(), Index(2));
    const float c0[] = {1, 3, 5, 7};
    const float c1[] = {2, 4, 6, 8};
    for (Index p = 0; p < 4; ++p) {
        QCOMPARE(tiles[0].tiles(0, p), c0[p]);
        QCOMPARE(tiles[0].tiles(1, p), c1[p]);
    }
    // Second layer (one input channel): the mean is the kernel itself.
    QVERIFY(!tiles[1].perInputChannel);
    QCOMPARE(tiles[1].tiles.rows(), Index(1));
    QCOMPARE(tiles[1].tiles(0, 3), -4.f);
}

void TestConvViews::filterViewShowsFiltersTimesInputChannels() {
    Network<float> net(kInput, smallCnn());
    net.initialize(smallCnn(), 7);
    TrainingSnapshot s;
    s.reset = true;
    s.filters = std::make_shared<const std::vector<FilterTiles>>(filterTiles(net, 256));
    ConvFilterView view;
    view.resize(800, 500);
    view.show();
    view.applySnapshot(s);
    QCOMPARE(view.bands().size(), std::size_t(2));
    QCOMPARE(view.bands()[0].tiles.rows(), Index(4 * 3)); // filters x input channels
    QCOMPARE(view.bands()[0].height, 3);
    QCOMPARE(view.bands()[1].tiles.rows(), Index(5)); // one per filter
    // Tile 5 of the first layer is filter 1's channel 2: W[r, s, 2, 1].
    const MatrixF &k = net.layers()[0].kernel;
    QCOMPARE(view.bands()[0].tiles(5, 4), k(1, 4 * 3 + 2));
    const QImage image = TileMosaicView::paintBands(view.bands(), QSize(600, 400), view.font());
    QVERIFY(!image.isNull());
    // The symmetric scale: a band's value 0 paints white.
    QCOMPARE(TileMosaicView::bandScale(MatrixF::Zero(2, 2)), 1.0);
}

void TestConvViews::featureMapViewShowsOneMapPerChannel() {
    Network<float> net(kInput, smallCnn());
    net.initialize(smallCnn(), 3);
    VectorF x = VectorF::LinSpaced(8 * 8 * 3, -1.f, 1.f);
    TrainingSnapshot s;
    s.reset = true;
    s.featureMaps = std::make_shared<const std::vector<FeatureMap>>(featureMaps(net, x, 64));
    s.featureMapImage = 0;
    FeatureMapView view;
    view.resize(800, 500);
    view.show();
    view.applySnapshot(s);
    // The input, then conv1 (8x8x4), pool1 (4x4x4), conv2 (4x4x5), pool2 (2x2x5).
    const auto &bands = view.bands();
    QCOMPARE(bands.size(), std::size_t(5));
    const int channels[] = {3, 4, 4, 5, 5};
    const int sides[] = {8, 8, 4, 4, 2};
    for (std::size_t i = 0; i < bands.size(); ++i) {
        QCOMPARE(bands[i].tiles.rows(), Index(channels[i]));
        QCOMPARE(bands[i].height, sides[i]);
        QCOMPARE(bands[i].tiles.cols(), Index(sides[i] * sides[i]));
    }
}

void TestConvViews::featureMapsByHand() {
    // 2x2x1 input -> conv 1 filter 1x1 (w = 2, b = 0.5, relu) -> pool 2: one value.
    ModelSpec m;
    m.layers = {conv("c", 1, 1, Padding::Valid), layerOf("p", "max_pool2d"),
                layerOf("f", "flatten"), layerOf("out", "dense", 1)};
    Network<float> net(TensorShape{2, 2, 1, true}, m);
    net.layers()[0].kernel(0, 0) = 2.f;
    net.layers()[0].bias(0) = 0.5f;
    VectorF x(4);
    x << 1.f, -1.f, 0.25f, 3.f;
    const std::vector<FeatureMap> maps = featureMaps(net, x, 8);
    QCOMPARE(maps.size(), std::size_t(3));
    // relu(2x + 0.5): 2.5, 0, 1, 6.5; the max of the window: 6.5.
    const float expected[] = {2.5f, 0.f, 1.f, 6.5f};
    for (Index p = 0; p < 4; ++p)
        QCOMPARE(maps[1].maps(0, p), expected[p]);
    QCOMPARE(maps[2].maps.size(), Index(1));
    QCOMPARE(maps[2].maps(0, 0), 6.5f);
    QCOMPARE(maps[0].maps(0, 3), 3.f); // the input itself
}

void TestConvViews::imagePickerSignals() {
    FeatureMapView view;
    QSignalSpy spy(&view, &FeatureMapView::imageIndexChanged);
    view.imageBox()->setRange(0, 10);
    view.setImageIndex(4);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toInt(), 4);
}

void TestConvViews::nonConvNetworkShowsANote() {
    ConvFilterView view;
    view.resetFor(defaultExperiment(), nullptr);
    QVERIFY(view.bands().empty());
    TrainingSnapshot s; // a dense network's snapshot carries no filters
    view.applySnapshot(s);
    QVERIFY(view.bands().empty());
}

QTEST_MAIN(TestConvViews)
#include "tst_conv_views.moc"
