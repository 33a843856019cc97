package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Init;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Transposed 2-D convolution as PyTorch's {@code nn.ConvTranspose2d(in, out, kernel, stride, padding,
 * output_padding, bias)}: {@code [N, in, H, W] -> [N, out, (H-1)*sh - 2ph + kh + oph, (W-1)*sw - 2pw + kw + opw]}.
 * Parameters {@code weight [in, out, kh, kw]} and optional {@code bias [out]}, initialised as PyTorch does
 * (Kaiming-uniform and uniform in ±1/sqrt(fan_in) with PyTorch's fan_in of the transposed weight,
 * {@code weight.size(1) * kh * kw = out * kh * kw}).
 *
 * <p>It is the adjoint of the convolution {@code [N, out, OH, OW] -> [N, in, H, W]} with the same weight, kernel,
 * stride and padding ({@link #convolution}), and runs on the convolution kernels: its forward is that
 * convolution's input gradient, its input gradient that convolution's forward, and its weight gradient that
 * convolution's weight gradient with the roles of input and output gradient swapped. Output padding only
 * adds rows and columns at the bottom and right that no window of the convolution covers (bias only).
 * Output and input gradient are buffers owned by the layer, as in {@link Conv2d}.
 */
public final class ConvTranspose2d extends Module {

    /**
     * Layer configuration; validated, Jackson round-trippable ({@link Size2d} settings are one int when
     * square, {@code [h, w]} otherwise). Output padding must be smaller than the stride, as in PyTorch.
     */
    public record Config(int inChannels, int outChannels, Size2d kernel, Size2d stride, Size2d padding,
            Size2d outputPadding, boolean bias) implements LayerConfig {
        public Config {
            if (inChannels <= 0 || outChannels <= 0) {
                throw new IllegalArgumentException("ConvTranspose2d: inChannels and outChannels must be positive, got "
                        + inChannels + " and " + outChannels);
            }
            Objects.requireNonNull(kernel, "ConvTranspose2d: kernel");
            stride = stride == null ? Size2d.square(1) : stride;
            padding = padding == null ? Size2d.square(0) : padding;
            outputPadding = outputPadding == null ? Size2d.square(0) : outputPadding;
            kernel.requireAtLeast("ConvTranspose2d", "kernel", 1);
            stride.requireAtLeast("ConvTranspose2d", "stride", 1);
            padding.requireAtLeast("ConvTranspose2d", "padding", 0);
            outputPadding.requireAtLeast("ConvTranspose2d", "outputPadding", 0);
            if (outputPadding.h() >= stride.h() || outputPadding.w() >= stride.w()) {
                throw new IllegalArgumentException("ConvTranspose2d: outputPadding " + outputPadding
                        + " must be smaller than the stride " + stride);
            }
        }

        /** Square kernel, stride, padding and output padding. */
        public Config(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
                boolean bias) {
            this(inChannels, outChannels, Size2d.square(kernel), Size2d.square(stride), Size2d.square(padding),
                    Size2d.square(outputPadding), bias);
        }

        /**
         * The convolution {@code [N, out, OH, OW] -> [N, in, H, W]} this layer is the transpose of, for input
         * {@code [N, in, H, W]}; throws naming the layer and the shape when the input does not fit.
         */
        public ConvGeometry convolution(int[] inputShape) {
            if (inputShape.length != 4 || inputShape[1] != inChannels || inputShape[0] < 1 || inputShape[2] < 1
                    || inputShape[3] < 1) {
                throw new IllegalArgumentException(describe() + ": expected input [N, " + inChannels
                        + ", H, W] with N, H, W >= 1, got " + Arrays.toString(inputShape));
            }
            int oh = (inputShape[2] - 1) * stride.h() - 2 * padding.h() + kernel.h() + outputPadding.h();
            int ow = (inputShape[3] - 1) * stride.w() - 2 * padding.w() + kernel.w() + outputPadding.w();
            if (oh < 1 || ow < 1) {
                throw new IllegalArgumentException(describe() + ": input " + Arrays.toString(inputShape)
                        + " gives an empty output " + oh + "x" + ow + " (padding " + padding + " too large)");
            }
            return new ConvGeometry(inputShape[0], outChannels, oh, ow, inChannels, kernel.h(), kernel.w(),
                    stride.h(), stride.w(), padding.h(), padding.w());
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return convolution(inputShape).inputShape();
        }

        @Override
        public long parameterCount() {
            return (long) inChannels * outChannels * kernel.h() * kernel.w() + (bias ? outChannels : 0);
        }

        @Override
        public ConvTranspose2d build(Rng rng) {
            return new ConvTranspose2d(this, rng);
        }

        /** PyTorch's repr, e.g. {@code ConvTranspose2d(64, 32, kernel_size=(2, 2), stride=(2, 2))}. */
        String describe() {
            Size2d zero = Size2d.square(0);
            return "ConvTranspose2d(" + inChannels + ", " + outChannels + ", kernel_size=" + kernel + ", stride="
                    + stride + (padding.equals(zero) ? "" : ", padding=" + padding)
                    + (outputPadding.equals(zero) ? "" : ", output_padding=" + outputPadding)
                    + (bias ? "" : ", bias=False") + ")";
        }
    }

    private final Config config;
    private final Parameter weight;
    private final Parameter bias;
    private final ConvChoice choice = new ConvChoice();
    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    public ConvTranspose2d(int in, int out, int kernel, int stride, int padding, int outputPadding, boolean bias,
            Rng rng) {
        this(new Config(in, out, kernel, stride, padding, outputPadding, bias), rng);
    }

    public ConvTranspose2d(Config config, Rng rng) {
        this.config = Objects.requireNonNull(config, "config");
        int kh = config.kernel().h(), kw = config.kernel().w();
        // PyTorch's _calculate_fan_in_and_fan_out on [in, out, kh, kw]: fan_in = size(1) * kh * kw
        int fanIn = config.outChannels() * kh * kw;
        this.weight = registerParameter("weight",
                Init.kaimingUniform(Tensor.zeros(config.inChannels(), config.outChannels(), kh, kw), fanIn, rng));
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

    /** Forces a convolution implementation for later calls; null returns to the per-shape choice. */
    public ConvTranspose2d implementation(ConvImpl impl) {
        choice.force(impl);
        return this;
    }

    /** The implementation the last forward used (null before the first). */
    public ConvImpl lastImplementation() {
        return choice.chosen();
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = config.convolution(x.shape());
        ConvAlgorithm a = choice.select(g);
        // [N, in, H, W] is the convolution's output gradient; its input gradient [N, out, OH, OW] is ours
        output = LayerSupport.reuse(output, g.inputShape());
        a.backwardInput(g, x, weight.value(), output);
        if (bias != null) {
            addBias(output, bias.value());
        }
        input = x;
        return output;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward(toString(), input);
        ConvGeometry geometry = choice.geometry();
        LayerSupport.requireGradShape(toString(), gradOutput, geometry.inputShape());
        ConvAlgorithm a = choice.current();
        // dW[in, out] = sum x[in] * dy[out]: the convolution's weight gradient with x as its output gradient
        a.backwardWeight(geometry, gradOutput, input, weight.grad(), null);
        if (bias != null) {
            biasGrad(gradOutput, bias.grad());
        }
        if (!inputGradientRequired()) {
            return null;
        }
        gradInput = LayerSupport.gradInput(gradInput, geometry.outputShape());
        a.forward(geometry, gradOutput, weight.value(), null, gradInput);
        return gradInput;
    }

    /** y[n, c] += b[c]; one task per plane. */
    private static void addBias(Tensor y, Tensor b) {
        int c0 = y.size(1), plane = y.size(2) * y.size(3);
        float[] d = y.data();
        Parallel.forRange(y.size(0) * c0, Math.max(1, LayerSupport.MIN_CHUNK / plane), (from, to) -> {
            for (int p = from; p < to; p++) {
                float v = b.getFlat(p % c0);
                for (int i = y.offset() + p * plane, end = i + plane; i < end; i++) {
                    d[i] += v;
                }
            }
        });
    }

    /** db[c] += sum over n, h, w of dy[n, c, h, w], summed in double; one task per channel. */
    private static void biasGrad(Tensor dy, Tensor db) {
        int n0 = dy.size(0), c0 = dy.size(1), plane = dy.size(2) * dy.size(3);
        float[] g = dy.data();
        Parallel.forRange(c0, 1, (from, to) -> {
            for (int c = from; c < to; c++) {
                double s = 0;
                for (int n = 0; n < n0; n++) {
                    for (int i = dy.offset() + (n * c0 + c) * plane, end = i + plane; i < end; i++) {
                        s += g[i];
                    }
                }
                db.data()[db.offset() + c] += (float) s;
            }
        });
    }

    @Override
    public String toString() {
        return config.describe();
    }
}
