package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.optim.AdamW;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Five or six steps of AdamW against torch.optim.AdamW (weight decay, PyTorch's defaults, amsgrad) on the
 * same parameters and given gradients: the parameters after every step and the whole state after the last,
 * parity error <= 1e-4.
 */
class AdamWParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adamw", "adamw_defaults", "adamw_amsgrad"})
    void stepsMatchPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        JsonNode c = fx.config();
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (String n : List.of("w", "b")) {
            params.put(n, new Parameter(fx.tensor("param.0." + n)));
        }
        AdamW opt = new AdamW(params, new AdamW.Config(c.get("lr").asDouble(), c.get("beta1").asDouble(),
                c.get("beta2").asDouble(), c.get("eps").asDouble(), c.get("weight_decay").asDouble(),
                c.get("amsgrad").asBoolean()));
        int steps = c.get("steps").asInt();
        for (int step = 1; step <= steps; step++) {
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                e.getValue().grad().copyFrom(fx.tensor("grad." + step + "." + e.getKey()));
            }
            opt.step();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                fx.assertClose("param." + step + "." + e.getKey(), e.getValue().value(), ParityFixture.TOLERANCE);
            }
        }
        Map<String, Tensor> state = opt.state();
        List<String> keys = c.get("amsgrad").asBoolean() ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq")
                : List.of("exp_avg", "exp_avg_sq");
        assertThat(state).hasSize(1 + keys.size() * params.size());
        for (String n : params.keySet()) {
            fx.assertClose("state." + n + ".step", state.get("step"), ParityFixture.TOLERANCE);
            for (String k : keys) {
                fx.assertClose("state." + n + "." + k, state.get(n + "." + k), ParityFixture.TOLERANCE);
            }
        }
    }
}
