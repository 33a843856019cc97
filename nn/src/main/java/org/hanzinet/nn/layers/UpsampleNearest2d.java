package org.hanzinet.nn.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * Nearest-neighbour up- (or down-) sampling of images, exactly PyTorch's
 * {@code nn.Upsample(scale_factor=(sh, sw), mode='nearest')} or {@code nn.Upsample(size=(outH, outW),
 * mode='nearest')}: {@code [N, C, H, W] -> [N, C, outH, outW]}, a scale factor giving {@code outH = floor(H * sh)}.
 *
 * <p>Per axis, output position d reads source {@code min(floor((float) d * scale), in - 1)} with
 * {@code scale = (float) (1 / scale_factor)} when a scale factor was given and {@code (float) in / out}
 * otherwise; {@code d} itself when the size does not change and {@code d >> 1} when it doubles (PyTorch's
 * {@code nearest_idx}). Backward sums each source's gradient in double. Output and input gradient are
 * buffers owned by the layer.
 */
public final class UpsampleNearest2d extends Module {

    /** Either the output size or the scale factors (positive), not both; JSON leaves out the unset pair. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Config(Integer outH, Integer outW, Double scaleH, Double scaleW) implements LayerConfig {
        public Config {
            UpsampleSize.validate("UpsampleNearest2d", outH, outW, scaleH, scaleW);
        }

        /** A fixed output size. */
        public static Config size(int outH, int outW) {
            return new Config(outH, outW, null, null);
        }

        /** Scale factors per axis (PyTorch's {@code scale_factor=(sh, sw)}). */
        public static Config scale(double scaleH, double scaleW) {
            return new Config(null, null, scaleH, scaleW);
        }

        @Override
        public int[] outputShape(int[] inputShape) {
            return UpsampleSize.outputShape("UpsampleNearest2d", inputShape, outH, outW, scaleH, scaleW);
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public UpsampleNearest2d build(Rng rng) {
            return new UpsampleNearest2d(this);
        }
    }

    private final Config config;
    private int[] inputShape;
    private int[] rows = new int[0];
    private int[] cols = new int[0];
    private Tensor output;
    private Tensor gradInput;
    private double[] accumulator = new double[0];

    public UpsampleNearest2d(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** PyTorch's nearest_idx: the source of output {@code d} on an axis {@code in -> out}; {@code factor} may be null. */
    static int sourceIndex(int d, int in, int out, Double factor) {
        if (out == in) {
            return d;
        }
        if (out == 2 * in) {
            return d >> 1;
        }
        float scale = factor != null ? (float) (1.0 / factor) : (float) in / (float) out;
        return Math.min((int) Math.floor((float) d * scale), in - 1);
    }

    private static int[] sources(int in, int out, Double factor) {
        int[] src = new int[out];
        for (int d = 0; d < out; d++) {
            src[d] = sourceIndex(d, in, out, factor);
        }
        return src;
    }

    @Override
    public Tensor forward(Tensor input) {
        LayerSupport.requireDims("UpsampleNearest2d", input, 4, "[N, C, H, W]");
        int[] s = input.shape();
        int[] os = config.outputShape(s);
        int oh = os[2];
        int ow = os[3];
        rows = sources(s[2], oh, config.scaleH());
        cols = sources(s[3], ow, config.scaleW());
        inputShape = s;
        Tensor y = output = LayerSupport.reuse(output, os);
        int[] r = rows;
        int[] c = cols;
        float[] in = input.data();
        float[] out = y.data();
        int planeIn = s[2] * s[3];
        Parallel.forRange(s[0] * s[1] * oh, Math.max(1, LayerSupport.MIN_CHUNK / ow), (from, to) -> {
            for (int t = from; t < to; t++) {
                int plane = t / oh;
                int src = input.offset() + plane * planeIn + r[t - plane * oh] * s[3];
                for (int w = 0, o = t * ow; w < ow; w++, o++) {
                    out[o] = in[src + c[w]];
                }
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("UpsampleNearest2d", inputShape);
        LayerSupport.requireGradShape("UpsampleNearest2d", gradOutput, output.shape());
        int[] s = inputShape;
        Tensor gi = gradInput = LayerSupport.gradInput(gradInput, s);
        int oh = output.size(2);
        int ow = output.size(3);
        int planeIn = s[2] * s[3];
        if (accumulator.length != gi.numel()) {
            accumulator = new double[gi.numel()];
        }
        double[] acc = accumulator;
        int[] r = rows;
        int[] c = cols;
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        float[] gd = gi.data();
        // one task per plane: every output of a plane scatters into that plane only
        Parallel.forRange(s[0] * s[1], 1, (from, to) -> {
            java.util.Arrays.fill(acc, from * planeIn, to * planeIn, 0.0);
            for (int p = from; p < to; p++) {
                for (int h = 0; h < oh; h++) {
                    int dst = p * planeIn + r[h] * s[3];
                    int o = go + (p * oh + h) * ow;
                    for (int w = 0; w < ow; w++) {
                        acc[dst + c[w]] += g[o + w];
                    }
                }
            }
            for (int i = from * planeIn; i < to * planeIn; i++) {
                gd[i] = (float) acc[i];
            }
        });
        return gi;
    }

    @Override
    public String toString() {
        return config.outH() != null ? "Upsample(size=(" + config.outH() + ", " + config.outW() + "), mode='nearest')"
                : "Upsample(scale_factor=(" + config.scaleH() + ", " + config.scaleW() + "), mode='nearest')";
    }
}
