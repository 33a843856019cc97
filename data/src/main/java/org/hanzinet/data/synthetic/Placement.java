package org.hanzinet.data.synthetic;

import org.hanzinet.core.Rng;
import org.hanzinet.data.image.Homography;

/**
 * Where a sign tile lands in the scene: a rotation (mostly small, sometimes up to 30 degrees), an
 * optional perspective (one side nearer than the other), and a position that keeps it inside the image.
 */
final class Placement {
    final Homography toScene;
    /** The tile corners in the scene: top-left, top-right, bottom-right, bottom-left. */
    final double[] quad;
    /** Axis-aligned bounds {@code x0, y0, x1, y1} of {@link #quad}. */
    final double[] box;
    final boolean distorted;
    private final double angle;
    private final double yaw;
    private final double pitch;
    private final double u;
    private final double v;

    private Placement(Homography toScene, double[] quad, double[] box, double angle, double yaw, double pitch,
            double u, double v) {
        this.toScene = toScene;
        this.quad = quad;
        this.box = box;
        this.distorted = Math.abs(angle) > 20 || Math.abs(yaw) > 0.15;
        this.angle = angle;
        this.yaw = yaw;
        this.pitch = pitch;
        this.u = u;
        this.v = v;
    }

    /** A random placement of a {@code tw x th} tile, or null when it does not fit the image. */
    static Placement random(int tw, int th, int w, int h, Rng rng) {
        double angle = rng.nextDouble() < 0.1 ? rng.uniform(-30, 30) : Math.max(-15, Math.min(15, 5 * rng.nextGaussian()));
        boolean perspective = rng.nextDouble() < 0.5;
        double yaw = perspective ? rng.uniform(-0.25f, 0.25f) : 0;
        double pitch = perspective ? rng.uniform(-0.1f, 0.1f) : 0;
        return of(tw, th, w, h, angle, yaw, pitch, rng.nextDouble(), rng.nextDouble());
    }

    /** The tile's top-left corner at {@code (x, y)}, upright and flat (a shop front seen straight on). */
    static Placement at(int tw, int th, double x, double y) {
        double[] quad = {x, y, x + tw, y, x + tw, y + th, x, y + th};
        double[] tile = {0, 0, tw, 0, tw, th, 0, th};
        return new Placement(Homography.fromQuads(tile, quad), quad, new double[] {x, y, x + tw, y + th}, 0, 0, 0, 0.5, 0.5);
    }

    /** The same rotation, perspective and relative position for a tile of another size, or null if it does not fit. */
    Placement withTile(int tw, int th, int w, int h) {
        return of(tw, th, w, h, angle, yaw, pitch, u, v);
    }

    private static Placement of(int tw, int th, int w, int h, double angle, double yaw, double pitch, double u, double v) {
        double hw = tw / 2.0;
        double hh = th / 2.0;
        // Centred corners, nearer side larger: TL, TR, BR, BL.
        double[] local = {
            -hw * (1 + pitch), -hh * (1 + yaw), hw * (1 + pitch), -hh * (1 - yaw),
            hw * (1 - pitch), hh * (1 - yaw), -hw * (1 - pitch), hh * (1 + yaw)};
        double cos = Math.cos(Math.toRadians(angle));
        double sin = Math.sin(Math.toRadians(angle));
        double[] quad = new double[8];
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (int k = 0; k < 4; k++) {
            quad[2 * k] = cos * local[2 * k] - sin * local[2 * k + 1];
            quad[2 * k + 1] = sin * local[2 * k] + cos * local[2 * k + 1];
            x0 = Math.min(x0, quad[2 * k]);
            x1 = Math.max(x1, quad[2 * k]);
            y0 = Math.min(y0, quad[2 * k + 1]);
            y1 = Math.max(y1, quad[2 * k + 1]);
        }
        double spanX = w - 2 - (x1 - x0);
        double spanY = h - 2 - (y1 - y0);
        if (spanX <= 0 || spanY <= 0) {
            return null;
        }
        double cx = 1 - x0 + spanX * u;
        double cy = 1 - y0 + spanY * v;
        for (int k = 0; k < 4; k++) {
            quad[2 * k] += cx;
            quad[2 * k + 1] += cy;
        }
        double[] tile = {0, 0, tw, 0, tw, th, 0, th};
        return new Placement(Homography.fromQuads(tile, quad), quad, new double[] {x0 + cx, y0 + cy, x1 + cx, y1 + cy},
                angle, yaw, pitch, u, v);
    }
}
