package org.hanzinet.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.hanzinet.core.Tensor;

/**
 * A two-panel picture for one image: left the photo as the model saw it, right the photo with the
 * predicted probability as a heat map (transparent at 0, opaque red-yellow towards 1) and the ground-truth
 * mask outlined in green (ignored regions in blue). Both panels use the same pixel grid, enlarged by an
 * integer factor with nearest-neighbour sampling, so outlines and heat map line up with the characters.
 * (The data module's {@code Overlay} is the simpler one-panel mask check.)
 */
public final class PredictionOverlay {
    private static final Color TRUTH = new Color(0x00e000);
    private static final Color IGNORE = new Color(0x3070ff);

    private PredictionOverlay() {}

    /** The enlargement used for an image of side {@code size}: panels at least ~512 pixels wide. */
    public static int scaleFor(int size) {
        return Math.max(1, (512 + size - 1) / size);
    }

    /**
     * @param image  {@code [3, H, W]} RGB in [0, 1]
     * @param probs  {@code [1, H, W]} predicted probabilities
     * @param mask   {@code [1, H, W]} 0/1 ground truth, or null when unknown (predict on a bare photo)
     * @param ignore {@code [1, H, W]} 1 = ignored region, or null
     */
    public static BufferedImage render(Tensor image, Tensor probs, Tensor mask, Tensor ignore) {
        int h = image.size(1);
        int w = image.size(2);
        probs.requireShape("overlay probabilities", 1, h, w);
        int f = scaleFor(Math.max(h, w));
        BufferedImage photo = Png.fromRgb(image);
        BufferedImage out = new BufferedImage(2 * w * f, h * f, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            Image scaled = photo.getScaledInstance(w * f, h * f, Image.SCALE_REPLICATE);
            g.drawImage(scaled, 0, 0, null);
            g.drawImage(scaled, w * f, 0, null);
        } finally {
            g.dispose();
        }
        blendHeat(out, w * f, f, probs);
        Graphics2D o = out.createGraphics();
        try {
            o.setStroke(new BasicStroke(Math.max(1f, f / 2f)));
            if (ignore != null) {
                outline(o, ignore, w * f, f, IGNORE);
            }
            if (mask != null) {
                outline(o, mask, w * f, f, TRUTH);
            }
            o.setColor(Color.WHITE);
            o.fillRect(w * f - 1, 0, 2, h * f);
        } finally {
            o.dispose();
        }
        return out;
    }

    private static void blendHeat(BufferedImage out, int x0, int f, Tensor probs) {
        int h = probs.size(1);
        int w = probs.size(2);
        float[] d = probs.data();
        int off = probs.offset();
        for (int y = 0; y < h * f; y++) {
            for (int x = 0; x < w * f; x++) {
                float p = Math.max(0f, Math.min(1f, d[off + (y / f) * w + x / f]));
                int base = out.getRGB(x0 + x, y);
                int heat = heat(p);
                float a = 0.15f + 0.6f * p;
                out.setRGB(x0 + x, y, mix(base, heat, a));
            }
        }
    }

    /** Dark red at 0 through red and orange to yellow at 1. */
    static int heat(float p) {
        float r = Math.min(1f, 0.35f + 1.3f * p);
        float g = Math.max(0f, Math.min(1f, 1.6f * p - 0.6f));
        float b = Math.max(0f, 2.5f * p - 2.0f);
        return Png.rgb(r, g, b);
    }

    private static int mix(int base, int top, float a) {
        int r = Math.round(((base >> 16) & 255) * (1 - a) + ((top >> 16) & 255) * a);
        int g = Math.round(((base >> 8) & 255) * (1 - a) + ((top >> 8) & 255) * a);
        int b = Math.round((base & 255) * (1 - a) + (top & 255) * a);
        return (r << 16) | (g << 8) | b;
    }

    /** Draws the border between set and unset pixels of a {@code [1, H, W]} 0/1 map, at pixel edges. */
    private static void outline(Graphics2D g, Tensor map, int x0, int f, Color c) {
        int h = map.size(1);
        int w = map.size(2);
        g.setColor(c);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!on(map, x, y, w, h)) {
                    continue;
                }
                int px = x0 + x * f;
                int py = y * f;
                if (!on(map, x - 1, y, w, h)) {
                    g.drawLine(px, py, px, py + f - 1);
                }
                if (!on(map, x + 1, y, w, h)) {
                    g.drawLine(px + f - 1, py, px + f - 1, py + f - 1);
                }
                if (!on(map, x, y - 1, w, h)) {
                    g.drawLine(px, py, px + f - 1, py);
                }
                if (!on(map, x, y + 1, w, h)) {
                    g.drawLine(px, py + f - 1, px + f - 1, py + f - 1);
                }
            }
        }
    }

    private static boolean on(Tensor map, int x, int y, int w, int h) {
        return x >= 0 && y >= 0 && x < w && y < h && map.data()[map.offset() + y * w + x] > 0.5f;
    }
}
