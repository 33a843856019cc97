package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class DropoutTest extends HanzinetTestBase {

    @Test
    void gradientCheckWithAFixedMask() {
        Dropout d = new Dropout(0.3f, new Rng(1));
        GradientCheck.check(d, randomTensor(4, 9), rng, GradientCheck.EPS, GradientCheck.ATOL, GradientCheck.RTOL, 200,
                () -> d.reseed(42));
    }

    @Test
    void trainingZeroesAboutPAndScalesSurvivorsByInverseKeep() {
        Dropout d = new Dropout(0.25f, new Rng(3));
        Tensor x = Tensor.full(2f, 100_000);
        Tensor y = d.forward(x);
        int zeros = 0;
        for (int i = 0; i < y.numel(); i++) {
            float v = y.getFlat(i);
            if (v == 0f) {
                zeros++;
            } else {
                assertThat(v).isEqualTo(2f * (float) (1 / 0.75));
            }
        }
        // Binomial(100000, 0.25): standard deviation ~137.
        assertThat(zeros).isBetween(25_000 - 700, 25_000 + 700);
        Tensor g = d.backward(Tensor.full(1f, 100_000));
        for (int i = 0; i < g.numel(); i++) {
            assertThat(g.getFlat(i)).isEqualTo(y.getFlat(i) == 0f ? 0f : (float) (1 / 0.75));
        }
    }

    @Test
    void reseedRepeatsTheMaskAndOtherSeedsChangeIt() {
        Dropout d = new Dropout(0.5f, new Rng(3));
        Tensor x = randomTensor(1000);
        d.reseed(9);
        Tensor a = d.forward(x).copy();
        d.reseed(9);
        assertThat(d.forward(x).toArray()).containsExactly(a.toArray());
        d.reseed(10);
        assertThat(d.forward(x).toArray()).isNotEqualTo(a.toArray());
    }

    @Test
    void evalAndZeroPAreTheIdentity() {
        Dropout d = new Dropout(0.5f, new Rng(3));
        d.eval();
        Tensor x = randomTensor(3, 4);
        assertThat(d.forward(x)).isSameAs(x);
        Tensor g = randomTensor(3, 4);
        assertThat(d.backward(g)).isSameAs(g);
        Dropout zero = new Dropout(0f, new Rng(3));
        assertThat(zero.forward(x)).isSameAs(x);
    }

    @Test
    void expectationIsPreserved() {
        Dropout d = new Dropout(0.5f, new Rng(5));
        Tensor y = d.forward(Tensor.full(1f, 200_000));
        assertThat(y.mean()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void rejectsPOutsideZeroOne() {
        for (float p : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
            assertThatThrownBy(() -> new Dropout(p, new Rng(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dropout p").hasMessageContaining(String.valueOf(p));
        }
        Dropout d = new Dropout(0.5f, new Rng(1));
        d.forward(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> d.backward(Tensor.zeros(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dropout").hasMessageContaining("[2, 3]");
    }
}
