package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.simd.VectorKernels;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.nn.Module;

/**
 * max(x, 0) element-wise, any shape, through core's vector kernels: NaN stays NaN, -0 stays -0 and the
 * gradient at 0 is 0, as in PyTorch. One difference remains at NaN inputs: PyTorch's backward passes the
 * gradient through a NaN output ({@code result <= 0 ? 0 : grad}), core's kernel gives 0 there.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next
 * call of the same shape. Backward uses the cached output (y > 0 exactly when x > 0), so the caller may
 * reuse the input tensor after forward.
 */
public final class ReLU extends Module {
    private static final VectorKernels K = VectorizationProvider.get().kernels();

    /** ReLU has no settings; the record exists so every layer is described by data. */
    public record Config() {}

    private Tensor output;
    private Tensor gradInput;
    private boolean ready;

    public ReLU() {}

    public ReLU(Config config) {
        Objects.requireNonNull(config, "config");
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor y = output = LayerSupport.reuse(output, input.shape());
        float[] in = input.data();
        int io = input.offset();
        LayerSupport.forAligned(input.numel(),
                (from, to) -> K.relu(in, io + from, y.data(), from, to - from));
        ready = true;
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("ReLU", ready ? output : null);
        Tensor y = output;
        LayerSupport.requireGradShape("ReLU", gradOutput, y.shape());
        Tensor gi = gradInput = LayerSupport.reuse(gradInput, y.shape());
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        LayerSupport.forAligned(y.numel(),
                (from, to) -> K.reluBackward(y.data(), from, g, go + from, gi.data(), from, to - from));
        return gi;
    }
}
