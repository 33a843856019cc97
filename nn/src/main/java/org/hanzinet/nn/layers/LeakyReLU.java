package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * {@code x > 0 ? x : negativeSlope * x} element-wise, any shape, as PyTorch's {@code nn.LeakyReLU}
 * (NaN stays NaN; the gradient at 0 is the slope). Backward needs the sign of the input: with a slope
 * >= 0 the output has it (y > 0 exactly when x > 0), so the layer caches its output like ReLU and the
 * caller may reuse the input after forward. A negative slope would lose the sign and is refused (PyTorch
 * refuses it for its in-place variant for the same reason).
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next call
 * of the same shape.
 */
public final class LeakyReLU extends OutputCachedActivation {

    /** The slope for x <= 0: finite and >= 0 (PyTorch's default 0.01). */
    public record Config(float negativeSlope) implements LayerConfig {
        public Config {
            if (!(negativeSlope >= 0f) || Float.isInfinite(negativeSlope)) {
                throw new IllegalArgumentException("LeakyReLU negative_slope must be finite and >= 0, got " + negativeSlope);
            }
        }

        /** PyTorch's default slope, 0.01. */
        public Config() {
            this(0.01f);
        }

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
            return new LeakyReLU(this);
        }
    }

    private final Config config;

    /** Slope 0.01, as PyTorch. */
    public LeakyReLU() {
        this(new Config());
    }

    public LeakyReLU(float negativeSlope) {
        this(new Config(negativeSlope));
    }

    public LeakyReLU(Config config) {
        super("LeakyReLU");
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    @Override
    void apply(float[] x, int xo, float[] out, int oo, int n) {
        K.leakyRelu(config.negativeSlope(), x, xo, out, oo, n);
    }

    @Override
    void applyBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        K.leakyReluBackward(config.negativeSlope(), y, yo, grad, go, out, oo, n);
    }

    @Override
    public String toString() {
        return "LeakyReLU(negative_slope=" + PyRepr.number(config.negativeSlope()) + ")";
    }
}
