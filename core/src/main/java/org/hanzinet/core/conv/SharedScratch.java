package org.hanzinet.core.conv;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One spare float buffer shared by every convolution of this JVM, for scratch that is fully rewritten on
 * each use (the pixel-major output gradient of {@link DirectConv2d}'s weight gradient): one buffer for a
 * whole network instead of one per layer. Callers {@link #take} it and {@link #give} it back; a caller that
 * finds it taken (another thread's convolution) allocates its own, so concurrent use is safe.
 */
final class SharedScratch {
    private static final AtomicReference<float[]> SPARE = new AtomicReference<>();

    private SharedScratch() {}

    /** The spare when it holds at least {@code floats}, else a new buffer; either way the caller's alone. */
    static float[] take(int floats) {
        float[] b = SPARE.getAndSet(null);
        return b != null && b.length >= floats ? b : new float[floats];
    }

    /** Offers {@code buffer} back as the spare; the larger of it and any spare given meanwhile is kept. */
    static void give(float[] buffer) {
        SPARE.accumulateAndGet(buffer, (kept, offered) -> kept == null || offered.length > kept.length ? offered : kept);
    }
}
