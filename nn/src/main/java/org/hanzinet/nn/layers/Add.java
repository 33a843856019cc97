package org.hanzinet.nn.layers;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.MultiInputConfig;
import org.hanzinet.nn.MultiInputModule;

/**
 * Element-wise sum of one or more inputs of one shape (a residual or skip merge, PyTorch's {@code a + b};
 * no broadcasting): {@code [S] x k -> [S]}, summed left to right as {@code (a + b) + c}.
 *
 * <p>Backward hands the output gradient itself to every input (d(a + b)/da = 1): nothing is copied, and
 * callers must not write into it. The output is a buffer owned by the layer, overwritten by the next
 * forward of the same shape.
 */
public final class Add extends MultiInputModule {

    /** Add has no settings: it takes as many inputs as the graph node names. */
    public record Config() implements MultiInputConfig {
        @Override
        public int[] outputShape(List<int[]> shapes) {
            requireInputs(shapes.size());
            for (int i = 1; i < shapes.size(); i++) {
                requireSame(shapes.get(0), shapes.get(i), i);
            }
            return shapes.get(0).clone();
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Add build(Rng rng) {
            return new Add(this);
        }
    }

    private Tensor output;
    private List<Tensor> gradInputs = List.of();
    private int inputs;

    public Add() {}

    public Add(Config config) {
        Objects.requireNonNull(config, "config");
    }

    @Override
    public Tensor forward(List<Tensor> xs) {
        requireInputs(xs.size());
        Tensor first = xs.get(0);
        for (int i = 1; i < xs.size(); i++) {
            requireSame(first.shape(), xs.get(i).shape(), i);
        }
        Tensor y = output = LayerSupport.reuse(output, first.shape());
        y.copyFrom(first);
        for (int i = 1; i < xs.size(); i++) {
            y.add(xs.get(i));
        }
        inputs = xs.size();
        return y;
    }

    @Override
    public List<Tensor> backwardAll(Tensor gradOutput) {
        LayerSupport.requireForward("Add", inputs == 0 ? null : output);
        LayerSupport.requireGradShape("Add", gradOutput, output.shape());
        if (gradInputs.size() != inputs || gradInputs.get(0) != gradOutput) {
            gradInputs = Collections.nCopies(inputs, gradOutput);
        }
        return gradInputs;
    }

    private static void requireInputs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("Add: needs at least one input, got none");
        }
    }

    private static void requireSame(int[] first, int[] other, int i) {
        if (!java.util.Arrays.equals(first, other)) {
            throw new IllegalArgumentException("Add: input " + i + " has shape " + Shapes.toString(other)
                    + ", input 0 has " + Shapes.toString(first) + " (Add takes inputs of one shape)");
        }
    }

    @Override
    public String toString() {
        return "Add()";
    }
}
