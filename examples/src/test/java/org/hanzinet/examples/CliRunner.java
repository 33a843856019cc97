package org.hanzinet.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the CLI in-process and captures its output. */
final class CliRunner {
    record Result(int exitCode, String out, String err) {}

    /** A tiny CTW set in {@code dir/ctw} and the run folder of one epoch of model 1 trained on it. */
    record TinyRun(Path data, Path run) {}

    private CliRunner() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Writes {@code images} tiny photos of {@code size} px and trains model 1 on them for one epoch. */
    static TinyRun trainTiny(Path dir, int images, int size, long seed, int batchSize) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path data = TinyCtw.write(dir.resolve("ctw"), images, size, seed);
        Result r = run("train", "--data", data.toString(), "--image-size", Integer.toString(size), "--images",
                Integer.toString(images), "--epochs", "1", "--batch-size", Integer.toString(batchSize), "--threads", "1",
                "--runs", dir.resolve("runs").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        return new TinyRun(data, CliSmokeTest.onlyRunFolder(dir.resolve("runs")));
    }
}
