package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.examples.report.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reproduce} end to end on a tiny set: four runs, their files, and a top-level table that parses. */
class ReproduceSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void reproduceWritesFourRunsAndAComparisonTableThatMatchesTheirMetrics() throws IOException {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 10, 16, 3);
        CliRunner.Result r = CliRunner.run("reproduce", "--data", data.toString(), "--image-size", "16", "--images", "10",
                "--epochs", "1", "--threads", "1", "--overlays", "1", "--no-unet", "--runs", tmp.resolve("runs").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path top = CliSmokeTest.onlyRunFolder(tmp.resolve("runs"));
        List<String> report = Files.readAllLines(top.resolve("report.md"));
        for (String run : List.of("model1-1d", "model1-2d", "model2-1d", "model2-2d")) {
            Path dir = top.resolve(run);
            for (String f : List.of("config.json", "losses.csv", "loss-curve.png", "checkpoint.safetensors",
                    "metrics.json", "report.md")) {
                assertThat(dir.resolve(f)).as(run + "/" + f).isNotEmptyFile();
            }
            assertThat(dir.resolve("predictions")).isDirectoryContaining("glob:**-overlay.png");
            JsonNode m = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());
            String row = report.stream().filter(l -> l.contains("(" + run + "/report.md)")).findFirst().orElseThrow();
            String[] cells = row.split("\\|");
            assertThat(cells[2].trim()).isEqualTo(run.substring(run.length() - 2));
            assertThat(Double.parseDouble(cells[5].trim())).as(run + " test loss")
                    .isCloseTo(m.get("loss").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
            assertThat(Double.parseDouble(cells[6].trim())).as(run + " pixel accuracy")
                    .isCloseTo(m.get("pixelAccuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(report).anyMatch(l -> l.startsWith("| seed model1 | 1d | 0.0240 |"));
        assertThat(report).anyMatch(l -> l.startsWith("| baseline: constant"));
    }
}
