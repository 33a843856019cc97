package org.hanzinet.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class WeightedSumLossTest extends HanzinetTestBase {

    @Test
    void gradientCheckOfBceWithLogitsPlusDiceWithAMask() {
        Tensor target = Tensor.zeros(2, 1, 3, 3).map(v -> rng.nextDouble() < 0.3 ? 1f : 0f);
        Tensor mask = Tensor.zeros(2, 1, 3, 3).map(v -> rng.nextDouble() < 0.8 ? 1f : 0f);
        WeightedSumLoss loss = Losses.sum(1.0, new BCEWithLogitsLoss(Tensor.of(new float[] {3f}, 1)), 0.5,
                new DiceLoss(DiceLoss.Config.of(true)));
        GradientCheck.check(new LossModule(x -> loss.forward(x, target, mask), loss::backward),
                randomTensor(2, 1, 3, 3).scale(2f), rng, 1e-3, 1e-4, 1e-2, 200);
    }

    @Test
    void isTheWeightedSumOfItsTermsInValueAndGradient() {
        Tensor x = randomTensor(3, 4).scale(2f);
        Tensor t = Tensor.zeros(3, 4).map(v -> rng.nextDouble() < 0.5 ? 1f : 0f);
        WeightedSumLoss three = Losses.sum(2.0, new BCEWithLogitsLoss(), -0.5, new DiceLoss(DiceLoss.Config.of(true)),
                0.25, new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.SUM), null));
        BCEWithLogitsLoss b = new BCEWithLogitsLoss();
        DiceLoss d = new DiceLoss(DiceLoss.Config.of(true));
        BCEWithLogitsLoss s = new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.SUM), null);
        double expected = 2.0 * b.forward(x, t) - 0.5 * d.forward(x, t) + 0.25 * s.forward(x, t);
        assertThat((double) three.forward(x, t)).isCloseTo(expected, within(1e-5));
        Tensor want = b.backward().copy().scale(2f).axpy(-0.5f, d.backward()).axpy(0.25f, s.backward());
        Tensor got = three.backward();
        TensorAssert.assertClose(got, want, 1e-7, 1e-6);
        Tensor half = x.copy().scale(0.5f); // a second backward overwrites (does not add to) the owned buffer
        three.forward(half, t);
        assertThat(three.backward()).isSameAs(got);
        WeightedSumLoss fresh = Losses.sum(2.0, new BCEWithLogitsLoss(), -0.5, new DiceLoss(DiceLoss.Config.of(true)),
                0.25, new BCEWithLogitsLoss(new BCEWithLogitsLoss.Config(Reduction.SUM), null));
        fresh.forward(half, t);
        assertThat(got.toArray()).containsExactly(fresh.backward().toArray());
    }

    @Test
    void refusesTheSameInstanceTwiceNoTermsAndNonFiniteCoefficients() {
        DiceLoss dice = new DiceLoss();
        assertThatThrownBy(() -> Losses.sum(1, dice, 1, dice)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terms 0 and 1 are the same loss instance");
        assertThatThrownBy(() -> new WeightedSumLoss(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WeightedSumLoss needs at least one term, got none");
        assertThatThrownBy(() -> Losses.sum(Double.NaN, dice, 1, new DiceLoss()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("WeightedSumLoss coefficient must be finite, got NaN");
    }
}
