package org.hanzinet.nn.layers;

import java.util.EnumMap;
import java.util.Map;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;

/**
 * The convolution implementation a layer runs (Conv2d, ConvTranspose2d): the measured per-shape choice
 * ({@link ConvImpl#choose}) or a forced one, re-chosen when the geometry changes. One instance of each
 * implementation is kept, because implementations own their work buffers.
 */
final class ConvChoice {
    private final Map<ConvImpl, ConvAlgorithm> algorithms = new EnumMap<>(ConvImpl.class);
    private ConvImpl forced;
    private ConvGeometry geometry;
    private ConvImpl chosen;

    /** Forces {@code impl} for later calls; null returns to the per-shape choice. */
    void force(ConvImpl impl) {
        this.forced = impl;
        this.chosen = null;
    }

    /** The implementation the last {@link #select} chose (null before the first). */
    ConvImpl chosen() {
        return chosen;
    }

    /** The geometry of the last {@link #select} (null before the first). */
    ConvGeometry geometry() {
        return geometry;
    }

    /** The algorithm for {@code g}, choosing again when the geometry or the forcing changed. */
    ConvAlgorithm select(ConvGeometry g) {
        if (!g.equals(geometry) || chosen == null) {
            geometry = g;
            chosen = forced != null ? forced : ConvImpl.choose(g);
        }
        return current();
    }

    /** The algorithm of the last {@link #select}. */
    ConvAlgorithm current() {
        return algorithms.computeIfAbsent(chosen, ConvImpl::create);
    }
}
