package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hanzinet.data.testing.RectsCtw;
import org.hanzinet.examples.eval.PhotoMetrics;
import org.hanzinet.examples.report.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --all}: the CLI plumbing with a tiny trained run, and its one-line refusals. */
class EvaluateAllTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    @BeforeAll
    static void trainOnce() throws IOException {
        CliRunner.TinyRun tiny = CliRunner.trainTiny(tmp, 12, 32, 11, 4);
        data = tiny.data();
        run = tiny.run();
    }

    @Test
    void scoresEveryPhotoOfAFolderAndWritesMetricsReportAndOverlays() throws IOException {
        // The reference model's head up-samples to the 32 x 32 training size, so on 32 x 32 photos it runs.
        CliRunner.Result r = CliRunner.run("evaluate", "--all", "--run", run.toString(), "--data", data.toString(),
                "--overlays", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("12 photos of").contains("pixels").contains("characters").contains(">=32");
        Path target = run.resolve("photos-ctw");
        PhotoMetrics m = Json.read(target.resolve("metrics.json"), PhotoMetrics.class);
        assertThat(m.photos()).isEqualTo(12);
        assertThat(m.pixels().images()).isEqualTo(12);
        try (var files = Files.list(target.resolve("overlays"))) {
            assertThat(files.count()).isEqualTo(3);
        }
        assertThat(Files.readString(target.resolve("report.md"))).contains("overlays/00-");
    }

    @Test
    void aModelWithAFixedSizeHeadIsRefusedOnLargerPhotos() {
        String line = CliUserErrorsTest.oneErrorLine(CliRunner.run("evaluate", "--all", "--run", run.toString(),
                "--data", RectsCtw.folder().toString()), 1);
        assertThat(line).contains("model1 cannot run on a").contains("fully convolutional");
    }

    @Test
    void missingRunOrDataAreOneLineErrors() {
        assertThat(CliUserErrorsTest.oneErrorLine(CliRunner.run("evaluate", "--all", "--run", run.toString()), 1))
                .contains("--data DIR");
        assertThat(CliUserErrorsTest.oneErrorLine(CliRunner.run("evaluate"), 1)).contains("--run RUN_DIR");
    }
}
