package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.hanzinet.core.Tensor;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.nn.train.PixelMetrics;
import org.hanzinet.examples.train.HeapEstimate;
import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void confusionCountsLeaveIgnoredPixelsOutAndSeedAccuracyFollowsTheSeedsFormula() {
        // 1 image of 2 x 3: probs, truth, ignore (last pixel ignored).
        Tensor p = Tensor.of(new float[] {0.9f, 0.8f, 0.2f, 0.1f, 0.6f, 0.99f}, 1, 1, 2, 3);
        Tensor y = Tensor.of(new float[] {1, 0, 1, 0, 1, 0}, 1, 1, 2, 3);
        Tensor ig = Tensor.of(new float[] {0, 0, 0, 0, 0, 1}, 1, 1, 2, 3);
        PixelMetrics acc = new PixelMetrics(0.5);
        acc.add(p, y, ig);
        Metrics m = acc.result();
        assertThat(new long[] {m.truePositives(), m.falsePositives(), m.falseNegatives(), m.trueNegatives()})
                .containsExactly(2, 1, 1, 1);
        assertThat(m.pixelAccuracy()).isEqualTo(3 / 5.0);
        assertThat(m.precision()).isEqualTo(2 / 3.0);
        assertThat(m.recall()).isEqualTo(2 / 3.0);
        assertThat(m.f1()).isCloseTo(2 / 3.0, offset(1e-12));
        assertThat(m.iou()).isEqualTo(2 / 4.0);
        double bce = -(Math.log(0.9f) + Math.log(1 - 0.8f) + Math.log(0.2f) + Math.log(1 - 0.1f) + Math.log(0.6f)) / 5;
        assertThat(m.loss()).isCloseTo(bce, offset(1e-6));
        // Seed: background pixels of the labels (3, ignore not known to it) over 3 * H * W.
        assertThat(m.seedAccuracy()).isEqualTo(3 / 18.0);
    }

    @Test
    void seedProfileHeapEstimateIsLargeAndTheMessageNamesTheXmx() {
        RunConfig seed = new RunConfig(ModelKind.MODEL1, Head.BANDS_1D, "seed", "x", 2048, 51, 10, 5, OptimizerKind.SGD, 0.005, 0.9, 0.9, 0.999,
                1e-8, 0, 0.7, 0.1, 1, 2);
        HeapEstimate e = HeapEstimate.of(seed, 0);
        // 1.05 G weights x (value + gradient + momentum) alone are 12.6 GB.
        assertThat(e.totalBytes()).isGreaterThan(12_500_000_000L);
        assertThatThrownBy(() -> e.requireFits(4L << 30, "model1-1d"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not enough heap for model1-1d")
                .hasMessageContaining("the JVM has 4.00 GiB")
                .hasMessageContaining(e.recommendedXmx())
                .hasMessageContaining("parameters x (value + gradient + 1 optimiser buffers)");
    }
}
