package org.hanzinet.core.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the batch-norm loops: the chosen kernels (Vector API in the default run,
 * scalar in the fallback run) against the scalar reference at awkward sizes and offsets, and both
 * against exact sums on a plane far from zero, where a naive sum of squares cancels.
 */
class NormKernelsTest extends HanzinetTestBase {
    private final NormKernels fast = VectorizationProvider.get().normKernels();
    private final NormKernels ref = VectorizationProvider.scalar().normKernels();

    static int[] sizes() {
        int[] s = java.util.Arrays.copyOf(AWKWARD_SIZES, AWKWARD_SIZES.length + 2);
        s[s.length - 2] = 2 * NormKernels.BLOCK + 17; // several blocks and a tail
        s[s.length - 1] = 256 * 256;
        return s;
    }

    private float[] random(int n, float offset) {
        float[] a = randomTensor(n + 3).toArray();
        for (int i = 0; i < a.length; i++) {
            a[i] += offset;
        }
        return a;
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void momentsMatchTheScalarReferenceAndTheExactSums(int n) {
        float[] x = random(n, 1000f); // mean 1000, spread 0.58: sum(x^2) - n mean^2 would cancel 7 digits
        float shift = x[1] + 0.25f;
        double[] a = new double[2], e = new double[2];
        fast.moments(shift, x, 1, n, a);
        ref.moments(shift, x, 1, n, e);
        BigDecimal s1 = BigDecimal.ZERO, s2 = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal d = new BigDecimal(x[1 + i]).subtract(new BigDecimal(shift));
            s1 = s1.add(d);
            s2 = s2.add(d.multiply(d));
        }
        double scale1 = n; // |x - shift| <= 2, so sum |x - shift| <= 2n
        assertThat(e[0]).isCloseTo(s1.doubleValue(), within(1e-12 * scale1));
        assertThat(e[1]).isCloseTo(s2.doubleValue(), within(1e-12 * s2.doubleValue() + 1e-30));
        // float lanes over blocks: a few ulp of float on each block's sum
        assertThat(a[0]).isCloseTo(s1.doubleValue(), within(1e-6 * 2 * scale1));
        assertThat(a[1]).isCloseTo(s2.doubleValue(), within(1e-6 * s2.doubleValue() + 1e-30));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void gradMomentsMatchTheScalarReference(int n) {
        float[] x = random(n, -40f), g = random(n, 0f);
        float shift = -40.1f;
        double[] a = new double[2], e = new double[2];
        fast.gradMoments(shift, g, 2, x, 1, n, a);
        ref.gradMoments(shift, g, 2, x, 1, n, e);
        assertThat(a[0]).isCloseTo(e[0], within(1e-6 * n));
        assertThat(a[1]).isCloseTo(e[1], within(1e-6 * 1.2 * n));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void normalizeAndItsBackwardMatchTheScalarReference(int n) {
        float[] x = random(n, 3f), g = random(n, 0f);
        float[] o1 = new float[n + 3], o2 = new float[n + 3];
        fast.normalize(2.9f, 1.7f, -0.3f, x, 1, o1, 2, n);
        ref.normalize(2.9f, 1.7f, -0.3f, x, 1, o2, 2, n);
        assertClose("normalize", o1, o2);
        fast.normalizeBackward(2.9f, 0.8f, -0.4f, 0.05f, g, 0, x, 3, o1, 1, n);
        ref.normalizeBackward(2.9f, 0.8f, -0.4f, 0.05f, g, 0, x, 3, o2, 1, n);
        assertClose("normalizeBackward", o1, o2);
        float[] expected = new float[n];
        ref.normalize(2.9f, 1.7f, -0.3f, x, 0, expected, 0, n);
        fast.normalize(2.9f, 1.7f, -0.3f, x, 0, x, 0, n); // in place, as the eval-mode forward may be asked to
        assertClose("normalize in place", java.util.Arrays.copyOf(x, n), expected);
    }

    private static void assertClose(String op, float[] actual, float[] expected) {
        // fma against multiply-then-add: an ulp or two of the terms
        TensorAssert.assertClose(op, Tensor.of(actual, actual.length), Tensor.of(expected, expected.length), 1e-6, 1e-6);
    }
}
