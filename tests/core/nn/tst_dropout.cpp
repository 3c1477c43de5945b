// SPDX-License-Identifier: GPL-3.0-or-later
// Dropout: the masks (kept share, scale, independence of the batch's cut into parts), the
// network's use of them (evaluation is the identity, a finite-difference check with a fixed
// mask), and the trainer (rate 0 is no dropout bit for bit; the same seed gives the same run;
// one and two threads agree; the masks do not touch the other random streams), and the same
// for spatial_dropout2d (whole channels of an image).

#include "core/data/dataset.h"
#include "core/io/metrics_csv.h"
#include "core/nn/dropout.h"
#include "core/nn/loss.h"
#include "core/nn/network.h"
#include "core/random.h"
#include "core/train/trainer.h"

#include <QtTest>

#include <cmath>

using namespace reglab;

namespace {

LayerSpec dense(const char *name, int units, Activation act) {
    LayerSpec l;
    l.name = name;
    l.units = units;
    l.activation = act;
    return l;
}

LayerSpec dropout(const char *name, double rate) {
    LayerSpec l;
    l.name = name;
    l.type = "dropout";
    l.rate = rate;
    return l;
}

/// A small spiral experiment; `withDropout` puts dropout entries (rate `rate`) on the input
/// and between the hidden layers.
ExperimentSpec experiment(bool withDropout, double rate) {
    ExperimentSpec s;
    s.seed = 4;
    s.dataset.source = "spiral";
    s.dataset.samples = 240;
    s.model.layers = {dense("h1", 32, Activation::Relu), dense("h2", 32, Activation::Tanh),
                      dense("out", 2, Activation::Linear)};
    s.model.layers[0].kernelRegularizer = RegularizerSpec{0, 1e-3};
    if (withDropout) {
        s.model.layers.insert(s.model.layers.begin() + 1, dropout("drop1", rate));
        s.model.layers.insert(s.model.layers.begin(), dropout("drop_in", rate / 2));
    }
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 24;
    s.training.epochs = 5;
    return s;
}

std::shared_ptr<const Dataset> dataOf(const ExperimentSpec &s) {
    return std::make_shared<const Dataset>(loadDataset(s.dataset, s.seed));
}

double maxAbsDiff(const Network<float> &a, const Network<float> &b) {
    double d = 0.0;
    for (std::size_t i = 0; i < a.layers().size(); ++i) {
        d = std::max(d,
                     double((a.layers()[i].kernel - b.layers()[i].kernel).cwiseAbs().maxCoeff()));
        d = std::max(d, double((a.layers()[i].bias - b.layers()[i].bias).cwiseAbs().maxCoeff()));
    }
    return d;
}

/// With the masks in `ws` fixed: the largest relative difference, over the weight layers,
/// between the analytic kernel gradient of the softmax cross-entropy of (x, y) and central
/// differences (h = 1e-6).
double kernelGradientError(Network<double> &net, const Matrix<double> &x, const Matrix<double> &y,
                           NetworkWorkspace<double> &ws) {
    const auto objective = [&] {
        return computeLoss<double>(LossKind::SoftmaxCrossEntropy, net.forward(x, ws), y, nullptr);
    };
    Matrix<double> dOut;
    computeLoss<double>(LossKind::SoftmaxCrossEntropy, net.forward(x, ws), y, &dOut);
    net.backward(x, dOut, ws);
    const std::vector<Matrix<double>> kernelGrads = ws.kernelGrad;
    double worst = 0.0;
    for (std::size_t li = 0; li < net.layers().size(); ++li) {
        auto &l = net.layers()[li];
        const Matrix<double> &analytic = kernelGrads[li];
        Matrix<double> numeric(analytic.rows(), analytic.cols());
        for (Index k = 0; k < l.kernel.size(); ++k) {
            const double w = l.kernel.data()[k];
            const double h = 1e-6;
            l.kernel.data()[k] = w + h;
            const double up = objective();
            l.kernel.data()[k] = w - h;
            const double down = objective();
            l.kernel.data()[k] = w;
            numeric.data()[k] = (up - down) / (2 * h);
        }
        worst = std::max(worst, (analytic - numeric).norm()
                                    / std::max(analytic.norm() + numeric.norm(), 1e-12));
    }
    return worst;
}

LayerSpec convLayer(const char *name, int filters, int kernel, Padding padding, Activation act) {
    LayerSpec l;
    l.name = name;
    l.type = "conv2d";
    l.filters = filters;
    l.kernelSize = {kernel, kernel};
    l.padding = padding;
    l.activation = act;
    return l;
}

LayerSpec otherLayer(const char *name, const char *type, double rate = 0.0) {
    LayerSpec l;
    l.name = name;
    l.type = type;
    l.rate = rate;
    return l;
}

/// 6x5x3 images -> conv 4 3x3 same relu -> [spatial_dropout2d] -> conv 3 3x3 valid tanh
/// -> max-pool 2 same -> [spatial_dropout2d] -> flatten -> dense 3; L2 on the first kernel.
ModelSpec spatialModel(bool withDropout, double rate) {
    ModelSpec m;
    m.layers = {convLayer("c1", 4, 3, Padding::Same, Activation::Relu),
                convLayer("c2", 3, 3, Padding::Valid, Activation::Tanh),
                otherLayer("pool", "max_pool2d"), otherLayer("flat", "flatten"),
                dense("out", 3, Activation::Linear)};
    m.layers[0].kernelRegularizer = RegularizerSpec{0, 1e-3};
    m.layers[2].padding = Padding::Same;
    if (withDropout) {
        m.layers.insert(m.layers.begin() + 3, otherLayer("sd2", "spatial_dropout2d", rate));
        m.layers.insert(m.layers.begin() + 1, otherLayer("sd1", "spatial_dropout2d", rate));
    }
    return m;
}

const TensorShape kImage{6, 5, 3, true};

/// A 3-class image set of kImage's shape: 90 training and 30 test samples of noise with a
/// class-dependent bright channel.
std::shared_ptr<const Dataset> imageData() {
    Dataset d;
    d.name = "images";
    d.numClasses = 3;
    d.classNames = {"a", "b", "c"};
    d.imageHeight = kImage.height;
    d.imageWidth = kImage.width;
    d.imageChannels = kImage.channels;
    Random rng(17);
    const auto fill = [&](MatrixF &x, MatrixF &y, Index n) {
        x.resize(kImage.size(), n);
        y.resize(1, n);
        for (Index j = 0; j < n; ++j) {
            const int label = int(j % 3);
            for (Index u = 0; u < x.rows(); ++u)
                x(u, j) = float(rng.uniform(0, 0.5) + (u % 3 == label ? 0.5 : 0.0));
            y(0, j) = float(label);
        }
    };
    fill(d.trainX, d.trainY, 90);
    fill(d.testX, d.testY, 30);
    return std::make_shared<const Dataset>(std::move(d));
}

ExperimentSpec spatialExperiment(bool withDropout, double rate) {
    ExperimentSpec s;
    s.seed = 8;
    s.model = spatialModel(withDropout, rate);
    s.optimizer.type = OptimizerKind::Adam;
    s.optimizer.learningRate = 0.01;
    s.training.batchSize = 16;
    s.training.epochs = 4;
    return s;
}

} // namespace

class TestDropout : public QObject {
    Q_OBJECT

private slots:
    /// Over 1000 x 300 draws the kept count is binomial(n, 1 - rate): within 5 standard
    /// deviations of n (1 - rate) (a false alarm about once in 3.5 million). Kept values are
    /// exactly 1 / (1 - rate), so the mask's mean, kept / n / (1 - rate), is within
    /// 5 sqrt(rate / ((1 - rate) n)) of 1: dropout preserves the mean.
    void keptShareAndMean_data() {
        QTest::addColumn<double>("rate");
        QTest::newRow("rate_0.1") << 0.1;
        QTest::newRow("rate_0.5") << 0.5;
        QTest::newRow("rate_0.9") << 0.9;
    }
    void keptShareAndMean() {
        QFETCH(double, rate);
        const Index units = 1000;
        const Index cols = 300;
        std::vector<float> mask(std::size_t(units * cols));
        fillDropoutMask(mask.data(), units, 0, cols, rate, dropoutStepKey(1, 1), 0);
        const float scale = float(1.0 / (1.0 - rate));
        long long kept = 0;
        double sum = 0.0;
        for (float m : mask) {
            QVERIFY(m == 0.0f || m == scale);
            kept += m != 0.0f;
            sum += m;
        }
        const double n = double(mask.size());
        const double sigma = std::sqrt(n * rate * (1.0 - rate));
        qInfo("rate %g: kept %lld of %.0f (expected %.0f, sigma %.1f)", rate, kept, n,
              n * (1.0 - rate), sigma);
        QVERIFY(std::abs(double(kept) - n * (1.0 - rate)) <= 5.0 * sigma);
        QVERIFY(std::abs(sum / n - 1.0) <= 5.0 * std::sqrt(rate / ((1.0 - rate) * n)) + 1e-6);
    }

    /// A mask depends on (step, layer, column, unit) only: drawn in two parts it is the one
    /// drawn at once (so the thread count cannot change it); other steps and layers differ.
    void maskIsCounterBased() {
        const Index units = 37;
        const Index cols = 23;
        std::vector<double> whole(std::size_t(units * cols));
        std::vector<double> parts(whole.size());
        const std::uint64_t key = dropoutStepKey(9, 5);
        fillDropoutMask(whole.data(), units, 0, cols, 0.4, key, 2);
        fillDropoutMask(parts.data(), units, 0, 10, 0.4, key, 2);
        fillDropoutMask(parts.data() + 10 * units, units, 10, cols - 10, 0.4, key, 2);
        QVERIFY(whole == parts);
        std::vector<double> otherStep(whole.size());
        fillDropoutMask(otherStep.data(), units, 0, cols, 0.4, dropoutStepKey(9, 6), 2);
        QVERIFY(whole != otherStep);
        std::vector<double> otherLayer(whole.size());
        fillDropoutMask(otherLayer.data(), units, 0, cols, 0.4, key, 3);
        QVERIFY(whole != otherLayer);
        std::vector<double> otherSeed(whole.size());
        fillDropoutMask(otherSeed.data(), units, 0, cols, 0.4, dropoutStepKey(10, 5), 2);
        QVERIFY(whole != otherSeed);
    }

    /// Dropout entries are no layers of the network: each dense layer carries the rate in
    /// front of it (consecutive entries combined), and without masks the forward pass is the
    /// one of the same network without dropout.
    void evaluationIsTheIdentity() {
        const ExperimentSpec with = experiment(true, 0.5);
        const ExperimentSpec without = experiment(false, 0.5);
        Network<float> a(2, with.model);
        Network<float> b(2, without.model);
        a.initialize(with.model, 3);
        b.initialize(without.model, 3);
        QCOMPARE(a.layers().size(), std::size_t(3));
        QCOMPARE(a.layers()[0].inputDropout, 0.25);
        QCOMPARE(a.layers()[1].inputDropout, 0.5);
        QCOMPARE(a.layers()[2].inputDropout, 0.0);
        QCOMPARE(maxAbsDiff(a, b), 0.0); // the same initial weights
        MatrixF x = MatrixF::Random(2, 50);
        NetworkWorkspace<float> wa;
        NetworkWorkspace<float> wb;
        const MatrixF ya = a.forward(x, wa);
        QVERIFY(ya == b.forward(x, wb));
        // With masks the output changes; cleared, it is the identity again.
        a.setDropoutMasks(wa, dropoutStepKey(1, 1), 50);
        QVERIFY(!(a.forward(x, wa) == ya));
        Network<float>::clearDropoutMasks(wa);
        QVERIFY(a.forward(x, wa) == ya);

        ModelSpec twice;
        twice.layers = {dropout("d1", 0.5), dropout("d2", 0.2), dense("out", 3, Activation::Elu)};
        QCOMPARE(twice.inputDropoutRates(), std::vector<double>{1.0 - 0.5 * 0.8});
        QCOMPARE(twice.weightIndices(), std::vector<std::size_t>{2});
    }

    /// With a fixed mask the network is a fixed function: its analytic gradients (double)
    /// match central differences.
    void gradientWithFixedMask() {
        ModelSpec m;
        m.layers = {dropout("d0", 0.3), dense("h1", 6, Activation::Tanh), dropout("d1", 0.5),
                    dense("h2", 5, Activation::Elu), dense("out", 3, Activation::Linear)};
        Network<double> net(4, m);
        net.initialize(m, 7);
        Random rng(3);
        Matrix<double> x(4, 9);
        for (Index i = 0; i < x.size(); ++i)
            x.data()[i] = rng.uniform(-1, 1);
        Matrix<double> y(1, 9);
        for (Index j = 0; j < 9; ++j)
            y(0, j) = double(j % 3);
        NetworkWorkspace<double> ws;
        net.setDropoutMasks(ws, dropoutStepKey(2, 3), 9);
        QVERIFY(ws.mask[0].size() == 4 * 9);
        QVERIFY(ws.mask[1].size() == 6 * 9);
        QVERIFY(ws.mask[1].minCoeff() == 0.0); // something is dropped
        const double worst = kernelGradientError(net, x, y, ws);
        qInfo("relative error of the kernel gradients with a fixed mask: %.3g", worst);
        QVERIFY(worst < 1e-7);
    }

    /// A dropout entry of rate 0 trains exactly as no entry: same batches, same initial
    /// weights, the same metrics.csv byte for byte.
    void rateZeroIsBitIdenticalToNoDropout() {
        const ExperimentSpec with = experiment(true, 0.0);
        const ExperimentSpec without = experiment(false, 0.0);
        const auto data = dataOf(without);
        Trainer a(with, data);
        Trainer b(without, data);
        a.run();
        b.run();
        QCOMPARE(QString::fromStdString(metricsCsv(a.history())),
                 QString::fromStdString(metricsCsv(b.history())));
        QCOMPARE(maxAbsDiff(a.network(), b.network()), 0.0);
    }

    /// The same seed gives the same run; another seed other masks. Dropout draws from a
    /// stream of its own: the data and the initial weights are those of the run without it.
    void deterministicPerSeed() {
        const ExperimentSpec s = experiment(true, 0.4);
        const auto data = dataOf(s);
        Trainer a(s, data);
        Trainer b(s, data);
        Trainer none(experiment(false, 0.0), data);
        QCOMPARE(maxAbsDiff(a.network(), none.network()), 0.0); // initial weights
        a.run();
        b.run();
        none.run();
        QCOMPARE(maxAbsDiff(a.network(), b.network()), 0.0);
        QCOMPARE(QString::fromStdString(metricsCsv(a.history())),
                 QString::fromStdString(metricsCsv(b.history())));
        QVERIFY(maxAbsDiff(a.network(), none.network()) > 1e-3); // dropout did something
        ExperimentSpec other = s;
        other.seed = 5;
        Trainer c(other, dataOf(other));
        c.setWeights(a.network()); // same start, other masks
        Trainer d(s, data);
        d.setWeights(a.network());
        c.runEpochs(1);
        d.runEpochs(1);
        QVERIFY(maxAbsDiff(c.network(), d.network()) > 0.0);
    }

    /// One and two threads draw the same masks (by batch column): the runs agree to the
    /// float rounding of the products, as without dropout; two threads twice are identical.
    void oneVsTwoThreads() {
        const ExperimentSpec s = experiment(true, 0.3);
        const auto data = dataOf(s);
        TrainerOptions two;
        two.threads = 2;
        Trainer a(s, data, two);
        Trainer b(s, data, two);
        Trainer one(s, data);
        a.run();
        b.run();
        one.run();
        QCOMPARE(maxAbsDiff(a.network(), b.network()), 0.0);
        const double diff = maxAbsDiff(a.network(), one.network());
        qInfo("dropout, 1 vs 2 threads after %lld steps: weights differ by %.3g", a.step(), diff);
        QVERIFY(diff <= 1e-4);
        // Different masks would move the weights by far more (about the learning rate).
        const Trainer *runs[] = {&a, &one};
        for (const Trainer *t : runs)
            QVERIFY(t->history().back().trainAccuracy > t->history().front().trainAccuracy);
    }

    /// spatial_dropout2d masks: every channel of a sample is all 0 or all 1 / (1 - rate) over
    /// the positions. Over 400 samples x 25 channels the kept channel count is
    /// binomial(10000, 1 - rate): within 5 standard deviations of its mean.
    void spatialMaskKeepsWholeChannels_data() {
        QTest::addColumn<double>("rate");
        QTest::newRow("rate_0.2") << 0.2;
        QTest::newRow("rate_0.5") << 0.5;
        QTest::newRow("rate_0.8") << 0.8;
    }
    void spatialMaskKeepsWholeChannels() {
        QFETCH(double, rate);
        const int channels = 25;
        const Index positions = 7 * 3;
        const Index units = positions * channels;
        const Index cols = 400;
        std::vector<float> mask(std::size_t(units * cols));
        fillDropoutMask(mask.data(), units, 0, cols, rate, dropoutStepKey(3, 2), 1, channels);
        const float scale = float(1.0 / (1.0 - rate));
        long long kept = 0;
        long long mixedColumns = 0; // columns with kept and dropped channels
        for (Index j = 0; j < cols; ++j) {
            const float *m = mask.data() + j * units;
            int keptHere = 0;
            for (int ch = 0; ch < channels; ++ch) {
                QVERIFY(m[ch] == 0.0f || m[ch] == scale);
                for (Index p = 1; p < positions; ++p)
                    QCOMPARE(m[p * channels + ch], m[ch]); // the whole channel
                keptHere += m[ch] != 0.0f;
            }
            kept += keptHere;
            mixedColumns += keptHere > 0 && keptHere < channels;
        }
        const double n = double(cols * channels);
        const double sigma = std::sqrt(n * rate * (1.0 - rate));
        qInfo("rate %g: kept %lld of %.0f channels (expected %.0f, sigma %.1f)", rate, kept, n,
              n * (1.0 - rate), sigma);
        QVERIFY(std::abs(double(kept) - n * (1.0 - rate)) <= 5.0 * sigma);
        // Channels are drawn independently (not one draw per sample).
        QVERIFY(mixedColumns > cols / 2);
        // Drawn in two parts it is the mask drawn at once (any thread count).
        std::vector<float> parts(mask.size());
        fillDropoutMask(parts.data(), units, 0, 150, rate, dropoutStepKey(3, 2), 1, channels);
        fillDropoutMask(parts.data() + 150 * units, units, 150, cols - 150, rate,
                        dropoutStepKey(3, 2), 1, channels);
        QVERIFY(parts == mask);
    }

    /// In the network: the weight layer after a spatial_dropout2d entry carries the rate and
    /// the channels of its input; without masks the forward pass is the one without the
    /// entries; with masks whole channels of the conv layers' inputs are dropped.
    void spatialEvaluationIsTheIdentity() {
        const ModelSpec with = spatialModel(true, 0.5);
        const ModelSpec without = spatialModel(false, 0.5);
        Network<float> a(kImage, with);
        Network<float> b(kImage, without);
        a.initialize(with, 3);
        b.initialize(without, 3);
        QCOMPARE(a.layers().size(), std::size_t(3));
        QCOMPARE(a.layers()[0].inputDropout, 0.0);
        QCOMPARE(a.layers()[1].inputDropout, 0.5);
        QCOMPARE(a.layers()[1].inputDropoutChannels, 4); // c1's 6x5x4 output
        QCOMPARE(a.layers()[2].inputDropout, 0.5);
        QCOMPARE(a.layers()[2].inputDropoutChannels, 3); // pool's 2x2x3 output, flattened
        QCOMPARE(maxAbsDiff(a, b), 0.0);
        Random rng(5);
        MatrixF x(kImage.size(), 20);
        for (Index i = 0; i < x.size(); ++i)
            x.data()[i] = float(rng.uniform(-1, 1));
        NetworkWorkspace<float> wa;
        NetworkWorkspace<float> wb;
        const MatrixF ya = a.forward(x, wa);
        QVERIFY(ya == b.forward(x, wb));
        a.setDropoutMasks(wa, dropoutStepKey(1, 1), 20);
        QCOMPARE(wa.mask[1].rows(), Index(6 * 5 * 4));
        for (Index j = 0; j < 20; ++j) {
            for (Index u = 4; u < wa.mask[1].rows(); ++u)
                QCOMPARE(wa.mask[1](u, j), wa.mask[1](u % 4, j));
        }
        QVERIFY(wa.mask[1].minCoeff() == 0.0f && wa.mask[1].maxCoeff() == 2.0f);
        QVERIFY(!(a.forward(x, wa) == ya));
        Network<float>::clearDropoutMasks(wa);
        QVERIFY(a.forward(x, wa) == ya);
    }

    /// With fixed spatial masks the CNN is a fixed function: its analytic kernel gradients
    /// (double) match central differences.
    void spatialGradientWithFixedMask() {
        const ModelSpec m = spatialModel(true, 0.5);
        Network<double> net(kImage, m);
        net.initialize(m, 7);
        Random rng(3);
        const Index n = 7;
        Matrix<double> x(kImage.size(), n);
        for (Index i = 0; i < x.size(); ++i)
            x.data()[i] = rng.uniform(-1, 1);
        Matrix<double> y(1, n);
        for (Index j = 0; j < n; ++j)
            y(0, j) = double(j % 3);
        NetworkWorkspace<double> ws;
        net.setDropoutMasks(ws, dropoutStepKey(2, 3), n);
        QVERIFY(ws.mask[1].minCoeff() == 0.0 && ws.mask[1].maxCoeff() == 2.0);
        const double worst = kernelGradientError(net, x, y, ws);
        qInfo("relative error of the CNN kernel gradients with fixed spatial masks: %.3g", worst);
        QVERIFY(worst < 1e-6);
    }

    /// spatial_dropout2d of rate 0 trains exactly as no entry; the same seed gives the same
    /// run; one and two threads draw the same masks; dropout changed the run.
    void spatialTrainerRuns() {
        const auto data = imageData();
        Trainer zero(spatialExperiment(true, 0.0), data);
        Trainer none(spatialExperiment(false, 0.0), data);
        zero.run();
        none.run();
        QCOMPARE(QString::fromStdString(metricsCsv(zero.history())),
                 QString::fromStdString(metricsCsv(none.history())));
        QCOMPARE(maxAbsDiff(zero.network(), none.network()), 0.0);

        const ExperimentSpec s = spatialExperiment(true, 0.4);
        TrainerOptions two;
        two.threads = 2;
        Trainer a(s, data);
        Trainer b(s, data);
        Trainer c(s, data, two);
        Trainer d(s, data, two);
        a.run();
        b.run();
        c.run();
        d.run();
        QCOMPARE(maxAbsDiff(a.network(), b.network()), 0.0);
        QCOMPARE(QString::fromStdString(metricsCsv(a.history())),
                 QString::fromStdString(metricsCsv(b.history())));
        QCOMPARE(maxAbsDiff(c.network(), d.network()), 0.0);
        const double threads = maxAbsDiff(a.network(), c.network());
        const double moved = maxAbsDiff(a.network(), none.network());
        qInfo("spatial dropout: 1 vs 2 threads differ by %.3g; vs no dropout by %.3g", threads,
              moved);
        QVERIFY(threads <= 1e-4);
        QVERIFY(moved > 1e-3);
    }

    /// Reported training metrics are evaluated without dropout: they equal an evaluation of
    /// the same weights by a network without dropout entries.
    void reportedMetricsAreWithoutDropout() {
        const ExperimentSpec s = experiment(true, 0.5);
        const auto data = dataOf(s);
        Trainer a(s, data);
        a.runEpochs(2);
        Trainer plain(experiment(false, 0.0), data);
        plain.setWeights(a.network());
        QCOMPARE(a.history().back().trainDataLoss, plain.history().back().trainDataLoss);
        QCOMPARE(a.history().back().testAccuracy, plain.history().back().testAccuracy);
    }
};

QTEST_APPLESS_MAIN(TestDropout)
#include "tst_dropout.moc"
