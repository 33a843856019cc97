package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.LossCsv;
import org.hanzinet.examples.train.EpochRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train / evaluate / predict / generate end to end on a tiny synthetic set (32 x 32, a dozen images). */
class CliSmokeTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;
    static CliRunner.Result trained;

    @BeforeAll
    static void trainOnce() throws IOException {
        System.setProperty("java.awt.headless", "true");
        data = TinyCtw.write(tmp.resolve("ctw"), 12, 32, 7);
        trained = CliRunner.run("train", "--model", "model1", "--data", data.toString(), "--image-size", "32",
                "--images", "12", "--epochs", "4", "--batch-size", "2", "--lr", "0.5", "--threads", "1",
                "--runs", tmp.resolve("runs").toString());
        run = onlyRunFolder(tmp.resolve("runs"));
    }

    static Path onlyRunFolder(Path runs) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> dirs = s.toList();
            assertThat(dirs).hasSize(1);
            return dirs.get(0);
        }
    }

    @Test
    void trainWritesTheRunFolderAndTheLossFalls() throws IOException {
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        assertThat(trained.out()).contains("Epoch [1/4], Loss: ").contains("Epoch [4/4], Loss: ");
        for (String f : List.of("config.json", "losses.csv", "loss-curve.png", "checkpoint.safetensors", "report.md")) {
            assertThat(run.resolve(f)).isNotEmptyFile();
        }
        List<EpochRecord> losses = LossCsv.read(run.resolve("losses.csv"));
        assertThat(losses).hasSize(4);
        assertThat(losses.get(3).trainLoss()).isLessThan(losses.get(0).trainLoss() * 0.9);
        assertThat(losses.get(3).valLoss()).isFinite();
        JsonNode cfg = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertThat(cfg.get("imageSize").asInt()).isEqualTo(32);
        assertThat(cfg.get("optimizer").asText()).isEqualTo("sgd");
        assertThat(cfg.get("momentum").asDouble()).isEqualTo(0.9);
    }

    @Test
    void evaluateWritesMetricsOverlaysAndAParsableReport() throws IOException {
        CliRunner.Result r = CliRunner.run("evaluate", "--run", run.toString(), "--overlays", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode m = Json.MAPPER.readTree(run.resolve("metrics.json").toFile());
        // 12 images: 8 train, 1 validation, 3 test.
        assertThat(m.get("images").asInt()).isEqualTo(3);
        double acc = m.get("pixelAccuracy").asDouble();
        assertThat(acc).isBetween(0.0, 1.0);
        long counted = m.get("truePositives").asLong() + m.get("falsePositives").asLong()
                + m.get("falseNegatives").asLong() + m.get("trueNegatives").asLong();
        assertThat(m.get("pixels").asLong()).isEqualTo(counted);
        // Image 9 (index 9 % 3 == 0) has a 4 x 4 ignore region: fewer counted pixels than 3 * 32 * 32.
        assertThat(counted).isEqualTo(3 * 32 * 32 - 16);
        assertThat(run.resolve("overlays")).isDirectoryContaining("glob:**.png");
        List<String> report = Files.readAllLines(run.resolve("report.md"));
        String accRow = report.stream().filter(l -> l.startsWith("| pixel accuracy |")).findFirst().orElseThrow();
        String[] cells = accRow.split("\\|");
        assertThat(Double.parseDouble(cells[2].trim())).isCloseTo(acc, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(report).anyMatch(l -> l.startsWith("| seed's \"accuracy\" formula |") && l.endsWith("| 0.33 |"));
        assertThat(report).anyMatch(l -> l.startsWith("| 4 |"));
    }

    @Test
    void predictWritesProbabilityMaskAndOverlayForEachPhoto() throws IOException {
        Path out = tmp.resolve("pred");
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", data.resolve("0000001.png").toString(),
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String f : List.of("0000001.png-probability.png", "0000001.png-mask.png", "0000001.png-overlay.png")) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
    }

    @Test
    void badPathsEmptySetsAndEmptyTestSplitsGiveClearMessages() throws IOException {
        CliRunner.Result missing = CliRunner.run("train", "--data", tmp.resolve("nope").toString(), "--runs",
                tmp.resolve("r2").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("error: --data: no such file or folder").contains("nope");

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("train.jsonl"), "");
        CliRunner.Result none = CliRunner.run("train", "--data", empty.toString(), "--runs", tmp.resolve("r3").toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("no images in").contains("train.jsonl");

        // Test = n - floor(0.7 n) - floor(0.1 n) is never 0; one image leaves no training image.
        CliRunner.Result tooFew = CliRunner.run("train", "--data", data.toString(), "--images", "1", "--image-size", "32",
                "--runs", tmp.resolve("r4").toString());
        assertThat(tooFew.exitCode()).isEqualTo(1);
        assertThat(tooFew.err()).contains("1 images give 0 training and 1 test images").contains("need at least one");

        CliRunner.Result noRun = CliRunner.run("evaluate", "--run", tmp.resolve("ctw").toString());
        assertThat(noRun.exitCode()).isEqualTo(1);
        assertThat(noRun.err()).contains("not a run folder (no config.json)");
    }

    @Test
    void theSeedProfileFailsAtOnceWithTheHeapItNeedsBeforeGeneratingData() {
        Path cache = tmp.resolve("cache");
        CliRunner.Result r = CliRunner.run("train", "--profile", "seed", "--cache-dir", cache.toString(), "--runs",
                tmp.resolve("r5").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("error: not enough heap for model1-1d at 2048 x 2048, batch 5: estimated")
                .contains("-Xmx").contains("HANZINET_XMX=");
        assertThat(cache).doesNotExist();
    }

    @Test
    void everyCommandHasHelp() {
        for (String cmd : List.of("generate", "train", "evaluate", "predict", "reproduce")) {
            CliRunner.Result r = CliRunner.run(cmd, "--help");
            assertThat(r.exitCode()).isZero();
            assertThat(r.out()).contains("Usage: hanzinet " + cmd);
        }
        assertThat(CliRunner.run("train", "--help").out()).contains("--image-size", "--head", "--profile", "--lr",
                "--resume", "--seed", "--threads", "--data");
    }
}
