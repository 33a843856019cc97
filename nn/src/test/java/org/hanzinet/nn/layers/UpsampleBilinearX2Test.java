package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.layers.UpsampleBilinear2d.Config;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The x2 path of bilinear up-sampling (align_corners False) against the general loops of the same layer:
 * forward bit for bit, backward within the float summation bound of its at most 16 terms, at awkward sizes,
 * on input views at an offset, on any number of threads; and it must be the path taken where it applies.
 */
class UpsampleBilinearX2Test extends HanzinetTestBase {
    private static final int[] SIDES = {1, 2, 3, 7, 17, 31, 64};
    /** [N, C] giving N*C = 1, 3, 8 planes. */
    private static final int[][] BATCHES = {{1, 1}, {1, 3}, {2, 4}};
    /** Unit roundoff of float. */
    private static final double U = 0x1p-24;

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    static List<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (int[] nc : BATCHES) {
            for (int h : SIDES) {
                for (int w : SIDES) {
                    out.add(Arguments.of(nc[0], nc[1], h, w));
                }
            }
        }
        return out;
    }

    /** The U-Net's config, and the same up-sampling given as an output size. */
    private static Config[] timesTwoConfigs(int h, int w) {
        return new Config[] {Config.scale(2, 2, false), Config.size(2 * h, 2 * w, false)};
    }

    @ParameterizedTest(name = "[{0}, {1}, {2}, {3}]")
    @MethodSource("shapes")
    void forwardIsBitIdenticalAndBackwardWithinTheFloatSumBound(int n, int c, int h, int w) {
        for (Config config : timesTwoConfigs(h, w)) {
            UpsampleBilinear2d fast = new UpsampleBilinear2d(config);
            UpsampleBilinear2d general = new UpsampleBilinear2d(config).generalOnly();
            Tensor x = viewAtOffset(randomTensor(n, c, h, w), 5);
            Tensor y = fast.forward(x);
            assertThat(fast.tookTimesTwoPath()).as("x2 path for %s on %s", config, Shapes.toString(x.shape())).isTrue();
            assertSameBits("forward " + config, y, general.forward(x));
            assertThat(general.tookTimesTwoPath()).isFalse();
            Tensor g = viewAtOffset(randomTensor(n, c, 2 * h, 2 * w), 3);
            // copies: the layers reuse their gradient buffers, and absSum runs the general backward again
            assertWithinSumBound("backward " + config, fast.backward(g).copy(), general.backward(g).copy(),
                    absSum(general, g));
        }
    }

    @Test
    void nonFiniteAndSignedZeroValuesComeOutAsFromTheGeneralLoops() {
        for (int[] hw : new int[][] {{1, 1}, {2, 3}, {7, 17}}) {
            Config config = Config.scale(2, 2, false);
            UpsampleBilinear2d fast = new UpsampleBilinear2d(config);
            UpsampleBilinear2d general = new UpsampleBilinear2d(config).generalOnly();
            Tensor x = randomTensor(1, 2, hw[0], hw[1]);
            x.setFlat(0, Float.NaN);
            x.setFlat(x.numel() - 1, Float.POSITIVE_INFINITY);
            x.setFlat(x.numel() / 2, -0f);
            assertSameBits("forward " + Arrays.toString(hw), fast.forward(x), general.forward(x));
            // An infinite gradient at output (0, 0) meets the zero weights of inputs (0, 1), (1, 0), (1, 1): NaN
            // there in PyTorch and the general loops; the gather keeps those zero-weight terms.
            Tensor g = randomTensor(1, 2, 2 * hw[0], 2 * hw[1]);
            g.setFlat(0, Float.POSITIVE_INFINITY);
            g.setFlat(g.numel() - 1, Float.NaN);
            Tensor a = fast.backward(g);
            Tensor e = general.backward(g);
            for (int i = 0; i < a.numel(); i++) {
                float ai = a.getFlat(i);
                float ei = e.getFlat(i);
                if (!Float.isFinite(ei)) {
                    assertThat(Float.floatToIntBits(ai)).as("element %d of %s: %s, general %s", i,
                            Shapes.toString(a.shape()), ai, ei).isEqualTo(Float.floatToIntBits(ei));
                } else {
                    assertThat(Float.isFinite(ai)).as("element %d of %s: %s", i, Shapes.toString(a.shape()), ai).isTrue();
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCountEvenForOnePlane() {
        // [1, 1, 256, 256]: one plane, split over blocks of output rows and over input rows.
        for (int[] shape : new int[][] {{1, 1, 256, 256}, {2, 16, 64, 64}, {8, 3, 17, 31}}) {
            Tensor x = randomTensor(shape);
            Tensor g = randomTensor(shape[0], shape[1], 2 * shape[2], 2 * shape[3]);
            Tensor[] one = run(x, g, 1);
            for (int threads : new int[] {2, 3}) {
                Tensor[] more = run(x, g, threads);
                assertSameBits("forward on " + threads + " threads", more[0], one[0]);
                assertSameBits("backward on " + threads + " threads", more[1], one[1]);
            }
        }
    }

    private static Tensor[] run(Tensor x, Tensor g, int threads) {
        Parallel.setThreads(threads);
        UpsampleBilinear2d up = new UpsampleBilinear2d(Config.scale(2, 2, false));
        Tensor y = up.forward(x).copy();
        assertThat(up.tookTimesTwoPath()).isTrue();
        return new Tensor[] {y, up.backward(g).copy()};
    }

    @Test
    void theUNetShapesTakeTheX2Path() {
        // The U-Net's decoder on 256 x 256 images, batch 8, widths 16..256 (UNetModel.DEFAULT_WIDTHS).
        int[][] inputs = {{8, 256, 16, 16}, {8, 128, 32, 32}, {8, 64, 64, 64}, {8, 32, 128, 128}};
        for (int[] s : inputs) {
            UpsampleBilinear2d up = Config.scale(2, 2, false).build(rng);
            assertThat(up.forward(Tensor.zeros(s)).shape()).containsExactly(s[0], s[1], 2 * s[2], 2 * s[3]);
            assertThat(up.tookTimesTwoPath()).as("x2 path on %s", Shapes.toString(s)).isTrue();
        }
    }

    @Test
    void everyOtherCaseKeepsTheGeneralLoops() {
        Object[][] cases = {
            {Config.scale(2, 2, true), 5, 6},          // aligned corners
            {Config.size(10, 12, true), 5, 6},
            {Config.scale(2, 1.5, false), 5, 6},       // one axis only
            {Config.scale(1, 2, false), 5, 6},
            {Config.size(10, 13, false), 5, 6},        // not exactly twice
            {Config.size(5, 6, false), 10, 12},        // down-sampling by 2
            {Config.scale(3, 3, false), 5, 6},
            {Config.scale(2.5, 2.5, false), 4, 4},
        };
        for (Object[] k : cases) {
            UpsampleBilinear2d up = new UpsampleBilinear2d((Config) k[0]);
            up.forward(Tensor.zeros(1, 1, (int) k[1], (int) k[2]));
            assertThat(up.tookTimesTwoPath()).as("%s on %d x %d", k[0], k[1], k[2]).isFalse();
        }
    }

    @Test
    void aShapeChangeReChoosesThePath() {
        UpsampleBilinear2d up = new UpsampleBilinear2d(Config.size(8, 8, false));
        up.forward(Tensor.zeros(1, 1, 4, 4));
        assertThat(up.tookTimesTwoPath()).isTrue();
        up.forward(Tensor.zeros(1, 1, 3, 4));
        assertThat(up.tookTimesTwoPath()).isFalse();
        up.forward(Tensor.zeros(1, 1, 4, 4));
        assertThat(up.tookTimesTwoPath()).isTrue();
    }

    @Test
    void gradientChecks() {
        for (int[] s : new int[][] {{2, 2, 3, 4}, {1, 2, 1, 1}, {1, 1, 5, 2}}) {
            UpsampleBilinear2d up = new UpsampleBilinear2d(Config.scale(2, 2, false));
            GradientCheck.check(up, randomTensor(s), rng);
            assertThat(up.tookTimesTwoPath()).isTrue();
        }
        GradientCheck.check(new UpsampleBilinear2d(Config.size(14, 6, false)), randomTensor(1, 3, 7, 3), rng);
    }

    /** A copy of {@code t} inside a larger array, starting at {@code offset}. */
    private static Tensor viewAtOffset(Tensor t, int offset) {
        float[] data = new float[offset + t.numel() + 2];
        Arrays.fill(data, Float.NaN); // reading outside the view would show
        System.arraycopy(t.toArray(), 0, data, offset, t.numel());
        return Tensor.wrap(data, offset, t.shape());
    }

    /**
     * Per input, the sum of the absolute values of its gradient terms: the general backward of |g|, all
     * weights being non-negative (its own rounding is well inside the slack of the bound below).
     */
    private static Tensor absSum(UpsampleBilinear2d general, Tensor g) {
        Tensor abs = g.copy().map(Math::abs);
        return general.backward(abs).copy();
    }

    /**
     * The general loops sum an input's terms in double and round once (within u |sum|); the x2 path sums at
     * most 16 non-zero terms in float, in any order within 15 u of their absolute sum. So the two differ by
     * at most 16 u sum|terms|; 17 u leaves room for second-order terms and the rounding of absSum.
     */
    private static void assertWithinSumBound(String what, Tensor actual, Tensor expected, Tensor absSum) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        for (int i = 0; i < actual.numel(); i++) {
            double bound = 17 * U * absSum.getFlat(i);
            double diff = Math.abs((double) actual.getFlat(i) - expected.getFlat(i));
            if (!(diff <= bound)) {
                throw new AssertionError(what + " on " + Shapes.toString(actual.shape()) + ": element " + i + " is "
                        + actual.getFlat(i) + ", general " + expected.getFlat(i) + ", |diff| " + diff + " > " + bound);
            }
        }
    }

    private static void assertSameBits(String what, Tensor actual, Tensor expected) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        for (int i = 0; i < actual.numel(); i++) {
            if (Float.floatToIntBits(actual.getFlat(i)) != Float.floatToIntBits(expected.getFlat(i))) {
                throw new AssertionError(what + " on " + Shapes.toString(actual.shape()) + ": element " + i + " is "
                        + actual.getFlat(i) + ", expected " + expected.getFlat(i) + " bit for bit");
            }
        }
    }
}
