package org.hanzinet.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.Parameter;
import org.junit.jupiter.api.Test;

class SGDTest extends HanzinetTestBase {
    static final float[][] GRADS = {{0.1f, -0.2f, 0.3f}, {0.05f, 0.4f, -0.6f}, {-0.3f, 0.1f, 0.2f}};

    static Map<String, Parameter> params(float... values) {
        Map<String, Parameter> m = new LinkedHashMap<>();
        m.put("w", new Parameter(Tensor.of(values.clone(), values.length)));
        return m;
    }

    static void setGrad(Map<String, Parameter> ps, float... g) {
        ps.get("w").grad().copyFrom(Tensor.of(g.clone(), g.length));
    }

    @Test
    void plainStepIsParamMinusLrTimesGrad() {
        Map<String, Parameter> ps = params(1f, -2f);
        SGD sgd = new SGD(ps, 0.5, 0, 0, false);
        setGrad(ps, 0.25f, -1f);
        sgd.step();
        assertThat(ps.get("w").value().toArray()).containsExactly(1f - 0.125f, -2f + 0.5f);
        assertThat(sgd.state().keySet()).containsExactly("step");
    }

    @Test
    void momentumBufferStartsAtTheGradient() {
        Map<String, Parameter> ps = params(1f);
        SGD sgd = new SGD(ps, 0.1, 0.9, 0, false);
        setGrad(ps, 2f);
        sgd.step(); // buf = 2 (not 0.9 * 0 + 2 * 0.1): p = 1 - 0.1 * 2
        assertThat(ps.get("w").value().getFlat(0)).isEqualTo(1f - 0.1f * 2f);
        setGrad(ps, 1f);
        sgd.step(); // buf = 0.9 * 2 + 1 = 2.8
        assertThat(sgd.state().get("w.momentum_buffer").getFlat(0)).isEqualTo(0.9f * 2f + 1f);
        assertThat(ps.get("w").value().getFlat(0)).isCloseTo(0.8f - 0.28f, org.assertj.core.data.Offset.offset(1e-7f));
    }

    @Test
    void nesterovWithWeightDecayMatchesPyTorchOverThreeSteps() {
        // torch: p = Parameter(tensor([.5, -1., 2.])); o = SGD([p], lr=.1, momentum=.9, weight_decay=.01,
        // nesterov=True); three steps with the gradients GRADS.
        Map<String, Parameter> ps = params(0.5f, -1f, 2f);
        SGD sgd = new SGD(ps, 0.1, 0.9, 0.01, true);
        for (float[] g : GRADS) {
            setGrad(ps, g);
            sgd.step();
        }
        TensorAssert.assertClose(ps.get("w").value(), Tensor.of(new float[] {0.505163431f, -1.05064631f, 2.00545192f}, 3),
                0, 1e-6);
        TensorAssert.assertClose(sgd.state().get("w.momentum_buffer"),
                Tensor.of(new float[] {-0.161018223f, 0.271086454f, -0.04311122f}, 3), 0, 1e-5);
        assertThat(sgd.state().get("step").getFlat(0)).isEqualTo(3f);
    }

    @Test
    void stateRoundTripContinuesTheSameTrajectory() {
        Map<String, Parameter> a = params(0.5f, -1f, 2f);
        SGD sa = new SGD(a, 0.1, 0.9, 0, false);
        setGrad(a, GRADS[0]);
        sa.step();
        Map<String, Tensor> saved = new LinkedHashMap<>();
        sa.state().forEach((k, v) -> saved.put(k, v.copy()));
        Map<String, Parameter> b = params(a.get("w").value().toArray());
        SGD sb = new SGD(b, 0.1, 0.9, 0, false);
        sb.loadState(saved);
        for (Map<String, Parameter> ps : java.util.List.of(a, b)) {
            setGrad(ps, GRADS[1]);
        }
        sa.step();
        sb.step();
        assertThat(b.get("w").value().toArray()).containsExactly(a.get("w").value().toArray());
    }

    @Test
    void loadStateRejectsBadMapsAndChangesNothing() {
        Map<String, Parameter> ps = params(1f, 2f);
        SGD sgd = new SGD(ps, 0.1, 0.9, 0, false);
        Tensor buf = Tensor.zeros(2);
        Tensor step1 = Tensor.of(new float[] {1f}, 1);
        assertThatThrownBy(() -> sgd.loadState(Map.of("w.momentum_buffer", buf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing 'step'");
        assertThatThrownBy(() -> sgd.loadState(Map.of("step", step1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing 'w.momentum_buffer'");
        assertThatThrownBy(() -> sgd.loadState(Map.of("step", step1, "w.momentum_buffer", Tensor.zeros(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[3]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> sgd.loadState(Map.of("step", step1, "w.momentum_buffer", buf, "v.momentum_buffer", buf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown entry 'v.momentum_buffer'");
        assertThatThrownBy(() -> sgd.loadState(Map.of("step", Tensor.of(new float[] {0f}, 1), "w.momentum_buffer", buf)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step is 0");
        assertThatThrownBy(() -> sgd.loadState(Map.of("step", Tensor.of(new float[] {1.5f}, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThat(sgd.state().keySet()).containsExactly("step");
        assertThat(sgd.state().get("step").getFlat(0)).isEqualTo(0f);
    }

    @Test
    void multiThreadedEqualsSingleThreadedOnALargeParameter() {
        Tensor init = randomTensor(300_007);
        Tensor grad = randomTensor(300_007);
        float[][] results = new float[2][];
        int saved = Parallel.threads();
        try {
            for (int threads = 1; threads <= 2; threads++) {
                Parallel.setThreads(threads);
                Map<String, Parameter> ps = Map.of("w", new Parameter(init.copy()));
                SGD sgd = new SGD(ps, 0.01, 0.9, 1e-4, true);
                for (int s = 0; s < 2; s++) {
                    ps.get("w").grad().copyFrom(grad);
                    sgd.step();
                }
                results[threads - 1] = ps.get("w").value().toArray();
            }
        } finally {
            Parallel.setThreads(saved);
        }
        assertThat(results[1]).isEqualTo(results[0]); // bit-for-bit (containsExactly is quadratic)
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Map<String, Parameter> ps = params(1f, 2f);
        setGrad(ps, 3f, 4f);
        new SGD(ps, 0.1, 0, 0, false).zeroGrad();
        assertThat(ps.get("w").grad().toArray()).containsOnly(0f);
    }

    @Test
    void configIsValidatedAndRoundTrips() throws Exception {
        assertThatThrownBy(() -> new SGD.Config(-0.1, 0, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lr").hasMessageContaining("-0.1");
        assertThatThrownBy(() -> new SGD.Config(0.1, Double.NaN, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum").hasMessageContaining("NaN");
        assertThatThrownBy(() -> new SGD.Config(0.1, 0, 0, 0, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nesterov");
        assertThatThrownBy(() -> new SGD(Map.of(), 0.1, 0, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        ObjectMapper json = new ObjectMapper();
        SGD.Config c = new SGD.Config(0.005, 0.9, 0.1, 1e-4, false);
        assertThat(json.readValue(json.writeValueAsString(c), SGD.Config.class)).isEqualTo(c);
    }
}
