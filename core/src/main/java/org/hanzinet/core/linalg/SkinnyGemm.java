package org.hanzinet.core.linalg;

import java.util.Arrays;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm.Threads;
import org.hanzinet.core.simd.GemmKernels;

/**
 * The GEMMs of a Linear layer at a small batch N, streaming the big matrix (the weight W [out, in] or
 * its gradient) through memory once. EJML's loops go over the big matrix once per row of the skinny
 * operand, N times the memory traffic; at model 1's Linear(4,145,296 -> 253) the weight is 4.2 GB and
 * every one of the three products is bound by that traffic.
 *
 * <p>The long axis ({@code in}) is cut into tiles whose N rows of the skinny operand stay in L2
 * ({@link #tileLength}); per tile, each row of the big matrix is read once and used for all N rows:
 * <ul>
 * <li>{@link #multTransB} {@code C[m, n] = A[m, k] B[n, k]^T}, forward {@code y = x W^T}: per tile and
 *     row j of B, m dot products into per-lane partial sums, reduced once at the end; threads split
 *     the rows of B.</li>
 * <li>{@link #mult} {@code C[m, n] = A[m, k] B[k, n]}, input gradient {@code dx = dy W}: per column tile
 *     of C, the k rows of B's tile scaled into C's m rows in row order; threads split the column tiles.</li>
 * <li>{@link #multTransA} {@code C[m, n] = A[k, m]^T B[k, n]}, weight gradient {@code dW += dy^T x}: each
 *     tile of C's row i is read and written once as beta times itself plus a weighted sum of B's k
 *     rows; threads split the rows of C.</li>
 * </ul>
 * Each output element is summed in an order fixed by the shapes alone, so 1 thread and many give
 * bit-identical results. Shapes are checked by {@link Gemm}; {@code beta == 0} ignores C's old contents
 * (NaN included), as EJML's overwriting {@code mult} and BLAS do. Correct at any batch; {@link Gemm}
 * takes it up to {@link #MAX_BATCH}, where 16 rows of the smallest tile (2048 floats) fill the cache
 * budget; larger batches do more arithmetic per weight read and stay on EJML.
 */
final class SkinnyGemm {
    /** The largest shared small dimension (the batch) for which {@link Gemm} takes this path. */
    static final int MAX_BATCH = 16;
    /** Floats of the skinny operand's tile to keep in cache (128 KB, well inside L2). */
    private static final int TILE_BUDGET = 32 * 1024;
    private static final int MIN_TILE = 2048;
    private static final int MAX_TILE = 8192;
    /** Rows of B whose partial sums {@link #multTransB} holds at once ([rows, m, lanes] floats). */
    private static final int ROW_BLOCK = 256;
    /** Floats of the big matrix below which a second thread costs more than it saves. */
    private static final int MIN_WORK = 1 << 16;

    private SkinnyGemm() {}

    /** Whether this path is the better one: forward and input gradient at m <= 16, weight gradient at k <= 16. */
    static boolean applies(boolean transA, boolean transB, int m, int k) {
        if (transA) {
            return !transB && k <= MAX_BATCH;
        }
        return m <= MAX_BATCH;
    }

    /**
     * Tile length along the long axis for {@code batch} rows: the batch's tile within
     * {@link #TILE_BUDGET}, between 2048 and 8192 floats, a multiple of 64 (of every vector width).
     */
    static int tileLength(int batch) {
        int t = TILE_BUDGET / Math.max(1, batch) / 64 * 64;
        return Math.min(MAX_TILE, Math.max(MIN_TILE, t));
    }

    /** {@code c = alpha * op(a) * op(b) + beta * c} for checked shapes with {@code k >= 1}; not both transposed. */
    static void gemm(GemmKernels kernels, boolean transA, boolean transB, float alpha, Tensor a, Tensor b, float beta,
            Tensor c, Threads threads) {
        if (transA && transB) {
            throw new IllegalArgumentException("gemm: no skinny path for A^T B^T");
        } else if (transA) {
            multTransA(kernels, alpha, a, b, beta, c, threads);
        } else if (transB) {
            multTransB(kernels, alpha, a, b, beta, c, threads);
        } else {
            mult(kernels, alpha, a, b, beta, c, threads);
        }
    }

    /** {@code C[m, n] = alpha * A[m, k] B[n, k]^T + beta * C}: forward {@code y[N, out] = x[N, in] W[out, in]^T}. */
    static void multTransB(GemmKernels kernels, float alpha, Tensor a, Tensor b, float beta, Tensor c,
            Threads threads) {
        int m = a.size(0), k = a.size(1), n = b.size(0);
        int tile = tileLength(m), lanes = kernels.dotLanes();
        float[] ad = a.data(), bd = b.data(), cd = c.data();
        int ao = a.offset(), bo = b.offset(), co = c.offset();
        forRange(threads, n, MIN_WORK / k, (from, to) -> {
            float[] acc = new float[Math.min(ROW_BLOCK, to - from) * m * lanes]; // [rows of B, m, lanes]
            for (int j0 = from; j0 < to; j0 += ROW_BLOCK) {
                int j1 = Math.min(to, j0 + ROW_BLOCK);
                Arrays.fill(acc, 0f);
                for (int t0 = 0; t0 < k; t0 += tile) { // A's tile [m, len] stays in cache across the rows j
                    int len = Math.min(tile, k - t0);
                    for (int j = j0; j < j1; j++) {
                        kernels.dotRows(ad, ao + t0, k, m, bd, bo + j * k + t0, len, acc, (j - j0) * m * lanes);
                    }
                }
                for (int j = j0; j < j1; j++) {
                    for (int r = 0; r < m; r++) {
                        int p = ((j - j0) * m + r) * lanes;
                        double s = 0;
                        for (int l = 0; l < lanes; l++) { // lanes in index order: a fixed reduction
                            s += acc[p + l];
                        }
                        int ci = co + r * n + j;
                        cd[ci] = (float) (beta == 0f ? alpha * s : alpha * s + (double) beta * cd[ci]);
                    }
                }
            }
        });
    }

    /** {@code C[m, n] = alpha * A[m, k] B[k, n] + beta * C}: input gradient {@code dx[N, in] = dy[N, out] W[out, in]}. */
    static void mult(GemmKernels kernels, float alpha, Tensor a, Tensor b, float beta, Tensor c, Threads threads) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        int tile = tileLength(m);
        int tiles = (n + tile - 1) / tile;
        float[] coef = scaled(alpha, a); // [m, k]
        float[] bd = b.data(), cd = c.data();
        int bo = b.offset(), co = c.offset();
        forRange(threads, tiles, MIN_WORK / ((long) tile * k), (from, to) -> {
            for (int t = from; t < to; t++) {
                int c0 = t * tile, len = Math.min(tile, n - c0);
                for (int r = 0; r < m; r++) {
                    scaleInPlace(beta, cd, co + r * n + c0, len);
                }
                // C's tile [m, len] += coef[m, k] B's tile [k, len]: C's tile stays in cache, B's is read once
                kernels.multAddTile(coef, 0, k, m, k, bd, bo + c0, n, cd, co + c0, n, len);
            }
        });
    }

    /** {@code C[m, n] = alpha * A[k, m]^T B[k, n] + beta * C}: weight gradient {@code dW[out, in] += dy[N, out]^T x[N, in]}. */
    static void multTransA(GemmKernels kernels, float alpha, Tensor a, Tensor b, float beta, Tensor c,
            Threads threads) {
        int k = a.size(0), m = a.size(1), n = b.size(1);
        int tile = tileLength(k);
        float[] coef = scaledTranspose(alpha, a); // [m, k]
        float[] bd = b.data(), cd = c.data();
        int bo = b.offset(), co = c.offset();
        forRange(threads, m, MIN_WORK / n, (from, to) -> {
            for (int t0 = 0; t0 < n; t0 += tile) { // B's tile [k, len] stays in cache across the rows i
                int len = Math.min(tile, n - t0);
                for (int i = from; i < to; i++) {
                    kernels.combineRows(beta, coef, i * k, bd, bo + t0, n, k, cd, co + i * n + t0, len);
                }
            }
        });
    }

    /** {@code alpha * A} as a fresh array, [rows, cols] row-major. */
    private static float[] scaled(float alpha, Tensor a) {
        return a.copy().scale(alpha).data();
    }

    /** {@code alpha * A^T} for A [rows, cols]: a fresh [cols, rows] array. */
    private static float[] scaledTranspose(float alpha, Tensor a) {
        int rows = a.size(0), cols = a.size(1);
        float[] ad = a.data(), out = new float[rows * cols];
        for (int p = 0; p < rows; p++) {
            for (int i = 0; i < cols; i++) {
                out[i * rows + p] = alpha * ad[a.offset() + p * cols + i];
            }
        }
        return out;
    }

    /** {@code x *= beta} over a range; beta 0 overwrites with zeros (a NaN there is dropped, as BLAS does). */
    private static void scaleInPlace(float beta, float[] x, int off, int len) {
        if (beta == 0f) {
            Arrays.fill(x, off, off + len, 0f);
        } else if (beta != 1f) {
            Tensor.wrap(x, off, len).scale(beta);
        }
    }

    /** One thread for {@link Threads#SINGLE}, else {@link Parallel#forRange} with chunks of at least {@code minChunk}. */
    private static void forRange(Threads threads, int count, long minChunk, Parallel.RangeBody body) {
        if (threads == Threads.SINGLE) {
            body.run(0, count);
        } else {
            Parallel.forRange(count, (int) Math.max(1, Math.min(count, minChunk)), body);
        }
    }
}
