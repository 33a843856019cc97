package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LayerConfigJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    /** One of each layer's configuration, with values that differ from one another and from the defaults. */
    private static final List<Record> CONFIGS = List.of(new ReLU.Config(), new Sigmoid.Config(), new Flatten.Config(),
            new MaxPool2d.Config(3, 2), new Linear.Config(4_145_296, 253, true), new Dropout.Config(0.5f),
            new UpsampleNearest1d.Config(4_194_304), new UpsampleBilinear2d.Config(2048, 1024),
            new Conv2d.Config(3, 16, 5, 2, 1, false), new BatchNorm2d.Config(16, 1e-3, 0.05, true, true),
            new LeakyReLU.Config(0.2f), new Tanh.Config());

    @Test
    void everyConfigRoundTrips() throws Exception {
        for (Record c : CONFIGS) {
            String s = json.writeValueAsString(c);
            assertThat(json.readValue(s, c.getClass())).as(s).isEqualTo(c);
        }
        assertThat(json.writeValueAsString(new MaxPool2d.Config(3, 2))).isEqualTo("{\"kernel\":3,\"stride\":2}");
        assertThat(json.writeValueAsString(new Conv2d.Config(3, 16, 5, 2, 1, false))).isEqualTo(
                "{\"inChannels\":3,\"outChannels\":16,\"kernel\":5,\"stride\":2,\"padding\":1,\"bias\":false}");
    }

    /** A layer whose Config is missing from {@link #CONFIGS} fails here, so the round trip covers every layer. */
    @Test
    void everyLayerConfigOfThePackageIsRoundTripped() throws Exception {
        Path classes = Path.of(Conv2d.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Conv2d.class.getPackageName().replace('.', '/'));
        List<String> declared;
        try (Stream<Path> files = Files.list(classes)) {
            declared = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("$Config.class"))
                    .map(n -> Conv2d.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length()))
                    .sorted().toList();
        }
        assertThat(declared).as("Config records found in " + classes).hasSizeGreaterThanOrEqualTo(9);
        assertThat(CONFIGS.stream().map(c -> c.getClass().getName()).sorted().toList())
                .as("configs round-tripped by everyConfigRoundTrips").containsExactlyElementsOf(declared);
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
