package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Bilinear with align_corners and scale factors, nearest 2-D: known values, gradient checks, threads. */
class UpsampleModesTest extends HanzinetTestBase {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void alignCornersKeepsTheCornerValues() {
        Tensor x = Tensor.of(new float[] {0, 4, 8, 12}, 1, 1, 2, 2);
        Tensor y = new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(3, 3, true)).forward(x);
        // torch: F.interpolate(x, size=3, mode='bilinear', align_corners=True)
        assertThat(y.toArray()).containsExactly(0f, 2f, 4f, 4f, 6f, 8f, 8f, 10f, 12f);
        assertThat(new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(3, 3, true)))
                .hasToString("Upsample(size=(3, 3), mode='bilinear', align_corners=True)");
        Tensor z = new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(3, 3, false)).forward(x);
        // torch with align_corners=False: src = max(2/3 * (d + 0.5) - 0.5, 0) = 0, 0.5, 1.1667
        assertThat(z.toArray()[1]).isEqualTo(2f);
        assertThat(z.toArray()[2]).isEqualTo(4f);
    }

    @Test
    void anExplicitScaleFactorUsesItsInverse() {
        // in 3 -> out floor(3 * 1.7) = 5; scale 1/1.7 = 0.5882, not 3/5 = 0.6: output 1 reads src 0.3824, not 0.4
        Tensor x = Tensor.of(new float[] {0, 10, 20}, 1, 1, 1, 3);
        Tensor byScale = new UpsampleBilinear2d(UpsampleBilinear2d.Config.scale(1, 1.7, false)).forward(x);
        Tensor bySize = new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(1, 5, false)).forward(x);
        assertThat(byScale.shape()).containsExactly(1, 1, 1, 5);
        assertThat(byScale.getFlat(1)).isCloseTo((float) ((1.5 / 1.7 - 0.5) * 10), org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(bySize.getFlat(1)).isCloseTo(4f, org.assertj.core.data.Offset.offset(1e-5f));
        Tensor n = new UpsampleNearest2d(UpsampleNearest2d.Config.scale(1, 1.7)).forward(x);
        // floor(d / 1.7): 0, 0, 1, 1, 2
        assertThat(n.toArray()).containsExactly(0f, 0f, 10f, 10f, 20f);
    }

    @Test
    void nearestByTwoRepeatsEachPixel() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        UpsampleNearest2d up = new UpsampleNearest2d(UpsampleNearest2d.Config.scale(2, 2));
        assertThat(up.forward(x).toArray()).containsExactly(1f, 1f, 2f, 2f, 1f, 1f, 2f, 2f, 3f, 3f, 4f, 4f, 3f, 3f, 4f, 4f);
        assertThat(up.backward(Tensor.full(1f, 1, 1, 4, 4)).toArray()).containsExactly(4f, 4f, 4f, 4f);
        assertThat(up).hasToString("Upsample(scale_factor=(2.0, 2.0), mode='nearest')");
    }

    @Test
    void gradientChecks() {
        GradientCheck.check(new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(7, 5, true)), randomTensor(2, 2, 3, 4), rng);
        GradientCheck.check(new UpsampleBilinear2d(UpsampleBilinear2d.Config.scale(1.5, 1.5, true)), randomTensor(1, 2, 5, 3), rng);
        GradientCheck.check(new UpsampleBilinear2d(UpsampleBilinear2d.Config.scale(1.5, 0.5, false)), randomTensor(1, 2, 5, 7), rng);
        GradientCheck.check(new UpsampleBilinear2d(UpsampleBilinear2d.Config.size(2, 3, true)), randomTensor(1, 1, 9, 7), rng);
        GradientCheck.check(new UpsampleNearest2d(UpsampleNearest2d.Config.scale(1.5, 3)), randomTensor(2, 2, 5, 3), rng);
        GradientCheck.check(new UpsampleNearest2d(UpsampleNearest2d.Config.size(3, 2)), randomTensor(1, 2, 7, 5), rng);
    }

    @Test
    void twoThreadsGiveTheSameResultAsOne() {
        Tensor x = randomTensor(3, 5, 17, 31);
        Tensor[] one = run(x, 1);
        Tensor[] two = run(x, 2);
        for (int i = 0; i < one.length; i++) {
            TensorAssert.assertClose("result " + i, two[i], one[i], 0, 0);
        }
    }

    private static Tensor[] run(Tensor x, int threads) {
        Parallel.setThreads(threads);
        UpsampleBilinear2d b = new UpsampleBilinear2d(UpsampleBilinear2d.Config.scale(1.5, 2.5, true));
        UpsampleNearest2d n = new UpsampleNearest2d(UpsampleNearest2d.Config.scale(1.5, 2.5));
        Tensor yb = b.forward(x).copy();
        Tensor yn = n.forward(x).copy();
        return new Tensor[] {yb, b.backward(yb).copy(), yn, n.backward(yn).copy()};
    }
}
