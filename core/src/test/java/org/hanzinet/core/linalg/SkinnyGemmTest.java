package org.hanzinet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm.Path;
import org.hanzinet.core.linalg.Gemm.Threads;
import org.hanzinet.core.simd.GemmKernels;
import org.hanzinet.core.simd.ScalarGemmKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.core.testing.ExpectedPath;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the skinny path against a double-precision reference and against EJML, for the
 * three products of a Linear layer at awkward batches (1 .. 17), input widths (1 .. 20,003, within,
 * across and exactly on tile boundaries) and output widths (1, 3, 253); alpha and beta 0 (with NaN in
 * C), 1 and other; views at offsets; 1 thread against 2 and 3 (bit-identical); Vector API kernels
 * against scalar ones.
 */
class SkinnyGemmTest extends HanzinetTestBase {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The three products of Linear(in -> out) at batch N: which operand is which, and the transposes. */
    enum Op {
        FORWARD(false, true), // y[N, out] = x[N, in] W[out, in]^T
        INPUT_GRAD(false, false), // dx[N, in] = dy[N, out] W[out, in]
        WEIGHT_GRAD(true, false); // dW[out, in] = dy[N, out]^T x[N, in]

        final boolean transA;
        final boolean transB;

        Op(boolean transA, boolean transB) {
            this.transA = transA;
            this.transB = transB;
        }

        int[][] shapes(int batch, int in, int out) { // A, B, C
            return switch (this) {
                case FORWARD -> new int[][] {{batch, in}, {out, in}, {batch, out}};
                case INPUT_GRAD -> new int[][] {{batch, out}, {out, in}, {batch, in}};
                case WEIGHT_GRAD -> new int[][] {{batch, out}, {batch, in}, {out, in}};
            };
        }
    }

    /** batch, in, out. */
    static Stream<Arguments> shapes() {
        int tile5 = SkinnyGemm.tileLength(5);
        return Stream.of(
                Arguments.of(1, 1, 1),
                Arguments.of(3, 3, 3),
                Arguments.of(5, 17, 253),
                Arguments.of(7, 31, 1),
                Arguments.of(16, 127, 3),
                Arguments.of(1, 4097, 3),
                Arguments.of(5, 4097, 253),
                Arguments.of(3, 20_003, 3), // several tiles and a tail
                Arguments.of(16, 20_003, 17),
                Arguments.of(5, 2 * tile5, 7), // exactly two tiles
                Arguments.of(17, 127, 253), // past MAX_BATCH: AUTO takes EJML, SKINNY forced is still right
                Arguments.of(17, 4097, 3));
    }

    /** C = alpha op(A) op(B) + beta C in double, beta 0 ignoring C. */
    static Tensor reference(boolean tA, boolean tB, float alpha, Tensor a, Tensor b, float beta, Tensor c) {
        int m = c.size(0), n = c.size(1), k = tA ? a.size(0) : a.size(1);
        float[] ad = a.toArray(), bd = b.toArray(), cd = c.toArray();
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (double) (tA ? ad[p * m + i] : ad[i * k + p]) * (tB ? bd[j * k + p] : bd[p * n + j]);
                }
                out[i * n + j] = (float) (alpha * s + (beta == 0f ? 0 : (double) beta * cd[i * n + j]));
            }
        }
        return Tensor.of(out, m, n);
    }

    private Tensor[] operands(Op op, int batch, int in, int out, float beta) {
        int[][] s = op.shapes(batch, in, out);
        Tensor c = beta == 0f ? Tensor.full(Float.NaN, s[2]) : randomTensor(s[2]);
        return new Tensor[] {randomTensor(s[0]), randomTensor(s[1]), c};
    }

    private static Tensor skinny(GemmKernels kernels, Op op, float alpha, Tensor[] t, float beta) {
        Tensor c = t[2].copy();
        SkinnyGemm.gemm(kernels, op.transA, op.transB, alpha, t[0], t[1], beta, c, Threads.MULTI);
        return c;
    }

    @ParameterizedTest(name = "batch={0} in={1} out={2}")
    @MethodSource("shapes")
    void skinnyAndEjmlMatchTheReference(int batch, int in, int out) {
        for (Op op : Op.values()) {
            for (float[] ab : new float[][] {{1f, 1f}, {0.75f, 0f}, {-2f, -0.7f}}) {
                float alpha = ab[0], beta = ab[1];
                Tensor[] t = operands(op, batch, in, out, beta);
                int k = op.transA ? t[0].size(0) : t[0].size(1);
                Tensor expected = reference(op.transA, op.transB, alpha, t[0], t[1], beta, t[2]);
                String what = op + " alpha=" + alpha + " beta=" + beta;
                double atol = 2e-7 * k + 1e-6; // float sums of k terms of size <= 1, in different orders
                for (Path path : Path.values()) {
                    Tensor c = Gemm.gemm(op.transA, op.transB, alpha, t[0], t[1], beta, t[2].copy(), Threads.MULTI, path);
                    TensorAssert.assertClose(what + " " + path, c, expected, atol, 1e-5);
                }
                TensorAssert.assertClose(what + " skinny/scalar", skinny(new ScalarGemmKernels(), op, alpha, t, beta),
                        expected, atol, 1e-5);
            }
        }
    }

    @ParameterizedTest(name = "batch={0} in={1} out={2}")
    @MethodSource("shapes")
    void vectorKernelsMatchScalarKernels(int batch, int in, int out) {
        GemmKernels fast = VectorizationProvider.get().gemmKernels();
        for (Op op : Op.values()) {
            Tensor[] t = operands(op, batch, in, out, 0.5f);
            int k = op.transA ? batch : t[0].size(1);
            TensorAssert.assertClose(op + " " + fast.name() + " vs scalar", skinny(fast, op, 0.5f, t, 0.5f),
                    skinny(new ScalarGemmKernels(), op, 0.5f, t, 0.5f), 2e-7 * k + 1e-6, 1e-5);
        }
    }

    @Test
    void oneTwoAndThreeThreadsGiveBitIdenticalResults() {
        for (int[] s : new int[][] {{5, 20_003, 253}, {3, 4097, 3}, {16, 9000, 40}}) {
            for (Op op : Op.values()) {
                Tensor[] t = operands(op, s[0], s[1], s[2], 1f);
                Tensor single = t[2].copy();
                Gemm.gemm(op.transA, op.transB, 1f, t[0], t[1], 1f, single, Threads.SINGLE, Path.SKINNY);
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    Tensor multi = t[2].copy();
                    Gemm.gemm(op.transA, op.transB, 1f, t[0], t[1], 1f, multi, Threads.MULTI, Path.SKINNY);
                    assertBitIdentical(op + " " + java.util.Arrays.toString(s) + " on " + threads + " threads", multi,
                            single);
                }
            }
        }
    }

    @Test
    void viewsAtOffsetsAreReadAndWrittenInPlace() {
        for (Op op : Op.values()) {
            int[][] s = op.shapes(5, 4097, 7);
            Tensor[] parents = {randomTensor(3, s[0][0], s[0][1]), randomTensor(2, s[1][0], s[1][1]),
                randomTensor(3, s[2][0], s[2][1])};
            Tensor a = parents[0].slice(2), b = parents[1].slice(1), c = parents[2].slice(1);
            Tensor cCopy = c.copy();
            Tensor before = parents[2].copy();
            Gemm.gemm(op.transA, op.transB, 0.5f, a, b, -1f, c);
            Gemm.gemm(op.transA, op.transB, 0.5f, a.copy(), b.copy(), -1f, cCopy);
            assertBitIdentical(op + ": a view gives what a copy gives", c, cCopy);
            for (int i : new int[] {0, 2}) {
                assertBitIdentical(op + ": C's neighbours untouched", parents[2].slice(i), before.slice(i));
            }
        }
    }

    /** Same bits everywhere; names the first difference (AssertJ's containsExactly is quadratic on a miss). */
    private static void assertBitIdentical(String what, Tensor actual, Tensor expected) {
        float[] a = actual.toArray(), e = expected.toArray();
        int i = java.util.Arrays.mismatch(a, e);
        assertThat(i).as("%s: first difference at flat index %d: %s vs %s", what, i,
                i < 0 ? "" : a[i], i < 0 ? "" : e[i]).isEqualTo(-1);
    }

    @Test
    void autoTakesTheSkinnyPathUpToBatch16() {
        assertThat(Gemm.choose(Path.AUTO, false, true, 16, 1_000_000)).isEqualTo(Path.SKINNY);
        assertThat(Gemm.choose(Path.AUTO, false, false, 16, 253)).isEqualTo(Path.SKINNY);
        assertThat(Gemm.choose(Path.AUTO, true, false, 253, 16)).isEqualTo(Path.SKINNY);
        assertThat(Gemm.choose(Path.AUTO, false, true, 17, 1_000_000)).isEqualTo(Path.EJML);
        assertThat(Gemm.choose(Path.AUTO, false, false, 17, 253)).isEqualTo(Path.EJML);
        assertThat(Gemm.choose(Path.AUTO, true, false, 253, 17)).isEqualTo(Path.EJML);
        assertThat(Gemm.choose(Path.AUTO, true, true, 1, 1)).as("no skinny A^T B^T").isEqualTo(Path.EJML);
        assertThat(Gemm.choose(Path.EJML, false, true, 1, 1)).isEqualTo(Path.EJML);
        assertThatThrownBy(() -> Gemm.gemm(true, true, 1f, Tensor.zeros(2, 3), Tensor.zeros(4, 2), 0f,
                Tensor.zeros(3, 4), Threads.MULTI, Path.SKINNY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A^T B^T");
    }

    @Test
    void runsOnTheVectorApiKernelsWhenThisJvmShould() {
        assertThat(VectorizationProvider.get().gemmKernels().name())
                .startsWith(ExpectedPath.vectorApi() ? "panama-" : "scalar");
    }

    @Test
    void shapeErrorsStillNameTheShapes() {
        assertThatThrownBy(() -> Gemm.gemm(false, false, 1f, Tensor.zeros(5, 7), Tensor.zeros(8, 3), 0f,
                Tensor.zeros(5, 3), Threads.MULTI, Path.SKINNY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[5, 7] x [8, 3]").hasMessageContaining("expected C [5, 3]");
    }
}
