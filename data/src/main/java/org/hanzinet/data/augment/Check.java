package org.hanzinet.data.augment;

/** Parameter checks for the augmentation configs: one-line messages naming the field and the value. */
final class Check {
    private Check() {
    }

    /** {@code lo <= v <= hi}, else {@code "<field> must be in [lo, hi], got v"}. */
    static double inRange(String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) { // also refuses NaN
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "], got " + v);
        }
        return v;
    }

    /** {@code min <= max}, else {@code "<name>: min ... > max ..."}. */
    static void ordered(String name, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " must not exceed max " + max);
        }
    }

    /** Uniform in {@code [lo, hi]} (exactly {@code lo} when they are equal). */
    static double uniform(org.hanzinet.core.Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
