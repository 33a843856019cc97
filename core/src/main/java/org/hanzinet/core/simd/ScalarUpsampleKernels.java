package org.hanzinet.core.simd;

/** The plain-Java reference of {@link UpsampleKernels}, what the vector twin is tested against (bit for bit). */
public final class ScalarUpsampleKernels implements UpsampleKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void widenX2(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float a = x[xo + i];
            float b = x[xo + i + 1];
            out[oo + 2 * i] = a * 0.75f + b * 0.25f;
            out[oo + 2 * i + 1] = a * 0.25f + b * 0.75f;
        }
    }

    @Override
    public void blend(float wa, float[] a, int ao, float wb, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] * wa + b[bo + i] * wb;
        }
    }

    @Override
    public void narrowX2Add(float k0, float k1, float[] g, int go, float[] acc, int ao, int n) {
        for (int c = 0; c < n; c++) {
            int j = go + 2 * c;
            acc[ao + c] += (k0 * g[j] + k1 * g[j + 1]) + (k1 * g[j + 2] + k0 * g[j + 3]);
        }
    }
}
