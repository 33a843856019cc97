package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * The hyperbolic tangent element-wise, any shape, as PyTorch's {@code nn.Tanh}; backward is
 * {@code dy * (1 - y^2)} from the cached output, so the caller may reuse the input after forward.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next call
 * of the same shape.
 */
public final class Tanh extends OutputCachedActivation {

    /** Tanh has no settings; the record exists so every layer is described by data. */
    public record Config() implements LayerConfig {
        @Override
        public int[] outputShape(int[] in) {
            return Arrays.copyOf(in, in.length);
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Module build(Rng rng) {
            return new Tanh();
        }
    }

    public Tanh() {
        super("Tanh");
    }

    public Tanh(Config config) {
        this();
        Objects.requireNonNull(config, "config");
    }

    @Override
    void apply(float[] x, int xo, float[] out, int oo, int n) {
        K.tanh(x, xo, out, oo, n);
    }

    @Override
    void applyBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        K.tanhBackward(y, yo, grad, go, out, oo, n);
    }

    @Override
    public String toString() {
        return "Tanh()";
    }
}
