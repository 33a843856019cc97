package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.DType;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class BatchNorm2dTest extends HanzinetTestBase {

    private BatchNorm2d withRandomState(BatchNorm2d.Config config) {
        BatchNorm2d bn = new BatchNorm2d(config);
        if (config.affine()) {
            bn.weight().value().copyFrom(randomTensor(config.numFeatures()).map(v -> v + 1.5f));
            bn.bias().value().copyFrom(randomTensor(config.numFeatures()));
        }
        if (config.trackRunningStats()) {
            bn.runningMean().copyFrom(randomTensor(config.numFeatures()));
            bn.runningVar().copyFrom(randomTensor(config.numFeatures()).map(v -> v + 1.2f));
        }
        return bn;
    }

    @Test
    void gradientCheckInTrainingThroughTheBatchStatistics() {
        GradientCheck.check(withRandomState(new BatchNorm2d.Config(3)), randomTensor(2, 3, 4, 5), rng);
        GradientCheck.check(withRandomState(new BatchNorm2d.Config(2, 1e-5, 0.1, false, true)), randomTensor(3, 2, 3, 1), rng);
    }

    @Test
    void gradientCheckInEvaluationWithRunningStatistics() {
        BatchNorm2d bn = withRandomState(new BatchNorm2d.Config(3));
        bn.eval();
        GradientCheck.check(bn, randomTensor(2, 3, 3, 4), rng);
    }

    @Test
    void gradientCheckInEvaluationWithoutRunningStatisticsUsesTheBatch() {
        BatchNorm2d bn = withRandomState(new BatchNorm2d.Config(2, 1e-5, 0.1, true, false));
        bn.eval();
        GradientCheck.check(bn, randomTensor(2, 2, 5, 3), rng);
    }

    @Test
    void trainingUpdatesRunningStatisticsWithTheUnbiasedVarianceAndEvalDoesNot() {
        BatchNorm2d bn = new BatchNorm2d(new BatchNorm2d.Config(1, 1e-5, 0.5, true, true));
        Tensor x = Tensor.of(new float[] {1f, 2f, 3f, 6f}, 2, 1, 1, 2); // mean 3, biased var 3.5, unbiased 14/3
        Tensor y = bn.forward(x);
        assertThat(bn.runningMean().getFlat(0)).isEqualTo(1.5f);
        assertThat((double) bn.runningVar().getFlat(0)).isCloseTo(0.5 + 0.5 * 14.0 / 3, within(1e-6));
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
        assertThat((double) y.getFlat(0)).isCloseTo(-2 / Math.sqrt(3.5 + 1e-5), within(1e-6));
        bn.eval();
        Tensor e = bn.forward(x);
        assertThat((double) e.getFlat(0)).isCloseTo((1 - 1.5) / Math.sqrt(bn.runningVar().getFlat(0) + 1e-5), within(1e-6));
        assertThat(bn.runningMean().getFlat(0)).isEqualTo(1.5f);
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
    }

    /** Plane means 0, 1000 and -3, spreads 1e-2: the shifted sums must still give the variance to 1e-5. */
    @Test
    void statisticsStayExactWhenTheMeanIsFarFromZeroOrJumpsBetweenPlanes() {
        int n = 3, hw = 256 * 256;
        Tensor x = Tensor.zeros(n, 2, 256, 256).uniform(rng, -0.01f, 0.01f);
        float[] offsets = {0f, 1000f, -3f};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 2; c++) {
                float off = offsets[(i + c) % 3];
                Tensor plane = x.slice(i).slice(c);
                for (int j = 0; j < hw; j++) {
                    plane.setFlat(j, plane.getFlat(j) + off);
                }
            }
        }
        BatchNorm2d bn = new BatchNorm2d(new BatchNorm2d.Config(2, 1e-5, 1.0, true, true)); // running = batch
        bn.forward(x);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    sum += x.slice(i).slice(c).getFlat(j);
                }
            }
            double mean = sum / (n * hw), m2 = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hw; j++) {
                    double d = x.slice(i).slice(c).getFlat(j) - mean;
                    m2 += d * d;
                }
            }
            assertThat((double) bn.runningMean().getFlat(c)).isCloseTo(mean, within(1e-6 * Math.abs(mean) + 1e-6));
            assertThat((double) bn.runningVar().getFlat(c)).isCloseTo(m2 / (n * hw - 1), within(1e-5 * m2 / (n * hw - 1)));
        }
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        rng = new org.hanzinet.core.Rng(7);
        BatchNorm2d one = withRandomState(new BatchNorm2d.Config(8));
        rng = new org.hanzinet.core.Rng(7);
        BatchNorm2d two = withRandomState(new BatchNorm2d.Config(8));
        Tensor x = randomTensor(4, 8, 64, 64).map(v -> v * 3 + 1);
        Tensor g = randomTensor(4, 8, 64, 64);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor y1 = one.forward(x).copy();
            Tensor g1 = one.backward(g).copy();
            Parallel.setThreads(2);
            TensorAssert.assertClose("forward", two.forward(x), y1, 0, 0);
            TensorAssert.assertClose("backward", two.backward(g), g1, 0, 0);
            TensorAssert.assertClose("weight grad", two.weight().grad(), one.weight().grad(), 0, 0);
            TensorAssert.assertClose("running var", two.runningVar(), one.runningVar(), 0, 0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void withoutInputGradientTheParameterGradientsStillAccumulate() {
        Tensor x = randomTensor(2, 3, 4, 4), g = randomTensor(2, 3, 4, 4);
        BatchNorm2d full = new BatchNorm2d(3);
        BatchNorm2d first = new BatchNorm2d(3);
        first.requireInputGradient(false);
        full.forward(x);
        full.backward(g);
        first.forward(x);
        assertThat(first.backward(g)).isNull();
        assertThat(first.weight().grad().toArray()).containsExactly(full.weight().grad().toArray());
        first.forward(x);
        first.backward(g); // accumulates, as PyTorch's .grad does
        assertThat((double) first.bias().grad().getFlat(1)).isCloseTo(2.0 * full.bias().grad().getFlat(1), within(1e-5));
    }

    @Test
    void stateFollowsPyTorchsNamesOrderAndDTypes() {
        BatchNorm2d bn = new BatchNorm2d(4);
        assertThat(bn.stateDict().keySet())
                .containsExactly("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
        assertThat(bn.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(bn.stateDict().get("num_batches_tracked").shape()).isEmpty();
        assertThat(bn.storedDTypes()).containsExactly(java.util.Map.entry("num_batches_tracked", DType.I64));
        assertThat(bn.weight().value().toArray()).containsOnly(1f);
        assertThat(bn.runningVar().toArray()).containsOnly(1f);
        BatchNorm2d bare = new BatchNorm2d(new BatchNorm2d.Config(4, 1e-5, 0.1, false, false));
        assertThat(bare.stateDict()).isEmpty();
        assertThat(bare.parameterCount()).isZero();
    }

    @Test
    void reprAndUserErrorsNameShapesAndValues() {
        assertThat(new BatchNorm2d(16)).hasToString(
                "BatchNorm2d(16, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
        assertThat(new BatchNorm2d(new BatchNorm2d.Config(2, 1e-3, null, false, true))).hasToString(
                "BatchNorm2d(2, eps=0.001, momentum=None, affine=False, track_running_stats=True)");
        BatchNorm2d bn = new BatchNorm2d(3);
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(2, 4, 5, 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[N, 3, H, W]").hasMessageContaining("[2, 4, 5, 5]");
        bn.forward(Tensor.zeros(1, 3, 2, 2));
        assertThatThrownBy(() -> bn.forward(Tensor.zeros(1, 3, 1, 1)))
                .hasMessageContaining("more than 1 value per channel").hasMessageContaining("[1, 3, 1, 1]");
        assertThatThrownBy(() -> bn.backward(Tensor.zeros(1, 3, 1, 1))).hasMessageContaining("before forward");
        assertThat(bn.numBatchesTracked()).isEqualTo(1); // the refused batch was not counted
        assertThatThrownBy(() -> new BatchNorm2d(3).backward(Tensor.zeros(1, 3, 2, 2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before forward");
        bn.forward(Tensor.zeros(2, 3, 2, 2));
        assertThatThrownBy(() -> bn.backward(Tensor.zeros(2, 3, 2, 3))).hasMessageContaining("[2, 3, 2, 3]")
                .hasMessageContaining("[2, 3, 2, 2]");
        assertThatThrownBy(() -> new BatchNorm2d.Config(0)).hasMessageContaining("num_features").hasMessageContaining("0");
        assertThatThrownBy(() -> new BatchNorm2d.Config(2, 0, 0.1, true, true)).hasMessageContaining("eps");
        assertThatThrownBy(() -> new BatchNorm2d.Config(2, 1e-5, 1.5, true, true)).hasMessageContaining("momentum")
                .hasMessageContaining("1.5");
        bn.eval();
        assertThat(bn.forward(Tensor.zeros(1, 3, 1, 1)).shape()).containsExactly(1, 3, 1, 1); // eval needs no batch
    }
}
