package org.hanzinet.nn.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hanzinet.nn.LayerConfig;
import org.hanzinet.nn.LayerTypes;
import org.hanzinet.nn.SequentialConfig;
import org.hanzinet.nn.graph.GraphConfig;
import org.junit.jupiter.api.Test;

class LayerConfigJsonTest {
    private final ObjectMapper json = LayerTypes.register(new ObjectMapper());

    /** One instance of every registered config; a type added to LayerTypes without one here fails the test. */
    static List<LayerConfig> everyConfig() {
        LayerConfig block = SequentialConfig.of(new Conv2d.Config(3, 4, 3, 1, 1, false), new ReLU.Config());
        GraphConfig graph = GraphConfig.builder("x")
                .add("down.0", block, "x")
                .add("skip", new Conv2d.Config(3, 4, 1, 1, 0, true), "x")
                .add("cat", new Concat.Config(), "down.0", "skip")
                .add("sum", new Add.Config(), "down.0", "skip")
                .add("out", new Concat.Config(), "cat", "sum")
                .build("out");
        return List.of(new ReLU.Config(), new ReLU.Config(true), new Sigmoid.Config(), new Flatten.Config(),
                new MaxPool2d.Config(3, 2), new Linear.Config(4_145_296, 253, true), new Dropout.Config(0.5f),
                new UpsampleNearest1d.Config(4_194_304), new UpsampleBilinear2d.Config(2048, 1024),
                new Conv2d.Config(3, 128, 5, 1, 2, true), new Unflatten.Config(1, List.of(1, 8, 8)),
                new Add.Config(), new Concat.Config(), block, graph,
                new BatchNorm2d.Config(8, 1e-3, null, false, true), new LeakyReLU.Config(0.2f), new Tanh.Config(),
                new ConvTranspose2d.Config(4, 3, new Size2d(3, 4), new Size2d(2, 3), new Size2d(1, 0), new Size2d(1, 2), true),
                UpsampleNearest2d.Config.scale(2, 1.5));
    }

    @Test
    void everyRegisteredConfigRoundTripsThroughItsTypeName() throws Exception {
        for (LayerConfig c : everyConfig()) {
            String s = json.writerFor(LayerConfig.class).writeValueAsString(c);
            assertThat(json.readValue(s, LayerConfig.class)).as(s).isEqualTo(c);
        }
        assertThat(everyConfig().stream().map(Object::getClass).collect(Collectors.toSet()))
                .containsAll(LayerTypes.all().stream().map(NamedType::getType).collect(Collectors.toList()));
        assertThat(json.writerFor(LayerConfig.class).writeValueAsString(new MaxPool2d.Config(3, 2)))
                .isEqualTo("{\"type\":\"MaxPool2d\",\"kernel\":3,\"stride\":2,\"padding\":0,\"ceilMode\":false}");
        assertThat(json.writerFor(LayerConfig.class).writeValueAsString(new Conv2d.Config(3, 16, 5, 2, 1, false))).isEqualTo(
                "{\"type\":\"Conv2d\",\"inChannels\":3,\"outChannels\":16,\"kernel\":5,\"stride\":2,\"padding\":1,\"bias\":false}");
    }

    /** A layer whose Config is missing from {@link #everyConfig} fails here, so the round trip covers every layer. */
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
        assertThat(declared).as("Config records found in " + classes).hasSizeGreaterThanOrEqualTo(12);
        assertThat(everyConfig().stream().map(c -> c.getClass().getName()).collect(Collectors.toSet()))
                .as("configs round-tripped by everyRegisteredConfigRoundTripsThroughItsTypeName").containsAll(declared);
    }

    @Test
    void invalidJsonIsRejectedByTheCompactConstructor() {
        assertThatThrownBy(() -> json.readValue("{\"type\":\"Dropout\",\"p\":1.0}", LayerConfig.class))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dropout p").hasMessageContaining("1.0");
        assertThatThrownBy(() -> json.readValue("{\"type\":\"Linear\",\"in\":3,\"out\":0,\"bias\":true}", Linear.Config.class))
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out_features");
        assertThatThrownBy(() -> json.readValue("{\"type\":\"Graph\",\"inputs\":[\"x\"],\"nodes\":[{\"name\":\"a\","
                + "\"layer\":{\"type\":\"ReLU\"},\"inputs\":[\"y\"]}],\"output\":\"a\"}", LayerConfig.class))
                .rootCause().hasMessageContaining("node 'a' takes input 'y'");
    }

    @Test
    void layersAreBuiltFromTheirConfig() {
        assertThat(new MaxPool2d(new MaxPool2d.Config(2, 2)).config()).isEqualTo(new MaxPool2d.Config(2, 2));
        assertThat(new Linear(new Linear.Config(3, 2, false), new org.hanzinet.core.Rng(1)).parameterCount()).isEqualTo(6);
        assertThat(new UpsampleNearest1d(new UpsampleNearest1d.Config(9)).config().size()).isEqualTo(9);
    }

    @Test
    void everyConfigsParameterCountIsThatOfTheLayerItBuilds() {
        for (LayerConfig c : everyConfig()) {
            if (c instanceof Linear.Config) {
                continue; // 1 G weights: checked on a small Linear below
            }
            assertThat(c.build(new org.hanzinet.core.Rng(1)).parameterCount()).as(c.toString()).isEqualTo(c.parameterCount());
        }
        assertThat(new Linear.Config(7, 3, true).parameterCount()).isEqualTo(24);
    }

    @Test
    void reluWritesInplaceOnlyWhenSetSoEarlierConfigsReadUnchanged() throws Exception {
        assertThat(json.writerFor(LayerConfig.class).writeValueAsString(new ReLU.Config())).isEqualTo("{\"type\":\"ReLU\"}");
        assertThat(json.writerFor(LayerConfig.class).writeValueAsString(new ReLU.Config(true)))
                .isEqualTo("{\"type\":\"ReLU\",\"inplace\":true}");
        assertThat(json.readValue("{\"type\":\"ReLU\"}", LayerConfig.class)).isEqualTo(new ReLU.Config(false));
    }
}
