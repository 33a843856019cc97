package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpsampleNearest1dTest extends HanzinetTestBase {

    /** [1, 1, L] holding 0, 1, ..., L-1, so the output is the index map itself. */
    private static float[] indexMap(int l, int size) {
        Tensor x = Tensor.zeros(1, 1, l);
        for (int i = 0; i < l; i++) {
            x.setFlat(i, i);
        }
        return new UpsampleNearest1d(size).forward(x).toArray();
    }

    private static float[] floats(int... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i];
        }
        return f;
    }

    @Test
    void indexMapsMatchPyTorch() {
        // torch: nn.Upsample(size=S)(torch.arange(L, dtype=torch.float32).reshape(1, 1, L)).flatten()
        assertThat(indexMap(3, 5)).containsExactly(floats(0, 0, 1, 1, 2));
        assertThat(indexMap(5, 3)).containsExactly(floats(0, 1, 3));
        assertThat(indexMap(30, 7)).containsExactly(floats(0, 4, 8, 12, 17, 21, 25));
        // L = 7, S = 30: sources 0..6 start at 0, 5, 9, 13, 18, 22, 26.
        assertThat(UpsampleNearest1d.runStarts(7, 30)).containsExactly(0, 5, 9, 13, 18, 22, 26, 30);
        assertThat(indexMap(4, 8)).containsExactly(floats(0, 0, 1, 1, 2, 2, 3, 3));
        assertThat(indexMap(6, 6)).containsExactly(floats(0, 1, 2, 3, 4, 5));
    }

    @Test
    void seedSizeRunBoundariesMatchPyTorchFloatArithmetic() {
        // torch: idx = nn.Upsample(size=4194304)(torch.arange(20.).reshape(1, 1, 20)).flatten();
        // (idx[1:] != idx[:-1]).nonzero() + 1: not the exact multiples of 209715.2 rounded one way.
        int[] torch = {0, 209716, 419431, 629146, 838861, 1048576, 1258292, 1468007, 1677722, 1887437, 2097152,
            2306868, 2516583, 2726298, 2936013, 3145728, 3355444, 3565159, 3774874, 3984589, 4194304};
        assertThat(UpsampleNearest1d.runStarts(20, 4_194_304)).containsExactly(torch);
        // 64 -> 4194304 (model 1): 64 runs of exactly 65536.
        int[] runs = UpsampleNearest1d.runStarts(64, 4_194_304);
        for (int j = 0; j <= 64; j++) {
            assertThat(runs[j]).isEqualTo(j * 65_536);
        }
    }

    @Test
    void seedSizeForwardAndBackwardOnABatch() {
        UpsampleNearest1d up = new UpsampleNearest1d(4_194_304);
        Tensor x = randomTensor(2, 1, 20);
        Tensor y = up.forward(x);
        assertThat(y.shape()).containsExactly(2, 1, 4_194_304);
        assertThat(y.get(1, 0, 209_715)).isEqualTo(x.get(1, 0, 0));
        assertThat(y.get(1, 0, 209_716)).isEqualTo(x.get(1, 0, 1));
        assertThat(y.get(0, 0, 4_194_303)).isEqualTo(x.get(0, 0, 19));
        Tensor g = up.backward(Tensor.full(1f, 2, 1, 4_194_304));
        assertThat(g.get(0, 0, 0)).isEqualTo(209_716f);
        assertThat(g.get(1, 0, 1)).isEqualTo(419_431f - 209_716f);
        assertThat(g.sum()).isEqualTo(2.0 * 4_194_304);
    }

    @ParameterizedTest
    @CsvSource({"5, 13", "7, 3", "4, 8", "6, 6"})
    void gradientCheck(int l, int size) {
        GradientCheck.check(new UpsampleNearest1d(size), randomTensor(2, 3, l), rng);
    }

    @Test
    void downsamplingLeavesSkippedSourcesWithZeroGradient() {
        UpsampleNearest1d up = new UpsampleNearest1d(3);
        up.forward(randomTensor(1, 1, 5));
        assertThat(up.backward(Tensor.of(floats(1, 2, 3), 1, 1, 3)).toArray()).containsExactly(floats(1, 2, 0, 3, 0));
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        UpsampleNearest1d up = new UpsampleNearest1d(300_001);
        Tensor x = randomTensor(2, 2, 37);
        Tensor g = randomTensor(2, 2, 300_001);
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            Tensor y1 = up.forward(x).copy();
            Tensor g1 = up.backward(g).copy();
            Parallel.setThreads(2);
            TensorAssert.assertClose(up.forward(x), y1, 0, 0);
            TensorAssert.assertClose(up.backward(g), g1, 0, 0);
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void shapeErrors() {
        assertThatThrownBy(() -> new UpsampleNearest1d(8).forward(Tensor.zeros(2, 8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UpsampleNearest1d").hasMessageContaining("[N, C, L]").hasMessageContaining("[2, 8]");
        assertThatThrownBy(() -> new UpsampleNearest1d(8).forward(Tensor.zeros(2, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 1, 0]");
        assertThatThrownBy(() -> new UpsampleNearest1d(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size").hasMessageContaining("0");
    }
}
