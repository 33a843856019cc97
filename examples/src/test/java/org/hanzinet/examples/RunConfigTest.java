package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.report.Json;
import org.junit.jupiter.api.Test;

/** Model, head and optimiser are enums in {@link RunConfig}, spelled in config.json as the strings they used to be. */
class RunConfigTest {

    @Test
    void aConfigJsonWrittenWhenTheyWereStringsStillLoads() throws Exception {
        RunConfig cfg;
        try (InputStream in = RunConfigTest.class.getResourceAsStream("/config/model2-2d-before-enums.json")) {
            cfg = Json.MAPPER.readValue(in, RunConfig.class);
        }
        assertThat(cfg.model()).isEqualTo(ModelKind.MODEL2);
        assertThat(cfg.head()).isEqualTo(Head.GRID_2D);
        assertThat(cfg.optimizer()).isEqualTo(OptimizerKind.ADAM);
        assertThat(cfg.runName()).isEqualTo("model2-2d");
    }

    @Test
    void writtenAsTheCommandLineNamesAndReadBackEqual() throws Exception {
        RunConfig cfg = new RunConfig(ModelKind.MODEL1, Head.GRID_2D, "default", "/d", 64, 12, 2, 5, OptimizerKind.SGD,
                0.005, 0.9, 0.9, 0.999, 1e-8, 0, 0.7, 0.1, 7, 1);
        String json = Json.toString(cfg);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertThat(tree.get("model").asText()).isEqualTo("model1");
        assertThat(tree.get("head").asText()).isEqualTo("2d");
        assertThat(tree.get("optimizer").asText()).isEqualTo("sgd");
        assertThat(tree.has("modelKind")).isFalse();
        assertThat(Json.MAPPER.readValue(json, RunConfig.class)).isEqualTo(cfg);
    }

    @Test
    void aBadNameInConfigJsonIsRefusedWithTheAcceptedValues() {
        String json = "{\"model\":\"model3\",\"head\":\"1d\",\"profile\":\"default\",\"data\":\"d\",\"imageSize\":64,"
                + "\"images\":1,\"epochs\":1,\"batchSize\":1,\"optimizer\":\"sgd\",\"lr\":0.1,\"trainFraction\":0.7,"
                + "\"valFraction\":0.1,\"seed\":1,\"threads\":1}";
        assertThatThrownBy(() -> Json.MAPPER.readValue(json, RunConfig.class))
                .hasMessageContaining("unknown model 'model3': expected model1 or model2 (or 1, 2)");
        assertThatThrownBy(() -> Json.MAPPER.readValue(json.replace("model3", "model1").replace("\"sgd\"", "\"rmsprop\""),
                RunConfig.class)).hasMessageContaining("unknown optimizer 'rmsprop': expected sgd or adam");
    }

    @Test
    void modelParseAcceptsNamesAndNumbersOnly() {
        assertThat(ModelKind.parse("model1")).isEqualTo(ModelKind.MODEL1);
        assertThat(ModelKind.parse("MODEL2")).isEqualTo(ModelKind.MODEL2);
        assertThat(ModelKind.parse("2")).isEqualTo(ModelKind.MODEL2);
        for (String bad : new String[] {"", "odel1", "l2", "model", "12"}) {
            assertThatThrownBy(() -> ModelKind.parse(bad)).as("'" + bad + "'")
                    .hasMessage("unknown model '" + bad + "': expected model1 or model2 (or 1, 2)");
        }
    }

    @Test
    void optimizerParseAndDefaults() {
        assertThat(OptimizerKind.parse("Adam")).isEqualTo(OptimizerKind.ADAM);
        assertThat(ModelKind.MODEL1.defaultOptimizer()).isEqualTo(OptimizerKind.SGD);
        assertThat(ModelKind.MODEL2.defaultOptimizer()).isEqualTo(OptimizerKind.ADAM);
        assertThatThrownBy(() -> OptimizerKind.parse("")).hasMessage("unknown optimizer '': expected sgd or adam");
    }
}
