package org.hanzinet.nn.layers;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.VectorKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.nn.Module;

/**
 * An element-wise activation, any shape, whose backward needs only its own output (ReLU: y > 0 exactly
 * when x > 0; sigmoid: dy * y * (1 - y)), so the caller may reuse the input tensor after forward.
 * Backward overwrites the output gradient when its container offers it ({@code GradientArena.offer}).
 * Both passes run a core vector kernel over thread chunks aligned to the vector width.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next call
 * of the same shape.
 */
abstract class OutputCachedActivation extends Module {
    static final VectorKernels K = VectorizationProvider.get().kernels();

    private final String name;
    private Tensor output;
    private Tensor gradInput;
    private boolean ready;

    OutputCachedActivation(String name) {
        this.name = name;
    }

    /** out[o..] = f(x[xo..]) for n elements. */
    abstract void apply(float[] x, int xo, float[] out, int oo, int n);

    /**
     * out[o..] = dLoss/dx given the forward output y and dLoss/dy, for n elements; {@code out} may be
     * {@code grad} at the same offset (backward in place, {@link LayerSupport#gradInputInPlace}).
     */
    abstract void applyBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n);

    /** Whether forward writes its output over its input (ReLU's {@code inplace}); backward then reads the input's storage. */
    boolean inPlace() {
        return false;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor y = output = inPlace() ? input : LayerSupport.reuse(output, input.shape());
        float[] in = input.data();
        int io = input.offset(), yo = y.offset();
        LayerSupport.forAligned(input.numel(), (from, to) -> apply(in, io + from, y.data(), yo + from, to - from));
        ready = true;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward(name, ready ? output : null);
        Tensor y = output;
        LayerSupport.requireGradShape(name, gradOutput, y.shape());
        Tensor gi = gradInput = LayerSupport.gradInputInPlace(gradOutput, gradInput, y.shape());
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        int yo = y.offset(), io = gi.offset();
        LayerSupport.forAligned(y.numel(),
                (from, to) -> applyBackward(y.data(), yo + from, g, go + from, gi.data(), io + from, to - from));
        return gi;
    }
}
