package org.hanzinet.data.dataset;

import java.util.List;
import org.hanzinet.core.Tensor;

/**
 * A batch of samples of one size.
 *
 * @param images  {@code [N, 3, H, W]}
 * @param masks   {@code [N, 1, H, W]}
 * @param ignores {@code [N, 1, H, W]}
 * @param ids     the samples' ids, in batch order
 */
public record Batch(Tensor images, Tensor masks, Tensor ignores, List<String> ids) {
    public Batch {
        ids = List.copyOf(ids);
    }

    public int size() {
        return ids.size();
    }
}
