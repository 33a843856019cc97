package org.hanzinet.nn;

import org.hanzinet.core.Rng;

/**
 * The generator behind the layer constructors that take no {@link Rng} (PyTorch's global generator, as
 * {@code torch.manual_seed} sets it): seeded with {@link #DEFAULT_SEED} when the class loads, so a program
 * that builds the same layers in the same order gets the same weights on every run. {@link #seed(long)}
 * restarts it. Each layer takes its own {@link Rng#split()} of it, so layers built on several threads do
 * not share a generator (their order, and so their weights, then depend on the scheduling).
 *
 * <p>Code that wants its weights to be a function of its own seed passes an {@code Rng} explicitly; the
 * default exists for weights that are overwritten anyway (a checkpoint, a PyTorch {@code state_dict}) and
 * for quick trials.
 */
public final class DefaultRng {
    /** The seed at start-up. */
    public static final long DEFAULT_SEED = 0;

    private static Rng rng = new Rng(DEFAULT_SEED);

    private DefaultRng() {}

    /** Restarts the default generator from {@code seed} (as {@code torch.manual_seed}). */
    public static synchronized void seed(long seed) {
        rng = new Rng(seed);
    }

    /** A generator split from the default one, for one layer's initialisation. */
    public static synchronized Rng split() {
        return rng.split();
    }
}
