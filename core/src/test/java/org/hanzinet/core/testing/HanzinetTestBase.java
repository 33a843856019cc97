package org.hanzinet.core.testing;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base for hanzinet tests: a fixed-seed random source, fresh for every test method, so that a failure
 * reproduces exactly. Shipped in the core test-jar for the other modules.
 */
public abstract class HanzinetTestBase {
    public static final long SEED = 0x5EED_2024L;

    /** Sizes that catch vector tails and blocking edges, and a few real ones. */
    public static final int[] AWKWARD_SIZES = {1, 3, 7, 17, 31, 127, 4096, 5 * 253, 1022 * 3 + 1};

    protected Rng rng;

    @BeforeEach
    void resetRng() {
        rng = new Rng(SEED);
    }

    /** A tensor with values uniform in [-1, 1). */
    protected Tensor randomTensor(int... shape) {
        return Tensor.zeros(shape).uniform(rng, -1f, 1f);
    }
}
