package org.hanzinet.nn.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * Bilinear up- (or down-) sampling, exactly PyTorch's {@code nn.Upsample(size=(outH, outW), mode='bilinear')}
 * or {@code nn.Upsample(scale_factor=(sh, sw), mode='bilinear')}, with {@code align_corners} False (the
 * default) or True: {@code [N, C, H, W] -> [N, C, outH, outW]}, where a scale factor gives
 * {@code outH = floor(H * sh)}.
 *
 * <p>Per axis, output position d reads the source coordinate {@code src = scale * d} when aligning corners
 * ({@code scale = (in - 1) / (out - 1)}, 0 for a single output), else {@code src = max(scale * (d + 0.5) - 0.5, 0)}
 * with {@code scale = 1 / scale_factor} when a scale factor was given and {@code in / out} otherwise
 * (float, as PyTorch); neighbours {@code i0 = (int) src} and {@code i1 = min(i0 + 1, in - 1)} with weights
 * {@code 1 - l} and {@code l = src - i0}; an axis whose size does not change is copied. The weights are
 * cached per shape, so a call costs four loads and multiply-adds per output; backward scatters
 * {@code dy * wh * ww} into the four sources, each product in float as PyTorch forms it but summed in
 * double (an 8x8 input up-sampled to 2048x2048 takes ~260,000 terms per source, where float sums, as
 * PyTorch's, drift by ~4e-5 relative). The double accumulator has the input's size, small when up-sampling.
 *
 * <p>Up-sampling by exactly 2 without aligned corners (the U-Net's {@code scale(2, 2, false)}, or an output
 * size of twice the input) takes {@link UpsampleBilinearX2} instead: the same forward floats bit for bit,
 * vector kernels and a backward gather summed in float (at most 16 terms per input); any other case runs
 * the general loops below.
 */
public final class UpsampleBilinear2d extends Module {

    /**
     * Either the output size ({@code outH, outW}, at least 1) or the scale factors ({@code scaleH, scaleW},
     * positive), not both; JSON leaves out the unset pair, so the size-only form of earlier versions,
     * {@code {"outH":..,"outW":..}}, still reads.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(Integer outH, Integer outW, Double scaleH, Double scaleW, boolean alignCorners)
            implements LayerConfig {
        public Config {
            UpsampleSize.validate("UpsampleBilinear2d", outH, outW, scaleH, scaleW);
        }

        /** A fixed output size, {@code align_corners=False}. */
        public Config(int outH, int outW) {
            this(outH, outW, null, null, false);
        }

        /** A fixed output size. */
        public static Config size(int outH, int outW, boolean alignCorners) {
            return new Config(outH, outW, null, null, alignCorners);
        }

        /** Scale factors per axis (PyTorch's {@code scale_factor=(sh, sw)}). */
        public static Config scale(double scaleH, double scaleW, boolean alignCorners) {
            return new Config(null, null, scaleH, scaleW, alignCorners);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return UpsampleSize.outputShape("UpsampleBilinear2d", inputShape, outH, outW, scaleH, scaleW);
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public UpsampleBilinear2d build(org.hanzinet.core.Rng rng) {
            return new UpsampleBilinear2d(this);
        }
    }

    private final Config config;
    private AxisWeights rows;
    private AxisWeights cols;
    private int[] inputShape;
    private Tensor output;
    private Tensor gradInput;
    private double[] accumulator = new double[0];
    /** The x2 path for the cached weights, or null when they are not the x2 pattern. */
    private UpsampleBilinearX2 timesTwo;
    /** Whether the last forward (and so its backward) took the x2 path. */
    private boolean tookTimesTwo;
    /** Set by tests of the x2 path, to compare it with the general loops on the same shapes. */
    private boolean generalOnly;

    public UpsampleBilinear2d(int outH, int outW) {
        this(new Config(outH, outW));
    }

    public UpsampleBilinear2d(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** Runs the general loops even where the x2 path applies: the reference the x2 path is tested against. */
    UpsampleBilinear2d generalOnly() {
        generalOnly = true;
        return this;
    }

    /** True when the last forward took the x2 path (tests fail when it was expected and not taken). */
    boolean tookTimesTwoPath() {
        return tookTimesTwo;
    }

    @Override
    public Tensor forward(Tensor input) {
        LayerSupport.requireDims("UpsampleBilinear2d", input, 4, "[N, C, H, W]");
        int[] s = input.shape();
        int[] os = config.outputShape(s);
        int oh = os[2];
        int ow = os[3];
        cacheWeights(s, oh, ow);
        inputShape = s;
        Tensor y = output = LayerSupport.reuse(output, s[0], s[1], oh, ow);
        tookTimesTwo = timesTwo != null && !generalOnly;
        if (tookTimesTwo) {
            timesTwo.forward(input.data(), input.offset(), s[0] * s[1], y.data(), y.offset());
        } else {
            forwardGeneral(input, y);
        }
        return y;
    }

    /** The weights of both axes for input [N, C, H, W] -> [N, C, oh, ow], and the x2 path when they allow it. */
    private void cacheWeights(int[] s, int oh, int ow) {
        boolean changed = false;
        if (rows == null || rows.in != s[2]) {
            rows = new AxisWeights(s[2], oh, config.alignCorners(), config.scaleH());
            changed = true;
        }
        if (cols == null || cols.in != s[3]) {
            cols = new AxisWeights(s[3], ow, config.alignCorners(), config.scaleW());
            changed = true;
        }
        if (changed) {
            timesTwo = UpsampleBilinearX2.applies(rows) && UpsampleBilinearX2.applies(cols)
                    ? new UpsampleBilinearX2(rows, cols) : null;
        }
    }

    /** [N, C, H, W] -> y [N, C, oh, ow], four loads and multiply-adds per output through the cached weights. */
    private void forwardGeneral(Tensor input, Tensor y) {
        int[] s = input.shape();
        int oh = y.size(2);
        int ow = y.size(3);
        AxisWeights r = rows;
        AxisWeights c = cols;
        float[] in = input.data();
        int planeIn = s[2] * s[3];
        float[] out = y.data();
        Parallel.forRange(s[0] * s[1] * oh, Math.max(1, LayerSupport.MIN_CHUNK / ow), (from, to) -> {
            for (int t = from; t < to; t++) {
                int plane = t / oh;
                int h = t - plane * oh;
                int top = input.offset() + plane * planeIn + r.i0[h] * s[3];
                int bottom = input.offset() + plane * planeIn + r.i1[h] * s[3];
                float h0 = r.l0[h];
                float h1 = r.l1[h];
                for (int w = 0, o = t * ow; w < ow; w++, o++) {
                    int a = c.i0[w];
                    int b = c.i1[w];
                    float w0 = c.l0[w];
                    float w1 = c.l1[w];
                    // PyTorch's order: inner axis first, then the outer weights.
                    float up = in[top + a] * w0 + in[top + b] * w1;
                    float down = in[bottom + a] * w0 + in[bottom + b] * w1;
                    out[o] = up * h0 + down * h1;
                }
            }
        });
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("UpsampleBilinear2d", inputShape);
        LayerSupport.requireGradShape("UpsampleBilinear2d", gradOutput, output.shape());
        int[] s = inputShape;
        Tensor gi = gradInput = LayerSupport.gradInput(gradInput, s);
        if (tookTimesTwo) {
            timesTwo.backward(gradOutput.data(), gradOutput.offset(), s[0] * s[1], gi.data(), gi.offset());
        } else {
            backwardGeneral(gradOutput, gi);
        }
        return gi;
    }

    /** gradOutput [N, C, oh, ow] -> gi [N, C, H, W]: the scatter into the double accumulator, one task per plane. */
    private void backwardGeneral(Tensor gradOutput, Tensor gi) {
        int[] s = inputShape;
        int oh = output.size(2);
        int ow = output.size(3);
        int planeIn = s[2] * s[3];
        AxisWeights r = rows;
        AxisWeights c = cols;
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        float[] gd = gi.data();
        if (accumulator.length != gi.numel()) {
            accumulator = new double[gi.numel()];
        }
        double[] acc = accumulator;
        // One task per plane: the scatter of different output rows meets in the same input rows.
        Parallel.forRange(s[0] * s[1], 1, (from, to) -> {
            java.util.Arrays.fill(acc, from * planeIn, to * planeIn, 0.0);
            for (int p = from; p < to; p++) {
                for (int h = 0; h < oh; h++) {
                    int top = p * planeIn + r.i0[h] * s[3];
                    int bottom = p * planeIn + r.i1[h] * s[3];
                    float h0 = r.l0[h];
                    float h1 = r.l1[h];
                    int o = go + (p * oh + h) * ow;
                    for (int w = 0; w < ow; w++) {
                        float d = g[o + w];
                        int a = c.i0[w];
                        int b = c.i1[w];
                        acc[top + a] += h0 * c.l0[w] * d;
                        acc[top + b] += h0 * c.l1[w] * d;
                        acc[bottom + a] += h1 * c.l0[w] * d;
                        acc[bottom + b] += h1 * c.l1[w] * d;
                    }
                }
            }
            for (int i = from * planeIn; i < to * planeIn; i++) {
                gd[i] = (float) acc[i];
            }
        });
    }

    /** PyTorch's repr, e.g. {@code Upsample(scale_factor=(2.0, 2.0), mode='bilinear', align_corners=True)}. */
    @Override
    public String toString() {
        String what = config.outH() != null ? "size=(" + config.outH() + ", " + config.outW() + ")"
                : "scale_factor=(" + config.scaleH() + ", " + config.scaleW() + ")";
        return "Upsample(" + what + ", mode='bilinear'" + (config.alignCorners() ? ", align_corners=True" : "") + ")";
    }

    /** Source indices and weights of every output position along one axis (PyTorch's compute_source_index_and_lambda). */
    static final class AxisWeights {
        final int in;
        /** First and second source index (equal at the upper edge). */
        final int[] i0;
        final int[] i1;
        /** Weights of i0 and i1; they sum to 1. */
        final float[] l0;
        final float[] l1;

        /**
         * @param scaleFactor the user's scale factor for this axis, or null when the output size was given
         *     (PyTorch's area_pixel_compute_scale)
         */
        AxisWeights(int in, int out, boolean alignCorners, Double scaleFactor) {
            this.in = in;
            i0 = new int[out];
            i1 = new int[out];
            l0 = new float[out];
            l1 = new float[out];
            float scale;
            if (alignCorners) {
                scale = out > 1 ? (float) (in - 1) / (float) (out - 1) : 0f;
            } else {
                scale = scaleFactor != null ? (float) (1.0 / scaleFactor) : (float) in / (float) out;
            }
            for (int d = 0; d < out; d++) {
                if (in == out) {
                    i0[d] = d;
                    i1[d] = d;
                    l0[d] = 1f;
                    continue;
                }
                float src = alignCorners ? scale * (float) d : Math.max(scale * ((float) d + 0.5f) - 0.5f, 0f);
                int lo = (int) src;
                i0[d] = lo;
                i1[d] = lo + (lo < in - 1 ? 1 : 0);
                l1[d] = Math.min(Math.max(src - lo, 0f), 1f);
                l0[d] = 1f - l1[d];
            }
        }
    }
}
