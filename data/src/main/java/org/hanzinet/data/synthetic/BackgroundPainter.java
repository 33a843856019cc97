package org.hanzinet.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.hanzinet.core.Rng;

/**
 * Procedural street-like backgrounds: a lit gradient, then a brick wall, tiled facade or storefront
 * panels, then clutter (windows, poles, cables, awnings, lamps), then street objects
 * ({@link StreetClutter}: shutters, plants, vehicles, cones, railings, shelves), then grain. Everything is drawn from
 * the given {@link Rng}, so a seed fixes the picture.
 */
final class BackgroundPainter {
    private BackgroundPainter() {
    }

    /** Paints all of {@code img} ({@link BufferedImage#TYPE_INT_RGB}). */
    static void paint(BufferedImage img, Rng rng) {
        Graphics2D g = Scene.graphics(img);
        int w = img.getWidth();
        int h = img.getHeight();
        Color a = Palette.muted(rng);
        Color b = Palette.muted(rng);
        g.setPaint(new GradientPaint(0, 0, a, (float) (w * rng.nextDouble()), h, b));
        g.fillRect(0, 0, w, h);
        double kind = rng.nextDouble();
        if (kind < 0.4) {
            bricks(g, w, h, rng);
        } else if (kind < 0.65) {
            panels(g, w, h, rng);
        }
        int clutter = 4 + rng.nextInt(12);
        for (int i = 0; i < clutter; i++) {
            clutter(g, w, h, rng);
        }
        int objects = 2 + rng.nextInt(7);
        for (int i = 0; i < objects; i++) {
            StreetClutter.drawOne(g, w, h, rng);
        }
        g.dispose();
        int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        stains(px, w, h, rng);
        grain(px, w, h, rng);
    }

    /**
     * Multiplies the picture by smooth random light and dirt: value noise on a coarse grid (4 to 16
     * cells across), bilinearly interpolated, +-{@code depth}. Makes flat walls look weathered.
     */
    private static void stains(int[] px, int w, int h, Rng rng) {
        int cells = 4 + rng.nextInt(13);
        double depth = rng.uniform(0.08f, 0.3f);
        double[] grid = new double[(cells + 1) * (cells + 1)];
        for (int i = 0; i < grid.length; i++) {
            grid[i] = 1 + depth * (2 * rng.nextDouble() - 1);
        }
        for (int y = 0; y < h; y++) {
            double gy = (double) y * cells / h;
            int iy = (int) gy;
            double fy = gy - iy;
            for (int x = 0; x < w; x++) {
                double gx = (double) x * cells / w;
                int ix = (int) gx;
                double fx = gx - ix;
                int k = iy * (cells + 1) + ix;
                double f = (grid[k] * (1 - fx) + grid[k + 1] * fx) * (1 - fy)
                        + (grid[k + cells + 1] * (1 - fx) + grid[k + cells + 2] * fx) * fy;
                int p = px[y * w + x];
                px[y * w + x] = (clamp((int) (((p >> 16) & 0xFF) * f)) << 16) | (clamp((int) (((p >> 8) & 0xFF) * f)) << 8)
                        | clamp((int) ((p & 0xFF) * f));
            }
        }
    }

    private static void bricks(Graphics2D g, int w, int h, Rng rng) {
        int bh = Math.max(2, (int) (h / (12 + rng.nextInt(30))));
        int bw = bh * (2 + rng.nextInt(2));
        Color base = Palette.brick(rng);
        int grey = 150 + rng.nextInt(80);
        Color mortar = Palette.jitter(new Color(grey, grey - 5, grey - 12), rng, 10);
        g.setColor(mortar);
        g.fillRect(0, 0, w, h);
        int gap = Math.max(1, bh / 8);
        for (int row = 0, y = 0; y < h; row++, y += bh) {
            for (int x = (row % 2) * -bw / 2; x < w; x += bw) {
                g.setColor(Palette.shade(base, rng, 0.18));
                g.fillRect(x + gap, y + gap, bw - gap, bh - gap);
            }
        }
    }

    private static void panels(Graphics2D g, int w, int h, Rng rng) {
        int n = 2 + rng.nextInt(6);
        Color base = Palette.muted(rng);
        for (int i = 0; i < n; i++) {
            int x0 = i * w / n;
            g.setColor(Palette.jitter(base, rng, 40));
            g.fillRect(x0, 0, w / n + 1, h);
            g.setColor(Palette.jitter(base, rng, 80).darker());
            g.fillRect(x0, 0, Math.max(1, w / 200), h);
        }
    }

    private static void clutter(Graphics2D g, int w, int h, Rng rng) {
        int s = Math.max(w, h);
        g.setColor(rng.nextDouble() < 0.3 ? Palette.any(rng) : Palette.muted(rng));
        int x = rng.nextInt(w);
        int y = rng.nextInt(h);
        switch (rng.nextInt(5)) {
            case 0 -> { // window with frame
                int ww = (int) (s * rng.uniform(0.05f, 0.25f));
                int wh = (int) (s * rng.uniform(0.05f, 0.3f));
                g.fillRect(x, y, ww, wh);
                g.setColor(Palette.jitter(g.getColor(), rng, 90).darker());
                g.setStroke(new BasicStroke(Math.max(1f, s / 300f)));
                g.drawRect(x, y, ww, wh);
                g.drawLine(x + ww / 2, y, x + ww / 2, y + wh);
            }
            case 1 -> g.fillRect(x, 0, Math.max(1, (int) (s * rng.uniform(0.004f, 0.02f))), h); // pole
            case 2 -> { // cable
                g.setStroke(new BasicStroke(Math.max(1f, s * rng.uniform(0.001f, 0.004f))));
                g.draw(new QuadCurve2D.Double(0, y, w / 2.0, y + s * rng.uniform(-0.1f, 0.2f), w, rng.nextInt(h)));
            }
            case 3 -> { // striped awning
                int aw = (int) (s * rng.uniform(0.15f, 0.5f));
                int ah = (int) (s * rng.uniform(0.03f, 0.08f));
                int stripe = Math.max(2, aw / (6 + rng.nextInt(8)));
                Color c1 = g.getColor();
                Color c2 = Palette.any(rng);
                for (int k = 0; k * stripe < aw; k++) {
                    g.setColor(k % 2 == 0 ? c1 : c2);
                    g.fillRect(x + k * stripe, y, stripe, ah);
                }
            }
            default -> { // lamp or round sign
                int d = (int) (s * rng.uniform(0.01f, 0.06f));
                g.fillOval(x, y, d, d);
            }
        }
    }

    /** Adds fine grain and a soft horizontal light falloff, in place. */
    private static void grain(int[] px, int w, int h, Rng rng) {
        int amp = 4 + rng.nextInt(14);
        double light = rng.uniform(-0.25f, 0.25f);
        long state = rng.nextLong() | 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                state ^= state << 13; // xorshift: per-pixel randomness, cheap and seeded
                state ^= state >>> 7;
                state ^= state << 17;
                int n = (int) ((state >>> 40) % (2 * amp + 1)) - amp;
                double f = 1 + light * ((double) x / w - 0.5);
                int p = px[y * w + x];
                int r = clamp((int) (((p >> 16) & 0xFF) * f) + n);
                int gr = clamp((int) (((p >> 8) & 0xFF) * f) + n);
                int b = clamp((int) ((p & 0xFF) * f) + n);
                px[y * w + x] = (r << 16) | (gr << 8) | b;
            }
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
