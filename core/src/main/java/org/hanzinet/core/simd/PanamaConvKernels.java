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
    /**
     * Static final on purpose: C2 intrinsifies the Vector API only when the species is a compile-time
     * constant; with a species held in an instance field every vector is boxed (measured here: 2-5
     * GFLOP/s instead of ~200).
     */
    private static final VectorSpecies<Float> SP = PanamaProvider.chooseSpecies();
    private static final int LANES = SP.length();

    PanamaConvKernels() {}

    @Override
    public String name() {
        return "panama-" + SP.vectorBitSize();
    }

    @Override
    public int gradLanes() {
        return LANES;
    }

    @Override
    public int overrun() {
        return LANES;
    }

    @Override
    public void correlateRow(float[] in, int inOff, int[] taps, int nTaps, float[] w, int wOff, float[] bias,
            int biasOff, int rows, float[] out, int outOff, int outStride, int width) {
        float[] b = new float[4];
        for (int j = 0; j < rows && bias != null; j++) {
            b[j] = bias[biasOff + j];
        }
        int block = 4 * LANES;
        int x = 0;
        for (; x + block <= width; x += block) {
            block4x4(in, inOff + x, taps, nTaps, w, wOff, b, rows, out, outOff + x, outStride);
        }
        for (; x < width; x += LANES) {
            block4x1(in, inOff + x, taps, nTaps, w, wOff, b, rows, out, outOff + x, outStride,
                    Math.min(LANES, width - x));
        }
    }

    @Override
    public void correlateRows(float[] in, int inOff, int inRowStride, int[] taps, int nTaps, float[] w, int wOff,
            float[] bias, int biasOff, int rows, float[] out, int outOff, int outStride, int outRowStride, int width,
            int nRows) {
        int perRow = (width + LANES - 1) / LANES;
        if (perRow >= 4) {
            ConvKernels.super.correlateRows(in, inOff, inRowStride, taps, nTaps, w, wOff, bias, biasOff, rows, out,
                    outOff, outStride, outRowStride, width, nRows);
            return;
        }
        float[] b = new float[4];
        for (int j = 0; j < rows && bias != null; j++) {
            b[j] = bias[biasOff + j];
        }
        // The rows' pixel vectors in order, as (input offset, output offset, pixels) triples.
        int n = perRow * nRows;
        int[] vin = new int[n], vout = new int[n], vlen = new int[n];
        for (int r = 0, k = 0; r < nRows; r++) {
            for (int x = 0; x < width; x += LANES, k++) {
                vin[k] = inOff + r * inRowStride + x;
                vout[k] = outOff + r * outRowStride + x;
                vlen[k] = Math.min(LANES, width - x);
            }
        }
        int k = 0;
        for (; k + 4 <= n; k += 4) {
            blockGathered(in, vin, vout, vlen, k, taps, nTaps, w, wOff, b, rows, out, outStride);
        }
        for (; k < n; k++) {
            block4x1(in, vin[k], taps, nTaps, w, wOff, b, rows, out, vout[k], outStride, vlen[k]);
        }
    }

    /**
     * The 4 x 4 register block over four pixel vectors at unrelated offsets ({@code vin[k..k+3]}, stored
     * at {@code vout[k..k+3]} under {@code vlen} masks): four narrow rows, or two rows of two vectors.
     */
    private void blockGathered(float[] in, int[] vin, int[] vout, int[] vlen, int k, int[] taps, int nTaps, float[] w,
            int wOff, float[] b, int rows, float[] out, int outStride) {
        int i0 = vin[k], i1 = vin[k + 1], i2 = vin[k + 2], i3 = vin[k + 3];
        FloatVector a00 = FloatVector.broadcast(SP, b[0]), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(SP, b[1]), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(SP, b[2]), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(SP, b[3]), a31 = a30, a32 = a30, a33 = a30;
        for (int t = 0; t < nTaps; t++) {
            int p = taps[t];
            FloatVector x0 = FloatVector.fromArray(SP, in, i0 + p);
            FloatVector x1 = FloatVector.fromArray(SP, in, i1 + p);
            FloatVector x2 = FloatVector.fromArray(SP, in, i2 + p);
            FloatVector x3 = FloatVector.fromArray(SP, in, i3 + p);
            int wi = wOff + 4 * t;
            FloatVector w0 = FloatVector.broadcast(SP, w[wi]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(SP, w[wi + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(SP, w[wi + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(SP, w[wi + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
        }
        VectorMask<Float> m0 = SP.indexInRange(0, vlen[k]), m1 = SP.indexInRange(0, vlen[k + 1]);
        VectorMask<Float> m2 = SP.indexInRange(0, vlen[k + 2]), m3 = SP.indexInRange(0, vlen[k + 3]);
        int o0 = vout[k], o1 = vout[k + 1], o2 = vout[k + 2], o3 = vout[k + 3];
        // Stores written out, not in a helper: a vector passed to a method C2 does not inline is boxed.
        a00.intoArray(out, o0, m0); a01.intoArray(out, o1, m1); a02.intoArray(out, o2, m2); a03.intoArray(out, o3, m3);
        if (rows > 1) {
            int s = outStride;
            a10.intoArray(out, o0 + s, m0); a11.intoArray(out, o1 + s, m1);
            a12.intoArray(out, o2 + s, m2); a13.intoArray(out, o3 + s, m3);
        }
        if (rows > 2) {
            int s = 2 * outStride;
            a20.intoArray(out, o0 + s, m0); a21.intoArray(out, o1 + s, m1);
            a22.intoArray(out, o2 + s, m2); a23.intoArray(out, o3 + s, m3);
        }
        if (rows > 3) {
            int s = 3 * outStride;
            a30.intoArray(out, o0 + s, m0); a31.intoArray(out, o1 + s, m1);
            a32.intoArray(out, o2 + s, m2); a33.intoArray(out, o3 + s, m3);
        }
    }

    private void block4x4(float[] in, int base, int[] taps, int nTaps, float[] w, int wOff, float[] b, int rows,
            float[] out, int outOff, int outStride) {
        int l = LANES;
        FloatVector a00 = FloatVector.broadcast(SP, b[0]), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = FloatVector.broadcast(SP, b[1]), a11 = a10, a12 = a10, a13 = a10;
        FloatVector a20 = FloatVector.broadcast(SP, b[2]), a21 = a20, a22 = a20, a23 = a20;
        FloatVector a30 = FloatVector.broadcast(SP, b[3]), a31 = a30, a32 = a30, a33 = a30;
        for (int t = 0; t < nTaps; t++) {
            int p = base + taps[t];
            FloatVector x0 = FloatVector.fromArray(SP, in, p);
            FloatVector x1 = FloatVector.fromArray(SP, in, p + l);
            FloatVector x2 = FloatVector.fromArray(SP, in, p + 2 * l);
            FloatVector x3 = FloatVector.fromArray(SP, in, p + 3 * l);
            int wi = wOff + 4 * t;
            FloatVector w0 = FloatVector.broadcast(SP, w[wi]);
            a00 = x0.fma(w0, a00); a01 = x1.fma(w0, a01); a02 = x2.fma(w0, a02); a03 = x3.fma(w0, a03);
            FloatVector w1 = FloatVector.broadcast(SP, w[wi + 1]);
            a10 = x0.fma(w1, a10); a11 = x1.fma(w1, a11); a12 = x2.fma(w1, a12); a13 = x3.fma(w1, a13);
            FloatVector w2 = FloatVector.broadcast(SP, w[wi + 2]);
            a20 = x0.fma(w2, a20); a21 = x1.fma(w2, a21); a22 = x2.fma(w2, a22); a23 = x3.fma(w2, a23);
            FloatVector w3 = FloatVector.broadcast(SP, w[wi + 3]);
            a30 = x0.fma(w3, a30); a31 = x1.fma(w3, a31); a32 = x2.fma(w3, a32); a33 = x3.fma(w3, a33);
        }
        // Stores written out, not in a helper: a vector passed to a method C2 does not inline is boxed.
        a00.intoArray(out, outOff);
        a01.intoArray(out, outOff + l);
        a02.intoArray(out, outOff + 2 * l);
        a03.intoArray(out, outOff + 3 * l);
        if (rows > 1) {
            int o = outOff + outStride;
            a10.intoArray(out, o); a11.intoArray(out, o + l); a12.intoArray(out, o + 2 * l); a13.intoArray(out, o + 3 * l);
        }
        if (rows > 2) {
            int o = outOff + 2 * outStride;
            a20.intoArray(out, o); a21.intoArray(out, o + l); a22.intoArray(out, o + 2 * l); a23.intoArray(out, o + 3 * l);
        }
        if (rows > 3) {
            int o = outOff + 3 * outStride;
            a30.intoArray(out, o); a31.intoArray(out, o + l); a32.intoArray(out, o + 2 * l); a33.intoArray(out, o + 3 * l);
        }
    }

    /** The row tail: one vector of {@code n <= lanes} pixels, stored under a mask. */
    private void block4x1(float[] in, int base, int[] taps, int nTaps, float[] w, int wOff, float[] b, int rows,
            float[] out, int outOff, int outStride, int n) {
        FloatVector a0 = FloatVector.broadcast(SP, b[0]);
        FloatVector a1 = FloatVector.broadcast(SP, b[1]);
        FloatVector a2 = FloatVector.broadcast(SP, b[2]);
        FloatVector a3 = FloatVector.broadcast(SP, b[3]);
        for (int t = 0; t < nTaps; t++) {
            FloatVector x0 = FloatVector.fromArray(SP, in, base + taps[t]);
            int wi = wOff + 4 * t;
            a0 = x0.fma(FloatVector.broadcast(SP, w[wi]), a0);
            a1 = x0.fma(FloatVector.broadcast(SP, w[wi + 1]), a1);
            a2 = x0.fma(FloatVector.broadcast(SP, w[wi + 2]), a2);
            a3 = x0.fma(FloatVector.broadcast(SP, w[wi + 3]), a3);
        }
        VectorMask<Float> m = SP.indexInRange(0, n);
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
        FloatVector a00 = FloatVector.zero(SP), a01 = a00, a02 = a00, a03 = a00;
        FloatVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        FloatVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        FloatVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int q = q0; q < q1; q += LANES) {
            FloatVector x0 = FloatVector.fromArray(SP, in, p0 + q);
            FloatVector x1 = FloatVector.fromArray(SP, in, p1 + q);
            FloatVector x2 = FloatVector.fromArray(SP, in, p2 + q);
            FloatVector x3 = FloatVector.fromArray(SP, in, p3 + q);
            FloatVector d = FloatVector.fromArray(SP, g, g0 + q);
            a00 = d.fma(x0, a00); a01 = d.fma(x1, a01); a02 = d.fma(x2, a02); a03 = d.fma(x3, a03);
            d = FloatVector.fromArray(SP, g, g1 + q);
            a10 = d.fma(x0, a10); a11 = d.fma(x1, a11); a12 = d.fma(x2, a12); a13 = d.fma(x3, a13);
            d = FloatVector.fromArray(SP, g, g2 + q);
            a20 = d.fma(x0, a20); a21 = d.fma(x1, a21); a22 = d.fma(x2, a22); a23 = d.fma(x3, a23);
            d = FloatVector.fromArray(SP, g, g3 + q);
            a30 = d.fma(x0, a30); a31 = d.fma(x1, a31); a32 = d.fma(x2, a32); a33 = d.fma(x3, a33);
        }
        // Vector partial sums added in place: a horizontal reduceLanes per element and call cost as much
        // as a 4096-pixel tile of FMAs.
        int n = t1 - t0;
        int e0 = (dwOff + t0) * LANES, e1 = e0 + dwStride * LANES, e2 = e1 + dwStride * LANES, e3 = e2 + dwStride * LANES;
        FloatVector.fromArray(SP, dw, e0).add(a00).intoArray(dw, e0);
        if (n > 1) FloatVector.fromArray(SP, dw, e0 + LANES).add(a01).intoArray(dw, e0 + LANES);
        if (n > 2) FloatVector.fromArray(SP, dw, e0 + 2 * LANES).add(a02).intoArray(dw, e0 + 2 * LANES);
        if (n > 3) FloatVector.fromArray(SP, dw, e0 + 3 * LANES).add(a03).intoArray(dw, e0 + 3 * LANES);
        if (rows > 1) {
            FloatVector.fromArray(SP, dw, e1).add(a10).intoArray(dw, e1);
            if (n > 1) FloatVector.fromArray(SP, dw, e1 + LANES).add(a11).intoArray(dw, e1 + LANES);
            if (n > 2) FloatVector.fromArray(SP, dw, e1 + 2 * LANES).add(a12).intoArray(dw, e1 + 2 * LANES);
            if (n > 3) FloatVector.fromArray(SP, dw, e1 + 3 * LANES).add(a13).intoArray(dw, e1 + 3 * LANES);
        }
        if (rows > 2) {
            FloatVector.fromArray(SP, dw, e2).add(a20).intoArray(dw, e2);
            if (n > 1) FloatVector.fromArray(SP, dw, e2 + LANES).add(a21).intoArray(dw, e2 + LANES);
            if (n > 2) FloatVector.fromArray(SP, dw, e2 + 2 * LANES).add(a22).intoArray(dw, e2 + 2 * LANES);
            if (n > 3) FloatVector.fromArray(SP, dw, e2 + 3 * LANES).add(a23).intoArray(dw, e2 + 3 * LANES);
        }
        if (rows > 3) {
            FloatVector.fromArray(SP, dw, e3).add(a30).intoArray(dw, e3);
            if (n > 1) FloatVector.fromArray(SP, dw, e3 + LANES).add(a31).intoArray(dw, e3 + LANES);
            if (n > 2) FloatVector.fromArray(SP, dw, e3 + 2 * LANES).add(a32).intoArray(dw, e3 + 2 * LANES);
            if (n > 3) FloatVector.fromArray(SP, dw, e3 + 3 * LANES).add(a33).intoArray(dw, e3 + 3 * LANES);
        }
    }

    /** 2 x 16 channels per block with 512-bit vectors; none narrower (see {@link ConvKernels#gradTBlock}). */
    @Override
    public int gradTBlock() {
        return LANES >= 16 ? 2 * LANES : 0;
    }

    /**
     * 2 channel vectors x 12 taps = 24 accumulators, 2 vector loads and 12 broadcasts per pixel. Measured
     * alone on one Zen 5 core with a 256-pixel tile in L1: 190-200 GFLOP/s (of 212), where the 4 x 4
     * {@link #correlateGrad} block reaches 100-145.
     */
    @Override
    public void correlateGradT(float[] g, int gOff, int block, float[] in, int inOff, int[] taps, int t0,
            float[] dwT, int dwOff, int q0, int q1) {
        if (block != 2 * LANES) {
            throw new IllegalArgumentException("correlateGradT: block " + block + " is not 2 x " + LANES + " lanes");
        }
        FloatVector z = FloatVector.zero(SP);
        FloatVector a0 = z, a1 = z, a2 = z, a3 = z, a4 = z, a5 = z, a6 = z, a7 = z, a8 = z, a9 = z, a10 = z, a11 = z;
        FloatVector b0 = z, b1 = z, b2 = z, b3 = z, b4 = z, b5 = z, b6 = z, b7 = z, b8 = z, b9 = z, b10 = z, b11 = z;
        int p0 = inOff + taps[t0], p1 = inOff + taps[t0 + 1], p2 = inOff + taps[t0 + 2], p3 = inOff + taps[t0 + 3];
        int p4 = inOff + taps[t0 + 4], p5 = inOff + taps[t0 + 5], p6 = inOff + taps[t0 + 6], p7 = inOff + taps[t0 + 7];
        int p8 = inOff + taps[t0 + 8], p9 = inOff + taps[t0 + 9], p10 = inOff + taps[t0 + 10], p11 = inOff + taps[t0 + 11];
        for (int q = q0, d = gOff + q0 * block; q < q1; q++, d += block) {
            FloatVector u = FloatVector.fromArray(SP, g, d), v = FloatVector.fromArray(SP, g, d + LANES), s;
            s = FloatVector.broadcast(SP, in[p0 + q]);
            a0 = u.fma(s, a0);
            b0 = v.fma(s, b0);
            s = FloatVector.broadcast(SP, in[p1 + q]);
            a1 = u.fma(s, a1);
            b1 = v.fma(s, b1);
            s = FloatVector.broadcast(SP, in[p2 + q]);
            a2 = u.fma(s, a2);
            b2 = v.fma(s, b2);
            s = FloatVector.broadcast(SP, in[p3 + q]);
            a3 = u.fma(s, a3);
            b3 = v.fma(s, b3);
            s = FloatVector.broadcast(SP, in[p4 + q]);
            a4 = u.fma(s, a4);
            b4 = v.fma(s, b4);
            s = FloatVector.broadcast(SP, in[p5 + q]);
            a5 = u.fma(s, a5);
            b5 = v.fma(s, b5);
            s = FloatVector.broadcast(SP, in[p6 + q]);
            a6 = u.fma(s, a6);
            b6 = v.fma(s, b6);
            s = FloatVector.broadcast(SP, in[p7 + q]);
            a7 = u.fma(s, a7);
            b7 = v.fma(s, b7);
            s = FloatVector.broadcast(SP, in[p8 + q]);
            a8 = u.fma(s, a8);
            b8 = v.fma(s, b8);
            s = FloatVector.broadcast(SP, in[p9 + q]);
            a9 = u.fma(s, a9);
            b9 = v.fma(s, b9);
            s = FloatVector.broadcast(SP, in[p10 + q]);
            a10 = u.fma(s, a10);
            b10 = v.fma(s, b10);
            s = FloatVector.broadcast(SP, in[p11 + q]);
            a11 = u.fma(s, a11);
            b11 = v.fma(s, b11);
        }
        // Stores written out, not in a helper: a vector passed to a method C2 does not inline is boxed (a helper
        // here measured 20 GFLOP/s instead of 190).
        int e = dwOff;
        FloatVector.fromArray(SP, dwT, e).add(a0).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b0).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a1).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b1).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a2).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b2).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a3).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b3).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a4).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b4).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a5).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b5).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a6).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b6).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a7).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b7).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a8).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b8).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a9).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b9).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a10).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b10).intoArray(dwT, e + LANES);
        e += block;
        FloatVector.fromArray(SP, dwT, e).add(a11).intoArray(dwT, e);
        FloatVector.fromArray(SP, dwT, e + LANES).add(b11).intoArray(dwT, e + LANES);
    }

    /** 12 independent accumulators: enough to cover the FMA latency on two pipes (4 cycles x 2 pipes). */
    @Override
    public float probe(int iterations) {
        FloatVector m = FloatVector.broadcast(SP, 0.999f), c = FloatVector.broadcast(SP, 1e-3f);
        FloatVector a0 = FloatVector.broadcast(SP, 1f), a1 = a0.add(c), a2 = a1.add(c), a3 = a2.add(c);
        FloatVector a4 = a3.add(c), a5 = a4.add(c), a6 = a5.add(c), a7 = a6.add(c);
        FloatVector a8 = a7.add(c), a9 = a8.add(c), a10 = a9.add(c), a11 = a10.add(c);
        for (int i = 0; i < iterations; i++) {
            a0 = a0.fma(m, c); a1 = a1.fma(m, c); a2 = a2.fma(m, c); a3 = a3.fma(m, c);
            a4 = a4.fma(m, c); a5 = a5.fma(m, c); a6 = a6.fma(m, c); a7 = a7.fma(m, c);
            a8 = a8.fma(m, c); a9 = a9.fma(m, c); a10 = a10.fma(m, c); a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    @Override
    public int probeFlopsPerIteration() {
        return 2 * 12 * LANES;
    }
}
