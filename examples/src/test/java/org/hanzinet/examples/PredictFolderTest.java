package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** predict over a folder: unreadable entries are named and skipped, outputs never collide, bad thresholds refused. */
class PredictFolderTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    @BeforeAll
    static void trainOnce() throws IOException {
        CliRunner.TinyRun tiny = CliRunner.trainTiny(tmp, 6, 16, 3, 2);
        data = tiny.data();
        run = tiny.run();
    }

    @Test
    void brokenAndNonImageEntriesAreSkippedWithExitCode3AndTheRestIsPredicted() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("photos"));
        Files.copy(data.resolve("0000001.png"), in.resolve("a.png"));
        ImageIO.write(ImageIO.read(data.resolve("0000002.png").toFile()), "jpg", in.resolve("a.jpg").toFile());
        Files.writeString(in.resolve("broken.jpg"), "not a JPEG at all");
        Files.write(in.resolve("truncated.png"), java.util.Arrays.copyOf(Files.readAllBytes(in.resolve("a.png")), 60));
        Files.createDirectories(in.resolve("x.jpg"));
        Files.writeString(in.resolve("notes.txt"), "hello");
        Path out = tmp.resolve("pred");

        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", in.toString(), "--out",
                out.toString());

        assertThat(r.exitCode()).as(r.err()).isEqualTo(3);
        List<String> err = r.err().lines().toList();
        assertThat(err).filteredOn(l -> l.startsWith("skipped ")).hasSize(3);
        assertThat(err).anyMatch(l -> l.startsWith("skipped ") && l.contains("broken.jpg"))
                .anyMatch(l -> l.startsWith("skipped ") && l.contains("truncated.png"))
                .anyMatch(l -> l.equals("skipped " + in.resolve("x.jpg") + ": a directory, not a photo"))
                .anyMatch(l -> l.contains("ignored 1 entries") && l.contains("notes.txt"))
                .anyMatch(l -> l.startsWith("3 of 5 photos skipped (exit code 3)"));
        assertThat(r.err()).doesNotContain("\tat ");
        for (String name : List.of("a.jpg", "a.png")) {
            for (String kind : List.of("probability", "mask", "overlay")) {
                assertThat(out.resolve(name + "-" + kind + ".png")).isNotEmptyFile();
            }
        }
        // a.jpg and a.png are different photos: their maps must not have overwritten each other.
        assertThat(Files.readAllBytes(out.resolve("a.jpg-overlay.png")))
                .isNotEqualTo(Files.readAllBytes(out.resolve("a.png-overlay.png")));
        try (var s = Files.list(out)) {
            assertThat(s.count()).isEqualTo(6);
        }
    }

    @Test
    void namesThatCoincideOnceMadeFileSafeGetASuffix() throws IOException {
        Path in = Files.createDirectories(tmp.resolve("same"));
        Files.copy(data.resolve("0000001.png"), in.resolve("a b.png"));
        Files.copy(data.resolve("0000002.png"), in.resolve("a_b.png"));
        Path out = tmp.resolve("pred-same");
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", in.toString(), "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("a_b.png-mask.png")).isNotEmptyFile();
        assertThat(out.resolve("a_b.png-2-mask.png")).isNotEmptyFile();
    }

    @Test
    void aSinglePhotoThatCannotBeReadIsAnError() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.jpg"), "text");
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", bad.toString(), "--out",
                tmp.resolve("pred-bad").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bad.jpg");
    }

    @Test
    void aThresholdOutsideZeroToOneOrNaNIsRefusedWithTheValue() {
        for (String t : List.of("0", "1", "1.5", "-0.2", "NaN", "Infinity")) {
            CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input",
                    data.resolve("0000001.png").toString(), "--out", tmp.resolve("pred-t").toString(), "--threshold", t);
            assertThat(r.exitCode()).as(t).isEqualTo(1);
            assertThat(r.err().strip()).as(t).isEqualTo("error: --threshold must be between 0 and 1 (both excluded), got "
                    + Double.parseDouble(t));
        }
        assertThat(tmp.resolve("pred-t")).doesNotExist();
    }

    @Test
    void theExitCodesAreDocumentedInTheHelp() {
        assertThat(CliRunner.run("predict", "--help").out()).contains("Exit codes:").contains("3   some photos");
    }
}
