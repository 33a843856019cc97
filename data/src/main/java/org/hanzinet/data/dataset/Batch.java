package org.hanzinet.data.dataset;

import java.util.List;
import org.hanzinet.core.Tensor;

/**
 * A batch of samples of one size.
 *
 * <p>A batch from {@link DataLoader.Epoch#next()} lives in the loader's reusable {@link BatchBuffers}: its
 * tensors are the same instances from step to step when the shape is the same (a smaller last batch is a
 * view of the first rows), and they are overwritten by a later batch. Use it until the next
 * {@code next()} call; {@link #copy()} keeps one for longer.
 *
 * @param images  {@code [N, 3, H, W]}
 * @param masks   {@code [N, 1, H, W]} 1 inside a character polygon
 * @param ignores {@code [N, 1, H, W]} 1 inside an ignore region
 * @param weights {@code [N, 1, H, W]} {@code 1 - ignores}: the per-pixel loss weight that leaves ignored
 *                pixels out
 * @param ids     the samples' ids, in batch order
 */
public record Batch(Tensor images, Tensor masks, Tensor ignores, Tensor weights, List<String> ids) {
    public Batch {
        ids = List.copyOf(ids);
        int n = ids.size();
        int h = images.size(2);
        int w = images.size(3);
        images.requireShape("batch images", n, 3, h, w);
        masks.requireShape("batch masks", n, 1, h, w);
        ignores.requireShape("batch ignores", n, 1, h, w);
        weights.requireShape("batch weights", n, 1, h, w);
    }

    public int size() {
        return ids.size();
    }

    /** The batch in freshly allocated tensors, safe to keep after the loader moves on. */
    public Batch copy() {
        return new Batch(images.copy(), masks.copy(), ignores.copy(), weights.copy(), ids);
    }
}
