package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;

import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** MaxPool2d with padding, ceil_mode and rectangular windows: PyTorch's output sizes, -inf padding, gradients. */
class MaxPool2dCeilPaddingTest extends HanzinetTestBase {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static MaxPool2d pool(int kh, int kw, int sh, int sw, int ph, int pw, boolean ceil) {
        return new MaxPool2d(new MaxPool2d.Config(new Size2d(kh, kw), new Size2d(sh, sw), new Size2d(ph, pw), ceil));
    }

    private Tensor distinct(int... shape) {
        return DistinctValues.withoutNearTies(rng, shape);
    }

    @Test
    void outputSizesFollowPyTorchsCeilRule() {
        // torch.nn.functional.max_pool2d(torch.zeros(1, 1, H, W), k, s, p, ceil_mode=...).shape
        assertThat(MaxPool2d.Config.outputSize(5, 2, 2, 0, true)).isEqualTo(3);
        assertThat(MaxPool2d.Config.outputSize(5, 2, 2, 0, false)).isEqualTo(2);
        // ceil would give 4, but that window would start in the bottom padding: 3
        assertThat(MaxPool2d.Config.outputSize(5, 2, 2, 1, true)).isEqualTo(3);
        assertThat(MaxPool2d.Config.outputSize(6, 3, 2, 1, true)).isEqualTo(4);
        assertThat(MaxPool2d.Config.outputSize(6, 3, 2, 1, false)).isEqualTo(3);
        assertThat(MaxPool2d.Config.outputSize(7, 3, 3, 0, true)).isEqualTo(3);
        assertThat(MaxPool2d.Config.outputSize(1, 3, 2, 1, true)).isEqualTo(1);
        assertThat(pool(3, 2, 2, 1, 1, 0, true).forward(Tensor.zeros(2, 1, 6, 5)).shape()).containsExactly(2, 1, 4, 4);
    }

    @Test
    void paddingIsMinusInfinityAndCeilWindowsAreClipped() {
        // all-negative input: zero padding would win, -inf padding never does
        Tensor x = Tensor.of(new float[] {-1, -2, -3, -4, -5, -6, -7, -8, -9}, 1, 1, 3, 3);
        MaxPool2d p = pool(2, 2, 2, 2, 1, 1, false);
        assertThat(p.forward(x).toArray()).containsExactly(-1f, -2f, -4f, -5f);
        MaxPool2d c = pool(2, 2, 2, 2, 0, 0, true);
        // windows [0:2, 0:2], [0:2, 2:3], [2:3, 0:2], [2:3, 2:3]
        assertThat(c.forward(x).toArray()).containsExactly(-1f, -3f, -7f, -9f);
        Tensor g = c.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2));
        assertThat(g.toArray()).containsExactly(1f, 0f, 2f, 0f, 0f, 0f, 3f, 0f, 4f);
    }

    @Test
    void theUnrolledTwoByTwoRowsMeetAClippedCeilRow() {
        // 3x4 input, 2x2 stride 2 ceil: row 0 takes the unrolled path, row 1 is the clipped last row
        Tensor x = Tensor.of(new float[] {1, 5, 2, 0, 3, 4, 8, 7, -1, -3, -2, 6}, 1, 1, 3, 4);
        MaxPool2d c = pool(2, 2, 2, 2, 0, 0, true);
        assertThat(c.forward(x).toArray()).containsExactly(5f, 8f, -1f, 6f);
        assertThat(c.backward(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2)).toArray())
                .containsExactly(0f, 1f, 0f, 0f, 0f, 0f, 2f, 0f, 3f, 0f, 0f, 4f);
        assertThat(c).hasToString("MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), dilation=1, ceil_mode=True)");
    }

    @Test
    void gradientChecks() {
        GradientCheck.check(pool(3, 3, 2, 2, 1, 1, true), distinct(2, 2, 7, 6), rng);
        GradientCheck.check(pool(2, 2, 2, 2, 0, 0, true), distinct(1, 3, 7, 9), rng);
        GradientCheck.check(pool(3, 2, 2, 1, 1, 0, true), distinct(1, 2, 5, 5), rng);
        GradientCheck.check(pool(2, 4, 1, 3, 1, 2, false), distinct(2, 1, 6, 11), rng);
    }

    @Test
    void twoThreadsGiveTheSameResultAsOne() {
        Tensor x = randomTensor(3, 5, 31, 17);
        MaxPool2d a = pool(3, 2, 2, 3, 1, 1, true);
        MaxPool2d b = pool(3, 2, 2, 3, 1, 1, true);
        Parallel.setThreads(1);
        Tensor y1 = a.forward(x).copy();
        Tensor g1 = a.backward(y1).copy();
        Parallel.setThreads(2);
        TensorAssert.assertClose("forward", b.forward(x), y1, 0, 0);
        TensorAssert.assertClose("backward", b.backward(y1), g1, 0, 0);
    }
}
