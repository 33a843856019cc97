package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hanzinet.examples.config.ModelKind;
import org.hanzinet.examples.config.OptimizerKind;
import org.hanzinet.examples.config.RunConfig;
import org.hanzinet.examples.model.Head;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.train.Architecture;
import org.hanzinet.examples.train.RunCheckpoint;
import org.hanzinet.nn.checkpoint.Provenance;
import org.junit.jupiter.api.Test;

/** The architecture record and its comparison, without training. */
class ArchitectureTest {
    private static final Path FILE = Path.of("runs/r/checkpoint.safetensors");

    private static RunConfig cfg(String model, String head, int size) {
        return new RunConfig(ModelKind.parse(model), Head.parse(head), "default", "d", size, 0, 2, 2, OptimizerKind.SGD, 0.005, 0.9, 0.9, 0.999, 1e-8, 0, 0.7,
                0.1, 1, 1);
    }

    @Test
    void theRecordRoundTripsThroughItsMetadataKey() throws IOException {
        Architecture a = Architecture.of(cfg("model2", "2d", 64));
        assertThat(a.toJson()).isEqualTo("{\"model\":\"model2\",\"head\":\"2d\",\"imageSize\":64}");
        assertThat(Architecture.recorded(Map.of(Architecture.KEY, a.toJson()), FILE)).isEqualTo(a);
    }

    @Test
    void checkpointsWrittenBeforeTheRecordFallBackToTheirStoredRunConfiguration() throws IOException {
        String state = Json.toString(new RunCheckpoint.State(cfg("model1", "2d", 32), 1, List.of()));
        assertThat(Architecture.recorded(Map.of(Provenance.CONFIG, state), FILE))
                .isEqualTo(new Architecture("model1", "2d", 32));
        assertThatThrownBy(() -> Architecture.recorded(Map.of(), FILE)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a hanzinet training checkpoint");
        assertThatThrownBy(() -> Architecture.recorded(Map.of(Architecture.KEY, "{\"model\":"), FILE))
                .isInstanceOf(IOException.class).hasMessageContaining("unreadable " + Architecture.KEY);
    }

    @Test
    void aMismatchNamesEveryDifferingFieldAndBothArchitectures() {
        Architecture a = new Architecture("model1", "2d", 256);
        assertThat(Architecture.mismatch(a, new Architecture("model1", "2d", 256))).isNull();
        assertThat(Architecture.mismatch(a, new Architecture("model1", "1d", 256))).isEqualTo("head");
        assertThat(Architecture.mismatch(a, new Architecture("model2", "1d", 128))).isEqualTo("model, head, image size");
        assertThatThrownBy(() -> Architecture.requireSame(FILE, a, Path.of("runs/r/config.json"),
                new Architecture("model1", "2d", 128))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(FILE + " was trained as model1 2d head, 256 x 256 px but " + Path.of("runs/r/config.json")
                        + " describes model1 2d head, 128 x 128 px (different image size): use the checkpoint's own run "
                        + "folder, or train this configuration");
    }
}
