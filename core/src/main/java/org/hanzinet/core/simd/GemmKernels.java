package org.hanzinet.core.simd;

/**
 * The inner loops of the skinny matrix multiply ({@code org.hanzinet.core.linalg.SkinnyGemm}), in a
 * scalar and a Vector API implementation: a few rows (the batch, at most 16 or so) against one tile of
 * a long row of the big matrix. The tiling and threading live in linalg; these methods only multiply
 * and add, and allocate nothing.
 *
 * <p>Each method reads the big operand's tile ({@code w} or {@code out}) once and keeps the few rows
 * of the small operand in cache, so a whole GEMM streams the big matrix through memory once. Every
 * element's summation order is fixed by the arguments alone, never by who calls or when.
 */
public interface GemmKernels {

    /** Name for logs and benchmark labels: "scalar" or "panama-512" and the like. */
    String name();

    /** Partial sums kept per dot product by {@link #dotRows} (the vector width; 1 when scalar). */
    int dotLanes();

    /**
     * {@code rows} dot products against one tile of {@code w}, added to partial sums: for
     * {@code r < rows}, adds {@code sum_{i < len} x[xOff + r * xStride + i] * w[wOff + i]} to the
     * {@link #dotLanes()} floats at {@code acc[accOff + r * dotLanes() ...]} (lane {@code l} takes the
     * elements {@code i = l (mod lanes)} of the vector part; the tail beyond it goes to lane 0).
     * Summing a row's lanes in index order gives its dot product; no horizontal reduction happens here,
     * so a dot product over many tiles is reduced once, at the end.
     *
     * <p>Shapes: {@code x} rows {@code [rows, len]} with row stride {@code xStride}; {@code w} {@code [len]};
     * {@code acc} {@code [rows, dotLanes()]}.
     */
    void dotRows(float[] x, int xOff, int xStride, int rows, float[] w, int wOff, int len, float[] acc, int accOff);

    /**
     * A small product added into a tile: {@code y[r, i] += sum_{q < depth} a[r, q] * w[q, i]} for
     * {@code r < rows}, {@code i < len}, one multiply-add per term in {@code q} order (so the result does
     * not depend on how the caller splits {@code i}), where {@code a[r, q] = a[aOff + r * aStride + q]},
     * {@code w[q, i] = w[wOff + q * wStride + i]}, {@code y[r, i] = y[yOff + r * yStride + i]}.
     *
     * <p>Shapes: {@code a} {@code [rows, depth]}; {@code w} {@code [depth, len]}, a tile of long rows;
     * {@code y} {@code [rows, len]}. Each vector of {@code w} is loaded once for all rows.
     */
    void multAddTile(float[] a, int aOff, int aStride, int rows, int depth, float[] w, int wOff, int wStride,
            float[] y, int yOff, int yStride, int len);

    /**
     * A weighted sum of rows into one tile:
     * {@code out[outOff + i] = beta * out[outOff + i] + sum_{r < rows} a[aOff + r] * x[xOff + r * xStride + i]}
     * for {@code i < len}, summed in row order after the beta term. {@code beta == 0} ignores the old
     * contents of {@code out}, NaN included, as BLAS does.
     *
     * <p>Shapes: coefficients {@code a} {@code [rows]}; {@code x} rows {@code [rows, len]} with row stride
     * {@code xStride}; {@code out} {@code [len]}.
     */
    void combineRows(float beta, float[] a, int aOff, float[] x, int xOff, int xStride, int rows, float[] out,
            int outOff, int len);
}
