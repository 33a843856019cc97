package org.hanzinet.nn;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;

/**
 * Input-gradient buffers shared by the layers of one network during backward, so a network holds only
 * the gradients that are alive at once instead of one per layer.
 *
 * <p>Why: a layer that owns its input-gradient buffer keeps it for the whole life of the network, although
 * the gradient is dead as soon as the layer below has consumed it. In the examples' U-Net at 512 x 512,
 * batch 8, those buffers are about half of the training step's memory; PyTorch frees them as it goes.
 *
 * <p>How: the outermost container ({@link Sequential}, {@code Graph}) makes its arena current for the
 * thread while it runs backward ({@link #enter}); layers then take their input-gradient buffer from it
 * ({@link #take}, through {@code LayerSupport.gradInput}) instead of their own, and containers hand a
 * gradient back ({@link #give}) once its consumer has run and nothing else refers to its storage. Taken
 * buffers are not zeroed: layers overwrite them whole, as they already do with their own reused buffer.
 * Without a current arena (a layer used on its own, in tests) every layer keeps its own buffer.
 *
 * <p>Lifetime: what a backward returned stays valid until the next backward of the same network, exactly as
 * with owned buffers; entering the arena for a new backward reclaims every buffer of the previous one.
 * Buffers are matched by element count and kept across steps, so a steady training loop allocates nothing.
 * Not thread-safe; one arena per network, current per thread (Spark's replicas each have their own).
 */
public final class GradientArena {
    private static final ThreadLocal<GradientArena> CURRENT = new ThreadLocal<>();
    /** Current while {@link #withoutArena} runs: containers find an arena set and leave it, layers find none. */
    private static final GradientArena NONE = new GradientArena();

    /** Free arrays by length. */
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    /** Arrays handed out and not given back, by identity. */
    private final Set<float[]> inUse = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The storage the running container lets the layer it calls overwrite ({@link #offer}), or null. */
    private float[] offered;

    /** The arena of the backward running on this thread, or null (also inside {@link #withoutArena}). */
    public static GradientArena current() {
        GradientArena a = CURRENT.get();
        return a == NONE ? null : a;
    }

    /**
     * Every layer keeps its own input-gradient buffer until the scope closes, as without containers: the
     * reference the arena's results are tested against, and a way out should a custom layer keep a
     * reference to its input gradient after backward.
     */
    public static Scope withoutArena() {
        GradientArena before = CURRENT.get();
        CURRENT.set(NONE);
        return () -> {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        };
    }

    /**
     * Makes {@code arena} current for this thread until the returned scope closes, reclaiming every buffer
     * of its previous backward; when another arena is already current (a nested container), leaves it
     * current and does nothing.
     */
    public static Scope enter(GradientArena arena) {
        if (CURRENT.get() != null) {
            return () -> { };
        }
        arena.reclaimAll();
        CURRENT.set(arena);
        return () -> CURRENT.remove();
    }

    /** Closes without exceptions, for try-with-resources. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** A buffer of {@code shape} with unspecified contents, at offset 0 of its own array. */
    public Tensor take(int... shape) {
        int n = Shapes.numel(shape);
        ArrayDeque<float[]> q = free.get(n);
        float[] a = q == null || q.isEmpty() ? new float[n] : q.pop();
        inUse.add(a);
        return Tensor.wrap(a, 0, shape);
    }

    /**
     * Returns {@code t}'s storage for reuse if this arena handed it out and it is still in use; anything
     * else (null, a caller's tensor, a buffer given back already) is ignored.
     */
    public void give(Tensor t) {
        if (t != null && inUse.remove(t.data())) {
            free.computeIfAbsent(t.data().length, k -> new ArrayDeque<>()).push(t.data());
        }
    }

    /**
     * Lets the layer whose backward the container calls next overwrite {@code g}'s storage and return it as its
     * input gradient: a container offers a gradient only when it would give it back right after that call and
     * nothing pending refers to its storage. Element-wise layers (activations, BatchNorm, Dropout) then work
     * in place, one buffer fewer per layer; PyTorch's autograd allocates a new one and frees the old after.
     * {@code null} withdraws the offer; containers withdraw it when the call returns.
     */
    public void offer(Tensor g) {
        offered = g == null ? null : g.data();
    }

    /** Whether the running container offered {@code g}'s storage to the layer now running backward ({@link #offer}). */
    public boolean offered(Tensor g) {
        return g != null && offered != null && g.data() == offered;
    }

    /**
     * Whether a container may offer {@code g} to the layer it calls next, as far as ownership goes: a buffer of
     * this arena other than its caller's gradient, or the caller's gradient when the caller offered it (read on
     * entry, {@code callerOffered}, before the container's own offers replace it). Gradients still pending
     * elsewhere in the container are the container's to rule out.
     */
    public boolean mayOffer(Tensor g, Tensor callerGradient, boolean callerOffered) {
        return g != null && (g.data() == callerGradient.data() ? callerOffered : inUse(g));
    }

    /** Runs {@code backward} with {@code g} offered ({@link #offer}; null offers nothing) and withdraws the offer after. */
    public <T> T offering(Tensor g, Supplier<T> backward) {
        offer(g);
        try {
            return backward.get();
        } finally {
            offer(null);
        }
    }

    /** Whether {@code t}'s storage is a buffer of this arena that is currently handed out. */
    public boolean inUse(Tensor t) {
        return t != null && inUse.contains(t.data());
    }

    /** Floats held by this arena, handed out or free (for tests and memory reports). */
    public long floatsHeld() {
        long s = 0;
        for (float[] a : inUse) {
            s += a.length;
        }
        for (ArrayDeque<float[]> q : free.values()) {
            for (float[] a : q) {
                s += a.length;
            }
        }
        return s;
    }

    private void reclaimAll() {
        offered = null;
        for (float[] a : inUse) {
            free.computeIfAbsent(a.length, k -> new ArrayDeque<>()).push(a);
        }
        inUse.clear();
    }
}
