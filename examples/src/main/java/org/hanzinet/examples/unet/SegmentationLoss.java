package org.hanzinet.examples.unet;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.loss.DiceLoss;
import org.hanzinet.nn.loss.Losses;
import org.hanzinet.nn.loss.Reduction;
import org.hanzinet.nn.loss.WeightedSumLoss;

/**
 * The U-Net's loss on logits {@code [N, 1, H, W]}: BCE-with-logits with {@code pos_weight} on the
 * character pixels (they are about a tenth of a scene), mean over the non-ignored pixels, plus
 * {@code diceWeight} times the soft Dice of the whole batch (ignored pixels weigh 0 in both), which
 * rewards overlap directly and does not care how rare the characters are.
 */
final class SegmentationLoss {
    private SegmentationLoss() {}

    /** Mean BCE + Dice: what the optimiser minimises. */
    static WeightedSumLoss of(UNetConfig cfg) {
        return Losses.sum(1, bce(cfg, Reduction.MEAN_OVER_NONZERO_WEIGHT), cfg.diceWeight(),
                new DiceLoss(new DiceLoss.Config(true, false, 1.0, Reduction.MEAN)));
    }

    /** The BCE term alone, reduced by {@code reduction}. */
    static BCEWithLogitsLoss bce(UNetConfig cfg, Reduction reduction) {
        Tensor posWeight = Tensor.zeros(1, 1, 1).fill((float) cfg.posWeight()); // [C, 1, 1] for [N, C, H, W]
        return new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(reduction), posWeight);
    }
}
