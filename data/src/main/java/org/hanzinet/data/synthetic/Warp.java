package org.hanzinet.data.synthetic;

import org.hanzinet.data.image.Homography;

/**
 * Draws an ARGB tile into an RGB canvas through a homography (inverse mapping, bilinear sampling,
 * alpha blending): how a flat sign is put into the scene in perspective.
 */
final class Warp {
    private Warp() {
    }

    /**
     * @param canvas  {@code [H, W]} packed 0xRRGGBB pixels, blended in place
     * @param tile    {@code [th, tw]} packed 0xAARRGGBB pixels (not premultiplied)
     * @param toScene maps tile coordinates to canvas coordinates
     * @param quad    the tile's corners in the canvas, {@code x0, y0, ..., x3, y3}, to bound the work
     */
    static void draw(int[] canvas, int w, int h, int[] tile, int tw, int th, Homography toScene, double[] quad) {
        Homography toTile = toScene.inverse();
        int x0 = Math.max(0, (int) Math.floor(min(quad, 0)));
        int x1 = Math.min(w - 1, (int) Math.ceil(max(quad, 0)));
        int y0 = Math.max(0, (int) Math.floor(min(quad, 1)));
        int y1 = Math.min(h - 1, (int) Math.ceil(max(quad, 1)));
        double[] uv = new double[2];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                toTile.map(x + 0.5, y + 0.5, uv);
                double u = uv[0] - 0.5;
                double v = uv[1] - 0.5;
                if (u < -0.5 || v < -0.5 || u > tw - 0.5 || v > th - 0.5) {
                    continue;
                }
                blend(canvas, y * w + x, tile, tw, th, u, v);
            }
        }
    }

    private static void blend(int[] canvas, int at, int[] tile, int tw, int th, double u, double v) {
        int iu = (int) Math.floor(u);
        int iv = (int) Math.floor(v);
        double fu = u - iu;
        double fv = v - iv;
        double a = 0;
        double r = 0;
        double g = 0;
        double b = 0;
        for (int k = 0; k < 4; k++) {
            int cu = Math.min(tw - 1, Math.max(0, iu + (k & 1)));
            int cv = Math.min(th - 1, Math.max(0, iv + (k >> 1)));
            double wt = ((k & 1) == 0 ? 1 - fu : fu) * ((k >> 1) == 0 ? 1 - fv : fv);
            int p = tile[cv * tw + cu];
            double pa = ((p >>> 24) / 255.0) * wt;
            a += pa;
            r += pa * ((p >> 16) & 0xFF);
            g += pa * ((p >> 8) & 0xFF);
            b += pa * (p & 0xFF);
        }
        if (a <= 1e-6) {
            return;
        }
        int q = canvas[at];
        int nr = (int) Math.round(r + (1 - a) * ((q >> 16) & 0xFF));
        int ng = (int) Math.round(g + (1 - a) * ((q >> 8) & 0xFF));
        int nb = (int) Math.round(b + (1 - a) * (q & 0xFF));
        canvas[at] = (clamp(nr) << 16) | (clamp(ng) << 8) | clamp(nb);
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    private static double min(double[] q, int off) {
        return Math.min(Math.min(q[off], q[off + 2]), Math.min(q[off + 4], q[off + 6]));
    }

    private static double max(double[] q, int off) {
        return Math.max(Math.max(q[off], q[off + 2]), Math.max(q[off + 4], q[off + 6]));
    }
}
