package org.hanzinet.data.augment;

import org.hanzinet.core.Rng;
import org.hanzinet.data.dataset.Sample;

/**
 * Random brightness, contrast, saturation and hue, applied in a random order, as torchvision's
 * {@code ColorJitter}: brightness multiplies by a factor in {@code [max(0, 1 - b), 1 + b]}, contrast
 * blends with the mean grey, saturation blends with the pixel's own grey, and hue turns the colour
 * wheel by up to {@code hue} of a full turn. Masks are unchanged.
 *
 * @param brightness in [0, 10]
 * @param contrast   in [0, 10]
 * @param saturation in [0, 10]
 * @param hue        in [0, 0.5]
 */
public record ColorJitter(double brightness, double contrast, double saturation, double hue) implements Augmentation {
    public ColorJitter {
        Check.inRange("ColorJitter.brightness", brightness, 0, 10);
        Check.inRange("ColorJitter.contrast", contrast, 0, 10);
        Check.inRange("ColorJitter.saturation", saturation, 0, 10);
        Check.inRange("ColorJitter.hue", hue, 0, 0.5);
    }

    @Override
    public Sample apply(Sample in, Rng rng) {
        float[] rgb = in.image().toArray(); // [3, H, W]
        int n = in.height() * in.width();
        int[] order = {0, 1, 2, 3};
        for (int i = 3; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double b = factor(rng, brightness);
        double c = factor(rng, contrast);
        double s = factor(rng, saturation);
        double h = Check.uniform(rng, -hue, hue);
        for (int op : order) {
            switch (op) {
                case 0 -> scale(rgb, b);
                case 1 -> blend(rgb, n, c, meanGrey(rgb, n));
                case 2 -> saturate(rgb, n, s);
                default -> HueShift.apply(rgb, n, h);
            }
        }
        return Photometric.withImage(in, rgb);
    }

    private static double factor(Rng rng, double amount) {
        return Check.uniform(rng, Math.max(0, 1 - amount), 1 + amount);
    }

    private static void scale(float[] rgb, double f) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = clamp(rgb[i] * f);
        }
    }

    /** {@code x -> f x + (1 - f) grey}, every channel. */
    private static void blend(float[] rgb, int n, double f, double grey) {
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = clamp(f * rgb[i] + (1 - f) * grey);
        }
    }

    private static void saturate(float[] rgb, int n, double f) {
        for (int i = 0; i < n; i++) {
            double g = grey(rgb, n, i);
            for (int c = 0; c < 3; c++) {
                rgb[c * n + i] = clamp(f * rgb[c * n + i] + (1 - f) * g);
            }
        }
    }

    private static double meanGrey(float[] rgb, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += grey(rgb, n, i);
        }
        return sum / n;
    }

    /** ITU-R 601 luma, as torchvision's {@code rgb_to_grayscale}. */
    private static double grey(float[] rgb, int n, int i) {
        return 0.299 * rgb[i] + 0.587 * rgb[n + i] + 0.114 * rgb[2 * n + i];
    }

    private static float clamp(double v) {
        return (float) (v < 0 ? 0 : Math.min(1, v));
    }
}
