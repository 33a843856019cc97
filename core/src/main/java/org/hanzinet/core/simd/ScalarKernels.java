package org.hanzinet.core.simd;

/** The plain-Java reference for every kernel: what the vectorised twin is tested against. */
public final class ScalarKernels implements VectorKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int ao, float[] b, int bo, int n) {
        // Four accumulators, as the vector path has several: keeps the rounding pattern comparable.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[ao + i] * b[bo + i];
            s1 += a[ao + i + 1] * b[bo + i + 1];
            s2 += a[ao + i + 2] * b[bo + i + 2];
            s3 += a[ao + i + 3] * b[bo + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[ao + i] * b[bo + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += alpha * x[xo + i];
        }
    }

    @Override
    public void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    @Override
    public void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = alpha * x[xo + i];
        }
    }

    @Override
    public void relu(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            out[oo + i] = v < 0 ? 0f : v;
        }
    }

    @Override
    public void reluBackward(float[] x, int xo, float[] grad, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = x[xo + i] > 0 ? grad[go + i] : 0f;
        }
    }

    @Override
    public void sigmoid(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) (1.0 / (1.0 + Math.exp(-x[xo + i])));
        }
    }

    @Override
    public void sigmoidBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = y[yo + i];
            out[oo + i] = grad[go + i] * v * (1f - v);
        }
    }

    @Override
    public void leakyRelu(float slope, float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            out[oo + i] = v > 0 ? v : v * slope;
        }
    }

    @Override
    public void leakyReluBackward(float slope, float[] s, int so, float[] grad, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float g = grad[go + i];
            out[oo + i] = s[so + i] > 0 ? g : g * slope;
        }
    }

    @Override
    public void tanh(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.tanh(x[xo + i]);
        }
    }

    @Override
    public void tanhBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = y[yo + i];
            out[oo + i] = grad[go + i] * (1f - v * v);
        }
    }
}
