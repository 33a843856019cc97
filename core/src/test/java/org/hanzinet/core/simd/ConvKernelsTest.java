package org.hanzinet.core.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chosen convolution kernels (Vector API in the default run, scalar in the fallback run) against
 * the scalar twin, on raw arrays: row widths around the 4-vector block, 1..4 channel rows, bias or none.
 */
class ConvKernelsTest extends HanzinetTestBase {
    private final ConvKernels fast = VectorizationProvider.get().convKernels();
    private final ConvKernels ref = new ScalarConvKernels();

    private float[] random(int n) {
        return randomTensor(n).toArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 16, 17, 63, 64, 65, 127, 200})
    void correlateRowMatchesScalar(int width) {
        int[] taps = {0, 1, 2, 40, 41, 300, 301, 302, 555};
        int nTaps = taps.length;
        float[] in = random(1000 + width + 64);
        float[] w = random(4 * nTaps + 3);
        float[] bias = random(6);
        for (int rows = 1; rows <= 4; rows++) {
            float[] a = new float[4 * (width + 5) + 2];
            float[] e = new float[a.length];
            java.util.Arrays.fill(a, 7f);
            java.util.Arrays.fill(e, 7f);
            fast.correlateRow(in, 5, taps, nTaps, w, 3, rows % 2 == 0 ? bias : null, 2, rows, a, 2, width + 5, width);
            ref.correlateRow(in, 5, taps, nTaps, w, 3, rows % 2 == 0 ? bias : null, 2, rows, e, 2, width + 5, width);
            // Same tap order per element; only FMA (fast) vs multiply-add (scalar) rounding differs.
            TensorAssert.assertClose("correlateRow rows=" + rows, Tensor.of(a, a.length), Tensor.of(e, e.length), 1e-5,
                    1e-5);
        }
    }

    /** Several narrow rows at once equal the row-by-row call bit for bit, and the scalar twin to rounding. */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 17, 24, 32, 33, 48, 63, 64, 70})
    void correlateRowsMatchesRowByRow(int width) {
        int[] taps = {0, 1, 2, 90, 91, 300, 301, 302, 555};
        int nTaps = taps.length, inRowStride = width + 7, outRowStride = width + 3;
        float[] in = random(1000 + 6 * inRowStride + 64);
        float[] w = random(4 * nTaps + 3);
        float[] bias = random(6);
        for (int nRows = 1; nRows <= 5; nRows++) {
            for (int rows = 1; rows <= 4; rows++) {
                int outStride = 6 * outRowStride;
                float[] a = new float[4 * outStride + 2];
                float[] e = new float[a.length];
                float[] s = new float[a.length];
                java.util.Arrays.fill(a, 7f);
                java.util.Arrays.fill(e, 7f);
                java.util.Arrays.fill(s, 7f);
                float[] bb = rows % 2 == 0 ? bias : null;
                fast.correlateRows(in, 5, inRowStride, taps, nTaps, w, 3, bb, 2, rows, a, 2, outStride, outRowStride,
                        width, nRows);
                for (int r = 0; r < nRows; r++) {
                    fast.correlateRow(in, 5 + r * inRowStride, taps, nTaps, w, 3, bb, 2, rows, e,
                            2 + r * outRowStride, outStride, width);
                }
                ref.correlateRows(in, 5, inRowStride, taps, nTaps, w, 3, bb, 2, rows, s, 2, outStride, outRowStride,
                        width, nRows);
                String what = "correlateRows width=" + width + " nRows=" + nRows + " rows=" + rows;
                assertThat(a).as(what).containsExactly(e);
                TensorAssert.assertClose(what, Tensor.of(a, a.length), Tensor.of(s, s.length), 1e-5, 1e-5);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {16, 64, 4096})
    void correlateGradMatchesScalar(int pixels) {
        int[] taps = {0, 3, 37, 38, 500, 0, 0, 0};
        float[] in = random(600 + pixels + 64);
        float[] g = random(4 * (pixels + 10) + 64);
        for (int rows = 1; rows <= 4; rows++) {
            for (int t0 = 0; t0 < 5; t0 += 4) {
                int t1 = Math.min(5, t0 + 4);
                float[] e = random(4 * 6 + 1);
                float[] a = spread(e, fast.gradLanes());
                fast.correlateGrad(g, 3, pixels + 10, rows, in, taps, t0, t1, a, 1, 6, 0, pixels);
                ref.correlateGrad(g, 3, pixels + 10, rows, in, taps, t0, t1, e, 1, 6, 0, pixels);
                a = sumLanes(a, fast.gradLanes());
                TensorAssert.assertClose("correlateGrad rows=" + rows + " taps " + t0 + ".." + t1,
                        Tensor.of(a, a.length), Tensor.of(e, e.length), 1e-6 * Math.sqrt(pixels) * 4, 1e-5);
            }
        }
    }

    /**
     * The transposed weight-gradient block (channels in vectors) against its scalar twin: pixel ranges of any
     * length and start (1, odd, a tile and a bit), offsets into the gradient and the input, padded taps, and
     * sums added to what the buffer held. Runs at every vector width (the kernel is correct at any; the
     * convolution takes it only at 512 bits).
     */
    @ParameterizedTest
    @CsvSource({"0, 1", "3, 20", "5, 256", "0, 300", "17, 531"})
    void correlateGradTMatchesScalar(int q0, int q1) {
        int block = fast.gradTBlock() > 0 ? fast.gradTBlock() : 2 * fast.gradLanes();
        int[] taps = {0, 1, 2, 37, 38, 39, 74, 75, 76, 500, 0, 0, 11, 12, 13, 48, 49, 50, 85, 86, 87, 511, 512, 0};
        int gOff = 7 * block - 3 * block, inOff = 9;
        float[] g = random(gOff + q1 * block + 64);
        float[] in = random(inOff + 600 + q1 + 64);
        for (int t0 = 0; t0 < taps.length; t0 += ConvKernels.GRAD_T_TAPS) {
            float[] e = random(3 + 2 * ConvKernels.GRAD_T_TAPS * block);
            float[] a = e.clone();
            int dwOff = 3 + (t0 == 0 ? 0 : ConvKernels.GRAD_T_TAPS * block);
            fast.correlateGradT(g, gOff, block, in, inOff, taps, t0, a, dwOff, q0, q1);
            ref.correlateGradT(g, gOff, block, in, inOff, taps, t0, e, dwOff, q0, q1);
            TensorAssert.assertClose("correlateGradT taps " + t0 + ", pixels " + q0 + ".." + q1, Tensor.of(a, a.length),
                    Tensor.of(e, e.length), 1e-6 * Math.sqrt(q1 - q0) * 4, 1e-5);
        }
    }

    /** The Vector API kernel names the block it was written for and refuses another. */
    @ParameterizedTest
    @ValueSource(ints = {0})
    void correlateGradTBlockIsTwoVectorsAt512Bits(int unused) {
        if (!fast.name().startsWith("panama-")) {
            assertThat(fast.gradTBlock()).isZero();
            return;
        }
        assertThat(fast.gradTBlock()).isEqualTo(fast.gradLanes() >= 16 ? 2 * fast.gradLanes() : 0);
        float[] buf = new float[4096];
        int[] taps = new int[12];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fast.correlateGradT(buf, 0, 2 * fast.gradLanes() + 1,
                buf, 0, taps, 0, buf, 0, 0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("block");
    }

    /** Each value as the first of {@code lanes} partial sums (the rest zero). */
    private static float[] spread(float[] v, int lanes) {
        float[] out = new float[v.length * lanes];
        for (int i = 0; i < v.length; i++) {
            out[i * lanes] = v[i];
        }
        return out;
    }

    private static float[] sumLanes(float[] v, int lanes) {
        float[] out = new float[v.length / lanes];
        for (int i = 0; i < out.length; i++) {
            for (int l = 0; l < lanes; l++) {
                out[i] += v[i * lanes + l];
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {0})
    void tookTheVectorPathWhenRequired(int unused) {
        if (Boolean.getBoolean(VectorizationProvider.REQUIRED_PROPERTY)) {
            assertThat(fast.name()).startsWith("panama-");
        } else {
            assertThat(fast.name()).isEqualTo("scalar");
        }
    }
}
