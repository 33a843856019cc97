package org.hanzinet.nn.loss;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Shapes;
import org.hanzinet.core.Tensor;

/** Shared plumbing of the losses: shape checks, block-wise parallel sums in double, the divisor of a reduction. */
final class LossSupport {
    /** Sums are formed per block of this many elements, then added in block order: deterministic for any thread count. */
    static final int BLOCK = 1 << 15;

    private LossSupport() {}

    /** The per-element body of a reduction: returns the double sum of its terms over [from, to). */
    @FunctionalInterface
    interface BlockSum {
        double sum(int from, int to);
    }

    static double parallelSum(int n, BlockSum body) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        double[] partial = new double[blocks];
        Parallel.forRange(blocks, 1, (from, to) -> {
            for (int b = from; b < to; b++) {
                partial[b] = body.sum(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
            }
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    static void requireSame(String loss, String what, Tensor input, Tensor other) {
        if (other != null && !input.sameShape(other)) {
            throw new IllegalArgumentException(loss + ": " + what + " has shape " + Shapes.toString(other.shape())
                    + " but the input has shape " + Shapes.toString(input.shape()) + " (they must be equal)");
        }
    }

    /**
     * Refuses the first target outside [0, 1] (or NaN) and the first NaN weight, naming the flat index, the
     * value and the shape. The forward loops only flag a bad element (a NaN sum, at the cost of one
     * comparison per element); this names it, so it runs only after a NaN sum.
     */
    static void requireTargetsAndWeights(String loss, Tensor target, Tensor weight) {
        for (int i = 0; i < target.numel(); i++) {
            float v = target.getFlat(i);
            if (!(v >= 0f && v <= 1f)) {
                throw new IllegalArgumentException(loss + ": every target must be in [0, 1], got " + v + " at flat index "
                        + i + " of shape " + Shapes.toString(target.shape()));
            }
        }
        for (int i = 0; weight != null && i < weight.numel(); i++) {
            float v = weight.getFlat(i);
            if (Float.isNaN(v)) {
                throw new IllegalArgumentException(loss + ": weight is NaN at flat index " + i + " of shape "
                        + Shapes.toString(weight.shape()));
            }
        }
    }

    /** The number the weighted sum is divided by under {@code r} (1 for SUM). */
    static double divisor(Reduction r, Tensor input, Tensor weight) {
        switch (r) {
            case SUM:
                return 1;
            case MEAN:
                return input.numel();
            case MEAN_OVER_NONZERO_WEIGHT:
                if (weight == null) {
                    return input.numel();
                }
                float[] w = weight.data();
                int wo = weight.offset();
                return parallelSum(weight.numel(), (from, to) -> {
                    int c = 0;
                    for (int i = from; i < to; i++) {
                        c += w[wo + i] != 0f ? 1 : 0;
                    }
                    return c;
                });
            default:
                throw new IllegalStateException("unknown reduction " + r);
        }
    }

    static Tensor reuse(Tensor cached, int[] shape) {
        return cached != null && java.util.Arrays.equals(cached.shape(), shape) ? cached : Tensor.zeros(shape);
    }
}
