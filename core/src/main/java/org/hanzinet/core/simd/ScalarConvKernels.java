package org.hanzinet.core.simd;

/** Plain-loop twin of the Vector API convolution kernels: the fallback and the reference in tests. */
public final class ScalarConvKernels implements ConvKernels {

    @Override
    public String name() {
        return "scalar";
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
}
