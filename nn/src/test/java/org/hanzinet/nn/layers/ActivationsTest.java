package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

class ActivationsTest extends HanzinetTestBase {

    /** Uniform in [-1, 1) with every |x| >= 0.05, so a central difference of step 0.01 never crosses the ReLU kink. */
    private Tensor awayFromZero(int... shape) {
        return randomTensor(shape).map(v -> Math.abs(v) < 0.05f ? (v < 0 ? v - 0.05f : v + 0.05f) : v);
    }

    @Test
    void reluGradientCheck() {
        GradientCheck.check(new ReLU(), awayFromZero(2, 3, 5, 7), rng);
    }

    @Test
    void sigmoidGradientCheck() {
        GradientCheck.check(new Sigmoid(), randomTensor(3, 17).scale(4f), rng);
    }

    @Test
    void reluValuesKeepNaNAndZeroTheGradientAtZero() {
        // torch.relu(tensor([-2., 0., 3., nan, -0.])) -> [0., 0., 3., nan, -0.]: the sign of -0 survives.
        Tensor x = Tensor.of(new float[] {-2f, 0f, 3f, Float.NaN, -0f}, 5);
        ReLU relu = new ReLU();
        Tensor y = relu.forward(x);
        assertThat(y.toArray()).containsExactly(0f, 0f, 3f, Float.NaN, -0f);
        // PyTorch would give 1 at the NaN (its backward tests result <= 0); core's kernel gives 0 (documented).
        Tensor g = relu.backward(Tensor.full(1f, 5));
        assertThat(g.toArray()).containsExactly(0f, 0f, 1f, 0f, 0f);
    }

    @Test
    void sigmoidMatchesTheFormulaAtExtremes() {
        Tensor x = Tensor.of(new float[] {-100f, -1f, 0f, 2f, 100f}, 5);
        Tensor y = new Sigmoid().forward(x);
        for (int i = 0; i < 5; i++) {
            assertThat((double) y.getFlat(i)).isCloseTo(1 / (1 + Math.exp(-x.getFlat(i))),
                    org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void buffersAreReusedForTheSameShapeAndReplacedForAnother() {
        ReLU relu = new ReLU();
        Tensor a = relu.forward(randomTensor(4, 5));
        assertThat(relu.forward(randomTensor(4, 5))).isSameAs(a);
        assertThat(relu.forward(randomTensor(5, 4))).isNotSameAs(a);
    }

    @Test
    void viewInputsAtAnOffsetAreRead() {
        Tensor big = randomTensor(3, 40);
        Tensor row = big.slice(2);
        Tensor y = new ReLU().forward(row);
        for (int i = 0; i < 40; i++) {
            assertThat(y.getFlat(i)).isEqualTo(Math.max(row.getFlat(i), 0f));
        }
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        Tensor x = randomTensor(3, 100_003);
        Tensor g = randomTensor(3, 100_003);
        for (Module m : new Module[] {new ReLU(), new Sigmoid()}) {
            int saved = Parallel.threads();
            try {
                Parallel.setThreads(1);
                Tensor y1 = m.forward(x).copy();
                Tensor g1 = m.backward(g).copy();
                Parallel.setThreads(2);
                TensorAssert.assertClose("forward", m.forward(x), y1, 0, 0);
                TensorAssert.assertClose("backward", m.backward(g), g1, 0, 0);
            } finally {
                Parallel.setThreads(saved);
            }
        }
    }

    @Test
    void backwardChecksOrderAndShape() {
        assertThatThrownBy(() -> new Sigmoid().backward(Tensor.zeros(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Sigmoid").hasMessageContaining("before forward");
        ReLU relu = new ReLU();
        relu.forward(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> relu.backward(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ReLU").hasMessageContaining("[3, 2]").hasMessageContaining("[2, 3]");
    }

    /** inplace: the same values and gradients, written over the input (also a view at an offset), which it returns. */
    @Test
    void reluInplaceOverwritesItsInputAndMatchesTheCopyingReLU() {
        Tensor storage = randomTensor(3 + 2 * 3 * 17);
        Tensor x = Tensor.wrap(storage.data(), 3, 2, 3, 17);
        Tensor copy = x.copy();
        float[] before = storage.toArray();
        Tensor dy = randomTensor(2, 3, 17);
        ReLU reference = new ReLU();
        Tensor expected = reference.forward(copy).copy();
        Tensor expectedGrad = reference.backward(dy).copy();
        ReLU inplace = new ReLU(new ReLU.Config(true));
        Tensor y = inplace.forward(x);
        assertThat(y).isSameAs(x);
        assertThat(y.toArray()).containsExactly(expected.toArray());
        assertThat(java.util.Arrays.copyOf(storage.toArray(), 3)).as("storage before the view")
                .containsExactly(java.util.Arrays.copyOf(before, 3));
        assertThat(inplace.backward(dy).toArray()).containsExactly(expectedGrad.toArray());
        assertThat(inplace.toString()).isEqualTo("ReLU(inplace=True)");
        assertThat(reference.toString()).isEqualTo("ReLU()");
    }
}
