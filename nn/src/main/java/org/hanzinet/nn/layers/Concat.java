package org.hanzinet.nn.layers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.MultiInputConfig;
import org.hanzinet.nn.MultiInputModule;

/**
 * Concatenation along the channel axis (dimension 1), as {@code torch.cat(xs, dim=1)}:
 * {@code [N, C_i, ...] -> [N, sum C_i, ...]}; the inputs agree in every other dimension. A U-Net's skip
 * merge.
 *
 * <p>Output and the per-input gradients are buffers owned by the layer, overwritten by the next call of
 * the same shapes. Each image's block of every input is one contiguous copy.
 */
public final class Concat extends MultiInputModule {

    /** Concat has no settings: always the channel axis, as many inputs as the graph node names. */
    public record Config() implements MultiInputConfig {
        @Override
        public int[] outputShape(List<int[]> shapes) {
            return concatShape(shapes);
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public Concat build(Rng rng) {
            return new Concat(this);
        }
    }

    private Tensor output;
    private final List<Tensor> gradInputs = new ArrayList<>();
    private int[][] inputShapes;

    public Concat() {}

    public Concat(Config config) {
        Objects.requireNonNull(config, "config");
    }

    /** [N, C_0, ...], [N, C_1, ...], ... -> [N, C_0 + C_1 + ..., ...], naming the first input that does not fit. */
    static int[] concatShape(List<int[]> shapes) {
        if (shapes.isEmpty()) {
            throw new IllegalArgumentException("Concat: needs at least one input, got none");
        }
        int[] first = shapes.get(0);
        if (first.length < 2) {
            throw new IllegalArgumentException("Concat: expected inputs [N, C, ...] with at least 2 dimensions, got shape "
                    + Shapes.toString(first));
        }
        int[] out = first.clone();
        for (int i = 1; i < shapes.size(); i++) {
            int[] s = shapes.get(i);
            int[] a = first.clone();
            int[] b = s.clone();
            if (b.length == a.length) {
                a[1] = 0;
                b[1] = 0;
            }
            if (!Arrays.equals(a, b)) {
                throw new IllegalArgumentException("Concat: input " + i + " has shape " + Shapes.toString(s) + ", input 0 has "
                        + Shapes.toString(first) + " (along dim 1 the shapes may differ only in channels)");
            }
            out[1] = Math.addExact(out[1], s[1]);
        }
        Shapes.numel(out);
        return out;
    }

    @Override
    public Tensor forward(List<Tensor> xs) {
        int[][] shapes = xs.stream().map(Tensor::shape).toArray(int[][]::new);
        int[] outShape = concatShape(Arrays.asList(shapes));
        Tensor y = output = LayerSupport.reuse(output, outShape);
        int n = outShape[0];
        int outBlock = y.numel() / Math.max(1, n); // floats of one image in the output
        int at = 0;
        for (Tensor x : xs) {
            int block = x.numel() / Math.max(1, n);
            for (int b = 0; b < n; b++) {
                System.arraycopy(x.data(), x.offset() + b * block, y.data(), b * outBlock + at, block);
            }
            at += block;
        }
        inputShapes = shapes;
        return y;
    }

    @Override
    public List<Tensor> backwardAll(Tensor gradOutput) {
        LayerSupport.requireForward("Concat", inputShapes);
        LayerSupport.requireGradShape("Concat", gradOutput, output.shape());
        int n = output.size(0);
        int outBlock = output.numel() / Math.max(1, n);
        while (gradInputs.size() > inputShapes.length) {
            gradInputs.remove(gradInputs.size() - 1);
        }
        int at = 0;
        for (int i = 0; i < inputShapes.length; i++) {
            Tensor g = LayerSupport.gradInput(i < gradInputs.size() ? gradInputs.get(i) : null, inputShapes[i]);
            if (i < gradInputs.size()) {
                gradInputs.set(i, g);
            } else {
                gradInputs.add(g);
            }
            int block = g.numel() / Math.max(1, n);
            for (int b = 0; b < n; b++) {
                System.arraycopy(gradOutput.data(), gradOutput.offset() + b * outBlock + at, g.data(), b * block, block);
            }
            at += block;
        }
        return List.copyOf(gradInputs);
    }

    @Override
    public String toString() {
        return "Concat(dim=1)";
    }
}
