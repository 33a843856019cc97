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
 *     C*K*K taps; rows are split across threads.</li>
 * <li>Input gradient: the same row kernel on the dilated, padded output gradient with the flipped,
 *     transposed kernel, written straight into dx rows.</li>
 * <li>Weight gradient: dot products over the flat pixel index between 4 output-gradient planes and
 *     4 taps of the input, in tiles of {@value #TILE} pixels; each thread owns a fixed set of
 *     (channel block, tap block) pairs, so sums never race and do not depend on the thread count.</li>
 * </ul>
 * Stride {@code s > 1} reuses the stride-1 kernels: forward computes only the rows it needs at full
 * width and keeps every s-th column; the gradients run on the dilated output gradient.
 */
public final class DirectConv2d implements ConvAlgorithm {
    /**
     * Pixels per weight-gradient tile (a multiple of 64; system property {@code hanzinet.conv.tile} for
     * tuning): small enough that a block's 4 gradient rows and 4 taps stay in L1.
     */
    static final int TILE = Math.max(64, Integer.getInteger("hanzinet.conv.tile", 4096) / 64 * 64);

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
        for (int n = 0; n < g.batch(); n++) {
            pl.fillInput(x, n);
            int img = n;
            Parallel.forRange(oh, 1, (from, to) -> forwardRows(pl, b != null, y, img, from, to));
        }
        return y;
    }

    private void forwardRows(DirectPlan pl, boolean bias, Tensor y, int n, int from, int to) {
        ConvGeometry g = pl.g;
        int o0 = g.outChannels(), oh = g.outHeight(), ow = g.outWidth(), s = pl.s;
        int plane = oh * ow, yBase = y.offset() + n * o0 * plane;
        float[] xp = pl.xp(), yd = y.data();
        int rowLen = pl.ow1 + 64;
        float[] row = s == 1 ? null : new float[4 * rowLen];
        for (int oy = from; oy < to; oy++) {
            int inOff = oy * s * pl.rowStride;
            for (int ob = 0; ob < o0; ob += 4) {
                int rows = Math.min(4, o0 - ob);
                int wOff = ob * pl.nTaps;
                float[] bb = bias ? pl.biasPad : null;
                if (s == 1) {
                    kernels.correlateRow(xp, inOff, pl.taps, pl.nTaps, pl.wPack, wOff, bb, ob, rows, yd,
                            yBase + ob * plane + oy * ow, plane, ow);
                } else {
                    // full-width stride-1 row, then every s-th column
                    kernels.correlateRow(xp, inOff, pl.taps, pl.nTaps, pl.wPack, wOff, bb, ob, rows, row, 0, rowLen,
                            pl.ow1);
                    for (int j = 0; j < rows; j++) {
                        int dst = yBase + (ob + j) * plane + oy * ow;
                        for (int ox = 0; ox < ow; ox++) {
                            yd[dst + ox] = row[j * rowLen + ox * s];
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
        for (int n = 0; n < g.batch(); n++) {
            pl.fillOutputGrad(dy, n);
            int img = n;
            Parallel.forRange(g.height(), 1, (from, to) -> inputGradRows(pl, dx, img, from, to));
        }
        return dx;
    }

    private void inputGradRows(DirectPlan pl, Tensor dx, int n, int from, int to) {
        ConvGeometry g = pl.g;
        int c0 = g.inChannels(), h = g.height(), w = g.width(), p = pl.p;
        int plane = h * w, base = dx.offset() + n * c0 * plane;
        float[] dyp = pl.dyp();
        for (int y = from; y < to; y++) {
            int inOff = (y + p) * pl.rowStride + p;
            for (int cb = 0; cb < c0; cb += 4) {
                kernels.correlateRow(dyp, inOff, pl.tapsD, pl.nTapsD, pl.wPackD, cb * pl.nTapsD, null, 0,
                        Math.min(4, c0 - cb), dx.data(), base + cb * plane + y * w, plane, w);
            }
        }
    }

    @Override
    public void backwardWeight(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        ConvAlgorithm.checkBackward(g, x, dy, dw, db);
        DirectPlan pl = plan(g);
        int lanes = kernels.gradLanes();
        float[] acc = pl.dwBuf(lanes);
        java.util.Arrays.fill(acc, 0f);
        int blocks = (g.outChannels() + 3) / 4 * (pl.taps.length / 4);
        for (int n = 0; n < g.batch(); n++) {
            pl.fillInput(x, n);
            pl.fillOutputGrad(dy, n);
            Parallel.forRange(blocks, 1, (from, to) -> weightGradBlocks(pl, acc, from, to));
        }
        float[] d = dw.data();
        for (int i = 0; i < acc.length / lanes; i++) {
            float sum = 0f;
            for (int l = 0; l < lanes; l++) {
                sum += acc[i * lanes + l];
            }
            d[dw.offset() + i] += sum;
        }
        if (db != null) {
            biasGrad(g, dy, db);
        }
    }

    /** Blocks are (4 output channels) x (4 taps); tiles of pixels outermost so a tile stays in cache. */
    private void weightGradBlocks(DirectPlan pl, float[] acc, int from, int to) {
        int o0 = pl.g.outChannels(), tapBlocks = pl.taps.length / 4;
        int q = DirectPlan.roundUp(pl.oh1 * pl.rowStride, 64);
        int gBase = (pl.k - 1) * pl.rowStride + pl.k - 1;
        float[] dyp = pl.dyp(), xp = pl.xp();
        for (int q0 = 0; q0 < q; q0 += TILE) {
            int q1 = Math.min(q, q0 + TILE);
            for (int i = from; i < to; i++) {
                int ob = i / tapBlocks * 4, t0 = i % tapBlocks * 4;
                kernels.correlateGrad(dyp, ob * pl.planeD + gBase, pl.planeD, Math.min(4, o0 - ob), xp, pl.taps, t0,
                        Math.min(pl.nTaps, t0 + 4), acc, ob * pl.nTaps, pl.nTaps, q0, q1);
            }
        }
    }

    private static void biasGrad(ConvGeometry g, Tensor dy, Tensor db) {
        int o0 = g.outChannels(), plane = g.outHeight() * g.outWidth();
        Parallel.forRange(o0, 1, (from, to) -> {
            for (int o = from; o < to; o++) {
                double s = 0;
                for (int n = 0; n < g.batch(); n++) {
                    int base = dy.offset() + (n * o0 + o) * plane;
                    for (int i = 0; i < plane; i++) {
                        s += dy.data()[base + i];
                    }
                }
                db.data()[db.offset() + o] += (float) s;
            }
        });
    }
}
