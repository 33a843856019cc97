package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class LinearTest extends HanzinetTestBase {

    @Test
    void gradientCheckWithAndWithoutBias() {
        GradientCheck.check(new Linear(7, 5, true, rng), randomTensor(3, 7), rng);
        GradientCheck.check(new Linear(4, 3, false, rng), randomTensor(2, 4), rng);
    }

    @Test
    void forwardIsXTimesWTransposedPlusB() {
        Linear lin = new Linear(3, 2, true, rng);
        Tensor x = randomTensor(4, 3);
        Tensor y = lin.forward(x);
        Tensor w = lin.weight().value();
        Tensor b = lin.bias().value();
        for (int n = 0; n < 4; n++) {
            for (int o = 0; o < 2; o++) {
                double e = b.get(o);
                for (int i = 0; i < 3; i++) {
                    e += (double) x.get(n, i) * w.get(o, i);
                }
                assertThat((double) y.get(n, o)).isCloseTo(e, within(1e-6));
            }
        }
    }

    @Test
    void backwardMatchesClosedFormAndAccumulatesParameterGradients() {
        Linear lin = new Linear(3, 2, true, rng);
        Tensor x = randomTensor(4, 3);
        Tensor dy = randomTensor(4, 2);
        lin.forward(x);
        Tensor dx = lin.backward(dy).copy();
        lin.forward(x);
        lin.backward(dy);
        Tensor w = lin.weight().value();
        for (int n = 0; n < 4; n++) {
            for (int i = 0; i < 3; i++) {
                double e = 0;
                for (int o = 0; o < 2; o++) {
                    e += (double) dy.get(n, o) * w.get(o, i);
                }
                assertThat((double) dx.get(n, i)).isCloseTo(e, within(1e-6));
            }
        }
        for (int o = 0; o < 2; o++) {
            double db = 0;
            for (int n = 0; n < 4; n++) {
                db += dy.get(n, o);
            }
            assertThat((double) lin.bias().grad().get(o)).as("twice the batch sum").isCloseTo(2 * db, within(1e-5));
            for (int i = 0; i < 3; i++) {
                double dw = 0;
                for (int n = 0; n < 4; n++) {
                    dw += (double) dy.get(n, o) * x.get(n, i);
                }
                assertThat((double) lin.weight().grad().get(o, i)).isCloseTo(2 * dw, within(1e-5));
            }
        }
    }

    @Test
    void initialisationFollowsPyTorchBoundsAndNames() {
        Linear lin = new Linear(400, 30, true, rng);
        assertThat(lin.namedParameters().keySet()).containsExactly("weight", "bias");
        assertThat(lin.weight().shape()).containsExactly(30, 400);
        double bound = 1 / Math.sqrt(400);
        Tensor w = lin.weight().value();
        for (int i = 0; i < w.numel(); i++) {
            assertThat(Math.abs(w.getFlat(i))).isLessThanOrEqualTo((float) bound);
        }
        // Uniform(-b, b) has standard deviation b / sqrt(3).
        double var = 0;
        for (int i = 0; i < w.numel(); i++) {
            var += (double) w.getFlat(i) * w.getFlat(i);
        }
        assertThat(Math.sqrt(var / w.numel())).isCloseTo(bound / Math.sqrt(3), within(bound * 0.02));
        assertThat(new Linear(4, 2, false, rng).namedParameters().keySet()).containsExactly("weight");
    }

    @Test
    void inputViewAtAnOffsetGivesTheSameResult() {
        Linear lin = new Linear(5, 3, true, rng);
        Tensor big = randomTensor(3, 2, 5);
        Tensor expected = lin.forward(big.slice(1).copy()).copy();
        TensorAssert.assertClose(lin.forward(big.slice(1)), expected, 0, 0);
    }

    @Test
    void shapeErrorsNameTheLayerAndShapes() {
        Linear lin = new Linear(4, 2, true, rng);
        assertThatThrownBy(() -> lin.forward(Tensor.zeros(3, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Linear").hasMessageContaining("[N, 4]").hasMessageContaining("[3, 5]");
        assertThatThrownBy(() -> lin.forward(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2-D");
        lin.forward(Tensor.zeros(3, 4));
        assertThatThrownBy(() -> lin.backward(Tensor.zeros(3, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> new Linear(0, 2, true, rng))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in_features").hasMessageContaining("0");
    }
}
