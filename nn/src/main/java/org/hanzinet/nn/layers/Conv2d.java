package org.hanzinet.nn.layers;

import java.util.Arrays;
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
 * 2-D convolution (cross-correlation) as PyTorch's {@code nn.Conv2d}, square or rectangular:
 * {@code [N, in, H, W] -> [N, out, (H + 2ph - kh) / sh + 1, (W + 2pw - kw) / sw + 1]}. Parameters
 * {@code weight [out, in, kh, kw]} and optional {@code bias [out]}, initialised as PyTorch does
 * (Kaiming-uniform and uniform in ±1/sqrt(fan_in), fan_in = in * kh * kw).
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

    /**
     * Layer configuration; validated, Jackson round-trippable. Kernel, stride and padding are
     * {@link Size2d} pairs, written in JSON as one int when square ({@code "kernel":5}, the form of
     * earlier versions) and as {@code [h, w]} otherwise; an absent stride is 1 and an absent padding 0,
     * PyTorch's defaults.
     */
    public record Config(int inChannels, int outChannels, Size2d kernel, Size2d stride, Size2d padding, boolean bias)
            implements LayerConfig {
        public Config {
            positive("inChannels", inChannels);
            positive("outChannels", outChannels);
            java.util.Objects.requireNonNull(kernel, "Conv2d: kernel");
            stride = stride == null ? Size2d.square(1) : stride;
            padding = padding == null ? Size2d.square(0) : padding;
            kernel.requireAtLeast("Conv2d", "kernel", 1);
            stride.requireAtLeast("Conv2d", "stride", 1);
            padding.requireAtLeast("Conv2d", "padding", 0);
        }

        /** Square kernel, stride and padding. */
        public Config(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) {
            this(inChannels, outChannels, Size2d.square(kernel), Size2d.square(stride), Size2d.square(padding), bias);
        }

        private static void positive(String what, int v) {
            if (v <= 0) {
                throw new IllegalArgumentException("Conv2d: " + what + " must be positive, got " + v);
            }
        }

        /** The geometry of this layer on input {@code [N, inChannels, H, W]}; throws naming the layer and shape. */
        public ConvGeometry geometry(int[] inputShape) {
            String layer = describe();
            if (inputShape.length != 4 || inputShape[1] != inChannels) {
                throw new IllegalArgumentException(layer + ": expected input [N, " + inChannels + ", H, W], got "
                        + Arrays.toString(inputShape));
            }
            int kh = kernel.h(), kw = kernel.w(), ph = padding.h(), pw = padding.w();
            if (inputShape[0] == 0 || inputShape[2] == 0 || inputShape[3] == 0 || inputShape[2] + 2 * ph < kh
                    || inputShape[3] + 2 * pw < kw) {
                throw new IllegalArgumentException(layer + ": input " + Arrays.toString(inputShape)
                        + " is smaller than the kernel: expected N >= 1, H >= " + Math.max(1, kh - 2 * ph) + " and W >= "
                        + Math.max(1, kw - 2 * pw) + " (kernel " + kernel + ", padding " + padding + ")");
            }
            return new ConvGeometry(inputShape[0], inChannels, inputShape[2], inputShape[3], outChannels, kh, kw,
                    stride.h(), stride.w(), ph, pw);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return geometry(inputShape).outputShape();
        }

        @Override
        public long parameterCount() {
            return (long) outChannels * inChannels * kernel.h() * kernel.w() + (bias ? outChannels : 0);
        }

        @Override
        public Conv2d build(Rng rng) {
            return new Conv2d(this, rng);
        }

        /** PyTorch's repr: {@code Conv2d(3, 16, kernel_size=(5, 5), stride=(1, 1), padding=(2, 2))} (zero padding left out). */
        String describe() {
            return "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=" + kernel + ", stride=" + stride
                    + (padding.equals(Size2d.square(0)) ? "" : ", padding=" + padding) + (bias ? "" : ", bias=False")
                    + ")";
        }
    }

    private final Config config;
    private final Parameter weight;
    private final Parameter bias;
    private final ConvChoice choice = new ConvChoice();
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
        int kh = config.kernel().h(), kw = config.kernel().w();
        int fanIn = config.inChannels() * kh * kw;
        this.weight = registerParameter("weight",
                Init.kaimingUniform(Tensor.zeros(config.outChannels(), config.inChannels(), kh, kw), fanIn, rng));
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
        choice.force(impl);
        return this;
    }

    /** The implementation the last forward used (null before the first). */
    public ConvImpl lastImplementation() {
        return choice.chosen();
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = geometryOf(x);
        ConvAlgorithm a = choice.select(g);
        output = LayerSupport.reuse(output, g.outputShape());
        a.forward(g, x, weight.value(), bias == null ? null : bias.value(), output);
        input = x;
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        if (input == null) {
            throw new IllegalStateException(this + ": backward called before forward");
        }
        ConvGeometry geometry = choice.geometry();
        if (!Arrays.equals(gradOutput.shape(), geometry.outputShape())) {
            throw new IllegalArgumentException(this + ": output gradient must have the output's shape "
                    + Arrays.toString(geometry.outputShape()) + ", got " + Arrays.toString(gradOutput.shape()));
        }
        ConvAlgorithm a = choice.current();
        a.backwardWeight(geometry, input, gradOutput, weight.grad(), bias == null ? null : bias.grad());
        if (!inputGradientRequired()) {
            return null;
        }
        gradInput = LayerSupport.gradInput(gradInput, geometry.inputShape());
        a.backwardInput(geometry, gradOutput, weight.value(), gradInput);
        return gradInput;
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
