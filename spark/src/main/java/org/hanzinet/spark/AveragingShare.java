package org.hanzinet.spark;

import java.io.Serializable;
import org.hanzinet.nn.train.GradientSum;
import org.hanzinet.nn.train.ParameterVectors;

/**
 * A worker's result after k local steps, pre-multiplied by the loss weight it trained on, so that adding
 * shares and dividing by the summed weight gives the weighted average of weights and optimiser state.
 * {@code sum} holds the local steps' losses (before each update) and weights.
 */
record AveragingShare(float[] weightedValues, OptimizerState weightedState, GradientSum sum) implements Serializable {
    static final AveragingShare EMPTY = new AveragingShare(null, null, GradientSum.ZERO);

    AveragingShare plus(AveragingShare other) {
        if (other.weightedValues == null) {
            return new AveragingShare(weightedValues, weightedState, sum.plus(other.sum));
        }
        if (weightedValues == null) {
            return new AveragingShare(other.weightedValues, other.weightedState, sum.plus(other.sum));
        }
        return new AveragingShare(ParameterVectors.addInto(weightedValues, other.weightedValues),
                weightedState.plus(other.weightedState), sum.plus(other.sum));
    }
}
