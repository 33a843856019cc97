package org.hanzinet.nn.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

class FullResolutionTest {
    /** Two 3x3 convs with padding: each output pixel sees 2 pixels around it. */
    static Module smallNet() {
        Rng rng = new Rng(11);
        return new Sequential(new Conv2d(3, 4, 3, 1, 1, true, rng), new ReLU(), new Conv2d(4, 2, 3, 1, 1, true, rng))
                .eval();
    }

    static Tensor photo(int h, int w) {
        return Tensor.zeros(3, h, w).uniform(new Rng(5), -1, 1);
    }

    /** 1x1 conv with weights (1, 2, 3) and bias 0.5: out = r + 2g + 3b + 0.5 per pixel. */
    static Module weightedSum() {
        Conv2d conv = new Conv2d(3, 1, 1, 1, 0, true, new Rng(1));
        conv.weight().value().copyFrom(Tensor.of(new float[] {1, 2, 3}, 1, 3, 1, 1));
        conv.bias().value().fill(0.5f);
        return conv;
    }

    @Test
    void tiledEqualsUntiledWhenTheReceptiveFieldFitsTheMargin() {
        Module net = smallNet();
        for (int[] hw : new int[][] {{37, 23}, {17, 61}, {64, 64}, {1, 50}}) {
            Tensor x = photo(hw[0], hw[1]);
            Tensor whole = new FullResolution(net, new FullResolution.Config(4, 128, 0, 0f)).predict(x);
            Tensor tiled = new FullResolution(net, new FullResolution.Config(4, 16, 4, 0f)).predict(x);
            assertThat(whole.shape()).containsExactly(2, hw[0], hw[1]);
            assertThat(tiled.shape()).containsExactly(2, hw[0], hw[1]);
            float[] a = whole.toArray();
            float[] b = tiled.toArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).as("pixel %d of %dx%d", i, hw[0], hw[1]).isCloseTo(a[i], within(1e-5f));
            }
        }
    }

    /** Nearest up-sampling by 2, {@code [N, C, H, W] -> [N, C, 2H, 2W]}: with a max-pool, a net of stride 2. */
    static final class Up2 extends Module {
        @Override
        public Tensor forward(Tensor x) {
            int n = x.size(0);
            int c = x.size(1);
            int h = x.size(2);
            int w = x.size(3);
            Tensor y = Tensor.zeros(n, c, 2 * h, 2 * w);
            for (int p = 0; p < n * c; p++) {
                for (int i = 0; i < 2 * h; i++) {
                    for (int j = 0; j < 2 * w; j++) {
                        y.data()[(p * 2 * h + i) * 2 * w + j] = x.data()[x.offset() + (p * h + i / 2) * w + j / 2];
                    }
                }
            }
            return y;
        }

        @Override
        public Tensor backward(Tensor gradOutput) {
            throw new UnsupportedOperationException("inference only");
        }
    }

    @Test
    void tilesStartOnTheStrideSoPoolingWindowsLineUp() {
        Rng rng = new Rng(3);
        Module net = new Sequential(new MaxPool2d(2, 2), new Conv2d(3, 2, 3, 1, 1, true, rng), new Up2()).eval();
        Tensor x = photo(45, 38);
        float[] a = new FullResolution(net, new FullResolution.Config(2, 128, 0, 0f)).predict(x).toArray();
        float[] b = new FullResolution(net, new FullResolution.Config(2, 20, 4, 0f)).predict(x).toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(b[i]).as("pixel %d", i).isCloseTo(a[i], within(1e-5f));
        }
    }

    @Test
    void aMarginSmallerThanTheReceptiveFieldShowsTheSeams() {
        Module net = smallNet();
        Tensor x = photo(40, 40);
        float[] a = new FullResolution(net, new FullResolution.Config(4, 128, 0, 0f)).predict(x).toArray();
        float[] b = new FullResolution(net, new FullResolution.Config(1, 16, 1, 0f)).predict(x).toArray();
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        assertThat(worst).isGreaterThan(1e-3);
    }

    @Test
    void atStrideOneTheResultIsTheModelsOwnForward() {
        Module net = smallNet();
        Tensor x = photo(13, 9);
        float[] direct = net.forward(x.copy().reshape(1, 3, 13, 9)).toArray();
        float[] tiled = new FullResolution(net, new FullResolution.Config(1, 8, 2, 0f)).predict(x).toArray();
        for (int i = 0; i < direct.length; i++) {
            assertThat(tiled[i]).isCloseTo(direct[i], within(1e-5f));
        }
    }

    @Test
    void aOnePixelWidePhotoIsPaddedAndCroppedBack() {
        Tensor x = photo(9, 1);
        Tensor y = new FullResolution(weightedSum(), new FullResolution.Config(16, 32, 0, 0f)).predict(x);
        assertThat(y.shape()).containsExactly(1, 9, 1);
        for (int r = 0; r < 9; r++) {
            float expected = x.get(0, r, 0) + 2 * x.get(1, r, 0) + 3 * x.get(2, r, 0) + 0.5f;
            assertThat(y.get(0, r, 0)).isCloseTo(expected, within(1e-5f));
        }
    }

    @Test
    void aModelThatShrinksItsInputIsRefusedWithShapes() {
        FullResolution fr = new FullResolution(new MaxPool2d(2, 2), new FullResolution.Config(16, 32, 0, 0f));
        assertThatThrownBy(() -> fr.predict(photo(20, 20)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 3, 32, 32]").hasMessageContaining("[1, 3, 16, 16]");
    }

    @Test
    void badConfigsAndPhotosAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> new FullResolution.Config(16, 40, 0, 0f)).hasMessageContaining("tile 40");
        assertThatThrownBy(() -> new FullResolution.Config(16, 32, 16, 0f)).hasMessageContaining("margin 16");
        FullResolution fr = new FullResolution(weightedSum(), new FullResolution.Config(1, 8, 0, 0f));
        assertThatThrownBy(() -> fr.predict(Tensor.zeros(1, 3, 4, 4))).hasMessageContaining("[1, 3, 4, 4]");
    }
}
