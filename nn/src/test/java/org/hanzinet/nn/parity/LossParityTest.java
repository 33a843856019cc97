package org.hanzinet.nn.parity;

import org.hanzinet.core.Tensor;
import org.hanzinet.nn.loss.BCELoss;
import org.hanzinet.nn.loss.BCEWithLogitsLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Loss value and dLoss/dInput against PyTorch (mean reduction), including probabilities exactly 0 and 1
 * (log clamped at -100, gradient denominator clamped at 1e-12) and pos_weight, parity error <= 1e-4.
 */
class LossParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bce", "bce_edges", "bce_exact_hits"})
    void bceMatchesPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        BCELoss loss = new BCELoss();
        float value = loss.forward(fx.tensor("input"), fx.tensor("target"));
        fx.assertClose("loss", Tensor.of(new float[] {value}, 1), ParityFixture.TOLERANCE);
        fx.assertClose("grad_input", loss.backward(), ParityFixture.TOLERANCE);
    }

    /** PyTorch's weight= with mean reduction: sum(w * l) / N, zero weights included in N (Reduction.MEAN). */
    @Test
    void weightedBceMatchesPyTorch() {
        ParityFixture fx = ParityFixture.load("bce_weighted");
        BCELoss loss = new BCELoss();
        float value = loss.forward(fx.tensor("input"), fx.tensor("target"), fx.tensor("weight"));
        fx.assertClose("loss", Tensor.of(new float[] {value}, 1), ParityFixture.TOLERANCE);
        fx.assertClose("grad_input", loss.backward(), ParityFixture.TOLERANCE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bce_logits", "bce_logits_pos_weight_scalar", "bce_logits_pos_weight_per_class"})
    void bceWithLogitsMatchesPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss(fx.has("pos_weight") ? fx.tensor("pos_weight") : null);
        float value = loss.forward(fx.tensor("input"), fx.tensor("target"));
        fx.assertClose("loss", Tensor.of(new float[] {value}, 1), ParityFixture.TOLERANCE);
        fx.assertClose("grad_input", loss.backward(), ParityFixture.TOLERANCE);
    }
}
