package org.hanzinet.nn.layers;

import java.util.Arrays;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.GradientArena;

/**
 * Shared plumbing of the layers: work-buffer reuse and the shape checks whose messages name the
 * layer, the expected and the actual shape.
 */
final class LayerSupport {
    /** Element-wise loops run on several threads only above this many elements per thread. */
    static final int MIN_CHUNK = 1 << 15;

    /** Chunk boundaries of kernel loops fall on multiples of this (the widest vector, 512 bits, is 16 floats). */
    static final int ALIGN = 64;

    private LayerSupport() {}

    /**
     * {@link Parallel#forRange} over [0, n) with chunk boundaries on multiples of {@link #ALIGN}, so a
     * Vector API kernel sees each element at the same lane position (vector body or scalar tail) for any
     * thread count: results do not depend on the number of threads.
     */
    static void forAligned(int n, Parallel.RangeBody body) {
        int blocks = (n + ALIGN - 1) / ALIGN;
        Parallel.forRange(blocks, MIN_CHUNK / ALIGN, (from, to) -> body.run(from * ALIGN, Math.min(n, to * ALIGN)));
    }

    /**
     * {@code cached} when it already has {@code shape}, else a new zero tensor. Layers keep their output
     * and gradient buffers across calls: at the reference size a fresh 80 MB buffer per call would cost
     * more than the computation (first touch of memory from the OS is about 1 s per GB here).
     */
    static Tensor reuse(Tensor cached, int... shape) {
        if (cached != null && Arrays.equals(cached.shape(), shape)) {
            return cached;
        }
        return Tensor.zeros(shape);
    }

    /**
     * The buffer for an input gradient: from the network's {@link GradientArena} while a container runs
     * backward (shared with the other layers, contents unspecified), else {@link #reuse reuse(cached, shape)}.
     */
    static Tensor gradInput(Tensor cached, int... shape) {
        GradientArena arena = GradientArena.current();
        return arena == null ? reuse(cached, shape) : arena.take(shape);
    }

    /**
     * The input-gradient buffer of an element-wise layer, whose input gradient has its output gradient's
     * shape: {@code gradOutput} itself when the container offered it ({@link GradientArena#offer}; the layer
     * then computes in place, each element read before it is written), else {@link #gradInput}. Callers
     * write at the returned tensor's offset.
     */
    static Tensor gradInputInPlace(Tensor gradOutput, Tensor cached, int... shape) {
        GradientArena arena = GradientArena.current();
        if (arena != null && arena.offered(gradOutput) && Arrays.equals(gradOutput.shape(), shape)) {
            return gradOutput;
        }
        return gradInput(cached, shape);
    }

    /** Throws unless {@code x} has {@code dims} dimensions; {@code layout} describes them, e.g. "[N, C, H, W]". */
    static void requireDims(String layer, Tensor x, int dims, String layout) {
        if (x.dim() != dims) {
            throw new IllegalArgumentException(layer + ": expected a " + dims + "-D input " + layout + ", got shape "
                    + Shapes.toString(x.shape()));
        }
    }

    /** Config-side twin of {@link #requireDims(String, Tensor, int, String)}: checks an input shape. */
    static int[] requireDims(String layer, int[] shape, int dims, String layout) {
        if (shape.length != dims) {
            throw new IllegalArgumentException(layer + ": expected a " + dims + "-D input " + layout + ", got shape "
                    + Shapes.toString(shape));
        }
        return shape;
    }

    /** Throws unless the gradient has the shape of the last forward's output. */
    static void requireGradShape(String layer, Tensor grad, int[] expected) {
        if (!Arrays.equals(grad.shape(), expected)) {
            throw new IllegalArgumentException(layer + ": gradient of shape " + Shapes.toString(grad.shape())
                    + " does not match the output shape " + Shapes.toString(expected) + " of the last forward");
        }
    }

    static void requireForward(String layer, Object cache) {
        if (cache == null) {
            throw new IllegalStateException(layer + ": backward called before forward");
        }
    }

    static int requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + value);
        }
        return value;
    }
}
