package org.hanzinet.examples.data;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.examples.config.RunConfig;

/**
 * The default data: the synthetic CTW-format set, generated deterministically on first use into
 * {@code <cache>/synthetic-ctw/v<generator version>-n<count>-s<size>-seed<seed>/} ({@code annotations.jsonl} + {@code images/*.jpg}) and reused
 * afterwards. A {@code COMPLETE} marker is written last, so an interrupted generation is redone.
 */
public final class SyntheticCache {
    /** Seed of the synthetic set (independent of the training seed, so changing --seed keeps the data). */
    public static final long SEED = org.hanzinet.data.synthetic.SyntheticCtw.DEFAULT_SEED;
    /**
     * Smallest side the synthetic photos are drawn at: scenes are designed at this size, and smaller
     * training sizes are area-averaged down from it (as real 2048 px photos are).
     */
    public static final int MIN_GENERATED_SIZE = org.hanzinet.data.synthetic.SyntheticCtw.DEFAULT_SIZE;
    /** Image count used when {@code --images 0} (all) is asked of the synthetic set. */
    public static final int DEFAULT_COUNT = 60;

    private SyntheticCache() {}

    /** {@code data} when given (checked to exist), else the cached synthetic set for {@code cfg}'s size and count. */
    public static Path resolveDataDir(Path data, Path cacheRoot, RunConfig cfg, PrintWriter out) throws IOException {
        if (data != null) {
            if (!Files.exists(data)) {
                throw new IllegalArgumentException("--data: no such file or folder: " + data.toAbsolutePath());
            }
            return data.toAbsolutePath();
        }
        int count = cfg.images() == 0 ? DEFAULT_COUNT : cfg.images();
        int size = Math.max(cfg.imageSize(), MIN_GENERATED_SIZE);
        Path dir = cacheRoot.resolve("synthetic-ctw")
                .resolve(String.format(Locale.ROOT, "v%d-n%d-s%d-seed%d",
                        org.hanzinet.data.synthetic.SyntheticCtw.GENERATOR_VERSION, count, size, SEED));
        if (!Files.exists(dir.resolve("COMPLETE"))) {
            generate(dir, count, size, SEED, out);
        }
        return dir.toAbsolutePath();
    }

    /** Generates {@code count} synthetic images of {@code size x size} into {@code dir}. */
    public static void generate(Path dir, int count, int size, long seed, PrintWriter out) throws IOException {
        if (count < 1 || size < 16) {
            throw new IllegalArgumentException("synthetic set needs count >= 1 and size >= 16, got " + count + ", " + size);
        }
        out.printf(Locale.ROOT, "Generating the synthetic CTW set: %d images of %d x %d, seed %d, into %s%n", count, size,
                size, seed, dir.toAbsolutePath());
        out.flush();
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("COMPLETE"));
        org.hanzinet.data.synthetic.SyntheticCtw.generate(dir, count, size, seed);
        AtomicFiles.writeString(dir.resolve("COMPLETE"), "count=" + count + " size=" + size + " seed=" + seed + "\n");
    }
}
