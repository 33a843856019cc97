package org.hanzinet.core.conv;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.linalg.Gemm;

/**
 * Convolution as matrix multiply: unfold the input into columns ({@code im2col},
 * {@code [C, H, W] -> [C*KH*KW, rows*OW]} for a band of output rows), multiply with the weight matrix
 * {@code [O, C*KH*KW]} through the core {@link Gemm} (EJML), and fold gradients back ({@code col2im}).
 * The column buffer is bounded by {@link #MAX_COLUMN_FLOATS}: large images are processed in bands of
 * output rows, so model 2's 128 -> 64 layer (3200 x 262,144 columns, 3.4 GB unbanded) stays small.
 */
public final class Im2colConv2d implements ConvAlgorithm {
    /** Upper bound of the column buffer: 8 M floats (32 MB). */
    static final int MAX_COLUMN_FLOATS = 8 << 20;

    private float[] col = new float[0];
    private float[] tmp = new float[0];

    @Override
    public ConvImpl impl() {
        return ConvImpl.IM2COL;
    }

    /** Output rows per band so that the column buffer stays under the bound (at least one row). */
    private static int bandRows(ConvGeometry g) {
        long perRow = (long) g.taps() * g.outWidth();
        return (int) Math.max(1, Math.min(g.outHeight(), MAX_COLUMN_FLOATS / perRow));
    }

    private void ensureBuffers(ConvGeometry g) {
        int rows = bandRows(g);
        int colSize = g.taps() * rows * g.outWidth();
        int tmpSize = g.outChannels() * rows * g.outWidth();
        if (col.length < colSize) {
            col = new float[colSize];
        }
        if (tmp.length < tmpSize) {
            tmp = new float[tmpSize];
        }
    }

    private static Gemm.Threads threads() {
        return Parallel.threads() > 1 ? Gemm.Threads.MULTI : Gemm.Threads.SINGLE;
    }

    @Override
    public Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor y) {
        ConvAlgorithm.checkForward(g, x, w, b, y);
        ensureBuffers(g);
        int o0 = g.outChannels(), ckk = g.taps();
        int oh = g.outHeight(), ow = g.outWidth(), band = bandRows(g);
        Tensor wm = w.reshape(o0, ckk);
        for (int n = 0; n < g.batch(); n++) {
            for (int r0 = 0; r0 < oh; r0 += band) {
                int rows = Math.min(band, oh - r0), cols = rows * ow;
                im2col(g, x, n, r0, rows);
                Tensor out = Tensor.wrap(tmp, 0, o0, cols);
                Gemm.gemm(false, false, 1f, wm, Tensor.wrap(col, 0, ckk, cols), 0f, out, threads());
                // [O, rows*OW] band -> y[n, :, r0:r0+rows, :], plus bias
                for (int o = 0; o < o0; o++) {
                    int dst = y.offset() + ((n * o0 + o) * oh + r0) * ow;
                    float bias = b == null ? 0f : b.getFlat(o);
                    for (int i = 0; i < cols; i++) {
                        y.data()[dst + i] = tmp[o * cols + i] + bias;
                    }
                }
            }
        }
        return y;
    }

    @Override
    public Tensor backwardInput(ConvGeometry g, Tensor dy, Tensor w, Tensor dx) {
        ConvAlgorithm.checkBackward(g, null, dy, w, null);
        ConvGeometry.require("input gradient", dx, g.inputShape());
        ensureBuffers(g);
        int o0 = g.outChannels(), ckk = g.taps();
        int oh = g.outHeight(), band = bandRows(g);
        dx.fill(0f);
        Tensor wm = w.reshape(o0, ckk);
        for (int n = 0; n < g.batch(); n++) {
            for (int r0 = 0; r0 < oh; r0 += band) {
                int rows = Math.min(band, oh - r0), cols = rows * g.outWidth();
                Tensor dyBand = gatherBand(g, dy, n, r0, rows);
                // [C*K*K, O] x [O, cols] -> column gradient, folded back into dx
                Gemm.gemm(true, false, 1f, wm, dyBand, 0f, Tensor.wrap(col, 0, ckk, cols), threads());
                col2im(g, dx, n, r0, rows);
            }
        }
        return dx;
    }

    @Override
    public void backwardWeight(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        ConvAlgorithm.checkBackward(g, x, dy, dw, db);
        ensureBuffers(g);
        int o0 = g.outChannels(), ckk = g.taps();
        int oh = g.outHeight(), band = bandRows(g);
        Tensor dwm = dw.reshape(o0, ckk);
        for (int n = 0; n < g.batch(); n++) {
            for (int r0 = 0; r0 < oh; r0 += band) {
                int rows = Math.min(band, oh - r0), cols = rows * g.outWidth();
                im2col(g, x, n, r0, rows);
                Tensor dyBand = gatherBand(g, dy, n, r0, rows);
                // dW [O, C*K*K] += dy [O, cols] x col^T
                Gemm.gemm(false, true, 1f, dyBand, Tensor.wrap(col, 0, ckk, cols), 1f, dwm, threads());
            }
        }
        if (db != null) {
            BiasGradient.accumulate(g, dy, db);
        }
    }

    /** Copies dy[n, :, r0:r0+rows, :] into the contiguous buffer {@code tmp} as [O, rows*OW]. */
    private Tensor gatherBand(ConvGeometry g, Tensor dy, int n, int r0, int rows) {
        int o0 = g.outChannels(), ow = g.outWidth(), cols = rows * ow;
        for (int o = 0; o < o0; o++) {
            System.arraycopy(dy.data(), dy.offset() + ((n * o0 + o) * g.outHeight() + r0) * ow, tmp, o * cols, cols);
        }
        return Tensor.wrap(tmp, 0, o0, cols);
    }

    /** x[n] -> col [C*K*K, rows*OW] for output rows r0..r0+rows; zero where the window hits padding. */
    private void im2col(ConvGeometry g, Tensor x, int n, int r0, int rows) {
        int c0 = g.inChannels(), kh = g.kernelH(), kw = g.kernelW(), h = g.height(), wd = g.width();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        int ow = g.outWidth(), cols = rows * ow;
        float[] xd = x.data();
        int xBase = x.offset() + n * c0 * h * wd;
        Parallel.forRange(c0 * kh * kw, 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                int c = r / (kh * kw), ky = r / kw % kh, kx = r % kw;
                int dst = r * cols;
                for (int oy = r0; oy < r0 + rows; oy++) {
                    int iy = oy * sh - ph + ky;
                    for (int ox = 0; ox < ow; ox++) {
                        int ix = ox * sw - pw + kx;
                        boolean inside = iy >= 0 && iy < h && ix >= 0 && ix < wd;
                        col[dst++] = inside ? xd[xBase + (c * h + iy) * wd + ix] : 0f;
                    }
                }
            }
        });
    }

    /** Adds the column gradient back into dx[n]; one task per input channel, so no two threads share a pixel. */
    private void col2im(ConvGeometry g, Tensor dx, int n, int r0, int rows) {
        int c0 = g.inChannels(), kh = g.kernelH(), kw = g.kernelW(), h = g.height(), wd = g.width();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        int ow = g.outWidth(), cols = rows * ow;
        float[] d = dx.data();
        int base = dx.offset() + n * c0 * h * wd;
        Parallel.forRange(c0, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                for (int kk = 0; kk < kh * kw; kk++) {
                    int ky = kk / kw, kx = kk % kw, src = (c * kh * kw + kk) * cols;
                    for (int oy = r0; oy < r0 + rows; oy++) {
                        int iy = oy * sh - ph + ky;
                        for (int ox = 0; ox < ow; ox++, src++) {
                            int ix = ox * sw - pw + kx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                d[base + (c * h + iy) * wd + ix] += col[src];
                            }
                        }
                    }
                }
            }
        });
    }
}
