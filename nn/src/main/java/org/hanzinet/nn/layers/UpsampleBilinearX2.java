package org.hanzinet.nn.layers;

import java.util.Arrays;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.simd.UpsampleKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.nn.layers.UpsampleBilinear2d.AxisWeights;

/**
 * The fast path of {@link UpsampleBilinear2d} for the U-Net's case, bilinear by exactly 2 on both axes with
 * {@code align_corners=False}: {@code [N, C, H, W] -> [N, C, 2H, 2W]}. Taken when both axes' cached weights
 * have the x2 pattern ({@link #applies}), so it computes from the same weights as the general loop.
 *
 * <p>Forward gives the general loop's floats bit for bit: that loop's {@code up} and {@code down} are the
 * source rows interpolated along W, which depend on the source row alone. So each block of output rows
 * first widens its source rows once ([rows, W] -> [rows, 2W], a vector kernel running across the rows, the
 * two edge columns of each row then set by the general expression), then blends two widened rows per output
 * row, {@code up * h0 + down * h1}. Backward gathers instead of scattering: each input row collects, from the
 * output rows that read it ({@link Readers}), the same products {@code (wRow * wCol) * dy} as the general
 * loop, at most 4 x 4 of them (plus zero-weight ones at the edges, which keep a non-finite gradient
 * spreading as in PyTorch), summed in float: at most 16 non-zero terms, so within 16 float roundings of
 * their absolute sum, against the general loop's double sum. Input rows are independent work, so both
 * threads work even for a single plane, and the result does not depend on the thread count.
 */
final class UpsampleBilinearX2 {
    private static final UpsampleKernels K = VectorizationProvider.get().upsampleKernels();

    /** Output floats per forward block (128 KB): its widened source rows, half that, stay in cache. */
    private static final int BLOCK = 1 << 15;

    /** Each thread's widened source rows, grown to the largest block seen. */
    private static final ThreadLocal<float[]> WIDENED = ThreadLocal.withInitial(() -> new float[0]);

    private final AxisWeights rows;
    private final AxisWeights cols;
    private final Readers rowReaders;
    private final Readers colReaders;

    UpsampleBilinearX2(AxisWeights rows, AxisWeights cols) {
        if (!applies(rows) || !applies(cols)) {
            throw new IllegalArgumentException("UpsampleBilinearX2: the axes " + rows.in + " -> " + rows.i0.length
                    + " and " + cols.in + " -> " + cols.i0.length + " are not the x2 pattern of align_corners=False");
        }
        this.rows = rows;
        this.cols = cols;
        this.rowReaders = new Readers(rows);
        this.colReaders = new Readers(cols);
    }

    /**
     * True when the axis doubles and every output but the two edges reads (i, i + 1) with the weights
     * {@link UpsampleKernels#widenX2} hard-codes: outputs 2i + 1 and 2i + 2 with (0.75, 0.25) and (0.25, 0.75).
     * Outputs 0 and 2n - 1 must read only inputs 0, 1 and n - 1 (the gather treats those columns apart).
     */
    static boolean applies(AxisWeights a) {
        int n = a.in;
        int last = 2 * n - 1;
        if (a.i0.length != 2 * n || a.i0[0] > 1 || a.i1[0] > 1 || a.i0[last] != n - 1 || a.i1[last] != n - 1) {
            return false;
        }
        for (int i = 0; i + 1 < n; i++) {
            if (!reads(a, 2 * i + 1, i, 0.75f, 0.25f) || !reads(a, 2 * i + 2, i, 0.25f, 0.75f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean reads(AxisWeights a, int d, int i, float w0, float w1) {
        return a.i0[d] == i && a.i1[d] == i + 1 && a.l0[d] == w0 && a.l1[d] == w1;
    }

    /** {@code in[inOff..]} [planes, H, W] -> {@code out[outOff..]} [planes, 2H, 2W]; threads over blocks of output rows. */
    void forward(float[] in, int inOff, int planes, float[] out, int outOff) {
        int h = rows.in;
        int w = cols.in;
        int oh = 2 * h;
        int ow = 2 * w;
        int block = Math.min(oh, Math.max(2, BLOCK / ow & ~1)); // even: a block starts on an even output row
        int blocksPerPlane = (oh + block - 1) / block;
        Parallel.forRange(planes * blocksPerPlane, Math.max(1, LayerSupport.MIN_CHUNK / (block * ow)), (from, to) -> {
            float[] widened = widenedBuffer((block / 2 + 2) * ow);
            for (int u = from; u < to; u++) {
                int p = u / blocksPerPlane;
                int h0 = (u - p * blocksPerPlane) * block;
                forwardBlock(in, inOff + p * h * w, out, outOff + p * oh * ow, h0, Math.min(oh, h0 + block), widened);
            }
        });
    }

    private static float[] widenedBuffer(int size) {
        float[] b = WIDENED.get();
        if (b.length < size) {
            b = new float[size];
            WIDENED.set(b);
        }
        return b;
    }

    /** Output rows [h0, h1) of one plane: their source rows widened once, then blended in pairs. */
    private void forwardBlock(float[] in, int plane, float[] out, int outPlane, int h0, int h1, float[] widened) {
        int ow = 2 * cols.in;
        int first = rows.i0[h0];
        widenRows(in, plane + first * cols.in, rows.i1[h1 - 1] - first + 1, widened);
        for (int y = h0; y < h1; y++) {
            K.blend(rows.l0[y], widened, (rows.i0[y] - first) * ow, rows.l1[y], widened, (rows.i1[y] - first) * ow,
                    out, outPlane + y * ow, ow);
        }
    }

    /**
     * [count, W] source rows at {@code in[from..]} -> [count, 2W] in {@code dst}. The kernel runs across row
     * boundaries (long vectors even for W = 16); the two outputs it writes there mix neighbouring rows and are
     * exactly each row's edge columns, set afterwards by the general loop's expression.
     */
    private void widenRows(float[] in, int from, int count, float[] dst) {
        int w = cols.in;
        int ow = 2 * w;
        K.widenX2(in, from, dst, 1, count * w - 1);
        int e = ow - 1;
        for (int j = 0; j < count; j++) {
            int src = from + j * w;
            dst[j * ow] = in[src + cols.i0[0]] * cols.l0[0] + in[src + cols.i1[0]] * cols.l1[0];
            dst[j * ow + e] = in[src + cols.i0[e]] * cols.l0[e] + in[src + cols.i1[e]] * cols.l1[e];
        }
    }

    /**
     * {@code g[gOff..]} [planes, 2H, 2W] -> {@code gi[giOff..]} [planes, H, W] (overwritten); threads over
     * input rows.
     */
    void backward(float[] g, int gOff, int planes, float[] gi, int giOff) {
        int h = rows.in;
        int w = cols.in;
        int planeOut = 4 * h * w;
        Parallel.forRange(planes * h, Math.max(1, LayerSupport.MIN_CHUNK / (8 * w)), (from, to) -> {
            for (int t = from; t < to; t++) {
                int p = t / h;
                gatherRow(g, gOff + p * planeOut, t - p * h, gi, giOff + t * w);
            }
        });
    }

    /**
     * The gradient of input row r, [W] at {@code gi[dst..]}, from its plane's output gradient [2H, 2W] at
     * {@code g[gPlane..]}: per output row reading r, the kernel gathers columns 2 .. W-2 (four outputs each)
     * and {@link #addColumn} the edge columns 0, 1 and W-1, whose readers vary.
     */
    private void gatherRow(float[] g, int gPlane, int r, float[] gi, int dst) {
        int w = cols.in;
        int ow = 2 * w;
        Arrays.fill(gi, dst, dst + w, 0f);
        for (int e = rowReaders.start[r]; e < rowReaders.start[r + 1]; e++) {
            float wr = rowReaders.weight[e];
            int gRow = gPlane + rowReaders.output[e] * ow;
            if (w > 3) { // column c reads outputs 2c-1 .. 2c+2: from gRow + 3 for c = 2
                K.narrowX2Add(wr * 0.25f, wr * 0.75f, g, gRow + 3, gi, dst + 2, w - 3);
            }
            addColumn(wr, g, gRow, gi, dst, 0);
            if (w > 1) {
                addColumn(wr, g, gRow, gi, dst, 1);
            }
            if (w > 2) {
                addColumn(wr, g, gRow, gi, dst, w - 1);
            }
        }
    }

    /** gi[dst + c] += (wr * wCol) * g[gRow + d] over the outputs d that read column c. */
    private void addColumn(float wr, float[] g, int gRow, float[] gi, int dst, int c) {
        float s = gi[dst + c];
        for (int e = colReaders.start[c]; e < colReaders.start[c + 1]; e++) {
            s += wr * colReaders.weight[e] * g[gRow + colReaders.output[e]];
        }
        gi[dst + c] = s;
    }

    /**
     * The transpose of an axis's weights: for input j, the outputs {@code output[start[j] .. start[j + 1])}
     * that read it and their weights, in output order, i0 before i1 (the general scatter's terms of j).
     */
    static final class Readers {
        final int[] start;
        final int[] output;
        final float[] weight;

        Readers(AxisWeights a) {
            int out = a.i0.length;
            start = new int[a.in + 1];
            for (int d = 0; d < out; d++) {
                start[a.i0[d] + 1]++;
                start[a.i1[d] + 1]++;
            }
            for (int j = 0; j < a.in; j++) {
                start[j + 1] += start[j];
            }
            output = new int[2 * out];
            weight = new float[2 * out];
            int[] next = Arrays.copyOf(start, a.in);
            for (int d = 0; d < out; d++) {
                add(next, a.i0[d], d, a.l0[d]);
                add(next, a.i1[d], d, a.l1[d]);
            }
        }

        private void add(int[] next, int j, int d, float w) {
            output[next[j]] = d;
            weight[next[j]++] = w;
        }
    }
}
