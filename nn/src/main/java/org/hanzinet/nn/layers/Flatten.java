package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * {@code [N, d1, d2, ...] -> [N, d1*d2*...]}, as PyTorch's {@code nn.Flatten()} (start_dim 1). Forward
 * and backward return views that share storage with their argument: nothing is copied.
 */
public final class Flatten extends Module {

    /** Flatten has no settings (always from dimension 1); the record exists so every layer is data. */
    public record Config() implements LayerConfig {
        @Override
        public int[] outputShape(int[] s) {
            if (s.length < 2) {
                throw new IllegalArgumentException("Flatten: expected an input [N, ...] with at least 2 dimensions, got shape "
                        + Shapes.toString(s));
            }
            return new int[] {s[0], Shapes.numel(Arrays.copyOfRange(s, 1, s.length))};
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Flatten build(Rng rng) {
            return new Flatten(this);
        }
    }

    private int[] inputShape;

    public Flatten() {}

    public Flatten(Config config) {
        Objects.requireNonNull(config, "config");
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException("Flatten: expected an input [N, ...] with at least 2 dimensions, got shape "
                    + java.util.Arrays.toString(input.shape()));
        }
        inputShape = input.shape();
        return input.flatten(1);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("Flatten", inputShape);
        int n = inputShape[0];
        LayerSupport.requireGradShape("Flatten", gradOutput, new int[] {n, n == 0 ? 0 : numel(inputShape) / n});
        return gradOutput.reshape(inputShape);
    }

    private static int numel(int[] shape) {
        return org.hanzinet.core.Shapes.numel(shape);
    }
}
