package org.hanzinet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.testing.HanzinetTestBase;
import org.junit.jupiter.api.Test;

class TensorTest extends HanzinetTestBase {

    @Test
    void reshapeAndFlattenAreViews() {
        Tensor t = Tensor.zeros(2, 3, 4, 5);
        Tensor flat = t.flatten(1);
        assertThat(flat.shape()).containsExactly(2, 60);
        Tensor r = t.reshape(6, -1);
        assertThat(r.shape()).containsExactly(6, 20);
        r.set(7f, 5, 19);
        assertThat(t.get(1, 2, 3, 4)).isEqualTo(7f);
        assertThat(flat.get(1, 59)).isEqualTo(7f);
        assertThat(t.strides()).containsExactly(60, 20, 5, 1);
    }

    @Test
    void sliceIsAViewAtAnOffset() {
        Tensor t = Tensor.of(new float[] {0, 1, 2, 3, 4, 5}, 3, 2);
        Tensor row = t.slice(1);
        assertThat(row.shape()).containsExactly(2);
        assertThat(row.offset()).isEqualTo(2);
        row.fill(9f);
        assertThat(t.toArray()).containsExactly(0, 1, 9, 9, 4, 5);
        assertThat(t.slice(1, 3).shape()).containsExactly(2, 2);
    }

    @Test
    void arithmeticAndReductions() {
        Tensor a = Tensor.of(new float[] {1, -2, 3, 4}, 2, 2);
        Tensor b = Tensor.of(new float[] {1, 1, 2, 2}, 2, 2);
        a.copy().add(b).requireShape("test", 2, 2);
        assertThat(a.copy().add(b).toArray()).containsExactly(2, -1, 5, 6);
        assertThat(a.copy().mul(b).toArray()).containsExactly(1, -2, 6, 8);
        assertThat(a.copy().axpy(2f, b).toArray()).containsExactly(3, 0, 7, 8);
        assertThat(a.copy().scale(-1f).toArray()).containsExactly(-1, 2, -3, -4);
        assertThat(a.copy().map(x -> x * x).toArray()).containsExactly(1, 4, 9, 16);
        assertThat(a.sum()).isEqualTo(6.0);
        assertThat(a.mean()).isEqualTo(1.5);
        assertThat(a.max()).isEqualTo(4f);
        assertThat(a.dot(b)).isEqualTo(1 - 2 + 6 + 8);
    }

    @Test
    void argMaxTakesTheFirstOfTies() {
        assertThat(Tensor.of(new float[] {1, 5, 5, 2}, 4).argMax()).isEqualTo(1);
        assertThat(Tensor.of(new float[] {1, Float.NaN, 5}, 3).argMax()).isEqualTo(1);
    }

    @Test
    void shapeMismatchNamesOperationAndBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(3, 2);
        assertThatThrownBy(() -> a.add(b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add").hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> a.reshape(4, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reshape [2, 3] -> [4, -1]");
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3)).hasMessageContaining("5 values")
                .hasMessageContaining("[2, 3]");
    }

    @Test
    void tooLargeShapesFailClearlyInsteadOfOverflowing() {
        // 4,145,296 x 1,024 = 4.2e9 elements: would wrap around as an int.
        assertThatThrownBy(() -> Tensor.zeros(4_145_296, 1_024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4145296, 1024]").hasMessageContaining("more than " + Shapes.MAX_ELEMENTS);
        assertThatThrownBy(() -> Tensor.zeros(65_536, 65_536, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tensor.zeros(3, -1)).hasMessageContaining("negative");
    }

    @Test
    void referenceLinearWeightFitsTheElementLimit() {
        assertThat(Shapes.numel(253, 4_145_296)).isEqualTo(1_048_759_888);
    }

    @Test
    void pytorchDefaultInitialisersStayInTheirBounds() {
        Tensor w = Init.kaimingUniform(Tensor.zeros(16, 3, 5, 5), 75, rng);
        double bound = 1 / Math.sqrt(75);
        assertThat(w.max()).isLessThanOrEqualTo((float) bound);
        assertThat(-w.copy().scale(-1f).max()).isGreaterThanOrEqualTo((float) -bound);
        // Uniform on [-b, b] has variance b^2 / 3.
        double var = w.copy().mul(w).mean();
        assertThat(var).isBetween(bound * bound / 3 * 0.8, bound * bound / 3 * 1.2);
        Tensor n = Tensor.zeros(10_000).normal(rng, 1f, 2f);
        assertThat(n.mean()).isBetween(0.9, 1.1);
    }

    @Test
    void sameSeedSameValues() {
        Tensor a = Tensor.zeros(100).uniform(new Rng(3), -1, 1);
        Tensor b = Tensor.zeros(100).uniform(new Rng(3), -1, 1);
        assertThat(a.toArray()).containsExactly(b.toArray());
    }
}
