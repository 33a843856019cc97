package org.hanzinet.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API skinny-GEMM kernels. Each vector of the big operand is loaded once and used against every
 * row of the small one while it sits in a register: {@link #dotRows} keeps one accumulator per row (in
 * blocks of 4, 2, 1 rows), {@link #multAddTile} takes w four rows at a time and {@link #combineRows}
 * loops over the rows inside the vector loop. Loaded reflectively by {@link VectorizationProvider}.
 */
final class PanamaGemmKernels implements GemmKernels {
    /** Static final: C2 intrinsifies the Vector API only with a constant species (see PanamaKernels). */
    private static final VectorSpecies<Float> SP = PanamaProvider.chooseSpecies();
    private static final int LANES = SP.length();

    private final ScalarGemmKernels tail = new ScalarGemmKernels();

    PanamaGemmKernels() {}

    @Override
    public String name() {
        return "panama-" + SP.vectorBitSize();
    }

    @Override
    public int dotLanes() {
        return LANES;
    }

    @Override
    public void dotRows(float[] x, int xOff, int xStride, int rows, float[] w, int wOff, int len, float[] acc,
            int accOff) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            dot4(x, xOff + r * xStride, xStride, w, wOff, len, acc, accOff + r * LANES);
        }
        if (r + 2 <= rows) {
            dot2(x, xOff + r * xStride, xStride, w, wOff, len, acc, accOff + r * LANES);
            r += 2;
        }
        if (r < rows) {
            dot1(x, xOff + r * xStride, w, wOff, len, acc, accOff + r * LANES);
        }
    }

    /** Four rows: one load of w per four FMAs. Accumulators added into {@code acc} in place (no reduction). */
    private void dot4(float[] x, int x0, int xs, float[] w, int wOff, int len, float[] acc, int a0) {
        int x1 = x0 + xs, x2 = x1 + xs, x3 = x2 + xs;
        FloatVector s0 = FloatVector.zero(SP), s1 = s0, s2 = s0, s3 = s0;
        int bound = SP.loopBound(len);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector wv = FloatVector.fromArray(SP, w, wOff + i);
            s0 = FloatVector.fromArray(SP, x, x0 + i).fma(wv, s0);
            s1 = FloatVector.fromArray(SP, x, x1 + i).fma(wv, s1);
            s2 = FloatVector.fromArray(SP, x, x2 + i).fma(wv, s2);
            s3 = FloatVector.fromArray(SP, x, x3 + i).fma(wv, s3);
        }
        // Stores written out, not in a helper: a vector passed to a method C2 does not inline is boxed.
        if (bound > 0) {
            FloatVector.fromArray(SP, acc, a0).add(s0).intoArray(acc, a0);
            FloatVector.fromArray(SP, acc, a0 + LANES).add(s1).intoArray(acc, a0 + LANES);
            FloatVector.fromArray(SP, acc, a0 + 2 * LANES).add(s2).intoArray(acc, a0 + 2 * LANES);
            FloatVector.fromArray(SP, acc, a0 + 3 * LANES).add(s3).intoArray(acc, a0 + 3 * LANES);
        }
        for (int r = 0; r < 4; r++) {
            tailDot(x, x0 + r * xs, w, wOff, bound, len, acc, a0 + r * LANES);
        }
    }

    private void dot2(float[] x, int x0, int xs, float[] w, int wOff, int len, float[] acc, int a0) {
        int x1 = x0 + xs;
        FloatVector s0 = FloatVector.zero(SP), s1 = s0;
        int bound = SP.loopBound(len);
        for (int i = 0; i < bound; i += LANES) {
            FloatVector wv = FloatVector.fromArray(SP, w, wOff + i);
            s0 = FloatVector.fromArray(SP, x, x0 + i).fma(wv, s0);
            s1 = FloatVector.fromArray(SP, x, x1 + i).fma(wv, s1);
        }
        if (bound > 0) {
            FloatVector.fromArray(SP, acc, a0).add(s0).intoArray(acc, a0);
            FloatVector.fromArray(SP, acc, a0 + LANES).add(s1).intoArray(acc, a0 + LANES);
        }
        tailDot(x, x0, w, wOff, bound, len, acc, a0);
        tailDot(x, x1, w, wOff, bound, len, acc, a0 + LANES);
    }

    private void dot1(float[] x, int x0, float[] w, int wOff, int len, float[] acc, int a0) {
        FloatVector s0 = FloatVector.zero(SP);
        int bound = SP.loopBound(len);
        for (int i = 0; i < bound; i += LANES) {
            s0 = FloatVector.fromArray(SP, x, x0 + i).fma(FloatVector.fromArray(SP, w, wOff + i), s0);
        }
        if (bound > 0) {
            FloatVector.fromArray(SP, acc, a0).add(s0).intoArray(acc, a0);
        }
        tailDot(x, x0, w, wOff, bound, len, acc, a0);
    }

    /** Elements {@code from <= i < len} past the last whole vector, added to lane 0. */
    private static void tailDot(float[] x, int xr, float[] w, int wOff, int from, int len, float[] acc, int a0) {
        if (from == len) {
            return;
        }
        float s = 0f;
        for (int i = from; i < len; i++) {
            s += x[xr + i] * w[wOff + i];
        }
        acc[a0] += s;
    }

    @Override
    public void multAddTile(float[] a, int aOff, int aStride, int rows, int depth, float[] w, int wOff, int wStride,
            float[] y, int yOff, int yStride, int len) {
        int bound = SP.loopBound(len);
        int q = 0;
        for (; q + 4 <= depth; q += 4) {
            multAdd4(a, aOff + q, aStride, rows, w, wOff + q * wStride, wStride, y, yOff, yStride, bound);
        }
        for (; q < depth; q++) {
            multAdd1(a, aOff + q, aStride, rows, w, wOff + q * wStride, y, yOff, yStride, bound);
        }
        tail.multAddTile(a, aOff, aStride, rows, depth, w, wOff + bound, wStride, y, yOff + bound, yStride, len - bound);
    }

    /**
     * Four rows of w at once: each y vector is loaded and stored once per four FMAs (one per row, in row
     * order, the same sums as four single-row passes).
     */
    private static void multAdd4(float[] a, int a0, int aStride, int rows, float[] w, int w0, int wStride, float[] y,
            int y0, int yStride, int bound) {
        int w1 = w0 + wStride, w2 = w1 + wStride, w3 = w2 + wStride;
        for (int i = 0; i < bound; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(SP, w, w0 + i);
            FloatVector v1 = FloatVector.fromArray(SP, w, w1 + i);
            FloatVector v2 = FloatVector.fromArray(SP, w, w2 + i);
            FloatVector v3 = FloatVector.fromArray(SP, w, w3 + i);
            for (int r = 0; r < rows; r++) {
                int ar = a0 + r * aStride, yi = y0 + r * yStride + i;
                FloatVector s = FloatVector.fromArray(SP, y, yi);
                s = v0.fma(FloatVector.broadcast(SP, a[ar]), s);
                s = v1.fma(FloatVector.broadcast(SP, a[ar + 1]), s);
                s = v2.fma(FloatVector.broadcast(SP, a[ar + 2]), s);
                s = v3.fma(FloatVector.broadcast(SP, a[ar + 3]), s);
                s.intoArray(y, yi);
            }
        }
    }

    private static void multAdd1(float[] a, int a0, int aStride, int rows, float[] w, int w0, float[] y, int y0,
            int yStride, int bound) {
        for (int i = 0; i < bound; i += LANES) {
            FloatVector v0 = FloatVector.fromArray(SP, w, w0 + i);
            for (int r = 0; r < rows; r++) {
                int yi = y0 + r * yStride + i;
                v0.fma(FloatVector.broadcast(SP, a[a0 + r * aStride]), FloatVector.fromArray(SP, y, yi)).intoArray(y, yi);
            }
        }
    }

    @Override
    public void combineRows(float beta, float[] a, int aOff, float[] x, int xOff, int xStride, int rows, float[] out,
            int outOff, int len) {
        int bound = SP.loopBound(len);
        FloatVector zero = FloatVector.zero(SP);
        for (int i = 0; i < bound; i += LANES) {
            // beta == 0: the old contents are not read, so a NaN there does not leak into the result.
            FloatVector s = beta == 0f ? zero : FloatVector.fromArray(SP, out, outOff + i).mul(beta);
            for (int r = 0; r < rows; r++) {
                s = FloatVector.fromArray(SP, x, xOff + r * xStride + i).fma(FloatVector.broadcast(SP, a[aOff + r]), s);
            }
            s.intoArray(out, outOff + i);
        }
        tail.combineRows(beta, a, aOff, x, xOff + bound, xStride, rows, out, outOff + bound, len - bound);
    }
}
