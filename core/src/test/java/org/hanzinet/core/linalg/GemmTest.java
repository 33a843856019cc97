package org.hanzinet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm.Threads;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GemmTest extends HanzinetTestBase {

    /** Triple loop in double precision: the reference. */
    static Tensor naive(boolean tA, boolean tB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        int m = c.size(0), n = c.size(1), k = tA ? a.size(0) : a.size(1);
        Tensor out = c.copy();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) (tA ? a.get(p, i) : a.get(i, p)) * (tB ? b.get(j, p) : b.get(p, j));
                }
                out.set((float) (alpha * s + beta * c.get(i, j)), i, j);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @CsvSource({"1,1,1", "3,7,17", "17,31,3", "5,127,7", "31,64,33"})
    void allTransposeCombinationsAndBetasMatchNaive(int m, int k, int n) {
        for (boolean tA : new boolean[] {false, true}) {
            for (boolean tB : new boolean[] {false, true}) {
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    Tensor a = tA ? randomTensor(k, m) : randomTensor(m, k);
                    Tensor b = tB ? randomTensor(n, k) : randomTensor(k, n);
                    Tensor c = randomTensor(m, n);
                    Tensor expected = naive(tA, tB, 0.75f, a, b, beta, c);
                    for (Threads threads : Threads.values()) {
                        Tensor actual = Gemm.gemm(tA, tB, 0.75f, a, b, beta, c.copy(), threads);
                        TensorAssert.assertClose("tA=" + tA + " tB=" + tB + " beta=" + beta + " " + threads,
                                actual, expected, 1e-5, 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void multiThreadedMatchesSingleThreadedAtLinearShapes() {
        // Model 2's Linear at reduced width: x [3, K] times W^T, W [20, K].
        Tensor x = randomTensor(3, 40_961);
        Tensor w = randomTensor(20, 40_961);
        Tensor single = Gemm.gemm(false, true, 1f, x, w, 0f, Tensor.zeros(3, 20), Threads.SINGLE);
        Tensor multi = Gemm.gemm(false, true, 1f, x, w, 0f, Tensor.zeros(3, 20), Threads.MULTI);
        TensorAssert.assertClose(multi, single, 1e-4, 1e-5);
    }

    @Test
    void viewsAtAnOffsetAreHandled() {
        Tensor big = randomTensor(10, 4);
        Tensor a = big.slice(3, 6); // offset 12
        Tensor b = randomTensor(4, 2);
        Tensor c = Tensor.zeros(6, 2).slice(2, 5);
        Gemm.gemm(false, false, 1f, a, b, 0f, c);
        TensorAssert.assertClose(c, naive(false, false, 1f, a, b, 0f, Tensor.zeros(3, 2)), 1e-5, 1e-5);
    }

    @Test
    void emptyInnerDimensionScalesCAndBetaZeroClearsNaN() {
        // k = 0: alpha * A B is zero; beta 0 ignores C's old contents, NaN included, as in BLAS
        Tensor c = Tensor.full(Float.NaN, 2, 3);
        Gemm.gemm(false, false, 1f, Tensor.zeros(2, 0), Tensor.zeros(0, 3), 0f, c);
        assertThat(c.toArray()).containsOnly(0f);
        Tensor d = Tensor.full(2f, 2, 3);
        Gemm.gemm(true, false, 1f, Tensor.zeros(0, 2), Tensor.zeros(0, 3), 0.5f, d);
        assertThat(d.toArray()).containsOnly(1f);
    }

    @Test
    void mismatchedShapesNameBothOperands() {
        assertThatThrownBy(() -> Gemm.gemm(false, true, 1f, Tensor.zeros(5, 7), Tensor.zeros(3, 8), 0f,
                Tensor.zeros(5, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 7] x [3, 8]^T");
        Tensor a = Tensor.zeros(2, 2);
        assertThatThrownBy(() -> Gemm.gemm(false, false, 1f, a, Tensor.zeros(2, 2), 0f, a))
                .hasMessageContaining("share storage");
    }

    @Test
    void referenceModelTwoLinearShape() {
        // (3 x 524,288) x (524,288 x 20): model 2's Linear at 2048 x 2048, weight stored [20, 524288].
        Tensor x = Tensor.full(0.5f, 3, 524_288);
        Tensor w = Tensor.full(0.25f, 20, 524_288);
        Tensor y = Gemm.gemm(false, true, 1f, x, w, 0f, Tensor.zeros(3, 20));
        assertThat(y.get(2, 19)).isCloseTo(524_288 * 0.125f, org.assertj.core.data.Percentage.withPercentage(1e-3));
    }
}
