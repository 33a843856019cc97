package org.hanzinet.nn.parity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.conv.ConvImpl;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.ConvTranspose2d;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rectangular Conv2d, ConvTranspose2d, MaxPool2d with padding and ceil_mode, bilinear up-sampling with
 * align_corners and scale_factor, and nearest 2-D up-sampling against PyTorch 1.13 (fixtures of
 * {@code make_conv_fixtures.py}): each layer is built from the hanzinet config JSON stored in the fixture,
 * then output, input gradient and parameter gradients are compared within 1e-4; the convolutions once per
 * implementation.
 */
class ConvFamilyParityTest {
    private static final ObjectMapper JSON = LayerTypes.register(new ObjectMapper());

    static final List<String> CONVOLUTIONS = List.of("conv2d_rect_k3x5_s2x1_p1x2", "conv2d_rect_k1x3_s1x2_p0x1",
            "conv2d_rect_k5x2_s3x2_p2x0", "convt_k2_s2", "convt_k3_s2_p1_op1", "convt_k4_s2_p1",
            "convt_rect_k3x4_s2x3_p1x0_op1x2", "convt_k2_s2_16to8_nobias", "convt_k3_s1_p1");

    static final List<String> OTHERS = List.of("maxpool2d_ceil_k3_s2_p1_odd", "maxpool2d_ceil_k2_s2_odd",
            "maxpool2d_ceil_k2_s2_p1_lastdropped", "maxpool2d_ceil_rect_k3x2_s2x1_p1x0",
            "maxpool2d_ceil_k3_s3_p1_negative", "maxpool2d_pad_k3_s2_p1_floor",
            "upsample_bilinear2d_ac_4x5_to_8x10", "upsample_bilinear2d_ac_3x3_to_7x5",
            "upsample_bilinear2d_ac_9x7_to_4x3_down", "upsample_bilinear2d_ac_3x4_to_1x2",
            "upsample_bilinear2d_sf_1p5", "upsample_bilinear2d_sf_1p5_ac", "upsample_bilinear2d_sf_2",
            "upsample_bilinear2d_sf_0p5_down", "upsample_bilinear2d_sf_2p5x0p75", "upsample_bilinear2d_sf_1p7x1p3_ac",
            "upsample_nearest2d_sf_2", "upsample_nearest2d_sf_1p5", "upsample_nearest2d_sf_3x0p5",
            "upsample_nearest2d_sf_1p7", "upsample_nearest2d_size_7x5");

    static List<Arguments> convolutions() {
        List<Arguments> out = new ArrayList<>();
        for (String f : CONVOLUTIONS) {
            for (ConvImpl impl : ConvImpl.values()) {
                out.add(Arguments.of(f, impl));
            }
        }
        return out;
    }

    static List<String> others() {
        return OTHERS;
    }

    static Module build(ParityFixture fx) {
        try {
            LayerConfig c = JSON.treeToValue(fx.config().get("hanzinet"), LayerConfig.class);
            return c.build(new Rng(1));
        } catch (JsonProcessingException e) {
            throw new AssertionError("fixture config " + fx.config(), e);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("convolutions")
    void convolutionsMatchPyTorch(String fixture, ConvImpl impl) {
        ParityFixture fx = ParityFixture.load(fixture);
        Module layer = build(fx);
        if (layer instanceof Conv2d c) {
            c.implementation(impl);
        } else {
            ((ConvTranspose2d) layer).implementation(impl);
        }
        LayerParityTest.checkLayer(fx, layer, ParityFixture.TOLERANCE);
        Object used = layer instanceof Conv2d c ? c.lastImplementation() : ((ConvTranspose2d) layer).lastImplementation();
        assertThat(used).isEqualTo(impl);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("others")
    void poolingAndUpsamplingMatchPyTorch(String fixture) {
        ParityFixture fx = ParityFixture.load(fixture);
        LayerParityTest.checkLayer(fx, build(fx), ParityFixture.TOLERANCE);
    }
}
