package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Parameter;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;
import org.hanzinet.nn.layers.UpsampleBilinear2d;
import org.hanzinet.nn.layers.UpsampleNearest1d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forward output, input gradient and parameter gradients of each layer against PyTorch 1.13 on the
 * fixture's weights, input and upstream gradient, with the parity error of {@link ParityFixture}
 * at most 1e-4. Conv2d runs with the implementation it picks itself; {@link ConvKernelParityTest}
 * checks each of the three implementations.
 */
class LayerParityTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"relu", "sigmoid", "flatten",
        "maxpool2d_k2_s2", "maxpool2d_k2_s2_odd", "maxpool2d_k2_s2_ties", "maxpool2d_k3_s2",
        "maxpool2d_k2_s1_overlap_ties", "maxpool2d_k2_s2_relu_zeros",
        "linear_5_3", "linear_1_1", "linear_13_7_nobias", "linear_m1_fc2", "linear_m1_fc3",
        "upsample_nearest1d_64_to_16384", "upsample_nearest1d_20_to_16384", "upsample_nearest1d_7_to_10",
        "upsample_nearest1d_3_to_17", "upsample_nearest1d_10_to_4_down", "upsample_nearest1d_13_to_1000",
        "upsample_nearest1d_5_to_5",
        "upsample_bilinear2d_4x5_to_8x10", "upsample_bilinear2d_3x3_to_7x5", "upsample_bilinear2d_9x7_to_4x3_down",
        "upsample_bilinear2d_8x8_to_128x128", "upsample_bilinear2d_1x1_to_3x2",
        "conv2d_k3_s1_p1", "conv2d_k3_s2_p0", "conv2d_k5_s2_p2_1ch", "conv2d_k1_1ch", "conv2d_k3_p2_nobias",
        "conv2d_k4_s2_p1_even", "conv2d_k5_p0_1x1out", "conv2d_k3_s2_p1_odd", "conv2d_m1_conv1", "conv2d_m1_conv2",
        "conv2d_m2_conv1", "conv2d_m2_conv2", "conv2d_m2_conv3", "conv2d_m2_conv4"})
    void matchesPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        checkLayer(fx, build(fx.config()), ParityFixture.TOLERANCE);
    }

    /** Loads the fixture's weights into {@code layer}, runs forward and backward, compares everything. */
    static void checkLayer(ParityFixture fx, Module layer, double tol) {
        Map<String, Parameter> params = layer.namedParameters();
        params.forEach((n, p) -> p.value().copyFrom(fx.tensor(n)));
        layer.zeroGrad();
        Tensor out = layer.forward(fx.tensor("input"));
        fx.assertClose("output", out, tol);
        Tensor gradIn = layer.backward(fx.tensor("grad_output"));
        fx.assertClose("grad_input", gradIn, tol);
        params.forEach((n, p) -> fx.assertClose("grad_" + n, p.grad(), tol));
        assertThat(params.keySet()).allSatisfy(n -> assertThat(fx.has(n)).as("fixture weight %s", n).isTrue());
    }

    static Module build(JsonNode c) {
        Rng rng = new Rng(1);
        return switch (c.get("layer").asText()) {
            case "Conv2d" -> new Conv2d(c.get("in_channels").asInt(), c.get("out_channels").asInt(),
                    c.get("kernel").asInt(), c.get("stride").asInt(), c.get("padding").asInt(), c.get("bias").asBoolean(), rng);
            case "ReLU" -> new ReLU();
            case "Sigmoid" -> new Sigmoid();
            case "Flatten" -> new Flatten();
            case "MaxPool2d" -> new MaxPool2d(c.get("kernel").asInt(), c.get("stride").asInt());
            case "Linear" -> new Linear(c.get("in_features").asInt(), c.get("out_features").asInt(),
                    c.get("bias").asBoolean(), rng);
            case "UpsampleNearest1d" -> new UpsampleNearest1d(c.get("size").asInt());
            case "UpsampleBilinear2d" -> new UpsampleBilinear2d(c.get("out_h").asInt(), c.get("out_w").asInt());
            default -> throw new IllegalArgumentException("no layer for fixture config " + c);
        };
    }
}
