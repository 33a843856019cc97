package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;

/**
 * max(x, 0) element-wise, any shape, through core's vector kernels: NaN stays NaN, -0 stays -0 and the
 * gradient at 0 is 0, as in PyTorch. One difference remains at NaN inputs: PyTorch's backward passes the
 * gradient through a NaN output ({@code result <= 0 ? 0 : grad}), core's kernel gives 0 there.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next
 * call of the same shape. Backward uses the cached output (y > 0 exactly when x > 0), so the caller may
 * reuse the input tensor after forward.
 */
public final class ReLU extends OutputCachedActivation {

    /** ReLU has no settings; the record exists so every layer is described by data. */
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
        public ReLU build(Rng rng) {
            return new ReLU(this);
        }
    }

    public ReLU() {
        super("ReLU");
    }

    public ReLU(Config config) {
        this();
        Objects.requireNonNull(config, "config");
    }

    @Override
    void apply(float[] x, int xo, float[] out, int oo, int n) {
        K.relu(x, xo, out, oo, n);
    }

    @Override
    void applyBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        K.reluBackward(y, yo, grad, go, out, oo, n);
    }
}
