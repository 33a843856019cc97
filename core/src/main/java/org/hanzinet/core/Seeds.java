package org.hanzinet.core;

/**
 * Derives every random stream of a run from (seed, purpose, epoch, batch) alone, so a resumed run draws
 * exactly the numbers an uninterrupted one would: no generator state has to survive between epochs.
 * The mixing is SplitMix64's finaliser applied to each component in turn. Used by the data loader's
 * shuffle ((seed, SHUFFLE, epoch)) and by the examples' initialisation and dropout streams.
 */
public final class Seeds {
    /** Stream purposes; distinct constants keep the streams independent. */
    public static final long INIT = 0x1;
    public static final long SHUFFLE = 0x2;
    public static final long DROPOUT = 0x3;

    private Seeds() {}

    /** A 64-bit seed for {@code purpose} at the given coordinates (epoch, batch ...). */
    public static long derive(long seed, long purpose, long... coords) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L * purpose);
        for (long c : coords) {
            h = mix(h + 0x9E3779B97F4A7C15L + c);
        }
        return h;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
