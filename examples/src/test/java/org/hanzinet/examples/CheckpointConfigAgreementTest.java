package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.LossCsv;
import org.hanzinet.examples.train.Architecture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint records its architecture and configuration; commands refuse one that does not match, never silently. */
class CheckpointConfigAgreementTest {
    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void data() throws IOException {
        System.setProperty("java.awt.headless", "true");
        data = TinyCtw.write(tmp.resolve("ctw"), 6, 16, 3);
    }

    private Path train(String head, String runs, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", "model1", "--head", head, "--data",
                data.toString(), "--image-size", "16", "--images", "6", "--epochs", "2", "--batch-size", "2",
                "--lr", "0.05", "--threads", "1", "--runs", tmp.resolve(runs).toString()));
        args.addAll(List.of(more));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        try {
            return CliSmokeTest.onlyRunFolder(tmp.resolve(runs));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theCheckpointRecordsItsArchitectureInItsMetadata() throws IOException {
        Path run = train("2d", "runs");
        JsonNode arch = Json.MAPPER.readTree(SafeTensors.readMetadata(run.resolve("checkpoint.safetensors"))
                .get(Architecture.KEY));
        assertThat(arch.get("model").asText()).isEqualTo("model1");
        assertThat(arch.get("head").asText()).isEqualTo("2d");
        assertThat(arch.get("imageSize").asInt()).isEqualTo(16);
    }

    @Test
    void predictEvaluateAndResumeRefuseACheckpointOfAnotherHead() throws IOException {
        Path oneD = train("1d", "runs1", "--stop-after", "1");
        Path twoD = train("2d", "runs2");
        // Same parameter shapes: only the recorded architecture tells them apart.
        Files.copy(twoD.resolve("checkpoint.safetensors"), oneD.resolve("checkpoint.safetensors"),
                StandardCopyOption.REPLACE_EXISTING);
        Path ckpt = oneD.resolve("checkpoint.safetensors");
        String expected = "error: " + ckpt + " was trained as model1 2d head, 16 x 16 px but " + oneD.resolve("config.json")
                + " describes model1 1d head, 16 x 16 px (different head)";
        List<CliRunner.Result> results = List.of(
                CliRunner.run("predict", "--run", oneD.toString(), "--input", data.resolve("0000001.png").toString(),
                        "--out", tmp.resolve("pred").toString()),
                CliRunner.run("evaluate", "--run", oneD.toString()),
                CliRunner.run("train", "--resume", oneD.toString()));
        for (CliRunner.Result r : results) {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith(expected);
        }
        assertThat(tmp.resolve("pred")).doesNotExist();
        assertThat(oneD.resolve("metrics.json")).doesNotExist();
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheRunsHyperParameters() throws IOException {
        Path run = train("1d", "runs", "--stop-after", "1");
        byte[] before = Files.readAllBytes(run.resolve("checkpoint.safetensors"));
        for (List<String> opts : List.of(List.of("--lr", "0.1"), List.of("--model", "model2"),
                List.of("--batch-size", "3", "--momentum", "0.5"))) {
            List<String> args = new java.util.ArrayList<>(List.of("train", "--resume", run.toString()));
            args.addAll(opts);
            CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(opts.toString()).isEqualTo(1);
            assertThat(r.err()).contains("error: --resume continues " + run + " with its own configuration: " + opts.get(0))
                    .contains("cannot change (only --epochs, --threads, --data, --stop-after, --cache-dir can)");
        }
        assertThat(Files.readAllBytes(run.resolve("checkpoint.safetensors"))).isEqualTo(before);
    }

    @Test
    void resumeRefusesAConfigJsonEditedSinceTheCheckpointNamingEachField() throws IOException {
        Path run = train("1d", "runs", "--stop-after", "1");
        ObjectNode cfg = (ObjectNode) Json.MAPPER.readTree(run.resolve("config.json").toFile());
        cfg.put("lr", 0.5);
        cfg.put("epochs", 4);
        Json.write(run.resolve("config.json"), cfg);
        CliRunner.Result r = CliRunner.run("train", "--resume", run.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: " + run.resolve("config.json") + " differs from the configuration of its "
                + "checkpoint (epoch 1): epochs 4 (checkpoint: 2), lr 0.5 (checkpoint: 0.05)");
        assertThat(LossCsv.read(run.resolve("losses.csv"))).hasSize(1);
    }

    @Test
    void resumeWithMoreEpochsTrainsThemAndRecordsTheChange() throws IOException {
        Path run = train("1d", "runs");
        assertThat(LossCsv.read(run.resolve("losses.csv"))).hasSize(2);
        CliRunner.Result below = CliRunner.run("train", "--resume", run.toString(), "--epochs", "1");
        assertThat(below.exitCode()).isEqualTo(1);
        assertThat(below.err()).contains("--epochs 1 is below the 2 epochs this run has already finished");

        CliRunner.Result r = CliRunner.run("train", "--resume", run.toString(), "--epochs", "3");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Changed on resume (recorded in history.jsonl): epochs 2 -> 3")
                .contains("Resuming model1-1d after epoch 2 of 3").contains("Epoch [3/3]");
        assertThat(LossCsv.read(run.resolve("losses.csv"))).hasSize(3);
        assertThat(Json.MAPPER.readTree(run.resolve("config.json").toFile()).get("epochs").asInt()).isEqualTo(3);
        List<String> history = Files.readAllLines(run.resolve("history.jsonl"));
        assertThat(history).hasSize(2);
        assertThat(Json.MAPPER.readTree(history.get(0)).get("event").asText()).isEqualTo("start");
        JsonNode resume = Json.MAPPER.readTree(history.get(1));
        assertThat(resume.get("event").asText()).isEqualTo("resume");
        assertThat(resume.get("afterEpoch").asInt()).isEqualTo(2);
        assertThat(resume.at("/changes/epochs/from").asInt()).isEqualTo(2);
        assertThat(resume.at("/changes/epochs/to").asInt()).isEqualTo(3);

        // The next resume continues from the extended configuration, with nothing changed.
        CliRunner.Result again = CliRunner.run("train", "--resume", run.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).doesNotContain("Changed on resume").contains("after epoch 3 of 3");
    }
}
