package org.hanzinet.core.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the x2 up-sampling loops: the chosen kernels (Vector API in the default run, scalar
 * in the fallback run, 128-bit vectors in the narrow-vectors run) against the scalar reference, bit for bit,
 * at awkward sizes and offsets, and the reference against the formulas written out.
 */
class UpsampleKernelsTest extends HanzinetTestBase {
    private final UpsampleKernels fast = VectorizationProvider.get().upsampleKernels();
    private final UpsampleKernels ref = VectorizationProvider.scalar().upsampleKernels();

    /** The awkward sizes, and the U-Net's rows (16 .. 128 inputs) less the edges. */
    static IntStream sizes() {
        return IntStream.concat(IntStream.of(AWKWARD_SIZES), IntStream.of(0, 2, 13, 15, 16, 33, 125, 127));
    }

    private float[] random(int n) {
        return randomTensor(Math.max(n, 1)).toArray();
    }

    @Test
    void runsAtTheWidthThisRunAskedFor() {
        String bits = System.getProperty(VectorizationProvider.BITS_PROPERTY);
        if (bits != null && VectorizationProvider.get().isVectorized()) {
            assertThat(fast.name()).isEqualTo("panama-" + bits.trim());
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void widenMatchesTheReferenceBitForBit(int n) {
        float[] x = random(n + 4);
        float[] a = random(2 * n + 5), e = a.clone();
        fast.widenX2(x, 3, a, 2, n);
        ref.widenX2(x, 3, e, 2, n);
        assertThat(a).containsExactly(e);
        for (int i = 0; i < n; i++) {
            assertThat(e[2 + 2 * i]).isEqualTo(x[3 + i] * 0.75f + x[4 + i] * 0.25f);
            assertThat(e[3 + 2 * i]).isEqualTo(x[3 + i] * 0.25f + x[4 + i] * 0.75f);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void blendMatchesTheReferenceBitForBit(int n) {
        float[] x = random(n + 3), y = random(n + 3);
        float[] a = new float[n + 2], e = new float[n + 2];
        fast.blend(0.25f, x, 1, 0.75f, y, 3, a, 2, n);
        ref.blend(0.25f, x, 1, 0.75f, y, 3, e, 2, n);
        assertThat(a).containsExactly(e);
        for (int i = 0; i < n; i++) {
            assertThat(e[2 + i]).isEqualTo(x[1 + i] * 0.25f + y[3 + i] * 0.75f);
        }
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void narrowMatchesTheReferenceBitForBit(int n) {
        float[] g = random(2 * n + 5);
        float[] a = random(n + 3), e = a.clone(), before = a.clone();
        fast.narrowX2Add(0.1875f, 0.5625f, g, 3, a, 1, n);
        ref.narrowX2Add(0.1875f, 0.5625f, g, 3, e, 1, n);
        assertThat(a).containsExactly(e);
        for (int c = 0; c < n; c++) {
            int j = 3 + 2 * c;
            float sum = (0.1875f * g[j] + 0.5625f * g[j + 1]) + (0.5625f * g[j + 2] + 0.1875f * g[j + 3]);
            assertThat(e[1 + c]).isEqualTo(before[1 + c] + sum);
        }
        assertThat(e[0]).isEqualTo(before[0]);
        assertThat(e[n + 1]).isEqualTo(before[n + 1]);
    }

    @Test
    void nonFiniteValuesPropagateAsInTheReference() {
        int n = 40;
        float[] x = random(n + 1);
        x[7] = Float.NaN;
        x[20] = Float.POSITIVE_INFINITY;
        x[21] = -0f;
        float[] a = new float[2 * n], e = new float[2 * n];
        fast.widenX2(x, 0, a, 0, n);
        ref.widenX2(x, 0, e, 0, n);
        assertThat(a).containsExactly(e);
        float[] acc1 = new float[n], acc2 = new float[n];
        fast.narrowX2Add(0.25f, 0.75f, x, 0, acc1, 0, (n - 1) / 2);
        ref.narrowX2Add(0.25f, 0.75f, x, 0, acc2, 0, (n - 1) / 2);
        assertThat(acc1).containsExactly(acc2);
    }
}
