package org.hanzinet.data.testing;

import java.util.Arrays;

/**
 * Equality of large float arrays (masks, images) in O(n), reporting the first differing index. AssertJ's
 * {@code containsExactly} builds a quadratic diff and takes hours on a megapixel mask.
 */
public final class ArrayAssert {
    private ArrayAssert() {
    }

    public static void assertSameFloats(String what, float[] actual, float[] expected) {
        if (actual.length != expected.length) {
            throw new AssertionError(what + ": length " + actual.length + " != expected " + expected.length);
        }
        int i = Arrays.mismatch(actual, expected);
        if (i >= 0) {
            int count = 0;
            for (int k = i; k < actual.length; k++) {
                count += Float.compare(actual[k], expected[k]) != 0 ? 1 : 0;
            }
            throw new AssertionError(what + ": " + count + " element(s) differ, first at index " + i + ": " + actual[i]
                    + " != expected " + expected[i]);
        }
    }
}
