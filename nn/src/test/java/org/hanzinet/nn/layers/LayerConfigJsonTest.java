package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.hanzinet.nn.LayerTypes;
import org.junit.jupiter.api.Test;

class LayerConfigJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyConfigRoundTrips() throws Exception {
        List<Record> configs = List.of(new ReLU.Config(), new Sigmoid.Config(), new Flatten.Config(),
                new MaxPool2d.Config(3, 2), new Linear.Config(4_145_296, 253, true), new Dropout.Config(0.5f),
                new UpsampleNearest1d.Config(4_194_304), new UpsampleBilinear2d.Config(2048, 1024));
        for (Record c : configs) {
            String s = json.writeValueAsString(c);
            assertThat(json.readValue(s, c.getClass())).as(s).isEqualTo(c);
        }
        assertThat(LayerTypes.register(new ObjectMapper()).writeValueAsString(new MaxPool2d.Config(3, 2)))
                .isEqualTo("{\"type\":\"MaxPool2d\",\"kernel\":3,\"stride\":2,\"padding\":0,\"ceilMode\":false}");
    }

    @Test
    void invalidJsonIsRejectedByTheCompactConstructor() {
        assertThatThrownBy(() -> json.readValue("{\"p\":1.0}", Dropout.Config.class))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dropout p").hasMessageContaining("1.0");
        assertThatThrownBy(() -> json.readValue("{\"in\":3,\"out\":0,\"bias\":true}", Linear.Config.class))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out_features");
    }

    @Test
    void layersAreBuiltFromTheirConfig() {
        assertThat(new MaxPool2d(new MaxPool2d.Config(2, 2)).config()).isEqualTo(new MaxPool2d.Config(2, 2));
        assertThat(new Linear(new Linear.Config(3, 2, false), new org.hanzinet.core.Rng(1)).parameterCount()).isEqualTo(6);
        assertThat(new UpsampleNearest1d(new UpsampleNearest1d.Config(9)).config().size()).isEqualTo(9);
    }
}
