package org.hanzinet.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

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

    /** One parallel loop: chunk {@code c} covers [n * c / chunks, n * (c + 1) / chunks). */
    private record Job(long seq, int n, int chunks, Parallel.RangeBody body, AtomicInteger remaining,
            AtomicReference<Throwable> failure, Thread caller, AtomicBoolean callerParked) {
        void runChunk(int c) {
            body.run((int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
        }

        /** The same loop without its body, once every chunk ran: a worker then has nothing to run. */
        Job retired() {
            return new Job(seq, n, chunks, null, remaining, failure, null, callerParked);
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
            Job j = new Job(++seq, n, chunks, body, new AtomicInteger(chunks - 1), new AtomicReference<>(),
                    Thread.currentThread(), new AtomicBoolean());
            job = j; // publishes the job and everything this thread wrote before the loop
            for (int i = 0; i < workers.size(); i++) {
                workers.get(i).wake();
            }
            Throwable own = null;
            try {
                j.runChunk(0);
            } catch (RuntimeException | Error e) {
                own = e;
            }
            awaitWorkers(j);
            // Drops the body: a loop's lambda may hold a model's buffers (an optimiser step's parameters), which
            // must not stay reachable from here until the next loop.
            job = j.retired();
            Throwable failure = own != null ? own : j.failure().get();
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
        } finally {
            busy.set(false);
        }
    }

    private void awaitWorkers(Job j) {
        long start = System.nanoTime();
        while (j.remaining().get() > 0) {
            if (System.nanoTime() - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                j.callerParked().set(true);
                if (j.remaining().get() > 0) {
                    LockSupport.park(this);
                }
                j.callerParked().set(false);
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
                long start = System.nanoTime();
                Job j;
                while ((j = job) == null || j.seq() == seen) {
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        parked.set(true);
                        Job again = job;
                        if (again == null || again.seq() == seen) { // re-checked after announcing: no lost wake-up
                            LockSupport.park(this);
                        }
                        parked.set(false);
                    }
                }
                seen = j.seq();
                int c = index + 1;
                if (c < j.chunks()) {
                    try {
                        j.runChunk(c);
                    } catch (Throwable e) {
                        j.failure().compareAndSet(null, e);
                    }
                    if (j.remaining().decrementAndGet() == 0 && j.callerParked().get()) {
                        LockSupport.unpark(j.caller());
                    }
                }
            }
        }
    }
}
