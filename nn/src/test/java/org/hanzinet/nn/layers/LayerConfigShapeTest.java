package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.LayerConfig;
import org.junit.jupiter.api.Test;

/** Each config's output shape is the shape its layer produces, and a bad input shape is named. */
class LayerConfigShapeTest {

    private static void agrees(LayerConfig c, int... in) {
        Tensor y = c.build(new Rng(1)).forward(Tensor.zeros(in).uniform(new Rng(2), -1f, 1f));
        assertThat(c.outputShape(in)).as(c.toString()).containsExactly(y.shape());
    }

    @Test
    void shapesAgreeWithTheLayers() {
        agrees(new Conv2d.Config(3, 4, 5, 2, 2, true), 2, 3, 11, 9);
        agrees(new MaxPool2d.Config(3, 2), 1, 2, 9, 8);
        agrees(new Linear.Config(6, 2, false), 3, 6);
        agrees(new Flatten.Config(), 2, 3, 4, 5);
        agrees(new ReLU.Config(), 2, 3);
        agrees(new Sigmoid.Config(), 4);
        agrees(new Dropout.Config(0.3f), 2, 5);
        agrees(new UpsampleNearest1d.Config(7), 2, 1, 3);
        agrees(new UpsampleBilinear2d.Config(5, 6), 1, 2, 3, 3);
        agrees(new Unflatten.Config(1, List.of(1, 2, 3)), 4, 6);
    }

    @Test
    void badInputShapesAreNamedWithTheExpectedLayout() {
        assertThatThrownBy(() -> new Conv2d.Config(3, 4, 3, 1, 0, true).outputShape(new int[] {1, 2, 8, 8}))
                .hasMessageContaining("Conv2d(3, 4").hasMessageContaining("[N, 3, H, W]").hasMessageContaining("[1, 2, 8, 8]");
        assertThatThrownBy(() -> new Linear.Config(6, 2, true).outputShape(new int[] {3, 5}))
                .hasMessage("Linear: expected input [N, 6], got shape [3, 5]");
        assertThatThrownBy(() -> new MaxPool2d.Config(3, 3).outputShape(new int[] {1, 1, 2, 5}))
                .hasMessageContaining("smaller than the kernel");
        assertThatThrownBy(() -> new Unflatten.Config(1, List.of(8, 8)).outputShape(new int[] {2, 60}))
                .hasMessage("Unflatten: dimension 1 of [2, 60] must have 64 elements to become [8, 8]");
        assertThatThrownBy(() -> new Flatten.Config().outputShape(new int[] {3})).hasMessageContaining("[3]");
    }

    @Test
    void unflattenIsAViewBothWays() {
        Unflatten u = new Unflatten(1, 2, 3);
        Tensor x = Tensor.zeros(2, 6).uniform(new Rng(3), -1f, 1f);
        Tensor y = u.forward(x);
        assertThat(y.shape()).containsExactly(2, 2, 3);
        assertThat(y.data()).isSameAs(x.data());
        assertThat(u.backward(y).shape()).containsExactly(2, 6);
        assertThat(u.toString()).isEqualTo("Unflatten(dim=1, unflattened_size=[2, 3])");
    }
}
