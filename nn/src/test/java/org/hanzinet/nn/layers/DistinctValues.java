package org.hanzinet.nn.layers;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;

/** Max-pooling inputs for gradient checks: no two values close enough for a central difference to swap a maximum. */
final class DistinctValues {
    private DistinctValues() {}

    /** Distinct values 0.05 apart in random order: no two window entries within 2 * eps of each other. */
    static Tensor withoutNearTies(Rng rng, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int n = t.numel();
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int s = perm[i];
            perm[i] = perm[j];
            perm[j] = s;
        }
        for (int i = 0; i < n; i++) {
            t.setFlat(i, perm[i] * 0.05f - n * 0.025f);
        }
        return t;
    }
}
