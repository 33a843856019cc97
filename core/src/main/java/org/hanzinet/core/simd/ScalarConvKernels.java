package org.hanzinet.core.simd;

/** Plain-loop twin of the Vector API convolution kernels: the fallback and the reference in tests. */
public final class ScalarConvKernels implements ConvKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public int gradLanes() {
        return 1;
    }

    @Override
    public int overrun() {
        return 0;
    }

    @Override
    public void correlateRow(float[] in, int inOff, int[] taps, int nTaps, float[] w, int wOff, float[] bias,
            int biasOff, int rows, float[] out, int outOff, int outStride, int width) {
        for (int j = 0; j < rows; j++) {
            float b = bias == null ? 0f : bias[biasOff + j];
            int o = outOff + j * outStride;
            for (int x = 0; x < width; x++) {
                out[o + x] = b;
            }
            // Tap-major: the same summation order per element as the vector kernel.
            for (int t = 0; t < nTaps; t++) {
                float wt = w[wOff + 4 * t + j];
                int src = inOff + taps[t];
                for (int x = 0; x < width; x++) {
                    out[o + x] += wt * in[src + x];
                }
            }
        }
    }

    @Override
    public void correlateGrad(float[] g, int gOff, int gStride, int rows, float[] in, int[] taps, int t0, int t1,
            float[] dw, int dwOff, int dwStride, int q0, int q1) {
        for (int j = 0; j < rows; j++) {
            int go = gOff + j * gStride;
            for (int t = t0; t < t1; t++) {
                int src = taps[t];
                float s = 0f;
                for (int q = q0; q < q1; q++) {
                    s += g[go + q] * in[src + q];
                }
                dw[dwOff + j * dwStride + t] += s;
            }
        }
    }

    @Override
    public void correlateGradT(float[] g, int gOff, int block, float[] in, int inOff, int[] taps, int t0, float[] dwT,
            int dwOff, int q0, int q1) {
        for (int t = t0; t < t0 + GRAD_T_TAPS; t++) {
            int src = inOff + taps[t], e = dwOff + (t - t0) * block;
            for (int j = 0; j < block; j++) {
                float s = 0f;
                for (int q = q0; q < q1; q++) {
                    s += g[gOff + q * block + j] * in[src + q];
                }
                dwT[e + j] += s;
            }
        }
    }

    @Override
    public float probe(int iterations) {
        float a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        float m = 0.999f, c = 1e-3f;
        for (int i = 0; i < iterations; i++) {
            a0 = Math.fma(a0, m, c); a1 = Math.fma(a1, m, c); a2 = Math.fma(a2, m, c); a3 = Math.fma(a3, m, c);
            a4 = Math.fma(a4, m, c); a5 = Math.fma(a5, m, c); a6 = Math.fma(a6, m, c); a7 = Math.fma(a7, m, c);
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }

    @Override
    public int probeFlopsPerIteration() {
        return 16;
    }
}
