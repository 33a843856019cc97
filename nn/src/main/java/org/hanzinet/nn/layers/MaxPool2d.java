package org.hanzinet.nn.layers;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;
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
    public record Config(int kernel, int stride) implements LayerConfig {
        public Config {
            LayerSupport.requirePositive("MaxPool2d kernel", kernel);
            LayerSupport.requirePositive("MaxPool2d stride", stride);
        }

        /** {@code [N, C, H, W] -> [N, C, (H-k)/s + 1, (W-k)/s + 1]}. */
        @Override
        public int[] outputShape(int[] s) {
            LayerSupport.requireDims("MaxPool2d", s, 4, "[N, C, H, W]");
            requireFits(s, kernel);
            return new int[] {s[0], s[1], (s[2] - kernel) / stride + 1, (s[3] - kernel) / stride + 1};
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public MaxPool2d build(Rng rng) {
            return new MaxPool2d(this);
        }
    }

    private static void requireFits(int[] s, int k) {
        if (s[2] < k || s[3] < k) {
            throw new IllegalArgumentException("MaxPool2d: input " + Shapes.toString(s) + " is smaller than the kernel "
                    + k + "x" + k + " (expected H >= " + k + " and W >= " + k + ")");
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
        requireFits(s, k);
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

    /**
     * The reference models' 2x2, stride 2 case, unrolled and without data-dependent float branches (on
     * random data they mispredict about half the time): the comparisons run on integer keys that order
     * like the floats, with -0 and +0 equal, so the first maximum still wins and the output, read back
     * from the input, keeps its sign of zero. A window holding a NaN takes the exact general rule.
     */
    private static void pool2x2Row(float[] in, int base, int top, int w, float[] out, int[] am, int o, int ow) {
        for (int c = 0; c < ow; c++, o++) {
            int i0 = top + 2 * c;
            int i2 = i0 + w;
            float a = in[base + i0];
            float b = in[base + i0 + 1];
            float d = in[base + i2];
            float e = in[base + i2 + 1];
            int best;
            if (a != a | b != b | d != d | e != e) {
                best = nanWindow(a, b, d, e, i0, i2);
            } else {
                int ka = key(a);
                int kb = key(b);
                int kd = key(d);
                int ke = key(e);
                int top2 = kb > ka ? i0 + 1 : i0;
                int bottom2 = ke > kd ? i2 + 1 : i2;
                best = Math.max(kd, ke) > Math.max(ka, kb) ? bottom2 : top2;
            }
            out[o] = in[base + best];
            am[o] = best;
        }
    }

    /** An int that orders as the float does for non-NaN values, with -0 == +0 (x + 0f turns -0 into +0). */
    private static int key(float x) {
        int bits = Float.floatToRawIntBits(x + 0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** PyTorch's scan for a 2x2 window holding a NaN: the last NaN in scan order. */
    private static int nanWindow(float a, float b, float d, float e, int i0, int i2) {
        return e != e ? i2 + 1 : d != d ? i2 : b != b ? i0 + 1 : i0;
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
