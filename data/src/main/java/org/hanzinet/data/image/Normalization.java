package org.hanzinet.data.image;

import java.util.Arrays;

/**
 * Per-channel normalisation applied after dividing by 255: {@code (v / 255 - mean[c]) / std[c]}.
 * {@link #UNIT} (mean 0, std 1) is the seed's plain {@code / 255}.
 */
public record Normalization(float[] mean, float[] std) {
    public static final Normalization UNIT = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});
    /** The ImageNet statistics many pretrained models expect. */
    public static final Normalization IMAGENET = new Normalization(new float[] {0.485f, 0.456f, 0.406f},
            new float[] {0.229f, 0.224f, 0.225f});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (R, G, B), got " + mean.length + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("std must be positive and finite, got " + Arrays.toString(std));
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** {@code lut[c][v]} = normalised value of byte {@code v} in channel {@code c}. */
    float[][] lookupTables() {
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                lut[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
        return lut;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalization n && Arrays.equals(mean, n.mean) && Arrays.equals(std, n.std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "Normalization[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }
}
