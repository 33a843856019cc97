package org.hanzinet.core.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests: the chosen kernels (Vector API in the default run, scalar in the fallback run)
 * against the scalar reference, at awkward sizes and at non-zero offsets.
 */
class VectorKernelsTest extends HanzinetTestBase {
    private final VectorKernels fast = VectorizationProvider.get().kernels();
    private final VectorKernels ref = VectorizationProvider.scalar().kernels();

    static int[] sizes() {
        return AWKWARD_SIZES;
    }

    private float[] random(int n) {
        return randomTensor(n + 3).toArray();
    }

    private static void assertArraysClose(String op, float[] actual, float[] expected, double rtol) {
        TensorAssert.assertClose(op, Tensor.of(actual, actual.length), Tensor.of(expected, expected.length), 1e-6, rtol);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void dotMatchesScalar(int n) {
        float[] a = random(n), b = random(n);
        double exact = 0;
        for (int i = 0; i < n; i++) {
            exact += (double) a[i + 1] * b[i + 2];
        }
        // Different summation orders: both within float rounding of the exact sum.
        double tol = 1e-6 * n + 1e-6;
        assertThat((double) fast.dot(a, 1, b, 2, n)).isCloseTo(exact, org.assertj.core.data.Offset.offset(tol));
        assertThat((double) ref.dot(a, 1, b, 2, n)).isCloseTo(exact, org.assertj.core.data.Offset.offset(tol));
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void axpyMatchesScalar(int n) {
        float[] x = random(n), y1 = random(n), y2 = y1.clone();
        fast.axpy(0.37f, x, 2, y1, 1, n);
        ref.axpy(0.37f, x, 2, y2, 1, n);
        assertArraysClose("axpy", y1, y2, 1e-6);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void elementwiseMatchScalar(int n) {
        float[] a = random(n), b = random(n);
        float[] o1 = new float[n + 3], o2 = new float[n + 3];
        fast.add(a, 1, b, 3, o1, 2, n);
        ref.add(a, 1, b, 3, o2, 2, n);
        assertArraysClose("add", o1, o2, 0);
        fast.mul(a, 1, b, 3, o1, 2, n);
        ref.mul(a, 1, b, 3, o2, 2, n);
        assertArraysClose("mul", o1, o2, 0);
        fast.scale(-1.5f, a, 0, o1, 0, n);
        ref.scale(-1.5f, a, 0, o2, 0, n);
        assertArraysClose("scale", o1, o2, 0);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void activationsMatchScalar(int n) {
        float[] x = random(n), g = random(n);
        x[0] = Float.NaN;
        float[] o1 = new float[n + 3], o2 = new float[n + 3];
        fast.relu(x, 0, o1, 1, n);
        ref.relu(x, 0, o2, 1, n);
        assertArraysClose("relu", o1, o2, 0);
        fast.reluBackward(x, 1, g, 2, o1, 0, n);
        ref.reluBackward(x, 1, g, 2, o2, 0, n);
        assertArraysClose("reluBackward", o1, o2, 0);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 20; // reach the saturated tails of the sigmoid
        }
        x[0] = 0;
        fast.sigmoid(x, 0, o1, 0, n);
        ref.sigmoid(x, 0, o2, 0, n);
        assertArraysClose("sigmoid", o1, o2, 1e-5);
        float[] y = o2.clone();
        fast.sigmoidBackward(y, 0, g, 1, o1, 1, n);
        ref.sigmoidBackward(y, 0, g, 1, o2, 1, n);
        assertArraysClose("sigmoidBackward", o1, o2, 1e-6);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void leakyReluMatchesScalar(int n) {
        float[] x = random(n), g = random(n);
        x[0] = Float.NaN;
        x[1] = -0f;
        x[2] = 0f;
        float[] o1 = new float[n + 3], o2 = new float[n + 3];
        for (float slope : new float[] {0.01f, 0.2f, 0f, -0.5f}) {
            fast.leakyRelu(slope, x, 0, o1, 1, n);
            ref.leakyRelu(slope, x, 0, o2, 1, n);
            assertArraysClose("leakyRelu " + slope, o1, o2, 0);
            fast.leakyReluBackward(slope, x, 1, g, 2, o1, 0, n);
            ref.leakyReluBackward(slope, x, 1, g, 2, o2, 0, n);
            assertArraysClose("leakyReluBackward " + slope, o1, o2, 0);
        }
        ref.leakyRelu(0.1f, new float[] {-2f, 3f, Float.NaN}, 0, o2, 0, 3);
        assertThat(java.util.Arrays.copyOf(o2, 3)).containsExactly(-0.2f, 3f, Float.NaN);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void tanhMatchesScalar(int n) {
        float[] x = random(n), g = random(n);
        for (int i = 0; i < x.length; i++) {
            x[i] *= i % 3 == 0 ? 0.7f : 12f; // the polynomial range, the exp range and the saturated tails
        }
        x[0] = -0f;
        if (n > 5) {
            x[3] = 0.625f;
            x[4] = -60f;
            x[5] = 1e-6f;
        }
        float[] o1 = new float[n + 3], o2 = new float[n + 3];
        fast.tanh(x, 0, o1, 2, n);
        ref.tanh(x, 0, o2, 2, n);
        // a few ulp of the result: relative 1e-6 with an absolute floor of 1e-6 * 1e-6 near 0
        TensorAssert.assertClose("tanh", Tensor.of(o1, o1.length), Tensor.of(o2, o2.length), 1e-12, 1e-6);
        assertThat(Float.floatToRawIntBits(o1[2])).as("tanh(-0) keeps the sign").isEqualTo(Float.floatToRawIntBits(-0f));
        float[] y = o2.clone();
        fast.tanhBackward(y, 2, g, 1, o1, 0, n);
        ref.tanhBackward(y, 2, g, 1, o2, 0, n);
        assertArraysClose("tanhBackward", o1, o2, 0);
    }

    @ParameterizedTest
    @MethodSource("sizes")
    void inPlaceAliasingIsAllowed(int n) {
        float[] a = random(n), b = random(n);
        float[] expected = new float[n];
        ref.add(a, 0, b, 0, expected, 0, n);
        fast.add(a, 0, b, 0, a, 0, n);
        assertArraysClose("add in place", java.util.Arrays.copyOf(a, n), expected, 0);
    }
}
