package org.hanzinet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Model 1's Linear(4,145,296 -> 253) at the seed's size: its 1,048,759,888-element weight is allocated
 * and used in the forward GEMM (5 x 4,145,296) x (4,145,296 x 253). Needs about 4.3 GB of heap, which
 * the core module's test JVM is given.
 */
class ReferenceCapacityTest {

    @Test
    void modelOneLinearWeightIsUsable() {
        int in = 4_145_296;
        Tensor w = Tensor.zeros(253, in);
        assertThat(w.numel()).isEqualTo(1_048_759_888);
        w.set(2f, 252, in - 1); // the very last element
        w.set(3f, 7, 12_345);
        Tensor x = Tensor.zeros(5, in);
        x.set(1f, 4, in - 1);
        x.set(0.5f, 1, 12_345);
        Tensor y = Gemm.gemm(false, true, 1f, x, w, 0f, Tensor.zeros(5, 253));
        assertThat(y.get(4, 252)).isEqualTo(2f);
        assertThat(y.get(1, 7)).isEqualTo(1.5f);
        assertThat(y.sum()).isEqualTo(3.5);
    }
}
