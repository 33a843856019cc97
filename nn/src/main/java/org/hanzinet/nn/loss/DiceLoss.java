package org.hanzinet.nn.loss;

import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;

/**
 * Soft Dice loss for binary segmentation: {@code 1 - (2 sum(w p t) + smooth) / (sum(w p) + sum(w t) + smooth)},
 * with {@code p} the probabilities (or {@code sigmoid(input)} when {@link Config#fromLogits()}), {@code t} the
 * target and {@code w} the per-pixel weight (1 without one; weight 0 removes an ignored pixel from all three sums,
 * as segmentation_models_pytorch's {@code ignore_index} and MONAI's masks do).
 *
 * <p>Input, target and weight share one shape [N, ...] (e.g. [N, 1, H, W]); dimension 0 is the batch. The sums
 * run either over the whole batch at once ({@code perImage = false}: one Dice for the batch, as
 * segmentation_models_pytorch's binary {@code DiceLoss} and MONAI's {@code DiceLoss(batch=True)}; every
 * reduction gives that one value) or over each image's elements ({@code perImage = true}: MONAI's default
 * {@code batch=False}; channels are pooled), the N per-image losses then reduced as {@link Reduction} says:
 * MEAN over all images, SUM, or MEAN_OVER_NONZERO_WEIGHT over the images with at least one non-zero weight (a
 * wholly ignored image has loss 0 and is not counted).
 *
 * <p>Probabilities and targets outside [0, 1] (or NaN) and NaN weights are refused, naming the flat index.
 * {@code smooth} (> 0, default 1) keeps an empty prediction on an empty target at loss 0 and the gradient
 * finite. Sums in double. {@link #backward()}: with {@code U = sum(w p) + sum(w t)} and {@code I = sum(w p t)}
 * of the pixel's group, {@code dL/dp = -w (2 t (U + s) - (2 I + s)) / (U + s)^2} divided as the reduction
 * divides, times {@code p (1 - p)} on logits.
 */
public final class DiceLoss implements Loss {

    /**
     * @param fromLogits whether the input is logits (a sigmoid is applied inside) rather than probabilities
     * @param perImage one Dice per image (dimension 0) instead of one for the whole batch
     * @param smooth added to numerator and denominator, > 0
     * @param reduction how per-image losses become one number (see the class comment)
     */
    public record Config(boolean fromLogits, boolean perImage, double smooth, Reduction reduction) {
        public Config {
            if (!(smooth > 0) || Double.isInfinite(smooth)) {
                throw new IllegalArgumentException("DiceLoss smooth must be a finite number > 0, got " + smooth);
            }
            if (reduction == null) {
                throw new IllegalArgumentException(
                        "DiceLoss reduction must not be null (MEAN, SUM or MEAN_OVER_NONZERO_WEIGHT)");
            }
        }

        /** Whole-batch Dice with smooth 1 on probabilities ({@code fromLogits} false) or on logits (true). */
        public static Config of(boolean fromLogits) {
            return new Config(fromLogits, false, 1.0, Reduction.MEAN);
        }
    }

    private final Config config;
    private Tensor input;
    private Tensor target;
    private Tensor weight;
    /** sigmoid(input) when the input is logits, else the input itself. */
    private Tensor probs;
    private Tensor sigmoidBuffer;
    /** Per group g: [3g] = sum(w p t), [3g + 1] = sum(w p) + sum(w t), [3g + 2] = 1 when any weight is non-zero. */
    private double[] sums = new double[0];
    private int groupSize;
    private double divisor;
    private Tensor grad;

    /** Whole-batch Dice on probabilities, smooth 1. */
    public DiceLoss() {
        this(Config.of(false));
    }

    public DiceLoss(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    @Override
    public float forward(Tensor input, Tensor target, Tensor weight) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(target, "target");
        LossSupport.requireSame("DiceLoss", "target", input, target);
        LossSupport.requireSame("DiceLoss", "weight", input, weight);
        if (input.dim() < 1 || input.numel() == 0) {
            throw new IllegalArgumentException("DiceLoss: input must be [N, ...] with at least one element, got shape "
                    + Shapes.toString(input.shape()));
        }
        Tensor p = config.fromLogits() ? sigmoid(input) : requireProbabilities(input);
        requireTargetsAndWeights(target, weight);
        int groups = config.perImage() ? input.size(0) : 1;
        int size = input.numel() / groups;
        if (sums.length != 3 * groups) {
            sums = new double[3 * groups];
        }
        for (int g = 0; g < groups; g++) {
            groupSums(p, target, weight, g * size, size, g);
        }
        double total = 0;
        int counted = 0;
        double s = config.smooth();
        for (int g = 0; g < groups; g++) {
            total += 1 - (2 * sums[3 * g] + s) / (sums[3 * g + 1] + s);
            counted += sums[3 * g + 2] != 0 ? 1 : 0;
        }
        this.input = input;
        this.target = target;
        this.weight = weight;
        this.probs = p;
        this.groupSize = size;
        this.divisor = switch (config.reduction()) {
            case SUM -> 1;
            case MEAN -> groups;
            case MEAN_OVER_NONZERO_WEIGHT -> counted;
        };
        return divisor == 0 ? 0f : (float) (total / divisor);
    }

    /** Fills sums[3g..3g+2] from elements [from, from + n). */
    private void groupSums(Tensor probs, Tensor target, Tensor weight, int from, int n, int g) {
        float[] p = probs.data();
        float[] t = target.data();
        float[] w = weight == null ? null : weight.data();
        int po = probs.offset() + from;
        int to = target.offset() + from;
        int wo = weight == null ? 0 : weight.offset() + from;
        sums[3 * g] = LossSupport.parallelSum(n, (a, b) -> {
            double s = 0;
            for (int i = a; i < b; i++) {
                double wp = w == null ? p[po + i] : (double) w[wo + i] * p[po + i];
                s += wp * t[to + i];
            }
            return s;
        });
        sums[3 * g + 1] = LossSupport.parallelSum(n, (a, b) -> {
            double s = 0;
            for (int i = a; i < b; i++) {
                double pt = (double) p[po + i] + t[to + i];
                s += w == null ? pt : w[wo + i] * pt;
            }
            return s;
        });
        sums[3 * g + 2] = w == null ? 1 : LossSupport.parallelSum(n, (a, b) -> {
            for (int i = a; i < b; i++) {
                if (w[wo + i] != 0f) {
                    return 1;
                }
            }
            return 0;
        });
    }

    @Override
    public Tensor backward() {
        if (input == null) {
            throw new IllegalStateException("DiceLoss: backward called before forward");
        }
        Tensor gt = grad = LossSupport.reuse(grad, input.shape());
        float[] out = gt.data();
        float[] p = probs.data();
        float[] t = target.data();
        float[] w = weight == null ? null : weight.data();
        int po = probs.offset();
        int to = target.offset();
        int wo = weight == null ? 0 : weight.offset();
        double s = config.smooth();
        double div = divisor;
        int size = groupSize;
        boolean logits = config.fromLogits();
        double[] gs = sums;
        Parallel.forRange(gt.numel(), LossSupport.BLOCK, (from, end) -> {
            for (int i = from; i < end; i++) {
                int g = i / size;
                double den = gs[3 * g + 1] + s;
                double num = 2 * gs[3 * g] + s;
                double pi = p[po + i];
                double gi = div == 0 ? 0 : -(2 * t[to + i] * den - num) / (den * den * div);
                if (w != null) {
                    gi *= w[wo + i];
                }
                if (logits) {
                    gi *= pi * (1 - pi);
                }
                out[i] = (float) gi;
            }
        });
        return gt;
    }

    private Tensor sigmoid(Tensor x) {
        Tensor out = sigmoidBuffer = LossSupport.reuse(sigmoidBuffer, x.shape());
        float[] o = out.data();
        float[] d = x.data();
        int xo = x.offset();
        Parallel.forRange(o.length, LossSupport.BLOCK, (from, end) -> {
            for (int i = from; i < end; i++) {
                o[i] = (float) (1 / (1 + Math.exp(-(double) d[xo + i])));
            }
        });
        return out;
    }

    /** Targets in [0, 1] and no NaN weight, as BCE requires: one parallel pass, the message only on failure. */
    private static void requireTargetsAndWeights(Tensor target, Tensor weight) {
        float[] t = target.data();
        int to = target.offset();
        float[] w = weight == null ? null : weight.data();
        int wo = weight == null ? 0 : weight.offset();
        double bad = LossSupport.parallelSum(target.numel(), (from, end) -> {
            for (int i = from; i < end; i++) {
                if (!(t[to + i] >= 0f && t[to + i] <= 1f) || (w != null && Float.isNaN(w[wo + i]))) {
                    return 1;
                }
            }
            return 0;
        });
        if (bad != 0) {
            LossSupport.requireTargetsAndWeights("DiceLoss", target, weight);
        }
    }

    /** One parallel pass; the element-by-element search for the message only when something is wrong. */
    private static Tensor requireProbabilities(Tensor probs) {
        float[] d = probs.data();
        int o = probs.offset();
        double bad = LossSupport.parallelSum(probs.numel(), (from, end) -> {
            for (int i = from; i < end; i++) {
                if (!(d[o + i] >= 0f && d[o + i] <= 1f)) {
                    return 1;
                }
            }
            return 0;
        });
        for (int i = 0; bad != 0 && i < probs.numel(); i++) {
            float v = d[o + i];
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("DiceLoss: every input must be a probability in [0, 1] (or set fromLogits), got "
                        + v + " at flat index " + i + " of shape " + Shapes.toString(probs.shape()));
            }
        }
        return probs;
    }

    @Override
    public String toString() {
        return "DiceLoss(fromLogits=" + config.fromLogits() + ", perImage=" + config.perImage() + ", smooth="
                + config.smooth() + ", reduction=" + config.reduction() + ")";
    }
}
