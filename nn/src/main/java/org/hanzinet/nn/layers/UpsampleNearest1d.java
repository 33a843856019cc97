package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;

/**
 * Nearest-neighbour up- (or down-) sampling of a 1-D signal to a fixed length, exactly PyTorch's
 * {@code nn.Upsample(size=S, mode='nearest')} on a 3-D tensor: {@code [N, C, L] -> [N, C, S]}.
 *
 * <p>Output position d reads source {@code min(floor((float) d * ((float) L / S)), L - 1)}, computed in
 * float as PyTorch's {@code nearest_idx} does (identity when S == L, {@code d >> 1} when S == 2L). The
 * float arithmetic matters: for L = 20, S = 4,194,304 the runs start at 209716, 419431, ... rather than
 * at the exact multiples of 209715.2 rounded any one way. Because the map is monotone, each source
 * covers one run of outputs; the layer caches the L + 1 run boundaries per (L, S) and fills runs, so
 * forward is a memory fill and backward a sum per run (accumulated in double; PyTorch sums in float).
 */
public final class UpsampleNearest1d extends Module {

    /** The output length S, at least 1. */
    public record Config(int size) implements LayerConfig {
        public Config {
            LayerSupport.requirePositive("UpsampleNearest1d size", size);
        }

        /** {@code [N, C, L] -> [N, C, size]}. */
        @Override
        public int[] outputShape(int[] s) {
            LayerSupport.requireDims("UpsampleNearest1d", s, 3, "[N, C, L]");
            return new int[] {s[0], s[1], size};
        }

        @Override
        public long parameterCount() {
            return 0;
        }

        @Override
        public UpsampleNearest1d build(Rng rng) {
            return new UpsampleNearest1d(this);
        }
    }

    private final Config config;
    private int[] runStart;
    private int runLength = -1;
    private int[] inputShape;
    private Tensor output;
    private Tensor gradInput;

    public UpsampleNearest1d(int size) {
        this(new Config(size));
    }

    public UpsampleNearest1d(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** PyTorch's source index of output position {@code d} for input length {@code l} and output length {@code s}. */
    public static int sourceIndex(int d, int l, int s) {
        if (s == l) {
            return d;
        }
        if (s == 2 * l) {
            return d >> 1;
        }
        float scale = (float) l / (float) s;
        return Math.min((int) Math.floor((float) d * scale), l - 1);
    }

    /** run[j] = first output position reading source j (or later), run[L] = S; source j fills [run[j], run[j+1]). */
    static int[] runStarts(int l, int s) {
        int[] run = new int[l + 1];
        int next = 0;
        for (int d = 0; d < s; d++) {
            int src = sourceIndex(d, l, s);
            while (next <= src) {
                run[next++] = d;
            }
        }
        while (next <= l) {
            run[next++] = s;
        }
        return run;
    }

    @Override
    public Tensor forward(Tensor input) {
        LayerSupport.requireDims("UpsampleNearest1d", input, 3, "[N, C, L]");
        int[] sh = input.shape();
        int l = sh[2];
        int s = config.size();
        if (l == 0) {
            throw new IllegalArgumentException("UpsampleNearest1d: input length L must be >= 1, got shape "
                    + Shapes.toString(sh));
        }
        if (runLength != l) {
            runStart = runStarts(l, s);
            runLength = l;
        }
        inputShape = sh;
        Tensor y = output = LayerSupport.reuse(output, sh[0], sh[1], s);
        int[] run = runStart;
        float[] in = input.data();
        int io = input.offset();
        float[] out = y.data();
        // One task per (row, source): fills its run of the output.
        Parallel.forRange(sh[0] * sh[1] * l, minRuns(l, s), (from, to) -> {
            for (int t = from; t < to; t++) {
                int row = t / l;
                int j = t - row * l;
                int base = row * s;
                Arrays.fill(out, base + run[j], base + run[j + 1], in[io + t]);
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("UpsampleNearest1d", inputShape);
        LayerSupport.requireGradShape("UpsampleNearest1d", gradOutput, output.shape());
        int l = inputShape[2];
        int s = config.size();
        Tensor gi = gradInput = LayerSupport.gradInput(gradInput, inputShape);
        int[] run = runStart;
        float[] g = gradOutput.data();
        int go = gradOutput.offset();
        float[] gd = gi.data();
        Parallel.forRange(inputShape[0] * inputShape[1] * l, minRuns(l, s), (from, to) -> {
            for (int t = from; t < to; t++) {
                int row = t / l;
                int j = t - row * l;
                double sum = 0;
                for (int d = go + row * s + run[j], end = go + row * s + run[j + 1]; d < end; d++) {
                    sum += g[d];
                }
                gd[t] = (float) sum;
            }
        });
        return gi;
    }

    /** Enough runs per task to cover about MIN_CHUNK output elements. */
    private static int minRuns(int l, int s) {
        return (int) Math.max(1, (long) LayerSupport.MIN_CHUNK * l / s);
    }
}
