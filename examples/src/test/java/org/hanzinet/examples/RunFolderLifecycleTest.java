package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing left behind: stale temporary files go on resume, a run that never finished an epoch leaves no folder. */
class RunFolderLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void resumeRemovesTheTemporaryFilesOfKilledWritesAndNothingElse() throws IOException {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 6, 16, 3);
        CliRunner.Result first = CliRunner.run("train", "--data", data.toString(), "--image-size", "16", "--images", "6",
                "--epochs", "2", "--batch-size", "2", "--threads", "1", "--runs", tmp.resolve("runs").toString(),
                "--stop-after", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path run = CliSmokeTest.onlyRunFolder(tmp.resolve("runs"));
        // What kills during writes leave: ours (current and earlier naming), in the folder and its sub-folders.
        List<Path> stale = List.of(run.resolve(".checkpoint.safetensors.8123455.hanzinet.tmp"),
                run.resolve(".checkpoint.safetensors.4411.tmp"), run.resolve(".losses.csv.77.hanzinet.tmp"),
                run.resolve("overlays/.00-0000004.png.12.hanzinet.tmp"),
                run.resolve("predictions/.a.jpg-mask.png.3.hanzinet.tmp"));
        List<Path> keep = List.of(run.resolve("notes.tmp"), run.resolve(".checkpoint.safetensors.backup.tmp"),
                run.resolve("overlays/mine.png"));
        for (Path p : Stream.concat(stale.stream(), keep.stream()).toList()) {
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[1000]);
        }

        CliRunner.Result resumed = CliRunner.run("train", "--resume", run.toString());

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        stale.forEach(p -> assertThat(p).doesNotExist());
        keep.forEach(p -> assertThat(p).exists());
        assertThat(resumed.out()).contains("Removed " + stale.get(0) + " (left by an interrupted write)");
        try (Stream<Path> s = Files.list(run)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".hanzinet.tmp"));
        }
    }

    @Test
    void aTrainThatFailsWhileReadingItsDataLeavesNoRunFolder() throws IOException {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 6, 16, 3);
        Files.writeString(data.resolve("0000003.png"), "not a PNG");
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--image-size", "16", "--images", "6",
                "--epochs", "1", "--threads", "1", "--runs", runs.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("0000003.png");
        assertThat(runs).isEmptyDirectory();
    }

    @Test
    void aReproduceWhoseDataCannotBeReadLeavesNoFolder() throws IOException {
        Path data = TinyCtw.write(tmp.resolve("ctw"), 6, 16, 3);
        Files.writeString(data.resolve("0000002.png"), "not a PNG");
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        CliRunner.Result r = CliRunner.run("reproduce", "--data", data.toString(), "--image-size", "16", "--images", "6",
                "--epochs", "1", "--threads", "1", "--runs", runs.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("0000002.png");
        assertThat(runs).isEmptyDirectory();
    }

    @Test
    void aTrainThatFailsInItsFirstEpochRemovesTheFolderItCreated() throws IOException {
        // Above 512 px images are decoded when a batch needs them: every photo broken fails the first batch,
        // after config.json, losses.csv and the loss curve have been written.
        Path data = TinyCtw.write(tmp.resolve("ctw"), 4, 16, 3);
        try (Stream<Path> s = Files.list(data)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.writeString(p, "broken");
            }
        }
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--image-size", "520", "--images", "4",
                "--epochs", "1", "--batch-size", "1", "--threads", "1", "--runs", runs.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Removed the run folder").contains("(no epoch had finished)");
        assertThat(runs).isEmptyDirectory();
    }

    @Test
    void aFolderWithAFinishedEpochIsKeptWhenALaterEpochFails() throws IOException {
        // The run folder stays as soon as a checkpoint exists (NanStopTest covers the checkpoint itself).
        Path data = TinyCtw.write(tmp.resolve("ctw"), 6, 16, 3);
        CliRunner.Result r = CliRunner.run("train", "--data", data.toString(), "--image-size", "16", "--images", "6",
                "--epochs", "2", "--batch-size", "2", "--threads", "1", "--runs", tmp.resolve("runs").toString(),
                "--stop-after", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path run = CliSmokeTest.onlyRunFolder(tmp.resolve("runs"));
        assertThat(new org.hanzinet.examples.report.RunFolder(run).removeIfNoCheckpoint()).isFalse();
        assertThat(run.resolve("checkpoint.safetensors")).isNotEmptyFile();
        assertThat(run.resolve("config.json")).isNotEmptyFile();
    }
}
