package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout(p)}: in training each element is zeroed with
 * probability p and the survivors are scaled by 1/(1-p), so eval needs no rescaling; in eval it is the
 * identity (forward returns its input, backward its gradient). Any shape.
 *
 * <p>The mask is drawn from the layer's own {@link Rng} (one draw per element, in row-major order) and
 * cached as one byte per element for backward; {@link #reseed} restarts the stream, which is how a
 * gradient check or a reproducible run fixes the mask. The masks differ from PyTorch's (another
 * generator); the distribution is the same. Output and gradient are buffers owned by the layer.
 */
public final class Dropout extends Module {

    /** Drop probability p in [0, 1). */
    public record Config(float p) implements LayerConfig {
        public Config {
            if (!(p >= 0f && p < 1f)) {
                throw new IllegalArgumentException("Dropout p must be in [0, 1), got " + p);
            }
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        /** The mask stream is {@code rng.split()}: one draw from {@code rng}, as a model built by hand does. */
        @Override
        public Dropout build(Rng rng) {
            return new Dropout(this, rng.split());
        }
    }

    private final Config config;
    private final float scale;
    private Rng rng;
    private byte[] keep = new byte[0];
    private int[] shape;
    private boolean lastWasTraining;
    private Tensor output;
    private Tensor gradInput;

    public Dropout(float p, Rng rng) {
        this(new Config(p), rng);
    }

    public Dropout(Config config, Rng rng) {
        this.config = Objects.requireNonNull(config, "config");
        this.rng = Objects.requireNonNull(rng, "rng");
        this.scale = (float) (1.0 / (1.0 - config.p()));
    }

    public Config config() {
        return config;
    }

    /** Restarts the mask stream from {@code seed}: the next forward draws the same mask as after any reseed(seed). */
    public void reseed(long seed) {
        rng = new Rng(seed);
    }

    @Override
    public Tensor forward(Tensor input) {
        shape = input.shape();
        lastWasTraining = isTraining() && config.p() > 0f;
        if (!lastWasTraining) {
            return input;
        }
        int n = input.numel();
        if (keep.length != n) {
            keep = new byte[n];
        }
        double p = config.p();
        for (int i = 0; i < n; i++) {
            keep[i] = rng.nextDouble() >= p ? (byte) 1 : 0;
        }
        Tensor y = output = LayerSupport.reuse(output, shape);
        applyMask(input.data(), input.offset(), y.data(), y.offset(), n);
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("Dropout", shape);
        LayerSupport.requireGradShape("Dropout", gradOutput, shape);
        if (!lastWasTraining) {
            return gradOutput;
        }
        Tensor gi = gradInput = LayerSupport.gradInputInPlace(gradOutput, gradInput, shape);
        applyMask(gradOutput.data(), gradOutput.offset(), gi.data(), gi.offset(), gi.numel());
        return gi;
    }

    /** out[i] = keep[i] ? x[i] * scale : 0, the same for forward and backward; out may be x (same offset). */
    private void applyMask(float[] x, int xo, float[] out, int oo, int n) {
        byte[] k = keep;
        float s = scale;
        Parallel.forRange(n, LayerSupport.MIN_CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[oo + i] = k[i] != 0 ? x[xo + i] * s : 0f;
            }
        });
    }
}
