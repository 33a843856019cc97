package org.hanzinet.examples.data;

import java.util.List;

/**
 * The seed's split, in file order without shuffling: the first {@code train} images, then {@code val},
 * then {@code test}. Lists may load lazily (large images are read when asked for).
 */
public record SplitData(String source, List<ImageSample> train, List<ImageSample> val, List<ImageSample> test) {

    /** Split sizes for {@code n} images: floor(n * trainFraction), floor(n * valFraction), the rest. */
    public static int[] sizes(int n, double trainFraction, double valFraction) {
        int train = (int) Math.floor(n * trainFraction + 1e-9);
        int val = (int) Math.floor(n * valFraction + 1e-9);
        return new int[] {train, val, n - train - val};
    }
}
