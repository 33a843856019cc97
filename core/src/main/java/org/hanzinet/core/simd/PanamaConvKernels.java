package org.hanzinet.core.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API convolution kernels, register-blocked: the row kernel keeps 4 output channels x 4 pixel
 * vectors (16 accumulators) in registers and, per tap, loads 4 input vectors and broadcasts 4 weights
 * for 16 FMAs; the weight-gradient kernel keeps 4 output channels x 4 taps and loads 4 gradient and
 * 4 input vectors per 16 FMAs. Loaded reflectively by {@link VectorizationProvider}.
 */
final class PanamaConvKernels implements ConvKernels {
    private final VectorSpecies<Float> sp;
    private final int lanes;

    PanamaConvKernels(VectorSpecies<Float> species) {
        this.sp = species;
        this.lanes = species.length();
    }

    @Override
    public String name() {
        return "panama-" + sp.vectorBitSize();
    }

    @Override
    public int overrun() {
        return lanes;
    }

    @Override
    public void correlateRow(float[] in, int inOff, int[] taps, int nTaps, float[] w, int wOff, float[] bias,
            int biasOff, int rows, float[] out, int outOff, int outStride, int width) {
        float[] b = new float[4];
        for (int j = 0; j < rows && bias != null; j++) {
            b[j] = bias[biasOff + j];
        }
        int block = 4 * lanes;
        int x = 0;
        for (; x + block <= width; x += block) {
            block4x4(in, inOff + x, taps, nTaps, w, wOff, b, rows, out, outOff + x, outStride);
        }
        for (; x < width; x += lanes) {
            block4x1(in, inOff + x, taps, nTaps, w, wOff, b, rows, out, outOff + x, outStride,
                    Math.min(lanes, width - x));
        }
    }

    private void block4x4(float[] in, int base, int[] taps, int nTaps, float[] w, int wOff, float[] b, int rows,
            float[] out, int outOff, int outStride) {
        int l = lanes;
        FloatVector a00 = FloatVector.broadcast(sp, b[0]), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(sp, b[1]), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(sp, b[2]), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(sp, b[3]), a31 = a30, a32 = a30, a33 = a30;
        for (int t = 0; t < nTaps; t++) {
            int p = base + taps[t];
            FloatVector x0 = FloatVector.fromArray(sp, in, p);
            FloatVector x1 = FloatVector.fromArray(sp, in, p + l);
            FloatVector x2 = FloatVector.fromArray(sp, in, p + 2 * l);
            FloatVector x3 = FloatVector.fromArray(sp, in, p + 3 * l);
            int wi = wOff + 4 * t;
            FloatVector w0 = FloatVector.broadcast(sp, w[wi]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(sp, w[wi + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(sp, w[wi + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(sp, w[wi + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
        }
        store4(a00, a01, a02, a03, out, outOff);
        if (rows > 1) store4(a10, a11, a12, a13, out, outOff + outStride);
        if (rows > 2) store4(a20, a21, a22, a23, out, outOff + 2 * outStride);
        if (rows > 3) store4(a30, a31, a32, a33, out, outOff + 3 * outStride);
    }

    private void store4(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] out, int off) {
        v0.intoArray(out, off);
        v1.intoArray(out, off + lanes);
        v2.intoArray(out, off + 2 * lanes);
        v3.intoArray(out, off + 3 * lanes);
    }

    /** The row tail: one vector of {@code n <= lanes} pixels, stored under a mask. */
    private void block4x1(float[] in, int base, int[] taps, int nTaps, float[] w, int wOff, float[] b, int rows,
            float[] out, int outOff, int outStride, int n) {
        FloatVector a0 = FloatVector.broadcast(sp, b[0]);
        FloatVector a1 = FloatVector.broadcast(sp, b[1]);
        FloatVector a2 = FloatVector.broadcast(sp, b[2]);
        FloatVector a3 = FloatVector.broadcast(sp, b[3]);
        for (int t = 0; t < nTaps; t++) {
            FloatVector x0 = FloatVector.fromArray(sp, in, base + taps[t]);
            int wi = wOff + 4 * t;
            a0 = x0.fma(FloatVector.broadcast(sp, w[wi]), a0);
            a1 = x0.fma(FloatVector.broadcast(sp, w[wi + 1]), a1);
            a2 = x0.fma(FloatVector.broadcast(sp, w[wi + 2]), a2);
            a3 = x0.fma(FloatVector.broadcast(sp, w[wi + 3]), a3);
        }
        VectorMask<Float> m = sp.indexInRange(0, n);
        a0.intoArray(out, outOff, m);
        if (rows > 1) a1.intoArray(out, outOff + outStride, m);
        if (rows > 2) a2.intoArray(out, outOff + 2 * outStride, m);
        if (rows > 3) a3.intoArray(out, outOff + 3 * outStride, m);
    }

    @Override
    public void correlateGrad(float[] g, int gOff, int gStride, int rows, float[] in, int[] taps, int t0, int t1,
            float[] dw, int dwOff, int dwStride, int q0, int q1) {
        int g0 = gOff, g1 = gOff + gStride, g2 = gOff + 2 * gStride, g3 = gOff + 3 * gStride;
        int p0 = taps[t0], p1 = taps[t0 + 1], p2 = taps[t0 + 2], p3 = taps[t0 + 3];
        FloatVector a00 = FloatVector.zero(sp), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int q = q0; q < q1; q += lanes) {
            FloatVector x0 = FloatVector.fromArray(sp, in, p0 + q);
            FloatVector x1 = FloatVector.fromArray(sp, in, p1 + q);
            FloatVector x2 = FloatVector.fromArray(sp, in, p2 + q);
            FloatVector x3 = FloatVector.fromArray(sp, in, p3 + q);
            FloatVector d = FloatVector.fromArray(sp, g, g0 + q);
            a00 = d.fma(x0, a00); a01 = d.fma(x1, a01); a02 = d.fma(x2, a02); a03 = d.fma(x3, a03);
            d = FloatVector.fromArray(sp, g, g1 + q);
            a10 = d.fma(x0, a10); a11 = d.fma(x1, a11); a12 = d.fma(x2, a12); a13 = d.fma(x3, a13);
            d = FloatVector.fromArray(sp, g, g2 + q);
            a20 = d.fma(x0, a20); a21 = d.fma(x1, a21); a22 = d.fma(x2, a22); a23 = d.fma(x3, a23);
            d = FloatVector.fromArray(sp, g, g3 + q);
            a30 = d.fma(x0, a30); a31 = d.fma(x1, a31); a32 = d.fma(x2, a32); a33 = d.fma(x3, a33);
        }
        int n = t1 - t0;
        addRow(dw, dwOff + t0, n, a00, a01, a02, a03);
        if (rows > 1) addRow(dw, dwOff + dwStride + t0, n, a10, a11, a12, a13);
        if (rows > 2) addRow(dw, dwOff + 2 * dwStride + t0, n, a20, a21, a22, a23);
        if (rows > 3) addRow(dw, dwOff + 3 * dwStride + t0, n, a30, a31, a32, a33);
    }

    private static void addRow(float[] dw, int off, int n, FloatVector v0, FloatVector v1, FloatVector v2,
            FloatVector v3) {
        dw[off] += v0.reduceLanes(VectorOperators.ADD);
        if (n > 1) dw[off + 1] += v1.reduceLanes(VectorOperators.ADD);
        if (n > 2) dw[off + 2] += v2.reduceLanes(VectorOperators.ADD);
        if (n > 3) dw[off + 3] += v3.reduceLanes(VectorOperators.ADD);
    }
}
