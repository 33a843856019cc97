package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.hanzinet.core.Init;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.nn.DefaultRng;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * 2-D convolution (cross-correlation) as PyTorch's {@code nn.Conv2d} with a square kernel:
 * {@code [N, in, H, W] -> [N, out, (H + 2p - k) / s + 1, (W + 2p - k) / s + 1]}. Parameters
 * {@code weight [out, in, k, k]} and optional {@code bias [out]}, initialised as PyTorch does
 * (Kaiming-uniform and uniform in ±1/sqrt(fan_in), fan_in = in * k * k).
 *
 * <p>The work is done by one of the core implementations ({@link ConvImpl}): chosen per input shape
 * by {@link ConvImpl#choose} (measured), or forced with {@link #implementation(ConvImpl)} or the system
 * property {@value ConvImpl#PROPERTY}. All use both cores through {@code Parallel}.
 *
 * <p>Memory: the output of {@link #forward} and the input gradient of {@link #backward} are buffers
 * owned by the layer and overwritten by the next call with the same shape (on the reference models an
 * output is up to 512 MB, and fresh memory costs about 1 s/GB to first touch on the VMs we measured);
 * copy them to keep them. The layer also keeps the last input, for the weight gradient.
 */
public final class Conv2d extends Module {

    /** Layer configuration; validated, Jackson round-trippable. */
    public record Config(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias)
            implements LayerConfig {
        public Config {
            positive("inChannels", inChannels);
            positive("outChannels", outChannels);
            positive("kernel", kernel);
            positive("stride", stride);
            if (padding < 0) {
                throw new IllegalArgumentException("Conv2d: padding must be >= 0, got " + padding);
            }
        }

        /** {@code [N, in, H, W] -> [N, out, (H + 2p - k) / s + 1, (W + 2p - k) / s + 1]}. */
        @Override
        public int[] outputShape(int[] s) {
            return geometry(s).outputShape();
        }

        @Override
        public long parameterCount() {
            return (long) outChannels * inChannels * kernel * kernel + (bias ? outChannels : 0);
        }

        @Override
        public Conv2d build(Rng rng) {
            return new Conv2d(this, rng);
        }

        /** Validates an input shape against the layer, naming the layer and both shapes. */
        ConvGeometry geometry(int[] s) {
            int k = kernel, p = padding;
            if (s.length != 4 || s[1] != inChannels) {
                throw new IllegalArgumentException(this.describe() + ": expected input [N, " + inChannels + ", H, W], got "
                        + Arrays.toString(s));
            }
            if (s[0] == 0 || s[2] == 0 || s[3] == 0 || s[2] + 2 * p < k || s[3] + 2 * p < k) {
                throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(s) + " is smaller than the kernel: "
                        + "expected N >= 1 and H, W >= " + Math.max(1, k - 2 * p) + " (kernel " + k + ", padding " + p + ")");
            }
            return new ConvGeometry(s[0], s[1], s[2], s[3], outChannels, k, stride, p);
        }

        /** PyTorch's repr of the layer this builds. */
        String describe() {
            return "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=" + kernel + ", stride=" + stride
                    + ", padding=" + padding + ", bias=" + bias + ")";
        }

        private static void positive(String what, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("Conv2d: " + what + " must be positive, got " + v);
            }
        }
    }

    private final Config config;
    private final Parameter weight;
    private final Parameter bias;
    private final Map<ConvImpl, ConvAlgorithm> algorithms = new EnumMap<>(ConvImpl.class);
    private ConvImpl forced;
    private ConvGeometry geometry;
    private ConvImpl chosen;
    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias, Rng rng) {
        this(new Config(in, out, kernel, stride, padding, bias), rng);
    }

    /** PyTorch's default initialisation drawn from {@link DefaultRng} (for weights about to be overwritten, or quick trials). */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this(new Config(in, out, kernel, stride, padding, bias));
    }

    /** As {@link #Conv2d(Config, Rng)} with a generator split from {@link DefaultRng}. */
    public Conv2d(Config config) {
        this(config, DefaultRng.split());
    }

    public Conv2d(Config config, Rng rng) {
        this.config = config;
        int k = config.kernel();
        int fanIn = config.inChannels() * k * k;
        this.weight = registerParameter("weight",
                Init.kaimingUniform(Tensor.zeros(config.outChannels(), config.inChannels(), k, k), fanIn, rng));
        this.bias = config.bias()
                ? registerParameter("bias", Init.biasUniform(Tensor.zeros(config.outChannels()), fanIn, rng))
                : null;
    }

    public Config config() {
        return config;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, or null when the layer has none. */
    public Parameter bias() {
        return bias;
    }

    /** Forces an implementation for later calls; null returns to the per-shape choice. */
    public Conv2d implementation(ConvImpl impl) {
        this.forced = impl;
        this.chosen = null;
        return this;
    }

    /** The implementation the last forward used (null before the first). */
    public ConvImpl lastImplementation() {
        return chosen;
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometryOf(x);
        if (!g.equals(geometry) || chosen == null) {
            geometry = g;
            chosen = forced != null ? forced : ConvImpl.choose(g);
        }
        output = reuse(output, g.outputShape());
        algorithm().forward(g, x, weight.value(), bias == null ? null : bias.value(), output);
        input = x;
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (input == null) {
            throw new IllegalStateException(this + ": backward called before forward");
        }
        if (!Arrays.equals(gradOutput.shape(), geometry.outputShape())) {
            throw new IllegalArgumentException(this + ": output gradient must have the output's shape "
                    + Arrays.toString(geometry.outputShape()) + ", got " + Arrays.toString(gradOutput.shape()));
        }
        ConvAlgorithm a = algorithm();
        a.backwardWeight(geometry, input, gradOutput, weight.grad(), bias == null ? null : bias.grad());
        if (!inputGradientRequired()) {
            return null;
        }
        gradInput = reuse(gradInput, geometry.inputShape());
        a.backwardInput(geometry, gradOutput, weight.value(), gradInput);
        return gradInput;
    }

    private ConvAlgorithm algorithm() {
        return algorithms.computeIfAbsent(chosen, ConvImpl::create);
    }

    private static Tensor reuse(Tensor t, int[] shape) {
        return t != null && Arrays.equals(t.shape(), shape) ? t : Tensor.zeros(shape);
    }

    /** Validates the input against the layer, naming the layer and both shapes. */
    private ConvGeometry geometryOf(Tensor x) {
        return config.geometry(x.shape());
    }

    @Override
    public String toString() {
        return config.describe();
    }
}
