package org.hanzinet.data.synthetic;

import org.hanzinet.core.Rng;

/**
 * Character sizes (the longer side of a character's box) following CTW's statistics on 2048 x 2048
 * images: about 30 % under 16 px, 46 % from 16 to 32 px, 24 % of 32 px or more; scaled linearly to
 * other resolutions and never below {@link #MIN_PIXELS} (a glyph smaller than that is no glyph).
 */
final class CharacterSizes {
    static final double MIN_PIXELS = 3;
    static final double[] BUCKET_PROBABILITY = {0.30, 0.46, 0.24};

    private CharacterSizes() {
    }

    /** A size in pixels on an image of {@code imageSize} pixels (the longer side). */
    static double sample(Rng rng, int imageSize) {
        double u = rng.nextDouble();
        double at2048;
        if (u < BUCKET_PROBABILITY[0]) {
            at2048 = 8 + 8 * rng.nextDouble();            // [8, 16)
        } else if (u < BUCKET_PROBABILITY[0] + BUCKET_PROBABILITY[1]) {
            at2048 = 16 + 16 * rng.nextDouble();          // [16, 32)
        } else {
            at2048 = 32 * Math.exp(Math.log(6) * rng.nextDouble()); // [32, 192), log-uniform
        }
        return Math.max(MIN_PIXELS, at2048 * imageSize / 2048.0);
    }
}
