// SPDX-License-Identifier: GPL-3.0-or-later
// Every unit's output over the input plane, on a tiny network with known weights evaluated
// on a 3x3 grid (hand-computed values), and the edges the network view draws.
#include "core/nn/network.h"
#include "core/train/unit_fields.h"
#include "support/test_support.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace reglab;

namespace {

/// 2 -> 2 (relu) -> 1 (tanh):
///   h0 = relu(x - y + 1), h1 = relu(2 y - 1), o = tanh(h0 - 0.5 h1).
Network<float> tinyNet() {
    ModelSpec model;
    model.layers = {test::denseLayer("hidden", 2, Activation::Relu),
                    test::denseLayer("out", 1, Activation::Tanh)};
    Network<float> net(2, model);
    net.layers()[0].kernel << 1, -1, //
        0, 2;
    net.layers()[0].bias << 1, -1;
    net.layers()[1].kernel << 1, -0.5f;
    net.layers()[1].bias << 0;
    return net;
}

/// x in {-1, 0, 1}, y in {0, 1, 2} (xMin, xMax, yMin, yMax).
constexpr PlaneBounds kGrid3x3{-1.0, 1.0, 0.0, 2.0};

std::vector<float> row(const MatrixF &m, Index r) {
    std::vector<float> v;
    for (Index j = 0; j < m.cols(); ++j)
        v.push_back(m(r, j));
    return v;
}

} // namespace

class TestUnitFields : public QObject {
    Q_OBJECT

private slots:
    void everyUnitOverTheGrid();
    void edgesOfAWideLayerAreTheStrongest();
    void edgesLeaveOutNearZeroWeights();
    void strongestInputsOfAUnit();
};

void TestUnitFields::everyUnitOverTheGrid() {
    const UnitFields f = unitFieldValues(tinyNet(), kGrid3x3, 3, 3);
    QCOMPARE(f.nx, 3);
    QCOMPARE(f.ny, 3);
    QCOMPARE(f.layers.size(), std::size_t(2));
    QCOMPARE(f.layers[0].rows(), Index(2));
    QCOMPARE(f.layers[0].cols(), Index(9));
    // Points j = 0..8: (x, y) = (-1,0) (0,0) (1,0) (-1,1) (0,1) (1,1) (-1,2) (0,2) (1,2).
    // h0 = relu(x - y + 1): 0 1 2 | 0 0 1 | 0 0 0
    QCOMPARE(row(f.layers[0], 0), (std::vector<float>{0, 1, 2, 0, 0, 1, 0, 0, 0}));
    // h1 = relu(2 y - 1): 0 0 0 | 1 1 1 | 3 3 3
    QCOMPARE(row(f.layers[0], 1), (std::vector<float>{0, 0, 0, 1, 1, 1, 3, 3, 3}));
    // o = tanh(h0 - 0.5 h1): tanh of 0 1 2 | -0.5 -0.5 0.5 | -1.5 -1.5 -1.5
    const std::vector<float> z{0, 1, 2, -0.5f, -0.5f, 0.5f, -1.5f, -1.5f, -1.5f};
    QCOMPARE(f.layers[1].rows(), Index(1));
    for (std::size_t j = 0; j < z.size(); ++j)
        QVERIFY2(std::abs(f.layers[1](0, Index(j)) - std::tanh(z[j])) < 1e-6f,
                 qPrintable(QString::number(j)));
    QVERIFY(std::abs(f.layers[1](0, 2) - 0.96402758f) < 1e-6f); // tanh(2)
}

void TestUnitFields::edgesOfAWideLayerAreTheStrongest() {
    // A 3-input, 4-unit layer, W(to, from):
    //        from 0  1     2
    //   to 0  0.1  -0.9   0.2
    //   to 1  0.5   0.05 -0.3
    //   to 2 -0.7   0.4   0.6
    //   to 3  0.3  -0.6   0.01
    // The 5 largest |w|: 0.9 (0<-1), 0.7 (2<-0), 0.6 (2<-2) and 0.6 (3<-1) (to ascending),
    // 0.5 (1<-0).
    MatrixF w(4, 3);
    w << 0.1f, -0.9f, 0.2f, //
        0.5f, 0.05f, -0.3f, //
        -0.7f, 0.4f, 0.6f,  //
        0.3f, -0.6f, 0.01f;
    const std::vector<ViewEdge> e = strongestEdges(w, 5, 1e-3);
    QCOMPARE(e.size(), std::size_t(5));
    const std::vector<std::pair<Index, Index>> expected{{1, 0}, {0, 2}, {2, 2}, {1, 3}, {0, 1}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(e[i].from, expected[i].first);
        QCOMPARE(e[i].to, expected[i].second);
        QCOMPARE(e[i].weight, w(e[i].to, e[i].from));
    }
    // A limit above the count: every edge.
    QCOMPARE(strongestEdges(w, 100, 0.0).size(), std::size_t(12));
}

void TestUnitFields::edgesLeaveOutNearZeroWeights() {
    // Row 1 is pruned (|w| < 1e-3): none of its edges is drawn, whatever the limit.
    MatrixF w(2, 2);
    w << 0.5f, -0.002f, //
        0.0005f, -0.0009f;
    const std::vector<ViewEdge> e = strongestEdges(w, 10, 1e-3);
    QCOMPARE(e.size(), std::size_t(2));
    QCOMPARE(e[0].to, Index(0));
    QCOMPARE(e[0].from, Index(0));
    QCOMPARE(e[1].to, Index(0));
    QCOMPARE(e[1].from, Index(1));
    QCOMPARE(e[1].weight, -0.002f);
}

void TestUnitFields::strongestInputsOfAUnit() {
    MatrixF w(2, 5);
    w << 0.1f, -0.8f, 0.3f, 0.8f, -0.2f, //
        1, 2, 3, 4, 5;
    const std::vector<ViewEdge> top = strongestInputs(w, 0, 3);
    QCOMPARE(top.size(), std::size_t(3));
    // |w| 0.8 twice (input 1 before input 3), then 0.3.
    QCOMPARE(top[0].from, Index(1));
    QCOMPARE(top[0].weight, -0.8f);
    QCOMPARE(top[1].from, Index(3));
    QCOMPARE(top[2].from, Index(2));
    QCOMPARE(top[2].to, Index(0));
    QVERIFY(strongestInputs(w, 2, 3).empty()); // no such unit
    QCOMPARE(strongestInputs(w, 1, 9).size(), std::size_t(5));
}

QTEST_APPLESS_MAIN(TestUnitFields)
#include "tst_unit_fields.moc"
