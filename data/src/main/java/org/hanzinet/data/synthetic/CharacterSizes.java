package org.hanzinet.data.synthetic;

import org.hanzinet.core.Rng;

/**
 * Character sizes (the longer side of a character's box) like those of street photos of shop signs,
 * stated for a photo of {@value #REFERENCE_PIXELS} px and scaled linearly to the image's size: from
 * {@value #MIN_AT_REFERENCE} to {@value #MAX_AT_REFERENCE} px. A fifth of the signs carry small text
 * (log-uniform, 10 to 32 px: phone numbers, opening hours, CTW's own sizes); the rest are sign-like,
 * log-normal around {@value #SIGN_MEDIAN} px. Per sign that gives a median near 62 px and a 95th
 * percentile near 270 px (real sign photos: 60 and 256 px). Signs of big characters hold fewer of them,
 * so per character the median is lower (about 50 px). Never below {@link #MIN_PIXELS}.
 */
final class CharacterSizes {
    static final double MIN_PIXELS = 3;
    static final int REFERENCE_PIXELS = 1280;
    static final double MIN_AT_REFERENCE = 10;
    static final double MAX_AT_REFERENCE = 400;
    static final double SMALL_FRACTION = 0.2;
    static final double SIGN_MEDIAN = 80;
    /** Log-normal spread of the sign-like sizes (natural log). */
    private static final double SIGN_SIGMA = 0.8;

    private CharacterSizes() {
    }

    /** A size in pixels on an image whose longer side is {@code imageSize} pixels. */
    static double sample(Rng rng, int imageSize) {
        double atReference;
        if (rng.nextDouble() < SMALL_FRACTION) {
            atReference = MIN_AT_REFERENCE * Math.exp(Math.log(3.2) * rng.nextDouble()); // [10, 32)
        } else {
            atReference = SIGN_MEDIAN * Math.exp(SIGN_SIGMA * rng.nextGaussian());
        }
        atReference = Math.max(MIN_AT_REFERENCE, Math.min(MAX_AT_REFERENCE, atReference));
        return Math.max(MIN_PIXELS, atReference * imageSize / REFERENCE_PIXELS);
    }
}
