package org.hanzinet.core.simd;

/**
 * The row loops of bilinear up-sampling by exactly 2 ({@code align_corners=False}), in a scalar and a
 * Vector API implementation; the layer ({@code org.hanzinet.nn.layers.UpsampleBilinear2d}) owns the
 * edges, the rows' weights and the threading.
 *
 * <p>Along an axis of n inputs, output 2i+1 reads inputs (i, i+1) with weights (0.75, 0.25) and output
 * 2i+2 reads them with (0.25, 0.75), for i &lt; n - 1; outputs 0 and 2n - 1 are the clamped edges.
 * Both implementations multiply and add (never fuse) in the same order, so they agree bit for bit with
 * each other and with the general bilinear loop, {@code up = in[a] * w0 + in[b] * w1}.
 */
public interface UpsampleKernels {

    /** Name for logs and benchmark labels: "scalar" or "panama-512" and the like. */
    String name();

    /**
     * The interior of a row up-sampled by 2: for {@code i < n},
     * {@code out[oo + 2i] = x[xo + i] * 0.75 + x[xo + i + 1] * 0.25} and
     * {@code out[oo + 2i + 1] = x[xo + i] * 0.25 + x[xo + i + 1] * 0.75}. Reads n + 1 inputs, writes 2n
     * outputs (a row's outputs 1 .. 2n when {@code oo} points one past the row's first output).
     */
    void widenX2(float[] x, int xo, float[] out, int oo, int n);

    /** {@code out[oo + i] = a[ao + i] * wa + b[bo + i] * wb}: multiply, multiply, add, as the general loop. */
    void blend(float wa, float[] a, int ao, float wb, float[] b, int bo, float[] out, int oo, int n);

    /**
     * The transpose of {@link #widenX2} on one output-gradient row, times a row weight folded into
     * {@code k0 = wRow * 0.25} and {@code k1 = wRow * 0.75}: for {@code c < n},
     * {@code acc[ao + c] += (k0 * g[go + 2c] + k1 * g[go + 2c + 1]) + (k1 * g[go + 2c + 2] + k0 * g[go + 2c + 3])}.
     * Reads {@code g[go .. go + 2n + 1]}.
     */
    void narrowX2Add(float k0, float k1, float[] g, int go, float[] acc, int ao, int n);
}
