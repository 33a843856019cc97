package org.hanzinet.core.conv;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.ConvKernels;

/**
 * Buffers and tap tables of {@link DirectConv2d} for one geometry (any batch size).
 *
 * <p>Every plane is stored flat with one row stride {@code S = W + 2pw + KW - 1}, so a kernel tap
 * (channel, ky, kx) is a fixed offset and a run of output pixels is a run of memory:
 * <ul>
 * <li>{@code xp [C, Hp, S]}: the input with its zero padding ({@code Hp = H + 2ph}, {@code pw} columns left).</li>
 * <li>{@code dyp [Opad, Hd, S]}: the output gradient dilated by the strides and padded by {@code KH - 1}
 *     rows and {@code KW - 1} columns on every side, so that the input gradient is a plain stride-1 correlation with the flipped,
 *     transposed kernel, and the weight gradient a dot product over the same flat index.</li>
 * </ul>
 * Borders, dilation holes and the slack after each buffer are zero once and stay zero: fills only
 * ever write the interior positions, which are the same for every call at this geometry.
 */
final class DirectPlan {
    /** Floats of zero slack after each buffer: covers the kernels' overrun and the last tile. */
    private static final int SLACK = 256;
    /**
     * Floats of padded input plus padded output gradient that the weight gradient may hold for several
     * images at once (8 MB): small planes (the U-Net's 16 and 32 px levels) then run all their images
     * per block of weights, instead of sweeping the whole lane-expanded weight gradient once per image.
     */
    private static final int MULTI_IMAGE_FLOATS = 2 << 20;

    final ConvGeometry g;
    final int kh, kw, sh, sw, ph, pw, hp, rowStride, oh1, ow1, hd, planeX, planeD, oPad, cPad, nTaps, nTapsD;
    /** Image slots of xp and dyp (see {@link #MULTI_IMAGE_FLOATS}); slot {@code s} starts at {@code s * imageX} / {@code s * imageD}. */
    final int slots, imageX, imageD;
    /** Offsets of the taps (c, ky, kx) in xp, padded with zeros to a multiple of 4. */
    final int[] taps;
    /** {@link #taps} padded with zeros to a multiple of {@link ConvKernels#GRAD_T_TAPS} instead, for {@code correlateGradT}. */
    final int[] tapsT;
    /** Offsets of the taps (o, ky, kx) in dyp, for the input gradient. */
    final int[] tapsD;
    final float[] wPack;
    final float[] wPackD;
    final float[] biasPad;
    private float[] xp;
    private float[] dyp;
    private float[] dwBuf;
    private float[] dwTBuf;

    DirectPlan(ConvGeometry geometry) {
        g = geometry.withBatch(1);
        kh = g.kernelH();
        kw = g.kernelW();
        sh = g.strideH();
        sw = g.strideW();
        ph = g.padH();
        pw = g.padW();
        hp = g.height() + 2 * ph;
        rowStride = g.width() + 2 * pw + kw - 1;
        oh1 = (g.outHeight() - 1) * sh + 1;
        ow1 = (g.outWidth() - 1) * sw + 1;
        hd = hp + kh + 2 + 64 / rowStride;
        planeX = hp * rowStride;
        planeD = hd * rowStride;
        oPad = roundUp(g.outChannels(), 4);
        cPad = roundUp(g.inChannels(), 4);
        imageX = g.inChannels() * planeX;
        imageD = oPad * planeD;
        slots = Math.min(geometry.batch(), maxSlots(imageX, imageD));
        int kk = kh * kw;
        nTaps = g.inChannels() * kk;
        nTapsD = g.outChannels() * kk;
        taps = new int[roundUp(nTaps, 4)];
        for (int t = 0; t < nTaps; t++) {
            taps[t] = t / kk * planeX + t / kw % kh * rowStride + t % kw;
        }
        tapsT = java.util.Arrays.copyOf(taps, roundUp(nTaps, ConvKernels.GRAD_T_TAPS));
        tapsD = new int[nTapsD];
        for (int t = 0; t < nTapsD; t++) {
            tapsD[t] = t / kk * planeD + t / kw % kh * rowStride + t % kw;
        }
        wPack = new float[oPad * nTaps];
        wPackD = new float[cPad * nTapsD];
        biasPad = new float[oPad];
    }

    static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    private static int maxSlots(int imageX, int imageD) {
        return (int) Math.max(1, MULTI_IMAGE_FLOATS / ((long) imageX + imageD));
    }

    /** Same geometry, whatever the batch, and enough image slots for that batch. */
    boolean fits(ConvGeometry other) {
        return g.equals(other.withBatch(1)) && slots >= Math.min(other.batch(), maxSlots(imageX, imageD));
    }

    float[] xp() {
        if (xp == null) {
            xp = new float[Math.addExact(Math.multiplyExact(slots, imageX), SLACK)];
        }
        return xp;
    }

    float[] dyp() {
        if (dyp == null) {
            dyp = new float[Math.addExact(Math.multiplyExact(slots, imageD), SLACK)];
        }
        return dyp;
    }

    /** Weight-gradient partial sums, {@code lanes} per element of [O, C*KH*KW]. */
    float[] dwBuf(int lanes) {
        int size = Math.multiplyExact(g.outChannels() * nTaps, lanes);
        if (dwBuf == null || dwBuf.length != size) {
            dwBuf = new float[size];
        }
        return dwBuf;
    }

    /** Transposed weight-gradient sums, [O / block][tap blocks][12][block]. */
    float[] dwTBuf() {
        int size = Math.multiplyExact(g.outChannels(), tapsT.length);
        if (dwTBuf == null || dwTBuf.length != size) {
            dwTBuf = new float[size];
        }
        return dwTBuf;
    }

    /** w [O, C, KH, KW] -> wPack [O/4][C*KH*KW][4], zero rows for the padding channels; bias likewise. */
    void packWeights(Tensor w, Tensor b) {
        float[] wd = w.data();
        int o0 = g.outChannels();
        for (int o = 0; o < o0; o++) {
            int blk = o / 4 * nTaps * 4 + o % 4;
            int src = w.offset() + o * nTaps;
            for (int t = 0; t < nTaps; t++) {
                wPack[blk + 4 * t] = wd[src + t];
            }
            biasPad[o] = b == null ? 0f : b.getFlat(o);
        }
    }

    /** w [O, C, KH, KW] -> wPackD [C/4][O*KH*KW][4] with wPackD[c][o, ky, kx] = w[o, c, KH-1-ky, KW-1-kx]. */
    void packWeightsFlipped(Tensor w) {
        float[] wd = w.data();
        int c0 = g.inChannels(), kk = kh * kw;
        for (int c = 0; c < c0; c++) {
            int blk = c / 4 * nTapsD * 4 + c % 4;
            for (int o = 0; o < g.outChannels(); o++) {
                int src = w.offset() + (o * c0 + c) * kk;
                for (int i = 0; i < kk; i++) {
                    wPackD[blk + 4 * (o * kk + i)] = wd[src + kk - 1 - i];
                }
            }
        }
    }

    /** x[n] [C, H, W] -> interior of xp's first slot. */
    void fillInput(Tensor x, int n) {
        fillInput(x, n, 0);
    }

    /** x[n] [C, H, W] -> interior of xp's image slot {@code slot}. */
    void fillInput(Tensor x, int n, int slot) {
        float[] dst = xp();
        int at = slot * imageX;
        int h = g.height(), w = g.width(), c0 = g.inChannels();
        int base = x.offset() + n * c0 * h * w;
        Parallel.forRange(c0 * h, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int c = r / h, y = r % h;
                System.arraycopy(x.data(), base + r * w, dst, at + c * planeX + (y + ph) * rowStride + pw, w);
            }
        });
    }

    /**
     * Rows {@code [y0, y1)} of the dilated output gradient of image {@code n} -> {@code dst}, as
     * [O / block][(y1 - y0) * S][block]: element (o, u, v) at pixel {@code (u * sh - y0) * S + v * sw}, channel
     * {@code o % block} of block {@code o / block}. Writes every position, the zeros of dilation holes and of
     * the columns past the output included, so {@code dst} may be scratch that other geometries used.
     */
    void fillOutputGradT(Tensor dy, int n, int y0, int y1, float[] dst, int block) {
        int oh = g.outHeight(), ow = g.outWidth(), o0 = g.outChannels(), rows = y1 - y0;
        int base = dy.offset() + n * o0 * oh * ow, plane = oh * ow, chunk = rows * rowStride;
        float[] src = dy.data();
        Parallel.forRange(o0 / block * rows, 1, (from, to) -> {
            for (int r = from; r < to; r++) {
                int ob = r / rows, y = y0 + r % rows;
                int d = (ob * chunk + (y - y0) * rowStride) * block;
                java.util.Arrays.fill(dst, d, d + rowStride * block, 0f);
                if (y % sh != 0) {
                    continue;
                }
                // Channel by channel: contiguous reads, writes at a stride of one block within the row's
                // [S][block] slab (a few KB). Pixel by pixel instead reads `block` planes at once, a multiple of
                // 4 KB apart for large planes: the same L1 set, every read a miss (m2_conv2 ran 4x slower).
                int srcRow = base + ob * block * plane + y / sh * ow, step = sw * block;
                for (int j = 0; j < block; j++) {
                    int sj = srcRow + j * plane, dj = d + j;
                    for (int v = 0; v < ow; v++) {
                        dst[dj + v * step] = src[sj + v];
                    }
                }
            }
        });
    }

    /** dy[n] [O, OH, OW] -> dyp's first slot, element (u, v) at row u*sh + KH-1, column v*sw + KW-1. */
    void fillOutputGrad(Tensor dy, int n) {
        fillOutputGrad(dy, n, 0);
    }

    /** dy[n] [O, OH, OW] -> dyp's image slot {@code slot}. */
    void fillOutputGrad(Tensor dy, int n, int slot) {
        float[] dst = dyp();
        int at = slot * imageD;
        int oh = g.outHeight(), ow = g.outWidth(), o0 = g.outChannels();
        int base = dy.offset() + n * o0 * oh * ow;
        float[] src = dy.data();
        Parallel.forRange(o0 * oh, 64, (from, to) -> {
            for (int r = from; r < to; r++) {
                int o = r / oh, u = r % oh;
                int d = at + o * planeD + (u * sh + kh - 1) * rowStride + kw - 1;
                if (sw == 1) {
                    System.arraycopy(src, base + r * ow, dst, d, ow);
                } else {
                    for (int v = 0; v < ow; v++) {
                        dst[d + v * sw] = src[base + r * ow + v];
                    }
                }
            }
        });
    }
}
