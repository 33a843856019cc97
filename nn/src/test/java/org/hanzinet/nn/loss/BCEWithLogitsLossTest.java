package org.hanzinet.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class BCEWithLogitsLossTest extends HanzinetTestBase {

    @Test
    void gradientCheckPlainWeightedAndWithPosWeight() {
        Tensor target = Tensor.zeros(2, 3, 2, 2).uniform(rng, 0f, 1f);
        Tensor weight = Tensor.zeros(2, 3, 2, 2).uniform(rng, 0f, 2f);
        BCEWithLogitsLoss plain = new BCEWithLogitsLoss();
        GradientCheck.check(new LossModule(x -> plain.forward(x, target), plain::backward),
                randomTensor(2, 3, 2, 2).scale(3f), rng);
        BCEWithLogitsLoss pw = new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.MEAN_OVER_NONZERO_WEIGHT),
                Tensor.of(new float[] {0.5f, 2f, 3f}, 3, 1, 1));
        GradientCheck.check(new LossModule(x -> pw.forward(x, target, weight), pw::backward),
                randomTensor(2, 3, 2, 2).scale(3f), rng);
    }

    @Test
    void posWeightPerChannelMatchesPyTorch() {
        // torch: x = tensor([-3., .5, 20, -40, 1.25, -.75, 2, 0]).reshape(1,2,2,2);
        // t = tensor([1., 0, 1, 1, 0, 1, 0, 1]).reshape(1,2,2,2); pw = tensor([2., .5]).reshape(2,1,1)
        // F.binary_cross_entropy_with_logits(x, t, pos_weight=pw) = 11.45189; x.grad as below
        Tensor x = Tensor.of(new float[] {-3f, 0.5f, 20f, -40f, 1.25f, -0.75f, 2f, 0f}, 1, 2, 2, 2);
        Tensor t = Tensor.of(new float[] {1, 0, 1, 1, 0, 1, 0, 1}, 1, 2, 2, 2);
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss(Tensor.of(new float[] {2f, 0.5f}, 2, 1, 1));
        assertThat((double) loss.forward(x, t)).isCloseTo(11.451889991760254, within(1e-5));
        Tensor torchGrad = Tensor.of(new float[] {-0.238143533f, 0.077807419f, 0f, -0.25f, 0.0971624851f,
            -0.0424486697f, 0.110099629f, -0.03125f}, 1, 2, 2, 2);
        TensorAssert.assertClose(loss.backward(), torchGrad, 1e-7, 1e-6);
    }

    @Test
    void agreesWithSigmoidThenBceAndStaysFiniteForHugeLogits() {
        Tensor x = randomTensor(4, 9).scale(5f);
        Tensor t = Tensor.zeros(4, 9).uniform(rng, 0f, 1f);
        BCEWithLogitsLoss logits = new BCEWithLogitsLoss();
        BCELoss probs = new BCELoss();
        Sigmoid sigmoid = new Sigmoid();
        assertThat((double) logits.forward(x, t)).isCloseTo(probs.forward(sigmoid.forward(x), t), within(1e-5));
        TensorAssert.assertClose(logits.backward(), sigmoid.backward(probs.backward()), 1e-6, 1e-4);
        Tensor huge = Tensor.of(new float[] {100f, -100f, 1000f, -1000f}, 4);
        Tensor wrong = Tensor.of(new float[] {0f, 1f, 0f, 1f}, 4);
        BCEWithLogitsLoss sum = new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.SUM), null);
        assertThat((double) sum.forward(huge, wrong)).isCloseTo(2200.0, within(1e-3));
        assertThat(sum.backward().toArray()).containsExactly(1f, -1f, 1f, -1f);
    }

    @Test
    void posWeightMustBroadcast() {
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss(Tensor.zeros(3));
        assertThatThrownBy(() -> loss.forward(Tensor.zeros(2, 3, 4, 4), Tensor.zeros(2, 3, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pos_weight").hasMessageContaining("[3]").hasMessageContaining("[2, 3, 4, 4]")
                .hasMessageContaining("[C, 1, 1]");
        // [C] over [N, C] logits is the classic per-class use.
        assertThat(loss.forward(Tensor.zeros(2, 3), Tensor.zeros(2, 3))).isCloseTo((float) Math.log(2), within(1e-6f));
    }

    @Test
    void configsRoundTripThroughJackson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Reduction r : Reduction.values()) {
            BCELoss.Config a = new BCELoss.Config(r);
            assertThat(json.readValue(json.writeValueAsString(a), BCELoss.Config.class)).isEqualTo(a);
            BCEWithLogitsLoss.Config b = new BCEWithLogitsLoss.Config(r);
            assertThat(json.readValue(json.writeValueAsString(b), BCEWithLogitsLoss.Config.class)).isEqualTo(b);
        }
    }

    @Test
    void aNanOrOutOfRangeTargetAndANanWeightAreRefusedWithIndexAndValue() {
        BCEWithLogitsLoss loss = new BCEWithLogitsLoss();
        Tensor x = Tensor.of(new float[] {-1f, 0f, 1f, 2f}, 2, 2);
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {0f, 1f, Float.NaN, 0f}, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCEWithLogitsLoss: every target must be in [0, 1], got NaN at flat index 2 of shape [2, 2]");
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {0f, 1f, 0f, 255f}, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCEWithLogitsLoss: every target must be in [0, 1], got 255.0 at flat index 3 of shape [2, 2]");
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {-0.5f, 1f, 0f, 1f}, 2, 2)))
                .hasMessageContaining("got -0.5 at flat index 0");
        Tensor nanWeight = Tensor.of(new float[] {1f, Float.NaN, 1f, 1f}, 2, 2);
        assertThatThrownBy(() -> loss.forward(x, Tensor.of(new float[] {0f, 1f, 0f, 1f}, 2, 2), nanWeight))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BCEWithLogitsLoss: weight is NaN at flat index 1 of shape [2, 2]");
        // Soft targets inside [0, 1] stay legal.
        assertThat(loss.forward(x, Tensor.of(new float[] {0.5f, 0.25f, 1f, 0f}, 2, 2))).isFinite();
    }
}
