package org.hanzinet.core.simd;

/**
 * The plain-Java reference of {@link NormKernels}: sums in double, what the vector twin is tested against.
 * Plain multiply and add, not {@code Math.fma}, which is very slow on a CPU without FMA.
 */
public final class ScalarNormKernels implements NormKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void moments(float shift, float[] x, int xo, int n, double[] out) {
        double s1 = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double d = x[xo + i] - shift;
            s1 += d;
            s2 += d * d;
        }
        out[0] = s1;
        out[1] = s2;
    }

    @Override
    public void gradMoments(float shift, float[] g, int go, float[] x, int xo, int n, double[] out) {
        double s1 = 0, s2 = 0;
        for (int i = 0; i < n; i++) {
            double gi = g[go + i];
            s1 += gi;
            s2 += gi * (x[xo + i] - shift);
        }
        out[0] = s1;
        out[1] = s2;
    }

    @Override
    public void normalize(float shift, float scale, float bias, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (x[xo + i] - shift) * scale + bias;
        }
    }

    @Override
    public void normalizeBackward(float shift, float a, float b, float c, float[] g, int go, float[] x, int xo,
            float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a * g[go + i] + (b * (x[xo + i] - shift) + c);
        }
    }
}
