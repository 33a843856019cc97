package org.hanzinet.core.simd;

/**
 * Element-wise and reduction kernels on array ranges, in a scalar and a Vector API implementation.
 * Every method reads {@code n} elements starting at the given offsets; outputs may alias inputs
 * exactly (same array and offset), which the in-place tensor operations rely on.
 */
public interface VectorKernels {

    /** Name for logs and benchmark labels: "scalar" or "panama-512" and the like. */
    String name();

    /** sum over i of a[i] * b[i] */
    float dot(float[] a, int ao, float[] b, int bo, int n);

    /** y[i] += alpha * x[i] */
    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);

    /** out[i] = a[i] + b[i] */
    void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** out[i] = a[i] * b[i] */
    void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n);

    /** out[i] = alpha * x[i] */
    void scale(float alpha, float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = max(x[i], 0); NaN stays NaN, as in PyTorch. */
    void relu(float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = x[i] > 0 ? grad[i] : 0, the ReLU backward given the forward input x. */
    void reluBackward(float[] x, int xo, float[] grad, int go, float[] out, int oo, int n);

    /** out[i] = 1 / (1 + exp(-x[i])) */
    void sigmoid(float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = grad[i] * y[i] * (1 - y[i]), the sigmoid backward given the forward output y. */
    void sigmoidBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n);

    /** out[i] = x[i] > 0 ? x[i] : slope * x[i]; NaN stays NaN, as in PyTorch's leaky_relu. */
    void leakyRelu(float slope, float[] x, int xo, float[] out, int oo, int n);

    /**
     * out[i] = s[i] > 0 ? grad[i] : slope * grad[i], the leaky ReLU backward given the sign source s: the
     * forward input, or its output when slope >= 0 (then y > 0 exactly when x > 0).
     */
    void leakyReluBackward(float slope, float[] s, int so, float[] grad, int go, float[] out, int oo, int n);

    /** out[i] = tanh(x[i]) */
    void tanh(float[] x, int xo, float[] out, int oo, int n);

    /** out[i] = grad[i] * (1 - y[i] * y[i]), the tanh backward given the forward output y. */
    void tanhBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n);
}
