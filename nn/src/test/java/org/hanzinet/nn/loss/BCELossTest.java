package org.hanzinet.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BCELossTest extends HanzinetTestBase {

    private Tensor probs(int... shape) {
        return Tensor.zeros(shape).uniform(rng, 0.1f, 0.9f);
    }

    @ParameterizedTest
    @EnumSource(Reduction.class)
    void gradientCheckWithSoftTargetsAndWeights(Reduction reduction) {
        BCELoss loss = new BCELoss(new BCELoss.Config(reduction));
        Tensor target = Tensor.zeros(2, 3, 4).uniform(rng, 0f, 1f);
        GradientCheck.check(new LossModule(p -> loss.forward(p, target), loss::backward), probs(2, 3, 4), rng);
        Tensor weight = Tensor.zeros(2, 3, 4).uniform(rng, 0f, 2f);
        for (int i = 0; i < weight.numel(); i += 3) {
            weight.setFlat(i, 0f);
        }
        GradientCheck.check(new LossModule(p -> loss.forward(p, target, weight), loss::backward), probs(2, 3, 4), rng);
    }

    @Test
    void clampsTheLogAtMinus100AndMatchesPyTorchAtTheEdges() {
        // torch: p = tensor([1e-8, 0., 1., .5, 1 - 1e-7]); t = tensor([0., 1, 1, 1, 0]);
        // F.binary_cross_entropy(p, t, reduction='none') -> [0, 100, -0, 0.693147182, 15.9423847]
        // F.binary_cross_entropy(p, t) = 23.3271065; p.grad -> [0.2, -1.99999996e11, 0, -0.4, 1677721.62]
        Tensor p = Tensor.of(new float[] {1e-8f, 0f, 1f, 0.5f, (float) (1 - 1e-7)}, 5);
        Tensor t = Tensor.of(new float[] {0, 1, 1, 1, 0}, 5);
        BCELoss loss = new BCELoss();
        assertThat((double) loss.forward(p, t)).isCloseTo(23.327106475830078, within(1e-5));
        Tensor expected = Tensor.of(new float[] {0.2f, -199999995904f, 0f, -0.4f, 1677721.625f}, 5);
        TensorAssert.assertClose(loss.backward(), expected, 0, 1e-6);
        BCELoss sum = new BCELoss(new BCELoss.Config(Reduction.SUM));
        assertThat((double) sum.forward(Tensor.of(new float[] {0f}, 1), Tensor.of(new float[] {1f}, 1))).isEqualTo(100.0);
        assertThat((double) sum.forward(Tensor.of(new float[] {1f}, 1), Tensor.of(new float[] {0f}, 1))).isEqualTo(100.0);
        assertThat(sum.backward().getFlat(0)).isEqualTo(1e12f);
    }

    @Test
    void weightedMeanAsPyTorchAndOverNonIgnoredElements() {
        // torch: p = tensor([.2, .9, .6, .01]); t = tensor([0., 1, 0, 1]); w = tensor([1., 0, 2, 1]);
        // F.binary_cross_entropy(p, t, weight=w) = 1.66522384; p.grad -> [0.31249997, -0, 1.25000012, -25]
        Tensor p = Tensor.of(new float[] {0.2f, 0.9f, 0.6f, 0.01f}, 4);
        Tensor t = Tensor.of(new float[] {0, 1, 0, 1}, 4);
        Tensor w = Tensor.of(new float[] {1, 0, 2, 1}, 4);
        BCELoss mean = new BCELoss();
        assertThat((double) mean.forward(p, t, w)).isCloseTo(1.6652238368988037, within(1e-6));
        Tensor torchGrad = Tensor.of(new float[] {0.31249997f, 0f, 1.25000012f, -25f}, 4);
        TensorAssert.assertClose(mean.backward(), torchGrad, 1e-6, 1e-6);
        // The ignored element (weight 0) leaves the count: 4 elements, 3 that matter.
        BCELoss nonIgnored = new BCELoss(new BCELoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT));
        assertThat((double) nonIgnored.forward(p, t, w)).isCloseTo(1.6652238368988037 * 4 / 3, within(1e-5));
        TensorAssert.assertClose(nonIgnored.backward(), torchGrad.copy().scale(4f / 3f), 1e-6, 1e-6);
        BCELoss sum = new BCELoss(new BCELoss.Config(Reduction.SUM));
        assertThat((double) sum.forward(p, t, w)).isCloseTo(1.6652238368988037 * 4, within(1e-5));
    }

    @Test
    void everythingIgnoredGivesZeroLossAndGradient() {
        BCELoss loss = new BCELoss(new BCELoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT));
        assertThat(loss.forward(probs(3, 3), probs(3, 3), Tensor.zeros(3, 3))).isEqualTo(0f);
        assertThat(loss.backward().toArray()).containsOnly(0f);
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        Tensor p = probs(5, 70_001);
        Tensor t = probs(5, 70_001);
        BCELoss loss = new BCELoss();
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float l1 = loss.forward(p, t);
            Tensor g1 = loss.backward().copy();
            Parallel.setThreads(2);
            assertThat(loss.forward(p, t)).isEqualTo(l1);
            TensorAssert.assertClose(loss.backward(), g1, 0, 0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void errorsNameTheValueAndShapes() {
        BCELoss loss = new BCELoss();
        Tensor p = Tensor.of(new float[] {0.5f, 1.5f}, 2);
        assertThatThrownBy(() -> loss.forward(p, Tensor.zeros(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5").hasMessageContaining("index 1");
        assertThatThrownBy(() -> loss.forward(Tensor.of(new float[] {Float.NaN}, 1), Tensor.zeros(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target").hasMessageContaining("[3, 2]")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3), Tensor.zeros(2, 3), Tensor.zeros(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight");
        assertThatThrownBy(() -> new BCELoss().backward()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new BCELoss.Config(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reduction");
    }

    @Test
    void aNanOrOutOfRangeTargetAndANanWeightAreRefusedWithIndexAndValue() {
        BCELoss loss = new BCELoss();
        Tensor x = Tensor.of(new float[] {0.2f, 0.4f, 0.6f, 0.8f}, 2, 2);
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {0f, 1f, Float.NaN, 0f}, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCELoss: every target must be in [0, 1], got NaN at flat index 2 of shape [2, 2]");
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {0f, 1f, 0f, 255f}, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCELoss: every target must be in [0, 1], got 255.0 at flat index 3 of shape [2, 2]");
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {-0.5f, 1f, 0f, 1f}, 2, 2)))
                .hasMessageContaining("got -0.5 at flat index 0");
        Tensor nanWeight = Tensor.of(new float[] {1f, Float.NaN, 1f, 1f}, 2, 2);
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {0f, 1f, 0f, 1f}, 2, 2), nanWeight))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCELoss: weight is NaN at flat index 1 of shape [2, 2]");
        // Soft targets inside [0, 1] stay legal.
        assertThat(loss.forward(x, Tensor.of(new float[] {0.5f, 0.25f, 1f, 0f}, 2, 2))).isFinite();
    }
}
