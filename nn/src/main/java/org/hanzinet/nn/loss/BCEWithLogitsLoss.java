package org.hanzinet.nn.loss;

import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;

/**
 * Binary cross-entropy on logits, PyTorch's {@code nn.BCEWithLogitsLoss}: the sigmoid and the BCE in one
 * numerically stable expression, {@code l = (1 - t) x + lw * (log(exp(-m) + exp(-x - m)) + m)} with
 * {@code m = max(-x, 0)} and {@code lw = 1 + (pos_weight - 1) t} (lw = 1 without pos_weight), so no
 * logit overflows and no log of 0 is taken. Element terms in double, summed in double.
 *
 * <p>{@code pos_weight} broadcasts against the input by PyTorch's rules (aligned on the trailing
 * dimensions, each of its sizes equal to the input's or 1): for [N, C] logits a [C] pos_weight weighs
 * each class; for [N, C, H, W] maps pass [C, 1, 1] to weigh each channel (a plain [C] would be read
 * along W, as in PyTorch). The per-element weight and the reductions are those of {@link BCELoss}.
 * A target outside [0, 1] (or NaN) and a NaN weight are refused naming the flat index and the value;
 * NaN logits give a NaN loss, for the caller's divergence check.
 *
 * <p>{@link #backward()}: {@code w ((pos_weight t + 1 - t) sigmoid(x) - pos_weight t) / count}, PyTorch's
 * formula, i.e. {@code w (sigmoid(x) - t) / count} without pos_weight. Forward keeps references to its
 * tensors for backward; the gradient is a buffer owned by the loss.
 */
public final class BCEWithLogitsLoss implements Loss {

    /** The reduction; PyTorch's default is MEAN. */
    public record Config(Reduction reduction) {
        public Config {
            if (reduction == null) {
                throw new IllegalArgumentException(
                        "BCEWithLogitsLoss reduction must not be null (MEAN, SUM or MEAN_OVER_NONZERO_WEIGHT)");
            }
        }
    }

    private final Config config;
    private final Tensor posWeight;
    private Tensor logits;
    private Tensor target;
    private Tensor weight;
    private int[] pwStride;
    private double divisor;
    private Tensor grad;

    public BCEWithLogitsLoss() {
        this(new Config(Reduction.MEAN), null);
    }

    /** With a pos_weight (null for none), broadcast against the input as PyTorch does. */
    public BCEWithLogitsLoss(Tensor posWeight) {
        this(new Config(Reduction.MEAN), posWeight);
    }

    public BCEWithLogitsLoss(Config config, Tensor posWeight) {
        this.config = Objects.requireNonNull(config, "config");
        this.posWeight = posWeight == null ? null : posWeight.copy();
    }

    public Config config() {
        return config;
    }

    public float forward(Tensor logits, Tensor target) {
        return forward(logits, target, null);
    }

    /** Loss of {@code logits} against {@code target}, with a per-element {@code weight} of the same shape or null. */
    public float forward(Tensor logits, Tensor target, Tensor weight) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(target, "target");
        LossSupport.requireSame("BCEWithLogitsLoss", "target", logits, target);
        LossSupport.requireSame("BCEWithLogitsLoss", "weight", logits, weight);
        int[] stride = posWeight == null ? null : broadcastStrides(logits.shape(), posWeight.shape());
        int[] shape = logits.shape();
        float[] x = logits.data();
        float[] t = target.data();
        float[] w = weight == null ? null : weight.data();
        int xo = logits.offset();
        int to = target.offset();
        int wo = weight == null ? 0 : weight.offset();
        double sum = LossSupport.parallelSum(logits.numel(), (from, end) -> {
            double s = 0;
            for (int i = from; i < end; i++) {
                double xi = x[xo + i];
                double ti = t[to + i];
                if (!(ti >= 0 && ti <= 1)) {
                    return Double.NaN; // named below; a NaN weight makes the sum NaN by itself
                }
                double m = Math.max(-xi, 0);
                double lse = Math.log(Math.exp(-m) + Math.exp(-xi - m)) + m;
                double lw = stride == null ? 1 : 1 + (posWeightAt(i, shape, stride) - 1) * ti;
                double l = (1 - ti) * xi + lw * lse;
                s += w == null ? l : l * w[wo + i];
            }
            return s;
        });
        if (Double.isNaN(sum)) {
            LossSupport.requireTargetsAndWeights("BCEWithLogitsLoss", target, weight);
        }
        this.logits = logits;
        this.target = target;
        this.weight = weight;
        this.pwStride = stride;
        this.divisor = LossSupport.divisor(config.reduction(), logits, weight);
        return divisor == 0 ? 0f : (float) (sum / divisor);
    }

    /** dLoss/dLogits of the last forward. */
    public Tensor backward() {
        if (logits == null) {
            throw new IllegalStateException("BCEWithLogitsLoss: backward called before forward");
        }
        int[] shape = logits.shape();
        Tensor g = grad = LossSupport.reuse(grad, shape);
        float[] out = g.data();
        float[] x = logits.data();
        float[] t = target.data();
        float[] w = weight == null ? null : weight.data();
        int xo = logits.offset();
        int to = target.offset();
        int wo = weight == null ? 0 : weight.offset();
        int[] stride = pwStride;
        double div = divisor;
        Parallel.forRange(g.numel(), LossSupport.BLOCK, (from, end) -> {
            for (int i = from; i < end; i++) {
                if (div == 0) {
                    out[i] = 0f;
                    continue;
                }
                double ti = t[to + i];
                double sig = 1 / (1 + Math.exp(-(double) x[xo + i]));
                double gi;
                if (stride == null) {
                    gi = sig - ti;
                } else {
                    double pt = posWeightAt(i, shape, stride) * ti;
                    gi = (pt + 1 - ti) * sig - pt;
                }
                if (w != null) {
                    gi *= w[wo + i];
                }
                out[i] = (float) (gi / div);
            }
        });
        return g;
    }

    private double posWeightAt(int flat, int[] shape, int[] stride) {
        int idx = 0;
        for (int d = shape.length - 1; d >= 0 && flat > 0; d--) {
            int coord = flat % shape[d];
            flat /= shape[d];
            idx += coord * stride[d];
        }
        return posWeight.data()[posWeight.offset() + idx];
    }

    /** Per input dimension, the pos_weight stride to step (0 where it broadcasts); throws when not broadcastable. */
    static int[] broadcastStrides(int[] input, int[] pw) {
        if (pw.length > input.length) {
            throw notBroadcastable(input, pw);
        }
        int[] pwStrides = Shapes.rowMajorStrides(pw);
        int[] out = new int[input.length];
        for (int k = 1; k <= pw.length; k++) {
            int ps = pw[pw.length - k];
            int is = input[input.length - k];
            if (ps != is && ps != 1) {
                throw notBroadcastable(input, pw);
            }
            out[input.length - k] = ps == 1 ? 0 : pwStrides[pw.length - k];
        }
        return out;
    }

    private static IllegalArgumentException notBroadcastable(int[] input, int[] pw) {
        return new IllegalArgumentException("BCEWithLogitsLoss: pos_weight of shape " + Shapes.toString(pw)
                + " does not broadcast to the input shape " + Shapes.toString(input)
                + " (trailing dimensions must be equal or 1; for [N, C, H, W] use [C, 1, 1])");
    }
}
