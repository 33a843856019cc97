package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.SafeTensors;
import org.hanzinet.data.testing.RectsCtw;
import org.hanzinet.examples.unet.UNetRuns;
import org.hanzinet.examples.report.RunFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --model unet} end to end on a tiny schedule (widths 4-8-16, 64 px crops of 128 px scenes):
 * the run folder's files, the validation F1 curve, resume after {@code --stop-after} bit for bit, and the
 * trained run used by {@code evaluate} (test scenes, and real photos at their own size) and {@code predict}.
 */
class UNetCliTest {
    @TempDir
    static Path tmp;
    static Path run;

    /** The tiny schedule's arguments; {@code more} adds options or replaces the value of one given here. */
    static String[] tiny(Path runs, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", "unet", "--widths", "4,8,16",
                "--scene-size", "128", "--scenes", "16", "--val-scenes", "4", "--test-scenes", "4", "--crop", "64",
                "--batch-size", "4", "--epochs", "2", "--threads", "1", "--runs", runs.toString(),
                "--cache-dir", tmp.resolve("cache").toString()));
        for (int i = 0; i < more.length; i += 2) {
            int at = args.indexOf(more[i]);
            if (at >= 0) {
                args.set(at + 1, more[i + 1]);
            } else {
                args.addAll(List.of(more[i], more[i + 1]));
            }
        }
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void trainTiny() throws IOException {
        System.setProperty("java.awt.headless", "true");
        CliRunner.Result r = CliRunner.run(tiny(tmp.resolve("runs")));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Epoch [2/2]").contains("images/s").contains("F1").contains("synthetic test scenes");
        run = CliSmokeTest.onlyRunFolder(tmp.resolve("runs"));
    }

    @Test
    void theRunFolderHoldsCheckpointCurvesAndTheTestSceneReport() throws IOException {
        for (String f : List.of("config.json", "checkpoint.safetensors", "losses.csv", "loss-curve.png", "val-f1.png",
                "report.md", "history.jsonl", "test-scenes/metrics.json", "test-scenes/report.md")) {
            assertThat(run.resolve(f)).as(f).isNotEmptyFile();
        }
        List<String> losses = Files.readAllLines(run.resolve("losses.csv"));
        assertThat(losses.get(0)).isEqualTo("epoch,train_loss,val_loss,val_f1,val_iou,lr,seconds,images_per_second");
        assertThat(losses).hasSize(3);
        assertThat(UNetRuns.isUNet(new RunFolder(run))).isTrue();
        assertThat(UNetRuns.config(new RunFolder(run)).widths()).containsExactly(4, 8, 16);
        assertThat(Files.readString(run.resolve("report.md"))).contains("| 2 |").contains("Synthetic test scenes");
    }

    @Test
    void resumingAfterStopAfterGivesTheUninterruptedRunBitForBit() throws IOException {
        Path runs = tmp.resolve("resumed");
        CliRunner.Result first = CliRunner.run(tiny(runs, "--stop-after", "1"));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path folder = CliSmokeTest.onlyRunFolder(runs);
        assertThat(Files.readAllLines(folder.resolve("losses.csv"))).hasSize(2);
        assertThat(folder.resolve("test-scenes")).doesNotExist(); // the run is not finished
        CliRunner.Result second = CliRunner.run("train", "--resume", folder.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains("Resuming unet-4-8-16 after epoch 1 of 2");
        Map<String, Tensor> a = SafeTensors.read(run.resolve("checkpoint.safetensors"));
        Map<String, Tensor> b = SafeTensors.read(folder.resolve("checkpoint.safetensors"));
        assertThat(b.keySet()).isEqualTo(a.keySet());
        for (String k : a.keySet()) {
            assertThat(b.get(k).data()).as(k).containsExactly(a.get(k).data());
        }
    }

    @Test
    void resumeReadsTheRecordedScenesAndRefusesScenesThatChanged() throws IOException {
        Path runs = tmp.resolve("changed");
        Path cache = tmp.resolve("cache-changed");
        CliRunner.Result first = CliRunner.run(tiny(runs, "--stop-after", "1", "--cache-dir", cache.toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path folder = CliSmokeTest.onlyRunFolder(runs);
        assertThat(Files.readString(folder.resolve("scenes.json"))).contains(cache.toString());
        Path annotations;
        try (var dirs = Files.list(cache.resolve("synthetic-ctw"))) {
            annotations = dirs.findFirst().orElseThrow().resolve("annotations.jsonl");
        }
        Files.writeString(annotations, Files.readString(annotations) + "\n"); // as if regenerated differently
        CliRunner.Result r = CliRunner.run("train", "--resume", folder.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("are not those the run trained on").contains(cache.toString());
    }

    @Test
    void resumeRefusesOptionsThatWouldChangeTheRun() {
        CliRunner.Result r = CliRunner.run("train", "--resume", run.toString(), "--epochs", "3");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--epochs").contains("U-Net");
    }

    @Test
    void predictWritesMapsAtThePhotosOwnSize() throws IOException {
        Path photo = RectsCtw.folder().resolve("images/train_ReCTS_000001.jpg");
        BufferedImage in = ImageIO.read(photo.toFile());
        Path out = tmp.resolve("pred");
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", photo.toString(), "--out",
                out.toString(), "--sides", "0,96");
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage mask = ImageIO.read(out.resolve("train_ReCTS_000001.jpg-mask.png").toFile());
        assertThat(List.of(mask.getWidth(), mask.getHeight())).containsExactly(in.getWidth(), in.getHeight());
        assertThat(out.resolve("train_ReCTS_000001.jpg-overlay.png")).isNotEmptyFile();
    }

    @Test
    void evaluateScoresTestScenesAndRealPhotos() throws IOException {
        CliRunner.Result test = CliRunner.run("evaluate", "--run", run.toString());
        assertThat(test.exitCode()).as(test.err()).isZero();
        assertThat(test.out()).contains("4 photos of synthetic test scenes").contains("pixels");
        CliRunner.Result all = CliRunner.run("evaluate", "--all", "--run", run.toString(), "--data",
                RectsCtw.folder().toString(), "--overlays", "1");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("5 photos of").contains("at long sides [128]").contains(">=32");
        assertThat(run.resolve("photos-rects-ctw/metrics.json")).isNotEmptyFile();
    }

    @Test
    void optionsOfTheOtherKindOfModelAreRefusedByName() {
        CliRunner.Result r = CliRunner.run(tiny(tmp.resolve("bad1"), "--head", "2d"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("--head").contains("unet");
        CliRunner.Result r2 = CliRunner.run("train", "--model", "model1", "--widths", "8,16");
        assertThat(r2.exitCode()).isEqualTo(1);
        assertThat(r2.err()).contains("--widths only apply to --model unet");
        CliRunner.Result r3 = CliRunner.run(tiny(tmp.resolve("bad3"), "--crop", "62"));
        assertThat(r3.exitCode()).isEqualTo(1);
        assertThat(r3.err()).contains("--crop must be a multiple of the U-Net's stride 4").contains("62");
        assertThat(tmp.resolve("bad3")).doesNotExist();
    }
}
