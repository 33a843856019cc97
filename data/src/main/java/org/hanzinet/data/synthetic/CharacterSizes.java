package org.hanzinet.data.synthetic;

import org.hanzinet.core.Rng;

/**
 * Character sizes (the longer side of a character's box) like those of street photos of shop signs,
 * stated for a photo of {@value #REFERENCE_PIXELS} px and scaled linearly to the image's size: from
 * {@value #MIN_AT_REFERENCE} to {@value #MAX_AT_REFERENCE} px. {@value #SMALL_FRACTION} of the signs
 * carry small text (log-uniform, 10 to 32 px: phone numbers, opening hours, CTW's own sizes); the rest
 * are sign-like, log-normal with a median of {@value #SIGN_MEDIAN} px and 95 % under about 250 px
 * (measured on real sign photos: median 60 px, 95th percentile 256 px). Never below {@link #MIN_PIXELS}.
 */
final class CharacterSizes {
    static final double MIN_PIXELS = 3;
    static final int REFERENCE_PIXELS = 1280;
    static final double MIN_AT_REFERENCE = 10;
    static final double MAX_AT_REFERENCE = 400;
    static final double SMALL_FRACTION = 0.3;
    static final double SIGN_MEDIAN = 64;
    /** log-normal spread: exp(1.645 * 0.85) = 4.0, so the 95th percentile is near 4 x 64 = 256 px. */
    private static final double SIGN_SIGMA = 0.85;

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
