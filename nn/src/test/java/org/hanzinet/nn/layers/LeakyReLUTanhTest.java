package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/** LeakyReLU and Tanh, and the configs of the normalisation-issue layers as JSON data. */
class LeakyReLUTanhTest extends HanzinetTestBase {

    @Test
    void gradientChecks() {
        Tensor x = randomTensor(2, 3, 5, 7).map(v -> Math.abs(v) < 0.05f ? v + Math.copySign(0.05f, v) : v);
        GradientCheck.check(new LeakyReLU(0.2f), x, rng);
        GradientCheck.check(new LeakyReLU(), x, rng);
        GradientCheck.check(new Tanh(), randomTensor(3, 17).scale(3f), rng);
    }

    @Test
    void leakyReluValuesAsPyTorch() {
        // torch.nn.LeakyReLU(0.1)(tensor([-2., 0., 3., nan])) -> [-0.2, 0., 3., nan]; grad at 0 is the slope
        LeakyReLU l = new LeakyReLU(0.1f);
        assertThat(l.forward(Tensor.of(new float[] {-2f, 0f, 3f, Float.NaN}, 4)).toArray())
                .containsExactly(-0.2f, 0f, 3f, Float.NaN);
        assertThat(l.backward(Tensor.full(1f, 4)).toArray()).containsExactly(0.1f, 0.1f, 1f, 0.1f);
        assertThat(l).hasToString("LeakyReLU(negative_slope=0.1)");
        assertThat(new LeakyReLU()).hasToString("LeakyReLU(negative_slope=0.01)");
        assertThatThrownBy(() -> new LeakyReLU(-0.5f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative_slope").hasMessageContaining("-0.5");
    }

    @Test
    void tanhSaturatesAndKeepsSmallValues() {
        Tensor y = new Tanh().forward(Tensor.of(new float[] {-100f, -1f, 0f, 1e-6f, 2f, 100f}, 6));
        double[] x = {-100, -1, 0, 1e-6, 2, 100};
        for (int i = 0; i < x.length; i++) {
            assertThat((double) y.getFlat(i)).isCloseTo(Math.tanh(x[i]), org.assertj.core.data.Offset.offset(1e-7));
        }
        assertThat(y.getFlat(3)).isCloseTo(1e-6f, org.assertj.core.data.Percentage.withPercentage(1e-4));
    }

    @Test
    void multiThreadedEqualsSingleThreaded() {
        Tensor x = randomTensor(3, 100_003).scale(4f);
        Tensor g = randomTensor(3, 100_003);
        for (Module m : new Module[] {new LeakyReLU(0.3f), new Tanh()}) {
            int saved = Parallel.threads();
            try {
                Parallel.setThreads(1);
                Tensor y1 = m.forward(x).copy();
                Tensor g1 = m.backward(g).copy();
                Parallel.setThreads(2);
                TensorAssert.assertClose(m + " forward", m.forward(x), y1, 0, 0);
                TensorAssert.assertClose(m + " backward", m.backward(g), g1, 0, 0);
            } finally {
                Parallel.setThreads(saved);
            }
        }
    }

    @Test
    void configsRoundTripAsTypedJsonAndBuildTheirLayers() throws Exception {
        ObjectMapper json = LayerTypes.register(new ObjectMapper());
        List<LayerConfig> configs = List.of(new BatchNorm2d.Config(32), new BatchNorm2d.Config(3, 1e-3, null, false, true),
                new LeakyReLU.Config(0.2f), new LeakyReLU.Config(), new Tanh.Config());
        for (LayerConfig c : configs) {
            String s = json.writeValueAsString(c);
            assertThat(json.readValue(s, LayerConfig.class)).as(s).isEqualTo(c);
            assertThat(c.build(new Rng(1)).parameterCount()).as(s).isEqualTo(c.parameterCount());
        }
        assertThat(json.writeValueAsString(new BatchNorm2d.Config(8))).isEqualTo(
                "{\"type\":\"BatchNorm2d\",\"numFeatures\":8,\"eps\":1.0E-5,\"momentum\":0.1,\"affine\":true,"
                        + "\"trackRunningStats\":true}");
        assertThat(new BatchNorm2d.Config(8).parameterCount()).isEqualTo(16);
        assertThat(new BatchNorm2d.Config(8).outputShape(new int[] {2, 8, 5, 3})).containsExactly(2, 8, 5, 3);
        assertThatThrownBy(() -> new BatchNorm2d.Config(8).outputShape(new int[] {2, 7, 5, 3}))
                .hasMessageContaining("[N, 8, H, W]").hasMessageContaining("[2, 7, 5, 3]");
        assertThat(new Tanh.Config().outputShape(new int[] {4, 1})).containsExactly(4, 1);
        assertThatThrownBy(() -> json.readValue("{\"type\":\"BatchNorm2d\",\"numFeatures\":4,\"eps\":1e-5,"
                + "\"momentum\":-1,\"affine\":true,\"trackRunningStats\":true}", LayerConfig.class))
                .rootCause().hasMessageContaining("momentum").hasMessageContaining("-1");
    }
}
