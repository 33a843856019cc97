package org.hanzinet.spark;

import java.util.Arrays;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Seeds;

/**
 * Which photos make up each global batch: a permutation of the image list drawn from (seed, epoch)
 * alone, cut into batches of B (the last may be smaller). It does not depend on the partitioning, so
 * any number of workers trains on the same batches as one machine.
 */
public final class BatchPlan {
    private final int[] order;
    private final int batchSize;

    public BatchPlan(int photos, int batchSize, long seed, int epoch) {
        this.order = shuffledOrder(photos, Seeds.derive(seed, Seeds.SHUFFLE, epoch));
        this.batchSize = batchSize;
    }

    public int steps() {
        return (order.length + batchSize - 1) / batchSize;
    }

    /** The photo indices of step {@code step} (0-based), sorted (a membership test on the workers). */
    public int[] batch(int step) {
        int from = step * batchSize;
        int[] b = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
        Arrays.sort(b);
        return b;
    }

    /** A Fisher-Yates permutation of {@code 0..n-1} from its own seed: the order of data's {@code DataLoader.order}. */
    public static int[] shuffledOrder(int n, long seed) {
        Rng rng = new Rng(seed);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
