package org.hanzinet.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hanzinet.nn.optim.SGDTest.GRADS;
import static org.hanzinet.nn.optim.SGDTest.params;
import static org.hanzinet.nn.optim.SGDTest.setGrad;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdamWTest extends HanzinetTestBase {

    /** With a zero gradient, Adam's moments stay 0 and the step is exactly the decoupled decay p (1 - lr wd). */
    @Test
    void decayActsOnTheWeightsNotThroughTheGradient() {
        Map<String, Parameter> ps = params(2f, -4f);
        AdamW w = new AdamW(ps, new AdamW.Config(0.1, 0.9, 0.999, 1e-8, 0.5, false));
        w.step();
        assertThat(ps.get("w").value().toArray()).containsExactly(2f * 0.95f, -4f * 0.95f);
        // Adam's L2 decay goes through the moments instead: the first step moves each weight by about lr
        Map<String, Parameter> qs = params(2f, -4f);
        new Adam(qs, 0.1, 0.9, 0.999, 1e-8, 0.5).step();
        assertThat(qs.get("w").value().toArray()).containsExactly(1.9f, -3.9f);
    }

    @Test
    void withoutWeightDecayItIsAdam() {
        Map<String, Parameter> a = params(0.5f, -1f, 2f);
        Map<String, Parameter> b = params(0.5f, -1f, 2f);
        Adam adam = new Adam(a, new Adam.Config(0.01, 0.8, 0.95, 1e-6, 0));
        AdamW adamW = new AdamW(b, new AdamW.Config(0.01, 0.8, 0.95, 1e-6, 0, false));
        for (float[] g : GRADS) {
            setGrad(a, g);
            setGrad(b, g);
            adam.step();
            adamW.step();
        }
        assertThat(b.get("w").value().toArray()).containsExactly(a.get("w").value().toArray());
    }

    @Test
    void amsgradKeepsTheRunningMaximumUnderItsPyTorchName() {
        Map<String, Parameter> ps = params(1f, 1f);
        AdamW w = new AdamW(ps, new AdamW.Config(0.01, 0.9, 0.5, 1e-8, 0, true));
        setGrad(ps, 4f, 0f);
        w.step();
        setGrad(ps, 0f, 0f);
        w.step();
        Map<String, Tensor> s = w.state();
        assertThat(s.keySet()).containsExactly("step", "w.exp_avg", "w.exp_avg_sq", "w.max_exp_avg_sq");
        assertThat(s.get("w.exp_avg_sq").getFlat(0)).isEqualTo(4f); // 0.5 * (0.5 * 16)
        assertThat(s.get("w.max_exp_avg_sq").getFlat(0)).isEqualTo(8f);
    }

    @Test
    void stateRoundTripAndMultiThreadedStepsAreBitIdentical() {
        int n = 3 * OptimSupport.MIN_CHUNK + 17;
        Tensor init = randomTensor(n);
        Tensor[] grads = {randomTensor(n), randomTensor(n), randomTensor(n)};
        float[][] results = new float[2][];
        int saved = Parallel.threads();
        try {
            for (int threads : new int[] {1, 4}) {
                Parallel.setThreads(threads);
                Map<String, Parameter> a = Map.of("w", new Parameter(init.copy()));
                AdamW oa = new AdamW(a, new AdamW.Config(0.01, 0.9, 0.99, 1e-8, 0.1, true));
                a.get("w").grad().copyFrom(grads[0]);
                oa.step();
                Map<String, Tensor> state = new LinkedHashMap<>();
                oa.state().forEach((k, v) -> state.put(k, v.copy()));
                Map<String, Parameter> b = Map.of("w", new Parameter(a.get("w").value().copy()));
                AdamW ob = new AdamW(b, new AdamW.Config(0.01, 0.9, 0.99, 1e-8, 0.1, true));
                ob.loadState(state);
                for (int s = 1; s < 3; s++) {
                    a.get("w").grad().copyFrom(grads[s]);
                    b.get("w").grad().copyFrom(grads[s]);
                    oa.step();
                    ob.step();
                }
                assertThat(b.get("w").value().toArray()).containsExactly(a.get("w").value().toArray());
                results[threads == 1 ? 0 : 1] = a.get("w").value().toArray();
            }
        } finally {
            Parallel.setThreads(saved);
        }
        assertThat(results[1]).containsExactly(results[0]);
    }

    @Test
    void configIsValidatedRoundTripsAndHasPyTorchDefaults() throws Exception {
        assertThat(AdamW.Config.defaults(1e-3)).isEqualTo(new AdamW.Config(1e-3, 0.9, 0.999, 1e-8, 1e-2, false));
        assertThatThrownBy(() -> new AdamW.Config(0.001, 1.0, 0.999, 1e-8, 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("AdamW beta1 must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new AdamW.Config(0.001, 0.9, 0.999, 1e-8, -0.1, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AdamW weight_decay");
        ObjectMapper json = new ObjectMapper();
        AdamW.Config c = new AdamW.Config(0.002, 0.8, 0.9, 1e-6, 0.05, true);
        assertThat(json.readValue(json.writeValueAsString(c), AdamW.Config.class)).isEqualTo(c);
    }
}
