package org.hanzinet.nn.loss;

import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;

/**
 * Binary cross-entropy on probabilities, PyTorch's {@code nn.BCELoss} (1.13 CPU semantics):
 * {@code l_i = -w_i * (t_i * max(log p_i, -100) + (1 - t_i) * max(log(1 - p_i), -100))}, any shape,
 * reduced as {@link Reduction} says (default MEAN, PyTorch's). The clamp at -100 keeps p = 0 or 1
 * finite: a confident wrong answer costs 100 per element, a confident right one 0.
 *
 * <p>{@link #backward()} gives dLoss/dp of the last forward exactly as PyTorch's
 * {@code binary_cross_entropy_backward}: {@code w (p - t) / max((1 - p) p, 1e-12)} divided by the
 * reduction's count (so at p = 0, t = 1 the gradient is -1e12 / count, large but finite). Element terms
 * are computed in float as PyTorch does and summed in double. Probabilities outside [0, 1] (or NaN) are
 * refused, as PyTorch refuses them; so are targets outside [0, 1] (or NaN) and NaN weights, which PyTorch
 * would silently turn into a meaningless or NaN loss. Each error names the flat index and the value.
 *
 * <p>Ignored pixels: pass a weight with 0 where a pixel is to be ignored (1 elsewhere). With
 * {@link Reduction#MEAN} the mean still divides by all elements (PyTorch's weighted mean); with
 * {@link Reduction#MEAN_OVER_NONZERO_WEIGHT} it divides by the number of non-ignored elements.
 *
 * <p>Backward keeps references to the forward's tensors (do not modify them in between) and returns a
 * buffer owned by the loss, overwritten by the next backward of the same shape.
 */
public final class BCELoss implements Loss {

    /** PyTorch's floor under the denominator of the gradient. */
    public static final float GRAD_EPS = 1e-12f;
    /** PyTorch's clamp of each log term. */
    public static final float LOG_CLAMP = -100f;

    /** The reduction; PyTorch's default is MEAN. */
    public record Config(Reduction reduction) {
        public Config {
            if (reduction == null) {
                throw new IllegalArgumentException("BCELoss reduction must not be null (MEAN, SUM or MEAN_OVER_NONZERO_WEIGHT)");
            }
        }
    }

    private final Config config;
    private Tensor probs;
    private Tensor target;
    private Tensor weight;
    private double divisor;
    private Tensor grad;

    public BCELoss() {
        this(new Config(Reduction.MEAN));
    }

    public BCELoss(Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Config config() {
        return config;
    }

    /** The loss of {@code probs} (values in [0, 1]) against {@code target} of the same shape. */
    public float forward(Tensor probs, Tensor target) {
        return forward(probs, target, null);
    }

    /**
     * As {@link #forward(Tensor, Tensor)} with a per-element weight of the same shape (null for none);
     * weight 0 marks an ignored element.
     */
    public float forward(Tensor probs, Tensor target, Tensor weight) {
        Objects.requireNonNull(probs, "probs");
        Objects.requireNonNull(target, "target");
        LossSupport.requireSame("BCELoss", "target", probs, target);
        LossSupport.requireSame("BCELoss", "weight", probs, weight);
        float[] p = probs.data();
        float[] t = target.data();
        float[] w = weight == null ? null : weight.data();
        int po = probs.offset();
        int to = target.offset();
        int wo = weight == null ? 0 : weight.offset();
        double sum = LossSupport.parallelSum(probs.numel(), (from, end) -> {
            double s = 0;
            for (int i = from; i < end; i++) {
                float pi = p[po + i];
                float ti = t[to + i];
                if (!(pi >= 0f && pi <= 1f) || !(ti >= 0f && ti <= 1f)) {
                    return Double.NaN; // named below; a NaN weight makes the sum NaN by itself
                }
                float l = term(pi, ti);
                s += w == null ? l : l * w[wo + i];
            }
            return s;
        });
        if (Double.isNaN(sum)) {
            requireProbabilities(probs);
            LossSupport.requireTargetsAndWeights("BCELoss", target, weight);
        }
        this.probs = probs;
        this.target = target;
        this.weight = weight;
        this.divisor = LossSupport.divisor(config.reduction(), probs, weight);
        return divisor == 0 ? 0f : (float) (sum / divisor);
    }

    /**
     * PyTorch's element term {@code (t - 1) max(log(1 - p), -100) - t max(log p, -100)}, in float. For a 0/1
     * target (masks) one of the products is exactly 0 (both logs are finite after the clamp), so only one
     * log is taken: the same value at half the cost.
     */
    static float term(float p, float t) {
        if (t == 0f) {
            return -Math.max((float) Math.log(1f - p), LOG_CLAMP);
        }
        if (t == 1f) {
            return -Math.max((float) Math.log(p), LOG_CLAMP);
        }
        return (t - 1f) * Math.max((float) Math.log(1f - p), LOG_CLAMP) - t * Math.max((float) Math.log(p), LOG_CLAMP);
    }

    private static void requireProbabilities(Tensor probs) {
        for (int i = 0; i < probs.numel(); i++) {
            float v = probs.getFlat(i);
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException("BCELoss: every input must be a probability in [0, 1], got " + v
                        + " at flat index " + i + " of shape " + java.util.Arrays.toString(probs.shape()));
            }
        }
    }

    /** dLoss/dProbs of the last forward, shaped as the probabilities. */
    public Tensor backward() {
        if (probs == null) {
            throw new IllegalStateException("BCELoss: backward called before forward");
        }
        Tensor g = grad = LossSupport.reuse(grad, probs.shape());
        float[] out = g.data();
        float[] p = probs.data();
        float[] t = target.data();
        float[] w = weight == null ? null : weight.data();
        int po = probs.offset();
        int to = target.offset();
        int wo = weight == null ? 0 : weight.offset();
        float div = (float) divisor;
        Parallel.forRange(g.numel(), LossSupport.BLOCK, (from, end) -> {
            for (int i = from; i < end; i++) {
                if (div == 0f) {
                    out[i] = 0f;
                    continue;
                }
                float pi = p[po + i];
                float gi = (pi - t[to + i]) / Math.max((1f - pi) * pi, GRAD_EPS);
                if (w != null) {
                    gi *= w[wo + i];
                }
                out[i] = gi / div;
            }
        });
        return g;
    }
}
