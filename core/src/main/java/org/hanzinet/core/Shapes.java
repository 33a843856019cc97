package org.hanzinet.core;

import java.util.Arrays;

/** Shape arithmetic with the overflow checks that keep a bad shape from silently wrapping around. */
public final class Shapes {

    /**
     * The most elements one tensor can hold: a Java array is indexed by {@code int}, and the JVM
     * reserves a few header words below {@link Integer#MAX_VALUE}. Model 1's largest weight,
     * 253 x 4,145,296 = 1,048,759,888 elements, fits with room to spare.
     */
    public static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private Shapes() {}

    /** Number of elements of {@code shape}; throws when a dimension is negative or the count is too large. */
    public static int numel(int... shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + MAX_ELEMENTS + " elements, the most one tensor supports (one Java float[])");
            }
        }
        return (int) n;
    }

    /** Row-major (C order) strides of {@code shape}. */
    public static int[] rowMajorStrides(int... shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    public static String toString(int... shape) {
        return Arrays.toString(shape);
    }

    /** Throws {@link IllegalArgumentException} naming {@code op} and both shapes unless they are equal. */
    public static void requireSame(String op, int[] a, int[] b) {
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException(op + ": shape mismatch " + toString(a) + " vs " + toString(b));
        }
    }

    /**
     * Resolves a new shape for reshape, allowing one {@code -1} dimension that is inferred.
     *
     * @throws IllegalArgumentException when the element counts differ or {@code -1} cannot be inferred
     */
    public static int[] inferReshape(int numel, int[] oldShape, int... newShape) {
        int[] out = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + toString(oldShape) + " -> " + toString(newShape)
                            + ": only one dimension may be -1");
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException("reshape " + toString(oldShape) + " -> " + toString(newShape)
                        + ": negative dimension");
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException("reshape " + toString(oldShape) + " -> " + toString(newShape)
                        + ": cannot infer -1 from " + numel + " elements");
            }
            out[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException("reshape " + toString(oldShape) + " -> " + toString(newShape)
                    + ": " + numel + " elements do not fit " + known);
        }
        return out;
    }
}
