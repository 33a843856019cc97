package org.hanzinet.data.dataset;

/**
 * How a {@link DataLoader} batches.
 *
 * @param batchSize samples per batch
 * @param shuffle   a new seeded permutation every epoch (training) or file order (evaluation)
 * @param seed      the shuffle seed: same seed and epoch, same order
 * @param dropLast  leave out a last, smaller batch
 * @param prefetch  batches prepared ahead in the background (0 prepares on the caller's thread);
 *                  at most {@code prefetch} batches are in flight besides the one being used
 * @param workers   threads preparing batches (each prepares whole batches)
 */
public record LoaderOptions(int batchSize, boolean shuffle, long seed, boolean dropLast, int prefetch, int workers) {
    public LoaderOptions {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (prefetch < 0 || workers < 1) {
            throw new IllegalArgumentException("prefetch must be >= 0 and workers >= 1, got " + prefetch + " and " + workers);
        }
    }

    /** Shuffled, seed 0, keep the last batch, 2 batches ahead on 1 worker thread. */
    public static LoaderOptions of(int batchSize) {
        return new LoaderOptions(batchSize, true, 0, false, 2, 1);
    }

    public LoaderOptions withShuffle(boolean s) {
        return new LoaderOptions(batchSize, s, seed, dropLast, prefetch, workers);
    }

    public LoaderOptions withSeed(long s) {
        return new LoaderOptions(batchSize, shuffle, s, dropLast, prefetch, workers);
    }

    public LoaderOptions withDropLast(boolean d) {
        return new LoaderOptions(batchSize, shuffle, seed, d, prefetch, workers);
    }

    public LoaderOptions withPrefetch(int batches, int threads) {
        return new LoaderOptions(batchSize, shuffle, seed, dropLast, batches, threads);
    }
}
