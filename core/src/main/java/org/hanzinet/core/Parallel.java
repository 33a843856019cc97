package org.hanzinet.core;

/**
 * Data-parallel loops over an index range on a fixed number of threads.
 *
 * <p>The thread count defaults to the available processors, or to the system property
 * {@code hanzinet.threads}; {@link #setThreads} changes it (tests compare 1 thread against several).
 * Work is split into one contiguous chunk per thread, so results are deterministic for a given
 * thread count as long as each index writes its own outputs.
 */
public final class Parallel {
    private static volatile int threads = Integer.getInteger("hanzinet.threads",
            Runtime.getRuntime().availableProcessors());
    private static final WorkerTeam TEAM = new WorkerTeam();

    private Parallel() {}

    /** Body of a parallel loop: handles indices {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    public static int threads() {
        return threads;
    }

    /** Sets the number of threads for later loops (at least 1). */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        threads = n;
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads()} chunks, each at least
     * {@code minChunk} long; runs inline when one chunk suffices. The calling thread runs the first chunk and
     * waits for the others ({@link WorkerTeam}); a loop started while another runs (from another thread, or
     * from inside a chunk) runs its chunks in order on the calling thread, with the same boundaries.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
        if (chunks == 1 || n <= 1) {
            body.run(0, n);
            return;
        }
        if (TEAM.tryAcquire()) {
            TEAM.run(n, chunks, body);
            return;
        }
        for (int c = 0; c < chunks; c++) {
            body.run(chunkStart(n, c, chunks), chunkStart(n, c + 1, chunks));
        }
    }

    /** Where chunk {@code c} of [0, n) split into {@code chunks} starts (chunk {@code chunks} starts at n). */
    static int chunkStart(int n, int c, int chunks) {
        return (int) ((long) n * c / chunks);
    }
}
