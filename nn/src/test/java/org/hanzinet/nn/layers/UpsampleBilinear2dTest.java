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

class UpsampleBilinear2dTest extends HanzinetTestBase {

    @Test
    void upsamplingMatchesPyTorchIncludingTheClampedEdges() {
        // torch: x = arange(6.).reshape(1,1,2,3) * 1.5 + tensor([0, .25, -1.]); y = nn.Upsample(size=(5,4),
        // mode='bilinear', align_corners=False)(x); y.backward(arange(20.).reshape(1,1,5,4) / 10)
        Tensor x = Tensor.of(new float[] {0f, 1.75f, 2f, 4.5f, 6.25f, 6.5f}, 1, 1, 2, 3);
        UpsampleBilinear2d up = new UpsampleBilinear2d(5, 4);
        Tensor y = up.forward(x);
        Tensor yTorch = Tensor.of(new float[] {0.0f, 1.09375f, 1.84375f, 2.0f, 0.450000048f, 1.54375005f, 2.29375005f,
            2.45000005f, 2.25f, 3.34375f, 4.09375f, 4.25f, 4.05000019f, 5.14375019f, 5.89375019f, 6.05000019f, 4.5f,
            5.59375f, 6.34375f, 6.5f}, 1, 1, 5, 4);
        TensorAssert.assertClose(y, yTorch, 1e-6, 1e-6);
        Tensor g = Tensor.zeros(1, 1, 5, 4);
        for (int i = 0; i < 20; i++) {
            g.setFlat(i, i / 10f);
        }
        Tensor gTorch = Tensor.of(new float[] {1.30374992f, 1.5687499f, 2.14750004f, 4.38374996f, 4.3687501f,
            5.22750044f}, 1, 1, 2, 3);
        TensorAssert.assertClose(up.backward(g), gTorch, 1e-5, 1e-5);
    }

    @Test
    void downsamplingMatchesPyTorch() {
        // torch: x = arange(20.).reshape(1,1,4,5) ** 1.5 / 7; F.interpolate(x, size=(3, 2), mode='bilinear',
        // align_corners=False); backward of tensor([1., 2, 3, 4, 5, 6]).reshape(1,1,3,2)
        Tensor x = Tensor.zeros(1, 1, 4, 5);
        for (int i = 0; i < 20; i++) {
            x.setFlat(i, (float) (Math.pow(i, 1.5) / 7));
        }
        UpsampleBilinear2d down = new UpsampleBilinear2d(3, 2);
        TensorAssert.assertClose(down.forward(x), Tensor.of(new float[] {0.418280721f, 1.2668128f, 3.50611711f,
            5.14074945f, 8.28300762f, 10.4321909f}, 1, 1, 3, 2), 1e-6, 1e-6);
        Tensor gTorch = Tensor.of(new float[] {0.208333328f, 0.625f, 0f, 1.25f, 0.416666657f, 0.416666627f,
            1.24999988f, 0f, 1.74999976f, 0.583333254f, 0.583333254f, 1.74999988f, 0f, 2.24999976f, 0.749999881f,
            1.04166675f, 3.12500024f, 0f, 3.75000048f, 1.25000012f}, 1, 1, 4, 5);
        TensorAssert.assertClose(down.backward(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 3, 2)), gTorch, 1e-6,
                1e-6);
    }

    @ParameterizedTest
    @CsvSource({"3, 4, 5, 7", "5, 6, 2, 3", "1, 1, 3, 2", "4, 4, 4, 9"})
    void gradientCheck(int h, int w, int oh, int ow) {
        GradientCheck.check(new UpsampleBilinear2d(oh, ow), randomTensor(2, 2, h, w), rng);
    }

    @Test
    void eightByEightGridToTheSeedImageSize() {
        UpsampleBilinear2d up = new UpsampleBilinear2d(2048, 2048);
        Tensor x = randomTensor(2, 1, 8, 8);
        Tensor y = up.forward(x);
        assertThat(y.shape()).containsExactly(2, 1, 2048, 2048);
        // Each 8x8 cell covers 256x256 outputs; the border quarter-cell is clamped to the edge value.
        assertThat(y.get(1, 0, 0, 0)).isEqualTo(x.get(1, 0, 0, 0));
        assertThat(y.get(1, 0, 2047, 2047)).isEqualTo(x.get(1, 0, 7, 7));
        Tensor g = up.backward(Tensor.full(1f, 2, 1, 2048, 2048));
        // The weights of every output sum to 1, so the gradient sums to the number of outputs.
        assertThat(g.sum()).isCloseTo(2.0 * 2048 * 2048, org.assertj.core.data.Percentage.withPercentage(1e-4));
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        UpsampleBilinear2d up = new UpsampleBilinear2d(211, 307);
        Tensor x = randomTensor(3, 2, 9, 13);
        Tensor g = randomTensor(3, 2, 211, 307);
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
        assertThatThrownBy(() -> new UpsampleBilinear2d(4, 4).forward(Tensor.zeros(1, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UpsampleBilinear2d").hasMessageContaining("[N, C, H, W]").hasMessageContaining("[1, 2, 3]");
        UpsampleBilinear2d up = new UpsampleBilinear2d(4, 4);
        up.forward(Tensor.zeros(1, 1, 2, 2));
        assertThatThrownBy(() -> up.backward(Tensor.zeros(1, 1, 4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[1, 1, 4, 5]").hasMessageContaining("[1, 1, 4, 4]");
        assertThatThrownBy(() -> new UpsampleBilinear2d(4, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outW").hasMessageContaining("-1");
    }
}
