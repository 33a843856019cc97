package org.hanzinet.data.augment;

/** Parameter checks for the augmentation configs: one-line messages naming the field and the value. */
final class Check {
    private Check() {
    }

    /** {@code lo <= v <= hi}, else {@code "<field> must be in [lo, hi], got v"}. */
    static double inRange(String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) { // also refuses NaN
            throw new IllegalArgumentException(field + " must be in [" + fmt(lo) + ", " + fmt(hi) + "], got " + fmt(v));
        }
        return v;
    }

    /** {@code min <= max}, else {@code "<name>: min ... > max ..."}. */
    static void ordered(String name, double min, double max) {
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + fmt(min) + " must not exceed max " + fmt(max));
        }
    }

    /** {@code 3} for 3.0 (integer fields read as integers), {@code 0.7} otherwise. */
    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** Uniform in {@code [lo, hi]} (exactly {@code lo} when they are equal). */
    static double uniform(org.hanzinet.core.Rng rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
