package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ConvTranspose2d: against a plain scatter written from PyTorch's definition, gradient checks per
 * implementation at the U-Net shapes (k2 s2, k3 s2 p1 op1, k4 s2 p1) and a rectangular one, every
 * implementation against the scalar one at awkward sizes on one and two threads, init and messages.
 */
class ConvTranspose2dTest extends HanzinetTestBase {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** in, out, kh, kw, sh, sw, ph, pw, oph, opw, N, H, W */
    static Stream<int[]> shapes() {
        return Stream.of(new int[] {3, 2, 2, 2, 2, 2, 0, 0, 0, 0, 2, 3, 5},
                new int[] {2, 3, 3, 3, 2, 2, 1, 1, 1, 1, 1, 4, 3},
                new int[] {3, 3, 4, 4, 2, 2, 1, 1, 0, 0, 2, 3, 3},
                new int[] {2, 3, 3, 4, 2, 3, 1, 0, 1, 2, 1, 3, 4},
                new int[] {1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1},
                new int[] {7, 17, 3, 5, 1, 2, 2, 1, 0, 1, 3, 7, 17},
                new int[] {17, 3, 5, 3, 3, 1, 0, 1, 2, 0, 1, 31, 3},
                new int[] {4, 5, 2, 2, 2, 2, 0, 0, 1, 1, 2, 17, 127});
    }

    private static ConvTranspose2d.Config config(int[] c, boolean bias) {
        return new ConvTranspose2d.Config(c[0], c[1], new Size2d(c[2], c[3]), new Size2d(c[4], c[5]),
                new Size2d(c[6], c[7]), new Size2d(c[8], c[9]), bias);
    }

    /** y[n, o, iy*sh - ph + ky, ix*sw - pw + kx] += x[n, i, iy, ix] * w[i, o, ky, kx], in double. */
    private static Tensor scatter(ConvTranspose2d.Config c, Tensor x, Tensor w, Tensor b) {
        int[] os = c.outputShape(x.shape());
        double[] y = new double[os[0] * os[1] * os[2] * os[3]];
        int kh = c.kernel().h(), kw = c.kernel().w();
        for (int n = 0; n < os[0]; n++) {
            for (int i = 0; i < x.size(1); i++) {
                for (int iy = 0; iy < x.size(2); iy++) {
                    for (int ix = 0; ix < x.size(3); ix++) {
                        double v = x.get(n, i, iy, ix);
                        for (int o = 0; o < os[1]; o++) {
                            for (int ky = 0; ky < kh; ky++) {
                                int oy = iy * c.stride().h() - c.padding().h() + ky;
                                for (int kx = 0; kx < kw; kx++) {
                                    int ox = ix * c.stride().w() - c.padding().w() + kx;
                                    if (oy >= 0 && oy < os[2] && ox >= 0 && ox < os[3]) {
                                        y[((n * os[1] + o) * os[2] + oy) * os[3] + ox] += v * w.get(i, o, ky, kx);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Tensor out = Tensor.zeros(os);
        for (int k = 0; k < y.length; k++) {
            int o = k / (os[2] * os[3]) % os[1];
            out.setFlat(k, (float) (y[k] + (b == null ? 0 : b.getFlat(o))));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void forwardIsThePlainScatter(int[] c) {
        ConvTranspose2d layer = config(c, true).build(rng);
        Tensor x = randomTensor(c[10], c[0], c[11], c[12]);
        Tensor expected = scatter(layer.config(), x, layer.weight().value(), layer.bias().value());
        TensorAssert.assertClose("forward", layer.forward(x), expected, 1e-5, 1e-5);
    }

    @ParameterizedTest
    @EnumSource(ConvImpl.class)
    void gradientCheckEveryShapeAndImplementation(ConvImpl impl) {
        shapes().limit(4).forEach(c -> {
            ConvTranspose2d layer = config(c, true).build(rng).implementation(impl);
            GradientCheck.check(layer, randomTensor(c[10], c[0], c[11], c[12]), rng);
            assertThat(layer.lastImplementation()).isEqualTo(impl);
        });
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void everyImplementationMatchesTheScalarOneOnOneAndTwoThreads(int[] c) {
        Tensor x = randomTensor(c[10], c[0], c[11], c[12]);
        Tensor dy = randomTensor(config(c, true).outputShape(x.shape()));
        Tensor[] ref = run(c, ConvImpl.SCALAR, x, dy, 1);
        for (ConvImpl impl : ConvImpl.values()) {
            for (int threads = 1; threads <= 2; threads++) {
                Tensor[] got = run(c, impl, x, dy, threads);
                String[] what = {"forward", "input gradient", "weight gradient", "bias gradient"};
                for (int i = 0; i < got.length; i++) {
                    TensorAssert.assertClose(impl + " on " + threads + " threads " + what[i], got[i], ref[i], 1e-4, 1e-4);
                }
            }
        }
    }

    /** The benchmark's U-Net shape (2x2 stride 2, 64 -> 32 at 64x64), batch 1: every implementation agrees. */
    @Test
    void uNetShapeAgreesAcrossImplementations() {
        int[] c = {64, 32, 2, 2, 2, 2, 0, 0, 0, 0, 1, 64, 64};
        Tensor x = randomTensor(1, 64, 64, 64);
        Tensor dy = randomTensor(1, 32, 128, 128);
        Tensor[] ref = run(c, ConvImpl.SCALAR, x, dy, 2);
        for (ConvImpl impl : ConvImpl.values()) {
            Tensor[] got = run(c, impl, x, dy, 2);
            for (int i = 0; i < got.length; i++) {
                TensorAssert.assertClose(impl + " result " + i, got[i], ref[i], 1e-4, 1e-4);
            }
        }
    }

    private static Tensor[] run(int[] c, ConvImpl impl, Tensor x, Tensor dy, int threads) {
        Parallel.setThreads(threads);
        ConvTranspose2d layer = config(c, true).build(new Rng(7)).implementation(impl);
        Tensor y = layer.forward(x).copy();
        Tensor dx = layer.backward(dy).copy();
        return new Tensor[] {y, dx, layer.weight().grad().copy(), layer.bias().grad().copy()};
    }

    @Test
    void initUsesPyTorchsFanInOfTheTransposedWeight() {
        // weight [16, 2, 2, 2]: PyTorch's fan_in is size(1) * k * k = 8, bound 1/sqrt(8) = 0.354 (not 1/sqrt(64))
        ConvTranspose2d layer = new ConvTranspose2d(16, 2, 2, 2, 0, 0, true, rng);
        assertThat(layer.weight().shape()).containsExactly(16, 2, 2, 2);
        double bound = 1 / Math.sqrt(8);
        for (Tensor t : new Tensor[] {layer.weight().value(), layer.bias().value()}) {
            for (int i = 0; i < t.numel(); i++) {
                assertThat(Math.abs(t.getFlat(i))).isLessThanOrEqualTo((float) bound);
            }
        }
        assertThat(layer.weight().value().max()).isGreaterThan(0.2f);
    }

    @Test
    void reprAndMessagesAreLikePyTorch() {
        ConvTranspose2d layer = new ConvTranspose2d(3, 2, 3, 2, 1, 1, false, rng);
        assertThat(layer).hasToString(
                "ConvTranspose2d(3, 2, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), bias=False)");
        assertThat(layer.namedParameters()).containsOnlyKeys("weight");
        assertThatThrownBy(() -> layer.forward(randomTensor(1, 2, 4, 4))).hasMessageContaining("ConvTranspose2d(3, 2")
                .hasMessageContaining("[N, 3, H, W]").hasMessageContaining("[1, 2, 4, 4]");
        assertThatThrownBy(() -> layer.backward(randomTensor(1, 2, 8, 8))).hasMessageContaining("before forward");
        layer.forward(randomTensor(1, 3, 4, 4));
        assertThatThrownBy(() -> layer.backward(randomTensor(1, 2, 7, 8))).hasMessageContaining("[1, 2, 7, 8]")
                .hasMessageContaining("[1, 2, 8, 8]");
    }

    @Test
    void firstLayerMaySkipItsInputGradient() {
        ConvTranspose2d layer = new ConvTranspose2d(2, 3, 2, 2, 0, 0, true, rng);
        layer.requireInputGradient(false);
        layer.forward(randomTensor(1, 2, 3, 3));
        assertThat(layer.backward(randomTensor(1, 3, 6, 6))).isNull();
        assertThat(layer.bias().grad().toArray()).doesNotContain(0f);
    }
}
