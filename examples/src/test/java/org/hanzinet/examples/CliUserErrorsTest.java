package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A user's mistake ends as one line on stderr naming the file, line, field or value, with a non-zero exit
 * code; the stack trace only in debug mode (HANZINET_DEBUG=1). The library's log reaches a user who runs
 * without --add-modules as one line, and nothing else.
 */
class CliUserErrorsTest {
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

    static CliRunner.Result debugRun(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(true);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliRunner.Result(cl.execute(args), out.toString(), err.toString());
    }

    /** The only line of {@code r}'s stderr (fails when there are more), after checking the exit code. */
    static String oneErrorLine(CliRunner.Result r, int exitCode) {
        assertThat(r.exitCode()).as(r.err()).isEqualTo(exitCode);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("stderr must be one line:%n%s", r.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ");
        return lines.get(0);
    }

    Path copyOfData(String name) throws IOException {
        Path copy = Files.createDirectories(tmp.resolve(name));
        try (var s = Files.list(data)) {
            for (Path p : s.toList()) {
                Files.copy(p, copy.resolve(p.getFileName()));
            }
        }
        return copy;
    }

    CliRunner.Result train(Path dataDir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", dataDir.toString(), "--image-size", "32",
                "--images", "12", "--epochs", "1", "--threads", "1", "--runs", tmp.resolve("runs-" + dataDir.getFileName()).toString()));
        args.addAll(Arrays.asList(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @Test
    void aMalformedCtwFileIsOneLineNamingFileLineAndFieldAndTheTraceComesOnlyInDebugMode() throws IOException {
        Path bad = copyOfData("bad-ctw");
        List<String> lines = Files.readAllLines(bad.resolve("train.jsonl"));
        lines.set(1, lines.get(1).replace("\"width\":32", "\"width\":-32"));
        Files.write(bad.resolve("train.jsonl"), lines);
        String line = oneErrorLine(train(bad), 1);
        assertThat(line).isEqualTo("error: " + bad.resolve("train.jsonl") + ":2: field width: expected a positive whole "
                + "number, found number -32 (image 0000001)");

        CliRunner.Result debug = debugRun("train", "--data", bad.toString(), "--image-size", "32", "--runs",
                tmp.resolve("runs-debug").toString());
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.err()).contains("CtwFormatException").contains("\tat org.hanzinet.data.ctw.CtwReader");
        assertThat(debug.err().lines().reduce((a, b) -> b).orElseThrow()).isEqualTo(line);
    }

    @Test
    void aBrokenPhotoIsOneLineNamingTheFile() throws IOException {
        Path broken = copyOfData("broken-photo");
        Path png = broken.resolve("0000003.png");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(oneErrorLine(train(broken), 1)).startsWith("error: " + png + ": ");
    }

    @Test
    void dataPointingAtAPhotoOrACheckpointIsNotACtwJsonlFile() throws IOException {
        Path photo = tmp.resolve("photo.jpg");
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR), "jpg", photo.toFile());
        for (Path notCtw : List.of(photo, run.resolve("checkpoint.safetensors"))) {
            assertThat(oneErrorLine(train(notCtw), 1)).startsWith("error: " + notCtw + ":1: not a CTW JSONL file (UTF-8 "
                    + "text, one JSON object per line): ");
        }
    }

    @Test
    void badOptionsAreOneLineWithTheUsageExitCode() {
        assertThat(oneErrorLine(CliRunner.run("train", "--epochs", "ten"), 2))
                .isEqualTo("error: Invalid value for option '--epochs': 'ten' is not an int (see: hanzinet train --help)");
        assertThat(oneErrorLine(CliRunner.run("predict", "--run", "x", "--input", "y", "--treshold", "0.3"), 2))
                .isEqualTo("error: Unknown options: '--treshold', '0.3' (see: hanzinet predict --help)");
    }

    @Test
    void anAbsurdImageSizeIsRefusedWithTheLargestThatFits() {
        String line = oneErrorLine(CliRunner.run("train", "--data", data.toString(), "--image-size", "50000", "--runs",
                tmp.resolve("runs-huge").toString()), 1);
        // a = ((50000 - 4) / 2 - 4) / 2 = 12497 and 16 a^2 = 2,498,800,144 inputs to fc1.
        assertThat(line).isEqualTo("error: --image-size 50000 is too large for model1 at batch 5: fc1.weight "
                + "[253, 2498800144] would hold 632,196,436,432 elements, more than the 2,147,483,639 a Java array can; "
                + "the largest --image-size for model1 at batch 5 is 2927");
        assertThat(tmp.resolve("runs-huge")).doesNotExist();
    }

    @Test
    void aCheckpointThatIsAFolderIsNamed() throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("run-with-folder"));
        Files.copy(run.resolve("config.json"), copy.resolve("config.json"));
        Path ckpt = Files.createDirectories(copy.resolve("checkpoint.safetensors"));
        assertThat(oneErrorLine(CliRunner.run("predict", "--run", copy.toString(), "--input", data.toString()), 1))
                .isEqualTo("error: " + ckpt + ": is a folder, not a safetensors file");
    }

    @Test
    void aFolderNamedLikeAPhotoIsNamed() throws IOException {
        Path photos = Files.createDirectories(tmp.resolve("photos"));
        Files.createDirectories(photos.resolve("x.jpg"));
        CliRunner.Result r = CliRunner.run("predict", "--run", run.toString(), "--input", photos.toString(), "--out",
                tmp.resolve("pred").toString());
        // predict reports it and skips it (PredictFolderTest); the decoder names it too (ImageDecoderTest).
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains(photos.resolve("x.jpg").toString()).doesNotContain("input == null")
                .doesNotContain("\tat ");
    }

    @Test
    void anIoErrorNamesThePathAndTheRootCause() {
        UncheckedIOException full = new UncheckedIOException("cannot write /runs/a/overlays/x.png",
                new IIOException("I/O error writing PNG file!", new IOException("No space left on device")));
        assertThat(Main.message(full))
                .isEqualTo("cannot write /runs/a/overlays/x.png: I/O error writing PNG file! (No space left on device)");
        assertThat(Main.message(new java.nio.file.AccessDeniedException("/runs/a/report.md")))
                .isEqualTo("permission denied: /runs/a/report.md");
    }

    /**
     * The launcher a user might bypass: {@code java -jar} without {@code --add-modules}. The JVM's stderr
     * must be exactly the library's one-line hint, in the CLI's format (no SLF4J notice, no two-line
     * java.util.logging record, no progress noise when progress is off).
     */
    @Test
    void withoutTheVectorModuleTheUserSeesOneLineNamingTheFlagAndNothingElse() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "train", "--data", data.toString(), "--image-size", "32", "--images", "12",
                "--epochs", "1", "--batch-size", "4", "--threads", "1", "--runs", tmp.resolve("runs-plain").toString());
        pb.environment().put("HANZINET_PROGRESS", "off");
        pb.environment().remove("HANZINET_DEBUG");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Path errFile = tmp.resolve("plain.err");
        pb.redirectError(errFile.toFile()).redirectOutput(tmp.resolve("plain.out").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String err = Files.readString(errFile);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err.lines().toList()).containsExactly("warning: hanzinet kernels: scalar fallback: the "
                + "jdk.incubator.vector module is not loaded; start the JVM with --add-modules jdk.incubator.vector for the "
                + "fast path");
    }
}
