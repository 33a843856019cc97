package org.hanzinet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

class SequentialTest extends HanzinetTestBase {

    @Test
    void indexedAndNamedChildrenGivePyTorchStateDictNames() {
        Sequential block = new Sequential(new Linear(4, 3, true, rng), new ReLU());
        Sequential net = new Sequential().add("layer1", block).add("fc", new Linear(3, 2, false, rng));
        assertThat(net.namedParameters().keySet())
                .containsExactly("layer1.0.weight", "layer1.0.bias", "fc.weight");
        assertThat(net.forward(randomTensor(5, 4)).shape()).containsExactly(5, 2);
    }

    @Test
    void duplicateOrDottedNamesAreRefused() {
        Sequential net = new Sequential().add("a", new ReLU());
        assertThatThrownBy(() -> net.add("a", new ReLU())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> net.add("b.c", new ReLU())).hasMessageContaining("'b.c'");
    }
}
