package org.hanzinet.nn.layers;

import java.util.Arrays;
import java.util.Objects;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.DType;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Batch normalisation over the channels of {@code [N, C, H, W]} (shape kept), as PyTorch's
 * {@code nn.BatchNorm2d}: {@code y = (x - mean) / sqrt(var + eps) * weight + bias} per channel.
 *
 * <p>In training the statistics are the batch's (mean, biased variance over N, H, W), and the running
 * estimates move towards them: {@code running = (1 - momentum) * running + momentum * batch}, with the
 * <em>unbiased</em> batch variance; {@code num_batches_tracked} counts the steps (with momentum null, the
 * running estimates are the cumulative average, factor 1 / num_batches_tracked). In evaluation the
 * running estimates are used; without {@code trackRunningStats} there are none and the batch statistics
 * are used in both modes. Backward is hand-written for both: in training the full gradient through the
 * batch statistics, in evaluation a per-channel scale.
 *
 * <p>PyTorch's names: parameters {@code weight} (ones) and {@code bias} (zeros) [C] when affine; buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) [C] and {@code num_batches_tracked} (a scalar,
 * int64 in checkpoints, exact up to 2^24 steps) when tracking. Statistics take one pass over memory per
 * channel (sums in double, see {@link ChannelStatistics}), the output one more; both in parallel.
 * Forward keeps a reference to its input: do not modify it before backward. Output and input gradient
 * are buffers owned by the layer.
 */
public final class BatchNorm2d extends Module {

    /**
     * {@code numFeatures} channels C (at least 1), {@code eps} (> 0) added to the variance,
     * {@code momentum} in [0, 1] or null for a cumulative average, learnable {@code affine} weight and
     * bias, and whether to {@code trackRunningStats}.
     */
    public record Config(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats)
            implements LayerConfig {
        public Config {
            LayerSupport.requirePositive("BatchNorm2d num_features", numFeatures);
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("BatchNorm2d eps must be > 0 and finite, got " + eps);
            }
            if (momentum != null && !(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("BatchNorm2d momentum must be in [0, 1] or null (cumulative average), got "
                        + momentum);
            }
        }

        /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine, tracking running statistics. */
        public Config(int numFeatures) {
            this(numFeatures, 1e-5, 0.1, true, true);
        }

        @Override
        public int[] outputShape(int[] in) {
            if (in.length != 4 || in[1] != numFeatures) {
                throw new IllegalArgumentException("BatchNorm2d(" + numFeatures + "): expected input [N, " + numFeatures
                        + ", H, W], got " + Arrays.toString(in));
            }
            return in.clone();
        }

        @Override
        public long parameterCount() {
            return affine ? 2L * numFeatures : 0;
        }

        @Override
        public Module build(Rng rng) {
            return new BatchNorm2d(this);
        }
    }

    private final Config config;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;
    /** Per channel, of the last forward: the mean subtracted and 1 / sqrt(var + eps). */
    private final float[] mean;
    private final float[] invStd;
    private final double[] gradSum;
    private final double[] gradDot;
    private boolean usedBatchStats;
    private Tensor input;
    private Tensor output;
    private Tensor gradInput;

    /** PyTorch's defaults ({@link Config#Config(int)}). */
    public BatchNorm2d(int numFeatures) {
        this(new Config(numFeatures));
    }

    public BatchNorm2d(Config config) {
        this.config = Objects.requireNonNull(config, "config");
        int c = config.numFeatures();
        weight = config.affine() ? registerParameter("weight", Tensor.full(1f, c)) : null;
        bias = config.affine() ? registerParameter("bias", Tensor.zeros(c)) : null;
        if (config.trackRunningStats()) {
            runningMean = registerBuffer("running_mean", Tensor.zeros(c));
            runningVar = registerBuffer("running_var", Tensor.full(1f, c));
            numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.zeros(), DType.I64);
        } else {
            runningMean = runningVar = numBatchesTracked = null;
        }
        mean = new float[c];
        invStd = new float[c];
        gradSum = new double[c];
        gradDot = new double[c];
    }

    public Config config() {
        return config;
    }

    /** The weight, or null without affine. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, or null without affine. */
    public Parameter bias() {
        return bias;
    }

    /** running_mean [C], or null without trackRunningStats; live. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** running_var [C], or null without trackRunningStats; live. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Training steps counted so far (0 without trackRunningStats). */
    public long numBatchesTracked() {
        return numBatchesTracked == null ? 0 : (long) numBatchesTracked.getFlat(0);
    }

    @Override
    public Tensor forward(Tensor x) {
        int[] s = requireInput(x);
        int n = s[0], c = s[1], hw = s[2] * s[3];
        input = null; // a forward that fails leaves nothing for backward to misuse
        usedBatchStats = isTraining() || !config.trackRunningStats();
        if (usedBatchStats) {
            batchStatistics(x, (long) n * hw);
        } else {
            for (int ch = 0; ch < c; ch++) {
                mean[ch] = runningMean.getFlat(ch);
                invStd[ch] = (float) (1.0 / Math.sqrt(runningVar.getFlat(ch) + config.eps()));
            }
        }
        Tensor y = output = LayerSupport.reuse(output, s);
        float[] xd = x.data(), yd = y.data();
        int xo = x.offset();
        ChannelStatistics.forPlanes(n, c, hw, (p, ch) -> {
            float w = weight == null ? 1f : weight.value().getFlat(ch);
            float b = bias == null ? 0f : bias.value().getFlat(ch);
            ChannelStatistics.K.normalize(mean[ch], w * invStd[ch], b, xd, xo + p * hw, yd, p * hw, hw);
        });
        input = x;
        return y;
    }

    /** Batch mean and 1/sqrt(biased var + eps) per channel; in training also the running estimates. */
    private void batchStatistics(Tensor x, long perChannel) {
        boolean update = isTraining() && config.trackRunningStats();
        if (isTraining() && perChannel <= 1) {
            throw new IllegalArgumentException("BatchNorm2d: expected more than 1 value per channel when training, got input "
                    + Shapes.toString(x.shape()));
        }
        double factor = 0;
        if (update) {
            float steps = numBatchesTracked.getFlat(0) + 1f;
            numBatchesTracked.setFlat(0, steps);
            factor = config.momentum() == null ? 1.0 / steps : config.momentum();
        }
        double f = factor;
        ChannelStatistics.forChannels(x.size(1), (int) Math.min(Integer.MAX_VALUE, perChannel), (ch, sums) -> {
            ChannelStatistics.meanAndM2(x, ch, sums);
            mean[ch] = (float) sums[0];
            invStd[ch] = (float) (1.0 / Math.sqrt(sums[1] / perChannel + config.eps()));
            if (update) {
                double unbiased = sums[1] / (perChannel - 1);
                runningMean.setFlat(ch, (float) ((1 - f) * runningMean.getFlat(ch) + f * sums[0]));
                runningVar.setFlat(ch, (float) ((1 - f) * runningVar.getFlat(ch) + f * unbiased));
            }
        });
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        LayerSupport.requireForward("BatchNorm2d", input);
        int[] s = input.shape();
        LayerSupport.requireGradShape("BatchNorm2d", gradOutput, s);
        int n = s[0], c = s[1], hw = s[2] * s[3];
        Tensor x = input;
        if (usedBatchStats || weight != null) { // sums of g and g * (x - mean) per channel
            ChannelStatistics.forChannels(c, n * hw, (ch, sums) -> {
                ChannelStatistics.gradSums(gradOutput, x, ch, mean[ch], sums);
                gradSum[ch] = sums[0];
                gradDot[ch] = sums[1];
            });
        }
        if (weight != null) {
            for (int ch = 0; ch < c; ch++) {
                weight.grad().data()[weight.grad().offset() + ch] += (float) (gradDot[ch] * invStd[ch]);
                bias.grad().data()[bias.grad().offset() + ch] += (float) gradSum[ch];
            }
        }
        if (!inputGradientRequired()) {
            return null;
        }
        // In place over the output gradient when offered: every element is read (the sums above) before written.
        Tensor gi = gradInput = LayerSupport.gradInputInPlace(gradOutput, gradInput, s);
        float[] gd = gradOutput.data(), xd = x.data(), od = gi.data();
        int go = gradOutput.offset(), xo = x.offset(), io = gi.offset();
        double m = (double) n * hw;
        ChannelStatistics.forPlanes(n, c, hw, (p, ch) -> {
            double r = invStd[ch];
            double wr = (weight == null ? 1.0 : weight.value().getFlat(ch)) * r;
            int off = p * hw;
            if (usedBatchStats) { // dx = w r (g - sum(g) / M - (x - mean) r^2 sum(g (x - mean)) / M)
                ChannelStatistics.K.normalizeBackward(mean[ch], (float) wr, (float) (-wr * r * r * gradDot[ch] / m),
                        (float) (-wr * gradSum[ch] / m), gd, go + off, xd, xo + off, od, io + off, hw);
            } else { // the statistics are constants: dx = g * w / sqrt(running_var + eps)
                ChannelStatistics.K.normalize(0f, (float) wr, 0f, gd, go + off, od, io + off, hw);
            }
        });
        return gi;
    }

    private int[] requireInput(Tensor x) {
        LayerSupport.requireDims(toString(), x, 4, "[N, " + config.numFeatures() + ", H, W]");
        int[] s = x.shape();
        if (s[1] != config.numFeatures() || s[0] == 0 || s[2] * s[3] == 0) {
            throw new IllegalArgumentException(this + ": expected input [N, " + config.numFeatures()
                    + ", H, W] with N, H, W >= 1, got shape " + Shapes.toString(s));
        }
        return s;
    }

    @Override
    public String toString() {
        return "BatchNorm2d(" + config.numFeatures() + ", eps=" + PyRepr.number(config.eps()) + ", momentum="
                + (config.momentum() == null ? "None" : PyRepr.number(config.momentum())) + ", affine="
                + PyRepr.bool(config.affine()) + ", track_running_stats=" + PyRepr.bool(config.trackRunningStats()) + ")";
    }
}
