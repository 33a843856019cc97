package org.hanzinet.data.augment;

/** Turns the hue of every pixel of a {@code [3, H, W]} image in [0, 1] by {@code shift} of a full turn (HSV). */
final class HueShift {
    private HueShift() {
    }

    static void apply(float[] rgb, int n, double shift) {
        if (shift == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            double r = rgb[i];
            double g = rgb[n + i];
            double b = rgb[2 * n + i];
            double max = Math.max(r, Math.max(g, b));
            double min = Math.min(r, Math.min(g, b));
            double d = max - min;
            if (d <= 0) {
                continue; // grey: no hue to turn
            }
            double h = max == r ? (g - b) / d : max == g ? 2 + (b - r) / d : 4 + (r - g) / d; // in sixths
            h = ((h / 6 + shift) % 1 + 1) % 1 * 6;
            int sector = Math.min(5, (int) h);
            double f = h - sector;
            double p = min;
            double q = max - d * f;
            double t = min + d * f;
            double[] out = switch (sector) {
                case 0 -> new double[] {max, t, p};
                case 1 -> new double[] {q, max, p};
                case 2 -> new double[] {p, max, t};
                case 3 -> new double[] {p, q, max};
                case 4 -> new double[] {t, p, max};
                default -> new double[] {max, p, q};
            };
            rgb[i] = (float) out[0];
            rgb[n + i] = (float) out[1];
            rgb[2 * n + i] = (float) out[2];
        }
    }
}
