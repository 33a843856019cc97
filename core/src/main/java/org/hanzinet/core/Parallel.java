package org.hanzinet.core;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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
    private static volatile ForkJoinPool pool;

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

    private static ForkJoinPool pool() {
        ForkJoinPool p = pool;
        if (p == null) {
            synchronized (Parallel.class) {
                if (pool == null) {
                    pool = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                            ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false);
                }
                p = pool;
            }
        }
        return p;
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads()} chunks, each at least
     * {@code minChunk} long; runs inline when one chunk suffices.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        int chunks = Math.max(1, Math.min(threads, n / Math.max(1, minChunk)));
        if (chunks == 1 || n <= 1) {
            body.run(0, n);
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            tasks[c] = new RecursiveAction() {
                @Override
                protected void compute() {
                    body.run(from, to);
                }
            };
        }
        if (java.util.concurrent.ForkJoinTask.getPool() == pool()) {
            RecursiveAction.invokeAll(tasks);
        } else {
            pool().invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    invokeAll(tasks);
                }
            });
        }
    }
}
