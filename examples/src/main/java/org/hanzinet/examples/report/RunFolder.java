package org.hanzinet.examples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The files of one run, e.g. {@code runs/20261124-011500-model1-1d/}: {@code config.json},
 * {@code losses.csv}, {@code loss-curve.png}, {@code checkpoint.safetensors}, {@code metrics.json},
 * {@code overlays/*.png}, {@code report.md}.
 */
public record RunFolder(Path dir) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** A new folder {@code <parent>/<timestamp>-<name>} (suffixed -2, -3 ... if it exists). */
    public static RunFolder create(Path parent, String name) throws IOException {
        String base = LocalDateTime.now().format(STAMP) + "-" + name;
        Path dir = parent.resolve(base);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(base + "-" + i);
        }
        Files.createDirectories(dir);
        return new RunFolder(dir);
    }

    /** An existing run folder; fails naming the path when it is not one. */
    public static RunFolder existing(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.json"))) {
            throw new IllegalArgumentException("not a run folder (no config.json): " + dir.toAbsolutePath());
        }
        return new RunFolder(dir);
    }

    public Path config() {
        return dir.resolve("config.json");
    }

    public Path losses() {
        return dir.resolve("losses.csv");
    }

    public Path lossCurve() {
        return dir.resolve("loss-curve.png");
    }

    public Path checkpoint() {
        return dir.resolve("checkpoint.safetensors");
    }

    public Path metrics() {
        return dir.resolve("metrics.json");
    }

    public Path overlays() {
        return dir.resolve("overlays");
    }

    public Path report() {
        return dir.resolve("report.md");
    }
}
