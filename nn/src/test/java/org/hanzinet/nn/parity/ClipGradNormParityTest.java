package org.hanzinet.nn.parity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.optim.GradientClipping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * clip_grad_norm_ on three gradients against torch.nn.utils.clip_grad_norm_: the returned total norm and the
 * gradients after clipping (clipped, not clipped because under max_norm, and tiny gradients), parity error
 * <= 1e-4.
 */
class ClipGradNormParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"clip_grad_norm", "clip_grad_norm_noclip", "clip_grad_norm_tiny"})
    void clipMatchesPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (String n : List.of("a", "b", "c")) {
            Tensor g = fx.tensor("grad." + n);
            Parameter p = new Parameter(g.zerosLike());
            p.grad().copyFrom(g);
            params.put(n, p);
        }
        double total = GradientClipping.clipGradNorm(params, fx.config().get("max_norm").asDouble());
        fx.assertClose("total_norm", Tensor.of(new float[] {(float) total}, 1), ParityFixture.TOLERANCE);
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            fx.assertClose("clipped." + e.getKey(), e.getValue().grad(), ParityFixture.TOLERANCE);
        }
    }
}
