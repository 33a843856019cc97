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

class DiceLossTest extends HanzinetTestBase {

    /** Central differences of every configuration, with a non-binary weight and an ignore mask. */
    @Test
    void gradientCheckEveryConfiguration() {
        Tensor target = Tensor.zeros(3, 1, 3, 4).map(v -> rng.nextDouble() < 0.4 ? 1f : 0f);
        Tensor weight = Tensor.zeros(3, 1, 3, 4).uniform(rng, 0.2f, 2f);
        Tensor mask = Tensor.zeros(3, 1, 3, 4).map(v -> rng.nextDouble() < 0.7 ? 1f : 0f);
        mask.slice(2).fill(0f); // one wholly ignored image
        for (boolean logits : new boolean[] {false, true}) {
            for (boolean perImage : new boolean[] {false, true}) {
                for (Reduction r : Reduction.values()) {
                    for (Tensor w : new Tensor[] {null, weight, mask}) {
                        DiceLoss dice = new DiceLoss(new DiceLoss.Config(logits, perImage, 0.5, r));
                        Tensor x = logits ? randomTensor(3, 1, 3, 4).scale(2f)
                                : Tensor.zeros(3, 1, 3, 4).uniform(rng, 0.05f, 0.95f);
                        GradientCheck.check(new LossModule(in -> dice.forward(in, target, w), dice::backward), x, rng,
                                1e-3, 1e-4, 1e-2, 200);
                    }
                }
            }
        }
    }

    @Test
    void perfectPredictionCostsZeroAndDisjointCostsAlmostOne() {
        Tensor t = Tensor.of(new float[] {1, 0, 1, 0, 0, 0}, 2, 3);
        DiceLoss dice = new DiceLoss(new DiceLoss.Config(false, false, 1e-6, Reduction.MEAN));
        assertThat((double) dice.forward(t.copy(), t)).isCloseTo(0.0, within(1e-7));
        Tensor opposite = Tensor.of(new float[] {0, 1, 0, 1, 1, 1}, 2, 3);
        assertThat((double) dice.forward(opposite, t)).isCloseTo(1.0, within(1e-6));
        // by hand: p = [.5, .5], t = [1, 0], smooth 1: 1 - (2 * .5 + 1) / (1 + 1 + 1) = 1/3
        assertThat((double) new DiceLoss().forward(Tensor.of(new float[] {.5f, .5f}, 1, 2), Tensor.of(new float[] {1, 0}, 1, 2)))
                .isCloseTo(1.0 / 3, within(1e-7));
    }

    @Test
    void ignoredPixelsLeaveLossAndGradient() {
        Tensor p = Tensor.zeros(2, 1, 2, 3).uniform(rng, 0.1f, 0.9f);
        Tensor t = Tensor.zeros(2, 1, 2, 3).map(v -> rng.nextDouble() < 0.5 ? 1f : 0f);
        Tensor mask = Tensor.of(new float[] {1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1}, 2, 1, 2, 3);
        DiceLoss dice = new DiceLoss();
        float masked = dice.forward(p, t, mask);
        Tensor g = dice.backward().copy();
        Tensor p2 = p.copy();
        p2.setFlat(2, 0.99f).setFlat(4, 0.01f).setFlat(9, 0.5f); // change only ignored pixels
        assertThat(dice.forward(p2, t, mask)).isEqualTo(masked);
        for (int i : new int[] {2, 4, 9}) {
            assertThat(g.getFlat(i)).as("gradient at ignored pixel %d", i).isZero();
        }
        assertThat(dice.forward(p, t)).isNotEqualTo(masked);
    }

    @Test
    void reductionsOverImages() {
        Tensor p = Tensor.zeros(3, 4).uniform(rng, 0.1f, 0.9f);
        Tensor t = Tensor.zeros(3, 4).map(v -> rng.nextDouble() < 0.5 ? 1f : 0f);
        Tensor mask = Tensor.full(1f, 3, 4);
        mask.slice(1).fill(0f);
        double[] each = new double[3];
        for (int n = 0; n < 3; n++) {
            each[n] = new DiceLoss().forward(p.slice(n, n + 1), t.slice(n, n + 1), mask.slice(n, n + 1));
        }
        assertThat(each[1]).isZero(); // wholly ignored: 1 - s / s
        assertThat((double) perImage(Reduction.SUM).forward(p, t, mask)).isCloseTo(each[0] + each[2], within(1e-6));
        assertThat((double) perImage(Reduction.MEAN).forward(p, t, mask)).isCloseTo((each[0] + each[2]) / 3, within(1e-6));
        assertThat((double) perImage(Reduction.MEAN_OVER_NONZERO_WEIGHT).forward(p, t, mask))
                .isCloseTo((each[0] + each[2]) / 2, within(1e-6));
        DiceLoss none = perImage(Reduction.MEAN_OVER_NONZERO_WEIGHT);
        assertThat(none.forward(p, t, Tensor.zeros(3, 4))).isZero();
        assertThat(none.backward().toArray()).containsOnly(0f);
    }

    @Test
    void onLogitsEqualsSigmoidThenDiceOnProbabilities() {
        Tensor x = randomTensor(2, 1, 3, 3).scale(4f);
        Tensor t = Tensor.zeros(2, 1, 3, 3).map(v -> rng.nextDouble() < 0.5 ? 1f : 0f);
        Sigmoid sigmoid = new Sigmoid();
        DiceLoss probs = new DiceLoss(new DiceLoss.Config(false, true, 1, Reduction.MEAN));
        DiceLoss logits = new DiceLoss(new DiceLoss.Config(true, true, 1, Reduction.MEAN));
        assertThat((double) logits.forward(x, t)).isCloseTo(probs.forward(sigmoid.forward(x), t), within(1e-6));
        TensorAssert.assertClose(logits.backward(), sigmoid.backward(probs.backward()), 1e-7, 1e-5);
    }

    @Test
    void refusesBadInputsAndConfigsInOneLine() {
        assertThatThrownBy(() -> new DiceLoss().forward(Tensor.of(new float[] {0.5f, 1.5f}, 1, 2), Tensor.zeros(1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DiceLoss: every input must be a probability in [0, 1] (or set fromLogits), got 1.5 at flat index 1 of shape [1, 2]");
        assertThatThrownBy(() -> new DiceLoss(DiceLoss.Config.of(true)).forward(Tensor.zeros(1, 2),
                Tensor.of(new float[] {0f, 255f}, 1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DiceLoss: every target must be in [0, 1], got 255.0 at flat index 1 of shape [1, 2]");
        assertThatThrownBy(() -> new DiceLoss().forward(Tensor.zeros(1, 2), Tensor.zeros(1, 2),
                Tensor.of(new float[] {Float.NaN, 1f}, 1, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DiceLoss: weight is NaN at flat index 0 of shape [1, 2]");
        assertThatThrownBy(() -> new DiceLoss().forward(Tensor.zeros(2, 3), Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("target has shape [3, 2]")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> new DiceLoss.Config(false, false, 0, Reduction.MEAN))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("DiceLoss smooth must be a finite number > 0, got 0.0");
        assertThatThrownBy(() -> new DiceLoss.Config(false, false, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reduction must not be null");
        assertThatThrownBy(() -> new DiceLoss().backward()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void configRoundTripsThroughJsonAndGradientBufferIsReused() throws Exception {
        ObjectMapper json = new ObjectMapper();
        DiceLoss.Config c = new DiceLoss.Config(true, true, 0.25, Reduction.MEAN_OVER_NONZERO_WEIGHT);
        assertThat(json.readValue(json.writeValueAsString(c), DiceLoss.Config.class)).isEqualTo(c);
        DiceLoss dice = new DiceLoss(c);
        dice.forward(randomTensor(2, 5), Tensor.zeros(2, 5));
        Tensor g = dice.backward();
        dice.forward(randomTensor(2, 5), Tensor.zeros(2, 5));
        assertThat(dice.backward()).isSameAs(g);
        assertThat(dice).hasToString("DiceLoss(fromLogits=true, perImage=true, smooth=0.25, reduction=MEAN_OVER_NONZERO_WEIGHT)");
    }

    private static DiceLoss perImage(Reduction r) {
        return new DiceLoss(new DiceLoss.Config(false, true, 1, r));
    }
}
