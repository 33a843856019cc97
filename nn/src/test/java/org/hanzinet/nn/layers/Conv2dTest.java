package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.core.simd.VectorizationProvider;
import org.hanzinet.core.testing.ExpectedPath;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Conv2d as a layer: gradient checks per implementation, init, configuration, shape errors, buffer reuse. */
class Conv2dTest extends HanzinetTestBase {

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /** The convolution is linear in input and weights: central differences are exact up to float rounding. */
    @ParameterizedTest
    @EnumSource(ConvImpl.class)
    void gradientCheckStride2Padding1(ConvImpl impl) {
        Conv2d conv = new Conv2d(3, 5, 3, 2, 1, true, rng).implementation(impl);
        GradientCheck.check(conv, randomTensor(2, 3, 7, 9), rng);
        assertThat(conv.lastImplementation()).isEqualTo(impl);
    }

    @ParameterizedTest
    @EnumSource(ConvImpl.class)
    void gradientCheckKernel5Padding2(ConvImpl impl) {
        Conv2d conv = new Conv2d(2, 3, 5, 1, 2, true, rng).implementation(impl);
        GradientCheck.check(conv, randomTensor(1, 2, 9, 17), rng);
    }

    @Test
    void gradientCheckWithoutBiasOnTwoThreads() {
        Parallel.setThreads(2);
        Conv2d conv = new Conv2d(1, 17, 5, 1, 0, false, rng);
        assertThat(conv.namedParameters()).containsOnlyKeys("weight");
        GradientCheck.check(conv, randomTensor(3, 1, 9, 7), rng);
    }

    @Test
    void implementationsAgreeThroughTheLayer() {
        Tensor x = randomTensor(2, 3, 17, 31);
        Tensor dy = randomTensor(2, 16, 13, 27);
        Tensor[] ref = null;
        for (ConvImpl impl : ConvImpl.values()) {
            Conv2d conv = new Conv2d(3, 16, 5, 1, 0, true, new org.hanzinet.core.Rng(7)).implementation(impl);
            Tensor y = conv.forward(x).copy();
            Tensor dx = conv.backward(dy).copy();
            Tensor[] got = {y, dx, conv.weight().grad().copy(), conv.bias().grad().copy()};
            if (ref == null) {
                ref = got;
            } else {
                String[] what = {"forward", "input gradient", "weight gradient", "bias gradient"};
                for (int i = 0; i < got.length; i++) {
                    TensorAssert.assertClose(impl + " " + what[i], got[i], ref[i], 1e-4, 1e-4);
                }
            }
        }
    }

    @Test
    void backwardAccumulatesParameterGradients() {
        Conv2d conv = new Conv2d(3, 4, 3, 1, 1, true, rng);
        Tensor x = randomTensor(1, 3, 8, 8), dy = randomTensor(1, 4, 8, 8);
        conv.forward(x);
        conv.backward(dy);
        Tensor once = conv.weight().grad().copy(), onceBias = conv.bias().grad().copy();
        conv.backward(dy);
        TensorAssert.assertClose("weight grad x2", conv.weight().grad(), once.scale(2f), 1e-6, 1e-6);
        TensorAssert.assertClose("bias grad x2", conv.bias().grad(), onceBias.scale(2f), 1e-6, 1e-6);
    }

    /** Unforced, a 5x5 layer runs the direct convolution on the kernels this JVM should run; the property forces another. */
    @Test
    void defaultChoiceIsTheDirectPathAndThePropertyForcesAnother() {
        ExpectedPath.withProperty(ConvImpl.PROPERTY, null, () -> {
            Conv2d conv = new Conv2d(3, 16, 5, 1, 0, true, rng);
            conv.forward(randomTensor(1, 3, 12, 12));
            assertThat(conv.lastImplementation()).isEqualTo(ConvImpl.DIRECT);
            assertThat(VectorizationProvider.get().isVectorized()).as("Vector API kernels").isEqualTo(ExpectedPath.vectorApi());
        });
        ExpectedPath.withProperty(ConvImpl.PROPERTY, "im2col", () -> {
            Conv2d conv = new Conv2d(3, 16, 5, 1, 0, true, rng);
            conv.forward(randomTensor(1, 3, 12, 12));
            assertThat(conv.lastImplementation()).isEqualTo(ConvImpl.IM2COL);
        });
    }

    @Test
    void initFollowsPyTorchBounds() {
        Conv2d conv = new Conv2d(3, 16, 5, 1, 0, true, rng);
        double bound = 1 / Math.sqrt(3 * 25);
        assertThat(conv.weight().shape()).containsExactly(16, 3, 5, 5);
        assertThat(conv.bias().shape()).containsExactly(16);
        for (Tensor t : new Tensor[] {conv.weight().value(), conv.bias().value()}) {
            for (int i = 0; i < t.numel(); i++) {
                assertThat(Math.abs(t.getFlat(i))).isLessThanOrEqualTo((float) bound);
            }
        }
        // not all zero / not constant
        assertThat(conv.weight().value().max()).isGreaterThan((float) (bound / 2));
    }

    @Test
    void batchSizeMayChangeBetweenCalls() {
        Conv2d conv = new Conv2d(2, 3, 3, 1, 1, true, rng);
        assertThat(conv.forward(randomTensor(3, 2, 6, 5)).shape()).containsExactly(3, 3, 6, 5);
        assertThat(conv.backward(randomTensor(3, 3, 6, 5)).shape()).containsExactly(3, 2, 6, 5);
        assertThat(conv.forward(randomTensor(1, 2, 6, 5)).shape()).containsExactly(1, 3, 6, 5);
        assertThat(conv.backward(randomTensor(1, 3, 6, 5)).shape()).containsExactly(1, 2, 6, 5);
    }

    @Test
    void configRoundTripsThroughJackson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Conv2d.Config c = new Conv2d.Config(3, 128, 5, 1, 2, true);
        assertThat(json.readValue(json.writeValueAsString(c), Conv2d.Config.class)).isEqualTo(c);
    }

    @Test
    void configNamesTheBadValue() {
        assertThatThrownBy(() -> new Conv2d.Config(0, 3, 5, 1, 0, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inChannels").hasMessageContaining("0");
        assertThatThrownBy(() -> new Conv2d.Config(3, -2, 5, 1, 0, true)).hasMessageContaining("outChannels")
                .hasMessageContaining("-2");
        assertThatThrownBy(() -> new Conv2d.Config(3, 3, 0, 1, 0, true)).hasMessageContaining("kernel");
        assertThatThrownBy(() -> new Conv2d.Config(3, 3, 5, 0, 0, true)).hasMessageContaining("stride");
        assertThatThrownBy(() -> new Conv2d.Config(3, 3, 5, 1, -1, true)).hasMessageContaining("padding")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> ConvImpl.parse("cuda")).hasMessageContaining("cuda");
    }

    @Test
    void shapeErrorsNameTheLayerAndBothShapes() {
        Conv2d conv = new Conv2d(3, 16, 5, 1, 0, true, rng);
        assertThatThrownBy(() -> conv.forward(randomTensor(1, 4, 9, 9))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Conv2d(3, 16, kernel_size=5").hasMessageContaining("[N, 3, H, W]")
                .hasMessageContaining("[1, 4, 9, 9]");
        assertThatThrownBy(() -> conv.forward(randomTensor(3, 9, 9))).hasMessageContaining("[3, 9, 9]");
        assertThatThrownBy(() -> conv.forward(randomTensor(1, 3, 4, 9))).hasMessageContaining("smaller than the kernel")
                .hasMessageContaining("[1, 3, 4, 9]");
        assertThatThrownBy(() -> conv.backward(randomTensor(1, 16, 5, 5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before forward");
        conv.forward(randomTensor(1, 3, 9, 9));
        assertThatThrownBy(() -> conv.backward(randomTensor(1, 16, 6, 5))).hasMessageContaining("[1, 16, 5, 5]")
                .hasMessageContaining("[1, 16, 6, 5]");
        // padding makes a small input legal
        assertThat(new Conv2d(3, 2, 5, 1, 2, false, rng).forward(randomTensor(1, 3, 1, 1)).shape())
                .containsExactly(1, 2, 1, 1);
    }
}
