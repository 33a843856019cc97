package org.hanzinet.core.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.ExpectedPath;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chosen skinny-GEMM kernels (Vector API in the default run, scalar in the fallback run) against
 * the scalar twin and exact sums, on raw arrays: 1..9 and 16 rows (the vector dot's 4-, 2- and 1-row
 * blocks), depths around multAddTile's blocks of 4, lengths around the vector width, offsets and row
 * strides, and the memory around each output left alone.
 */
class GemmKernelsTest extends HanzinetTestBase {
    private static final int[] ROWS = {1, 2, 3, 4, 5, 7, 9, 16};

    private final GemmKernels fast = VectorizationProvider.get().gemmKernels();
    private final GemmKernels ref = new ScalarGemmKernels();

    static int[] lengths() {
        return AWKWARD_SIZES;
    }

    private float[] random(int n) {
        return randomTensor(n).toArray();
    }

    private static Tensor of(float[] v) {
        return Tensor.of(v, v.length);
    }

    @Test
    void tookTheVectorPathWhenThisJvmShould() {
        assertThat(fast.name()).startsWith(ExpectedPath.vectorApi() ? "panama-" : "scalar");
        assertThat(fast.dotLanes()).isEqualTo(VectorizationProvider.get().vectorBitSize() / 32);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void dotRowsAddsEachRowsDotProductToItsPartialSums(int len) {
        int lanes = fast.dotLanes();
        for (int rows : ROWS) {
            int stride = len + 5;
            float[] x = random(3 + rows * stride);
            float[] w = random(2 + len);
            float[] start = random(rows); // partial sums already there: the kernel adds
            float[] a = new float[1 + rows * lanes + 2];
            float[] e = new float[1 + rows + 2];
            Arrays.fill(a, Float.NaN);
            Arrays.fill(e, Float.NaN);
            for (int r = 0; r < rows; r++) {
                Arrays.fill(a, 1 + r * lanes, 1 + (r + 1) * lanes, 0f);
                a[1 + r * lanes] = start[r];
                e[1 + r] = start[r];
            }
            fast.dotRows(x, 3, stride, rows, w, 2, len, a, 1);
            ref.dotRows(x, 3, stride, rows, w, 2, len, e, 1);
            assertThat(a[0]).as("before the partial sums").isNaN();
            assertThat(a[a.length - 1]).as("after the partial sums").isNaN();
            double tol = 1e-6 * Math.sqrt(len) * 4;
            for (int r = 0; r < rows; r++) {
                double exact = start[r];
                for (int i = 0; i < len; i++) {
                    exact += (double) x[3 + r * stride + i] * w[2 + i];
                }
                double sum = 0;
                for (int l = 0; l < lanes; l++) {
                    sum += a[1 + r * lanes + l];
                }
                assertThat(sum).as("rows=%d row %d", rows, r).isCloseTo(exact, org.assertj.core.data.Offset.offset(tol));
                assertThat((double) e[1 + r]).as("scalar rows=%d row %d", rows, r)
                        .isCloseTo(exact, org.assertj.core.data.Offset.offset(tol));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void multAddTileMatchesScalar(int len) {
        for (int rows : ROWS) {
            for (int depth : new int[] {1, 3, 4, 9}) {
                int yStride = len + 4, wStride = len + 2, aStride = depth + 3;
                float[] coef = random(1 + rows * aStride);
                float[] w = random(1 + depth * wStride);
                float[] a = random(2 + rows * yStride);
                float[] e = a.clone();
                fast.multAddTile(coef, 1, aStride, rows, depth, w, 1, wStride, a, 2, yStride, len);
                ref.multAddTile(coef, 1, aStride, rows, depth, w, 1, wStride, e, 2, yStride, len);
                // the gaps between rows are compared too: both must leave them alone
                TensorAssert.assertClose("multAddTile rows=" + rows + " depth=" + depth, of(a), of(e), 1e-6 * depth,
                        1e-6);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void multAddTileSumsInRowOrderWhateverTheDepthOfOneCall(int len) {
        int rows = 5, depth = 9;
        float[] coef = random(rows * depth), w = random(depth * len), once = random(rows * len);
        float[] rowByRow = once.clone();
        fast.multAddTile(coef, 0, depth, rows, depth, w, 0, len, once, 0, len, len);
        for (int q = 0; q < depth; q++) {
            fast.multAddTile(coef, q, depth, rows, 1, w, q * len, len, rowByRow, 0, len, len);
        }
        assertThat(java.util.Arrays.mismatch(once, rowByRow)).as("first difference").isEqualTo(-1);
    }

    @ParameterizedTest
    @MethodSource("lengths")
    void combineRowsMatchesScalarForEveryBeta(int len) {
        for (int rows : ROWS) {
            for (float beta : new float[] {0f, 1f, -0.7f}) {
                int stride = len + 3;
                float[] coef = random(2 + rows);
                float[] x = random(1 + rows * stride);
                float[] a = random(len + 4);
                a[0] = Float.NaN;
                a[len + 3] = Float.NaN;
                if (beta == 0f) {
                    Arrays.fill(a, 2, 2 + len, Float.NaN); // beta 0: old contents ignored, NaN too
                }
                float[] e = a.clone();
                fast.combineRows(beta, coef, 2, x, 1, stride, rows, a, 2, len);
                ref.combineRows(beta, coef, 2, x, 1, stride, rows, e, 2, len);
                String what = "combineRows rows=" + rows + " beta=" + beta;
                TensorAssert.assertClose(what, of(a), of(e), 1e-6 * rows, 1e-6);
                for (int i = 2; i < 2 + len; i++) {
                    assertThat(a[i]).as(what + " at " + i).isFinite();
                }
                assertThat(a[0]).isNaN();
                assertThat(a[len + 3]).isNaN();
                assertThat(a[1]).isEqualTo(e[1]);
            }
        }
    }
}
