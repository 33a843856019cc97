package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.optim.Adam;
import org.hanzinet.nn.optim.Optimizer;
import org.hanzinet.nn.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Three steps of SGD and Adam against torch.optim on the same parameters and given gradients: the
 * parameters after every step and the state after the third, parity error <= 1e-4.
 */
class OptimizerParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd_plain", "sgd_momentum", "sgd_momentum_wd", "sgd_nesterov", "sgd_nesterov_wd",
        "adam", "adam_wd", "adam_betas_eps"})
    void threeStepsMatchPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (String n : List.of("w", "b")) {
            params.put(n, new Parameter(fx.tensor("param.0." + n)));
        }
        Optimizer opt = build(fx.config(), params);
        for (int step = 1; step <= 3; step++) {
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                e.getValue().grad().copyFrom(fx.tensor("grad." + step + "." + e.getKey()));
            }
            opt.step();
            for (Map.Entry<String, Parameter> e : params.entrySet()) {
                fx.assertClose("param." + step + "." + e.getKey(), e.getValue().value(), ParityFixture.TOLERANCE);
            }
        }
        Map<String, org.hanzinet.core.Tensor> state = opt.state();
        int compared = 0;
        for (String n : params.keySet()) {
            for (String k : List.of("momentum_buffer", "exp_avg", "exp_avg_sq", "step")) {
                String expected = "state." + n + "." + k;
                if (fx.hasExpected(expected)) {
                    String key = k.equals("step") ? "step" : n + "." + k;
                    assertThat(state).as("%s state", fixture).containsKey(key);
                    fx.assertClose(expected, state.get(key), ParityFixture.TOLERANCE);
                    compared++;
                }
            }
        }
        assertThat(compared).as("state tensors compared").isEqualTo(fixture.equals("sgd_plain") ? 0
                : fixture.startsWith("sgd") ? 2 : 6);
    }

    static Optimizer build(JsonNode c, Map<String, Parameter> params) {
        return switch (c.get("optimizer").asText()) {
            case "SGD" -> new SGD(params, c.get("lr").asDouble(), c.get("momentum").asDouble(),
                    c.get("weight_decay").asDouble(), c.get("nesterov").asBoolean());
            case "Adam" -> new Adam(params, c.get("lr").asDouble(), c.get("beta1").asDouble(), c.get("beta2").asDouble(),
                    c.get("eps").asDouble(), c.get("weight_decay").asDouble());
            default -> throw new IllegalArgumentException("no optimiser for " + c);
        };
    }
}
