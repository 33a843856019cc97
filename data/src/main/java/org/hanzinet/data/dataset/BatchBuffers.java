package org.hanzinet.data.dataset;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Tensor;

/**
 * The reusable tensors a {@link DataLoader} fills its batches into, so that training allocates no batch
 * tensors per step (at 2048 x 2048 and batch 5 one batch is about 0.5 GB).
 *
 * <p>A buffer holds {@code images [B, 3, H, W]}, {@code masks}, {@code ignores} and {@code weights}
 * {@code [B, 1, H, W]} for the loader's batch size {@code B}; a smaller last batch is a view of its first
 * rows. It is allocated on first use and again only when the sample size changes. An epoch borrows the
 * buffers it needs (one, plus one per prefetched batch) and gives them back when it is closed. Loaders
 * that are iterated one after the other, such as training and validation, can share one instance
 * ({@link DataLoader#DataLoader(CtwDataset, LoaderOptions, BatchBuffers)}); if an epoch asks while another
 * still holds them, it gets new ones, so sharing never costs correctness, only memory. Thread-safe.
 */
public final class BatchBuffers {
    private final ArrayDeque<Buffer> free = new ArrayDeque<>();
    private int created;

    /** Borrows {@code count} buffers (reused ones first, new ones when none are free). */
    synchronized List<Buffer> take(int count) {
        List<Buffer> out = new ArrayList<>(count);
        while (out.size() < count) {
            Buffer b = free.poll();
            if (b == null) {
                b = new Buffer();
                created++;
            }
            out.add(b);
        }
        return out;
    }

    /** Gives buffers back for the next epoch. */
    synchronized void give(List<Buffer> buffers) {
        free.addAll(buffers);
    }

    /** Buffers created so far (a loader that reuses its buffers stops creating them after the first epoch). */
    public synchronized int created() {
        return created;
    }

    /** One batch's tensors, filled by one thread at a time. */
    static final class Buffer {
        private Tensor images;
        private Tensor masks;
        private Tensor ignores;
        private Tensor weights;

        /**
         * The tensors for a batch of {@code n} samples of {@code w x h}: the held ones (or views of their first
         * {@code n} rows), reallocated at {@code [max(n, capacity), ., h, w]} only when they do not fit.
         */
        Tensor[] tensors(int n, int capacity, int h, int w) {
            if (images == null || images.size(0) < n || images.size(2) != h || images.size(3) != w) {
                int b = Math.max(n, capacity);
                images = Tensor.zeros(b, 3, h, w);
                masks = Tensor.zeros(b, 1, h, w);
                ignores = Tensor.zeros(b, 1, h, w);
                weights = Tensor.zeros(b, 1, h, w);
            }
            if (n == images.size(0)) {
                return new Tensor[] {images, masks, ignores, weights};
            }
            return new Tensor[] {images.slice(0, n), masks.slice(0, n), ignores.slice(0, n), weights.slice(0, n)};
        }
    }
}
