package org.hanzinet.core.simd;

/**
 * Per-channel loops of batch normalisation over one contiguous plane of {@code n} floats, in a scalar
 * and a Vector API implementation. A channel of an [N, C, H, W] tensor is N such planes of H*W floats;
 * the caller merges the planes' sums in double.
 *
 * <p>The sums are taken around a {@code shift} (ideally the plane's mean), so that the sum of squares
 * does not cancel: sum((x - mean)^2) computed as sum(x^2) - n * mean^2 loses every digit when the mean
 * is large against the spread. The vector implementation accumulates in float over blocks of at most
 * {@link #BLOCK} elements and adds the blocks in double; the scalar one accumulates in double.
 */
public interface NormKernels {
    /** The longest run the vector implementation sums in float before adding into double. */
    int BLOCK = 1024;

    /** Name for logs and benchmark labels: "scalar" or "panama-256" and the like. */
    String name();

    /** out[0] = sum(x[i] - shift), out[1] = sum((x[i] - shift)^2), over n elements (overwrites out[0..1]). */
    void moments(float shift, float[] x, int xo, int n, double[] out);

    /** out[0] = sum(g[i]), out[1] = sum(g[i] * (x[i] - shift)), over n elements (overwrites out[0..1]). */
    void gradMoments(float shift, float[] g, int go, float[] x, int xo, int n, double[] out);

    /** out[i] = (x[i] - shift) * scale + bias: the normalised, affinely transformed output. */
    void normalize(float shift, float scale, float bias, float[] x, int xo, float[] out, int oo, int n);

    /**
     * out[i] = a * g[i] + b * (x[i] - shift) + c: the input gradient of batch normalisation, whose
     * per-channel coefficients the caller derives from the statistics and {@link #gradMoments}.
     */
    void normalizeBackward(float shift, float a, float b, float c, float[] g, int go, float[] x, int xo, float[] out,
            int oo, int n);
}
