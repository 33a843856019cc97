package org.hanzinet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loop runner: coverage, chunk boundaries, failures, nesting and concurrent callers. */
class ParallelTest {
    private final int saved = Parallel.threads();

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(saved);
    }

    /** Every index exactly once, in chunks n * c / k .. n * (c + 1) / k, on several threads when there are chunks. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    void everyIndexOnceInTheDocumentedChunks(int threads) {
        Parallel.setThreads(threads);
        for (int n : new int[] {0, 1, 2, 3, 7, 100, 1001}) {
            for (int round = 0; round < 50; round++) { // back to back, as a training step issues them
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                var ranges = ConcurrentHashMap.<String>newKeySet();
                var names = ConcurrentHashMap.<String>newKeySet();
                Parallel.forRange(n, 1, (from, to) -> {
                    ranges.add(from + ".." + to);
                    names.add(Thread.currentThread().getName());
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(hits.get(i)).as("index %d of %d, %d threads", i, n, threads).isEqualTo(1);
                }
                int chunks = Math.max(1, Math.min(threads, n));
                if (n > 1) {
                    assertThat(ranges).hasSize(chunks);
                    for (int c = 0; c < chunks; c++) {
                        assertThat(ranges).contains((int) ((long) n * c / chunks) + ".." + (int) ((long) n * (c + 1) / chunks));
                    }
                    assertThat(names).as("threads that ran chunks").hasSize(chunks);
                }
            }
        }
    }

    /** A failing chunk, the caller's or a worker's, fails the loop after every chunk has ended; the runner stays usable. */
    @Test
    void aFailingChunkFailsTheLoopAfterTheOthersEnd() {
        Parallel.setThreads(3);
        for (int failing = 0; failing < 3; failing++) {
            int bad = failing;
            AtomicIntegerArray done = new AtomicIntegerArray(3);
            assertThatThrownBy(() -> Parallel.forRange(3, 1, (from, to) -> {
                if (from == bad) {
                    throw new IllegalStateException("chunk " + bad);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.set(from, 1);
            })).isInstanceOf(IllegalStateException.class).hasMessage("chunk " + bad);
            for (int c = 0; c < 3; c++) {
                assertThat(done.get(c)).as("chunk %d ended before the failure was thrown", c).isEqualTo(c == bad ? 0 : 1);
            }
        }
        AtomicIntegerArray hits = new AtomicIntegerArray(10);
        Parallel.forRange(10, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < 10; i++) {
            assertThat(hits.get(i)).isEqualTo(1);
        }
    }

    /** A loop inside a chunk runs its own chunks inline, with the same boundaries, and completes. */
    @Test
    void nestedLoopsRunInline() {
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(40 * 30);
        Parallel.forRange(40, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                int row = i;
                Parallel.forRange(30, 1, (a, b) -> {
                    for (int j = a; j < b; j++) {
                        hits.incrementAndGet(row * 30 + j);
                    }
                });
            }
        });
        for (int i = 0; i < hits.length(); i++) {
            assertThat(hits.get(i)).isEqualTo(1);
        }
    }

    /** Two threads looping at once (Spark's task threads): both complete, each index once. */
    @Test
    void concurrentCallersBothComplete() throws Exception {
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(2 * 5000);
        CountDownLatch start = new CountDownLatch(1);
        Thread[] callers = new Thread[2];
        Throwable[] failure = new Throwable[2];
        for (int t = 0; t < 2; t++) {
            int caller = t;
            callers[t] = new Thread(() -> {
                try {
                    start.await();
                    for (int round = 0; round < 5000; round++) {
                        int slot = caller * 5000 + round;
                        Parallel.forRange(2, 1, (from, to) -> hits.addAndGet(slot, to - from));
                    }
                } catch (Throwable e) {
                    failure[caller] = e;
                }
            });
            callers[t].start();
        }
        start.countDown();
        for (Thread c : callers) {
            c.join(60_000);
            assertThat(c.isAlive()).isFalse();
        }
        assertThat(failure).containsOnlyNulls();
        for (int i = 0; i < hits.length(); i++) {
            assertThat(hits.get(i)).as("loop %d", i).isEqualTo(2);
        }
    }

    /** The runner keeps no reference to a finished loop's body: what it captured (a model's buffers) can be collected. */
    @Test
    void aFinishedLoopsBodyIsNotRetained() throws Exception {
        Parallel.setThreads(2);
        java.lang.ref.WeakReference<float[]> captured = runLoopOverFreshArray();
        for (int i = 0; i < 50 && captured.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(captured.get()).as("the array the last loop's body captured").isNull();
    }

    private static java.lang.ref.WeakReference<float[]> runLoopOverFreshArray() {
        float[] big = new float[1 << 20];
        Parallel.forRange(big.length, 1, (from, to) -> java.util.Arrays.fill(big, from, to, 1f));
        return new java.lang.ref.WeakReference<>(big);
    }
}
