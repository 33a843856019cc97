package org.hanzinet.nn.loss;

import java.util.List;

/** Combinations of losses: {@code Losses.sum(1.0, new BCEWithLogitsLoss(pw), 1.0, new DiceLoss(...))}. */
public final class Losses {
    private Losses() {}

    /** {@code c1 * l1 + c2 * l2}. */
    public static WeightedSumLoss sum(double c1, Loss l1, double c2, Loss l2) {
        return new WeightedSumLoss(List.of(new WeightedSumLoss.Term(c1, l1), new WeightedSumLoss.Term(c2, l2)));
    }

    /** {@code c1 * l1 + c2 * l2 + c3 * l3}. */
    public static WeightedSumLoss sum(double c1, Loss l1, double c2, Loss l2, double c3, Loss l3) {
        return new WeightedSumLoss(List.of(new WeightedSumLoss.Term(c1, l1), new WeightedSumLoss.Term(c2, l2),
                new WeightedSumLoss.Term(c3, l3)));
    }
}
