package org.hanzinet.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.loss.Reduction;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.api.Test;

class TrainingStepTest {

    /** [N, 3, 8, 8] -> [N, 1, 8, 8] probabilities. */
    static Module net(long seed) {
        Rng rng = new Rng(seed);
        return new Sequential(new Conv2d(3, 4, 3, 1, 1, true, rng), new ReLU(), new Conv2d(4, 1, 3, 1, 1, true, rng),
                new Sigmoid());
    }

    static Tensor[] batch(int n, long seed) {
        Rng rng = new Rng(seed);
        Tensor images = Tensor.zeros(n, 3, 8, 8).uniform(rng, 0f, 1f);
        Tensor masks = Tensor.zeros(n, 1, 8, 8).map(v -> 0f);
        Tensor weights = Tensor.full(1f, n, 1, 8, 8);
        for (int i = 0; i < masks.numel(); i++) {
            masks.setFlat(i, rng.nextDouble() < 0.3 ? 1f : 0f);
            if (i % 7 == 0) {
                weights.setFlat(i, 0f);
            }
        }
        return new Tensor[] {images, masks, weights};
    }

    @Test
    void shardsAccumulatedThenAppliedEqualOneStepOnTheWholeBatch() {
        Tensor[] b = batch(6, 5);
        Module whole = net(1);
        TrainingStep one = new TrainingStep(whole, new Adam(whole.namedParameters(), 1e-2, 0.9, 0.999, 1e-8, 0));
        float loss = one.step(b[0], b[1], b[2]);

        Module split = net(1);
        TrainingStep two = new TrainingStep(split, new Adam(split.namedParameters(), 1e-2, 0.9, 0.999, 1e-8, 0));
        two.zeroGradients();
        GradientSum sum = GradientSum.ZERO;
        for (int[] r : new int[][] {{0, 1}, {1, 4}, {4, 6}}) {
            sum = sum.plus(two.accumulate(b[0].slice(r[0], r[1]), b[1].slice(r[0], r[1]), b[2].slice(r[0], r[1]), null));
        }
        two.apply(sum.weight());

        assertThat(sum.samples()).isEqualTo(6);
        assertThat(sum.meanLoss()).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-5));
        float[] a = ParameterVectors.values(whole);
        float[] c = ParameterVectors.values(split);
        assertThat(ParameterVectors.maxAbsDifference(a, c)).isLessThan(1e-5f);
        assertThat(ParameterVectors.maxAbsDifference(a, ParameterVectors.values(net(1)))).isGreaterThan(1e-3f);
    }

    @Test
    void anElementWiseLossThroughTheLossInterfaceSplitsTheSameWay() {
        Tensor[] b = batch(4, 8);
        java.util.function.Supplier<Module> logits = () -> {
            Rng rng = new Rng(6);
            return new Sequential(new Conv2d(3, 2, 3, 1, 1, true, rng), new ReLU(), new Conv2d(2, 1, 3, 1, 1, true, rng));
        };
        Module whole = logits.get();
        Module split = logits.get();
        TrainingStep one = new TrainingStep(whole, new SGD(whole.namedParameters(), 0.5, 0, 0, false),
                new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT), null),
                new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.SUM), null));
        TrainingStep two = new TrainingStep(split, new SGD(split.namedParameters(), 0.5, 0, 0, false),
                new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT), null),
                new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.SUM), null));
        float loss = one.step(b[0], b[1], b[2]);
        two.zeroGradients();
        GradientSum sum = two.accumulate(b[0].slice(0, 3), b[1].slice(0, 3), b[2].slice(0, 3), null)
                .plus(two.accumulate(b[0].slice(3, 4), b[1].slice(3, 4), b[2].slice(3, 4), null));
        two.apply(sum.weight());

        assertThat(sum.meanLoss()).isCloseTo(loss, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(ParameterVectors.maxAbsDifference(ParameterVectors.values(whole), ParameterVectors.values(split)))
                .isLessThan(1e-5f);
        assertThat(ParameterVectors.maxAbsDifference(ParameterVectors.values(whole), ParameterVectors.values(logits.get())))
                .isGreaterThan(1e-4f);
    }

    @Test
    void theFirstLayerSkipsTheImageGradientAndTheStepIsUnchanged() {
        Tensor[] b = batch(3, 11);
        Module byHand = net(5);
        SGD sgd = new SGD(byHand.namedParameters(), 0.1, 0.9, 0, false);
        BCELoss bce = new BCELoss(new BCELoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT));
        sgd.zeroGrad();
        bce.forward(byHand.forward(b[0]), b[1], b[2]);
        assertThat(byHand.backward(bce.backward())).as("the image gradient, computed by hand").isNotNull();
        sgd.step();

        Module m = net(5);
        new TrainingStep(m, new SGD(m.namedParameters(), 0.1, 0.9, 0, false)).step(b[0], b[1], b[2]);
        assertThat(((Sequential) m).layers().get(0).inputGradientRequired()).isFalse();
        byHand.namedParameters().forEach((name, p) ->
                assertThat(m.namedParameters().get(name).value().data()).as(name).containsExactly(p.value().data()));
    }

    @Test
    void stepAddsMetricsOverNonIgnoredPixels() {
        Tensor[] b = batch(2, 9);
        Module m = net(2);
        PixelMetrics metrics = new PixelMetrics(0.5);
        new TrainingStep(m, new SGD(m.namedParameters(), 0.1, 0, 0, false)).step(b[0], b[1], b[2], metrics);
        assertThat(metrics.result().pixels()).isEqualTo((long) b[2].sum());
        assertThat(metrics.result().images()).isEqualTo(2);
    }

    @Test
    void nonFiniteProbabilityLeavesTheParametersUnchanged() {
        Tensor[] b = batch(2, 3);
        b[0].setFlat(0, Float.NaN);
        Module m = net(3);
        float[] before = ParameterVectors.values(m);
        float l = new TrainingStep(m, new SGD(m.namedParameters(), 0.1, 0, 0, false)).step(b[0], b[1], b[2]);
        assertThat(Float.isFinite(l)).isFalse();
        assertThat(ParameterVectors.values(m)).containsExactly(before);
    }

    @Test
    void vectorsRoundTripAndRefuseAWrongLength() {
        Module m = net(4);
        float[] v = ParameterVectors.values(m);
        ParameterVectors.scale(v, 2f);
        ParameterVectors.loadValues(m, v);
        assertThat(ParameterVectors.values(m)).containsExactly(v);
        ParameterVectors.loadGradients(m, v);
        assertThat(ParameterVectors.gradients(m)).containsExactly(v);
        assertThatThrownBy(() -> ParameterVectors.loadValues(m, new float[3]))
                .hasMessage("ParameterVectors.loadValues: expected a vector of [" + v.length
                        + "] floats (the model's parameter count), got [3]");
    }

    @Test
    void dropoutSeedsDependOnTheSeedOnly() {
        Rng rng = new Rng(1);
        Module m = new Sequential(new Dropout(0.5f, rng), new Dropout(0.5f, rng));
        Tensor x = Tensor.full(1f, 64);
        DropoutSeeds.reseed(m, 42);
        float[] first = m.forward(x).toArray();
        m.forward(x);
        DropoutSeeds.reseed(m, 42);
        assertThat(m.forward(x).toArray()).containsExactly(first);
        DropoutSeeds.reseed(m, 43);
        assertThat(m.forward(x).toArray()).isNotEqualTo(first);
    }
}
