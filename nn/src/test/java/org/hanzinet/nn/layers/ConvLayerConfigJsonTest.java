package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.LayerTypes;
import org.junit.jupiter.api.Test;

/**
 * JSON of the convolution, pooling and up-sampling configs: round trips through {@link LayerConfig} with
 * the registered type names, the square and size-only forms of earlier versions still read, shapes and
 * parameter counts, and one-line errors naming the bad value.
 */
class ConvLayerConfigJsonTest {
    private final ObjectMapper json = LayerTypes.register(new ObjectMapper());

    @Test
    void everyConfigRoundTripsAsALayerConfig() throws Exception {
        List<LayerConfig> configs = List.of(new Conv2d.Config(3, 8, 5, 1, 2, true),
                new Conv2d.Config(3, 8, new Size2d(3, 5), new Size2d(2, 1), new Size2d(1, 2), false),
                new ConvTranspose2d.Config(64, 32, 2, 2, 0, 0, true),
                new ConvTranspose2d.Config(4, 3, new Size2d(3, 4), new Size2d(2, 3), new Size2d(1, 0),
                        new Size2d(1, 2), false),
                new MaxPool2d.Config(new Size2d(3, 2), new Size2d(2, 1), new Size2d(1, 0), true),
                UpsampleBilinear2d.Config.size(7, 5, true), UpsampleBilinear2d.Config.scale(1.5, 0.5, false),
                UpsampleNearest2d.Config.scale(2, 3), UpsampleNearest2d.Config.size(9, 4));
        for (LayerConfig c : configs) {
            String s = json.writeValueAsString(c);
            assertThat(json.readValue(s, LayerConfig.class)).as(s).isEqualTo(c);
        }
    }

    @Test
    void earlierFormsStillRead() throws Exception {
        assertThat(json.readValue("{\"type\":\"MaxPool2d\",\"kernel\":3,\"stride\":2}", LayerConfig.class))
                .isEqualTo(new MaxPool2d.Config(3, 2));
        // PyTorch's default stride is the kernel
        assertThat(json.readValue("{\"type\":\"MaxPool2d\",\"kernel\":[3,2]}", LayerConfig.class))
                .isEqualTo(new MaxPool2d.Config(new Size2d(3, 2), new Size2d(3, 2), Size2d.square(0), false));
        // PyTorch's defaults: stride 1, padding 0 (and output padding 0)
        assertThat(json.readValue("{\"type\":\"Conv2d\",\"inChannels\":3,\"outChannels\":4,\"kernel\":[1,3],"
                + "\"bias\":true}", LayerConfig.class)).isEqualTo(new Conv2d.Config(3, 4, new Size2d(1, 3),
                        Size2d.square(1), Size2d.square(0), true));
        assertThat(json.readValue("{\"type\":\"ConvTranspose2d\",\"inChannels\":3,\"outChannels\":4,\"kernel\":2,"
                + "\"bias\":false}", LayerConfig.class)).isEqualTo(new ConvTranspose2d.Config(3, 4, 2, 1, 0, 0, false));
        assertThat(json.readValue("{\"type\":\"UpsampleBilinear2d\",\"outH\":20,\"outW\":10}", LayerConfig.class))
                .isEqualTo(new UpsampleBilinear2d.Config(20, 10));
        assertThat(json.writeValueAsString(UpsampleBilinear2d.Config.scale(2, 2, true)))
                .isEqualTo("{\"type\":\"UpsampleBilinear2d\",\"scaleH\":2.0,\"scaleW\":2.0,\"alignCorners\":true}");
        assertThat(json.writeValueAsString(new ConvTranspose2d.Config(64, 32, 2, 2, 0, 0, true))).isEqualTo(
                "{\"type\":\"ConvTranspose2d\",\"inChannels\":64,\"outChannels\":32,\"kernel\":2,\"stride\":2,"
                        + "\"padding\":0,\"outputPadding\":0,\"bias\":true}");
    }

    @Test
    void shapesAndParameterCounts() {
        assertThat(new MaxPool2d.Config(new Size2d(3, 3), new Size2d(2, 2), new Size2d(1, 1), true)
                .outputShape(new int[] {2, 3, 6, 7})).containsExactly(2, 3, 4, 4);
        assertThat(new MaxPool2d.Config(new Size2d(2, 2), new Size2d(2, 2), Size2d.square(0), true)
                .outputShape(new int[] {1, 1, 5, 4})).containsExactly(1, 1, 3, 2);
        ConvTranspose2d.Config up = new ConvTranspose2d.Config(64, 32, 2, 2, 0, 0, true);
        assertThat(up.outputShape(new int[] {8, 64, 32, 32})).containsExactly(8, 32, 64, 64);
        assertThat(up.parameterCount()).isEqualTo(64 * 32 * 4 + 32);
        assertThat(up.build(new Rng(1)).parameterCount()).isEqualTo(up.parameterCount());
        assertThat(new ConvTranspose2d.Config(3, 2, 3, 2, 1, 1, false).outputShape(new int[] {1, 3, 5, 4}))
                .containsExactly(1, 2, 10, 8);
        assertThat(UpsampleBilinear2d.Config.scale(1.5, 0.5, false).outputShape(new int[] {1, 2, 5, 7}))
                .containsExactly(1, 2, 7, 3);
        assertThat(UpsampleNearest2d.Config.scale(2, 3).outputShape(new int[] {1, 2, 5, 7}))
                .containsExactly(1, 2, 10, 21);
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> new ConvTranspose2d.Config(3, 2, 3, 2, 1, 2, true))
                .hasMessageContaining("outputPadding (2, 2) must be smaller than the stride (2, 2)");
        assertThatThrownBy(() -> new MaxPool2d.Config(new Size2d(3, 3), Size2d.square(1), new Size2d(2, 1), false))
                .hasMessageContaining("padding (2, 1) must be at most half the kernel (3, 3)");
        assertThatThrownBy(() -> new UpsampleBilinear2d.Config(4, 4, 2.0, 2.0, false))
                .hasMessageContaining("either outH and outW or scaleH and scaleW");
        assertThatThrownBy(() -> UpsampleNearest2d.Config.scale(0, 2)).hasMessageContaining("got 0.0 and 2.0");
        assertThatThrownBy(() -> UpsampleBilinear2d.Config.scale(0.1, 1, false).outputShape(new int[] {1, 1, 5, 5}))
                .hasMessageContaining("empty output 0x5").hasMessageContaining("[1, 1, 5, 5]");
        assertThatThrownBy(() -> new ConvTranspose2d.Config(3, 2, 1, 1, 1, 0, true).outputShape(new int[] {1, 3, 1, 4}))
                .hasMessageContaining("[1, 3, 1, 4]").hasMessageContaining("empty output -1x2");
        assertThatThrownBy(() -> json.readValue("{\"type\":\"Conv2d\",\"inChannels\":3,\"outChannels\":3,"
                + "\"kernel\":[1,2,3],\"stride\":1,\"padding\":0,\"bias\":true}", LayerConfig.class))
                .hasMessageContaining("[1,2,3]");
    }
}
