package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * Splits dimension {@code dim} into {@code sizes}, as PyTorch's {@code nn.Unflatten(dim, sizes)}:
 * {@code Unflatten(1, [1, 8, 8])} turns {@code [N, 64]} into {@code [N, 1, 8, 8]}. Forward and backward
 * return views that share storage with their argument: nothing is copied.
 */
public final class Unflatten extends Module {

    /** The dimension to split (at least 1: the batch stays) and the sizes it becomes (each at least 1). */
    public record Config(int dim, List<Integer> sizes) implements LayerConfig {
        public Config {
            LayerSupport.requirePositive("Unflatten dim", dim);
            sizes = List.copyOf(Objects.requireNonNull(sizes, "Unflatten sizes"));
            if (sizes.isEmpty()) {
                throw new IllegalArgumentException("Unflatten sizes must not be empty");
            }
            for (int s : sizes) {
                LayerSupport.requirePositive("Unflatten size", s);
            }
        }

        /** {@code [..., sizes[0] * sizes[1] * ..., ...] -> [..., sizes[0], sizes[1], ..., ...]} at {@code dim}. */
        @Override
        public int[] outputShape(int[] s) {
            int n = sizes.stream().mapToInt(Integer::intValue).reduce(1, Math::multiplyExact);
            if (dim >= s.length || s[dim] != n) {
                throw new IllegalArgumentException("Unflatten: dimension " + dim + " of " + Shapes.toString(s)
                        + " must have " + n + " elements to become " + sizes);
            }
            int[] out = new int[s.length - 1 + sizes.size()];
            System.arraycopy(s, 0, out, 0, dim);
            for (int i = 0; i < sizes.size(); i++) {
                out[dim + i] = sizes.get(i);
            }
            System.arraycopy(s, dim + 1, out, dim + sizes.size(), s.length - dim - 1);
            return out;
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Unflatten build(Rng rng) {
            return new Unflatten(this);
        }
    }

    private final Config config;
    private int[] inputShape;
    private int[] outputShape;

    public Unflatten(int dim, Integer... sizes) {
        this(new Config(dim, Arrays.asList(sizes)));
    }

    public Unflatten(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    @Override
    public Tensor forward(Tensor input) {
        int[] out = config.outputShape(input.shape());
        inputShape = input.shape();
        outputShape = out;
        return input.reshape(out);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("Unflatten", inputShape);
        LayerSupport.requireGradShape("Unflatten", gradOutput, outputShape);
        return gradOutput.reshape(inputShape);
    }

    @Override
    public String toString() {
        return "Unflatten(dim=" + config.dim() + ", unflattened_size=" + config.sizes() + ")";
    }
}
