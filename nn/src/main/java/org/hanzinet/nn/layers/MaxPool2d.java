package org.hanzinet.nn.layers;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;

/**
 * 2-D max pooling without padding, as PyTorch's {@code nn.MaxPool2d(kernel, stride)}:
 * {@code [N, C, H, W] -> [N, C, (H-k)/s + 1, (W-k)/s + 1]} (floor). Within a window the scan is row-major
 * and the first maximum wins a tie; a NaN always takes the window (so the output is NaN and the
 * gradient goes to the last NaN in scan order), exactly PyTorch's CPU rule
 * {@code if (val > max || isnan(val))}.
 *
 * <p>Forward caches the arg-max of every output (index within its input plane), backward scatters the
 * gradient there (overlapping windows, stride < kernel, add up). Output, arg-max and input gradient are
 * buffers owned by the layer, overwritten by the next call of the same shape.
 */
public final class MaxPool2d extends Module {

    /** Kernel and stride, both at least 1. */
    public record Config(int kernel, int stride) {
        public Config {
            LayerSupport.requirePositive("MaxPool2d kernel", kernel);
            LayerSupport.requirePositive("MaxPool2d stride", stride);
        }
    }

    private final Config config;
    private Tensor output;
    private Tensor gradInput;
    private int[] argMax = new int[0];
    private int[] inputShape;

    public MaxPool2d(int kernel, int stride) {
        this(new Config(kernel, stride));
    }

    public MaxPool2d(Config config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** Output size along one axis: floor((in - kernel) / stride) + 1. */
    public int outputSize(int in) {
        return (in - config.kernel()) / config.stride() + 1;
    }

    @Override
    public Tensor forward(Tensor input) {
        LayerSupport.requireDims("MaxPool2d", input, 4, "[N, C, H, W]");
        int[] s = input.shape();
        int k = config.kernel();
        if (s[2] < k || s[3] < k) {
            throw new IllegalArgumentException("MaxPool2d: input " + Shapes.toString(s) + " is smaller than the kernel "
                    + k + "x" + k + " (expected H >= " + k + " and W >= " + k + ")");
        }
        int oh = outputSize(s[2]);
        int ow = outputSize(s[3]);
        Tensor y = output = LayerSupport.reuse(output, s[0], s[1], oh, ow);
        if (argMax.length != y.numel()) {
            argMax = new int[y.numel()];
        }
        inputShape = s;
        int[] am = argMax;
        // One task per output row of one plane: rows are independent.
        Parallel.forRange(s[0] * s[1] * oh, Math.max(1, LayerSupport.MIN_CHUNK / Math.max(1, ow * k * k)),
                (from, to) -> poolRows(input, s[2], s[3], oh, ow, y.data(), am, from, to));
        return y;
    }

    private void poolRows(Tensor input, int h, int w, int oh, int ow, float[] out, int[] am, int from, int to) {
        float[] in = input.data();
        int k = config.kernel();
        int st = config.stride();
        for (int row = from; row < to; row++) {
            int plane = row / oh;
            int r = row % oh;
            int base = input.offset() + plane * h * w;
            int ih0 = r * st;
            if (k == 2 && st == 2) {
                pool2x2Row(in, base, ih0 * w, w, out, am, row * ow, ow);
                continue;
            }
            for (int c = 0; c < ow; c++) {
                int iw0 = c * st;
                int best = ih0 * w + iw0;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = ih0; i < ih0 + k; i++) {
                    for (int j = iw0, idx = i * w + iw0; j < iw0 + k; j++, idx++) {
                        float v = in[base + idx];
                        if (v > max || Float.isNaN(v)) {
                            max = v;
                            best = idx;
                        }
                    }
                }
                out[row * ow + c] = max;
                am[row * ow + c] = best;
            }
        }
    }

    /** The reference models' 2x2, stride 2 case unrolled; same scan order and tie rule as the general loop. */
    private static void pool2x2Row(float[] in, int base, int top, int w, float[] out, int[] am, int o, int ow) {
        for (int c = 0; c < ow; c++, o++) {
            int i0 = top + 2 * c;
            int i2 = i0 + w;
            float a = in[base + i0];
            float b = in[base + i0 + 1];
            float d = in[base + i2];
            float e = in[base + i2 + 1];
            // Starting from the first element equals the general loop's -inf start (a = -inf keeps index i0 both ways).
            float max = a;
            int best = i0;
            if (b > max || Float.isNaN(b)) {
                max = b;
                best = i0 + 1;
            }
            if (d > max || Float.isNaN(d)) {
                max = d;
                best = i2;
            }
            if (e > max || Float.isNaN(e)) {
                max = e;
                best = i2 + 1;
            }
            out[o] = max;
            am[o] = best;
        }
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("MaxPool2d", inputShape);
        LayerSupport.requireGradShape("MaxPool2d", gradOutput, output.shape());
        int[] s = inputShape;
        Tensor gi = gradInput = LayerSupport.reuse(gradInput, s);
        int planeIn = s[2] * s[3];
        int planeOut = output.size(2) * output.size(3);
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        float[] gd = gi.data();
        int[] am = argMax;
        // One task per plane: overlapping windows scatter into the same plane only.
        Parallel.forRange(s[0] * s[1], Math.max(1, LayerSupport.MIN_CHUNK / Math.max(1, planeIn)), (from, to) -> {
            java.util.Arrays.fill(gd, from * planeIn, to * planeIn, 0f);
            for (int p = from; p < to; p++) {
                int inBase = p * planeIn;
                for (int o = p * planeOut, end = o + planeOut; o < end; o++) {
                    gd[inBase + am[o]] += g[go + o];
                }
            }
        });
        return gi;
    }
}
