package org.hanzinet.nn.parity;

import com.fasterxml.jackson.databind.JsonNode;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.hanzinet.nn.loss.DiceLoss;
import org.hanzinet.nn.loss.Loss;
import org.hanzinet.nn.loss.Losses;
import org.hanzinet.nn.loss.Reduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Soft Dice (on probabilities and on logits, whole batch and per image under each reduction, with an ignore
 * mask that blanks one image entirely) and BCE-with-logits + Dice against PyTorch autograd of the same
 * formulas (make_train_fixtures.py): loss and dLoss/dInput, parity error <= 1e-4.
 */
class DiceParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dice_probs_batch", "dice_probs_image_mean", "dice_probs_image_sum",
        "dice_probs_image_mean_over_nonzero_weight", "dice_logits_batch", "dice_logits_image_mean",
        "dice_logits_image_sum", "dice_logits_image_mean_over_nonzero_weight", "dice_logits_batch_smooth_nomask"})
    void diceMatchesPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        JsonNode c = fx.config();
        DiceLoss dice = new DiceLoss(new DiceLoss.Config(c.get("from_logits").asBoolean(), c.get("per_image").asBoolean(),
                c.get("smooth").asDouble(), Reduction.valueOf(c.get("reduction").asText())));
        check(fx, dice);
    }

    @Test
    void bceWithLogitsPlusHalfDiceMatchesPyTorch() {
        ParityFixture fx = ParityFixture.load("bce_logits_plus_dice");
        Loss sum = Losses.sum(fx.config().get("bce").asDouble(), new BCEWithLogitsLoss(fx.tensor("pos_weight")),
                fx.config().get("dice").asDouble(), new DiceLoss(DiceLoss.Config.of(true)));
        check(fx, sum);
    }

    private static void check(ParityFixture fx, Loss loss) {
        Tensor weight = fx.has("weight") ? fx.tensor("weight") : null;
        float value = loss.forward(fx.tensor("input"), fx.tensor("target"), weight);
        fx.assertClose("loss", Tensor.of(new float[] {value}, 1), ParityFixture.TOLERANCE);
        fx.assertClose("grad_input", loss.backward(), ParityFixture.TOLERANCE);
    }
}
