package org.hanzinet.nn.optim;

import java.util.Map;
import java.util.Objects;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;

/**
 * Gradient clipping by global L2 norm, PyTorch's {@code torch.nn.utils.clip_grad_norm_}: the norm of all
 * gradients together, {@code total = sqrt(sum over every element of every gradient of g^2)} (summed in
 * double, block-wise, so the result does not depend on the thread count); when
 * {@code coef = maxNorm / (total + 1e-6)} is below 1 every gradient is multiplied by it, otherwise the
 * gradients are left as they are. Call it between the backward pass and {@link Optimizer#step()}.
 *
 * <p>A non-finite total (a NaN or infinite gradient somewhere) is returned and the gradients are left
 * untouched, so the caller can skip the step; PyTorch would instead scale every gradient by NaN or 0. With
 * {@code errorIfNonfinite} it throws, naming the first parameter holding a non-finite gradient.
 */
public final class GradientClipping {
    /** PyTorch's guard against a zero norm in {@code maxNorm / (total + 1e-6)}. */
    public static final double EPS = 1e-6;
    private static final int BLOCK = 1 << 15;

    private GradientClipping() {}

    /** Clips the gradients of {@code module}'s parameters; returns the total norm before clipping. */
    public static double clipGradNorm(Module module, double maxNorm) {
        return clipGradNorm(Objects.requireNonNull(module, "module").namedParameters(), maxNorm, false);
    }

    /** Clips the gradients of {@code params}; returns the total norm before clipping. */
    public static double clipGradNorm(Map<String, Parameter> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, false);
    }

    /**
     * As {@link #clipGradNorm(Map, double)}; with {@code errorIfNonfinite} a NaN or infinite total norm throws.
     *
     * @throws IllegalArgumentException when {@code maxNorm} is negative, NaN or infinite
     * @throws IllegalStateException when {@code errorIfNonfinite} and the total norm is not finite
     */
    public static double clipGradNorm(Map<String, Parameter> params, double maxNorm, boolean errorIfNonfinite) {
        Objects.requireNonNull(params, "params");
        OptimSupport.requireFinite("clipGradNorm maxNorm", maxNorm, 0);
        double sumSq = 0;
        for (Parameter p : params.values()) {
            sumSq += sumOfSquares(p.grad());
        }
        double total = Math.sqrt(sumSq);
        if (!Double.isFinite(total)) {
            if (errorIfNonfinite) {
                throw new IllegalStateException("clipGradNorm: the total gradient norm is " + total + " ("
                        + firstNonFinite(params) + "); gradients left unchanged");
            }
            return total;
        }
        double coef = maxNorm / (total + EPS);
        if (coef < 1) {
            float c = (float) coef;
            for (Parameter p : params.values()) {
                scale(p.grad(), c);
            }
        }
        return total;
    }

    private static double sumOfSquares(Tensor g) {
        float[] d = g.data();
        int o = g.offset();
        int n = g.numel();
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        Parallel.forRange(blocks, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                double s = 0;
                for (int i = b * BLOCK, end = Math.min(n, (b + 1) * BLOCK); i < end; i++) {
                    double v = d[o + i];
                    s += v * v;
                }
                partial[b] = s;
            }
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    private static void scale(Tensor g, float c) {
        float[] d = g.data();
        int o = g.offset();
        Parallel.forRange(g.numel(), OptimSupport.MIN_CHUNK, (from, to) -> {
            for (int i = from; i < to; i++) {
                d[o + i] *= c;
            }
        });
    }

    private static String firstNonFinite(Map<String, Parameter> params) {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor g = e.getValue().grad();
            for (int i = 0; i < g.numel(); i++) {
                if (!Float.isFinite(g.getFlat(i))) {
                    return "gradient of '" + e.getKey() + "' is " + g.getFlat(i) + " at flat index " + i + " of shape "
                            + java.util.Arrays.toString(g.shape());
                }
            }
        }
        return "no single gradient element is non-finite";
    }
}
