package org.hanzinet.benchmarks.sidebyside;

import org.hanzinet.core.Init;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Stride-1 Conv2d with bias over core's convolution kernels ({@link ConvImpl#choose}), the same kernels
 * nn's Conv2d runs. Local to the benchmarks until {@code org.hanzinet.nn.layers.Conv2d} lands on main;
 * {@code [N, C, H, W] -> [N, O, OH, OW]}; the output and input-gradient buffers are reused.
 */
final class LocalConv2d extends Module {
    private final int in;
    private final int out;
    private final int kernel;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;
    private ConvAlgorithm algorithm;
    private ConvGeometry geometry;
    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    LocalConv2d(int in, int out, int kernel, int padding, Rng rng) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.padding = padding;
        int fanIn = in * kernel * kernel;
        weight = registerParameter("weight", Init.kaimingUniform(Tensor.zeros(out, in, kernel, kernel), fanIn, rng));
        bias = registerParameter("bias", Init.biasUniform(Tensor.zeros(out), fanIn, rng));
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = x.shape();
        if (s.length != 4 || s[1] != in) {
            throw new IllegalArgumentException("LocalConv2d: expected input [N, " + in + ", H, W], got "
                    + java.util.Arrays.toString(s));
        }
        ConvGeometry g = new ConvGeometry(s[0], in, s[2], s[3], out, kernel, 1, padding);
        if (!g.equals(geometry)) {
            geometry = g;
            algorithm = ConvImpl.choose(g).create();
            output = Tensor.zeros(g.outputShape());
            gradInput = null;
        }
        input = x;
        return algorithm.forward(g, x, weight.value(), bias.value(), output);
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (input == null) {
            throw new IllegalStateException("LocalConv2d: backward before forward");
        }
        algorithm.backwardWeight(geometry, input, dy, weight.grad(), bias.grad());
        if (gradInput == null) {
            gradInput = Tensor.zeros(geometry.inputShape());
        }
        return algorithm.backwardInput(geometry, dy, weight.value(), gradInput);
    }

    /** The chosen implementation, for the report. */
    String implName() {
        return algorithm == null ? "?" : algorithm.impl().name();
    }
}
