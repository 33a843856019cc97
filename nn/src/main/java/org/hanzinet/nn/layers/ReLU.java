package org.hanzinet.nn.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;

/**
 * max(x, 0) element-wise, any shape, through core's vector kernels: NaN stays NaN, -0 stays -0 and the
 * gradient at 0 is 0, as in PyTorch. One difference remains at NaN inputs: PyTorch's backward passes the
 * gradient through a NaN output ({@code result <= 0 ? 0 : grad}), core's kernel gives 0 there.
 *
 * <p>Output and input gradient live in buffers owned by the layer and are overwritten by its next
 * call of the same shape. Backward uses the cached output (y > 0 exactly when x > 0), so the caller may
 * reuse the input tensor after forward.
 *
 * <p>{@code inplace} (PyTorch's {@code nn.ReLU(inplace=True)}) writes the output over the input and returns
 * the input tensor: one activation buffer fewer, for a ReLU after a layer whose backward does not read its
 * own output (Conv2d, BatchNorm2d, Linear). The input must be read by this ReLU only: a graph that feeds the
 * same tensor to another node, or a Sigmoid/Tanh before it, would see its values changed.
 */
public final class ReLU extends OutputCachedActivation {

    /** {@code inplace}: see the class comment; JSON leaves it out when false, as configs before it had it. */
    public record Config(@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean inplace) implements LayerConfig {
        /** Not in place, PyTorch's default. */
        public Config() {
            this(false);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return inputShape.clone();
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public ReLU build(Rng rng) {
            return new ReLU(this);
        }
    }

    private final boolean inplace;

    public ReLU() {
        this(new Config());
    }

    public ReLU(Config config) {
        super("ReLU");
        this.inplace = Objects.requireNonNull(config, "config").inplace();
    }

    @Override
    boolean inPlace() {
        return inplace;
    }

    /** PyTorch's repr: {@code ReLU()} or {@code ReLU(inplace=True)}. */
    @Override
    public String toString() {
        return inplace ? "ReLU(inplace=True)" : "ReLU()";
    }

    @Override
    void apply(float[] x, int xo, float[] out, int oo, int n) {
        K.relu(x, xo, out, oo, n);
    }

    @Override
    void applyBackward(float[] y, int yo, float[] grad, int go, float[] out, int oo, int n) {
        K.reluBackward(y, yo, grad, go, out, oo, n);
    }
}
