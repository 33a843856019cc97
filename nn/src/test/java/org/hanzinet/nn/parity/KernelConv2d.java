package org.hanzinet.nn.parity;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.nn.Module;

/**
 * A test-local Conv2d module over core's im2col + GEMM convolution, with PyTorch's parameter names and
 * layouts ({@code weight} [out, in, k, k], {@code bias} [out]). Stands in for
 * {@code org.hanzinet.nn.layers.Conv2d} until that layer lands; weights are loaded from fixtures. im2col,
 * not {@link ConvImpl#choose}: the direct Vector API kernels cost seconds per new shape before the JIT
 * has compiled them (measured: 9.3 s for the first 3 -> 128 forward at [3, 3, 64, 64]), and all three
 * implementations are checked against PyTorch by {@link ConvKernelParityTest} anyway.
 */
final class KernelConv2d extends Module {
    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Tensor weight;
    private final Tensor bias;
    private ConvGeometry geometry;
    private ConvAlgorithm algorithm;
    private Tensor input;

    KernelConv2d(int in, int out, int kernel, int stride, int padding) {
        this.in = in;
        this.out = out;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.weight = registerParameter("weight", Tensor.zeros(out, in, kernel, kernel)).value();
        this.bias = registerParameter("bias", Tensor.zeros(out)).value();
    }

    @Override
    public Tensor forward(Tensor x) {
        ConvGeometry g = new ConvGeometry(x.size(0), in, x.size(2), x.size(3), out, kernel, stride, padding);
        if (!g.equals(geometry)) {
            geometry = g;
            algorithm = ConvImpl.IM2COL.create();
        }
        input = x;
        return algorithm.forward(g, x, weight, bias, Tensor.zeros(g.outputShape()));
    }

    @Override
    public Tensor backward(Tensor dy) {
        algorithm.backwardWeight(geometry, input, dy, namedParameters().get("weight").grad(),
                namedParameters().get("bias").grad());
        return algorithm.backwardInput(geometry, dy, weight, Tensor.zeros(geometry.inputShape()));
    }
}
