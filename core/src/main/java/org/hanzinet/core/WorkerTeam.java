package org.hanzinet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The threads behind {@link Parallel#forRange}: the calling thread runs chunk 0 and worker {@code i} runs chunk
 * {@code i + 1}. Workers spin for {@value #SPIN_NANOS} ns after a chunk before they park, because a training
 * step issues its parallel loops back to back (a padded copy, then the convolution rows, per image): a parked
 * worker takes tens to hundreds of microseconds to wake on these VMs, and a fork/join pool woke two of them in
 * turn per loop, so chunks shorter than about half a millisecond ran one after the other (measured here: two
 * 231 us chunks took 375-460 us through the pool).
 *
 * <p>One loop at a time: a caller that finds the team busy (another thread's loop, or a loop started from
 * inside a chunk) runs its chunks itself, in order, with the same boundaries, so results do not depend on
 * which happened.
 */
final class WorkerTeam {
    static final long SPIN_NANOS = 200_000;

    private final AtomicBoolean busy = new AtomicBoolean();
    private final List<Worker> workers = new ArrayList<>();
    /** The latest loop; a worker runs its chunk once per new {@code seq}. Written only while the team is held. */
    private volatile Job job;
    private long seq;
    /** Of the loop running: chunks the workers have not finished, their first failure, and who waits for them. */
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread caller;
    private final AtomicBoolean callerParked = new AtomicBoolean();

    /** One parallel loop, split as {@link Parallel#chunkStart} says. */
    private record Job(long seq, int n, int chunks, Parallel.RangeBody body) {
        void runChunk(int c) {
            body.run(Parallel.chunkStart(n, c, chunks), Parallel.chunkStart(n, c + 1, chunks));
        }
    }

    /** Takes the team for one loop, or returns false when it is in use. */
    boolean tryAcquire() {
        return busy.compareAndSet(false, true);
    }

    /** Runs {@code body} over [0, n) in {@code chunks} chunks on this thread and {@code chunks - 1} workers; then releases the team. */
    void run(int n, int chunks, Parallel.RangeBody body) {
        try {
            ensureWorkers(chunks - 1);
            remaining.set(chunks - 1);
            failure.set(null);
            caller = Thread.currentThread();
            Job j = new Job(++seq, n, chunks, body);
            job = j; // publishes the job and everything this thread wrote before the loop
            for (Worker w : workers) {
                w.wake();
            }
            Throwable own = null;
            try {
                j.runChunk(0);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            await(() -> remaining.get() == 0, callerParked);
            // The same loop without its body: a loop's lambda may hold a model's buffers (an optimiser step's
            // parameters), which must not stay reachable from here until the next loop.
            job = new Job(j.seq(), n, chunks, null);
            Throwable thrown = own != null ? own : failure.get();
            if (thrown instanceof RuntimeException r) {
                throw r;
            }
            if (thrown instanceof Error e) {
                throw e;
            }
        } finally {
            busy.set(false);
        }
    }

    /**
     * Returns once {@code ready}: spins for {@value #SPIN_NANOS} ns, then parks, announcing it in {@code parked}
     * and re-checking after the announcement, so that whoever makes it ready and then reads {@code parked}
     * cannot miss the wake-up.
     */
    private void await(BooleanSupplier ready, AtomicBoolean parked) {
        long start = System.nanoTime();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                parked.set(true);
                if (!ready.getAsBoolean()) {
                    LockSupport.park(this);
                }
                parked.set(false);
            }
        }
    }

    private void ensureWorkers(int count) {
        while (workers.size() < count) {
            Job current = job;
            Worker w = new Worker(workers.size(), current == null ? 0 : current.seq());
            workers.add(w);
            w.thread.start();
        }
    }

    private final class Worker implements Runnable {
        private final int index;
        private final Thread thread;
        private final AtomicBoolean parked = new AtomicBoolean();

        /** The job published before this worker existed, which it must not run. */
        private final long seenAtStart;

        Worker(int index, long seenAtStart) {
            this.index = index;
            this.seenAtStart = seenAtStart;
            this.thread = new Thread(this, "hanzinet-parallel-" + (index + 1));
            this.thread.setDaemon(true);
        }

        void wake() {
            if (parked.get()) {
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void run() {
            long seen = seenAtStart;
            while (true) {
                long last = seen;
                await(() -> {
                    Job j = job;
                    return j != null && j.seq() != last;
                }, parked);
                // A job this worker takes part in cannot be replaced before it ran its chunk (the caller waits).
                Job j = job;
                seen = j.seq();
                int c = index + 1;
                if (c < j.chunks()) {
                    try {
                        j.runChunk(c);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                    if (remaining.decrementAndGet() == 0 && callerParked.get()) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }
    }
}
