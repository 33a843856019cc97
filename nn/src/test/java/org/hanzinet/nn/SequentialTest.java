package org.hanzinet.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.layers.BatchNorm2d;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Tanh;
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

    /**
     * Element-wise layers take the gradient the chain offers them and compute in place: the [5, 32] gradient
     * of fc2's input passes through Tanh, Dropout and ReLU in one buffer, so the arena holds it and fc1's
     * [5, 8], where without the offer it would hold two [5, 32] gradients at a time. Same floats as owned buffers.
     */
    @Test
    void elementWiseLayersComputeTheOfferedGradientInPlace() {
        Sequential net = new Sequential(new Linear(8, 32, true, rng), new ReLU(), new Dropout(0.3f, rng), new Tanh(),
                new Linear(32, 4, true, rng));
        Tensor x = randomTensor(5, 8), dy = randomTensor(5, 4);
        net.forward(x);
        Tensor owned;
        try (GradientArena.Scope s = GradientArena.withoutArena()) {
            owned = net.backward(dy).copy();
        }
        GradientArena arena = new GradientArena();
        for (int step = 0; step < 2; step++) { // one forward: the next would draw a new dropout mask
            try (GradientArena.Scope s = GradientArena.enter(arena)) {
                assertThat(net.backward(dy).toArray()).as("step %d", step).containsExactly(owned.toArray());
            }
        }
        assertThat(arena.floatsHeld()).isEqualTo(5 * 32 + 5 * 8);
    }

    /** Conv, BatchNorm, ReLU(inplace) and conv: BatchNorm's and ReLU's gradients are the second conv's buffer. */
    @Test
    void batchNormAndReluShareTheConvolutionsGradientBuffer() {
        Sequential net = new Sequential(new Conv2d(2, 6, 3, 1, 1, true, rng), new BatchNorm2d(6),
                new ReLU(new ReLU.Config(true)), new Conv2d(6, 3, 3, 1, 1, true, rng));
        Tensor x = randomTensor(2, 2, 7, 9), dy = randomTensor(2, 3, 7, 9);
        net.forward(x);
        Tensor owned;
        try (GradientArena.Scope s = GradientArena.withoutArena()) {
            owned = net.backward(dy).copy();
        }
        net.forward(x);
        GradientArena arena = new GradientArena();
        try (GradientArena.Scope s = GradientArena.enter(arena)) {
            assertThat(net.backward(dy).toArray()).containsExactly(owned.toArray());
        }
        assertThat(arena.floatsHeld()).isEqualTo(2 * 6 * 7 * 9 + 2 * 2 * 7 * 9);
    }

    /** The caller's gradient (here the test's dy) is never offered: it is not the container's to overwrite. */
    @Test
    void theCallersGradientIsNotOverwritten() {
        Sequential net = new Sequential(new Linear(3, 4, true, rng), new Tanh(), new ReLU());
        net.forward(randomTensor(2, 3));
        Tensor dy = randomTensor(2, 4), before = dy.copy();
        net.backward(dy);
        assertThat(dy.toArray()).containsExactly(before.toArray());
    }
}
