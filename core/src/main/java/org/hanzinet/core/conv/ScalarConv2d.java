package org.hanzinet.core.conv;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;

/**
 * The reference convolution: the textbook loops, written to be obviously correct rather than fast.
 * Every output element is computed by exactly one thread in a fixed order, so results do not depend
 * on the thread count. The weight gradient sums in double precision: it is the oracle for the others.
 */
public final class ScalarConv2d implements ConvAlgorithm {

    @Override
    public ConvImpl impl() {
        return ConvImpl.SCALAR;
    }

    @Override
    public Tensor forward(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor y) {
        ConvAlgorithm.checkForward(g, x, w, b, y);
        int oc = g.outChannels();
        // One task per (image, output channel): each writes its own output plane.
        Parallel.forRange(g.batch() * oc, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                forwardPlane(g, x, w, b, y, i / oc, i % oc);
            }
        });
        return y;
    }

    private static void forwardPlane(ConvGeometry g, Tensor x, Tensor w, Tensor b, Tensor y, int n, int o) {
        int c0 = g.inChannels(), h = g.height(), wd = g.width(), kh = g.kernelH(), kw = g.kernelW();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        int oh = g.outHeight(), ow = g.outWidth();
        float[] xd = x.data(), wdt = w.data(), yd = y.data();
        int xBase = x.offset() + n * c0 * h * wd;
        int wBase = w.offset() + o * c0 * kh * kw;
        int yBase = y.offset() + (n * g.outChannels() + o) * oh * ow;
        float bias = b == null ? 0f : b.data()[b.offset() + o];
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float sum = bias;
                for (int c = 0; c < c0; c++) {
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sh - ph + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sw - pw + kx;
                            if (ix >= 0 && ix < wd) {
                                sum += wdt[wBase + (c * kh + ky) * kw + kx] * xd[xBase + (c * h + iy) * wd + ix];
                            }
                        }
                    }
                }
                yd[yBase + oy * ow + ox] = sum;
            }
        }
    }

    @Override
    public Tensor backwardInput(ConvGeometry g, Tensor dy, Tensor w, Tensor dx) {
        ConvAlgorithm.checkBackward(g, null, dy, w, null);
        ConvGeometry.require("input gradient", dx, g.inputShape());
        int c0 = g.inChannels();
        // One task per (image, input channel): dx[n, c] is written by that task only.
        Parallel.forRange(g.batch() * c0, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                inputGradPlane(g, dy, w, dx, i / c0, i % c0);
            }
        });
        return dx;
    }

    private static void inputGradPlane(ConvGeometry g, Tensor dy, Tensor w, Tensor dx, int n, int c) {
        int c0 = g.inChannels(), h = g.height(), wd = g.width(), kh = g.kernelH(), kw = g.kernelW();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        int oh = g.outHeight(), ow = g.outWidth(), o0 = g.outChannels();
        float[] dyd = dy.data(), wdt = w.data(), dxd = dx.data();
        int dxBase = dx.offset() + (n * c0 + c) * h * wd;
        java.util.Arrays.fill(dxd, dxBase, dxBase + h * wd, 0f);
        for (int o = 0; o < o0; o++) {
            int dyBase = dy.offset() + (n * o0 + o) * oh * ow;
            int wBase = w.offset() + (o * c0 + c) * kh * kw;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    float gv = dyd[dyBase + oy * ow + ox];
                    for (int ky = 0; ky < kh; ky++) {
                        int iy = oy * sh - ph + ky;
                        if (iy < 0 || iy >= h) {
                            continue;
                        }
                        for (int kx = 0; kx < kw; kx++) {
                            int ix = ox * sw - pw + kx;
                            if (ix >= 0 && ix < wd) {
                                dxd[dxBase + iy * wd + ix] += gv * wdt[wBase + ky * kw + kx];
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public void backwardWeight(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db) {
        ConvAlgorithm.checkBackward(g, x, dy, dw, db);
        // One task per output channel: dw[o] and db[o] are written by that task only.
        Parallel.forRange(g.outChannels(), 1, (from, to) -> {
            for (int o = from; o < to; o++) {
                weightGradChannel(g, x, dy, dw, db, o);
            }
        });
    }

    private static void weightGradChannel(ConvGeometry g, Tensor x, Tensor dy, Tensor dw, Tensor db, int o) {
        int c0 = g.inChannels(), h = g.height(), wd = g.width(), kh = g.kernelH(), kw = g.kernelW();
        int sh = g.strideH(), sw = g.strideW(), ph = g.padH(), pw = g.padW();
        int oh = g.outHeight(), ow = g.outWidth(), o0 = g.outChannels();
        float[] xd = x.data(), dyd = dy.data();
        double bsum = 0;
        for (int c = 0; c < c0; c++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    double sum = 0;
                    for (int n = 0; n < g.batch(); n++) {
                        int dyBase = dy.offset() + (n * o0 + o) * oh * ow;
                        int xBase = x.offset() + (n * c0 + c) * h * wd;
                        for (int oy = 0; oy < oh; oy++) {
                            int iy = oy * sh - ph + ky;
                            if (iy < 0 || iy >= h) {
                                continue;
                            }
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * sw - pw + kx;
                                if (ix >= 0 && ix < wd) {
                                    sum += (double) dyd[dyBase + oy * ow + ox] * xd[xBase + iy * wd + ix];
                                }
                            }
                        }
                    }
                    int wi = dw.offset() + ((o * c0 + c) * kh + ky) * kw + kx;
                    dw.data()[wi] += (float) sum;
                }
            }
        }
        if (db != null) {
            for (int n = 0; n < g.batch(); n++) {
                int dyBase = dy.offset() + (n * o0 + o) * oh * ow;
                for (int i = 0; i < oh * ow; i++) {
                    bsum += dyd[dyBase + i];
                }
            }
            db.data()[db.offset() + o] += (float) bsum;
        }
    }
}
