package org.hanzinet.data.dataset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Seeds;
import org.hanzinet.core.Tensor;

/**
 * Batches a {@link CtwDataset}: {@code [N, 3, H, W]} images with {@code [N, 1, H, W]} masks, ignore masks
 * and loss weights, in a seeded order per epoch, optionally prepared ahead on background threads so that
 * decoding overlaps training.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(dataset, LoaderOptions.of(5).withSeed(42));
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     try (DataLoader.Epoch batches = loader.epoch(epoch)) {
 *         while (batches.hasNext()) { Batch b = batches.next(); ... }
 *     }
 * }
 * }</pre>
 * The order of an epoch is a Fisher-Yates permutation drawn from {@link Seeds#derive}{@code (seed,
 * SHUFFLE, epoch)}: it depends only on the seed and the epoch, never on thread timing or on earlier
 * epochs, so a run resumed at any epoch sees the same batches. A failure while preparing a batch in the
 * background is rethrown by {@link Epoch#next()} as a {@link DataLoadException} naming the sample and
 * image; it never hangs the caller.
 *
 * <p>Memory: batches are written into {@link BatchBuffers} that the loader keeps, one per batch that
 * can exist at once ({@code prefetch + 1}), allocated in the first epoch and reused in every later
 * step and epoch. So a batch returned by {@code next()} is valid until the following {@code next()} (or
 * until the epoch is closed and another one started); {@link Batch#copy()} keeps it longer.
 *
 * <p>An optional {@link SampleTransform} (augmentation, see {@link #withTransform}) is applied to each
 * sample on the loader's threads, with the epoch and the sample's index.
 */
public final class DataLoader {
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** How long {@link Epoch#close()} waits for a background batch to finish before abandoning its buffer. */
    private static final long CLOSE_WAIT_SECONDS = 60;

    private final CtwDataset dataset;
    private final LoaderOptions options;
    private final BatchBuffers buffers;
    private final SampleTransform transform;

    /** A loader with buffers of its own. */
    public DataLoader(CtwDataset dataset, LoaderOptions options) {
        this(dataset, options, new BatchBuffers());
    }

    /** A loader that fills {@code buffers}, e.g. shared with another loader iterated at other times. */
    public DataLoader(CtwDataset dataset, LoaderOptions options, BatchBuffers buffers) {
        this(dataset, options, buffers, null);
    }

    private DataLoader(CtwDataset dataset, LoaderOptions options, BatchBuffers buffers, SampleTransform transform) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
        this.buffers = Objects.requireNonNull(buffers, "buffers");
        this.transform = transform;
    }

    /** This loader (same data, options and buffers) applying {@code transform} to every sample; null for none. */
    public DataLoader withTransform(SampleTransform transform) {
        return new DataLoader(dataset, options, buffers, transform);
    }

    public CtwDataset dataset() {
        return dataset;
    }

    public BatchBuffers buffers() {
        return buffers;
    }

    /** Batches per epoch. */
    public int batchCount() {
        int n = dataset.size();
        return options.dropLast() ? n / options.batchSize() : (n + options.batchSize() - 1) / options.batchSize();
    }

    /** The sample order of {@code epoch}: a permutation seeded by (seed, SHUFFLE, epoch), or file order. */
    public int[] order(int epoch) {
        int[] idx = new int[dataset.size()];
        Arrays.setAll(idx, i -> i);
        if (options.shuffle()) {
            Rng rng = new Rng(Seeds.derive(options.seed(), Seeds.SHUFFLE, epoch));
            for (int i = idx.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
        }
        return idx;
    }

    /** The batches of {@code epoch}; close it (try-with-resources) to stop background work early. */
    public Epoch epoch(int epoch) {
        return new Epoch(order(epoch), epoch);
    }

    /** Prepares the batch of samples {@code indices} on the calling thread, in new tensors, as in epoch 0. */
    public Batch batch(int[] indices) {
        return batch(indices, 0);
    }

    /** Prepares the batch of samples {@code indices} of {@code epoch} on the calling thread, in new tensors. */
    public Batch batch(int[] indices, int epoch) {
        return fill(indices, epoch, new BatchBuffers.Buffer(), indices.length);
    }

    /** Prepares the batch of samples {@code indices} of {@code epoch} into {@code buffer}. */
    private Batch fill(int[] indices, int epoch, BatchBuffers.Buffer buffer, int capacity) {
        if (transform != null) {
            return fillTransformed(indices, epoch, buffer, capacity);
        }
        int[] wh = dataset.sampleSize(indices[0]);
        for (int i : indices) {
            if (!Arrays.equals(dataset.sampleSize(i), wh)) {
                throw new DataLoadException("samples " + dataset.id(indices[0]) + " (" + wh[0] + "x" + wh[1] + ") and "
                        + dataset.id(i) + " (" + dataset.sampleSize(i)[0] + "x" + dataset.sampleSize(i)[1]
                        + ") differ in size: set a target size in DatasetOptions to batch them", null);
            }
        }
        int n = indices.length;
        Tensor[] t = buffer.tensors(n, capacity, wh[1], wh[0]);
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            Tensor ignore = t[2].slice(k);
            dataset.fill(indices[k], t[0].slice(k), t[1].slice(k), ignore);
            oneMinus(ignore, t[3].slice(k));
            ids.add(dataset.id(indices[k]));
        }
        return new Batch(t[0], t[1], t[2], t[3], ids);
    }

    /** The samples through the transform, then into {@code buffer}; they must come out of one size. */
    private Batch fillTransformed(int[] indices, int epoch, BatchBuffers.Buffer buffer, int capacity) {
        int n = indices.length;
        Sample[] samples = new Sample[n];
        for (int k = 0; k < n; k++) {
            Sample in = dataset.get(indices[k]);
            try {
                samples[k] = transform.apply(in, epoch, indices[k]);
            } catch (RuntimeException e) {
                throw new DataLoadException("sample " + indices[k] + " (" + dataset.id(indices[k]) + "), epoch " + epoch
                        + ": transform failed: " + e.getMessage(), e);
            }
            if (samples[k].width() != samples[0].width() || samples[k].height() != samples[0].height()) {
                throw new DataLoadException("samples " + samples[0].id() + " (" + samples[0].width() + "x" + samples[0].height()
                        + ") and " + samples[k].id() + " (" + samples[k].width() + "x" + samples[k].height()
                        + ") differ in size after the transform: end it with a fixed-size crop to batch them", null);
            }
        }
        Tensor[] t = buffer.tensors(n, capacity, samples[0].height(), samples[0].width());
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            t[0].slice(k).copyFrom(samples[k].image());
            t[1].slice(k).copyFrom(samples[k].mask());
            t[2].slice(k).copyFrom(samples[k].ignore());
            oneMinus(t[2].slice(k), t[3].slice(k));
            ids.add(dataset.id(indices[k]));
        }
        return new Batch(t[0], t[1], t[2], t[3], ids);
    }

    /** {@code out = 1 - in}, element-wise over two views of the same shape. */
    private static void oneMinus(Tensor in, Tensor out) {
        float[] a = in.data();
        float[] b = out.data();
        for (int i = 0, n = in.numel(), ia = in.offset(), ib = out.offset(); i < n; i++) {
            b[ib + i] = 1f - a[ia + i];
        }
    }

    /** Daemon threads that also end after a second idle, so an epoch abandoned without close() leaks nothing. */
    private static ExecutorService newPool(int workers) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(workers, workers, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "hanzinet-loader-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A batch being prepared in the background, and the buffer it is written into. */
    private record InFlight(Future<Batch> future, BatchBuffers.Buffer buffer) {}

    /**
     * One pass over the data set; an iterator of batches that owns its background threads and borrows
     * the loader's buffers until it is closed (which happens by itself after the last batch).
     */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {
        private final int[] order;
        private final int epoch;
        private final int batches = batchCount();
        private final ExecutorService pool;
        private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        /** Buffers not in use; the one holding the batch last delivered is {@link #current}. */
        private final ArrayDeque<BatchBuffers.Buffer> free;
        private BatchBuffers.Buffer current;
        private int submitted;
        private int delivered;
        private boolean closed;

        private Epoch(int[] order, int epoch) {
            this.order = order;
            this.epoch = epoch;
            this.pool = options.prefetch() == 0 ? null : newPool(options.workers());
            this.free = new ArrayDeque<>(buffers.take(options.prefetch() + 1));
            topUp();
        }

        @Override
        public boolean hasNext() {
            return !closed && delivered < batches;
        }

        /** The next batch; the previous one's buffer is reused from here on. */
        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
            }
            int b = delivered++;
            if (current != null) {
                free.add(current);
                current = null;
            }
            if (pool == null) {
                current = free.poll();
                try {
                    return fill(indicesOf(b), epoch, current, options.batchSize());
                } finally {
                    closeIfDone();
                }
            }
            InFlight f = inFlight.poll(); // never null: topUp keeps the next batch in flight while open
            try {
                Batch batch = f.future().get();
                current = f.buffer();
                topUp();
                closeIfDone();
                return batch;
            } catch (ExecutionException e) {
                free.add(f.buffer());
                close();
                Throwable c = e.getCause();
                throw new DataLoadException("batch " + b + " of epoch " + epoch + ": " + c.getMessage(), c);
            } catch (InterruptedException e) {
                inFlight.addFirst(f);
                close();
                Thread.currentThread().interrupt();
                throw new DataLoadException("interrupted waiting for batch " + b + " of epoch " + epoch, e);
            } catch (CancellationException e) {
                throw new DataLoadException("epoch " + epoch + " was closed", e);
            }
        }

        private void closeIfDone() {
            if (!hasNext()) {
                close();
            }
        }

        private void topUp() {
            while (pool != null && !pool.isShutdown() && submitted < batches && inFlight.size() < options.prefetch()) {
                int[] idx = indicesOf(submitted++);
                BatchBuffers.Buffer buffer = free.poll(); // never null: prefetch + 1 buffers, at most prefetch in flight
                inFlight.add(new InFlight(pool.submit(() -> fill(idx, epoch, buffer, options.batchSize())), buffer));
            }
        }

        private int[] indicesOf(int b) {
            int from = b * options.batchSize();
            return Arrays.copyOfRange(order, from, Math.min(order.length, from + options.batchSize()));
        }

        /**
         * Cancels batches not yet delivered, stops the threads (waiting for a batch being written) and gives
         * the buffers back to the loader. The batch last delivered stays readable until another epoch starts.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            List<BatchBuffers.Buffer> back = new ArrayList<>(free);
            if (current != null) {
                back.add(current);
            }
            if (pool != null) {
                inFlight.forEach(f -> f.future().cancel(true));
                pool.shutdownNow();
                if (awaitTermination()) {
                    inFlight.forEach(f -> back.add(f.buffer()));
                } // else a thread may still write into them: leave them to the garbage collector
                inFlight.clear();
            }
            free.clear();
            current = null;
            buffers.give(back);
        }

        private boolean awaitTermination() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return pool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
