package org.hanzinet.data.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A train / validation / test split of a list (split images, not samples, so that the characters of
 * one image never end up on both sides).
 */
public record Split<T>(List<T> train, List<T> validation, List<T> test) {
    public Split {
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        test = List.copyOf(test);
    }

    /** The seed's split: 70 % train, 10 % validation, the rest test, in file order. */
    public static <T> Split<T> seedSplit(List<T> items) {
        return inOrder(items, 0.7, 0.1);
    }

    /**
     * The first {@code floor(n * trainFraction)} items train, the next {@code floor(n * valFraction)}
     * validate, the rest test.
     */
    public static <T> Split<T> inOrder(List<T> items, double trainFraction, double valFraction) {
        if (!(trainFraction >= 0) || !(valFraction >= 0) || trainFraction + valFraction > 1 + 1e-12) {
            throw new IllegalArgumentException("fractions must be >= 0 and sum to at most 1, got train " + trainFraction
                    + " validation " + valFraction);
        }
        int n = items.size();
        int nTrain = (int) Math.floor(n * trainFraction + 1e-9);
        int nVal = Math.min(n - nTrain, (int) Math.floor(n * valFraction + 1e-9));
        return new Split<>(items.subList(0, nTrain), items.subList(nTrain, nTrain + nVal), items.subList(nTrain + nVal, n));
    }

    /** Like {@link #inOrder} after a shuffle that depends only on {@code seed}. */
    public static <T> Split<T> shuffled(List<T> items, double trainFraction, double valFraction, long seed) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, new Random(seed));
        return inOrder(copy, trainFraction, valFraction);
    }
}
