package org.hanzinet.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import org.hanzinet.core.Rng;

/**
 * The board of a shop front photographed straight on, as in ReCTS-style photos: a band across the
 * whole picture, 20 to 45 % of its height, in a sign colour with a light gradient and a frame, often
 * with a round logo at one end. The text on it is placed by the scene.
 *
 * @param x0 left edge in pixels
 * @param y0 top edge
 * @param x1 right edge
 * @param y1 bottom edge
 * @param colour the board's main colour (what the text must be readable on)
 * @param textX0 left end of the span free for text (right of a logo on the left)
 * @param textX1 right end of the span free for text (left of a logo on the right)
 */
record ShopBand(double x0, double y0, double x1, double y1, Color colour, double textX0, double textX1) {
    double height() {
        return y1 - y0;
    }

    /** Paints a random band into {@code img} and returns it. */
    static ShopBand paint(BufferedImage img, Rng rng) {
        int w = img.getWidth();
        int h = img.getHeight();
        double bh = h * rng.uniform(0.2f, 0.45f);
        double y0 = (h - bh) * rng.uniform(0.05f, 0.6f);
        Color colour = Palette.sign(rng);
        Graphics2D g = Scene.graphics(img);
        g.setPaint(new GradientPaint(0, (float) y0, colour.brighter(), 0, (float) (y0 + bh), colour));
        g.fill(new Rectangle2D.Double(0, y0, w, bh));
        double frame = Math.max(1, bh * rng.uniform(0.02f, 0.08f));
        g.setColor(rng.nextDouble() < 0.5 ? Palette.shade(colour, rng, 0.5).darker() : Palette.muted(rng));
        g.setStroke(new BasicStroke((float) frame));
        g.draw(new Rectangle2D.Double(-frame, y0 + frame / 2, w + 2 * frame, bh - frame));
        double textX0 = 0;
        double textX1 = w;
        if (rng.nextDouble() < 0.5) {
            double d = bh * rng.uniform(0.4f, 0.75f);
            boolean left = rng.nextDouble() < 0.5;
            double lx = left ? bh * 0.2 : w - bh * 0.2 - d;
            textX0 = left ? lx + d : 0;
            textX1 = left ? w : lx;
            g.setColor(Palette.readableOn(colour, rng));
            g.fill(new Ellipse2D.Double(lx, y0 + (bh - d) / 2, d, d));
            g.setColor(Palette.any(rng));
            g.fill(new Ellipse2D.Double(lx + d * 0.2, y0 + (bh - d) / 2 + d * 0.25, d * 0.6, d * 0.45));
        }
        g.dispose();
        return new ShopBand(0, y0, w, y0 + bh, colour, textX0, textX1);
    }
}
