package org.hanzinet.core.simd;

/**
 * The inner loops of the direct convolution, on flat zero-padded planes, in a scalar and a Vector API
 * implementation. The orchestration (padding, weight packing, threading, strides) lives in
 * {@code org.hanzinet.core.conv.DirectConv2d}; these methods only multiply and add.
 *
 * <p>A "tap" is one (input channel, ky, kx) position of the kernel, given as the offset of its first
 * element in the padded input: {@code c * planeSize + ky * rowStride + kx}. Weights are packed four
 * output channels at a time, {@code w[wOff + 4 * t + j]} for tap {@code t} and channel {@code j}, so the
 * kernels can keep four output channels times several pixel vectors in registers.
 *
 * <p>Both methods read past the last pixel they compute (up to one vector block, {@link #overrun()}
 * floats): callers leave that much zero slack at the end of their buffers. The reduction order of every
 * output element is fixed by the tap order, whatever the caller's pixel range, so splitting the pixels
 * across threads gives bit-identical results.
 */
public interface ConvKernels {

    /** Name for logs and benchmark labels: "scalar" or "panama-512" and the like. */
    String name();

    /** Partial sums kept per weight-gradient element by {@link #correlateGrad} (the vector width; 1 when scalar). */
    int gradLanes();

    /** Floats read beyond the computed range (slack the caller must provide after its buffers). */
    int overrun();

    /**
     * One output row of up to four channels:
     * {@code out[outOff + j * outStride + x] = bias[biasOff + j] + sum_t w[wOff + 4t + j] * in[inOff + taps[t] + x]}
     * for {@code j < rows} and {@code x < width}. {@code bias} may be null (zero).
     */
    void correlateRow(float[] in, int inOff, int[] taps, int nTaps, float[] w, int wOff, float[] bias, int biasOff,
            int rows, float[] out, int outOff, int outStride, int width);

    /**
     * {@code nRows} output rows of up to four channels at once, for rows narrower than the row kernel's
     * pixel block: output row {@code r} is {@link #correlateRow} with {@code inOff + r * inRowStride} and
     * {@code outOff + r * outRowStride}. The Vector API kernel blocks the pixel vectors of all the rows
     * together (a 16-pixel row is one vector; four of them fill the 4 x 4 register block that one row
     * alone cannot). Every element's sum runs over the taps in order, so results equal the row-by-row call.
     */
    default void correlateRows(float[] in, int inOff, int inRowStride, int[] taps, int nTaps, float[] w, int wOff,
            float[] bias, int biasOff, int rows, float[] out, int outOff, int outStride, int outRowStride, int width,
            int nRows) {
        for (int r = 0; r < nRows; r++) {
            correlateRow(in, inOff + r * inRowStride, taps, nTaps, w, wOff, bias, biasOff, rows, out,
                    outOff + r * outRowStride, outStride, width);
        }
    }

    /**
     * Weight-gradient block: for four gradient rows {@code j} and taps {@code t0 <= t < t1} (at most four),
     * adds {@code sum_{q0 <= q < q1} g[gOff + j * gStride + q] * in[taps[t] + q]} to element
     * {@code e = dwOff + j * dwStride + t} of {@code dw}, kept as {@link #gradLanes()} partial sums at
     * {@code dw[e * gradLanes() + lane]} (summing the lanes gives the gradient; no horizontal reduction in
     * the hot loop). Stores only {@code j < rows}; reads all four gradient rows, and {@code taps} up to
     * index {@code t0 + 3} (callers pad the tap array to a multiple of four). {@code q1 - q0} must be a
     * multiple of 16.
     */
    void correlateGrad(float[] g, int gOff, int gStride, int rows, float[] in, int[] taps, int t0, int t1,
            float[] dw, int dwOff, int dwStride, int q0, int q1);

    /** Taps per block of {@link #correlateGradT}. */
    int GRAD_T_TAPS = 12;

    /**
     * Output channels per block of {@link #correlateGradT}, or 0 when this implementation has no such kernel
     * worth taking: the scalar kernels, and vectors narrower than 512 bits, whose 16 registers cannot hold
     * its 24 accumulators.
     */
    default int gradTBlock() {
        return 0;
    }

    /**
     * Weight-gradient block with the output channels in vectors (an outer product per pixel, no horizontal
     * sums): for the {@code block} output channels {@code j} of one block and taps {@code t0 <= t < t0 + 12}
     * (the tap array padded to a multiple of 12), adds
     * {@code sum_{q0 <= q < q1} g[gOff + q * block + j] * in[inOff + taps[t] + q]} to
     * {@code dwT[dwOff + (t - t0) * block + j]}. The gradient is stored pixel-major in blocks of
     * {@code block} channels ({@code [O / block][pixels][block]}), so one pixel of a block is one or two
     * contiguous vectors and every input element is one broadcast. Per pixel: 2 vector loads and 12
     * broadcasts feed 24 FMAs, where {@link #correlateGrad} needs 8 unaligned vector loads for 16.
     * {@code block} must be twice the vector lanes for the Vector API kernel (any for the scalar one).
     */
    void correlateGradT(float[] g, int gOff, int block, float[] in, int inOff, int[] taps, int t0, float[] dwT,
            int dwOff, int q0, int q1);

    /**
     * Peak-FLOP probe: {@code iterations} rounds of {@link #probeFlopsPerIteration()} / 2 independent
     * fused multiply-adds on registers, no memory traffic. Returns a sum so the work cannot be elided.
     */
    float probe(int iterations);

    /** Floating-point operations (multiply and add counted separately) of one probe iteration. */
    int probeFlopsPerIteration();
}
