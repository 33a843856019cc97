package org.hanzinet.data.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.hanzinet.core.Parallel;
import org.hanzinet.core.Rng;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.data.ctw.CtwJsonWriter;

/**
 * A synthetic CTW-format data set: street-like pictures with Chinese signs, written as JPEGs plus an
 * {@code annotations.jsonl} exactly like the official CTW files, so everything that reads CTW reads it.
 * Output layout: {@code <outDir>/annotations.jsonl} and {@code <outDir>/images/<image_id>.jpg}.
 * Deterministic: the same seed and size give byte-identical files (for a given JDK), whatever the
 * count or thread count, because image {@code i} depends only on {@code (seed, i)}.
 */
public final class SyntheticCtw {
    /** The default set the examples train on when no real CTW data is given. */
    public static final int DEFAULT_COUNT = 60;
    public static final int DEFAULT_SIZE = 384;
    public static final long DEFAULT_SEED = 20_240_601L;
    /**
     * Version of the generator's output: bump it whenever the same (count, size, seed) would give other
     * files, so that caches keyed by it (the examples' default data) are not reused stale.
     */
    public static final int GENERATOR_VERSION = 2;
    static final String ANNOTATIONS = "annotations.jsonl";
    private static final String COMPLETE = ".complete";

    static {
        ImageIO.setUseCache(false); // encode in memory, no temp files
    }

    private SyntheticCtw() {
    }

    /**
     * Generates {@code count} images of {@code size x size} pixels into {@code outDir} (created if
     * needed; existing files of the same names are replaced) and returns the JSONL path.
     */
    public static Path generate(Path outDir, int count, int size, long seed) {
        if (count < 0 || size < 16) {
            throw new IllegalArgumentException("need count >= 0 and size >= 16, got count " + count + " size " + size);
        }
        Path images = outDir.resolve("images");
        try {
            Files.createDirectories(images);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + images, e);
        }
        String[] lines = new String[count];
        Parallel.forRange(count, 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                lines[i] = generateOne(images, i, size, seed);
            }
        });
        Path jsonl = outDir.resolve(ANNOTATIONS);
        try {
            return AtomicFiles.writeLines(jsonl, Arrays.asList(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * The default set ({@value #DEFAULT_COUNT} images of {@value #DEFAULT_SIZE} px) in {@code dir}:
     * generated on first use (a few seconds), reused afterwards. Returns the JSONL path.
     */
    public static Path ensureDefault(Path dir) {
        Path marker = dir.resolve(COMPLETE);
        String stamp = DEFAULT_COUNT + " " + DEFAULT_SIZE + " " + DEFAULT_SEED + " v" + GENERATOR_VERSION;
        try {
            if (Files.isRegularFile(marker) && Files.readString(marker).equals(stamp)
                    && Files.isRegularFile(dir.resolve(ANNOTATIONS))) {
                return dir.resolve(ANNOTATIONS);
            }
            Path jsonl = generate(dir, DEFAULT_COUNT, DEFAULT_SIZE, DEFAULT_SEED);
            AtomicFiles.writeString(marker, stamp);
            return jsonl;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the default synthetic set in " + dir, e);
        }
    }

    /** The image directory belonging to a generated {@code annotations.jsonl}. */
    public static Path imageDir(Path jsonl) {
        return jsonl.toAbsolutePath().getParent().resolve("images");
    }

    private static String generateOne(Path images, int index, int size, long seed) {
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + size);
        Scene scene = Scene.generate(size, rng);
        String id = String.format("%07d", index);
        String file = id + ".jpg";
        writeJpeg(scene, images.resolve(file));
        return CtwJsonWriter.line(id, file, size, size, scene.sentences, scene.ignores);
    }

    private static void writeJpeg(Scene scene, Path file) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            AtomicFiles.writeStream(file, raw -> {
                try (ImageOutputStream out = ImageIO.createImageOutputStream(raw)) {
                    writer.setOutput(out);
                    ImageWriteParam p = writer.getDefaultWriteParam();
                    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    p.setCompressionQuality(0.9f);
                    writer.write(null, new IIOImage(scene.image, null, null), p);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } finally {
            writer.dispose();
        }
    }
}
