package org.hanzinet.nn.parity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.conv.ConvAlgorithm;
import org.hanzinet.core.conv.ConvGeometry;
import org.hanzinet.core.conv.ConvImpl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each of core's three convolution implementations (scalar, im2col + GEMM, direct Vector API) against
 * PyTorch's Conv2d on every conv fixture: output, input gradient, weight and bias gradients, parity
 * error <= 1e-4 (the error is relative to the tensor's largest magnitude, so the long reductions of
 * the 128 -> 64 layer, 3,200 products per output, stay well inside it).
 */
class ConvKernelParityTest {
    static final List<String> FIXTURES = List.of("conv2d_k3_s1_p1", "conv2d_k3_s2_p0", "conv2d_k5_s2_p2_1ch",
            "conv2d_k1_1ch", "conv2d_k3_p2_nobias", "conv2d_k4_s2_p1_even", "conv2d_k5_p0_1x1out",
            "conv2d_k3_s2_p1_odd", "conv2d_m1_conv1", "conv2d_m1_conv2", "conv2d_m2_conv1", "conv2d_m2_conv2",
            "conv2d_m2_conv3", "conv2d_m2_conv4");

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String f : FIXTURES) {
            for (ConvImpl impl : ConvImpl.values()) {
                out.add(Arguments.of(f, impl));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesPyTorch(String fixture, ConvImpl impl) {
        ParityFixture fx = ParityFixture.load(fixture);
        Tensor x = fx.tensor("input");
        ConvGeometry g = geometry(fx.config(), x.shape());
        Tensor w = fx.tensor("weight");
        Tensor b = fx.has("bias") ? fx.tensor("bias") : null;
        ConvAlgorithm conv = impl.create();

        Tensor y = conv.forward(g, x, w, b, Tensor.zeros(g.outputShape()));
        fx.assertClose("output", y, ParityFixture.TOLERANCE);
        Tensor dy = fx.tensor("grad_output");
        fx.assertClose("grad_input", conv.backwardInput(g, dy, w, Tensor.zeros(g.inputShape())), ParityFixture.TOLERANCE);
        Tensor dw = Tensor.zeros(g.weightShape());
        Tensor db = b == null ? null : Tensor.zeros(g.outChannels());
        conv.backwardWeight(g, x, dy, dw, db);
        fx.assertClose("grad_weight", dw, ParityFixture.TOLERANCE);
        if (db != null) {
            fx.assertClose("grad_bias", db, ParityFixture.TOLERANCE);
        }
    }

    static ConvGeometry geometry(JsonNode c, int[] inputShape) {
        return new ConvGeometry(inputShape[0], c.get("in_channels").asInt(), inputShape[2], inputShape[3],
                c.get("out_channels").asInt(), c.get("kernel").asInt(), c.get("stride").asInt(), c.get("padding").asInt());
    }
}
