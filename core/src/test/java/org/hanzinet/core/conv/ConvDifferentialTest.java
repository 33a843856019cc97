package org.hanzinet.core.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.ConvKernels;
import org.hanzinet.core.simd.ScalarConvKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential tests of the convolution implementations against the scalar reference: forward, input
 * gradient, weight and bias gradient at awkward shapes (odd sizes, stride 2 and 3, padding 0..3, rectangular kernels, strides
 * and paddings, 1..17 channels, batch 1..3, rows narrower and wider than one register block), and multi-threaded against
 * single-threaded (bit-identical: every output element is reduced by one thread in a fixed order).
 */
class ConvDifferentialTest extends HanzinetTestBase {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** batch, in, height, width, out, kernel, stride, padding (square), then rectangular ones */
    static Stream<ConvGeometry> shapes() {
        return Stream.of(
                new ConvGeometry(1, 1, 7, 9, 1, 5, 1, 0),
                new ConvGeometry(3, 3, 7, 9, 5, 5, 1, 2),
                new ConvGeometry(1, 3, 17, 31, 17, 5, 1, 2),
                new ConvGeometry(3, 1, 17, 31, 5, 5, 2, 0),
                new ConvGeometry(1, 3, 17, 31, 5, 5, 2, 2),
                new ConvGeometry(2, 3, 17, 31, 17, 3, 2, 1),
                new ConvGeometry(1, 5, 9, 7, 3, 1, 1, 0),
                new ConvGeometry(1, 2, 5, 5, 3, 5, 1, 0),
                new ConvGeometry(1, 1, 3, 3, 1, 5, 1, 1),
                new ConvGeometry(1, 3, 9, 133, 5, 5, 1, 2),
                new ConvGeometry(2, 6, 6, 150, 9, 3, 2, 3),
                new ConvGeometry(1, 16, 12, 37, 6, 5, 1, 2),
                new ConvGeometry(1, 3, 19, 70, 3, 5, 3, 0),
                // narrow rows blocked several at a time (16, 32 and 48 pixels; row counts not a multiple of the group)
                new ConvGeometry(2, 8, 13, 16, 9, 3, 1, 1),
                new ConvGeometry(1, 4, 11, 32, 5, 3, 1, 1),
                new ConvGeometry(1, 5, 7, 48, 6, 3, 1, 1),
                // rectangular: batch, in, height, width, out, kh, kw, sh, sw, ph, pw
                new ConvGeometry(2, 3, 17, 31, 5, 3, 5, 2, 1, 1, 2),
                new ConvGeometry(1, 1, 7, 3, 1, 1, 3, 1, 2, 0, 1),
                new ConvGeometry(3, 7, 9, 127, 3, 5, 1, 1, 3, 2, 0),
                new ConvGeometry(1, 17, 31, 17, 7, 2, 4, 3, 2, 1, 3),
                new ConvGeometry(2, 4, 16, 16, 3, 4, 4, 2, 2, 1, 1),
                // output channels a multiple of 32: the transposed weight gradient (several channel blocks, stride 2,
                // rectangular, and a plane large enough for two chunks of rows)
                new ConvGeometry(2, 22, 13, 21, 32, 3, 1, 1),
                new ConvGeometry(3, 8, 11, 17, 64, 5, 2, 2),
                new ConvGeometry(1, 13, 9, 23, 32, 3, 5, 1, 2, 1, 2),
                new ConvGeometry(1, 22, 70, 150, 32, 3, 1, 1));
    }

    private record Result(Tensor y, Tensor dx, Tensor dw, Tensor db) {}

    private Result run(ConvAlgorithm a, ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor dy) {
        Tensor y = Tensor.full(Float.NaN, g.outputShape());
        a.forward(g, x, w, b, y);
        Tensor dx = Tensor.full(Float.NaN, g.inputShape());
        a.backwardInput(g, dy, w, dx);
        // gradients accumulate: start from a non-zero value to prove it is added, not overwritten
        Tensor dw = Tensor.full(0.25f, g.weightShape());
        Tensor db = Tensor.full(-0.5f, g.outChannels());
        a.backwardWeight(g, x, dy, dw, db);
        return new Result(y, dx, dw, db);
    }

    private static void assertMatches(String who, ConvGeometry g, Result actual, Result expected) {
        String at = who + " " + g + ": ";
        double terms = Math.sqrt((g.inChannels() + g.outChannels()) * g.kernelH() * g.kernelW());
        TensorAssert.assertClose(at + "forward", actual.y, expected.y, 2e-6 * terms, 1e-5);
        TensorAssert.assertClose(at + "input gradient", actual.dx, expected.dx, 2e-6 * terms, 1e-5);
        double pixels = Math.sqrt((double) g.batch() * g.outHeight() * g.outWidth());
        TensorAssert.assertClose(at + "weight gradient", actual.dw, expected.dw, 2e-6 * pixels, 1e-5);
        TensorAssert.assertClose(at + "bias gradient", actual.db, expected.db, 2e-6 * pixels, 1e-5);
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void allImplementationsMatchTheReference(ConvGeometry g) {
        Tensor x = randomTensor(g.inputShape());
        Tensor w = randomTensor(g.weightShape());
        Tensor b = randomTensor(g.outChannels());
        Tensor dy = randomTensor(g.outputShape());
        Result ref = run(new ScalarConv2d(), g, x, w, b, dy);
        assertMatches("im2col", g, run(new Im2colConv2d(), g, x, w, b, dy), ref);
        assertMatches("direct/" + VectorizationProvider.get().convKernels().name(), g,
                run(new DirectConv2d(), g, x, w, b, dy), ref);
        assertMatches("direct/scalar", g, run(new DirectConv2d(new ScalarConvKernels()), g, x, w, b, dy), ref);
        assertMatches("direct/scalar, transposed weight gradient", g,
                run(new DirectConv2d(new ScalarWithGradT(8)), g, x, w, b, dy), ref);
    }

    /** The scalar kernels, offering the transposed weight gradient in blocks of {@code block} channels. */
    private record ScalarWithGradT(int block, ScalarConvKernels k) implements ConvKernels {
        ScalarWithGradT(int block) {
            this(block, new ScalarConvKernels());
        }

        @Override public String name() { return "scalar-gradT" + block; }
        @Override public int gradLanes() { return 1; }
        @Override public int overrun() { return 0; }
        @Override public int gradTBlock() { return block; }
        @Override public void correlateRow(float[] in, int inOff, int[] taps, int nTaps, float[] w, int wOff,
                float[] bias, int biasOff, int rows, float[] out, int outOff, int outStride, int width) {
            k.correlateRow(in, inOff, taps, nTaps, w, wOff, bias, biasOff, rows, out, outOff, outStride, width);
        }
        @Override public void correlateGrad(float[] g, int gOff, int gStride, int rows, float[] in, int[] taps, int t0,
                int t1, float[] dw, int dwOff, int dwStride, int q0, int q1) {
            k.correlateGrad(g, gOff, gStride, rows, in, taps, t0, t1, dw, dwOff, dwStride, q0, q1);
        }
        @Override public void correlateGradT(float[] g, int gOff, int b, float[] in, int inOff, int[] taps, int t0,
                float[] dwT, int dwOff, int q0, int q1) {
            k.correlateGradT(g, gOff, b, in, inOff, taps, t0, dwT, dwOff, q0, q1);
        }
        @Override public float probe(int iterations) { return k.probe(iterations); }
        @Override public int probeFlopsPerIteration() { return k.probeFlopsPerIteration(); }
    }

    /** With 512-bit vectors, a convolution with a multiple of 32 output channels and enough taps takes the transposed weight gradient. */
    @Test
    void theTransposedWeightGradientIsTakenWhereItIsOffered() {
        ConvGeometry g = new ConvGeometry(1, 22, 9, 9, 64, 3, 1, 1);
        DirectConv2d direct = new DirectConv2d();
        int block = VectorizationProvider.get().convKernels().gradTBlock();
        assertThat(direct.usesGradT(g)).isEqualTo(block > 0);
        if (VectorizationProvider.get().isVectorized() && VectorizationProvider.get().vectorBitSize() >= 512) {
            assertThat(block).isEqualTo(32);
        }
        assertThat(new DirectConv2d(new ScalarWithGradT(8)).usesGradT(g)).isTrue();
        // channels not a multiple of the block, or too few taps for the pixel-major copy to pay
        assertThat(new DirectConv2d(new ScalarWithGradT(8)).usesGradT(new ConvGeometry(1, 22, 9, 9, 12, 3, 1, 1))).isFalse();
        assertThat(new DirectConv2d(new ScalarWithGradT(8)).usesGradT(new ConvGeometry(1, 16, 9, 9, 64, 3, 1, 1))).isFalse();
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void twoThreadsGiveBitIdenticalResults(ConvGeometry g) {
        Tensor x = randomTensor(g.inputShape());
        Tensor w = randomTensor(g.weightShape());
        Tensor dy = randomTensor(g.outputShape());
        for (ConvImpl impl : new ConvImpl[] {ConvImpl.SCALAR, ConvImpl.DIRECT}) {
            Parallel.setThreads(1);
            Result one = run(impl.create(), g, x, w, null, dy);
            Parallel.setThreads(2);
            Result two = run(impl.create(), g, x, w, null, dy);
            assertMatches(impl + " 2 threads vs 1", g, two, one);
            assertThat(two.y.toArray()).as(impl + " forward").containsExactly(one.y.toArray());
            assertThat(two.dx.toArray()).as(impl + " input gradient").containsExactly(one.dx.toArray());
            assertThat(two.dw.toArray()).as(impl + " weight gradient").containsExactly(one.dw.toArray());
        }
    }

    @Test
    void im2colTwoThreadsCloseToOne() {
        ConvGeometry g = new ConvGeometry(2, 3, 17, 31, 17, 5, 1, 2);
        Tensor x = randomTensor(g.inputShape()), w = randomTensor(g.weightShape()), dy = randomTensor(g.outputShape());
        Parallel.setThreads(1);
        Result one = run(new Im2colConv2d(), g, x, w, null, dy);
        Parallel.setThreads(2);
        assertMatches("im2col 2 threads vs 1", g, run(new Im2colConv2d(), g, x, w, null, dy), one);
    }

    @Test
    void buffersAreReusedAcrossCallsAndShapes() {
        DirectConv2d direct = new DirectConv2d();
        ScalarConv2d ref = new ScalarConv2d();
        ConvGeometry[] seq = {new ConvGeometry(2, 3, 17, 31, 5, 5, 1, 2), new ConvGeometry(1, 3, 17, 31, 5, 5, 1, 2),
            new ConvGeometry(1, 3, 9, 13, 5, 5, 2, 0), new ConvGeometry(2, 3, 17, 31, 5, 5, 1, 2)};
        for (ConvGeometry g : seq) {
            Tensor x = randomTensor(g.inputShape()), w = randomTensor(g.weightShape()), dy = randomTensor(g.outputShape());
            assertMatches("direct reused", g, run(direct, g, x, w, null, dy), run(ref, g, x, w, null, dy));
        }
    }
}
