package org.hanzinet.core.conv;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.ConvKernels;
import org.hanzinet.core.simd.VectorizationProvider;

/**
 * Direct convolution on zero-padded flat planes, with register-blocked inner loops from
 * {@link ConvKernels} (the Vector API ones when available). See {@link DirectPlan} for the layout.
 *
 * <ul>
 * <li>Forward: per output row and block of 4 output channels, one {@code correlateRow} over all
 *     C*KH*KW taps; rows are split across threads.</li>
 * <li>Input gradient: the same row kernel on the dilated, padded output gradient with the flipped,
 *     transposed kernel, written straight into dx rows.</li>
 * <li>Weight gradient: dot products over the flat pixel index between 4 output-gradient planes and
 *     4 taps of the input, in tiles of {@value #TILE} pixels; each thread owns a fixed set of
 *     (channel block, tap block) pairs, so sums never race and do not depend on the thread count.</li>
 * </ul>
 * Strides {@code > 1} reuse the stride-1 kernels: forward computes only the rows it needs at full
 * width and keeps every {@code sw}-th column; rectangular kernels, strides and paddings are only
 * different tap offsets and row strides; the gradients run on the dilated output gradient.
 */
public final class DirectConv2d implements ConvAlgorithm {
    /**
     * Pixels per weight-gradient tile (a multiple of 64; system property {@code hanzinet.conv.tile} for
     * tuning): small enough that a block's 4 gradient rows and 4 taps stay in L1.
     */
    static final int TILE = Math.max(64, Integer.getInteger("hanzinet.conv.tile", 4096) / 64 * 64);
    /**
     * Pixels per tile of the transposed weight gradient: one block's gradient tile, 256 pixels x 32
     * channels (32 KB), stays in L1 while the block's taps stream past it.
     */
    static final int TILE_T = 256;
    /**
     * Floats of pixel-major output gradient per chunk of the transposed weight gradient (1 MB, about a
     * core's L2): whole images for the small planes, bands of rows for the large ones, so the scratch stays
     * small whatever the image size.
     */
    static final int CHUNK_T_FLOATS = 1 << 18;

    private final ConvKernels kernels;
    private DirectPlan plan;

    /** With the kernels this JVM chose (Vector API or scalar). */
    public DirectConv2d() {
        this(VectorizationProvider.get().convKernels());
    }

    public DirectConv2d(ConvKernels kernels) {
        this.kernels = kernels;
    }

    /** The inner-loop implementation, e.g. "panama-512". */
    public String kernelName() {
        return kernels.name();
    }

    @Override
    public ConvImpl impl() {
        return ConvImpl.DIRECT;
    }

    private DirectPlan plan(ConvGeometry g) {
        if (plan == null || !plan.fits(g)) {
            plan = new DirectPlan(g);
        }
        return plan;
    }

    @Override
    public Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor y) {
        ConvAlgorithm.checkForward(g, x, w, b, y);
        DirectPlan pl = plan(g);
        pl.packWeights(w, b);
        int oh = g.outHeight();
        int group = g.strideW() == 1 ? rowsPerCall(g.outWidth()) : 1;
        int groups = (oh + group - 1) / group;
        for (int n = 0; n < g.batch(); n++) {
            pl.fillInput(x, n);
            int img = n;
            Parallel.forRange(groups, 1, (from, to) -> forwardRows(pl, b != null, y, img, from * group,
                    Math.min(oh, to * group), group));
        }
        return y;
    }

    /**
     * Output rows per kernel call: 1 when a row fills the kernel's 4-vector pixel block, else enough rows
     * to fill it (16-pixel rows of 512-bit vectors: 4 at a time; 32-pixel rows: 2; 48: 4 rows = 12 vectors).
     */
    private int rowsPerCall(int width) {
        int perRow = (width + kernels.gradLanes() - 1) / kernels.gradLanes();
        return perRow >= 4 ? 1 : 4 / gcd(perRow, 4);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private void forwardRows(DirectPlan pl, boolean bias, Tensor y, int n, int from, int to, int group) {
        ConvGeometry g = pl.g;
        int o0 = g.outChannels(), oh = g.outHeight(), ow = g.outWidth(), sh = pl.sh, sw = pl.sw;
        int plane = oh * ow, yBase = y.offset() + n * o0 * plane;
        float[] xp = pl.xp(), yd = y.data();
        int rowLen = pl.ow1 + 64;
        float[] row = sw == 1 ? null : new float[4 * rowLen];
        for (int oy = from; oy < to; oy += sw == 1 ? group : 1) {
            int inOff = oy * sh * pl.rowStride;
            int nRows = Math.min(group, to - oy);
            for (int ob = 0; ob < o0; ob += 4) {
                int rows = Math.min(4, o0 - ob);
                int wOff = ob * pl.nTaps;
                float[] bb = bias ? pl.biasPad : null;
                if (sw == 1) {
                    kernels.correlateRows(xp, inOff, sh * pl.rowStride, pl.taps, pl.nTaps, pl.wPack, wOff, bb, ob,
                            rows, yd, yBase + ob * plane + oy * ow, plane, ow, ow, nRows);
                } else {
                    // full-width stride-1 row, then every sw-th column
                    kernels.correlateRow(xp, inOff, pl.taps, pl.nTaps, pl.wPack, wOff, bb, ob, rows, row, 0, rowLen,
                            pl.ow1);
                    for (int j = 0; j < rows; j++) {
                        int dst = yBase + (ob + j) * plane + oy * ow;
                        for (int ox = 0; ox < ow; ox++) {
                            yd[dst + ox] = row[j * rowLen + ox * sw];
                        }
                    }
                }
            }
        }
    }

    @Override
    public Tensor backwardInput(ConvGeometry g, Tensor dy, Tensor w, Tensor dx) {
        ConvAlgorithm.checkBackward(g, null, dy, w, null);
        ConvGeometry.require("input gradient", dx, g.inputShape());
        DirectPlan pl = plan(g);
        pl.packWeightsFlipped(w);
        int h = g.height(), group = rowsPerCall(g.width()), groups = (h + group - 1) / group;
        for (int n = 0; n < g.batch(); n++) {
            pl.fillOutputGrad(dy, n);
            int img = n;
            Parallel.forRange(groups, 1, (from, to) -> inputGradRows(pl, dx, img, from * group,
                    Math.min(h, to * group), group));
        }
        return dx;
    }

    private void inputGradRows(DirectPlan pl, Tensor dx, int n, int from, int to, int group) {
        ConvGeometry g = pl.g;
        int c0 = g.inChannels(), h = g.height(), w = g.width(), ph = pl.ph, pw = pl.pw;
        int plane = h * w, base = dx.offset() + n * c0 * plane;
        float[] dyp = pl.dyp();
        for (int y = from; y < to; y += group) {
            int inOff = (y + ph) * pl.rowStride + pw;
            int nRows = Math.min(group, to - y);
            for (int cb = 0; cb < c0; cb += 4) {
                kernels.correlateRows(dyp, inOff, pl.rowStride, pl.tapsD, pl.nTapsD, pl.wPackD, cb * pl.nTapsD, null,
                        0, Math.min(4, c0 - cb), dx.data(), base + cb * plane + y * w, plane, w, w, nRows);
            }
        }
    }

    /**
     * Taps (C * KH * KW) below which the transposed weight gradient does not pay: its pixel-major copy of the
     * output gradient costs about what 150-200 taps of the kernel do per element. Measured here, one JVM
     * alternating both (2 threads, Zen 5): 3 -> 128 channels 5x5 (75 taps) and 16 -> 32 3x3 (144) at
     * 0.82-0.97x the dot-product kernel, 24 -> 32 (216) at 1.11x, 128 -> 128 (1152) at 1.8x, 256 -> 256
     * (2304) at 16 px at 2.5x.
     */
    static final int GRAD_T_MIN_TAPS = 192;

    /** Whether {@link #backwardWeight} takes the transposed kernel ({@code correlateGradT}) for {@code g}. */
    boolean usesGradT(ConvGeometry g) {
        int block = kernels.gradTBlock();
        return block > 0 && g.outChannels() % block == 0
                && g.inChannels() * g.kernelH() * g.kernelW() >= GRAD_T_MIN_TAPS;
    }

    @Override
    public void backwardWeight(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        ConvAlgorithm.checkBackward(g, x, dy, dw, db);
        DirectPlan pl = plan(g);
        if (usesGradT(g)) {
            backwardWeightT(g, pl, x, dy, dw);
        } else {
            backwardWeightDot(g, pl, x, dy, dw);
        }
        if (db != null) {
            BiasGradient.accumulate(g, dy, db);
        }
    }

    /** The weight gradient by {@code correlateGrad}: dot products along the pixels, lane sums summed at the end. */
    private void backwardWeightDot(ConvGeometry g, DirectPlan pl, Tensor x, Tensor dy, Tensor dw) {
        int lanes = kernels.gradLanes();
        float[] acc = pl.dwBuf(lanes);
        java.util.Arrays.fill(acc, 0f);
        int blocks = (g.outChannels() + 3) / 4 * (pl.taps.length / 4);
        for (int n0 = 0; n0 < g.batch(); n0 += pl.slots) {
            int images = Math.min(pl.slots, g.batch() - n0);
            for (int s = 0; s < images; s++) {
                pl.fillInput(x, n0 + s, s);
                pl.fillOutputGrad(dy, n0 + s, s);
            }
            Parallel.forRange(blocks, 1, (from, to) -> weightGradBlocks(pl, acc, images, from, to));
        }
        float[] d = dw.data();
        for (int i = 0; i < acc.length / lanes; i++) {
            float sum = 0f;
            for (int l = 0; l < lanes; l++) {
                sum += acc[i * lanes + l];
            }
            d[dw.offset() + i] += sum;
        }
    }

    /**
     * Blocks are (4 output channels) x (4 taps), over the {@code images} filled slots in order; tiles of
     * pixels outermost so a tile stays in cache. Slot {@code s} is reached by shifting the pixel range by
     * the slot's input offset (the kernel reads {@code in[taps[t] + q]} and {@code g[gOff + q]}), so the
     * gradient offset is shifted back by the same amount.
     */
    private void weightGradBlocks(DirectPlan pl, float[] acc, int images, int from, int to) {
        int o0 = pl.g.outChannels(), tapBlocks = pl.taps.length / 4;
        int q = DirectPlan.roundUp(pl.oh1 * pl.rowStride, 64);
        int gBase = (pl.kh - 1) * pl.rowStride + pl.kw - 1;
        float[] dyp = pl.dyp(), xp = pl.xp();
        for (int q0 = 0; q0 < q; q0 += TILE) {
            int q1 = Math.min(q, q0 + TILE);
            for (int i = from; i < to; i++) {
                int ob = i / tapBlocks * 4, t0 = i % tapBlocks * 4;
                for (int s = 0; s < images; s++) {
                    int shift = s * pl.imageX, gSlot = s * pl.imageD + gBase - shift;
                    kernels.correlateGrad(dyp, ob * pl.planeD + gSlot, pl.planeD, Math.min(4, o0 - ob), xp, pl.taps,
                            t0, Math.min(pl.nTaps, t0 + 4), acc, ob * pl.nTaps, pl.nTaps, shift + q0, shift + q1);
                }
            }
        }
    }

    /**
     * The weight gradient with the output channels in vectors: the output gradient goes pixel-major
     * ({@link DirectPlan#fillOutputGradT}) in chunks of rows, each chunk a parallel loop over blocks of
     * (block channels) x (12 taps); per block, tiles of {@value #TILE_T} pixels. Each block's sums run
     * over images, chunks and tiles in order, whatever the thread count.
     */
    private void backwardWeightT(ConvGeometry g, DirectPlan pl, Tensor x, Tensor dy, Tensor dw) {
        int block = kernels.gradTBlock(), o0 = g.outChannels(), oBlocks = o0 / block;
        int tapBlocks = pl.tapsT.length / ConvKernels.GRAD_T_TAPS, blocks = oBlocks * tapBlocks;
        int rowsPerChunk = Math.max(1, Math.min(pl.oh1, CHUNK_T_FLOATS / (o0 * pl.rowStride)));
        float[] acc = pl.dwTBuf();
        java.util.Arrays.fill(acc, 0f);
        float[] gT = SharedScratch.take(o0 * rowsPerChunk * pl.rowStride);
        try {
            for (int n0 = 0; n0 < g.batch(); n0 += pl.slots) {
                int images = Math.min(pl.slots, g.batch() - n0);
                for (int s = 0; s < images; s++) {
                    pl.fillInput(x, n0 + s, s);
                }
                for (int s = 0; s < images; s++) {
                    for (int y0 = 0; y0 < pl.oh1; y0 += rowsPerChunk) {
                        int r0 = y0, r1 = Math.min(pl.oh1, y0 + rowsPerChunk), inOff = s * pl.imageX;
                        pl.fillOutputGradT(dy, n0 + s, r0, r1, gT, block);
                        Parallel.forRange(blocks, 1, (from, to) -> weightGradBlocksT(pl, gT, block, inOff, r0, r1,
                                acc, from, to));
                    }
                }
            }
        } finally {
            SharedScratch.give(gT);
        }
        // acc [oBlocks][tapBlocks][12][block] -> dw [O, C*KH*KW]
        float[] d = dw.data();
        int nTaps = pl.nTaps, perBlock = ConvKernels.GRAD_T_TAPS * block;
        for (int o = 0; o < o0; o++) {
            int ob = o / block, j = o % block, row = dw.offset() + o * nTaps;
            for (int t = 0; t < nTaps; t++) {
                int tb = t / ConvKernels.GRAD_T_TAPS, tt = t % ConvKernels.GRAD_T_TAPS;
                d[row + t] += acc[(ob * tapBlocks + tb) * perBlock + tt * block + j];
            }
        }
    }

    /** Blocks {@code [from, to)} (channel block major, so neighbours share the gradient tile) over output rows {@code [y0, y1)}. */
    private void weightGradBlocksT(DirectPlan pl, float[] gT, int block, int inOff, int y0, int y1, float[] acc,
            int from, int to) {
        int tapBlocks = pl.tapsT.length / ConvKernels.GRAD_T_TAPS, perBlock = ConvKernels.GRAD_T_TAPS * block;
        int q0 = y0 * pl.rowStride, q1 = y1 * pl.rowStride, chunk = q1 - q0;
        float[] xp = pl.xp();
        for (int t0 = q0; t0 < q1; t0 += TILE_T) {
            int t1 = Math.min(q1, t0 + TILE_T);
            for (int i = from; i < to; i++) {
                int ob = i / tapBlocks, tb = i % tapBlocks;
                // gT holds pixel q of this chunk at (q - q0): shift the block's offset back by q0
                kernels.correlateGradT(gT, (ob * chunk - q0) * block, block, xp, inOff, pl.tapsT,
                        tb * ConvKernels.GRAD_T_TAPS, acc, i * perBlock, t0, t1);
            }
        }
    }
}
