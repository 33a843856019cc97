package org.hanzinet.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hanzinet.nn.optim.SGDTest.GRADS;
import static org.hanzinet.nn.optim.SGDTest.params;
import static org.hanzinet.nn.optim.SGDTest.setGrad;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.testing.HanzinetTestBase;
import org.hanzinet.core.testing.TensorAssert;
import org.hanzinet.nn.Parameter;
import org.junit.jupiter.api.Test;

class AdamTest extends HanzinetTestBase {

    @Test
    void firstStepMovesEachWeightByAboutLrAgainstTheGradientSign() {
        // Step 1: m = (1-b1) g, v = (1-b2) g^2; with the bias corrections m^ = g and sqrt(v^) = |g|, so
        // p -= lr * g / (|g| + eps).
        Map<String, Parameter> ps = params(1f, -1f, 0f);
        Adam adam = new Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0);
        setGrad(ps, 0.5f, -3f, 1e-3f);
        adam.step();
        float[] p = ps.get("w").value().toArray();
        assertThat((double) p[0]).isCloseTo(1 - 0.01 * 0.5 / (0.5 + 1e-8), within(1e-6));
        assertThat((double) p[1]).isCloseTo(-1 + 0.01 * 3 / (3 + 1e-8), within(1e-6));
        assertThat((double) p[2]).isCloseTo(-0.01 * 1e-3 / (1e-3 + 1e-8), within(1e-6));
        assertThat(adam.state().keySet()).containsExactly("step", "w.exp_avg", "w.exp_avg_sq");
        assertThat((double) adam.state().get("w.exp_avg").getFlat(1)).isCloseTo(0.1 * -3, within(1e-7));
        assertThat((double) adam.state().get("w.exp_avg_sq").getFlat(1)).isCloseTo(0.001 * 9, within(1e-8));
    }

    @Test
    void weightDecayAndBiasCorrectionMatchPyTorchOverThreeSteps() {
        // torch: p = Parameter(tensor([.5, -1., 2.])); o = Adam([p], lr=.01, betas=(.8, .95), eps=1e-6,
        // weight_decay=.1); three steps with the gradients GRADS.
        Map<String, Parameter> ps = params(0.5f, -1f, 2f);
        Adam adam = new Adam(ps, 0.01, 0.8, 0.95, 1e-6, 0.1);
        for (float[] g : GRADS) {
            setGrad(ps, g);
            adam.step();
        }
        TensorAssert.assertClose(ps.get("w").value(), Tensor.of(new float[] {0.482119203f, -0.991968572f, 1.98625302f}, 3),
                0, 1e-6);
        TensorAssert.assertClose(adam.state().get("w.exp_avg"),
                Tensor.of(new float[] {-0.015352441f, 0.00993744377f, 0.0796402469f}, 3), 0, 1e-5);
        TensorAssert.assertClose(adam.state().get("w.exp_avg_sq"),
                Tensor.of(new float[] {0.00465510786f, 0.00836483669f, 0.0268793982f}, 3), 0, 1e-5);
        assertThat(adam.state().get("step").getFlat(0)).isEqualTo(3f);
    }

    @Test
    void stateRoundTripContinuesTheSameTrajectory() {
        Map<String, Parameter> a = params(0.5f, -1f, 2f);
        Adam oa = new Adam(a, Adam.Config.defaults(0.01));
        for (int s = 0; s < 2; s++) {
            setGrad(a, GRADS[s]);
            oa.step();
        }
        Map<String, Tensor> saved = new LinkedHashMap<>();
        oa.state().forEach((k, v) -> saved.put(k, v.copy()));
        Map<String, Parameter> b = params(a.get("w").value().toArray());
        Adam ob = new Adam(b, Adam.Config.defaults(0.01));
        ob.loadState(saved);
        setGrad(a, GRADS[2]);
        setGrad(b, GRADS[2]);
        oa.step();
        ob.step();
        assertThat(b.get("w").value().toArray()).containsExactly(a.get("w").value().toArray());
        assertThatThrownBy(() -> ob.loadState(Map.of("step", Tensor.of(new float[] {2f}, 1), "w.exp_avg", Tensor.zeros(3))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing 'w.exp_avg_sq'");
        assertThatThrownBy(() -> ob.loadState(Map.of("step", Tensor.zeros(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 element").hasMessageContaining("[2]");
    }

    @Test
    void configIsValidatedAndRoundTrips() throws Exception {
        assertThatThrownBy(() -> new Adam.Config(0.001, 1.0, 0.999, 1e-8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta1").hasMessageContaining("1.0");
        assertThatThrownBy(() -> new Adam.Config(0.001, 0.9, -0.5, 1e-8, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta2");
        assertThatThrownBy(() -> new Adam.Config(0.001, 0.9, 0.999, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eps");
        assertThatThrownBy(() -> new Adam.Config(0.001, 0.9, 0.999, 1e-8, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight_decay");
        ObjectMapper json = new ObjectMapper();
        Adam.Config c = new Adam.Config(0.001, 0.9, 0.999, 1e-8, 0.01);
        assertThat(json.readValue(json.writeValueAsString(c), Adam.Config.class)).isEqualTo(c);
    }
}
