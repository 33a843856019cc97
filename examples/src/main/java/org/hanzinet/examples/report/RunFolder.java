package org.hanzinet.examples.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hanzinet.core.io.AtomicFiles;

/**
 * The files of one run, e.g. {@code runs/20261124-011500-model1-1d/}: {@code config.json},
 * {@code losses.csv}, {@code loss-curve.png}, {@code checkpoint.safetensors}, {@code metrics.json},
 * {@code overlays/*.png}, {@code report.md}, {@code history.jsonl}, {@code predictions/}.
 */
public record RunFolder(Path dir) {
    private static final Pattern LEGACY_CHECKPOINT_TEMP = Pattern.compile("\\.checkpoint\\.safetensors\\.[0-9]+\\.tmp");
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

    /**
     * Deletes the temporary files that a killed write left in this folder, {@code overlays/} and
     * {@code predictions/} (names of {@link AtomicFiles#isTempName} form, and the
     * {@code .checkpoint.safetensors.<digits>.tmp} files of versions before it); returns them. Only for
     * a run no other process is writing to (a start or a resume of training).
     */
    public List<Path> removeStaleTemps() throws IOException {
        List<Path> removed = new ArrayList<>();
        for (Path d : List.of(dir, overlays(), predictions())) {
            removed.addAll(AtomicFiles.removeStaleTemps(d));
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (LEGACY_CHECKPOINT_TEMP.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)
                        && Files.deleteIfExists(p)) {
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    /**
     * Removes this folder when no epoch finished in it (no checkpoint): the files training writes before
     * the first checkpoint, stale temporary files, then the folder itself if nothing else is in it.
     *
     * @return true when the folder is gone
     */
    public boolean removeIfNoCheckpoint() throws IOException {
        if (Files.exists(checkpoint())) {
            return false;
        }
        removeStaleTemps();
        for (Path f : List.of(config(), losses(), lossCurve(), report(), history())) {
            Files.deleteIfExists(f);
        }
        try (Stream<Path> s = Files.list(dir)) {
            if (s.findAny().isPresent()) {
                return false;
            }
        }
        Files.delete(dir);
        return true;
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

    public Path predictions() {
        return dir.resolve("predictions");
    }

    /** One JSON line per training session: start, resume, and what changed on resume. */
    public Path history() {
        return dir.resolve("history.jsonl");
    }
}
