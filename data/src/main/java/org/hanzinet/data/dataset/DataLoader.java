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
import org.hanzinet.core.Tensor;

/**
 * Batches a {@link CtwDataset}: {@code [N, 3, H, W]} images with {@code [N, 1, H, W]} masks and ignore
 * masks, in a seeded order per epoch, prepared ahead on background threads so that decoding overlaps
 * training.
 *
 * <pre>{@code
 * DataLoader loader = new DataLoader(dataset, LoaderOptions.of(5).withSeed(42));
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     try (DataLoader.Epoch batches = loader.epoch(epoch)) {
 *         while (batches.hasNext()) { Batch b = batches.next(); ... }
 *     }
 * }
 * }</pre>
 * The order depends only on the seed and the epoch, never on thread timing. A failure while preparing a
 * batch in the background is rethrown by {@link Epoch#next()} as a {@link DataLoadException} naming the
 * sample and image; it never hangs the caller. Memory: at most {@code prefetch + 1} batches exist at once.
 * An optional {@link SampleTransform} (augmentation) is applied to each sample, on the loader's threads,
 * with the epoch and the sample's index.
 */
public final class DataLoader {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final CtwDataset dataset;
    private final LoaderOptions options;
    private final SampleTransform transform;

    public DataLoader(CtwDataset dataset, LoaderOptions options) {
        this(dataset, options, null);
    }

    /** A loader that applies {@code transform} (null for none) to every sample; see {@link SampleTransform}. */
    public DataLoader(CtwDataset dataset, LoaderOptions options, SampleTransform transform) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.options = Objects.requireNonNull(options, "options");
        this.transform = transform;
    }

    /** Batches per epoch. */
    public int batchCount() {
        int n = dataset.size();
        return options.dropLast() ? n / options.batchSize() : (n + options.batchSize() - 1) / options.batchSize();
    }

    /** The sample order of {@code epoch}: a seeded Fisher-Yates permutation, or file order. */
    public int[] order(int epoch) {
        int[] idx = new int[dataset.size()];
        Arrays.setAll(idx, i -> i);
        if (options.shuffle()) {
            Rng rng = new Rng(options.seed() * 0x9E3779B97F4A7C15L + epoch);
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

    /** Prepares the batch of samples {@code indices} on the calling thread, as in epoch 0. */
    public Batch batch(int[] indices) {
        return batch(indices, 0);
    }

    /** Prepares the batch of samples {@code indices} of {@code epoch} on the calling thread. */
    public Batch batch(int[] indices, int epoch) {
        if (transform != null) {
            return transformedBatch(indices, epoch);
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
        Tensor images = Tensor.zeros(n, 3, wh[1], wh[0]);
        Tensor masks = Tensor.zeros(n, 1, wh[1], wh[0]);
        Tensor ignores = Tensor.zeros(n, 1, wh[1], wh[0]);
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            dataset.fill(indices[k], images.slice(k), masks.slice(k), ignores.slice(k));
            ids.add(dataset.id(indices[k]));
        }
        return new Batch(images, masks, ignores, ids);
    }

    private Batch transformedBatch(int[] indices, int epoch) {
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
        int h = samples[0].height();
        int w = samples[0].width();
        Tensor images = Tensor.zeros(n, 3, h, w);
        Tensor masks = Tensor.zeros(n, 1, h, w);
        Tensor ignores = Tensor.zeros(n, 1, h, w);
        List<String> ids = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            images.slice(k).copyFrom(samples[k].image());
            masks.slice(k).copyFrom(samples[k].mask());
            ignores.slice(k).copyFrom(samples[k].ignore());
            ids.add(dataset.id(indices[k]));
        }
        return new Batch(images, masks, ignores, ids);
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

    /** One pass over the data set; an iterator of batches that owns its background threads. */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {
        private final int[] order;
        private final int epoch;
        private final int batches = batchCount();
        private final ExecutorService pool;
        private final ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
        private int submitted;
        private int delivered;
        private boolean closed;

        private Epoch(int[] order, int epoch) {
            this.order = order;
            this.epoch = epoch;
            this.pool = options.prefetch() == 0 ? null : newPool(options.workers());
            topUp();
        }

        @Override
        public boolean hasNext() {
            return !closed && delivered < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has " + batches + " batches");
            }
            int b = delivered++;
            if (pool == null) {
                return batch(indicesOf(b), epoch);
            }
            Future<Batch> f = inFlight.poll(); // never null: topUp keeps the next batch in flight while open
            try {
                Batch batch = f.get();
                topUp();
                if (!hasNext()) {
                    close();
                }
                return batch;
            } catch (ExecutionException e) {
                close();
                Throwable c = e.getCause();
                throw new DataLoadException("batch " + b + " of epoch " + epoch + ": " + c.getMessage(), c);
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new DataLoadException("interrupted waiting for batch " + b + " of epoch " + epoch, e);
            } catch (CancellationException e) {
                throw new DataLoadException("epoch " + epoch + " was closed", e);
            }
        }

        private void topUp() {
            while (pool != null && !pool.isShutdown() && submitted < batches && inFlight.size() < options.prefetch()) {
                int[] idx = indicesOf(submitted++);
                inFlight.add(pool.submit(() -> batch(idx, epoch)));
            }
        }

        private int[] indicesOf(int b) {
            int from = b * options.batchSize();
            return Arrays.copyOfRange(order, from, Math.min(order.length, from + options.batchSize()));
        }

        /** Cancels batches not yet delivered and stops the threads. */
        @Override
        public void close() {
            closed = true;
            if (pool != null) {
                inFlight.forEach(f -> f.cancel(true));
                inFlight.clear();
                pool.shutdownNow();
            }
        }
    }
}
