package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.graph.Graph;
import org.hanzinet.nn.layers.Add;
import org.hanzinet.nn.layers.Concat;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.ReLU;
import org.junit.jupiter.api.Test;

/**
 * A small graph against PyTorch ({@code make_graph_fixtures.py}, {@code SmallGraph}): conv, ReLU, two
 * branches, cat, 1x1 conv, + the ReLU output, which feeds three consumers. Output, input gradient and every
 * parameter gradient within 1e-4; the parameters load under PyTorch's nested names.
 */
class GraphParityTest {

    @Test
    void convTwoBranchesConcatAddMatchesPyTorch() {
        ParityFixture fx = ParityFixture.load("graph_small");
        Module net = Graph.builder("x")
                .add("stem", new Conv2d(3, 4, 3, 1, 1, true), "x")
                .add("relu", new ReLU(), "stem")
                .add("branch.0", new Sequential(new Conv2d(4, 2, 3, 1, 1, true), new ReLU()), "relu")
                .add("branch.1", new Conv2d(4, 3, 1, 1, 0, true), "relu")
                .add("cat", new Concat(), "branch.0", "branch.1")
                .add("mix", new Conv2d(5, 4, 1, 1, 0, true), "cat")
                .add("sum", new Add(), "mix", "relu")
                .build("sum");
        Map<String, Parameter> params = net.namedParameters();
        assertThat(params.keySet()).containsExactly("stem.weight", "stem.bias", "branch.0.0.weight", "branch.0.0.bias",
                "branch.1.weight", "branch.1.bias", "mix.weight", "mix.bias");
        params.forEach((n, p) -> p.value().copyFrom(fx.tensor(n)));

        Tensor y = net.forward(fx.tensor("input"));
        fx.assertClose("output", y, ParityFixture.TOLERANCE);
        net.zeroGrad();
        fx.assertClose("grad_input", net.backward(fx.tensor("grad_output")), ParityFixture.TOLERANCE);
        params.forEach((n, p) -> fx.assertClose("grad." + n, p.grad(), ParityFixture.TOLERANCE));
    }
}
