package org.hanzinet.spark;

import java.io.Serializable;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.ParameterVectors;

/**
 * A worker's contribution to one synchronous step: the gradient of the summed loss of its share of the
 * batch ({@code [parameterCount]}, flat in parameter order; null when it had no photo of the batch) and
 * the summed loss and weight. Shares add up in any order (tree aggregation).
 */
record GradientShare(float[] gradients, GradientSum sum) implements Serializable {
    static final GradientShare EMPTY = new GradientShare(null, GradientSum.ZERO);

    /** The sum of both; may reuse {@code this}'s array (Spark allows the aggregation to modify its first argument). */
    GradientShare plus(GradientShare other) {
        if (other.gradients == null) {
            return new GradientShare(gradients, sum.plus(other.sum));
        }
        if (gradients == null) {
            return new GradientShare(other.gradients, sum.plus(other.sum));
        }
        return new GradientShare(ParameterVectors.addInto(gradients, other.gradients), sum.plus(other.sum));
    }
}
