package org.hanzinet.data.synthetic;

import java.awt.Color;
import org.hanzinet.core.Rng;

/** Colour choices for scenes: muted wall colours, brick reds, sign colours, and readable text colours. */
final class Palette {
    private static final int[] SIGN = {0xC8102E, 0xFFD100, 0x0033A0, 0x00843D, 0xFFFFFF, 0x111111, 0xE87722, 0x6D2077};

    private Palette() {
    }

    static Color muted(Rng rng) {
        return new Color(Color.HSBtoRGB(rng.uniform(0, 1), rng.uniform(0.05f, 0.4f), rng.uniform(0.25f, 0.85f)));
    }

    static Color brick(Rng rng) {
        return new Color(Color.HSBtoRGB(rng.uniform(0.0f, 0.08f), rng.uniform(0.35f, 0.7f), rng.uniform(0.35f, 0.7f)));
    }

    static Color any(Rng rng) {
        return new Color(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256));
    }

    /** A saturated sign colour (shop boards are red, yellow, blue, green, white, black, ...). */
    static Color sign(Rng rng) {
        return jitter(new Color(SIGN[rng.nextInt(SIGN.length)]), rng, 30);
    }

    /** {@code c} darker or lighter by up to {@code amount} (fraction), hue kept, plus a little channel noise. */
    static Color shade(Color c, Rng rng, double amount) {
        double f = 1 + amount * (2 * rng.nextDouble() - 1);
        return jitter(new Color(clamp((int) (c.getRed() * f)), clamp((int) (c.getGreen() * f)), clamp((int) (c.getBlue() * f))),
                rng, 6);
    }

    static Color jitter(Color c, Rng rng, int amount) {
        return new Color(clamp(c.getRed() + rng.nextInt(2 * amount + 1) - amount),
                clamp(c.getGreen() + rng.nextInt(2 * amount + 1) - amount),
                clamp(c.getBlue() + rng.nextInt(2 * amount + 1) - amount));
    }

    /** A colour whose luminance differs from {@code background}'s by at least 0.35 (of 1). */
    static Color readableOn(Color background, Rng rng) {
        double lb = luminance(background);
        for (int i = 0; i < 20; i++) {
            Color c = rng.nextDouble() < 0.5 ? sign(rng) : any(rng);
            if (Math.abs(luminance(c) - lb) >= 0.35) {
                return c;
            }
        }
        return lb > 0.5 ? new Color(20, 20, 20) : new Color(240, 240, 235);
    }

    static double luminance(Color c) {
        return (0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue()) / 255;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
