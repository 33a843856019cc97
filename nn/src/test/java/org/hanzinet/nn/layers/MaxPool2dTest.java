package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaxPool2dTest extends HanzinetTestBase {

    private Tensor withoutNearTies(int... shape) {
        return DistinctValues.withoutNearTies(rng, shape);
    }

    @Test
    void gradientCheckNonOverlappingAndOverlapping() {
        GradientCheck.check(new MaxPool2d(2, 2), withoutNearTies(2, 3, 7, 6), rng);
        GradientCheck.check(new MaxPool2d(3, 2), withoutNearTies(1, 2, 7, 9), rng);
    }

    @Test
    void outputSizeIsFloored() {
        assertThat(new MaxPool2d(2, 2).forward(Tensor.zeros(1, 3, 2044, 2045)).shape()).containsExactly(1, 3, 1022, 1022);
        assertThat(new MaxPool2d(3, 2).forward(Tensor.zeros(2, 1, 8, 3)).shape()).containsExactly(2, 1, 3, 1);
    }

    @Test
    void firstMaximumWinsTiesAndTheLastNaNTakesTheWindow() {
        // torch: F.max_pool2d(x, 2, 2, return_indices=True) with x below gives
        // values [[3, nan], [5, 1]] and indices [[1, 7], [8, 10]].
        float nan = Float.NaN;
        Tensor x = Tensor.of(new float[] {1, 3, 3, 0, 3, 2, nan, nan, 5, 5, 1, 1, 5, 5, 1, 1}, 1, 1, 4, 4);
        MaxPool2d pool = new MaxPool2d(2, 2);
        assertThat(pool.forward(x).toArray()).containsExactly(3f, nan, 5f, 1f);
        Tensor g = pool.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        float[] expected = new float[16];
        expected[1] = 1;
        expected[7] = 2;
        expected[8] = 3;
        expected[10] = 4;
        assertThat(g.toArray()).containsExactly(expected);
    }

    @Test
    void overlappingWindowsAddTheirGradients() {
        // torch: x (5x5 below), y, i = F.max_pool2d(x, 3, 2, return_indices=True): y all 4, i = [0, 2, 17, 13];
        // y.backward([[1, 10], [100, 1000]]) -> grad 1 at 0, 10 at 2, 1000 at 13, 100 at 17.
        Tensor x = Tensor.of(new float[] {4, 1, 4, 0, 2, 0, 4, 3, 3, 1, 2, 2, 1, 4, 4, 0, 1, 4, 0, 1, 3, 3, 0, 2, 4},
                1, 1, 5, 5);
        MaxPool2d pool = new MaxPool2d(3, 2);
        assertThat(pool.forward(x).toArray()).containsExactly(4f, 4f, 4f, 4f);
        Tensor g = pool.backward(Tensor.of(new float[] {1, 10, 100, 1000}, 1, 1, 2, 2));
        float[] expected = new float[25];
        expected[0] = 1;
        expected[2] = 10;
        expected[13] = 1000;
        expected[17] = 100;
        assertThat(g.toArray()).containsExactly(expected);
        // A second backward starts from zero again (the buffer is cleared, not accumulated).
        assertThat(pool.backward(Tensor.of(new float[] {1, 10, 100, 1000}, 1, 1, 2, 2)).toArray()).containsExactly(expected);
    }

    @Test
    void allMinusInfinityPicksTheWindowStart() {
        Tensor x = Tensor.full(Float.NEGATIVE_INFINITY, 1, 1, 2, 2);
        MaxPool2d pool = new MaxPool2d(2, 2);
        assertThat(pool.forward(x).toArray()).containsExactly(Float.NEGATIVE_INFINITY);
        assertThat(pool.backward(Tensor.full(1f, 1, 1, 1, 1)).toArray()).containsExactly(1f, 0f, 0f, 0f);
    }

    /** The PyTorch CPU loop, written plainly: [H, W] plane, returns {values..., indices...} interleaved per output. */
    private static float[][] reference(Tensor x, int k, int s) {
        int h = x.size(2);
        int w = x.size(3);
        int oh = (h - k) / s + 1;
        int ow = (w - k) / s + 1;
        int planes = x.size(0) * x.size(1);
        float[] values = new float[planes * oh * ow];
        float[] indices = new float[values.length];
        for (int p = 0, o = 0; p < planes; p++) {
            for (int r = 0; r < oh; r++) {
                for (int c = 0; c < ow; c++, o++) {
                    float max = Float.NEGATIVE_INFINITY;
                    int best = r * s * w + c * s;
                    for (int i = r * s; i < r * s + k; i++) {
                        for (int j = c * s; j < c * s + k; j++) {
                            float v = x.getFlat(p * h * w + i * w + j);
                            if (v > max || Float.isNaN(v)) {
                                max = v;
                                best = i * w + j;
                            }
                        }
                    }
                    values[o] = max;
                    indices[o] = best;
                }
            }
        }
        return new float[][] {values, indices};
    }

    /** 9 x 11: windows leave the last row and column out; 8 x 10: 2 x 2 windows tile the plane (one-pass backward). */
    @ParameterizedTest
    @CsvSource({"9, 11", "8, 10"})
    void matchesAPlainReferenceWithManyTiesNaNsInfinitiesAndSignedZeros(int h, int w) {
        int[][] configs = {{2, 2}, {3, 2}, {2, 1}, {3, 3}};
        for (int[] kc : configs) {
            Tensor x = Tensor.zeros(2, 3, h, w);
            for (int i = 0; i < x.numel(); i++) {
                int u = rng.nextInt(12);
                x.setFlat(i, u == 0 ? Float.NaN : u == 1 ? Float.NEGATIVE_INFINITY : u == 2 ? Float.POSITIVE_INFINITY
                        : u == 3 ? -0f : rng.nextInt(3) - 1);
            }
            MaxPool2d pool = new MaxPool2d(kc[0], kc[1]);
            float[][] ref = reference(x, kc[0], kc[1]);
            assertThat(pool.forward(x).toArray()).as("values k=%d s=%d", kc[0], kc[1]).containsExactly(ref[0]);
            // The arg-max shows through backward: a gradient of 1 + output index lands at its input.
            Tensor g = Tensor.zeros(pool.forward(x).shape());
            pool.backward(Tensor.full(7f, g.shape())); // leaves 7s in the reused buffer that the next must overwrite
            for (int i = 0; i < g.numel(); i++) {
                g.setFlat(i, 1 + i);
            }
            Tensor gi = pool.backward(g);
            float[] expected = new float[x.numel()];
            int planeOut = g.numel() / 6;
            for (int o = 0; o < g.numel(); o++) {
                expected[(o / planeOut) * h * w + (int) ref[1][o]] += 1 + o;
            }
            assertThat(gi.toArray()).as("gradients k=%d s=%d", kc[0], kc[1]).containsExactly(expected);
        }
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        Tensor x = randomTensor(2, 3, 130, 129);
        MaxPool2d pool = new MaxPool2d(2, 2);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor y1 = pool.forward(x).copy();
            Tensor g = randomTensor(y1.shape());
            Tensor g1 = pool.backward(g).copy();
            Parallel.setThreads(2);
            TensorAssert.assertClose(pool.forward(x), y1, 0, 0);
            TensorAssert.assertClose(pool.backward(g), g1, 0, 0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void shapeErrorsNameTheLayerAndShapes() {
        assertThatThrownBy(() -> new MaxPool2d(3, 1).forward(Tensor.zeros(1, 1, 2, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MaxPool2d").hasMessageContaining("[1, 1, 2, 5]").hasMessageContaining("H >= 3");
        assertThatThrownBy(() -> new MaxPool2d(2, 2).forward(Tensor.zeros(4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[N, C, H, W]").hasMessageContaining("[4, 4]");
        assertThatThrownBy(() -> new MaxPool2d(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel").hasMessageContaining("0");
    }
}
