package org.hanzinet.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import org.hanzinet.core.Rng;

/**
 * Street objects that a segmenter trained on plain walls mistakes for characters in real photos (the
 * calibration run's false positives): roll-up shutters, scalloped awnings, windows with grilles,
 * potted plants, parked scooters and cars, traffic cones, railings, and shelves of small goods, all
 * procedural (no licence needed), sized relative to the picture.
 */
final class StreetClutter {
    private static final int KINDS = 8;

    private StreetClutter() {
    }

    /** Draws one random object somewhere in the {@code w x h} picture. */
    static void drawOne(Graphics2D g, int w, int h, Rng rng) {
        int s = Math.max(w, h);
        double x = rng.nextDouble() * w;
        double y = rng.nextDouble() * h;
        switch (rng.nextInt(KINDS)) {
            case 0 -> shutter(g, x, y, s * rng.uniform(0.2f, 0.6f), s * rng.uniform(0.15f, 0.5f), rng);
            case 1 -> awning(g, x, y, s * rng.uniform(0.2f, 0.6f), s * rng.uniform(0.04f, 0.1f), rng);
            case 2 -> grille(g, x, y, s * rng.uniform(0.08f, 0.3f), s * rng.uniform(0.08f, 0.3f), rng);
            case 3 -> plant(g, x, y, s * rng.uniform(0.05f, 0.2f), rng);
            case 4 -> vehicle(g, x, y, s * rng.uniform(0.1f, 0.4f), rng);
            case 5 -> cone(g, x, y, s * rng.uniform(0.03f, 0.1f), rng);
            case 6 -> railing(g, x, y, s * rng.uniform(0.2f, 0.6f), s * rng.uniform(0.05f, 0.15f), rng);
            default -> shelf(g, x, y, s * rng.uniform(0.1f, 0.35f), s * rng.uniform(0.08f, 0.25f), rng);
        }
    }

    /** A metal roll-up shutter: a grey panel of many thin horizontal ribs with a light gradient. */
    private static void shutter(Graphics2D g, double x, double y, double w, double h, Rng rng) {
        int grey = 120 + rng.nextInt(100);
        Color base = Palette.jitter(new Color(grey, grey, grey + 5 > 255 ? 255 : grey + 5), rng, 10);
        g.setPaint(new GradientPaint((float) x, (float) y, base.brighter(), (float) x, (float) (y + h), base.darker()));
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
        double rib = Math.max(1.5, h / (15 + rng.nextInt(30)));
        g.setColor(base.darker().darker());
        g.setStroke(new BasicStroke((float) Math.max(0.6, rib / 4)));
        for (double yy = y + rib; yy < y + h; yy += rib) {
            g.draw(new java.awt.geom.Line2D.Double(x, yy, x + w, yy));
        }
    }

    /** A striped awning with a scalloped lower edge. */
    private static void awning(Graphics2D g, double x, double y, double w, double h, Rng rng) {
        int stripes = 6 + rng.nextInt(10);
        double sw = w / stripes;
        Color a = Palette.sign(rng);
        Color b = rng.nextDouble() < 0.6 ? Color.WHITE : Palette.sign(rng);
        for (int k = 0; k < stripes; k++) {
            g.setColor(k % 2 == 0 ? a : b);
            Path2D p = new Path2D.Double();
            p.moveTo(x + k * sw, y);
            p.lineTo(x + (k + 1) * sw, y);
            p.lineTo(x + (k + 1) * sw, y + h);
            p.append(new Arc2D.Double(x + k * sw, y + h - sw / 2, sw, sw, 0, -180, Arc2D.OPEN), true);
            p.closePath();
            g.fill(p);
        }
    }

    /** A window with a grid of glazing bars or a security grille. */
    private static void grille(Graphics2D g, double x, double y, double w, double h, Rng rng) {
        Color glass = Palette.jitter(new Color(70, 90, 110), rng, 40);
        g.setPaint(new GradientPaint((float) x, (float) y, glass.brighter(), (float) (x + w), (float) (y + h), glass.darker()));
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
        g.setColor(rng.nextDouble() < 0.5 ? Palette.muted(rng) : Color.DARK_GRAY);
        g.setStroke(new BasicStroke((float) Math.max(1, Math.min(w, h) / (20 + rng.nextInt(30)))));
        int cols = 2 + rng.nextInt(8);
        int rows = 1 + rng.nextInt(6);
        for (int i = 0; i <= cols; i++) {
            g.draw(new java.awt.geom.Line2D.Double(x + w * i / cols, y, x + w * i / cols, y + h));
        }
        for (int j = 0; j <= rows; j++) {
            g.draw(new java.awt.geom.Line2D.Double(x, y + h * j / rows, x + w, y + h * j / rows));
        }
    }

    /** A potted plant: a pot and a cluster of leaves in greens (or flowers). */
    private static void plant(Graphics2D g, double x, double y, double size, Rng rng) {
        g.setColor(Palette.jitter(new Color(150, 80, 50), rng, 40));
        g.fill(new java.awt.geom.Rectangle2D.Double(x - size * 0.25, y, size * 0.5, size * 0.4));
        for (int i = 0, n = 15 + rng.nextInt(40); i < n; i++) {
            boolean flower = rng.nextDouble() < 0.15;
            g.setColor(flower ? Palette.sign(rng) : Palette.jitter(new Color(50, 110, 40), rng, 35));
            double lx = x + size * 0.6 * rng.nextGaussian() * 0.6;
            double ly = y - size * 0.7 * rng.nextDouble();
            double lw = size * rng.uniform(0.05f, 0.2f);
            double lh = lw * rng.uniform(0.3f, 1f);
            g.fill(java.awt.geom.AffineTransform.getRotateInstance(rng.uniform(0, 3.14f), lx, ly)
                    .createTransformedShape(new Ellipse2D.Double(lx - lw / 2, ly - lh / 2, lw, lh)));
        }
    }

    /** A parked car or scooter from the side: a rounded body, windows, two wheels. */
    private static void vehicle(Graphics2D g, double x, double y, double len, Rng rng) {
        boolean scooter = rng.nextDouble() < 0.5;
        double h = len * (scooter ? 0.5 : 0.35);
        g.setColor(Palette.any(rng));
        g.fill(new RoundRectangle2D.Double(x, y, len, h * 0.7, h * 0.4, h * 0.4));
        if (!scooter) {
            g.setColor(Palette.jitter(new Color(60, 70, 80), rng, 20));
            g.fill(new RoundRectangle2D.Double(x + len * 0.2, y - h * 0.3, len * 0.55, h * 0.35, h * 0.2, h * 0.2));
        } else {
            g.setStroke(new BasicStroke((float) Math.max(1, len / 40)));
            g.draw(new java.awt.geom.Line2D.Double(x + len * 0.85, y, x + len * 0.75, y - h * 0.5));
        }
        g.setColor(new Color(25, 25, 25));
        double r = h * 0.35;
        g.fill(new Ellipse2D.Double(x + len * 0.12, y + h * 0.5, 2 * r, 2 * r));
        g.fill(new Ellipse2D.Double(x + len * 0.88 - 2 * r, y + h * 0.5, 2 * r, 2 * r));
    }

    /** A traffic cone: an orange triangle with white bands on a dark base. */
    private static void cone(Graphics2D g, double x, double y, double h, Rng rng) {
        g.setColor(Palette.jitter(new Color(240, 110, 20), rng, 20));
        Path2D p = new Path2D.Double();
        p.moveTo(x, y - h);
        p.lineTo(x + h * 0.3, y);
        p.lineTo(x - h * 0.3, y);
        p.closePath();
        g.fill(p);
        g.setColor(Color.WHITE);
        g.fill(new java.awt.geom.Rectangle2D.Double(x - h * 0.15, y - h * 0.55, h * 0.3, h * 0.12));
        g.setColor(new Color(30, 30, 30));
        g.fill(new java.awt.geom.Rectangle2D.Double(x - h * 0.4, y, h * 0.8, h * 0.08));
    }

    /** A railing: a top bar and many thin vertical bars, sometimes with a pattern between them. */
    private static void railing(Graphics2D g, double x, double y, double w, double h, Rng rng) {
        g.setColor(rng.nextDouble() < 0.5 ? Color.DARK_GRAY : Palette.muted(rng));
        g.setStroke(new BasicStroke((float) Math.max(1, h / 12)));
        g.draw(new java.awt.geom.Line2D.Double(x, y, x + w, y));
        g.draw(new java.awt.geom.Line2D.Double(x, y + h, x + w, y + h));
        double step = Math.max(3, h / (1 + rng.nextInt(4)));
        g.setStroke(new BasicStroke((float) Math.max(1, h / 25)));
        boolean pattern = rng.nextDouble() < 0.4;
        for (double xx = x; xx < x + w; xx += step) {
            g.draw(new java.awt.geom.Line2D.Double(xx, y, xx, y + h));
            if (pattern) {
                g.draw(new Ellipse2D.Double(xx + step * 0.15, y + h * 0.35, step * 0.7, h * 0.3));
            }
        }
    }

    /** Shelves of small boxes and bottles seen through a shop front: rows of small coloured blocks. */
    private static void shelf(Graphics2D g, double x, double y, double w, double h, Rng rng) {
        int rows = 2 + rng.nextInt(4);
        double rh = h / rows;
        for (int r = 0; r < rows; r++) {
            double cx = x;
            while (cx < x + w) {
                double bw = rh * rng.uniform(0.2f, 0.8f);
                double bh = rh * rng.uniform(0.5f, 0.9f);
                g.setColor(rng.nextDouble() < 0.5 ? Palette.any(rng) : Palette.sign(rng));
                g.fill(new java.awt.geom.Rectangle2D.Double(cx, y + (r + 1) * rh - bh, bw, bh));
                cx += bw + rh * 0.05;
            }
            g.setColor(Color.DARK_GRAY);
            g.fill(new java.awt.geom.Rectangle2D.Double(x, y + (r + 1) * rh, w, Math.max(1, rh * 0.06)));
        }
    }
}
