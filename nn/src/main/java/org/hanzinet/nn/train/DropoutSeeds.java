package org.hanzinet.nn.train;

import org.hanzinet.core.Seeds;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.layers.Dropout;

/**
 * Gives every {@link Dropout} of a model a seed derived from one seed and the layer's position (depth
 * first), so a step's masks follow from (seed, epoch, step[, sample]) alone and a resumed or
 * distributed run draws the same ones.
 */
public final class DropoutSeeds {
    private DropoutSeeds() {}

    public static void reseed(Module model, long seed) {
        visit(model, seed, new int[] {0});
    }

    private static void visit(Module m, long seed, int[] counter) {
        if (m instanceof Dropout d) {
            d.reseed(Seeds.derive(seed, Seeds.DROPOUT, counter[0]++));
        }
        for (Module c : m.children().values()) {
            visit(c, seed, counter);
        }
    }
}
