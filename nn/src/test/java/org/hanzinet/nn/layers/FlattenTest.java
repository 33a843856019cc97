package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class FlattenTest extends HanzinetTestBase {

    @Test
    void flattensFromDimensionOneAsAViewAndRestoresTheShape() {
        Tensor x = randomTensor(2, 3, 4, 5);
        Flatten f = new Flatten();
        Tensor y = f.forward(x);
        assertThat(y.shape()).containsExactly(2, 60);
        assertThat(y.data()).isSameAs(x.data());
        assertThat(y.get(1, 7)).isEqualTo(x.get(1, 0, 1, 2));
        Tensor g = f.backward(randomTensor(2, 60));
        assertThat(g.shape()).containsExactly(2, 3, 4, 5);
    }

    @Test
    void gradientCheck() {
        GradientCheck.check(new Flatten(), randomTensor(3, 2, 5), rng);
    }

    @Test
    void rejectsOneDimensionalInputAndWrongGradient() {
        assertThatThrownBy(() -> new Flatten().forward(Tensor.zeros(4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Flatten").hasMessageContaining("[4]");
        Flatten f = new Flatten();
        f.forward(Tensor.zeros(2, 3, 4));
        assertThatThrownBy(() -> f.backward(Tensor.zeros(2, 11)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 11]").hasMessageContaining("[2, 12]");
    }
}
