package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.VectorKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.nn.Module;

/**
 * The logistic function 1 / (1 + exp(-x)) element-wise, any shape; backward is dy * y * (1 - y) from the
 * cached output.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next
 * call of the same shape; the caller may reuse the input tensor after forward.
 */
public final class Sigmoid extends Module {
    private static final VectorKernels K = VectorizationProvider.get().kernels();

    /** Sigmoid has no settings; the record exists so every layer is described by data. */
    public record Config() {}

    private Tensor output;
    private Tensor gradInput;
    private boolean ready;

    public Sigmoid() {}

    public Sigmoid(Config config) {
        Objects.requireNonNull(config, "config");
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor y = output = LayerSupport.reuse(output, input.shape());
        float[] in = input.data();
        int io = input.offset();
        LayerSupport.forAligned(input.numel(),
                (from, to) -> K.sigmoid(in, io + from, y.data(), from, to - from));
        ready = true;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("Sigmoid", ready ? output : null);
        Tensor y = output;
        LayerSupport.requireGradShape("Sigmoid", gradOutput, y.shape());
        Tensor gi = gradInput = LayerSupport.reuse(gradInput, y.shape());
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        LayerSupport.forAligned(y.numel(),
                (from, to) -> K.sigmoidBackward(y.data(), from, g, go + from, gi.data(), from, to - from));
        return gi;
    }
}
