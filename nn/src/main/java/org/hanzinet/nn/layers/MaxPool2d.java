package org.hanzinet.nn.layers;

import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * 2-D max pooling as PyTorch's {@code nn.MaxPool2d(kernel, stride, padding, ceil_mode=...)}, square or
 * rectangular: {@code [N, C, H, W] -> [N, C, OH, OW]} with {@code OH = floor((H + 2ph - kh) / sh) + 1}, or
 * rounded up with {@code ceilMode} unless that last window would start in the bottom padding (PyTorch's
 * rule: it must start inside the input or the top padding); likewise for the width. Padding is
 * {@code -inf}: windows are clipped to the input. Within a window the scan is row-major and the first
 * maximum wins a tie; a NaN always takes the window (so the output is NaN and the gradient goes to the
 * last NaN in scan order), exactly PyTorch's CPU rule {@code if (val > max || isnan(val))}.
 *
 * <p>Forward caches the arg-max of every output (index within its input plane), backward scatters the
 * gradient there (overlapping windows, stride < kernel, add up). Output, arg-max and input gradient are
 * buffers owned by the layer, overwritten by the next call of the same shape.
 */
public final class MaxPool2d extends Module {

    /**
     * Kernel (at least 1), stride (at least 1; absent in JSON means the kernel, as PyTorch's default),
     * padding (at most half the kernel, as PyTorch requires; absent means 0) and ceil mode. The square,
     * unpadded form keeps its JSON {@code {"kernel":2,"stride":2}} readable.
     */
    public record Config(Size2d kernel, Size2d stride, Size2d padding, boolean ceilMode) implements LayerConfig {
        public Config {
            Objects.requireNonNull(kernel, "MaxPool2d: kernel");
            stride = stride == null ? kernel : stride;
            padding = padding == null ? Size2d.square(0) : padding;
            kernel.requireAtLeast("MaxPool2d", "kernel", 1);
            stride.requireAtLeast("MaxPool2d", "stride", 1);
            padding.requireAtLeast("MaxPool2d", "padding", 0);
            if (2 * padding.h() > kernel.h() || 2 * padding.w() > kernel.w()) {
                throw new IllegalArgumentException("MaxPool2d: padding " + padding
                        + " must be at most half the kernel " + kernel);
            }
        }

        /** Square kernel and stride, no padding, floor mode. */
        public Config(int kernel, int stride) {
            this(Size2d.square(kernel), Size2d.square(stride), Size2d.square(0), false);
        }

        /** Output size along one axis, PyTorch's pooling_output_shape; may be < 1 for too small an input. */
        static int outputSize(int in, int k, int s, int p, boolean ceil) {
            int span = in + 2 * p - k;
            if (span < 0) {
                return 0;
            }
            int out = (span + (ceil ? s - 1 : 0)) / s + 1;
            if (ceil && (out - 1) * s >= in + p) {
                out--;
            }
            return out;
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            if (inputShape.length != 4) {
                throw new IllegalArgumentException(describe() + ": expected a 4-D input [N, C, H, W], got shape "
                        + Shapes.toString(inputShape));
            }
            int oh = outputSize(inputShape[2], kernel.h(), stride.h(), padding.h(), ceilMode);
            int ow = outputSize(inputShape[3], kernel.w(), stride.w(), padding.w(), ceilMode);
            if (oh < 1 || ow < 1) {
                throw new IllegalArgumentException(describe() + ": input " + Shapes.toString(inputShape)
                        + " is smaller than the kernel " + kernel.h() + "x" + kernel.w() + " with padding " + padding
                        + " (expected H >= " + (kernel.h() - 2 * padding.h()) + " and W >= "
                        + (kernel.w() - 2 * padding.w()) + ")");
            }
            return new int[] {inputShape[0], inputShape[1], oh, ow};
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public MaxPool2d build(org.hanzinet.core.Rng rng) {
            return new MaxPool2d(this);
        }

        /** PyTorch's repr with tuples, e.g. {@code MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), dilation=1, ceil_mode=False)}. */
        String describe() {
            return "MaxPool2d(kernel_size=" + kernel + ", stride=" + stride + ", padding=" + padding
                    + ", dilation=1, ceil_mode=" + (ceilMode ? "True" : "False") + ")";
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

    /** Output size along the height for input height {@code in} (the width's for a square config). */
    public int outputSize(int in) {
        return Config.outputSize(in, config.kernel().h(), config.stride().h(), config.padding().h(), config.ceilMode());
    }

    @Override
    public String toString() {
        return config.describe();
    }

    @Override
    public Tensor forward(Tensor input) {
        LayerSupport.requireDims("MaxPool2d", input, 4, "[N, C, H, W]");
        int[] s = input.shape();
        int[] os = config.outputShape(s);
        int oh = os[2];
        int ow = os[3];
        Tensor y = output = LayerSupport.reuse(output, os);
        if (argMax.length != y.numel()) {
            argMax = new int[y.numel()];
        }
        inputShape = s;
        int[] am = argMax;
        int work = ow * config.kernel().h() * config.kernel().w();
        // One task per output row of one plane: rows are independent.
        Parallel.forRange(s[0] * s[1] * oh, Math.max(1, LayerSupport.MIN_CHUNK / Math.max(1, work)),
                (from, to) -> poolRows(input, s[2], s[3], oh, ow, y.data(), am, from, to));
        return y;
    }

    private void poolRows(Tensor input, int h, int w, int oh, int ow, float[] out, int[] am, int from, int to) {
        float[] in = input.data();
        int kh = config.kernel().h(), kw = config.kernel().w();
        int sh = config.stride().h(), sw = config.stride().w();
        int ph = config.padding().h(), pw = config.padding().w();
        // the unrolled 2x2 path needs whole windows: unpadded, and (ceil mode) not the clipped last row/column
        boolean twoByTwo = kh == 2 && kw == 2 && sh == 2 && sw == 2 && ph == 0 && pw == 0 && 2 * ow <= w;
        for (int row = from; row < to; row++) {
            int plane = row / oh;
            int r = row % oh;
            int base = input.offset() + plane * h * w;
            int top = r * sh - ph;
            if (twoByTwo && top + 2 <= h) {
                pool2x2Row(in, base, top * w, w, out, am, row * ow, ow);
                continue;
            }
            // PyTorch: clip the window to the input, start the arg-max at its first element, max from -inf
            int i0 = Math.max(top, 0);
            int i1 = Math.min(top + kh, h);
            for (int c = 0; c < ow; c++) {
                int left = c * sw - pw;
                int j0 = Math.max(left, 0);
                int j1 = Math.min(left + kw, w);
                int best = i0 * w + j0;
                float max = Float.NEGATIVE_INFINITY;
                for (int i = i0; i < i1; i++) {
                    for (int j = j0, idx = i * w + j0; j < j1; j++, idx++) {
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
        Tensor gi = gradInput = LayerSupport.gradInput(gradInput, s);
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
