package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;

/**
 * The logistic function 1 / (1 + exp(-x)) element-wise, any shape; backward is dy * y * (1 - y) from the
 * cached output.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next
 * call of the same shape; the caller may reuse the input tensor after forward.
 */
public final class Sigmoid extends OutputCachedActivation {

    /** Sigmoid has no settings; the record exists so every layer is described by data. */
    public record Config() implements LayerConfig {
        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Sigmoid build(Rng rng) {
            return new Sigmoid(this);
        }
    }

    public Sigmoid() {
        super("Sigmoid");
    }

    public Sigmoid(Config config) {
        this();
        Objects.requireNonNull(config, "config");
    }

    @Override
    void apply(float[] x, int xo, float[] out, int oo, int n) {
        K.sigmoid(x, xo, out, oo, n);
    }

    @Override
    void applyBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        K.sigmoidBackward(y, yo, grad, go, out, oo, n);
    }
}
