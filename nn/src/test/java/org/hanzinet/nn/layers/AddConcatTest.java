package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.graph.Graph;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/** The merge layers: values, layouts, gradients (central differences through a small graph), errors. */
class AddConcatTest extends HanzinetTestBase {

    @Test
    void addSumsAndHandsTheGradientToEveryInput() {
        Tensor a = randomTensor(2, 3);
        Tensor b = randomTensor(2, 3);
        Add add = new Add();
        Tensor y = add.forward(List.of(a, b, a));
        for (int i = 0; i < 6; i++) {
            assertThat(y.getFlat(i)).isEqualTo((a.getFlat(i) + b.getFlat(i)) + a.getFlat(i));
        }
        Tensor g = randomTensor(2, 3);
        assertThat(add.backwardAll(g)).hasSize(3).allSatisfy(t -> assertThat(t).isSameAs(g));
    }

    @Test
    void concatLaysChannelsOutImageByImageAndSplitsTheGradientBack() {
        Tensor a = randomTensor(2, 1, 2, 2);
        Tensor b = randomTensor(2, 3, 2, 2);
        Concat cat = new Concat();
        Tensor y = cat.forward(List.of(a, b));
        assertThat(y.shape()).containsExactly(2, 4, 2, 2);
        for (int n = 0; n < 2; n++) {
            for (int h = 0; h < 2; h++) {
                for (int w = 0; w < 2; w++) {
                    assertThat(y.get(n, 0, h, w)).isEqualTo(a.get(n, 0, h, w));
                    for (int c = 0; c < 3; c++) {
                        assertThat(y.get(n, 1 + c, h, w)).isEqualTo(b.get(n, c, h, w));
                    }
                }
            }
        }
        List<Tensor> g = cat.backwardAll(y);
        assertThat(g.get(0).toArray()).containsExactly(a.toArray());
        assertThat(g.get(1).toArray()).containsExactly(b.toArray());
    }

    @Test
    void gradientsOfBothMergesByCentralDifferences() {
        Graph g = Graph.builder("x")
                .add("a", new Conv2d(2, 3, 3, 1, 1, true, rng), "x")
                .add("b", new Conv2d(2, 1, 1, 1, 0, true, rng), "x")
                .add("cat", new Concat(), "a", "b", "x")
                .add("c", new Conv2d(6, 2, 1, 1, 0, true, rng), "cat")
                .add("sum", new Add(), "c", "x", "c")
                .build("sum");
        GradientCheck.check(g, randomTensor(2, 2, 4, 3), rng);
    }

    @Test
    void mismatchedShapesAreNamedWithBoth() {
        assertThatThrownBy(() -> new Add().forward(List.of(Tensor.zeros(2, 3), Tensor.zeros(2, 4))))
                .hasMessage("Add: input 1 has shape [2, 4], input 0 has [2, 3] (Add takes inputs of one shape)");
        assertThatThrownBy(() -> new Concat().forward(List.of(Tensor.zeros(2, 3, 4, 4), Tensor.zeros(2, 1, 4, 5))))
                .hasMessage("Concat: input 1 has shape [2, 1, 4, 5], input 0 has [2, 3, 4, 4]"
                        + " (along dim 1 the shapes may differ only in channels)");
    }
}
